"""The adapter to MkDocs: what one build does with MkDocs' configuration, files and pages.

Everything else in the package knows nothing of MkDocs. One `SiteBuild` is created per
build in `on_config` and kept on the configuration object, never in a module global, so
`mkdocs serve` rebuilds start clean. The flow:

    content files → load (strict) → vet (checks of what is published) → public view
    → indexes → pages and exports → checks of the output

Only the public view reaches the indexes and renderers.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import urls
from ..index.indexes import Indexes, build_indexes
from ..load.catalogue import DATA_DIR, Site
from ..model.reviews import Review
from ..model.source import SourceDocument
from ..policy.public import PublicSite, WithdrawalNotice, public_view, withheld_text
from ..policy.publication import build_time
from ..policy.vetting import check_content
from ..problems import Problem, summary_line
from ..render import exports
from ..render.pages import GeneratedPage, Pages, front_matter
from ..render.point_html import PointHtml
from ..render.review_body import review_parts
from ..render.templating import OVERRIDE_FOLDER, TEMPLATES, Templates
from ..render.views import notice_view, review_view, search_options
from ..search.indexing import SearchIndexing, indexed_pages
from ..settings import EnvironmentVariables, Settings
from . import output, preview, releases, split
from .engine import engine_of, mark_rendered
from .fragments import FragmentStore
from .navigation import NavigationCache
from .preview import PagePlan, Preview

_log = logging.getLogger("casereviews.preview")
_build_log = logging.getLogger("mkdocs.plugins.casereviews")

#: The attribute of MkDocs' configuration object that holds this build.
CONFIG_ATTRIBUTE = "casereviews_build"

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def safe_text(value: Any) -> Any:
    """Author text for Material's templates, which print page titles unescaped."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(value)
    return value


def _escape_title(page: Page) -> None:
    """A page's title and description as text for Material's templates."""
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = safe_text(str(page.meta[key]))


