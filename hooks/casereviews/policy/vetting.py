"""Vetting: what of each file is, or will be, published is checked before anything is built.

Two checks read exactly that text: the anonymisation check (identifying details) and the
check that nothing is loaded from another host. The cache of anonymisation results is here.

What is checked is what is, or will be, published:

- a draft: nothing (it is checked when it stops being a draft);
- a withdrawn review: what its notice shows (title, board, date, reason) and its address;
- any other review (published, embargoed, archived, or one whose status is missing or
  wrong, which is checked as if published): every front-matter value but the acceptances,
  the body, the file name and old addresses;
- theme pages and other pages: everything.

A file is checked whatever else is wrong with it, so an author sees every finding in one
run. The findings of a file depend only on its bytes, its address and the checker (rules and
names), so they are cached under a hash of those three: an unchanged file costs nothing on
the next build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import urls
from ..load.catalogue import Site, load_site
from ..load.memo import LoadMemo
from ..model.fields import UK_TIME
from ..model.messages import message
from ..model.published_text import document_addresses, document_units
from ..model.source import SourceDocument
from ..model.vocabulary import Status
from ..problems import Problem, Severity
from ..rules import embeds
from ..rules.anonymisation import RULES, Checker, Finding, TextUnit, unused_acceptances
from ..rules.manifest import MANIFEST_NAME, read_manifest
from ..settings import EnvironmentVariables
from .links import links_to_unpublished
from .publication import draft_files, publishes_body

PERSONAL_NAME = "personal-name"
LISTED_NAME = "listed-name"
#: Front-matter keys a withdrawal notice shows.
NOTICE_KEYS = ("title", "board", "withdrawn_on", "withdrawn_reason")


def names_allowed(meta: dict[str, Any]) -> list[str]:
    """Names a review publishes on purpose: its reviewers (Working Together 2018).

    Pseudonyms are not among them: a real name typed as a pseudonym must still be found.
    A pseudonym that reads as a full name ("Ellie Grant") is accepted like any finding.
    """
    value = meta.get("reviewer")
    return [entry.strip() for entry in (value if isinstance(value, list) else [value]) if isinstance(entry, str)]


def acceptances(meta: dict[str, Any]) -> list[dict[str, str]]:
    """The well-formed entries of `accepted_findings` (a malformed one is reported elsewhere)."""
    entries = meta.get("accepted_findings")
    return [
        {key: str(entry[key]).strip() for key in ("rule", "text", "reason")}
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and all(isinstance(entry.get(key), str) for key in ("rule", "text", "reason"))
    ]


class FindingsCache:
    """Findings of a file by the hash of what they depend on; a folder of small JSON files, and
    in front of it, when given, a dictionary kept by a long-lived process (`ContentMemo`)."""

    def __init__(self, folder: Path | None, memory: dict[str, list[Finding]] | None = None) -> None:
        self.folder = folder
        self.memory = memory
        #: The keys asked for (to drop the rest of `memory`).
        self.used: set[str] = set()

    def get(self, key: str) -> list[Finding] | None:
        self.used.add(key)
        if self.memory is not None and key in self.memory:
            return list(self.memory[key])
        if self.folder is None:
            return None
        try:
            stored = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            findings = [Finding(**entry) for entry in stored]
        except (OSError, ValueError, TypeError):
            return None
        if self.memory is not None:
            self.memory[key] = list(findings)
        return findings

    def put(self, key: str, findings: list[Finding]) -> None:
        if self.memory is not None:
            self.memory[key] = list(findings)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps([asdict(finding) for finding in findings]), encoding="utf-8")
            temporary.replace(self.folder / f"{key}.json")
        except OSError:
            pass  # a cache that cannot be written only costs time


class AnonymityCheck:
    """Checks files for identifying details, as published, with cached results."""

    def __init__(self, checker: Checker, cache: FindingsCache) -> None:
        self.checker = checker
        self.cache = cache
        self.fingerprint = checker.fingerprint()

    def review(self, document: SourceDocument, slug: str) -> list[Finding]:
        """Findings in what is, or will be, published of one review file."""
        status = document.meta.get("status")
        if status == Status.DRAFT:
            return []
        only = NOTICE_KEYS if status == Status.WITHDRAWN else None
        return self._cached(document, slug, only)

    def page(self, document: SourceDocument) -> list[Finding]:
        """Findings in a theme page or another page: all of it."""
        return self._cached(document, None, None)

    def _cached(self, document: SourceDocument, slug: str | None, only: Iterable[str] | None) -> list[Finding]:
        key = hashlib.sha256(
            "\0".join((self.fingerprint, document.path, slug or "", ",".join(only or ()), document.digest)).encode()
        ).hexdigest()
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        accepted, allowed = acceptances(document.meta), names_allowed(document.meta)
        findings = self.checker.check(document_units(document, only=only), accepted, allowed)
        if slug is not None:
            findings += self._address_findings(document_addresses(document, slug), findings, accepted, allowed)
        findings.sort(key=lambda finding: (finding.line, finding.rule, finding.text, finding.field or ""))
        self.cache.put(key, findings)
        return findings

    def _address_findings(
        self,
        addresses: list[TextUnit],
        text_findings: list[Finding],
        accepted: list[dict[str, str]],
        allowed: list[str],
    ) -> list[Finding]:
        """Findings in a review's addresses: every rule but the guess at names (ordinary words in
        title case read as names), plus any name found in the file's text that the address repeats."""
        found = [
            finding for finding in self.checker.check(addresses, accepted, allowed) if finding.rule != PERSONAL_NAME
        ]
        names = {finding.text: finding.accepted_because for finding in text_findings if finding.rule == PERSONAL_NAME}
        for unit in addresses:
            words = f" {unit.text.casefold()} "
            found.extend(
                Finding(unit.path, unit.line, PERSONAL_NAME, name, unit.field, reason)
                for name, reason in names.items()
                if f" {' '.join(name.casefold().split())} " in words
            )
        return found


