"""Importing real documents' shapes: nothing lost, nothing guessed into a permanent address.

Every source here is written for the tests, with invented names and places, in the shapes
real executive summaries have (see ../shared/reference/domain.md): a cover with a contents
page, headings by numbering only, "Finding 1:" paragraphs, a board's web page with a table
and learning written as prose, a thematic safeguarding adults review, a document-sharing
site's wrapper, and a text with no heading at all.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from casereviews.model.body import parse_body
from casereviews.model.placeholders import LEFT_OUT_HEADING, TOKEN, placeholder_problems
from casereviews.model.source import read_document
from casereviews.policy.vetting import check_content
from importer.run import import_reports

PROJECT = Path(__file__).resolve().parent.parent


def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "project" / "content"
    shutil.copytree(PROJECT / "content", target)
    return target


def imported(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    """The result of importing one source written to `name`, with its draft's text."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    run = import_reports(source, content_copy(tmp_path))
    (result,) = run.files
    assert result.outcome == "imported", result.problem
    return result, result.draft.read_text(encoding="utf-8")


def folded(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def front(draft: str, key: str) -> str:
    match = re.search(rf"^{key}: (.*)$", draft, re.MULTILINE)
    assert match, key
    return match.group(1)


def section(draft: str, heading: str) -> str:
    return draft.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def body_of(draft_path: Path):  # type: ignore[no-untyped-def]
    document, problems = read_document(draft_path, draft_path.name)
    assert document is not None and problems == []
    body, problems = parse_body(document.body, document.body_line, draft_path.name, recommendations_required=False)
    return body, problems


# --- a cover with a contents page; numbered headings no wording list knows --------------------

CONTENTS_REPORT = """\
WESTMOOR SAFEGUARDING CHILDREN PARTNERSHIP

CHILD SAFEGUARDING PRACTICE REVIEW

In Respect Of

Child R

Author:
Helen Marsh

Date of publication: 14 March 2022

CONTENTS

1. Setting the scene ........................................ 3

2. What professionals knew ............................... 4

3. Learning from the review ................................ 5

4. Recommendations ........................................... 6

5

5

6

1. Setting the scene

1.1 Child R was a boy of eleven who lived with his mother and two younger sisters. The partnership \
decided to review how agencies had worked together after he was seriously harmed at home in 2021.

2. What professionals knew

2.1 The school had noticed that Child R often arrived hungry and tired, and had told the family \
support team, which visited twice and closed its involvement when the mother said things were better.

3. Learning from the review

3.1 Professionals accepted the mother's account without seeing the children on their own.

3.2 The school's concerns were never brought together with what the health visitor knew.

4. Recommendations

4.1 The partnership should make sure that children are seen alone when concerns are raised.
"""


@pytest.mark.site
def test_a_cover_with_a_contents_page_and_numbered_headings_loses_nothing(tmp_path: Path) -> None:
    result, draft = imported(tmp_path, "child-r.txt", CONTENTS_REPORT)
    fields = result.recognised.fields
    assert fields["board"].value == "Westmoor Safeguarding Children Partnership"  # written in capitals
    assert fields["review_type"].value == ("child-safeguarding-practice-review",)
    assert fields["pseudonym"].value == "Child R"
    assert fields["reviewer"].value == ("Helen Marsh",)  # "Author:" with the name on the next line
    # The cover writes the title in capitals over three lines: it is read as one sentence.
    assert front(draft, "title") == '"Child safeguarding practice review in respect of Child R"'
    assert front(draft, "published") == "2022-03-14"
    assert result.draft.name == "2022-westmoor-child-r.md"
    # The contents page and its page numbers are dropped and listed in the report, never points.
    body, _ = body_of(result.draft)
    assert [point.text for point in body.learning] == [
        "Professionals accepted the mother's account without seeing the children on their own.",
        "The school's concerns were never brought together with what the health visitor knew.",
    ]
    assert [point.label for point in body.learning] == ["3.1", "3.2"]
    assert [point.text for point in body.recommendations] == [
        "The partnership should make sure that children are seen alone when concerns are raised."
    ]
    assert ".........." not in draft
    contents = dict(result.not_in_draft)["a contents page"]
    assert any(line.startswith("1. Setting the scene") for line in contents)
    assert contents[-3:] == ["5", "5", "6"]
    # Every paragraph of the body is in the draft, in its section.
    assert "## Setting the scene" in draft and "## What professionals knew" in draft
    for paragraph in ("Child R was a boy of eleven", "The school had noticed that Child R often arrived hungry"):
        assert paragraph in folded(draft)
    assert result.unaccounted == []


# --- "Finding 1:" and "Recommendation 1:" paragraphs -------------------------------------------

FINDINGS_REPORT = """\
Safeguarding adults review: Mr J

Eastbridge Safeguarding Adults Board

Published: June 2023

Summary of events

Mr J was a man of 58 who lived alone and died at home after a long period in which he declined \
help from the agencies that visited him.

Analysis

The panel considered what each agency knew about Mr J and how it responded.

Finding 1: Practitioners assumed that Mr J had the capacity to refuse care, but nobody assessed it.

The decisions he made about his home changed over three years, and nobody went back to them.

Recommendation 1: The board should check how capacity is assessed when care is refused.

Finding 2: Agencies closed their involvement one by one without telling each other.

Recommendation 2: Agencies should tell the board's multi-agency panel before closing a case of self-neglect.
"""


@pytest.mark.site
def test_finding_and_recommendation_paragraphs_are_points(tmp_path: Path) -> None:
    result, draft = imported(tmp_path, "mr-j.txt", FINDINGS_REPORT)
    body, problems = body_of(result.draft)
    assert problems == []
    first = "Practitioners assumed that Mr J had the capacity to refuse care, but nobody assessed it."
    further = "The decisions he made about his home changed over three years, and nobody went back to them."
    assert [point.text for point in body.learning] == [
        f"{first} {further}",
        "Agencies closed their involvement one by one without telling each other.",
    ]
    # The paragraph after a finding stays with it, as its second paragraph (and its anchor stays learning-1).
    assert body.learning[0].markdown == f"{first}\n\n{further}"
    assert body.learning[0].anchor == "learning-1"
    assert [point.text for point in body.recommendations] == [
        "The board should check how capacity is assessed when care is refused.",
        "Agencies should tell the board's multi-agency panel before closing a case of self-neglect.",
    ]
    # The analysis keeps its own paragraph; nothing is lost.
    assert "The panel considered what each agency knew about Mr J" in section(draft, "Analysis")
    assert result.unaccounted == []
    assert front(draft, "published") == "2023-06"
    assert result.draft.name == "2023-eastbridge-mr-j.md"


# --- a board's web page: a table, and learning written as prose --------------------------------

WEB_PAGE = """\
<!doctype html><html lang="en"><head><title>Learning from reviews | Northdale</title></head><body>
<header><a href="/">Home</a></header><nav><a href="/reviews">Reviews</a></nav>
<main>
<h1>Domestic Homicide Review into the death of 'Maya'</h1>
<p>Published: 2 May 2024</p>
<h2>Summary</h2>
<p>Maya was killed by her former partner in 2022. She had told her GP and a housing officer that he \
frightened her, and the police had been called to her flat twice.</p>
<h2>The agencies involved</h2>
<table>
<tr><th>Agency</th><th>Contacts</th><th>Last contact</th></tr>
<tr><td>Police</td><td>2 call-outs</td><td>March 2022</td></tr>
<tr><td>Housing | tenancy team</td><td>5 visits</td><td>April 2022</td></tr>
</table>
<h2>Lessons learned</h2>
<p>Maya's fear of her former partner was recorded by three agencies, but no one asked her about it again.</p>
<p>The risk assessment was not repeated after the second call-out, although the violence had grown.</p>
<p>In one report the display of &lt;script&gt; tags was quoted as text.</p>
<h2>Actions we are taking</h2>
<ul><li>The partnership will train housing officers to ask about domestic abuse.</li></ul>
</main><footer>Northdale Community Safety Partnership</footer></body></html>
"""


@pytest.mark.site
def test_a_web_page_with_a_table_and_prose_learning(tmp_path: Path) -> None:
    result, draft = imported(tmp_path, "maya.html", WEB_PAGE)
    assert result.recognised.fields["pseudonym"].value == "Maya"
    assert front(draft, "title") == "\"Domestic Homicide Review into the death of 'Maya'\""
    # The table is a Markdown table, a pipe in a cell escaped; nothing flattened into run-on lines.
    table = section(draft, "The agencies involved")
    assert "| Agency | Contacts | Last contact |" in table
    assert "| Housing \\| tenancy team | 5 visits | April 2022 |" in table
    body, problems = body_of(result.draft)
    assert problems == []
    # Learning written as paragraphs: one point per paragraph, each with its own address.
    assert [point.anchor for point in body.learning] == ["learning-1", "learning-2", "learning-3"]
    assert body.learning[1].text.startswith("The risk assessment was not repeated")
    # A displayed tag stays text: the draft escapes it, and Markdown shows it as written.
    assert "display of &lt;script> tags" in draft and "<script>" not in draft
    assert [point.text for point in body.recommendations] == [
        "The partnership will train housing officers to ask about domestic abuse."
    ]
    assert result.unaccounted == []
    # A domestic homicide review is always about domestic abuse.
    assert "domestic-violence" in [suggestion.slug for suggestion in result.suggested]


# --- a thematic review, wrapped by a document-sharing site --------------------------------------

SHARED_THEMATIC = """\
thematic safeguarding adults review westmoor · 1.1 the board received notice of the...

24
Westmoor Safeguarding Adults Board Thematic Safeguarding Adults Review Deaths of people sleeping rough

Upload: others

Post on 12-Mar-2023

4 views

Category:

Documents

0 download

TRANSCRIPT

Page 1: thematic safeguarding adults review westmoor · 1.1 the board received notice of the

WESTMOOR SAFEGUARDING ADULTS BOARD

Thematic Safeguarding Adults Review: Deaths of people sleeping rough

Independent Reviewers: Sam Okafor and Priya Lal

October 2022

1. Introduction

1.1 The board received notice of the deaths of four people who had slept rough in the town during \
2021, and decided that one thematic review would show what their experiences had in common.

2. Learning

2.1 Hostels asked people to leave for reasons linked to their health needs.

2.2 Nobody held the whole picture of any one person's contacts with services.
"""


@pytest.mark.site
def test_a_thematic_review_behind_a_sharing_sites_wrapper(tmp_path: Path) -> None:
    result, draft = imported(tmp_path, "rough-sleeping.txt", SHARED_THEMATIC)
    fields = result.recognised.fields
    assert fields["review_type"].value == ("safeguarding-adults-review", "thematic-review")
    assert "review_type: [safeguarding-adults-review, thematic-review]" in draft
    assert fields["title"].value == "Thematic Safeguarding Adults Review: Deaths of people sleeping rough"
    assert fields["reviewer"].value == ("Sam Okafor", "Priya Lal")  # two reviewers on one line
    assert fields["board"].value == "Westmoor Safeguarding Adults Board"
    # October 2022 is the only date on the cover: taken, but not labelled, so the file name says undated.
    assert front(draft, "published") == "2022-10"
    assert result.draft.name.startswith("undated-westmoor-")
    assert any("published: 2022-10 is the only date on the cover" in check for check in result.checks)
    assert "Upload: others" not in draft and "4 views" not in draft
    assert "homelessness" in [suggestion.slug for suggestion in result.suggested]
    assert result.unaccounted == []


# --- dates that are not the publication date ----------------------------------------------------

DATED_COVER = """\
Serious Case Review: Baby K

Southvale Local Safeguarding Children Board

Date of death: 4 February 2019

Report completed: 20 November 2020

Introduction

The review was carried out under the statutory guidance published by the Home Office in December 2016, \
and the panel met six times between March and September 2020 to hear from the agencies.

Learning

- The midwife's concerns about the father were not shared with the health visitor.
"""


@pytest.mark.site
def test_no_date_is_guessed_and_the_file_name_says_undated(tmp_path: Path) -> None:
    """A date of death, a completion date and a guidance date in the text: none is the publication date."""
    result, draft = imported(tmp_path, "baby-k.txt", DATED_COVER)
    assert "published" not in result.recognised.fields
    assert front(draft, "published").startswith(f'"{TOKEN} the publication date')
    assert result.draft.name == "undated-southvale-baby-k.md"
    assert any("4 February 2019" in other for other in result.recognised.other_dates)


# --- a cover whose contents page lists headings alone ---------------------------------------------

NUMBERED_SUBJECT = """\
SERIOUS CASE REVIEW
In Respect Of
Child 4
Report prepared by:-
Ruth Calder, Independent Author
- Introduction
- Recommendations

The review was endorsed by Ashdown’s Safeguarding Children Board in November 2020.
"""


@pytest.mark.site
def test_a_numbered_subject_is_the_pseudonym_and_a_month_or_a_possessive_is_not_a_board(tmp_path: Path) -> None:
    """A numbered subject ("Child 4") is a pseudonym; "Recommendations" alone on a contents line is not; "Board in
    November" names no board called November; "Ashdown’s" Board is Ashdown's."""
    result, _ = imported(tmp_path, "child-4.txt", NUMBERED_SUBJECT)
    fields = result.recognised.fields
    assert fields["pseudonym"].value == "Child 4"
    assert fields["board"].value == "Ashdown Safeguarding Children Board"


# --- a text with no heading at all -----------------------------------------------------------------

NO_HEADINGS = """\
Our board has published a learning review about Child H, a girl of seven whose needs were not \
met for several years while her family moved between three areas.

The review found that each area started its assessment again, so that what was already known about \
Child H's speech and her weight was never put together.

Practitioners did not hear from Child H herself, although her teachers said she was a confident talker \
when she felt safe.
"""


@pytest.mark.site
def test_a_text_with_no_heading_keeps_every_paragraph_in_a_section_make_check_reports(tmp_path: Path) -> None:
    result, draft = imported(tmp_path, "child-h.txt", NO_HEADINGS)
    left_out = section(draft, LEFT_OUT_HEADING)
    for paragraph in NO_HEADINGS.split("\n\n"):
        assert folded(paragraph) in folded(left_out)
    assert result.unaccounted == []
    document, _ = read_document(result.draft, result.draft.name)
    problems = placeholder_problems(document)
    left_out_problems = [problem for problem in problems if LEFT_OUT_HEADING in problem.message]
    assert len(left_out_problems) == 1
    assert "it still holds 3 paragraphs of the source's text" in left_out_problems[0].message
    assert "move each paragraph into the section where it belongs" in left_out_problems[0].message


# --- Welsh names and given-name pseudonyms -----------------------------------------------------------

WELSH_COVER = """\
Gwynedd & Môn Local Safeguarding Children Board

Child Practice Review: the family have chosen the pseudonym Efa

Published: 3 July 2023

Report produced by: Gareth Hughes, Independent Chair

Practice and organisational learning

1. Agencies did not share what they knew about Efa's father.

Improving systems and practice

1. The board should review how information is shared across the two counties.
"""


@pytest.mark.site
def test_welsh_names_transliterated_and_the_welsh_template_headings_read(tmp_path: Path) -> None:
    result, _ = imported(tmp_path, "efa.txt", WELSH_COVER)
    fields = result.recognised.fields
    assert fields["pseudonym"].value == "Efa"
    assert fields["reviewer"].value == ("Gareth Hughes",)
    assert result.draft.name == "2023-gwynedd-and-mon-efa.md"  # "Môn" → mon, never "m-n"
    body, problems = body_of(result.draft)
    assert problems == []
    assert [point.text for point in body.learning] == ["Agencies did not share what they knew about Efa's father."]
    assert len(body.recommendations) == 1
    # The reviewer is published on purpose: never an anonymisation finding.
    assert not [finding for finding in result.findings if "Gareth Hughes" in finding.text]


# --- make check on what an import can leave wrong ----------------------------------------------------


@pytest.mark.site
@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "1", "found '1', which has no words"),
        ("title", 4, "found 4, a number"),
        ("title", "Page 3 of 20", "a page number"),
        ("board", "Westmoor LSCB Westmoor LSCB", "the same words twice"),
        ("summary", "Summary", "found 'Summary', 1 word; expected a paragraph of at least 5 words"),
    ],
)
def test_make_check_refuses_junk_an_import_can_take_for_a_field(
    tmp_path: Path, field: str, value: object, expected: str
) -> None:
    from sitekit import SiteProject

    project = SiteProject(tmp_path)
    project.write_review("2015-testshire-child-t", **{field: value})
    result = project.check()
    assert result.returncode == 1
    assert re.search(
        rf"content/reviews/2015-testshire-child-t\.md:\d+: {field}: .*{re.escape(expected)}", result.output
    )


