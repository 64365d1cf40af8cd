"""What the preview's server adds to the pages it serves while problems stand (`make serve`).

Problems are listed as `file:line: field: found …, expected …`, each linked to the page of
the file it concerns, on every page served (`problem_panel`), or as the page itself where
there is no page to show (`problem_page`). Nothing here is ever written to a site folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..problems import Problem
from .templating import Templates


class ProblemFindings(Protocol):
    problems: tuple[Problem, ...]
    drafts: frozenset[str]
    stopped: str | None
    engine: tuple[str, ...]

    def page_of(self, path: str) -> str | None: ...


@dataclass(frozen=True)
class Entry:
    """One problem as listed: where (linked to its page, if its file makes one) and the rest."""

    location: str
    href: str | None
    rest: str


def entries(findings: ProblemFindings, base: str) -> list[Entry]:
    """The problems of `findings`, linked under the preview's address `base` ('/' or '/sub/')."""
    listed = []
    for problem in findings.problems:
        location = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
        page = findings.page_of(problem.path)
        listed.append(Entry(location, None if page is None else base + page, str(problem)[len(location) :]))
    return listed


def stands(findings: ProblemFindings) -> bool:
    """Whether anything is to be shown: a problem, or a rebuild that stopped."""
    return bool(findings.problems or findings.stopped)


def problem_panel(templates: Templates, findings: ProblemFindings, base: str) -> str:
    """The list of problems put at the top of every page served."""
    module = templates.environment.get_template("preview_problems.html").module
    return str(module.panel(entries(findings, base), findings.engine, findings.stopped, False))  # type: ignore[attr-defined]


def problem_page(templates: Templates, findings: ProblemFindings, base: str, address: str) -> str:
    """The page served at `address` (relative to `base`) where there is no page to show."""
    return templates.render(
        "preview_page.html",
        entries=entries(findings, base),
        engine=findings.engine,
        stopped=findings.stopped,
        draft=address in findings.drafts,
    )
