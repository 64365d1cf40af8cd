"""The build: what one MkDocs build of the site does with the catalogue, pages and output.

This module adapts the plain modules (catalogue, indexes, pages, views, output checks)
to MkDocs' files and pages; the hook file only calls it from the events. One `BuildState`
is created per build in `on_config`, never at import, so `mkdocs serve` rebuilds start clean.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import output, pages
from .anonymity import cache_folder
from .catalogue import DATA_DIR, REVIEWS_DIR, THEMES_DIR, Site, load_site
from .indexes import Indexes, build_indexes
from .point_anchors import PointAnchorExtension
from .problems import summary_line
from .publication import Visibility
from .reviews import Review
from .views import review_view, search_options

#: Set to an ISO date-time with offset to build the site as at that moment (previews, tests).
NOW_VARIABLE = "REVIEW_SITE_NOW"
#: Set to the path of the last published site's url-manifest.json to check URL stability.
PREVIOUS_MANIFEST_VARIABLE = "REVIEW_SITE_PREVIOUS_MANIFEST"

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def build_time(environ: dict[str, str] | os._Environ[str]) -> tuple[dt.datetime, str | None]:
    """The moment the build publishes as at: now, or REVIEW_SITE_NOW; and a problem, if any."""
    value = environ.get(NOW_VARIABLE)
    if not value:
        return dt.datetime.now(dt.UTC), None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return dt.datetime.now(dt.UTC), (
            f"{NOW_VARIABLE}: found {value!r}, expected a date and time with an offset, e.g. 2026-12-01T09:00:00+00:00"
        )
    return moment, None


def safe_text(value: Any) -> Any:
    """Author text for Material's templates, which print page titles unescaped."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(value)
    return value


@dataclass
class BuildState:
    """Everything one build knows: settings, the loaded site and its indexes."""

    docs_dir: Path
    project_dir: Path
    now: dt.datetime
    anchors: PointAnchorExtension
    previous_manifest: frozenset[str] | None
    config_problems: list[str] = field(default_factory=list)
    site: Site | None = None
    indexes: Indexes | None = None
    post_build_failed: bool = False

    @classmethod
    def create(cls, config: MkDocsConfig) -> BuildState:
        """Read settings from the MkDocs config and the environment; check privacy defaults."""
        now, problem = build_time(os.environ)
        problems = [problem] if problem else []
        problems.extend(output.config_problems(config))
        anchors = PointAnchorExtension()
        config.markdown_extensions.append(anchors)  # type: ignore[arg-type]
        previous, manifest_problem = output.read_previous_manifest(
            os.environ.get(PREVIOUS_MANIFEST_VARIABLE), Path(config.site_dir)
        )
        if manifest_problem:
            problems.append(manifest_problem)
        return cls(
            docs_dir=Path(config.docs_dir),
            project_dir=Path(config.config_file_path or config.docs_dir).parent,
            now=now,
            anchors=anchors,
            previous_manifest=previous,
            config_problems=problems,
        )

    def load(self) -> Site:
        """Load and validate content/; index what is listed."""
        self.site = load_site(self.docs_dir, self.now, self.project_dir, cache_folder(self.project_dir))
        self.indexes = build_indexes(self.site)
        return self.site

    def problem_summary(self) -> str:
        assert self.site is not None
        return summary_line(self.site.problems)

    # -- files -------------------------------------------------------------------------

    def arrange_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Drop unpublished and private files; stub withdrawn and archived reviews; add pages."""
        assert self.site is not None and self.indexes is not None
        for file in list(files):
            uri = file.src_uri
            if uri.startswith(f"{DATA_DIR}/"):
                files.remove(file)
            elif uri.startswith(f"{REVIEWS_DIR}/"):
                review = self.review_for(uri)
                shown = self.site.visibility[review.slug] if review else Visibility.HIDDEN
                if shown is Visibility.HIDDEN:  # a draft, an embargoed review, or anything unvalidated
                    files.remove(file)
                elif shown in (Visibility.WITHDRAWN, Visibility.ARCHIVED):
                    # The full text is never read by MkDocs: the page is built from the record.
                    files.remove(file)
                    files.append(File.generated(config, uri, content=pages.front_matter(title=review.title)))
        for uri, content in sorted(self.generated_pages().items()):
            files.append(File.generated(config, uri, content=content))
        return files

    def generated_pages(self) -> dict[str, str]:
        """Source path → Markdown of every page the build generates."""
        site, indexes = self.site, self.indexes
        assert site is not None and indexes is not None
        generated = {
            f"{THEMES_DIR}/index.md": pages.themes_index(site, indexes),
            "years/index.md": pages.years_index(site, indexes),
            "boards/index.md": pages.boards_index(site, indexes),
            "browse.md": pages.browse_matrix(site, indexes),
            f"{REVIEWS_DIR}/index.md": pages.reviews_index(site, indexes),
            pages.SEARCH_PAGE: pages.search_page(),
        }
        for year in output.page_years(site):
            generated[f"years/{year}.md"] = pages.year_page(year, site, indexes)
        for slug in output.page_boards(site):
            generated[f"boards/{slug}.md"] = pages.board_page(slug, site, indexes)
        return generated

    def review_for(self, uri: str) -> Review | None:
        """The review whose source is `uri`, if any."""
        assert self.site is not None
        if not (uri.startswith(f"{REVIEWS_DIR}/") and uri.endswith(".md")):
            return None
        return self.site.reviews.get(uri[len(REVIEWS_DIR) + 1 : -3])

    # -- pages -------------------------------------------------------------------------

    def page_markdown(self, markdown: str, page: Page) -> str:
        """The Markdown to render for `page`, with its metadata set for the templates."""
        assert self.site is not None and self.indexes is not None
        uri = page.file.src_uri
        review = self.review_for(uri)
        self.anchors.active = False
        if review is not None:
            shown = self.site.visibility[review.slug]
            related = self.indexes.related.for_review(review) if shown.is_listed else []
            page.meta = {
                "title": safe_text(review.title),
                "description": safe_text(review.summary if shown.is_listed else "This review has been withdrawn."),
                "template": "review.html",
                "review": review_view(review, self.site, related),
            }
            if shown is not Visibility.PUBLISHED:
                return ""
            self.anchors.active = True
            return markdown
        for key in ("title", "description"):
            if key in page.meta:
                page.meta[key] = safe_text(page.meta[key])
        theme_slug = uri[len(THEMES_DIR) + 1 : -3] if uri.startswith(f"{THEMES_DIR}/") else None
        if theme_slug in self.site.themes.themes:
            theme = self.site.themes[theme_slug]
            page.meta["description"] = safe_text(theme.summary)
            page.meta["template"] = "theme.html"
            return markdown + pages.theme_sections(theme, self.site, self.indexes)
        if uri == pages.SEARCH_PAGE:
            page.meta["search"] = search_options(self.site, self.indexes.listed)
        return markdown

    @staticmethod
    def page_content(html: str) -> str:
        """Rendered HTML without comments (editors' notes stay in the source)."""
        return _HTML_COMMENT.sub("", html)

    # -- after the build ---------------------------------------------------------------

    def post_build(self, config: MkDocsConfig) -> list[str]:
        """Write what is built from the catalogue, then check the output; problems found."""
        assert self.site is not None and self.indexes is not None
        problems = output.write_outputs(config, self.site, self.indexes, self.previous_manifest)
        self.post_build_failed = bool(problems)
        return problems
