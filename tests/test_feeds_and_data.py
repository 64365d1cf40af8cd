"""Feeds (site, theme, board) and open data (reviews.json against its published JSON Schema).

Every feed is read with feedparser; the reviews each should hold are worked out from the
sample review and theme files with python-frontmatter, not from the site's own code.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import feedparser
import frontmatter
import jsonschema
import pytest

from browser import axe_violations
from casereviews.load.catalogue import load_site
from casereviews.model import vocabulary
from casereviews.policy.public import public_view
from casereviews.render import exports
from casereviews.render.exports import CatalogueMemo, record
from casereviews.render.schema import documentation_table
from sitekit import PROJECT, SAMPLE_CONTENT, TEST_NOW, BuildResult, SiteProject

SITE = "https://learning.example.org/"
UK = ZoneInfo("Europe/London")


def _first_day(published: object) -> dt.date:
    """The day a front-matter date is placed at: a partial date at the first day of its period."""
    if isinstance(published, dt.date):
        return published
    parts = [int(part) for part in str(published).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _theme_names() -> dict[str, str]:
    """Every name a theme goes by (slug, title, aliases; lower case) → its slug."""
    names = {}
    for path in (SAMPLE_CONTENT / "themes").glob("*.md"):
        meta = frontmatter.load(path).metadata
        for name in (path.stem, meta["title"], *meta.get("aliases", [])):
            names[str(name).lower()] = path.stem
    return names


def listed_reviews() -> list[tuple[str, dict]]:
    """Sample reviews that are listed now (published, not under embargo), newest first."""
    now = dt.datetime.fromisoformat(TEST_NOW)
    reviews = []
    for path in (SAMPLE_CONTENT / "reviews").glob("*.md"):
        meta = frontmatter.load(path).metadata
        embargo = meta.get("embargo_until")
        if meta["status"] != "published" or (embargo and dt.datetime.fromisoformat(str(embargo)) > now):
            continue
        reviews.append((path.stem, meta))
    return sorted(reviews, key=lambda item: (-_first_day(item[1]["published"]).toordinal(), item[0]))


def review_url(slug: str) -> str:
    return f"{SITE}reviews/{slug}/"


def parse(result: BuildResult, relative: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse(result.text(relative))
    assert not feed.bozo, (relative, feed.get("bozo_exception"))
    assert feed.version == "atom10", relative
    return feed


def entry_links(feed: feedparser.FeedParserDict) -> list[str]:
    return [entry.link for entry in feed.entries]


@pytest.mark.site
def test_site_feed_holds_every_listed_review_newest_first(sample_site: BuildResult):
    """feed.xml: the listed reviews (archived included; drafts, withdrawn ones not), newest first."""
    feed = parse(sample_site, "feed.xml")
    expected = [review_url(slug) for slug, _ in listed_reviews()]
    assert entry_links(feed) == expected
    assert "https://learning.example.org/reviews/2012-westmoor-child-w/" not in entry_links(feed)  # withdrawn
    assert "https://learning.example.org/reviews/2025-northdale-child-t/" not in entry_links(feed)  # draft


@pytest.mark.site
def test_theme_feed_holds_that_themes_reviews(sample_site: BuildResult):
    """themes/<slug>/feed.xml: the reviews on that theme, whatever name the author wrote it by."""
    names = _theme_names()
    for theme in ("neglect", "substance-misuse", "voice-of-the-child"):
        feed = parse(sample_site, f"themes/{theme}/feed.xml")
        expected = [
            review_url(slug)
            for slug, meta in listed_reviews()
            if theme in {names[str(name).lower()] for name in meta["themes"]}
        ]
        assert expected, theme
        assert entry_links(feed) == expected, theme
        assert feed.feed.link == f"{SITE}themes/{theme}/"
        assert {link.href for link in feed.feed.links if link.rel == "self"} == {f"{SITE}themes/{theme}/feed.xml"}


@pytest.mark.site
def test_theme_without_reviews_has_an_empty_feed(sample_site: BuildResult):
    """Every theme page has its feed, even before its first review, so a subscription can start now."""
    names = _theme_names()
    used = {names[str(name).lower()] for _, meta in listed_reviews() for name in meta["themes"]}
    unused = sorted(set(names.values()) - used)
    assert unused
    assert parse(sample_site, f"themes/{unused[0]}/feed.xml").entries == []


@pytest.mark.site
def test_board_feed_holds_that_boards_reviews(sample_site: BuildResult):
    """boards/<slug>/feed.xml: Westmoor's listed reviews, the archived one included, not the withdrawn one."""
    [path] = sample_site.path("boards").glob("westmoor*/feed.xml")
    feed = parse(sample_site, path.relative_to(sample_site.site_dir).as_posix())
    expected = [review_url(slug) for slug, meta in listed_reviews() if meta["board"].startswith("Westmoor")]
    assert entry_links(feed) == expected
    assert review_url("2009-westmoor-child-k") in expected  # archived: record and summary stay listed
    assert feed.feed.title.endswith("New reviews from Westmoor Local Safeguarding Children Board")


