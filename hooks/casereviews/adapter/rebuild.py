"""The preview's rebuilds: a full one through MkDocs' build, or a quick one of the pages an edit
touched, through MkDocs' own functions for a page, on what the last full rebuild set up.

A full rebuild is MkDocs' dirty build, the hooks choosing which pages it renders (see
`adapter.preview`). Besides rendering, it costs MkDocs about a second at 2,000 reviews
whatever changed: it lists every file, makes a page object and a navigation entry for each of
about 5,000 pages, and writes the sitemap and the 404 page.

A quick rebuild skips all that when none of it can differ: it keeps the configuration, the
files, the navigation and the theme's templates of the last full rebuild (the "engine"), and
is taken only when, after the same loading, vetting and keying as a full rebuild,

- the content has no problem, warnings included;
- its frame is the last full rebuild's: the same site key (settings, address, templates, other
  files), the same hubs' key (what lists show of every review, so every list, the sitemap, the
  feeds and the redirects are unchanged), the same pages, and the same files copied as they
  are (content/'s and the theme's);
- MkDocs has no plugin but our hooks (the events a quick rebuild does not run are ours).

Then it renders the pages whose key changed exactly as MkDocs would (`engine.populate_page`,
`engine.build_page`, the anchor check), writes the catalogue and runs the same checks after the
build. Anything else (an edit to front matter that lists show, a review added, turned draft
or withdrawn, a problem) is a full rebuild. A quick rebuild that fails leaves no engine: the
next rebuild is a full one.

A rebuild may leave pages to render after it (`Preview.defer_above`): `fill` renders some of
them on the engine it left, exactly as it would have, and checks them as it checks what it
wrote; `Filler` does so in the background and renders a page asked for at once. Rebuilds and
`fill` hold the preview's lock: one writes to the site folder at a time.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .build import SiteBuild
from .engine import WarningCounter, build_page, mark_rendered, populate_page
from .preview import CONFIG_ATTRIBUTE, Preview, remove_site_file

log = logging.getLogger("casereviews.preview")

#: Our hooks' file: the only plugin whose events a quick rebuild may leave out (it runs ours itself).
HOOKS_FILE = "casereview_events.py"


@dataclass
class Engine:
    """What MkDocs set up in the last full rebuild, reused by quick ones."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    #: The key of everything a quick rebuild leaves as it was (see the module docstring).
    frame: str
    inclusion: Any


def rebuild(config_file: Path, site_dir: Path, preview: Preview, serve_url: str | None = None) -> str:
    """One rebuild of the preview into `site_dir` (the first renders everything, but the pages
    it defers: see `Preview.defer_above` and `fill`); which kind it was ('quick' or 'full').
    Raises Abort on problems. Once it succeeded, the folder is recorded (when the preview is
    kept between starts: see `adapter.store`)."""
    with preview.lock:
        preview.report.start()
        engine_warnings = _EngineWarnings()
        logging.getLogger("mkdocs").addHandler(engine_warnings)
        try:
            kind = _rebuild(config_file, site_dir, preview, serve_url)
        except Abort as error:
            preview.report.failed(str(error), engine_warnings.messages)
            raise
        finally:
            logging.getLogger("mkdocs").removeHandler(engine_warnings)
            preview.report.done()
        if preview.store is not None:
            preview.store.save(preview)
        return kind


class _EngineWarnings(logging.Handler):
    """The warnings and errors logged in a rebuild (MkDocs' own, and the settings' problems):
    a rebuild they stop shows them in the browser too (the report leaves out those it lists
    as problems of the content already)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _rebuild(config_file: Path, site_dir: Path, preview: Preview, serve_url: str | None) -> str:
    engine = preview.engine
    if isinstance(engine, Engine) and Path(engine.config.site_dir) == site_dir:
        try:
            if quick_rebuild(engine, preview):
                return "quick"
        except Abort:
            raise
        except Exception:  # a fault of ours: the full rebuild does everything again, and reports it if it is there too
            log.warning("The quick rebuild failed; rebuilding in full", exc_info=True)
    preview.engine = None
    gc.unfreeze()  # what the last full rebuild set up may go now
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    if serve_url:
        config.site_url = serve_url
    setattr(config, CONFIG_ATTRIBUTE, preview)
    build(config, serve_url=serve_url, dirty=True)
    done = SiteBuild.of(config)
    mode = done.preview_rebuild()
    frame = mode.keyed.frame
    if frame is not None and mode.nav is not None and mode.env is not None and done.files is not None:
        inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
        preview.engine = Engine(config, done.files, mode.nav, mode.env, frame, inclusion)
        for file in done.files.documentation_pages():
            if file.page is not None:
                file.page.content = None  # the HTML is written: not kept in memory between rebuilds
        # What is kept until the next full rebuild (pages, files, content) is most of the heap:
        # out of the collector's sight, a quick rebuild's collections are a hundred times shorter.
        gc.freeze()
    return "full"


class _Lap:
    """Records the time each stage of a rebuild took, into `timings` (stage → seconds)."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now


