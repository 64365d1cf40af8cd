"""Messages that say what to do: the catalogue of content messages, a date's ISO form, and the
ways out of an anonymisation finding (the line to paste works)."""

from __future__ import annotations

import pytest
import yaml

from casereviews.model.messages import CATALOGUE, date_suggestion, iso_form, message
from casereviews.policy.vetting import finding_problem
from casereviews.rules.anonymisation import Checker, Finding, units_from_lines

#: How a next step starts: what the author does.
STEP_VERBS = ("write", "check", "replace", "remove", "move", "add", "rename", "delete", "accept", "{suggestion}")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_catalogue_message_names_its_next_step(key):
    entry = CATALOGUE[key]
    assert entry.next_step.startswith(STEP_VERBS), f"{key}: '{entry.next_step}' does not say what to do"
    values = dict.fromkeys(("what", "rule", "text", "part"), "x") | {"suggestion": "write 2021-03-12"}
    text = entry.text("something", **values)
    assert text.startswith("found something, expected ") and "; " in text


@pytest.mark.parametrize(
    ("written", "iso", "words"),
    [
        ("12/03/2021", "2021-03-12", "12 March 2021"),  # day first, as in the UK
        ("12.3.2021", "2021-03-12", "12 March 2021"),
        ("12th March 2021", "2021-03-12", "12 March 2021"),
        ("1 Sept 2019", "2019-09-01", "1 September 2019"),
        ("March 2021", "2021-03", "March 2021"),
        ("03/2021", "2021-03", "March 2021"),
        ("2021/03/12", "2021-03-12", "12 March 2021"),
    ],
)
def test_a_date_in_another_form_gets_its_iso_form(written, iso, words):
    assert iso_form(written) == (iso, words)
    assert date_suggestion(written, "2007-11-15") == f"write {iso} ({words})"


@pytest.mark.parametrize("written", ["31/02/2021", "spring 2020", "13/13/2021", "Smarch 2020"])
def test_what_is_not_one_real_date_gets_the_form_to_write(written):
    assert iso_form(written) is None
    assert date_suggestion(written, "2007-11-15") == "write it that way, e.g. 2007-11-15"


def test_a_full_date_is_not_suggested_for_a_month():
    assert date_suggestion("March 2021", "2007-11-15", day_needed=True) == "write it that way, e.g. 2007-11-15"


def test_a_finding_gives_the_line_to_paste_and_the_pasted_line_accepts_it():
    """The acceptance the message offers, pasted under `accepted_findings` with a reason, is
    read by the check and accepts the finding (quotes in the text included)."""
    checker = Checker([])
    line = 'Mrs Tyler said "no" to the visit.'
    (finding,) = checker.check(units_from_lines("r.md", [(3, line)]))
    problem = str(finding_problem(finding))
    assert "replace it with the pseudonym or a general description" in problem
    pasted = problem[problem.index("accepted_findings: ") + len("accepted_findings: ") :]
    (entry,) = yaml.safe_load(pasted)
    assert entry == {"rule": finding.rule, "text": finding.text, "reason": "why it identifies no one"}
    entry["reason"] = "A name the family chose to publish."
    (accepted,) = checker.check(units_from_lines("r.md", [(3, line)]), [entry])
    assert accepted.accepted_because == "A name the family chose to publish."


def test_a_listed_name_has_one_way_out():
    problem = str(finding_problem(Finding("r.md", 3, "listed-name", "Jayden Exampleton")))
    assert "remove it" in problem and "accepted_findings" not in problem


def test_messages_are_filled_from_the_catalogue():
    assert message("placeholder", "'TO FILL: x'", what="value") == (
        "found 'TO FILL: x', expected the real value, taken from the source report; "
        "replace the whole placeholder, 'TO FILL:' included"
    )
