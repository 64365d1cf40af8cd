"""The preview (`make serve`): each rebuild renders only the pages an edit touched.

`scripts/preview.py` creates one `Preview` when it starts and puts it on the MkDocs
configuration of every rebuild, where `SiteBuild` finds it (never in a module global). Each
rebuild still loads, validates and vets all content (parsing is libyaml's, findings come from
the content-keyed cache) and computes the public view and its indexes, exactly as a build
does. Then every page gets a key naming everything its output is made from:

- a review page: its file's digest and publication state, and those of its related reviews;
- a briefing: its review's digest and state, and the counts of reviews on its themes;
- a theme page, and each page of its years: the digests and states of its reviews, in order;
- every other generated page (hubs, years, boards, action plans): its own front matter and
  HTML (the search page also its filters); the home and about pages: their path;

all of them with the site key: every other content file's digest, the boards' display names,
the settings, the address and the date action plans are rated at. A page is rendered when its
key changed; a page that is no longer built is deleted at once, before anything is rendered, so a review turned draft or
embargoed disappears from the preview with the rebuild that reads it.

Checks after the build read what this rebuild wrote (and everything, when what must be
withheld changed). Search is re-indexed in the background: its old index is removed first,
so the preview never searches text that is no longer published.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import urls
from ..index.indexes import Indexes
from ..load.catalogue import Site
from ..model.reviews import Review
from ..policy.public import PublicSite
from ..policy.publication import may_stay_in_preview
from ..problems import Problem
from ..render import search
from ..render.pages import GeneratedPage, Pages
from ..render.point_html import PointHtml

#: The attribute of MkDocs' configuration object that holds the preview, when there is one.
CONFIG_ATTRIBUTE = "casereviews_preview"

#: Not under the "mkdocs" logger: a background message must not fail the rebuild running then.
log = logging.getLogger("casereviews.preview")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def review_states(site: Site, public: PublicSite) -> dict[str, str]:
    """Slug → its file's digest and how it is published ('listed', 'archived', 'withdrawn')."""
    digests = {file.review_slug: file.document.digest for file in site.files.values() if file.review_slug}
    states = {
        review.slug: f"{digests.get(review.slug, '')}:{'archived' if public.is_archived(review) else 'listed'}"
        for review in public.reviews
    }
    states.update((notice.slug, f"{digests.get(notice.slug, '')}:withdrawn") for notice in public.notices)
    return states


def site_key(site: Site, public: PublicSite, docs_dir: Path, settings: object, site_url: str) -> str:
    """What every page may show besides reviews: other files, board names, settings, the address."""
    others = sorted((path, file.document.digest) for path, file in site.files.items() if file.review_slug is None)
    data = sorted(
        (path.relative_to(docs_dir).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())
        for path in (docs_dir / "_data").rglob("*")
        if path.is_file()
    )
    names = repr(sorted(public.board_names.items()))
    return _hash(repr(others), repr(data), names, repr(settings), site_url, public.as_of.isoformat())


def page_keys(
    site: Site, public: PublicSite, indexes: Indexes, pages: Pages, docs_dir: Path, settings: object, site_url: str
) -> dict[str, str]:
    """Source path → key of each review page, briefing and theme page (see the module docstring)."""
    states = review_states(site, public)
    common = site_key(site, public, docs_dir, settings, site_url)
    keys: dict[str, str] = {}
    for slug, state in states.items():
        item = public.by_slug[slug]
        related = indexes.related.for_review(item) if isinstance(item, Review) else []
        keys[urls.source_of(urls.review(slug))] = _hash(
            common, "review", state, repr([(states[other.slug], shared) for other, shared in related])
        )
    for review in pages.briefings:
        keys[urls.source_of(urls.briefing(review.slug))] = _hash(
            common, "briefing", states[review.slug], repr(sorted(pages.theme_counts(review).items()))
        )
    for theme in public.themes:
        members = [states[review.slug] for review in indexes.by_theme.get(theme.slug, [])]
        keys[f"{urls.THEMES}{theme.slug}.md"] = _hash(common, "theme", repr(members))
        for year, reviews in indexes.theme_years(theme.slug).items():  # its years link to each other
            for part in pages.theme_year_split(theme.slug, year, reviews):
                keys[urls.source_of(part.url)] = _hash(common, "theme year", part.url, repr(members))
    return keys


