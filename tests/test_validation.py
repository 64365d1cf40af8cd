"""Validation of review front matter and body: the exact messages an author reads."""

from __future__ import annotations

import datetime as dt

import pytest

from casereviews.model.body import parse_body
from casereviews.model.reviews import COPIED_FIELDS, review_from_document, unplaced_fields
from casereviews.model.source import parse_document
from sitekit import DEFAULT_BODY, DEFAULT_REVIEW, TODAY, front_matter_file
from sitekit import REVIEW_PATH as PATH
from sitekit import TEST_THEMES as THEMES


def validate(body: str = DEFAULT_BODY, **fields):
    document, problems = parse_document(front_matter_file({**DEFAULT_REVIEW, **fields}, body).encode(), PATH)
    assert problems == [], problems
    return review_from_document("child-t", document, THEMES, TODAY)


def messages(body: str = DEFAULT_BODY, **fields) -> list[str]:
    review, problems = validate(body, **fields)
    assert review is None
    return [str(problem) for problem in problems]


def test_valid_review():
    """A complete review validates, with its themes resolved and its points read."""
    review, problems = validate(themes=["Domestic abuse", "neglect"])
    assert problems == []
    assert review.themes == ("domestic-violence", "neglect")
    assert [point.anchor for point in review.content.learning] == ["learning-1", "learning-2"]
    assert review.published.first_day == dt.date(2015, 3, 1) and review.published.isoformat() == "2015-03-01"


def test_every_schema_field_reaches_the_review():
    """Each field of the schema is copied, built by hand or recorded only: none is read and then dropped."""
    assert unplaced_fields() == []
    assert {"review_model", "keywords", "reviewer", "aliases", "incident_year"} <= set(COPIED_FIELDS)
    review, problems = validate(review_model="Learning together", keywords=["bruising"], incident_year=2013)
    assert problems == []
    assert (review.review_model, review.keywords, review.incident_year) == ("Learning together", ("bruising",), 2013)


def test_unknown_key_suggests_the_field():
    """A typo such as 'staus: draft' is an error with a did-you-mean, and the missing status is reported too."""
    result = messages(status=None, staus="draft")
    assert result[0].startswith(f"{PATH}:9: staus: is not a known field (did you mean 'status'?); expected one of: ")
    assert result[0].endswith("; rename it to one of these, or remove it")
    assert result[1] == (
        f"{PATH}: status: is missing: expected one of: published, draft, withdrawn; "
        "add the field (see README, 'Front-matter fields')"
    )
    assert len(result) == 2


def test_unknown_value_suggests_the_choice():
    """A misspelt status names what was found and what is allowed."""
    assert messages(status="publshed") == [
        f"{PATH}:9: status: found 'publshed', expected one of: published, draft, withdrawn "
        "(did you mean 'published'?); pick one of the listed values"
    ]


def test_wrong_type():
    """A number where text belongs, or text where a list of agencies belongs item by item, is named."""
    assert messages(pseudonym=5, agencies=["police", "polise"]) == [
        f"{PATH}:10: pseudonym: found 5, expected text; write it as plain text (in quotes if it holds a colon)",
        f"{PATH}:13: agencies: item 2: found 'polise', expected one of: health, gp, ambulance, "
        "children-social-care, adult-social-care, police, education, early-years, substance-misuse-services, "
        "mental-health, probation, youth-justice, housing, residential-care, other-local-authority, "
        "voluntary-sector (did you mean 'police'?); pick one of the listed values",
    ]


def test_impossible_date():
    """30 February is not a date; the message says so and gives the line."""
    assert messages(published="2007-02-30") == [
        f"{PATH}:5: published: found '2007-02-30', expected a real date (that month or day does not exist); "
        "check the date against the source report and correct it"
    ]


def test_date_in_another_format():
    """A UK-style date is rejected with the expected form, and its ISO form is suggested."""
    assert messages(published="15/11/2007") == [
        f"{PATH}:5: published: found '15/11/2007', expected a date written YYYY-MM-DD, or YYYY-MM or YYYY when "
        "the source gives only a month or a year; write 2007-11-15 (15 November 2007)"
    ]


def test_missing_required_fields_are_all_reported():
    """Every missing required field is listed, not only the first."""
    result = messages(title=None, board=None, summary=None)
    assert result == [
        f"{PATH}: title: is missing: expected the review's title, e.g. 'Serious case review: Child M'; "
        "add the field (see README, 'Front-matter fields')",
        f"{PATH}: board: is missing: expected the board that published the review; "
        "add the field (see README, 'Front-matter fields')",
        f"{PATH}: summary: is missing: expected one paragraph of plain text; "
        "add the field (see README, 'Front-matter fields')",
    ]


