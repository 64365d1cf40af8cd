"""Material's primary navigation and tabs, kept per build for pages outside the nav
(adapter/navigation.py): on every page they lead to the same pages, and a page in the nav is
marked current."""

from __future__ import annotations

import posixpath
import re

import pytest

from sitekit import BuildResult

pytestmark = pytest.mark.site
HREF = re.compile(r'href="([^"]*)"')


def _primary_navigation(html: str) -> str:
    start = html.index('data-md-type="navigation"')
    return html[start : html.index('data-md-type="toc"', start)]


def _tabs(html: str) -> str:
    start = html.index('<nav class="md-tabs"')
    return html[start : html.index("</nav>", start)]


def _targets(site: BuildResult, page_path: str, part=_primary_navigation) -> list[str]:  # type: ignore[no-untyped-def]
    """Where each link of a page's primary navigation (or other `part`) leads, as site paths."""
    folder = posixpath.dirname(page_path)
    html = site.path(page_path).read_text(encoding="utf-8")
    return [
        posixpath.normpath(posixpath.join(folder, href)).removeprefix(".")
        for href in HREF.findall(part(html))
        if not href.startswith(("http", "#"))
    ]


def _pages_with_navigation(site: BuildResult) -> list[str]:
    pages = [
        path.relative_to(site.site_dir).as_posix()
        for path in sorted(site.site_dir.rglob("index.html"))
        if "pagefind" not in path.parts and 'data-md-type="navigation"' in path.read_text(encoding="utf-8")
    ]
    assert any(page.startswith("reviews/") for page in pages) and any(page.startswith("boards/") for page in pages)
    assert any(page.endswith("/briefing/index.html") for page in pages)
    return pages


def test_every_page_navigation_leads_to_the_same_pages(sample_site: BuildResult) -> None:
    expected = _targets(sample_site, "index.html")
    assert len(expected) > 5
    for page in _pages_with_navigation(sample_site):
        assert _targets(sample_site, page) == expected, page


def test_every_page_tabs_lead_to_the_same_pages(sample_site: BuildResult) -> None:
    expected = _targets(sample_site, "index.html", _tabs)
    assert len(expected) > 5
    for page in _pages_with_navigation(sample_site):
        assert _targets(sample_site, page, _tabs) == expected, page


def test_a_tab_is_marked_current_on_the_pages_of_its_section_only(sample_site: BuildResult) -> None:
    about = _tabs(sample_site.page("about/using-this-site/"))
    assert re.findall(r'md-tabs__item--active">\s*<a href="([^"]*)"', about) == ["../"]
    review = "reviews/2007-tower-hamlets-child-m/"
    outside = (review, review + "briefing/", "boards/derby-safeguarding-children-board/")
    for page in outside:
        assert "md-tabs__item--active" not in _tabs(sample_site.page(page)), page


def test_a_page_in_the_nav_is_marked_current_and_others_are_not(sample_site: BuildResult) -> None:
    about = _primary_navigation(sample_site.page("about/using-this-site/"))
    assert "md-nav__link--active" in about
    review = _primary_navigation(sample_site.page("reviews/2007-tower-hamlets-child-m/"))
    assert "md-nav__link--active" not in review
