"""A review's fields as its cover gives them: the cover's lines and labels, the type and the title
(the pseudonym and reviewers: `people`; the board: `board_names`).

Each finder reads the cover first (where a report states its own facts), and says how it
found a value (`Found.how`), which the import's report prints. A value is `confident` when
the cover labels it or states it outright; only confident values go into a file name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import wording
from .clean import tidy
from .document import Block
from .headings import heading_key, section_kind
from .layout import is_page_number
from .model import REVIEW_TYPES

SITE_CHROME_LINE = re.compile(r"^(?:" + "|".join(wording.SITE_CHROME) + r")$", re.I)
#: A line that starts as a website's banner or a link does: "Quickly leave this website …", "View the report".
_CHROME_START = re.compile(
    r"^(?:" + "|".join(wording.SITE_CHROME[-6:]) + r"|view|download|read|click|access|open|see)\b", re.I
)
#: Protective markings and version notes that covers print beside the title.
_MARKINGS = re.compile(
    r"\b(?:not\s+to\s+be\s+(?:photocopied|copied|circulated)(?:\s+or\s+(?:photocopied|copied|circulated))?"
    r"|official[\s-]+sensitive|official|restricted|confidential|protected|final\s+version|final\s+draft|draft|final)\b",
    re.I,
)


@dataclass
class Found:
    """A field's value as found, how it was found (for the report), and whether a file name may use it."""

    value: object
    how: str
    note: str | None = None
    confident: bool = True


def cover_lines(cover: Iterable[Block]) -> list[str]:
    """The cover's lines, each tidied (a block may hold several lines)."""
    return [tidy(line) for block in cover for line in block.text.split("\n") if line.strip()]


_ANY_LABEL = re.compile(
    r"(?<![\w'’])(?P<label>"
    + "|".join(
        re.escape(label)
        for label in sorted(
            {name for names in wording.FIELD_LABELS.values() for name in names}, key=lambda item: (-len(item), item)
        )
    )
    + r")\s*(?::-?|\t|–|—| - )\s*",
    re.I,
)


