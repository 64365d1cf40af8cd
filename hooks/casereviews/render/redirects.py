"""Redirect pages that keep old and guessable addresses working.

- a review's `aliases` (its old slugs) → the review, and their briefings → its briefing;
- a theme's aliases, in URL form (/themes/domestic-abuse/) → the theme;
- a board's other spellings from the boards file → the board;
- a page of a split list that is gone (a theme's year with no review left, a list grown
  shorter) → the nearest page that is still there: the list's first page, or the theme or
  board page (`urls.listing_parent`);
- the 7-minute briefing of a withdrawn review → its notice, of an archived review → its
  record (a briefing published before keeps working; no briefing is shown).

A redirect never replaces a real page. Each is a small HTML page with a link, so it also
works without the meta refresh.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from .. import urls
from ..model.reviews import Review
from ..model.themes import term_key
from ..policy.public import PublicSite, WithdrawalNotice
from .csp import with_policy
from .templating import Templates

_TITLE = re.compile(r"<title>(.*?)(?: - [^<]*)?</title>", re.DOTALL)


def _page_title(page: str) -> str:
    """The title of a written page, as text (without the site's name)."""
    found = _TITLE.search(page)
    return html.unescape(found.group(1)).strip() if found else "the list"


def redirect_targets(site: PublicSite) -> dict[str, tuple[str, str]]:
    """Old URL → (new URL, title of the page it now leads to); URLs relative to the root."""
    targets: dict[str, tuple[str, str]] = {}
    for item in site.by_slug.values():
        has_briefing = isinstance(item, Review) and not site.is_archived(item)
        for alias in item.aliases:
            targets[urls.review(alias)] = (item.url, item.title)
            targets[urls.briefing(alias)] = (
                (urls.briefing(item.slug), item.title) if has_briefing else (item.url, item.title)
            )
    without_briefing: list[Review | WithdrawalNotice] = [*site.notices]
    without_briefing += [review for review in site.reviews if site.is_archived(review)]
    for other in without_briefing:
        targets[urls.briefing(other.slug)] = (other.url, other.title)
    for theme in site.themes:
        for name in (theme.title, *theme.aliases):
            key = term_key(name)
            if key and key != theme.slug and key not in site.themes.themes:
                targets.setdefault(urls.theme(key), (urls.theme(theme.slug), theme.title))
    for spelling_slug, board_slug in site.boards.spellings.items():
        if board_slug in site.board_names and spelling_slug != board_slug:
            targets.setdefault(urls.board(spelling_slug), (urls.board(board_slug), site.board_names[board_slug]))
    return dict(sorted(targets.items()))


def redirect_page(templates: Templates, from_url: str, to_url: str, title: str, site_url: str) -> str:
    """The HTML of one redirect page, with the site's content security policy."""
    return with_policy(
        templates.render(
            "redirect.html",
            title=title,
            link=urls.href(from_url, to_url),
            canonical=site_url + to_url if site_url else None,
        )
    )


def write_redirects(site_dir: Path, site: PublicSite, site_url: str, templates: Templates) -> list[str]:
    """Write every redirect page that does not collide with a real page; the URLs written."""
    written = []
    for from_url, (to_url, title) in redirect_targets(site).items():
        target = site_dir / from_url / "index.html"
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(templates, from_url, to_url, title, site_url), encoding="utf-8")
        written.append(from_url)
    return written


def write_listing_fallbacks(site_dir: Path, previous: Iterable[str], site_url: str, templates: Templates) -> list[str]:
    """For each page of a split list that the last published site had and this build has not,
    a redirect to the nearest page of the list that this build has; the URLs written."""
    written = []
    for published in sorted(previous):
        from_url = published.lstrip("/")
        if (site_dir / from_url / "index.html").exists():
            continue
        to_url = urls.listing_parent(from_url)
        while to_url is not None and not (site_dir / to_url / "index.html").exists():
            to_url = urls.listing_parent(to_url)
        if to_url is None:
            continue
        target = site_dir / from_url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        title = _page_title((site_dir / to_url / "index.html").read_text(encoding="utf-8"))
        target.write_text(redirect_page(templates, from_url, to_url, title, site_url), encoding="utf-8")
        written.append(from_url)
    return written
