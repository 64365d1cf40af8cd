"""The offline bundle: `make offline`'s zip, unzipped and opened from disk (file://), works
without a network: links lead to pages (not folder listings), styles load, briefings are
reached, and the search page says plainly that search is not available offline."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sitekit import PROJECT, BuildResult

sys.path.insert(0, str(PROJECT / "scripts"))

from offline_bundle import BUNDLE_FOLDER, file_link, rewrite_page


@pytest.fixture(scope="module")
def bundle(sample_site: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site's offline bundle, written by the script and unzipped; its root folder."""
    folder = tmp_path_factory.mktemp("offline")
    output = folder / "site-offline.zip"
    before = sorted((path, path.stat().st_mtime_ns) for path in sample_site.site_dir.resolve().rglob("*"))
    script = PROJECT / "scripts" / "offline_bundle.py"
    command = [sys.executable, str(script), "--site-dir", str(sample_site.site_dir), "--output", str(output)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    after = sorted((path, path.stat().st_mtime_ns) for path in sample_site.site_dir.resolve().rglob("*"))
    assert before == after, "the bundle must be made from a copy: site/ was changed"
    with zipfile.ZipFile(output) as archive:
        archive.extractall(folder / "unzipped")
    return folder / "unzipped" / BUNDLE_FOLDER


#: A relative link (not to another host, not absolute) that ends at a folder.
FOLDER_LINK = re.compile(r'(?:href|src|action)="((?![a-z]+:|/)[^"#?]*(?:/|\.\.|(?<![^/])\.)(?:[?#][^"]*)?)"')


def test_links_to_folders_name_their_index_file() -> None:
    assert file_link("reviews/child-m/") == "reviews/child-m/index.html"
    assert file_link("../../themes/neglect/#year-2007") == "../../themes/neglect/index.html#year-2007"
    assert file_link("../search/?theme=neglect") == "../search/index.html?theme=neglect"
    assert file_link("..") == "../index.html"
    assert file_link("../..") == "../../index.html"
    assert file_link(".") == "./index.html"
    for unchanged in ("#learning-1", "", "feed.xml", "../assets/site.css", "https://example.org/x/", "/abs/"):
        assert file_link(unchanged) == unchanged
    html = '<a href="../x/">x</a><meta http-equiv="refresh" content="0; url=../y/"><img src="a.png">'
    assert rewrite_page(html) == (
        '<a href="../x/index.html">x</a><meta http-equiv="refresh" content="0; url=../y/index.html"><img src="a.png">'
    )


@pytest.mark.site
def test_the_bundle_holds_the_pages_and_no_link_opens_a_folder(bundle: Path) -> None:
    assert (bundle / "index.html").exists()
    assert not (bundle / "pagefind").exists()
    briefings = list(bundle.glob("reviews/*/briefing/index.html"))
    assert briefings
    for page in bundle.rglob("*.html"):
        folders = FOLDER_LINK.findall(page.read_text(encoding="utf-8"))
        assert not folders, f"{page}: {folders}"


def _no_foreign_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).scheme not in ("file", "data", "blob", "about")]


@pytest.mark.browser
def test_a_trainer_goes_from_a_theme_to_a_briefing_from_disk(bundle: Path, browser_page: tuple[Any, Any]) -> None:
    page, watch = browser_page
    page.goto((bundle / "themes" / "index.html").as_uri())
    page.locator(
        '.md-content a[href$="themes/neglect/index.html"], .md-content a[href="neglect/index.html"]'
    ).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/themes/neglect/index.html"), page.url
    page.locator('.md-content a[href*="reviews/20"]').first.click()
    page.wait_for_load_state()
    assert "/reviews/" in page.url and page.url.endswith("/index.html"), page.url
    assert page.locator("h1").count() == 1
    # site.css applies: the review's facts panel has its coloured left border
    assert page.eval_on_selector(".review-facts", "e => getComputedStyle(e).borderLeftWidth") == "4px"
    page.locator('a[href="briefing/index.html"]').first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/briefing/index.html"), page.url
    assert page.locator(".briefing").count() == 1
    page.locator(".md-header a.md-logo").first.click()
    page.wait_for_load_state()
    assert page.url == (bundle / "index.html").as_uri()
    assert not watch.failed, watch.failed
    assert not _no_foreign_requests(watch.requests), _no_foreign_requests(watch.requests)


@pytest.mark.browser
def test_the_search_page_says_search_is_not_available_offline(bundle: Path, browser_page: tuple[Any, Any]) -> None:
    page, watch = browser_page
    page.goto((bundle / "index.html").as_uri())
    page.locator('a[href="search/index.html"]').first.click()
    page.wait_for_load_state()
    notice = page.locator("#search-offline")
    assert notice.is_visible()
    assert "not available" in notice.inner_text()
    assert not page.locator("#review-search").is_visible()
    notice.locator('a[href="../themes/index.html"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/themes/index.html")
    assert not _no_foreign_requests(watch.requests), _no_foreign_requests(watch.requests)
