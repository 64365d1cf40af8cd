"""The body of a review: its sections, and the learning points and recommendations read from it.

This is the one parser of points. The review page, theme pages, exports and search all use
its result; the page's lists are rendered from it (`render/review_body.py`), so a link to a
point always finds its anchor.

A body is Markdown with level-2 sections (`## `). Two hold points:

- learning, headed `## Learning` or with the words real reports use (`LEARNING_HEADINGS`:
  "Lessons learned", "Key learning", "Findings", …), always required;
- recommendations, headed `## Recommendations` or similar (`RECOMMENDATION_HEADINGS`),
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

LEARNING = "learning"
RECOMMENDATION = "recommendation"

#: Heading words (normalised: lower case, no punctuation or section number) → kind of points.
LEARNING_HEADINGS = (
    "learning",
    "lessons learned",
    "lessons learnt",
    "lessons to be learned",
    "lessons to be learnt",
    "key learning",
    "key lessons",
    "learning points",
    "key learning points",
    "findings",
    "key findings",
    "findings and learning",
    "learning and findings",
    "what we learned",
    "what we learnt",
    "learning from the review",
    "learning from this review",
    "practice and organisational learning",
    "issues identified",
    "lessons identified",
    "learning identified",
)
RECOMMENDATION_HEADINGS = (
    "recommendations",
    "key recommendations",
    "recommendations for agencies",
    "recommendations for the board",
    "recommendations for the partnership",
    "recommendations and actions",
    "multi agency recommendations",
    "single agency recommendations",
    "agency recommendations",
    "board recommendations",
    "conclusions and recommendations",
    "considerations for the board",
    "improving systems and practice",
    "actions we are taking",
    "what needs to change",
)
POINT_SECTIONS = {
    **dict.fromkeys(LEARNING_HEADINGS, LEARNING),
    **dict.fromkeys(RECOMMENDATION_HEADINGS, RECOMMENDATION),
}
#: The heading as authors usually write it, for messages.
SECTION_TITLES = {LEARNING: "Learning", RECOMMENDATION: "Recommendations"}
READABLE = {LEARNING: "learning point", RECOMMENDATION: "recommendation"}
SECTION_NAMES = {LEARNING: "learning", RECOMMENDATION: "recommendations"}


class Style(StrEnum):
    """How a list of points is written."""

    NUMBERED = "numbered"  # 1.  2.  or 1)  2)
    PARAGRAPHS = "paragraphs"  # 8.1  8.2
    BULLETS = "bullets"  # -  *  +

    @property
    def described(self) -> str:
        return {"numbered": "numbered", "paragraphs": "numbered-paragraph (8.1)", "bullets": "bulleted"}[self.value]


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_NUMBERED = re.compile(r"^[ \t]{0,3}(\d{1,3})([.)])[ \t]+(.*)$")
_PARAGRAPH_NUMBER = re.compile(r"^[ \t]{0,3}(\d{1,3})\.(\d{1,3})\.?[ \t]+(.*)$")
_BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(.*)$")
_AUTHOR_ID = re.compile(r"^\{#([^}]*)\}[ \t]*")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_AUTOMATIC_ID = re.compile(rf"^(?:{LEARNING}|{RECOMMENDATION})-[\w-]*\d$")
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[ivxIVX]+\.)\s+")
#: A link reference definition: `[label]: address "title"` (the title optional).
_REFERENCE_DEFINITION = re.compile(
    r"""^[ \t]{0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+("[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$""", re.MULTILINE
)
#: A code span: a run of backticks, text, and the same run.
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
#: A reference link or image, as Python-Markdown reads one: `[text][label]` (one space or line
#: break allowed between), `[text][]`, or `[label]` alone (then not followed by `(`, `[` or
#: `:`, which make it another thing).
_REFERENCE_LINK = re.compile(r"(!?)\[([^\[\]]+)\](?:\s?\[([^\[\]]*)\]|(?!\s?[(\[:]))")


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
    sections = _sections(body, body_line, path, problems)
    references = _references(body)
    points: dict[str, list[Point]] = {LEARNING: [], RECOMMENDATION: []}
    lists: list[PointList] = []
    first_of_kind: dict[str, _Section] = {}
    for section in sections:
        kind = POINT_SECTIONS.get(normalised_heading(section.title))
        if kind is None:
            continue
        if kind in first_of_kind:
            first = first_of_kind[kind]
            problems.append(
                Problem(
                    path,
                    section.line,
                    None,
                    f"found a second {SECTION_NAMES[kind]} section '## {section.title}' (the first is "
                    f"'## {first.title}' on line {first.line}); expected one, with groups under '### ' headings",
                )
            )
            continue
        first_of_kind[kind] = section
        found, section_lists = _SectionReader(kind, section, path, problems, references).read()
        points[kind] = found
        lists.extend(section_lists)

    headings = [section.title for section in sections]
    for kind, required in ((LEARNING, True), (RECOMMENDATION, recommendations_required)):
        if kind not in first_of_kind and required:
            problems.append(_missing_section(kind, headings, path))
    problems.extend(_check_anchors([*points[LEARNING], *points[RECOMMENDATION]], body, path))
    problems.extend(_page_furniture(body, body_line, path))
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
        if _FENCE.match(text):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(text)
        if heading and len(heading.group(1)) == 1:
            problems.append(
                Problem(
                    path,
                    number,
                    None,
                    f"found a level-1 heading {text.strip()!r}, expected '## ' headings only "
                    "(the title comes from the front matter)",
                )
            )
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
    return Problem(
        path,
        None,
        None,
        f"has no {SECTION_NAMES[kind]} section: found {found}; expected '## {SECTION_TITLES[kind]}' or one of: "
        f"{', '.join(title.capitalize() for title in accepted[1:])}{hint}{extra}",
    )


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
            heading = _HEADING.match(text)
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
                self.section.line,
                f"'## {self.section.title}' has no {READABLE[self.kind]}s: expected a list of them, "
                "numbered (1., 1), 8.1) or bulleted (-)",
            )
        return self.points, self.lists

    @staticmethod
    def _item(text: str) -> tuple[Style, str, str] | None:
        paragraph = _PARAGRAPH_NUMBER.match(text)
        if paragraph:
            return Style.PARAGRAPHS, f"{paragraph.group(1)}.{paragraph.group(2)}", paragraph.group(3)
        numbered = _NUMBERED.match(text)
        if numbered:
            return Style.NUMBERED, numbered.group(1) + numbered.group(2), numbered.group(3)
        bullet = _BULLET.match(text)
        if bullet:
            return Style.BULLETS, "", bullet.group(1)
        return None

    def _add_item(self, line: int, style: Style, marker: str, rest: str) -> None:
        if self.run_style is not None and style is not self.run_style:
            self.problem(
                line,
                f"found a {style.described} item in a {self.run_style.described} list in "
                f"'## {self.section.title}'; expected one style per list (a sentence between two lists separates them)",
            )
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
                self.problem(
                    self.run[0][0],
                    f"item in '## {self.section.title}' is numbered {first}, expected 1 "
                    f"(or {self.group_count + 1}, continuing the list above)",
                )
            for (line, _, _, _, _), written, expected in zip(
                self.run[1:], numbers[1:], range(first + 1, first + len(numbers)), strict=True
            ):
                if written != expected:
                    self.problem(
                        line,
                        f"item in '## {self.section.title}' is numbered {written}, expected {expected} "
                        "(number the items 1, 2, 3 … in order)",
                    )
        elif self.run_style is Style.PARAGRAPHS:
            pairs = [tuple(int(part) for part in marker.split(".")) for _, marker, _, _, _ in self.run]
            for (line, marker, _, _, _), previous, current in zip(self.run[1:], pairs, pairs[1:], strict=False):
                if current not in ((previous[0], previous[1] + 1), (previous[0] + 1, 1)):
                    self.problem(
                        line,
                        f"paragraph numbered {marker} in '## {self.section.title}' follows "
                        f"{previous[0]}.{previous[1]}; expected {previous[0]}.{previous[1] + 1}",
                    )

    def _point(self, line: int, marker: str, lines: list[str], last: int) -> Point:
        if self.group is None:
            self.ungrouped_count += 1
            position = self.ungrouped_count
        else:
            position = self.group_count + 1
        self.group_count += 1
        author_id, first = split_author_id(lines[0])
        if author_id is not None and not _ID_PATTERN.match(author_id):
            self.problem(
                line,
                f"found the id {{#{author_id}}}, expected lower-case letters, digits and "
                "hyphens starting with a letter, e.g. {#father-not-known}",
            )
            author_id = None
        elif author_id is not None and _AUTOMATIC_ID.match(author_id):
            self.problem(
                line,
                f"found the id {{#{author_id}}}, which looks like an automatic anchor; "
                "expected a descriptive id, e.g. {#father-not-known}",
            )
            author_id = None
        continuation = _dedent(lines[1:])
        if continuation and (_BULLET.match(continuation[0]) or _NUMBERED.match(continuation[0])):
            continuation.insert(0, "")
        text = " ".join([first.strip(), *(part.strip() for part in lines[1:] if part.strip())]).strip()
        text = _resolved(text, self.references)
        if not text:
            self.problem(line, f"{READABLE[self.kind]} {position} in '## {self.section.title}' is empty, expected text")
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
            markdown=_resolved("\n".join([first.strip(), *continuation]).strip(), self.references),
        )


