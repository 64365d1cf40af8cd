"""Publishing a release safely: one build of a site at a time, and only what is still on disk.

Two builds of one site at once could publish stale content: a slow build that read a review
before it was withdrawn, finishing after the build that withdrew it, would put the review's
text back. So a build of a site holds a lock for its whole run (`BuildLock`: an advisory
`flock` on a file in the releases folder, released by the system when the process ends, so
a killed build never leaves it held), and publishes only if its inputs (the content folder,
the configuration and the theme overrides) are what they were when it started
(`InputFingerprint`); otherwise it stops and says to build again.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TextIO

LOCK_NAME = ".build.lock"


class BuildLock:
    """An exclusive lock on a site's releases folder, for the life of one build.

    A second build waits for the first (saying so, with the first's process number and start),
    or, with `wait=False`, stops at once with a message. The lock is the kernel's: it goes
    when its holder's process ends, however it ends.
    """

    def __init__(self, releases: Path, *, wait: bool = True, say: TextIO | None = None) -> None:
        self.path = releases / LOCK_NAME
        self.wait = wait
        self.say = say
        self._file: IO[str] | None = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if not self.wait:
                handle.close()
                raise BuildLockedError(
                    f"another build of this site is running ({holder}); wait for it to finish, then build again"
                ) from None
            if self.say is not None:
                print(f"Another build of this site is running ({holder}); waiting for it to finish…", file=self.say)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        started = dt.datetime.now(dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
        handle.write(f"process {os.getpid()}, started {started}\n")
        handle.flush()
        self._file = handle
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class BuildLockedError(RuntimeError):
    """Another build of the same site holds the lock."""


@dataclass(frozen=True)
class InputFingerprint:
    """What a build reads, as digests by path: every file under the folders given, and the files."""

    digests: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, folders: Iterable[Path], files: Iterable[Path] = ()) -> InputFingerprint:
        found: dict[str, str] = {}
        for folder in folders:
            for path in _files_under(folder):
                found[str(path)] = _digest(path)
        for path in files:
            found[str(path)] = _digest(path)
        return cls(tuple(sorted(found.items())))

    def changed_since(self, earlier: InputFingerprint) -> list[str]:
        """The paths added, removed or changed since `earlier`, sorted."""
        now, then = dict(self.digests), dict(earlier.digests)
        return sorted(path for path in now.keys() | then.keys() if now.get(path) != then.get(path))


def _files_under(folder: Path) -> Iterator[Path]:
    """Every file and link under `folder` (links are not followed: their target is the digest)."""
    if not folder.is_dir():
        return
    for root, directories, names in os.walk(folder, followlinks=False):
        directories.sort()
        for name in sorted(names) + [name for name in directories if (Path(root) / name).is_symlink()]:
            yield Path(root) / name


def _digest(path: Path) -> str:
    """A file's SHA-256, a link's target, or '' for a file that is gone."""
    if path.is_symlink():
        return "link:" + str(path.readlink())
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return ""
