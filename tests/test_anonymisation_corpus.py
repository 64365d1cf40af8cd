"""The anonymisation check measured on a labelled corpus, and each rule through the public API.

The corpus (tests/data/anonymisation_corpus.yml) holds sentences in the style of published
executive summaries: identifying ones labelled with the rule that must flag them, ordinary ones
(dates near a death that date something else, agencies, inquiries, pseudonyms) that no rule may flag.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casereviews.rules.anonymisation import (
    CORPUS_LISTED_NAMES,
    RULES,
    Checker,
    TextUnit,
    evaluate,
    load_corpus,
    unit_from_lines,
)

CORPUS = load_corpus(Path(__file__).parent / "data" / "anonymisation_corpus.yml")
CHECKER = Checker(CORPUS_LISTED_NAMES)


def found(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in CHECKER.check([TextUnit("r.md", None, text, 1)], **kwargs)]


def test_corpus_is_large_enough_and_covers_every_rule():
    """At least 70 identifying and 70 ordinary sentences, and every rule expected somewhere."""
    identifying = [sentence for sentence in CORPUS if sentence.expected_rule]
    assert len(identifying) >= 70
    assert len(CORPUS) - len(identifying) >= 70
    assert {sentence.expected_rule for sentence in identifying} == set(RULES)


def test_recall_and_false_alarms_over_the_corpus():
    """Recall at least 95% and false alarms at most 3%, over all rules together and for each rule."""
    scores = evaluate(CHECKER, CORPUS)
    assert scores["all"].recall >= 0.95
    assert scores["all"].false_alarm_rate <= 0.03
    weak = {name: score.recall for name, score in scores.items() if score.recall < 0.95}
    assert weak == {}


@pytest.mark.site
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child M died at Tiverton District Hospital on 5th April 2022.", "5th April 2022"),
        ("He was admitted and died three days later, on 14 March 2012.", "14 March 2012"),
        ("M was found dead at the family home on 2 March 2012.", "dead at the family home on 2 March 2012"),
        ("On 26th January 2014 M was found unresponsive and died.", "26th January 2014"),
        ("Child J (d.o.b. 3.11.15) lived with her grandmother.", "d.o.b. 3.11.15"),
        ("DOB: 03/11/2015", "DOB: 03/11/2015"),
    ],
)
def test_dates_of_birth_or_death_as_written(text, expected):
    """A full date in the sentence of a birth or death word, on either side of it."""
    assert ("date-of-birth-or-death", expected) in found(text)


@pytest.mark.site
@pytest.mark.parametrize(
    "text",
    [
        "The panel met on 27 February 2007, two weeks after the death.",
        "A strategy discussion was held on 15 March 2012, the day after M died.",
        "She was admitted to hospital on 11 March 2012 and died three days later.",
        "M died in May 2010. The review was commissioned on 3 March 2011.",
        "A referral was made on 2 June 2009 after the death of a sibling.",
        "The board was notified of the death on 21 February 2011.",
    ],
)
def test_a_date_that_dates_something_else_is_ordinary(text):
    """The meeting, the admission or the next sentence's commissioning owns the date, not the death."""
    assert found(text) == []


@pytest.mark.site
def test_a_sentence_in_a_paragraph_is_read_across_abbreviations():
    """'Dr.' and an initial 'M.' do not end a sentence: the date is still in the death's sentence."""
    for text in (
        "Child M died at the home of Mrs. Jones on 4 May 2010.",
        "In 2009 E died at the flat of R. Smith, a friend, on 4 May 2010.",
    ):
        dates = [found_text for rule, found_text in found(text) if rule == "date-of-birth-or-death"]
        assert [date.endswith("4 May 2010") for date in dates] == [True]


@pytest.mark.site
def test_wrapped_date_is_found_and_reported_at_the_line_where_it_starts():
    """A date folded over two source lines is one finding, at the line of its first character."""
    unit = unit_from_lines(
        "content/reviews/x.md", [(12, "Child M was born on 4 June"), (13, "2004 in Westmoor.")], "summary"
    )
    findings = CHECKER.check([unit])
    assert [str(f) for f in findings] == [
        "content/reviews/x.md:12: date-of-birth-or-death: born on 4 June 2004 (in summary)"
    ]
    later = unit_from_lines("x.md", [(3, "The child lived with"), (4, "her mother. She was born on 4 June 2004.")])
    assert [(f.line, f.text) for f in CHECKER.check([later])] == [(4, "born on 4 June 2004")]


