"""The anonymisation check reads text as it is published: folded, joined, marks removed, every field.

Each test writes a review in a shape real reports take (hard-wrapped paragraphs, folded
summaries, emphasis, links, tables) and runs `make check`'s script or a real build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitekit import DEFAULT_BODY, SiteProject, output_files

pytestmark = pytest.mark.site
POINTS = DEFAULT_BODY.split("\n\n", 2)[2]  # the Learning and Recommendations sections

NEVER_PUBLISH = "content/_data/never-publish.txt"


def finding_lines(output: str, path: str, rule: str) -> list[str]:
    return [line for line in output.splitlines() if f"{path}:" in line and f": {rule}: " in line]


def line_numbers(lines: list[str]) -> set[int]:
    """The line numbers in 'path:line: rule: text' messages."""
    return {int(match.group(1)) for line in lines for match in [re.search(r"\.md:(\d+): ", line)] if match}


def test_a_date_wrapped_over_two_lines_is_found_at_the_line_it_starts(project: SiteProject):
    """A hard-wrapped paragraph hides 'born on 4 June / 2004' from a line-by-line reader."""
    body = "## Summary of events\n\nChild W was born on 4 June\n2004 and lived with her mother.\n\n" + POINTS
    project.write_review("2015-testshire-child-w", body=body)
    result = project.check()
    assert result.returncode == 1, result.output
    lines = finding_lines(result.output, "content/reviews/2015-testshire-child-w.md", "date-of-birth-or-death")
    assert lines, result.output
    # the front matter takes lines 1-10 (seven fields, a two-line list, two fences)
    assert line_numbers(lines) == {13}, lines


def test_a_folded_summary_is_checked_as_published(project: SiteProject):
    """`summary: >` folds its lines; the date reaches the page, feed and exports joined up."""
    path = project.write_review("2015-testshire-child-f")
    text = path.read_text(encoding="utf-8").replace(
        "summary: A summary of a review written for the tests, about a child who was harmed.\n",
        "summary: >\n  A child who was born on 4 June\n  2004 was harmed.\n",
    )
    path.write_text(text, encoding="utf-8")
    result = project.check()
    assert result.returncode == 1, result.output
    lines = finding_lines(result.output, "content/reviews/2015-testshire-child-f.md", "date-of-birth-or-death")
    assert lines and "(in summary)" in lines[0], result.output
    summary_line = text.splitlines().index("  A child who was born on 4 June") + 1
    assert line_numbers(lines) == {summary_line}, lines


def test_marks_links_and_tables_do_not_hide_details(project: SiteProject):
    """Emphasis, link text, image alt text, entities and table cells are read as shown."""
    body = (
        "## Summary of events\n\n"
        "She **was born on** 4&nbsp;June 2004.\n\n"
        "See [how she died on 5 April 2022](https://example.org/report).\n\n"
        "![A photograph: 14 Acacia Avenue](photo.png)\n\n"
        "| Event | Date |\n| --- | --- |\n| Date of death | 03/11/2015 |\n\n" + POINTS
    )
    project.write_review("2015-testshire-child-e", body=body)
    result = project.check()
    path = "content/reviews/2015-testshire-child-e.md"
    assert line_numbers(finding_lines(result.output, path, "date-of-birth-or-death")) == {13, 15, 21}, result.output
    assert finding_lines(result.output, path, "street-address"), result.output


def test_a_name_in_the_file_name_or_an_old_address_is_found(project: SiteProject):
    """The file name is the URL, kept for ever once published: it is checked like text."""
    project.write(NEVER_PUBLISH.removeprefix("content/"), "Jayden Exampleton\n")
    project.write_review("2015-testshire-jayden-exampleton")
    project.write_review("2015-testshire-child-a", aliases=["child-a-jayden-exampleton"])
    result = project.check()
    assert result.returncode == 1, result.output
    named = finding_lines(result.output, "content/reviews/2015-testshire-jayden-exampleton.md", "listed-name")
    assert named and "(in file name)" in named[0], result.output
    alias = finding_lines(result.output, "content/reviews/2015-testshire-child-a.md", "listed-name")
    assert alias and "(in aliases)" in alias[0], result.output


def test_a_file_with_other_problems_is_still_checked(project: SiteProject):
    """Every finding in one run: a review with no Learning section still has its date reported."""
    body = "## Summary of events\n\nShe died on 5 April 2022.\n\n## Recommendations\n\n1. One.\n"
    project.write_review("2015-testshire-child-s", body=body, review_type="not-a-type")
    result = project.check()
    path = "content/reviews/2015-testshire-child-s.md"
    assert "review_type: found 'not-a-type'" in result.output, result.output
    assert "has no learning section: found '## Summary of events', '## Recommendations'" in result.output
    assert finding_lines(result.output, path, "date-of-birth-or-death"), result.output


def test_a_wrapped_withdrawal_reason_is_checked(project: SiteProject):
    """Only a withdrawn review's notice is published; all of it is checked, folded."""
    path = project.write_review("2015-testshire-child-r", status="withdrawn", withdrawn_on="2020-01-02")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "status: withdrawn\n",
            "status: withdrawn\nwithdrawn_reason: >\n"
            "  Withdrawn after a call from 020 7946\n  0958 on behalf of the family.\n",
        ),
        encoding="utf-8",
    )
    result = project.check()
    lines = finding_lines(result.output, "content/reviews/2015-testshire-child-r.md", "phone-number")
    assert lines and "(in withdrawn_reason)" in lines[0], result.output


