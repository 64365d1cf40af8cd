"""Machine-readable outputs: Atom feeds of new reviews, the catalogue as JSON and CSV, and the
action plans as CSV.

Feeds: the site's (`feed.xml`), and one beside every theme page and every board page. Each
entry's id is the review's permanent address (see `entry_id`); a partial date is given as
the first day of its period, midnight UK time (see model.dates).

Only listed reviews (published or archived) appear. Every value is written through a
serialiser that escapes it (lxml for the feed, json, csv with formula-guarded cells).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from .. import urls
from ..index.actions import ActionIndex
from ..index.indexes import Indexes
from ..model import vocabulary
from ..model.body import Point
from ..model.dates import PartialDate
from ..model.fields import UK_TIME
from ..model.reviews import Review
from ..model.themes import Theme
from ..policy.public import PublicSite

FEED_NAME = urls.FEED
JSON_NAME = urls.CATALOGUE_JSON
CSV_NAME = urls.CATALOGUE_CSV
FEED_LENGTH = 50
CSV_COLUMNS = (
    "url", "title", "review_type", "board", "published", "published_precision", "themes", "summary",
    "pseudonym", "age_at_incident", "age_band", "outcome", "subjects", "incident_year",
    "period_from", "period_to", "parallel_proceedings", "agencies", "review_model", "reviewer",
    "source_url", "keywords",
)  # fmt: skip


def record(review: Review, site: PublicSite, site_url: str) -> dict[str, Any]:
    """The public catalogue record of a review (an archived one has no text and no report link)."""
    data: dict[str, Any] = {
        "url": site_url + review.url,
        "slug": review.slug,
        "title": review.title,
        "review_type": review.review_type,
        "review_types": list(review.review_types),
        "board": site.board_name(review),
        "published": review.published.isoformat(),
        "published_precision": review.published.precision.name.lower(),
        "themes": list(review.themes),
        "summary": review.summary,
        "pseudonym": review.pseudonym,
        "age_at_incident": review.age_at_incident,
        "age_band": review.age_band,
        "outcome": review.outcome,
        "subjects": [
            {"pseudonym": person.pseudonym, "age": person.age, "age_band": person.age_band, "outcome": person.outcome}
            for person in review.subjects
        ],
        "incident_year": review.incident_year,
        "period_from": review.period_under_review.start.isoformat() if review.period_under_review else None,
        "period_to": review.period_under_review.end.isoformat() if review.period_under_review else None,
        "parallel_proceedings": list(review.parallel_proceedings),
        "agencies": list(review.agencies),
        "review_model": review.review_model,
        "reviewer": list(review.reviewer),
        "source_url": review.source_url,
        "keywords": list(review.keywords),
    }
    if not site.is_archived(review):
        data["learning"] = [_point(point, data["url"]) for point in review.content.learning]
        data["recommendations"] = [_point(point, data["url"]) for point in review.content.recommendations]
    return data


def _point(point: Point, page_url: str) -> dict[str, Any]:
    """A learning point or recommendation in the catalogue: its link, number as written, group and text."""
    return {
        "anchor": point.anchor,
        "url": f"{page_url}#{point.anchor}",
        "label": point.label,
        "group": point.group,
        "text": point.text,
    }


def _csv_cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted with a leading '."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(item["pseudonym"] if isinstance(item, dict) else str(item) for item in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@dataclass
class CatalogueMemo:
    """What a long-lived process (the preview) keeps of the catalogue it wrote: each record's
    JSON text and CSV cells by its key, and the JSON texts last written, in order."""

    records: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    written: tuple[str, ...] | None = None


def write_catalogue(
    site_dir: Path,
    site: PublicSite,
    site_url: str,
    memo: CatalogueMemo | None = None,
    keys: Sequence[str] | None = None,
) -> bool:
    """reviews.json and reviews.csv: every listed review, newest first. Whether they were written.

    With a `memo`, a record is written out only when it is not in it: by its key in `keys` (one
    for each listed review, in order, naming everything its record depends on), else by the
    record itself; and the files are not written when they would be the same as last time (and
    are there). The files are the same as without."""
    if memo is None:
        records = [record(review, site, site_url) for review in site.reviews]
        with (site_dir / JSON_NAME).open("w", encoding="utf-8") as out:  # streamed: never whole in memory
            json.dump({"reviews": records}, out, ensure_ascii=False, indent=1, sort_keys=True)
            out.write("\n")
        rows: Iterable[list[str]] = (_csv_row(data) for data in records)
    else:
        known, memo.records = memo.records, {}
        parts = []
        for index, review in enumerate(site.reviews):
            data = None if keys is not None else record(review, site, site_url)
            key = keys[index] if keys is not None else repr(data)
            if key not in known:
                data = record(review, site, site_url) if data is None else data
                known[key] = (_json_record(data), _csv_row(data))
            memo.records[key] = known[key]
            parts.append(known[key])
        texts = tuple(text for text, _ in parts)
        if texts == memo.written and (site_dir / JSON_NAME).is_file() and (site_dir / CSV_NAME).is_file():
            return False
        memo.written = None
        listed = ",\n".join(texts)
        (site_dir / JSON_NAME).write_text(
            '{\n "reviews": [\n' + listed + "\n ]\n}\n" if parts else '{\n "reviews": []\n}\n', encoding="utf-8"
        )
        rows = (row for _, row in parts)
    with (site_dir / CSV_NAME).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
    if memo is not None:
        memo.written = texts
    return True


def _json_record(data: dict[str, Any]) -> str:
    """A record as `json.dump` writes it in the list of reviews.json (indented two levels)."""
    return "\n".join("  " + line for line in json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).split("\n"))


def _csv_row(data: dict[str, Any]) -> list[str]:
    """A record's cells in reviews.csv (a joint review lists each of its types)."""
    row = {**data, "review_type": data["review_types"]}
    return [_csv_cell(row[column]) for column in CSV_COLUMNS]


