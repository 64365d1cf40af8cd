"""Headings as real reports write them: by typography, by their words, and by their numbering.

A PDF's large or bold line, an HTML `<h2>` and a Word heading style are headings already
(`Block.kind == HEADING`). Text copied out of a PDF has lost its typography, so a heading is
also told by its numbering ("8 - Learning from the review", "3. Process", "1 INTRODUCTION",
"1.2 The review process") and by its words ("Lessons learned", "Issues identified").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import wording
from .clean import tidy
from .document import HEADING, ITEM, PARAGRAPH, TABLE, Block

#: A section number before a heading's words: "8", "8.1", "8.1.2", then ".", " -", ":" or spaces.
_NUMBERED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,2})\.?(?:[ \t]*[-–—:][ \t]*|[ \t]+)(?P<title>\S.*)$")
#: Numbering or a "Section 3" / "Part 2" prefix, removed before a heading's words are compared.
SECTION_NUMBER = re.compile(
    r"^(?:section\s+|part\s+)?(?:\d{1,2}(?:\.\d{1,2})*[.):]?|(?:[ivx]{1,4}|[a-h])[.):])\s+", re.I
)
#: The longest a heading runs, in words.
HEADING_WORDS = 12
#: "Summary: Unlawful killing of…": a known heading written at the start of its paragraph.
_RUN_IN = re.compile(r"^(?P<heading>[A-Z][A-Za-z’' ,&-]{2,60}?)\s*:\s+(?P<rest>\S.*)$", re.S)


def heading_key(text: str) -> str:
    """A heading as compared with the wording lists: numbering, final colon and case removed."""
    key = SECTION_NUMBER.sub("", tidy(text)).strip().rstrip(":").strip().lower()
    return key.replace("\u2019", "'")


def section_kind(text: str, exact: bool = False) -> str | None:
    """The kind of section a heading names, or None."""
    key = heading_key(text)
    if not key or len(key.split()) > 10:
        return None
    if any(key.startswith(words) for words, _ in wording.REVIEW_TYPE_WORDING):
        return None  # "Learning review: Child J" is a title, not the learning section
    for kind, phrases in wording.SECTION_WORDING.items():
        for phrase in phrases:
            if key == phrase or (not exact and key.startswith(phrase + " ")):
                return kind
    words = key.split()
    if (
        1 < len(words) <= 4
        and words[-1] in {"recommendations", "learning", "lessons", "findings"}
        and set(words[:-1]) <= _QUALIFIERS
    ):
        return (
            wording.RECOMMENDATIONS if words[-1] == "recommendations" else wording.LEARNING
        )  # "Extracted recommendations"
    return None


#: Words that may come before "recommendations" or "learning" in a heading: "Extracted recommendations".
_QUALIFIERS = frozenset(
    [
        "key", "the", "our", "extracted", "agency", "single-agency", "multi-agency", "main", "further", "other",
        "wider", "specific", "additional", "summary", "of", "partnership", "board", "panel", "practitioner",
        "practice", "review's",
    ]
)  # fmt: skip


def full_text(block: Block) -> str:
    """A block's text with its label put back: "3." and "Process" are "3. Process"."""
    if block.kind == ITEM and block.label and block.label[0].isdigit():
        return f"{block.label} {block.text}"
    return block.text


@dataclass(frozen=True)
class Numbered:
    """A numbered heading: its number ("8", "8.1") and its words."""

    number: str
    title: str

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1


def numbered_heading(block: Block, following: Block | None = None) -> Numbered | None:
    """The number and words of a block written as a numbered heading, or None.

    "8 - Learning from the review", "3. Process", "1 INTRODUCTION", "2.1 Background" are
    headings: a number, then a few words with no full stop, starting with a capital, that
    either name a known section, are written in capitals, or are followed by the paragraphs
    they number ("3. Process" before "3.1 The review …"). A short numbered line inside a
    list ("1. Police") is not.
    """
    if block.kind not in (PARAGRAPH, ITEM) or block.level:
        return None
    match = _NUMBERED.match(tidy(full_text(block)))
    if not match:
        return None
    number, title = match.group("number"), match.group("title").strip()
    words = title.split()
    if not words or len(words) > HEADING_WORDS or not title[0].isupper() or title.endswith((".", ";", ",", ":")):
        return None
    if sum(1 for word in words if re.match(r"^\d", word)) > 1:
        return None  # "2 4 6": numbers, not words
    if section_kind(title) is not None or _capitals(title):
        return Numbered(number, title)
    if following is not None:
        label = following.label if following.kind == ITEM else ""
        if label.startswith(number + ".") or re.match(rf"^{re.escape(number)}\.\d", tidy(following.text)):
            return Numbered(number, title)
        if "." not in number and following.kind == PARAGRAPH and body_like(following):
            return Numbered(number, title) if len(words) <= 8 else None
    return None


def _capitals(text: str) -> bool:
    letters = [character for character in text if character.isalpha()]
    return len(letters) >= 3 and all(character.isupper() for character in letters)


def run_in_heading(block: Block) -> tuple[str, str] | None:
    """("Issues identified", "The review took place…") for a paragraph that starts with a known
    section heading and a colon, as board web pages write them; None otherwise."""
    if block.kind != PARAGRAPH:
        return None
    match = _RUN_IN.match(block.text)
    if not match or section_kind(match.group("heading"), exact=True) is None:
        return None
    return match.group("heading").strip(), match.group("rest").strip()


def is_heading(block: Block, following: Block | None = None) -> bool:
    """Whether a block in the body is a heading: by typography, numbering, or its words alone."""
    if block.kind == HEADING:
        return True
    if numbered_heading(block, following) is not None:
        return True
    if block.kind == PARAGRAPH and section_kind(block.text, exact=True) is not None:
        return len(block.text.split()) <= HEADING_WORDS
    return block.kind == PARAGRAPH and _capitals(block.text) and 1 <= len(block.text.split()) <= 8


def body_like(block: Block) -> bool:
    """A block that reads as running text: a table, or a paragraph of sentences."""
    if block.kind == TABLE:
        return True
    if block.kind == HEADING:
        return False
    words = block.text.split()
    if len(words) < 20:
        return bool(re.match(r"^\d{1,2}\.\d{1,2}", block.label or "")) and len(words) >= 8 and _sentence(block.text)
    lower = sum(1 for word in words if word[:1].islower())
    return lower >= 0.4 * len(words) and _sentence(block.text)


def _sentence(text: str) -> bool:
    return bool(re.search(r"[a-z0-9)][.!?:;][\"'”’)]?(\s|$)", text))
