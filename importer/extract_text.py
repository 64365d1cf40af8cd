"""Plain-text reader: paragraphs between blank lines, pages between form feeds.

Text copied out of a PDF keeps its running headers, page numbers and hard line breaks;
those are removed here with the same rules as for PDF.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from .clean import (
    decoded,
    is_page_number,
    join_lines,
    page_key,
    repeated_furniture,
    repeated_lines,
    split_label,
    vocabulary_of,
)
from .document import HEADING, ITEM, PARAGRAPH, Block, Extracted, ImportFailedError, table_block

_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
#: A row of a table written with pipes ("| # | Recommendation |"), and its rule ("|---|---|").
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


#: Text copied from a web page is not wrapped: a line that long is a paragraph of its own.
UNWRAPPED_LINE = 120
UNWRAPPED_SHARE = 0.3


def lines_are_paragraphs(lines: list[str]) -> bool:
    """Whether each line is a paragraph (text copied from a web page) rather than a wrapped
    line of one (text copied from a PDF): many lines are longer than any page is wide."""
    filled = [line for line in lines if line.strip()]
    return bool(filled) and sum(1 for line in filled if len(line) > UNWRAPPED_LINE) >= UNWRAPPED_SHARE * len(filled)


#: A line this close to the text's usual width was wrapped by the layout: the next line goes on.
FULL_LINE = 0.7
#: Words a wrapped line can end on, though the line is short: "The Overview Report into a".
_RUNS_ON = re.compile(r"(?:\b(?:a|an|the|of|to|into|in|on|and|or|for|with|by|from|at|as|that|which|who)|[,;:-])$", re.I)


def line_width(lines: list[str]) -> int:
    """The text's usual line width: most lines of a wrapped text are about this long."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def wraps(previous: str, line: str, width: int) -> bool:
    """Whether `line` goes on from `previous` in one paragraph: the previous line is full, runs
    on ("into a"), or the line starts in lower case."""
    before, after = previous.rstrip(), line.strip()
    unfinished = not re.search(r"[.!?:;)\]\"”’]$", before) and not after[:1].isdigit() and len(before.split()) > 8
    return len(before) >= FULL_LINE * width or bool(_RUNS_ON.search(before)) or after[:1].islower() or unfinished


def spaced_lines(lines: list[tuple[int, str]]) -> bool:
    """Whether the text puts a blank line after every line, as document-sharing sites show a
    PDF's lines: then a paragraph's lines arrive as paragraphs of one line each."""
    filled = sum(1 for _, line in lines if line.strip())
    blank_after = sum(1 for (_, line), (_, following) in pairwise(lines) if line.strip() and not following.strip())
    return filled >= 20 and blank_after >= 0.8 * filled


def rejoined(blocks: list[Block], width: int) -> list[Block]:
    """Paragraphs of one line joined again where a full line runs on into the next: the
    previous line is nearly the text's width, ends without a full stop and either ends on a
    word that runs on ("in", "the") or the next line starts in lower case."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind in (PARAGRAPH, ITEM)
            and block.kind == PARAGRAPH
            and len(previous.text.split("\n")[-1]) >= FULL_LINE * width
            and not re.search(r"[.!?:;]$", previous.text.rstrip())
            and (block.text[:1].islower() or bool(_RUNS_ON.search(previous.text.rstrip())))
            and not is_page_number(block.text)
        ):
            previous.text = join_lines([previous.text, block.text])
            continue
        joined.append(block)
    return joined


def read_text(path: Path) -> Extracted:
    text = decoded(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailedError("the file holds no text (empty document)", "check you chose the right file")
    pages = [page.split("\n") for page in text.split("\f")]
    furniture_keys = repeated_furniture(pages) | repeated_lines(pages)
    furniture: list[str] = []
    lines: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        filled = [index for index, line in enumerate(page) if line.strip()]
        edges = set(filled[:3] + filled[-3:])
        for index, line in enumerate(page):
            at_edge = index in edges and len(pages) > 1
            anywhere = len(pages) == 1 and page_key(line) in furniture_keys
            if anywhere or (at_edge and (page_key(line) in furniture_keys or is_page_number(line))):
                if page_key(line) in furniture_keys and line.strip() not in furniture:
                    furniture.append(line.strip())
                continue
            lines.append((number, line))
        lines.append((number, ""))
    vocabulary = vocabulary_of(line for _, line in lines)

    blocks: list[Block] = []
    group: list[str] = []
    group_page = 1

    def flush() -> None:
        if not group:
            return
        text_value = join_lines(group, vocabulary)
        label, rest = split_label(text_value)
        if label:
            blocks.append(Block(ITEM, rest, label=label, page=group_page))
        else:
            blocks.append(Block(PARAGRAPH, text_value, page=group_page))
        group.clear()

    unwrapped = lines_are_paragraphs([line for _, line in lines])
    width = line_width([line for _, line in lines])
    table: list[list[str]] = []
    for index, (page_number, line) in enumerate(lines):
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        if _PIPE_ROW.match(line) or (table and line.lstrip().startswith("|")):
            flush()
            if not _PIPE_RULE.match(line):
                table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            if not following.lstrip().startswith("|"):
                blocks.append(table_block(table, True, page_number))
                table = []
            continue
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block(HEADING, heading.group(2), level=len(heading.group(1)), page=page_number))
            continue
        if _UNDERLINE.match(line) and group and len(group) == 1:
            title = group.pop()
            blocks.append(Block(HEADING, title.strip(), level=1 if "=" in line else 2, page=page_number))
            continue
        if not line.strip():
            flush()
            continue
        if group and (unwrapped or split_label(line.strip())[0]) and not _UNDERLINE.match(following):
            flush()
        elif group and not wraps(group[-1], line, width):
            flush()  # a short line that ends a thought: a cover's title, a name, a date on its own line
        if not group:
            group_page = page_number
        group.append(line)
    flush()
    if not blocks:
        raise ImportFailedError("the file holds no text (empty document)", "check you chose the right file")
    if not unwrapped and spaced_lines(lines):
        blocks = rejoined(blocks, width)
    first = blocks[0]
    title_hint = first.text if first.kind == HEADING or len(first.text) <= 120 else None
    return Extracted("plain text", blocks, pages=len(pages), title_hint=title_hint, furniture=furniture)
