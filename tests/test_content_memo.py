"""Loading with a memo (the preview's): what changed is read again, and nothing else differs."""

from __future__ import annotations

import datetime as dt
import os
import time

from casereviews.policy.vetting import ContentMemo, check_content
from sitekit import TEST_NOW, SiteProject

EDITED, OTHER = "2019-testshire-child-a", "2019-testshire-child-b"


def edit(project: SiteProject, slug: str, old: str, new: str) -> None:
    path = project.content / "reviews" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_loading_with_a_memo_reads_again_only_what_changed_and_finds_the_same(project):
    """The preview's memo of content: a file is parsed and vetted again only when its bytes
    changed, and what a check finds is what it finds without the memo."""
    project.write_review(EDITED, themes=["neglect"], published="2019-05-01")
    project.write_review(OTHER, themes=["neglect"], published="2019-06-01", title="Serious case review: Child B")
    now = dt.datetime.fromisoformat(TEST_NOW)
    memo = ContentMemo()
    first = check_content(project.content, now, project.root, memo)
    assert f"content/reviews/{EDITED}.md" in memo.load.parsed
    check_content(project.content, now, project.root, memo)
    assert memo.load.parsed == []

    edit(project, OTHER, "The first lesson.", "Contact Jane Smith on 07700 900123.")
    again = check_content(project.content, now, project.root, memo)
    assert memo.load.parsed == [f"content/reviews/{OTHER}.md"]
    without = check_content(project.content, now, project.root)
    assert again.problems == without.problems and again.findings == without.findings
    assert again.reviews == without.reviews and again.files == without.files
    assert again.problems != first.problems  # the new text was vetted: the phone number is found

    # A file written again with bytes of the same size and its modification time put back (an
    # hour ago: old enough to be trusted unread) is still read: its change time moved.
    path = project.content / "reviews" / f"{OTHER}.md"
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(hour_ago, hour_ago))
    check_content(project.content, now, project.root, memo)
    check_content(project.content, now, project.root, memo)
    assert memo.load.parsed == []
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("07700 900123", "07700 900124"), encoding="utf-8")
    os.utime(path, ns=(hour_ago, hour_ago))
    check_content(project.content, now, project.root, memo)
    assert memo.load.parsed == [f"content/reviews/{OTHER}.md"]
