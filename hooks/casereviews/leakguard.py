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


def scan(site_dir: Path, markers: dict[str, str]) -> list[str]:
    """One message for each output file holding a marker."""
    if not markers:
        return []
    pattern = re.compile("|".join(re.escape(marker) for marker in sorted(markers, key=len, reverse=True)))
    problems = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        found = {match.group(0) for match in pattern.finditer(readable_text(path.read_bytes()))}
        for marker in sorted(found):
            problems.append(
                f"Leak guard: {path.relative_to(site_dir).as_posix()} contains {markers[marker]}; "
                "nothing from this build may be published"
            )
    return problems
