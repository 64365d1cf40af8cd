"""The engine's private parts are used in one module, and only with the engines they were read in.

MkDocs 1.6.1 is unmaintained and ProperDocs, its fork, may change what MkDocs never promised:
an upgrade of either (or of Material, whose blocks overrides/main.html copies) fails here,
pointing at `adapter/engine.py`, before it can fail a board's build in a way nobody reads.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
from pathlib import Path

import pytest

from casereviews.adapter import engine

PROJECT = Path(__file__).resolve().parent.parent
#: What marks a use of a seam in code: the private names and the monkeypatch.
SEAM_USES = re.compile(
    r"\b(?:_populate_page|_build_page|_serve_url|CountHandler|_serve_request|_epoch_cond|_visible_epoch"
    r"|_wanted_epoch)\b|\.is_modified\s*=|A 'dirty' build"
)


@pytest.mark.parametrize("package", sorted(engine.WRITTEN_FOR))
def test_each_installed_engine_is_a_version_the_seams_were_read_in(package: str) -> None:
    installed = importlib.metadata.version(package)
    assert installed in engine.WRITTEN_FOR[package], (
        f"{package} {installed} is installed; the seams in hooks/casereviews/adapter/engine.py were read in "
        f"{', '.join(engine.WRITTEN_FOR[package])}: read each against {installed}, then add it to WRITTEN_FOR"
    )


@pytest.mark.parametrize("engine_package", ["mkdocs", "properdocs"])
def test_every_private_name_used_is_in_both_engines(engine_package: str) -> None:
    """The names `engine` reaches for exist in MkDocs and in ProperDocs alike, with the same parameters."""
    for module_name, names in engine.PRIVATE_NAMES.items():
        module = importlib.import_module(f"{engine_package}.{module_name}")
        for name in names:
            assert hasattr(module, name), f"{engine_package}.{module_name}.{name} is gone"
    build = importlib.import_module(f"{engine_package}.commands.build")
    assert build._populate_page.__code__.co_varnames[:4] == ("page", "config", "files", "dirty")
    assert build._build_page.__code__.co_varnames[:6] == ("page", "config", "doc_files", "nav", "env", "dirty")
    server = importlib.import_module(f"{engine_package}.livereload").LiveReloadServer
    source = Path(importlib.import_module(f"{engine_package}.livereload").__file__ or "").read_text(encoding="utf-8")
    for member in engine.SERVER_MEMBERS:
        assert hasattr(server, member) or f"self.{member}" in source, f"LiveReloadServer.{member} is gone"
    assert engine.DIRTY_WARNING in Path(build.__file__ or "").read_text(encoding="utf-8")


def test_the_material_blocks_overrides_copies_are_still_materials() -> None:
    base = Path(importlib.import_module("material").__file__ or "").parent / "templates" / "base.html"
    ours = (PROJECT / "overrides" / "main.html").read_text(encoding="utf-8")
    for block in engine.MATERIAL_BLOCKS:
        assert f"{{% block {block} %}}" in base.read_text(encoding="utf-8"), f"Material's base.html has no {block}"
        assert f"{{% block {block} %}}" in ours


def test_no_module_but_the_engine_module_uses_a_seam() -> None:
    """A new use of a private part goes into `adapter/engine.py`, where it is listed and tested."""
    sources = [*(PROJECT / "hooks").rglob("*.py"), *(PROJECT / "scripts").glob("*.py")]
    uses = [
        f"{path.relative_to(PROJECT)}:{number}: {line.strip()}"
        for path in sources
        if path.name != "engine.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SEAM_USES.search(line)
    ]
    assert len(sources) > 50
    assert uses == []


def test_the_seam_scan_finds_a_seam() -> None:
    """The scan above is not blind."""
    assert SEAM_USES.search("from mkdocs.commands.build import _build_page")
    assert SEAM_USES.search("file.is_modified = lambda: True")