def test_unknown_theme_suggests_one():
    """An unknown theme names its line and the closest theme."""
    assert messages(themes=["neglect", "neglekt"]) == [
        f"{PATH}:8: themes: found 'neglekt', expected a theme from content/themes/ (its file name, title or one of "
        "its aliases) (did you mean 'neglect'?); pick a theme from content/themes/, or add this word to the "
        "aliases of the theme it means"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("self-neglect", "self-neglect"),
        ("Self neglect", "self-neglect"),
        ("criminal exploitation", "criminal-exploitation"),
        ("county lines", "criminal-exploitation"),
        ("SUDI", "sudden-unexpected-death-in-infancy"),
        ("FII", "fabricated-or-induced-illness"),
        ("hoarding", "hoarding"),
        ("EHE", "children-not-in-school"),
    ],
)
def test_the_words_authors_use_name_the_right_theme(written, meant):
    """The sample themes' titles and aliases resolve the words real reports use, adult themes included."""
    from casereviews.load.catalogue import load_site
    from sitekit import SAMPLE_CONTENT

    themes = load_site(SAMPLE_CONTENT, TODAY).themes
    assert themes.resolve(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("self-neglectt", "self-neglect"),
        ("criminal exploitaton", "criminal-exploitation"),
        ("county line", "criminal-exploitation"),
    ],
)
def test_did_you_mean_offers_a_near_spelling_of_the_same_concept(written, meant):
    """A slip of the keyboard is answered with the theme meant."""
    from casereviews.load.catalogue import load_site
    from casereviews.model.themes import term_key
    from casereviews.problems import did_you_mean
    from sitekit import SAMPLE_CONTENT

    themes = load_site(SAMPLE_CONTENT, TODAY).themes
    suggestion = did_you_mean(term_key(written), themes.names())
    assert themes.resolve(suggestion.split("'")[1]) == meant


@pytest.mark.parametrize("written", ["social neglect", "sexual exploitation of adults", "elder abuse"])
def test_did_you_mean_never_offers_a_different_concept(written):
    """'social neglect' is not 'neglect': no suggestion rather than a wrong one."""
    from casereviews.load.catalogue import load_site
    from casereviews.model.themes import term_key
    from casereviews.problems import did_you_mean
    from sitekit import SAMPLE_CONTENT

    themes = load_site(SAMPLE_CONTENT, TODAY).themes
    assert did_you_mean(term_key(written), themes.names()) == ""


def test_theme_given_twice_through_an_alias():
    """A theme named twice (by slug and by alias) is an error."""
    assert messages(themes=["domestic-violence", "Domestic Abuse"]) == [
        f"{PATH}:8: themes: found 'Domestic Abuse', which names the theme 'domestic-violence' already listed; "
        "expected each theme once; remove it"
    ]


def test_summary_must_be_one_paragraph():
    """A summary with two paragraphs is rejected."""
    assert messages(summary="One.\n\nTwo.") == [
        f"{PATH}:8: summary: found more than one paragraph, expected one paragraph of plain text; "
        "join the paragraphs into one (take out the blank lines between them)"
    ]


def test_published_in_the_future():
    """A future publication date points the author to embargo_until."""
    assert messages(published="2030-01-01") == [
        f"{PATH}:5: published: found 2030-01-01, a date in the future; expected the date the review was published; "
        "correct the date, or, to hold the review back until a date, use embargo_until"
    ]


def test_withdrawn_needs_date_and_reason():
    """A withdrawn review must say when and why."""
    assert messages(status="withdrawn") == [
        f"{PATH}:9: withdrawn_on: is missing: a withdrawn review needs the date of withdrawal, written YYYY-MM-DD; "
        "add it (see README, 'Withdrawing, embargoes and old reviews')",
        f"{PATH}:9: withdrawn_reason: is missing: a withdrawn review needs a short reason shown on the withdrawal "
        "notice; add it (see README, 'Withdrawing, embargoes and old reviews')",
    ]