def content_key(common: str, source: str, *shown: str) -> str:
    """The key of a page made from nothing but what the site key names and `shown` (its text)."""
    return _hash(common, "content", source, *shown)


class SearchIndexer:
    """Pagefind in the background, one run at a time, into a folder of its own, swapped in if
    nothing was rendered since it started.

    A run that a rebuild made stale (it rendered pages) is stopped at once, and the latest
    request only is run next: Pagefind takes both cores for seconds at 2,000 reviews, and runs
    piling up behind quick edits would slow every rebuild. It runs at a lower priority than
    the rebuilds."""

    #: Added to Pagefind's niceness: rebuilds come first.
    NICENESS = 10

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._wanted: tuple[Path, int, int] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    def invalidate(self, site_dir: Path) -> None:
        """Remove the index now: it may hold text this rebuild no longer publishes."""
        with self._lock:
            self._generation += 1
            shutil.rmtree(site_dir / search.BUNDLE, ignore_errors=True)
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()

    def start(self, site_dir: Path, expected_pages: int) -> None:
        """Index the site as it is now (after the run going on, if any)."""
        with self._lock:
            self._wanted = (site_dir, expected_pages, self._generation)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Wait until every indexing asked for is done (for scripts and tests)."""
        while True:
            with self._lock:
                thread = self._thread
            if thread is None:
                return
            thread.join()
            with self._lock:
                if self._thread is thread and self._wanted is None:
                    return

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._wanted is None:
                    self._thread = None
                    return
                site_dir, expected_pages, generation = self._wanted
                self._wanted = None
            self._run(site_dir, expected_pages, generation)

    def _run(self, site_dir: Path, expected_pages: int, generation: int) -> None:
        bundle = site_dir.parent / f".{site_dir.name}-pagefind-{generation}"
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            with self._lock:
                if generation != self._generation:
                    return
                process = subprocess.Popen(
                    search.index_command(site_dir, bundle),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                self._process = process
            with contextlib.suppress(OSError, AttributeError):  # no priorities on Windows
                os.setpriority(os.PRIO_PROCESS, process.pid, os.getpriority(os.PRIO_PROCESS, 0) + self.NICENESS)
            output, _ = process.communicate()
        except OSError as error:
            log.warning("Preview search: %s", search.could_not_run(error))
            return
        finally:
            with self._lock:
                self._process = None
        with self._lock:
            if generation != self._generation:
                shutil.rmtree(bundle, ignore_errors=True)
                return
        problems = search.index_problems(process.returncode, output, expected_pages, bundle)
        with self._lock:
            if generation == self._generation and not problems:
                shutil.rmtree(site_dir / search.BUNDLE, ignore_errors=True)
                bundle.rename(site_dir / search.BUNDLE)
                log.info("Search index rebuilt")
                return
        shutil.rmtree(bundle, ignore_errors=True)
        for problem in problems:
            log.warning("Preview search: %s", problem)


@dataclass
class Preview:
    """What the preview keeps from one rebuild to the next (created by the preview process)."""

    #: Source path → key of the page as last rendered (see `page_keys`).
    keys: dict[str, str] = field(default_factory=dict)
    #: Source path → output path (relative to the site folder) of every page last built.
    outputs: dict[str, str] = field(default_factory=dict)
    #: Briefing key → the page.
    briefings: dict[str, GeneratedPage] = field(default_factory=dict)
    #: Redirect pages written by the last rebuild (URLs).
    redirects: set[str] = field(default_factory=set)
    #: What the last rebuild withheld (the leak guard's markers).
    withheld: dict[str, str] | None = None
    #: Output paths rendered by the rebuild running now.
    rendered: list[str] = field(default_factory=list)
    search: SearchIndexer = field(default_factory=SearchIndexer)
    #: Learning points' HTML, kept across rebuilds with the Markdown options it was made with
    #: (a point's HTML depends on its text and those alone).
    _points: tuple[str, PointHtml] | None = None
    #: Keys decided by the rebuild running now, kept once it succeeds.
    _pending: dict[str, str] = field(default_factory=dict)

    def point_html(self, markdown_options: dict[str, Any]) -> PointHtml:
        """The converter of learning points for this rebuild: the last one, unless the site's
        Markdown options changed."""
        options = repr(markdown_options)
        if self._points is None or self._points[0] != options:
            self._points = (options, PointHtml(markdown_options))
        return self._points[1]

    def briefing(self, key: str, make: Callable[[], GeneratedPage]) -> GeneratedPage:
        if key not in self.briefings:
            self.briefings[key] = make()
        return self.briefings[key]

    def choose(self, pages: Iterable[tuple[str, str, Callable[[bool], None]]], site_dir: Path) -> None:
        """Mark each page (source path, output path, setter) rendered or kept; delete pages gone.

        Called with every documentation page of this rebuild, before anything is written.
        """
        outputs: dict[str, str] = {}
        self.rendered = []
        keys = dict(self.keys)
        for source, output, mark in pages:
            outputs[source] = output
            key = self._pending.get(source)
            fresh = key is None or keys.get(source) != key or self.outputs.get(source) != output
            fresh = fresh or not (site_dir / output).exists()
            mark(fresh)
            if fresh:
                self.rendered.append(output)
        for source, output in self.outputs.items():
            if outputs.get(source) != output and output not in outputs.values():
                _remove(site_dir, output)
        if self.rendered:
            self.search.invalidate(site_dir)
        self.outputs = outputs

    def plan(self, keys: dict[str, str]) -> None:
        self._pending = keys

    def succeeded(self, withheld: dict[str, str], redirects: Iterable[str], site_dir: Path) -> None:
        """Keep this rebuild's keys; delete redirect pages no longer written."""
        self.keys = dict(self._pending)
        self.withheld = withheld
        written = set(redirects)
        for url in self.redirects - written:
            _remove(site_dir, f"{url}index.html")
        self.redirects = written
        live = set(self.keys.values())
        self.briefings = {key: text for key, text in self.briefings.items() if key in live}

    def failed(self, site: Site, site_dir: Path) -> None:
        """Content that fails to load is not previewed as it was when a review may have left.

        The rebuild stops before the public view exists. If any review the preview shows is no
        longer plainly published (turned draft, embargoed, withdrawn, unreadable or gone), every
        page is removed, since lists and related reviews name it too; the preview is empty until
        the problems are fixed. Otherwise the last good preview stays.
        """
        documents = {file.review_slug: file.document for file in site.files.values() if file.review_slug}
        shown = {slug for source in self.outputs if (slug := urls.review_slug_of_source(source))}
        left = [slug for slug in shown if not may_stay_in_preview(documents[slug].meta if slug in documents else None)]
        if not left:
            return
        self.search.invalidate(site_dir)
        for child in site_dir.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        self.keys, self.outputs, self.redirects, self.withheld = {}, {}, set(), None


def _remove(site_dir: Path, output: str) -> None:
    path = site_dir / output
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def checked_outputs(site_dir: Path, rendered: list[str], written: Iterable[Path]) -> list[Path]:
    """The files the preview's checks read: what this rebuild rendered and wrote after rendering."""
    return sorted({*(site_dir / output for output in rendered), *written})


def scan_everything(preview: Preview, withheld: dict[str, str]) -> bool:
    """Whether the leak guard reads the whole site: on the first rebuild and when the withheld text changed."""
    return preview.withheld != withheld


__all__ = [
    "CONFIG_ATTRIBUTE",
    "Preview",
    "Problem",
    "checked_outputs",
    "content_key",
    "page_keys",
    "scan_everything",
]
