"""Where a report's cover ends, which blocks are a contents page, and what is left for the body.

A cover holds a title block, the board, the author, dates and perhaps a contents page; it
never runs into the text. So the cover ends at the first of:

- a contents page ("Contents", or entries with page numbers or dot leaders);
- a heading named by its words or its numbering ("1 INTRODUCTION", "Summary");
- a numbered paragraph, or a paragraph of running text (`headings.body_like`).

Whatever comes after is the body: every one of its blocks goes into the draft, except
contents pages and page numbers left in the text, which are dropped and listed in the
import's report. Lines of the cover become fields or are listed in the report, never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import wording
from .clean import tidy
from .document import HEADING, ITEM, PARAGRAPH, Block
from .headings import HEADING_WORDS, body_like, full_text, heading_key, numbered_heading, run_in_heading, section_kind

#: How a contents page is headed.
CONTENTS_HEADINGS = frozenset(
    ["contents", "table of contents", "contents page", "index", "list of contents", "cynnwys", "tabl cynnwys"]
)
#: The column heads of a contents table ("Subject … Page").
COLUMN_HEADS = frozenset(["page", "pages", "subject", "section", "paragraph", "page no", "page number", "title"])
#: Dot leaders (or underscores, or spaced dots) before a page number: "Introduction ........ 3".
_LEADER = re.compile(r"(?:\.{3,}|…{2,}|(?:\.\s){3,}|_{3,})\s*\d{1,3}\b")
#: An entry ending in its page number: "Preface 3", "7 Recommendations 38".
_TRAILING_PAGE = re.compile(r"^(?P<title>[^\d\s].{0,90}?|\d{1,2}(?:\.\d{1,2})*\.?\s+\S.{0,90}?)\s+(?P<page>\d{1,3})$")
#: A page number alone, Arabic or Roman: "12", "ii", "- 4 -", "Page 3", "Page 3 of 20", "Page of 47".
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})?(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
#: A contents entry's number alone on its line ("1.", "2.1"), as some PDFs lay them out.
_ENTRY_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
#: The most blocks a cover holds before the body is taken to start anyway.
MAX_COVER = 40


@dataclass
class Layout:
    """A document's blocks by their part: cover, contents pages, body, and what was dropped."""

    cover: list[Block] = field(default_factory=list)
    contents: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    #: Page numbers found in the text (not at a page's edge), dropped.
    page_numbers: list[Block] = field(default_factory=list)
    #: How many of the cover's blocks are a document-sharing site's header, not the document's.
    site_header: int = 0