@pytest.mark.site
def test_make_check_finds_page_numbers_and_running_footers_left_in_the_text(tmp_path: Path) -> None:
    from sitekit import DEFAULT_BODY, SiteProject

    footer = "Westmoor LSCB – Child T – Final version"
    body = DEFAULT_BODY.replace(
        "What happened, in general terms.",
        f"What happened, in general terms.\n\n12\n\n{footer}\n\nMore text.\n\n{footer}\n\nPage 3 of 9\n\n{footer}",
    )
    project = SiteProject(tmp_path)
    project.write_review("2015-testshire-child-t", body)
    result = project.check()
    assert result.returncode == 1
    assert "found '12' alone on a line, a page number left from the source" in result.output
    assert "found 'Page 3 of 9' alone on a line" in result.output
    assert f"found '{footer}' 3 times" in result.output


@pytest.mark.site
def test_make_check_gives_a_notice_for_an_undated_or_misdated_file_name_never_published(tmp_path: Path) -> None:
    from sitekit import SiteProject

    project = SiteProject(tmp_path)
    project.write_review("undated-testshire-child-t")
    project.write_review("2019-testshire-child-u", pseudonym="Child U")
    result = project.check()
    assert result.returncode == 0, result.output  # a notice never stops anything
    assert (
        "notice: content/reviews/undated-testshire-child-t.md: file name: starts 'undated-'; the file name becomes "
        "the review's address for good once it is published; rename the file to 2015-testshire-child-t.md now "
        "(it has not been published yet)"
    ) in result.output
    assert (
        "2019-testshire-child-u.md: file name: starts with 2019, but the review was published in 2015" in result.output
    )