@dataclass
class SiteBuild:
    """Everything one build knows: settings, the loaded content, the public view and its pages."""

    docs_dir: Path
    project_dir: Path
    now: dt.datetime
    settings: Settings
    environment: EnvironmentVariables
    templates: Templates
    previous_manifest: frozenset[str] | None
    site_url: str = ""
    site_dir: Path = field(default_factory=Path)
    config_problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    public: PublicSite | None = None
    indexes: Indexes | None = None
    pages: Pages | None = None
    post_build_failed: bool = False
    #: The preview's state across rebuilds, when the preview process started this build.
    preview: preview.Preview | None = None
    #: What keys this build's pages and chooses those it renders: the preview's state, or in
    #: a release build (see `adapter.releases`) the last release's keys; None otherwise.
    keyed: Preview | None = None
    #: The engine building: 'mkdocs' or 'properdocs'.
    engine: str = "mkdocs"
    #: The site's Markdown extensions, for the learning points converted outside pages.
    markdown_options: dict[str, Any] = field(default_factory=dict)
    _parsed: dict[str, SourceDocument] = field(default_factory=dict)
    _generated: dict[str, GeneratedPage] = field(default_factory=dict)
    #: In the preview: the keys of this rebuild's pages, the files of the pages it renders,
    #: and what the pages are made with (the MkDocs configuration and the templates).
    plan: PagePlan | None = None
    fresh: list[File] = field(default_factory=list)
    engine_key: str = ""
    theme_folders: list[Path] = field(default_factory=list)
    #: In the preview: the key of what a quick rebuild leaves as it is (see `adapter.rebuild`),
    #: None when the pages MkDocs has are not the pages keyed; and MkDocs' files, navigation
    #: and theme templates of this build.
    frame: str | None = None
    quick: bool = False
    #: The checks of the files a build (not the preview) writes, its search index (started
    #: once the pages it indexes are written), and the page MkDocs writes now.
    checks: output.BuildChecks | None = None
    indexing: SearchIndexing | None = None
    _writing: File | None = None
    #: In a release build that renders pages in two processes: the other one (`adapter.split`).
    second: split.SecondProcess | None = None
    files: Files | None = None
    nav: Navigation | None = None
    env: Environment | None = None
    _fragments: FragmentStore = field(default_factory=FragmentStore)
    #: In the preview, what the checks of pages rendered after the rebuild compare them with.
    _withheld: dict[str, str] | None = None
    _linked: dict[str, set[str]] | None = None

    @classmethod
    def start(cls, config: MkDocsConfig) -> SiteBuild:
        """Read settings from the MkDocs config and the environment; keep the build on `config`."""
        environment = EnvironmentVariables.read()  # once: every later use reads this
        now, problem = build_time(environment)
        problems = [problem] if problem else []
        site_url, site_url_problem = output.site_url_override(environment)
        if site_url_problem:
            problems.append(site_url_problem)
        elif site_url:
            config.site_url = site_url  # every later use (pages, sitemap, 404 page, exports) reads this
        problems.extend(output.config_problems(config))
        settings, settings_problems = output.read_settings(config)
        problems.extend(settings_problems)
        previous, manifest_problem = output.read_previous_manifest(environment.previous_manifest, Path(config.site_dir))
        if manifest_problem:
            problems.append(manifest_problem)
        custom_dir = config.theme.custom_dir
        state = getattr(config, preview.CONFIG_ATTRIBUTE, None)
        engine = engine_of(config)
        release = releases.release_state(environment, engine) if state is None else None
        if release is not None:
            releases.quiet_dirty_warning()
        override_dirs = [Path(custom_dir) / OVERRIDE_FOLDER] if custom_dir else []
        build = cls(
            docs_dir=Path(config.docs_dir),
            project_dir=output.project_dir(config),
            now=now,
            settings=settings,
            environment=environment,
            templates=state.templates(override_dirs) if state is not None else Templates(override_dirs),
            previous_manifest=previous,
            site_url=config.site_url or "",
            site_dir=Path(config.site_dir),
            config_problems=problems,
            preview=state,
            keyed=state or release,
            engine=engine,
            markdown_options={"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs},
        )
        if build.keyed is not None:
            build.theme_folders = [Path(custom_dir)] if custom_dir else []
            build.engine_key = preview.engine_key(
                Path(config.config_file_path) if config.config_file_path else None, [*build.theme_folders, TEMPLATES]
            )
        setattr(config, CONFIG_ATTRIBUTE, build)
        return build

    @staticmethod
    def of(config: MkDocsConfig) -> SiteBuild:
        """The build started for `config`."""
        build = getattr(config, CONFIG_ATTRIBUTE, None)
        if not isinstance(build, SiteBuild):
            raise RuntimeError("no build was started for this configuration (on_config did not run)")
        return build

    def load(self) -> Site:
        """Load, validate and vet content/; compute the public view and its indexes."""
        memo = self.preview.content if self.preview is not None else None
        self.site = check_content(self.docs_dir, self.now, self.project_dir, memo, self.environment)
        if not self.site.errors:
            self.public = public_view(self.site, self.now)
            points = self.environment.cache_folder(self.project_dir, "points")
            self.indexes = build_indexes(self.public, self.settings.related_count)
            self.pages = Pages(
                self.public,
                self.indexes,
                self.templates,
                self.settings,
                self.site_url,
                output.qr_cache(self.project_dir, self.environment),
                self.markdown_options,
                self.preview.point_html(self.markdown_options, points)
                if self.preview is not None
                else PointHtml(self.markdown_options, points),
            )
            self._parsed = {file.uri: file.document for file in self.site.files.values() if file.review_slug is None}
        elif self.preview is not None:
            self.preview.failed(self.site, self.site_dir)
        return self.site

    def problem_summary(self) -> str:
        assert self.site is not None
        return summary_line(self.site.problems)

    # -- files -------------------------------------------------------------------------

    def arrange_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Keep only what the public view publishes; stub notices and archived records; add pages.

        A review file is kept only when the public view lists the review in full: drafts,
        embargoed reviews and anything that failed validation are dropped by construction.
        """
        public, pages = self.public, self.pages
        assert public is not None and pages is not None
        in_full = {review.slug for review in public.reviews if not public.is_archived(review)}
        stubs = {review.slug: review.title for review in public.reviews if public.is_archived(review)}
        stubs.update((notice.slug, notice.title) for notice in public.notices)
        for file in list(files):
            uri = file.src_uri
            slug = urls.review_slug_of_source(uri)
            if uri.startswith(f"{DATA_DIR}/") or (uri.startswith(urls.REVIEWS) and slug not in in_full):
                files.remove(file)
        for slug, title in sorted(stubs.items()):
            # The full text is never read by MkDocs: the page is built from the public record.
            files.append(File.generated(config, urls.source_of(urls.review(slug)), content=front_matter(title=title)))
        if self.preview is None:
            assert self.site is not None and self.indexes is not None
            self.checks = output.start_checks(config, self.site, public, self.indexes)
            self.indexing = SearchIndexing(
                self.site_dir,
                indexed_pages(public, self.indexes),
                self.environment.cache_folder(self.project_dir, "search"),
            )
        if self.keyed is None:
            self._generated = pages.all()
            for uri, generated in sorted(self._generated.items()):
                files.append(File.generated(config, uri, content=generated.source))
        else:
            self._arrange_preview(files, config)
        if self.checks is not None and self.indexing is not None and self.keyed is not None:
            for path in self.keyed.reused:  # taken from the last release: checked and indexed as written
                self.checks.files.written(self.site_dir / path)
                self.indexing.written(path)
            if self.keyed.kept_dir is not None:
                _build_log.info(
                    "%d pages unchanged since the last release, taken from it; %d to render",
                    len(self.keyed.reused),
                    len(self.fresh),
                )
        self.files = files
        return files

    def preview_plan(self, quick: bool = False) -> PagePlan | None:
        """The preview's keys of this rebuild's pages (hubs included when they were made under
        the same key before), and its frame; the generated pages made while deciding them are
        kept. With `quick`, None when the hubs would have to be made (see `adapter.rebuild`)."""
        site, public, indexes, pages, state = self.site, self.public, self.indexes, self.pages, self.keyed
        assert site is not None and public is not None and indexes is not None and pages is not None
        assert state is not None
        common = preview.site_key(site, public, self.docs_dir, self.settings, self.site_url, self.engine_key)
        plan = preview.plan_pages(
            site,
            public,
            indexes,
            pages,
            common,
            state.key_memo,
            lambda review: repr(review_view(review, public, indexes.related.for_review(review))["related"]),
        )
        hubs = state.known_hubs(plan.hubs)
        if hubs is None and quick:
            return None
        if hubs is None:  # a hub's key is its own text: made again when what lists show changed
            self._generated = pages.listing_pages(theme_years=False)
            hubs = {}
            for uri, page in self._generated.items():
                if uri not in plan.keys:
                    filters = repr(search_options(public, indexes.listed)) if uri == urls.source_of(urls.SEARCH) else ""
                    hubs[uri] = preview.content_key(common, uri, page.source, page.body.html, filters)
            state.hub_keys = (plan.hubs, dict(hubs))
        plan.keys.update(hubs)
        # Authored pages (and theme pages' introductions) link to pages: their key names every page.
        everything = preview.page_set(plan.keys, self._parsed)
        for uri in self._parsed:
            plan.keys[uri] = preview.content_key(plan.keys.get(uri, common), uri, everything)
        state.plan(plan.keys)
        self.plan = plan
        self.frame = preview.frame_key(plan, everything, preview.static_key(self.docs_dir, self.theme_folders))
        return plan

    def _arrange_preview(self, files: Files, config: MkDocsConfig) -> None:
        """Add the generated pages; mark each page rendered or kept (see `adapter.preview`):
        only the generated pages rendered are made."""
        plan = self.preview_plan()
        assert plan is not None
        authored = {file.src_uri for file in files.documentation_pages()}
        for uri in sorted(set(plan.keys) - authored):
            made = self._generated.get(uri)
            files.append(File.generated(config, uri, content=made.source if made is not None else ""))
        if {file.src_uri for file in files.documentation_pages()} != set(plan.keys):
            self.frame = None  # MkDocs has pages the preview did not key: no quick rebuild
        self.fresh = self.choose_pages(files)

    def choose_pages(self, files: Files) -> list[File]:
        """The pages to render (each marked so), after the preview chose them; the generated
        ones among them made. Every other page is marked kept."""
        state, plan = self.keyed, self.plan
        assert state is not None and plan is not None
        documentation = files.documentation_pages()
        deferrable = {*plan.briefings, *plan.theme_years, *(urls.source_of(urls.review(slug)) for slug in plan.states)}
        fresh = state.choose(((file.src_uri, file.dest_uri) for file in documentation), self.site_dir, deferrable)
        chosen = []
        for file in documentation:
            mark_rendered(file, file.src_uri in fresh)
            if file.src_uri in fresh:
                chosen.append(self.prepare(file))
        return chosen

    def prepare(self, file: File) -> File:
        """`file`, marked to be rendered (a generated page is made when MkDocs reads it, `page_source`)."""
        mark_rendered(file, True)
        return file

    def made(self, uri: str) -> GeneratedPage | None:
        """The generated page at `uri` (None for any other page), made now unless it was."""
        pages, plan, state = self.pages, self.plan, self.keyed
        assert pages is not None and plan is not None and state is not None
        if uri in self._generated:
            return self._generated[uri]
        if uri in plan.briefings:
            review = plan.briefings[uri]
            if self.preview is not None:  # the preview keeps briefings between rebuilds
                made = state.briefing(plan.keys[uri], lambda: pages.briefing(review))
            else:  # a build lets each go once it is written
                made = pages.briefing(review)
        elif uri in plan.theme_years:
            made = pages.theme_year_page(*plan.theme_years[uri])
        elif state.hub_keys is not None and uri in state.hub_keys[1]:  # a hub whose page is gone
            self._generated.update(pages.listing_pages(theme_years=False))
            return self._generated[uri]
        else:
            return None
        self._generated[uri] = made
        return made

    def check_filled(self, config: MkDocsConfig, sources: list[str], warned: set[str]) -> tuple[list[str], list[str]]:
        """Check the pages just rendered after the rebuild (`sources`; `warned`: those MkDocs
        warned about) as the rebuild checks what it writes: the pages that passed, and those
        that did not (their problems logged)."""
        public = self.public
        assert self.site is not None and public is not None and self.preview is not None
        site_dir, deferred = Path(config.site_dir), self.preview.deferred
        if self._withheld is None or self._linked is None:
            self._withheld, self._linked = withheld_text(self.site, public), output.linked_anchors(public)
        withheld, linked = self._withheld, self._linked

        def problems(chosen: list[str]) -> list[Problem]:
            outputs = [deferred[source] for source in chosen]
            return output.preview_checks(config, linked, withheld, [site_dir / path for path in outputs], outputs)

        for source in sorted(warned):
            _log.error("%s: see the warning above (in strict mode, a problem); not shown until it is fixed", source)
        passed = [source for source in sources if source not in warned]
        found = problems(passed)
        if not found:
            return passed, sorted(warned)
        shown: list[str] = []
        failed = sorted(warned)
        for source in passed:  # rarely: which page has what problem
            (failed if problems([source]) else shown).append(source)
        if not set(failed) - warned:  # no page alone has them: none is shown
            shown, failed = [], sorted(sources)
        for problem in found:
            _log.error("%s (a page not shown until it is fixed)", problem)
        return shown, failed

    def pages_filled(self, config: MkDocsConfig) -> None:
        """Every page the rebuild deferred is rendered: search may index the site."""
        assert self.public is not None and self.indexes is not None and self.preview is not None
        assert self.pages is not None
        output.start_preview_search(config, self.public, self.indexes, self.preview)
        self.pages.points.save()

    # -- pages -------------------------------------------------------------------------

    def _public_item(self, uri: str) -> Review | WithdrawalNotice | None:
        assert self.public is not None
        slug = urls.review_slug_of_source(uri)
        return self.public.by_slug.get(slug) if slug else None

    def page_source(self, page: Page) -> str | None:
        """What MkDocs reads as `page`'s source: nothing for a review or a file we parsed, whose
        Markdown and metadata `page_markdown` gives from what the strict reader read (MkDocs
        reading the file and its front matter again, with PyYAML's Python loader, took 1 s at
        2,000 reviews); in the preview and release builds, a generated page's front matter, the
        page made now (by the process that renders it, `adapter.split`); None (the file) for
        the others."""
        uri = page.file.src_uri
        if uri in self._parsed or self._public_item(uri) is not None:
            return ""
        made = self.made(uri) if self.plan is not None else None
        return made.source if made is not None else None

    def page_markdown(self, markdown: str, page: Page) -> str:
        """The Markdown to render for `page`, with its metadata set for the templates."""
        public, indexes, pages = self.public, self.indexes, self.pages
        assert public is not None and indexes is not None and pages is not None
        uri = page.file.src_uri
        item = self._public_item(uri)
        if isinstance(item, WithdrawalNotice):
            page.meta = {
                "title": safe_text(item.title),
                "description": safe_text("This review has been withdrawn."),
                "template": "review.html",
                "review": notice_view(item, public),
            }
            return ""
        if isinstance(item, Review):
            page.meta = {
                "title": safe_text(item.title),
                "description": safe_text(item.summary),
                "template": "review.html",
                "review": review_view(item, public, indexes.related.for_review(item)),
            }
            if public.is_archived(item):
                return ""
            plans_url = urls.board_actions(public.board_slug(item))
            return self._fragments.markdown(
                uri, review_parts(item, self.templates, pages.points, public.as_of, plans_url)
            )
        generated = self._generated.pop(uri, None)  # its HTML lives on in the page only
        if generated is not None:  # its HTML is added after Markdown (page_content)
            _escape_title(page)
            if uri == urls.source_of(urls.SEARCH):
                page.meta["search"] = search_options(public, indexes.listed)
            return self._fragments.markdown(uri, [generated.body])
        parsed = self._parsed.get(uri)
        if parsed is not None:  # render what the strict reader read, never MkDocs' looser reading
            page.meta = dict(parsed.meta)
            markdown = parsed.body
        _escape_title(page)
        theme_slug = uri[len(urls.THEMES) : -3] if uri.startswith(urls.THEMES) else None
        if theme_slug in public.themes.themes:
            theme = public.themes[theme_slug]
            page.meta["description"] = safe_text(theme.summary)
            page.meta["template"] = "theme.html"
            page.meta["feed"] = {"title": exports.theme_feed_title(theme), "url": urls.theme_feed(theme.slug)}
            return self._fragments.markdown(uri, [markdown, pages.theme_sections(theme)])
        return markdown

    @staticmethod
    def template_globals(env: Environment) -> None:
        """What overrides/main.html asks of this build: the navigation kept per depth."""
        env.globals["casereviews_navigation"] = NavigationCache()

    def kept_pages(self, files: Files) -> None:
        """In the preview and release builds, what the sitemap reads of each review page not
        rendered again: its state and date (a withdrawn review is listed nowhere; a review's
        lastmod is its publication date)."""
        if self.keyed is None:
            return
        assert self.public is not None
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            item = self._public_item(file.src_uri)
            if isinstance(item, WithdrawalNotice):
                page.meta = {"review": {"state": "withdrawn", "published_iso": item.published.isoformat()}}
            elif isinstance(item, Review):
                state = "archived" if self.public.is_archived(item) else "published"
                page.meta = {"review": {"state": state, "published_iso": item.published.isoformat()}}

    def page_written(self, page: Page) -> None:
        """MkDocs writes `page` next: the pages before it are written (see `output_checks.written`).
        In a release build, a file at its place (linked from the last release) is removed
        first, so that MkDocs writes a new file, never into the last release's."""
        if self.keyed is not None and self.keyed.kept_dir is not None:
            Path(page.file.abs_dest_path).unlink(missing_ok=True)
        if self.second is not None and self.second.is_fork:
            return  # this process checks the fork's pages once it has ended
        if self.checks is not None and self.indexing is not None:
            if self._writing is not None:
                self.checks.files.written(Path(self._writing.abs_dest_path))
                self.indexing.written(self._writing.dest_uri)
            self._writing = page.file

    def page_content(self, html: str, page: Page) -> str:
        """The page's HTML with our fragments in place, without comments (editors' notes stay in the source)."""
        html, page.toc, ids = self._fragments.insert(page.file.src_uri, html, page.toc)
        if ids:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
        return _HTML_COMMENT.sub("", html)

    def split_pages(self, nav: Navigation, config: MkDocsConfig) -> None:
        """In a release build on a machine with a second processor, the generated pages outside
        the nav are rendered by a second process (`adapter.split`)."""
        files = self.files
        if self.preview is not None or self.keyed is None or files is None or self.checks is None:
            return
        if split.processes_wanted(self.environment) < 2:
            return
        in_nav = {page.file.src_uri for page in nav.pages}
        fresh = [file for file in files.documentation_pages() if file.is_modified() and file.src_uri not in in_nav]
        authored = {uri for uri in (file.src_uri for file in fresh) if uri in self._parsed or self._public_item(uri)}
        theirs = [file for file in fresh if file.src_uri not in authored]
        ours = [file for file in fresh if file.src_uri in authored]
        checks = self.checks

        def before() -> None:
            checks.files.flush()
            # the pages' folders made in the order one process makes them: a folder lists its
            # entries in the order they were made on some file systems, and search reads them so
            for file in files.documentation_pages():
                Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)

        self.second = split.fork(theirs, ours, mark_rendered, config.strict, before=before)

    def second_reads_done(self, files: Files, config: MkDocsConfig) -> None:
        """In the second process, once the pages are read: it writes its own pages only."""
        if self.second is not None and self.second.is_fork:
            split.write_only(self.second, files, mark_rendered, config)

    def _second_ended(self) -> Problem | None:
        """The second process ends (in it) or is waited for (here): a problem if it failed;
        else the pages it wrote are checked as this process's are."""
        second, files = self.second, self.files
        assert second is not None and files is not None
        if second.is_fork:
            second.leave()
        if not second.wait():
            return Problem(
                "build",
                None,
                None,
                f"the second process rendering {len(second.sources)} pages (briefings, theme years and other lists) "
                "failed: see the problems above. Nothing was published",
            )
        assert self.checks is not None and self.indexing is not None
        for file in files.documentation_pages():
            if file.src_uri in second.sources:
                self.checks.files.written(Path(file.abs_dest_path))
                self.indexing.written(file.dest_uri)
        return None

    # -- after the build ---------------------------------------------------------------

    def post_build(self, config: MkDocsConfig) -> list[Problem]:
        """Write what is built from the public view, then check the output; problems found.
        (The second process of a release build ends here, see `adapter.split`.)"""
        assert self.site is not None and self.public is not None and self.indexes is not None
        assert self.pages is not None
        if self.second is not None:
            problem = self._second_ended()
            if problem is not None:
                self.post_build_failed = True
                return [problem]
        if self.preview is not None:
            assert self.plan is not None
            kept = None if self.quick or self.files is None else {file.dest_uri for file in self.files}
            problems = output.write_preview_outputs(
                config,
                self.site,
                self.public,
                self.indexes,
                self.settings,
                self.templates,
                self.preview,
                self.plan,
                kept,
            )
        else:
            assert self.checks is not None and self.indexing is not None
            problems = output.write_outputs(
                config,
                self.public,
                self.indexes,
                self.settings,
                self.templates,
                self.previous_manifest,
                self.checks,
                self.indexing,
            )
        self.post_build_failed = bool(problems)
        if not problems and self.preview is None and self.keyed is not None:
            releases.save_record(self.site_dir, self.keyed.planned(), self.keyed, self.engine)
        if not problems and not self.quick and not (self.preview is not None and self.preview.deferred):
            # a quick rebuild's new conversions are kept by the next full one; with pages
            # waiting, by `pages_filled` (the file keeps the points of every page)
            self.pages.points.save()
        return problems
