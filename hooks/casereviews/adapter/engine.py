"""Every part of the engine this package uses that the engine does not promise, in one place.

MkDocs 1.6.1 is unmaintained; ProperDocs, its maintained fork, may change what MkDocs never
promised; Material for MkDocs ends on 5 May 2027. Each seam below has no public equivalent,
says why it is used, and was read in the versions of `WRITTEN_FOR`.
`tests/test_engine_seams.py` fails when an installed engine is another version, or a seam
is gone from either engine, and when a module other than this one uses a seam: whoever
upgrades reads this list first.

The seams:

- `mark_rendered`: `File.is_modified` replaced per file. In a dirty build MkDocs renders a
  page when `is_modified()` says so (by file times); the build decides instead, from what
  each page is made of (`adapter.preview`, `adapter.releases`, `adapter.split`).
- `populate_page`, `build_page`: `commands.build._populate_page` and `_build_page`, which
  render one page as a build would. The preview's quick rebuild renders only the pages
  whose key changed, without MkDocs' work for the whole site (`adapter.rebuild`).
- `WarningCounter`: `utils.CountHandler`, how MkDocs counts warnings to fail a strict build;
  the quick rebuild and the second process of a release build count theirs the same way.
- `DIRTY_WARNING`, `BUILD_LOGGERS`: the text and loggers of the warning every dirty build
  logs; release builds and the preview are dirty builds on purpose (`adapter.releases`).
- `PreviewServer`: `livereload.LiveReloadServer._serve_request` and its epoch condition
  (`_epoch_cond`, `_visible_epoch`, `_wanted_epoch`), so a page the preview deferred is
  rendered before it is served and no request is answered in the middle of a rebuild; and
  `_inject_js_into_html`, where the live-reload script goes into each page, so the problems
  of the last rebuild go in with it (and an address with no page is answered by them);
  `serve_url` is `livereload._serve_url`, the address MkDocs' server prints.
- `engine_of`: which engine is building, from the module of its configuration class.
- Material's templates: `overrides/main.html` replaces the blocks of Material's `base.html`
  named in `MATERIAL_BLOCKS` with copies (from the version of `WRITTEN_FOR`) that keep the
  navigation made once per depth (`adapter.navigation`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any, Protocol

from mkdocs import utils
from mkdocs.commands import build as _engine_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.livereload import _serve_url as serve_url  # noqa: F401  (a seam: see the docstring)
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: Engine package → the versions in which the seams here were read.
WRITTEN_FOR: dict[str, tuple[str, ...]] = {
    "mkdocs": ("1.6.1",),
    "properdocs": ("1.6.7",),
    "mkdocs-material": ("9.8.1",),
}
#: Each engine's modules holding the private functions and classes used here (ProperDocs has
#: its own copies, under its own name).
PRIVATE_NAMES: dict[str, tuple[str, ...]] = {
    "commands.build": ("_populate_page", "_build_page"),
    "livereload": ("_serve_url",),
    "utils": ("CountHandler",),
}
#: `LiveReloadServer`'s private members `PreviewServer` uses.
SERVER_MEMBERS = ("_serve_request", "_inject_js_into_html", "_epoch_cond", "_visible_epoch", "_wanted_epoch")
#: The blocks of Material's base.html that overrides/main.html replaces with changed copies.
MATERIAL_BLOCKS = ("tabs", "site_nav")
#: The warning every dirty build logs, and the loggers that log it.
DIRTY_WARNING = "A 'dirty' build is being performed"
BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")

WarningCounter = utils.CountHandler


def engine_of(config: MkDocsConfig) -> str:
    """The engine building: 'mkdocs' or 'properdocs' (the package its configuration class is from)."""
    return type(config).__module__.partition(".")[0]


def mark_rendered(file: File, fresh: bool) -> None:
    """Whether MkDocs renders `file` again in a dirty build: the build decides, not file times."""
    file.is_modified = lambda: fresh  # type: ignore[method-assign]


def populate_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and convert one page as a dirty build does."""
    _engine_build._populate_page(page, config, files, dirty=True)


def build_page(page: Page, config: MkDocsConfig, documentation: Iterable[File], nav: Navigation, env: Any) -> None:
    """Render and write one converted page as a dirty build does."""
    _engine_build._build_page(page, config, documentation, nav, env, dirty=True)  # type: ignore[arg-type]


class PageFiller(Protocol):
    def render_requested(self, relative: str) -> None: ...


class PreviewServer(LiveReloadServer):
    """MkDocs' server, but a page not yet rendered (see `adapter.rebuild.Filler`) is rendered
    before it is served, a request waits while a rebuild is under way, every page carries what
    `annotate` adds (the problems standing), and an address with no page is answered by
    `fallback` when it has a page to give (the problems), not with 404."""

    filler: PageFiller | None = None
    requested: Any = None  # how a request's path maps to the site's files (set by the preview)
    #: HTML page → the page as served (set by the preview).
    annotate: Any = None
    #: A request's path → a page to answer with where the site has none, or None (404).
    fallback: Any = None

    def _serve_request(self, environ, start_response):  # type: ignore[no-untyped-def]
        if self.filler is not None:
            condition: threading.Condition = self._epoch_cond
            with condition:  # a rebuild going on may defer the page
                condition.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            for relative in self.requested(environ["PATH_INFO"], self.mount_path):
                self.filler.render_requested(relative)
        served = super()._serve_request(environ, start_response)
        if served is None and self.fallback is not None:
            page = self.fallback(environ["PATH_INFO"])
            if page is not None:
                with self._epoch_cond:
                    content = LiveReloadServer._inject_js_into_html(self, page, self._visible_epoch)  # type: ignore[no-untyped-call]
                start_response(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))]
                )
                return [content]
        return served

    def _inject_js_into_html(self, content, epoch):  # type: ignore[no-untyped-def]
        content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        return self.annotate(content) if self.annotate is not None else content


def quiet_logger(name: str, unwanted: logging.Filter) -> None:
    """Add `unwanted` to the logger `name` unless a filter of its type is there already."""
    logger = logging.getLogger(name)
    if not any(isinstance(existing, type(unwanted)) for existing in logger.filters):
        logger.addFilter(unwanted)
