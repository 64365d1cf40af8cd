"""Loading the whole site's content: themes, reviews, boards, and every problem with them.

`load_site` reads content/ strictly, without MkDocs, so `make check` and the build run
exactly the same validation. It never stops at the first problem: it returns every
problem in every file with the catalogue of what was valid, and every file as parsed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from .. import urls
from ..model.boards import BoardRegistry, near_duplicates, read_registry
from ..model.fields import SLUG_PATTERN, unknown_field
from ..model.messages import message
from ..model.reviews import Review, review_from_document
from ..model.source import RefusedShapeError, SourceDocument, load_strict_yaml, parse_document, plain_document
from ..model.themes import Theme, ThemeCatalogue, theme_from_document
from ..problems import Problem, Severity, sorted_problems
from ..rules.anonymisation import Finding, read_name_list
from .content_files import DATA_DIR, display_path, outside_content_problems
from .memo import LoadMemo

Record = TypeVar("Record")

REVIEWS_DIR = "reviews"
THEMES_DIR = "themes"
BOARDS_FILE = f"{DATA_DIR}/boards.yml"
NAMES_FILE = f"{DATA_DIR}/never-publish.txt"
#: Paths the build generates; an authored file or folder at these paths would clash.
RESERVED = (
    f"{THEMES_DIR}/index.md",
    f"{REVIEWS_DIR}/index.md",
    "years",
    "boards",
    "browse.md",
    "drafts.md",
    "drafts",
    "search.md",
    "search",
    "pagefind",
    "feed.xml",
    "reviews.json",
    "reviews.csv",
    "reviews.schema.json",
    "url-manifest.json",
)


@dataclass(frozen=True)
class ContentFile:
    """A file read from content/: its path within content/, its document, and its slug when it
    is a review."""

    uri: str
    document: SourceDocument
    review_slug: str | None = None


@dataclass
class Site:
    """Everything read from content/: valid records, every file as parsed, and the problems.

    It says nothing about what may be published: that is the policy's work (see
    `policy.public`), which is the only way renderers see any of it.
    """

    themes: ThemeCatalogue
    reviews: dict[str, Review]
    boards: BoardRegistry
    files: dict[str, ContentFile]
    never_publish: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.WARNING]

    @property
    def notices(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.NOTICE]

    def add_problems(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted_problems([*self.problems, *problems])


def load_site(docs_dir: Path, today: dt.date, project_dir: Path | None = None, memo: LoadMemo | None = None) -> Site:
    """Read and validate all content under `docs_dir`, as on the UK date `today`.

    Every file is parsed once; every problem in every file is collected. With a `memo` (kept
    by a long-lived process), only the files whose bytes changed since its last load are parsed
    and validated again.
    """
    docs_dir = Path(docs_dir)
    root = project_dir or docs_dir.parent
    problems: list[Problem] = []
    files: dict[str, ContentFile] = {}
    reader = _Reader(memo)
    if memo is not None:
        memo.begin()

    themes = ThemeCatalogue(_load_themes(docs_dir, root, problems, files, reader))
    problems.extend(themes.problems)
    reviews = _load_reviews(docs_dir, root, themes, today, problems, files, reader)
    problems.extend(_reserved_paths_problems(docs_dir, root))
    problems.extend(_duplicate_slugs(reviews))
    registry = _load_boards(docs_dir, root, problems)
    board_names = registry.display_names(review.board for review in reviews.values())
    for first, second in near_duplicates(
        (slug for slug in board_names),
        settled=_registered_pairs(registry, board_names),
    ):
        wording = message("board-spelt-two-ways", first=board_names[first], second=board_names[second])
        problems.append(Problem(display_path(docs_dir / BOARDS_FILE, root), None, "boards", wording, Severity.WARNING))

    problems.extend(_other_pages_problems(docs_dir, root, files, reader))
    problems.extend(outside_content_problems(docs_dir, root))
    site = Site(
        themes=themes,
        reviews=reviews,
        boards=registry,
        files=files,
        never_publish=_load_names(docs_dir, root, problems),
        problems=sorted_problems(problems),
    )
    if memo is not None:
        memo.end()
    return site


class _Reader:
    """Reads files into documents and validates them into records, through a memo when there is one."""

    def __init__(self, memo: LoadMemo | None) -> None:
        self.memo = memo

    def document(
        self, path: Path, shown_path: str, parse: Callable[[bytes, str], tuple[SourceDocument | None, list[Problem]]]
    ) -> tuple[SourceDocument | None, list[Problem]]:
        if self.memo is not None:
            return self.memo.read(path, shown_path, parse)
        try:
            raw = path.read_bytes()
        except OSError as error:
            return None, [Problem(shown_path, None, None, message("unreadable", reason=error.strerror))]
        return parse(raw, shown_path)

    def record(
        self,
        document: SourceDocument,
        context: str,
        make: Callable[[], tuple[Record | None, list[Problem]]],
    ) -> tuple[Record | None, list[Problem]]:
        """The record `make` validates from `document`; `context` names everything else it depends on."""
        if self.memo is None:
            return make()
        record, problems = self.memo.record((document.path, document.digest, context), make)
        return record, list(problems)


#: Fields MkDocs and Material read from the front matter of other pages (home, about).
PAGE_FIELDS = ("title", "description", "template", "hide")
#: A page's `template:`: a file name of the theme's, never a path (nothing outside the theme is read).
TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.html$")


def _other_pages(docs_dir: Path) -> list[Path]:
    """Markdown pages that are neither reviews, themes nor site data."""
    return [
        path
        for path in sorted(docs_dir.rglob("*.md"))
        if not path.relative_to(docs_dir).as_posix().startswith((f"{REVIEWS_DIR}/", f"{THEMES_DIR}/", f"{DATA_DIR}/"))
        and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
        and not path.is_symlink()  # refused, never read (`outside_content_problems`)
    ]


def _page_document(raw: bytes, shown_path: str) -> tuple[SourceDocument | None, list[Problem]]:
    """A page with front matter read strictly; one without, all body."""
    if not raw.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return plain_document(raw, shown_path), []
    return parse_document(raw, shown_path)


def _other_pages_problems(docs_dir: Path, root: Path, files: dict[str, ContentFile], reader: _Reader) -> list[Problem]:
    """Other pages' front matter is read as strictly as a review's: MkDocs would drop bad YAML."""
    problems: list[Problem] = []
    for path in _other_pages(docs_dir):
        shown_path = display_path(path, root)
        document, read_problems = reader.document(path, shown_path, _page_document)
        problems.extend(read_problems)
        if document is None:
            continue
        files[shown_path] = ContentFile(_uri(path, docs_dir), document)
        template = document.meta.get("template")
        if template is not None and (not isinstance(template, str) or not TEMPLATE_NAME.match(template)):
            wording = message("template", repr(template))
            problems.append(Problem(document.path, document.line_of("template"), "template", wording))
        for key in document.meta:
            if key not in PAGE_FIELDS:
                problems.append(Problem(document.path, document.line_of(key), key, unknown_field(key, PAGE_FIELDS)))
    return problems


def _uri(path: Path, docs_dir: Path) -> str:
    """A file's path within content/, as MkDocs names it (its src_uri)."""
    return path.relative_to(docs_dir).as_posix()


