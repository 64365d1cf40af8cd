"""Importing existing reports: PDF (printed by Chromium), Word (written by python-docx), HTML, text.

Fixtures are built here, never committed: HTML printed to PDF by Debian's Chromium with a
running header and footer and page numbers, Word files written with python-docx.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casereviews.load.catalogue import load_site
from casereviews.model.body import ReviewBody, parse_body
from casereviews.model.placeholders import TOKEN, placeholder_problems
from casereviews.model.sections import LEARNING_HEADINGS, RECOMMENDATION_HEADINGS
from casereviews.model.source import read_document
from casereviews.model.vocabulary import RECOMMENDATIONS_OPTIONAL, REVIEW_TYPES
from casereviews.policy.vetting import check_content
from importer.clean import join_lines, split_label
from importer.headings import section_kind
from importer.run import import_reports
from importer.suggest import chosen, suggest_themes
from importer.wording import REVIEW_TYPE_ABBREVIATIONS, REVIEW_TYPE_WORDING

PROJECT = Path(__file__).resolve().parent.parent
BOARD = "Westmoor Local Safeguarding Children Board"
TITLE = "Serious case review: Child K"
EVENTS = [
    "Child K was a baby boy who died aged four months after a head injury. His mother used heroin and "
    "later methadone, and there had been domestic abuse between his parents before and after his birth.",
    "The family was known to health services, to the police after two reports of domestic abuse, and to "
    "the substance misuse service that prescribed methadone to his mother.",
]
LEARNING = [
    "Domestic abuse reported to the police was not shared with the health visitor, so the risk to the baby "
    "was not assessed as a whole.",
    "The substance misuse service treated the mother as its client and did not ask about the baby, though "
    "methadone was kept in the home.",
    "Practitioners relied on the mother's account that the father had left; nobody checked who was living "
    "in the household.",
    "Pre-birth assessment did not bring together the parents' history of substance misuse and domestic abuse:",
    "Supervision did not help practitioners to step back from the day-to-day work with the family.",
]
LEARNING_SUBPOINTS = ["the midwife's booking notes", "the police records of call-outs"]
RECOMMENDATIONS = {
    "Police": [
        "Notify the health visitor of every domestic abuse incident in a household with a baby.",
        "Record the children living in or visiting the household at every call-out.",
    ],
    "Health": [
        "Health visitors should ask about substance misuse at every contact.",
        "Midwives should share pre-birth concerns with children's social care.",
    ],
    "Children's social care": [
        "Assessments should test what parents say about who lives in the household.",
    ],
}
#: A report that gives no date, type, board or recommendations.
INCOMPLETE = "Learning from the death of Baby T\n\nLearning\n\n- Nobody saw the baby for six weeks.\n"
CLOSING = "The board accepted all the recommendations and will report on progress in a year."
CONTACT = "Westmoor LSCB, 14 Acacia Avenue, Westmoor WM1 2AB. Telephone 01632 960 123."
N_RECOMMENDATIONS = sum(len(items) for items in RECOMMENDATIONS.values())
#: The recommendations as the draft must write them: each agency a `### ` group, numbered from 1.
GROUPED = "\n\n".join(
    f"### {agency}\n\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1))
    for agency, items in RECOMMENDATIONS.items()
)


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    """The session's Chromium (conftest): skipped when missing, a failure when CI is set."""
    return chromium


