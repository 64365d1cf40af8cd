"""The review: its front-matter schema, the validated record, and the checks across fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import vocabulary
from .anonymisation import RULES
from .body import ReviewBody, parse_body
from .fields import (
    Field,
    FieldError,
    choice,
    date,
    list_of,
    paragraph,
    slug,
    text,
    uk_datetime,
    validate_fields,
    web_address,
    year,
)
from .problems import Problem, did_you_mean
from .source import SourceDocument
from .themes import ThemeCatalogue

MAX_THEMES = 8


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
    Field("title", text(200), required=True, description="the review's title, e.g. 'Serious case review: Child M'"),
    Field(
        "review_type",
        choice(vocabulary.REVIEW_TYPES),
        required=True,
        description="one of: " + ", ".join(vocabulary.REVIEW_TYPES),
    ),
    Field("board", text(200), required=True, description="the board that published the review"),
    Field("published", date, required=True, description="the publication date, written YYYY-MM-DD"),
    Field(
        "themes",
        list_of(text(80), min_items=1, max_items=MAX_THEMES),
        required=True,
        description="a list of one or more themes (see content/themes/)",
    ),
    Field("summary", paragraph(1000), required=True, description="one paragraph of plain text"),
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
    Field("incident_year", year),
    Field("agencies", list_of(choice(vocabulary.AGENCIES))),
    Field("review_model", text(200)),
    Field("source_url", web_address),
    Field("keywords", list_of(text(60))),
    Field("embargo_until", uk_datetime),
    Field("withdrawn_on", date),
    Field("withdrawn_reason", paragraph(500)),
    Field("online_until", date),
    Field("aliases", list_of(slug)),
    Field("accepted_findings", list_of(accepted_finding)),
    Field("source_sha256", text(64), description="set by the import: the SHA-256 of the source report"),
    Field("imported_from", text(300), description="set by the import: the file name of the source report"),
)


@dataclass(frozen=True)
class Review:
    """A validated review. `themes` are resolved slugs; `body` is the Markdown after front matter."""

    slug: str
    path: str
    title: str
    review_type: str
    board: str
    published: dt.date
    themes: tuple[str, ...]
    summary: str
    status: str
    body: str = ""
    body_line: int = 1
    content: ReviewBody = field(default_factory=lambda: ReviewBody((), (), ()))
    pseudonym: str | None = None
    age_at_incident: str | None = None
    age_band: str | None = None
    outcome: str | None = None
    incident_year: int | None = None
    agencies: tuple[str, ...] = ()
    review_model: str | None = None
    source_url: str | None = None
    keywords: tuple[str, ...] = ()
    embargo_until: dt.datetime | None = None
    withdrawn_on: dt.date | None = None
    withdrawn_reason: str | None = None
    online_until: dt.date | None = None
    aliases: tuple[str, ...] = ()
    accepted_findings: tuple[dict[str, str], ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def url(self) -> str:
        """The review's public URL, relative to the site root."""
        return f"reviews/{self.slug}/"

    @property
    def year(self) -> int:
        """The year the review counts in: that of its publication."""
        return self.published.year

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

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
                    f"found '{term}', expected a theme from content/themes/{did_you_mean(term, themes.names())}",
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

    content = ReviewBody((), (), ())
    if not is_draft:
        content, body_problems = parse_body(document.body, document.body_line, path)
        if values.get("status") == "published":
            problems.extend(body_problems)

    if problems:
        return None, problems
    record = Review(
        slug=slug_value,
        path=path,
        title=values.get("title", slug_value),
        review_type=values.get("review_type", "serious-case-review"),
        board=values.get("board", ""),
        published=values.get("published", today),
        themes=tuple(resolved),
        summary=values.get("summary", ""),
        status=values["status"],
        body=document.body,
        body_line=document.body_line,
        content=content,
        key_lines=dict(document.key_lines),
        **{
            name: values[name]
            for name in (
                "pseudonym",
                "age_at_incident",
                "age_band",
                "outcome",
                "incident_year",
                "agencies",
                "review_model",
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
    return record, []


def _cross_field_problems(values: dict[str, Any], document: SourceDocument, today: dt.date) -> list[Problem]:
    """Checks that involve more than one field."""
    path = document.path
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, document.line_of(key), key, message))

    published = values.get("published")
    status = values.get("status")
    if published and published > today and status != "draft":
        problem(
            "published",
            f"found {published.isoformat()}, a date in the future; expected the date the review "
            "was published (to hold a review back until a date, use embargo_until)",
        )
    incident_year = values.get("incident_year")
    if published and incident_year and incident_year > published.year:
        problem(
            "incident_year",
            f"found {incident_year}, after the year of publication ({published.year}); "
            "expected the year of the incident",
        )
    online_until = values.get("online_until")
    if published and online_until and online_until < published:
        problem(
            "online_until",
            f"found {online_until.isoformat()}, before the publication date; expected a later date",
        )
    if status == "withdrawn":
        for key, wanted in (
            ("withdrawn_on", "the date of withdrawal, written YYYY-MM-DD"),
            ("withdrawn_reason", "a short reason shown on the withdrawal notice"),
        ):
            if key not in document.meta:
                problems.append(
                    Problem(path, document.line_of("status"), key, f"is missing: a withdrawn review needs {wanted}")
                )
    elif status:
        for key in ("withdrawn_on", "withdrawn_reason"):
            if key in document.meta:
                problem(key, f"is only used with status: withdrawn, but the status is '{status}'")
    return problems
