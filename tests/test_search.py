"""Search in a real browser: queries, each filter, deep links, keyboard use, accessibility.

Expected results are read from the sample review files with python-frontmatter, not from
the site's own code.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import frontmatter
import pytest

from browser import STATUS_DONE, axe_violations, search, wait_until
from sitekit import SAMPLE_CONTENT

pytestmark = pytest.mark.browser


def sample_reviews() -> dict[str, dict]:
    """Published sample reviews: slug → front matter."""
    reviews = {}
    for path in sorted((SAMPLE_CONTENT / "reviews").glob("*.md")):
        meta = frontmatter.load(path).metadata
        if meta["status"] == "published":
            reviews[path.stem] = meta
    return reviews


REVIEWS = sample_reviews()


def theme_slug(name: str) -> str:
    for path in (SAMPLE_CONTENT / "themes").glob("*.md"):
        meta = frontmatter.load(path).metadata
        if name.lower() in [path.stem, meta["title"].lower(), *[a.lower() for a in meta.get("aliases", [])]]:
            return path.stem
    raise KeyError(name)


def review_slugs(paths: list[str]) -> set[str]:
    return {path.split("/")[2] for path in paths if path.startswith("/reviews/")}


def test_query_finds_the_review_that_mentions_it(site_url, browser_page):
    """'methadone' finds Baby E, and every result mentions the word."""
    page, watch = browser_page
    paths = search(page, site_url + "search/?q=methadone")
    assert "/reviews/2007-tower-hamlets-baby-e/" in paths
    for path in paths:
        assert "methadone" in page.request.get(site_url.rstrip("/") + path).text().lower(), path
    assert watch.foreign_requests() == []


def mentions(slug: str, word: str) -> bool:
    """Whether a review's indexed text (title, summary, body) holds the word."""
    post = frontmatter.load(SAMPLE_CONTENT / "reviews" / f"{slug}.md")
    return word in f"{post['title']} {post['summary']} {post.content}".lower()


def values_of(meta: dict, field: str) -> set:
    """A field's values in a review's front matter: a list or one value, and each subject's."""
    value = meta.get(field)
    found = set(value) if isinstance(value, list) else {value}
    found |= {subject.get(field) for subject in meta.get("subjects", [])}
    return found


def expected(field: str, wanted) -> set[str]:  # type: ignore[no-untyped-def]
    if field == "themes":
        return {slug for slug, meta in REVIEWS.items() if wanted in {theme_slug(t) for t in meta["themes"]}}
    return {slug for slug, meta in REVIEWS.items() if wanted in values_of(meta, field)}


@pytest.mark.parametrize(
    ("address", "field", "value"),
    [
        ("theme=domestic-violence", "themes", "domestic-violence"),
        ("theme=adolescents", "themes", "adolescents"),
        ("type=serious-case-review", "review_type", "serious-case-review"),
        ("type=safeguarding-adults-review", "review_type", "safeguarding-adults-review"),
        ("age=under-1", "age_band", "under-1"),
        ("outcome=death", "outcome", "death"),
        ("board=tower-hamlets-safeguarding-children-board", "board", "Tower Hamlets Local Safeguarding Children Board"),
    ],
)
def test_each_filter_gives_exactly_the_reviews_with_that_value(site_url, browser_page, address, field, value):
    """A filter on its own lists exactly the published reviews having that value."""
    page, _ = browser_page
    found = review_slugs(search(page, f"{site_url}search/?{address}"))
    assert found == expected(field, value)
    assert found


def test_year_range_filter(site_url, browser_page):
    """From and to years give exactly the reviews published in that range."""
    page, _ = browser_page
    found = review_slugs(search(page, f"{site_url}search/?from=2006&to=2014"))
    assert found == {slug for slug, meta in REVIEWS.items() if 2006 <= int(str(meta["published"])[:4]) <= 2014}


def test_filter_counts_match_the_reviews(site_url, browser_page):
    """Each filter value shows how many reviews have it."""
    page, _ = browser_page
    page.goto(site_url + "search/?theme=infants")
    wait_until(page, STATUS_DONE)
    page.goto(site_url + "search/")
    wait_until(page, "document.querySelector('[data-count=\"theme:neglect\"]').textContent !== ''")
    count = page.text_content('[data-count="theme:neglect"]')
    assert count == f"({len(expected('themes', 'neglect'))})"


