"""A Python-Markdown extension giving each learning point and recommendation a stable anchor.

On a review page, the items of the numbered lists under "## Learning" and
"## Recommendations" get ids (`learning-2`, `recommendation-3`, or the author's `{#id}`,
removed from the text) and a visible "Link to this" control. Numbering follows
`casereviews.body`, which reads the same lists from the Markdown source.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown uses

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .body import POINT_SECTIONS, point_anchor, split_author_id

_READABLE_KIND = {"learning": "learning point", "recommendation": "recommendation"}


class PointAnchorTreeprocessor(Treeprocessor):
    """Adds ids and "Link to this" controls to the items of the point sections."""

    def __init__(self, md: Markdown, extension: PointAnchorExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if not self.extension.active:
            return
        kind = None
        for element in root:
            if element.tag in ("h1", "h2"):
                kind = POINT_SECTIONS.get("".join(element.itertext()).strip().lower())
            elif element.tag == "ol" and kind is not None:
                self._anchor_items(element, kind)
                kind = None

    def _anchor_items(self, listing: etree.Element, kind: str) -> None:
        for number, item in enumerate(listing.findall("li"), start=1):
            holder = item[0] if len(item) and item[0].tag == "p" and not (item.text or "").strip() else item
            author_id, rest = split_author_id(holder.text or "")
            holder.text = rest
            anchor = point_anchor(kind, number, author_id)
            item.set("id", anchor)
            item.set("class", "review-point")
            link = etree.SubElement(
                item, "a", {"class": "review-point__link", "href": f"#{anchor}", "data-pagefind-ignore": ""}
            )
            link.text = "Link to this"
            hidden = etree.SubElement(link, "span", {"class": "md-visually-hidden"})
            hidden.text = f" {_READABLE_KIND[kind]} ({number})"


class PointAnchorExtension(Extension):
    """Register with Markdown; set `active` for the pages that are reviews."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # After inline processing (priority 20) and prettify (10), before attr_list (8) and toc (5).
        md.treeprocessors.register(PointAnchorTreeprocessor(md, self), "review_point_anchors", 9)
