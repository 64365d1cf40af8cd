"""What the preview's last rebuild found, for the pages its server answers with.

An author works in the browser, not in a terminal: while any problem stands, every page the
preview serves lists it (`render.preview_notes`), and an address with no page (the preview
started with a problem, or a draft whose own fields are invalid) is answered with the list,
never with "404 Not Found". Each rebuild starts a new report; the server reads the latest.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import urls
from ..load.catalogue import Site
from ..problems import Problem, Severity


@dataclass(frozen=True)
class Findings:
    """One rebuild's problems (errors and warnings: what would stop `make build`), the page each
    content file makes (to link a problem to its review), and the drafts' addresses."""

    problems: tuple[Problem, ...] = ()
    #: Content path (content/reviews/x.md) → the address of its page (reviews/x/).
    pages: Mapping[str, str] = field(default_factory=dict)
    #: Addresses of drafts' pages.
    drafts: frozenset[str] = frozenset()
    #: Why the rebuild stopped, and what the engine logged that no problem above names.
    stopped: str | None = None
    engine: tuple[str, ...] = ()

    def page_of(self, path: str) -> str | None:
        return self.pages.get(path)


@dataclass
class ProblemReport:
    """The findings of the rebuild under way and of the last one done (`shown`)."""

    shown: Findings = field(default_factory=Findings)
    _current: Findings = field(default_factory=Findings)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        """A rebuild starts: what it finds replaces what the last one found when it ends."""
        self._current = Findings(pages=self.shown.pages, drafts=self.shown.drafts)

    def read(self, site: Site, drafts: set[str]) -> None:
        """The content is read: its problems (but notices), the pages of its files, the drafts."""
        pages = {path: urls.url_of_source(file.uri) for path, file in site.files.items()}
        self._current = Findings(
            problems=tuple(problem for problem in site.problems if problem.severity is not Severity.NOTICE),
            pages=pages,
            drafts=frozenset(pages[path] for path in drafts if path in pages),
        )

    def written(self, problems: list[Problem]) -> None:
        """The checks after rendering found `problems`."""
        current = self._current
        self._current = Findings((*current.problems, *problems), current.pages, current.drafts)

    def failed(self, message: str, engine: list[str]) -> None:
        """The rebuild stopped with `message`; `engine`: the warnings MkDocs logged."""
        current = self._current
        listed = {str(problem) for problem in current.problems}
        others = tuple(dict.fromkeys(line for line in engine if line not in listed and line != message))
        self._current = Findings(current.problems, current.pages, current.drafts, message, others)

    def done(self) -> None:
        """The rebuild ended: its findings are what the server shows."""
        with self._lock:
            self.shown = self._current

    def latest(self) -> Findings:
        with self._lock:
            return self.shown
