"""A review's body as the page shows it: the author's Markdown, with each run of learning
points or recommendations rendered from the one parse of the body (`model.body`) as HTML.

The anchors that theme pages, exports and search link to are the parse's anchors, written
into the page here, so the page cannot disagree with what links to it (and the build
checks the pages it wrote: `output_checks.anchors`).

A review with an action plan shows each recommendation's actions under it, rated as at the
build's day, and the plan's progress before its first list of recommendations.
"""

from __future__ import annotations

import datetime as dt

from .. import urls
from ..model.action_plan import Action, Rag, progress_of
from ..model.body import PointList, Style
from ..model.reviews import Review
from ..model.sections import READABLE, RECOMMENDATION
from .point_html import PointHtml
from .templating import Fragment, Templates


def review_parts(
    review: Review, templates: Templates, points: PointHtml, as_of: dt.date, plans_url: str = urls.ACTIONS
) -> list[str | Fragment]:
    """The body in order: the author's Markdown, and each run of points as an anchored list (HTML).

    The points' text is the author's Markdown, converted by `points` with the site's extensions;
    the lists are HTML that Markdown never reads again. `as_of` is the day action plans are
    rated at; `plans_url` the page of progress across plans that the plan's summary links to.
    """
    lines = review.body.split("\n")
    actions: dict[str, list[tuple[Action, Rag]]] = {}
    for action in review.action_plan:
        actions.setdefault(action.recommendation, []).append((action, action.rag(as_of)))
    first_recommendations = min(
        (run.first_line for run in review.content.lists if run.kind == RECOMMENDATION), default=None
    )
    parts: list[str | Fragment] = []
    position = 0
    for point_list in sorted(review.content.lists, key=lambda run: run.first_line):
        start = point_list.first_line - review.body_line
        parts.append("\n".join(lines[position:start]))
        if review.action_plan and point_list.first_line == first_recommendations:
            parts.append(
                templates.fragment(
                    "plan_summary.html",
                    progress=progress_of(review.action_plan, as_of),
                    as_of=as_of,
                    page_url=review.url,
                    plans_url=plans_url,
                )
            )
        parts.append(_point_list(point_list, templates, points, actions))
        position = point_list.last_line - review.body_line + 1
    parts.append("\n".join(lines[position:]))
    return parts


def _point_list(
    point_list: PointList, templates: Templates, points: PointHtml, actions: dict[str, list[tuple[Action, Rag]]]
) -> Fragment:
    first = point_list.points[0]
    planned = actions if point_list.kind == RECOMMENDATION else {}
    items = []
    for point in point_list.points:
        block = "\n" in point.markdown  # several paragraphs (or a list) in one point
        items.append((point, points.block(point.markdown) if block else points.inline(point.markdown), block))
    return templates.fragment(
        "points.html",
        points=items,
        style=point_list.style.value,
        start=int(first.label) if point_list.style is Style.NUMBERED and first.label.isdigit() else 1,
        readable_kind=READABLE[point_list.kind],
        actions=planned,
    )
