"""Display values for templates and generated pages: labels, dates, links, structured data.

Values here are plain text. Whoever puts them into HTML escapes them: templates with `|e`,
Python with `html.escape` (see `pages.py`). Jinja in MkDocs does not autoescape.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import Any

from . import vocabulary
from .catalogue import Site
from .publication import Visibility
from .reviews import Review

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    """'15 November 2007': the form GOV.UK uses, independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def href(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` to `to_url` (both site-root relative,
    directory style: 'themes/neglect/'); `to_url` may carry a '#fragment'."""
    path, _, fragment = to_url.partition("#")
    relative = posixpath.relpath(path.rstrip("/") or ".", from_url.rstrip("/") or ".")
    if path.endswith("/") or not path:
        relative += "/"
    return relative + (f"#{fragment}" if fragment else "")


def theme_url(slug: str) -> str:
    return f"themes/{slug}/"


def board_url(slug: str) -> str:
    return f"boards/{slug}/"


def year_url(year: int) -> str:
    return f"years/{year}/"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 review', '3 reviews'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def review_facts(review: Review) -> list[tuple[str, str]]:
    """The metadata panel of a review page, as (label, value) pairs, in reading order."""
    facts = [("Type of review", vocabulary.REVIEW_TYPES[review.review_type])]
    if review.pseudonym:
        facts.append(("Known as", review.pseudonym))
    age = review.age_at_incident
    if review.age_band:
        band = vocabulary.AGE_BANDS[review.age_band]
        age = f"{age} (age group: {band})" if age else band
    if age:
        facts.append(("Age", age))
    if review.outcome:
        facts.append(("Outcome", vocabulary.OUTCOMES[review.outcome]))
    if review.incident_year:
        facts.append(("Year of incident", str(review.incident_year)))
    if review.agencies:
        facts.append(("Agencies involved", ", ".join(vocabulary.AGENCIES[a] for a in review.agencies)))
    if review.review_model:
        facts.append(("Review model", review.review_model))
    return facts


def review_view(review: Review, site: Site, related: list[tuple[Review, int]] | None = None) -> dict[str, Any]:
    """Everything the review template shows, as plain values (the template escapes them)."""
    shown = site.visibility[review.slug]
    page_url = review.url
    board_slug = site.board_slug(review)
    return {
        "slug": review.slug,
        "state": shown.value,
        "title": review.title,
        "summary": review.summary,
        "board": site.board_name(review),
        "board_href": href(page_url, board_url(board_slug)) if shown.is_listed else None,
        "published": long_date(review.published),
        "published_iso": review.published.isoformat(),
        "year_href": href(page_url, year_url(review.year)),
        "facts": review_facts(review),
        "themes": [(site.themes[slug].title, href(page_url, theme_url(slug))) for slug in review.themes],
        "source_url": review.source_url if shown is Visibility.PUBLISHED else None,
        "online_until": long_date(review.online_until) if review.online_until else None,
        "withdrawn_on": long_date(review.withdrawn_on) if review.withdrawn_on else None,
        "withdrawn_reason": review.withdrawn_reason,
        "related": [
            {
                "title": other.title,
                "href": href(page_url, other.url),
                "board": site.board_name(other),
                "year": other.year,
                "shared": plural(shared, "shared theme"),
            }
            for other, shared in (related or [])
        ],
        "structured_data": structured_data(review, site) if shown.is_listed else None,
    }


def structured_data(review: Review, site: Site) -> dict[str, Any]:
    """schema.org description of a review, for search engines (serialised with `tojson`)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": review.title,
        "abstract": review.summary,
        "datePublished": review.published.isoformat(),
        "publisher": {"@type": "Organization", "name": site.board_name(review)},
        "about": [site.themes[slug].title for slug in review.themes],
        "inLanguage": "en-GB",
    }
    if review.keywords:
        data["keywords"] = ", ".join(review.keywords)
    return data
