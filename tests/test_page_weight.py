"""Light pages: theme, year and board pages stay under 200 KB however many reviews there are.

A theme page lists its years (each an anchor trainers link to: #2019) and the learning of its
newest reviews; each year has its own page with that year's reviews and all they teach,
split into numbered pages when it is long. Year and board pages split the same way. The
heavy corpus here puts 140 reviews with long learning on one theme, one board and one year:
before the split, its theme page alone was over 1 MB.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html

from casereviews import urls
from casereviews.render import listing
from sitekit import PROJECT, BuildResult, SiteProject

sys.path.insert(0, str(PROJECT / "scripts"))
from page_weight import PAGE_BOUND, kind_of, page_sizes

HEAVY_COUNT = 140
HEAVY_YEAR = 2021
HEAVY_BOARD = "Heavyshire Safeguarding Children Partnership"
HEAVY_BOARD_SLUG = "heavyshire-safeguarding-children-partnership"
POINT = (
    "Professionals in the {n} agencies saw the home conditions at different times and judged each visit on its "
    "own, so the pattern of missed appointments, unexplained injuries and an unsafe sleeping place for the baby "
    "was not seen as a whole until the harm had happened, and no meeting brought the agencies together to share "
    "what each of them knew about the family."
)


def heavy_body(index: int) -> str:
    points = "\n".join(f"{n}. {POINT.format(n=n + index % 7)}" for n in range(1, 13))
    return (
        f"## Summary of events\n\nWhat happened, in general terms.\n\n## Learning\n\n{points}\n\n"
        "## Recommendations\n\n1. Agencies should meet when a second concern is raised about a baby.\n"
    )


@pytest.fixture(scope="module")
def heavy_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The sample site and 140 reviews on neglect, from one board, published in one year."""
    project = SiteProject(tmp_path_factory.mktemp("heavy"))
    for index in range(HEAVY_COUNT):
        project.write_review(
            f"heavy-{index:03d}",
            heavy_body(index),
            title=f"Child safeguarding practice review: Child H{index:03d}",
            board=HEAVY_BOARD,
            published=f"{HEAVY_YEAR}-{1 + index % 12:02d}-{1 + index % 28:02d}",
            themes=["neglect", "inter-agency-working"],
            review_type="child-safeguarding-practice-review",
        )
    result = project.build()
    assert result.returncode == 0, result.output[-3000:]
    return result


def document(site: BuildResult, url: str):  # type: ignore[no-untyped-def]
    return html.fromstring(site.page(url))


def links(site: BuildResult, url: str) -> list[str]:
    """Every link of a page's content, resolved to a root-relative URL (fragment kept)."""
    base = "http://site/" + url
    found = document(site, url).xpath("//article//a/@href")
    return [urljoin(base, href).removeprefix("http://site/") for href in found if not href.startswith("http")]


def ids(site: BuildResult, url: str) -> set[str]:
    return set(document(site, url).xpath("//@id"))


def listed_slugs(site: BuildResult, url: str) -> list[str]:
    """The reviews a list page shows as cards, in order."""
    return document(site, url).xpath("//li[@class='review-card']//h2/a/@href | //li[@class='review-card']//h3/a/@href")


def pages_of(site: BuildResult, first: str) -> list[str]:
    """A split list's pages, from its first page's pager (just the first page if it has none)."""
    pager = document(site, first).xpath("//nav[@class='pager'][1]//a[not(@rel)]/@href")
    return [urljoin("http://site/" + first, href).removeprefix("http://site/") for href in pager] or [first]


# -- the split, on its own -------------------------------------------------------------------


def test_listing_parent_leads_from_a_gone_page_to_its_list():
    assert urls.listing_parent("themes/neglect/2019/page-3/") == "themes/neglect/2019/"
    assert urls.listing_parent("themes/neglect/2019/") == "themes/neglect/"
    assert urls.listing_parent("boards/derby/2019/") == "boards/derby/"
    assert urls.listing_parent("years/2019/page-2/") == "years/2019/"
    assert urls.listing_parent("years/2019/") is None  # a year of notices keeps its page: no fallback
    assert urls.listing_parent("reviews/child-t/") is None
    assert urls.listing_parent("themes/neglect/") is None
    assert urls.paged("years/2019/", 1) == "years/2019/"
    assert urls.paged("years/2019/", 2) == "years/2019/page-2/"