ACTIONS_CSV_COLUMNS = (
    "accurate_to", "board", "review", "review_url", "recommendation", "recommendation_url", "action_number",
    "action", "owner", "due", "previous_due", "action_status", "rag", "completed", "signed_off",
    "latest_progress_date", "latest_progress", "evidence",
)  # fmt: skip


def write_action_plans(site_dir: Path, site: PublicSite, actions: ActionIndex, site_url: str) -> None:
    """actions.csv: one row per action of every listed review's plan, for a committee report.

    Every row carries the day it is accurate to (ratings change with the day, not only with
    the content); cells are formula-guarded like the catalogue's.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ACTIONS_CSV_COLUMNS)
    for tracked in actions.actions:
        review, action = tracked.review, tracked.action
        latest = action.latest_progress
        row = {
            "accurate_to": actions.as_of.isoformat(),
            "board": site.board_name(review),
            "review": review.title,
            "review_url": site_url + review.url,
            "recommendation": action.recommendation_label,
            "recommendation_url": site_url + urls.with_fragment(review.url, action.recommendation),
            "action_number": action.number,
            "action": action.action,
            "owner": [vocabulary.AGENCIES[owner] for owner in action.owners],
            "due": action.due.isoformat(),
            "previous_due": [earlier.isoformat() for earlier in action.previous_due],
            "action_status": action.stage,
            "rag": tracked.rag.value,
            "completed": action.completed.isoformat() if action.completed else None,
            "signed_off": action.signed_off.isoformat() if action.signed_off else None,
            "latest_progress_date": latest.date.isoformat() if latest else None,
            "latest_progress": latest.note if latest else None,
            "evidence": action.evidence,
        }
        writer.writerow([_csv_cell(row[column]) for column in ACTIONS_CSV_COLUMNS])
    (site_dir / urls.ACTIONS_CSV).write_text(buffer.getvalue(), encoding="utf-8")


def _moment(day: dt.date | PartialDate) -> dt.datetime:
    """Midnight UK time on the day, or on the first day of a partial date's period (see model.dates)."""
    if isinstance(day, PartialDate):
        day = day.first_day
    return dt.datetime.combine(day, dt.time(), tzinfo=UK_TIME)


def theme_feed_title(theme: Theme) -> str:
    """What a theme's feed is called, in the feed and in the page's feed link."""
    return f"New reviews on {theme.title}"