@dataclass
class ContentMemo:
    """What a long-lived process (the preview) keeps from one check of content/ to the next:
    parsed files and records (see `load.memo`), each file's findings by the hash of what they
    depend on, the checker while the list of names is unchanged, and each file's loads from
    other hosts by its path and digest. A check with a memo finds exactly what one without does."""

    load: LoadMemo = field(default_factory=LoadMemo)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    embeds: dict[tuple[str, str], list[Problem]] = field(default_factory=dict)
    checker: tuple[tuple[str, ...], Checker] | None = None
    #: Drafts' findings as if published, for the preview (see `draft_findings`).
    drafts: dict[str, list[Finding]] = field(default_factory=dict)

    def checker_for(self, never_publish: list[str]) -> Checker:
        names = tuple(never_publish)
        if self.checker is None or self.checker[0] != names:
            self.checker = (names, Checker(never_publish))
        return self.checker[1]


def vet(site: Site, cache_folder: Path | None, memo: ContentMemo | None = None) -> None:
    """Check what every file publishes, valid or not; add the findings and the problems."""
    checker = Checker(site.never_publish) if memo is None else memo.checker_for(site.never_publish)
    cache = FindingsCache(cache_folder, None if memo is None else memo.findings)
    check = AnonymityCheck(checker, cache)
    loads: dict[tuple[str, str], list[Problem]] = {}

    def foreign_loads(path: str, document: SourceDocument) -> list[Problem]:
        key = (path, document.digest)
        if key not in loads:
            known = memo.embeds.get(key) if memo is not None else None
            found = known if known is not None else embedded_problems(path, document)
            loads[key] = found
        return loads[key]

    problems: list[Problem] = []
    findings: list[Finding] = []
    for path, file in sorted(site.files.items()):
        document = file.document
        if file.review_slug is None:
            findings.extend(check.page(document))
            problems.extend(foreign_loads(path, document))
            continue
        found = check.review(document, file.review_slug)
        findings.extend(found)
        if publishes_body(document):
            problems.extend(foreign_loads(path, document))
        review = site.reviews.get(file.review_slug)
        for entry in unused_acceptances(found, review.accepted_findings if review else ()):
            wording = message("unused-acceptance", rule=entry["rule"], text=entry["text"])
            problems.append(
                Problem(path, document.line_of("accepted_findings"), "accepted_findings", wording, Severity.WARNING)
            )
    findings.sort(key=lambda finding: (finding.path, finding.line, finding.rule, finding.text, finding.field or ""))
    problems.extend(finding_problem(finding) for finding in findings if finding.accepted_because is None)
    site.findings = findings
    site.add_problems(problems)
    if memo is not None:
        memo.findings = {key: memo.findings[key] for key in cache.used if key in memo.findings}
        memo.embeds = loads


