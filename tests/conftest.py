"""Shared fixtures: the hooks package on the path, and one build of the sample site."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS.parent / "hooks"))
sys.path.insert(0, str(TESTS))

from sitekit import BuildResult, SiteProject  # noqa: E402


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
