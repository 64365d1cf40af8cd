"""The Markdown of generated pages: theme, year and board indexes, the browse matrix.

Pages are Markdown for their structure (headings make the table of contents) and raw HTML
for anything carrying author metadata, escaped here with `html.escape`: a title holding
HTML or script shows as text. Links are relative (the site works from any folder).
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import markdown
import yaml

from . import vocabulary
from .catalogue import Site
from .indexes import Indexes
from .publication import Visibility
from .reviews import Review
from .themes import Theme
from .views import board_url, href, long_date, plural, theme_url, year_url

LATEST_COUNT = 20
SEARCH_PAGE = "search.md"
HEAT_LEVELS = 4


def front_matter(**meta: Any) -> str:
    """A YAML front matter block (values are data, dumped safely)."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def review_list(reviews: list[Review], site: Site, page_url: str, *, heading: int, show_themes: bool = True) -> str:
    """An HTML list of review cards: title (a heading of level `heading`), board, date, type,
    summary and themes."""
    items = []
    for review in reviews:  # each card: title link, meta line, summary, theme links
        themes = ""
        if show_themes:
            links = ", ".join(
                f'<a href="{href(page_url, theme_url(slug))}">{escape(site.themes[slug].title)}</a>'
                for slug in review.themes
            )
            themes = f'<p class="review-card__themes">Themes: {links}</p>'
        meta = " · ".join(
            (
                escape(site.board_name(review)),
                f'<time datetime="{review.published.isoformat()}">{long_date(review.published)}</time>',
                escape(vocabulary.REVIEW_TYPES[review.review_type]),
            )
        )
        items.append(
            '<li class="review-card">'
            f'<h{heading} class="review-card__title"><a href="{href(page_url, review.url)}">'
            f"{escape(review.title)}</a></h{heading}>"
            f'<p class="review-card__meta">{meta}</p>'
            f'<p class="review-card__summary">{escape(review.summary)}</p>'
            f"{themes}</li>"
        )
    return '<ul class="review-list" data-pagefind-ignore="all">' + "".join(items) + "</ul>\n"


def year_chart(counts: dict[int, int], years: list[int], label: str) -> str:
    """A small bar chart of reviews per year (SVG, decorative) with the numbers as a table."""
    if not years:
        return ""
    ascending = sorted(years)
    span = list(range(ascending[0], ascending[-1] + 1))
    tallest = max(counts.values(), default=0) or 1
    bar, gap, height = 8, 2, 32
    rects = []
    for position, year in enumerate(span):
        count = counts.get(year, 0)
        bar_height = round(height * count / tallest) if count else 0
        x = position * (bar + gap)
        rects.append(
            f'<rect x="{x}" y="{height - bar_height}" width="{bar}" height="{bar_height}">'
            f"<title>{year}: {plural(count, 'review')}</title></rect>"
            if count
            else f'<rect class="year-chart__empty" x="{x}" y="{height - 1}" width="{bar}" height="1"></rect>'
        )
    width = len(span) * (bar + gap) - gap
    rows = "".join(
        f'<tr><th scope="row">{year}</th><td>{counts[year]}</td></tr>' for year in sorted(counts, reverse=True)
    )
    return (
        '<div class="year-chart">'
        f'<svg class="year-chart__bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-hidden="true" focusable="false" preserveAspectRatio="none">{"".join(rects)}</svg>'
        f'<p class="year-chart__range">{span[0]}–{span[-1]}</p>'
        f"<details><summary>{escape(label)}: numbers by year</summary>"
        f'<table class="year-chart__table"><thead><tr><th scope="col">Year</th>'
        f'<th scope="col">Reviews</th></tr></thead><tbody>{rows}</tbody></table></details>'
        "</div>"
    )


def themes_index(site: Site, indexes: Indexes) -> str:
    """/themes/: every theme with its count of reviews and a chart of reviews per year."""
    page_url = "themes/"
    cards = []
    for theme in sorted(site.themes, key=lambda theme: theme.title.lower()):
        reviews = indexes.by_theme.get(theme.slug, [])
        counts = {year: len(group) for year, group in indexes.theme_years(theme.slug).items()}
        chart = (
            year_chart(counts, indexes.years, f"Reviews on {theme.title}")
            if reviews
            else '<p class="theme-card__empty">No published reviews yet.</p>'
        )
        cards.append(
            '<li class="theme-card">'
            f'<h2 class="theme-card__title" id="{theme.slug}"><a href="{href(page_url, theme_url(theme.slug))}">'
            f"{escape(theme.title)}</a></h2>"
            f'<p class="theme-card__count">{plural(len(reviews), "review")}</p>'
            f'<p class="theme-card__summary">{escape(theme.summary)}</p>'
            f"{chart}</li>"
        )
    return (
        front_matter(
            title="Themes", description="Every theme, with the number of published reviews and reviews per year."
        )
        + "Reviews are indexed by the themes they raise. Choose a theme to see its reviews, "
        "grouped by year, and every learning point they hold. "
        f'The <a href="{href(page_url, "browse/")}">theme and year table</a> shows all themes at once.\n\n'
        + '<ul class="theme-index">'
        + "".join(cards)
        + "</ul>\n"
    )


