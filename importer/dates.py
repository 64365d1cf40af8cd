"""Dates as reports write them, and the one date a cover gives as its publication date.

A cover carries several dates (the death, the incident, the report, the publication) and
the body carries more (guidance "published by the Home Office in December 2016"). Only two
kinds of date become `published`: one the cover labels as the publication date, and the
only date on the cover that no other event claims (`publication_date`). Any other is left
to the editor: a placeholder is right, a wrong date is wrong, and a file name made from it
would be kept forever.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .clean import tidy
from .document import Block
from .model import PartialDate

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=lambda item: (-len(item), item))) + r")\.?"
_ORDINAL = r"(?:\s?(?:st|nd|rd|th))?"
DATE_PATTERNS = (
    (re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "uk"),
    (re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{2})(?![\d/.])"), "uk2"),
    (re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.I), "my"),
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True)
class DateFound:
    """A date in a text, where it is, and how precise the text is."""

    start: int
    end: int
    date: PartialDate


def _reading(shape: str, groups: tuple[str, ...]) -> PartialDate:
    if shape == "dmy":
        return PartialDate(int(groups[2]), _MONTHS[groups[1].lower().rstrip(".")], int(groups[0]))
    if shape == "mdy":
        return PartialDate(int(groups[2]), _MONTHS[groups[0].lower().rstrip(".")], int(groups[1]))
    if shape == "iso":
        return PartialDate(int(groups[0]), int(groups[1]), int(groups[2]))
    if shape == "uk":
        return PartialDate(int(groups[2]), int(groups[1]), int(groups[0]))
    if shape == "uk2":
        short = int(groups[2])
        return PartialDate(2000 + short if short < 70 else 1900 + short, int(groups[1]), int(groups[0]))
    return PartialDate(int(groups[1]), _MONTHS[groups[0].lower().rstrip(".")])


def dates_in(text: str) -> list[DateFound]:
    """Every date in `text`, left to right; where readings overlap, the most precise one."""
    found: list[DateFound] = []
    for pattern, shape in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                date = _reading(shape, match.groups())
                dt.date(date.year, date.month or 1, date.day or 1)
            except (ValueError, KeyError):
                continue
            found.append(DateFound(match.start(), match.end(), date))
    found.sort(key=lambda item: (item.start, -(bool(item.date.day) + bool(item.date.month)), -item.end))
    kept: list[DateFound] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def parse_date(text: str, allow_year: bool = False) -> PartialDate | None:
    """The first date in `text`, with its precision; a bare year only when `allow_year`."""
    found = dates_in(text)
    if found:
        return found[0].date
    if allow_year:
        year = _YEAR.search(text)
        if year:
            return PartialDate(int(year.group(1)))
    return None


#: Words that label the publication date, then the date at once: "Published: March 2011",
#: "Published by WSCB – 3rd June 2015", "Joanna, Jon and Ben - published September 2021".
#: ("Approved for publication in August 2019" is not one: approval comes before publication.)
_PUBLICATION_LABEL = re.compile(
    r"(?:^|[\s(|,–—-])(?:date\s+of\s+publication|publication\s+date|date\s+published|first\s+published"
    r"|published|publication(?=\s*:))(?:\s+by\s+[^,–—:]{1,60}?\s*[,–—-])?"
    r"\s*(?:on|in|:|-|–|—)?\s*(?::\s*)?",
    re.I,
)
#: Words near a date on a cover that tie it to something other than the document: a death,
#: an incident, a birth, the commissioning, another document.
_OTHER_EVENT = re.compile(
    r"\b(?:died|death|deaths|dod|d\.o\.d|dob|d\.o\.b|born|birth|killed|murder(?:ed)?|homicide|incident"
    r"|injur(?:y|ies|ed)|commissioned|initiated|notified|notification|submitted|sent|referred|convened"
    r"|meeting|met|inquest|trial|sentenced|convicted|guidance|act|working\s+together|regulations|approved|approval"
    r"|completed|completion|drafted|submitted|started|concluded"
    r"|evaluation|review\s+period|period|from|between|since|until)\b",
    re.I,
)


#: A label without a colon is read on a line of at most this many words: in a longer sentence,
#: "published in March 2022" may be another document's ("an earlier review, published in March 2022").
LABEL_LINE_WORDS = 14


def labelled_publication(lines: Iterable[str]) -> PartialDate | None:
    """A date a short line labels as the publication date; None when there is none."""
    for line in lines:
        for label in _PUBLICATION_LABEL.finditer(line):
            if len(line.split()) > LABEL_LINE_WORDS and ":" not in label.group(0):
                continue  # in a sentence, only "Date of publication: …" is a label
            rest = line[label.end() :]
            found = dates_in(rest)
            if found and found[0].start == 0:
                return found[0].date
            year = re.match(r"(19[5-9]\d|20\d\d)\b", rest)
            if year:
                return PartialDate(int(year.group(1)))
    return None


_DAY_NAME = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?"
#: A board's page announcing the review: "On Monday 21 February 2022, Herefordshire Safeguarding
#: Children Partnership published a Child Safeguarding Practice Review …", "… published the
#: findings of a Serious Case Review … on Monday 26th September 2016".
_ANNOUNCED = (
    re.compile(
        rf"^On\s+{_DAY_NAME}(?P<date>[^,]{{6,30}}),\s+(?:[A-Z][\w'’&-]*\s+){{1,8}}(?:has\s+)?published\s+(?:a|an|the|its)\b[^.]{{0,80}}\b(?:review|report)\b"
    ),
    re.compile(
        rf"\b(?:Board|Partnership|Committee)\s+(?:\([A-Z]+\)\s+)?(?:has\s+)?(?:today\s+)?published\s+(?:a|an|the|its)\b[^.]{{0,120}}\bon\s+{_DAY_NAME}(?P<date>[^.,]{{6,30}})"
    ),
)


def announced_publication(paragraphs: Iterable[str]) -> PartialDate | None:
    """The date a board's page says it published the review on, in its first sentence."""
    for paragraph in paragraphs:
        for pattern in _ANNOUNCED:
            match = pattern.search(paragraph)
            if match:
                found = dates_in(match.group("date"))
                if found and found[0].date.day:
                    return found[0].date
    return None


