"""The body convention of a review, and the learning points and recommendations read from it.

A review body is Markdown with level-2 sections. Two are required, each holding a numbered
list (`1.`, `2.`, … in order), optionally after a short introduction:

    ## Learning
    1. Text of the first learning point.
    2. {#father-not-known} A point with an id chosen by the author.

    ## Recommendations
    1. Text of the first recommendation.

Each item gets a stable anchor on the review page: `learning-N` / `recommendation-N` by
position, or the author's `{#id}`, which survives reordering. No level-1 heading: the title
comes from front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..problems import Problem

LEARNING = "learning"
RECOMMENDATION = "recommendation"

#: Section heading (lower case) → kind of point it holds.
POINT_SECTIONS = {"learning": LEARNING, "recommendations": RECOMMENDATION}
#: The heading as authors write it, for messages.
SECTION_TITLES = {LEARNING: "Learning", RECOMMENDATION: "Recommendations"}

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_NUMBERED = re.compile(r"^(\d{1,3})[.)][ \t]+(.*)$")
_BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+")
_AUTHOR_ID = re.compile(r"^\{#([^}]*)\}[ \t]*")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_AUTOMATIC_ID = re.compile(rf"^(?:{LEARNING}|{RECOMMENDATION})-\d+$")


@dataclass(frozen=True)
class Point:
    """One learning point or recommendation: its kind, number, anchor, Markdown text and line."""

    kind: str
    number: int
    anchor: str
    text: str
    line: int
    end_line: int = 0


@dataclass(frozen=True)
class ReviewBody:
    """What the site reads from a review's body."""

    sections: tuple[str, ...]
    learning: tuple[Point, ...]
    recommendations: tuple[Point, ...]


def point_anchor(kind: str, number: int, author_id: str | None) -> str:
    """The anchor of a point on its review page."""
    return author_id or f"{kind}-{number}"


