"""Reviews in the shapes real executive summaries have: partial dates, joint and adult review types,
several subjects, numbered paragraphs, bullets, grouped recommendations, no recommendations.

Each shape is written as an author would, built for real, and checked in the files written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from sitekit import BuildResult, SiteProject, output_files

pytestmark = pytest.mark.site
SHAPES = {
    "numbered-dot": (
        "## Learning\n\n1. The first lesson.\n2. The second lesson.\n\n"
        "## Recommendations\n\n1. The first recommendation.\n"
    ),
    "numbered-paren": (
        "## Key learning\n\n1) Plans that rely on one parent need testing.\n2) Escalation was slow.\n"
        "3) Fathers were not seen.\n\n## Recommendations\n\n1) Train staff.\n2) Audit plans.\n"
    ),
    "paragraphs": (
        "## 8. Lessons learned\n\n8.1 Agencies did not share what they knew\nabout the family's moves.\n\n"
        "8.2 The child's voice was not recorded.\n\n## 9. Recommendations\n\n9.1 The board should audit.\n"
    ),
    "bullets": (
        "## Findings\n\nThe review found that:\n\n- Information was held in separate systems.\n"
        "- Nobody owned the plan.\n\n## Recommendations\n\n- Join the systems.\n- Name a lead professional.\n"
    ),
    "grouped": (
        "## Learning\n\n1. One lesson.\n\n## Recommendations for agencies\n\n"
        "### Police\n\n1. Record every call.\n2. Share call records with children's social care.\n\n"
        "### Children's social care\n\n1. Visit within five days.\n\n"
        "The board accepted all the recommendations.\n"
    ),
}


def write_shapes(project: SiteProject) -> None:
    for name, body in SHAPES.items():
        project.write_review(f"2015-testshire-{name}", body="## Summary of events\n\nWhat happened.\n\n" + body)


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A site holding a review in each body shape, a month-dated one, and the sample reviews."""
    project = SiteProject(tmp_path_factory.mktemp("shapes"))
    write_shapes(project)
    project.write_review("2011-testshire-child-p", published="2011-03", title="Serious case review: Child P")
    project.write_review("2011-testshire-child-q", published="2011-04-02", title="Serious case review: Child Q")
    project.write_review("2011-testshire-child-o", published="2011-02-27", title="Serious case review: Child O")
    project.write_review("2008-testshire-baby-n", published="2008", title="Learning review: Baby N")
    result = project.build()
    assert result.returncode == 0, result.output
    return result


class Links(HTMLParser):
    """Every href and every id in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_every_link_into_a_review_lands_on_an_anchor(shapes_site: BuildResult):
    """Links from every page and from reviews.json to a point find that point's id on the review page."""
    site_dir = shapes_site.site_dir
    targets: list[tuple[str, str, str]] = []  # (from, review path, fragment)
    for page in output_files(site_dir):
        if page.suffix != ".html" or page.parts[len(site_dir.parts)] in ("assets", "pagefind"):
            continue
        base = "/" + page.relative_to(site_dir).as_posix()
        for href in parsed(page).hrefs:
            absolute = urlsplit(urljoin(base, href))
            path = absolute.path.removesuffix("index.html")
            if absolute.fragment and path.startswith("/reviews/") and path.count("/") == 3:
                targets.append((base, path, unquote(absolute.fragment)))
    for record in json.loads(shapes_site.text("reviews.json"))["reviews"]:
        for point in record.get("learning", []) + record.get("recommendations", []):
            url = urlsplit(point["url"])
            targets.append(("reviews.json", url.path, url.fragment))
    assert len({path for _, path, _ in targets}) >= len(SHAPES)
    ids = {path: parsed(site_dir / path.strip("/") / "index.html").ids for _, path, _ in targets}
    missing = [(origin, path, fragment) for origin, path, fragment in targets if fragment not in ids[path]]
    assert missing == []


