"""Writing a draft review: front matter, body, file name; never overwriting anything."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model, wording
from .placeholders import TOKEN
from .recognise import PartialDate, Recognised, Section
from .suggest import Suggestion

SECTION_HEADINGS = {
    wording.SUMMARY: "Summary of events",
    wording.BACKGROUND: "Background",
    wording.LEARNING: model.LEARNING_HEADING,
    wording.RECOMMENDATIONS: model.RECOMMENDATIONS_HEADING,
}
_PLACE_STOP = frozenset(
    [
        "local",
        "safeguarding",
        "children",
        "childrens",
        "children's",
        "adults",
        "adult",
        "board",
        "partnership",
        "area",
        "child",
        "protection",
        "committee",
        "regional",
        "community",
        "safety",
        "and",
        "lscb",
        "lscp",
        "scb",
        "scp",
        "sab",
        "acpc",
        "the",
    ]
)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def placeholder(what: str) -> str:
    return quoted(f"{TOKEN} {what}")


@dataclass
class Draft:
    text: str
    slug: str
    #: (field or section, what to fill) for every placeholder written.
    placeholders: list[tuple[str, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


def _type_line(recognised: Recognised, draft: Draft) -> str:
    found = recognised.fields.get("review_type")
    if found is None:
        draft.placeholders.append(("review_type", "the review type"))
        return "review_type: " + placeholder("the review type, one of: " + ", ".join(model.REVIEW_TYPES))
    slug = str(found.value)
    words = found.how.split("'")[1] if "'" in found.how else slug
    if slug in model.REVIEW_TYPES:
        return f"review_type: {slug}"
    draft.placeholders.append(("review_type", f"the source says '{words}', which is not a review type yet"))
    label = wording.FUTURE_TYPE_LABELS.get(slug, slug)
    return (
        "review_type: "
        + placeholder(f"a review type; the source says '{words}' ({label}), not yet one of the site's types")
        + f"  # recognised: {slug}"
    )


def _date_line(recognised: Recognised, draft: Draft) -> str:
    found = recognised.fields.get("published")
    if found is None:
        draft.placeholders.append(("published", "the publication date"))
        return "published: " + placeholder("the publication date, written YYYY-MM-DD (not found in the source)")
    date: PartialDate = found.value  # type: ignore[assignment]
    if date.precision == "day" or model.PARTIAL_DATES:
        if found.note:
            draft.checks.append(f"published: {date.iso} is {found.how} ({found.note})")
        return f"published: {date.iso}"
    draft.placeholders.append(("published", f"the day of publication; the source gives only {date.words}"))
    return (
        "published: "
        + placeholder(f"the publication date as YYYY-MM-DD; the source gives only {date.words}")
        + f"  # found: {date.iso}"
    )


def _text_line(key: str, recognised: Recognised, draft: Draft, missing: str) -> str:
    found = recognised.fields.get(key)
    if found is None:
        draft.placeholders.append((key, missing))
        return f"{key}: " + placeholder(f"{missing} (not found in the source)")
    if found.note:
        draft.checks.append(f"{key}: {found.how}; {found.note}")
    return f"{key}: {quoted(str(found.value))}"


def render_front_matter(
    recognised: Recognised,
    top: list[Suggestion],
    others: list[Suggestion],
    source_name: str,
    sha256: str,
    draft: Draft,
) -> list[str]:
    lines = ["---"]
    lines.append(_text_line("title", recognised, draft, "the review's title"))
    lines.append(_type_line(recognised, draft))
    lines.append(_text_line("board", recognised, draft, "the board or partnership that published the review"))
    lines.append(_date_line(recognised, draft))
    lines.append("themes:")
    if top:
        lines.extend(f"  - {s.slug}  # score {s.score}: {s.reason}" for s in top)
    else:
        draft.placeholders.append(("themes", "at least one theme"))
        lines.append("  - " + placeholder("at least one theme from content/themes/ (none scored high enough)"))
    for suggestion in others[:6]:
        lines.append(f"  # also considered: {suggestion.slug} (score {suggestion.score}: {suggestion.reason})")
    lines.append(_text_line("summary", recognised, draft, "one paragraph saying what happened, in general terms"))
    lines.append("status: draft")
    if "pseudonym" in recognised.fields:
        lines.append(f"pseudonym: {quoted(str(recognised.fields['pseudonym'].value))}")
    lines.append(f"source_sha256: {sha256}")
    lines.append(f"imported_from: {quoted(source_name)}")
    lines.append("---")
    return [_one_line(line) for line in lines]


def _one_line(line: str) -> str:
    return line.replace("\n", " ")


def _escape(text: str) -> str:
    """Paragraph text that Markdown must not read as a heading, list or comment."""
    text = text.replace("<!--", "&lt;!--")
    if re.match(r"^(#|[-*+] |\d+[.)] |>)", text):
        text = "\\" + text
    return text


def _plain_section(section: Section) -> list[str]:
    lines: list[str] = []
    previous_item = False
    for block in section.blocks:
        if block.kind == "heading":
            lines.extend(["", f"### {block.text}", ""])
            previous_item = False
        elif block.kind == "item" and re.match(r"^\d+\.\d", block.label):
            lines.extend(["", _escape(block.text)])  # a numbered paragraph (3.1): its number is dropped
            previous_item = False
        elif block.kind == "item":
            if not previous_item:
                lines.append("")
            lines.append(f"- {_escape(block.text)}" if not re.match(r"^\d+[.)]$", block.label) else f"1. {block.text}")
            previous_item = True
        else:
            lines.extend(["", _escape(block.text)])
            previous_item = False
    return lines


def _comment(text: str) -> str:
    return "<!-- " + text.replace("--", "–") + " -->"


def _point_section(kind: str, sections: list[Section], draft: Draft) -> list[str]:
    heading = SECTION_HEADINGS[kind]
    lines = [f"## {heading}", ""]
    points = [point for section in sections for point in section.points]
    for section in sections:
        for block in section.intro:
            lines.extend([_escape(block.text), ""])
        draft.checks.extend(section.notes)
    if not points:
        what = "learning points" if kind == wording.LEARNING else "recommendations"
        draft.placeholders.append((heading, f"the {what}"))
        lines.append(f"1. {TOKEN} the {what}, as a numbered list (no '{heading}' section was found in the source)")
        return lines
    closing = [block for section in sections for block in section.closing]
    if closing and not model.TEXT_AFTER_LIST:
        for block in closing:
            lines.extend([_comment(f"The source closes this section with: {block.text}"), ""])
        draft.checks.append(
            f"'{heading}': the source closes the section with {len(closing)} paragraph(s) after the list, "
            "kept in a comment above the list (a list cannot be followed by text yet: issue 10)"
        )
    groups = list(dict.fromkeys(point.group for point in points if point.group))
    if groups and not model.GROUPED_RECOMMENDATIONS:
        draft.checks.append(
            f"'{heading}': grouped in the source under {', '.join(groups)}; written as one numbered list "
            "with each group's name in bold (groups under ### headings come with issue 10)"
        )
    number = 0
    current_group: str | None = None
    for point in points:
        if model.GROUPED_RECOMMENDATIONS and point.group != current_group:
            current_group = point.group
            number = 0
            lines.extend(["", f"### {point.group}", ""])
        number += 1
        prefix = f"**{point.group}:** " if point.group and not model.GROUPED_RECOMMENDATIONS else ""
        lines.append(f"{number}. {prefix}{point.text}")
        lines.extend(f"   - {sub}" for sub in point.subpoints)
    if closing and model.TEXT_AFTER_LIST:
        for block in closing:
            lines.extend(["", _escape(block.text)])
    return lines


def render_body(recognised: Recognised, source_name: str, draft: Draft) -> list[str]:
    lines = [
        "",
        _comment(
            f"Imported from {source_name}. Check every part against the source, fill in each "
            "placeholder (marked TO FILL), then change the status."
        ),
        "",
    ]
    sections = [s for s in recognised.sections if s.kind != wording.CONTACT]
    if not any(s.kind in (wording.SUMMARY, wording.BACKGROUND) for s in sections):
        draft.placeholders.append(("Summary of events", "a summary of events"))
        lines.extend(
            [
                "## Summary of events",
                "",
                f"{TOKEN} what happened, in general terms (no summary of events was found in the source)",
                "",
            ]
        )
    written_points: set[str] = set()
    for section in sections:
        if section.kind in (wording.LEARNING, wording.RECOMMENDATIONS):
            if section.kind in written_points:
                continue
            written_points.add(section.kind)
            same = [s for s in sections if s.kind == section.kind]
            lines.extend(_point_section(section.kind, same, draft))
        else:
            heading = SECTION_HEADINGS.get(section.kind) or _heading_text(section.heading)
            lines.append(f"## {heading}")
            lines.extend(_plain_section(section))
        lines.append("")
    for kind in (wording.LEARNING, wording.RECOMMENDATIONS):
        if kind not in written_points:
            lines.extend([*_point_section(kind, [], draft), ""])
    return lines


def _heading_text(text: str) -> str:
    return text.capitalize() if text.isupper() else text


def render_draft(
    recognised: Recognised,
    top: list[Suggestion],
    others: list[Suggestion],
    source_name: str,
    sha256: str,
    slug: str,
) -> Draft:
    draft = Draft("", slug)
    front = render_front_matter(recognised, top, others, source_name, sha256, draft)
    body = render_body(recognised, source_name, draft)
    text = "\n".join([*front, *body]).rstrip() + "\n"
    draft.text = re.sub(r"\n{3,}", "\n\n", text)
    return draft


# --- file names -----------------------------------------------------------------------------------


def slug_words(text: str) -> str:
    lowered = text.lower().replace("'", "").replace("\u2019", "")
    return "-".join(re.findall(r"[a-z0-9]+", lowered))


def board_place(board: str) -> str:
    """The place in a board's name: 'Tower Hamlets Local Safeguarding Children Board' → tower-hamlets."""
    words = slug_words(board).split("-")
    place: list[str] = []
    for word in words:
        if word in _PLACE_STOP:
            if place:
                break
            continue
        place.append(word)
    return "-".join(place[:4])


