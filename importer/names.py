"""A draft's file name (its future address), and the drafts already in the reviews folder.

A file name is kept forever once the review is published, so it is made only from what the
source states for certain (`Found.confident`): the year of a labelled publication date, the
board named on the cover, the pseudonym the title or cover gives. Anything less certain
leaves `undated-…` or `review-<digest>` in its place, and `make check` says to rename the
file before it is first published.
"""

from __future__ import annotations

import re
from pathlib import Path

from casereviews.urls import name_words

from . import model
from .recognise import Recognised

#: Words of a board's name that are not its place.
_PLACE_STOP = frozenset(
    [
        "local", "safeguarding", "children", "childrens", "adults", "adult", "board", "partnership", "area", "child",
        "protection", "committee", "regional", "community", "safety", "lscb", "lscp", "scb", "scp", "sab",
        "acpc", "csp", "the", "safer", "communities",
    ]
)  # fmt: skip
UNDATED = "undated"


def slug_words(text: str) -> str:
    """Text in file-name form: 'Ynys Môn' → 'ynys-mon'."""
    return "-".join(name_words(text))


def board_place(board: str) -> str:
    """The place in a board's name: 'Tower Hamlets Local Safeguarding Children Board' → tower-hamlets."""
    place: list[str] = []
    for word in name_words(board):
        if word in _PLACE_STOP:
            if place:
                break
            continue
        place.append(word)
    return "-".join(place[:4])


def _year(recognised: Recognised) -> str:
    found = recognised.fields.get("published")
    if found and found.confident and isinstance(found.value, model.PartialDate):
        return str(found.value.year)
    return UNDATED


def proposed_slug(recognised: Recognised, sha256: str) -> str:
    """year-place-pseudonym from what the source states for certain; never from a personal name."""
    board = recognised.fields.get("board")
    place = board_place(str(board.value)) if board and board.confident else ""
    pseudonym = recognised.fields.get("pseudonym")
    who = slug_words(str(pseudonym.value)) if pseudonym and pseudonym.confident else ""
    return "-".join(part for part in (_year(recognised), place, who or f"review-{sha256[:8]}") if part)


def fallback_slug(recognised: Recognised, sha256: str) -> str:
    return f"{_year(recognised)}-review-{sha256[:8]}"


def free_path(folder: Path, slug: str) -> Path:
    """The first file name not taken: slug.md, slug-2.md, ..."""
    candidate = folder / f"{slug}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.md"
        number += 1
    return candidate


def write_new(path: Path, text: str) -> None:
    """Create the file; fails rather than overwrite one that appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


_SHA = re.compile(r"^source_sha256:\s*['\"]?([0-9a-f]{64})", re.MULTILINE)
_BOARD_LINE = re.compile(r"^board:\s*(.+?)\s*$", re.MULTILINE)


def existing_reviews(reviews_dir: Path) -> tuple[dict[str, Path], list[str]]:
    """SHA-256 of every imported source already in the reviews folder, and the boards named there."""
    hashes: dict[str, Path] = {}
    boards: list[str] = []
    for path in sorted(reviews_dir.glob("*.md")) if reviews_dir.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        front = text.split("\n---", 1)[0]
        for match in _SHA.finditer(front):
            hashes.setdefault(match.group(1), path)
        board = _BOARD_LINE.search(front)
        if board and model.TOKEN not in board.group(1):
            boards.append(board.group(1).strip().strip("\"'"))
    return hashes, boards