def test_draft_may_be_incomplete_but_not_wrong():
    """A draft may lack fields and sections, but a field it gives must be valid."""
    review, problems = validate(body="Notes.", status="draft", summary=None, board=None)
    assert problems == [] and review.status == "draft"
    assert [str(p) for p in validate(status="draft", outcome="dead")[1]] == [
        f"{PATH}:10: outcome: found 'dead', expected one of: death, serious-harm, other (did you mean 'death'?); "
        "pick one of the listed values"
    ]


def test_embargo_read_in_uk_time():
    """An embargo without an offset is UK time (here British Summer Time, UTC+1)."""
    review, _ = validate(embargo_until="2026-07-01 09:30")
    assert review.embargo_until.utcoffset() == dt.timedelta(hours=1)
    assert review.embargo_until.astimezone(dt.UTC).hour == 8


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "## Learning\n\n1. One.\n\n## Recommendations\n\n1. A number.\n- A bullet.\n",
            [
                "content/reviews/child-t.md:18: found a bulleted item in a numbered list in '## Recommendations'; "
                "expected one style per list; write it like the other items, or put a sentence between the two "
                "lists to separate them",
            ],
        ),
        (
            "## Learning\n\n8.1 One.\n8.3 Three.\n\n## Recommendations\n\n",
            [
                "content/reviews/child-t.md:14: paragraph numbered 8.3 in '## Learning' follows 8.1; expected 8.2; "
                "renumber the paragraphs in order",
                "content/reviews/child-t.md:16: '## Recommendations' has no recommendations: expected a list of "
                "them, numbered (1., 1), 8.1) or bulleted (-); write each of them as an item of a list under the "
                "heading",
            ],
        ),
        (
            "## Learning\n\n1. One.\n3. Three.\n\n## Recommendations\n\n1. R.\n",
            [
                "content/reviews/child-t.md:14: item in '## Learning' is numbered 3, expected 2; number the items 1, "
                "2, 3 … in order"
            ],
        ),
        (
            "# Title\n\n## Learning\n\n1. One.\n",
            [
                "content/reviews/child-t.md:11: found a level-1 heading '# Title', expected '## ' headings only (the "
                "title comes from the front matter); write it as '## Title', or delete it if it repeats the title",
                "content/reviews/child-t.md: has no recommendations section: found '## Title', '## Learning'; "
                "expected '## Recommendations' or one of: Key recommendations, Recommendations for agencies, "
                "Recommendations for the board, Recommendations for the partnership, Recommendations and actions, "
                "Multi agency recommendations, Single agency recommendations, Agency recommendations, Board "
                "recommendations, Conclusions and recommendations, Considerations for the board, Improving systems "
                "and practice, Actions we are taking, What needs to change; a review whose types are all Welsh "
                "practice reviews, learning, rapid or thematic reviews may have none; add a '## Recommendations' "
                "section with its recommendations, or rename the heading that holds them",
            ],
        ),
        (
            "## Learning\n\n1. {#Bad Id} One.\n\n## Recommendations\n\n1. {#learning-1} R.\n",
            [
                "content/reviews/child-t.md:13: found the id {#Bad Id}, expected lower-case letters, digits and "
                "hyphens starting with a letter, e.g. {#father-not-known}; write the id that way, or delete it (the "
                "item then gets a numbered anchor)",
                "content/reviews/child-t.md:17: found the id {#learning-1}, which looks like an automatic anchor; "
                "expected a descriptive id, e.g. {#father-not-known}; replace it with words saying what the item is "
                "about",
            ],
        ),
    ],
)
def test_body_convention(body, expected):
    """Learning and Recommendations must be numbered lists in order; ids must be well formed."""
    assert messages(body=body) == expected


def test_author_ids_and_continuations():
    """Author ids become anchors; indented and lazy lines continue an item; intros are allowed."""
    body = (
        "## Learning\n\nAn introduction.\n\n1. {#late-referral} First\n   continued.\n2. Second\nlazy.\n"
        "\n   A second paragraph.\n\n## Recommendations\n\n1. R.\n"
    )
    content, problems = parse_body(body, 1, PATH)
    assert problems == []
    assert [(p.anchor, p.text) for p in content.learning] == [
        ("late-referral", "First continued."),
        ("learning-2", "Second lazy. A second paragraph."),
    ]


def test_duplicate_author_id():
    """The same author id twice on one page is an error naming the first use."""
    body = "## Learning\n\n1. {#same} A.\n\n## Recommendations\n\n1. {#same} B.\n"
    _, problems = parse_body(body, 1, PATH)
    assert [str(p) for p in problems] == [
        f"{PATH}:7: the anchor 'same' of this recommendation is already used by the item on line 3; expected an "
        "anchor used once in the review; give the item an id of its own, e.g. {#police-training}"
    ]