def test_the_headings_real_reports_use_are_accepted_by_make_check() -> None:
    body = """\
## Practice and organisational learning

1. A lesson.

## Conclusions and recommendations

The panel concluded that the harm could not have been predicted.

1. A recommendation.
"""
    for learning, recommendations in [
        ("Practice and organisational learning", "Conclusions and recommendations"),
        ("Issues identified", "Actions we are taking"),
        ("Lessons learned", "Considerations for the board"),
        ("Learning from the review", "Improving systems and practice"),
    ]:
        text = body.replace("Practice and organisational learning", learning).replace(
            "Conclusions and recommendations", recommendations
        )
        parsed, problems = parse_body(text, 1, "r.md")
        assert problems == [], (learning, recommendations)
        assert (len(parsed.learning), len(parsed.recommendations)) == (1, 1)


@pytest.mark.site
def test_a_filled_draft_from_these_shapes_passes_make_check(tmp_path: Path) -> None:
    """The Finding-N draft, once its themes are chosen and its status set, validates in full."""
    result, draft = imported(tmp_path, "mr-j.txt", FINDINGS_REPORT)
    draft = draft.replace("status: draft", "status: published")
    result.draft.write_text(draft, encoding="utf-8")
    site = check_content(result.draft.parent.parent, dt.datetime(2026, 11, 22, tzinfo=dt.UTC), tmp_path / "project")
    mine = [str(problem) for problem in site.errors if result.draft.name in problem.path]
    assert mine == []