def label_values(line: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a cover line: "Title: X" — or several on one line, as a
    repository's cover sheet runs them together ("Title: X LSCB: Y Author: Z")."""
    found = list(_ANY_LABEL.finditer(line))
    if not found or (found[0].start() != 0 and len(found) < 2):
        return []
    if found[0].start() != 0:
        found = [match for match in found if match.start() >= found[0].start()]
    pairs = []
    for match, following in zip(found, [*found[1:], None], strict=True):
        value = line[match.end() : following.start() if following else len(line)]
        pairs.append((match.group("label").lower(), tidy(value)))
    return pairs


def labelled(lines: Iterable[str], field_name: str) -> str | None:
    """The value after a label such as 'Title:' on a cover line."""
    labels = set(wording.FIELD_LABELS[field_name])
    for line in lines:
        for label, value in label_values(line):
            if label in labels and value:
                return value
    return None


# --- review type ----------------------------------------------------------------------------------

#: What joins the types of a joint review: "serious case review and domestic homicide review".
_JOINED = re.compile(r"^\s*(?:and|&|/|,|plus)\s*(?:(?:an?|the)\s+)?$", re.I)


@dataclass(frozen=True)
class TypesFound:
    """The review's types as named in one text: one, or several for a joint review."""

    slugs: tuple[str, ...]
    words: str
    where: str
    #: Other types the same text names, not joined to these (worth a look: a joint review?).
    others: tuple[str, ...] = ()


def types_in(text: str) -> list[tuple[int, int, str]]:
    """Review types named in `text`, in order of appearance: (start, end, slug). "Thematic" just
    before another type ("Thematic Safeguarding Adults Review") names a thematic review too."""
    hits: list[tuple[int, int, str]] = []
    for words, slug in wording.REVIEW_TYPE_WORDING:
        for match in re.finditer(rf"\b{re.escape(words)}s?\b", text, re.I):
            if any(start <= match.start() < end for start, end, _ in hits):
                continue
            hits.append((match.start(), match.end(), slug))
            thematic = re.search(r"\b(?:multi-agency\s+)?thematic\s+$", text[: match.start()], re.I)
            if thematic and slug != "thematic-review":
                hits.append((thematic.start(), match.start(), "thematic-review"))
    for abbreviation, slug in wording.REVIEW_TYPE_ABBREVIATIONS.items():
        for match in re.finditer(rf"\b{abbreviation}\b", text):
            if not any(start <= match.start() < end for start, end, _ in hits):
                hits.append((match.start(), match.end(), slug))
    return sorted(hits)


def find_review_type(texts: Iterable[tuple[str, str]]) -> TypesFound | None:
    """The review's types from texts tried in order of trust (where, text)."""
    for where, text in texts:
        hits = types_in(text)
        if not hits:
            continue
        chain = [hits[0]]
        for hit in hits[1:]:
            between = text[chain[-1][1] : hit[0]]
            if hit[2] not in {slug for _, _, slug in chain} and (_JOINED.match(between) or hit[0] <= chain[-1][1]):
                chain.append(hit)
            elif hit[0] > chain[-1][1]:
                break
        slugs = tuple(dict.fromkeys(slug for _, _, slug in chain))
        if "thematic-review" in slugs and len(slugs) > 1:
            slugs = (*(slug for slug in slugs if slug != "thematic-review"), "thematic-review")
        others = tuple(dict.fromkeys(text[a:b] for a, b, slug in hits if slug not in slugs))
        start, end = min(hit[0] for hit in chain), max(hit[1] for hit in chain)
        return TypesFound(slugs, tidy(text[start:end]), where, others)
    return None


def type_label(slugs: Sequence[str]) -> str:
    """'Serious case review', or 'Serious case review and domestic homicide review' (without '(Wales)')."""
    labels = [re.sub(r"\s*\(.*\)$", "", REVIEW_TYPES[slug]) for slug in slugs]
    first, *others = labels
    rest = [label[0].lower() + label[1:] for label in others]
    return first if not rest else ", ".join([first, *rest[:-1]]) + " and " + rest[-1]


def most_frequent_type(text: str) -> tuple[str | None, str | None]:
    """The review type the text names most often, in words or by its abbreviation ("CSPR")."""
    counts: Counter[str] = Counter()
    words_for: dict[str, str] = {}
    for start, end, slug in types_in(text):
        counts[slug] += 1
        words_for.setdefault(slug, text[start:end])
    if not counts:
        return None, None
    slug = max(counts, key=lambda s: (counts[s], s))
    return slug, words_for[slug]


# --- title ----------------------------------------------------------------------------------------

_DATES_IN_BRACKETS = re.compile(r"\s*\([^)]*\d{4}[^)]*\)")
_TRAILING_DATE = re.compile(
    r"[\s,–—-]*(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+)?\d{4}$",
    re.I,
)


#: A verb that makes a line a sentence: "This Safeguarding Adults Review (SAR) was commissioned by…".
_SENTENCE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|been|commissioned|completed|undertaken)\b", re.I)
_SENTENCE_START = re.compile(r"^(?:this|these|it|today|the\s+(?:review|report|board|partnership|panel))\b", re.I)
#: A heading over a list of reviews, not one review's title: "Published Domestic Homicide Reviews".
_LISTING = re.compile(
    r"\breviews\b|^published\b|^publication\b|^what\s+is\b|\bpublish(?:es)?\b"
    r"|\b(?:commissioned|completed|undertaken|carried\s+out)\s+(?:and\s+\w+\s+)?(?:by|for|in|on|under)\b",
    re.I,
)


