"""Problems found in authored content, worded for the board business manager who wrote it.

Every problem names the file, the line where one is known, the field, what was found
and what was expected. Problems are collected, never raised one at a time, so one run
reports every problem in every file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How a problem affects the build: errors stop it; warnings stop a strict build (every
    build the site runs); notices are shown and never stop anything."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    path: str
    line: int | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        location = self.path if self.line is None else f"{self.path}:{self.line}"
        where = f" {self.field}:" if self.field else ""
        return f"{location}:{where} {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        """Order problems by file, then line, so reports read top to bottom."""
        return (self.path, self.line or 0, self.field or "", self.message)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file and line order, duplicates removed."""
    return sorted(set(problems), key=lambda problem: problem.sort_key)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [problem for problem in problems if problem.severity is Severity.ERROR]


def edit_distance(first: str, second: str) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours that turn one into the other."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def did_you_mean(found: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix naming a choice that is a near spelling, or an empty string.

    Only a slip of the keyboard is suggested: one or two letters different (three in long
    words), never a different word that merely looks alike ('self-neglect' is not 'neglect').
    """
    wanted = str(found).strip().lower()
    allowed = 1 if len(wanted) <= 3 else 2 if len(wanted) <= 12 else 3
    distances = sorted((edit_distance(wanted, choice.lower()), choice) for choice in choices)
    if distances and 0 < distances[0][0] <= allowed:
        return f" (did you mean '{distances[0][1]}'?)"
    return ""


def one_of(choices: Iterable[str]) -> str:
    """Choices listed for a message: 'one of: a, b, c'."""
    return "one of: " + ", ".join(choices)


def quoted(value: object) -> str:
    """A found value as it should appear in a message: short, on one line."""
    text = repr(value) if isinstance(value, str) else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A number with its noun, singular or plural as the number needs: '1 finding', '2 findings'."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def summary_line(problems: list[Problem]) -> str:
    """'3 errors in 2 files' style summary for the end of a report."""
    errors = errors_in(problems)
    files = {problem.path for problem in errors}
    return f"{counted(len(errors), 'error')} in {counted(len(files), 'file')}"
