"""How a build runs: a mode, handed to the `SiteBuild` when it starts, adds to what every build does.

`SiteBuild` (adapter/build.py) loads and vets the content, computes the public view, its
indexes and pages, and gives MkDocs what to render. Its mode decides the rest:

- `PlainBuild`: every generated page made at once and rendered; each file checked as it is
  written, the search index started once the pages it indexes are written; exports, feeds,
  search and the URL manifest written after the pages, and the whole output checked.
- `ReleaseBuild` (what `make build` runs): a plain build that keys every page and takes the
  pages unchanged since the last release from it (`adapter.releases`), may render in two
  processes (`adapter.split`), and records its keys for the next release.
- `PreviewRebuild` (`make serve`): keys every page against the preview's state and renders
  the changed ones (`adapter.preview`), may defer pages and render them after
  (`adapter.rebuild`), checks what it rendered, and keeps what a quick rebuild needs.

Release builds and the preview share `KeyedPages`: the keys of every page and the choice of
those rendered. Each mode's fields are its own; `SiteBuild` holds none that only one mode uses.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..load.catalogue import Site
from ..policy.preview_view import preview_view
from ..policy.public import PublicSite, public_view, withheld_text
from ..policy.publication import draft_files
from ..policy.vetting import ContentMemo, draft_findings
from ..problems import Problem
from ..render.csp import with_policy
from ..render.generated import GeneratedPage
from ..render.point_html import PointHtml
from ..render.templating import Templates
from ..search.indexing import SearchIndexing, indexed_pages
from ..settings import EnvironmentVariables
from . import output, preview, releases, split
from .engine import mark_rendered
from .keys import KeyedPages
from .preview import Preview

if TYPE_CHECKING:
    from .build import SiteBuild

_log = logging.getLogger("casereviews.preview")
_build_log = logging.getLogger("mkdocs.plugins.casereviews")


class BuildMode:
    """What a mode may add to each step of a build; the defaults are a plain build's."""

    #: Before the names of the cache folders this mode writes (`EnvironmentVariables.cache_folder`).
    cache_prefix = ""

    def templates(self, override_dirs: list[Path]) -> Templates:
        return Templates(override_dirs)

    def content_memo(self) -> ContentMemo | None:
        """What a long-lived process keeps of the content it read (None: read everything)."""
        return None

    def point_html(self, markdown_options: dict[str, object], folder: Path) -> PointHtml:
        return PointHtml(markdown_options, folder)

    def contained(self, site: Site) -> list[Problem]:
        """The content's problems this mode shows without stopping: none, in a build."""
        return []

    def view(self, site: Site, now: dt.datetime) -> PublicSite:
        """What the build publishes: the public view (`policy.public`), and nothing else."""
        return public_view(site, now)

    def stopped_advice(self, after_writing: bool) -> str:
        """What the message of a build stopped by problems says to do."""
        if after_writing:
            return "see the problems above. Publish nothing from this build."
        return "Nothing was published; fix the problems above."

    def load_failed(self, build: SiteBuild) -> None:
        """The content has errors: nothing is rendered."""

    def arrange(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        """Add the generated pages to `files` and decide which are rendered."""
        build.generated = build.pages_made().all()
        for uri, generated in sorted(build.generated.items()):
            files.append(File.generated(config, uri, content=generated.source))

    def made(self, build: SiteBuild, uri: str) -> GeneratedPage | None:
        """The generated page at `uri`, made now, when the mode makes pages as MkDocs reads them."""
        return None

    def nav_ready(self, build: SiteBuild, nav: Navigation, config: MkDocsConfig) -> None:
        """MkDocs has the navigation."""

    def env_ready(self, build: SiteBuild, env: Environment, files: Files, config: MkDocsConfig) -> None:
        """MkDocs has read every page and set up the theme's templates."""

    def page_written(self, build: SiteBuild, page: Page) -> None:
        """MkDocs writes `page` next."""

    def page_html(self, html: str) -> str:
        """A page's whole HTML as written: with its content security policy (`render.csp`)."""
        return with_policy(html)

    def post_build(self, build: SiteBuild, config: MkDocsConfig) -> list[Problem]:
        """Write what is built from the public view and check the output: the problems found."""
        raise NotImplementedError

    def keeps_points(self) -> bool:
        """Whether the learning points converted are saved after a build that succeeded."""
        return True


@dataclass
class PlainBuild(BuildMode):
    """A build of every page: the checks of the files as they are written, its search index
    (started once the pages it indexes are written), and the page MkDocs writes now."""

    checks: output.BuildChecks | None = None
    indexing: SearchIndexing | None = None
    writing: File | None = None

    def arrange(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        site, public, indexes = build.loaded()
        self.checks = output.start_checks(config, site, public, indexes)
        self.indexing = SearchIndexing(
            build.site_dir, indexed_pages(public, indexes), build.environment.cache_folder(build.project_dir, "search")
        )
        self.arrange_pages(build, files, config)

    def arrange_pages(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        super().arrange(build, files, config)

    def page_written(self, build: SiteBuild, page: Page) -> None:
        """The pages before `page` are written: they are checked and may be indexed (see `output_checks.written`)."""
        if self.checks is not None and self.indexing is not None:
            if self.writing is not None:
                self.written(Path(self.writing.abs_dest_path), self.writing.dest_uri)
            self.writing = page.file

    def written(self, path: Path, dest_uri: str) -> None:
        assert self.checks is not None and self.indexing is not None
        self.checks.files.written(path)
        self.indexing.written(dest_uri)

    def post_build(self, build: SiteBuild, config: MkDocsConfig) -> list[Problem]:
        _, public, indexes = build.loaded()
        assert self.checks is not None and self.indexing is not None
        return output.write_outputs(
            config,
            public,
            indexes,
            build.settings,
            build.templates,
            build.previous_manifest,
            self.checks,
            self.indexing,
        )


@dataclass
class ReleaseBuild(PlainBuild):
    """A plain build that keys its pages against the last release's, takes those unchanged from
    it (hard links: `adapter.releases`), may hand the generated pages outside the nav to a
    second process (`adapter.split`), and records its keys for the next release."""

    keyed: KeyedPages | None = None
    #: The other process, when pages are rendered in two.
    second: split.SecondProcess | None = None
    #: Where what this release reads of content/ is kept for the next (`releases.read_content_memo`).
    content_file: Path | None = None
    _content: ContentMemo | None = None

    def content_memo(self) -> ContentMemo | None:
        """What the last release read of content/: only files changed since are read again."""
        if self._content is None and self.content_file is not None:
            self._content = releases.read_content_memo(self.content_file)
        return self._content

    @property
    def release(self) -> releases.ReleaseState:
        """The keys of this release and of the last one."""
        assert self.keyed is not None and isinstance(self.keyed.state, releases.ReleaseState)
        return self.keyed.state

    def arrange_pages(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        assert self.keyed is not None
        self.keyed.arrange(build, files, config)
        state = self.release
        for path in state.reused:  # taken from the last release: checked and indexed as written
            self.written(build.site_dir / path, path)
        if state.kept_dir is not None:
            _build_log.info(
                "%d pages unchanged since the last release, taken from it; %d to render",
                len(state.reused),
                len(self.keyed.fresh),
            )
        if self._content is not None and build.site is not None:
            _build_log.info(
                "%d of %d content files read again (the others as the last release read them)",
                len(self._content.load.parsed),
                len(build.site.files),
            )

    def made(self, build: SiteBuild, uri: str) -> GeneratedPage | None:
        assert self.keyed is not None
        return self.keyed.made(build, uri, keep_briefings=False)

    def nav_ready(self, build: SiteBuild, nav: Navigation, config: MkDocsConfig) -> None:
        """On a machine with a second processor, the generated pages outside the nav are
        rendered by a second process (`adapter.split`)."""
        files, checks = build.files, self.checks
        if files is None or checks is None or split.processes_wanted(build.environment) < 2:
            return
        in_nav = {page.file.src_uri for page in nav.pages}
        fresh = [file for file in files.documentation_pages() if file.is_modified() and file.src_uri not in in_nav]
        authored = {uri for uri in (file.src_uri for file in fresh) if uri in build.parsed or build.public_item(uri)}
        theirs = [file for file in fresh if file.src_uri not in authored]
        ours = [file for file in fresh if file.src_uri in authored]

        def before() -> None:
            checks.files.flush()
            # the pages' folders made in the order one process makes them: a folder lists its
            # entries in the order they were made on some file systems, and search reads them so
            for file in files.documentation_pages():
                Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)

        self.second = split.fork(theirs, ours, mark_rendered, config.strict, before=before)

    def env_ready(self, build: SiteBuild, env: Environment, files: Files, config: MkDocsConfig) -> None:
        assert self.keyed is not None
        self.keyed.kept_pages(build, files)
        if self.second is not None and self.second.is_fork:  # it writes its own pages only
            split.write_only(self.second, files, mark_rendered, config)

    def page_written(self, build: SiteBuild, page: Page) -> None:
        """A file at the page's place (linked from the last release) is removed first, so that
        MkDocs writes a new file, never into the last release's."""
        if self.release.kept_dir is not None:
            Path(page.file.abs_dest_path).unlink(missing_ok=True)
        if self.second is not None and self.second.is_fork:
            return  # this process checks the fork's pages once it has ended
        super().page_written(build, page)

    def post_build(self, build: SiteBuild, config: MkDocsConfig) -> list[Problem]:
        """The second process ends (in it) or is waited for (here); then as a plain build; the
        keys recorded when nothing failed."""
        if self.second is not None:
            problem = self._second_ended(build)
            if problem is not None:
                return [problem]
        problems = super().post_build(build, config)
        assert self.keyed is not None
        if not problems:
            releases.save_record(build.site_dir, self.release.planned(), self.release, build.engine)
            if self.content_file is not None and self._content is not None and build.site is not None:
                releases.save_content_memo(self.content_file, self._content, draft_files(build.site))
        return problems

    def _second_ended(self, build: SiteBuild) -> Problem | None:
        second, files = self.second, build.files
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
        for file in files.documentation_pages():
            if file.src_uri in second.sources:
                self.written(Path(file.abs_dest_path), file.dest_uri)
        return None


@dataclass
class PreviewRebuild(BuildMode):
    """A rebuild of the preview (`make serve`), started by the preview process with its state.
    It builds from the preview's view (drafts and embargoed reviews, marked), shows the
    problems of drafts' files without stopping, and keeps caches of its own: no build reads
    anything the preview made from a draft."""

    cache_prefix = "preview-"

    keyed: KeyedPages
    #: A quick rebuild (see `adapter.rebuild`): MkDocs' work for the whole site is not done.
    quick: bool = False
    #: MkDocs' navigation and theme templates of this rebuild, kept for quick ones.
    nav: Navigation | None = None
    env: Environment | None = None
    #: What the checks of pages rendered after the rebuild compare them with.
    withheld: dict[str, str] | None = None
    linked: dict[str, set[str]] | None = None

    @property
    def state(self) -> Preview:
        """What the preview keeps between rebuilds."""
        assert isinstance(self.keyed.state, Preview)
        return self.keyed.state

    def contained(self, site: Site) -> list[Problem]:
        """The problems of drafts' files: the preview shows them (on every page, and a draft's on
        its own) and builds the rest. Every problem read is recorded for the preview's pages."""
        drafts = draft_files(site)
        self.state.report.read(site, drafts)
        return [problem for problem in site.problems if problem.path in drafts]

    def view(self, site: Site, now: dt.datetime) -> PublicSite:
        """The preview's view: the public view plus drafts and embargoed reviews, marked
        (`policy.preview_view`)."""
        return preview_view(site, now, draft_findings(site, self.state.content))

    def stopped_advice(self, after_writing: bool) -> str:
        return "The preview shows the last pages that built, with these problems listed; fix them and save."

    def page_html(self, html: str) -> str:
        """As written, without a policy: the preview's server adds its live-reload script to
        every page, inline, which a policy of hashes would refuse. Releases always have one."""
        return html

    def templates(self, override_dirs: list[Path]) -> Templates:
        return self.state.templates(override_dirs)

    def content_memo(self) -> ContentMemo | None:
        return self.state.content

    def point_html(self, markdown_options: dict[str, object], folder: Path) -> PointHtml:
        return self.state.point_html(markdown_options, folder)

    def load_failed(self, build: SiteBuild) -> None:
        assert build.site is not None
        self.state.failed(build.site, build.site_dir)

    def arrange(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        self.keyed.arrange(build, files, config)

    def made(self, build: SiteBuild, uri: str) -> GeneratedPage | None:
        return self.keyed.made(build, uri, keep_briefings=True)

    def nav_ready(self, build: SiteBuild, nav: Navigation, config: MkDocsConfig) -> None:
        self.nav = nav

    def env_ready(self, build: SiteBuild, env: Environment, files: Files, config: MkDocsConfig) -> None:
        self.keyed.kept_pages(build, files)
        self.env = env

    def check_filled(
        self, build: SiteBuild, config: MkDocsConfig, sources: list[str], warned: set[str]
    ) -> tuple[list[str], list[str]]:
        """Check the pages just rendered after the rebuild (`sources`; `warned`: those MkDocs
        warned about) as the rebuild checks what it writes: the pages that passed, and those
        that did not (their problems logged)."""
        site, public, _ = build.loaded()
        site_dir, deferred = Path(config.site_dir), self.state.deferred
        if self.withheld is None or self.linked is None:
            self.withheld, self.linked = withheld_text(site, public), output.linked_anchors(public)
        withheld, linked = self.withheld, self.linked

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

    def pages_filled(self, build: SiteBuild, config: MkDocsConfig) -> None:
        """Every page the rebuild deferred is rendered: search may index the site."""
        _, public, indexes = build.loaded()
        output.start_preview_search(config, public, indexes, self.state)
        build.pages_made().points.save()

    def keeps_points(self) -> bool:
        """A quick rebuild's new conversions are kept by the next full one; with pages waiting,
        by `pages_filled` (the file keeps the points of every page)."""
        return not self.quick and not self.state.deferred

    def post_build(self, build: SiteBuild, config: MkDocsConfig) -> list[Problem]:
        site, public, indexes = build.loaded()
        assert self.keyed.plan is not None
        kept = None if self.quick or build.files is None else {file.dest_uri for file in build.files}
        problems = output.write_preview_outputs(
            config, site, public, indexes, build.settings, build.templates, self.state, self.keyed.plan, kept
        )
        self.state.report.written(problems)
        if not problems:
            self.state.notices = {notice.slug for notice in public.notices}
        return problems


def mode_for(config: MkDocsConfig, environment: EnvironmentVariables, engine: str) -> BuildMode:
    """The preview's rebuild when the preview process started this build; a release build when
    scripts/build_site.py did (it names the last release); else a plain build."""
    state = getattr(config, preview.CONFIG_ATTRIBUTE, None)
    if isinstance(state, Preview):
        return PreviewRebuild(KeyedPages.of(state, config))
    release = releases.release_state(environment, engine)
    if release is not None:
        releases.quiet_dirty_warning()
        content_file = releases.content_memo_path(environment, output.project_dir(config))
        return ReleaseBuild(keyed=KeyedPages.of(release, config), content_file=content_file)
    return PlainBuild()
