"""The body of a review: its sections, and the learning points and recommendations read from it.

This is the one parser of points. The review page, theme pages, exports and search all use
its result; the page's lists are rendered from it (`render/review_body.py`), so a link to a
point always finds its anchor.

A body is Markdown with level-2 sections (`## `). Two hold points:

- learning, headed `## Learning` or with the words real reports use (`model.sections`:
  "Lessons learned", "Key learning", "Findings", …), always required;
- recommendations, headed `## Recommendations` or similar (`model.sections`),
  required unless every type of the review may go without (Welsh practice reviews,
  learning, rapid and thematic reviews: `vocabulary.RECOMMENDATIONS_OPTIONAL`).

A section's points may be written as numbered items (`1.`, `1)`), numbered paragraphs
(`8.1`, `8.2`), or bullets (`-`, `*`); an introduction before them and a closing paragraph
after them are ordinary text. Points may be grouped under `### ` headings (by agency or
audience), with numbering restarting in each group. Section headings may carry the
document's own numbers ("## 8. Learning").

Anchors on the review page:

- `learning-N` / `recommendation-N`: the Nth point of the section outside any group;
- `recommendation-<group>-N`: the Nth point under a `### ` heading, the group being the
  heading in URL form (`### Children's social care` → `recommendation-childrens-social-care-2`);
- or the author's own id, written `{#id}` at the start of the item, which survives reordering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .. import urls
from ..problems import Problem
from .body_lines import (
    BULLET,
    FENCE,
    HEADING,
    NUMBERED,
    PARAGRAPH_NUMBER,
    dedent,
    page_furniture,
    references,
    resolved,
    without_comments,
)
from .messages import message
from .sections import (
    LEARNING,
    LEARNING_HEADINGS,
    POINT_SECTIONS,
    READABLE,
    RECOMMENDATION,
    RECOMMENDATION_HEADINGS,
    SECTION_NAMES,
    SECTION_TITLES,
)


class Style(StrEnum):
    """How a list of points is written."""

    NUMBERED = "numbered"  # 1.  2.  or 1)  2)
    PARAGRAPHS = "paragraphs"  # 8.1  8.2
    BULLETS = "bullets"  # -  *  +

    @property
    def described(self) -> str:
        return {"numbered": "numbered", "paragraphs": "numbered-paragraph (8.1)", "bullets": "bulleted"}[self.value]


_AUTHOR_ID = re.compile(r"^\{#([^}]*)\}[ \t]*")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_AUTOMATIC_ID = re.compile(rf"^(?:{LEARNING}|{RECOMMENDATION})-[\w-]*\d$")
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[ivxIVX]+\.)\s+")


@dataclass(frozen=True)
class Point:
    """One learning point or recommendation.

    `number` is its position in its group (or in the section, outside groups); `label` the
    number as the document writes it ("3", "8.1"); `text` its Markdown on one line (for
    lists elsewhere and exports); `markdown` the item as written, for the review page.
    """

    kind: str
    number: int
    anchor: str
    text: str
    line: int
    end_line: int = 0
    label: str = ""
    group: str | None = None
    markdown: str = ""


@dataclass(frozen=True)
class PointList:
    """One run of points in the source, rendered as one list: its lines, style and points."""

    kind: str
    style: Style
    first_line: int
    last_line: int
    points: tuple[Point, ...]


@dataclass(frozen=True)
class ReviewBody:
    """What the site reads from a review's body."""

    sections: tuple[str, ...] = ()
    learning: tuple[Point, ...] = ()
    recommendations: tuple[Point, ...] = ()
    lists: tuple[PointList, ...] = field(default=())


def normalised_heading(title: str) -> str:
    """A heading as compared with the lists above: section number, case and punctuation gone."""
    words = re.findall(r"[a-z0-9]+", _SECTION_NUMBER.sub("", title.strip()).lower().replace("'", ""))
    return " ".join(words)


