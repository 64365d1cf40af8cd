"""Cross-indexes of the published learning: by theme, by year, by board, and related reviews.

Theme, year and board are three taxonomies of one shape: a map from a term to its reviews,
newest first. Each is built in one pass over the listed reviews, so the cost grows
linearly with the corpus. Related reviews are found through an index of theme sets
(see `RelatedReviews`), never by comparing every pair of reviews.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations, product
from typing import TypeVar

from ..model.reviews import Review, audiences_meet
from ..policy.public import PublicSite
from .actions import ActionIndex, build_action_index

RELATED_COUNT = 5
AUDIENCE_SHELVES = ("children", "adults", "all")


Term = TypeVar("Term", str, int)


def taxonomy(reviews: Iterable[Review], terms_of: Callable[[Review], Iterable[Term]]) -> dict[Term, list[Review]]:
    """Term → reviews having it, in the order given (callers pass newest first)."""
    index: dict[Term, list[Review]] = defaultdict(list)
    for review in reviews:
        for term in terms_of(review):
            index[term].append(review)
    return dict(index)


@dataclass
class Indexes:
    """Every index the generated pages need, built once per build."""

    listed: list[Review]
    by_theme: dict[str, list[Review]]
    by_year: dict[int, list[Review]]
    by_board: dict[str, list[Review]]
    by_theme_year: dict[str, dict[int, list[Review]]]
    related: RelatedReviews
    actions: ActionIndex
    by_board_year: dict[str, dict[int, list[Review]]]

    @property
    def years(self) -> list[int]:
        """Years with at least one listed review, newest first."""
        return sorted(self.by_year, reverse=True)

    def theme_years(self, theme: str) -> dict[int, list[Review]]:
        """A theme's reviews grouped by year, newest year first."""
        return self.by_theme_year.get(theme, {})

    def board_years(self, board: str) -> dict[int, list[Review]]:
        """A board's reviews grouped by year, newest year first."""
        return self.by_board_year.get(board, {})

    def matrix(self) -> dict[str, dict[int, int]]:
        """Theme → year → number of listed reviews (only non-zero cells)."""
        return {
            theme: {year: len(group) for year, group in years.items()} for theme, years in self.by_theme_year.items()
        }


def build_indexes(site: PublicSite, related_count: int = RELATED_COUNT) -> Indexes:
    """Index the listed reviews of the public view (published and archived)."""
    listed = list(site.reviews)
    by_theme: dict[str, list[Review]] = {slug: [] for slug in site.themes.themes}
    by_theme.update(taxonomy(listed, lambda review: review.themes))
    by_theme_year = {
        theme: dict(sorted(taxonomy(reviews, lambda review: [review.year]).items(), reverse=True))
        for theme, reviews in sorted(by_theme.items())
    }
    by_board = dict(sorted(taxonomy(listed, lambda review: [site.board_slug(review)]).items()))
    return Indexes(
        listed=listed,
        by_theme=dict(sorted(by_theme.items())),
        by_theme_year=by_theme_year,
        by_year=taxonomy(listed, lambda review: [review.year]),
        by_board=by_board,
        related=RelatedReviews(listed, related_count),
        actions=build_action_index(site),
        by_board_year={
            board: dict(sorted(taxonomy(reviews, lambda review: [review.year]).items(), reverse=True))
            for board, reviews in by_board.items()
        },
    )


class RelatedReviews:
    """The few reviews sharing most themes with a review, ties broken by recency, among those
    about the same people: reviews about children and reviews about adults are never related
    to each other (a review about either, such as a thematic review, relates to both).

    Every review is filed, in the shelf of its audience, under each non-empty subset of its
    themes (at most 2**MAX_THEMES - 1 entries, a constant), lists kept newest first; a review
    reads only the shelves of audiences it meets, so no list holds a review it must skip. A review sharing
    exactly k themes with R is in the list of that k-subset of R's themes. Walking the
    levels k = |themes|, …, 1 and reading at most 2 × count entries per list gives the
    answer in time independent of the corpus size, so the whole pass is linear.
    """

    def __init__(self, reviews_newest_first: Iterable[Review], count: int = RELATED_COUNT) -> None:
        self.count = count
        self._by_subset: dict[tuple[str, frozenset[str]], list[Review]] = defaultdict(list)
        for review in reviews_newest_first:
            for size in range(1, len(review.themes) + 1):
                for subset in combinations(sorted(review.themes), size):
                    self._by_subset[review.audience, frozenset(subset)].append(review)

    def for_review(self, review: Review) -> list[tuple[Review, int]]:
        """Up to `count` (review, number of shared themes), most shared first, then newest."""
        themes = sorted(review.themes)
        chosen: dict[str, tuple[Review, int]] = {}
        for size in range(len(themes), 0, -1):
            level: dict[str, Review] = {}
            shelves = [shelf for shelf in AUDIENCE_SHELVES if audiences_meet(shelf, review.audience)]
            for subset, shelf in product(combinations(themes, size), shelves):
                taken_here = 0
                for candidate in self._by_subset.get((shelf, frozenset(subset)), ()):
                    if candidate.slug == review.slug or candidate.slug in chosen:
                        continue
                    shared = len(set(candidate.themes) & set(themes))
                    if shared != size:
                        continue  # counted at its own, higher level
                    level.setdefault(candidate.slug, candidate)
                    taken_here += 1
                    if taken_here >= self.count:
                        break
            ranked = sorted(level.values(), key=lambda r: (-r.published.toordinal(), r.slug))
            for candidate in ranked[: self.count - len(chosen)]:
                chosen[candidate.slug] = (candidate, size)
            if len(chosen) >= self.count:
                break
        return list(chosen.values())
