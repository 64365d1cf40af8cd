"""The preview's view: the public view plus drafts and embargoed reviews, each marked.

`make serve` builds from this view so that an author sees a draft at its future address
while writing it (issue 27). No build for publication ever computes it: `adapter.modes`
hands it to the preview's rebuild only, and a release's view is `public_view`, unchanged.

A draft in this view carries what would stop its publication were its status published now
(`Unpublished.to_fix`): the problems `make check` would report of it then, and what the
anonymisation check would find, so the editor sees them on the page while writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..load.catalogue import Site
from ..model.fields import UK_TIME
from ..model.reviews import review_from_document
from ..model.vocabulary import Status
from ..problems import Problem, sorted_problems
from .public import PublicSite, Unpublished, view_of
from .publication import Visibility, draft_files, visibility
from .vetting import as_published


def preview_view(site: Site, now: dt.datetime, findings: Mapping[str, list[Problem]]) -> PublicSite:
    """The view of `site` the preview shows at `now`: every review the public view lists, and
    drafts and embargoed reviews, marked (`findings`: each draft's, from `vetting.draft_findings`).
    A withdrawn review under embargo stays out, as in the public view."""
    readiness = readiness_problems(site, now)
    shown: dict[str, Visibility] = {}
    unpublished: dict[str, Unpublished] = {}
    for slug, review in site.reviews.items():
        state = visibility(review, now)
        if state is Visibility.HIDDEN and review.status != Status.WITHDRAWN:
            if review.status == Status.DRAFT:
                state = Visibility.DRAFT
                to_fix = (*readiness.get(slug, ()), *findings.get(slug, ()))
            else:
                state, to_fix = Visibility.EMBARGOED, ()
            unpublished[slug] = Unpublished(state, tuple(sorted_problems(to_fix)), review.embargo_until)
        shown[slug] = state
    return view_of(site, now, shown, unpublished)


def readiness_problems(site: Site, now: dt.datetime) -> dict[str, list[Problem]]:
    """The problems each draft's file would have were its status published (slug → missing
    fields, the body's shape, the import's placeholders), read in one pass over the drafts."""
    today = now.astimezone(UK_TIME).date()
    problems: dict[str, list[Problem]] = {}
    for path in sorted(draft_files(site)):
        file = site.files[path]
        if file.review_slug is not None:
            _, found = review_from_document(file.review_slug, as_published(file.document), site.themes, today)
            problems[file.review_slug] = found
    return problems
