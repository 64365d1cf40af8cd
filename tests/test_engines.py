"""The site builds the same with MkDocs and with ProperDocs, its maintained fork."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sitekit import PROJECT, TEST_NOW, SiteProject

sys.path.insert(0, str(PROJECT / "scripts"))
from generate_corpus import generate

pytestmark = pytest.mark.site
spec = importlib.util.spec_from_file_location("compare_engines", PROJECT / "scripts" / "compare_engines.py")
assert spec is not None and spec.loader is not None
compare_engines = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_engines)


def test_the_sample_site_is_the_same_with_both_engines(project: SiteProject):
    """Every file of the sample site is identical but for the generator tag."""
    environ = project.environment(TEST_NOW)
    assert compare_engines.compare(project.config_file, environ) == []


@pytest.mark.slow
def test_a_generated_corpus_is_the_same_with_both_engines(project: SiteProject):
    """A corpus of 150 generated reviews, with Pagefind's index, builds identically."""
    generate(project.content, 150, seed=11)
    environ = project.environment(TEST_NOW)
    assert compare_engines.compare(project.config_file, environ) == []


def test_the_comparison_sees_a_difference(tmp_path: Path):
    """The comparison is not blind: a changed byte and a missing file are reported."""
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, text in ((first, "<p>one</p>"), (second, "<p>two</p>")):
        (folder / "page").mkdir(parents=True)
        (folder / "page" / "index.html").write_text(text, encoding="utf-8")
    (first / "feed.xml").write_text("<feed/>", encoding="utf-8")
    assert compare_engines.differences(first, second) == [
        "only in the first build: feed.xml",
        "differs: page/index.html",
    ]