def quick_rebuild(engine: Engine, preview: Preview) -> bool:
    """Render the pages an edit touched on `engine`, when nothing else can differ (see the module
    docstring); False, having written nothing, when a full rebuild is needed."""
    config = engine.config
    if any(Path(name).name != HOOKS_FILE for name in config.plugins):
        return False  # a plugin's events would not run
    counter = WarningCounter()  # as MkDocs' build: in strict mode, a warning fails the rebuild
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    done = False
    timings = preview.timings
    timings.clear()
    lap = _Lap(timings)
    try:
        site_build = SiteBuild.start(config, quick=True)
        keyed = site_build.preview_rebuild().keyed
        if site_build.config_problems:
            return False
        site = site_build.load()
        lap("load, vet, public view, indexes")
        if any(problem not in site_build.contained for problem in site.problems):
            return False
        plan = keyed.key_pages(site_build, quick=True)
        lap("keys")
        if plan is None or keyed.frame != engine.frame:
            return False
        files = engine.files
        keyed.fresh = keyed.choose_pages(site_build, files)
        site_build.files = files
        lap("choose and make pages")
        for file in keyed.fresh:
            assert file.page is not None
            populate_page(file.page, config, files)
        lap("Markdown")
        documentation = files.documentation_pages(inclusion=engine.inclusion)
        for file in keyed.fresh:
            assert file.page is not None
            build_page(file.page, config, documentation, engine.nav, engine.env)
        for file in keyed.fresh:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            file.page.content = None
        lap("templates")
        for problem in site_build.post_build(config):
            logging.getLogger("mkdocs.plugins.casereviews").error(str(problem))
        lap("exports and checks")
        if site_build.post_build_failed:
            raise Abort(f"Build stopped after writing: {site_build.mode.stopped_advice(after_writing=True)}")
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        done = True
        return True
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        if not done:
            preview.engine = None  # the next rebuild is a full one


#: A rebuild of the preview that must render more review pages, briefings and pages of theme
#: years than this (the first start, a change of settings or templates) renders the other pages,
#: is served, and leaves those to `Filler` (see `Preview.defer_above`).
DEFER_ABOVE = 200

#: Pages `Filler` renders at a time: a rebuild or a page asked for waits for these at most.
FILL_PAGES = 20
#: While pages are rendered after a rebuild, the folder's record is written this often (seconds).
SAVE_EVERY = 3.0


def fill(preview: Preview, count: int = FILL_PAGES, first: Iterable[str] = (), only: bool = False) -> list[str]:
    """Render up to `count` of the pages the last rebuild deferred (those of `first`, source
    paths, first; with `only`, those alone) as it would have, on its engine, and check them as
    it checks what it wrote; the pages rendered. A page whose checks found a problem (or that
    MkDocs warned about, in strict mode) is deleted, and the problems logged: it is not shown
    until a rebuild renders it. Nothing is rendered after a rebuild that failed (it left no engine)."""
    first = list(first)
    with preview.lock:
        engine = preview.engine
        if not isinstance(engine, Engine) or not preview.deferred:
            return []
        config, files = engine.config, engine.files
        site_build = SiteBuild.of(config)
        mode = site_build.preview_rebuild()
        sources = preview.next_deferred(count, first)
        if only:  # rendered meanwhile, the page asked for is served as it is
            sources = [source for source in sources if source in first]
        if not sources:
            return []
        preview.filled([source for source in sources if files.get_file_from_path(source) is None], shown=False)
        chosen = [file for source in sources if (file := files.get_file_from_path(source))]
        for file in chosen:
            mark_rendered(file, True)
        preview.started_writing()
        warned: set[str] = set()
        warnings = WarningCounter()  # as MkDocs' build counts them: in strict mode, a problem
        warnings.setLevel(logging.WARNING)
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(warnings)
        try:
            documentation = files.documentation_pages(inclusion=engine.inclusion)
            for file in chosen:
                assert file.page is not None
                before = sum(warnings.counts.values())
                populate_page(file.page, config, files)
                build_page(file.page, config, documentation, engine.nav, engine.env)
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
                file.page.content = None
                if config.strict and sum(warnings.counts.values()) > before:
                    warned.add(file.src_uri)
        finally:
            mkdocs_log.removeHandler(warnings)
        shown, failed = mode.check_filled(site_build, config, [file.src_uri for file in chosen], warned)
        for source in failed:
            remove_site_file(Path(config.site_dir), preview.deferred[source])
        preview.filled(failed, shown=False)
        preview.filled(shown, shown=True)
        preview.writing = False
        if not preview.deferred:
            mode.pages_filled(site_build, config)
        if preview.store is not None and (not preview.deferred or preview.store.saved_for(SAVE_EVERY)):
            preview.store.save(preview)
        return sources


class Filler:
    """Renders the pages a rebuild deferred, in the background, a few at a time (`fill`); a page
    asked for is rendered at once (`render_requested`). Woken after every rebuild."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._work, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """A rebuild finished: there may be pages to render."""
        self._wake.set()

    def stop(self) -> None:
        """Stop once the pages being rendered are done; record the folder as they leave it."""
        self._stopped = True
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join()
        with self.preview.lock:
            if self.preview.store is not None and not self.preview.writing:
                self.preview.store.save(self.preview)

    def render_requested(self, output: str) -> None:
        """Render the page at `output` (a path relative to the site folder) now if it waits to be rendered."""
        source = self.preview.deferred_source(output)
        if source is not None:
            try:
                fill(self.preview, 1, [source], only=True)
            except Exception:  # a fault of ours: the page is not served; the next rebuild renders in full
                log.warning("Rendering %s failed", output, exc_info=True)
                self.preview.engine = None

    def _work(self) -> None:
        while not self._stopped:
            self._wake.wait()
            self._wake.clear()
            if not self.preview.deferred:
                continue
            while not self._stopped and self.preview.deferred:
                try:
                    rendered = fill(self.preview)
                except Exception:  # a fault of ours: left to the next rebuild, which renders in full
                    log.warning("Rendering the pages not yet shown failed", exc_info=True)
                    self.preview.engine = None
                    break
                if not rendered:  # the last rebuild failed
                    break
                time.sleep(0.005)  # a rebuild or a page asked for waiting on the lock goes first
            if not self.preview.deferred:
                log.info("Preview: every page rendered")
