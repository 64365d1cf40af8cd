"""Learning points and recommendations as HTML, converted once per build."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import markdown
from markupsafe import Markup


class PointHtml:
    """Learning points and recommendations as HTML: each text converted once per build, with
    the site's Markdown extensions, and shown on review pages and theme pages alike."""

    def __init__(self, markdown_options: Mapping[str, Any]) -> None:
        self._converter = markdown.Markdown(**markdown_options)  # one converter: creating one is the costly part
        self._html: dict[tuple[str, bool], Markup] = {}

    def inline(self, text: str) -> Markup:
        """One paragraph of Markdown as HTML without its <p>."""
        return self._convert(text, block=False)

    def block(self, text: str) -> Markup:
        """Markdown of one or more paragraphs (or lists) as HTML."""
        return self._convert(text, block=True)

    def _convert(self, text: str, block: bool) -> Markup:
        key = (text, block)
        if key not in self._html:
            html = self._converter.reset().convert(text)
            if not block and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
                html = html[3:-4]
            self._html[key] = Markup(html)  # noqa: S704 - Markdown's own output of author text
        return self._html[key]