def print_pdf(browser, page_html: str, target: Path, header: str | None = None) -> Path:  # type: ignore[no-untyped-def]
    """Print HTML to PDF with a running header and a 'Page N of M' footer."""
    page = browser.new_page()
    page.set_content(page_html)
    options = {
        "path": str(target),
        "format": "A4",
        "margin": {"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
    }
    if header is not None:
        options.update(
            display_header_footer=True,
            header_template=f'<div style="font-size:8pt;width:100%;text-align:center">{html.escape(header)}</div>',
            footer_template='<div style="font-size:8pt;width:100%;text-align:center">'
            'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        )
    page.pdf(**options)
    page.close()
    return target


def summary_pdf_html() -> str:
    """The executive summary as a board would lay it out: two-column cover, numbered paragraphs."""
    events = "".join(f"<p>3.{n} {html.escape(text)}</p>" for n, text in enumerate(EVENTS, start=1))
    learning = ""
    for n, text in enumerate(LEARNING, start=1):
        learning += f"<p>8.{n} {html.escape(text)}</p>"
        if n == 4:
            learning += "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in LEARNING_SUBPOINTS) + "</ul>"
    groups = "".join(
        f"<h3>{html.escape(agency)}</h3><ol>" + "".join(f"<li>{html.escape(r)}</li>" for r in items) + "</ol>"
        for agency, items in RECOMMENDATIONS.items()
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    body {{ font-family: "DejaVu Serif", serif; font-size: 11pt; }}
    h1 {{ font-size: 22pt; }} h2 {{ font-size: 15pt; }} h3 {{ font-size: 12.5pt; }}
    .cover {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 3cm; }}
    </style></head><body>
    <div class="cover">
      <div><p>{BOARD}</p><p>Executive summary</p></div>
      <div><p>Published: March 2011</p><p>Review type: Serious case review</p></div>
    </div>
    <h1>{TITLE}</h1>
    <h2>1. Introduction</h2><p>1.1 The board commissioned this review under Working Together 2010.</p>
    <h2>3. Summary of events</h2>{events}
    <h2>8. Lessons learned</h2>{learning}
    <h2 style="break-before: page">9. Recommendations</h2>{groups}<p>{CLOSING}</p>
    <h2>Contact details</h2><p>{CONTACT}</p>
    </body></html>"""


def summary_html_page() -> str:
    """The same summary as a board's web page, with navigation, a site header and a footer."""
    events = "".join(f"<p>{html.escape(text)}</p>" for text in EVENTS)
    learning = "<ol>"
    for n, text in enumerate(LEARNING, start=1):
        learning += f"<li>{html.escape(text)}"
        if n == 4:
            learning += "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in LEARNING_SUBPOINTS) + "</ul>"
        learning += "</li>"
    learning += "</ol>"
    groups = "".join(
        f"<h3>{html.escape(agency)}</h3><ol>" + "".join(f"<li>{html.escape(r)}</li>" for r in items) + "</ol>"
        for agency, items in RECOMMENDATIONS.items()
    )
    return f"""<!doctype html><html lang="en"><head><title>Child K | Westmoor LSCB</title></head><body>
    <header><a href="/">Westmoor LSCB home</a></header><nav><a href="/reviews">All reviews</a></nav>
    <main><h1>{TITLE}</h1>
    <table><tr><th>Board</th><td>{BOARD}</td></tr><tr><th>Date of publication</th><td>14 March 2011</td></tr></table>
    <h2>Summary of events</h2>{events}
    <h2>Learning</h2><p>The review found:</p>{learning}
    <h2>Recommendations</h2>{groups}<p>{CLOSING}</p>
    <h2>Contact</h2><p>{CONTACT}</p></main>
    <footer>Westmoor LSCB, 14 Acacia Avenue</footer></body></html>"""


def summary_docx(target: Path) -> Path:
    """The same summary as a Word file: cover table, numbered paragraphs 8.1, bullets, agency groups."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Westmoor LSCB – Child K – Executive summary"
    section.footer.paragraphs[0].text = "Page 1"
    document.add_paragraph(TITLE, style="Title")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate(
        [("Board", BOARD), ("Type of review", "Serious case review"), ("Date of publication", "March 2011")]
    ):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    document.add_heading("3. Summary of events", level=1)
    for n, text in enumerate(EVENTS, start=1):
        document.add_paragraph(f"3.{n} {text}")
    document.add_heading("8. Learning", level=1)
    for n, text in enumerate(LEARNING, start=1):
        document.add_paragraph(f"8.{n} {text}")
        if n == 4:
            for sub in LEARNING_SUBPOINTS:
                document.add_paragraph(sub, style="List Bullet")
    document.add_heading("9. Recommendations", level=1)
    for agency, items in RECOMMENDATIONS.items():
        document.add_heading(agency, level=2)
        for item in items:
            document.add_paragraph(item, style="List Number")
    document.add_paragraph(CLOSING)
    document.add_heading("Contact details", level=1)
    document.add_paragraph(CONTACT)
    document.save(target)
    return target


def content_copy(tmp_path: Path) -> Path:
    """A copy of the project's content folder, for drafts to be written into."""
    target = tmp_path / "project" / "content"
    shutil.copytree(PROJECT / "content", target)
    return target


def draft_of(run, name: str):  # type: ignore[no-untyped-def]
    return next(result for result in run.files if result.source.name == name)


def section_text(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def section_points(text: str, heading: str) -> list[str]:
    return re.findall(r"^\d+\. (.*)$", section_text(text, heading), re.MULTILINE)


def parsed_body(draft: Path, recommendations_required: bool = True) -> ReviewBody:
    """The draft's body as the site reads it; the body must have no problem at all."""
    document, problems = read_document(draft, draft.name)
    assert document is not None and problems == []
    body, problems = parse_body(
        document.body, document.body_line, draft.name, recommendations_required=recommendations_required
    )
    assert problems == [], "\n".join(map(str, problems))
    return body


def assert_grouped_recommendations(draft: Path) -> None:
    """Recommendations under one `### ` heading per agency, numbering restarting, then the closing text."""
    text = draft.read_text(encoding="utf-8")
    assert section_text(text, "Recommendations") == f"{GROUPED}\n\n{CLOSING}"
    body = parsed_body(draft)
    assert len(body.recommendations) == N_RECOMMENDATIONS
    assert [(point.group, point.text) for point in body.recommendations] == [
        (agency, item) for agency, items in RECOMMENDATIONS.items() for item in items
    ]
    assert body.recommendations[0].anchor == "recommendation-police-1"
    assert body.recommendations[-1].anchor == "recommendation-childrens-social-care-1"
    assert "**" not in text


# --- small units ----------------------------------------------------------------------------------


def test_line_joins_keep_real_hyphens_and_undo_layout_hyphens() -> None:
    vocabulary = {"safeguarding", "multi-agency"}
    assert join_lines(["the multi-", "agency plan"], vocabulary) == "the multi-agency plan"
    assert join_lines(["their safe-", "guarding work"], vocabulary) == "their safeguarding work"
    assert join_lines(["their safe \u2010", "guarding"], vocabulary) == "their safeguarding"
    assert join_lines(["a child-in-", "need plan"], vocabulary) == "a child-in-need plan"
    assert join_lines(["16 and 17-", "year-olds"], vocabulary) == "16 and 17-year-olds"
    assert split_label("8.1 The text") == ("8.1", "The text")
    assert split_label("• The text") == ("•", "The text")
    assert split_label("2007 was the year") == ("", "2007 was the year")


def test_theme_suggestions_are_ranked_with_reasons(tmp_path: Path) -> None:
    from importer.model import load_themes

    themes = load_themes(PROJECT / "content")
    ranked = suggest_themes(" ".join([*EVENTS, *LEARNING]), themes)
    assert {s.slug for s in ranked[:3]} == {"domestic-violence", "substance-misuse", "infants"}
    domestic = next(s for s in ranked if s.slug == "domestic-violence")
    assert "'domestic abuse' ×" in domestic.reason and "(alias)" in domestic.reason
    assert ranked == suggest_themes(" ".join([*EVENTS, *LEARNING]), themes)  # deterministic


ADULT_EVENTS = [
    "Adult H was a 67-year-old man who lived alone and died after a long period of self-neglect. His home was "
    "full of possessions and he often declined care and support. This hoarding was known to several agencies.",
    "He had a history of mental health problems and misused alcohol. Neglect of his own health and of his home "
    "grew worse over several years, and the neglect was known to many agencies.",
]
ADULT_LEARNING = [
    "Practitioners assumed he had mental capacity to refuse help, but no capacity assessment was recorded, and "
    "his mental health was not assessed when he declined help.",
    "Agencies did not share what they knew about the hoarding and the risk of fire, and no meeting was held "
    "about his self-neglect.",
    "His neighbour took money from him; this financial abuse was reported but never investigated, and mental "
    "health services closed his case after he missed appointments.",
    "Nobody considered whether his hoarding affected his mental capacity to make decisions about his home.",
]


@pytest.mark.site
def test_theme_suggestions_for_a_review_about_adults_are_themes_for_adults(tmp_path: Path) -> None:
    from importer.model import load_themes

    themes = load_themes(PROJECT / "content")
    audience = {theme.slug: theme.audience for theme in themes}
    ranked = suggest_themes(" ".join([*ADULT_EVENTS, *ADULT_LEARNING]), themes)
    # 'neglect' counts where the word stands alone, never inside "self-neglect" (the text has it twice alone) ...
    assert "'neglect' ×2 (title)" in next(s for s in ranked if s.slug == "neglect").reason
    # ... and by words alone a theme about children (parental mental health) is among the best ...
    assert {s.slug for s in chosen(ranked)[0]} == {
        "hoarding",
        "self-neglect",
        "mental-capacity",
        "parental-mental-health",
    }
    # ... but a review about adults is offered themes for adults or for all, best first.
    top, others = chosen(ranked, "adults")
    assert {"hoarding", "self-neglect", "mental-capacity"} <= {s.slug for s in top}
    assert [s.slug for s in top] == [s.slug for s in ranked if s.qualifies and audience[s.slug] != "children"][:4]
    assert all(audience[s.slug] in ("adults", "all") for s in top)
    left_out = next(s for s in others if s.slug == "parental-mental-health")
    assert "not suggested: a theme about children, on a review about adults" in left_out.reason
    assert chosen(ranked, "adults") == (top, others)  # deterministic
    # And the reverse: a review about children is not offered themes for adults.
    assert all(audience[s.slug] in ("children", "all") for s in chosen(ranked, "children")[0])

    # End to end: the wording "safeguarding adults review" tells the importer whom the review is about.
    source = tmp_path / "adult-h.txt"
    source.write_text(
        "\n\n".join(
            [
                "Safeguarding adults review: Adult H",
                "Published: June 2022",
                "Summary of events",
                *ADULT_EVENTS,
                "Learning",
                *(f"- {point}" for point in ADULT_LEARNING),
                "Recommendations",
                "1. The board should publish guidance on self-neglect and hoarding.",
            ]
        ),
        encoding="utf-8",
    )
    result = draft_of(import_reports(source, content_copy(tmp_path)), "adult-h.txt")
    assert (result.recognised.audience, result.recognised.audience_how) == ("adults", "from the review type")
    suggested = [s.slug for s in result.suggested]
    assert {"hoarding", "self-neglect", "mental-capacity"} <= set(suggested)
    assert all(audience[slug] in ("adults", "all") for slug in suggested)
    text = result.draft.read_text(encoding="utf-8")
    themes_block = text.split("\nthemes:\n", 1)[1].split("\nsummary:", 1)[0]
    assert re.findall(r"^  - ([a-z-]+)", themes_block, re.MULTILINE) == suggested
    assert "# also considered: neglect (" in themes_block and "\npublished: 2022-06\n" in text


# --- formats --------------------------------------------------------------------------------------


@pytest.mark.browser
def test_pdf_with_cover_columns_running_header_and_contact_block(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = print_pdf(browser, summary_pdf_html(), tmp_path / "child-k.pdf", header="Westmoor LSCB – Child K")
    content = content_copy(tmp_path)
    run = import_reports(source, content)
    result = draft_of(run, "child-k.pdf")
    assert result.outcome == "imported", result.problem
    fields = result.recognised.fields
    assert fields["title"].value == TITLE
    assert fields["board"].value == BOARD
    assert fields["review_type"].value == ("serious-case-review",)
    assert fields["published"].value.isoformat() == "2011-03"
    assert fields["pseudonym"].value == "Child K"
    assert fields["summary"].value == EVENTS[0]
    text = result.draft.read_text(encoding="utf-8")
    learning = section_points(text, "Learning")
    assert learning == LEARNING
    assert "   - the midwife's booking notes" in text
    assert_grouped_recommendations(result.draft)
    assert [point.text for point in parsed_body(result.draft).learning] == [
        *LEARNING[:3],
        f"{LEARNING[3]} - {LEARNING_SUBPOINTS[0]} - {LEARNING_SUBPOINTS[1]}",
        LEARNING[4],
    ]
    # Running header, footer and page numbers are gone; the cover and contact block are left out.
    assert "Page 1 of" not in text and "Westmoor LSCB – Child K" not in text and "01632" not in text
    assert "## Introduction" in text
    assert {s.slug for s in result.suggested} >= {"domestic-violence", "substance-misuse"}
    # The month the cover gives, and no invented day; nothing left to fill in.
    assert "\npublished: 2011-03\n" in text
    assert "\nreview_type: serious-case-review\n" in text
    assert result.placeholders == [] and TOKEN not in text
    left_out = {(rule, found) for _, rule, found in result.left_out_findings}
    assert left_out >= {
        ("phone-number", "01632 960 123"),
        ("street-address", "14 Acacia Avenue"),
        ("postcode", "WM1 2AB"),
    }
    assert result.draft.name == "2011-westmoor-child-k.md"


@pytest.mark.site
def test_word_with_numbered_paragraphs_bullets_and_agency_groups(tmp_path: Path) -> None:
    source = summary_docx(tmp_path / "child-k.docx")
    run = import_reports(source, content_copy(tmp_path))
    result = draft_of(run, "child-k.docx")
    assert result.outcome == "imported", result.problem
    fields = result.recognised.fields
    assert (fields["title"].value, fields["board"].value, fields["review_type"].value) == (
        TITLE,
        BOARD,
        ("serious-case-review",),
    )
    text = result.draft.read_text(encoding="utf-8")
    assert "\npublished: 2011-03\n" in text
    assert section_points(text, "Learning") == LEARNING
    assert result.recognised.section("recommendations").groups == list(RECOMMENDATIONS)
    assert_grouped_recommendations(result.draft)
    assert "Westmoor LSCB – Child K – Executive summary" not in text


@pytest.mark.site
def test_html_page_and_its_placeholders(tmp_path: Path) -> None:
    source = tmp_path / "child-k.html"
    source.write_text(summary_html_page(), encoding="utf-8")
    run = import_reports(source, content_copy(tmp_path))
    result = draft_of(run, "child-k.html")
    fields = result.recognised.fields
    assert fields["published"].value.isoformat() == "2011-03-14"
    assert fields["review_type"].value == ("serious-case-review",)  # from the title's wording
    text = result.draft.read_text(encoding="utf-8")
    assert "published: 2011-03-14" in text
    assert section_text(text, "Learning").startswith("The review found:\n\n1. ")  # the lead-in stays text
    assert section_points(text, "Learning") == LEARNING
    assert_grouped_recommendations(result.draft)
    assert "All reviews" not in text and "LSCB home" not in text
    assert result.placeholders == []


@pytest.mark.site
def test_plain_text_with_page_furniture_a_year_only_and_text_after_the_list(tmp_path: Path) -> None:
    header = "Eastbridge Community Safety Partnership - DHR Adult F"
    page_one = "\n".join(
        [
            header,
            "",
            "Domestic homicide review: Adult F",
            "",
            "Published: 2019",
            "",
            "Background",
            "",
            "Adult F was killed by her partner in 2018. Her son, DOB 12/03/2009, lived with",
            "them. There had been domestic abuse through-",
            "out the relationship.",
            "",
            "Page 1 of 2",
        ]
    )
    page_two = "\n".join(
        [
            header,
            "",
            "Key findings",
            "",
            "- Agencies saw each incident of domestic abuse on its own throughout.",
            "- Nobody asked F's son what life at home was like.",
            "",
            "Recommendations",
            "",
            "1) The partnership should review its domestic abuse training.",
            "2) Schools should be told of police call-outs.",
            "3) GPs should ask about domestic abuse.",
            "",
            "The partnership has accepted these recommendations.",
            "",
            "Page 2 of 2",
        ]
    )
    source = tmp_path / "adult-f.txt"
    source.write_text(page_one + "\f" + page_two, encoding="utf-8")
    content = content_copy(tmp_path)
    run = import_reports(source, content)
    result = draft_of(run, "adult-f.txt")
    text = result.draft.read_text(encoding="utf-8")
    assert result.recognised.fields["title"].value == "Domestic homicide review: Adult F"
    assert result.recognised.fields["board"].value == "Eastbridge Community Safety Partnership"
    assert "throughout the relationship" in text  # "throughout" is written whole elsewhere: a layout hyphen
    assert header not in text and "Page 1 of 2" not in text
    assert section_points(text, "Learning") == [
        "Agencies saw each incident of domestic abuse on its own throughout.",
        "Nobody asked F's son what life at home was like.",
    ]
    assert section_text(text, "Recommendations") == (
        "1. The partnership should review its domestic abuse training.\n"
        "2. Schools should be told of police call-outs.\n"
        "3. GPs should ask about domestic abuse.\n\n"
        "The partnership has accepted these recommendations."
    )
    assert len(parsed_body(result.draft).recommendations) == 3
    # A type the model has, and the year the source gives: nothing to fill in.
    assert "\nreview_type: domestic-homicide-review\n" in text
    assert "\npublished: 2019\n" in text
    assert result.placeholders == [] and TOKEN not in text
    # The date of birth is in the summary (taken from the first paragraph) and in the body.
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if "DOB 12/03/2009" in line]
    assert len(lines) == 2 and text.split("\n")[lines[0] - 1].startswith("summary: ")
    draft_path = "content/reviews/" + result.draft.name
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        (draft_path, line, "date-of-birth-or-death") for line in lines
    ]
    document, _ = read_document(result.draft, draft_path)
    assert placeholder_problems(document) == []


@pytest.mark.site
def test_what_is_not_found_is_a_placeholder_that_stops_make_check(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text(INCOMPLETE, encoding="utf-8")
    result = draft_of(import_reports(source, content_copy(tmp_path)), "notes.txt")
    assert result.outcome == "imported", result.problem
    text = result.draft.read_text(encoding="utf-8")
    assert 'published: "TO FILL: the publication date, written YYYY-MM-DD, YYYY-MM or YYYY' in text
    assert 'review_type: "TO FILL: the review type, one of: serious-case-review, ' in text
    assert f"1. {TOKEN} the recommendations, as a numbered list" in text
    keys = {key for _, key, _ in result.placeholders}
    assert keys >= {"review_type", "board", "published", "Recommendations"}
    document, _ = read_document(result.draft, result.draft.name)
    problems = placeholder_problems(document)
    assert {problem.field for problem in problems} >= {"review_type", "board", "published"}
    assert len(problems) == len(result.placeholders)


@pytest.mark.site
def test_a_cover_that_starts_with_the_board_does_not_make_the_board_the_title(tmp_path: Path) -> None:
    """Plain text whose first line is the board's name gets a title from the type and pseudonym."""
    source = tmp_path / "child-z.txt"
    source.write_text(
        "Northdale Safeguarding Children Partnership\n\nChild Safeguarding Practice Review: Child Z\n\n"
        "Published: March 2024\n\n1. Learning\n\n1.1 Practitioners did not ask who lived in the household.\n\n"
        "2. Recommendations\n\n2.1 The partnership should audit household checks.\n",
        encoding="utf-8",
    )
    result = draft_of(import_reports(source, content_copy(tmp_path)), "child-z.txt")
    assert result.outcome == "imported", result.problem
    text = result.draft.read_text(encoding="utf-8")
    assert 'title: "Child Safeguarding Practice Review: Child Z"' in text  # the cover's own line
    assert 'board: "Northdale Safeguarding Children Partnership"' in text
    assert "published: 2024-03" in text


@pytest.mark.site
@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Domestic homicide review", "domestic-homicide-review"),
        ("Adult practice review", "adult-practice-review"),
        ("Single unified safeguarding review", "single-unified-safeguarding-review"),
        ("Thematic review", "thematic-review"),
        ("Joint serious case review and domestic homicide review", "[serious-case-review, domestic-homicide-review]"),
        ("Safeguarding adults review / thematic review", "[safeguarding-adults-review, thematic-review]"),
    ],
)
def test_every_review_type_is_written_as_a_real_value(tmp_path: Path, wording: str, expected: str) -> None:
    source = tmp_path / "review.txt"
    source.write_text(
        f"{wording}: Adult W\n\nPublished: 5 May 2023\n\nLearning\n\n- Agencies did not share what they knew.\n",
        encoding="utf-8",
    )
    result = draft_of(import_reports(source, content_copy(tmp_path)), "review.txt")
    text = result.draft.read_text(encoding="utf-8")
    assert f"\nreview_type: {expected}\n" in text
    assert "review_type" not in {key for _, key, _ in result.placeholders}
    document, problems = read_document(result.draft, result.draft.name)
    assert document is not None and problems == []
    slugs = document.meta["review_type"]
    slugs = slugs if isinstance(slugs, list) else [slugs]
    assert all(slug in REVIEW_TYPES for slug in slugs)
    # No recommendations in the source: a placeholder only where the model requires them.
    required = not set(slugs) <= RECOMMENDATIONS_OPTIONAL
    assert ("Recommendations" in {key for _, key, _ in result.placeholders}) == required
    assert ("## Recommendations" in text) == required


def test_every_wording_names_a_type_and_every_heading_the_model_reads_is_recognised() -> None:
    assert {slug for _, slug in REVIEW_TYPE_WORDING} | set(REVIEW_TYPE_ABBREVIATIONS.values()) == set(REVIEW_TYPES)
    assert all(section_kind(heading) == "learning" for heading in LEARNING_HEADINGS)
    assert all(section_kind(heading) == "recommendations" for heading in RECOMMENDATION_HEADINGS)


# --- the whole run --------------------------------------------------------------------------------


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "import_reports.py"), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.md"))}


