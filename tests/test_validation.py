"""Validation of review front matter and body: the exact messages an author reads."""

from __future__ import annotations

import datetime as dt

import pytest

from casereviews.model.body import parse_body
from casereviews.model.reviews import review_from_document
from casereviews.model.source import parse_document
from casereviews.model.themes import Theme, ThemeCatalogue
from sitekit import DEFAULT_BODY, DEFAULT_REVIEW, front_matter_file

PATH = "content/reviews/child-t.md"
TODAY = dt.date(2026, 11, 22)
THEMES = ThemeCatalogue(
    [
        Theme("domestic-violence", "Domestic violence", "s", ("domestic abuse",), "", "content/themes/dv.md"),
        Theme("neglect", "Neglect", "s", (), "", "content/themes/neglect.md"),
        Theme("substance-misuse", "Substance misuse", "s", ("drug and alcohol misuse",), "", "t.md"),
    ]
)


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


def test_unknown_key_suggests_the_field():
    """A typo such as 'staus: draft' is an error with a did-you-mean, and the missing status is reported too."""
    result = messages(status=None, staus="draft")
    assert result[0].startswith(f"{PATH}:9: staus: is not a known field (did you mean 'status'?); expected one of: ")
    assert result[1] == f"{PATH}: status: is missing: expected one of: published, draft, withdrawn"
    assert len(result) == 2


def test_unknown_value_suggests_the_choice():
    """A misspelt status names what was found and what is allowed."""
    assert messages(status="publshed") == [
        f"{PATH}:9: status: found 'publshed', expected one of: published, draft, withdrawn (did you mean 'published'?)"
    ]


def test_wrong_type():
    """A number where text belongs, or text where a list of agencies belongs item by item, is named."""
    assert messages(pseudonym=5, agencies=["police", "polise"]) == [
        f"{PATH}:10: pseudonym: found 5, expected text",
        f"{PATH}:13: agencies: item 2: found 'polise', expected one of: health, gp, ambulance, "
        "children-social-care, adult-social-care, police, education, early-years, substance-misuse-services, "
        "mental-health, probation, youth-justice, housing, residential-care, other-local-authority, "
        "voluntary-sector (did you mean 'police'?)",
    ]


def test_impossible_date():
    """30 February is not a date; the message says so and gives the line."""
    assert messages(published="2007-02-30") == [
        f"{PATH}:5: published: found '2007-02-30', expected a real date (that month or day does not exist)"
    ]


def test_date_in_another_format():
    """A UK-style date is rejected with the expected form."""
    assert messages(published="15/11/2007") == [
        f"{PATH}:5: published: found '15/11/2007', expected a date written YYYY-MM-DD, or YYYY-MM or YYYY when "
        "the source gives only a month or a year (e.g. 2011-03 for March 2011)"
    ]


def test_missing_required_fields_are_all_reported():
    """Every missing required field is listed, not only the first."""
    result = messages(title=None, board=None, summary=None)
    assert result == [
        f"{PATH}: title: is missing: expected the review's title, e.g. 'Serious case review: Child M'",
        f"{PATH}: board: is missing: expected the board that published the review",
        f"{PATH}: summary: is missing: expected one paragraph of plain text",
    ]


def test_unknown_theme_suggests_one():
    """An unknown theme names its line and the closest theme."""
    assert messages(themes=["neglect", "neglekt"]) == [
        f"{PATH}:8: themes: found 'neglekt', expected a theme from content/themes/ (did you mean 'neglect'?)"
    ]


def test_theme_given_twice_through_an_alias():
    """A theme named twice (by slug and by alias) is an error."""
    assert messages(themes=["domestic-violence", "Domestic Abuse"]) == [
        f"{PATH}:8: themes: found 'Domestic Abuse', which names the theme 'domestic-violence' already listed; "
        "expected each theme once"
    ]


def test_summary_must_be_one_paragraph():
    """A summary with two paragraphs is rejected."""
    assert messages(summary="One.\n\nTwo.") == [
        f"{PATH}:8: summary: found more than one paragraph, expected one paragraph of plain text"
    ]


def test_published_in_the_future():
    """A future publication date points the author to embargo_until."""
    assert messages(published="2030-01-01") == [
        f"{PATH}:5: published: found 2030-01-01, a date in the future; expected the date the review was published "
        "(to hold a review back until a date, use embargo_until)"
    ]


def test_withdrawn_needs_date_and_reason():
    """A withdrawn review must say when and why."""
    assert messages(status="withdrawn") == [
        f"{PATH}:9: withdrawn_on: is missing: a withdrawn review needs the date of withdrawal, written YYYY-MM-DD",
        f"{PATH}:9: withdrawn_reason: is missing: a withdrawn review needs a short reason shown on the withdrawal "
        "notice",
    ]


def test_draft_may_be_incomplete_but_not_wrong():
    """A draft may lack fields and sections, but a field it gives must be valid."""
    review, problems = validate(body="Notes.", status="draft", summary=None, board=None)
    assert problems == [] and review.status == "draft"
    assert [str(p) for p in validate(status="draft", outcome="dead")[1]] == [
        f"{PATH}:10: outcome: found 'dead', expected one of: death, serious-harm, other (did you mean 'death'?)"
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
                "expected one style per list (a sentence between two lists separates them)",
            ],
        ),
        (
            "## Learning\n\n8.1 One.\n8.3 Three.\n\n## Recommendations\n\n",
            [
                "content/reviews/child-t.md:14: paragraph numbered 8.3 in '## Learning' follows 8.1; expected 8.2",
                "content/reviews/child-t.md:16: '## Recommendations' has no recommendations: expected a list of "
                "them, numbered (1., 1), 8.1) or bulleted (-)",
            ],
        ),
        (
            "## Learning\n\n1. One.\n3. Three.\n\n## Recommendations\n\n1. R.\n",
            [
                "content/reviews/child-t.md:14: item in '## Learning' is numbered 3, expected 2 (number the items 1, "
                "2, 3 … in order)"
            ],
        ),
        (
            "# Title\n\n## Learning\n\n1. One.\n",
            [
                "content/reviews/child-t.md:11: found a level-1 heading '# Title', expected '## ' headings only (the "
                "title comes from the front matter)",
                "content/reviews/child-t.md: has no recommendations section: found '## Title', '## Learning'; "
                "expected '## Recommendations' or one of: Key recommendations, Recommendations for agencies, "
                "Recommendations for the board, Recommendations for the partnership, Recommendations and actions, "
                "Multi agency recommendations; a review whose types are all Welsh practice reviews, learning, "
                "rapid or thematic reviews may have none",
            ],
        ),
        (
            "## Learning\n\n1. {#Bad Id} One.\n\n## Recommendations\n\n1. {#learning-1} R.\n",
            [
                "content/reviews/child-t.md:13: found the id {#Bad Id}, expected lower-case letters, digits and "
                "hyphens starting with a letter, e.g. {#father-not-known}",
                "content/reviews/child-t.md:17: found the id {#learning-1}, which looks like an automatic anchor; "
                "expected a descriptive id, e.g. {#father-not-known}",
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
        "anchor used once in the review (give the item an id, e.g. {#police-training})"
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
    assert [str(p) for p in problems] == [f"{PATH}:4: board: found nothing, expected text"]
    assert messages(themes=[]) == [f"{PATH}:6: themes: found 0, expected at least 1"]