def heading_anchor(title: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (for collision checks)."""
    return "-".join(re.findall(r"[\w]+", title.lower()))


def group_slug(title: str) -> str:
    """A group heading in URL form: "Children's social care" → 'childrens-social-care'."""
    return "-".join(urls.name_words(title))


def split_author_id(item_text: str) -> tuple[str | None, str]:
    """Split '{#id} Text' into the id and the text; (None, text) when there is no id."""
    match = _AUTHOR_ID.match(item_text)
    if not match:
        return None, item_text
    return match.group(1), item_text[match.end() :]


@dataclass
class _Section:
    title: str
    line: int
    lines: list[tuple[int, str]]


def parse_body(
    body: str, body_line: int, path: str, *, recommendations_required: bool = True
) -> tuple[ReviewBody, list[Problem]]:
    """Read sections and points from a review body, checking its shape."""
    problems: list[Problem] = []
    body = without_comments(body)  # editors' notes are never read as text
    sections = _sections(body, body_line, path, problems)
    links = references(body)
    points: dict[str, list[Point]] = {LEARNING: [], RECOMMENDATION: []}
    lists: list[PointList] = []
    first_of_kind: dict[str, _Section] = {}
    for section in sections:
        kind = POINT_SECTIONS.get(normalised_heading(section.title))
        if kind is None:
            continue
        if kind in first_of_kind:
            first = first_of_kind[kind]
            wording = message(
                "second-section", section=SECTION_NAMES[kind], title=section.title, first=first.title, line=first.line
            )
            problems.append(Problem(path, section.line, None, wording))
            continue
        first_of_kind[kind] = section
        found, section_lists = _SectionReader(kind, section, path, problems, links).read()
        points[kind] = found
        lists.extend(section_lists)

    headings = [section.title for section in sections]
    for kind, required in ((LEARNING, True), (RECOMMENDATION, recommendations_required)):
        if kind not in first_of_kind and required:
            problems.append(_missing_section(kind, headings, path))
    problems.extend(_check_anchors([*points[LEARNING], *points[RECOMMENDATION]], body, path))
    problems.extend(page_furniture(body, body_line, path))
    return (
        ReviewBody(
            sections=tuple(headings),
            learning=tuple(points[LEARNING]),
            recommendations=tuple(points[RECOMMENDATION]),
            lists=tuple(lists),
        ),
        problems,
    )


def _sections(body: str, body_line: int, path: str, problems: list[Problem]) -> list[_Section]:
    """The level-2 sections of a body (fenced code is never a heading)."""
    sections: list[_Section] = []
    in_fence = False
    for offset, text in enumerate(body.split("\n")):
        number = body_line + offset
        if FENCE.match(text):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(text)
        if heading and len(heading.group(1)) == 1:
            wording = message("level-1-heading", repr(text.strip()), heading=heading.group(2).strip())
            problems.append(Problem(path, number, None, wording))
        if heading and len(heading.group(1)) <= 2:
            sections.append(_Section(heading.group(2), number, []))
        elif sections:
            sections[-1].lines.append((number, "" if in_fence else text))
    return sections


def _missing_section(kind: str, headings: list[str], path: str) -> Problem:
    accepted = LEARNING_HEADINGS if kind == LEARNING else RECOMMENDATION_HEADINGS
    found = ", ".join(f"'## {title}'" for title in headings) or "no '## ' headings"
    words = {"lessons", "learning", "learned", "learnt", "findings"} if kind == LEARNING else {"recommendations"}
    close = [
        title
        for title in headings
        if set(normalised_heading(title).split()) & words and normalised_heading(title) not in POINT_SECTIONS
    ]
    hint = f" (rename '## {close[0]}' to '## {SECTION_TITLES[kind]}')" if close else ""
    extra = (
        ""
        if kind == LEARNING
        else "; a review whose types are all Welsh practice reviews, learning, rapid or thematic reviews may have none"
    )
    others = ", ".join(title.capitalize() for title in accepted[1:])
    wording = message(
        "missing-section",
        found,
        section=SECTION_NAMES[kind],
        title=SECTION_TITLES[kind],
        others=others,
        hint=hint,
        extra=extra,
        points=f"{READABLE[kind]}s",
    )
    return Problem(path, None, None, wording)


class _SectionReader:
    """Reads the points of one section: lists, groups under '### ' headings, and prose between."""

    def __init__(
        self, kind: str, section: _Section, path: str, problems: list[Problem], references: dict[str, str]
    ) -> None:
        self.kind = kind
        self.references = references
        self.section = section
        self.path = path
        self.problems = problems
        self.points: list[Point] = []
        self.lists: list[PointList] = []
        self.group: str | None = None
        self.group_count = 0  # points so far in the current group (or outside groups)
        self.ungrouped_count = 0
        self.run: list[tuple[int, str, str, list[str], int]] = []  # (line, marker, label, lines, last line)
        self.run_style: Style | None = None

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, None, message))

    def _continue(self, text: str, number: int, after_blank: bool) -> None:
        """`text` (line `number`) continues the last item: after a blank line, as a paragraph of its own."""
        line, marker, label, lines, _ = self.run[-1]
        self.run[-1] = (line, marker, label, [*lines, *([""] if after_blank else []), text], number)

    def read(self) -> tuple[list[Point], list[PointList]]:
        after_blank = False
        for number, text in self.section.lines:
            heading = HEADING.match(text)
            item = self._item(text)
            nested = bool(self.run) and bool(text.strip()) and len(text) - len(text.lstrip()) >= 2
            if heading:
                self._end_run()
                self.group = heading.group(2).strip()
                self.group_count = 0
                after_blank = False
            elif nested:  # an indented line (or a list within the item) continues the item
                self._continue(text, number, after_blank)
                after_blank = False
            elif item is not None:
                style, label, rest = item
                self._add_item(number, style, label, rest)
                after_blank = False
            elif not text.strip():
                after_blank = True
            elif self.run and (text[:1] in (" ", "\t") or not after_blank):
                self._continue(text, number, after_blank)
                after_blank = False
            else:  # an introduction or closing paragraph: ordinary text between lists
                self._end_run()
                after_blank = False
        self._end_run()
        if not self.points:
            self.problem(
                self.section.line, message("no-points", title=self.section.title, points=f"{READABLE[self.kind]}s")
            )
        return self.points, self.lists

    @staticmethod
    def _item(text: str) -> tuple[Style, str, str] | None:
        paragraph = PARAGRAPH_NUMBER.match(text)
        if paragraph:
            return Style.PARAGRAPHS, f"{paragraph.group(1)}.{paragraph.group(2)}", paragraph.group(3)
        numbered = NUMBERED.match(text)
        if numbered:
            return Style.NUMBERED, numbered.group(1) + numbered.group(2), numbered.group(3)
        bullet = BULLET.match(text)
        if bullet:
            return Style.BULLETS, "", bullet.group(1)
        return None

    def _add_item(self, line: int, style: Style, marker: str, rest: str) -> None:
        if self.run_style is not None and style is not self.run_style:
            styles = {"style": style.described, "list_style": self.run_style.described}
            self.problem(line, message("mixed-list", title=self.section.title, **styles))
            return
        self.run_style = style
        self.run.append((line, marker, marker, [rest], line))

    def _end_run(self) -> None:
        if not self.run:
            return
        assert self.run_style is not None
        self._check_numbers()
        created = [self._point(line, marker, lines, last) for line, marker, _, lines, last in self.run]
        self.points.extend(created)
        self.lists.append(PointList(self.kind, self.run_style, self.run[0][0], self.run[-1][4], tuple(created)))
        self.run = []
        self.run_style = None

    def _check_numbers(self) -> None:
        """Numbered items count 1, 2, 3 (restarting in each group, or continuing after text);
        numbered paragraphs keep their section number and count 1, 2, 3 after the point."""
        if self.run_style is Style.NUMBERED:
            numbers = [int(marker.rstrip(".)")) for _, marker, _, _, _ in self.run]
            first = numbers[0]
            if first not in (1, self.group_count + 1):
                restart = f"1 (or {self.group_count + 1}, continuing the list above)"
                self.problem(self.run[0][0], message("item-number", first, title=self.section.title, expected=restart))
            for (line, _, _, _, _), written, expected in zip(
                self.run[1:], numbers[1:], range(first + 1, first + len(numbers)), strict=True
            ):
                if written != expected:
                    self.problem(line, message("item-number", written, title=self.section.title, expected=expected))
        elif self.run_style is Style.PARAGRAPHS:
            pairs = [tuple(int(part) for part in marker.split(".")) for _, marker, _, _, _ in self.run]
            for (line, marker, _, _, _), previous, current in zip(self.run[1:], pairs, pairs[1:], strict=False):
                if current not in ((previous[0], previous[1] + 1), (previous[0] + 1, 1)):
                    follows, following = f"{previous[0]}.{previous[1]}", f"{previous[0]}.{previous[1] + 1}"
                    wording = message(
                        "paragraph-number", marker, title=self.section.title, previous=follows, expected=following
                    )
                    self.problem(line, wording)

    def _point(self, line: int, marker: str, lines: list[str], last: int) -> Point:
        if self.group is None:
            self.ungrouped_count += 1
            position = self.ungrouped_count
        else:
            position = self.group_count + 1
        self.group_count += 1
        author_id, first = split_author_id(lines[0])
        if author_id is not None and not _ID_PATTERN.match(author_id):
            self.problem(line, message("point-id", id=author_id))
            author_id = None
        elif author_id is not None and _AUTOMATIC_ID.match(author_id):
            self.problem(line, message("automatic-id", id=author_id))
            author_id = None
        continuation = dedent(lines[1:])
        if continuation and (BULLET.match(continuation[0]) or NUMBERED.match(continuation[0])):
            continuation.insert(0, "")
        text = " ".join([first.strip(), *(part.strip() for part in lines[1:] if part.strip())]).strip()
        text = resolved(text, self.references)
        if not text:
            self.problem(
                line, message("empty-point", point=READABLE[self.kind], number=position, title=self.section.title)
            )
        automatic = (
            f"{self.kind}-{position}" if self.group is None else f"{self.kind}-{group_slug(self.group)}-{position}"
        )
        label = marker.rstrip(".)") if marker else str(position)
        return Point(
            kind=self.kind,
            number=position,
            anchor=author_id or automatic,
            text=text,
            line=line,
            end_line=last,
            label=label,
            group=self.group,
            markdown=resolved("\n".join([first.strip(), *continuation]).strip(), self.references),
        )


def _check_anchors(points: list[Point], body: str, path: str) -> list[Problem]:
    """Anchors must be unique on the page and differ from the headings' ids."""
    problems = []
    headings = [match.group(2) for match in map(HEADING.match, body.split("\n")) if match]
    taken = {heading_anchor(title): f"the heading '{title}'" for title in headings}
    for point in points:
        if point.anchor in taken:
            wording = message(
                "anchor-taken", anchor=point.anchor, point=READABLE[point.kind], owner=taken[point.anchor]
            )
            problems.append(Problem(path, point.line, None, wording))
        taken.setdefault(point.anchor, f"the item on line {point.line}")
    return problems
