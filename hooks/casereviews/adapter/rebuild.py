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

Then it renders the pages whose key changed exactly as MkDocs would (`_populate_page`,
`_build_page`, the anchor check), writes the catalogue and runs the same checks after the
build. Anything else (an edit to front matter that lists show, a review added, turned draft
or withdrawn, a problem) is a full rebuild. A quick rebuild that fails leaves no engine: the
next rebuild is a full one.
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .build import SiteBuild
from .preview import CONFIG_ATTRIBUTE, Preview

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
    """One rebuild of the preview into `site_dir` (the first renders everything); which kind it
    was ('quick' or 'full'). Raises Abort on problems. Once it succeeded, the folder is recorded
    (when the preview is kept between starts: see `adapter.store`)."""
    kind = _rebuild(config_file, site_dir, preview, serve_url)
    if preview.store is not None:
        preview.store.save(preview)
    return kind


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
    if done.frame is not None and done.nav is not None and done.env is not None and done.files is not None:
        inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
        preview.engine = Engine(config, done.files, done.nav, done.env, done.frame, inclusion)
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
    counter = utils.CountHandler()  # as MkDocs' build: in strict mode, a warning fails the rebuild
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    done = False
    timings = preview.timings
    timings.clear()
    lap = _Lap(timings)
    try:
        site_build = SiteBuild.start(config)
        site_build.quick = True
        if site_build.config_problems:
            return False
        site = site_build.load()
        lap("load, vet, public view, indexes")
        if site.problems:
            return False
        plan = site_build.preview_plan(quick=True)
        lap("keys")
        if plan is None or site_build.frame != engine.frame:
            return False
        files = engine.files
        site_build.fresh = site_build.choose_pages(files)
        site_build.files = files
        lap("choose and make pages")
        for file in site_build.fresh:
            assert file.page is not None
            _populate_page(file.page, config, files, dirty=True)
        lap("Markdown")
        documentation = files.documentation_pages(inclusion=engine.inclusion)
        for file in site_build.fresh:
            assert file.page is not None
            _build_page(file.page, config, documentation, engine.nav, engine.env, dirty=True)
        for file in site_build.fresh:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            file.page.content = None
        lap("templates")
        for problem in site_build.post_build(config):
            logging.getLogger("mkdocs.plugins.casereviews").error(str(problem))
        lap("exports and checks")
        if site_build.post_build_failed:
            raise Abort("Build stopped after writing: see the problems above. Publish nothing from this build.")
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        done = True
        return True
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        if not done:
            preview.engine = None  # the next rebuild is a full one
