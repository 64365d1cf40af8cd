"""The leak guard: a last look at every byte the build wrote, for anything unpublished.

It runs after everything else has written its files. It looks for the addresses of
reviews that are not published (drafts and embargoed ones), and for the summaries of
reviews whose text must not appear (those plus withdrawn ones), in every output file,
decompressing gzip files (sitemap.xml.gz, the search index's fragments) first.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import re
import zlib
from pathlib import Path

from .catalogue import Site
from .publication import Visibility

MIN_MARKER_LENGTH = 40


def unpublished_markers(site: Site) -> dict[str, str]:
    """Text that must appear in no output file → what it is, for the message.

    A summary that a listed review also has (word for word) is public, so it is no marker.
    """
    public = {_normalise(review.summary) for review in site.listed()}
    markers: dict[str, str] = {}
    for slug, review in sorted(site.reviews.items()):
        shown = site.visibility[slug]
        if shown is Visibility.HIDDEN:
            markers[f"reviews/{slug}/"] = f"the address of unpublished review {review.path}"
        summary = _normalise(review.summary)
        unpublished = shown in (Visibility.HIDDEN, Visibility.WITHDRAWN)
        if unpublished and len(summary) >= MIN_MARKER_LENGTH and summary not in public:
            markers[summary] = f"the summary of unpublished review {review.path}"
    return markers


def _normalise(text: str) -> str:
    return " ".join(html.unescape(text).split())


def readable_text(data: bytes) -> str:
    """File bytes as text, decompressed when gzip-compressed."""
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    text = data.decode("utf-8", errors="ignore")
    return _normalise(text.replace('\\"', '"').replace("\\/", "/"))


#: Markers are found by their first characters (through a trie-shaped pattern, so the cost
#: grows with the output, not with output × markers), then compared in full.
KEY_LENGTH = 60


def _trie_pattern(keys: list[str]) -> str:
    """One regular expression matching any of `keys`, shaped as a trie (shared prefixes once)."""
    trie: dict = {}
    for key in keys:
        node = trie
        for character in key:
            node = node.setdefault(character, {})
        node[None] = {}

    def branch(node: dict) -> str:
        choices = [
            re.escape(character) + branch(child)
            for character, child in sorted(((c, n) for c, n in node.items() if c is not None), key=lambda item: item[0])
        ]
        if not choices:
            return ""
        body = choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"
        return f"(?:{body})?" if None in node else body

    return branch(trie)


def find_markers(text: str, pattern: re.Pattern[str], by_key: dict[str, list[str]]) -> set[str]:
    """The markers present in `text` (overlapping occurrences included).

    The pattern matches the longest key at a position; shorter keys that are prefixes of it
    are looked up too, so a marker is never hidden behind a longer one.
    """
    lengths = sorted({len(key) for key in by_key})
    found = set()
    for match in pattern.finditer(text):
        start, longest = match.start(), len(match.group(1))
        for length in lengths:
            if length > longest:
                break
            for marker in by_key.get(text[start : start + length], ()):
                if text.startswith(marker, start):
                    found.add(marker)
    return found


def scan(site_dir: Path, markers: dict[str, str]) -> list[str]:
    """One message for each output file holding a marker."""
    if not markers:
        return []
    by_key: dict[str, list[str]] = {}
    for marker in markers:
        by_key.setdefault(marker[:KEY_LENGTH], []).append(marker)
    pattern = re.compile(f"(?=({_trie_pattern(sorted(by_key))}))")
    problems = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        for marker in sorted(find_markers(readable_text(path.read_bytes()), pattern, by_key)):
            problems.append(
                f"Leak guard: {path.relative_to(site_dir).as_posix()} contains {markers[marker]}; "
                "nothing from this build may be published"
            )
    return problems
