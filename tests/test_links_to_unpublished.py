"""A link from published text to a draft or an embargoed review is named at its line, in make check too."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from casereviews.load.catalogue import load_site
from casereviews.policy.links import links_to_unpublished
from sitekit import DEFAULT_BODY, SAMPLE_CONTENT, SiteProject, front_matter_file
from sitekit import DEFAULT_REVIEW as REVIEW

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


def write(content: Path, slug: str, body: str = DEFAULT_BODY, **fields: object) -> None:
    (content / "reviews" / f"{slug}.md").write_text(front_matter_file({**REVIEW, **fields}, body), encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, folder)
    return folder


def test_each_way_of_linking_to_an_unpublished_review_is_named(content: Path):
    """By file name, by address, from another folder, to a draft and to an embargoed review."""
    write(content, "child-d", status="draft")
    write(content, "child-e", embargo_until="2027-01-05 09:00")
    links = (
        "See [one](child-d.md), [two](../child-d/#learning-1), [three](../child-e/) and [four][r].\n\n[r]: child-e.md\n"
    )
    write(content, "child-t", body=DEFAULT_BODY.replace("What happened, in general terms.", links))
    (content / "about" / "more.md").write_text("# More\n\nRead [the draft](../reviews/child-d.md).\n", encoding="utf-8")
    site = load_site(content, NOW.date())
    found = [str(problem) for problem in links_to_unpublished(site, NOW)]
    assert [item.split(": links to ")[1].split(",")[0] for item in found] == [
        "'../reviews/child-d.md'",
        "'../child-d/#learning-1'",
        "'../child-e/'",
        "'child-d.md'",
        "'child-e.md'",
    ]
    assert found[3] == (
        "content/reviews/child-t.md:13: links to 'child-d.md', the review 'child-d', which is a draft: a reader "
        "would find no page; expected a link to a published review; take the link out until it is published"
    )
    assert "which is under embargo until 2027-01-05 09:00" in found[2]


def test_links_to_published_reviews_and_from_drafts_are_fine(content: Path):
    """A published target, an external address, and a draft's own links are no problem."""
    write(content, "child-d", status="draft", body="[back](child-t.md)\n")
    write(
        content, "child-t", body=DEFAULT_BODY + "\n[a sample](2009-westmoor-child-k.md) [web](https://x.org/child-d/)\n"
    )
    site = load_site(content, NOW.date())
    assert links_to_unpublished(site, NOW) == []


@pytest.mark.site
def test_make_check_names_a_link_to_a_draft(project: SiteProject):
    """`make check` stops on a link to a draft, with its line, as the build does."""
    project.write_review("child-d", status="draft")
    project.write_review("child-t", body=DEFAULT_BODY + "\nSee [the other review](child-d.md).\n")
    result = project.check()
    assert result.returncode != 0
    assert "content/reviews/child-t.md:" in result.output and "which is a draft" in result.output
