"""A cache of text on disk, by a hash of everything the text depends on.

A value is stored under the SHA-256 of its inputs (the caller names every one, versions of
the code that makes it included), so a changed input is a different key and a stale value
can never be served. Writes are atomic; a cache that cannot be read or written costs only time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class TextCache:
    """Text by the hash of its inputs: a folder of small files (or nothing, when `folder` is None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @staticmethod
    def key(*inputs: str) -> str:
        return hashlib.sha256("\0".join(inputs).encode()).hexdigest()

    def get(self, key: str) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, text: str) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.folder / key)
        except OSError:
            pass
