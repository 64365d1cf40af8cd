"""PDF reader: pdfplumber's words with their positions, sizes and fonts, laid out again.

Positions let it do what plain text extraction cannot: tell a running header or footer
(the same line at the top or bottom of most pages) and page numbers from the text, read a
two-column cover block column by column, find headings by their size or weight, and see
bullets that are drawn as shapes rather than written as characters.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .clean import is_page_number, join_lines, page_key, split_label, vocabulary_of
from .document import BULLET, HEADING, ITEM, PARAGRAPH, Block, Extracted, ImportFailedError

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

#: Share of the page height at the top and at the bottom where running headers and footers sit.
EDGE = 0.1
#: A horizontal gap wider than this many font sizes separates two columns on a line.
COLUMN_GAP = 3.0
#: Text this much larger than the body text is a heading.
HEADING_RATIO = 1.15


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    words: list[str] = field(default_factory=list)
    bullet: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _open(path: Path) -> PDF:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # parses the page tree: corrupt files fail here
        return pdf
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(cause).lower():
            raise ImportFailedError(
                "the PDF is encrypted (protected by a password)",
                "open it with the password and save or print it to a new PDF without protection, then import that",
            ) from None
        raise ImportFailedError(
            f"the PDF cannot be read ({type(cause).__name__})",
            "check the file opens in a PDF reader; if it does, print it to a new PDF and import that",
        ) from None
    except Exception as error:  # pdfminer raises many kinds of error for damaged files
        raise ImportFailedError(
            f"the PDF cannot be read ({type(error).__name__})",
            "check the file opens in a PDF reader; if it does, print it to a new PDF and import that",
        ) from None


def _lines_of_page(page: Page, number: int) -> list[Line]:
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        current: Line | None = None
        for word in row:
            size = float(word["size"])
            if current is None or word["x0"] - current.x1 > COLUMN_GAP * size:
                current = Line(number, word["top"], word["bottom"], word["x0"], word["x1"], size, True)
                lines.append(current)
            current.words.append(word["text"])
            current.x1 = word["x1"]
            current.bottom = max(current.bottom, word["bottom"])
            current.size = max(current.size, size)
            current.bold = current.bold and bool(re.search(r"bold|black|heavy", word["fontname"], re.IGNORECASE))
    _mark_bullets(page, lines)
    return lines


def _mark_bullets(page: Page, lines: list[Line]) -> None:
    """Small filled shapes just left of a line's first word are bullets drawn by the layout."""
    for shape in [*page.curves, *page.rects]:
        width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if not (0.5 < width <= 8 and 0.5 < height <= 8):
            continue
        middle = (shape["top"] + shape["bottom"]) / 2
        for line in lines:
            if line.top - 1 <= middle <= line.bottom + 1 and 0 <= line.x0 - shape["x1"] <= 30:
                line.bullet = True
                break


def _reading_order(lines: list[Line]) -> list[Line]:
    """Lines in reading order: a band of rows laid out in two columns is read column by column.

    The band runs from a row split by a wide gap to the last row with text right of that gap;
    its left column is read first, then its right column.
    """
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].top - line.top) <= 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    ordered: list[Line] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if len(row) < 2:
            ordered.extend(row)
            index += 1
            continue
        gutter = min(line.x0 for line in row[1:])
        end = index
        probe = index + 1
        while probe < len(rows):
            gap = rows[probe][0].top - max(line.bottom for line in rows[probe - 1])
            crosses = any(line.x0 < gutter - 1 < line.x1 for line in rows[probe])
            if crosses or gap > 4 * max(line.size for line in rows[probe]):
                break
            if any(line.x0 >= gutter - 1 for line in rows[probe]):
                end = probe
            probe += 1
        cells = [line for band_row in rows[index : end + 1] for line in band_row]
        ordered.extend(line for line in cells if line.x0 < gutter - 1)
        ordered.extend(line for line in cells if line.x0 >= gutter - 1)
        index = end + 1
    return ordered


