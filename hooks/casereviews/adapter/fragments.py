"""HTML that a page shows as it is, added after MkDocs has converted the page's Markdown.

Our templates' HTML (generated pages, a review's lists of points, a theme's sections) holds no
Markdown, yet Python-Markdown would read it all again: its HTML parsers were most of a build's
time. So the Markdown MkDocs converts holds a placeholder paragraph for each fragment, and
`FragmentStore.insert` puts the fragment in its place in the converted HTML, adds the
fragment's headings to the page's table of contents and its ids to the anchors MkDocs checks
links against. A placeholder that is not found stops the build: nothing is silently dropped.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterable

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..render.templating import Fragment, Heading

_ID = re.compile(r'\sid="([^"]*)"')


class FragmentStore:
    """The fragments of the pages of one build, by page source path, until each page is converted."""

    def __init__(self) -> None:
        # A token per build that author text cannot know in advance.
        self._prefix = f"casereviewsfragment{secrets.token_hex(8)}n"
        self._pending: dict[str, dict[str, Fragment]] = {}

    def markdown(self, source: str, parts: Iterable[str | Fragment]) -> str:
        """The Markdown to convert for page `source`: its Markdown parts, and a placeholder
        paragraph for each fragment."""
        fragments = self._pending.setdefault(source, {})
        written = []
        for part in parts:
            if isinstance(part, str):
                written.append(part)
            else:
                token = f"{self._prefix}{len(fragments)}"
                fragments[token] = part
                written.append(f"\n\n{token}\n\n")
        return "".join(written)

    def insert(self, source: str, converted: str, toc: TableOfContents) -> tuple[str, TableOfContents, set[str]]:
        """Page `source`'s converted HTML with its fragments in place; its table of contents
        with their headings after its own; the ids the fragments hold."""
        fragments = self._pending.pop(source, {})
        ids: set[str] = set()
        headings: list[Heading] = []
        for token, fragment in fragments.items():
            placeholder = f"<p>{token}</p>"
            if converted.count(placeholder) != 1:
                raise RuntimeError(f"{source}: the place of a generated part was lost in conversion")
            converted = converted.replace(placeholder, fragment.html)
            ids.update(html.unescape(found) for found in _ID.findall(fragment.html))
            headings.extend(fragment.headings)
        if headings:
            links = _links(headings)
            if not toc.items:
                links[0].active = True  # type: ignore[attr-defined]  # as MkDocs marks a page's first
            toc = TableOfContents([*toc.items, *links])
        return converted, toc, ids


def _links(headings: list[Heading]) -> list[AnchorLink]:
    """Headings as MkDocs' table of contents: each nested under the nearest higher heading before it."""
    top: list[AnchorLink] = []
    open_links: list[AnchorLink] = []
    for heading in headings:
        link = AnchorLink(html.escape(heading.text), heading.anchor, heading.level)
        while open_links and open_links[-1].level >= heading.level:
            open_links.pop()
        (open_links[-1].children if open_links else top).append(link)
        open_links.append(link)
    return top
