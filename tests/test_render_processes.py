"""A release build renders the generated pages outside the nav in a second process
(adapter/split.py): the same bytes as one process writes; a failure there fails the build,
which publishes nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from casereviews import urls
from sitekit import PROJECT, SiteProject, file_digests

pytestmark = pytest.mark.site
SECOND = re.compile(r"Rendering (\d+) pages in a second process, (\d+) in this one")
REVIEW = "2021-northdale-child-l"


def test_two_processes_publish_what_one_does(project: SiteProject, tmp_path: Path):
    one = project.build_atomic(tmp_path / "one", REVIEW_SITE_RENDER_PROCESSES="1")
    two = project.build_atomic(tmp_path / "two", REVIEW_SITE_RENDER_PROCESSES="2")
    assert one.returncode == 0, one.output
    assert two.returncode == 0, two.output
    assert SECOND.search(one.output) is None
    split = SECOND.search(two.output)
    assert split is not None, two.output
    assert int(split[1]) >= 20 and int(split[2]) >= 20
    assert file_digests(one.site_dir) == file_digests(two.site_dir)
    assert "7-minute briefing" in two.page(urls.briefing(REVIEW))


def test_a_rebuild_with_few_pages_to_render_stays_in_one_process(project: SiteProject):
    first = project.build_atomic(REVIEW_SITE_RENDER_PROCESSES="2")
    assert first.returncode == 0 and SECOND.search(first.output), first.output
    again = project.build_atomic(REVIEW_SITE_RENDER_PROCESSES="2")
    assert again.returncode == 0, again.output
    assert SECOND.search(again.output) is None


def test_a_failure_in_the_second_process_fails_the_build_and_publishes_nothing(project: SiteProject):
    first = project.build_atomic(REVIEW_SITE_RENDER_PROCESSES="2")
    assert first.returncode == 0, first.output
    published = file_digests(first.site_dir)
    # a theme whose briefing template fails: only the second process renders briefings
    theme = project.root / "overrides"
    shutil.copytree(PROJECT / "overrides", theme)
    template = theme / "briefing.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("{{ page.content }}", "{{ page.content }}{{ page.meta.x.y }}"),
        encoding="utf-8",
    )
    config = project.config()
    config["theme"]["custom_dir"] = str(theme)
    project.write_config(config)  # another theme: every page is rendered again
    failed = project.build_atomic(REVIEW_SITE_RENDER_PROCESSES="2")
    assert failed.returncode != 0
    assert SECOND.search(failed.output), failed.output
    assert re.search(r"the second process rendering \d+ pages .* failed", failed.output), failed.output
    assert "Nothing was published" in failed.output
    assert file_digests(first.site_dir) == published
