"""The preview (`make serve`): each rebuild renders only the pages an edit touched.

`scripts/preview.py` creates one `Preview` when it starts and puts it on the MkDocs
configuration of every rebuild, where `SiteBuild` finds it (never in a module global). Each
rebuild still loads, validates and vets all content and computes the public view and its
indexes, exactly as a build does; what it read is kept (`ContentMemo`), so only files whose
bytes changed are parsed and vetted again. Then every page gets a key naming everything its
output is made from:

- a review page: its file's digest and publication state, and what it shows of its related
  reviews (the review template's own values: titles, boards, years, shared themes); with an
  action plan, the day the plan is rated at (its RAG ratings change with it);
- a briefing: its review's digest and state, and the counts of reviews on its themes;
- a theme page: the digests and states of its reviews, in order;
- each page of a theme's years: the theme's years, the year's count, where the page is in the
  year's pages, and the digests and states of its reviews;
- every other generated page (hubs: years, boards, the latest reviews, action plans, search):
  its own front matter and HTML (the search page also its filters). Hubs read nothing of a
  review but its card (its public record but its text, and its state: all that lists,
  counts, feeds, the sitemap and action plans show of it), so they are made again only when
  the hubs' key (every card, in order, and the day action plans are rated at) changed: an
  edit to a review's text makes none of them;
- the home and about pages, and theme pages: also which pages there are (they link to pages);

all of them with the site key: every other content file's digest, the boards' display names,
the settings, the address, the MkDocs configuration and the templates. The day a build runs
is in no other key: a build on the next day renders only what the day changes. A page is
rendered when its key changed; a page that is no longer built is deleted at once, before
anything is rendered, so a review turned draft or embargoed disappears from the preview with
the rebuild that reads it. (Release builds key their pages the same way: `adapter.releases`.)

When a rebuild would render more than `Preview.defer_above` review pages, briefings and
pages of theme years, it renders none of them: they are deleted (never shown out of date) and
wait, without a key, to be rendered after the rebuild (see `adapter.rebuild.fill`); pages
still waiting at the next rebuild wait on.

After rendering, the catalogue is written from each record's kept text when a record changed;
the feeds, action plans and redirects when the hubs' key changed. The checks after the build
read what this rebuild wrote (and everything, when what must be withheld changed). Search is
re-indexed in the background: its old index is removed first, so the preview never searches
text that is no longer published.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import urls
from ..load.catalogue import Site
from ..policy.publication import may_stay_in_preview
from ..policy.vetting import ContentMemo
from ..problems import Problem
from ..render.exports import CatalogueMemo
from ..render.point_html import PointHtml
from ..render.templating import Templates
from ..search.indexing import SearchIndexer
from .page_state import PageState
from .problem_report import ProblemReport

#: The attribute of MkDocs' configuration object that holds the preview, when there is one.
CONFIG_ATTRIBUTE = "casereviews_preview"

#: Not under the "mkdocs" logger: a background message must not fail the rebuild running then.
log = logging.getLogger("casereviews.preview")


@dataclass
class Preview(PageState):
    """What the preview keeps from one rebuild to the next (created by the preview process),
    besides the keys of its pages (`PageState`)."""

    #: Redirect pages written by the last rebuild (URLs).
    redirects: set[str] = field(default_factory=set)
    #: Files the last rebuild wrote after rendering (exports, feeds, redirects), relative paths,
    #: and the key of what lists show (`PagePlan.hubs`) they were written under.
    extras: set[str] = field(default_factory=set)
    lists: str | None = None
    #: A digest of what the last rebuild withheld (the leak guard's markers).
    withheld: str | None = None
    #: The reviews whose pages the last rebuild that succeeded made withdrawal notices (slugs).
    notices: set[str] = field(default_factory=set)
    search: SearchIndexer = field(default_factory=SearchIndexer)
    #: Content as last read: files are parsed and vetted again only when their bytes changed.
    content: ContentMemo = field(default_factory=ContentMemo)
    #: The catalogue's records as written (see `exports.write_catalogue`).
    catalogue: CatalogueMemo = field(default_factory=CatalogueMemo)
    #: What MkDocs set up in the last full rebuild, for quick ones (see `adapter.rebuild`).
    engine: Any = None
    #: Where the folder and keys are kept between starts (see `adapter.store`), if anywhere.
    store: Any = None
    #: Whether the rebuild under way, or the last one, started writing and did not succeed.
    writing: bool = False
    #: What the last rebuild found, for the pages the preview serves (see `adapter.problem_report`).
    report: ProblemReport = field(default_factory=ProblemReport)
    #: How long each stage of the last quick rebuild took (seconds), for `make serve`'s log.
    timings: dict[str, float] = field(default_factory=dict)
    #: Learning points' HTML, kept across rebuilds with the Markdown options it was made with
    #: (a point's HTML depends on its text and those alone).
    _points: tuple[str, PointHtml] | None = None
    _templates: tuple[str, Templates] | None = None
    #: When a rebuild must render more than this many review pages, briefings and pages of
    #: theme years, it renders none of them: they wait, absent, for `fill` (None: a rebuild
    #: renders every page it must, as a build does).
    defer_above: int | None = None
    #: Source path → output path of each page waiting to be rendered (see `defer_above`).
    deferred: dict[str, str] = field(default_factory=dict)
    #: Held by whatever writes to the site folder: a rebuild, or pages rendered after it.
    lock: threading.RLock = field(default_factory=threading.RLock)

    def point_html(self, markdown_options: dict[str, Any], folder: Path | None = None) -> PointHtml:
        """The converter of learning points for this rebuild (keeping its conversions in
        `folder`): the last one, unless the site's Markdown options changed."""
        options = repr((markdown_options, folder))
        if self._points is None or self._points[0] != options:
            self._points = (options, PointHtml(markdown_options, folder))
        return self._points[1]

    def templates(self, override_dirs: list[Path]) -> Templates:
        """Our templates for this rebuild: the last rebuild's, compiled already, unless the
        folders searched changed (Jinja reads a template again when its file changed)."""
        folders = repr(override_dirs)
        if self._templates is None or self._templates[0] != folders:
            self._templates = (folders, Templates(override_dirs))
        return self._templates[1]

    def choose(
        self, pages: Iterable[tuple[str, str]], site_dir: Path, deferrable: Collection[str] = frozenset()
    ) -> set[str]:
        """The pages (source paths) to render, of every page (source path, output path) of this
        rebuild; pages no longer built are deleted. Of `deferrable` pages (review pages,
        briefings, pages of theme years) to render, none is when there are more than
        `defer_above`: they are deleted and wait for `fill`, as those still waiting do.
        Called before anything is written."""
        self.started_writing()
        outputs, needed = self.needed(pages, site_dir)
        waiting = set(self.deferred)
        more = sum(source in deferrable and source not in waiting for source, _ in needed)
        if self.defer_above is not None and more > self.defer_above:
            waiting.update(deferrable)
        fresh: set[str] = set()
        self.rendered = []
        self.deferred = {}
        removed = False
        for source, output in needed:
            if source in waiting and source in deferrable:
                self.deferred[source] = output
                removed |= (site_dir / output).exists()
                remove_site_file(site_dir, output)  # what it showed may be out of date
            else:
                fresh.add(source)
                self.rendered.append(output)
        for source, output in self.outputs.items():
            if outputs.get(source) != output and output not in outputs.values():
                remove_site_file(site_dir, output)
                removed = True
        if self.rendered or removed:
            self.search.invalidate(site_dir)
        self.outputs = outputs
        return fresh

    def started_writing(self) -> None:
        """The site folder is about to change: a record of it on disk no longer describes it."""
        self.writing = True
        if self.store is not None:
            self.store.forget()

    def next_deferred(self, count: int, first: Iterable[str] = ()) -> list[str]:
        """Up to `count` pages waiting to be rendered (source paths), those of `first` first."""
        chosen = [source for source in first if source in self.deferred][:count]
        for source in self.deferred:
            if len(chosen) >= count:
                break
            if source not in chosen:
                chosen.append(source)
        return chosen

    def deferred_source(self, output: str) -> str | None:
        """The page waiting to be rendered at `output` (a path relative to the site folder), if any."""
        waiting = list(self.deferred.items())  # a copy made at once: the filling thread changes it
        return next((source for source, path in waiting if path == output), None)

    def filled(self, sources: Iterable[str], shown: bool) -> None:
        """`sources`, waiting, were rendered: with `shown`, kept under this rebuild's keys;
        else (their checks found problems) they are not waiting any more, and have no key."""
        for source in sources:
            self.deferred.pop(source, None)
            if shown:
                self.keys[source] = self._pending[source]

    def succeeded(self, withheld: dict[str, str], redirects: Iterable[str], site_dir: Path) -> None:
        """Keep this rebuild's keys (but those of pages waiting to be rendered); delete redirect
        pages no longer written."""
        self.keys = {source: key for source, key in self._pending.items() if source not in self.deferred}
        self.withheld = withheld_digest(withheld)
        self.writing = False
        written = set(redirects)
        for url in self.redirects - written:
            remove_site_file(site_dir, f"{url}index.html")
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
        left = [
            slug
            for slug in shown
            if not may_stay_in_preview(documents[slug].meta if slug in documents else None, slug in self.notices)
        ]
        if not left:
            return
        self.empty(site_dir)

    def empty(self, site_dir: Path) -> None:
        """Remove every file of the preview: nothing is served until a rebuild succeeds."""
        self.started_writing()
        self.engine = None  # the next rebuild is a full one: it writes everything
        self.search.invalidate(site_dir)
        for child in site_dir.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        self.keys, self.outputs, self.redirects, self.extras, self.withheld = {}, {}, set(), set(), None
        self.deferred = {}
        self.lists = None


def remove_site_file(site_dir: Path, output: str) -> None:
    """Delete a file of the site (a path relative to it), and the folders it leaves empty."""
    path = site_dir / output
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def checked_outputs(site_dir: Path, rendered: list[str], written: Iterable[Path]) -> list[Path]:
    """The files the preview's checks read: what this rebuild rendered and wrote after rendering."""
    return sorted({*(site_dir / output for output in rendered), *written})


def withheld_digest(withheld: dict[str, str]) -> str:
    return hashlib.sha256("\0".join(sorted(withheld)).encode()).hexdigest()


def scan_everything(preview: Preview, withheld: dict[str, str]) -> bool:
    """Whether the leak guard reads the whole site: on the first rebuild and when the withheld text changed."""
    return preview.withheld != withheld_digest(withheld)


__all__ = [
    "CONFIG_ATTRIBUTE",
    "Preview",
    "Problem",
    "checked_outputs",
    "remove_site_file",
    "scan_everything",
]
