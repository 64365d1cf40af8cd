"""What a long-lived process (the preview) keeps from one load of content/ to the next.

A file's document and record depend only on its bytes (and, for a review, on the theme
catalogue and the day), so they are kept by the file's path and the SHA-256 of its bytes:
a load parses and validates again only the files whose bytes changed, and a file changed
back and forth is never mistaken for another. Whatever a load did not use is dropped at its
end, so the memo holds one load's worth of content.

Reading every file to hash it costs more than the rest of a load once nothing needs
parsing, so a file is not read again while it is plainly untouched: same size, inode,
modification and change times as when it was last hashed, and last modified well before
that (as git does, a file modified just before it was hashed is read again, since a second
write within the file system's clock tick would leave its times as they were).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.messages import message
from ..model.source import SourceDocument
from ..problems import Problem

#: A file last modified this close to (or after) the moment it was hashed is read again next time.
RACY_NS = 3_000_000_000

Signature = tuple[int, int, int, int, int]


def _signature(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_ino, info.st_dev, info.st_mtime_ns, info.st_ctime_ns)


@dataclass
class _Hashed:
    signature: Signature
    digest: str
    hashed_at_ns: int


@dataclass
class LoadMemo:
    """Documents and records by path and content digest, kept between loads (see the module docstring)."""

    _hashed: dict[Path, _Hashed] = field(default_factory=dict)
    _documents: dict[tuple[str, str], tuple[SourceDocument | None, list[Problem]]] = field(default_factory=dict)
    _records: dict[tuple[str, ...], tuple[Any, list[Problem]]] = field(default_factory=dict)
    _used_hashed: set[Path] = field(default_factory=set)
    _used_documents: set[tuple[str, str]] = field(default_factory=set)
    _used_records: set[tuple[str, ...]] = field(default_factory=set)
    #: Files parsed by the last load (display paths): what changed since the one before.
    parsed: list[str] = field(default_factory=list)

    def begin(self) -> None:
        self._used_hashed, self._used_documents, self._used_records = set(), set(), set()
        self.parsed = []

    def end(self) -> None:
        """Drop what the load that just ended did not use."""
        self._hashed = {path: self._hashed[path] for path in self._used_hashed if path in self._hashed}
        self._documents = {key: self._documents[key] for key in self._used_documents}
        self._records = {key: self._records[key] for key in self._used_records}

    def read(
        self, path: Path, display_path: str, parse: Callable[[bytes, str], tuple[SourceDocument | None, list[Problem]]]
    ) -> tuple[SourceDocument | None, list[Problem]]:
        """The document of the file at `path` (parsed by `parse` when its bytes are new)."""
        try:
            digest, raw = self._digest(path)
            if (display_path, digest) not in self._documents and raw is None:
                raw = path.read_bytes()
                digest = hashlib.sha256(raw).hexdigest()
        except OSError as error:
            return None, [Problem(display_path, None, None, message("unreadable", reason=error.strerror))]
        key = (display_path, digest)
        if key not in self._documents:
            assert raw is not None
            self._documents[key] = parse(raw, display_path)
            self.parsed.append(display_path)
        self._used_documents.add(key)
        return self._documents[key]

    def _digest(self, path: Path) -> tuple[str, bytes | None]:
        """The SHA-256 of the file's bytes, and the bytes when they had to be read."""
        now = time.time_ns()
        info = path.stat()
        signature = _signature(info)
        known = self._hashed.get(path)
        self._used_hashed.add(path)
        if known is not None and known.signature == signature and info.st_mtime_ns < known.hashed_at_ns - RACY_NS:
            return known.digest, None
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if _signature(path.stat()) == signature:  # not written while it was read
            self._hashed[path] = _Hashed(signature, digest, now)
        else:
            self._hashed.pop(path, None)
        return digest, raw

    def without(self, paths: Collection[str]) -> LoadMemo:
        """A copy holding nothing of the files at `paths` (display paths): what may be kept on disk."""
        return LoadMemo(
            _hashed=dict(self._hashed),
            _documents={key: value for key, value in self._documents.items() if key[0] not in paths},
            _records={key: value for key, value in self._records.items() if key[0] not in paths},
        )

    def record(self, key: tuple[str, ...], make: Callable[[], tuple[Any, list[Problem]]]) -> tuple[Any, list[Problem]]:
        """The record (and its problems) made by `make`, kept under `key`: everything it depends on."""
        if key not in self._records:
            self._records[key] = make()
        self._used_records.add(key)
        return self._records[key]