def test_blank_optional_fields_count_as_not_given():
    """An optional field left blank, as in a copied template, is not an error; a blank required one is."""
    text = front_matter_file(DEFAULT_REVIEW, DEFAULT_BODY)
    blank_optional = text.replace("status: published", "status: published\nkeywords:\npseudonym:")
    document, _ = parse_document(blank_optional.encode(), PATH)
    review, problems = review_from_document("child-t", document, THEMES, TODAY)
    assert problems == [] and review.keywords == () and review.pseudonym is None

    document, _ = parse_document(text.replace("board: Testshire Safeguarding Children Board", "board:").encode(), PATH)
    _, problems = review_from_document("child-t", document, THEMES, TODAY)
    assert [str(p) for p in problems] == [
        f"{PATH}:4: board: found nothing, expected text; write it as plain text (in quotes if it holds a colon)"
    ]
    assert messages(themes=[]) == [f"{PATH}:6: themes: found 0 items, expected at least 1; add 1 more item"]


# --- the shapes real reports have ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"), [("2011-03", "March 2011"), ("2008", "2008"), ("2007-11-15", "15 November 2007")]
)
def test_published_keeps_the_precision_given(written, shown):
    """A month or a year is accepted as it is; nothing invents a day."""
    from casereviews.model.dates import long_date

    review, problems = validate(published=written)
    assert problems == []
    assert review.published.isoformat() == written and long_date(review.published) == shown


def test_a_joint_review_has_both_types():
    """review_type may be a list; the label names both."""
    review, problems = validate(review_type=["serious-case-review", "domestic-homicide-review"])
    assert problems == []
    assert review.type_label == "Serious case review and domestic homicide review"


def test_recommendations_may_be_absent_only_where_the_type_allows():
    """A Welsh child practice review may have learning only; a serious case review may not."""
    body = "## Learning\n\n1. One lesson.\n"
    review, problems = validate(body=body, review_type="child-practice-review")
    assert problems == [] and review.content.recommendations == ()
    assert messages(body=body)[0].startswith(f"{PATH}: has no recommendations section: found '## Learning'")


def test_the_heading_found_is_named_with_what_was_expected():
    """'## Lessons to be learned from Child L' is not a learning heading; the message says which heading it found."""
    body = "## Lessons to be learned from Child L\n\n1. One.\n\n## Recommendations\n\n1. R.\n"
    assert messages(body=body) == [
        f"{PATH}: has no learning section: found '## Lessons to be learned from Child L', '## Recommendations'; "
        "expected '## Learning' or one of: Lessons learned, Lessons learnt, Lessons to be learned, Lessons to be "
        "learnt, Key learning, Key lessons, Learning points, Key learning points, Findings, Key findings, Findings "
        "and learning, Learning and findings, What we learned, What we learnt, Learning from the review, Learning "
        "from this review, Practice and organisational learning, Issues identified, Lessons identified, Learning "
        "identified (rename '## Lessons to be learned from Child L' to '## Learning'); add a '## Learning' section "
        "with its learning points, or rename the heading that holds them"
    ]


def test_subjects_describe_several_people():
    """A review about several people lists each; their age groups and outcomes feed filters."""
    subjects = [
        {"pseudonym": "Adult X", "age": "58 years", "age_band": "25-64", "outcome": "death"},
        {"pseudonym": "Adult Y", "age_band": "65-plus", "outcome": "serious-harm"},
    ]
    review, problems = validate(review_type="safeguarding-adults-review", subjects=subjects)
    assert problems == []
    assert review.age_bands == ("25-64", "65-plus") and review.outcomes == ("death", "serious-harm")
    assert review.audience == "adults"


def test_every_bad_value_in_a_list_is_reported():
    """Two wrong agencies give two messages, each on its own line; a subject's wrong fields each get one, on
    the line of that field."""
    result = messages(agencies=["police", "polise", "helth"])
    assert result == [
        f"{PATH}:12: agencies: item 2: found 'polise', expected one of: "
        + AGENCY_CHOICES
        + " (did you mean 'police'?); pick one of the listed values",
        f"{PATH}:13: agencies: item 3: found 'helth', expected one of: "
        + AGENCY_CHOICES
        + " (did you mean 'health'?); pick one of the listed values",
    ]
    subjects = messages(subjects=[{"pseudonym": "Adult X", "age_band": "old", "outcome": "died"}])
    assert [message.split(": expected")[0].split(", expected")[0] for message in subjects] == [
        f"{PATH}:12: subjects: item 1: age_band: found 'old'",
        f"{PATH}:13: subjects: item 1: outcome: found 'died'",
    ]


