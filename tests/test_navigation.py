"""Material's primary navigation, kept per build for pages outside the nav (adapter/navigation.py):
every page's navigation leads to the same pages, and a page in the nav is marked current."""

from __future__ import annotations

import posixpath
import re

from sitekit import BuildResult

HREF = re.compile(r'href="([^"]*)"')


def _primary_navigation(html: str) -> str:
    start = html.index('data-md-type="navigation"')
    return html[start : html.index('data-md-type="toc"', start)]


def _targets(site: BuildResult, page_path: str) -> list[str]:
    """Where each link of a page's primary navigation leads, as site paths."""
    folder = posixpath.dirname(page_path)
    html = site.path(page_path).read_text(encoding="utf-8")
    return [
        posixpath.normpath(posixpath.join(folder, href)).removeprefix(".")
        for href in HREF.findall(_primary_navigation(html))
        if not href.startswith(("http", "#"))
    ]


def test_every_page_navigation_leads_to_the_same_pages(sample_site: BuildResult) -> None:
    expected = _targets(sample_site, "index.html")
    assert len(expected) > 5
    pages = [
        path.relative_to(sample_site.site_dir).as_posix()
        for path in sorted(sample_site.site_dir.rglob("index.html"))
        if "pagefind" not in path.parts and 'data-md-type="navigation"' in path.read_text(encoding="utf-8")
    ]
    assert any(page.startswith("reviews/") for page in pages) and any(page.startswith("boards/") for page in pages)
    for page in pages:
        assert _targets(sample_site, page) == expected, page


def test_a_page_in_the_nav_is_marked_current_and_others_are_not(sample_site: BuildResult) -> None:
    about = _primary_navigation(sample_site.page("about/using-this-site/"))
    assert "md-nav__link--active" in about
    review = _primary_navigation(sample_site.page("reviews/2007-tower-hamlets-child-m/"))
    assert "md-nav__link--active" not in review
