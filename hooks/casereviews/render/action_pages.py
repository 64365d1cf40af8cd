"""The action plan pages: progress across every plan, and each board's and each agency's actions.

Lists of actions are split like any long list (`listing.split`), so no page grows without
bound; the summary shows only the longest overdue.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import urls
from ..index.actions import ActionIndex, TrackedAction
from ..model import vocabulary
from ..model.action_plan import DUE_SOON_DAYS
from ..policy.public import PublicSite
from . import listing
from .generated import GeneratedPage

#: Overdue actions listed on a summary page, longest overdue first; the rest are listed with
#: their reviews (on a board's or an agency's pages), so the page stays light at any size.
OVERDUE_SHOWN = 20
#: Estimated HTML, in characters, of an action card besides its text.
ACTION_MARKUP = 900


def actions_weight(actions: list[TrackedAction]) -> int:
    """About how many characters a review's actions take on a list of actions."""
    return sum(
        ACTION_MARKUP
        + 2 * len(tracked.review.slug)
        + len(tracked.action.action)
        + len(tracked.action.evidence or "")
        + sum(80 + len(note.note) for note in tracked.action.progress)
        for tracked in actions
    )


#: How an action's rating is worked out, in words for the action plan pages.
RAG_RULE = (
    "red when it is past its due date and neither complete nor signed off; amber when it is due within "
    f"{DUE_SOON_DAYS} days and neither complete nor signed off; green otherwise (done, or on track)."
)


class ActionPages:
    """Makes the action plan pages from the public view's action index."""

    def __init__(self, site: PublicSite, index: ActionIndex, page: Callable[..., GeneratedPage]) -> None:
        """`page` makes one page from a template, its title, description and values (`Pages.page`)."""
        self.site = site
        self.index = index
        self.page = page

    def all(self) -> dict[str, GeneratedPage]:
        """Source path → every action plan page."""
        pages = {urls.source_of(urls.ACTIONS): self.actions_index()}
        for slug in self.index.by_board:
            pages.update(self.board_actions(slug))
        for agency in self.index.by_agency:
            pages.update(self.agency_actions(agency))
        return pages

    def actions_index(self) -> GeneratedPage:
        """/actions/: progress across every listed review's action plan, with the overdue
        actions, and counts by board and by agency linking to their pages (filters that need
        no JavaScript)."""
        index = self.index
        page_url = urls.ACTIONS
        progress = index.progress()
        boards = [
            (self.site.board_names[slug], urls.href(page_url, urls.board_actions(slug)), index.progress(actions))
            for slug, actions in sorted(index.by_board.items(), key=lambda item: self.site.board_names[item[0]].lower())
        ]
        agencies = [
            (vocabulary.AGENCIES[key], urls.href(page_url, urls.agency_actions(key)), index.progress(actions))
            for key, actions in index.by_agency.items()
        ]
        return self.page(
            "actions_index.html",
            "Action plans",
            "Progress on the action plans that follow published reviews: actions by status, overdue actions, "
            "and progress by board and by agency.",
            page_url=page_url,
            as_of=self.site.as_of,
            rag_rule=RAG_RULE,
            progress=progress,
            plan_count=len({tracked.review.slug for tracked in index.actions}),
            overdue=index.overdue(index.actions)[:OVERDUE_SHOWN],
            more_overdue=max(progress.overdue - OVERDUE_SHOWN, 0),
            boards=boards,
            agency_rows=agencies,
        )

    def board_actions(self, slug: str) -> dict[str, GeneratedPage]:
        """/actions/boards/<slug>/ (and its later pages): one board's action plans, review by review."""
        name = self.site.board_names[slug]
        return self.pages_of(
            urls.board_actions(slug),
            f"Action plans: {name}",
            f"Progress on the action plans that follow reviews published by {name}.",
            self.index.by_board[slug],
            show_plan_totals=False,
        )

    def agency_actions(self, agency: str) -> dict[str, GeneratedPage]:
        """/actions/agencies/<key>/ (and its later pages): the actions one agency owns, across reviews."""
        name = vocabulary.AGENCIES[agency]
        return self.pages_of(
            urls.agency_actions(agency),
            f"Action plans: actions owned by {name}",
            f"Progress on the actions owned by {name} in the action plans that follow published reviews.",
            self.index.by_agency[agency],
            show_plan_totals=True,
        )

    def pages_of(
        self, first_url: str, title: str, description: str, actions: tuple[TrackedAction, ...], show_plan_totals: bool
    ) -> dict[str, GeneratedPage]:
        """Source path → each page of a list of actions: the first page has the counts
        and the longest overdue; every page has its share of the actions, review by review, split
        like any long list (`listing.split`) so no page grows without bound."""
        index = self.index
        ordered = index.by_review(actions)
        reviews = [review for review, _ in ordered]
        groups = {review.slug: members for review, members in ordered}
        parts = listing.split(reviews, first_url, lambda review: actions_weight(groups[review.slug]))
        overdue = index.overdue(actions)
        progress = index.progress(actions)
        pages = {}
        for part in parts:
            pages[urls.source_of(part.url)] = self.page(
                "actions_page.html",
                part.title(title),
                description,
                page_url=part.url,
                first_url=first_url,
                page=part,
                as_of=self.site.as_of,
                rag_rule=RAG_RULE,
                progress=progress,
                review_count=len(reviews),
                overdue=overdue[:OVERDUE_SHOWN],
                more_overdue=max(len(overdue) - OVERDUE_SHOWN, 0),
                groups=[(review, groups[review.slug]) for review in part.reviews],
                show_plan_totals=show_plan_totals,
            )
        return pages
