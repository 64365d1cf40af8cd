"""A small bar chart of reviews per year, drawn by the templates as SVG with a table of its numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class YearChart:
    """A small bar chart of reviews per year, with its numbers for a table."""

    width: int
    height: int
    bar: int
    bars: list[dict[str, int]]
    first: int
    last: int
    rows: list[tuple[int, int]]


def year_chart(counts: dict[int, int], years: list[int]) -> YearChart | None:
    """The chart of `counts` over the span of `years` (None when there are no years)."""
    if not years:
        return None
    span = list(range(min(years), max(years) + 1))
    tallest = max(counts.values(), default=0) or 1
    bar, gap, height = 8, 2, 32
    bars = [
        {
            "year": year,
            "count": counts.get(year, 0),
            "x": position * (bar + gap),
            "height": round(height * counts.get(year, 0) / tallest),
        }
        for position, year in enumerate(span)
    ]
    return YearChart(
        width=len(span) * (bar + gap) - gap,
        height=height,
        bar=bar,
        bars=bars,
        first=span[0],
        last=span[-1],
        rows=[(year, counts[year]) for year in sorted(counts, reverse=True)],
    )
