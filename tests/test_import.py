"""Importing existing reports: PDF (printed by Chromium), Word (written by python-docx), HTML, text.

Fixtures are built here, never committed: HTML printed to PDF by Debian's Chromium with a
running header and footer and page numbers, Word files written with python-docx.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from casereviews.catalogue import load_site
from casereviews.importing.clean import join_lines, split_label
from casereviews.importing.placeholders import TOKEN, placeholder_problems
from casereviews.importing.run import import_reports
from casereviews.importing.suggest import suggest_themes
from casereviews.source import read_document

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
CONTACT = "Westmoor LSCB, 14 Acacia Avenue, Westmoor WM1 2AB. Telephone 01632 960 123."
N_RECOMMENDATIONS = sum(len(items) for items in RECOMMENDATIONS.values())


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright; missing: skipped, or a failure when CI is set."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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
    <h2 style="break-before: page">9. Recommendations</h2>{groups}
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
    <h2>Recommendations</h2>{groups}
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


def section_points(text: str, heading: str) -> list[str]:
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d+\. (.*)$", body, re.MULTILINE)


# --- small units ----------------------------------------------------------------------------------


def test_line_joins_keep_real_hyphens_and_undo_layout_hyphens() -> None:
    vocabulary = {"safeguarding", "multi-agency"}
    assert join_lines(["the multi-", "agency plan"], vocabulary) == "the multi-agency plan"
    assert join_lines(["their safe-", "guarding work"], vocabulary) == "their safeguarding work"
    assert join_lines(["their safe \u2010", "guarding"], vocabulary) == "their safeguarding"
    assert join_lines(["a child-in-", "need plan"], vocabulary) == "a child-in-need plan"
    assert split_label("8.1 The text") == ("8.1", "The text")
    assert split_label("• The text") == ("•", "The text")
    assert split_label("2007 was the year") == ("", "2007 was the year")


def test_theme_suggestions_are_ranked_with_reasons(tmp_path: Path) -> None:
    from casereviews.importing.model import load_themes

    themes = load_themes(PROJECT / "content")
    ranked = suggest_themes(" ".join([*EVENTS, *LEARNING]), themes)
    assert ranked[0].slug == "domestic-violence"
    assert {s.slug for s in ranked[:3]} == {"domestic-violence", "substance-misuse", "infants"}
    assert "'domestic abuse' ×" in ranked[0].reason and "(alias)" in ranked[0].reason
    assert ranked == suggest_themes(" ".join([*EVENTS, *LEARNING]), themes)  # deterministic


# --- formats --------------------------------------------------------------------------------------


def test_pdf_with_cover_columns_running_header_and_contact_block(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = print_pdf(browser, summary_pdf_html(), tmp_path / "child-k.pdf", header="Westmoor LSCB – Child K")
    content = content_copy(tmp_path)
    run = import_reports(source, content)
    result = draft_of(run, "child-k.pdf")
    assert result.status == "imported", result.problem
    fields = result.recognised.fields
    assert fields["title"].value == TITLE
    assert fields["board"].value == BOARD
    assert fields["review_type"].value == "serious-case-review"
    assert fields["published"].value.iso == "2011-03"
    assert fields["pseudonym"].value == "Child K"
    assert fields["summary"].value == EVENTS[0]
    text = result.draft.read_text(encoding="utf-8")
    learning = section_points(text, "Learning")
    assert learning == LEARNING
    assert "   - the midwife's booking notes" in text
    recommendations = section_points(text, "Recommendations")
    assert len(recommendations) == N_RECOMMENDATIONS
    assert recommendations[0] == f"**Police:** {RECOMMENDATIONS['Police'][0]}"
    assert recommendations[-1].startswith("**Children's social care:** ")
    # Running header, footer and page numbers are gone; the cover and contact block are left out.
    assert "Page 1 of" not in text and "Westmoor LSCB – Child K" not in text and "01632" not in text
    assert "## Introduction" in text
    assert {s.slug for s in result.suggested} >= {"domestic-violence", "substance-misuse"}
    assert f'published: "{TOKEN} the publication date as YYYY-MM-DD; the source gives only March 2011"' in text
    assert [key for _, key, _ in result.placeholders] == ["published"]
    left_out = {(rule, found) for _, rule, found in result.left_out_findings}
    assert left_out >= {
        ("phone-number", "01632 960 123"),
        ("street-address", "14 Acacia Avenue"),
        ("postcode", "WM1 2AB"),
    }
    assert result.draft.name == "2011-westmoor-child-k.md"


def test_word_with_numbered_paragraphs_bullets_and_agency_groups(tmp_path: Path) -> None:
    source = summary_docx(tmp_path / "child-k.docx")
    run = import_reports(source, content_copy(tmp_path))
    result = draft_of(run, "child-k.docx")
    assert result.status == "imported", result.problem
    fields = result.recognised.fields
    assert (fields["title"].value, fields["board"].value, fields["review_type"].value) == (
        TITLE,
        BOARD,
        "serious-case-review",
    )
    text = result.draft.read_text(encoding="utf-8")
    assert section_points(text, "Learning") == LEARNING
    assert len(section_points(text, "Recommendations")) == N_RECOMMENDATIONS
    assert result.recognised.section("recommendations").groups == list(RECOMMENDATIONS)
    assert "Westmoor LSCB – Child K – Executive summary" not in text


def test_html_page_and_its_placeholders(tmp_path: Path) -> None:
    source = tmp_path / "child-k.html"
    source.write_text(summary_html_page(), encoding="utf-8")
    run = import_reports(source, content_copy(tmp_path))
    result = draft_of(run, "child-k.html")
    fields = result.recognised.fields
    assert fields["published"].value.iso == "2011-03-14"
    assert fields["review_type"].value == "serious-case-review"  # from the title's wording
    text = result.draft.read_text(encoding="utf-8")
    assert "published: 2011-03-14" in text
    assert section_points(text, "Learning") == LEARNING
    assert len(section_points(text, "Recommendations")) == N_RECOMMENDATIONS
    assert "All reviews" not in text and "LSCB home" not in text
    assert result.placeholders == []


def test_plain_text_with_page_furniture_and_a_type_the_model_lacks(tmp_path: Path) -> None:
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
            "1. The partnership should review its domestic abuse training.",
            "2. Schools should be told of police call-outs.",
            "3. GPs should ask about domestic abuse.",
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
    assert len(section_points(text, "Recommendations")) == 3
    assert "review_type: \"TO FILL: a review type; the source says 'Domestic homicide review'" in text
    assert "# recognised: domestic-homicide-review" in text
    assert 'published: "TO FILL: the publication date as YYYY-MM-DD; the source gives only 2019"' in text
    assert {key for _, key, _ in result.placeholders} == {"review_type", "published"}
    # The date of birth is in the summary (taken from the first paragraph) and in the body.
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if "DOB 12/03/2009" in line]
    assert len(lines) == 2 and text.split("\n")[lines[0] - 1].startswith("summary: ")
    draft_path = "content/reviews/" + result.draft.name
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        (draft_path, line, "date-of-birth-or-death") for line in lines
    ]
    document, _ = read_document(result.draft, draft_path)
    assert {problem.field for problem in placeholder_problems(document)} == {"review_type", "published"}


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
    """What an editor does: replace each placeholder with a real value."""
    lines = []
    for line in text.split("\n"):
        if TOKEN in line:
            key = line.split(":", 1)[0]
            if key == "published":
                line = "published: 2011-03-01"
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


def test_a_folder_of_three_formats_becomes_drafts_that_pass_once_filled(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "reports"
    folder.mkdir()
    print_pdf(browser, summary_pdf_html(), folder / "child-k.pdf", header="Westmoor LSCB – Child K")
    summary_docx(folder / "child-k.docx")
    (folder / "child-k.html").write_text(summary_html_page(), encoding="utf-8")
    content = content_copy(tmp_path)
    run = import_reports(folder, content)
    assert [r.status for r in run.files] == ["imported"] * 3
    drafts = [r.draft for r in run.files]
    assert len(set(drafts)) == 3

    for draft in drafts:
        document, _ = read_document(draft, draft.name)
        before = placeholder_problems(document)
        text = fill_placeholders(draft.read_text(encoding="utf-8")).replace("status: draft", "status: published")
        draft.write_text(text, encoding="utf-8")
        document, _ = read_document(draft, draft.name)
        assert placeholder_problems(document) == []
        assert len(before) == len(next(r for r in run.files if r.draft == draft).placeholders)

    site = load_site(content, dt.datetime.now(dt.UTC))
    assert site.errors == [], "\n".join(map(str, site.errors))
    for draft in drafts:
        review = site.reviews[draft.stem]
        assert [point.text for point in review.content.learning][:3] == LEARNING[:3]
        assert len(review.content.learning) == len(LEARNING)
        assert len(review.content.recommendations) == N_RECOMMENDATIONS


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

    from casereviews.vocabulary import REVIEW_TYPES

    body = re.sub(r"<!--.*?-->", "", review.body, flags=re.DOTALL)
    body = re.sub(r"^(\d+\.\s+)\{#[^}]*\}\s*", r"\1", body, flags=re.MULTILINE)
    date = f"{review.published.day} {review.published:%B %Y}"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    body {{ font-family: "DejaVu Serif", serif; font-size: 11pt; }} h1 {{ font-size: 20pt; }} h2 {{ font-size: 14pt; }}
    </style></head><body>
    <p>{html.escape(review.board)}</p>
    <h1>{html.escape(review.title)}</h1>
    <p>Type of review: {html.escape(REVIEW_TYPES[review.review_type])}</p>
    <p>Date of publication: {date}</p>
    {markdown.markdown(body)}</body></html>"""


@pytest.mark.slow
def test_round_trip_of_every_published_sample(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import markdown

    site = load_site(PROJECT / "content", dt.datetime.now(dt.UTC))
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
        assert result.status == "imported", (review.slug, result.problem)
        fields = result.recognised.fields
        found = (
            fields["title"].value,
            fields["board"].value,
            fields["published"].value.iso,
            fields["review_type"].value,
        )
        assert found == (review.title, review.board, review.published.isoformat(), review.review_type), review.slug
        expected = [
            re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markdown.markdown(p.text)))).strip()
            for p in review.content.learning
        ]
        text = result.draft.read_text(encoding="utf-8")
        assert section_points(text, "Learning") == expected, review.slug