@pytest.mark.site
def test_month_only_date_is_placed_at_the_first_of_the_month_uk_time(sample_site: BuildResult):
    """'published: 2011-03' is 1 March 2011, 00:00 in the UK, in every feed that has it."""
    expected = dt.datetime(2011, 3, 1, tzinfo=UK)
    [board_feed] = sample_site.path("boards").glob("westmoor*/feed.xml")
    for relative in ("feed.xml", "themes/voice-of-the-child/feed.xml", board_feed.relative_to(sample_site.site_dir)):
        feed = parse(sample_site, str(relative))
        [entry] = [entry for entry in feed.entries if entry.link == review_url("2011-westmoor-child-p")]
        assert dt.datetime.fromisoformat(entry.published) == expected, relative
        assert dt.datetime.fromisoformat(entry.updated) == expected, relative


@pytest.mark.site
def test_summer_date_is_midnight_british_summer_time(sample_site: BuildResult):
    """A day in summer is midnight in the UK, which is 23:00 the day before in UTC."""
    feed = parse(sample_site, "feed.xml")
    [entry] = [entry for entry in feed.entries if entry.link == review_url("2022-glanafon-child-v")]
    assert entry.published == "2022-06-28T00:00:00+01:00"


@pytest.mark.site
def test_pages_link_their_feed(sample_site: BuildResult):
    """Theme and board pages announce their own feed (rel="alternate feed") and link to it visibly."""
    theme_page = sample_site.page("themes/neglect/")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="New reviews on Neglect" href="feed.xml">'
        in theme_page
    )
    assert '<a href="feed.xml">Subscribe to this theme\'s feed</a>' in theme_page
    [board_dir] = sample_site.path("boards").glob("westmoor*")
    board_page = (board_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<link rel="alternate feed" type="application/atom\+xml" title="New reviews from Westmoor', board_page
    )
    assert '<a href="feed.xml">Subscribe to this board\'s feed</a>' in board_page
    for html in (theme_page, board_page, sample_site.page("")):
        assert not re.search(r'rel="alternate"[^>]*atom', html)  # Material would fetch sitemap.xml for it


@pytest.mark.site
def test_feeds_are_in_the_url_manifest(sample_site: BuildResult):
    """Every feed and the schema are promised at stable addresses."""
    manifest = set(json.loads(sample_site.text("url-manifest.json"))["urls"])
    feeds = {"/" + path.relative_to(sample_site.site_dir).as_posix() for path in sample_site.site_dir.rglob("feed.xml")}
    assert {"/feed.xml", "/themes/neglect/feed.xml", "/reviews.schema.json"} <= manifest
    assert feeds <= manifest


@pytest.mark.site
def test_a_renamed_theme_keeps_its_feed_at_the_old_address(sample_site: BuildResult):
    """Where an old theme address redirects, its feed is there too (e.g. 'domestic abuse')."""
    assert sample_site.exists("themes/domestic-abuse/index.html")
    assert sample_site.text("themes/domestic-abuse/feed.xml") == sample_site.text("themes/domestic-violence/feed.xml")


