"""The board a review is by, as its cover and text name it, in any case, matched against boards.yml."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import wording
from .model import BoardRegistry

# --- board ----------------------------------------------------------------------------------------


def _board_pattern() -> re.Pattern[str]:
    spelt = {*wording.BOARD_KINDS, *(kind.replace("'", "\u2019") for kind in wording.BOARD_KINDS)}
    kinds = "|".join(re.escape(kind) for kind in sorted(spelt, key=lambda item: (-len(item), item)))
    word = r"(?<![\w'’.&-])[A-Z][\w'’.&-]*"
    return re.compile(
        rf"((?:{word}[ \t]+(?:(?:and|of|upon|on|&|AND|OF|UPON|ON)[ \t]+)?){{1,5}}?)(?i:{kinds})(?:\b|(?=[A-Z]))"
    )


_BOARD = _board_pattern()


def _title_case(name: str) -> str:
    """A name written in capitals as the site writes it: 'NORTH TYNESIDE SAFEGUARDING ADULTS BOARD' →
    'North Tyneside Safeguarding Adults Board' (abbreviations such as LSCB kept)."""
    if not name.isupper():
        return name
    words = []
    for index, word in enumerate(name.split()):
        lower = word.lower()
        if word in wording.BOARD_KINDS or (
            len(word) <= 4
            and word.isalpha()
            and lower not in {"and", "of", "upon", "on", "the", "mid", "west", "east", "wye", "bath"}
        ):
            words.append(
                word if word in {"LSCB", "LSCP", "SCB", "SCP", "SAB", "ACPC", "CSP", "SAP"} else word.capitalize()
            )
        elif lower in {"and", "of", "upon", "on", "the"} and index:
            words.append(lower)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


#: "Safer Ealing Partnership"; "the Community Safety Partnership (CSP) in Barking and Dagenham".
_SAFER = re.compile(r"\bSafer\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+Partnership\b")
_KIND_IN_PLACE = re.compile(
    r"\b(?P<kind>Community Safety Partnership|Safeguarding (?:Children|Adults) (?:Board|Partnership))"
    r"(?:\s*\([A-Z]{2,6}\))?\s+(?:in|for)\s+(?!(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b)(?P<place>[A-Z][\w'’-]+(?:\s+(?:and|&|[A-Z][\w'’-]+)){0,4})"
)


def find_boards_in(text: str) -> list[str]:
    """Board names written out in `text` ("Westmoor Local Safeguarding Children Board"), in any case;
    "Safer Ealing Partnership"; and "the Community Safety Partnership in Barking and Dagenham"."""
    names = [match.group(0) for match in _SAFER.finditer(text)]
    names += [f"{match.group('place')} {match.group('kind')}" for match in _KIND_IN_PLACE.finditer(text)]
    for match in _BOARD.finditer(text):
        words = match.group(0).split()
        if not words[0][:1].isupper():
            continue
        while words and words[0].lower() in wording.NOT_IN_BOARD_NAME:
            words.pop(0)
        kind_words = match.group(0)[len(match.group(1)) :].split()
        if len(words) <= len(kind_words) or not all(
            word[:1].isupper() or word.lower() in {"and", "of", "upon", "on", "&"} for word in words
        ):
            continue
        place = words[: len(words) - len(kind_words)]
        review_words = [
            index for index, word in enumerate(place) if word.lower().strip(".,:") in wording.NOT_IN_BOARD_PLACE
        ]
        if review_words:  # "Serious Case Review LSCB": a title before the board's abbreviation, not a place
            place = place[review_words[-1] + 1 :]
            words = place + words[len(words) - len(kind_words) :]
            if not place:
                continue
        half = len(place) // 2
        if half and place[:half] == place[half:]:  # "Westmoor Westmoor …": printed twice
            words = place[:half] + words[len(place) :]
            place = place[:half]
        possessive = re.sub(r"['’]s$", "", place[-1])  # "Stockport’s Safeguarding Adults Board"
        if possessive != place[-1]:
            words = [*place[:-1], possessive, *words[len(place) :]]
        names.append(_title_case(" ".join(words)))
    return names


def canonical_board(name: str, registry: BoardRegistry, known: Iterable[str]) -> str:
    """The name the site shows for this board: the boards file's, else an existing review's spelling."""
    slug = registry.slug_of(name)
    if registry.is_registered(slug):
        return registry.names[slug]
    for other in known:
        if registry.slug_of(other) == slug:
            return other
    return " ".join(name.split())


def across_lines(text: str) -> str:
    """A cover's lines, a line that breaks a board's name joined to the next: "Milton Keynes
    Community" / "Safety Partnership", "Hammersmith & Fulham" / "Safeguarding Adults Board". Only
    where the break falls inside the name's kind, or between a whole line of place and its kind:
    "Child K" / "Westmoor LSCB" stay apart."""
    joined: list[str] = []
    for line in text.split("\n"):
        if joined:
            both, border = f"{joined[-1]} {line}", len(joined[-1])
            for match in _BOARD.finditer(both):
                kind_start = match.start() + len(match.group(1))
                if match.start() == 0 and match.end() > border and (kind_start < border or kind_start == border + 1):
                    joined[-1] = both
                    break
            else:
                joined.append(line)
            continue
        joined.append(line)
    return "\n".join(joined)


def find_board(
    texts: list[tuple[str, str, bool]], registry: BoardRegistry, known: Iterable[str]
) -> tuple[str | None, str, bool]:
    """(board, how, confident): a labelled name, a known board named in the text, or a board-like name."""
    known_names = sorted({*registry.names.values(), *known}, key=lambda item: (-len(item), item))
    for where, text, confident in texts:
        text = across_lines(text)
        folded = " ".join(text.split()).lower()
        for name in known_names:
            if re.search(rf"(?<!\w){re.escape(' '.join(name.split()).lower())}(?!\w)", folded):
                return canonical_board(name, registry, known), f"{where} (a board already known to the site)", True
        names = find_boards_in(text)
        if names:
            return canonical_board(names[0], registry, known), where, confident
    return None, "", False


def is_board_name(text: str) -> bool:
    """A cover line that is the board's name, not the review's title."""
    found = find_boards_in(text)
    return bool(found) and " ".join(found[0].split()).lower() == " ".join(text.split()).lower()
