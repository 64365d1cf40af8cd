"""HTML reader, on the standard library's parser: headings, paragraphs, list items and tables.

Board web pages and the HTML that mammoth makes from Word files need nothing more than
block structure; `html.parser` is tolerant of broken markup and adds no dependency.
Navigation, page headers and footers, scripts and forms are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .clean import decoded, split_label, tidy
from .document import BULLET, HEADING, ITEM, PARAGRAPH, Block, Extracted, ImportFailedError, table_block

_SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "button", "svg"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "body", "blockquote", "li", "ul", "ol", "table", "tr",
    "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "figure", "figcaption", "address", "pre",
}  # fmt: skip
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}


#: A table whose rows are all "label | value" with labels this short is a block of fields (a
#: cover's "Board | Westmoor LSCB"), read as "label: value" lines; any other table is kept whole.
LABEL_LENGTH = 40


@dataclass
class _Table:
    """An open table: its rows so far, and whether its first row is a header (`th` cells)."""

    rows: list[list[str]]
    header: bool = False


@dataclass
class _List:
    """An open list: `ul` or `ol`, and the number its next item gets."""

    tag: str
    next_number: int


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._in_title = False
        self._skip = 0
        self._text: list[str] = []
        self._heading = 0
        self._lists: list[_List] = []
        self._item_label: str | None = None
        self._item_depth = 0
        self._tables: list[_Table] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self._data("\n")
            return
        if self._skip or tag in _SKIPPED:
            self._skip += 1
            return
        if tag == "title":
            self._in_title = True
        if tag in _BLOCKS:
            self._flush()
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = int(tag[1])
        elif tag in {"ul", "ol"}:
            start = dict(attrs).get("start")
            self._lists.append(_List(tag, int(start) if start and start.isdigit() else 1))
        elif tag == "li":
            if self._lists and self._lists[-1].tag == "ol":
                self._item_label = f"{self._lists[-1].next_number}."
                self._lists[-1].next_number += 1
            else:
                self._item_label = BULLET
            self._item_depth = max(0, len(self._lists) - 1)
        elif tag == "table":
            self._tables.append(_Table([]))
        elif tag == "tr":
            self._row = []
        elif tag in {"td", "th"}:
            self._cell = []
            if self._tables and not self._tables[-1].rows:
                # The first row is a header when all its cells are `th` ("Board | Westmoor" is a field).
                first = self._row == []
                self._tables[-1].header = (first or self._tables[-1].header) and tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._skip:
            self._skip -= 1
            return
        if tag == "title":
            self._in_title = False
        if tag in {"td", "th"} and self._row is not None and self._cell is not None:
            self._flush()
            self._row.append(tidy(" ".join(self._cell)))
            self._cell = None
            return
        if tag == "tr" and self._row is not None:
            row, self._row = self._row, None
            if self._tables and any(row):
                self._tables[-1].rows.append(row)
            elif any(row):  # a row outside any table: its cells as one line
                self.blocks.append(Block(PARAGRAPH, " ".join(cell for cell in row if cell)))
            return
        if tag == "table" and self._tables:
            self._flush()
            self._end_table(self._tables.pop())
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = 0
        elif tag in {"ul", "ol"} and self._lists:
            self._lists.pop()
        elif tag == "li":
            self._item_label = None

    def _end_table(self, table: _Table) -> None:
        """A table of "label | value" rows becomes "label: value" lines; any other, a table block."""
        rows = [row for row in table.rows if any(row)]
        if not rows:
            return
        if (
            all(len([cell for cell in row if cell]) <= 2 for row in rows)
            and all(len(row[0]) <= LABEL_LENGTH for row in rows)
            and not table.header
            and max(len(row) for row in rows) <= 2
        ):
            for row in rows:
                cells = [cell for cell in row if cell]
                if len(cells) == 2:
                    label = cells[0].rstrip(":")
                    self.blocks.append(Block(PARAGRAPH, f"{label}: {cells[1]}"))
                else:
                    self.blocks.append(Block(PARAGRAPH, cells[0]))
            return
        self.blocks.append(table_block(rows, table.header))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
            return
        self._data(data)

    def _data(self, data: str) -> None:
        (self._cell if self._cell is not None else self._text).append(data)

    def _flush(self) -> None:
        if self._cell is not None:
            return
        text = tidy("".join(self._text))
        self._text = []
        if not text:
            return
        if self._heading:
            self.blocks.append(Block(HEADING, text, level=self._heading))
        elif self._item_label is not None:
            self.blocks.append(Block(ITEM, text, level=self._item_depth, label=self._item_label))
            self._item_label = None  # a second paragraph in the same item continues it
        else:
            label, rest = split_label(text)
            if label:
                self.blocks.append(Block(ITEM, rest, label=label))
            else:
                self.blocks.append(Block(PARAGRAPH, text))


def blocks_from_html(html: str) -> tuple[list[Block], str, str | None]:
    """Blocks, the <title>, and the first level-1 heading of an HTML document."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    h1 = next((block.text for block in parser.blocks if block.kind == HEADING and block.level == 1), None)
    return parser.blocks, tidy(parser.title), h1


def read_html(path: Path) -> Extracted:
    html = decoded(path.read_bytes())
    blocks, title, h1 = blocks_from_html(html)
    if not blocks:
        raise ImportFailedError("the page holds no text (empty document)", "check you chose the right file")
    return Extracted("HTML", blocks, title_hint=h1 or title or None)