@pytest.mark.site
def test_entry_ids_survive_a_change_of_title_and_date(project: SiteProject):
    """Ids are the review's permanent address: a new title and date leave every id unchanged."""
    project.write_review("2015-testshire-child-t", title="Serious case review: Child T", published="2015-03-01")
    first = project.build(project.root / "first")
    assert first.returncode == 0, first.output
    project.write_review("2015-testshire-child-t", title="Child safeguarding review: Child T", published="2015-04")
    second = project.build(project.root / "second")
    assert second.returncode == 0, second.output
    board = "boards/testshire-safeguarding-children-board/feed.xml"
    for relative in ("feed.xml", "themes/neglect/feed.xml", board):
        before = {entry.title: entry.id for entry in parse(first, relative).entries}
        after = {entry.title: entry.id for entry in parse(second, relative).entries}
        assert before["Serious case review: Child T"] == after["Child safeguarding review: Child T"]
        assert after["Child safeguarding review: Child T"] == review_url("2015-testshire-child-t")
        assert sorted(before.values()) == sorted(after.values()), relative
    [entry] = [entry for entry in parse(second, board).entries if entry.id == review_url("2015-testshire-child-t")]
    assert dt.datetime.fromisoformat(entry.published) == dt.datetime(2015, 4, 1, tzinfo=UK)


@pytest.mark.site
def test_feed_length_applies_to_theme_and_board_feeds(project: SiteProject):
    """feed_length: 2 gives the two newest reviews in every feed."""
    config = project.config()
    config["extra"] = {"casereviews": {"feed_length": 2}}
    project.write_config(config)
    result = project.build()
    assert result.returncode == 0, result.output
    names = _theme_names()
    on_theme = [
        review_url(slug)
        for slug, meta in listed_reviews()
        if "inter-agency-working" in {names[str(n).lower()] for n in meta["themes"]}
    ]
    assert entry_links(parse(result, "themes/inter-agency-working/feed.xml")) == on_theme[:2]
    [board] = result.path("boards").glob("westmoor*/feed.xml")
    westmoor = [review_url(slug) for slug, meta in listed_reviews() if meta["board"].startswith("Westmoor")]
    assert entry_links(parse(result, str(board.relative_to(result.site_dir)))) == westmoor[:2]


# -- open data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(sample_site: BuildResult) -> dict:
    published = json.loads(sample_site.text("reviews.schema.json"))
    jsonschema.Draft202012Validator.check_schema(published)
    return published


