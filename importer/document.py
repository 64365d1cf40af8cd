"""What every format's reader gives: blocks of text in reading order, and why a file failed."""

from __future__ import annotations

from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
#: A table: its cells are in `rows` (the first row is the header when `header` is set).
TABLE = "table"
#: Label of an item that the source showed as a bullet.
BULLET = "•"


@dataclass
class Block:
    """A heading, a paragraph, a list item or a table, as the source laid it out.

    `label` is what numbered or marked an item ("8.1", "3.", "(a)", "•"); `level` is a
    heading's level (1 is largest) or an item's nesting depth (0 at the top); `page` is the
    page it starts on, where the format has pages. A table's `text` is its cells joined, so
    that every rule that reads text reads a table too.
    """

    kind: str
    text: str
    level: int = 0
    label: str = ""
    page: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False


def table_block(rows: list[list[str]], header: bool, page: int | None = None) -> Block:
    """A table as a block: rows made the same width, its text every cell in reading order."""
    width = max(len(row) for row in rows)
    cells = tuple((*row, *[""] * (width - len(row))) for row in rows)
    return Block(TABLE, " ".join(cell for row in cells for cell in row if cell), page=page, rows=cells, header=header)


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