def board_feed_title(board_name: str) -> str:
    """What a board's feed is called, in the feed and in the page's feed link."""
    return f"New reviews from {board_name}"


def entry_id(review: Review, site_url: str) -> str:
    """An entry's Atom id: the review's permanent address.

    It depends on the slug alone (and the site's address), so it stays the same when the
    title or the date changes, and is the same in every feed the review appears in. It is
    the id feeds have always used, so subscribers see no entry twice.
    """
    return site_url + review.url


def _feed(
    site: PublicSite,
    site_url: str,
    *,
    feed_url: str,
    page_url: str,
    title: str,
    subtitle: str,
    reviews: Sequence[Review],
) -> FeedGenerator:
    """An Atom feed of `reviews` (newest first), dated by publication, not build time."""
    feed = FeedGenerator()
    feed.id(site_url + page_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=site_url + page_url, rel="alternate")
    feed.link(href=site_url + feed_url, rel="self")
    feed.language("en-GB")
    feed.updated(_moment(reviews[0].published) if reviews else _moment(dt.date(2000, 1, 1)))
    for review in reviews:
        entry = feed.add_entry(order="append")
        entry.id(entry_id(review, site_url))
        entry.title(review.title)
        entry.link(href=site_url + review.url)
        entry.summary(review.summary)
        entry.published(_moment(review.published))
        entry.updated(_moment(review.published))
        entry.author(name=site.board_name(review))
        for slug in review.themes:
            entry.category(term=slug, label=site.themes[slug].title)
        for kind in review.review_types:
            entry.category(term=kind, label=vocabulary.REVIEW_TYPES[kind])
    return feed


def _write(site_dir: Path, feed_url: str, feed: FeedGenerator) -> None:
    path = site_dir / feed_url
    path.parent.mkdir(parents=True, exist_ok=True)
    feed.atom_file(str(path), pretty=True)


def write_feeds(
    site_dir: Path,
    site: PublicSite,
    indexes: Indexes,
    site_url: str,
    site_name: str,
    length: int = FEED_LENGTH,
) -> list[str]:
    """feed.xml, and a feed beside every theme page and every board page: the newest
    `length` reviews of each, newest first. The feeds' URLs, relative to the root."""
    written = [FEED_NAME]
    _write(
        site_dir,
        FEED_NAME,
        _feed(
            site,
            site_url,
            feed_url=FEED_NAME,
            page_url=urls.HOME,
            title=f"{site_name}: new reviews",
            subtitle="Newly published case reviews",
            reviews=site.reviews[:length],
        ),
    )
    for theme in site.themes:
        feed_url = urls.theme_feed(theme.slug)
        feed = _feed(
            site,
            site_url,
            feed_url=feed_url,
            page_url=urls.theme(theme.slug),
            title=f"{site_name}: {theme_feed_title(theme)}",
            subtitle=f"Newly published case reviews on the theme {theme.title}",
            reviews=indexes.by_theme.get(theme.slug, [])[:length],
        )
        _write(site_dir, feed_url, feed)
        written.append(feed_url)
    for slug in site.page_boards:
        name = site.board_names[slug]
        feed_url = urls.board_feed(slug)
        feed = _feed(
            site,
            site_url,
            feed_url=feed_url,
            page_url=urls.board(slug),
            title=f"{site_name}: {board_feed_title(name)}",
            subtitle=f"Newly published case reviews from {name}",
            reviews=indexes.by_board.get(slug, [])[:length],
        )
        _write(site_dir, feed_url, feed)
        written.append(feed_url)
    return written


def write_feed_aliases(site_dir: Path, redirects: Mapping[str, str]) -> list[str]:
    """Where a redirect page leads from an old address to a theme or board page, that page's
    feed is served at the old address too, so a renamed theme keeps its subscribers.
    `redirects`: old URL → new URL of the redirect pages written. The feeds written."""
    written = []
    for from_url, to_url in sorted(redirects.items()):
        source, target = site_dir / to_url / FEED_NAME, site_dir / from_url / FEED_NAME
        if source.exists() and not target.exists():
            shutil.copyfile(source, target)
            written.append(from_url + FEED_NAME)
    return written
