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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import urls
from ..index.indexes import Indexes, build_indexes
from ..load.catalogue import TEMPLATE_NAME, Site
from ..load.content_files import DATA_DIR
from ..model.reviews import Review
from ..model.source import SourceDocument
from ..policy.public import PublicSite, WithdrawalNotice
from ..policy.publication import build_time, published_bodies
from ..policy.vetting import check_content
from ..problems import Problem, summary_line
from ..render import exports
from ..render.generated import GeneratedPage, front_matter
from ..render.pages import Pages
from ..render.review_body import review_parts
from ..render.sanitise import clean, needs_cleaning, refused_problems
from ..render.templating import OVERRIDE_FOLDER, Templates
from ..render.views import notice_view, review_view, search_options
from ..settings import EnvironmentVariables, Settings
from . import output
from .engine import engine_of
from .fragments import FragmentStore
from .modes import BuildMode, PreviewRebuild, mode_for
from .navigation import NavigationCache

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
    """Everything one build knows: settings, the loaded content, the public view and its pages.
    What it does beyond a plain build is its mode's (`adapter.modes`)."""

    docs_dir: Path
    project_dir: Path
    now: dt.datetime
    settings: Settings
    environment: EnvironmentVariables
    templates: Templates
    previous_manifest: frozenset[str] | None
    mode: BuildMode
    site_url: str = ""
    site_dir: Path = field(default_factory=Path)
    config_problems: list[Problem] = field(default_factory=list)
    #: The engine building: 'mkdocs' or 'properdocs'.
    engine: str = "mkdocs"
    #: The site's Markdown extensions, for the learning points converted outside pages.
    markdown_options: dict[str, Any] = field(default_factory=dict)
    #: The page templates of the theme (its folders' top-level .html files): what `template:` may name.
    page_templates: frozenset[str] = frozenset()
    site: Site | None = None
    public: PublicSite | None = None
    indexes: Indexes | None = None
    pages: Pages | None = None
    post_build_failed: bool = False
    #: Authored pages other than reviews, as the strict reader read them (source path → document).
    parsed: dict[str, SourceDocument] = field(default_factory=dict)
    #: Generated pages made and not yet rendered (source path → page).
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    #: MkDocs' files of this build.
    files: Files | None = None
    _fragments: FragmentStore = field(default_factory=FragmentStore)
    #: Pages whose Markdown may make HTML the sanitiser refuses: their HTML is cleaned.
    _to_clean: set[str] = field(default_factory=set)
    #: Problems of the content this build shows without stopping (see `BuildMode.contained`).
    contained: list[Problem] = field(default_factory=list)

    @classmethod
    def start(cls, config: MkDocsConfig, quick: bool = False) -> SiteBuild:
        """Read settings from the MkDocs config and the environment; keep the build on `config`.
        `quick`: a quick rebuild of the preview (see `adapter.rebuild`)."""
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
        engine = engine_of(config)
        mode = mode_for(config, environment, engine)
        if isinstance(mode, PreviewRebuild):
            mode.quick = quick
        override_dirs = [Path(custom_dir) / OVERRIDE_FOLDER] if custom_dir else []
        build = cls(
            docs_dir=Path(config.docs_dir),
            project_dir=output.project_dir(config),
            now=now,
            settings=settings,
            environment=environment,
            templates=mode.templates(override_dirs),
            previous_manifest=previous,
            mode=mode,
            site_url=config.site_url or "",
            site_dir=Path(config.site_dir),
            config_problems=problems,
            engine=engine,
            markdown_options={"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs},
            page_templates=frozenset(
                path.name for folder in config.theme.dirs for path in Path(folder).glob("*.html") if path.is_file()
            ),
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

    def preview_rebuild(self) -> PreviewRebuild:
        """This build's mode, which the preview process started (`adapter.rebuild`)."""
        if not isinstance(self.mode, PreviewRebuild):
            raise RuntimeError("this build is not a preview's rebuild")
        return self.mode

    def load(self) -> Site:
        """Load, validate and vet content/; compute the public view and its indexes."""
        self.site = check_content(self.docs_dir, self.now, self.project_dir, self.mode.content_memo(), self.environment)
        self.site.add_problems(self.author_html_problems(self.site))
        self.site.add_problems(self.template_problems(self.site))
        self.contained = self.mode.contained(self.site)
        if not self.stopping():
            self.public = self.mode.view(self.site, self.now)
            points = self.environment.cache_folder(self.project_dir, self.mode.cache_prefix + "points")
            self.indexes = build_indexes(self.public, self.settings.related_count)
            self.pages = Pages(
                self.public,
                self.indexes,
                self.templates,
                self.settings,
                self.site_url,
                output.qr_cache(self.project_dir, self.environment),
                self.markdown_options,
                self.mode.point_html(self.markdown_options, points),
            )
            self.parsed = {file.uri: file.document for file in self.site.files.values() if file.review_slug is None}
        else:
            self.mode.load_failed(self)
        return self.site

    def stopping(self) -> list[Problem]:
        """The content's errors that stop this build: all of them, but those its mode shows
        without stopping (the preview's, in drafts)."""
        assert self.site is not None
        return [problem for problem in self.site.errors if problem not in self.contained]

    def author_html_problems(self, site: Site) -> list[Problem]:
        """HTML in authors' Markdown that the sanitiser would remove (`render.sanitise`), at its
        file and line, for every file whose body is or will be published."""
        return refused_problems(published_bodies(site), self.markdown_options)

    def template_problems(self, site: Site) -> list[Problem]:
        """A page's `template:` that the theme does not have (a bare file name: `load` saw to that)."""
        return [
            Problem(
                file.document.path,
                file.document.line_of("template"),
                "template",
                f"found '{name}', which is not a template of the theme; expected one of: "
                + ", ".join(sorted(self.page_templates)),
            )
            for file in site.files.values()
            if isinstance(name := file.document.meta.get("template"), str)
            and TEMPLATE_NAME.match(name)
            and name not in self.page_templates
        ]

    def loaded(self) -> tuple[Site, PublicSite, Indexes]:
        """The content, its public view and indexes, once loaded without errors."""
        assert self.site is not None and self.public is not None and self.indexes is not None
        return self.site, self.public, self.indexes

    def pages_made(self) -> Pages:
        """What makes the generated pages, once the content is loaded."""
        assert self.pages is not None
        return self.pages

    def problem_summary(self) -> str:
        assert self.site is not None
        return summary_line(self.stopping())

    # -- files -------------------------------------------------------------------------

    def arrange_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Keep only what the public view publishes; stub notices and archived records; add pages.

        A review file is kept only when the public view lists the review in full: drafts,
        embargoed reviews and anything that failed validation are dropped by construction.
        """
        _, public, _ = self.loaded()
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
        self.files = files
        self.mode.arrange(self, files, config)
        return files

    # -- pages -------------------------------------------------------------------------

    def public_item(self, uri: str) -> Review | WithdrawalNotice | None:
        """The review or withdrawal notice whose page `uri` is, if any."""
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
        if uri in self.parsed or self.public_item(uri) is not None:
            return ""
        made = self.mode.made(self, uri)
        return made.source if made is not None else None

    def page_markdown(self, markdown: str, page: Page) -> str:
        """The Markdown to render for `page`, with its metadata set for the templates; a page
        whose Markdown may make refused HTML is marked to be cleaned (`page_content`)."""
        converted = self._page_markdown(markdown, page)
        if needs_cleaning(converted):
            self._to_clean.add(page.file.src_uri)
        return converted

    def _page_markdown(self, markdown: str, page: Page) -> str:
        public, indexes, pages = self.public, self.indexes, self.pages
        assert public is not None and indexes is not None and pages is not None
        uri = page.file.src_uri
        item = self.public_item(uri)
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
        generated = self.generated.pop(uri, None)  # its HTML lives on in the page only
        if generated is not None:  # its HTML is added after Markdown (page_content)
            _escape_title(page)
            if uri == urls.source_of(urls.SEARCH):
                page.meta["search"] = search_options(public, indexes.listed)
            return self._fragments.markdown(uri, [generated.body])
        parsed = self.parsed.get(uri)
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

    def nav_ready(self, nav: Navigation, config: MkDocsConfig) -> None:
        """MkDocs has the navigation (a release build may hand pages to a second process)."""
        self.mode.nav_ready(self, nav, config)

    def env_ready(self, env: Environment, files: Files, config: MkDocsConfig) -> None:
        """MkDocs has read every page and set up the theme's templates, which are compiled
        once and kept (Jinja's bytecode cache, by each template's name and source): MkDocs
        makes a new environment for every build, and compiling Material's templates again
        took a third of a second of each build and of each full rebuild of the preview."""
        self.template_globals(env)
        env.bytecode_cache = FileSystemBytecodeCache(str(self._template_cache()))
        self.mode.env_ready(self, env, files, config)

    def _template_cache(self) -> Path:
        folder = self.environment.cache_folder(self.project_dir, "templates")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def page_html(self, html: str) -> str:
        """A page's whole HTML, as MkDocs is about to write it, as the mode writes it."""
        return self.mode.page_html(html)

    def page_written(self, page: Page) -> None:
        """MkDocs writes `page` next: the pages before it are written (see `output_checks.written`)."""
        self.mode.page_written(self, page)

    def page_content(self, html: str, page: Page) -> str:
        """The page's HTML with our fragments in place, without comments (editors' notes stay in the source)."""
        if page.file.src_uri in self._to_clean:  # the author's HTML, before our fragments go in
            self._to_clean.discard(page.file.src_uri)
            html = clean(html).html
        html, page.toc, ids = self._fragments.insert(page.file.src_uri, html, page.toc)
        if ids:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
        return _HTML_COMMENT.sub("", html)

    # -- after the build ---------------------------------------------------------------

    def post_build(self, config: MkDocsConfig) -> list[Problem]:
        """Write what is built from the public view, then check the output; problems found."""
        problems = self.mode.post_build(self, config)
        self.post_build_failed = bool(problems)
        if not problems and self.mode.keeps_points():
            self.pages_made().points.save()
        return problems