@pytest.mark.browser
def test_bad_inputs_are_reported_and_the_rest_imported_and_reimport_changes_nothing(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "child-k.html").write_text(summary_html_page(), encoding="utf-8")
    good = print_pdf(browser, "<p>Some text</p>", tmp_path / "good.pdf")
    writer = PdfWriter()
    for page in PdfReader(good).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    with (folder / "encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    image = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(image, format="PNG")
    import base64

    png = base64.b64encode(image.getvalue()).decode()
    print_pdf(browser, f'<img src="data:image/png;base64,{png}" alt="">', folder / "scanned.pdf")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "minutes.odt").write_bytes(b"odt")
    content = content_copy(tmp_path)
    report = tmp_path / "report.md"

    first = run_script(str(folder), "--content", str(content), "--report", str(report))
    assert first.returncode == 1
    assert "Traceback" not in first.stderr + first.stdout
    written = report.read_text(encoding="utf-8")
    assert written in first.stdout
    expected = {
        "encrypted.pdf": "encrypted",
        "scanned.pdf": "no text layer",
        "corrupt.pdf": "cannot be read",
        "corrupt.docx": "cannot be read",
        "empty.txt": "empty document",
        "minutes.odt": "unsupported format",
    }
    not_imported = written.split("## Not imported", 1)[1]
    for name, problem in expected.items():
        assert re.search(rf"### reports/{re.escape(name)}: not imported\n\n- Problem: [^\n]*{problem}", not_imported), (
            name
        )
    assert not_imported.count("- What to do: ") == len(expected)
    assert "### reports/child-k.html → `content/reviews/2011-westmoor-child-k.md`" in written
    state = folder_state(content / "reviews")

    second = run_script(str(folder / "child-k.html"), "--content", str(content), "--report", str(report))
    assert second.returncode == 0
    assert "already imported as content/reviews/2011-westmoor-child-k.md; nothing changed" in second.stdout
    assert folder_state(content / "reviews") == state


