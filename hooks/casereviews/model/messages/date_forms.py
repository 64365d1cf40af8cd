"""A date written another way, read: its ISO form, for the message that asks for that form."""

from __future__ import annotations

import datetime as dt
import re

from ..dates import MONTHS as MONTH_NAMES

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