def test_split_respects_budget_and_count():
    """Pages hold at most the budget and the count, at least one review each, in order, all of them."""

    class Item:
        def __init__(self, weight: int) -> None:
            self.weight = weight

    items = [Item(weight) for weight in (10, 60, 30, 200, 5, 5, 5, 5, 5)]
    pages = listing.split(items, "years/2019/", lambda item: item.weight, budget=100, max_reviews=3)  # type: ignore[arg-type, attr-defined]
    assert [[item.weight for item in page.reviews] for page in pages] == [[10, 60, 30], [200], [5, 5, 5], [5, 5]]
    assert [page.url for page in pages] == ["years/2019/", *(f"years/2019/page-{n}/" for n in (2, 3, 4))]
    assert [(page.first, page.last) for page in pages] == [(1, 3), (4, 4), (5, 7), (8, 9)]
    [empty] = listing.split([], "years/2019/")
    assert empty.reviews == () and empty.url == "years/2019/" and empty.count == 1


# -- the sample site -------------------------------------------------------------------------


@pytest.mark.site
def test_theme_page_keeps_its_anchors_and_leads_to_each_year(sample_site: BuildResult):
    """/themes/<slug>/#2019 and #what-these-reviews-teach still exist and lead to the year's page."""
    theme = "themes/domestic-violence/"
    years = [2023, 2019, 2016, 2009, 2007]
    page_ids = ids(sample_site, theme)
    assert {str(year) for year in years} | {"what-these-reviews-teach", "reviews-on-this-theme"} <= page_ids
    theme_links = links(sample_site, theme)
    for year in years:
        year_url = f"{theme}{year}/"
        assert year_url in theme_links, year
        assert f"{year_url}#what-these-reviews-teach" in theme_links, year
        assert sample_site.exists(f"{year_url}index.html")
        year_ids = ids(sample_site, year_url)
        assert {"reviews", "what-these-reviews-teach"} <= year_ids
        back = links(sample_site, year_url)
        assert f"{theme}#{year}" in back  # "All years", back to the year on the theme page
        assert "themes/" in back and theme in back  # breadcrumb
    # previous and next years, newest first on the theme page
    assert "themes/domestic-violence/2016/" in links(sample_site, "themes/domestic-violence/2019/")
    assert "themes/domestic-violence/2023/" in links(sample_site, "themes/domestic-violence/2019/")


@pytest.mark.site
def test_year_page_of_a_theme_holds_its_reviews_and_their_learning(sample_site: BuildResult):
    page = document(sample_site, "themes/domestic-violence/2019/")
    assert page.xpath("string(//h1)") == "Domestic violence: reviews published in 2019"
    assert page.xpath("//li[@class='review-card']//a/@href")[0] == "../../../reviews/2019-glanafon-child-g/"
    refs = page.xpath("//section[@class='digest']//a[@class='point-ref']/@href")
    assert refs and all(ref.startswith("../../../reviews/2019-glanafon-child-g/#") for ref in refs)
    assert not page.xpath("//*[@data-pagefind-body]")  # not in search, as the theme page's lists are not


@pytest.mark.site
def test_browse_table_counts_lead_to_the_theme_year_pages(sample_site: BuildResult):
    cells = document(sample_site, "browse/").xpath("//table[@class='browse-matrix']//td/a/@href")
    assert cells
    for href in cells:
        target = urljoin("http://site/browse/", href).removeprefix("http://site/")
        assert re.fullmatch(r"themes/[a-z0-9-]+/\d{4}/", target), target
        assert sample_site.exists(f"{target}index.html"), target