@pytest.mark.parametrize(
    ("shape", "anchors", "labels"),
    [
        ("numbered-dot", ["learning-1", "learning-2", "recommendation-1"], ["1", "2", "1"]),
        ("numbered-paren", ["learning-1", "learning-2", "learning-3", "recommendation-1", "recommendation-2"], None),
        ("paragraphs", ["learning-1", "learning-2", "recommendation-1"], ["8.1", "8.2", "9.1"]),
        ("bullets", ["learning-1", "learning-2", "recommendation-1", "recommendation-2"], None),
        (
            "grouped",
            [
                "learning-1",
                "recommendation-police-1",
                "recommendation-police-2",
                "recommendation-childrens-social-care-1",
            ],
            ["1", "1", "2", "1"],
        ),
    ],
)
def test_each_shape_gives_its_points_and_anchors(shapes_site: BuildResult, shape, anchors, labels):
    """The catalogue holds exactly the points the document has, with stable anchors and its own numbers."""
    record = next(r for r in json.loads(shapes_site.text("reviews.json"))["reviews"] if r["slug"].endswith(shape))
    points = record["learning"] + record["recommendations"]
    assert [point["anchor"] for point in points] == anchors
    if labels:
        assert [point["label"] for point in points] == labels
    page = shapes_site.page(f"reviews/2015-testshire-{shape}/")
    for anchor in anchors:
        assert f'id="{anchor}"' in page


def test_paragraph_numbers_and_closing_text_are_shown(shapes_site: BuildResult):
    """8.1 reads as 8.1 on the page; a closing sentence after a list is kept as text; groups keep headings."""
    paragraphs = shapes_site.page("reviews/2015-testshire-paragraphs/")
    assert '<span class="review-point__number">8.1</span> Agencies did not share what they knew' in paragraphs
    grouped = shapes_site.page("reviews/2015-testshire-grouped/")
    assert "<p>The board accepted all the recommendations.</p>" in grouped
    assert ">Police</h3>" in grouped and ">Children's social care</h3>" in grouped


def test_a_month_only_date_reads_as_the_month_everywhere(shapes_site: BuildResult):
    """Published as 2011-03, the review reads 'March 2011' on every page and in every export, never a day."""
    pages = [
        "reviews/2011-testshire-child-p/",
        "years/2011/",
        "boards/testshire-safeguarding-children-board/",
        "themes/neglect/",
        "reviews/",
    ]
    for url in pages:
        html = shapes_site.page(url)
        assert '<time datetime="2011-03">March 2011</time>' in html, url
        assert re.search(r"\d{1,2} March 2011", html) is None, url
    record = next(r for r in json.loads(shapes_site.text("reviews.json"))["reviews"] if r["slug"].endswith("child-p"))
    assert record["published"] == "2011-03" and record["published_precision"] == "month"
    row = next(r for r in csv.DictReader(io.StringIO(shapes_site.text("reviews.csv"))) if "child-p" in r["url"])
    assert row["published"] == "2011-03" and row["published_precision"] == "month"
    year_only = shapes_site.page("reviews/2008-testshire-baby-n/")
    assert 'published <time datetime="2008">2008</time>' in year_only


def test_partial_dates_sort_by_the_first_day_of_their_period(shapes_site: BuildResult):
    """'March 2011' sorts after 2 April 2011 and before 27 February 2011, newest first."""
    html = shapes_site.page("years/2011/")
    order = [html.index(f"Child {letter}") for letter in "QPO"]
    assert order == sorted(order)


def test_feed_places_a_partial_date_at_the_start_of_its_period(shapes_site: BuildResult):
    """Atom needs a full timestamp: March 2011 is given as 1 March 2011, midnight UK time."""
    feed = shapes_site.text("feed.xml")
    entry = feed[feed.index("Child P") - 600 : feed.index("Child P") + 1200]
    assert "<published>2011-03-01T00:00:00+00:00</published>" in entry


def test_pages_render_what_the_strict_reader_read(project: SiteProject):
    """A theme titled 'No' keeps its title; a page whose closing '---' ends the file does not
    publish its front matter as text."""
    project.write(
        "themes/no.md",
        "---\ntitle: No\nsummary: A theme whose title YAML 1.1 would read as false.\naudience: all\n---\nIntro.\n",
    )
    project.write("about/notes.md", "---\ntitle: Notes for trainers\ndescription: Notes.\n---")
    result = project.build()
    assert result.returncode == 0, result.output
    assert "<title>No - Learning from case reviews</title>" in result.page("themes/no/")
    assert '<h1 id="no">No</h1>' in result.page("themes/no/") or ">No</h1>" in result.page("themes/no/")
    notes = result.page("about/notes/")
    assert "<title>Notes for trainers - Learning from case reviews</title>" in notes
    assert "description: Notes." not in notes


def test_a_duplicate_key_in_a_theme_is_an_error(project: SiteProject):
    """Themes are read as strictly as reviews: a key given twice stops the build at its line."""
    project.write("themes/twice.md", "---\ntitle: Twice\nsummary: One.\nsummary: Two.\n---\nIntro.\n")
    result = project.build()
    assert result.returncode == 1
    assert (
        "content/themes/twice.md:4: summary: appears twice (first on line 3): expected each field once" in result.output
    )
