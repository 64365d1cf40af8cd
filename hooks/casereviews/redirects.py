"""Redirect pages that keep old and guessable addresses working.

- a review's `aliases` (its old slugs) → the review;
- a theme's aliases, in URL form (/themes/domestic-abuse/) → the theme;
- a board's other spellings from the boards file → the board.

A redirect never replaces a real page. Each is a small HTML page with a link, so it also
works without the meta refresh.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .catalogue import Site
from .themes import term_key
from .views import board_url, href, theme_url


def redirect_targets(site: Site) -> dict[str, tuple[str, str]]:
    """Old URL → (new URL, title of the page it now leads to); URLs relative to the root."""
    targets: dict[str, tuple[str, str]] = {}
    for review in site.with_pages():
        for alias in review.aliases:
            targets[f"reviews/{alias}/"] = (review.url, review.title)
    for theme in site.themes:
        for name in (theme.title, *theme.aliases):
            key = term_key(name)
            if key and key != theme.slug and key not in site.themes.themes:
                targets.setdefault(theme_url(key), (theme_url(theme.slug), theme.title))
    for spelling_slug, board_slug in site.boards.spellings.items():
        if board_slug in site.board_names and spelling_slug != board_slug:
            targets.setdefault(board_url(spelling_slug), (board_url(board_slug), site.board_names[board_slug]))
    return dict(sorted(targets.items()))


def redirect_page(from_url: str, to_url: str, title: str, site_url: str) -> str:
    """The HTML of one redirect page."""
    link = escape(href(from_url, to_url))
    canonical = f'<link rel="canonical" href="{escape(site_url + to_url)}">' if site_url else ""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {escape(title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={link}">\n{canonical}\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n</head>\n'
        f'<body>\n<main>\n<h1>This page has moved</h1>\n<p><a href="{link}">Go to {escape(title)}</a></p>\n'
        "</main>\n</body>\n</html>\n"
    )


def write_redirects(site_dir: Path, site: Site, site_url: str) -> list[str]:
    """Write every redirect page that does not collide with a real page; the URLs written."""
    written = []
    for from_url, (to_url, title) in redirect_targets(site).items():
        target = site_dir / from_url / "index.html"
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(from_url, to_url, title, site_url), encoding="utf-8")
        written.append(from_url)
    return written
