"""Material's primary navigation and tabs, made once per depth for the pages outside the nav.

Material renders the whole navigation (and the tabs) for every page: at 2,000 reviews, more
than a third of its template time. A page outside the nav (a review, a briefing, a generated page) has no
item of its own in it, so no item is marked current and nothing in it depends on the page
but where its address stands to the nav's addresses (its links are relative): its depth and
how much of each nav page's path it shares. The navigation is made once for each such key
and reused within one build, and so are the tabs (`part` "tabs"), which likewise mark no item
of such a page; pages in the nav are rendered as Material renders them. `overrides/main.html`
asks `key`, `get` and `keep`.
"""

from __future__ import annotations

from typing import Any

Key = tuple[int, tuple[int, ...]]
#: What is kept: the primary navigation ("nav") or the tabs ("tabs").
Part = str


def _folders(url: str) -> list[str]:
    """The folders of a page's address, from which its relative links start: 'a/b/' → [a, b]."""
    return [part for part in url.split("/")[:-1] if part]


def _shared(one: list[str], other: list[str]) -> int:
    count = 0
    for mine, theirs in zip(one, other, strict=False):
        if mine != theirs:
            break
        count += 1
    return count


class NavigationCache:
    """The navigation HTML of pages outside the nav, by part and where they stand to it (one build)."""

    def __init__(self) -> None:
        self._html: dict[tuple[Part, Key], str] = {}
        self._in_nav: set[str] | None = None
        self._targets: list[list[str]] = []

    def key(self, page: Any, nav: Any) -> Key | None:
        """Where `page` stands to the nav's addresses, when it is outside the nav; else None (not kept)."""
        if page is None or nav is None:
            return None
        if self._in_nav is None:
            self._in_nav = {item.file.src_uri for item in nav.pages}
            self._targets = [_folders(item.url) for item in nav.pages]
        if page.file.src_uri in self._in_nav:
            return None
        folders = _folders(page.url)
        return len(folders), tuple(_shared(folders, target) for target in self._targets)

    def get(self, key: Key | None, part: Part = "nav") -> str | None:
        return None if key is None else self._html.get((part, key))

    def keep(self, key: Key | None, html: str, part: Part = "nav") -> str:
        if key is not None:
            self._html[(part, key)] = html
        return html
