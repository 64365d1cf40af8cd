"""Publication safety on real builds: nothing unpublished leaves the build, in any byte."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sitekit import (
    AFTER_EMBARGO,
    BEFORE_EMBARGO,
    SEARCH_WORDS,
    BuildResult,
    SiteProject,
    canary,
    canary_body,
    canary_fields,
    canary_plan,
    output_files,
    readable,
)


def files_containing(site: BuildResult, word: str) -> list[str]:
    needle = word.encode()
    return [p.relative_to(site.site_dir).as_posix() for p in output_files(site.site_dir) if needle in readable(p)]


#: A published review whose editor left notes in HTML comments: in a learning point, in a
#: recommendation over two lines, and in a section heading.
COMMENTED_BODY = (
    "## Summary of events\n\nWhat happened. <!-- " + canary("comment", "body") + " -->\n\n"
    "## Learning <!-- " + canary("comment", "heading") + " -->\n\n"
    "1. Share information. <!-- " + canary("comment", "learning") + " -->\n\n"
    "## Recommendations\n\n1. Agencies should meet. <!-- the child's name,\n   "
    + canary("comment", "recommendation")
    + " -->\n"
)


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A site with a draft, an embargoed, a withdrawn and an archived review full of canaries."""
    project = SiteProject(tmp_path_factory.mktemp("canary"))
    project.write_review("draft-one", body=canary_body("draft"), status="draft", **canary_fields("draft"))
    project.write_review(
        "embargoed-one",
        body=canary_body("embargo"),
        embargo_until="2026-11-30 09:00",
        **canary_fields("embargo"),
    )
    project.write_review(
        "withdrawn-one",
        body=canary_body("withdrawn"),
        status="withdrawn",
        withdrawn_on="2020-05-01",
        withdrawn_reason="Withdrawn at the family's request.",
        **canary_fields("withdrawn", shown_on_notice=True),
    )
    project.write_review(
        "archived-one",
        body=canary_body("archived"),
        online_until="2020-01-01",
        source_url=f"https://example.org/{canary('archived', 'report')}.pdf",
        action_plan=canary_plan("archived"),
    )
    project.write_review("published-one", body=canary_body("published"), **canary_fields("published"))
    project.write_review("commented-one", body=COMMENTED_BODY)
    result = project.build(now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.output
    return result


FIELDS = (
    "title",
    "board",
    "summary",
    "pseudonym",
    "age",
    "model",
    "keyword",
    "report",
    "body",
    "learning",
    "recommendation",
    "action",
    "progress",
    "evidence",
)
#: A withdrawal notice shows the title and board by design; everything else of it is gone.
UNPUBLISHED = [
    (kind, where)
    for kind in ("draft", "embargo", "withdrawn")
    for where in FIELDS
    if not (kind == "withdrawn" and where in ("title", "board"))
]


@pytest.mark.site
@pytest.mark.parametrize(("kind", "where"), UNPUBLISHED)
def test_unpublished_reviews_leave_no_byte_in_the_output(canary_site, kind, where):
    """No output file (HTML, sitemap, feed, exports, search index, compressed or not) holds a canary."""
    assert files_containing(canary_site, canary(kind, where)) == []


@pytest.mark.site
@pytest.mark.parametrize("where", ["body", "learning", "recommendation", "report", "action", "progress", "evidence"])
def test_archived_review_drops_its_full_text(canary_site, where):
    """After online_until, the body, the report link and the action plan are gone from every output."""
    assert files_containing(canary_site, canary("archived", where)) == []


@pytest.mark.site
@pytest.mark.parametrize("where", ["body", "heading", "learning", "recommendation"])
def test_an_editors_comment_reaches_no_output(canary_site, where):
    """A note in an HTML comment, even inside a point, is in no page, export, feed or search index."""
    assert canary_site.exists("reviews/commented-one/index.html")
    assert files_containing(canary_site, canary("comment", where)) == []


@pytest.mark.site
def test_the_scan_finds_published_text(canary_site):
    """The same scan finds a published review's canaries in its page, feed, exports and search index."""
    found = files_containing(canary_site, canary("published", "summary"))
    assert {"reviews/published-one/index.html", "feed.xml", "reviews.json", "reviews.csv"} <= set(found)
    learning = files_containing(canary_site, canary("published", "learning"))
    assert "reviews/published-one/index.html" in learning
    assert any(path.startswith("pagefind/fragment/") for path in learning)
    assert any(path.startswith("pagefind/index/") for path in learning)
    action = set(files_containing(canary_site, canary("published", "action")))
    assert {"reviews/published-one/index.html", "actions/index.html", "actions.csv"} <= action
    assert "actions/agencies/police/index.html" in action


@pytest.mark.site
def test_draft_and_embargoed_reviews_have_no_page_and_no_board(canary_site):
    """Neither the review's address nor its board's page exists."""
    for slug in ("draft-one", "embargoed-one"):
        assert not canary_site.exists(f"reviews/{slug}")
    assert [p.name for p in canary_site.path("boards").iterdir() if "canary" in p.name] == [
        "canarypublishedboardzq-safeguarding-children-board"
    ]


@pytest.mark.site
def test_withdrawn_review_shows_a_notice_and_is_listed_nowhere(canary_site):
    """The address keeps a notice with title, board, date and reason; no list, sitemap or feed has it."""
    html = canary_site.page("reviews/withdrawn-one/")
    assert "This review has been withdrawn" in html
    assert "It was withdrawn on 1 May 2020. Withdrawn at the family&#39;s request." in html
    assert "Testshire Safeguarding Children Board" in html
    for listing in ("sitemap.xml", "feed.xml", "reviews.json", "reviews.csv", "reviews/index.html"):
        assert "withdrawn-one" not in canary_site.text(listing), listing
    assert "withdrawn-one" not in canary_site.page("themes/neglect/")


@pytest.mark.site
def test_archived_review_keeps_its_record(canary_site):
    """An archived review keeps its title, summary and record, with a note that the text is offline."""
    html = canary_site.page("reviews/archived-one/")
    assert "The full text is no longer online" in html and "1 January 2020" in html
    assert "A summary of a review written for the tests" in html
    assert "archived-one" in canary_site.page("themes/neglect/")


@pytest.mark.site
def test_embargo_lifts_at_its_moment(tmp_path: Path):
    """An embargoed review is out of the build until the moment (UK time), then in."""
    project = SiteProject(tmp_path)
    project.write_review("embargoed-one", embargo_until="2026-11-30 09:00")
    before = project.build(tmp_path / "before", now=BEFORE_EMBARGO)
    after = project.build(tmp_path / "after", now=AFTER_EMBARGO)
    assert before.returncode == after.returncode == 0, before.output + after.output
    assert not before.exists("reviews/embargoed-one")
    assert after.exists("reviews/embargoed-one/index.html")
    assert "embargoed-one" in after.page("themes/neglect/")


@pytest.mark.site
def test_feed_and_exports_are_well_formed(canary_site):
    """The feed parses as Atom; the JSON lists published reviews only, newest first."""
    feed = ET.fromstring(canary_site.text("feed.xml"))
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Serious case review: canarypublishedtitlezq" in titles
    records = json.loads(canary_site.text("reviews.json"))["reviews"]
    slugs = [r["slug"] for r in records]
    assert "published-one" in slugs and "archived-one" in slugs
    assert not {"draft-one", "embargoed-one", "withdrawn-one"} & set(slugs)
    assert [r["published"] for r in records] == sorted((r["published"] for r in records), reverse=True)
    archived = next(r for r in records if r["slug"] == "archived-one")
    assert archived["source_url"] is None and "learning" not in archived


@pytest.mark.site
def test_leak_guard_stops_a_build_that_would_leak(project: SiteProject):
    """If an unpublished summary reached the output, the leak guard stops the build and names the file."""
    project.write_review("draft-one", status="draft", summary="A secret summary that must never be published, ever.")
    project.write("about/notes.md", "---\ntitle: Notes\n---\nA secret summary that must never be published, ever.\n")
    result = project.build()
    assert result.returncode == 1
    assert (
        "about/notes/index.html: leak guard: contains the summary of unpublished review content/reviews/draft-one.md"
        in result.output
    )


@pytest.mark.site
def test_leak_guard_knows_an_archived_reviews_plan(project: SiteProject):
    """An archived review's plan is not published: its actions are leak markers too."""
    plan = canary_plan("archived")
    plan[0]["action"] = "Review every placement made out of the area in the last two years."
    project.write_review("archived-one", body=canary_body("archived"), online_until="2020-01-01", action_plan=plan)
    project.write("about/notes.md", f"---\ntitle: Notes\n---\n{plan[0]['action']}\n")
    result = project.build()
    assert result.returncode == 1
    assert (
        "about/notes/index.html: leak guard: contains action 1 of the action plan of "
        "content/reviews/archived-one.md, which is not published" in result.output
    )


@pytest.mark.site
def test_malformed_front_matter_on_any_page_fails(project: SiteProject):
    """An about page's malformed front matter fails the build too (MkDocs would drop it silently)."""
    project.write("about/extra.md", "---\ntitle: [Extra\n---\nText\n")
    result = project.build()
    assert result.returncode == 1
    assert "content/about/extra.md:2: title: malformed front matter" in result.output


@pytest.mark.site
def test_report_link_and_spreadsheet_safe_export(canary_site):
    """A published review links to its report; a CSV cell that looks like a formula is defused."""
    html = canary_site.page("reviews/published-one/")
    assert '<a href="https://example.org/canarypublishedreportzq.pdf" rel="external">' in html
    assert "Read the published report" in html


@pytest.mark.site
def test_csv_cells_cannot_run_as_formulas(project: SiteProject):
    """A title starting with '=' is written to reviews.csv with a leading apostrophe."""
    project.write_review("formula", title='=HYPERLINK("http://example.org","click")')
    result = project.build()
    assert result.returncode == 0, result.output
    assert '\'=HYPERLINK(""http://example.org"",""click"")' in result.text("reviews.csv")


@pytest.mark.site
def test_site_data_is_never_published(canary_site):
    """The board's list of names never to publish, and the rest of content/_data/, stay out of the output."""
    assert not canary_site.exists("_data")
    assert files_containing(canary_site, "Jayden Exampleton") == []
    assert files_containing(canary_site, "Maisie Samplewood") == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("kind", "found"), [("published", True), ("draft", False), ("embargo", False), ("withdrawn", False)]
)
def test_search_finds_only_published_reviews(canary_site, browser_page, kind, found):
    """Searched for by a word only its body holds, a published review is found and an unpublished one is not."""
    from browser import search, serve

    page, _ = browser_page
    with serve(canary_site.site_dir) as url:
        paths = search(page, f"{url}search/?q={SEARCH_WORDS[kind]}")
    if found:
        assert paths == [f"/reviews/{kind}-one/"], paths
    else:  # with no exact match Pagefind falls back to shorter prefixes: other reviews may come up
        assert not [path for path in paths if f"{kind}-one" in path], paths


@pytest.mark.site
def test_leak_guard_reads_the_search_index_once_it_is_written(project: SiteProject):
    """The search index is built while the checks read the pages; the guard still reads the index it wrote."""
    withheld = "A summary that must never be published, not even in the search index."
    project.write_review("draft-one", status="draft", summary=withheld)
    theme = project.content / "themes" / "neglect.md"
    theme.write_text(theme.read_text(encoding="utf-8") + f"\n{withheld}\n", encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    found = [line for line in result.output.splitlines() if "leak guard: contains the summary" in line]
    assert any(" themes/neglect/index.html: leak guard" in line for line in found), result.output
    assert any(" pagefind/fragment/" in line for line in found), result.output