def fill_placeholders(text: str) -> str:
    """What an editor does: replace each placeholder with a real value, and nothing else."""
    lines = []
    for line in text.split("\n"):
        if TOKEN in line:
            key = line.split(":", 1)[0]
            if key == "published":
                line = "published: 2011-03"
            elif key == "review_type":
                line = "review_type: serious-case-review"
            elif line.startswith("  - "):
                line = "  - neglect"
            elif re.match(r"^[a-z_]+:", line):
                line = f'{key}: "Filled in by the editor."'
            else:
                line = re.sub(rf"{TOKEN}.*$", "Filled in by the editor.", line)
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.browser
def test_a_folder_of_four_reports_becomes_drafts_that_pass_once_filled(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "reports"
    folder.mkdir()
    print_pdf(browser, summary_pdf_html(), folder / "child-k.pdf", header="Westmoor LSCB – Child K")
    summary_docx(folder / "child-k.docx")
    (folder / "child-k.html").write_text(summary_html_page(), encoding="utf-8")
    (folder / "baby-t.txt").write_text(INCOMPLETE, encoding="utf-8")  # no date, type, board or recommendations
    content = content_copy(tmp_path)
    run = import_reports(folder, content)
    assert [r.outcome for r in run.files] == ["imported"] * 4
    drafts = {r.source.name: r.draft for r in run.files}
    assert len(set(drafts.values())) == 4
    # Only the incomplete report needs filling in: the three summaries gave everything.
    assert {r.source.name for r in run.files if r.placeholders} == {"baby-t.txt"}

    for result in run.files:
        draft = result.draft
        document, _ = read_document(draft, draft.name)
        before = placeholder_problems(document)
        original = draft.read_text(encoding="utf-8")
        text = fill_placeholders(original).replace("\nstatus: draft\n", "\nstatus: published\n")
        changed = [old for old, new in zip(original.split("\n"), text.split("\n"), strict=True) if old != new]
        assert len(changed) == len(result.placeholders) + 1  # each placeholder, and the status
        draft.write_text(text, encoding="utf-8")
        document, _ = read_document(draft, draft.name)
        assert placeholder_problems(document) == []
        assert len(before) == len(result.placeholders)

    site = check_content(content, dt.datetime.now(dt.UTC), content.parent)
    assert site.errors == [], "\n".join(map(str, site.errors))
    for name, published in (("child-k.pdf", "2011-03"), ("child-k.docx", "2011-03"), ("child-k.html", "2011-03-14")):
        review = site.reviews[drafts[name].stem]
        assert review.status == "published"
        assert review.published.isoformat() == published, name
        assert [point.text for point in review.content.learning][:3] == LEARNING[:3]
        assert len(review.content.learning) == len(LEARNING)
        assert [(point.group, point.text) for point in review.content.recommendations] == [
            (agency, item) for agency, items in RECOMMENDATIONS.items() for item in items
        ]
    baby_t = site.reviews[drafts["baby-t.txt"].stem]
    assert baby_t.published.isoformat() == "2011-03"
    assert [point.text for point in baby_t.content.recommendations] == ["Filled in by the editor."]


# --- round trip -----------------------------------------------------------------------------------


def published_samples() -> list[Path]:
    return [
        path
        for path in sorted((PROJECT / "content" / "reviews").glob("*.md"))
        if re.search(r"^status: published$", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]


def review_as_html(review) -> str:  # type: ignore[no-untyped-def]
    """A sample review laid out as an executive summary: cover block, then its body."""
    import markdown

    body = re.sub(r"<!--.*?-->", "", review.body, flags=re.DOTALL)
    body = re.sub(r"^(\s*(?:\d+(?:\.\d+)?[.)]?|[-*+])\s+)\{#[^}]*\}\s*", r"\1", body, flags=re.MULTILINE)
    # Points written "1)" or "8.1" are paragraphs of their own in a report (Markdown would join them).
    body = re.sub(r"\n(?=\d+\)\s|\d+\.\d+\.?\s)", "\n\n", body)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    body {{ font-family: "DejaVu Serif", serif; font-size: 11pt; }} h1 {{ font-size: 20pt; }} h2 {{ font-size: 14pt; }}
    </style></head><body>
    <p>{html.escape(review.board)}</p>
    <h1>{html.escape(review.title)}</h1>
    <p>Type of review: {html.escape(review.type_label)}</p>
    <p>Date of publication: {review.published.long()}</p>
    {markdown.markdown(body)}</body></html>"""


def plain(text: str) -> str:
    """A point's Markdown as the reader sees it: plain text on one line."""
    import markdown

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markdown.markdown(text)))).strip()