def test_single_subject_fields_and_subjects_are_not_mixed():
    """Age and outcome go under each subject when subjects are given."""
    result = messages(subjects=[{"pseudonym": "Adult X"}], outcome="death")
    assert result == [
        f"{PATH}:12: outcome: is given beside subjects; expected one or the other; move it under subjects: give "
        "each person's age, age_band and outcome there"
    ]


def test_period_under_review_runs_forwards():
    """The period's start comes before its end, which is not after publication."""
    assert messages(period_under_review={"from": "2014-06", "to": "2013"}) == [
        f"{PATH}:10: period_under_review: found 'from' 2014-06, after 'to' (2013); expected 'from' to come "
        "before 'to'; check both dates against the source report and correct the one that is wrong"
    ]


def test_unquoted_colon_names_the_field():
    """The commonest YAML slip is named with its field and what to do."""
    document, problems = parse_document(b"---\ntitle: Serious case review: Child M\nstatus: draft\n---\n", PATH)
    assert document is None
    assert [str(problem) for problem in problems] == [
        f'{PATH}:2: title: holds an unquoted colon; quote the text, e.g. title: "Serious case review: Child M"'
    ]


AGENCY_CHOICES = (
    "health, gp, ambulance, children-social-care, adult-social-care, police, education, early-years, "
    "substance-misuse-services, mental-health, probation, youth-justice, housing, residential-care, "
    "other-local-authority, voluntary-sector"
)


@pytest.mark.parametrize(
    ("item", "markdown"),
    [
        ("1. First.\n\n   A second paragraph.\n", "First.\n\nA second paragraph."),
        ("1. First,\nlazy.\n\n    A second paragraph.\n", "First,\nlazy.\n\nA second paragraph."),
        ("1. First.\n\n   - a list in it\n   - and more\n", "First.\n\n- a list in it\n- and more"),
    ],
)
def test_an_item_keeps_its_paragraphs(item: str, markdown: str):
    """A blank line inside an item starts a paragraph of its own (never indented code): real
    recommendations run to several paragraphs. Its plain text is its words, one space apart."""
    content, problems = parse_body(f"## Learning\n\n{item}\n## Recommendations\n\n1. R.\n", 1, PATH)
    assert problems == []
    assert [point.markdown for point in content.learning] == [markdown]
    assert "  " not in content.learning[0].text


@pytest.mark.parametrize(
    ("item", "markdown"),
    [
        ("See [the guidance][wt].", "See [the guidance](https://example.org/wt)."),
        ("See [the guidance] [WT].", "See [the guidance](https://example.org/wt)."),
        ("See [Care Act][] and [care  act].", "See [Care Act](/care) and [care  act](/care)."),
        ("A chart ![chart][c].", "A chart ![chart](/c.png 'Chart')."),
        ("Kept: [sic], [undefined][nope], [inline](/x).", "Kept: [sic], [undefined][nope], [inline](/x)."),
        (
            "Code: `[wt]` and ``a ` [wt]``, then [wt].",
            "Code: `[wt]` and ``a ` [wt]``, then [wt](https://example.org/wt).",
        ),
    ],
)
def test_reference_links_in_a_point_are_written_inline(item: str, markdown: str):
    """A point is shown away from the body's link definitions (theme pages, briefings): its
    reference links are written inline, as Python-Markdown reads them; other brackets, and
    code spans, stay as written."""
    definitions = "[wt]: https://example.org/wt\n[care act]: </care>\n[c]: /c.png 'Chart'\n"
    body = f"## Learning\n\n1. {item}\n\n## Recommendations\n\n1. R.\n\n{definitions}"
    content, problems = parse_body(body, 1, PATH)
    assert problems == []
    assert content.learning[0].markdown == markdown == content.learning[0].text


