"""Long lists of reviews split into pages of bounded weight.

A theme's, year's or board's reviews grow with the corpus, and practitioners read the pages
on phones: no page may grow without bound. A list is cut into pages in order (newest first),
each holding reviews up to a budget of estimated HTML, and at most `MAX_REVIEWS` of them. The
first page keeps the list's own address; later pages are at '<address>page-2/' and on
(`urls.paged`). The split depends only on the reviews, so the output is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .. import urls
from ..model.reviews import Review

#: Estimated HTML, in characters, that one page of a list may hold besides the site's own
#: header, navigation and footer (about 20 KB); pages stay well under 200 KB.
PAGE_BUDGET = 100_000
#: Reviews on one page at most, however light: a list a phone can scroll through.
MAX_REVIEWS = 40
#: Markup around a review card (heading, meta line, theme links) and around one point.
CARD_MARKUP = 450
THEME_MARKUP = 60
DIGEST_MARKUP = 250
POINT_MARKUP = 120


def card_weight(review: Review) -> int:
    """About how many characters a review's card takes on a list page."""
    return (
        CARD_MARKUP
        + 2 * len(review.slug)
        + len(review.title)
        + len(review.board)
        + len(review.summary)
        + sum(THEME_MARKUP + 2 * len(theme) for theme in review.themes)
    )


def learning_weight(review: Review) -> int:
    """About how many characters a review's learning points take in a digest."""
    if not review.content.learning:
        return 0
    return (
        DIGEST_MARKUP
        + 2 * len(review.slug)
        + len(review.title)
        + len(review.board)
        + sum(POINT_MARKUP + len(review.slug) + 2 * len(point.text) for point in review.content.learning)
    )


def card_and_learning_weight(review: Review) -> int:
    return card_weight(review) + learning_weight(review)


@dataclass(frozen=True)
class ListPage:
    """One page of a split list: its number (from 1), its reviews and every page's address."""

    number: int
    reviews: tuple[Review, ...]
    addresses: tuple[str, ...]
    first: int

    @property
    def url(self) -> str:
        return self.addresses[self.number - 1]

    def title(self, title: str) -> str:
        """The list's title, with 'page 2 of 5' when it has more than one page."""
        return title if self.count == 1 else f"{title}, page {self.number} of {self.count}"

    @property
    def count(self) -> int:
        """The number of pages of the list."""
        return len(self.addresses)

    @property
    def last(self) -> int:
        """The position of this page's last review in the whole list (from 1)."""
        return self.first + len(self.reviews) - 1


def split(
    reviews: Sequence[Review],
    first_url: str,
    weight: Callable[[Review], int] = card_weight,
    budget: int = PAGE_BUDGET,
    max_reviews: int = MAX_REVIEWS,
) -> list[ListPage]:
    """`reviews` in pages of at most `budget` estimated characters and `max_reviews` reviews
    (a page holds at least one review); the first page is at `first_url`, page n at
    `urls.paged(first_url, n)`. An empty list is one empty page."""
    groups: list[list[Review]] = [[]]
    used = 0
    for review in reviews:
        cost = weight(review)
        current = groups[-1]
        if current and (used + cost > budget or len(current) >= max_reviews):
            groups.append([])
            used = 0
        groups[-1].append(review)
        used += cost
    addresses = tuple(urls.paged(first_url, number) for number in range(1, len(groups) + 1))
    pages = []
    first = 1
    for number, group in enumerate(groups, start=1):
        pages.append(ListPage(number, tuple(group), addresses, first))
        first += len(group)
    return pages