def _check_slug(path: Path, root: Path, problems: list[Problem]) -> bool:
    if SLUG_PATTERN.match(path.stem):
        return True
    words = "-".join(urls.name_words(path.stem))
    suggestion = f"{words}.md" if words else "2007-tower-hamlets-child-m.md"
    problems.append(
        Problem(display_path(path, root), None, None, message("file-name", name=path.name, suggestion=suggestion))
    )
    return False


def _markdown_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The .md files directly in `folder`; anything in a subfolder is a problem."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.is_symlink():
            continue  # a link is refused, never read (`outside_content_problems`)
        if path.suffix != ".md":
            wording = message("not-markdown", folder=display_path(folder, root))
            problems.append(Problem(display_path(path, root), None, None, wording))
        elif path.parent != folder:
            wording = message("in-subfolder", folder=display_path(folder, root))
            problems.append(Problem(display_path(path, root), None, None, wording))
        elif path.name != "index.md":
            files.append(path)
    return files


def _read_records(
    folder: Path,
    root: Path,
    problems: list[Problem],
    record_from: Callable[[str, SourceDocument], tuple[Record | None, list[Problem]]],
    files: dict[str, ContentFile],
    review_files: bool,
    reader: _Reader,
    context: str,
) -> list[Record]:
    """Read every Markdown file of a folder strictly and validate each into a record.

    Every file parsed is kept in `files`, valid or not, for the checks of what is published.
    `context` names what a record depends on besides its file (for the memo).
    """
    records = []
    for path in _markdown_files(folder, root, problems):
        if not _check_slug(path, root, problems):
            continue
        document, read_problems = reader.document(path, display_path(path, root), parse_document)
        problems.extend(read_problems)
        if document is None:
            continue
        files[document.path] = ContentFile(_uri(path, folder.parent), document, path.stem if review_files else None)
        record, record_problems = reader.record(document, context, functools.partial(record_from, path.stem, document))
        problems.extend(record_problems)
        if record is not None:
            records.append(record)
    return records


