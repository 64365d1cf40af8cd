"""The action plans of the listed reviews, rated as at the public view's day and indexed by
board and by owning agency, in one pass (linear in the number of actions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import vocabulary
from ..model.action_plan import Action, PlanProgress, Rag, progress_of
from ..model.reviews import Review
from ..policy.public import PublicSite


@dataclass(frozen=True)
class TrackedAction:
    """One action of one listed review, with its rating as at the index's day."""

    review: Review
    action: Action
    rag: Rag

    @property
    def is_overdue(self) -> bool:
        return self.rag is Rag.RED


@dataclass(frozen=True)
class ActionIndex:
    """Every action of the listed reviews: newest review first, each plan in its own order."""

    as_of: dt.date
    actions: tuple[TrackedAction, ...] = ()
    by_board: dict[str, tuple[TrackedAction, ...]] = field(default_factory=dict)
    by_agency: dict[str, tuple[TrackedAction, ...]] = field(default_factory=dict)

    def progress(self, actions: Iterable[TrackedAction] | None = None) -> PlanProgress:
        """Counts by status and rating of `actions` (all by default)."""
        chosen = self.actions if actions is None else tuple(actions)
        return progress_of([tracked.action for tracked in chosen], self.as_of)

    @staticmethod
    def overdue(actions: Iterable[TrackedAction]) -> list[TrackedAction]:
        """The overdue ones, longest overdue first."""
        late = [tracked for tracked in actions if tracked.is_overdue]
        return sorted(
            late, key=lambda tracked: (tracked.action.due.last_day, tracked.review.slug, tracked.action.number)
        )

    @staticmethod
    def by_review(actions: Iterable[TrackedAction]) -> list[tuple[Review, list[TrackedAction]]]:
        """`actions` grouped by review, in the order given."""
        groups: dict[str, tuple[Review, list[TrackedAction]]] = {}
        for tracked in actions:
            groups.setdefault(tracked.review.slug, (tracked.review, []))[1].append(tracked)
        return list(groups.values())


def build_action_index(site: PublicSite) -> ActionIndex:
    """Rate and index the action plans of the listed reviews (archived ones have none)."""
    tracked = tuple(
        TrackedAction(review, action, action.rag(site.as_of))
        for review in site.reviews
        for action in review.action_plan
    )
    by_board: dict[str, list[TrackedAction]] = {}
    by_agency: dict[str, list[TrackedAction]] = {}
    for item in tracked:
        by_board.setdefault(site.board_slug(item.review), []).append(item)
        for owner in item.action.owners:
            by_agency.setdefault(owner, []).append(item)
    return ActionIndex(
        as_of=site.as_of,
        actions=tracked,
        by_board={slug: tuple(items) for slug, items in sorted(by_board.items())},
        by_agency={key: tuple(by_agency[key]) for key in vocabulary.AGENCIES if key in by_agency},
    )
