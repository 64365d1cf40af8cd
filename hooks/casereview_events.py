"""MkDocs hooks: the events only. Everything they do lives in the `casereviews` package.

Order of work in a build:
- on_config: fresh state for this build (hooks survive `mkdocs serve` rebuilds).
- on_files: load and validate all content; stop with every problem listed; drop what must
  not be published; replace withdrawn and archived reviews by their notices; add the
  generated pages.
- on_page_markdown: review pages get their record and template; theme pages get their lists.
- on_page_content: HTML comments (editors' notes) never reach the output.
- on_post_build: exports, feed, redirects, search index and URL manifest, then the leak
  guard over every file written.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from casereviews.build import BuildState

log = logging.getLogger("mkdocs.plugins.casereviews")

state: BuildState | None = None

Event = TypeVar("Event", bound=Callable[..., Any])


def reported(event: Event) -> Event:
    """Turn a fault in our own code into a short message: no traceback reaches an author.

    The traceback is still logged at debug level (`mkdocs build --verbose`) for developers.
    """

    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except Abort:
            raise
        except Exception as error:
            log.debug("Traceback of the fault:", exc_info=True)
            raise Abort(
                f"Build stopped by a fault in the site's code ({event.__name__}: {type(error).__name__}: {error}). "
                "This is not a problem with your content: run 'mkdocs build --verbose' and report what it prints."
            ) from None

    return run  # type: ignore[return-value]


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Create this build's state and register the learning-point anchors extension."""
    global state
    state = BuildState.create(config)
    for message in state.config_problems:
        log.error(message)
    if state.config_problems:
        raise Abort("Build stopped: the site configuration needs fixing (see above).")
    return config


@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load content, stop on problems, and decide which files become pages."""
    assert state is not None
    site = state.load()
    for warning in site.warnings:
        log.warning(str(warning))
    if site.errors:
        for error in site.errors:
            log.error(str(error))
        raise Abort(f"Build stopped: {state.problem_summary()}. Nothing was published; fix the problems above.")
    return state.arrange_files(files, config)


@reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give review pages their record and template; add generated lists to theme pages."""
    assert state is not None
    return state.page_markdown(markdown, page)


@reported
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Remove HTML comments: editors' notes must never reach the output."""
    assert state is not None
    return state.page_content(html)


@reported
def on_post_build(config: MkDocsConfig) -> None:
    """Write exports, feed, redirects, search index and manifest; then check for leaks."""
    assert state is not None
    for message in state.post_build(config):
        log.error(message)
    if state.post_build_failed:
        raise Abort("Build stopped after writing: see the problems above. Publish nothing from this build.")
