"""The preview's site folder and keys on disk, so that a later start renders only what changed.

`make serve` keeps the site it serves in the project's cache (`.cache/preview/<config>/site`,
or `preview/<config>/site` under REVIEW_SITE_CACHE), with a record of it beside it
(`record.json`): every page's key and output, the files written after rendering, the hubs'
keys, a digest of what was withheld. A start reads the record into its `Preview`: its first
rebuild is a full one, under the same rules as every rebuild, and renders only the pages
whose key changed; it deletes the pages of reviews that left, and the files it no longer
makes, before the server serves anything.

The record describes the folder only while nothing is being written to it:

- it is removed when a rebuild starts writing (and when a rebuild empties the folder), and
  written again when a rebuild succeeds; a preview stopped while writing (or killed, or whose
  last rebuild failed after it started writing) leaves none, and the next start empties the
  folder. A rebuild that stops on a problem in the content writes nothing: the record stays;
- it names the code that wrote it (our package's files and the versions of the packages that
  make the pages): a record written by other code is not read, and the folder is emptied.

One preview at a time uses a folder (a lock file); another preview of the same project runs
in a temporary folder, as all previews did before. On a system without file locks
(Windows), every preview runs in a temporary folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from ..search.indexing import SearchIndexer
from ..settings import EnvironmentVariables
from .preview import Preview

log = logging.getLogger("casereviews.preview")

RECORD = "record.json"
SITE = "site"
#: The packages whose versions decide what a page looks like, besides our own files.
PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "pagefind",
    "zxing-cpp",
)
#: Our code: everything under hooks/ (the package, its templates and the MkDocs hooks).
HOOKS = Path(__file__).resolve().parents[2]


def code_key() -> str:
    """What made the pages besides the content and the templates the keys name: our files and
    the versions of Python and of the packages that make the pages."""
    digest = hashlib.sha256(sys.version.encode())
    for package in PACKAGES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"\0{package}={importlib.metadata.version(package)}".encode())
    for path in sorted(HOOKS.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"\0{path.relative_to(HOOKS).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def store_folder(config_file: Path, environment: EnvironmentVariables) -> Path:
    """Where the preview of the project configured by `config_file` is kept."""
    name = hashlib.sha256(str(config_file.resolve()).encode()).hexdigest()[:16]
    return environment.cache_folder(config_file.resolve().parent, "preview") / name


class PreviewStore:
    """The folder a preview is kept in, locked while the preview runs (see the module docstring)."""

    def __init__(self, folder: Path, lock: IO[str]) -> None:
        self.folder = folder
        self.site_dir = folder / SITE
        self._lock = lock
        self._code = code_key()
        self._saved = -math.inf

    @classmethod
    def open(cls, config_file: Path, environment: EnvironmentVariables | None = None) -> PreviewStore | None:
        """The store of this project's preview, locked; None when another preview holds it or
        it cannot be used (then the preview runs in a temporary folder)."""
        try:
            import fcntl
        except ImportError:
            return None
        folder = store_folder(config_file, environment or EnvironmentVariables.read())
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = (folder / "lock").open("w", encoding="utf-8")
        except OSError as error:
            log.info("Preview: not kept between starts (%s)", error)
            return None
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            log.info("Preview: another preview of this project keeps %s; this one is not kept", folder)
            return None
        return cls(folder, lock)

    def close(self) -> None:
        self._lock.close()

    def restore(self, preview: Preview) -> bool:
        """Read the record into `preview` (and keep it told when writing starts); whether the
        folder could be kept. A folder without a usable record is emptied."""
        preview.store = self
        try:
            record = json.loads((self.folder / RECORD).read_text(encoding="utf-8"))
            usable = record.get("code") == self._code and self.site_dir.is_dir()
        except (OSError, ValueError, AttributeError):
            usable = False
        if not usable:
            self.empty()
            return False
        try:
            preview.keys = dict(record["keys"])
            preview.outputs = dict(record["outputs"])
            preview.redirects = set(record["redirects"])
            preview.extras = set(record["extras"])
            preview.lists = record["lists"]
            preview.withheld = record["withheld"]
            hubs = record["hub_keys"]
            preview.hub_keys = (str(hubs[0]), dict(hubs[1])) if hubs is not None else None
        except (KeyError, TypeError, ValueError):
            preview.keys, preview.outputs, preview.redirects, preview.extras = {}, {}, set(), set()
            preview.lists = preview.withheld = preview.hub_keys = None
            self.empty()
            return False
        preview.search = SearchIndexer(current=True)  # the index in the folder was made from its pages
        return True

    def forget(self) -> None:
        """The folder is about to change: its record no longer describes it."""
        (self.folder / RECORD).unlink(missing_ok=True)

    def saved_for(self, seconds: float) -> bool:
        """Whether the folder was last recorded at least `seconds` ago (or never)."""
        return time.monotonic() - self._saved >= seconds

    def save(self, preview: Preview) -> None:
        """Record the folder as the last rebuild (which succeeded) left it."""
        self._saved = time.monotonic()
        record: dict[str, Any] = {
            "code": self._code,
            "keys": preview.keys,
            "outputs": preview.outputs,
            "redirects": sorted(preview.redirects),
            "extras": sorted(preview.extras),
            "lists": preview.lists,
            "withheld": preview.withheld,
            "hub_keys": list(preview.hub_keys) if preview.hub_keys is not None else None,
        }
        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.folder, prefix=".record-", suffix=".tmp", delete=False
            ) as temporary:
                json.dump(record, temporary)
            Path(temporary.name).replace(self.folder / RECORD)
        except OSError as error:
            log.warning("Preview: could not record the site folder (%s); the next start renders everything", error)

    def empty(self) -> None:
        """No record, an empty site folder."""
        self.forget()
        shutil.rmtree(self.site_dir, ignore_errors=True)
        for stale in self.folder.glob(f".{SITE}-pagefind-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.site_dir.mkdir(parents=True, exist_ok=True)
