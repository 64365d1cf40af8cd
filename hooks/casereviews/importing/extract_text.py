"""Plain-text reader: paragraphs between blank lines, pages between form feeds.

Text copied out of a PDF keeps its running headers, page numbers and hard line breaks;
those are removed here with the same rules as for PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

from .clean import is_page_number, join_lines, page_key, repeated_furniture, split_label, vocabulary_of
from .document import HEADING, ITEM, PARAGRAPH, Block, Extracted, ImportFailedError

_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def read_text(path: Path) -> Extracted:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailedError("the file holds no text (empty document)", "check you chose the right file")
    pages = [page.split("\n") for page in text.split("\f")]
    furniture_keys = repeated_furniture(pages)
    furniture: list[str] = []
    lines: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        filled = [index for index, line in enumerate(page) if line.strip()]
        edges = set(filled[:3] + filled[-3:])
        for index, line in enumerate(page):
            at_edge = index in edges and len(pages) > 1
            if at_edge and (page_key(line) in furniture_keys or is_page_number(line)):
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

    for index, (page_number, line) in enumerate(lines):
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
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
        if group and split_label(line.strip())[0] and not _UNDERLINE.match(following):
            flush()
        if not group:
            group_page = page_number
        group.append(line)
    flush()
    if not blocks:
        raise ImportFailedError("the file holds no text (empty document)", "check you chose the right file")
    first = blocks[0]
    title_hint = first.text if first.kind == HEADING or len(first.text) <= 120 else None
    return Extracted("plain text", blocks, pages=len(pages), title_hint=title_hint, furniture=furniture)