def is_page_number(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and bool(PAGE_NUMBER.match(stripped)) and stripped.lower() not in {"i", "c"}


def _entry_title(text: str) -> str:
    """A contents entry's words: page number, leaders and numbering removed."""
    text = re.sub(r"(?:\.{3,}|…{2,}|(?:\.\s){3,}|_{3,})\s*\d{1,3}\b", " ", text)
    match = _TRAILING_PAGE.match(tidy(text))
    if match:
        text = match.group("title")
    return heading_key(text)


def _strong_entry(block: Block) -> bool:
    """An entry that only a contents page has: dot leaders, or a short title ending in a page number."""
    text = tidy(block.text if block.kind != ITEM else f"{block.label} {block.text}")
    if _LEADER.search(text):
        return True
    match = _TRAILING_PAGE.match(text)
    if not match or block.kind == HEADING:
        return False
    title = match.group("title")
    short = len(title.split()) <= 12 and not re.search(r"[.;,:!?]\s", title)
    return (short and title[:1].isupper()) or title[:1].isdigit()


def _weak_entry(block: Block) -> bool:
    """A line a contents page has among its entries: a page or entry number, a column head, a short title."""
    text = tidy(block.text if block.kind != ITEM else f"{block.label} {block.text}")
    if is_page_number(text) or _ENTRY_NUMBER.match(text) or text.lower().rstrip(":") in COLUMN_HEADS:
        return True
    words = text.split()
    return 0 < len(words) <= 16 and not text.endswith((".", ";", ",")) and not body_like(block)


def _contents_heading(block: Block) -> bool:
    key = heading_key(_LEADER.sub(" ", block.text)).strip(" .")
    return key in CONTENTS_HEADINGS or any(key.startswith(f"{heading} ") for heading in CONTENTS_HEADINGS)


def _alternating(blocks: list[Block]) -> bool:
    """Titles and page numbers on lines of their own, one after the other: "Preface", "3",
    "Scope of the review", "4", … (three pairs at least), or a "Subject" / "Page" header."""
    texts = [tidy(block.text).lower().rstrip(":") for block in blocks[:6]]
    if texts[:2] in (["subject", "page"], ["section", "page"], ["contents", "page"]):
        return True
    pairs = list(zip(blocks[0:6:2], blocks[1:6:2], strict=False))
    return len(pairs) == 3 and all(
        _weak_entry(title) and not is_page_number(title.text) and is_page_number(number.text) for title, number in pairs
    )


def _body_starts(blocks: list[Block], index: int) -> bool:
    """Whether the body starts at `index`: a listed title followed by text, not by more entries."""
    following = blocks[index + 1 : index + 3]
    return any(body_like(block) for block in following) or not any(
        _weak_entry(block) or is_page_number(block.text) for block in following
    )


def contents_runs(blocks: list[Block]) -> list[tuple[int, int]]:
    """(start, end) of each contents page: a "Contents" heading, a "Subject / Page" header, or
    entries with page numbers in a row, running while its lines are entries, page numbers or
    short titles, and ending at running text or at a heading the contents listed where text
    follows (where the body starts; a contents page in two parts may list a title twice)."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(blocks):
        headed = _contents_heading(blocks[index]) or _alternating(blocks[index:])
        strong = sum(1 for block in blocks[index : index + 3] if _strong_entry(block))
        if not headed and not (_strong_entry(blocks[index]) and strong >= 2):
            index += 1
            continue
        start, index = index, index + 1
        titles = {_entry_title(blocks[start].text)} if not headed else set()
        while index < len(blocks):
            block = blocks[index]
            title = _entry_title(block.text)
            if _strong_entry(block):
                titles.add(title)
            elif body_like(block) or (
                title and title in titles and not is_page_number(block.text) and _body_starts(blocks, index)
            ):
                break
            elif _weak_entry(block):
                if not is_page_number(block.text) and not _ENTRY_NUMBER.match(tidy(block.text)):
                    titles.add(title)
            else:
                break
            index += 1
        runs.append((start, index))
    return runs


def _section_start(block: Block, following: Block | None) -> bool:
    """A heading that starts the body: named by its words or numbering (not by typography alone,
    which covers use for their title)."""
    if heading_key(block.text) in wording.GENERIC_TITLES:
        return False  # "EXECUTIVE SUMMARY" on a cover; if it heads the text, it joins the body below
    if block.kind == HEADING:
        return section_kind(block.text) is not None
    if block.kind == PARAGRAPH and section_kind(block.text, exact=True) is not None:
        return len(block.text.split()) <= HEADING_WORDS
    return numbered_heading(block, following) is not None


_CHROME = re.compile(r"^(?:" + "|".join(wording.SITE_CHROME) + r")$", re.I)
#: "Page 1: <the document's title> · <a snippet>", which such a site puts before each page.
_SITE_PAGE = re.compile(r"^page\s+\d{1,4}\s*:\s+\S", re.I)


def site_header_end(blocks: list[Block]) -> int:
    """Where the header of a document-sharing site ends (0 when there is none): after the last
    of its lines ("Upload: others", "3 views", "TRANSCRIPT") among the first blocks, and the
    "Page 1: …" line that may follow."""
    chrome = [index for index, block in enumerate(blocks[:MAX_COVER]) if _CHROME.match(tidy(full_text(block)))]
    strong = [
        index for index in chrome if not re.fullmatch(r"view|download|others|documents", tidy(blocks[index].text), re.I)
    ]
    if len(chrome) < 2 or not strong:
        return 0
    end = chrome[-1] + 1
    while end < len(blocks) and (_SITE_PAGE.match(blocks[end].text) or is_page_number(blocks[end].text)):
        end += 1
    return end


def lay_out(blocks: list[Block]) -> Layout:
    """Split a document's blocks into its cover, contents pages and body."""
    runs = contents_runs(blocks)
    blocks, in_contents = _split_run_in_headings(blocks, {index for start, end in runs for index in range(start, end)})
    start = site_header_end(blocks)
    end = min(len(blocks), start + MAX_COVER)
    for index, block in enumerate(blocks[:end]):
        if index < start:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if index in in_contents or _section_start(block, following):
            end = index
            break
        if body_like(block):
            # Headings just before the first text are that text's headings, not the cover's.
            end = index
            title = _title_index(blocks[:end])
            while end > 1 and blocks[end - 1].kind == HEADING and end - 1 != title:
                end -= 1
            break
    layout = Layout(cover=blocks[:end], site_header=min(start, end))
    for index, block in enumerate(blocks[end:], start=end):
        if index in in_contents:
            layout.contents.append(block)
        elif block.kind != HEADING and is_page_number(block.text):
            layout.page_numbers.append(block)
        else:
            layout.body.append(block)
    return layout


def _title_index(cover: list[Block]) -> int | None:
    """The index of the cover's title heading: its first heading of the highest level."""
    headings = [(block.level, index) for index, block in enumerate(cover) if block.kind == HEADING]
    return min(headings)[1] if headings else None


def _split_run_in_headings(blocks: list[Block], in_contents: set[int]) -> tuple[list[Block], set[int]]:
    """ "Issues identified: The review found…" becomes the heading and its paragraph (outside
    contents pages, whose entries are not split); the contents' indexes follow the blocks."""
    split: list[Block] = []
    moved: set[int] = set()
    level = 2
    for index, block in enumerate(blocks):
        found = None if index in in_contents else run_in_heading(block)
        if found is None:
            if index in in_contents:
                moved.add(len(split))
            split.append(block)
            level = block.level if block.kind == HEADING and block.level > 1 else level
            continue
        heading, rest = found
        split.append(Block(HEADING, heading, level=level, page=block.page))
        split.append(Block(PARAGRAPH, rest, page=block.page))
    return split, moved