def theme_sections(theme: Theme, site: Site, indexes: Indexes) -> str:
    """Appended to a theme page: its reviews by year, then what they teach.

    Left out of the search index (data-pagefind-ignore): the reviews are indexed on their own
    pages, and a theme page should be found for its introduction, not for every review.
    """
    page_url = theme_url(theme.slug)
    reviews = indexes.by_theme.get(theme.slug, [])
    heading = '\n\n## Reviews on this theme {#reviews-on-this-theme data-pagefind-ignore="all"}\n\n'
    if not reviews:
        return heading + (
            '<p class="empty-notice" data-pagefind-ignore="all">No review on this theme has been published yet. '
            "Reviews will be listed here as they are published; this address will not change.</p>\n"
        )
    search = href(page_url, f"search/?theme={theme.slug}")
    parts = [
        heading,
        f'<p class="listing-count" data-pagefind-ignore="all">{plural(len(reviews), "published review")}, '
        f'newest first. <a href="{search}">Search within these reviews</a>.</p>\n\n',
    ]
    for year, group in indexes.theme_years(theme.slug).items():
        parts.append(f'### {year} {{#{year} data-pagefind-ignore="all"}}\n\n')
        parts.append(review_list(group, site, page_url, heading=4) + "\n")
    parts.append(_learning_digest(reviews, site, page_url))
    return "".join(parts)


def inline_markdown(text: str, converter: markdown.Markdown) -> str:
    """A learning point's Markdown (emphasis, links) as HTML without its paragraph."""
    html = converter.reset().convert(text)
    return html.removeprefix("<p>").removesuffix("</p>")


def _learning_digest(reviews: list[Review], site: Site, page_url: str) -> str:
    """ "What these reviews teach": each review's learning points, linked to their anchors."""
    teaching = [r for r in reviews if site.visibility[r.slug] is Visibility.PUBLISHED and r.content.learning]
    if not teaching:
        return ""
    parts = [
        '## What these reviews teach {#what-these-reviews-teach data-pagefind-ignore="all"}\n\n',
        '<p class="listing-count" data-pagefind-ignore="all">The learning points of these reviews, grouped by '
        "review. Each links to the point on its review page.</p>\n\n",
    ]
    converter = markdown.Markdown()  # one per page: creating one is the costly part
    for review in teaching:
        points = "".join(
            f'<li><a class="point-ref" href="{href(page_url, f"{review.url}#{point.anchor}")}">'
            f"Learning {point.number}</a> {inline_markdown(point.text, converter)}</li>"
            for point in review.content.learning
        )
        parts.append(
            '<section class="digest" data-pagefind-ignore="all">'
            f'<h3 class="digest-review"><a href="{href(page_url, review.url)}">{escape(review.title)}</a> '
            f'<span class="digest-review__meta">{escape(site.board_name(review))}, {review.year}</span></h3>'
            f'<ul class="digest-points">{points}</ul></section>\n\n'
        )
    return "".join(parts)


def years_index(site: Site, indexes: Indexes) -> str:
    """/years/: every year with published reviews, newest first, with counts."""
    page_url = "years/"
    counts = {year: len(reviews) for year, reviews in indexes.by_year.items()}
    items = "".join(
        f'<li><a href="{href(page_url, year_url(year))}">{year}</a> '
        f'<span class="count">{plural(counts[year], "review")}</span></li>'
        for year in indexes.years
    )
    return (
        front_matter(title="Reviews by year", description="Published reviews by year of publication.")
        + "Reviews are listed in the year they were published.\n\n"
        + year_chart(counts, indexes.years, "All reviews")
        + "\n\n"
        + f'<ul class="term-index">{items}</ul>\n'
    )


def year_page(year: int, site: Site, indexes: Indexes) -> str:
    """/years/<yyyy>/: the reviews published that year, with their themes.

    A year whose reviews were all withdrawn keeps its page (its address was published).
    """
    reviews = indexes.by_year.get(year, [])
    listing = review_list(reviews, site, year_url(year), heading=2) if reviews else _NONE_LISTED
    return (
        front_matter(title=f"Reviews published in {year}", description=f"Case reviews published in {year}.")
        + f'<p class="listing-count">{plural(len(reviews), "review")} published in {year}, newest first.</p>\n\n'
        + listing
    )


