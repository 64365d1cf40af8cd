"""For trainers: a theme page's address to copy, the browse table on a phone, clean excerpts."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import frontmatter
import pytest
from lxml import html

from browser import axe_violations, search, wait_until
from sitekit import SAMPLE_CONTENT

SITE_URL = "https://learning.example.org/"
THEME = "domestic-violence"
EMPTY_THEME = "disabled-children"
SEARCH_ALL_WORD = "allcasereviews"
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


def theme_html(sample_site, slug: str):  # type: ignore[no-untyped-def]
    return html.fromstring((sample_site.site_dir / "themes" / slug / "index.html").read_text())


# -- Course links ------------------------------------------------------------------------


@pytest.mark.site
@pytest.mark.parametrize("slug", [THEME, EMPTY_THEME])
def test_theme_page_shows_its_stable_address(sample_site, slug):
    """A theme page (with or without reviews) has a 'Link to this page' block with its absolute URL."""
    page = theme_html(sample_site, slug)
    [block] = page.xpath("//section[@class='course-link']")
    assert block.xpath("string(h2)") == "Link to this page"
    [field] = block.xpath(".//input[@id='course-link-address']")
    assert field.get("value") == f"{SITE_URL}themes/{slug}/"
    assert field.get("readonly") is not None
    assert block.xpath(".//label[@for='course-link-address']")
    [button] = block.xpath(".//button[@data-copy-from='course-link-address']")
    assert button.get("hidden") is not None  # shown by copy-link.js
    [status] = block.xpath(".//*[@id='course-link-status']")
    assert status.get("role") == "status"
    assert status.get("aria-live") == "polite"
    assert block.get("data-pagefind-ignore") == "all"
    assert page.xpath("//script[contains(@src, 'assets/javascripts/copy-link.js')]")


@pytest.mark.browser
def test_copy_control_puts_the_address_on_the_clipboard(site_url, chromium):
    """Used from the keyboard, Copy puts the address on the clipboard and announces it politely."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + f"themes/{THEME}/", wait_until="load")
    button = page.locator(".course-link__copy")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('course-link-status').textContent === 'Link copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}themes/{THEME}/"
    assert page.locator("#course-link-status").is_visible()
    assert axe_violations(page) == []
    context.close()


@pytest.mark.browser
def test_without_javascript_the_address_is_selectable_text(site_url, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + f"themes/{THEME}/", wait_until="load")
    field = page.locator("#course-link-address")
    assert field.is_visible()
    assert field.input_value() == f"{SITE_URL}themes/{THEME}/"
    assert not page.locator(".course-link__copy").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_theme_page_with_its_link_block_is_accessible(size, site_url, chromium):
    options = PHONE if size == "phone" else {"viewport": {"width": 1280, "height": 900}}
    context = chromium.new_context(**options)
    page = context.new_page()
    page.goto(site_url + f"themes/{THEME}/", wait_until="load")
    page.locator(".course-link__copy").wait_for(state="visible")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    context.close()


@pytest.mark.browser
def test_a_search_address_is_its_link(site_url, browser_page):
    """After a search the address holds it, and 'Link to this search' is that address."""
    page, _ = browser_page
    page.goto(site_url + "search/")
    page.wait_for_selector("#review-search[data-ready]")
    page.fill("#search-query", "neglect")
    wait_until(page, "new URLSearchParams(location.search).get('q') === 'neglect'")
    wait_until(
        page,
        "!document.getElementById('search-permalink').hidden"
        " && document.getElementById('search-link').getAttribute('href') === location.href",
    )
    link = page.locator("#search-link").get_attribute("href")
    assert parse_qs(urlsplit(link).query)["q"] == ["neglect"]
    # Opened afresh, the link restores the search.
    found = search(page, link)
    assert found
    assert page.input_value("#search-query") == "neglect"


# -- Phones: the theme × year table ----------------------------------------------------------


@pytest.mark.browser
def test_browse_table_keeps_the_theme_column_in_view_on_a_phone(site_url, chromium):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto(site_url + "browse/", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    region = page.locator(".table-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the years do not fit: they scroll
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    wait_until(page, "document.querySelector('.table-scroll').scrollLeft > 0")
    box = region.bounding_box()
    cells = [
        *page.locator(".browse-matrix tbody th[scope=row]").all()[:3],
        page.locator(".browse-matrix thead th").first,
    ]
    for cell in cells:
        cell.scroll_into_view_if_needed()
        cell_box = cell.bounding_box()
        assert cell_box["x"] >= box["x"] - 1
        assert cell_box["x"] + cell_box["width"] <= box["x"] + box["width"]
        # Nothing covers it: the cell (or its link) is what a tap at its middle reaches.
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('th')?.textContent",
            [cell_box["x"] + cell_box["width"] / 2, cell_box["y"] + cell_box["height"] / 2],
        )
        assert hit == cell.text_content()
    # The last year is in view beside it.
    last = page.locator(".browse-matrix thead th").last
    last_box = last.bounding_box()
    assert last_box["x"] + last_box["width"] <= box["x"] + box["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
    context.close()


# -- Search excerpts -------------------------------------------------------------------------


def excerpts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(".search-result__excerpt", "ps => ps.map(p => p.textContent)")


def last_word_of_a_review() -> str:
    """A distinctive word from the last paragraph of a published sample review (an excerpt of the end)."""
    for path in sorted((SAMPLE_CONTENT / "reviews").glob("*.md")):
        post = frontmatter.load(path)
        if post.metadata["status"] != "published":
            continue
        lines = [line for line in post.content.splitlines() if line.strip()]
        words = re.findall(r"[A-Za-z]{6,}", lines[-1])
        if words:
            return max(words, key=len).lower()
    raise AssertionError("no published review with text")


@pytest.mark.browser
@pytest.mark.parametrize(
    "address",
    [
        "search/?q=child",
        "search/?q=" + last_word_of_a_review(),
        "search/?theme=" + THEME,
        "search/?type=serious-case-review",
    ],
)
def test_excerpts_never_show_the_every_review_word(address, site_url, browser_page):
    page, _ = browser_page
    found = search(page, site_url + address)
    assert found
    shown = excerpts(page)
    assert len(shown) == len(found)
    assert [text for text in shown if SEARCH_ALL_WORD in text.lower()] == []
    assert all(text.strip() for text in shown)
    assert SEARCH_ALL_WORD not in page.locator("#search-results").inner_text().lower()


@pytest.mark.browser
def test_filter_only_search_still_reads_one_word_chunk(site_url, browser_page):
    """The technique stays: a search by a filter alone looks up the one word every review carries."""
    page, watch = browser_page
    search(page, site_url + "search/?theme=" + THEME)
    chunks = [url for url in watch.requests if "/pagefind/index/" in url]
    assert len(chunks) == 1
