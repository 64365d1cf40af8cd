"""What every format's reader gives: blocks of text in reading order, and why a file failed."""

from __future__ import annotations

from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
#: Label of an item that the source showed as a bullet.
BULLET = "•"


@dataclass
class Block:
    """A heading, a paragraph or a list item, as the source laid it out.

    `label` is what numbered or marked an item ("8.1", "3.", "(a)", "•"); `level` is a
    heading's level (1 is largest) or an item's nesting depth (0 at the top); `page` is the
    page it starts on, where the format has pages.
    """

    kind: str
    text: str
    level: int = 0
    label: str = ""
    page: int | None = None


@dataclass
class Extracted:
    """A document read by one of the readers."""

    format: str
    blocks: list[Block]
    pages: int | None = None
    #: The document's own idea of its title: the largest text on a PDF's first page, an
    #: HTML page's first <h1>, a Word file's Title paragraph.
    title_hint: str | None = None
    #: Running headers and footers removed from the text (the board is often named there).
    furniture: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class ImportFailedError(Exception):
    """A file that cannot be imported: what is wrong with it, and what the editor can do."""

    def __init__(self, problem: str, what_to_do: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.what_to_do = what_to_do