def proposed_slug(recognised: Recognised, sha256: str) -> str:
    """year-place-pseudonym, from the fields found; never from a personal name."""
    date = recognised.fields.get("published")
    year = str(date.value.year) if date else "undated"  # type: ignore[attr-defined]
    board = recognised.fields.get("board")
    place = board_place(str(board.value)) if board else ""
    pseudonym = recognised.fields.get("pseudonym")
    who = slug_words(str(pseudonym.value)) if pseudonym else f"review-{sha256[:8]}"
    return "-".join(part for part in (year, place, who) if part)


def fallback_slug(recognised: Recognised, sha256: str) -> str:
    date = recognised.fields.get("published")
    year = str(date.value.year) if date else "undated"  # type: ignore[attr-defined]
    return f"{year}-review-{sha256[:8]}"


def free_path(folder: Path, slug: str) -> Path:
    """The first file name not taken: slug.md, slug-2.md, ..."""
    candidate = folder / f"{slug}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.md"
        number += 1
    return candidate


def write_new(path: Path, text: str) -> None:
    """Create the file; fails rather than overwrite one that appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


_SHA = re.compile(r"^source_sha256:\s*['\"]?([0-9a-f]{64})", re.MULTILINE)
_BOARD_LINE = re.compile(r"^board:\s*(.+?)\s*$", re.MULTILINE)


def existing_reviews(reviews_dir: Path) -> tuple[dict[str, Path], list[str]]:
    """SHA-256 of every imported source already in the reviews folder, and the boards named there."""
    hashes: dict[str, Path] = {}
    boards: list[str] = []
    for path in sorted(reviews_dir.glob("*.md")) if reviews_dir.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        front = text.split("\n---", 1)[0]
        for match in _SHA.finditer(front):
            hashes.setdefault(match.group(1), path)
        board = _BOARD_LINE.search(front)
        if board and TOKEN not in board.group(1):
            boards.append(board.group(1).strip().strip("\"'"))
    return hashes, boards
