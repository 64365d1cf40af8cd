"""Cross-indexes on real builds: the sample site and a generated corpus of 500 reviews.

The expectations are computed from the review files with python-frontmatter, not with the
site's own catalogue, so the site's indexing is checked against an independent reading.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import frontmatter
import pytest

from sitekit import PROJECT, BuildResult, SiteProject

sys.path.insert(0, str(PROJECT / "scripts"))
from generate_corpus import generate

pytestmark = pytest.mark.site
CARD_LINK = re.compile(r'class="review-card__title"><a href="(?:\.\./)+reviews/([^/"]+)/"')


def published_reviews(content: Path) -> dict[str, dict]:
    """Slug → front matter of every review whose status is published (no embargo in these corpora)."""
    reviews = {}
    for path in sorted((content / "reviews").glob("*.md")):
        meta = frontmatter.load(path).metadata
        assert "embargo_until" not in meta
        if meta["status"] == "published":
            reviews[path.stem] = meta
    return reviews


def theme_names(content: Path) -> dict[str, str]:
    """Any name of a theme, lower case → its slug."""
    names = {}
    for path in (content / "themes").glob("*.md"):
        meta = frontmatter.load(path).metadata
        for name in [path.stem, meta["title"], *meta.get("aliases", [])]:
            names[name.lower().replace("-", " ")] = path.stem
    return names


def list_pages(folder: Path) -> list[Path]:
    """The pages of a split list whose first page is folder/index.html, in order."""
    later = sorted(folder.glob("page-*/index.html"), key=lambda page: int(page.parent.name.removeprefix("page-")))
    return [folder / "index.html", *later]


def theme_listing(site: BuildResult, theme: str) -> dict[int, list[str]]:
    """Year → review slugs listed on the pages of a theme's years (/themes/<slug>/<yyyy>/)."""
    folders = sorted(path for path in site.path(f"themes/{theme}").iterdir() if re.fullmatch(r"\d{4}", path.name))
    return {
        int(folder.name): [slug for page in list_pages(folder) for slug in CARD_LINK.findall(page.read_text())]
        for folder in folders
    }


def check_indexes(site: BuildResult, content: Path) -> None:
    reviews = published_reviews(content)
    names = theme_names(content)
    expected_themes = {
        slug: {names[theme.lower().replace("-", " ")] for theme in meta["themes"]} for slug, meta in reviews.items()
    }

    on_theme_pages: dict[str, set[str]] = defaultdict(set)
    matrix_from_pages: Counter = Counter()
    for theme in sorted(set(names.values())):
        listing = theme_listing(site, theme)
        theme_page = site.page(f"themes/{theme}/")
        for year, slugs in listing.items():
            assert f'id="{year}"' in theme_page, (theme, year)  # the year on the theme page, for old links
            assert len(slugs) == len(set(slugs)), (theme, year)
            for slug in slugs:
                on_theme_pages[slug].add(theme)
                assert int(str(reviews[slug]["published"])[:4]) == year, (slug, year)
            matrix_from_pages[theme, year] = len(slugs)
    assert dict(on_theme_pages) == expected_themes

    themes_index = site.page("themes/")
    for theme in sorted(set(names.values())):
        count = sum(matrix_from_pages[theme, year] for year in range(1900, 2100))
        card = themes_index.split(f'id="{theme}"')[1].split('class="theme-card"')[0]
        assert re.search(r'<p class="theme-card__count">(\d+) reviews?</p>', card).group(1) == str(count), theme
        if count == 0:
            assert "No review on this theme has been published yet" in site.page(f"themes/{theme}/")

    on_year_pages: dict[str, list[int]] = defaultdict(list)
    for folder in sorted(site.path("years").glob("[0-9][0-9][0-9][0-9]")):
        for page in list_pages(folder):
            for slug in CARD_LINK.findall(page.read_text(encoding="utf-8")):
                on_year_pages[slug].append(int(folder.name))
    assert dict(on_year_pages) == {slug: [int(str(meta["published"])[:4])] for slug, meta in reviews.items()}
    per_year = Counter(year for years in on_year_pages.values() for year in years)
    years_index = dict(
        re.findall(r'<a href="\d{4}/">(\d{4})</a> <span class="count">(\d+) reviews?</span>', site.page("years/"))
    )
    assert {int(year): int(count) for year, count in years_index.items()} == dict(per_year)

    on_board_pages: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.path("boards").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if "This page has moved" in html:
            continue
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
        # a board page shows a year's newest reviews; a year with more has its own pages
        on_board = set(CARD_LINK.findall(html))
        for folder in sorted(page.parent.glob("[0-9][0-9][0-9][0-9]")):
            assert f'id="{folder.name}"' in html, folder
            for year_page in list_pages(folder):
                on_board.update(CARD_LINK.findall(year_page.read_text()))
        for slug in on_board:
            on_board_pages[slug].append(title)
    assert set(on_board_pages) == set(reviews)
    for slug, titles in on_board_pages.items():
        assert len(titles) == 1, (slug, titles)

    matrix = site.page("browse/")
    years = [int(y) for y in re.findall(r'<th scope="col">(\d{4})</th>', matrix)]
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", matrix, re.DOTALL):
        theme = re.search(r'themes/([^/"]+)/"', row).group(1)
        counts = [int(c) for c in re.findall(r'<td class="heat-\d">(?:<a [^>]*>)?(\d+)', row)]
        assert counts == [matrix_from_pages[theme, year] for year in years], theme
        assert int(re.search(r'<td class="matrix-total">(\d+)</td>', row).group(1)) == sum(counts)


def test_sample_site_indexes(sample_site: BuildResult):
    """Each published sample review is on exactly its themes' pages, its year's page and one board page."""
    check_indexes(sample_site, PROJECT / "content")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    project = SiteProject(tmp_path_factory.mktemp("corpus"))
    generate(project.content, 500, seed=7)
    result = project.build()
    assert result.returncode == 0, result.output[-3000:]
    return result, project.content


@pytest.mark.slow
def test_generated_corpus_indexes(corpus_site):
    """On 500 generated reviews, lists, counts and the matrix agree with the review files."""
    site, content = corpus_site
    check_indexes(site, content)


@pytest.mark.slow
def test_unpublished_reviews_are_in_no_list(corpus_site):
    """Drafts are nowhere; withdrawn reviews have a notice page but appear in no list or count."""
    site, content = corpus_site
    statuses = {path.stem: frontmatter.load(path).metadata["status"] for path in (content / "reviews").glob("*.md")}
    hidden = {slug for slug, status in statuses.items() if status != "published"}
    assert {"draft", "withdrawn"} <= set(statuses.values())
    listing_pages = [site.path("themes/index.html"), site.path("browse/index.html"), site.path("reviews/index.html")]
    listing_pages += sorted(site.path("themes").glob("*/index.html")) + sorted(site.path("years").glob("*/index.html"))
    listing_pages += sorted(site.path("boards").glob("*/index.html"))
    for page in listing_pages:
        linked = set(re.findall(r'reviews/([^/"#]+)/', page.read_text(encoding="utf-8")))
        assert not linked & hidden, page
    for slug, status in statuses.items():
        assert site.exists(f"reviews/{slug}/index.html") == (status != "draft"), slug
