"""A review's action plan: what each recommendation led to, tracked until it is signed off.

Boards keep action plans in spreadsheets with the same columns (recommendation, agency,
action, timescale, progress, evidence, RAG status, sign-off). Here each action is an item of
the review's `action_plan` front matter; its RAG rating is never typed but computed, as at
one day (the build's):

- red: past its due date and neither complete nor signed off;
- amber: due within the next 30 days and neither complete nor signed off;
- green: everything else (complete, signed off, or on track).

A due date given as a month or a year means "by the end of" it: "2027-03" is overdue from
1 April 2027.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..problems import Problem, one_of
from . import vocabulary
from .body import Point
from .dates import PartialDate
from .fields import FieldError, GroupedFieldError, choice, described, list_of, paragraph, partial_date, record
from .messages import message
from .source import SourceDocument

FIELD = "action_plan"
#: An action due within this many days (and not done) is amber.
DUE_SOON_DAYS = 30

STAGES: dict[str, str] = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "complete": "Complete",
    "signed-off": "Signed off",
}
#: The statuses that count as done: neither is ever red or amber.
DONE = frozenset({"complete", "signed-off"})


class Rag(StrEnum):
    """The red, amber or green rating of an action."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        """The rating in words (colour is never the only sign)."""
        return RAG_LABELS[self]


RAG_LABELS = {
    Rag.RED: "Red: overdue",
    Rag.AMBER: f"Amber: due within {DUE_SOON_DAYS} days",
    Rag.GREEN: "Green: done or on track",
}


@dataclass(frozen=True)
class ProgressNote:
    """One dated entry of an action's progress."""

    date: PartialDate
    note: str


@dataclass(frozen=True)
class Action:
    """One action of a plan, tied to one recommendation of the review."""

    number: int
    recommendation: str
    recommendation_label: str
    action: str
    owners: tuple[str, ...]
    due: PartialDate
    stage: str
    completed: PartialDate | None = None
    signed_off: PartialDate | None = None
    previous_due: tuple[PartialDate, ...] = ()
    progress: tuple[ProgressNote, ...] = ()
    evidence: str | None = None

    @property
    def is_done(self) -> bool:
        return self.stage in DONE

    @property
    def stage_label(self) -> str:
        return STAGES[self.stage]

    def rag(self, today: dt.date) -> Rag:
        """The rating as at `today` (see the module docstring)."""
        if self.is_done:
            return Rag.GREEN
        if today > self.due.last_day:
            return Rag.RED
        if (self.due.last_day - today).days <= DUE_SOON_DAYS:
            return Rag.AMBER
        return Rag.GREEN

    @property
    def progress_newest_first(self) -> tuple[ProgressNote, ...]:
        """The progress notes, most recent first (the later-written one first on a tie)."""
        ordered = sorted(enumerate(self.progress), key=lambda pair: (pair[1].date.last_day, pair[0]), reverse=True)
        return tuple(note for _, note in ordered)

    @property
    def latest_progress(self) -> ProgressNote | None:
        """The most recent progress note."""
        return self.progress_newest_first[0] if self.progress else None


@dataclass(frozen=True)
class PlanProgress:
    """Counts of a set of actions as at one day."""

    total: int
    by_stage: dict[str, int]
    by_rag: dict[Rag, int]

    @property
    def done(self) -> int:
        return sum(self.by_stage[stage] for stage in DONE)

    @property
    def overdue(self) -> int:
        return self.by_rag[Rag.RED]

    def sentence(self) -> str:
        """'7 of 10 actions complete or signed off; 2 overdue'."""
        noun = "action" if self.total == 1 else "actions"
        return f"{self.done} of {self.total} {noun} complete or signed off; {self.overdue} overdue"


def progress_of(actions: tuple[Action, ...] | list[Action], today: dt.date) -> PlanProgress:
    """Counts by status and by rating of `actions` as at `today`."""
    by_stage = dict.fromkeys(STAGES, 0)
    by_rag = dict.fromkeys(Rag, 0)
    for action in actions:
        by_stage[action.stage] += 1
        by_rag[action.rag(today)] += 1
    return PlanProgress(len(actions), by_stage, by_rag)


# --- reading the front matter --------------------------------------------------------------


def recommendation_reference(value: Any) -> str:
    """A recommendation's number as on the page ('3', '8.1', 'Health 2') or its id; which one
    it names is checked against the review's body by `read_action_plan`."""
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        raise FieldError(message("recommendation-reference", described(value)))
    return str(value).strip()


ACTION_FIELDS = {
    "recommendation": recommendation_reference,
    "action": paragraph(1000),
    "owner": list_of(choice(vocabulary.AGENCIES), min_items=1, max_items=6),
    "due": partial_date,
    "status": choice(STAGES),
    "completed": partial_date,
    "signed_off": partial_date,
    "previous_due": list_of(partial_date, min_items=1),
    "progress": list_of(record({"date": partial_date, "note": paragraph(1000)}, required=("date", "note"))),
    "evidence": paragraph(1000),
}
REQUIRED = ("recommendation", "action", "owner", "due", "status")

parse_action_item = record(ACTION_FIELDS, required=REQUIRED)
#: The front-matter field: its items' structure (types, lists, statuses, agencies, dates).
#: What needs the review's body or the day (recommendations, dates in the future) is
#: checked by `read_action_plan`.
parse_action_items = list_of(parse_action_item, min_items=1, max_items=200)
DESCRIPTION = (
    "a list of actions, each with recommendation, action, owner, due and status "
    f"({one_of(STAGES)}), and completed, signed_off, previous_due, progress and evidence where they apply"
)