def _label(label: str) -> str:
    """A reference's label as Markdown matches it: in any case, white space as one space."""
    return " ".join(label.lower().split())


def _references(body: str) -> dict[str, str]:
    """The body's link reference definitions: label → the link's destination (and title), as
    written inside an inline link's parentheses. The first definition of a label counts."""
    found: dict[str, str] = {}
    for label, address, title in _REFERENCE_DEFINITION.findall(body):
        found.setdefault(_label(label), f"{address} {title}" if title else address)
    return found


def _resolved(markdown: str, references: dict[str, str]) -> str:
    """`markdown` with its reference links written inline: a point is shown on its own (on theme
    pages, in briefings and exports), away from the definitions at the end of the body."""
    if not references:
        return markdown

    def inline(match: re.Match[str]) -> str:
        bang, text, label = match.group(1), match.group(2), match.group(3)
        destination = references.get(_label(label or text))
        return match.group(0) if destination is None else f"{bang}[{text}]({destination})"

    pieces: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(markdown):  # left as written: Markdown shows a code span as it is
        pieces += [_REFERENCE_LINK.sub(inline, markdown[position : span.start()]), span.group(0)]
        position = span.end()
    return "".join([*pieces, _REFERENCE_LINK.sub(inline, markdown[position:])])


def _dedent(lines: list[str]) -> list[str]:
    """Continuation lines of an item without the indentation that made them part of it (lazy
    lines, not indented, are left as they are), with a blank line before a list inside the item
    (Markdown needs one after a paragraph)."""
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min((indent for indent in indents if indent), default=0)
    dedented: list[str] = []
    for line in (line[min(cut, len(line) - len(line.lstrip())) :] for line in lines):
        starts_list = bool(_BULLET.match(line) or _NUMBERED.match(line))
        if (
            starts_list
            and dedented
            and dedented[-1].strip()
            and not (_BULLET.match(dedented[-1]) or _NUMBERED.match(dedented[-1]))
        ):
            dedented.append("")
        dedented.append(line)
    return dedented


