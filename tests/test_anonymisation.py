"""The anonymisation check: each rule flags identifying text and leaves ordinary text alone."""

from __future__ import annotations

import pytest

from casereviews.model.published_text import markdown_units
from casereviews.rules.anonymisation import (
    RULES,
    Checker,
    Finding,
    read_name_list,
    units_from_lines,
    unused_acceptances,
)

CHECKER = Checker(["Jayden Exampleton", "Smith-Jones"])
#: "Jayden" in full-width letters.
WIDE_JAYDEN = "\uff2a\uff41\uff59\uff44\uff45\uff4e"


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in CHECKER.check(units_from_lines("r.md", [(1, text)]))]


@pytest.mark.site
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was born on 4 June 2004 in the area.", ("date-of-birth-or-death", "born on 4 June 2004")),
        ("DOB 12/03/2009.", ("date-of-birth-or-death", "DOB 12/03/2009")),
        ("D.O.B.: 12.03.09", ("date-of-birth-or-death", "D.O.B.: 12.03.09")),
        ("He died on the 3rd of March 2007.", ("date-of-birth-or-death", "died on the 3rd of March 2007")),
        ("date of death: March 3, 2007", ("date-of-birth-or-death", "date of death: March 3, 2007")),
        ("The family lived at E1 6AN.", ("postcode", "E1 6AN")),
        ("Their address was SW1A 1AA", ("postcode", "SW1A 1AA")),
        ("They moved to 14 Acacia Avenue last year.", ("street-address", "14 Acacia Avenue")),
        ("Flat 3, 27 Old Mill Lane was inspected.", ("street-address", "Flat 3, 27 Old Mill Lane")),
        ("Call 01332 256701 for details.", ("phone-number", "01332 256701")),
        ("Tel: 020 7364 2213", ("phone-number", "020 7364 2213")),
        ("on (01432) 261603", ("phone-number", "(01432) 261603")),
        ("mobile +44 7700 900123", ("phone-number", "+44 7700 900123")),
        ("Write to someone@council.gov.uk today.", ("email-address", "someone@council.gov.uk")),
        ("NHS number 943 476 5919", ("nhs-number", "943 476 5919")),
        ("NI number AB 12 34 56 C", ("national-insurance-number", "AB 12 34 56 C")),
        ("NINO: JG103759A", ("national-insurance-number", "JG103759A")),
        ("A note about Jayden Exampleton.", ("listed-name", "Jayden Exampleton")),
        ("mother's partner, Mr SMITH-JONES, said", ("listed-name", "SMITH-JONES")),
    ],
)
def test_flags_identifying_details(text, expected):
    """Each rule finds its kind of identifying detail."""
    assert expected in found(text)


@pytest.mark.site
@pytest.mark.parametrize(
    "text",
    [
        "The panel met on 27 February 2007.",
        "Working Together 2006 sets out the process.",
        "She died aged 6 months in February 2007.",
        "E was born in September 2006.",
        "Section 47 enquiries began; see Recommendation 24.",
        "He was convicted on 18.01.07 of an offence.",
        "In 12 Family Court hearings, the court was told.",
        "The review covered 2003-2007, with 150 contacts and 4000 pages.",
        "Between 2010 and 2015, 433 notifications were received.",
        "Call Childline free on 0800 1111.",
        "Care proceedings started in March 2003 under Section 31.",
        "NHS number 943 476 5910 (check digit wrong)",
        "The report is at https://example.org/reports/2009/child-k.pdf",
        "Smith-Jonesy is not the listed name.",
    ],
)
def test_ordinary_text_is_not_a_finding(text):
    """Ordinary dates, numbers and references are not findings."""
    assert found(text) == []


