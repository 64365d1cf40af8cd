"""The built site in a real browser: accessibility, console errors, requests to other hosts."""

from __future__ import annotations

import pytest

from browser import axe_violations

pytestmark = pytest.mark.browser

#: One page of every page type. Later work adds its page types here.
PAGE_TYPES = {
    "home": "",
    "review": "reviews/2007-tower-hamlets-baby-e/",
    "briefing": "reviews/2007-tower-hamlets-baby-e/briefing/",
    "theme": "themes/domestic-violence/",
    "theme without reviews": "themes/disabled-children/",
    "theme year": "themes/domestic-violence/2019/",
    "themes index": "themes/",
    "years index": "years/",
    "year": "years/2007/",
    "boards index": "boards/",
    "board": "boards/tower-hamlets-safeguarding-children-board/",
    "browse matrix": "browse/",
    "latest reviews": "reviews/",
    "archived review": "reviews/2009-westmoor-child-k/",
    "withdrawal notice": "reviews/2012-westmoor-child-w/",
    "search": "search/",
    "about": "about/",
    "404": "no-such-page/",
    "review with action plan": "reviews/2023-eastbridge-adult-d/",
    "action plans": "actions/",
    "board action plans": "actions/boards/southvale-safeguarding-adults-board/",
    "agency action plans": "actions/agencies/adult-social-care/",
}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible_and_private(page_type, site_url, browser_page):
    """0 axe violations, no console error, and no request to any host but 127.0.0.1."""
    page, watch = browser_page
    response = page.goto(site_url + PAGE_TYPES[page_type], wait_until="load")
    assert response.status == (404 if page_type == "404" else 200)
    assert axe_violations(page) == []
    if page_type == "404":  # the page itself answers 404, which Chromium logs; nothing else may fail
        assert watch.failed == [page.url]
        watch.console_errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    else:
        assert watch.failed == []
    assert watch.console_errors == []
    assert watch.foreign_requests() == []
    assert not [url for url in watch.requests if url.endswith("sitemap.xml")]  # 690 KB at 5,000 reviews
    assert page.context.cookies() == []


@pytest.mark.parametrize(
    "page_type",
    [
        "review",
        "theme",
        "theme year",
        "board",
        "browse matrix",
        "review with action plan",
        "action plans",
        "board action plans",
    ],
)
def test_page_type_is_accessible_on_a_phone(page_type, site_url, chromium):
    """On a 375-pixel-wide screen the page has no axe violations and no sideways scrolling."""
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[page_type], wait_until="load")
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


SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '<img src=x onerror="window.__xss=2">'
SVG = "\"'><svg onload=window.__xss=3>"
PAYLOAD = SCRIPT + IMAGE + SVG


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory):
    """A site whose review, board and theme metadata are all script injection attempts."""
    from browser import serve
    from sitekit import SiteProject, front_matter_file

    project = SiteProject(tmp_path_factory.mktemp("injection"))
    project.write(
        "themes/injected.md",
        front_matter_file({"title": SCRIPT + IMAGE, "summary": PAYLOAD, "aliases": [SVG]}, "Intro.\n"),
    )
    fields = {
        "title": PAYLOAD,
        "board": f"{IMAGE} Safeguarding Children Board",
        "summary": PAYLOAD,
        "pseudonym": IMAGE,
        "age_at_incident": IMAGE,
        "review_model": PAYLOAD,
        "keywords": [IMAGE, SCRIPT],
        "themes": ["injected", "neglect"],
    }
    project.write_review("injected", **fields)
    project.write_review(
        "injected-withdrawn",
        status="withdrawn",
        withdrawn_on="2020-01-01",
        withdrawn_reason=PAYLOAD,
        **{**fields, "title": SCRIPT + " withdrawn"},
    )
    result = project.build()
    assert result.returncode == 0, result.output
    with serve(result.site_dir) as url:
        yield url, result


#: Injection page → the payloads its visible text must show, as text.
INJECTION_TEXT = {"boards/": (IMAGE,)}
INJECTION_PAGES = [
    "reviews/injected/",
    "reviews/injected-withdrawn/",
    "themes/injected/",
    "themes/",
    "themes/neglect/",
    "years/2015/",
    "boards/",
    "browse/",
    "reviews/",
]


@pytest.mark.parametrize("path", INJECTION_PAGES)
def test_injection_payloads_render_as_text(path, injection_site, browser_page):
    """Script, image and SVG payloads in every metadata field show as text and never run."""
    url, _ = injection_site
    page, watch = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())
    page.goto(url + path, wait_until="load")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('[onerror], [onload], svg[onload]').length") == 0
    runnable = "[...document.scripts].filter(s => !s.type || /javascript|module/.test(s.type))"
    assert page.evaluate(f"{runnable}.filter(s => s.textContent.includes('__xss')).length") == 0
    text = page.evaluate("document.body.innerText")
    for payload in INJECTION_TEXT.get(path, (SCRIPT, IMAGE)):
        assert payload in text, f"{payload!r} is not shown as text on {path}"
    assert watch.foreign_requests() == []


def test_injection_payloads_are_escaped_in_feed_and_data(injection_site):
    """The feed parses and holds the payload as text; JSON-LD cannot close its script element."""
    import xml.etree.ElementTree as ET

    _, result = injection_site
    feed = ET.fromstring(result.text("feed.xml"))
    assert PAYLOAD in [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    html = result.page("reviews/injected/")
    structured = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in structured and "\\u003cscript\\u003e" in structured
    assert f"<title>{PAYLOAD}" not in html


@pytest.mark.parametrize("value", ["true", "1", "yes", ""])
def test_missing_browser_fails_under_ci(monkeypatch, value):
    """With CI set to any value, a missing Chromium is a failure, never a silent skip."""
    import browser

    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="install Debian's chromium"):
        browser.require_chromium()


def test_missing_browser_skips_outside_ci(monkeypatch):
    """On a developer's machine without Chromium, browser tests are skipped with the reason."""
    import browser

    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install Debian's chromium"):
        browser.require_chromium()
