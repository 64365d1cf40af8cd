"""Release builds: `make build` takes each page whose key is unchanged from the last release,
and what it publishes is what a build from nothing publishes, checked as fully."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import DEFAULT_BODY, SiteProject, file_digests, output_files

pytestmark = pytest.mark.site
#: The text of a review page that a second review's summary appears in (see the leak test).
QUOTED = "The family moved between three temporary addresses in the year before the incident."
EDIT = "The board added this sentence after the review was first published."


def inode(path: Path) -> int:
    return path.stat().st_ino


def record_of(release: Path) -> Path:
    return release.with_name(f"{release.name}.keys.json")


def test_a_release_takes_unchanged_pages_and_publishes_what_a_fresh_build_does(project: SiteProject, tmp_path: Path):
    """After one review is edited and another withdrawn, the new release links every page
    neither touched from the last one, never writes into it, and holds byte for byte what a
    build from nothing writes."""
    project.write_review("child-t")
    project.write_review("child-u", title="Serious case review: Child U", themes=["physical-abuse"])
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    first_release = first.site_dir.resolve()
    assert record_of(first_release).is_file()

    project.write_review("child-t", body=DEFAULT_BODY.replace("in general terms.", f"in general terms. {EDIT}"))
    project.write_review(
        "child-u",
        title="Serious case review: Child U",
        themes=["physical-abuse"],
        status="withdrawn",
        withdrawn_on="2026-01-05",
        withdrawn_reason="Replaced.",
    )
    second = project.build_atomic()
    assert second.returncode == 0, second.output
    second_release = second.site_dir.resolve()
    assert second_release != first_release
    assert "pages unchanged since the last release, taken from it" in second.output
    # the two files edited are read again, and drafts (never kept); the others as the last release read them
    drafts = sum("\nstatus: draft\n" in path.read_text(encoding="utf-8") for path in project.content.rglob("*.md"))
    assert drafts >= 1  # the sample's
    assert re.search(rf"INFO +- +{2 + drafts} of \d+ content files read again", second.output), second.output

    # from nothing, but checked against the same published URLs (a year left empty keeps its address)
    fresh = project.build(tmp_path / "fresh", REVIEW_SITE_PREVIOUS_MANIFEST=str(first_release / "url-manifest.json"))
    assert fresh.returncode == 0, fresh.output
    assert file_digests(second_release) == file_digests(fresh.site_dir)

    untouched = "reviews/2007-tower-hamlets-child-m/index.html"  # a review sharing no theme with either
    assert inode(second_release / untouched) == inode(first_release / untouched)
    edited = "reviews/child-t/index.html"
    assert EDIT in (second_release / edited).read_text(encoding="utf-8")
    assert inode(second_release / edited) != inode(first_release / edited)
    assert EDIT not in (first_release / edited).read_text(encoding="utf-8")  # the last release is untouched
    assert "This review has been withdrawn" in (second_release / "reviews/child-u/index.html").read_text("utf-8")
    linked = sum(
        inode(path) == inode(first_release / path.relative_to(second_release))
        for path in output_files(second_release)
        if (first_release / path.relative_to(second_release)).is_file()
    )
    assert linked > 100  # most of the sample site's pages


@pytest.mark.parametrize(
    ("change", "options"),
    [
        ("record by other code", {}),
        ("other engine", {"ENGINE": "properdocs"}),
        ("--fresh", {}),
    ],
)
def test_pages_are_taken_only_from_a_release_made_by_the_same_code_and_engine(
    project: SiteProject, change: str, options: dict[str, str]
):
    """A record written by other code (our files, the packages' versions) or under another
    engine is not used, nor is any when asked for a fresh build: every page is rendered."""
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    first_release = first.site_dir.resolve()
    if change == "record by other code":
        record = json.loads(record_of(first_release).read_text(encoding="utf-8"))
        record_of(first_release).write_text(json.dumps({**record, "code": "0" * 64}), encoding="utf-8")
    if change == "--fresh":
        command = [sys.executable, str(Path(__file__).parent.parent / "scripts" / "build_site.py"), "--fresh",
                   "--config-file", str(project.config_file), "--site-dir", str(first.site_dir)]  # fmt: skip
        completed = subprocess.run(command, env=project.environment(), capture_output=True, text=True, check=False)
        assert completed.returncode == 0, completed.stdout + completed.stderr
    else:
        second = project.build_atomic(**options)
        assert second.returncode == 0, second.output
    second_release = first.site_dir.resolve()
    assert second_release != first_release
    shared = [
        path
        for path in output_files(second_release)
        if (first_release / path.relative_to(second_release)).is_file()
        and inode(path) == inode(first_release / path.relative_to(second_release))
    ]
    assert shared == []


def test_the_leak_guard_reads_the_pages_taken_from_the_last_release(project: SiteProject):
    """A page taken unchanged from the last release is checked as if it were written now: when
    a review it quotes turns draft, the build fails on that page, though it was not rendered."""
    project.write_review("child-b", title="Serious case review: Child B", themes=["physical-abuse"], summary=QUOTED)
    project.write_review("child-a", body=DEFAULT_BODY.replace("in general terms.", f"in general terms. {QUOTED}"))
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    release = first.site_dir.resolve()
    project.write_review(
        "child-b", title="Serious case review: Child B", themes=["physical-abuse"], summary=QUOTED, status="draft"
    )
    site_dir = release.with_name("build-next")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty",
               "--config-file", str(project.config_file), "--site-dir", str(site_dir)]  # fmt: skip
    environment = project.environment(REVIEW_SITE_PREVIOUS_RELEASE=str(release))
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1
    page = "reviews/child-a/index.html"
    assert inode(site_dir / page) == inode(release / page)  # taken from the last release, not rendered
    assert f"{page}: leak guard: contains the summary of unpublished review content/reviews/child-b.md" in output
    assert not record_of(site_dir).exists()  # a build that failed records nothing


def test_a_release_on_the_next_day_renders_only_what_the_day_changes(project: SiteProject, tmp_path: Path):
    """The day is in the key of the pages it shows on (action plans' ratings), not every page's:
    the next day's release takes a review without a plan from the last one, renders the review
    whose action became overdue, and is what a build from nothing that day writes."""
    due_today = {"recommendation": 1, "action": "Agree a protocol for sharing information.", "owner": "police",
                 "due": "2026-11-22", "status": "in-progress"}  # fmt: skip
    project.write_review("plan-one", action_plan=[due_today])
    first = project.build_atomic(now="2026-11-22T12:00:00+00:00")
    assert first.returncode == 0, first.output
    first_release = first.site_dir.resolve()
    second = project.build_atomic(now="2026-11-23T12:00:00+00:00")
    assert second.returncode == 0, second.output
    second_release = second.site_dir.resolve()

    fresh = project.build(
        tmp_path / "fresh",
        now="2026-11-23T12:00:00+00:00",
        REVIEW_SITE_PREVIOUS_MANIFEST=str(first_release / "url-manifest.json"),
    )
    assert fresh.returncode == 0, fresh.output
    assert file_digests(second_release) == file_digests(fresh.site_dir)
    untouched = "reviews/2007-tower-hamlets-child-m/index.html"
    assert inode(second_release / untouched) == inode(first_release / untouched)
    overdue = "reviews/plan-one/index.html"
    assert (second_release / overdue).read_bytes() != (first_release / overdue).read_bytes()
