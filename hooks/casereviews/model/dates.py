"""Dates as real documents give them: a year, a month, or a day.

Real executive summaries are often dated only "March 2011" or "2008". A `PartialDate` keeps
exactly the precision given, so the site never states a day nobody knows.

Where one point in time is needed, a partial date is placed at the first day of its
period: "2011" at 1 January 2011, "March 2011" at 1 March 2011. Reviews sort by that day,
newest first, so a review known only as "March 2011" comes after one dated 20 March 2011
and before one dated February 2011; a feed gives that day at midnight, UK time. The year
a review is listed under is always known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(IntEnum):
    """How much of a date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True)
class PartialDate:
    """A year, a year and month, or a full date."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """From 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; ValueError when it is none of these or not real."""
        match = _ISO.match(text.strip())
        if not match:
            raise ValueError(f"not a date: {text!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"no month {month}")
        if day is not None:
            dt.date(year, month or 1, day)  # raises ValueError for a day that does not exist
        return cls(year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def first_day(self) -> dt.date:
        """Where the date is placed when one day is needed: the first day of its period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The last day the date can mean."""
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """'2011', '2011-03' or '2011-03-15': valid in an HTML `<time datetime>` too."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def toordinal(self) -> int:
        """The ordinal of the first day: the sort position."""
        return self.first_day.toordinal()

    def long(self) -> str:
        """'15 November 2007', 'March 2011' or '2008': exactly what is known."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day is not None else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.isoformat()


def long_date(value: dt.date | PartialDate) -> str:
    """A date as readers see it, in the GOV.UK style, independent of the machine's locale."""
    return (value if isinstance(value, PartialDate) else PartialDate.of(value)).long()
