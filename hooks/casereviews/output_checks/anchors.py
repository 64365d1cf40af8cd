"""Every anchor that anything links to exists on the page it points to.

Theme pages, the catalogue exports and search link to learning points and recommendations
by their anchors (`reviews/<slug>/#learning-2`); trainers and the browse table link to a
theme's or board's year (`themes/neglect/#2019`) and to what a theme's reviews teach
(`#what-these-reviews-teach`), which the theme page keeps now that each year has its own
page. A point's anchor comes from the one parse of the review's body; this check reads the
pages the build wrote and fails the build if one is missing, so no trainer's link can lead
to the top of a page instead of the point.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from pathlib import Path

from ..problems import Problem

#: An id attribute. Not written with a leading `\b`: a pattern that starts with a literal
#: ("id=") is found by a fast search, one that starts with `\b` is tried at every character
#: (20 times slower over a site's pages). The boundary is checked on each match instead.
_ID = re.compile(r"""id=["']([^"']+)["']""")
_WORD = re.compile(r"\w")


def ids_in(html: str) -> set[str]:
    """Every element id in an HTML page (an `id=` not preceded by a word character)."""
    ids: set[str] = set()
    position = 0
    while (match := _ID.search(html, position)) is not None:
        start = match.start()
        if start and _WORD.match(html, start - 1):
            position = start + 1  # as `\bid=` would, look again from the next character
            continue
        ids.add(match.group(1))
        position = match.end()
    return ids


def missing_anchors(site_dir: Path, expected: Mapping[str, Set[str]]) -> list[Problem]:
    """A problem for each expected anchor absent from its page (URLs relative to the site root)."""
    present = {}
    for url in expected:
        page = site_dir / url / "index.html"
        present[f"{url}index.html"] = ids_in(page.read_text(encoding="utf-8")) if page.exists() else set()
    return missing(expected, present)


def missing(expected: Mapping[str, Set[str]], present: Mapping[str, Set[str]]) -> list[Problem]:
    """A problem for each expected anchor (URL → ids) absent from `present` (a page's path in
    the site → the ids it has; a page not there has none)."""
    problems: list[Problem] = []
    for url, anchors in sorted(expected.items()):
        present_ids = present.get(f"{url}index.html", set())
        problems.extend(
            Problem(
                f"{url}index.html",
                None,
                "anchors",
                f"has no element with id '{anchor}', which other pages and the exports link to; "
                "expected every learning point and recommendation, and each year of a theme or board page, "
                "to carry its anchor",
            )
            for anchor in sorted(anchors - present_ids)
        )
    return problems
