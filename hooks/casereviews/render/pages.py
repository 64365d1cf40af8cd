"""The generated pages: theme, year and board indexes, the browse matrix, the latest reviews.

Each page is its front matter and HTML from an autoescaped template (`render/templates/`),
shown as it is: Markdown never reads it (it held no Markdown, and reading thousands of pages
of HTML was most of a build's time). Its headings make the table of contents. Values come
from the public view and its indexes only. Links are relative, so the site works from any folder.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from .. import urls
from ..cache import TextCache
from ..index.indexes import Indexes
from ..model.body import Point
from ..model.reviews import Review
from ..model.themes import Theme
from ..policy.public import PublicSite
from ..settings import Settings
from . import briefing, listing
from .action_pages import ActionPages
from .exports import board_feed_title
from .generated import GeneratedPage
from .point_html import PointHtml
from .templating import Fragment, Templates
from .views import review_facts
from .year_chart import year_chart

HEAT_LEVELS = 4
#: A theme or board page lists at most this many reviews under each year; the year's own
#: page lists them all (and, for a theme, what they teach).
YEAR_PREVIEW = 5
#: "What these reviews teach" on a theme page: the learning of this many of the newest
#: reviews, at most `TEACHING_POINTS` points each; each year's page has all of it.
TEACHING_REVIEWS = 3
TEACHING_POINTS = 4
#: The themes hub's groups, by whom the themes concern.
THEME_GROUPS = {
    "children": "Themes about children and young people",
    "adults": "Themes about adults",
    "all": "Themes about children and adults",
}


def promised_anchors(site: PublicSite, indexes: Indexes) -> dict[str, set[str]]:
    """The anchors of theme and board pages that links lead to, by page URL: each year of a
    theme or board page (the browse table, trainers' links), and what a theme's reviews teach,
    on the theme page and on the first page of each of its years."""
    anchors: dict[str, set[str]] = {}
    for theme in site.themes:
        years = indexes.theme_years(theme.slug)
        if years:
            anchors[urls.theme(theme.slug)] = {str(year) for year in years} | {"what-these-reviews-teach"}
        for year in years:
            anchors[urls.theme_year(theme.slug, year)] = {"what-these-reviews-teach"}
    for slug in site.page_boards:
        anchors[urls.board(slug)] = {str(year) for year in indexes.board_years(slug)}
    return anchors


class Pages:
    """Renders every generated page of one build from the public view and its indexes."""

    def __init__(
        self,
        site: PublicSite,
        indexes: Indexes,
        templates: Templates,
        settings: Settings,
        site_url: str = "",
        qr_cache: TextCache | None = None,
        markdown_options: Mapping[str, Any] | None = None,
        points: PointHtml | None = None,
    ) -> None:
        """`markdown_options` are the site's Markdown extensions (`extensions`, `extension_configs`),
        so learning points read as they do on review pages; `points` a converter to reuse (the
        preview keeps one across rebuilds)."""
        self.site = site
        self.site_url = site_url
        self.indexes = indexes
        self.templates = templates
        self.settings = settings
        self.qr_cache = qr_cache
        self.points = points or PointHtml(markdown_options or {})

    def page(
        self, template: str, title: str, description: str, meta: dict[str, Any] | None = None, **values: Any
    ) -> GeneratedPage:
        return GeneratedPage(
            {"title": title, "description": description, **(meta or {})},
            self.templates.fragment(template, site=self.site, **values),
        )

    def all(self) -> dict[str, GeneratedPage]:
        """Source path → every generated page."""
        pages = self.listing_pages()
        for review in self.briefings:
            pages[urls.source_of(urls.briefing(review.slug))] = self.briefing(review)
        return pages

    def listing_pages(self, theme_years: bool = True) -> dict[str, GeneratedPage]:
        """Source path → every generated page but the briefings (and the pages of each theme's
        years, unless `theme_years`: the preview makes those one by one)."""
        pages = {
            urls.source_of(urls.THEMES): self.themes_index(),
            urls.source_of(urls.YEARS): self.years_index(),
            urls.source_of(urls.BOARDS): self.boards_index(),
            urls.source_of(urls.BROWSE): self.browse_matrix(),
            urls.source_of(urls.REVIEWS): self.reviews_index(),
            urls.source_of(urls.SEARCH): GeneratedPage(
                {
                    "title": "Search reviews",
                    "description": "Search the full text of published reviews, with filters.",
                    "template": "search.html",
                },
                Fragment(Markup()),
            ),
        }
        for theme in self.site.themes if theme_years else ():
            for year, reviews in self.indexes.theme_years(theme.slug).items():
                for page in self.theme_year_split(theme.slug, year, reviews):
                    pages[urls.source_of(page.url)] = self.theme_year_page(theme, year, page)
        for year in self.site.page_years:
            for page in listing.split(self.indexes.by_year.get(year, []), urls.year(year)):
                pages[urls.source_of(page.url)] = self.year_page(year, page)
        for slug in self.site.page_boards:
            pages[urls.source_of(urls.board(slug))] = self.board_page(slug)
            for year, reviews in self.indexes.board_years(slug).items():
                if len(reviews) > YEAR_PREVIEW:
                    for page in listing.split(reviews, urls.board_year(slug, year)):
                        pages[urls.source_of(page.url)] = self.board_year_page(slug, year, page)
        pages.update(ActionPages(self.site, self.indexes.actions, self.page).all())
        if self.site.unpublished:  # the preview's view only (`policy.preview_view`)
            pages[urls.source_of(urls.DRAFTS)] = self.drafts_page()
        return pages

    def drafts_page(self) -> GeneratedPage:
        """/drafts/, in the preview only: the drafts and embargoed reviews it shows, and what
        stops each one's publication."""
        unpublished = [review for review in self.indexes.listed if review.slug in self.site.unpublished]
        return self.page(
            "drafts_index.html",
            "Drafts and embargoed reviews",
            "The reviews only this preview shows.",
            page_url=urls.DRAFTS,
            reviews=[(review, self.site.unpublished[review.slug]) for review in unpublished],
        )

    @property
    def briefings(self) -> list[Review]:
        """The reviews with a 7-minute briefing: listed ones whose text is online."""
        return [review for review in self.site.reviews if not self.site.is_archived(review)]

    def briefing(self, review: Review) -> GeneratedPage:
        """/reviews/<slug>/briefing/: the review on one printed page, in seven parts."""
        page_url = urls.briefing(review.slug)
        address = self.site_url + review.url if self.site_url else review.url
        findings, more_findings = briefing.short_points(review.content.learning, briefing.MAX_FINDINGS)
        actions, more_actions = briefing.short_points(review.content.recommendations, briefing.MAX_ACTIONS)
        background = dict(review_facts(review))
        people = [
            (label, background[label])
            for label in ("People the review is about", "Age", "Outcome")
            if label in background
        ]
        key_information = [
            (label, background[label])
            for label in ("Year of incident", "Period under review", "Agencies involved", "Parallel proceedings")
            if label in background
        ]
        return self.page(
            "briefing.html",
            f"7-minute briefing: {review.title}",
            f"A one-page briefing on {review.title}, for team meetings and training.",
            meta={"template": "briefing.html"},
            review=review,
            page_url=page_url,
            address=address,
            print_address=self.site_url + page_url if self.site_url else None,
            people=people,
            key_information=key_information,
            findings=findings,
            more_findings=more_findings,
            actions=actions,
            more_actions=more_actions,
            questions=briefing.reflection_questions(review),
            qr=briefing.qr_code(address, self.qr_cache),
            theme_counts=self.theme_counts(review),
        )

    def theme_counts(self, review: Review) -> dict[str, int]:
        """The number of reviews on each of a review's themes (its briefing shows them)."""
        return {slug: len(self.indexes.by_theme.get(slug, [])) for slug in review.themes}

    def themes_index(self) -> GeneratedPage:
        """/themes/: every theme with its count of reviews and a chart of reviews per year."""
        cards = []
        for theme in sorted(self.site.themes, key=lambda theme: theme.title.lower()):
            counts = {year: len(group) for year, group in self.indexes.theme_years(theme.slug).items()}
            cards.append(
                {
                    "theme": theme,
                    "count": len(self.indexes.by_theme.get(theme.slug, [])),
                    "chart": year_chart(counts, self.indexes.years),
                }
            )
        groups = [
            (audience, THEME_GROUPS[audience], [card for card in cards if card["theme"].audience == audience])
            for audience in THEME_GROUPS
        ]
        return self.page(
            "themes_index.html",
            "Themes",
            "Every theme, with the number of published reviews and reviews per year.",
            page_url=urls.THEMES,
            groups=[group for group in groups if group[2]],
        )

    def theme_sections(self, theme: Theme) -> Fragment:
        """Appended to a theme page: its address for course materials, its years (each with its
        newest reviews and a link to the year's page), then what the newest reviews teach and a
        link to each year's learning. Bounded whatever the number of reviews: the lists and the
        learning in full are on the theme's year pages (`theme_year_page`).

        Left out of the search index (data-pagefind-ignore): the reviews are indexed on their
        own pages, and a theme page should be found for its introduction.
        """
        reviews = self.indexes.by_theme.get(theme.slug, [])
        by_year = self.indexes.theme_years(theme.slug)
        newest = [review for review in reviews if review.content.learning][:TEACHING_REVIEWS]
        page_url = urls.theme(theme.slug)
        return self.templates.fragment(
            "theme_sections.html",
            site=self.site,
            theme=theme,
            page_url=page_url,
            address=self.site_url + page_url if self.site_url else page_url,
            feed_url=urls.theme_feed(theme.slug),
            reviews=reviews,
            years=[
                {
                    "year": year,
                    "reviews": group,
                    "shown": group[:YEAR_PREVIEW],
                    "url": urls.theme_year(theme.slug, year),
                    "points": sum(len(review.content.learning) for review in group),
                    "taught_by": sum(1 for review in group if review.content.learning),
                }
                for year, group in by_year.items()
            ],
            teaching=[
                (
                    review,
                    [(point, self.point_html(review, point)) for point in review.content.learning[:TEACHING_POINTS]],
                    len(review.content.learning) - TEACHING_POINTS,
                )
                for review in newest
            ],
        )

    def theme_year_split(self, slug: str, year: int, reviews: list[Review]) -> list[listing.ListPage]:
        """A theme's reviews of one year, in pages of bounded weight (cards and learning)."""
        return listing.split(reviews, urls.theme_year(slug, year), listing.card_and_learning_weight)

    def theme_year_page(self, theme: Theme, year: int, page: listing.ListPage) -> GeneratedPage:
        """/themes/<slug>/<year>/ (and its later pages): a theme's reviews of one year and what
        they teach, linked to the theme page's year and to the theme's years before and after."""
        years = list(self.indexes.theme_years(theme.slug))  # newest first
        position = years.index(year)
        all_reviews = self.indexes.theme_years(theme.slug)[year]
        title = f"{theme.title}: reviews published in {year}"
        return self.page(
            "theme_year.html",
            page.title(title),
            f"Case reviews on {theme.title} published in {year}, and what they teach.",
            meta={"template": "listing.html"},
            page_url=page.url,
            theme=theme,
            year=year,
            page=page,
            total=len(all_reviews),
            theme_url=urls.theme(theme.slug),
            later=years[position - 1] if position > 0 else None,
            earlier=years[position + 1] if position + 1 < len(years) else None,
            teaching=[
                (review, [(point, self.point_html(review, point)) for point in review.content.learning])
                for review in page.reviews
                if review.content.learning
            ],
        )

    def point_html(self, review: Review, point: Point) -> Markup:
        """A learning point's text (one line of Markdown) as HTML without its paragraph."""
        return self.points.inline(point.text)

    def years_index(self) -> GeneratedPage:
        """/years/: every year with published reviews, newest first, with counts."""
        counts = {year: len(reviews) for year, reviews in self.indexes.by_year.items()}
        return self.page(
            "years_index.html",
            "Reviews by year",
            "Published reviews by year of publication.",
            page_url=urls.YEARS,
            years=self.indexes.years,
            counts=counts,
            chart=year_chart(counts, self.indexes.years),
        )

    def year_page(self, year: int, page: listing.ListPage) -> GeneratedPage:
        """/years/<yyyy>/ (and its later pages): the reviews published that year (a year of
        notices keeps its page)."""
        title = f"Reviews published in {year}"
        return self.page(
            "year_page.html",
            page.title(title),
            f"Case reviews published in {year}.",
            page_url=page.url,
            year=year,
            page=page,
            total=len(self.indexes.by_year.get(year, [])),
        )

    def boards_index(self) -> GeneratedPage:
        """/boards/: every board with published reviews, alphabetically, with counts."""
        names = self.site.board_names
        boards = [
            (slug, names[slug], len(self.indexes.by_board[slug]))
            for slug in sorted(self.indexes.by_board, key=lambda slug: names[slug].lower())
        ]
        return self.page(
            "boards_index.html",
            "Reviews by board",
            "Published reviews by safeguarding board or partnership.",
            page_url=urls.BOARDS,
            boards=boards,
        )

    def board_page(self, slug: str) -> GeneratedPage:
        """/boards/<slug>/: a board's reviews by year, newest first: up to `YEAR_PREVIEW` under
        each year, the rest on the year's own page (`board_year_page`)."""
        name = self.site.board_names[slug]
        reviews = self.indexes.by_board.get(slug, [])
        return self.page(
            "board_page.html",
            name,
            f"Case reviews published by {name}.",
            meta={"feed": {"title": board_feed_title(name), "url": urls.board_feed(slug)}},
            page_url=urls.board(slug),
            feed_url=urls.board_feed(slug),
            reviews=reviews,
            years=[
                {
                    "year": year,
                    "reviews": group,
                    "shown": group[:YEAR_PREVIEW],
                    "url": urls.board_year(slug, year) if len(group) > YEAR_PREVIEW else None,
                }
                for year, group in self.indexes.board_years(slug).items()
            ],
        )

    def board_year_page(self, slug: str, year: int, page: listing.ListPage) -> GeneratedPage:
        """/boards/<slug>/<year>/ (and its later pages): a board's reviews of one year, for a
        year with more than its board page shows."""
        name = self.site.board_names[slug]
        years = list(self.indexes.board_years(slug))
        position = years.index(year)
        title = f"{name}: reviews published in {year}"
        return self.page(
            "board_year.html",
            page.title(title),
            f"Case reviews published by {name} in {year}.",
            page_url=page.url,
            board_name=name,
            slug=slug,
            year=year,
            page=page,
            total=len(self.indexes.board_years(slug)[year]),
            board_url=urls.board(slug),
            later=years[position - 1] if position > 0 else None,
            earlier=years[position + 1] if position + 1 < len(years) else None,
        )

    def browse_matrix(self) -> GeneratedPage:
        """/browse/: a theme × year table; each count links to that theme's page at that year."""
        matrix = self.indexes.matrix()
        years = self.indexes.years
        tallest = max((count for row in matrix.values() for count in row.values()), default=1)
        rows = []
        for theme in sorted(self.site.themes, key=lambda theme: theme.title.lower()):
            row = matrix.get(theme.slug, {})
            cells = [
                (year, row.get(year, 0), max(1, math.ceil(HEAT_LEVELS * row.get(year, 0) / tallest))) for year in years
            ]
            rows.append({"theme": theme, "cells": cells, "total": sum(row.values())})
        return self.page(
            "browse.html",
            "Browse by theme and year",
            "A table of published reviews by theme and year.",
            page_url=urls.BROWSE,
            years=years,
            rows=rows,
        )

    def reviews_index(self) -> GeneratedPage:
        """/reviews/: the latest reviews, and the ways to find the rest."""
        return self.page(
            "reviews_index.html",
            "Latest reviews",
            "The most recently published case reviews.",
            page_url=urls.REVIEWS,
            latest=self.indexes.listed[: self.settings.latest_count],
        )
