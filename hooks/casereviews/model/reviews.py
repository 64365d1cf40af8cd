"""The review: the validated record built from its front matter and body, and the checks across fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from .. import urls
from ..problems import Problem, Severity, did_you_mean
from . import vocabulary
from .action_plan import Action, read_action_plan, well_formed_items
from .body import ReviewBody, parse_body
from .body_lines import without_comments
from .dates import PartialDate
from .fields import validate_fields
from .messages import message
from .placeholders import placeholder_problems
from .review_fields import BUILT_BY_HAND, REVIEW_FIELDS, SOURCE_ONLY
from .source import SourceDocument
from .themes import ThemeCatalogue, term_key


@dataclass(frozen=True)
class Subject:
    """One person a review is about, by pseudonym."""

    pseudonym: str
    age: str | None = None
    age_band: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Period:
    """The period a review looked at."""

    start: PartialDate
    end: PartialDate


@dataclass(frozen=True)
class Review:
    """A validated review. `themes` are resolved slugs; `body` is the Markdown after front matter."""

    slug: str
    path: str
    title: str
    review_types: tuple[str, ...]
    board: str
    published: PartialDate
    themes: tuple[str, ...]
    summary: str
    status: str
    body: str = ""
    body_line: int = 1
    content: ReviewBody = field(default_factory=ReviewBody)
    pseudonym: str | None = None
    age_at_incident: str | None = None
    age_band: str | None = None
    outcome: str | None = None
    subjects: tuple[Subject, ...] = ()
    period_under_review: Period | None = None
    parallel_proceedings: tuple[str, ...] = ()
    incident_year: int | None = None
    agencies: tuple[str, ...] = ()
    review_model: str | None = None
    reviewer: tuple[str, ...] = ()
    source_url: str | None = None
    keywords: tuple[str, ...] = ()
    embargo_until: dt.datetime | None = None
    withdrawn_on: dt.date | None = None
    withdrawn_reason: str | None = None
    online_until: dt.date | None = None
    aliases: tuple[str, ...] = ()
    accepted_findings: tuple[dict[str, str], ...] = ()
    action_plan: tuple[Action, ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def url(self) -> str:
        """The review's public URL, relative to the site root."""
        return urls.review(self.slug)

    @property
    def year(self) -> int:
        """The year the review counts in: that of its publication."""
        return self.published.year

    @property
    def review_type(self) -> str:
        """The review's first (or only) type."""
        return self.review_types[0]

    @property
    def type_label(self) -> str:
        """'Serious case review', or for a joint review 'Serious case review and domestic homicide review'."""
        first, *others = (vocabulary.REVIEW_TYPES[kind] for kind in self.review_types)
        rest = [label[0].lower() + label[1:] for label in others]
        if not rest:
            return first
        return ", ".join([first, *rest[:-1]]) + " and " + rest[-1]

    @property
    def people(self) -> tuple[Subject, ...]:
        """Whom the review is about: its subjects, or the one subject of the single-subject fields."""
        if self.subjects:
            return self.subjects
        if self.pseudonym or self.age_at_incident or self.age_band or self.outcome:
            return (Subject(self.pseudonym or "", self.age_at_incident, self.age_band, self.outcome),)
        return ()

    @property
    def audience(self) -> str:
        """Whom the review is about: 'children', 'adults', or 'all' when that is not known or both.

        Known from its types (an adults review, a child practice review…), else from the age
        groups of the people it is about.
        """
        kinds = {vocabulary.TYPE_AUDIENCE[kind] for kind in self.review_types} - {"all"}
        if not kinds:
            kinds = {"adults" if band in vocabulary.ADULT_AGE_BANDS else "children" for band in self.age_bands}
        return kinds.pop() if len(kinds) == 1 else "all"

    @property
    def age_bands(self) -> tuple[str, ...]:
        """The age groups of the people the review is about, in the vocabulary's order."""
        bands = {person.age_band for person in self.people if person.age_band}
        return tuple(band for band in vocabulary.AGE_BANDS if band in bands)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The outcomes for the people the review is about, in the vocabulary's order."""
        found = {person.outcome for person in self.people if person.outcome}
        return tuple(outcome for outcome in vocabulary.OUTCOMES if outcome in found)

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


#: The fields copied onto `Review` as read: every field of the schema with an attribute of its name.
COPIED_FIELDS = tuple(
    item.name for item in REVIEW_FIELDS if item.name in {each.name for each in fields(Review)} - BUILT_BY_HAND
)


def unplaced_fields() -> list[str]:
    """Schema fields that are neither copied, built by hand, nor recorded only: read, then dropped."""
    return [
        item.name
        for item in REVIEW_FIELDS
        if item.name not in COPIED_FIELDS and item.name not in BUILT_BY_HAND | SOURCE_ONLY
    ]