def point_name(point: Point) -> str:
    """A recommendation as the page names it: '3', '8.1' or 'Health 2' in a group."""
    label = point.label or str(point.number)
    return f"{point.group} {label}" if point.group else label


def _match_recommendation(found: Any, points: tuple[Point, ...]) -> tuple[Point | None, str]:
    """The recommendation `found` names, or None and what was expected instead."""
    wanted = str(found).strip()
    key = " ".join(wanted.lower().split())
    for point in points:  # the item's id, or its name with its group
        if key in (point.anchor.lower(), point_name(point).lower()):
            return point, ""
    by_number = [point for point in points if key in ((point.label or "").lower(), str(point.number))]
    if len(by_number) == 1:
        return by_number[0], ""
    names = [point_name(point) for point in points]
    shown = ", ".join(names) if len(names) <= 12 else ", ".join(names[:12]) + ", …"
    if len(by_number) > 1:
        groups = ", ".join(point_name(point) for point in by_number)
        example, anchor = repr(point_name(by_number[0])), repr(by_number[0].anchor)
        return None, message("ambiguous-recommendation", repr(wanted), groups=groups, example=example, anchor=anchor)
    if not points:
        return None, message("no-recommendations", repr(wanted))
    return None, message("unknown-recommendation", repr(wanted), choices=shown)


def well_formed_items(raw: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, parsed item) for each item of a plan whose structure is valid.

    The structure's problems are reported by the field's parser; the items that have none are
    still checked against the review, so one run reports every problem of a plan.
    """
    items = raw if isinstance(raw, list) else [raw]
    parsed = []
    for index, item in enumerate(items):
        try:
            parsed.append((index, parse_action_item(item)))
        except (FieldError, GroupedFieldError):
            continue
    return parsed


def _as_written(document: SourceDocument, index: int, value: str) -> str:
    """A recommendation reference as the file writes it: YAML reads an unquoted 8.10 as the
    number 8.1, which would name another recommendation."""
    where = f"{FIELD}[{index + 1}].recommendation"
    return next((scalar.text.strip() for scalar in document.scalars if scalar.where == where), value)


def read_action_plan(
    items: list[tuple[int, dict[str, Any]]],
    document: SourceDocument,
    recommendations: tuple[Point, ...],
    today: dt.date,
) -> tuple[tuple[Action, ...], list[Problem]]:
    """The plan from its well-formed items (index, item), checked against the review and the day.

    Every problem is reported: a recommendation that is not in the review, a status that needs
    a date it lacks, a date in the future or in the wrong order.
    """
    problems: list[Problem] = []
    actions: list[Action] = []

    def problem(index: int, part: str | None, message: str) -> None:
        line = document.line_within(FIELD, index, part)
        problems.append(Problem(document.path, line, FIELD, f"item {index + 1}: {message}"))

    for index, item in items:
        point, expected = _match_recommendation(_as_written(document, index, item["recommendation"]), recommendations)
        if point is None:
            problem(index, "recommendation", f"recommendation: {expected}")
        stage: str = item["status"]
        completed: PartialDate | None = item.get("completed")
        signed_off: PartialDate | None = item.get("signed_off")
        if stage in DONE and completed is None:
            what = f"the action was completed (status {stage})"
            problem(index, "status", f"completed: {message('action-date-missing', what=what)}")
        if stage == "signed-off" and signed_off is None:
            what = "the board signed the action off"
            problem(index, "status", f"signed_off: {message('action-date-missing', what=what)}")
        for part, given, statuses in (
            ("completed", stage not in DONE and completed is not None, "complete or signed-off"),
            ("signed_off", stage != "signed-off" and signed_off is not None, "signed-off"),
        ):
            if given:
                wording = message("date-without-status", status=stage, statuses=statuses, part=part)
                problem(index, part, f"{part}: {wording}")
        for part, value in (("completed", completed), ("signed_off", signed_off)):
            if value is not None and value.first_day > today:
                wording = message("future-date", value.isoformat(), what="the date it happened")
                problem(index, part, f"{part}: {wording}")
        if completed and signed_off and signed_off.last_day < completed.first_day:
            relation = f"before the action was completed ({completed.isoformat()})"
            wording = message(
                "dates-out-of-order", signed_off.isoformat(), relation=relation, what="a date on or after completion"
            )
            problem(index, "signed_off", f"signed_off: {wording}")
        notes = tuple(ProgressNote(entry["date"], entry["note"]) for entry in item.get("progress", ()))
        for number, note in enumerate(notes, start=1):
            if note.date.first_day > today:
                found = f"a note dated {note.date.isoformat()}"
                wording = message("future-date", found, what="the date the progress was made")
                problem(index, f"progress[{number}].date", f"progress: {wording}")
        if point is not None:
            actions.append(
                Action(
                    number=index + 1,
                    recommendation=point.anchor,
                    recommendation_label=point_name(point),
                    action=item["action"],
                    owners=item["owner"],
                    due=item["due"],
                    stage=stage,
                    completed=completed,
                    signed_off=signed_off,
                    previous_due=item.get("previous_due", ()),
                    progress=notes,
                    evidence=item.get("evidence"),
                )
            )
    return tuple(actions), problems
