"""The catalogue of messages an author reads about content, each ending with what to do next.

A message finds the problem and says the fix: a date in another form gets its ISO form
written out, an identifying detail its ways out (replace it, or accept a false alarm with
the exact line to paste), a placeholder what to put in its place. Every entry of `CATALOGUE`
names its next step (tests/test_messages.py walks it); the code that finds a problem fills
an entry in, and never writes its own wording of the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import MONTHS as MONTH_NAMES


@dataclass(frozen=True)
class Message:
    """One kind of problem: what was expected, and the next step (`{name}` fields filled in)."""

    expected: str
    next_step: str

    def text(self, found: str, **values: str) -> str:
        """'found …, expected …; next step' with `values` filled in."""
        return f"found {found}, expected {self.expected.format(**values)}; {self.next_step.format(**values)}"


CATALOGUE: dict[str, Message] = {
    "date": Message(
        "a date written YYYY-MM-DD",
        "{suggestion}",
    ),
    "partial-date": Message(
        "a date written YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year",
        "{suggestion}",
    ),
    "unreal-date": Message(
        "a real date (that {part} does not exist)",
        "check the date against the source report and correct it",
    ),
    "identifying-detail": Message(
        "no identifying detail in what will be published",
        "replace it with the pseudonym or a general description (e.g. 'the mother', 'a primary school'); "
        "or, if it identifies no one, accept it under accepted_findings: "
        '- {{rule: {rule}, text: "{text}", reason: "why it identifies no one"}}',
    ),
    "listed-name": Message(
        "none of the names in the board's list of names never to publish",
        "remove it: write the pseudonym or a general description instead (a listed name cannot be accepted)",
    ),
    "placeholder": Message(
        "the real {what}, taken from the source report",
        "replace the whole placeholder, 'TO FILL:' included",
    ),
    "left-out": Message(
        "none",
        "move each paragraph into the section where it belongs (or delete it), then delete the heading",
    ),
}


def message(key: str, found: str, **values: str) -> str:
    """The catalogue's message `key` for what was `found`."""
    return CATALOGUE[key].text(found, **values)


_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3].lower(): number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$")
_WORDS = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")


def iso_form(value: object) -> tuple[str, str] | None:
    """The ISO form of a date written another way, and the date in words: ('2021-03-12',
    '12 March 2021') from '12/03/2021' (day first, as in the UK), '12th March 2021',
    'March 2021', '03/2021' or '2021/03/12'; None when it is not read as one real date."""
    text = str(value).strip()
    day: int | None
    if match := _NUMERIC.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := _YEAR_FIRST.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    elif match := _WORDS.match(text):
        month_number = _MONTHS.get(match[2].lower())
        if month_number is None:
            return None
        day, month, year = (int(match[1]) if match[1] else None), month_number, int(match[3])
    elif match := _MONTH_YEAR.match(text):
        day, month, year = None, int(match[1]), int(match[2])
    else:
        return None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", f"{MONTH_NAMES[month - 1]} {year}"
    return f"{year:04d}-{month:02d}-{day:02d}", f"{day} {MONTH_NAMES[month - 1]} {year}"


def date_suggestion(value: object, example: str, day_needed: bool = False) -> str:
    """What to write instead of `value`: its ISO form when it reads as a date (with a day, when
    `day_needed`), else how to write one."""
    found = iso_form(value)
    if found is None or (day_needed and found[0].count("-") < 2):
        return f"write it that way, e.g. {example}"
    iso, words = found
    return f"write {iso} ({words})"
