"""A review's body as the page shows it: the author's Markdown, with each list of learning
points or recommendations rendered from the one parse of the body (`model.body`).

The anchors that theme pages, exports and search link to are the parse's anchors, written
into the page here, so the page can never disagree with what links to it.
"""

from __future__ import annotations

from ..model.body import LEARNING, Point
from ..model.reviews import Review
from .templating import Templates

READABLE_KIND = {LEARNING: "learning point", "recommendation": "recommendation"}


def review_markdown(review: Review, templates: Templates) -> str:
    """The body's Markdown with its point lists replaced by anchored lists."""
    lines = review.body.split("\n")
    replacements: list[tuple[int, int, str]] = []
    for points in (review.content.learning, review.content.recommendations):
        if points:
            replacements.append(
                (
                    points[0].line - review.body_line,
                    points[-1].end_line - review.body_line + 1,
                    _point_list(points, templates),
                )
            )
    for start, end, html in sorted(replacements, reverse=True):
        lines[start:end] = ["", html, ""]
    return "\n".join(lines)


def _point_list(points: tuple[Point, ...], templates: Templates) -> str:
    return templates.render("points.html", points=points, readable_kind=READABLE_KIND[points[0].kind]).strip()