def finding_problem(finding: Finding) -> Problem:
    """A finding not accepted, as the problem an author reads: what it found, and its ways out
    (a listed name has one: removing it)."""
    detail = finding.text + f" (in {finding.field})" * bool(finding.field)
    if finding.rule == LISTED_NAME:
        wording = message(LISTED_NAME, "a listed name", detail=detail)
    else:
        rule = RULES.get(finding.rule)
        what = rule.description.split(":")[0].split(" (")[0] if rule else "identifying detail"
        quoted_text = finding.text.replace("\\", "\\\\").replace('"', '\\"')
        wording = message("identifying-detail", what, detail=detail, rule=finding.rule, text=quoted_text)
    return Problem(finding.path, finding.line, finding.rule, wording)


def embedded_problems(path: str, document: SourceDocument) -> list[Problem]:
    """A problem for each resource from another host that the body of `document` embeds."""
    return [
        Problem(
            path,
            document.body_line + load.line - 1,
            None,
            message("foreign-load", element=load.element, address=load.address),
        )
        for load in embeds.content_loads(document.body)
    ]


def as_published(document: SourceDocument) -> SourceDocument:
    """`document` read as if its status were published: what a draft will be checked as."""
    return dataclasses.replace(document, meta={**document.meta, "status": str(Status.PUBLISHED)})


def draft_findings(site: Site, memo: ContentMemo | None = None) -> dict[str, list[Problem]]:
    """What the anonymisation check would find in each draft were it published now (slug →
    the findings not accepted): the preview shows them on the draft's page. Kept in memory
    only (`memo`), never in the cache folder builds read."""
    checker = Checker(site.never_publish) if memo is None else memo.checker_for(site.never_publish)
    cache = FindingsCache(None, None if memo is None else memo.drafts)
    check = AnonymityCheck(checker, cache)
    found: dict[str, list[Problem]] = {}
    for path in sorted(draft_files(site)):
        file = site.files[path]
        if file.review_slug is not None:
            findings = check.review(as_published(file.document), file.review_slug)
            found[file.review_slug] = [finding_problem(item) for item in findings if item.accepted_because is None]
    if memo is not None:
        memo.drafts = {key: memo.drafts[key] for key in cache.used if key in memo.drafts}
    return found


#: Where `make build` publishes: its manifest lists every address already published.
SITE_FOLDER = "site"
_YEAR_PREFIX = re.compile(r"^(\d{4})-")
UNDATED = "undated-"


def published_addresses(project_dir: Path) -> frozenset[str]:
    """The addresses the current release published (none when there is no release yet)."""
    try:
        return read_manifest(project_dir / SITE_FOLDER / MANIFEST_NAME)
    except ValueError:
        return frozenset()


def naming_notices(site: Site, published: frozenset[str]) -> list[Problem]:
    """A file never published whose name says 'undated-' or a year other than its publication's:
    its name becomes its address for good once it is published, so now is the time to rename it."""
    notices = []
    for path, file in sorted(site.files.items()):
        slug = file.review_slug
        if slug is None or f"/{urls.review(slug)}" in published:
            continue
        review = site.reviews.get(slug)
        year = review.published.year if review is not None and "published" in file.document.meta else None
        written = _YEAR_PREFIX.match(slug)
        if slug.startswith(UNDATED):
            better = f"{year}-{slug.removeprefix(UNDATED)}.md" if year else "its year of publication, e.g. 2024-…"
            found = "starts 'undated-'"
        elif written and year is not None and int(written.group(1)) != year:
            better = f"{year}-{slug[5:]}.md"
            found = f"starts with {written.group(1)}, but the review was published in {year}"
        else:
            continue
        notices.append(
            Problem(path, None, "file name", message("file-name-notice", found, better=better), Severity.NOTICE)
        )
    return notices


def check_content(
    docs_dir: Path,
    now: dt.datetime,
    project_dir: Path,
    memo: ContentMemo | None = None,
    environment: EnvironmentVariables | None = None,
) -> Site:
    """Load and validate all content, then vet what it publishes: what `make check` runs.

    A long-lived process passes the same `memo` to every check: only what changed is read again.
    Findings are kept in the cache folder of `environment` (default: the process's)."""
    site = load_site(docs_dir, now.astimezone(UK_TIME).date(), project_dir, None if memo is None else memo.load)
    cache = (environment or EnvironmentVariables.read()).cache_folder(project_dir, "anonymisation")
    vet(site, cache, memo)
    site.add_problems(naming_notices(site, published_addresses(project_dir)))
    site.add_problems(links_to_unpublished(site, now))
    return site