def _claimed(line: str, found: DateFound, others: list[DateFound]) -> bool:
    """Whether another event claims a date: a word of death, birth, incident… before it in its
    clause, or a range or lifespan around it ("(1985 – 2018)", "March 2007 – February 2008")."""
    if re.search(r"[A-Za-z]\s*/\s*$", line[: found.start]):
        return True  # "Dorothy/April 2018": the month of the person's death, as reviews are named
    clause_start = max(line.rfind(mark, 0, found.start) for mark in (",", ";", "(", "[", "|", ". ")) + 1
    before = line[clause_start : found.start]
    if not before.strip(" :-–—"):  # "[Approved at the Board's meeting; 16.07.2020]": the clause before it
        clause_start = (
            max(line.rfind(mark, 0, max(clause_start - 1, 0)) for mark in (",", ";", "(", "[", "|", ". ")) + 1
        )
        before = line[clause_start : found.start]
    if _OTHER_EVENT.search(before[-60:]):
        return True
    for other in others:
        if other is found:
            continue
        between = line[min(found.end, other.end) : max(found.start, other.start)]
        if re.fullmatch(r"\s*(?:[-–—]|to|and|until)\s*", between, re.I):
            return True
    inside = line.rfind("(", 0, found.start) > line.rfind(")", 0, found.start)
    return inside and bool(re.search(r"[-–—]", line[line.rfind("(", 0, found.start) : found.end + 30]))


_PAGE_LINE = re.compile(r"\bpage\s+\d+\s+of\s+\d+|\bpage\s+\d+\s*:", re.I)


@dataclass(frozen=True)
class CoverDates:
    """The publication date a cover gives (labelled, or its only unclaimed date), and the rest."""

    labelled: PartialDate | None
    only: PartialDate | None
    #: Every date of the cover, with the text around it, for the report.
    seen: tuple[tuple[PartialDate, str], ...]


def cover_dates(cover: list[Block]) -> CoverDates:
    """The dates of a cover: the labelled publication date, the only date no event claims."""
    lines = [tidy(line) for block in cover for line in block.text.split("\n") if line.strip()]
    labelled = labelled_publication(lines)
    unclaimed: set[PartialDate] = set()
    seen: list[tuple[PartialDate, str]] = []
    for index, line in enumerate(lines):
        if _PAGE_LINE.search(line):
            continue  # "Page 1 of 22 16 November 2018": a running footer's date, not the cover's
        found = dates_in(line)
        # A line that goes on from the one before ("on 20th January 2014") is read with it.
        before = lines[index - 1] if index and re.match(r"^(?:on|in|at|of|and|dated|from)\b|^[a-z]", line) else ""
        for item in found:
            seen.append((item.date, line if len(line) <= 120 else line[max(0, item.start - 60) : item.end + 20]))
            context = f"{before} {line}" if before else line
            shift = len(before) + 1 if before else 0
            moved = DateFound(item.start + shift, item.end + shift, item.date)
            if not _claimed(context, moved, [DateFound(f.start + shift, f.end + shift, f.date) for f in found]):
                unclaimed.add(item.date)
    only = next(iter(unclaimed)) if len(unclaimed) == 1 else None
    return CoverDates(labelled, only, tuple(seen))