def _load_themes(
    docs_dir: Path, root: Path, problems: list[Problem], files: dict[str, ContentFile], reader: _Reader
) -> list[Theme]:
    return _read_records(
        docs_dir / THEMES_DIR, root, problems, theme_from_document, files, review_files=False, reader=reader, context=""
    )


def _load_reviews(
    docs_dir: Path,
    root: Path,
    themes: ThemeCatalogue,
    today: dt.date,
    problems: list[Problem],
    files: dict[str, ContentFile],
    reader: _Reader,
) -> dict[str, Review]:
    # A review's record depends on its file, the day and the theme catalogue (made from the
    # theme files, the only files read so far).
    catalogue = hashlib.sha256(repr(sorted((path, file.document.digest) for path, file in files.items())).encode())
    reviews = _read_records(
        docs_dir / REVIEWS_DIR,
        root,
        problems,
        lambda slug, document: review_from_document(slug, document, themes, today),
        files,
        review_files=True,
        reader=reader,
        context=f"review\0{today.isoformat()}\0{catalogue.hexdigest()}",
    )
    return {review.slug: review for review in reviews}


def _reserved_paths_problems(docs_dir: Path, root: Path) -> list[Problem]:
    """Authored files where the build writes its own pages."""
    return [
        Problem(display_path(docs_dir / reserved, root), None, None, message("reserved-path"))
        for reserved in RESERVED
        if (docs_dir / reserved).exists()
    ]


def _duplicate_slugs(reviews: dict[str, Review]) -> list[Problem]:
    """A review's old addresses (aliases) must not be another review's address or alias."""
    owners: dict[str, Review] = dict(reviews)
    problems = []
    for review in sorted(reviews.values(), key=lambda review: review.slug):
        for alias in review.aliases:
            owner = owners.setdefault(alias, review)
            if owner is not review:
                what = "address" if owner.slug == alias else "old address (aliases)"
                wording = message("alias-in-use", f"'{alias}'", what=what, owner=owner.path)
                problems.append(Problem(review.path, review.line_of("aliases"), "aliases", wording))
    return problems


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> object:
    try:
        return load_strict_yaml(path.read_text(encoding="utf-8"))
    except RefusedShapeError as error:  # worded for the author already, at its line
        problems.append(Problem(display_path(path, root), error.line + 1, None, error.message))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(display_path(path, root), None, None, message("unreadable", reason=error)))
    except yaml.YAMLError as error:
        problems.append(Problem(display_path(path, root), None, None, message("unreadable-yaml", reason=error)))
    return None


def _load_boards(docs_dir: Path, root: Path, problems: list[Problem]) -> BoardRegistry:
    path = docs_dir / BOARDS_FILE
    if not path.exists():
        return BoardRegistry()
    data = _read_yaml(path, root, problems)
    if data is None:
        return BoardRegistry()
    registry, registry_problems = read_registry(data, display_path(path, root))
    problems.extend(registry_problems)
    return registry


def _registered_pairs(registry: BoardRegistry, board_names: Iterable[str]) -> list[frozenset[str]]:
    """Pairs of boards both named in the boards file: declared distinct, never near-duplicates."""
    registered = sorted(slug for slug in board_names if registry.is_registered(slug))
    return [frozenset((a, b)) for index, a in enumerate(registered) for b in registered[index + 1 :]]


def _load_names(docs_dir: Path, root: Path, problems: list[Problem]) -> list[str]:
    path = docs_dir / NAMES_FILE
    if not path.exists():
        return []
    try:
        return read_name_list(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(display_path(path, root), None, None, message("unreadable", reason=error)))
        return []
