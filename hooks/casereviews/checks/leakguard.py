"""The leak guard: a last look at every byte the build wrote, for anything unpublished.

It runs after everything else has written its files. It looks for markers (text that must
not be published, given by the policy: the addresses of unpublished reviews, the summaries
of reviews whose text must not appear) in every output file, decompressing gzip files
(sitemap.xml.gz, the search index's fragments) first. It is the second line: the public
view (`policy.public`) already keeps unpublished reviews away from every renderer.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import re
import zlib
from collections.abc import Iterable
from pathlib import Path

from ..problems import Problem


def normalise(text: str) -> str:
    """Text with entities decoded and runs of white space made one space."""
    return " ".join(html.unescape(text).split())


def readable_text(data: bytes) -> str:
    """File bytes as text, decompressed when gzip-compressed."""
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    text = data.decode("utf-8", errors="ignore")
    return normalise(text.replace('\\"', '"').replace("\\/", "/"))


#: Markers are found by their first characters (through a trie-shaped pattern, so the cost
#: grows with the output, not with output × markers), then compared in full.
KEY_LENGTH = 60

TrieNode = dict[str | None, "TrieNode"]


def _trie_pattern(keys: list[str]) -> str:
    """One regular expression matching any of `keys`, shaped as a trie (shared prefixes once)."""
    trie: TrieNode = {}
    for key in keys:
        node = trie
        for character in key:
            node = node.setdefault(character, {})
        node[None] = {}

    def branch(node: TrieNode) -> str:
        children = sorted((character, child) for character, child in node.items() if character is not None)
        choices = [re.escape(character) + branch(child) for character, child in children]
        if not choices:
            return ""
        body = choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"
        return f"(?:{body})?" if None in node else body

    return branch(trie)


class MarkerSet:
    """Text that must not be published, compiled once to be found in any number of files."""

    def __init__(self, markers: dict[str, str]) -> None:
        self.markers = markers
        self._by_key: dict[str, list[str]] = {}
        for marker in markers:
            self._by_key.setdefault(marker[:KEY_LENGTH], []).append(marker)
        self._lengths = sorted({len(key) for key in self._by_key})
        self._pattern = re.compile(f"(?=({_trie_pattern(sorted(self._by_key))}))") if markers else None

    def find(self, text: str) -> set[str]:
        """The markers present in `text` (overlapping occurrences included).

        The pattern matches the longest key at a position; shorter keys that are prefixes of
        it are looked up too, so a marker is never hidden behind a longer one.
        """
        if self._pattern is None:
            return set()
        found = set()
        for match in self._pattern.finditer(text):
            start, longest = match.start(), len(match.group(1))
            for length in self._lengths:
                if length > longest:
                    break
                for marker in self._by_key.get(text[start : start + length], ()):
                    if text.startswith(marker, start):
                        found.add(marker)
        return found


def scan(site_dir: Path, markers: dict[str, str], paths: Iterable[Path] | None = None) -> list[Problem]:
    """One problem for each output file holding a marker (of `paths` only, when given)."""
    marker_set = MarkerSet(markers)
    if not markers:
        return []
    problems = []
    for path in sorted(site_dir.rglob("*") if paths is None else paths):
        if not path.is_file():
            continue
        output = path.relative_to(site_dir).as_posix()
        for marker in sorted(marker_set.find(readable_text(path.read_bytes()))):
            problems.append(
                Problem(
                    output, None, "leak guard", f"contains {markers[marker]}; nothing from this build may be published"
                )
            )
    return problems
