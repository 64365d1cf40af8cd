"""Problems found in authored content, worded for the board business manager who wrote it.

Every problem names the file, the line where one is known, the field, what was found
and what was expected. Problems are collected, never raised one at a time, so one run
reports every problem in every file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How a problem affects the build: errors stop it, warnings are reported."""

    ERROR = "error"
    WARNING = "warning"


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


def did_you_mean(found: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix naming the closest choice, or an empty string."""
    matches = difflib.get_close_matches(str(found).lower(), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def one_of(choices: Iterable[str]) -> str:
    """Choices listed for a message: 'one of: a, b, c'."""
    return "one of: " + ", ".join(choices)


def quoted(value: object) -> str:
    """A found value as it should appear in a message: short, on one line."""
    text = repr(value) if isinstance(value, str) else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def summary_line(problems: list[Problem]) -> str:
    """'3 errors in 2 files' style summary for the end of a report."""
    errors = errors_in(problems)
    files = {problem.path for problem in errors}
    noun = "error" if len(errors) == 1 else "errors"
    file_noun = "file" if len(files) == 1 else "files"
    return f"{len(errors)} {noun} in {len(files)} {file_noun}"