def title_problem(text: str, furniture: Iterable[str] = ()) -> str | None:
    """Why a text cannot be a review's title (a number, a page number, a running header, a
    site's banner, a section heading, a list's heading…), or None."""
    text = text.strip()
    words = re.findall(r"[^\W\d_]{2,}", text)
    if not words:
        return "it is a number, not a title" if re.search(r"\d", text) else "it has no words"
    if is_page_number(text) or re.fullmatch(r"(?:page\s+)?\d+(?:\s+of\s+\d+)?", text, re.I):
        return "it is a page number"
    if re.search(r"\bpage\s+\d+\s+of\s+\d+", text, re.I):
        return "it is a running header or footer (it carries a page number)"
    if (
        text[:1].islower()
        or text.endswith(("...", "…"))
        or re.search(r"\b(?:the|of|in|and|to|a|an|for|by)$", text, re.I)
    ):
        return "it is a fragment of a sentence"
    if text.lower() in {line.strip().lower() for line in furniture}:
        return "it is a running header or footer"
    if heading_key(text) in wording.GENERIC_TITLES:
        return "it names only the kind of document"
    if len(text.split()) > 24:
        return "it is too long for a title"
    label = re.match(r"^([A-Z][\w ]{1,25}):\s", text)
    if label and not types_in(label.group(1)):
        return "it is a labelled line, not a title"
    if SITE_CHROME_LINE.match(text) or _CHROME_START.match(text) or "·" in text:
        return "it is a website's banner, menu or link"
    if text.endswith("?") or _LISTING.search(text):
        return "it is a question or a heading over a list, not a review's title"
    if section_kind(text) is not None and not types_in(text[:40]):
        return "it is a section heading"
    if text.endswith(".") or (_SENTENCE_VERB.search(text) and _SENTENCE_START.match(text)):
        return "it is a sentence, not a title"
    return None


def title_from_line(line: str, names: Iterable[str] = ()) -> str:
    """A cover line as a title: "Publication of", a lifespan in brackets, "- published <date>",
    a trailing date and the author's name (with honours) removed."""
    line = re.sub(r"^(?:publication\s+of|published:?)\s+(?=\S)", "", line, flags=re.I)
    first_label = next((match for match in _ANY_LABEL.finditer(line) if match.start() > 0), None)
    if first_label is not None:  # "Re-consideration of Serious Case Review LSCB: Bradford …"
        line = line[: first_label.start()]
    line = _MARKINGS.sub(" ", line)
    line = re.sub(
        r"\s*(?:[-–—|]\s*published\b.*|\s+published(?:\s+(?:on|in))?\s+(?:\d|[A-Z][a-z]+\s+\d{4}).*)$",
        "",
        line,
        flags=re.I,
    )
    line = _DATES_IN_BRACKETS.sub("", line)
    for name in names:
        line = re.sub(rf"\s*(?:[-–—,]\s*)?{re.escape(name)}\b.*$", "", line)
    return _TRAILING_DATE.sub("", line).strip(" –—-:,")


#: Words kept in capitals when a title in capitals is written in sentence case.
_KEEP_CAPITALS = frozenset(
    ["SCR", "SAR", "DHR", "CSPR", "LCSPR", "CPR", "APR", "SUSR", "LSCB", "LSCP", "SAB", "SCB", "CSP", "NHS", "UK"]
)


def sentence_case(title: str) -> str:
    """A title in capitals as a sentence: 'SERIOUS CASE REVIEW CHILD A AND BABY N' → 'Serious case
    review Child A and Baby N' (pseudonyms and abbreviations keep their capitals)."""
    words = title.split()
    pseudonym_words = {word.upper() for word in wording.PSEUDONYM_WORDS} | {"CHILDREN", "YOUNG"}
    result = []
    for index, word in enumerate(words):
        core = re.sub(r"^\W+|\W+$", "", word)
        following = re.sub(r"\W", "", words[index + 1]) if index + 1 < len(words) else ""
        after_pseudonym_word = index and words[index - 1].upper().strip("“‘\"'") in {*pseudonym_words, "PERSON"}
        initial = len(core) == 1 and core.isupper() and (core != "A" or after_pseudonym_word)
        if core in _KEEP_CAPITALS or initial or (len(core) <= 3 and core.isupper() and after_pseudonym_word):
            result.append(word)
        elif (core.upper() == "PERSON" and index and words[index - 1].upper() == "YOUNG") or (
            core.upper() in pseudonym_words
            and (re.fullmatch(r"[A-Z]{1,3}\d?", following) or following.upper() == "PERSON")
        ):
            result.append(word.capitalize())
        elif not core.isupper():
            result.append(word)
        else:
            result.append(word.capitalize() if not result else word.lower())
    return " ".join(result)


def mostly_capitals(text: str) -> bool:
    """Whether most words of a line are written in capitals ("A SERIOUS CASE REVIEW Report");
    abbreviations ("SAR", "DHR") do not count."""
    words = [word for word in re.findall(r"[^\W\d_]+", text) if len(word) > 3]
    return bool(words) and sum(1 for word in words if word.isupper()) * 2 >= len(words)
