"""Publication status: what of a review, if anything, may leave the build at a given moment.

- A draft is never in the output.
- A review with `embargo_until` in the future is out of the build until then, whatever its
  status: a withdrawn review's notice too waits for the embargo.
- A withdrawn review keeps its URL as a short notice (title, board, date, reason) and is in
  no list, count, chart, search index, feed or export.
- After `online_until`, a published review keeps its catalogue record and summary but drops
  its full text and the link to the report (the national repository's practice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ..load.catalogue import Site
from ..model.body_lines import without_comments
from ..model.fields import UK_TIME
from ..model.messages import message
from ..model.reviews import Review
from ..model.source import SourceDocument
from ..model.vocabulary import Status
from ..problems import Problem
from ..settings import EnvironmentVariables, variable


class Visibility(StrEnum):
    """What the public site shows of a review."""

    PUBLISHED = "published"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"
    HIDDEN = "hidden"
    #: Shown by the preview only (`policy.preview_view`), marked as such; never by `visibility`.
    DRAFT = "draft"
    EMBARGOED = "embargoed"

    @property
    def is_listed(self) -> bool:
        """Counted and listed in indexes, search, feeds and exports (in the preview, drafts too)."""
        return self in (Visibility.PUBLISHED, Visibility.ARCHIVED, Visibility.DRAFT, Visibility.EMBARGOED)


def visibility(review: Review, now: dt.datetime) -> Visibility:
    """What of `review` may be public at the aware moment `now`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if review.status == Status.DRAFT:
        return Visibility.HIDDEN
    if review.embargo_until is not None and now < review.embargo_until:
        return Visibility.HIDDEN  # before the embargo lifts, not even a withdrawal notice
    if review.status == Status.WITHDRAWN:
        return Visibility.WITHDRAWN
    if review.online_until is not None and now.astimezone(UK_TIME).date() > review.online_until:
        return Visibility.ARCHIVED
    return Visibility.PUBLISHED


def may_stay_in_preview(meta: Mapping[str, Any] | None, notice: bool) -> bool:
    """Whether a review shown in the preview may stay there while content fails to load: only
    if its front matter, read as is, still says published or draft (the preview shows drafts,
    marked, and embargoed reviews), or withdrawn when its page is the notice (`notice`); never
    without a readable file (None)."""
    if meta is None:
        return False
    return meta.get("status") in (Status.PUBLISHED, Status.DRAFT) or (notice and meta.get("status") == Status.WITHDRAWN)


def build_time(environment: EnvironmentVariables) -> tuple[dt.datetime, Problem | None]:
    """The moment the build publishes as at: now, or REVIEW_SITE_NOW; and a problem, if any."""
    value = environment.now
    if not value:
        return dt.datetime.now(dt.UTC), None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        wording = message("check-time", repr(value), variable=variable("now"))
        return dt.datetime.now(dt.UTC), Problem(variable("now"), None, None, wording)
    return moment, None


def publishes_body(document: SourceDocument) -> bool:
    """Whether the file's body is, or will be, on the site (not a draft's, not a notice's)."""
    return document.meta.get("status") not in (Status.DRAFT, Status.WITHDRAWN)


def draft_files(site: Site) -> set[str]:
    """The content paths of drafts (by their front matter as written, valid or not): checked as
    if published only for the preview, whose rebuilds their problems do not stop."""
    return {path for path, file in site.files.items() if file.document.meta.get("status") == Status.DRAFT}


def published_bodies(site: Site) -> list[tuple[str, str, int]]:
    """(path, Markdown without comments, first line) of every file whose body is or will be
    published: what the checks of author HTML read."""
    return [
        (file.document.path, without_comments(file.document.body), file.document.body_line)
        for file in site.files.values()
        if publishes_body(file.document)
    ]