_NONE_LISTED = '<p class="empty-notice">No review is listed here at present.</p>\n'


def boards_index(site: Site, indexes: Indexes) -> str:
    """/boards/: every board with published reviews, alphabetically, with counts."""
    page_url = "boards/"
    ordered = sorted(indexes.by_board, key=lambda slug: site.board_names[slug].lower())
    items = "".join(
        f'<li><a href="{href(page_url, board_url(slug))}">{escape(site.board_names[slug])}</a> '
        f'<span class="count">{plural(len(indexes.by_board[slug]), "review")}</span></li>'
        for slug in ordered
    )
    return (
        front_matter(title="Reviews by board", description="Published reviews by safeguarding board or partnership.")
        + "Each safeguarding board or partnership, with the reviews it has published.\n\n"
        + f'<ul class="term-index">{items}</ul>\n'
    )


def board_page(slug: str, site: Site, indexes: Indexes) -> str:
    """/boards/<slug>/: a board's reviews by year, newest first."""
    name = site.board_names[slug]
    page_url = board_url(slug)
    reviews = indexes.by_board.get(slug, [])
    parts = [
        front_matter(title=name, description=f"Case reviews published by {name}."),
        f'<p class="listing-count">{plural(len(reviews), "published review")}, newest first.</p>\n\n',
    ]
    by_year: dict[int, list[Review]] = {}
    for review in reviews:
        by_year.setdefault(review.year, []).append(review)
    for year, group in by_year.items():
        parts.append(f"## {year} {{#{year}}}\n\n")
        parts.append(review_list(group, site, page_url, heading=3) + "\n")
    if not reviews:
        parts.append(_NONE_LISTED)
    return "".join(parts)


def browse_matrix(site: Site, indexes: Indexes) -> str:
    """/browse/: a theme × year table; each count links to that theme's page at that year."""
    page_url = "browse/"
    matrix = indexes.matrix()
    years = indexes.years
    tallest = max((count for row in matrix.values() for count in row.values()), default=1)
    head = "".join(f'<th scope="col">{year}</th>' for year in years)
    rows = []
    for theme in sorted(site.themes, key=lambda theme: theme.title.lower()):
        row = matrix.get(theme.slug, {})
        cells = []
        for year in years:
            count = row.get(year, 0)
            if count:
                level = max(1, math.ceil(HEAT_LEVELS * count / tallest))
                link = href(page_url, f"{theme_url(theme.slug)}#{year}")
                cells.append(
                    f'<td class="heat-{level}"><a href="{link}">{count}'
                    f'<span class="md-visually-hidden"> {plural(count, "review")} on '
                    f"{escape(theme.title)} in {year}</span></a></td>"
                )
            else:
                cells.append('<td class="heat-0">0</td>')
        total = sum(row.values())
        rows.append(
            f'<tr><th scope="row"><a href="{href(page_url, theme_url(theme.slug))}">{escape(theme.title)}</a></th>'
            f'{"".join(cells)}<td class="matrix-total">{total}</td></tr>'
        )
    return (
        front_matter(title="Browse by theme and year", description="A table of published reviews by theme and year.")
        + "The number of published reviews on each theme in each year. A review counts once on each of "
        "its themes, in the year it was published. Choose a number to see those reviews. "
        "Darker cells hold more reviews.\n\n"
        + '<div class="table-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">'
        + '<table class="browse-matrix"><caption id="matrix-caption">Published reviews by theme and year</caption>'
        + f'<thead><tr><th scope="col">Theme</th>{head}<th scope="col">All years</th></tr></thead>'
        + f"<tbody>{''.join(rows)}</tbody></table></div>\n"
    )


def reviews_index(site: Site, indexes: Indexes) -> str:
    """/reviews/: the latest reviews, and the ways to find the rest."""
    page_url = "reviews/"
    latest = indexes.listed[:LATEST_COUNT]
    return (
        front_matter(title="Latest reviews", description="The most recently published case reviews.")
        + f"The {plural(len(latest), 'most recently published review')}. "
        f'Find others <a href="{href(page_url, "themes/")}">by theme</a>, '
        f'<a href="{href(page_url, "years/")}">by year</a>, '
        f'<a href="{href(page_url, "boards/")}">by board</a> or with '
        f'<a href="{href(page_url, "search/")}">search</a>.\n\n' + review_list(latest, site, page_url, heading=2)
    )


def search_page() -> str:
    """/search/: the search page (its interface is the search.html template)."""
    return front_matter(
        title="Search reviews",
        description="Search the full text of published reviews, with filters.",
        template="search.html",
    )
