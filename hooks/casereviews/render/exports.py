"""Machine-readable outputs: the Atom feed of new reviews, and the catalogue as JSON and CSV.

Only listed reviews (published or archived) appear. Every value is written through a
serialiser that escapes it (lxml for the feed, json, csv with formula-guarded cells).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from .. import urls
from ..model import vocabulary
from ..model.fields import UK_TIME
from ..model.reviews import Review
from ..policy.public import PublicSite

FEED_NAME = urls.FEED
JSON_NAME = urls.CATALOGUE_JSON
CSV_NAME = urls.CATALOGUE_CSV
FEED_LENGTH = 50
CSV_COLUMNS = (
    "url", "title", "review_type", "board", "published", "themes", "summary", "pseudonym",
    "age_at_incident", "age_band", "outcome", "incident_year", "agencies", "review_model",
    "reviewer", "source_url", "keywords",
)  # fmt: skip


def record(review: Review, site: PublicSite, site_url: str) -> dict[str, Any]:
    """The public catalogue record of a review (an archived one has no text and no report link)."""
    data: dict[str, Any] = {
        "url": site_url + review.url,
        "slug": review.slug,
        "title": review.title,
        "review_type": review.review_type,
        "board": site.board_name(review),
        "published": review.published.isoformat(),
        "themes": list(review.themes),
        "summary": review.summary,
        "pseudonym": review.pseudonym,
        "age_at_incident": review.age_at_incident,
        "age_band": review.age_band,
        "outcome": review.outcome,
        "incident_year": review.incident_year,
        "agencies": list(review.agencies),
        "review_model": review.review_model,
        "reviewer": list(review.reviewer),
        "source_url": review.source_url,
        "keywords": list(review.keywords),
    }
    if not site.is_archived(review):
        data["learning"] = [{"anchor": p.anchor, "text": p.text} for p in review.content.learning]
        data["recommendations"] = [{"anchor": p.anchor, "text": p.text} for p in review.content.recommendations]
    return data


def _csv_cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted with a leading '."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_catalogue(site_dir: Path, site: PublicSite, site_url: str) -> None:
    """reviews.json and reviews.csv: every listed review, newest first."""
    records = [record(review, site, site_url) for review in site.reviews]
    (site_dir / JSON_NAME).write_text(
        json.dumps({"reviews": records}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for data in records:
        writer.writerow([_csv_cell(data[column]) for column in CSV_COLUMNS])
    (site_dir / CSV_NAME).write_text(buffer.getvalue(), encoding="utf-8")


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=UK_TIME)


def write_feed(site_dir: Path, site: PublicSite, site_url: str, site_name: str, length: int = FEED_LENGTH) -> None:
    """feed.xml: an Atom feed of the newest reviews (dated by publication, not build time)."""
    feed = FeedGenerator()
    feed.id(site_url)
    feed.title(f"{site_name}: new reviews")
    feed.subtitle("Newly published case reviews")
    feed.link(href=site_url, rel="alternate")
    feed.link(href=site_url + FEED_NAME, rel="self")
    feed.language("en-GB")
    newest = site.reviews[:length]
    feed.updated(_moment(newest[0].published) if newest else _moment(dt.date(2000, 1, 1)))
    for review in newest:
        entry = feed.add_entry(order="append")
        entry.id(site_url + review.url)
        entry.title(review.title)
        entry.link(href=site_url + review.url)
        entry.summary(review.summary)
        entry.published(_moment(review.published))
        entry.updated(_moment(review.published))
        entry.author(name=site.board_name(review))
        for slug in review.themes:
            entry.category(term=slug, label=site.themes[slug].title)
        entry.category(term=review.review_type, label=vocabulary.REVIEW_TYPES[review.review_type])
    feed.atom_file(str(site_dir / FEED_NAME), pretty=True)
