"""Settings a board may change in mkdocs.yml `extra: casereviews:`, and their checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from casereviews.settings import EnvironmentVariables, Settings, read_board_settings
from sitekit import PROJECT, SiteProject


@pytest.mark.site
def test_settings_change_the_site(project: SiteProject):
    """latest_reviews, feed_length and related_reviews shape the pages and the feed."""
    config = project.config()
    config["extra"] = {"casereviews": {"latest_reviews": 3, "feed_length": 2, "related_reviews": 1}}
    project.write_config(config)
    result = project.build()
    assert result.returncode == 0, result.output
    assert len(re.findall(r'class="review-card__title"', result.page("reviews/"))) == 3
    assert result.text("feed.xml").count("<entry>") == 2
    related = result.page("reviews/2007-tower-hamlets-baby-e/").split('class="related-reviews__list"')[1]
    assert related.split("</ul>")[0].count("<li>") == 1


@pytest.mark.site
def test_wrong_settings_are_named_with_what_was_expected(project: SiteProject):
    """An unknown setting and a bad value each stop the build with a clear message."""
    config = project.config()
    config["extra"] = {"casereviews": {"latest_review": 3, "feed_length": "fifty"}}
    project.write_config(config)
    result = project.build()
    assert result.returncode == 1
    assert (
        "mkdocs.yml: extra.casereviews.latest_review: is not a known setting (did you mean 'latest_reviews'?); "
        "expected one of: latest_reviews, feed_length, related_reviews"
    ) in result.output
    assert (
        "mkdocs.yml: extra.casereviews.feed_length: found 'fifty', expected a whole number from 1 to 500 "
        "(the number of entries in each feed)"
    ) in result.output


@pytest.mark.site
def test_a_board_template_under_its_old_markdown_name_is_named(project: SiteProject):
    """A board's override of a generated page under its old name (briefing.md) is not silently ignored."""
    overrides = project.root / "overrides"
    shutil.copytree(PROJECT / "overrides", overrides)
    (overrides / "casereviews").mkdir()
    (overrides / "casereviews" / "briefing.md").write_text("## 1. Background {#background}\n", encoding="utf-8")
    config = project.config()
    config["theme"]["custom_dir"] = str(overrides)
    project.write_config(config)
    result = project.build()
    assert result.returncode == 1
    assert "overrides/casereviews/briefing.md: is a page template under its old name" in result.output
    assert "expected briefing.html" in result.output


def test_every_environment_variable_is_read_in_one_place() -> None:
    """Only the settings module reads the environment (processes.py passes it on to child processes)."""
    package = PROJECT / "hooks" / "casereviews"
    readers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"os\.environ|os\.getenv|environ\.get\(", path.read_text(encoding="utf-8"))
    )
    assert readers == ["processes.py", "settings.py"]


def test_the_environment_is_read_into_one_object_with_one_cache_folder(tmp_path: Path) -> None:
    variables = EnvironmentVariables.read({"REVIEW_SITE_NOW": "2026-12-01T09:00:00+00:00", "SITE_URL": "x"})
    assert variables.now == "2026-12-01T09:00:00+00:00" and variables.site_url == "x"
    assert variables.previous_release is None  # not set: not a release build
    assert EnvironmentVariables.read({"REVIEW_SITE_PREVIOUS_RELEASE": ""}).previous_release == ""
    assert variables.cache_folder(tmp_path, "qr") == tmp_path / ".cache" / "qr"
    moved = EnvironmentVariables.read({"REVIEW_SITE_CACHE": str(tmp_path / "elsewhere")})
    assert moved.cache_folder(tmp_path, "anonymisation") == tmp_path / "elsewhere" / "anonymisation"


def test_the_board_settings_schema_names_each_problem_in_one_pass() -> None:
    settings, problems = read_board_settings(
        {"casereviews": {"latest_reviews": 3, "feed_length": 0, "related_reviews": True, "feed_lenght": 2}}
    )
    assert settings == Settings(latest_count=3)
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml: extra.casereviews.feed_length: found 0, expected a whole number from 1 to 500 "
        "(the number of entries in each feed)",
        "mkdocs.yml: extra.casereviews.related_reviews: found True, expected a whole number from 0 to 20 "
        "(the number of related reviews on a review page)",
        "mkdocs.yml: extra.casereviews.feed_lenght: is not a known setting (did you mean 'feed_length'?); "
        "expected one of: latest_reviews, feed_length, related_reviews",
    ]
    assert read_board_settings({}) == (Settings(), [])
