"""Generated HTML reaches pages after Markdown (adapter/fragments.py): what the pages show.

Our templates' HTML (generated pages, a review's lists of points, a theme's sections) is put
in place after MkDocs has converted the page's Markdown. These tests build real sites and
check that nothing is lost on the way: the points' Markdown reads as on the page, editors'
notes never appear, headings reach the table of contents, links to points are validated.
"""

from __future__ import annotations

import re

import pytest

from sitekit import BuildResult, SiteProject, output_files

pytestmark = pytest.mark.site
POINTS_BODY = """\
## Summary of events

What happened, in general terms. See [the second lesson](#learning-2).

## Learning

1. Agencies did *not* share [the plan](https://example.org/plan) --> so no one saw it all. <!-- editor: check -->
2. The second lesson,
   written over two lines.

   With a second paragraph.

## Recommendations

1. The first recommendation.
"""


def _secondary_nav(html: str) -> str:
    """The page's table of contents (Material's secondary navigation, before the content)."""
    start = html.index('<nav class="md-nav md-nav--secondary')
    return html[start : html.index('<div class="md-content"', start)]


def test_points_read_as_markdown_with_the_sites_extensions(project: SiteProject) -> None:
    project.write_review("child-t", body=POINTS_BODY)
    result = project.build()
    assert result.returncode == 0, result.output
    page = result.page("reviews/child-t/")
    first = re.search(r'<li class="review-point" id="learning-1">(.*?)</li>', page, re.DOTALL)
    assert first is not None
    assert "<em>not</em>" in first.group(1)
    assert '<a href="https://example.org/plan">the plan</a>' in first.group(1)
    assert "&rarr;" in first.group(1) or "\u2192" in first.group(1)  # smartsymbols, as in the body
    assert "editor: check" not in page
    second = re.search(r'<li class="review-point" id="learning-2">(.*?)</li>', page, re.DOTALL)
    assert second is not None
    assert second.group(1).count("<p>") == 3  # its two paragraphs, then the link to the point
    assert "<p>With a second paragraph.</p>" in second.group(1)
    assert "written over two lines" in second.group(1)
    theme = result.page("themes/neglect/")
    assert "<em>not</em>" in theme and "editor: check" not in theme


def test_a_link_to_a_missing_point_still_stops_the_strict_build(project: SiteProject) -> None:
    project.write_review("child-t", body=POINTS_BODY.replace("(#learning-2)", "(#learning-9)"))
    result = project.build()
    assert result.returncode != 0
    assert "learning-9" in result.output


def test_generated_headings_make_the_table_of_contents(sample_site: BuildResult) -> None:
    briefing = _secondary_nav(sample_site.page("reviews/2007-tower-hamlets-child-m/briefing/"))
    parts = re.findall(r'href="#([^"]+)"', briefing)
    assert parts == [
        "background",
        "why-it-matters",
        "key-information",
        "what-the-review-found",
        "things-to-remember",
        "what-to-do",
        "questions-for-reflection",
    ]
    theme = _secondary_nav(sample_site.page("themes/neglect/"))
    anchors = re.findall(r'href="#([^"]+)"', theme)
    assert anchors[0] == "reviews-on-this-theme" and anchors[-1] == "what-these-reviews-teach"
    assert all(anchor.isdigit() for anchor in anchors[1:-1]) and len(anchors) > 2  # the years, nested


def test_no_placeholder_reaches_the_output(sample_site: BuildResult) -> None:
    for path in output_files(sample_site.site_dir):
        if path.suffix in (".html", ".xml", ".json", ".csv"):
            assert "casereviewsfragment" not in path.read_text(encoding="utf-8"), path


REFERENCE_BODY = """\
## Summary of events

What happened, in general terms.

## Learning

1. Read [the guidance][wt] before a strategy meeting.

## Recommendations

1. Follow [Working Together] when
   agencies disagree.

[wt]: https://example.org/wt "Working Together 2023"
[working together]: https://example.org/wt2023
"""


def test_reference_links_in_points_are_links_wherever_a_point_is_shown(project: SiteProject) -> None:
    """A point links by reference to a definition at the end of the body (as documents converted
    from Word often do): on its review page, on its theme's page and in its briefing alike."""
    project.write_review("child-t", body=REFERENCE_BODY)
    result = project.build()
    assert result.returncode == 0, result.output
    page = result.page("reviews/child-t/")
    assert '<a href="https://example.org/wt" title="Working Together 2023">the guidance</a>' in page
    assert '<a href="https://example.org/wt2023">Working Together</a>' in page
    theme = result.page("themes/neglect/")
    assert '<a href="https://example.org/wt" title="Working Together 2023">the guidance</a>' in theme
    for html in (page, theme, result.page("reviews/child-t/briefing/")):
        assert "[wt]" not in html and "[Working Together]" not in html