@pytest.mark.site
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A note about Jayden\u00a0Exampleton.", ("listed-name", "Jayden\u00a0Exampleton")),
        ("A note about Jay\u00adden Exampleton.", ("listed-name", "Jay\u00adden Exampleton")),
        ("A note about Jay\u200bden Exampleton.", ("listed-name", "Jay\u200bden Exampleton")),
        ("A note about Jayden  Exampleton.", ("listed-name", "Jayden  Exampleton")),
        ("A note about Jayden\nExampleton.", ("listed-name", "Jayden\nExampleton")),
        ("A note about Exampleton, Jayden.", ("listed-name", "Exampleton, Jayden")),
        ("a note about jayden exampleton.", ("listed-name", "jayden exampleton")),
        ("A note about JAYDEN EXAMPLETON.", ("listed-name", "JAYDEN EXAMPLETON")),
        (f"A note about {WIDE_JAYDEN} Exampleton.", ("listed-name", f"{WIDE_JAYDEN} Exampleton")),
        ("The family lived at \uff25\uff11 \uff16\uff21\uff2e.", ("postcode", "\uff25\uff11 \uff16\uff21\uff2e")),
        ("Tel: 020\u00a07364\u00a02213", ("phone-number", "020\u00a07364\u00a02213")),
    ],
    ids=["no-break space", "soft hyphen", "zero-width space", "two spaces", "line break", "surname first",
         "lower case", "capitals", "full-width letters", "full-width postcode", "no-break spaces in a number"],
)  # fmt: skip
def test_text_is_checked_as_a_reader_reads_it(text, expected):
    """However a detail is encoded, it is found, and reported as it is written (as it is published)."""
    assert expected in found(text)


@pytest.mark.site
def test_a_never_publish_name_is_never_accepted():
    """A marker, or an accepted_findings entry, accepts other findings but never a listed name."""
    line = "Jayden Exampleton <!-- accept listed-name: the family agreed -->"
    accepted = [{"rule": "listed-name", "text": "Jayden Exampleton", "reason": "agreed"}]
    findings = CHECKER.check(units_from_lines("r.md", [(3, line)]), accepted)
    listed = [str(finding) for finding in findings if finding.rule == "listed-name"]
    assert listed == ["r.md:3: listed-name: Jayden Exampleton"]


@pytest.mark.site
def test_inline_marker_accepts_one_rule_in_its_unit():
    """An inline marker accepts that rule in its unit (here a line), with its reason; other rules still fire."""
    line = "Call 0300 123 4567 or write to help@example.org <!-- accept phone-number: the board's public helpline -->"
    findings = CHECKER.check(units_from_lines("r.md", [(7, line)]))
    assert [str(f) for f in findings] == [
        "r.md:7: email-address: help@example.org",
        "r.md:7: phone-number: 0300 123 4567 (accepted: the board's public helpline)",
    ]


@pytest.mark.site
def test_front_matter_acceptance_by_exact_text():
    """An accepted_findings entry accepts exactly that text for that rule, and reports unused entries."""
    accepted = [
        {"rule": "phone-number", "text": "0300 123  4567", "reason": "public helpline"},
        {"rule": "postcode", "text": "E1 6AN", "reason": "no longer in the text"},
    ]
    findings = CHECKER.check(units_from_lines("r.md", [(3, "Ring 0300 123 4567, or 0300 765 4321.")]), accepted)
    assert findings == [
        Finding("r.md", 3, "phone-number", "0300 123 4567", accepted_because="public helpline"),
        Finding("r.md", 3, "phone-number", "0300 765 4321"),
    ]
    assert unused_acceptances(findings, accepted) == [accepted[1]]


def test_name_list_ignores_comments_and_blank_lines():
    """The board's name list takes one name per line; '#' starts a comment."""
    assert read_name_list("# names\n\nAnne Example  # her\nBob\n") == ["Anne Example", "Bob"]


def test_every_rule_is_documented():
    """README lists every rule by name, so authors can look up what a finding means."""
    from sitekit import PROJECT

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in RULES if f"`{name}`" not in readme]
    assert missing == []


@pytest.mark.site
@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Call [the worker](tel:+441632960123) today.", ("phone-number", "+441632960123")),
        ("[Write to us](mailto:someone@council.gov.uk) today.", ("email-address", "someone@council.gov.uk")),
        ("See [the page](../jayden-exampleton/) today.", ("listed-name", "jayden-exampleton")),
        ('See [the page](../other/ "Jayden Exampleton") today.', ("listed-name", "Jayden Exampleton")),
        ("## What happened {#jayden-exampleton}", ("listed-name", "jayden-exampleton")),
        ('Call <a href="tel:+441632960123">the worker</a>.', ("phone-number", "+441632960123")),
        ('<span data-note="Jayden Exampleton">A note.</span>', ("listed-name", "Jayden Exampleton")),
    ],
    ids=[
        "tel: address",
        "mailto: address",
        "a path",
        "a link title",
        "a heading id",
        "an HTML address",
        "an attribute",
    ],
)
def test_what_a_link_or_an_id_publishes_is_checked(markdown, expected):
    """An identifier only in a link's address or title, or in an id, is published in the HTML: it is found."""
    units = list(markdown_units("r.md", markdown, 1))
    assert expected in [(finding.rule, finding.text) for finding in CHECKER.check(units)]