@pytest.mark.site
def test_old_theme_anchor_links_still_resolve(sample_site: BuildResult):
    """Every year a theme has is an element on the theme page, for links made before the split."""
    for theme_page in sorted(sample_site.path("themes").glob("*/index.html")):
        folder = theme_page.parent
        years = sorted(path.name for path in folder.iterdir() if re.fullmatch(r"\d{4}", path.name))
        if not years:
            continue
        present = ids(sample_site, f"themes/{folder.name}/")
        assert set(years) | {"what-these-reviews-teach"} <= present, folder.name


# -- the heavy corpus ------------------------------------------------------------------------


@pytest.mark.site
def test_no_page_is_over_the_bound(heavy_site: BuildResult):
    """Theme, year, board and every other page are under 200 KB of HTML."""
    sizes = page_sizes(heavy_site.site_dir)
    over = {url: size for url, size in sizes.items() if size > PAGE_BOUND}
    assert over == {}
    kinds = {kind_of(url) for url in sizes}
    assert {"/themes/<theme>/<year>/page-<n>/", "/years/<year>/page-<n>/", "/boards/<board>/<year>/"} <= kinds


@pytest.mark.site
def test_a_long_year_of_a_theme_is_split_and_complete(heavy_site: BuildResult):
    """The heavy year's pages together list every review on the theme that year, once, newest
    first, with every learning point; each page links to the others and back to the theme."""
    first = f"themes/neglect/{HEAVY_YEAR}/"
    pages = pages_of(heavy_site, first)
    assert len(pages) > 2
    assert pages[0] == first and pages[1] == f"{first}page-2/"
    listed = [slug for page in pages for slug in listed_slugs(heavy_site, page)]
    shown = [re.search(r"reviews/([^/]+)/", href).group(1) for href in listed]  # type: ignore[union-attr]
    assert sorted(shown) == [f"heavy-{index:03d}" for index in range(HEAVY_COUNT)]  # no sample review that year
    assert shown == sorted(shown, key=lambda slug: (-(1 + int(slug[-3:]) % 12), -(1 + int(slug[-3:]) % 28), slug))
    points = [ref for page in pages for ref in document(heavy_site, page).xpath("//a[@class='point-ref']/@href")]
    assert sum("heavy-" in ref for ref in points) == HEAVY_COUNT * 12
    for page in pages:
        assert f"themes/neglect/#{HEAVY_YEAR}" in links(heavy_site, page)
        assert set(pages) <= set(links(heavy_site, page))


@pytest.mark.site
def test_theme_page_of_the_heavy_corpus_is_bounded_and_keeps_its_anchors(heavy_site: BuildResult):
    theme = "themes/neglect/"
    assert {str(HEAVY_YEAR), "what-these-reviews-teach"} <= ids(heavy_site, theme)
    page = document(heavy_site, theme)
    [year_list] = page.xpath(f"//h3[@id='{HEAVY_YEAR}']/following-sibling::ul[1]")
    assert len(year_list.xpath("li")) == 5
    assert f"All {HEAVY_COUNT} reviews of {HEAVY_YEAR}, and what they teach" in page.text_content()
    assert len(page.xpath("//section[@class='digest']")) == 3


@pytest.mark.site
def test_year_and_board_pages_split_too(heavy_site: BuildResult):
    year_pages = pages_of(heavy_site, f"years/{HEAVY_YEAR}/")
    assert len(year_pages) > 1
    on_year = [href for page in year_pages for href in listed_slugs(heavy_site, page)]
    assert sum("heavy-" in href for href in on_year) == HEAVY_COUNT
    board = f"boards/{HEAVY_BOARD_SLUG}/"
    assert str(HEAVY_YEAR) in ids(heavy_site, board)
    assert len(listed_slugs(heavy_site, board)) == 5
    board_year = f"{board}{HEAVY_YEAR}/"
    assert board_year in links(heavy_site, board)
    on_board = [href for page in pages_of(heavy_site, board_year) for href in listed_slugs(heavy_site, page)]
    assert len(on_board) == len(set(on_board)) == HEAVY_COUNT


