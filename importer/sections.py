"""The body's sections, and the points of its learning and recommendations sections.

Every heading in the body starts a section or, when it is deeper than the body's top level
and names no known section, a subheading inside one; text before the first heading belongs
to no section and is written under "Left out by the import". Points are read from lists,
numbered paragraphs (8.1), "Finding 1:" / "Recommendation 1:" paragraphs, or, where a
learning section is written as prose, one point per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import wording
from .clean import tidy
from .document import BULLET, HEADING, ITEM, PARAGRAPH, TABLE, Block
from .headings import SECTION_NUMBER, full_text, heading_key, is_heading, numbered_heading, section_kind

#: "Finding 1: …", "Learning point 2 – …", "Recommendation 3. …": a point that says what it is.
_LABELLED = re.compile(
    r"^(?P<kind>key\s+findings?|findings?|learning\s+points?|key\s+learning(?:\s+points?)?|learning|lessons?"
    r"|recommendations?)\s+(?P<number>\d{1,2})(?:\s*[:.–—-]\s*|\s+)(?P<text>\S.*)?$",
    re.I | re.S,
)


@dataclass
class Point:
    """One learning point or recommendation: its first paragraph, sub-items, further paragraphs."""

    text: str
    group: str | None = None
    label: str = ""
    subpoints: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Section:
    kind: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2
    points: list[Point] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Set when the points were read from "Finding N:" paragraphs (nothing left to read).
    labelled: bool = False

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(point.group for point in self.points if point.group))


def _level(block: Block, following: Block | None) -> int | None:
    """A heading's level (2 is a section, 3 a subsection…), 0 for one told by its words alone;
    None for a block that is not a heading."""
    if not is_heading(block, following):
        return None
    if block.kind == HEADING:
        return max(block.level, 1)
    numbered = numbered_heading(block, following)
    return numbered.depth + 1 if numbered else 0


def heading_words(block: Block) -> str:
    """A heading's words, its numbering and final colon removed."""
    numbered = numbered_heading(block)
    text = numbered.title if numbered else tidy(full_text(block))
    return SECTION_NUMBER.sub("", text).rstrip(":").strip()


def split_sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """Blocks before the first heading (in no section), and the sections by their headings."""
    levels = [
        _level(block, blocks[index + 1] if index + 1 < len(blocks) else None) for index, block in enumerate(blocks)
    ]
    written = [level for level in levels if level]
    top = min(written) if written else 0
    unplaced: list[Block] = []
    sections: list[Section] = []
    for block, level in zip(blocks, levels, strict=True):
        if level is None:
            (sections[-1].blocks if sections else unplaced).append(block)
            continue
        heading = heading_words(block)
        kind = section_kind(heading)
        if not sections or level <= top or kind not in (None, wording.OTHER):
            sections.append(Section(kind or wording.OTHER, heading, level=2))
        else:
            sections[-1].blocks.append(Block(HEADING, heading, level=3, page=block.page))
    sections = [part for section in sections for part in _by_labels(section)]
    for section in sections:
        if section.kind in (wording.LEARNING, wording.RECOMMENDATIONS):
            _read_points(section)
    return unplaced, sections


def _label_of(block: Block) -> tuple[str, str, str] | None:
    """(kind, number, text) of a "Finding 1: …" or "Recommendation 1: …" block."""
    if block.kind not in (PARAGRAPH, ITEM, HEADING) or (block.level > 3 and block.kind != HEADING):
        return None
    match = _LABELLED.match(tidy(full_text(block)))
    if not match:
        return None
    kind = wording.RECOMMENDATIONS if match.group("kind").lower().startswith("recommendation") else wording.LEARNING
    return kind, match.group("number"), (match.group("text") or "").strip()


def _by_labels(section: Section) -> list[Section]:
    """A section whose paragraphs are "Finding N:" and "Recommendation N:" points becomes the
    learning and recommendations sections they make: each point keeps the paragraphs after it."""
    labels = [_label_of(block) for block in section.blocks]
    if sum(1 for label in labels if label) < 1 or section.kind == wording.CONTACT:
        return [section]
    parts: dict[str, Section] = {}
    lead: list[Block] = []
    current: Section | None = None
    for block, label in zip(section.blocks, labels, strict=True):
        if label is None:
            if current is None:
                lead.append(block)
            elif current.points and block.kind in (PARAGRAPH, ITEM):
                current.points[-1].paragraphs.append(
                    tidy(block.text) if block.kind == PARAGRAPH else f"- {tidy(block.text)}"
                )
            else:
                current.closing.append(block)
            continue
        kind, number, text = label
        current = parts.setdefault(kind, Section(kind, section.heading if section.kind == kind else _plain(kind)))
        current.points.append(Point(text, label=number))
    kinds = set(parts)
    moved = ", ".join(f"'{part.heading}'" for part in parts.values() if part.heading != section.heading)
    if section.kind in kinds:
        parts[section.kind].intro[:0] = lead
        lead = []
    result = [] if not lead and section.kind in kinds else [Section(section.kind, section.heading, lead, section.level)]
    for part in parts.values():
        part.notes.append(
            f"'{section.heading}': its {len(part.points)} '{_word(part.kind)} N:' paragraphs were read as "
            f"the {_word(part.kind).lower()} points" + (f" (moved to {moved})" if moved else "")
        )
        part.labelled = True
        result.append(part)
    return result


