"""What releases and the preview share: the key of every page last built, and the choice,
from this build's keys, of the pages to render (`adapter.keys` decides the keys).

A page is rendered when its key changed (or it has none), it moved, or its file is gone.
`ReleaseState` (`adapter.releases`) takes the others from the last release; `Preview`
(`adapter.preview`) keeps them where they are, in the folder it serves.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..render.generated import GeneratedPage
from .keys import KeyMemo


@dataclass
class PageState:
    """The keys of the pages last built, and those of the build under way."""

    #: Source path → key of the page as last rendered (see `keys.plan_pages`).
    keys: dict[str, str] = field(default_factory=dict)
    #: Source path → output path (relative to the site folder) of every page last built.
    outputs: dict[str, str] = field(default_factory=dict)
    #: Briefing key → the page.
    briefings: dict[str, GeneratedPage] = field(default_factory=dict)
    #: The hubs' key (see `PagePlan.hubs`) → the key of each hub made under it: its own text.
    hub_keys: tuple[str, dict[str, str]] | None = None
    #: What keying keeps (see `KeyMemo`).
    key_memo: KeyMemo = field(default_factory=KeyMemo)
    #: Output paths rendered by the build under way.
    rendered: list[str] = field(default_factory=list)
    #: Keys decided by the build under way, kept once it succeeds.
    _pending: dict[str, str] = field(default_factory=dict)

    def briefing(self, key: str, make: Callable[[], GeneratedPage]) -> GeneratedPage:
        if key not in self.briefings:
            self.briefings[key] = make()
        return self.briefings[key]

    def known_hubs(self, hubs: str) -> dict[str, str] | None:
        """The key of each hub, when the hubs were made under this key before (else None)."""
        return dict(self.hub_keys[1]) if self.hub_keys is not None and self.hub_keys[0] == hubs else None

    def last_folder(self, site_dir: Path) -> Path:
        """The folder holding the pages the keys describe."""
        return site_dir

    def needs_render(self, source: str, output: str, site_dir: Path) -> bool:
        """Whether the page must be rendered: its key changed (or it has none), it moved, or its file is gone."""
        key = self._pending.get(source)
        return (
            key is None
            or self.keys.get(source) != key
            or self.outputs.get(source) != output
            or not self.last_folder(site_dir).joinpath(output).is_file()
        )

    def needed(self, pages: Iterable[tuple[str, str]], site_dir: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
        """Every page (source path → output path) of this build, and those that must be rendered."""
        outputs: dict[str, str] = {}
        needed: list[tuple[str, str]] = []
        for source, output in pages:
            outputs[source] = output
            if self.needs_render(source, output, site_dir):
                needed.append((source, output))
        return outputs, needed

    def choose(
        self, pages: Iterable[tuple[str, str]], site_dir: Path, deferrable: Collection[str] = frozenset()
    ) -> set[str]:
        """The pages (source paths) to render, of every page (source path, output path) of this
        build. Called before anything is written."""
        raise NotImplementedError

    def plan(self, keys: dict[str, str]) -> None:
        self._pending = keys

    def planned(self) -> dict[str, str]:
        """The keys of this build's pages (source path → key)."""
        return dict(self._pending)
