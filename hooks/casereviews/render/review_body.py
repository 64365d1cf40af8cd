"""A review's body as the page shows it: the author's Markdown, with each run of learning
points or recommendations rendered from the one parse of the body (`model.body`).

The anchors that theme pages, exports and search link to are the parse's anchors, written
into the page here, so the page cannot disagree with what links to it (and the build
checks the pages it wrote: `checks.anchors`).
"""

from __future__ import annotations

from ..model.body import READABLE, PointList, Style
from ..model.reviews import Review
from .templating import Templates


def review_markdown(review: Review, templates: Templates) -> str:
    """The body's Markdown with its point lists replaced by anchored lists."""
    lines = review.body.split("\n")
    for point_list in sorted(review.content.lists, key=lambda run: run.first_line, reverse=True):
        start = point_list.first_line - review.body_line
        end = point_list.last_line - review.body_line + 1
        lines[start:end] = ["", _point_list(point_list, templates), ""]
    return "\n".join(lines)


def _point_list(point_list: PointList, templates: Templates) -> str:
    first = point_list.points[0]
    return templates.render(
        "points.html",
        points=point_list.points,
        style=point_list.style.value,
        start=int(first.label) if point_list.style is Style.NUMBERED and first.label.isdigit() else 1,
        readable_kind=READABLE[point_list.kind],
    ).strip()
