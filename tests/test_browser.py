"""The built site in a real browser: accessibility, console errors, requests to other hosts."""

from __future__ import annotations

import pytest

from browser import axe_violations

pytestmark = pytest.mark.browser

#: One page of every page type. Later work adds its page types here.
PAGE_TYPES = {
    "home": "",
    "review": "reviews/2007-tower-hamlets-baby-e/",
    "theme": "themes/domestic-violence/",
    "theme without reviews": "themes/disabled-children/",
    "themes index": "themes/",
    "years index": "years/",
    "year": "years/2007/",
    "boards index": "boards/",
    "board": "boards/tower-hamlets-safeguarding-children-board/",
    "browse matrix": "browse/",
    "latest reviews": "reviews/",
    "about": "about/",
    "404": "no-such-page/",
}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible_and_private(page_type, site_url, browser_page):
    """0 axe violations, no console error, and no request to any host but 127.0.0.1."""
    page, watch = browser_page
    response = page.goto(site_url + PAGE_TYPES[page_type], wait_until="networkidle")
    assert response.status == (404 if page_type == "404" else 200)
    assert axe_violations(page) == []
    if page_type == "404":  # the page itself answers 404, which Chromium logs; nothing else may fail
        assert watch.failed == [page.url]
        watch.console_errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    else:
        assert watch.failed == []
    assert watch.console_errors == []
    assert watch.foreign_requests() == []
    assert page.context.cookies() == []


@pytest.mark.parametrize("page_type", ["review", "theme", "browse matrix"])
def test_page_type_is_accessible_on_a_phone(page_type, site_url, chromium):
    """On a 375-pixel-wide screen the page has no axe violations and no sideways scrolling."""
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[page_type], wait_until="networkidle")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_print_hides_navigation_and_keeps_the_learning(site_url, browser_page):
    """Printed, a review page drops header, tabs and sidebars and keeps its learning points."""
    page, _ = browser_page
    page.goto(site_url + PAGE_TYPES["review"])
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("#father-not-known").is_visible()
    assert not page.locator("#father-not-known .review-point__link").is_visible()