@pytest.mark.site
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The family lived at 117 Botchergate for two years.", ("street-address", "117 Botchergate")),
        ("Mother was offered a flat at 21 The Parade.", ("street-address", "21 The Parade")),
        ("They were seen at home at 7 Church Hill.", ("street-address", "7 Church Hill")),
        ("In 2011 they moved to 3 Kingsway.", ("street-address", "3 Kingsway")),
        ("Call +44 (0)20 7946 0958 today.", ("phone-number", "+44 (0)20 7946 0958")),
        ("Her mobile was 07700 900123.", ("phone-number", "07700 900123")),
        ("The surgery is on (01632) 960 001.", ("phone-number", "(01632) 960 001")),
        ("NI number QQ 12 34 56 C.", ("national-insurance-number", "QQ 12 34 56 C")),
        ("She went to St Mary's Primary School.", ("named-institution", "St Mary's Primary School")),
        ("Registered at Riverside Medical Practice.", ("named-institution", "Riverside Medical Practice")),
        ("Then Little Acorns Nursery, three days a week.", ("named-institution", "Little Acorns Nursery")),
        ("The social worker, Mrs Pryce, visited.", ("personal-name", "Mrs Pryce")),
        ("Dr Ahmed examined the baby.", ("personal-name", "Dr Ahmed")),
        ("M lived with her mother, Sarah Jones.", ("personal-name", "Sarah Jones")),
    ],
)
def test_new_forms_of_identifying_details(text, expected):
    """Streets with no street-type word, international phone numbers, any NI prefix, institutions, names."""
    assert expected in found(text)


@pytest.mark.site
@pytest.mark.parametrize(
    "text",
    [
        "Lord Laming's inquiry into the death of Victoria Climbié is well known.",
        "Child M, Baby E, Adult C and Young Person Q were known to the Social Worker.",
        "Mother, Stepfather and J.B. attended with Mr X.",
        "Children's Social Care, West Midlands Police and the Multi-Agency Safeguarding Hub met.",
        "M attended the local primary school and the GP surgery; later the hospital.",
        "The baby was transferred to Great Ormond Street Hospital.",
        "Working Together 2018, Section 47 and Recommendation 24 apply; see paragraph 8.1.",
    ],
)
def test_field_vocabulary_is_not_a_finding(text):
    """Public names and inquiries (kept as data), pseudonyms, roles, agencies, generic places."""
    assert found(text) == []


@pytest.mark.site
def test_allowed_names_are_never_findings():
    """The review's pseudonym and reviewer names, passed in, are not reported."""
    text = "The reviewer, Jane Holloway, met Mrs Pryce."
    assert ("personal-name", "Jane Holloway") in found(text)
    assert found(text, allowed_names=["Jane Holloway", "Mrs Pryce"]) == []


@pytest.mark.site
def test_known_names_come_from_data_and_can_be_replaced():
    """The default public names come from the data file; a Checker given none reports them."""
    text = "Like Daniel Pelka, the boy was seen by many professionals."
    assert found(text) == []
    bare = Checker(known_names=[])
    assert [(f.rule, f.text) for f in bare.check([TextUnit("r.md", None, text, 1)])] == [
        ("personal-name", "Daniel Pelka")
    ]


@pytest.mark.site
def test_inline_marker_accepts_its_rule_in_the_whole_unit():
    """A marker accepts that rule's findings anywhere in its unit, with its reason; other rules still fire."""
    unit = unit_from_lines(
        "r.md",
        [
            (20, "Call 0300 123 4567 or 0300 765 4321,"),
            (21, "or write to help@example.org. <!-- accept phone-number: the board's public lines -->"),
        ],
    )
    assert [str(f) for f in CHECKER.check([unit])] == [
        "r.md:20: phone-number: 0300 123 4567 (accepted: the board's public lines)",
        "r.md:20: phone-number: 0300 765 4321 (accepted: the board's public lines)",
        "r.md:21: email-address: help@example.org",
    ]


@pytest.mark.site
def test_marker_in_one_unit_does_not_accept_another():
    units = [
        TextUnit("r.md", None, "Call 0300 123 4567. <!-- accept phone-number: public line -->", 1),
        TextUnit("r.md", None, "Or 0300 765 4321.", 2),
    ]
    assert [f.accepted_because for f in CHECKER.check(units)] == ["public line", None]


