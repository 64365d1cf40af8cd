"""Hosting under a sub-path: SITE_URL=https://example.org/board/learning/ gives a site that
works served at /board/learning/ and nowhere else (every link, asset, search file, feed,
export, redirect and briefing), and a search that stays inside the sub-path."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from browser import SiteRequestHandler, axe_violations, search, serve
from casereviews.adapter.output import site_url_override
from casereviews.settings import EnvironmentVariables
from sitekit import BuildResult, SiteProject

PUBLIC_URL = "https://example.org/board/learning/"
PREFIX = "/board/learning/"


class SubPathHandler(SiteRequestHandler):
    """The site folder at /board/learning/; every address outside it is not found."""

    def translate_path(self, path: str) -> str:
        address = urlsplit(path).path
        if not address.startswith(PREFIX):
            return str(Path(self.directory) / ".outside-the-sub-path" / "missing")
        return super().translate_path("/" + path[len(PREFIX) :])


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = SiteProject(tmp_path_factory.mktemp("subpath"))
    result = project.build(SITE_URL=PUBLIC_URL)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def subpath_url(subpath_site: BuildResult) -> Iterator[str]:
    """The base URL of the site served under the sub-path: http://127.0.0.1:port/board/learning/."""
    with serve(subpath_site.site_dir, SubPathHandler, PREFIX) as url:
        yield url