def review_from_document(
    slug_value: str,
    document: SourceDocument,
    themes: ThemeCatalogue,
    today: dt.date,
) -> tuple[Review | None, list[Problem]]:
    """Validate one review file against the schema, the theme catalogue and the body convention.

    A draft may still lack required fields and its body is not checked (it is never
    published), but every field it does give must be valid, and `status` must be given. Its
    body is still read, for the preview (`policy.preview_view`); a draft whose only problems
    are the import's placeholders is returned with them, so the preview can show it as it is.
    """
    is_draft = document.meta.get("status") == vocabulary.Status.DRAFT
    values, problems = validate_fields(document, REVIEW_FIELDS, report_missing=not is_draft)
    placeholders = placeholder_problems(document)  # an import's placeholders stop a draft too
    # a field holding a placeholder gets the placeholder's message only, not also the field's
    held = {problem.field for problem in placeholders if problem.field}
    problems = [problem for problem in problems if problem.field not in held]
    path = document.path

    resolved: list[str] = []
    for index, term in enumerate(values.get("themes", ())):
        theme_slug = themes.resolve(term)
        if theme_slug is None:
            problems.append(
                Problem(
                    path,
                    document.line_of("themes", index),
                    "themes",
                    message("unknown-theme", f"'{term}'", hint=did_you_mean(term_key(term), themes.names())),
                )
            )
        elif theme_slug in resolved:
            problems.append(
                Problem(
                    path,
                    document.line_of("themes", index),
                    "themes",
                    message("theme-twice", f"'{term}'", theme=theme_slug),
                )
            )
        else:
            resolved.append(theme_slug)

    problems.extend(_cross_field_problems(values, document, today))

    review_types: tuple[str, ...] = values.get("review_type", ("serious-case-review",))
    content, body_problems = parse_body(
        document.body,
        document.body_line,
        path,
        recommendations_required=not set(review_types) <= vocabulary.RECOMMENDATIONS_OPTIONAL,
    )
    if values.get("status") == vocabulary.Status.PUBLISHED:
        problems.extend(body_problems)
    actions: tuple[Action, ...] = ()
    if not is_draft and document.meta.get("action_plan") is not None:
        items = well_formed_items(document.meta["action_plan"])
        actions, plan_problems = read_action_plan(items, document, content.recommendations, today)
        problems.extend(plan_problems)

    if problems or (placeholders and not is_draft):
        return None, [*problems, *placeholders]
    period = values.get("period_under_review")
    review = Review(
        slug=slug_value,
        path=path,
        title=values.get("title", slug_value),
        review_types=review_types,
        board=values.get("board", ""),
        published=values.get("published", PartialDate.of(today)),
        subjects=tuple(Subject(**subject) for subject in values.get("subjects", ())),
        period_under_review=Period(period["from"], period["to"]) if period else None,
        themes=tuple(resolved),
        summary=values.get("summary", ""),
        status=values["status"],
        body=without_comments(document.body),  # what every page and export is made from
        body_line=document.body_line,
        content=content,
        action_plan=actions,
        key_lines=dict(document.key_lines),
        **{name: values[name] for name in COPIED_FIELDS if name in values},
    )
    return review, [*placeholders, *_audience_warnings(review, themes, document)]


def audiences_meet(first: str, second: str) -> bool:
    """Whether learning about the one audience speaks to the other: the same, or either is 'all'."""
    return first == second or "all" in (first, second)


def _audience_warnings(review: Review, themes: ThemeCatalogue, document: SourceDocument) -> list[Problem]:
    """A theme for children on a review about adults (or the other way round) is likely a slip."""
    return [
        Problem(
            review.path,
            document.line_of("themes", index),
            "themes",
            message("theme-audience", f"'{slug}'", theme_audience=themes[slug].audience, audience=review.audience),
            Severity.WARNING,
        )
        for index, slug in enumerate(review.themes)
        if not audiences_meet(themes[slug].audience, review.audience)
    ]


def _cross_field_problems(values: dict[str, Any], document: SourceDocument, today: dt.date) -> list[Problem]:
    """Checks that involve more than one field."""
    path = document.path
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, document.line_of(key), key, message))

    published: PartialDate | None = values.get("published")
    status = values.get("status")
    if published and published.first_day > today and status != vocabulary.Status.DRAFT:
        problem("published", message("future-publication", published.isoformat()))
    if "subjects" in values:
        for key in ("age_at_incident", "age_band", "outcome"):
            if key in values:
                problem(key, message("beside-subjects"))

    def out_of_order(key: str, found: object, relation: str, what: str) -> None:
        problem(key, message("dates-out-of-order", found, relation=relation, what=what))

    period = values.get("period_under_review")
    if period and period["from"].first_day > period["to"].last_day:
        out_of_order(
            "period_under_review",
            f"'from' {period['from']}",
            f"after 'to' ({period['to']})",
            "'from' to come before 'to'",
        )
    if period and published and period["to"].first_day > published.last_day:
        relation = f"after the review was published ({published})"
        out_of_order("period_under_review", f"'to' {period['to']}", relation, "an earlier end")
    incident_year = values.get("incident_year")
    if published and incident_year and incident_year > published.year:
        relation = f"after the year of publication ({published.year})"
        out_of_order("incident_year", incident_year, relation, "the year of the incident")
    online_until = values.get("online_until")
    if published and online_until and online_until < published.first_day:
        out_of_order("online_until", online_until.isoformat(), "before the publication date", "a later date")
    if status == vocabulary.Status.WITHDRAWN:
        for key, wanted in (
            ("withdrawn_on", "the date of withdrawal, written YYYY-MM-DD"),
            ("withdrawn_reason", "a short reason shown on the withdrawal notice"),
        ):
            if document.meta.get(key) is None:
                found = "is missing" if key not in document.meta else "is blank"
                problems.append(
                    Problem(
                        path,
                        document.line_of(key) or document.line_of("status"),
                        key,
                        message("withdrawal-detail", found, what=wanted),
                    )
                )
    elif status:
        for key in ("withdrawn_on", "withdrawn_reason"):
            if key in document.meta:
                problem(key, message("withdrawal-only", status=status))
    return problems