def test_fingerprint_changes_with_the_name_lists():
    """The fingerprint (a cache key part) is stable and depends on the lists."""
    assert Checker(["A Name"]).fingerprint() == Checker(["A Name"]).fingerprint()
    assert Checker(["A Name"]).fingerprint() != Checker(["Another Name"]).fingerprint()
    assert Checker(known_names=[]).fingerprint() != Checker().fingerprint()


@pytest.mark.site
def test_make_check_prints_each_rules_figures(tmp_path):
    """`make check STATS=1` prints every rule's recall and false alarms on the corpus, and the overall line."""
    from sitekit import SiteProject

    result = SiteProject(tmp_path).check("--stats")
    scores = evaluate(CHECKER, CORPUS)
    for name in [*RULES, "all"]:
        score = scores[name]
        expected = score.true_positives + score.false_negatives
        assert re.search(rf"^  {re.escape(name)} +{score.true_positives}/{expected} ", result.output, re.M), name
    assert f"Anonymisation rules measured on {len(CORPUS)} labelled sentences" in result.output


@pytest.mark.site
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam (14th August 1979 – 3rd October 2018) had lived alone.", "(14th August 1979 – 3rd October 2018)"),
        (
            "Andy (25 th October 1985 – 24 th April 2018) was known to services.",
            "(25 th October 1985 – 24 th April 2018)",
        ),
        ("Joan, 3 March 1941 - 12 January 2020, was a retired nurse.", "3 March 1941 - 12 January 2020"),
        (
            "Marjorie (b. 9 October 1934, d. 14 April 2020) lived in a care home.",
            "(b. 9 October 1934, d. 14 April 2020)",
        ),
    ],
)
def test_a_lifespan_of_full_dates_after_a_name_is_a_date_of_birth_or_death(text, expected):
    """Both dates of a life, written as real reports write them, with no birth or death word."""
    assert ("date-of-birth-or-death", expected) in found(text)


@pytest.mark.site
@pytest.mark.parametrize(
    "text",
    [
        "The review covered the period 1 January 2019 – 31 March 2020 and met six times.",
        "Adult D (1942–2019) had lived in the same village all her life.",
    ],
)
def test_a_period_or_a_lifespan_of_years_is_not(text):
    assert found(text) == []


@pytest.mark.site
@pytest.mark.parametrize(
    "text",
    [
        "On Sunday evening 9 June 2013 Ms K was fatally stabbed by her former partner.",
        "Kyle took his own life on 23rd March 2018, a week after leaving hospital.",
        "Baby A was delivered by emergency caesarean section on 15 January 2019.",
    ],
)
def test_a_date_anywhere_in_the_sentence_of_a_death_or_birth_with_any_verb(text):
    assert "date-of-birth-or-death" in {rule for rule, _ in found(text)}


@pytest.mark.site
def test_a_medical_eponym_excuses_only_itself_where_it_names_a_condition():
    """The list of eponyms is data (medical_terms.txt): "Treacher Collins syndrome" is a condition,
    but "Mrs Collins" is still a person, and so is a "Williams" who is not followed by "syndrome"."""
    assert found("Child T was born with Treacher Collins syndrome.") == []
    assert found("Her bruising was put down to Ehlers-Danlos syndrome.") == []
    assert ("personal-name", "Mrs Collins") in found("Child T was seen by Mrs Collins at home.")
    assert ("personal-name", "Robin Williams") in found("Child T's uncle, Robin Williams, was not assessed.")


@pytest.mark.site
def test_a_name_given_with_its_public_office_is_not_a_finding():
    """Ministers, directors and board chairs are named in their office on purpose; a neighbour is not."""
    assert found("The letter from the Minister of State, Beverley Hale, asked boards to review them.") == []
    assert found("Peter Marsh, the Director of Adult Social Care, wrote the terms of reference.") == []
    assert found("Introduction from Graham Pike, Independent Chair of Westmoor Safeguarding Adults Board.") == []
    assert ("personal-name", "Peter Marsh") in found("Her neighbour, Peter Marsh, heard shouting.")


@pytest.mark.site
def test_a_hyphenated_surname_the_model_cuts_is_read_whole():
    """The reviewer "Michael Preston-Shoot" is allowed whole, though the model tags "Michael Preston"."""
    text = "The report is by Michael Preston-Shoot, who spoke to the family."
    assert found(text, allowed_names=["Professor Michael Preston-Shoot"]) == []
