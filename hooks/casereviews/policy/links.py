"""Links from published text to reviews that are not published: named, with the reason and the fix.

MkDocs warns of a link to a file it was not given ("not found among documentation files"),
without a line and without saying why: the target is a draft, or under embargo. An author
needs both, in `make check` as in the build, so the policy, which knows what is published,
reads every link of every file whose body is published.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator

from .. import urls
from ..load.catalogue import Site
from ..model.body_lines import FENCE, without_comments
from ..model.messages import message
from ..model.vocabulary import Status
from ..problems import Problem
from .publication import Visibility, publishes_body, visibility

#: An inline link or image's destination, and a reference definition's.
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _links(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, destination) of every link in Markdown outside fenced code."""
    in_fence = False
    for offset, line in enumerate(without_comments(body).split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in _INLINE.finditer(line):
            yield first_line + offset, match.group(1)
        definition = _DEFINITION.match(line)
        if definition:
            yield first_line + offset, definition.group(1)


def _review_linked(source_uri: str, destination: str) -> str | None:
    """The slug of the review a link from `source_uri` (a path in content/) leads to, if any:
    written as its file (`child-d.md`, `../reviews/child-d.md`) or its address (`../child-d/`)."""
    target = destination.split("#", 1)[0].split("?", 1)[0]
    if not target or _SCHEME.match(target) or target.startswith("//"):
        return None
    if target.endswith(".md"):
        folder = posixpath.dirname(source_uri)
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        return urls.review_slug_of_source(path)
    page = urls.url_of_source(source_uri)
    address = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(page, target))
    parts = address.strip("/").split("/")
    if len(parts) == 2 and parts[0] + "/" == urls.REVIEWS:
        return parts[1]
    return None


def links_to_unpublished(site: Site, now: dt.datetime) -> list[Problem]:
    """Every link, in a file whose body is published, to a review that has no page now."""
    hidden: dict[str, str] = {}
    for slug, review in site.reviews.items():
        if visibility(review, now) is Visibility.HIDDEN:
            hidden[slug] = (
                "a draft"
                if review.status == Status.DRAFT
                else f"under embargo until {review.embargo_until:%Y-%m-%d %H:%M}"
                if review.embargo_until is not None
                else "not published"
            )
    if not hidden:
        return []
    problems = []
    for file in site.files.values():
        document = file.document
        if not publishes_body(document) or ("](" not in document.body and "]:" not in document.body):
            continue  # most files link to no other page: no need to read them line by line
        for line, destination in _links(document.body, document.body_line):
            linked = _review_linked(file.uri, destination)
            if linked is not None and linked in hidden:
                wording = message("link-to-unpublished", destination=destination, review=linked, why=hidden[linked])
                problems.append(Problem(document.path, line, None, wording))
    return sorted(problems, key=lambda problem: (problem.path, problem.line or 0, problem.message))
