"""Board names: one board must not split into two pages through spelling.

Names are compared by a key that ignores case, punctuation, "the", apostrophes and the
usual abbreviations (LSCB, SCB, SAB, ACPC), so "Tower Hamlets LSCB" and "Tower Hamlets
Local Safeguarding Children's Board" are one board. Names that still differ only slightly
("Derby Safeguarding Children Board" and "Derby City Safeguarding Children Board") are
reported as near-duplicates, to be settled in content/_data/boards.yml.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterable, Mapping

from .. import urls
from ..problems import Problem
from .messages import message

_ABBREVIATIONS = {
    "lscb": "local safeguarding children board",
    "scb": "safeguarding children board",
    "lscp": "local safeguarding children partnership",
    "scp": "safeguarding children partnership",
    "sab": "safeguarding adults board",
    "acpc": "area child protection committee",
    "rscb": "regional safeguarding children board",
}
_SPELLINGS = {"childrens": "children", "adult": "adults", "&": "and"}
#: Words that never tell two boards apart ("Local" Safeguarding Children Board is the statutory name).
_DROPPED = {"the", "of", "local"}
#: Words that name the kind of body, not the place: the rest of a name is the place.
_ORGANISATION_WORDS = {
    "safeguarding", "children", "child", "adults", "board", "partnership", "committee", "protection",
    "area", "regional", "and", "young", "people", "multi", "agency", "arrangements",
}  # fmt: skip
#: Words in a place name that may or may not be written ("Derby City", "Derby").
_PLACE_FILLER = {"city", "county", "borough", "council", "metropolitan", "district", "royal"}
NEAR_DUPLICATE_RATIO = 0.85


@functools.lru_cache(maxsize=4096)
def board_slug(name: str) -> str:
    """The comparison key of a board name, which is also its URL slug (remembered: it is asked
    for each review on every list)."""
    words: list[str] = []
    for word in urls.name_words(name):
        expanded = _ABBREVIATIONS.get(word, _SPELLINGS.get(word, word))
        words.extend(part for part in expanded.split() if part not in _DROPPED)
    return "-".join(words)


class BoardRegistry:
    """The boards file: names to show, and other spellings that mean the same board."""

    def __init__(self, boards: Mapping[str, str] | None = None, spellings: Mapping[str, str] | None = None) -> None:
        self.names: dict[str, str] = dict(boards or {})
        self.spellings: dict[str, str] = dict(spellings or {})

    def slug_of(self, name: str) -> str:
        """The slug of the board `name` means, following registered spellings."""
        key = board_slug(name)
        return self.spellings.get(key, key)

    def is_registered(self, slug: str) -> bool:
        return slug in self.names

    def display_names(self, spellings: Iterable[str]) -> dict[str, str]:
        """Board slug → the name to show: the registered name, else the most used spelling."""
        counts = Counter(spellings)
        names: dict[str, str] = {}
        for spelling, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            names.setdefault(self.slug_of(spelling), spelling)
        for slug in names:
            if slug in self.names:
                names[slug] = self.names[slug]
        return dict(sorted(names.items()))


def read_registry(data: object, path: str) -> tuple[BoardRegistry, list[Problem]]:
    """Read the boards file (already parsed YAML): a list of {name, also_written}."""
    problems: list[Problem] = []
    entries = data.get("boards") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return BoardRegistry(), [Problem(path, None, "boards", message("boards-file"))]
    names: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for index, entry in enumerate(entries, start=1):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("name"), str)
            or set(entry) - {"name", "also_written"}
        ):
            problems.append(Problem(path, None, "boards", message("board-entry", index=index)))
            continue
        slug = board_slug(entry["name"])
        names[slug] = " ".join(entry["name"].split())
        also = entry.get("also_written") or []
        if not isinstance(also, list) or not all(isinstance(item, str) for item in also):
            problems.append(Problem(path, None, "boards", message("board-spellings", index=index)))
            continue
        for spelling in also:
            spellings[board_slug(spelling)] = slug
    return BoardRegistry(names, spellings), problems


def _place_and_body(slug: str) -> tuple[str, str]:
    """Split a board slug into its place ('tower-hamlets') and its kind of body."""
    words = slug.split("-")
    first = next((index for index, word in enumerate(words) if word in _ORGANISATION_WORDS), len(words))
    return "-".join(words[:first]), "-".join(words[first:])


def near_duplicates(slugs: Iterable[str], settled: Iterable[frozenset[str]] = ()) -> list[tuple[str, str]]:
    """Pairs of board slugs that are probably one board spelt two ways.

    Two names are near-duplicates when they name the same kind of body and their places
    differ by a typo ('Tower Hamlet' / 'Tower Hamlets'), or when their places differ only by
    words such as 'City' or 'County'. Boards are compared within their kind of body, so the
    cost grows with the number of boards (a few hundred nationally), not with reviews.
    `settled` holds pairs declared distinct in the boards file.
    """
    settled_pairs = set(settled)
    by_body: dict[str, list[tuple[str, str]]] = {}
    for slug in sorted(set(slugs)):
        place, body = _place_and_body(slug)
        by_body.setdefault(body, []).append((place, slug))
    pairs = []
    for group in by_body.values():
        for index, (place, slug) in enumerate(group):
            bare = [word for word in place.split("-") if word not in _PLACE_FILLER]
            matcher = difflib.SequenceMatcher(None, "", place)
            for other_place, other in group[index + 1 :]:
                if frozenset((slug, other)) in settled_pairs:
                    continue
                other_bare = [word for word in other_place.split("-") if word not in _PLACE_FILLER]
                matcher.set_seq1(other_place)
                similar = matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO and matcher.ratio() >= NEAR_DUPLICATE_RATIO
                if bare == other_bare or similar:
                    pairs.append((slug, other))
    return pairs
