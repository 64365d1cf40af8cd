"""Relative links between pages: every generated page links with `urls.href`."""

from __future__ import annotations

import itertools
import posixpath

from casereviews import urls

PAGES = [
    "",
    "themes/",
    "themes/neglect/",
    "themes/neglect/2019/",
    "themes/neglect/2019/page-2/",
    "themes/neglectful/",
    "reviews/2019-derby-child-a/",
    "reviews/2019-derby-child-a/briefing/",
    "actions/agencies/gp/",
]
TARGETS = [*PAGES, "reviews.json", "assets/stylesheets/site.css", "themes/neglect/feed.xml"]


def test_href_is_the_relative_path_between_pages() -> None:
    for here, there in itertools.product(PAGES, TARGETS):
        expected = posixpath.relpath(there.rstrip("/") or ".", here.rstrip("/") or ".")
        expected += "/" if there.endswith("/") or not there else ""
        assert urls.href(here, there) == expected, (here, there)


def test_href_keeps_the_query_and_fragment() -> None:
    assert urls.href("themes/neglect/", "reviews/a/#learning-2") == "../../reviews/a/#learning-2"
    assert (
        urls.href("themes/neglect/2019/", "search/?theme=neglect&from=2019")
        == "../../../search/?theme=neglect&from=2019"
    )
    assert urls.href("reviews/a/", "reviews/a/") == "./"
    assert urls.href("", "") == "./"


def test_the_address_of_a_source_file_is_the_inverse_of_its_source():
    """A content file's page address, directory style, and back again for generated pages."""
    assert urls.url_of_source("reviews/child-t.md") == "reviews/child-t/"
    assert urls.url_of_source("about/index.md") == "about/"
    assert urls.url_of_source("index.md") == ""
    for address in ("themes/", "years/2007/", "reviews/child-t/", "boards/westmoor/2019/page-2/"):
        assert urls.url_of_source(urls.source_of(address)) == address
