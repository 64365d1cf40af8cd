"""Shared fixtures: the hooks package on the path, and one build of the sample site."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS.parent / "hooks"))
sys.path.insert(0, str(TESTS.parent))  # the importer, beside the hooks
sys.path.insert(0, str(TESTS))

from browser import CHROMIUM, CHROMIUM_ARGS, PageWatch, require_chromium, serve  # noqa: E402
from sitekit import BuildResult, SiteProject  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def shared_findings_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One anonymisation cache for the session: the sample files are checked once, not per build."""
    os.environ["REVIEW_SITE_CACHE"] = str(tmp_path_factory.mktemp("findings-cache"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The sample site, built once by `make build`'s script into a temp folder."""
    project = SiteProject(tmp_path_factory.mktemp("sample"), sample_reviews=True)
    result = project.build_atomic()
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project(tmp_path: Path) -> SiteProject:
    """A copy of the sample site in a temp folder, for a test to add to and build."""
    return SiteProject(tmp_path)


@pytest.fixture(scope="session")
def site_url(sample_site: BuildResult) -> Iterator[str]:
    """The sample site served on 127.0.0.1."""
    with serve(sample_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's Chromium, launched once for the session through Playwright."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium) -> Iterator[tuple[object, PageWatch]]:
    """A fresh page (own context, no shared storage) and what it requests and logs."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch()
    watch.attach(page)
    yield page, watch
    context.close()
