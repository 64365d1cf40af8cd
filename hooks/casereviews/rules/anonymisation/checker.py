"""The rules, the findings, and the checker that runs every rule over text units."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import names, patterns
from .dates import dates_of_birth_or_death
from .text import TextUnit, as_read, blank_markers, span_in

#: Bump whenever any rule's behaviour changes: it is part of the cache key of a checked file.
RULES_VERSION = "6"

Spans = Callable[[str], Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class Rule:
    """One kind of identifying detail: its name, what it finds, and how (None: the checker runs it)."""

    name: str
    description: str
    find: Spans | None = None


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "date-of-birth-or-death",
            "a full date in the same sentence as a birth or death word, when no other event is nearer to it",
            dates_of_birth_or_death,
        ),
        Rule("postcode", "a full UK postcode", patterns.postcodes),
        Rule(
            "street-address",
            "a house number and street; without a street-type word where the sentence speaks of a home",
            patterns.street_addresses,
        ),
        Rule("phone-number", "a telephone number, national or international form", patterns.phone_numbers),
        Rule("email-address", "an email address", patterns.email_addresses),
        Rule("nhs-number", "an NHS number (10 digits with a valid check digit)", patterns.nhs_numbers),
        Rule(
            "national-insurance-number",
            "a National Insurance number (two letters, six digits, A-D)",
            patterns.national_insurance_numbers,
        ),
        Rule(
            "named-institution",
            "a named school, nursery, GP practice, local hospital or care home",
            patterns.named_institutions,
        ),
        Rule("personal-name", "a person's name: given name and surname, or title and surname"),
        Rule("listed-name", "a name from the board's list of names never to publish"),
    )
}


@dataclass(frozen=True)
class Finding:
    """One likely identifying detail, where it is, and the reason it was accepted, if it was."""

    path: str
    line: int
    rule: str
    text: str
    field: str | None = None
    accepted_because: str | None = None

    def __str__(self) -> str:
        found = f"{self.path}:{self.line}: {self.rule}: {self.text}"
        if self.field:
            found += f" (in {self.field})"
        return f"{found} (accepted: {self.accepted_because})" if self.accepted_because else found


def read_name_list(text: str) -> list[str]:
    """Names from a list: one per line; blank lines and '#' comments ignored."""
    names_ = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return sorted({name for name in names_ if name}, key=lambda name: (-len(name), name))


#: Between the words of a listed name: any space, or the hyphen or underscore of an address.
_APART = r"[\s_-]+"


def listed_forms(listed: Iterable[str]) -> list[str]:
    """Patterns for each never-publish name as it may be written: its words separated by any
    space (two, a line break) or as in an address (`jayden-exampleton`), in any case, and
    "Surname, Given" as well as "Given Surname"."""
    forms: set[str] = set()
    for name in listed:
        words = as_read(name)[0].split()
        if not words:
            continue
        forms.add(_APART.join(map(re.escape, words)))
        if len(words) >= 2:
            forms.add(re.escape(words[-1]) + r"\s*,\s*" + _APART.join(map(re.escape, words[:-1])))
    return sorted(forms)


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sort_key(finding: Finding) -> tuple[str, int, str, str, str]:
    return (finding.path, finding.line, finding.rule, finding.text, finding.field or "")


class Checker:
    """Runs every rule over text units; knows the board's list of names and the field's public names."""

    def __init__(self, never_publish: Iterable[str] = (), *, known_names: Iterable[str] | None = None) -> None:
        self._never_publish = sorted(set(never_publish))
        listed = sorted(listed_forms(self._never_publish), key=lambda item: (-len(item), item))
        self._listed = re.compile(r"(?<!\w)(?:" + "|".join(listed) + r")(?!\w)", re.IGNORECASE) if listed else None
        if known_names is None:
            known_names = read_name_list(names.KNOWN_NAMES_FILE.read_text(encoding="utf-8"))
        self._known = sorted(set(known_names))
        self._known_tokens = [tokens for tokens in map(names.normalised_tokens, self._known) if tokens]
        self._medical = names.medical_terms()

    def fingerprint(self) -> str:
        """A stable hash of everything that decides the findings other than the text itself."""
        parts = [RULES_VERSION, names.model_version(), *self._never_publish, "\0", *self._known, "\0", *self._medical]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]

    def _spans(self, text: str) -> Iterator[tuple[str, int, int]]:
        for rule in RULES.values():
            if rule.find is not None:
                for start, end in rule.find(text):
                    yield rule.name, start, end
        if self._listed is not None:
            for match in self._listed.finditer(text):
                yield "listed-name", match.start(), match.end()

    def _known_institution(self, text: str) -> bool:
        tokens = names.normalised_tokens(text)
        size = len(tokens)
        return any(tuple(tokens[i : i + len(known)]) == known for known in self._known_tokens for i in range(size))

    def check(
        self,
        units: Iterable[TextUnit],
        accepted: Iterable[dict[str, str]] = (),
        allowed_names: Iterable[str] = (),
    ) -> list[Finding]:
        """Sorted, de-duplicated findings in the units, with acceptances applied.

        `accepted` holds a review's accepted_findings entries (rule, text, reason);
        `allowed_names` the names a review publishes on purpose (its reviewers): never a
        personal-name finding, though a name on the board's never-publish list always is. An inline
        marker `<!-- accept RULE: reason -->` in a unit accepts that rule's findings in that unit.
        """
        allow = [(entry["rule"], _normalised(entry["text"]), entry["reason"]) for entry in accepted]
        allowed = list(allowed_names)
        name_filter = names.NameFilter(self._known, allowed)
        prepared = []
        for unit in units:
            blanked, markers = blank_markers(unit.text)
            read, where = as_read(blanked)  # the rules read the text as a reader does
            prepared.append((unit, read, markers, where, blanked))
        ner_texts = [text for _, text, _, _, _ in prepared if names.needs_ner(text)]
        ner_spans = iter(names.ner_names(ner_texts)) if ner_texts else iter(())

        found: set[Finding] = set()
        for unit, text, markers, where, written in prepared:
            spans = list(self._spans(text))
            candidates = [(start, end, True) for start, end in names.title_names(text)]
            candidates += [(start, end, False) for start, end in names.particle_names(text)]
            if names.needs_ner(text):
                candidates += [(start, end, False) for start, end in next(ner_spans)]
            eponyms = names.eponym_spans(text, self._medical)
            for first, last, titled in candidates:
                start, end = names.extend_hyphenated(text, first, last)
                if any(start < eponym_end and eponym_start < end for eponym_start, eponym_end in eponyms):
                    continue  # "Treacher Collins syndrome": a condition, not a person
                if names.holds_office(text, start, end):
                    continue  # "the Minister of State, Beverley Hughes": named in a public office
                if name_filter.is_person(text[start:end], titled=titled):
                    spans.append(("personal-name", start, end))
            for rule, read_start, read_end in _longest_per_rule(spans):
                start, end = span_in(where, read_start, read_end)
                matched = written[start:end].strip()  # as written (as published), markers blanked
                if rule == "named-institution" and self._known_institution(matched):
                    continue
                reason = (
                    None
                    if rule == "listed-name"
                    else markers.get(rule)
                    or next(  # listed: never accepted
                        (why for name, wanted, why in allow if name == rule and wanted == _normalised(matched)),
                        None,
                    )
                )
                found.add(Finding(unit.path, unit.line_at(start), rule, matched, unit.field, reason))
        return sorted(found, key=_sort_key)


def _longest_per_rule(spans: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop a span that lies inside a longer span of the same rule ("Pryce" inside "Mrs Pryce")."""
    ordered = sorted(set(spans), key=lambda span: (span[0], span[1], -span[2]))
    kept: list[tuple[str, int, int]] = []
    for rule, start, end in ordered:
        if kept and kept[-1][0] == rule and kept[-1][1] <= start and end <= kept[-1][2]:
            continue
        kept.append((rule, start, end))
    return kept


def unused_acceptances(findings: Iterable[Finding], accepted: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Entries of `accepted_findings` that accept nothing any more (safe to remove)."""
    used = {(finding.rule, _normalised(finding.text)) for finding in findings if finding.accepted_because}
    return [entry for entry in accepted if (entry["rule"], _normalised(entry["text"])) not in used]