def test_deep_link_restores_query_filters_and_order(site_url, browser_page):
    """A trainer's link restores the words, the filters and the order, and the results obey them."""
    page, _ = browser_page
    address = f"{site_url}search/?q=violence&theme=domestic-violence&from=2007&to=2023&sort=newest"
    paths = search(page, address)
    assert page.input_value("#search-query") == "violence"
    assert page.is_checked("#filter-theme-domestic-violence")
    assert page.is_visible("#filter-theme-domestic-violence")
    assert page.input_value("#search-from") == "2007" and page.input_value("#search-to") == "2023"
    assert page.input_value("#search-sort") == "newest"
    slugs = [path.split("/")[2] for path in paths]
    wanted = {
        slug
        for slug in expected("themes", "domestic-violence")
        if 2007 <= int(str(REVIEWS[slug]["published"])[:4]) <= 2023 and mentions(slug, "violence")
    }
    assert set(slugs) == wanted
    dates = [str(REVIEWS[slug]["published"]) for slug in slugs]
    assert dates == sorted(dates, reverse=True)
    assert page.get_attribute("#search-link", "href") == address


def test_changing_the_search_updates_the_address(site_url, browser_page):
    """Ticking a filter puts it into the address, ready to copy."""
    page, _ = browser_page
    search(page, site_url + "search/?q=neglect")
    page.click("summary:has-text('Outcome')")
    page.check("#filter-outcome-death")
    wait_until(page, "location.search.includes('outcome=death')")
    wait_until(page, STATUS_DONE)
    assert urlsplit(page.url).query == "q=neglect&outcome=death"


def test_search_by_keyboard_alone(site_url, browser_page):
    """Tab to the box, type, Enter; open Themes and tick one with Space; Tab to a result, Enter opens it."""
    page, _ = browser_page
    page.goto(site_url + "search/")
    wait_until(page, "document.getElementById('review-search').dataset.ready === 'true'")

    def tab_to(predicate: str, limit: int = 150) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(() => {{ const e = document.activeElement; return {predicate}; }})()"):
                return
        raise AssertionError(f"could not reach {predicate} with Tab")

    tab_to("e.id === 'search-query'")
    page.keyboard.type("methadone")
    page.keyboard.press("Enter")
    wait_until(page, STATUS_DONE)
    tab_to("e.tagName === 'SUMMARY' && e.textContent.trim() === 'Themes'")
    page.keyboard.press("Enter")
    tab_to("e.id === 'filter-theme-infants'")
    page.keyboard.press("Space")
    wait_until(page, "location.search.includes('theme=infants')")
    wait_until(page, STATUS_DONE)
    tab_to("e.closest && e.closest('#search-results') !== null && e.tagName === 'A'", limit=300)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reviews/2007-tower-hamlets-baby-e/$"))


def test_search_page_with_results_is_accessible(site_url, browser_page):
    """0 axe violations with results and filter counts on show, at desktop and phone widths."""
    page, watch = browser_page
    search(page, site_url + "search/?q=neglect&sort=newest")
    assert page.locator("#search-results li").count() > 0
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 740})
    assert axe_violations(page) == []
    assert watch.console_errors == [] and watch.foreign_requests() == []


def test_without_javascript_the_page_points_to_browsing(site_url, chromium):
    """With JavaScript off, the search page says how to browse by theme, year and board instead."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    message = page.text_content(".search-noscript")
    assert "by theme" in message and "by year" in message and "by board" in message
    with page.expect_navigation(wait_until="load"):
        page.click(".search-noscript >> text=by theme")
    assert page.url == site_url + "themes/"
    assert "Domestic violence" in page.text_content("main")
    context.close()


def test_counts_follow_the_current_search(site_url, browser_page):
    """After a query, opening a filter group shows counts for that query, matching the filtered results."""
    page, _ = browser_page
    search(page, site_url + "search/?q=neglect")
    page.click("summary:has-text('Outcome')")
    wait_until(page, "document.querySelector('[data-count=\"outcome:death\"]').textContent !== ''")
    shown = page.text_content('[data-count="outcome:death"]')
    paths = search(page, site_url + "search/?q=neglect&outcome=death")
    assert shown == f"({len(paths)})"
    assert page.text_content('[data-count="outcome:death"]') == f"({len(paths)})"


def test_home_page_search_box_opens_the_search(site_url, browser_page):
    """The home page's search box sends its words to the search page, which runs them."""
    page, _ = browser_page
    page.goto(site_url)
    page.fill("#home-search-query", "methadone")
    page.press("#home-search-query", "Enter")
    wait_until(page, STATUS_DONE)
    assert "/reviews/2007-tower-hamlets-baby-e/" in [
        urlsplit(href).path for href in page.eval_on_selector_all("#search-results h2 a", "as => as.map(a => a.href)")
    ]
