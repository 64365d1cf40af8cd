"""The shape that keeps unpublished content out: one public view, computed by the policy alone."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casereviews.load.catalogue import load_site
from casereviews.policy.public import public_view
from sitekit import (
    BEFORE_EMBARGO,
    PROJECT,
    SiteProject,
    canary,
    canary_body,
    canary_fields,
    output_files,
    readable,
)

PACKAGE = PROJECT / "hooks" / "casereviews"
#: Attributes and names that carry publication status or visibility.
STATUS_NAMES = {"status", "embargo_until", "visibility", "Visibility", "is_listed", "has_page"}
#: Where they may be read: the policy, and the model that defines and validates the fields
#: (an action plan's items have a `status` key of their own, read only where it is validated;
#: the model calls it an action's stage).
ALLOWED = {"policy", "model/reviews.py", "model/review_fields.py", "model/vocabulary.py", "model/action_plan.py"}


def status_reads(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of a module that read a status or visibility (attribute, name or 'status' key)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in STATUS_NAMES:
            yield node.lineno, f".{node.attr}"
        elif isinstance(node, ast.Name) and node.id in STATUS_NAMES:
            yield node.lineno, node.id
        elif isinstance(node, ast.Constant) and node.value == "status":
            yield node.lineno, "'status'"


def test_only_the_policy_reads_status_or_visibility():
    """No module outside the policy layer decides anything from a review's status."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(path.relative_to(PACKAGE).as_posix().startswith(allowed) for allowed in ALLOWED)
        for line, what in status_reads(path)
    ]
    assert offenders == []


def test_the_status_scan_finds_a_status_read(tmp_path: Path):
    """The scan above is not blind: it finds the reads it forbids."""
    module = tmp_path / "renderer.py"
    module.write_text("def show(review):\n    return review.status == 'draft' or meta.get('status')\n")
    assert [what for _, what in status_reads(module)] == [".status", "'status'"]


def walk(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every string reachable from a value: dataclass fields, mappings, sequences, objects."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from walk(getattr(value, item.name), seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(key, seen)
            yield from walk(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from walk(item, seen)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        yield from walk(vars(value), seen)


@pytest.fixture(scope="module")
def unpublished_project(tmp_path_factory: pytest.TempPathFactory) -> SiteProject:
    """A project with a draft and an embargoed review full of canaries, and one published review."""
    project = SiteProject(tmp_path_factory.mktemp("unpublished"))
    project.write_review("draft-one", body=canary_body("draft"), status="draft", **canary_fields("draft"))
    project.write_review(
        "embargoed-one", body=canary_body("embargo"), embargo_until="2026-11-30 09:00", **canary_fields("embargo")
    )
    project.write_review("published-one", body=canary_body("published"), **canary_fields("published"))
    return project


def test_the_public_view_holds_nothing_of_a_draft_or_embargoed_review(unpublished_project: SiteProject):
    """By construction: no string anywhere in the public view comes from an unpublished review."""
    now = dt.datetime.fromisoformat(BEFORE_EMBARGO)
    site = load_site(unpublished_project.content, now.date(), unpublished_project.root)
    assert not site.errors, site.errors
    strings = "\n".join(walk(public_view(site, now)))
    assert canary("published", "body") in strings  # the walk reaches review text
    for kind in ("draft", "embargo"):
        for where in ("summary", "body", "learning", "title", "pseudonym", "keyword", "reviewer"):
            assert canary(kind, where) not in strings
    assert "draft-one" not in strings and "embargoed-one" not in strings


@pytest.mark.site
def test_without_the_leak_guard_nothing_unpublished_is_written(unpublished_project: SiteProject, monkeypatch):
    """Switch the leak guard off and build: the output still holds no byte of a draft or an embargoed review."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from casereviews.output_checks import leakguard

    monkeypatch.setattr(leakguard, "scan", lambda site_dir, markers, paths=None: [])
    monkeypatch.setenv("REVIEW_SITE_NOW", BEFORE_EMBARGO)
    config = load_config(str(unpublished_project.config_file))
    build(config)
    site_dir = Path(config.site_dir)
    assert (site_dir / "reviews" / "published-one" / "index.html").exists()
    words = [canary(kind, where) for kind in ("draft", "embargo") for where in ("summary", "body", "title")]
    words += ["draft-one", "embargoed-one"]
    leaked = [(path.name, word) for path in output_files(site_dir) for word in words if word.encode() in readable(path)]
    assert leaked == []


def pinned_names(requirements: Path) -> set[str]:
    return {
        line.split("==")[0].strip().lower().replace("_", "-").replace(".", "-")
        for line in requirements.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }


def test_a_build_installs_none_of_the_importers_libraries():
    """`make build` installs requirements.txt only; the importer's libraries come with `make import`."""
    importer_only = {"pdfplumber", "mammoth", "wordllama", "pdfminer-six", "pypdfium2", "tokenizers"}
    assert importer_only <= pinned_names(PROJECT / "requirements-import.txt")
    assert not importer_only & pinned_names(PROJECT / "requirements.txt")
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    build_rule = re.search(r"^build: (.*)$", makefile, re.M)
    assert build_rule is not None and build_rule.group(1).split() == ["$(RUNTIME)"]
    runtime_rule = re.search(r"^\$\(RUNTIME\):.*\n\t(.*)$", makefile, re.M)
    assert runtime_rule is not None and runtime_rule.group(1).endswith("-r requirements.txt")