@pytest.mark.site
def test_reviews_json_validates_against_its_schema(sample_site: BuildResult, schema: dict):
    """The published export is valid against the published schema, archived records included."""
    data = json.loads(sample_site.text("reviews.json"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert [record["slug"] for record in data["reviews"]] == [slug for slug, _ in listed_reviews()]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SITE + "reviews.schema.json"


BROKEN_RECORDS = {
    "a type outside the vocabulary": lambda record: record.update(review_type="case-conference"),
    "an unknown field": lambda record: record.update(colour="blue"),
    "a missing field": lambda record: record.pop("board"),
    "a null where null is not allowed": lambda record: record.update(title=None),
    "a number as text": lambda record: record.update(incident_year="2006"),
    "an invented date": lambda record: record.update(published="15 November 2007"),
    "an unknown outcome of a subject": lambda record: record.update(
        subjects=[{"pseudonym": "X", "age": None, "age_band": None, "outcome": "recovered"}]
    ),
}


@pytest.mark.site
@pytest.mark.parametrize("breakage", BROKEN_RECORDS)
def test_a_broken_record_fails_the_schema(sample_site: BuildResult, schema: dict, breakage: str):
    """The schema is strict enough to catch a record that is not what README promises."""
    data = json.loads(sample_site.text("reviews.json"))
    broken = copy.deepcopy(data)
    BROKEN_RECORDS[breakage](broken["reviews"][0])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.site
def test_schema_enums_are_the_vocabularies(schema: dict):
    """Controlled values come from the vocabularies: a new review type reaches the schema by itself."""
    review = schema["$defs"]["review"]["properties"]
    assert review["review_type"]["enum"] == list(vocabulary.REVIEW_TYPES)
    assert review["review_types"]["items"]["enum"] == list(vocabulary.REVIEW_TYPES)
    assert review["age_band"]["enum"] == [*vocabulary.AGE_BANDS, None]
    assert review["outcome"]["enum"] == [*vocabulary.OUTCOMES, None]
    assert review["agencies"]["items"]["enum"] == list(vocabulary.AGENCIES)
    assert review["parallel_proceedings"]["items"]["enum"] == list(vocabulary.PARALLEL_PROCEEDINGS)


@pytest.mark.site
def test_readme_documents_every_field_and_column(sample_site: BuildResult, schema: dict):
    """README's table is the one the code generates, and names every JSON field and CSV column."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = documentation_table()
    assert table in readme, "README's open-data table is out of date: paste render.schema.documentation_table()"
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))
    assert documented == set(schema["$defs"]["review"]["properties"])
    columns = next(csv.reader(io.StringIO(sample_site.text("reviews.csv"))))
    assert set(columns) <= documented


@pytest.mark.site
def test_open_data_files_are_in_reserved_names(project: SiteProject):
    """An authored file cannot take the schema's address."""
    project.write("reviews.schema.json", "{}")
    result = project.check()
    assert result.returncode != 0
    assert "reviews.schema.json" in result.output


# -- in the browser --------------------------------------------------------------------


@pytest.mark.browser
def test_theme_page_feed_link_in_the_browser(site_url, browser_page):
    """A theme page announces its feed, passes axe, fetches no sitemap and nothing foreign; the
    feed it names is served and parses."""
    page, watch = browser_page
    page.goto(site_url + "themes/neglect/")
    page.wait_for_load_state("networkidle")
    link = page.locator('link[rel="alternate feed"][type="application/atom+xml"]').first
    assert link.get_attribute("title") == "New reviews on Neglect"
    href = page.evaluate("document.querySelector('link[rel=\"alternate feed\"]').href")
    assert href == site_url + "themes/neglect/feed.xml"
    feed = feedparser.parse(page.request.get(href).text())
    assert not feed.bozo and feed.entries
    assert page.get_by_role("link", name="Subscribe to this theme's feed").is_visible()
    assert axe_violations(page) == []
    assert not [url for url in watch.requests if url.endswith("sitemap.xml")]
    assert watch.foreign_requests() == []
    assert watch.console_errors == []


def test_the_catalogue_written_from_kept_records_is_the_catalogue(project, tmp_path):
    """The preview writes reviews.json and reviews.csv from each record's kept text: the same
    bytes as a build's, and not at all when nothing in them changed."""
    now = dt.datetime.fromisoformat(TEST_NOW)
    plain, kept = tmp_path / "plain", tmp_path / "kept"
    plain.mkdir()
    kept.mkdir()
    memo = CatalogueMemo()
    for step in range(3):
        public = public_view(load_site(project.content, now.date(), project.root), now)
        keys = [repr(record(review, public, "https://example.org/")) for review in public.reviews]
        exports.write_catalogue(plain, public, "https://example.org/")
        written = exports.write_catalogue(kept, public, "https://example.org/", memo, keys)
        assert written == (step != 1), step
        for name in ("reviews.json", "reviews.csv"):
            assert (kept / name).read_bytes() == (plain / name).read_bytes(), (step, name)
        if step == 1:
            project.write_review(
                "2019-testshire-child-b",
                themes=["neglect"],
                published="2019-06-01",
                summary="Edited: what happened, in general terms.",
            )
    empty = dataclasses.replace(public, reviews=())
    exports.write_catalogue(plain, empty, "https://example.org/")
    assert exports.write_catalogue(kept, empty, "https://example.org/", memo, [])
    assert (kept / "reviews.json").read_bytes() == (plain / "reviews.json").read_bytes()
