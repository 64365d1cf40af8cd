"""A review's body as the page shows it: the author's Markdown, with each run of learning
points or recommendations rendered from the one parse of the body (`model.body`).

The anchors that theme pages, exports and search link to are the parse's anchors, written
into the page here, so the page cannot disagree with what links to it (and the build
checks the pages it wrote: `checks.anchors`).

A review with an action plan shows each recommendation's actions under it, rated as at the
build's day, and the plan's progress before its first list of recommendations.
"""

from __future__ import annotations

import datetime as dt

from .. import urls
from ..model.action_plan import Action, Rag, progress_of
from ..model.body import READABLE, RECOMMENDATION, PointList, Style
from ..model.reviews import Review
from .templating import Templates


def review_markdown(review: Review, templates: Templates, as_of: dt.date, plans_url: str = urls.ACTIONS) -> str:
    """The body's Markdown with its point lists replaced by anchored lists.

    `as_of` is the day action plans are rated at; `plans_url` the page of progress across
    plans that the plan's summary links to.
    """
    lines = review.body.split("\n")
    actions: dict[str, list[tuple[Action, Rag]]] = {}
    for action in review.action_plan:
        actions.setdefault(action.recommendation, []).append((action, action.rag(as_of)))
    first_recommendations = min(
        (run.first_line for run in review.content.lists if run.kind == RECOMMENDATION), default=None
    )
    for point_list in sorted(review.content.lists, key=lambda run: run.first_line, reverse=True):
        start = point_list.first_line - review.body_line
        end = point_list.last_line - review.body_line + 1
        block = ["", _point_list(point_list, templates, actions), ""]
        if review.action_plan and point_list.first_line == first_recommendations:
            summary = templates.render(
                "plan_summary.html",
                progress=progress_of(review.action_plan, as_of),
                as_of=as_of,
                page_url=review.url,
                plans_url=plans_url,
            ).strip()
            block = ["", summary, *block]
        lines[start:end] = block
    return "\n".join(lines)


def _point_list(point_list: PointList, templates: Templates, actions: dict[str, list[tuple[Action, Rag]]]) -> str:
    first = point_list.points[0]
    return templates.render(
        "points.html",
        points=point_list.points,
        style=point_list.style.value,
        start=int(first.label) if point_list.style is Style.NUMBERED and first.label.isdigit() else 1,
        readable_kind=READABLE[point_list.kind],
        actions=actions if point_list.kind == RECOMMENDATION else {},
    ).strip()
