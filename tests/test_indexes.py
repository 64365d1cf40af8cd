"""Indexes, related reviews and board names, on records built in memory."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from casereviews.index.indexes import RelatedReviews, taxonomy
from casereviews.model.boards import BoardRegistry, board_slug, near_duplicates, read_registry
from casereviews.model.dates import PartialDate
from casereviews.model.reviews import Review

THEMES = ["a", "b", "c", "d", "e", "f", "g"]


#: Review types about children, adults, and either.
TYPES = ("serious-case-review", "safeguarding-adults-review", "thematic-review")


def review(slug: str, published: dt.date, themes: tuple[str, ...], kind: str = "serious-case-review") -> Review:
    return Review(
        slug=slug,
        path=f"content/reviews/{slug}.md",
        title=slug,
        review_types=(kind,),
        board="Testshire Safeguarding Children Board",
        published=PartialDate.of(published),
        themes=themes,
        summary="s",
        status="published",
    )


def random_corpus(size: int, seed: int) -> list[Review]:
    rng = random.Random(seed)
    reviews = [
        review(
            f"r{index:04d}",
            dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 9000)),
            tuple(rng.sample(THEMES, rng.randint(1, 4))),
            rng.choice(TYPES),
        )
        for index in range(size)
    ]
    return sorted(reviews, key=lambda r: (-r.published.toordinal(), r.slug))


def brute_force_related(target: Review, corpus: list[Review], count: int) -> list[tuple[str, int]]:
    scored = [
        (other, len(set(other.themes) & set(target.themes)))
        for other in corpus
        if other.slug != target.slug
        and set(other.themes) & set(target.themes)
        and (other.audience == target.audience or "all" in (other.audience, target.audience))
    ]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].published.toordinal(), pair[0].slug))
    return [(other.slug, shared) for other, shared in scored[:count]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_related_reviews_match_brute_force(seed):
    """The theme-set index gives exactly the pairwise answer: most shared themes, then newest, among
    reviews about the same people (children, adults, or either)."""
    corpus = random_corpus(400, seed)
    related = RelatedReviews(corpus, count=5)
    for target in corpus:
        assert [(r.slug, shared) for r, shared in related.for_review(target)] == brute_force_related(target, corpus, 5)


def test_related_reviews_of_a_lone_theme():
    """A review whose themes no other review has gets no related reviews."""
    corpus = [review("x", dt.date(2010, 1, 1), ("a",)), review("y", dt.date(2011, 1, 1), ("b",))]
    assert RelatedReviews(corpus).for_review(corpus[0]) == []


def test_taxonomy_keeps_order_and_counts_each_term():
    """A review is filed under each of its terms, in the order given."""
    corpus = [review("new", dt.date(2020, 1, 1), ("a", "b")), review("old", dt.date(2010, 1, 1), ("a",))]
    index = taxonomy(corpus, lambda r: r.themes)
    assert {term: [r.slug for r in reviews] for term, reviews in index.items()} == {"a": ["new", "old"], "b": ["new"]}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tower Hamlets LSCB", "Tower Hamlets Local Safeguarding Children's Board"),
        ("Tower Hamlets Local Safeguarding Children Board", "Tower Hamlets Safeguarding Children Board"),
        ("The Derby Safeguarding Children Board", "derby safeguarding children board"),
        ("Brighton & Hove SAB", "Brighton and Hove Safeguarding Adults Board"),
    ],
)
def test_board_spellings_that_are_one_board(first, second):
    """Case, punctuation, 'the', 'local', apostrophes and abbreviations do not split a board."""
    assert board_slug(first) == board_slug(second)


def test_near_duplicate_boards():
    """Typos in the place, and City/County variants, are near-duplicates; different places are not."""
    slugs = [
        board_slug(name)
        for name in (
            "Tower Hamlets Safeguarding Children Board",
            "Tower Hamlet Safeguarding Children Board",
            "Derby Safeguarding Children Board",
            "Derby City Safeguarding Children Board",
            "Westmoor Safeguarding Children Board",
            "Thornby Safeguarding Children Board",
            "Derby Safeguarding Adults Board",
        )
    ]
    assert near_duplicates(slugs) == [
        ("derby-city-safeguarding-children-board", "derby-safeguarding-children-board"),
        ("tower-hamlet-safeguarding-children-board", "tower-hamlets-safeguarding-children-board"),
    ]


def test_registry_names_and_spellings():
    """The boards file sets the name shown and maps other spellings to the board."""
    registry, problems = read_registry(
        {"boards": [{"name": "Derby Safeguarding Children Board", "also_written": ["Derby City SCB"]}]},
        "content/_data/boards.yml",
    )
    assert problems == []
    assert registry.slug_of("Derby City SCB") == "derby-safeguarding-children-board"
    assert registry.display_names(["derby city scb", "Derby City SCB"]) == {
        "derby-safeguarding-children-board": "Derby Safeguarding Children Board"
    }


def test_display_name_is_the_most_used_spelling():
    """Without the boards file, a board is shown as most of its reviews spell it."""
    names = BoardRegistry().display_names(["Tower Hamlets LSCB", "Tower Hamlets LSCB", "Tower Hamlets Local SCB"])
    assert names == {"tower-hamlets-safeguarding-children-board": "Tower Hamlets LSCB"}


def test_registry_errors():
    """A malformed boards file is reported, entry by entry."""
    _, problems = read_registry({"boards": [{"nam": "x"}]}, "content/_data/boards.yml")
    assert [str(p) for p in problems] == [
        "content/_data/boards.yml: boards: entry 1: expected 'name' (text) and optional 'also_written' (a list); "
        "write the entry as README shows, with those two fields only"
    ]


def test_reviews_about_children_and_adults_are_never_related():
    """An adults review and a children's review sharing every theme are not related; a thematic review
    relates to both."""
    child = review("child", dt.date(2010, 1, 1), ("a", "b"))
    adult = review("adult", dt.date(2011, 1, 1), ("a", "b"), "safeguarding-adults-review")
    thematic = review("thematic", dt.date(2012, 1, 1), ("a",), "thematic-review")
    corpus = [thematic, adult, child]
    related = RelatedReviews(corpus)
    assert [r.slug for r, _ in related.for_review(child)] == ["thematic"]
    assert [r.slug for r, _ in related.for_review(adult)] == ["thematic"]
    assert [r.slug for r, _ in related.for_review(thematic)] == ["adult", "child"]
