"""The review: its front-matter schema, the validated record, and the checks across fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..problems import Problem, Severity, did_you_mean
from ..rules.anonymisation import RULES
from . import vocabulary
from .action_plan import DESCRIPTION as ACTION_PLAN_DESCRIPTION
from .action_plan import Action, parse_action_items, read_action_plan, well_formed_items
from .body import ReviewBody, parse_body
from .dates import PartialDate
from .fields import (
    Field,
    FieldError,
    choice,
    date,
    list_of,
    paragraph,
    partial_date,
    record,
    sentence,
    slug,
    text,
    uk_datetime,
    validate_fields,
    web_address,
    words_text,
    year,
)
from .placeholders import placeholder_problems
from .source import SourceDocument
from .themes import ThemeCatalogue, term_key

MAX_THEMES = 8
#: A summary shorter than this was taken from the wrong place ("4", "Summary of events").
MIN_SUMMARY_WORDS = 5


def accepted_finding(value: Any) -> dict[str, str]:
    """One accepted anonymisation finding: the rule, the exact text and the reason."""
    if not isinstance(value, dict):
        raise FieldError("expected 'rule', 'text' and 'reason' for each accepted finding")
    unknown = sorted(set(value) - {"rule", "text", "reason"})
    if unknown:
        raise FieldError(f"found '{unknown[0]}', expected only 'rule', 'text' and 'reason'")
    accepted = {}
    for key in ("rule", "text", "reason"):
        entry = value.get(key)
        if not isinstance(entry, str) or not entry.strip():
            raise FieldError(f"'{key}' is missing, expected text")
        accepted[key] = entry.strip()
    if accepted["rule"] not in RULES:
        hint = did_you_mean(accepted["rule"], RULES)
        raise FieldError(f"found rule '{accepted['rule']}', expected one of: {', '.join(RULES)}{hint}")
    return accepted


REVIEW_FIELDS = (
    Field(
        "title",
        words_text(200, "'Serious case review: Child M'"),
        required=True,
        description="the review's title, e.g. 'Serious case review: Child M'",
    ),
    Field(
        "review_type",
        list_of(choice(vocabulary.REVIEW_TYPES), min_items=1, max_items=3),
        required=True,
        description="one of: " + ", ".join(vocabulary.REVIEW_TYPES) + " (a list for a joint review)",
    ),
    Field(
        "board",
        words_text(200, "'Westmoor Safeguarding Children Partnership'"),
        required=True,
        description="the board that published the review",
    ),
    Field(
        "published",
        partial_date,
        required=True,
        description="the publication date, written YYYY-MM-DD (or YYYY-MM, or YYYY, when that is all the source gives)",
    ),
    Field(
        "themes",
        list_of(text(80), min_items=1, max_items=MAX_THEMES),
        required=True,
        description="a list of one or more themes (see content/themes/)",
    ),
    Field("summary", sentence(1000, MIN_SUMMARY_WORDS), required=True, description="one paragraph of plain text"),
    Field(
        "status",
        choice(vocabulary.STATUSES),
        required=True,
        description="one of: " + ", ".join(vocabulary.STATUSES),
    ),
    Field("pseudonym", text(60), description="the name the review uses, e.g. 'Baby E'"),
    Field("age_at_incident", text(40), description="e.g. '6 months'"),
    Field("age_band", choice(vocabulary.AGE_BANDS)),
    Field("outcome", choice(vocabulary.OUTCOMES)),
    Field(
        "subjects",
        list_of(
            record(
                {
                    "pseudonym": text(60),
                    "age": text(40),
                    "age_band": choice(vocabulary.AGE_BANDS),
                    "outcome": choice(vocabulary.OUTCOMES),
                },
                required=("pseudonym",),
            ),
            min_items=1,
            max_items=30,
        ),
        description="the people the review is about, each with pseudonym, age, age_band and outcome",
    ),
    Field(
        "period_under_review",
        record({"from": partial_date, "to": partial_date}, required=("from", "to")),
        description="the period the review looked at: from and to",
    ),
    Field("parallel_proceedings", list_of(choice(vocabulary.PARALLEL_PROCEEDINGS))),
    Field("incident_year", year),
    Field("agencies", list_of(choice(vocabulary.AGENCIES))),
    Field("review_model", text(200)),
    Field("reviewer", list_of(text(120), min_items=1), description="the reviewer's name, or a list of names"),
    Field("source_url", web_address),
    Field("keywords", list_of(text(60))),
    Field("embargo_until", uk_datetime),
    Field("withdrawn_on", date),
    Field("withdrawn_reason", paragraph(500)),
    Field("online_until", date),
    Field("aliases", list_of(slug)),
    Field("accepted_findings", list_of(accepted_finding)),
    Field("action_plan", parse_action_items, description=ACTION_PLAN_DESCRIPTION),
    Field("source_sha256", text(64), description="set by the import: the SHA-256 of the source report"),
    Field("imported_from", text(300), description="set by the import: the file name of the source report"),
)


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


def review_from_document(
    slug_value: str,
    document: SourceDocument,
    themes: ThemeCatalogue,
    today: dt.date,
) -> tuple[Review | None, list[Problem]]:
    """Validate one review file against the schema, the theme catalogue and the body convention.

    A draft may still lack required fields and its body is not checked (it is never
    published), but every field it does give must be valid, and `status` must be given.
    """
    is_draft = document.meta.get("status") == "draft"
    values, problems = validate_fields(document, REVIEW_FIELDS, report_missing=not is_draft)
    problems.extend(placeholder_problems(document))  # an import's placeholders stop a draft too
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
                    f"found '{term}', expected a theme from content/themes/ (its file name, title or one of its "
                    f"aliases){did_you_mean(term_key(term), themes.names())}",
                )
            )
        elif theme_slug in resolved:
            problems.append(
                Problem(
                    path,
                    document.line_of("themes", index),
                    "themes",
                    f"found '{term}', which names the theme '{theme_slug}' already listed; expected each theme once",
                )
            )
        else:
            resolved.append(theme_slug)

    problems.extend(_cross_field_problems(values, document, today))

    content = ReviewBody()
    review_types: tuple[str, ...] = values.get("review_type", ("serious-case-review",))
    if not is_draft:
        content, body_problems = parse_body(
            document.body,
            document.body_line,
            path,
            recommendations_required=not set(review_types) <= vocabulary.RECOMMENDATIONS_OPTIONAL,
        )
        if values.get("status") == "published":
            problems.extend(body_problems)
    actions: tuple[Action, ...] = ()
    if not is_draft and document.meta.get("action_plan") is not None:
        items = well_formed_items(document.meta["action_plan"])
        actions, plan_problems = read_action_plan(items, document, content.recommendations, today)
        problems.extend(plan_problems)

    if problems:
        return None, problems
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
        body=document.body,
        body_line=document.body_line,
        content=content,
        action_plan=actions,
        key_lines=dict(document.key_lines),
        **{
            name: values[name]
            for name in (
                "pseudonym",
                "age_at_incident",
                "age_band",
                "outcome",
                "incident_year",
                "parallel_proceedings",
                "agencies",
                "review_model",
                "reviewer",
                "source_url",
                "keywords",
                "embargo_until",
                "withdrawn_on",
                "withdrawn_reason",
                "online_until",
                "aliases",
                "accepted_findings",
            )
            if name in values
        },
    )
    return review, _audience_warnings(review, themes, document)


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
            f"found '{slug}', a theme about {themes[slug].audience}, on a review about {review.audience}; "
            "expected themes for the people the review is about (or a theme for all)",
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
    if published and published.first_day > today and status != "draft":
        problem(
            "published",
            f"found {published.isoformat()}, a date in the future; expected the date the review "
            "was published (to hold a review back until a date, use embargo_until)",
        )
    if "subjects" in values:
        for key in ("age_at_incident", "age_band", "outcome"):
            if key in values:
                problem(
                    key,
                    "is given beside subjects; expected one or the other: give each person's age, "
                    "age_band and outcome under subjects",
                )
    period = values.get("period_under_review")
    if period and period["from"].first_day > period["to"].last_day:
        problem(
            "period_under_review",
            f"runs from {period['from']} to {period['to']}; expected 'from' to come before 'to'",
        )
    if period and published and period["to"].first_day > published.last_day:
        problem(
            "period_under_review",
            f"ends in {period['to']}, after the review was published ({published}); expected an earlier end",
        )
    incident_year = values.get("incident_year")
    if published and incident_year and incident_year > published.year:
        problem(
            "incident_year",
            f"found {incident_year}, after the year of publication ({published.year}); "
            "expected the year of the incident",
        )
    online_until = values.get("online_until")
    if published and online_until and online_until < published.first_day:
        problem(
            "online_until",
            f"found {online_until.isoformat()}, before the publication date; expected a later date",
        )
    if status == "withdrawn":
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
                        f"{found}: a withdrawn review needs {wanted}",
                    )
                )
    elif status:
        for key in ("withdrawn_on", "withdrawn_reason"):
            if key in document.meta:
                problem(key, f"is only used with status: withdrawn, but the status is '{status}'")
    return problems