def test_blank_withdrawal_fields_are_reported(project: SiteProject):
    """A notice must never read 'withdrawn on None. None'."""
    path = project.write_review("2015-testshire-child-b", status="withdrawn")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "status: withdrawn\n", "status: withdrawn\nwithdrawn_on:\nwithdrawn_reason:\n"
        ),
        encoding="utf-8",
    )
    result = project.check()
    assert result.returncode == 1, result.output
    assert "2015-testshire-child-b.md:10: withdrawn_on: is blank: a withdrawn review needs the date" in result.output
    assert "2015-testshire-child-b.md:11: withdrawn_reason: is blank: a withdrawn review needs" in result.output


def test_a_withdrawn_review_under_embargo_publishes_nothing_until_it_lifts(project: SiteProject):
    """Withdrawal does not jump the embargo: no notice, no URL in the manifest, before the moment."""
    project.write_review(
        "2015-testshire-child-x",
        title="Serious case review: Child X",
        status="withdrawn",
        withdrawn_on="2020-01-02",
        withdrawn_reason="Withdrawn at the family's request.",
        embargo_until="2026-11-30 09:00",
    )
    before = project.build(now="2026-11-30T08:59:00+00:00")
    assert before.returncode == 0, before.output
    assert not before.exists("reviews/2015-testshire-child-x/index.html")
    assert not [path for path in output_files(before.site_dir) if b"Child X" in path.read_bytes()]
    assert "reviews/2015-testshire-child-x/" not in json.loads(before.text("url-manifest.json"))["urls"]
    after = project.build(Path(project.root / "after"), now="2026-11-30T09:00:00+00:00")
    assert after.returncode == 0, after.output
    assert "This review has been withdrawn" in after.page("reviews/2015-testshire-child-x/")


def test_an_image_from_another_host_in_a_body_fails_the_build(project: SiteProject):
    """Every visitor's browser would call that host: the build stops and names file and line."""
    body = (
        "## Summary of events\n\nA picture:\n\n"
        '<img src="https://tracker.example.com/pixel.gif" alt="">\n\n'
        "![map](//maps.example.net/map.png)\n\n"
        '<iframe src="https://video.example.com/embed/1"></iframe>\n\n' + POINTS
    )
    project.write_review("2015-testshire-child-i", body=body)
    result = project.build()
    assert result.returncode != 0, result.output
    path = "content/reviews/2015-testshire-child-i.md"
    assert (
        f"{path}:15: found <img src> loading 'https://tracker.example.com/pixel.gif' from another host" in result.output
    )
    assert f"{path}:17: found image loading '//maps.example.net/map.png'" in result.output
    assert f"{path}:19: found <iframe src> loading 'https://video.example.com/embed/1'" in result.output
    assert not result.exists("index.html")


