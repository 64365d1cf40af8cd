"""Typed front-matter fields: each parser turns a YAML value into a Python value or says why not.

A parser raises `FieldError` with a message of the catalogue (`model.messages`): "found X,
expected Y; what to do". `validate_fields`
applies a schema to a document and collects one problem per bad field (or list item),
plus one per unknown or missing field, so every problem in a file is reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..problems import Problem, counted, did_you_mean, one_of, quoted
from .dates import PartialDate
from .messages import date_suggestion, message
from .source import SourceDocument

UK_TIME = ZoneInfo("Europe/London")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Parser = Callable[[Any], Any]


class FieldError(ValueError):
    """A value that does not fit its field; `index` points into a list value, `part` names
    the field of a record (a list item's fields) where the problem is."""

    def __init__(self, message: str, index: int | None = None, part: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.part = part


class GroupedFieldError(ValueError):
    """Every bad part of one value (each item of a list, each field of a record)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class Field:
    """One front-matter field: its name, parser, whether it must be given, and what it means."""

    name: str
    parse: Parser
    required: bool = False
    description: str = ""


def described(value: Any) -> str:
    """A found value as a message names it: 'nothing', 'a list', or the value, short and quoted."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return quoted(value)


def text(max_length: int = 200, single_line: bool = True) -> Parser:
    """Plain text, not empty, at most `max_length` characters."""

    def parse(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise FieldError(message("text", described(value)))
        cleaned = " ".join(value.split()) if single_line else value.strip()
        if single_line and "\n" in value.strip():
            raise FieldError(message("one-line", described(value)))
        _check_length(cleaned, max_length)
        return cleaned

    return parse


def _check_length(cleaned: str, max_length: int) -> None:
    """Text longer than its field allows is refused, with how long it is."""
    if len(cleaned) > max_length:
        raise FieldError(message("too-long", counted(len(cleaned), "character"), limit=max_length))


def words_text(max_length: int, example: str) -> Parser:
    """Text that says something in words: not a number, a page number or a bare mark, which an
    import can take from a cover by mistake ("1", "Page 3 of 20")."""
    base = text(max_length)

    def parse(value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise FieldError(
                message("not-words", value, what="a number (a page number from the source?)", example=example)
            )
        cleaned: str = base(value)
        if not re.search(r"[^\W\d_]{2,}", cleaned):
            raise FieldError(message("not-words", repr(cleaned), what="which has no words", example=example))
        if re.fullmatch(r"(?i)(?:page\s+)?\d+(?:\s*(?:of|/)\s*\d+)?", cleaned):
            raise FieldError(message("not-words", repr(cleaned), what="a page number", example=example))
        words = cleaned.split()
        half = len(words) // 2
        if half and len(words) % 2 == 0 and [w.lower() for w in words[:half]] == [w.lower() for w in words[half:]]:
            once = " ".join(words[:half])
            raise FieldError(message("words-twice", repr(cleaned), once=repr(once)))
        return cleaned

    return parse


def sentence(max_length: int, min_words: int) -> Parser:
    """A paragraph of at least `min_words` words: a summary that is one word ("4", "Summary")
    was taken from the wrong place."""
    base = paragraph(max_length)

    def parse(value: Any) -> str:
        cleaned: str = base(value)
        count = len(re.findall(r"[^\W\d_][\w'’-]*", cleaned))
        if count < min_words:
            raise FieldError(message("too-few-words", repr(cleaned), count=counted(count, "word"), minimum=min_words))
        return cleaned

    return parse


def paragraph(max_length: int = 1000) -> Parser:
    """One paragraph of plain text; line breaks inside it are folded to spaces."""

    def parse(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise FieldError(message("paragraph", described(value)))
        if re.search(r"\n\s*\n", value.strip()):
            raise FieldError(message("several-paragraphs"))
        cleaned = " ".join(value.split())
        _check_length(cleaned, max_length)
        return cleaned

    return parse


def choice(choices: Mapping[str, str] | Iterable[str]) -> Parser:
    """One value from a controlled list, with a did-you-mean for near misses."""
    allowed = list(choices)

    def parse(value: Any) -> str:
        if isinstance(value, str) and value.strip() in allowed:
            return value.strip()
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        raise FieldError(message("choice", described(value), choices=one_of(allowed), hint=hint))

    return parse


def slug(value: Any) -> str:
    """A URL slug: lower-case letters and digits in hyphen-separated words."""
    if isinstance(value, str) and SLUG_PATTERN.match(value.strip()):
        return value.strip()
    raise FieldError(message("slug", described(value)))


def date(value: Any) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise FieldError(message("unreal-date", described(value), part="day")) from None
    suggestion = date_suggestion(value, "2007-11-15", day_needed=True)
    raise FieldError(message("date", described(value), suggestion=suggestion))


def partial_date(value: Any) -> PartialDate:
    """A date with the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return PartialDate.of(value.date())
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    text_value = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
    if text_value is not None and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text_value):
        try:
            return PartialDate.parse(text_value)
        except ValueError:
            raise FieldError(message("unreal-date", described(value), part="month or day")) from None
    suggestion = date_suggestion(value, "2011-03-15, or 2011-03 for March 2011")
    raise FieldError(message("partial-date", described(value), suggestion=suggestion))


def record(fields: Mapping[str, Parser], required: Iterable[str] = ()) -> Parser:
    """A set of named fields (a YAML mapping), each checked; every bad or unknown field reported."""
    needed = list(required)

    def parse(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise FieldError(message("record", described(value), fields=", ".join(fields)))
        errors: list[FieldError] = []
        parsed: dict[str, Any] = {}
        for key, raw in value.items():
            if key not in fields:
                errors.append(FieldError(f"{key}: {unknown_field(str(key), fields)}", part=str(key)))
            elif raw is not None:
                try:
                    parsed[key] = fields[key](raw)
                except GroupedFieldError as found:
                    errors.extend(FieldError(f"{key}: {error.message}", part=key) for error in found.errors)
                except FieldError as error:
                    errors.append(FieldError(f"{key}: {error.message}", part=key))
        errors.extend(
            FieldError(f"{key}: {message('missing-part', part=key)}") for key in needed if value.get(key) is None
        )
        if errors:
            raise GroupedFieldError(errors)
        return parsed

    return parse


def uk_datetime(value: Any) -> dt.datetime:
    """A date, or a date and time; read in UK time when no offset is given."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str) and re.fullmatch(
        r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?", value.strip()
    ):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise FieldError(message("unreal-date-time", described(value))) from None
    else:
        raise FieldError(message("date-time", described(value)))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UK_TIME)
    return parsed


def year(value: Any) -> int:
    """A four-digit year."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2999:
        return value
    if isinstance(value, str) and re.fullmatch(r"(19|2\d)\d{2}", value.strip()):
        return int(value)
    raise FieldError(message("year", described(value)))


def web_address(value: Any) -> str:
    """An absolute http(s) address."""
    if isinstance(value, str):
        address = value.strip()
        parts = urlsplit(address)
        if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", address):
            return address
    raise FieldError(message("web-address", described(value)))


def list_of(item: Parser, min_items: int = 0, max_items: int | None = None) -> Parser:
    """A YAML list (a single value counts as a list of one); items checked one by one."""

    def parse(value: Any) -> tuple[Any, ...]:
        items = value if isinstance(value, list) else [value]
        if value is None:
            raise FieldError(message("empty-list", "nothing"))
        if len(items) < min_items:
            missing = counted(min_items - len(items), "more item")
            raise FieldError(message("too-few-items", counted(len(items), "item"), minimum=min_items, missing=missing))
        if max_items is not None and len(items) > max_items:
            raise FieldError(message("too-many-items", counted(len(items), "item"), maximum=max_items))
        parsed = []
        errors: list[FieldError] = []
        for index, entry in enumerate(items):
            which = f"item {index + 1}: " if isinstance(value, list) else ""
            try:
                parsed.append(item(entry))
            except GroupedFieldError as found:
                errors.extend(FieldError(f"{which}{error.message}", index, error.part) for error in found.errors)
            except FieldError as error:
                errors.append(FieldError(f"{which}{error.message}", index, error.part))
        if errors:
            raise GroupedFieldError(errors)
        duplicates = sorted({str(entry) for entry in parsed if parsed.count(entry) > 1})
        if duplicates:
            raise FieldError(message("listed-twice", f"{', '.join(duplicates)} more than once"))
        return tuple(parsed)

    return parse


def unknown_field(key: str, fields: Iterable[str]) -> str:
    """The message for a field that is not one of `fields`, with a near spelling when there is one."""
    known = list(fields)
    return message("unknown-field", hint=did_you_mean(key, known), choices=one_of(known))


def validate_fields(
    document: SourceDocument,
    schema: Iterable[Field],
    *,
    report_missing: bool = True,
) -> tuple[dict[str, Any], list[Problem]]:
    """Apply a schema to a document: the parsed values, and a problem for each bad field."""
    fields = {field.name: field for field in schema}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, raw in document.meta.items():
        field = fields.get(key)
        if field is None:
            problems.append(Problem(document.path, document.line_of(key), key, unknown_field(key, fields)))
            continue
        if raw is None and not field.required:
            continue  # an optional field left blank (as in a copied template) is not given
        try:
            values[key] = field.parse(raw)
        except GroupedFieldError as found:
            problems.extend(
                Problem(document.path, document.line_within(key, error.index, error.part), key, error.message)
                for error in found.errors
            )
        except FieldError as error:
            problems.append(Problem(document.path, document.line_of(key, error.index), key, error.message))
    if report_missing:
        for field in fields.values():
            if field.required and field.name not in document.meta:
                problems.append(
                    Problem(
                        document.path, None, field.name, message("missing-field", what=field.description or "a value")
                    )
                )
    return values, problems
