"""Release builds: `make build` takes each page it would make unchanged from the last release,
rather than rendering it again.

scripts/build_site.py builds every release into a new folder beside the last one, and names
the last one in REVIEW_SITE_PREVIOUS_RELEASE (empty when there is none). Such a build keys
every page as the preview does (`adapter.preview`: a page's key names everything its output
is made from) and, once it succeeded, records the keys beside its folder
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
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..settings import EnvironmentVariables
from .engine import BUILD_LOGGERS, DIRTY_WARNING, quiet_logger
from .preview import Preview
from .store import code_key

#: The record of a release's keys, beside its folder.
RECORD_SUFFIX = ".keys.json"


def record_path(site_dir: Path) -> Path:
    """Where the keys of the release in `site_dir` are recorded: beside it."""
    return site_dir.with_name(f"{site_dir.name}{RECORD_SUFFIX}")


def release_state(environment: EnvironmentVariables, engine: str) -> Preview | None:
    """The keys of a release build (None when this is not one), with the last release's keys
    and folder when its record is usable (see the module docstring)."""
    previous = environment.previous_release
    if previous is None:
        return None
    state = Preview()
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


def save_record(site_dir: Path, keys: Mapping[str, str], state: Preview, engine: str) -> None:
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
