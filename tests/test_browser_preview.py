"""The author's loop in Chromium: `make serve` with a draft whose theme is mistyped shows the
draft's banner and the problem where the author works; the save that fixes it clears the
problem without a reload by hand; a release afterwards holds nothing of the draft."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from browser import axe_violations, wait_until
from sitekit import SiteProject, canary, canary_body, readable, running_preview

pytestmark = pytest.mark.browser

DRAFT = "2020-northdale-child-d"
FIELDS = {
    "status": "draft",
    "title": "Serious case review: Child D",
    "board": "Northdale Safeguarding Children Partnership",
    "published": "2020-03-01",
}


def test_a_draft_and_its_problem_show_in_the_browser_until_fixed(tmp_path: Path, browser_page, capsys):
    page, _ = browser_page
    project = SiteProject(tmp_path)
    project.write_review(DRAFT, canary_body("draft"), themes=["neglectt"], **FIELDS)
    with running_preview(project, REVIEW_SITE_CACHE=str(tmp_path / "cache")) as base:
        page.goto(f"{base}reviews/{DRAFT}/")
        assert "Draft — not published. Only this preview shows it." in page.inner_text("body")
        problems = page.inner_text("#preview-problems")
        assert f"content/reviews/{DRAFT}.md:7: themes: found 'neglectt'" in problems
        assert page.get_attribute("#preview-problems a", "href") == f"/reviews/{DRAFT}/"
        assert axe_violations(page) == []

        project.write_review(DRAFT, canary_body("draft"), themes=["neglect"], **FIELDS)
        saved = time.monotonic()
        wait_until(
            page, "!document.getElementById('preview-problems') && !!document.querySelector('.review__unpublished')"
        )
        with capsys.disabled():
            print(f"\nthe overlay went {time.monotonic() - saved:.1f} s after the save, with no reload by hand")
        assert canary("draft", "body") in page.inner_text(".review__body")
        assert axe_violations(page) == []

    result = project.build_atomic()
    assert result.returncode == 0, result.output
    files = [path for path in (tmp_path / "site").rglob("*") if path.is_file()]
    assert len(files) > 100
    assert [
        path for path in files if canary("draft", "body").encode() in readable(path) or DRAFT.encode() in readable(path)
    ] == []
