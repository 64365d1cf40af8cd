"""Anonymisation check: finds details in published text that could identify a child or family.

Executive summaries are anonymised by law, yet published reports have still carried dates
of birth, home addresses and telephone numbers. Each rule below looks for one kind of
identifying detail; ordinary dates and numbers ("the panel met on 27 February 2007",
"Working Together 2006", "Section 47", "Recommendation 24") are not findings.

A finding is printed as `path:line: rule: matched text`. An author accepts one finding with
an inline marker on the same line, `<!-- accept phone-number: Childline's national number -->`,
or with an entry in the review's `accepted_findings` front matter (rule, text, reason).
Accepted findings stay in the report, marked as accepted, with their reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2})"
)
_LIFE_EVENT = (
    r"(?:\bborn\b|\bbirth\b|\bD\.?O\.?B\b\.?|\bdate\s+of\s+birth\b|\bdied\b|\bdeath\b"
    r"|\bD\.?O\.?D\b\.?|\bdeceased\b|\bpassed\s+away\b)"
)
#: A birth or death word, then (within a few words, no sentence break) a full date.
DATE_OF_BIRTH_OR_DEATH = re.compile(rf"{_LIFE_EVENT}[^.;\n]{{0,30}}?\b{_FULL_DATE}", re.IGNORECASE)
#: A full UK postcode (outward and inward code), in capitals as written on letters.
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
_STREET_TYPES = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Terrace|Gardens|Grove"
    r"|Square|Mews|Way|Place|Boulevard)"
)
#: A house number followed by one to three capitalised words and a street type.
STREET_ADDRESS = re.compile(
    rf"\b(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{{1,3}}[A-Za-z]?,?\s+(?:[A-Z][a-z'\u2019]+\s+){{1,3}}{_STREET_TYPES}\b\.?"
)
_PHONE_CANDIDATE = re.compile(r"(?<![\w/])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d[\d\s()-]{7,14}\d(?![\w/])")
EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_NHS_CANDIDATE = re.compile(r"(?<![\d-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d-])")
NATIONAL_INSURANCE = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)
ACCEPT_MARKER = re.compile(r"<!--\s*accept\s+([a-z-]+)\s*:\s*(.*?)\s*-->")


def _phone_numbers(line: str) -> Iterable[str]:
    for match in _PHONE_CANDIDATE.finditer(line):
        candidate = match.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if candidate.startswith("+44"):
            national = digits[2:]
            if 9 <= len(national) <= 10:
                yield candidate
        elif 10 <= len(digits) <= 11 and digits.startswith("0"):
            yield candidate


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=False))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _nhs_numbers(line: str) -> Iterable[str]:
    for match in _NHS_CANDIDATE.finditer(line):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) == 10 and not digits.startswith("0") and _nhs_checksum_ok(digits):
            yield match.group(0)


def _pattern(regex: re.Pattern[str]) -> Callable[[str], Iterable[str]]:
    return lambda line: (match.group(0).strip() for match in regex.finditer(line))


@dataclass(frozen=True)
class Rule:
    """One kind of identifying detail: its name, what it finds, and how."""

    name: str
    description: str
    find: Callable[[str], Iterable[str]]


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("date-of-birth-or-death", "a full date tied to a birth or a death", _pattern(DATE_OF_BIRTH_OR_DEATH)),
        Rule("postcode", "a full UK postcode", _pattern(POSTCODE)),
        Rule("street-address", "a house number and street", _pattern(STREET_ADDRESS)),
        Rule("phone-number", "a UK telephone number", _phone_numbers),
        Rule("email-address", "an email address", _pattern(EMAIL_ADDRESS)),
        Rule("nhs-number", "an NHS number (10 digits with a valid check digit)", _nhs_numbers),
        Rule("national-insurance-number", "a National Insurance number", _pattern(NATIONAL_INSURANCE)),
        Rule("listed-name", "a name from the board's list of names never to publish", lambda line: ()),
    )
}


@dataclass(frozen=True)
class TextUnit:
    """A piece of text exactly as it will be published, and where it comes from."""

    path: str
    field: str | None
    text: str
    line: int
    line_breaks: tuple[int, ...] = ()

    def line_at(self, offset: int) -> int:
        """The file line of the character at `offset`."""
        return self.line + bisect.bisect_right(self.line_breaks, offset)


@dataclass(frozen=True)
class Finding:
    """One likely identifying detail, and the reason it was accepted, if it was."""

    path: str
    line: int
    rule: str
    text: str
    field: str | None = None
    accepted_because: str | None = None

    def __str__(self) -> str:
        found = f"{self.path}:{self.line}: {self.rule}: {self.text}"
        if self.field:
            found += f" (in {self.field})"
        return f"{found} (accepted: {self.accepted_because})" if self.accepted_because else found


def read_name_list(text: str) -> list[str]:
    """Names from the board's list: one per line; blank lines and '#' comments ignored."""
    names = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return sorted({name for name in names if name}, key=lambda name: (-len(name), name))


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


class Checker:
    """Runs every rule over the lines of a file; knows the board's list of names."""

    def __init__(self, never_publish: Iterable[str] = ()) -> None:
        names = [re.escape(name) for name in never_publish]
        self._names = re.compile(r"(?<!\w)(?:" + "|".join(names) + r")(?!\w)", re.IGNORECASE) if names else None

    def _matches(self, line: str) -> Iterable[tuple[str, str, int]]:
        for rule in RULES.values():
            for text in rule.find(line):
                yield rule.name, text, max(line.find(text), 0)
        if self._names is not None:
            for match in self._names.finditer(line):
                yield "listed-name", match.group(0), match.start()

    def check(
        self,
        units: Iterable[TextUnit],
        accepted: Iterable[dict[str, str]] = (),
        allowed_names: Iterable[str] = (),
    ) -> list[Finding]:
        """Findings in the given units, with acceptances applied."""
        allow = [(entry["rule"], _normalised(entry["text"]), entry["reason"]) for entry in accepted]
        findings = []
        for unit in units:
            markers = dict(ACCEPT_MARKER.findall(unit.text))
            scanned = ACCEPT_MARKER.sub(lambda match: " " * len(match.group(0)), unit.text)
            for rule, text, start in self._matches(scanned):
                reason = markers.get(rule) or next(
                    (why for name, wanted, why in allow if name == rule and wanted == _normalised(text)),
                    None,
                )
                findings.append(Finding(unit.path, unit.line_at(start), rule, text, unit.field, reason))
        return sorted(set(findings), key=lambda f: (f.path, f.line, f.rule, f.text, f.field or ""))

    def fingerprint(self) -> str:
        """What the findings depend on besides the text: the rules and the names."""
        return f"rules-0;{self._names.pattern if self._names else ''}"


def units_from_lines(path: str, lines: Iterable[tuple[int, str]], field: str | None = None) -> list[TextUnit]:
    """One unit per (line number, text) pair."""
    return [TextUnit(path, field, text, number) for number, text in lines]


def unused_acceptances(findings: Iterable[Finding], accepted: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Entries of `accepted_findings` that accept nothing any more (safe to remove)."""
    used = {(finding.rule, _normalised(finding.text)) for finding in findings if finding.accepted_because}
    return [entry for entry in accepted if (entry["rule"], _normalised(entry["text"])) not in used]