def _plain(kind: str) -> str:
    return "Learning" if kind == wording.LEARNING else "Recommendations"


def _word(kind: str) -> str:
    return "Finding" if kind == wording.LEARNING else "Recommendation"


def _is_group_heading(block: Block, following: Block | None) -> bool:
    """A heading inside a point section, or a short line with no full stop just before a list."""
    if block.kind == HEADING:
        return True
    return (
        block.kind == PARAGRAPH
        and len(block.text.split()) <= 6
        and not block.text.endswith((".", ";", ","))
        and not (block.text.endswith(":") and len(block.text.split()) > 3)  # "The review found:" leads in
        and following is not None
        and following.kind == ITEM
    )


def _numbered(label: str) -> bool:
    return bool(re.match(r"^\d", label))


def _read_points(section: Section) -> None:
    """The points of a learning or recommendations section, with their agency groups."""
    if section.labelled:
        return
    blocks = section.blocks
    numbered = [block for block in blocks if block.kind == ITEM and _numbered(block.label) and block.level == 0]
    bullets_are_points = not numbered or (
        len(numbered) == 1 or all(block.text.rstrip().endswith(":") for block in numbered)
    )
    if numbered and bullets_are_points and any(block.label == BULLET for block in blocks):
        # "8.1 The panel found that:" followed by bullets: the bullets are the points.
        for block in numbered:
            block.kind = PARAGRAPH
            block.text = full_text(block)
        numbered = []

    def is_top(block: Block) -> bool:
        if block.kind != ITEM or block.level > 0:
            return False
        return _numbered(block.label) if numbered else True

    group: str | None = None
    group_blocks: dict[str, Block] = {}
    points = section.points
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        later_top = any(is_top(other) for other in blocks[index + 1 :])
        if block.kind not in (ITEM, TABLE) and _is_group_heading(block, following) and later_top:
            group = tidy(block.text).rstrip(":")
            group_blocks.setdefault(group, block)
            continue
        if is_top(block):
            points.append(Point(tidy(block.text), group, block.label))
        elif block.kind == ITEM:
            if points:
                points[-1].subpoints.append(tidy(block.text))
            else:
                section.intro.append(block)
        elif not points:
            section.intro.append(block)
        elif block.kind == TABLE or block.kind == HEADING:
            section.closing.append(block)
        elif block.text[:1].islower():
            points[-1].text = f"{points[-1].text} {tidy(block.text)}"  # a sentence broken across pages
        elif later_top:
            points[-1].paragraphs.append(tidy(block.text))
        else:
            section.closing.append(block)
    if len(section.groups) == 1 and all(point.group for point in points):
        # One "group" over the whole list is a lead-in ("The review found"), not a grouping.
        lead_in = group_blocks[section.groups[0]]
        section.intro.append(Block(PARAGRAPH, tidy(lead_in.text), page=lead_in.page))
        for point in points:
            point.group = None
    if not points and any(block.kind == TABLE for block in section.intro):
        _table_points(section)
    if not points and section.intro:
        _prose_points(section)


#: A table column that holds the points: "Recommendation", "Learning", "Finding", "Lesson".
_POINT_COLUMN = re.compile(
    r"^(?:recommendations?|learning(?: points?)?|findings?|lessons?(?: learned| learnt)?|key learning)$", re.I
)


def _table_points(section: Section) -> None:
    """A table of points ("# | Recommendation | Addressed to"): a point per row, its number from a
    number column, and its other cells after it in brackets ("(Addressed to: the police)")."""
    for block in list(section.intro):
        if block.kind != TABLE or not block.header or len(block.rows) < 2:
            continue
        header = [heading_key(cell) for cell in block.rows[0]]
        column = next((index for index, cell in enumerate(header) if _POINT_COLUMN.match(cell)), None)
        if column is None:
            continue
        numbers = next(
            (index for index, cell in enumerate(header) if cell in {"#", "no", "no.", "number", "ref"}), None
        )
        for row in block.rows[1:]:
            others = [
                f"{block.rows[0][index]}: {cell}"
                for index, cell in enumerate(row)
                if index not in (column, numbers) and cell.strip()
            ]
            text = tidy(row[column]) + (f" ({'; '.join(others)})" if others else "")
            section.points.append(Point(text, label=row[numbers].strip() if numbers is not None else ""))
        section.intro.remove(block)
        section.notes.append(f"'{section.heading}': the table's rows were read as points, a point per row")
        return


def _prose_points(section: Section) -> None:
    """Learning written as paragraphs: one point per paragraph, after any lead-in ("The review found:")."""
    paragraphs = [block for block in section.intro if block.kind in (PARAGRAPH, ITEM)]
    if paragraphs and paragraphs[0].text.rstrip().endswith(":") and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    if not all(len(block.text.split()) >= 6 and re.search(r"[.!?:;)]$", block.text.strip()) for block in paragraphs):
        return  # short lines, not sentences: not learning written as prose
    if not paragraphs:
        return
    section.notes.append(
        f"'{section.heading}' has no numbered or bulleted list: each of its {len(paragraphs)} "
        "paragraph(s) was taken as one point"
    )
    section.points.extend(Point(tidy(block.text)) for block in paragraphs)
    taken = {id(block) for block in paragraphs}
    section.intro = [block for block in section.intro if id(block) not in taken]
