"""One import run: a file or a folder of reports in, draft reviews and a report out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import model, wording
from .clean import tidy
from .document import HEADING, TABLE, Block, Extracted, ImportFailedError
from .extract_html import read_html
from .extract_pdf import read_pdf
from .extract_text import read_text
from .extract_word import read_word
from .headings import full_text
from .names import existing_reviews, fallback_slug, free_path, proposed_slug, write_new
from .recognise import Recognised, recognise
from .suggest import Suggestion, chosen, suggest_themes
from .write import render_draft

TOKEN = model.TOKEN

READERS: dict[str, Callable[[Path], Extracted]] = {
    ".pdf": read_pdf,
    ".docx": read_word,
    ".html": read_html,
    ".htm": read_html,
    ".txt": read_text,
    ".text": read_text,
}
#: What to do with formats the importer does not read.
CONVERT_HINTS = {
    ".doc": "an old Word format: open it in Word and save it as .docx, then import that",
    ".odt": "an OpenDocument file: save it as .docx or PDF, then import that",
    ".rtf": "save it as .docx or PDF, then import that",
    ".pages": "export it as .docx or PDF, then import that",
}
#: Draft lines that are never identifying: the source's fingerprint (digits in it can look
#: like a telephone number).
UNCHECKED_LINES = ("source_sha256:",)
#: A progress bar is shown from this many files.
PROGRESS_FROM = 5


@dataclass
class FileResult:
    source: Path
    outcome: str  # imported, already-imported, failed
    draft: Path | None = None
    format: str = ""
    pages: int | None = None
    problem: str = ""
    what_to_do: str = ""
    recognised: Recognised | None = None
    placeholders: list[tuple[int, str, str]] = field(default_factory=list)  # line, field, what
    suggested: list[Suggestion] = field(default_factory=list)
    considered: list[Suggestion] = field(default_factory=list)
    findings: list[model.Finding] = field(default_factory=list)  # in the draft: path, line, rule, text
    left_out_findings: list[tuple[str, str, str]] = field(default_factory=list)  # where, rule, text
    left_out: list[str] = field(default_factory=list)
    #: What of the source is not in the draft, by part: the cover's lines, contact details…
    not_in_draft: list[tuple[str, list[str]]] = field(default_factory=list)
    #: Text of the source's body not found in the draft: always empty, unless the import has a fault.
    unaccounted: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class RunResult:
    source: Path
    content_dir: Path
    started: dt.datetime
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.files if result.outcome == "failed"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    return sorted(
        path
        for path in source.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(source).parts)
    )


def display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def import_file(
    path: Path,
    content_dir: Path,
    project_dir: Path,
    known_hashes: dict[str, Path],
    known_boards: list[str],
    themes: model.ThemeCatalogue,
    registry: model.BoardRegistry,
    names: list[str],
) -> FileResult:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        hint = CONVERT_HINTS.get(path.suffix.lower(), "save it as PDF, .docx, HTML or plain text, then import that")
        what = f"'{path.suffix}'" if path.suffix else "a file without an extension"
        return FileResult(path, "failed", problem=f"unsupported format ({what})", what_to_do=hint)
    try:
        sha = sha256_of(path)
    except OSError as error:
        return FileResult(path, "failed", problem=f"cannot be read ({error.strerror})", what_to_do="check the file")
    if sha in known_hashes:
        return FileResult(
            path,
            "already-imported",
            draft=known_hashes[sha],
            problem=f"already imported as {display(known_hashes[sha], project_dir)}; nothing changed",
        )
    try:
        extracted = reader(path)
    except ImportFailedError as failure:
        return FileResult(path, "failed", problem=failure.problem, what_to_do=failure.what_to_do)
    except Exception as error:  # a reader library failing on a damaged file must not stop the folder
        return FileResult(
            path,
            "failed",
            problem=f"the file cannot be read ({type(error).__name__})",
            what_to_do="check it opens in its usual program; if it does, save it again (or as PDF) and import that",
        )

    recognised = recognise(extracted, registry, known_boards)
    body_text = "\n".join(block.text for block in extracted.blocks)
    found_types = recognised.fields.get("review_type")
    types = found_types.value if found_types and isinstance(found_types.value, tuple) else ()
    ranked = suggest_themes(body_text, themes.themes.values(), types)
    top, others = chosen(ranked, recognised.audience)

    slug = proposed_slug(recognised, sha)
    if model.check_anonymisation("file name", [(1, slug.replace("-", " "))], names):
        slug = fallback_slug(recognised, sha)
    reviews_dir = content_dir / "reviews"
    target = free_path(reviews_dir, slug)
    draft = render_draft(recognised, top, others, path.name, sha, target.stem)
    write_new(target, draft.text)
    known_hashes[sha] = target

    shown = display(target, project_dir)
    lines = draft.text.split("\n")
    findings = model.check_anonymisation(
        shown,
        [(number, line) for number, line in enumerate(lines, start=1) if not line.startswith(UNCHECKED_LINES)],
        names,
        allowed_names=_reviewers(recognised),
    )
    placeholders = [
        (number, _place_of(lines, number), line.split(TOKEN, 1)[1].split('"  #')[0].strip(' "'))
        for number, line in enumerate(lines, start=1)
        if TOKEN in line
    ]

    result = FileResult(
        path,
        "imported",
        draft=target,
        format=extracted.format,
        pages=extracted.pages,
        recognised=recognised,
        placeholders=placeholders,
        suggested=top,
        considered=others,
        findings=findings,
        checks=[*draft.checks, *recognised.notes, *extracted.notes],
    )
    _left_out(result, extracted, recognised, names)
    result.unaccounted = unaccounted(recognised, draft.text)
    return result


def _folded(text: str) -> str:
    """Text compared for "is it in the draft?": Markdown escapes undone, spaces and case folded."""
    text = text.replace("&lt;", "<").replace("&amp;", "&").replace("\\", "")
    return " ".join(text.split()).casefold()


def unaccounted(recognised: Recognised, draft_text: str) -> list[str]:
    """Every paragraph, item, subheading and table cell of the body (contact details aside) that is
    not in the draft. The import promises this is empty; the report shows anything it finds."""
    draft = _folded(draft_text)
    missing: list[str] = []
    for section in recognised.sections:
        if section.kind == wording.CONTACT:
            continue
        for block in [*section.blocks, *section.intro, *section.closing]:
            texts = [cell for row in block.rows for cell in row] if block.kind == TABLE else [block.text]
            missing.extend(text for text in texts if text.strip() and _folded(tidy(text)) not in draft)
        for point in section.points:
            for text in [point.text, *point.subpoints, *point.paragraphs]:
                if _folded(text) not in draft and _folded(text.removeprefix("- ")) not in draft:
                    missing.append(text)
    for block in recognised.unplaced:
        if block.kind != HEADING and _folded(tidy(block.text)) not in draft:
            missing.append(block.text)
    return missing


def _reviewers(recognised: Recognised) -> list[str]:
    """Names published on purpose: the reviewers the draft names (as `make check` allows them)."""
    reviewer = recognised.fields.get("reviewer")
    if reviewer is None:
        return []
    return [str(name) for name in reviewer.value] if isinstance(reviewer.value, tuple) else [str(reviewer.value)]


def _place_of(lines: list[str], number: int) -> str:
    """The front-matter field or body section a line belongs to."""
    for line in reversed(lines[:number]):
        if line.startswith("## "):
            return line[3:]
        key = re.match(r"^([a-z_]+):", line)
        if key:
            return key.group(1)
    return ""


def _left_out(result: FileResult, extracted: Extracted, recognised: Recognised, names: list[str]) -> None:
    """What of the source is not in the draft (the cover, contents pages, page numbers, contact
    details, running headers), listed in the report, and any identifying details in it."""
    layout = recognised.layout
    parts: list[tuple[str, list[Block]]] = []
    if layout.cover:
        parts.append(("the cover (its facts are the fields above)", layout.cover))
    if layout.contents:
        parts.append(("a contents page", layout.contents))
    if layout.page_numbers:
        parts.append(("page numbers in the text", layout.page_numbers))
    for section in recognised.sections:
        if section.kind == wording.CONTACT:
            parts.append((f"the section '{section.heading}' (contact details are not review content)", section.blocks))
    if extracted.furniture:
        result.left_out.append("running headers and footers: " + "; ".join(f"'{line}'" for line in extracted.furniture))
    for what, blocks in parts:
        count = len(blocks)
        result.left_out.append(f"{what}: {count} line{'s' if count != 1 else ''}, listed below")
        result.not_in_draft.append((what, [tidy(full_text(block)) for block in blocks]))
        numbered = [(block.page or 0, block.text) for block in blocks]
        for finding in model.check_anonymisation(result.source.name, numbered, names, _reviewers(recognised)):
            where = f"{result.source.name}, page {finding.line}" if finding.line else result.source.name
            result.left_out_findings.append((f"{where} ({what.split(' (')[0]})", finding.rule, finding.text))


def import_reports(
    source: Path,
    content_dir: Path,
    project_dir: Path | None = None,
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> RunResult:
    project_dir = project_dir or content_dir.parent
    run = RunResult(source, content_dir, dt.datetime.now().astimezone())
    if not source.exists():
        run.files.append(FileResult(source, "failed", problem="not found", what_to_do="check the path"))
        return run
    themes = model.load_themes(content_dir)
    registry = model.load_boards(content_dir)
    names = model.load_never_publish(content_dir)
    known_hashes, known_boards = existing_reviews(content_dir / "reviews")
    files = source_files(source)
    iterator = progress(files) if progress and len(files) >= PROGRESS_FROM else files
    for path in iterator:
        run.files.append(
            import_file(path, content_dir, project_dir, known_hashes, known_boards, themes, registry, names)
        )
    return run
