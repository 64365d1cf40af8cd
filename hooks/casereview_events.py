"""MkDocs hooks: the events only. Everything they do lives in the `casereviews` package.

Order of work in a build (each event's work is in `casereviews.adapter.build.SiteBuild`,
created per build in on_config and kept on the configuration object, not in this module):
- on_config: settings and a fresh build.
- on_files: load and validate all content, vet what it publishes; stop with every problem
  listed; keep only what the public view publishes; add the generated pages.
- on_page_read_source: a review or other file already parsed is not read again.
- on_page_markdown: review pages get their record, template and anchored point lists;
  theme pages get their lists.
- on_nav: the navigation is kept (the preview's quick rebuilds reuse it); a release build
  may hand the generated pages outside the nav to a second process (`adapter.split`).
- on_env: the navigation kept per depth for pages outside the nav; in the preview, the
  sitemap's facts of pages not rendered again, and the theme's templates kept for quick
  rebuilds.
- on_page_content: generated HTML put in place after Markdown; HTML comments (editors'
  notes) never reach the output.
- on_post_page: the pages written before this one are checked, beside the build.
- on_post_build: exports, feed, redirects, search index and URL manifest, then the checks
  of every file written (leak guard, loads from other hosts, URL stability).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from casereviews.adapter.build import SiteBuild
from casereviews.problems import Severity

log = logging.getLogger("mkdocs.plugins.casereviews")

Event = TypeVar("Event", bound=Callable[..., Any])

#: How content problems are logged, in this order: notices, warnings, errors.
ORDER = (Severity.NOTICE, Severity.WARNING, Severity.ERROR)
LEVELS = {Severity.NOTICE: logging.INFO, Severity.WARNING: logging.WARNING, Severity.ERROR: logging.ERROR}


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
    """Start this build: settings read and checked."""
    build = SiteBuild.start(config)
    for problem in build.config_problems:
        log.error(str(problem))
    if build.config_problems:
        raise Abort("Build stopped: the site configuration needs fixing (see above).")
    return config


@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load content, stop on problems, and decide which files become pages."""
    build = SiteBuild.of(config)
    site = build.load()
    shown = [problem for problem in site.problems if problem not in build.contained]  # the preview shows those
    for problem in sorted(shown, key=lambda problem: ORDER.index(problem.severity)):
        log.log(LEVELS[problem.severity], str(problem))
    if build.stopping():
        raise Abort(f"Build stopped: {build.problem_summary()}. {build.mode.stopped_advice(after_writing=False)}")
    return build.arrange_files(files, config)


@reported
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Keep the navigation (the preview's quick rebuilds reuse it); maybe fork a second renderer."""
    SiteBuild.of(config).nav_ready(nav, config)
    return nav


@reported
def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Nothing to read for the pages rendered from what the strict reader read."""
    return SiteBuild.of(config).page_source(page)


@reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give review pages their record and template; add generated lists to theme pages."""
    return SiteBuild.of(config).page_markdown(markdown, page)


@reported
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Template helpers for this build; in the preview, what the sitemap needs of the pages not rendered again."""
    SiteBuild.of(config).env_ready(env, files, config)
    return env


@reported
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put generated HTML in place; remove HTML comments: editors' notes must never reach the output."""
    return SiteBuild.of(config).page_content(html, page)


@reported
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """MkDocs writes this page next, with its content security policy: the checks read the pages
    written before it."""
    build = SiteBuild.of(config)
    build.page_written(page)
    return build.page_html(output)


@reported
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """A page MkDocs makes from a template alone (404.html) gets the policy every page has."""
    return SiteBuild.of(config).page_html(output_content) if template_name.endswith(".html") else output_content


@reported
def on_post_build(config: MkDocsConfig) -> None:
    """Write exports, feed, redirects, search index and manifest; then check the output."""
    build = SiteBuild.of(config)
    for problem in build.post_build(config):
        log.error(str(problem))
    if build.post_build_failed:
        raise Abort(f"Build stopped after writing: {build.mode.stopped_advice(after_writing=True)}")
