"""Release builds: `make build` takes each page it would make unchanged from the last release,
rather than rendering it again.

scripts/build_site.py builds every release into a new folder beside the last one, and names
the last one in REVIEW_SITE_PREVIOUS_RELEASE (empty when there is none). Such a build keys
every page as the preview does (`adapter.keys`: a page's key names everything its output
is made from; `adapter.page_state`) and, once it succeeded, records the keys beside its folder
(`<folder>.keys.json`, never in the site). The next build reads the record of the last
release: a page whose key is unchanged is hard-linked from the last release (the same bytes,
no copy) when the record was written by the same code (our files and the versions of the
packages that make pages: `store.code_key`) under the same engine; every other page is
rendered. A record that cannot be read, or was written by other code, is not used: every page
is rendered.

Nothing else is taken from the last release. The files copied as they are, the exports,
feeds, redirects, the sitemap and the URL manifest are written again, search is indexed again
(from its kept batches), and the checks read every file of the new folder, linked pages
included: the leak guard still reads every byte published.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.memo import LoadMemo
from ..policy.vetting import ContentMemo
from ..settings import EnvironmentVariables
from .engine import BUILD_LOGGERS, DIRTY_WARNING, quiet_logger
from .page_state import PageState
from .store import code_key

#: The record of a release's keys, beside its folder.
RECORD_SUFFIX = ".keys.json"


def record_path(site_dir: Path) -> Path:
    """Where the keys of the release in `site_dir` are recorded: beside it."""
    return site_dir.with_name(f"{site_dir.name}{RECORD_SUFFIX}")


@dataclass
class ReleaseState(PageState):
    """A release build's keys: a page whose key is unchanged is linked from the last release's
    folder (`kept_dir`, which the keys describe) into the new one, not rendered."""

    #: The last release's folder (None: there is none usable, and every page is rendered).
    kept_dir: Path | None = None
    #: The pages (output paths) this build took from `kept_dir`.
    reused: list[str] = field(default_factory=list)

    def last_folder(self, site_dir: Path) -> Path:
        return self.kept_dir or site_dir

    def choose(
        self, pages: Iterable[tuple[str, str]], site_dir: Path, deferrable: Collection[str] = frozenset()
    ) -> set[str]:
        """The pages to render (source paths); every other page is linked from the last release
        now, before anything is rendered. Nothing is deferred in a release."""
        outputs, needed = self.needed(pages, site_dir)
        fresh = {source for source, _ in needed}
        self.rendered = [output for _, output in needed]
        self.reused = [output for source, output in outputs.items() if source not in fresh]
        if self.kept_dir is not None:
            folders: set[Path] = set()
            for output in self.reused:
                link_kept(self.kept_dir, site_dir, output, folders)
        self.outputs = outputs
        return fresh


def link_kept(kept_dir: Path, site_dir: Path, output: str, folders: set[Path]) -> None:
    """Put the file at `output` (a path relative to both folders) of the last release into the
    new site folder: a hard link (the same bytes, no copy), or a copy where links cannot be
    made. Nothing writes to a page linked so: the pages a build renders are never linked.
    `folders`: those made so far."""
    target = site_dir / output
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    try:
        os.link(kept_dir / output, target)
    except OSError:
        shutil.copy2(kept_dir / output, target)


#: The folder of the cache where a release keeps what it read of content/ for the next.
CONTENT_CACHE = "content"


def content_memo_path(environment: EnvironmentVariables, project_dir: Path) -> Path:
    """Where the content read by the last release is kept, under the code that read it: a
    release made by other code never reads it."""
    return environment.cache_folder(project_dir, CONTENT_CACHE) / f"{code_key()[:24]}.pickle"


def read_content_memo(path: Path) -> ContentMemo:
    """What the last release read of content/ (`load.memo`: every file's document and record by
    its path and digest), so that only the files changed since are parsed and validated again;
    an empty memo when there is none usable. A memo finds exactly what a load without one does."""
    try:
        with path.open("rb") as kept:
            load = pickle.load(kept)  # noqa: S301 - written by this code (its key), in the project's own cache
    except Exception:
        return ContentMemo()
    return ContentMemo(load=load) if isinstance(load, LoadMemo) else ContentMemo()


def save_content_memo(path: Path, memo: ContentMemo, drafts: Collection[str]) -> None:
    """Keep what this release read of content/ for the next (the documents and records only:
    findings have their own cache), but nothing of drafts (`drafts`: their paths), which no
    cache a release keeps holds; memos of other code are removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as kept:
            pickle.dump(memo.load.without(drafts), kept, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
        for other in path.parent.glob("*.pickle"):
            if other != path:
                other.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs time


def release_state(environment: EnvironmentVariables, engine: str) -> ReleaseState | None:
    """The keys of a release build (None when this is not one), with the last release's keys
    and folder when its record is usable (see the module docstring)."""
    previous = environment.previous_release
    if previous is None:
        return None
    state = ReleaseState()
    if not previous or not Path(previous).is_dir():
        return state
    try:
        record = json.loads(record_path(Path(previous)).read_text(encoding="utf-8"))
        if record["code"] != code_key() or record["engine"] != engine:
            return state
        keys, outputs, hubs = dict(record["keys"]), dict(record["outputs"]), record["hub_keys"]
        hub_keys = (str(hubs[0]), dict(hubs[1])) if hubs is not None else None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return state
    state.keys, state.outputs, state.hub_keys = keys, outputs, hub_keys
    state.kept_dir = Path(previous)
    return state


def save_record(site_dir: Path, keys: Mapping[str, str], state: ReleaseState, engine: str) -> None:
    """Record the keys of the pages in `site_dir` (every page of this build: `keys`), written
    to a temporary file first so that a record is whole or absent."""
    record: dict[str, Any] = {
        "code": code_key(),
        "engine": engine,
        "keys": dict(keys),
        "outputs": state.outputs,
        "hub_keys": list(state.hub_keys) if state.hub_keys is not None else None,
    }
    target = record_path(site_dir)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=".keys-", suffix=".tmp", delete=False
    ) as temporary:
        json.dump(record, temporary, sort_keys=True)
    Path(temporary.name).replace(target)


class _WithoutDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """Drop the engine's warning that a build is dirty (`engine.DIRTY_WARNING`); once per process.

    MkDocs warns on every dirty build. Release builds and the preview's rebuilds are dirty
    builds whose pages the hooks choose (a release's folder starts empty): the warning is
    noise, and in strict mode it would stop them."""
    for name in BUILD_LOGGERS:
        quiet_logger(name, _WithoutDirtyWarning())