@pytest.mark.site
def test_a_page_that_a_shorter_list_no_longer_has_redirects(tmp_path: Path):
    """When a year's list shrinks, its last page is gone: the build redirects it to the list's
    first page rather than failing the URL check; a year gone from a theme leads to the theme."""
    project = SiteProject(tmp_path)
    for index in range(45):
        project.write_review(f"many-{index:02d}", published="2021-05-01", themes=["neglect"])
    project.write_review("lonely", published="2003-05-01", themes=["neglect"])
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    assert first.exists("themes/neglect/2021/page-2/index.html")
    assert first.exists("years/2021/page-2/index.html")
    assert first.exists("themes/neglect/2003/index.html")
    for index in range(10):
        project.write_review(
            f"many-{index:02d}",
            published="2021-05-01",
            themes=["neglect"],
            status="withdrawn",
            withdrawn_on="2026-01-05",
            withdrawn_reason="Withdrawn at the family's request.",
        )
    project.write_review("lonely", published="2003-05-01", themes=["inter-agency-working"])
    second = project.build_atomic()  # checked against the first build's URL manifest
    assert second.returncode == 0, second.output
    assert '<a href="../">' in second.page("themes/neglect/2021/page-2/")
    assert '<a href="../">' in second.page("years/2021/page-2/")
    assert '<a href="../">' in second.page("themes/neglect/2003/")
    assert "This page has moved" in second.page("themes/neglect/2003/")


@pytest.fixture(scope="module")
def heavy_url(heavy_site: BuildResult):  # type: ignore[no-untyped-def]
    from browser import serve

    with serve(heavy_site.site_dir) as url:
        yield url


SPLIT_PAGES = [
    f"themes/neglect/{HEAVY_YEAR}/",
    f"themes/neglect/{HEAVY_YEAR}/page-2/",
    "themes/neglect/",
    f"years/{HEAVY_YEAR}/page-2/",
    f"boards/{HEAVY_BOARD_SLUG}/",
    f"boards/{HEAVY_BOARD_SLUG}/{HEAVY_YEAR}/page-2/",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", SPLIT_PAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_split_pages_are_accessible(path, width, heavy_url, chromium):
    """Breadcrumbs, years and numbered pages: no axe violation, no sideways scrolling on a phone."""
    from browser import axe_violations

    phone = {"is_mobile": True, "has_touch": True} if width == 375 else {}
    context = chromium.new_context(viewport={"width": width, "height": 800}, **phone)
    page = context.new_page()
    response = page.goto(heavy_url + path, wait_until="load")
    assert response.status == 200
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_page_weight_names_each_kind_of_page():
    assert kind_of("/themes/neglect/2019/page-3/") == "/themes/<theme>/<year>/page-<n>/"
    assert kind_of("/boards/derby/2019/") == "/boards/<board>/<year>/"
    assert kind_of("/reviews/child-t/briefing/") == "/reviews/<review>/briefing/"
    assert kind_of("/years/2019/") == "/years/<year>/"
    assert kind_of("/themes/") == "/themes/"
    assert kind_of("/actions/agencies/police/") == "/actions/agencies/<agency>/"


def fragment_contents(site: BuildResult) -> dict[str, str]:
    """Page URL → the text Pagefind indexed for it (its result fragments)."""
    import gzip
    import json

    contents = {}
    for path in site.path("pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        contents[fragment["url"]] = fragment["content"]
    return contents


@pytest.mark.site
def test_search_index_leaves_out_the_section_headings_every_review_has(sample_site: BuildResult):
    """ "Learning", "Recommendations", "Summary of events": on every review, so indexed they made
    a first search for such a word download a posting for every review. The text stays."""
    content = fragment_contents(sample_site)["/reviews/2007-tower-hamlets-baby-e/"]
    for heading in ("Summary.", "Summary of events.", "Process of the review.", "Learning.", "Recommendations."):
        assert heading not in content, heading
    assert "Serious case review: Baby E" in content  # the title is indexed
    assert "father" in content.lower()  # and the learning: one point is about an unknown father
