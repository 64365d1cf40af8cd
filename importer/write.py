"""Writing a draft review: its front matter and body, in the shapes the content model reads.

- `published` with the precision the source gives: `2011-03-14`, `2011-03` or `2011`;
- `review_type` one type, or a list for a joint review ("serious case review and domestic
  homicide review" → `[serious-case-review, domestic-homicide-review]`);
- `reviewer` a list of the names the cover gives;
- `## Learning` and `## Recommendations` as numbered lists (bullets and `1)` items become
  `1.`, `2.`, …; the source's numbered paragraphs, 8.1, 8.2, keep their numbers, as the
  page shows them); points the source groups (by agency, say) under `### Group` headings
  with numbering restarting in each group; a point's further paragraphs indented under it;
  an introduction before the list and a closing paragraph after it kept as text;
- every other section with its paragraphs, lists, subheadings and tables (as Markdown tables);
- body text that belongs to no section under `## Left out by the import`, which `make check`
  reports until the editor has moved it, and which is never published.

What the source does not give is a placeholder starting `TO FILL:` (`model/placeholders.py`).
Text is escaped so that Markdown shows it as the source did: a displayed `<script>` stays text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from . import model, wording
from .document import HEADING, ITEM, TABLE, Block
from .recognise import Recognised
from .sections import Point, Section
from .suggest import Suggestion

SECTION_HEADINGS = {
    wording.SUMMARY: "Summary of events",
    wording.BACKGROUND: "Background",
    wording.LEARNING: model.LEARNING_HEADING,
    wording.RECOMMENDATIONS: model.RECOMMENDATIONS_HEADING,
}


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def placeholder(what: str) -> str:
    return quoted(f"{model.TOKEN} {what}")


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
            "the publication date, written YYYY-MM-DD, YYYY-MM or YYYY "
            "(the source labels no date as its publication date)"
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
        pseudonym = recognised.fields["pseudonym"]
        if not pseudonym.confident:
            draft.checks.append(f"pseudonym: {pseudonym.value}, {pseudonym.how}: check it")
        lines.append(f"pseudonym: {quoted(str(pseudonym.value))}")
    if "reviewer" in recognised.fields:
        reviewer = recognised.fields["reviewer"]
        names = list(reviewer.value) if isinstance(reviewer.value, tuple) else [str(reviewer.value)]
        draft.checks.append(f"reviewer: {', '.join(names)}, {reviewer.how}; {reviewer.note}")
        lines.append(f"reviewer: [{', '.join(quoted(name) for name in names)}]")
    lines.append(f"source_sha256: {sha256}")
    lines.append(f"imported_from: {quoted(source_name)}")
    lines.append("---")
    return [line.replace("\n", " ") for line in lines]


_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def _inline(text: str) -> str:
    """Text as Markdown must show it: an HTML tag or entity the source displayed stays text."""
    return _HTML_START.sub("&lt;", _ENTITY.sub("&amp;", text))


def _escape(text: str) -> str:
    """Paragraph text that Markdown must not read as a heading, list, quote, id or HTML."""
    text = _inline(text)
    if re.match(r"^(#|[-*+][ \t]|\d+[.)][ \t]|\d+\.\d+\.?[ \t]|>|\{|=+$|-+$)", text):
        text = "\\" + text
    return text


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|").replace("\n", " ").strip()


def table_lines(block: Block) -> list[str]:
    """A table as a Markdown table; the first row is its header."""
    header, *rows = block.rows or ((block.text,),)
    lines = ["| " + " | ".join(_cell(cell) or " " for cell in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines.extend("| " + " | ".join(_cell(cell) or " " for cell in row) + " |" for row in rows)
    return lines


def block_lines(block: Block, previous_item: bool) -> list[str]:
    """One block of a section other than learning and recommendations, as Markdown lines."""
    if block.kind == HEADING:
        return ["", f"### {_heading_text(block.text)}", ""]
    if block.kind == TABLE:
        return ["", *table_lines(block), ""]
    if block.kind == ITEM and re.match(r"^\d+\.\d", block.label):
        return ["", _escape(block.text)]  # a numbered paragraph (3.1): its number is dropped
    if block.kind == ITEM:
        marker = "1." if re.match(r"^\d+[.)]$", block.label) else "-"
        indent = "   " * block.level
        return [*([] if previous_item else [""]), f"{indent}{marker} {_inline(block.text)}"]
    return ["", _escape(block.text)]


def _plain_section(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    previous_item = False
    for block in blocks:
        lines.extend(block_lines(block, previous_item))
        previous_item = block.kind == ITEM and not re.match(r"^\d+\.\d", block.label)
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


def _point_lines(marker: str, point: Point) -> list[str]:
    """A point: its first paragraph after the marker, sub-items and further paragraphs indented under it."""
    lines = [f"{marker} {_inline(point.text)}"]
    lines.extend(f"   - {_inline(sub)}" for sub in point.subpoints)
    for paragraph in point.paragraphs:
        lines.extend(["", f"   {_escape(paragraph)}"])
    return lines


def _point_section(kind: str, sections: list[Section], draft: Draft) -> list[str]:
    """A learning or recommendations section: introduction, the points as numbered lists (under
    `### ` group headings, numbering restarting in each), then any closing text."""
    heading = SECTION_HEADINGS[kind]
    lines = [f"## {heading}", ""]
    points = [point for section in sections for point in section.points]
    for section in sections:
        lines.extend(_plain_section(section.intro))
        lines.append("")
        draft.checks.extend(section.notes)
    if not points:
        what = "learning points" if kind == wording.LEARNING else "recommendations"
        draft.placeholders.append((heading, f"the {what}"))
        lines.append(
            f"1. {model.TOKEN} the {what}, as a numbered list (no '{heading}' section was found in the source)"
        )
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
        spaced = any(point.paragraphs for point in members)
        for position, point in enumerate(members, start=1):
            marker = numbers[position - 1] if numbers else f"{position}."
            lines.extend(_point_lines(marker, point))
            if numbers or spaced:
                lines.append("")
    lines.extend(_plain_section([block for section in sections for block in section.closing]))
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
                f"{model.TOKEN} what happened, in general terms (no summary of events was found in the source)",
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
            lines.extend(_plain_section(section.blocks))
        lines.append("")
    found = recognised.fields.get("review_type")
    types = set(found.value) if found and isinstance(found.value, tuple) else set()
    optional = bool(types) and types <= model.RECOMMENDATIONS_OPTIONAL
    for kind in (wording.LEARNING, wording.RECOMMENDATIONS):
        if kind not in written_points and not (kind == wording.RECOMMENDATIONS and optional):
            lines.extend([*_point_section(kind, [], draft), ""])
    if recognised.unplaced:
        lines.extend(left_out_lines(recognised.unplaced))
        draft.checks.append(
            f"'{model.LEFT_OUT_HEADING}': {len(recognised.unplaced)} paragraph(s) of the source's text that "
            "come before any heading: move each into its section (or delete it), then delete the heading"
        )
    return lines


def left_out_lines(blocks: list[Block]) -> list[str]:
    """The text the import could not place, under a heading `make check` reports and the site never publishes."""
    return [
        f"## {model.LEFT_OUT_HEADING}",
        "",
        _comment(
            "The import could not tell which section these paragraphs belong to. Move each into its "
            "section, or delete it, then delete this heading: make check reports it until then, and it is "
            "never published."
        ),
        *_plain_section(blocks),
        "",
    ]


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
