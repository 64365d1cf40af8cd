"""What a catalogue entry is: the wording of one kind of problem, and the author's next step."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """One kind of problem: what the author reads about it (what was found, what was expected),
    then what to do next. Both are format strings: `message` fills in their `{name}` fields."""

    text: str
    next_step: str

    def filled(self, **values: object) -> str:
        """'text; next step', with `values` filled in."""
        return f"{self.text.format(**values)}; {self.next_step.format(**values)}"


def found_expected(expected: str, next_step: str) -> Message:
    """The commonest shape, 'found …, expected …; next step': what was found is `{found}`."""
    return Message("found {found}, expected " + expected, next_step)