@pytest.mark.site
def test_a_folder_of_every_shape_loses_nothing_and_guesses_no_date_into_a_file_name(tmp_path: Path) -> None:
    """All the shapes above imported as one folder, as a board brings them in."""
    folder = tmp_path / "reports"
    folder.mkdir()
    sources = {
        "child-r.txt": CONTENTS_REPORT,
        "mr-j.txt": FINDINGS_REPORT,
        "maya.html": WEB_PAGE,
        "rough-sleeping.txt": SHARED_THEMATIC,
        "baby-k.txt": DATED_COVER,
        "child-h.txt": NO_HEADINGS,
        "efa.txt": WELSH_COVER,
    }
    for name, text in sources.items():
        (folder / name).write_text(text, encoding="utf-8")
    run = import_reports(folder, content_copy(tmp_path))
    assert [result.outcome for result in run.files] == ["imported"] * len(sources)
    for result in run.files:
        assert result.unaccounted == [], result.source.name
        year = re.match(r"^(\d{4})-", result.draft.name)
        if year:  # a year in a file name only from a date the cover labels as the publication date
            assert result.recognised.fields["published"].how.startswith("labelled as the publication date")
            assert str(result.recognised.fields["published"].value).startswith(year.group(1))
        body, _ = body_of(result.draft)
        for point in [*body.learning, *body.recommendations]:  # no point made of a contents or page-number line
            assert not re.fullmatch(r"[\d\s.]+", point.text) and ".........." not in point.text
    names = sorted(re.sub(r"review-[0-9a-f]{8}", "review-<digest>", result.draft.name) for result in run.files)
    assert names == [
        "2022-westmoor-child-r.md",
        "2023-eastbridge-mr-j.md",
        "2023-gwynedd-and-mon-efa.md",
        "2024-maya.md",  # the page names no board: none in the address
        "undated-review-<digest>.md",  # no heading, no cover: nothing certain but the fingerprint
        "undated-southvale-baby-k.md",
        "undated-westmoor-review-<digest>.md",  # a thematic review: several people, no pseudonym
    ]