class Links(HTMLParser):
    """Every address an HTML page links to or loads, and the ids it carries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src", "action"):
            value = values.get(name)
            if value is not None and not (tag == "a" and name == "href" and values.get("id") == "search-link"):
                self.urls.append(value)
        if values.get("srcset"):
            self.urls.extend(part.split()[0] for part in (values["srcset"] or "").split(",") if part.strip())
        refresh = values.get("content") or ""
        if (values.get("http-equiv") or "").lower() == "refresh" and "url=" in refresh:
            self.urls.append(refresh.split("url=", 1)[1])


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (our own server on 127.0.0.1)
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def local(url: str, base: str) -> str:
    """A public address of the site, as served by the test server."""
    return base + url[len(PUBLIC_URL) :] if url.startswith(PUBLIC_URL) else url


def crawl(base: str, seeds: list[str]) -> tuple[dict[str, int], list[str], dict[str, set[str]], list[str]]:
    """Follow every internal link and asset from `seeds`: status by URL, broken references
    (as 'page → target'), ids by page, and every feed and export fetched."""
    host = urlsplit(base).netloc
    status: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    broken: list[str] = []
    data_files: list[str] = []
    queue = [(seed, "seed") for seed in seeds]
    while queue:
        url, referrer = queue.pop()
        url, fragment = urldefrag(url)
        if fragment:
            fragments.append((referrer, url, fragment))
        target = url.split("?", 1)[0]
        if target in status:
            continue
        if not target.startswith(base):
            broken.append(f"{referrer} → {url} (outside the sub-path)")
            status[target] = 0
            continue
        code, kind, body = fetch(target)
        status[target] = code
        if code != 200:
            broken.append(f"{referrer} → {url} ({code})")
            continue
        found: list[str] = []
        if kind == "text/html":
            parser = Links()
            parser.feed(body.decode("utf-8"))
            ids[target] = parser.ids
            found = parser.urls
        elif target.endswith(".xml") and b"<feed" in body[:400]:
            data_files.append(target)
            atom = "{http://www.w3.org/2005/Atom}"
            found = [local(link.get("href", ""), base) for link in ET.fromstring(body).iter(f"{atom}link")]
        elif target.endswith("reviews.json"):
            data_files.append(target)
            records = json.loads(body)
            records = records["reviews"] if isinstance(records, dict) else records
            found = [local(str(record["url"]), base) for record in records]
        elif target.endswith(".csv"):
            data_files.append(target)
            found = [local(u, base) for u in re.findall(r"https://example\.org/[^\s,\"]*", body.decode("utf-8"))]
        elif kind == "text/css":
            found = [u for u in re.findall(r"url\(['\"]?([^'\")]+)", body.decode("utf-8")) if not u.startswith("data:")]
        for link in found:
            absolute = urljoin(target, link)
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https") and parts.netloc == host:
                queue.append((absolute, target))
    for referrer, url, fragment in fragments:
        page = url.split("?", 1)[0]
        if page in ids and fragment not in ids[page] and fragment not in ("", "__skip"):
            broken.append(f"{referrer} → {url}#{fragment} (no such anchor)")
    return status, broken, ids, data_files


@pytest.mark.browser
def test_every_link_asset_feed_export_and_redirect_works_under_the_sub_path(
    subpath_site: BuildResult, subpath_url: str
) -> None:
    manifest = json.loads(subpath_site.text("url-manifest.json"))
    addresses = manifest["urls"] if isinstance(manifest, dict) else manifest
    sitemap = re.findall(r"<loc>([^<]+)</loc>", subpath_site.text("sitemap.xml"))
    files = ("reviews.json", "reviews.csv", "reviews.schema.json", "feed.xml", "pagefind/pagefind.js")
    seeds = [subpath_url, *(subpath_url + name for name in files)]
    seeds += [subpath_url + address.lstrip("/") for address in addresses]
    seeds += [local(address, subpath_url) for address in sitemap]
    status, broken, ids, data_files = crawl(subpath_url, seeds)
    assert not broken, "\n".join(sorted(broken))
    pages = [url for url in ids if not url.endswith(".html") or url.endswith("index.html")]
    assert len(pages) > 50, "the crawl reached too few pages"
    for kind in ("briefing/", "assets/stylesheets/site.css", "themes/neglect/feed.xml"):
        assert any(url.endswith(kind) for url in status), f"the crawl never reached …{kind}"
    assert any(url.endswith("reviews.json") for url in data_files)
    assert all(address.startswith(PUBLIC_URL) for address in sitemap)


@pytest.mark.browser
def test_redirects_and_the_404_page_stay_inside_the_sub_path(subpath_site: BuildResult, subpath_url: str) -> None:
    missing = fetch(subpath_url + "no-such-page/")
    assert missing[0] == 404
    not_found = Links()
    not_found.feed(subpath_site.text("404.html"))
    absolute = [url for url in not_found.urls if url.startswith("/")]
    assert absolute, "the 404 page (served at any depth) needs absolute links"
    assert all(url.startswith(PREFIX) for url in absolute), absolute
    for url in absolute:
        assert fetch(urljoin(subpath_url, url))[0] == 200, url


def test_a_site_url_that_is_not_an_absolute_folder_address_is_named() -> None:
    assert site_url_override(EnvironmentVariables()) == (None, None)
    assert site_url_override(EnvironmentVariables(site_url=PUBLIC_URL)) == (PUBLIC_URL, None)
    for wrong in ("https://example.org/board/learning", "/board/learning/", "ftp://example.org/", "example.org/"):
        value, problem = site_url_override(EnvironmentVariables(site_url=wrong))
        assert value is None and problem is not None
        assert "SITE_URL" in str(problem) and repr(wrong) in str(problem) and "ending in '/'" in str(problem)


@pytest.mark.site
def test_a_wrong_site_url_stops_the_build_with_its_problem(project: SiteProject) -> None:
    result = project.build(SITE_URL="https://example.org/board/learning")
    assert result.returncode != 0
    assert "SITE_URL: found 'https://example.org/board/learning'" in result.output


@pytest.mark.browser
def test_search_under_the_sub_path_finds_reviews_and_stays_inside_it(
    subpath_url: str, browser_page: tuple[Any, Any]
) -> None:
    page, watch = browser_page
    paths = search(page, subpath_url + "search/?q=neglect")
    assert paths, "no results"
    assert all(path.startswith(PREFIX + "reviews/") or path.startswith(PREFIX + "themes/") for path in paths), paths
    assert not watch.console_errors, watch.console_errors
    assert not watch.failed, watch.failed
    outside = [url for url in watch.requests if not url.startswith(subpath_url) and not url.startswith("data:")]
    assert not outside, outside
    page.locator("#search-results h2 a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith(PREFIX)
    assert not watch.failed, watch.failed


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "",
        "themes/neglect/",
        "reviews/2007-tower-hamlets-baby-e/",
        "reviews/2007-tower-hamlets-baby-e/briefing/",
        "search/",
    ],
)
def test_pages_under_the_sub_path_are_accessible_and_private(
    subpath_url: str, browser_page: tuple[Any, Any], path: str
) -> None:
    """Served under /board/learning/, each page type has 0 axe violations and asks nothing outside it."""
    page, watch = browser_page
    response = page.goto(subpath_url + path)
    assert response is not None and response.status == 200
    assert axe_violations(page) == []
    assert watch.failed == [] and watch.console_errors == []
    assert [url for url in watch.requests if not url.startswith(subpath_url) and not url.startswith("data:")] == []
