"""The JSON Schema of reviews.json (draft 2020-12), and the table of its fields for README.

Both come from `FIELDS`, one entry per key of a catalogue record (`exports.record`), with
the controlled values taken from `model.vocabulary`: the schema cannot drift from the
vocabularies, and the tests validate every build's reviews.json against it (every key
required unless marked, no other key allowed) and check README's table against `FIELDS`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import urls
from ..model import vocabulary
from ..model.dates import Precision
from .exports import CSV_COLUMNS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: A date as the source gives it: a year, a month or a day (see model.dates).
PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _string(pattern: str | None = None, *, nullable: bool = False, uri: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", "null"] if nullable else "string"}
    if pattern:
        schema["pattern"] = pattern
    if uri:
        schema["format"] = "uri"
    return schema


def _choice(values: dict[str, str], *, nullable: bool = False) -> dict[str, Any]:
    """One of a vocabulary's values (or null)."""
    if nullable:
        return {"type": ["string", "null"], "enum": [*values, None]}
    return {"type": "string", "enum": list(values)}


def _list(items: dict[str, Any], *, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _object(properties: dict[str, dict[str, Any]], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


SUBJECT = _object(
    {
        "pseudonym": _string(),
        "age": _string(nullable=True),
        "age_band": _choice(vocabulary.AGE_BANDS, nullable=True),
        "outcome": _choice(vocabulary.OUTCOMES, nullable=True),
    }
)
POINT = _object(
    {
        "anchor": _string(r"^[a-z0-9-]+$"),
        "url": _string(uri=True),
        "label": _string(),
        "group": _string(nullable=True),
        "text": _string(),
    }
)


@dataclass(frozen=True)
class CatalogueField:
    """One key of a catalogue record: its schema, what it means, an example, and whether a
    review whose text is no longer online (archived) still has it."""

    name: str
    schema: dict[str, Any]
    meaning: str
    example: str
    always: bool = True


FIELDS = (
    CatalogueField(
        "url",
        _string(uri=True),
        "the review's permanent address",
        "https://learning.example.org/reviews/2007-tower-hamlets-baby-e/",
    ),
    CatalogueField("slug", _string(SLUG), "the last part of the address", "2007-tower-hamlets-baby-e"),
    CatalogueField("title", _string(), "the review's title", "Serious case review: Baby E"),
    CatalogueField(
        "review_type",
        _choice(vocabulary.REVIEW_TYPES),
        "the (first) type of review; in CSV every type of a joint review, separated by '; '",
        "serious-case-review",
    ),
    CatalogueField(
        "review_types",
        _list(_choice(vocabulary.REVIEW_TYPES), min_items=1),
        "every type of review (more than one for a joint review)",
        '["serious-case-review"]',
    ),
    CatalogueField(
        "board",
        _string(),
        "the board or partnership that published it",
        "Tower Hamlets Local Safeguarding Children Board",
    ),
    CatalogueField(
        "published",
        _string(PARTIAL_DATE),
        "date of publication, as precise as the report gives it: YYYY-MM-DD, YYYY-MM or YYYY",
        "2011-03",
    ),
    CatalogueField(
        "published_precision",
        _choice({precision.name.lower(): "" for precision in Precision}),
        "how much of `published` is known: year, month or day",
        "day",
    ),
    CatalogueField(
        "themes",
        _list(_string(SLUG), min_items=1),
        "the review's themes, each by the last part of its page's address",
        '["domestic-violence", "substance-misuse"]',
    ),
    CatalogueField("summary", _string(), "one paragraph saying what happened, in general terms", "A baby died …"),
    CatalogueField(
        "pseudonym", _string(nullable=True), "the name the review uses for the person it is about", "Baby E"
    ),
    CatalogueField("age_at_incident", _string(nullable=True), "that person's age, as the review gives it", "6 months"),
    CatalogueField("age_band", _choice(vocabulary.AGE_BANDS, nullable=True), "that person's age group", "under-1"),
    CatalogueField("outcome", _choice(vocabulary.OUTCOMES, nullable=True), "what happened to that person", "death"),
    CatalogueField(
        "subjects",
        _list(SUBJECT),
        "for a review about several people, each one's pseudonym, age, age_band and outcome "
        "(in CSV their pseudonyms, separated by '; ')",
        '[{"pseudonym": "Adult X", "age": "58 years", "age_band": "25-64", "outcome": "death"}]',
    ),
    CatalogueField("incident_year", {"type": ["integer", "null"]}, "the year of the incident", "2006"),
    CatalogueField(
        "period_from", _string(PARTIAL_DATE, nullable=True), "start of the period the review looked at", "2019-01"
    ),
    CatalogueField(
        "period_to", _string(PARTIAL_DATE, nullable=True), "end of the period the review looked at", "2021-06"
    ),
    CatalogueField(
        "parallel_proceedings",
        _list(_choice(vocabulary.PARALLEL_PROCEEDINGS)),
        "proceedings that ran beside the review",
        '["inquest", "criminal-trial"]',
    ),
    CatalogueField("agencies", _list(_choice(vocabulary.AGENCIES)), "the agencies involved", '["health", "police"]'),
    CatalogueField(
        "review_model", _string(nullable=True), "the review method used", "Systems methodology (SCIE Learning Together)"
    ),
    CatalogueField("reviewer", _list(_string()), "the reviewer or reviewers", '["Dr Ruth Ellison"]'),
    CatalogueField(
        "source_url",
        _string(nullable=True, uri=True),
        "the published report; null once the text is no longer online",
        "https://example.org/report.pdf",
    ),
    CatalogueField("keywords", _list(_string()), "the author's keywords", '["methadone"]'),
    CatalogueField(
        "learning",
        _list(POINT),
        "the learning points, each with its anchor, link, number as written, group and text "
        "(JSON only; absent once the text is no longer online)",
        '[{"anchor": "learning-1", "url": "…#learning-1", "label": "1", "group": null, "text": "…"}]',
        always=False,
    ),
    CatalogueField(
        "recommendations",
        _list(POINT),
        "the recommendations, in the same shape (JSON only; absent once the text is no longer online)",
        '[{"anchor": "recommendation-police-1", "url": "…", "label": "1", "group": "Police", "text": "…"}]',
        always=False,
    ),
)


def catalogue_schema(site_url: str) -> dict[str, Any]:
    """The JSON Schema of reviews.json, with its address on this site as its `$id`."""
    record = _object(
        {field.name: {**field.schema, "description": field.meaning} for field in FIELDS},
        required=[field.name for field in FIELDS if field.always],
    )
    return {
        "$schema": DRAFT,
        "$id": site_url + urls.CATALOGUE_SCHEMA,
        "title": "The catalogue of published case reviews",
        "description": "reviews.json: every listed review, newest first.",
        "type": "object",
        "properties": {"reviews": {"type": "array", "items": {"$ref": "#/$defs/review"}}},
        "required": ["reviews"],
        "additionalProperties": False,
        "$defs": {"review": record},
    }


def write_schema(site_dir: Path, site_url: str) -> None:
    """reviews.schema.json, beside reviews.json (sorted keys: identical builds, identical bytes)."""
    (site_dir / urls.CATALOGUE_SCHEMA).write_text(
        json.dumps(catalogue_schema(site_url), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def _type(schema: dict[str, Any]) -> str:
    """A field's type in words, for README."""
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    name = {"string": "text", "integer": "number", "array": "list", "object": "object"}[kinds[0]]
    if "enum" in schema:
        name = "one of the listed values"
    if kinds[0] == "array":
        name = "list of " + ("listed values" if "enum" in schema["items"] else _plural(schema["items"]))
    return name + (" or null" if "null" in kinds else "")


def _plural(schema: dict[str, Any]) -> str:
    return {"string": "text", "object": "objects"}[schema["type"]]


def documentation_table() -> str:
    """The Markdown table of catalogue fields and CSV columns that README carries."""
    rows = ["| field | JSON type | in CSV | meaning | example |", "| --- | --- | --- | --- | --- |"]
    for field in FIELDS:
        in_csv = "yes" if field.name in CSV_COLUMNS else "no"
        example = field.example.replace("|", "\\|")
        rows.append(f"| `{field.name}` | {_type(field.schema)} | {in_csv} | {field.meaning} | `{example}` |")
    return "\n".join(rows) + "\n"