def read_pdf(path: Path) -> Extracted:
    pdf = _open(path)
    with pdf:
        pages = []
        images = 0
        for number, page in enumerate(pdf.pages, start=1):
            pages.append((page.height, _lines_of_page(page, number)))
            images += len(page.images)
    all_lines = [line for _, lines in pages for line in lines]
    if not all_lines:
        if images:
            raise ImportFailedError(
                "the PDF has no text layer: it is a scanned image",
                "run it through text recognition (OCR), e.g. `ocrmypdf in.pdf out.pdf`, or ask for the "
                "original Word file, then import that",
            )
        raise ImportFailedError("the PDF holds no text (empty document)", "check you chose the right file")

    # Running headers and footers: the same line near the top or bottom of most pages.
    edge_keys: dict[str, set[int]] = {}
    for height, lines in pages:
        for line in lines:
            if line.top < EDGE * height or line.bottom > (1 - EDGE) * height:
                edge_keys.setdefault(page_key(line.text), set()).add(line.page)
    needed = max(2, -(-len(pages) // 2))
    furniture_keys = {key for key, on in edge_keys.items() if len(on) >= needed}
    furniture: list[str] = []
    body: list[Line] = []
    for height, lines in pages:
        for line in lines:
            at_edge = line.top < EDGE * height or line.bottom > (1 - EDGE) * height
            if at_edge and (page_key(line.text) in furniture_keys or is_page_number(line.text)):
                if line.text not in furniture and not is_page_number(line.text):
                    furniture.append(line.text)
                continue
            body.append(line)

    sizes = [line.size for line in body for _ in line.words]
    body_size = statistics.mode(round(size, 1) for size in sizes) if sizes else 10.0
    heading_sizes = sorted(
        {round(line.size, 1) for line in body if line.size >= body_size * HEADING_RATIO}, reverse=True
    )

    vocabulary = vocabulary_of(line.text for line in body)
    blocks: list[Block] = []
    title_hint = None
    kept = {id(line) for line in body}
    for _, lines in pages:
        page_lines = [line for line in _reading_order(lines) if id(line) in kept]
        blocks.extend(_blocks_of(page_lines, body_size, heading_sizes, vocabulary, blocks))
    first_page = [block for block in blocks if block.page == 1 and block.kind == HEADING]
    if first_page:
        title_hint = min(first_page, key=lambda block: block.level).text
    return Extracted("PDF", blocks, pages=len(pages), title_hint=title_hint, furniture=furniture)


def _is_heading(line: Line, body_size: float) -> bool:
    short = len(line.words) <= 14 and not line.text.rstrip().endswith((".", ";", ","))
    return line.size >= body_size * HEADING_RATIO or (line.bold and short)


def _blocks_of(
    lines: list[Line], body_size: float, heading_sizes: list[float], vocabulary: set[str], before: list[Block]
) -> list[Block]:
    """Lines of one page grouped into headings, paragraphs and items."""
    blocks: list[Block] = []
    group: list[Line] = []

    def flush() -> None:
        if not group:
            return
        first = group[0]
        text = join_lines((line.text for line in group), vocabulary)
        if _is_heading(first, body_size):
            size = round(first.size, 1)
            level = heading_sizes.index(size) + 1 if size in heading_sizes else len(heading_sizes) + 1
            blocks.append(Block(HEADING, text, level=level, page=first.page))
        elif first.bullet:
            blocks.append(Block(ITEM, text, label=BULLET, page=first.page))
        else:
            label, rest = split_label(text)
            if label:
                blocks.append(Block(ITEM, rest, label=label, page=first.page))
            else:
                blocks.append(Block(PARAGRAPH, text, page=first.page))
        group.clear()

    for line in lines:
        if group:
            previous = group[-1]
            gap = line.top - previous.bottom
            same_style = _is_heading(line, body_size) == _is_heading(previous, body_size) and (
                abs(line.size - previous.size) < 0.5
            )
            starts_item = line.bullet or bool(split_label(line.text)[0])
            new_column = line.top <= previous.top + 1 or abs(line.x0 - previous.x0) > COLUMN_GAP * line.size
            if gap > 0.5 * line.size or not same_style or starts_item or new_column:
                flush()
        if not group and not blocks and before and line.page != before[-1].page:
            # A paragraph broken across pages: continue it when it ended mid-sentence.
            last = before[-1]
            if last.kind != HEADING and not last.text.endswith((".", ":", ";", "!", "?")) and line.text[:1].islower():
                last.text = join_lines([last.text, line.text], vocabulary)
                continue
        group.append(line)
    flush()
    return blocks
