"""A release build renders its pages in two processes: this one and a fork of it.

MkDocs renders pages one after another in one process, and a first build (or one after our
code or a page-making package changed) renders every page: 5,000 at 2,000 reviews, 2.5 times
the pages a plain Material site has (a briefing per review, theme years, boards, action
plans). When the machine has a second processor, the build forks once the pages are chosen
(`on_nav`): the second process renders the generated pages outside the nav (briefings, theme
years, board, year and action plan pages), this one every other page. Each process marks
the other's pages as kept, as a release build marks pages taken from the last release: MkDocs
neither reads nor writes them there.

The second process writes only its pages: not the files copied as they are, the sitemap or
the 404 page, and nothing after its pages (it leaves at `on_post_build`, whatever happens,
by `os._exit`: none of this process's clean-up runs twice). Its exit status says whether it
logged an error, or a warning in strict mode. This process waits for it before writing
anything else: a second process that failed or was stopped fails the build (its problems are
in the log, above), and the build publishes nothing. Its pages are then checked as every
page is (the leak guard reads every file of the site).

The pages are the same bytes as one process writes (tested). The preview never forks, nor a
build with a thread running (a fork keeps only the thread that forks), nor when
REVIEW_SITE_RENDER_PROCESSES is 1.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..settings import EnvironmentVariables
from .engine import WarningCounter

log = logging.getLogger("mkdocs.plugins.casereviews")

#: Below this many pages for the second process, the build renders them itself.
MIN_PAGES = 20
#: The loggers of the engines' messages (ours are under "mkdocs.plugins").
ENGINE_LOGGERS = ("mkdocs", "properdocs")

Mark = Callable[[File, bool], None]


def processes_wanted(environment: EnvironmentVariables) -> int:
    """How many processes may render pages: REVIEW_SITE_RENDER_PROCESSES (1 or 2), else 2 with two processors."""
    configured = (environment.render_processes or "").strip()
    if configured in ("1", "2"):
        return int(configured)
    if not hasattr(os, "fork"):
        return 1
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 2 if available >= 2 else 1


@dataclass
class SecondProcess:
    """The fork that renders some of the pages, as each process sees it."""

    #: The source paths of the pages it renders.
    sources: frozenset[str]
    #: In this process: the fork's process id; in the fork: 0.
    pid: int
    strict: bool = False
    #: In the fork: the warnings and errors logged since the fork.
    counter: WarningCounter | None = None
    done: bool = False

    @property
    def is_fork(self) -> bool:
        return self.pid == 0

    def leave(self, failed: bool = False) -> None:
        """In the fork: end it, its status saying whether it logged a problem (or `failed`)."""
        assert self.is_fork
        counts = dict(self.counter.get_counts()) if self.counter is not None else {}
        problem = counts.get("ERROR", 0) or counts.get("CRITICAL", 0) or (self.strict and counts.get("WARNING", 0))
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1 if failed or problem else 0)

    def wait(self) -> bool:
        """In this process: wait for the fork to end; whether it rendered its pages without a problem."""
        assert not self.is_fork
        if self.done:
            return False
        self.done = True
        try:
            _, how_it_ended = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(how_it_ended) == 0

    def stop(self) -> None:
        """In this process: stop the fork (the build failed before it was waited for)."""
        if self.is_fork or self.done:
            return
        self.done = True
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def fork(
    theirs: Iterable[File], ours: Iterable[File], mark: Mark, strict: bool, before: Callable[[], None]
) -> SecondProcess | None:
    """Fork; the fork renders the pages of `theirs`, this process those of `ours`. Pages in
    neither (the nav's) are read by both, for their titles, and written by this one
    (`write_only`). `before` runs first (buffers written out). None when the build stays
    in one process."""
    theirs, ours = list(theirs), list(ours)
    if len(theirs) < MIN_PAGES or not ours or threading.active_count() != 1 or not hasattr(os, "fork"):
        return None
    before()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    second = SecondProcess(frozenset(file.src_uri for file in theirs), pid, strict)
    if second.is_fork:
        atexit.register(second.leave, True)  # run first: leaving any other way than `leave` is a failure
        second.counter = WarningCounter()
        second.counter.setLevel(logging.WARNING)
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).addHandler(second.counter)
        for file in ours:
            mark(file, False)
    else:
        atexit.register(second.stop)
        for file in theirs:
            mark(file, False)
        log.info("Rendering %d pages in a second process, %d in this one", len(theirs), len(ours))
    return second


def write_only(second: SecondProcess, files: Files, mark: Mark, config: MkDocsConfig) -> None:
    """In the fork, once the pages are read: it writes its own pages only, not the nav's
    (this process does), no file copied as it is, no theme or extra template."""
    for file in files:
        if file.src_uri not in second.sources:
            mark(file, False)
    config.theme.static_templates.clear()
    config.extra_templates.clear()
