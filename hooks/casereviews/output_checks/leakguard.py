"""The leak guard: a last look at every byte the build wrote, for anything unpublished.

It runs after everything else has written its files. It looks for markers (text that must
not be published, given by the policy: the addresses of unpublished reviews, the summaries
of reviews whose text must not appear) in every output file, decompressing gzip files
(sitemap.xml.gz, the search index's fragments) first. It is the second line: the public
view (`policy.public`) already keeps unpublished reviews away from every renderer.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import ahocorasick

from ..problems import Problem
from ..rules.withheld import normalise

#: A file is read in pieces of about this many bytes, cut at white space, so a 30 MB export
#: is never several copies of itself in memory.
PIECE = 1 << 20


def readable_pieces(path: Path, overlap: int, piece_size: int = PIECE) -> Iterator[str]:
    """A file's text, decompressed when gzip-compressed and normalised, in pieces.

    Each piece is cut at white space (never inside a word, an entity or an escape) and
    begins with the last `overlap` characters of the one before: text of up to `overlap`
    characters across a cut is whole in one piece. Joined at their cuts, the pieces are the
    file's whole normalised text.
    """
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
    pending, tail = "", ""
    for start in range(0, max(len(data), 1), piece_size):
        last = start + piece_size >= len(data)
        pending += decoder.decode(data[start : start + piece_size], final=last)
        cut = len(pending) if last else max(pending.rfind(" "), pending.rfind("\n"))
        if cut <= 0:
            continue
        text = normalise(pending[:cut].replace('\\"', '"').replace("\\/", "/"))
        pending = pending[cut:]
        if text:
            text = f"{tail} {text}" if tail else text
            yield text
            tail = text[-overlap:] if overlap else ""


class MarkerSet:
    """Text that must not be published, compiled once to be found in any number of files.

    An Aho-Corasick automaton (pyahocorasick, in C) finds every marker in one pass over the
    text, overlapping and nested occurrences included: the cost grows with the output, not
    with output × markers.
    """

    def __init__(self, markers: dict[str, str]) -> None:
        self.markers = markers
        self.longest = max(map(len, markers), default=0)
        self._automaton: ahocorasick.Automaton | None = None
        if markers:
            self._automaton = ahocorasick.Automaton()
            for marker in markers:
                self._automaton.add_word(marker, marker)
            self._automaton.make_automaton()

    def find(self, text: str) -> set[str]:
        """The markers present in `text`."""
        if self._automaton is None:
            return set()
        return {marker for _, marker in self._automaton.iter(text)}


def scan(site_dir: Path, markers: dict[str, str], paths: Iterable[Path] | None = None) -> list[Problem]:
    """One problem for each output file holding a marker (of `paths` only, when given)."""
    if not markers:
        return []
    marker_set = MarkerSet(markers)
    problems = []
    for path in sorted(site_dir.rglob("*") if paths is None else paths):
        problems.extend(file_problems(site_dir, path, marker_set))
    return problems


def file_problems(site_dir: Path, path: Path, marker_set: MarkerSet) -> list[Problem]:
    """One problem for each marker the file at `path` holds (none if it is not a file)."""
    if not marker_set.markers or not path.is_file():
        return []
    found: set[str] = set()
    for piece in readable_pieces(path, marker_set.longest):
        found |= marker_set.find(piece)
    output = path.relative_to(site_dir).as_posix()
    return [
        Problem(
            output,
            None,
            "leak guard",
            f"contains {marker_set.markers[marker]}; nothing from this build may be published",
        )
        for marker in sorted(found)
    ]
