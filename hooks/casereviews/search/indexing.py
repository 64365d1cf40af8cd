"""The search index, made while a build writes its pages or after a preview's rebuild.

`SearchIndexing` indexes a build's pages once all of them are written; `SearchIndexer` keeps
the preview's index in step with its rebuilds, in the background. Both run Pagefind through
`pagefind.index_command` (batches, kept batch indexes, the merge) in a process of their own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .. import urls
from ..index.indexes import Indexes
from ..policy.public import PublicSite
from ..problems import Problem
from . import pagefind

log = logging.getLogger("casereviews.preview")


def indexed_pages(public: PublicSite, indexes: Indexes) -> set[str]:
    """The pages search indexes (paths relative to the site folder): listed reviews' and themes'."""
    return {f"{review.url}index.html" for review in indexes.listed} | {
        f"{urls.theme(theme.slug)}index.html" for theme in public.themes
    }


class SearchIndexing:
    """A build's search index of the pages on disk, made in the background (`pagefind.build_index`:
    Pagefind runs in processes of their own). It starts once every page it indexes is written
    (`written`), while the engine writes the others, or else when its problems are asked for."""

    def __init__(self, site_dir: Path, pages: Iterable[str], cache: Path | None) -> None:
        self.site_dir = site_dir
        #: The pages it indexes (paths in the site).
        self.pages = frozenset(pages)
        self._waiting = set(self.pages)
        self._cache = cache
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future[list[Problem]] | None = None

    def written(self, page: str) -> None:
        """MkDocs wrote `page` (a path in the site)."""
        self._waiting.discard(page)
        if not self._waiting:
            self.start()

    def start(self) -> None:
        """Index the pages now (once)."""
        if self._future is None:
            self._executor = ThreadPoolExecutor(max_workers=1)
            self._future = self._executor.submit(
                pagefind.build_index, self.site_dir, len(self.pages), cache=self._cache
            )

    def problems(self) -> list[Problem]:
        """What indexing found, once it is done."""
        self.start()
        assert self._future is not None and self._executor is not None
        try:
            return self._future.result()
        finally:
            self._executor.shutdown()


class SearchIndexer:
    """Pagefind in the background, one run at a time, into a folder of its own, swapped in if
    nothing was rendered since it started.

    A run that a rebuild made stale (it rendered pages) is stopped at once, and the latest
    request only is run next: Pagefind takes both cores for seconds at 2,000 reviews, and runs
    piling up behind quick edits would slow every rebuild. It runs at a lower priority than
    the rebuilds."""

    #: Added to Pagefind's niceness: rebuilds come first.
    NICENESS = 10

    def __init__(self, current: bool = False) -> None:
        """`current`: the index in the site folder (if any) was made from its pages as they are."""
        self._lock = threading.Lock()
        self._generation = 0
        #: The generation of the pages the index in the site folder was made from.
        self._indexed: int | None = 0 if current else None
        self._wanted: tuple[Path, int, Path | None, int] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    def invalidate(self, site_dir: Path) -> None:
        """The pages changed: a run going on is stopped, and the site is indexed again. The
        index in the site folder answers until the new one replaces it (search never fails
        while the preview re-indexes)."""
        with self._lock:
            self._generation += 1
            _terminate(self._process)

    def needed(self, site_dir: Path) -> bool:
        """Whether the site must be indexed: pages were rendered or removed since its index was made, or it has none."""
        with self._lock:
            return self._indexed != self._generation or not (site_dir / pagefind.BUNDLE).is_dir()

    def start(self, site_dir: Path, expected_pages: int, cache: Path | None = None) -> None:
        """Index the site as it is now (after the run going on, if any), keeping batches' indexes in `cache`."""
        with self._lock:
            self._wanted = (site_dir, expected_pages, cache, self._generation)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Stop indexing (the preview is stopping): a run going on is stopped and left unused,
        none is started; an index already in the site folder stays."""
        with self._lock:
            self._wanted = None
            self._generation += 1
            _terminate(self._process)
        self.wait()

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
                site_dir, expected_pages, cache, generation = self._wanted
                self._wanted = None
            self._run(site_dir, expected_pages, cache, generation)

    def _run(self, site_dir: Path, expected_pages: int, cache: Path | None, generation: int) -> None:
        bundle = site_dir.parent / f".{site_dir.name}-pagefind-{generation}"
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            with self._lock:
                if generation != self._generation:
                    return
                process = subprocess.Popen(
                    pagefind.index_command(site_dir, bundle, expected_pages, cache=cache),
                    env=pagefind.index_environment(),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                self._process = process
            with contextlib.suppress(OSError, AttributeError):  # no priorities on Windows
                os.setpriority(os.PRIO_PROCESS, process.pid, os.getpriority(os.PRIO_PROCESS, 0) + self.NICENESS)
            output, errors = process.communicate()
        except OSError as error:
            log.warning("Preview search: %s", pagefind.could_not_run(error))
            return
        finally:
            with self._lock:
                self._process = None
        with self._lock:
            if generation != self._generation:
                shutil.rmtree(bundle, ignore_errors=True)
                return
        problems = pagefind.index_problems(process.returncode, output, errors)
        with self._lock:
            if generation == self._generation and not problems:
                shutil.rmtree(site_dir / pagefind.BUNDLE, ignore_errors=True)
                bundle.rename(site_dir / pagefind.BUNDLE)
                self._indexed = generation
                log.info("Search index rebuilt")
                return
        shutil.rmtree(bundle, ignore_errors=True)
        for problem in problems:
            log.warning("Preview search: %s", problem)


def _terminate(process: subprocess.Popen[str] | None) -> None:
    """Stop an indexing run: it stops the Pagefind process it runs (see `pagefind.main`)."""
    if process is not None and process.poll() is None:
        process.terminate()
