"""Text units (a piece of text as it will be published) and the sentences in them."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class TextUnit:
    """A piece of text exactly as it will be published.

    A front-matter value after YAML folding, a body paragraph joined across line breaks, a
    list item, a table cell, link or alt text, the file name... `text` has the source's line
    breaks replaced by single spaces; `line_breaks` holds the offsets in `text` where the
    source went on to its next line, so that a match is reported at the line where it starts.
    """

    path: str
    field: str | None
    text: str
    line: int
    line_breaks: tuple[int, ...] = ()

    def line_at(self, offset: int) -> int:
        """The file line of the character at `offset` in `text`."""
        return self.line + bisect_right(self.line_breaks, offset)


def units_from_lines(path: str, lines: Iterable[tuple[int, str]], field: str | None = None) -> list[TextUnit]:
    """One unit per (line number, text) pair: for plain line-by-line checking."""
    return [TextUnit(path, field, text, number) for number, text in lines]


def unit_from_lines(path: str, lines: Iterable[tuple[int, str]], field: str | None = None) -> TextUnit | None:
    """One unit joining consecutive source lines with single spaces (a wrapped paragraph)."""
    pairs = list(lines)
    if not pairs:
        return None
    parts: list[str] = []
    breaks: list[int] = []
    offset = 0
    for index, (_, text) in enumerate(pairs):
        if index:
            breaks.append(offset + 1)
            parts.append(" ")
            offset += 1
        parts.append(text)
        offset += len(text)
    return TextUnit(path, field, "".join(parts), pairs[0][0], tuple(breaks))


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set (for word lists kept readable)."""
    return frozenset(text.split())


#: Words that end in a full stop without ending the sentence ("Dr. Ahmed", "St. Mary's").
_ABBREVIATIONS = words(
    """
    mr mrs ms mx dr prof rev revd st sr jr no nos nr para paras para's fig vol ch sec sect
    approx cllr insp sgt det supt ch.insp dc ds di pc dci co ltd inc vs etc al cf ref tel
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    """
)
#: A candidate sentence end: . ! or ? (with closing quotes or brackets), then space, then a
#: capital, a digit or an opening quote or bracket.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)[.!?]?[\"'”’)\]]*$")


def _ends_sentence(text: str, boundary: re.Match[str]) -> bool:
    if text[boundary.start()] != ".":
        return True
    word = _WORD_BEFORE.search(text, 0, boundary.start() + 1)
    if word is None:
        return True
    token = word.group(1).rstrip(".")
    if token.casefold() in _ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha():  # an initial: "M. was seen", "J. Smith"
        return False
    return "." not in token  # "d.o.b.", "J.B.", "e.g." keep the sentence going


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences in `text`; abbreviations and initials do not end one."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _ends_sentence(text, boundary):
            yield start, boundary.start() + 1
            start = boundary.end()
    if start < len(text):
        yield start, len(text)


ACCEPT_MARKER = re.compile(r"<!--\s*accept\s+([a-z-]+)\s*:\s*(.*?)\s*-->")


def blank_markers(text: str) -> tuple[str, dict[str, str]]:
    """The text with accept markers blanked (same length, so offsets stay right), and the markers."""
    markers = {match.group(1): match.group(2) for match in ACCEPT_MARKER.finditer(text)}
    if not markers:
        return text, markers
    return ACCEPT_MARKER.sub(lambda match: " " * len(match.group(0)), text), markers


#: Characters a reader never sees, that split a word for a pattern: zero-width spaces and
#: joiners, the word joiner, the byte-order mark, and the soft hyphen.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def as_read(text: str) -> tuple[str, list[int] | None]:
    """The text as a reader reads it, for the rules: compatibility forms folded (NFKC: full-width
    letters and digits, no-break spaces), invisible characters gone. With it, where each of its
    characters is in `text` (None when they are where they were: the same length, one for one).
    A name written with a no-break space, a soft hyphen or in full-width letters is found."""
    if text.isascii():
        return text, None
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text) and not INVISIBLE.intersection(folded):
        return folded, None
    pieces: list[str] = []
    where: list[int] = []
    for index, character in enumerate(text):
        if character in INVISIBLE:
            continue
        for part in unicodedata.normalize("NFKC", character):
            pieces.append(part)
            where.append(index)
    return "".join(pieces), where


def span_in(where: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the text as read (`as_read`) as a span of the text as written."""
    if where is None:
        return start, end
    if start >= len(where):  # an empty span at the end of the text
        end_of_text = where[-1] + 1 if where else 0
        return end_of_text, end_of_text
    return where[start], where[max(end - 1, start)] + 1
