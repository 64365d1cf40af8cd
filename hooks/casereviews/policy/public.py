"""The public view: everything the site may publish at a moment, and nothing else.

It is computed once per build from the loaded content, and it is all that indexes, pages,
exports, feeds, redirects and search are given:

- listed reviews: published ones in full, with their action plans; archived ones (after
  `online_until`) as their record and summary, the body, report link and action plan
  removed from the object itself;
- withdrawal notices: for a withdrawn review, only what its notice shows;
- themes, and the boards that have a page.

A draft, or a review under embargo, is not in it in any form, so a renderer cannot show
its text by mistake: it never receives it. The leak guard after the build stays as the
second line. (The preview alone builds from another view, which adds them, marked:
`policy.preview_view`.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .. import urls
from ..load.catalogue import Site
from ..model.boards import BoardRegistry
from ..model.body import ReviewBody
from ..model.dates import PartialDate
from ..model.fields import UK_TIME
from ..model.reviews import Review
from ..model.themes import ThemeCatalogue
from ..problems import Problem
from ..rules.withheld import normalise
from .publication import Visibility, visibility

#: Summaries shorter than this are too common to serve as leak markers.
MIN_MARKER_LENGTH = 40


@dataclass(frozen=True)
class WithdrawalNotice:
    """What stays at a withdrawn review's address: its title, board, dates and the reason."""

    slug: str
    title: str
    board: str
    published: PartialDate
    withdrawn_on: dt.date
    withdrawn_reason: str
    aliases: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return urls.review(self.slug)

    @property
    def year(self) -> int:
        return self.published.year


@dataclass(frozen=True)
class Unpublished:
    """A review only the preview shows (`policy.preview_view`): why it is not published, and
    what would stop its publication were its status published now."""

    visibility: Visibility
    to_fix: tuple[Problem, ...] = ()
    #: When the embargo of an embargoed review lifts.
    until: dt.datetime | None = None


@dataclass(frozen=True)
class PublicSite:
    """What may be published now: listed reviews (newest first), notices, themes and boards."""

    reviews: tuple[Review, ...]
    archived: frozenset[str]
    notices: tuple[WithdrawalNotice, ...]
    themes: ThemeCatalogue
    boards: BoardRegistry
    board_names: dict[str, str]
    #: The day (UK time) the view is as at: action plans are rated and reported as at it.
    as_of: dt.date
    #: Reviews only the preview shows (slug → why), marked wherever they appear; empty in every build.
    unpublished: Mapping[str, Unpublished] = field(default_factory=dict)

    @functools.cached_property
    def by_slug(self) -> dict[str, Review | WithdrawalNotice]:
        """Every review with a page, by slug: listed reviews and withdrawal notices."""
        items: list[Review | WithdrawalNotice] = [*self.reviews, *self.notices]
        return {item.slug: item for item in items}

    def visibility_of(self, item: Review | WithdrawalNotice) -> Visibility:
        """What the public sees of a review with a page: its state in the templates, sitemap and keys."""
        if isinstance(item, WithdrawalNotice):
            return Visibility.WITHDRAWN
        if item.slug in self.unpublished:
            return self.unpublished[item.slug].visibility
        return Visibility.ARCHIVED if self.is_archived(item) else Visibility.PUBLISHED

    def unpublished_label(self, item: Review | WithdrawalNotice) -> str:
        """'Draft' or 'Embargoed' for a review only the preview shows; '' for the others."""
        note = self.unpublished.get(item.slug)
        return "" if note is None else "Draft" if note.visibility is Visibility.DRAFT else "Embargoed"

    def is_archived(self, review: Review) -> bool:
        """Listed by its record and summary only: the full text is no longer online."""
        return review.slug in self.archived

    def board_slug(self, item: Review | WithdrawalNotice) -> str:
        return self.boards.slug_of(item.board)

    def board_name(self, item: Review | WithdrawalNotice) -> str:
        return self.board_names.get(self.board_slug(item), item.board)

    @property
    def page_years(self) -> list[int]:
        """Years that have a page: those of every review with a page (a notice keeps it)."""
        return sorted({review.year for review in self.reviews} | {notice.year for notice in self.notices})

    @property
    def page_boards(self) -> list[str]:
        """Boards that have a page: those of every review with a page."""
        return sorted(self.board_names)


def _listed_form(review: Review, shown: Visibility) -> Review:
    if shown is Visibility.ARCHIVED:
        # The action plan goes with the text: it tracks recommendations no longer online.
        return dataclasses.replace(review, body="", content=ReviewBody(), source_url=None, action_plan=())
    return review


def _notice(review: Review) -> WithdrawalNotice:
    assert review.withdrawn_on is not None and review.withdrawn_reason is not None  # validated
    return WithdrawalNotice(
        slug=review.slug,
        title=review.title,
        board=review.board,
        published=review.published,
        withdrawn_on=review.withdrawn_on,
        withdrawn_reason=review.withdrawn_reason,
        aliases=review.aliases,
    )


def public_view(site: Site, now: dt.datetime) -> PublicSite:
    """The public view of `site` at the aware moment `now`."""
    return view_of(site, now, {slug: visibility(review, now) for slug, review in site.reviews.items()})


def view_of(
    site: Site, now: dt.datetime, shown: Mapping[str, Visibility], unpublished: Mapping[str, Unpublished] | None = None
) -> PublicSite:
    """The view of `site` in which each review is shown as `shown` says (slug → visibility)."""
    listed = sorted(
        (_listed_form(review, shown[slug]) for slug, review in site.reviews.items() if shown[slug].is_listed),
        key=lambda review: (-review.published.toordinal(), review.slug),
    )
    notices = tuple(
        _notice(review) for slug, review in sorted(site.reviews.items()) if shown[slug] is Visibility.WITHDRAWN
    )
    boards_shown: Iterable[str] = [*(review.board for review in listed), *(notice.board for notice in notices)]
    return PublicSite(
        reviews=tuple(listed),
        archived=frozenset(slug for slug, state in shown.items() if state is Visibility.ARCHIVED),
        notices=notices,
        themes=site.themes,
        boards=site.boards,
        board_names=site.boards.display_names(boards_shown),
        as_of=now.astimezone(UK_TIME).date(),
        unpublished=dict(unpublished or {}),
    )


def withheld_text(site: Site, public: PublicSite) -> dict[str, str]:
    """Text that must appear in no output file → what it is, for the leak guard's message.

    The addresses of reviews not in the public view, the summaries of reviews whose text is
    not public (unless a listed review has the same summary, word for word), and the actions
    of plans that are not published (unlisted or archived reviews).
    """
    listed = {review.slug for review in public.reviews}
    noticed = {notice.slug for notice in public.notices}
    public_summaries = {normalise(review.summary) for review in public.reviews}
    public_actions = {normalise(action.action) for review in public.reviews for action in review.action_plan}
    markers: dict[str, str] = {}
    for slug, review in sorted(site.reviews.items()):
        if slug not in listed or public.is_archived(review):
            for action in review.action_plan:  # a plan goes with the text (see _listed_form)
                text = normalise(action.action)
                if len(text) >= MIN_MARKER_LENGTH and text not in public_actions:
                    markers[text] = (
                        f"action {action.number} of the action plan of {review.path}, which is not published"
                    )
        if slug in listed:
            continue
        if slug not in noticed:
            markers[urls.review(slug)] = f"the address of unpublished review {review.path}"
        summary = normalise(review.summary)
        if len(summary) >= MIN_MARKER_LENGTH and summary not in public_summaries:
            markers[summary] = f"the summary of unpublished review {review.path}"
    return markers