#: A line that is only a page number: "12", "Page 12", "Page 3 of 20", "- 4 -".
_PAGE_NUMBER_LINE = re.compile(
    r"^[ \t]*(?:[-–—][ \t]*)?(?:page[ \t]+)?\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?(?:[ \t]*[-–—])?[ \t]*$", re.I
)
#: A running header or footer printed on every page is seen this many times in the text.
RUNNING_LINE_REPEATS = 3


def _page_furniture(body: str, body_line: int, path: str) -> list[Problem]:
    """Page numbers and running headers or footers left in the text by copying it from a PDF:
    a line that is only a page number, and a line of three words or more repeated on its own."""
    problems = []
    in_fence = False
    seen: dict[str, list[int]] = {}
    lines = body.split("\n")
    for offset, text in enumerate(lines):
        if _FENCE.match(text):
            in_fence = not in_fence
        if in_fence or not text.strip():
            continue
        number = body_line + offset
        alone = (offset == 0 or not lines[offset - 1].strip()) and (
            offset + 1 == len(lines) or not lines[offset + 1].strip()
        )
        if alone and _PAGE_NUMBER_LINE.match(text):
            problems.append(
                Problem(
                    path,
                    number,
                    None,
                    f"found {text.strip()!r} alone on a line, a page number left from the source; expected "
                    "the review's text only (delete the line)",
                )
            )
        elif alone and len(text.split()) >= 3 and not _HEADING.match(text) and not _item_or_bullet(text):
            seen.setdefault(" ".join(text.split()), []).append(number)
    for line_text, numbers in seen.items():
        if len(numbers) >= RUNNING_LINE_REPEATS:
            shown = line_text if len(line_text) <= 60 else line_text[:57] + "..."
            problems.append(
                Problem(
                    path,
                    numbers[0],
                    None,
                    f"found {shown!r} {len(numbers)} times, on lines {', '.join(map(str, numbers))}: a running "
                    "header or footer left from the source; expected the review's text only (delete each)",
                )
            )
    return problems


def _item_or_bullet(text: str) -> bool:
    return bool(_BULLET.match(text) or _NUMBERED.match(text) or _PARAGRAPH_NUMBER.match(text))


def _check_anchors(points: list[Point], body: str, path: str) -> list[Problem]:
    """Anchors must be unique on the page and differ from the headings' ids."""
    problems = []
    headings = [match.group(2) for match in map(_HEADING.match, body.split("\n")) if match]
    taken = {heading_anchor(title): f"the heading '{title}'" for title in headings}
    for point in points:
        if point.anchor in taken:
            problems.append(
                Problem(
                    path,
                    point.line,
                    None,
                    f"the anchor '{point.anchor}' of this {READABLE[point.kind]} is already used by "
                    f"{taken[point.anchor]}; expected an anchor used once in the review (give the item an id, "
                    "e.g. {#police-training})",
                )
            )
        taken.setdefault(point.anchor, f"the item on line {point.line}")
    return problems
