"""The author's loop (`make serve`): drafts and embargoed reviews in the preview, marked, and
never in a release; the problems of the last rebuild on the pages the preview serves.

The rebuilds run in this process, as the preview server runs them on save; the server itself
is started as `make serve` starts it where a test is about what it answers."""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from casereviews.adapter.preview import Preview
from casereviews.adapter.releases import quiet_dirty_warning
from sitekit import TEST_NOW, SiteProject, canary, canary_body, canary_fields, readable, running_preview

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from preview import first_rebuild, later_rebuild

pytestmark = pytest.mark.site

PUBLISHED, DRAFT = "2019-testshire-child-a", "2020-testshire-child-d"
BANNER = "Draft — not published. Only this preview shows it."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SiteProject:
    monkeypatch.setenv("REVIEW_SITE_NOW", TEST_NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("REVIEW_SITE_CACHE", str(tmp_path / "cache"))
    quiet_dirty_warning()
    project = SiteProject(tmp_path)
    project.write_review(PUBLISHED, themes=["neglect"], published="2019-05-01", title="Serious case review: Child A")
    return project


def preview(project: SiteProject) -> tuple[Path, Preview]:
    site = project.root / "preview"
    site.mkdir()
    state = Preview()
    first_rebuild(project.config_file, site, state)
    return site, state


def text(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


IMPORTED_BODY = """\
## Summary of events

Ellie Morgan's family moved to the area in 2018. TO FILL: the rest of the summary.

## Learning

1. The first lesson.

## Left out by the import

A paragraph the import could not place, kept here for the editor.
"""


def test_a_draft_shows_at_its_address_marked_with_what_stops_its_publication(project):
    """A draft imported and half edited: the preview shows it with the banner, its body (the
    import's left-out text too), and on the page every problem publishing it would meet (the
    placeholder, the left-out section, the name the anonymisation check finds); it is listed,
    marked, on the lists and on /drafts/. Its placeholders stop `make build`: the preview lists
    them on every page, and builds the rest."""
    path = project.write_review(
        DRAFT, IMPORTED_BODY, status="draft", title="Serious case review: Child D", published="2020-03-01", summary=None
    )
    left_out = path.read_text(encoding="utf-8").splitlines().index("## Left out by the import") + 1
    site, state = preview(project)

    page = text(site, f"reviews/{DRAFT}")
    assert BANNER in page
    assert '<span class="review__unpublished-tag">Draft</span> Serious case review: Child D' in page
    assert "A paragraph the import could not place, kept here for the editor." in page
    to_fix = page[page.index('<ul class="review__to-fix">') : page.index("</ul>", page.index("review__to-fix"))]
    assert f"content/reviews/{DRAFT}.md:{left_out}: found the import&#39;s section" in to_fix
    assert "found the import&#39;s placeholder" in to_fix
    assert f"content/reviews/{DRAFT}.md: summary: " in to_fix  # required once published
    assert "Ellie Morgan" in to_fix  # the anonymisation check, as if published
    listed = text(site, "reviews")
    assert '<span class="review__unpublished-tag">Draft</span> <a href="2020-testshire-child-d/">' in listed
    tag = '<span class="review__unpublished-tag">Draft</span> '
    assert f'<h1 id="briefing-title">{tag}Serious case review: Child D</h1>' in text(site, f"reviews/{DRAFT}/briefing")
    assert f'<h3 class="digest-review">{tag}<a href="../../../reviews/{DRAFT}/">' in text(site, "themes/neglect/2020")
    drafts = text(site, "drafts")
    assert (
        f"<code>content/reviews/{DRAFT}.md</code>" in drafts and "problems to fix before it can be published" in drafts
    )
    assert f"<code>content/reviews/{PUBLISHED}.md</code>" not in drafts
    assert "2025-northdale-child-t.md" in drafts  # the sample's own draft

    state.search.wait()  # search results name it as a draft
    fragments = [readable(path) for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert any(b'"title":"Draft: Serious case review: Child D"' in fragment for fragment in fragments)

    shown = state.report.latest()
    assert {problem.path for problem in shown.problems} == {f"content/reviews/{DRAFT}.md"}, shown.problems
    assert any("placeholder" in problem.message for problem in shown.problems)
    assert f"reviews/{DRAFT}/" in shown.drafts


def test_an_embargoed_review_shows_marked_until_its_embargo_lifts(project):
    project.write_review(
        DRAFT, embargo_until="2027-03-01T09:00:00+00:00", title="Serious case review: Child D", published="2020-03-01"
    )
    site, _ = preview(project)
    page = text(site, f"reviews/{DRAFT}")
    assert "Embargoed until 1 March 2027 — not published yet. Only this preview shows it." in page
    assert '<span class="review__unpublished-tag">Embargoed</span>' in text(site, "reviews")


def test_a_draft_whose_fields_are_invalid_is_listed_as_a_problem_until_fixed(project):
    """A typo'd theme: the draft has no page (its address answers with the problems, see
    `test_the_server_answers_with_the_problems`), the rest of the site is built, and the
    report names file, line and field; the fix brings the draft and clears the report."""
    project.write_review(DRAFT, status="draft", themes=["neglectt"], title="Serious case review: Child D")
    site, state = preview(project)
    assert not (site / "reviews" / DRAFT).exists()
    assert (site / "reviews" / PUBLISHED / "index.html").is_file()
    (problem,) = state.report.latest().problems
    assert (problem.path, problem.line, problem.field) == (f"content/reviews/{DRAFT}.md", 7, "themes")
    assert "did you mean 'neglect'?" in problem.message

    project.write_review(DRAFT, status="draft", themes=["neglect"], title="Serious case review: Child D")
    later_rebuild(project.config_file, site, state)
    assert BANNER in text(site, f"reviews/{DRAFT}")
    assert state.report.latest().problems == ()


def test_a_problem_outside_drafts_keeps_the_last_pages_and_is_reported(project):
    """A published review's problem stops the rebuild: the last pages stay, the report names
    the problem, and the save that fixes it clears the report."""
    site, state = preview(project)
    before = text(site, f"reviews/{PUBLISHED}")
    project.write_review(PUBLISHED, themes=["neglect"], published="2019-13-01", title="Serious case review: Child A")
    later_rebuild(project.config_file, site, state)
    assert text(site, f"reviews/{PUBLISHED}") == before
    (problem,) = state.report.latest().problems
    assert (problem.path, problem.field) == (f"content/reviews/{PUBLISHED}.md", "published")
    project.write_review(PUBLISHED, themes=["neglect"], published="2019-05-01", title="Serious case review: Child A")
    later_rebuild(project.config_file, site, state)
    assert state.report.latest().problems == ()
    state.search.wait()


def test_a_problem_of_the_settings_or_of_mkdocs_is_reported_too(project):
    """Not only content: a setting out of range, and a warning of MkDocs' own (a link to no
    page), are listed for the browser, each once."""
    site, state = preview(project)
    config = project.config()
    project.write_config({**config, "extra": {"casereviews": {"feed_length": 0}}})
    later_rebuild(project.config_file, site, state)
    (setting,) = state.report.latest().engine
    assert "extra.casereviews.feed_length: found 0" in setting
    project.write_config(config)
    project.write("about/extra.md", "# More\n\nSee [the missing page](no-such-page.md).\n")
    later_rebuild(project.config_file, site, state)
    (warning,) = state.report.latest().engine
    assert "no-such-page.md" in warning
    state.search.wait()


def test_search_answers_from_the_last_index_while_the_preview_re_indexes(project, caplog):
    """A save re-indexes in the background; until the new index replaces it, the last one
    stays (search never fails with 'pagefind.js' missing). A problem's message fits a preview."""
    site, state = preview(project)
    state.search.wait()
    loader = site / "pagefind" / "pagefind.js"
    assert loader.is_file()
    project.write_review(PUBLISHED, themes=["neglect"], published="2019-05-01", title="Serious case review: Child A2")
    later_rebuild(project.config_file, site, state)
    assert state.search.needed(site) and loader.is_file()
    state.search.wait()
    assert not state.search.needed(site) and loader.is_file()
    project.write_review(PUBLISHED, themes=["neglect"], published="2019-13-01", title="Serious case review: Child A2")
    later_rebuild(project.config_file, site, state)
    assert "The preview shows the last pages that built, with these problems listed" in caplog.text
    assert "Nothing was published" not in caplog.text


def test_a_release_after_the_preview_holds_no_byte_of_a_draft(project):
    """The canaries of a draft's every field, its body, its points and its action plan are in the
    preview (it shows drafts); a release built afterwards from the same content holds none of
    them, in its pages, its search index, its folder of releases or the caches builds read."""
    project.write_review(DRAFT, canary_body("draft"), status="draft", published="2020-03-01", **canary_fields("draft"))
    site, state = preview(project)
    state.search.wait()
    assert canary("draft", "body") in text(site, f"reviews/{DRAFT}")
    assert any(canary("draft", "body").encode() in readable(path) for path in (site / "pagefind").rglob("*.pf_*"))

    result = project.build_atomic()
    assert result.returncode == 0, result.output
    released = [
        *project.root.joinpath("site").rglob("*"),
        *project.root.joinpath(".site-releases").rglob("*"),
        *(
            path
            for path in (project.root / "cache").rglob("*")
            if not path.relative_to(project.root / "cache").parts[0].startswith("preview")
        ),
    ]
    files = [path for path in released if path.is_file()]
    assert any(path.name == "index.html" for path in files)
    canaries = [canary("draft", where).encode() for where in ("summary", "body", "learning", "title", "action")]
    leaked = [(path, word) for path in files for word in canaries if word in readable(path)]
    assert leaked == []


def answer(url: str) -> tuple[int, str]:
    """The server's answer, without waiting for it beyond what a person would (no hang)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the preview, on this machine
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_server_answers_with_the_problems(project):
    """`make serve` started on content with an error in a published review and a draft with a
    typo'd theme: every address is answered at once with 200 and the problems (file, line,
    field, linked to the review's page); the draft's address carries the draft banner; after
    the save that fixes them, pages come without the list. No request waits for a fix."""
    project.write_review(PUBLISHED, themes=["neglect"], published="2019-13-01", title="Serious case review: Child A")
    project.write_review(DRAFT, status="draft", themes=["neglectt"], title="Serious case review: Child D")
    with running_preview(project) as base:
        code, page = answer(f"{base}reviews/{DRAFT}/")
        assert code == 200
        assert BANNER in page
        assert (
            f'<a href="/reviews/{DRAFT}/" style="color:#123452">content/reviews/{DRAFT}.md:7</a></code>: themes:'
            in page
        )
        assert f"content/reviews/{PUBLISHED}.md:5</a></code>: published:" in page
        code, page = answer(f"{base}themes/neglect/")
        assert code == 200 and "2 problems to fix" in page and BANNER not in page

        project.write_review(
            PUBLISHED, themes=["neglect"], published="2019-05-01", title="Serious case review: Child A"
        )
        project.write_review(DRAFT, status="draft", themes=["neglect"], title="Serious case review: Child D")
        deadline = time.monotonic() + 120
        while "data-preview-problems" in answer(f"{base}reviews/{DRAFT}/")[1]:
            assert time.monotonic() < deadline, (project.root / "serve.log").read_text()
            time.sleep(0.2)
        code, page = answer(f"{base}reviews/{DRAFT}/")
        assert code == 200 and BANNER in page and "Serious case review: Child D" in page
        assert answer(f"{base}no-such-page/")[0] == 404
