"""Cleaning extracted text: running headers and footers, page numbers, hyphenation, line joins.

These rules are shared by the readers whose formats lay text out in lines and pages (PDF
and plain text); Word and HTML already give paragraphs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .document import BULLET

#: A line that is only a page number: "3", "- 3 -", "Page 3", "Page 3 of 12", "3 / 12", "3 | Page".
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?(?:\s*\|\s*page)?\s*$",
    re.IGNORECASE,
)
#: Hyphens a layout engine adds when it breaks a word (soft hyphen, Unicode hyphen).
SOFT_HYPHENS = ("\u00ad", "\u2010")
#: Word starts that are joined to the next word by a real hyphen ("multi-agency").
HYPHEN_PREFIXES = frozenset(
    [
        "anti",
        "co",
        "counter",
        "cross",
        "ex",
        "half",
        "inter",
        "intra",
        "multi",
        "non",
        "over",
        "part",
        "post",
        "pre",
        "pro",
        "re",
        "self",
        "semi",
        "step",
        "sub",
        "under",
        "well",
    ]
)
#: Labels that start a list item or a numbered paragraph, in the order they are tried.
LABELS = (
    re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?[ \t\u00a0]+(?=\S)"),  # 8.1, 8.1.2
    re.compile(r"^(?P<label>\d{1,3}[.)])[ \t\u00a0]+(?=\S)"),  # 8. or 8)
    re.compile(r"^(?P<label>\(?(?:[a-h]|i{1,3}|iv|v|vi{1,3})\))[ \t\u00a0]+(?=\S)"),  # (a) a) (iv)
    re.compile(r"^(?P<label>[•●▪■◦‣∙·\-–—*o➢➤►✓])[ \t\u00a0]+(?=\S)"),  # bullets
)
_BULLET_LABEL = re.compile(r"^[•●▪■◦‣∙·\-–—*o➢➤►✓]$")


def split_label(text: str) -> tuple[str, str]:
    """('8.1', 'The text') for a labelled paragraph; ('', text) for one without a label."""
    for pattern in LABELS:
        match = pattern.match(text)
        if match:
            label = match.group("label")
            return (BULLET if _BULLET_LABEL.match(label) else label), text[match.end() :]
    return "", text


def page_key(line: str) -> str:
    """A header or footer line compared across pages: lower case, digits and spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def repeated_furniture(pages: Sequence[Sequence[str]], edge: int = 3) -> set[str]:
    """Keys of lines at the top or bottom of pages that repeat on at least half of them."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        texts = [line for line in lines if line.strip()]
        seen.update({page_key(line) for line in [*texts[:edge], *texts[-edge:]]})
    needed = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in seen.items() if count >= needed and key.strip("# ")}


#: A line a document-sharing site puts before each page: "Page 2: <the document's title> · <snippet>".
_SITE_PAGE = re.compile(r"^\s*page\s+\d{1,4}\s*:\s*\S", re.I)


def repeated_lines(pages: Sequence[Sequence[str]]) -> set[str]:
    """Keys of lines repeated through a text that has no page breaks (copied from a PDF or a
    document-sharing site): a line of three or more words seen three times or more, digits
    folded ("3 File classification: Protected"), or a site's "Page 2: <title>" seen twice."""
    if len(pages) != 1:
        return set()
    seen = Counter(page_key(line) for line in pages[0] if line.strip())
    found = {
        key
        for key, count in seen.items()
        if count >= 3 and 3 <= len(key.split()) <= 15 and not key.endswith(":") and not key.startswith(("- ", "• "))
    }
    found |= {key for key, count in seen.items() if count >= 2 and _SITE_PAGE.match(key.replace("#", "1"))}
    return found


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line))


def join_lines(lines: Iterable[str], vocabulary: set[str] | None = None) -> str:
    """Lines of one paragraph joined into one, undoing hyphenation at line ends.

    A soft hyphen is always removed. A plain hyphen is kept ("multi-agency", "child-in-need")
    unless the word without it appears elsewhere in the document and the hyphenated form does
    not, which is what a hyphenating layout leaves ("safe-" / "guarding").
    """
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        if text.endswith(SOFT_HYPHENS):
            text = text[:-1].rstrip() + line
        elif (head_match := re.search(r"([A-Za-z]+)-$", text)) and (tail_match := re.match(r"[a-z]+", line)):
            head = head_match.group(1)
            tail = tail_match.group(0)
            joined = (head + tail).lower()
            hyphenated = f"{head}-{tail}".lower()
            if (
                vocabulary is not None
                and joined in vocabulary
                and hyphenated not in vocabulary
                and head.lower() not in HYPHEN_PREFIXES
            ):
                text = text[:-1] + line
            else:
                text = text + line
        elif re.search(r"\d-$", text) and re.match(r"[A-Za-z]", line):
            text = text + line  # "17-" / "year-olds": a number's hyphen is never a layout hyphen
        else:
            text = f"{text} {line}"
    return re.sub(r"[ \t\u00a0]{2,}", " ", text)


def vocabulary_of(lines: Iterable[str]) -> set[str]:
    """Every word (and hyphenated word) written whole on one line, lower case."""
    words: set[str] = set()
    for line in lines:
        words.update(word.lower() for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", line))
    return words


def tidy(text: str) -> str:
    """Whitespace folded to single spaces; stray spaces before punctuation removed."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return re.sub(r" ([,.;:!?)])", r"\1", text)


def decoded(raw: bytes) -> str:
    """A saved page's or text file's characters: UTF-8 (with or without a byte-order mark),
    else Windows-1252, which older sites and Word's "Save as text" write."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