@pytest.mark.browser
@pytest.mark.slow
def test_round_trip_of_every_published_sample(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = load_site(PROJECT / "content", dt.date.today())
    samples = [site.reviews[path.stem] for path in published_samples()]
    assert len(samples) >= 10
    folder = tmp_path / "reports"
    folder.mkdir()
    for review in samples:
        print_pdf(browser, review_as_html(review), folder / f"{review.slug}.pdf", header=review.board)
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content, ignore=shutil.ignore_patterns("*.md"), dirs_exist_ok=True)
    shutil.copytree(PROJECT / "content" / "themes", content / "themes", dirs_exist_ok=True)
    run = import_reports(folder, content)
    for review in samples:
        result = draft_of(run, f"{review.slug}.pdf")
        assert result.outcome == "imported", (review.slug, result.problem)
        fields = result.recognised.fields
        found = (
            fields["title"].value,
            fields["board"].value,
            fields["published"].value.isoformat(),  # with the sample's precision: 2008, 2011-03, 2007-11-15
            fields["review_type"].value,
        )
        assert found == (review.title, review.board, review.published.isoformat(), review.review_types), review.slug
        expected = [plain(point.text) for point in review.content.learning]
        imported = parsed_body(result.draft, not set(review.review_types) <= RECOMMENDATIONS_OPTIONAL)
        assert [point.text for point in imported.learning] == expected, review.slug
        if any("." in point.label for point in review.content.learning):  # numbered paragraphs keep 8.1, 8.2
            assert [p.label for p in imported.learning] == [p.label for p in review.content.learning], review.slug
        # Recommendations: as many, in the same groups (### headings, numbering restarting).
        assert [(point.group, point.text) for point in imported.recommendations] == [
            (point.group, plain(point.text)) for point in review.content.recommendations
        ], review.slug