def heading_anchor(title: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (for collision checks)."""
    return "-".join(re.findall(r"[\w]+", title.lower()))


def split_author_id(item_text: str) -> tuple[str | None, str]:
    """Split '{#id} Text' into the id and the text; (None, text) when there is no id."""
    match = _AUTHOR_ID.match(item_text)
    if not match:
        return None, item_text
    return match.group(1), item_text[match.end() :]


def parse_body(body: str, body_line: int, path: str) -> tuple[ReviewBody, list[Problem]]:
    """Read sections and points from a review body, checking the convention."""
    problems: list[Problem] = []
    sections: list[tuple[str, int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] | None = None
    in_fence = False
    for offset, text in enumerate(body.split("\n")):
        number = body_line + offset
        if _FENCE.match(text):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(text)
        if heading:
            level = len(heading.group(1))
            if level == 1:
                problems.append(
                    Problem(
                        path,
                        number,
                        None,
                        f"found a level-1 heading {text.strip()!r}, expected '## ' headings only "
                        "(the title comes from the front matter)",
                    )
                )
            if level <= 2:
                current = []
                sections.append((heading.group(2), number, current))
                continue
        if current is not None:
            current.append((number, text))

    seen_titles: dict[str, int] = {}
    points: dict[str, list[Point]] = {LEARNING: [], RECOMMENDATION: []}
    for title, heading_line, lines in sections:
        key = title.strip().lower()
        if key in seen_titles and key in POINT_SECTIONS:
            problems.append(
                Problem(
                    path,
                    heading_line,
                    None,
                    f"found a second '## {title}' section (the first is on line {seen_titles[key]}), expected one",
                )
            )
            continue
        seen_titles.setdefault(key, heading_line)
        if key in POINT_SECTIONS:
            kind = POINT_SECTIONS[key]
            found, section_problems = _parse_points(kind, heading_line, lines, path)
            points[kind] = found
            problems.extend(section_problems)

    for title in SECTION_TITLES.values():
        if title.lower() not in seen_titles:
            problems.append(
                Problem(
                    path,
                    None,
                    None,
                    f"has no '## {title}' section: expected one, holding a numbered list (1., 2., …)",
                )
            )
    problems.extend(_check_anchors(points, [title for title, _, _ in sections], path))
    return (
        ReviewBody(
            sections=tuple(title for title, _, _ in sections),
            learning=tuple(points[LEARNING]),
            recommendations=tuple(points[RECOMMENDATION]),
        ),
        problems,
    )


def _parse_points(
    kind: str, heading_line: int, lines: list[tuple[int, str]], path: str
) -> tuple[list[Point], list[Problem]]:
    """The numbered items of one section, and problems with its shape."""
    title = SECTION_TITLES[kind]
    problems: list[Problem] = []
    items: list[tuple[int, int, list[str]]] = []  # (line, written number, text lines)
    last_lines: list[int] = []
    after_blank = False
    for number, source in lines:
        numbered = _NUMBERED.match(source)
        if numbered:
            items.append((number, int(numbered.group(1)), [numbered.group(2)]))
            last_lines.append(number)
            after_blank = False
        elif not source.strip():
            after_blank = True
        elif items and (source[:1] in (" ", "\t") or not after_blank):
            items[-1][2].append(source.strip())
            last_lines[-1] = number
            after_blank = False
        elif _BULLET.match(source):
            problems.append(
                Problem(
                    path,
                    number,
                    None,
                    f"found a bulleted item in '## {title}', expected a numbered list (1., 2., …)",
                )
            )
        elif items:
            problems.append(
                Problem(
                    path,
                    number,
                    None,
                    f"found text after the numbered list in '## {title}', expected only numbered "
                    "items (indent a line to continue an item)",
                )
            )
    if not items:
        problems.append(
            Problem(
                path,
                heading_line,
                None,
                f"'## {title}' has no numbered items: expected a numbered list (1., 2., …)",
            )
        )
    points: list[Point] = []
    for position, (line, written, text_lines) in enumerate(items, start=1):
        if written != position:
            problems.append(
                Problem(
                    path,
                    line,
                    None,
                    f"item in '## {title}' is numbered {written}, expected {position} "
                    "(number the items 1, 2, 3 … in order)",
                )
            )
        author_id, first = split_author_id(text_lines[0])
        if author_id is not None and not _ID_PATTERN.match(author_id):
            problems.append(
                Problem(
                    path,
                    line,
                    None,
                    f"found the id {{#{author_id}}}, expected lower-case letters, digits and "
                    "hyphens starting with a letter, e.g. {#father-not-known}",
                )
            )
            author_id = None
        elif author_id is not None and _AUTOMATIC_ID.match(author_id):
            problems.append(
                Problem(
                    path,
                    line,
                    None,
                    f"found the id {{#{author_id}}}, which looks like an automatic anchor; "
                    "expected a descriptive id, e.g. {#father-not-known}",
                )
            )
            author_id = None
        text_value = " ".join([first, *text_lines[1:]]).strip()
        if not text_value:
            problems.append(Problem(path, line, None, f"item {position} in '## {title}' is empty, expected text"))
        points.append(
            Point(kind, position, point_anchor(kind, position, author_id), text_value, line, last_lines[position - 1])
        )
    return points, problems


def _check_anchors(points: dict[str, list[Point]], headings: list[str], path: str) -> list[Problem]:
    """Author ids must be unique on the page and differ from the section headings' ids."""
    problems = []
    taken = {heading_anchor(title): f"the heading '{title}'" for title in headings}
    for point in [*points[LEARNING], *points[RECOMMENDATION]]:
        if point.anchor in taken:
            problems.append(
                Problem(
                    path,
                    point.line,
                    None,
                    f"the id {{#{point.anchor}}} is already used by {taken[point.anchor]}, "
                    "expected an id used once in the review",
                )
            )
        taken.setdefault(point.anchor, f"the item on line {point.line}")
    return problems