def test_welsh_letters_are_transliterated_in_group_anchors_theme_names_and_board_slugs():
    """One address per name however it is written: "Môn" is "mon", never "m-n" (Markdown's own
    heading ids do the same), in a group's anchor, a theme's name and a board's page."""
    from casereviews.model.boards import board_slug
    from casereviews.model.themes import term_key

    body = DEFAULT_BODY.replace("1. The first recommendation.", "### Ynys Môn\n\n1. The first recommendation.")
    review, problems = validate(body)
    assert problems == []
    assert [point.anchor for point in review.content.recommendations] == ["recommendation-ynys-mon-1"]
    assert term_key("Iechyd meddwl plant a phobl ifanc – Môn") == "iechyd-meddwl-plant-a-phobl-ifanc-mon"
    assert (
        board_slug("Gwynedd & Môn Local Safeguarding Children Board") == "gwynedd-and-mon-safeguarding-children-board"
    )


BOMB = """---
title: Serious case review
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
keywords: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
---

Body.
"""


@pytest.mark.parametrize("libyaml", [True, False])
def test_an_alias_bomb_is_refused_before_it_is_built(libyaml: bool):
    """Nine lines that would make a billion values are one problem at the anchor's line, at once."""
    document, problems = parse_document(BOMB.encode(), PATH, libyaml=libyaml)
    assert document is None
    assert [str(problem) for problem in problems] == [
        f"{PATH}:3: uses a YAML anchor and alias (&name … *name, or a '<<' merge): expected each value "
        "written out in full where it is used; write the value out in full in each place"
    ]


def test_a_merge_key_is_an_alias_too():
    """'<<: *base' copies fields from elsewhere in the file: refused like any alias."""
    text = "---\nbase: &base\n  pseudonym: Child T\n<<: *base\ntitle: Child T\n---\n\nBody.\n"
    _, problems = parse_document(text.encode(), PATH)
    assert [problem.line for problem in problems] == [2]  # where the anchor is
    assert "anchor and alias" in problems[0].message


def test_nesting_without_end_is_refused():
    """Lists nested far deeper than any front matter are a problem, not a crash."""
    text = "---\ntitle: x\nkeywords: " + "[" * 200 + "]" * 200 + "\n---\n\nBody.\n"
    _, problems = parse_document(text.encode(), PATH)
    assert [str(problem) for problem in problems] == [
        f"{PATH}:3: the front matter nests lists or fields more than 12 deep: expected fields written as in README; "
        "check the indentation against README's examples"
    ]


def test_a_never_publish_name_cannot_be_accepted_in_front_matter():
    """accepted_findings refuses the listed-name rule, saying what to do instead."""
    accepted = [{"rule": "listed-name", "text": "Jayden Exampleton", "reason": "the family agreed"}]
    result = messages(accepted_findings=accepted)
    assert len(result) == 1
    assert result[0].endswith(
        "accepted_findings: item 1: found rule 'listed-name': a name on the board's never-publish list is never "
        "accepted; expected the name taken out of the text (or off content/_data/never-publish.txt, if it may "
        "be published); remove this entry, then take the name out of the text"
    )


@pytest.mark.parametrize("libyaml", [True, False])
def test_an_unclosed_quote_is_reported_where_it_opens(libyaml: bool):
    """A quote never closed is named at its own line and field, not where the parser gave up."""
    text = front_matter_file(DEFAULT_REVIEW, DEFAULT_BODY).replace(
        "title: 'Serious case review: Child T'", 'title: "Serious case review: Child T'
    )
    _, problems = parse_document(text.encode(), PATH, libyaml=libyaml)
    assert [str(problem) for problem in problems] == [
        f"{PATH}:2: title: has a quotation mark that is never closed; expected the text to end with the same "
        'mark; add the same mark at the end of the text, e.g. title: "Serious case review: Child M"'
    ]


@pytest.mark.parametrize("libyaml", [True, False])
@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("incident_year: !!int abc", "!!int"),
        ("published: !!timestamp nonsense", "!!timestamp"),
        ('title: !!binary "aGVsbG8="', "!!binary"),
        ("title: !!str 2013", "!!str"),
    ],
)
def test_a_tag_is_refused_with_a_message_not_a_traceback(libyaml: bool, line: str, tag: str):
    """An explicit YAML tag, even one whose value could never be built, is one problem at its line."""
    text = f"---\nstatus: published\n{line}\n---\n\nBody.\n"
    document, problems = parse_document(text.encode(), PATH, libyaml=libyaml)
    assert document is None
    assert [str(problem) for problem in problems] == [
        f"{PATH}:3: uses a YAML tag ({tag}): expected a plain value; take the tag out and write the value as "
        "README shows, e.g. incident_year: 2013"
    ]
