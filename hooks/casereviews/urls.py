"""The site's URL scheme, in one place: every address and every generated page's source path.

URLs are relative to the site root and end in '/' (directory URLs): 'reviews/child-m/'.
Trainers put these addresses into courses, so a change here is a change to published URLs:
the URL-stability check (url-manifest.json) will name every address that would disappear.
"""

from __future__ import annotations

import re

from anyascii import anyascii

REVIEWS = "reviews/"
THEMES = "themes/"
YEARS = "years/"
BOARDS = "boards/"
BROWSE = "browse/"
SEARCH = "search/"
ACTIONS = "actions/"
#: The preview's list of drafts and embargoed reviews: never in a build (`policy.preview_view`).
DRAFTS = "drafts/"
HOME = ""
#: A listing's later pages: 'years/2019/page-2/'.
PAGE_PREFIX = "page-"

FEED = "feed.xml"
CATALOGUE_JSON = "reviews.json"
CATALOGUE_CSV = "reviews.csv"
CATALOGUE_SCHEMA = "reviews.schema.json"
ACTIONS_CSV = "actions.csv"
MANIFEST = "url-manifest.json"
SITEMAP = "sitemap.xml"


def review(slug: str) -> str:
    return f"{REVIEWS}{slug}/"


def briefing(slug: str) -> str:
    """A review's 7-minute briefing: one printable page, under the review's own address."""
    return f"{REVIEWS}{slug}/briefing/"


def theme(slug: str) -> str:
    return f"{THEMES}{slug}/"


def year(value: int) -> str:
    return f"{YEARS}{value}/"


def board(slug: str) -> str:
    return f"{BOARDS}{slug}/"


def theme_year(slug: str, value: int, page: int = 1) -> str:
    """A theme's reviews of one year and what they teach: 'themes/neglect/2019/', its later
    pages 'themes/neglect/2019/page-2/' (a long year is split so no page grows without bound)."""
    return paged(f"{theme(slug)}{value}/", page)


def board_year(slug: str, value: int, page: int = 1) -> str:
    """A board's reviews of one year: 'boards/derby/2019/', then 'boards/derby/2019/page-2/'."""
    return paged(f"{board(slug)}{value}/", page)


def paged(first: str, page: int) -> str:
    """Page `page` of a listing whose first page is at `first` (pages count from 1)."""
    return first if page == 1 else f"{first}{PAGE_PREFIX}{page}/"


def listing_parent(url: str) -> str | None:
    """Where a page of a split listing leads once it is gone (fewer reviews, or none that year):
    a later page → the listing's first page; a theme's or board's year → the theme or board; a
    board's or agency's action plans → all action plans. None for any other address."""
    parts = url.strip("/").split("/")
    if len(parts) >= 2 and parts[-1].startswith(PAGE_PREFIX) and parts[-1][len(PAGE_PREFIX) :].isdigit():
        return "/".join(parts[:-1]) + "/"
    if len(parts) == 3 and f"{parts[0]}/" in (THEMES, BOARDS) and _is_year(parts[2]):
        return "/".join(parts[:2]) + "/"
    if len(parts) == 3 and f"{parts[0]}/" == ACTIONS and parts[1] in ("boards", "agencies"):
        return ACTIONS  # a board or an agency with no action left in a published plan
    return None


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit()


def board_actions(slug: str) -> str:
    """Progress on the action plans of one board's reviews."""
    return f"{ACTIONS}boards/{slug}/"


def agency_actions(agency: str) -> str:
    """Progress on the actions one agency owns (`agency` is its key in the vocabulary)."""
    return f"{ACTIONS}agencies/{agency}/"


def theme_feed(slug: str) -> str:
    """The Atom feed of a theme's reviews, beside its page: 'themes/neglect/feed.xml'."""
    return theme(slug) + FEED


def board_feed(slug: str) -> str:
    """The Atom feed of a board's reviews, beside its page: 'boards/derby/feed.xml'."""
    return board(slug) + FEED


def search(**filters: str) -> str:
    """The search page, with a query string for the given filters (in the order given)."""
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return SEARCH + (f"?{query}" if query else "")


def with_fragment(url: str, fragment: str) -> str:
    return f"{url}#{fragment}"


def source_of(url: str) -> str:
    """The Markdown source path of a generated page at `url`: 'years/2007/' → 'years/2007.md'."""
    path = url.rstrip("/")
    if url in (THEMES, YEARS, BOARDS, REVIEWS, ACTIONS):
        return f"{path}/index.md"
    return f"{path}.md"


def url_of_source(src_uri: str) -> str:
    """The address of the page a Markdown file in content/ makes (directory style), the inverse
    of `source_of`: 'reviews/child-t.md' → 'reviews/child-t/', 'about/index.md' → 'about/', 'index.md' → ''."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def href(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` to `to_url` (both root-relative, directory
    style: 'themes/neglect/'); `to_url` may carry a '?query' and a '#fragment'."""
    path, _, fragment = to_url.partition("#")
    path, _, query = path.partition("?")
    # posixpath.relpath's result for these clean paths, without its cost (it resolves both
    # paths against the working folder: a tenth of a build's page generation).
    start = [part for part in from_url.split("/") if part and part != "."]
    target = [part for part in path.split("/") if part and part != "."]
    common = 0
    for here, there in zip(start, target, strict=False):
        if here != there:
            break
        common += 1
    relative = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    if path.endswith("/") or not path:
        relative += "/"
    return relative + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def review_slug_of_source(src_uri: str) -> str | None:
    """The slug of a review's source file 'reviews/<slug>.md', or None for any other file."""
    if src_uri.startswith(REVIEWS) and src_uri.endswith(".md") and src_uri.count("/") == 1:
        slug = src_uri[len(REVIEWS) : -3]
        return slug if slug != "index" else None
    return None


def name_words(text: str) -> list[str]:
    """A name's words as they go into an address: letters transliterated to ASCII ("Môn" →
    "mon", as Markdown's heading ids do), lower case, apostrophes dropped, "&" read as "and".

    File names, group anchors, theme and board slugs all take their words from here, so a
    Welsh name has one address however it is written."""
    lowered = anyascii(text.replace("&", " and ")).lower().replace("'", "")
    return re.findall(r"[a-z0-9]+", lowered)
