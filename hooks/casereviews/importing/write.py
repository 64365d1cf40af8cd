"""Writing a draft review: front matter, body, file name; never overwriting anything.

The draft takes the shapes the content model reads (`model/body.py`):

- `published` with the precision the source gives: `2011-03-14`, `2011-03` or `2011`;
- `review_type` one type, or a list for a joint review ("serious case review and domestic
  homicide review" → `[serious-case-review, domestic-homicide-review]`);
- `## Learning` and `## Recommendations` as numbered lists (bullets and `1)` items become
  `1.`, `2.`, …; the source's numbered paragraphs, 8.1, 8.2, keep their numbers, as the
  page shows them); points the source groups (by agency, say)
  under `### Group` headings with numbering restarting in each group; an introduction before
  the list and a closing paragraph after it kept as text.

What the source does not give is a placeholder starting `TO FILL:` (`model/placeholders.py`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.placeholders import TOKEN
from . import model, wording
from .recognise import Point, Recognised, Section
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
    if found is None or not isinstance(found.value, tuple):
        draft.placeholders.append(("review_type", "the review type"))
        return "review_type: " + placeholder("the review type, one of: " + ", ".join(model.REVIEW_TYPES))
    slugs: tuple[str, ...] = found.value
    if len(slugs) > 1:
        draft.checks.append(f"review_type: a joint review, {found.how}: check each type")
        return f"review_type: [{', '.join(slugs)}]"
    return f"review_type: {slugs[0]}"


def _date_line(recognised: Recognised, draft: Draft) -> str:
    """The date with the precision the source gives: 2011-03-14, 2011-03 or 2011."""
    found = recognised.fields.get("published")
    if found is None or not isinstance(found.value, model.PartialDate):
        draft.placeholders.append(("published", "the publication date"))
        return "published: " + placeholder(
            "the publication date, written YYYY-MM-DD, YYYY-MM or YYYY (not found in the source)"
        )
    if found.note:
        draft.checks.append(f"published: {found.value} is {found.how} ({found.note})")
    return f"published: {found.value}"


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
    if "reviewer" in recognised.fields:
        reviewer = recognised.fields["reviewer"]
        draft.checks.append(f"reviewer: {reviewer.value}, {reviewer.how}; {reviewer.note}")
        lines.append(f"reviewer: {quoted(str(reviewer.value))}")
    lines.append(f"source_sha256: {sha256}")
    lines.append(f"imported_from: {quoted(source_name)}")
    lines.append("---")
    return [_one_line(line) for line in lines]


def _one_line(line: str) -> str:
    return line.replace("\n", " ")


def _inline(text: str) -> str:
    """Text after a list marker: only a comment opener needs escaping."""
    return text.replace("<!--", "&lt;!--")


def _escape(text: str) -> str:
    """Paragraph text that Markdown must not read as a heading, list or comment."""
    text = text.replace("<!--", "&lt;!--")
    if re.match(r"^(#|[-*+][ \t]|\d+[.)][ \t]|\d+\.\d+\.?[ \t]|>)", text):
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


def _in_groups(points: list[Point]) -> list[tuple[str | None, list[Point]]]:
    """Points by group, in order of first appearance: ungrouped points first (in the model a
    group runs to the end of its section), and a group named twice merged into one."""
    groups: dict[str, tuple[str | None, list[Point]]] = {"": (None, [])}
    for point in points:
        key = model.group_slug(point.group) if point.group else ""
        groups.setdefault(key, (point.group, []))[1].append(point)
    return [(name, members) for name, members in groups.values() if members]


_SECTION_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?$")


def _section_numbers(members: list[Point]) -> list[str] | None:
    """The points' own numbers when every one is a numbered paragraph of one section (8.1, 8.2,
    …, without sub-points); None otherwise."""
    found = [_SECTION_NUMBER.match(point.label) for point in members]
    if not all(found) or any(point.subpoints for point in members):
        return None
    labels = [f"{match.group(1)}.{match.group(2)}" for match in found if match]
    if len(set(labels)) != len(labels) or len({label.split(".")[0] for label in labels}) != 1:
        return None
    return labels


def _point_section(kind: str, sections: list[Section], draft: Draft) -> list[str]:
    """A learning or recommendations section: introduction, the points as numbered lists (under
    `### ` group headings, numbering restarting in each), then any closing text."""
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
    grouped = _in_groups(points)
    if [point for _, members in grouped for point in members] != points:
        draft.checks.append(
            f"'{heading}': the source's points were reordered so that each group is one list under its "
            "### heading (points outside any group first): check the order"
        )
    for group, members in grouped:
        if group is not None:
            lines.extend(["", f"### {_heading_text(group)}", ""])
        numbers = _section_numbers(members) if group is None else None
        if numbers:
            for label, point in zip(numbers, members, strict=True):
                lines.extend([f"{label} {_inline(point.text)}", ""])
            lines.pop()
            continue
        for number, point in enumerate(members, start=1):
            lines.append(f"{number}. {_inline(point.text)}")
            lines.extend(f"   - {_inline(sub)}" for sub in point.subpoints)
    for block in (block for section in sections for block in section.closing):
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
    found = recognised.fields.get("review_type")
    types = set(found.value) if found and isinstance(found.value, tuple) else set()
    optional = bool(types) and types <= model.RECOMMENDATIONS_OPTIONAL
    for kind in (wording.LEARNING, wording.RECOMMENDATIONS):
        if kind not in written_points and not (kind == wording.RECOMMENDATIONS and optional):
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


def _year(recognised: Recognised) -> str:
    found = recognised.fields.get("published")
    return str(found.value.year) if found and isinstance(found.value, model.PartialDate) else "undated"


def proposed_slug(recognised: Recognised, sha256: str) -> str:
    """year-place-pseudonym, from the fields found; never from a personal name."""
    year = _year(recognised)
    board = recognised.fields.get("board")
    place = board_place(str(board.value)) if board else ""
    pseudonym = recognised.fields.get("pseudonym")
    who = slug_words(str(pseudonym.value)) if pseudonym else f"review-{sha256[:8]}"
    return "-".join(part for part in (year, place, who) if part)


def fallback_slug(recognised: Recognised, sha256: str) -> str:
    return f"{_year(recognised)}-review-{sha256[:8]}"


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
