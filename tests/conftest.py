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


# --- the suite in three speeds -------------------------------------------------------------------
#
# unit:    in process, no site built, no browser (`make unit`, under a minute);
# site:    builds real sites and reads the files written (`@pytest.mark.site`);
# browser: drives Chromium over a built site (`@pytest.mark.browser`).
# `make test` runs all three. A test with neither mark is a unit test, and in the unit layer a
# build or a browser stops it with what to do, so the layer cannot slow down unnoticed.

LAYERS = ("unit", "site", "browser", "all")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--layer", choices=LAYERS, default="all", help="run one speed of the suite: unit, site or browser tests"
    )


def layer_of(item: pytest.Item) -> str:
    if item.get_closest_marker("browser"):
        return "browser"
    return "site" if item.get_closest_marker("site") else "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = config.getoption("--layer")
    if wanted == "all":
        return
    chosen = [item for item in items if layer_of(item) == wanted]
    config.hook.pytest_deselected(items=[item for item in items if layer_of(item) != wanted])
    items[:] = chosen


class BuildInUnitLayerError(AssertionError):
    """A unit test built a site or opened a browser."""


def _refuse(what: str):  # type: ignore[no-untyped-def]
    def refused(*args: object, **kwargs: object) -> None:
        raise BuildInUnitLayerError(
            f"a unit test {what}: mark it @pytest.mark.site (or browser), or test the behaviour in process"
        )

    return refused


@pytest.fixture(scope="session", autouse=True)
def unit_layer_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    """In the unit layer, building a site (in process or with the command line) or launching
    Chromium fails the test that does it."""
    if request.config.getoption("--layer") != "unit":
        yield
        return
    import mkdocs.commands.build

    from casereviews.adapter import rebuild

    patch = pytest.MonkeyPatch()
    for name in ("build", "build_atomic", "check"):
        patch.setattr(SiteProject, name, _refuse(f"ran SiteProject.{name}"))
    patch.setattr(mkdocs.commands.build, "build", _refuse("built a site with MkDocs"))
    patch.setattr(rebuild, "build", _refuse("built a site with MkDocs"))
    patch.setitem(globals(), "require_chromium", _refuse("launched Chromium"))
    yield
    patch.undo()