def test_a_link_to_another_site_is_not_a_load(project: SiteProject):
    """Links are followed only when clicked: they are fine, and so are the site's own images."""
    body = (
        "## Summary of events\n\nRead [the full report](https://example.org/report.pdf).\n\n"
        "![A chart](../chart.png)\n\n" + POINTS
    )
    project.write_review("2015-testshire-child-l", body=body)
    result = project.check()
    assert "from another host" not in result.output, result.output


def test_the_output_check_catches_a_load_the_content_check_cannot_see(project: SiteProject):
    """A script from a CDN added in the configuration is found in the built pages."""
    config = project.config()
    config["extra_javascript"] = ["https://cdn.example.com/widget.js"]
    project.write_config(config)
    result = project.build()
    assert result.returncode != 0, result.output
    assert "index.html would load 'https://cdn.example.com/widget.js' (<script src>) from another host" in result.output


def test_findings_are_cached_by_content(project: SiteProject, tmp_path: Path):
    """An unchanged file is not checked again; any change to it is."""
    cache = tmp_path / "cache"
    body = "## Summary of events\n\nShe died on 5 April 2022.\n\n" + POINTS
    review = project.write_review("2015-testshire-child-c", body=body)
    first = project.check(REVIEW_SITE_CACHE=str(cache))
    assert "date-of-birth-or-death: died on 5 April 2022" in first.output, first.output
    stored_results = list((cache / "anonymisation").glob("*.json"))
    assert stored_results  # kept in the cache folder's anonymisation/
    for stored in stored_results:
        stored.write_text("[]", encoding="utf-8")  # what a cached result says is what a build uses
    assert "date-of-birth-or-death" not in project.check(REVIEW_SITE_CACHE=str(cache)).output
    review.write_text(review.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "date-of-birth-or-death" in project.check(REVIEW_SITE_CACHE=str(cache)).output


def test_the_reviewer_is_published_and_never_a_finding(project: SiteProject):
    """Working Together 2018: the reviewer's name is published, on the page and in the exports."""
    body = "## Summary of events\n\nThe review was led by Helen Marsh and Tom Kerridge.\n\n" + POINTS
    project.write_review("2015-testshire-child-v", body=body, reviewer=["Helen Marsh", "Tom Kerridge"])
    result = project.build()
    assert result.returncode == 0, result.output
    page = result.page("reviews/2015-testshire-child-v/")
    assert "Reviewers" in page and "Helen Marsh, Tom Kerridge" in page
    record = next(
        r for r in json.loads(result.text("reviews.json"))["reviews"] if r["slug"] == "2015-testshire-child-v"
    )
    assert record["reviewer"] == ["Helen Marsh", "Tom Kerridge"]
    assert "Helen Marsh; Tom Kerridge" in result.text("reviews.csv")


def test_a_name_from_the_text_is_found_in_the_file_name(project: SiteProject):
    """A child's name in the body is a finding there, and again where the file name repeats it."""
    body = "## Summary of events\n\nJayden Exampleton lived with his grandmother.\n\n" + POINTS
    project.write_review("2015-testshire-jayden-exampleton", body=body)
    result = project.check()
    path = "content/reviews/2015-testshire-jayden-exampleton.md"
    named = finding_lines(result.output, path, "personal-name")
    assert any("(in file name)" in line for line in named), result.output
    assert any(":13: personal-name: Jayden Exampleton" in line for line in named), result.output


def test_ordinary_words_in_a_file_name_are_not_names(project: SiteProject):
    """Words in title case ('Duplicate Slug') are not read as a person's name."""
    project.write_review("2015-testshire-duplicate-slug", aliases=["serious-case-review-old-address"])
    result = project.check()
    assert result.returncode == 0, result.output


def test_a_real_name_as_pseudonym_is_still_found(project: SiteProject):
    """The pseudonym field does not excuse a name: 'Sarah Jennings' there is a finding, everywhere."""
    body = "## Summary of events\n\nSarah Jennings was seen at home.\n\n" + POINTS
    project.write_review("2015-testshire-child-j", body=body, pseudonym="Sarah Jennings")
    result = project.check()
    named = finding_lines(result.output, "content/reviews/2015-testshire-child-j.md", "personal-name")
    assert any("(in pseudonym)" in line for line in named), result.output
    assert line_numbers(named) == {10, 14}, result.output
