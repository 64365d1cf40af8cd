"""The front-matter schema of a review: each field, how it is read and what it says it expects.

The list here is the one source of the review's fields: `model.reviews` copies every field
that `Review` has an attribute of the same name for, and a unit test fails when a field is
neither copied, built by hand, nor recorded only in the source.
"""

from __future__ import annotations

from typing import Any

from ..problems import did_you_mean, one_of
from ..rules.anonymisation import RULES
from . import vocabulary
from .action_plan import DESCRIPTION as ACTION_PLAN_DESCRIPTION
from .action_plan import parse_action_items
from .fields import (
    Field,
    FieldError,
    choice,
    date,
    described,
    list_of,
    paragraph,
    partial_date,
    record,
    sentence,
    slug,
    text,
    uk_datetime,
    web_address,
    words_text,
    year,
)
from .messages import message

MAX_THEMES = 8
#: A summary shorter than this was taken from the wrong place ("4", "Summary of events").
MIN_SUMMARY_WORDS = 5


def accepted_finding(value: Any) -> dict[str, str]:
    """One accepted anonymisation finding: the rule, the exact text and the reason."""
    if not isinstance(value, dict):
        raise FieldError(message("acceptance-shape", described(value)))
    unknown = sorted(set(value) - {"rule", "text", "reason"})
    if unknown:
        raise FieldError(message("acceptance-key", f"'{unknown[0]}'"))
    accepted = {}
    for key in ("rule", "text", "reason"):
        entry = value.get(key)
        if not isinstance(entry, str) or not entry.strip():
            raise FieldError(message("acceptance-part-missing", part=key))
        accepted[key] = entry.strip()
    if accepted["rule"] not in RULES:
        hint = did_you_mean(accepted["rule"], RULES)
        raise FieldError(message("choice", f"rule '{accepted['rule']}'", choices=one_of(RULES), hint=hint))
    if accepted["rule"] == "listed-name":
        raise FieldError(message("acceptance-listed-name"))
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


#: Fields the model turns into something else (a list of types, resolved themes, records).
BUILT_BY_HAND = frozenset(
    {
        "title",
        "review_type",
        "board",
        "published",
        "themes",
        "summary",
        "status",
        "subjects",
        "period_under_review",
        "action_plan",
    }
)
#: Fields the import records for the author's reference: read and checked, never shown.
SOURCE_ONLY = frozenset({"source_sha256", "imported_from"})
