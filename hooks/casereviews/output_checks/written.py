"""The checks of every file a build writes, run beside the build while it writes its pages.

The leak guard (`leakguard`), the loads from other hosts (`embeds`) and the anchors that
other pages link to (`anchors`) read every file the build wrote: about 9 s at 2,000 reviews,
after the pages were written (issue 14). MkDocs writes pages one after another in one
process; here a process of its own reads each page back from the disk once it is written and
checks it, while the next pages are rendered.

What is checked is what is published: at the end (`finish`), every file of the site that was
not checked as it is now (written after the pages, or changed since its check, by its size
and time of change) is checked as well.
"""

from __future__ import annotations

import dataclasses
import json
import queue
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

from .. import processes
from ..problems import Problem, Severity
from ..rules import embeds
from . import anchors, leakguard

MODULE = "casereviews.output_checks.written"


@dataclass(frozen=True)
class Checks:
    """What the checks of one build look for."""

    site_dir: Path
    #: Text that must not be published → what it is (see `leakguard`).
    markers: Mapping[str, str]
    #: The site's own host: loads from it are the site's own.
    own_host: str | None
    #: The pages (paths in the site) whose element ids are gathered, for `anchors.missing`.
    anchored: Set[str] = frozenset()


@dataclass
class Findings:
    """What the checks found in some files."""

    leaks: list[Problem] = field(default_factory=list)
    #: Loads from another host: (the file's path in the site, the load).
    foreign: list[tuple[str, embeds.Load]] = field(default_factory=list)
    #: The element ids of the pages of `Checks.anchored` read.
    ids: dict[str, set[str]] = field(default_factory=dict)

    def without(self, paths: Set[str]) -> Findings:
        """These findings but those in the files at `paths` (paths in the site)."""
        return Findings(
            [problem for problem in self.leaks if problem.path not in paths],
            [(path, load) for path, load in self.foreign if path not in paths],
            {path: ids for path, ids in self.ids.items() if path not in paths},
        )

    def add(self, other: Findings) -> None:
        self.leaks.extend(other.leaks)
        self.foreign.extend(other.foreign)
        self.ids.update(other.ids)


def check_files(checks: Checks, paths: Iterable[Path], marker_set: leakguard.MarkerSet | None = None) -> Findings:
    """The findings of every check in the files at `paths` (those that are files)."""
    marker_set = marker_set or leakguard.MarkerSet(dict(checks.markers))
    findings = Findings()
    for path in paths:
        if not path.is_file():
            continue
        findings.leaks.extend(leakguard.file_problems(checks.site_dir, path, marker_set))
        findings.foreign.extend(embeds.foreign_loads(checks.site_dir, path, checks.own_host))
        relative = path.relative_to(checks.site_dir).as_posix()
        if relative in checks.anchored:
            findings.ids[relative] = anchors.ids_in(path.read_text(encoding="utf-8", errors="replace"))
    return findings


class WrittenFiles:
    """Checks files as the build writes them (`written`), in a process of its own
    (`python -m casereviews.output_checks.written`); `finish` checks the rest of the site and gives
    every finding. Should that process fail, every file is checked in `finish`."""

    def __init__(self, checks: Checks) -> None:
        self.checks = checks
        self._sent: dict[Path, tuple[int, ...]] = {}
        self._process: subprocess.Popen[str] | None = None
        try:
            self._process = subprocess.Popen(
                processes.module_command(MODULE),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                env=processes.environment(),
            )
            self._send(
                json.dumps([str(checks.site_dir), dict(checks.markers), checks.own_host, sorted(checks.anchored)])
            )
        except OSError:
            self._process = None  # checked in `finish`
        # A build that stops before `finish` stops its checking process when it is forgotten.
        weakref.finalize(self, _stop, self._process)

    def written(self, path: Path) -> None:
        """`path` was written (and will not be written again before `finish`, or is checked again there)."""
        name = str(path)
        if self._process is not None and name.isprintable() and name.encode("utf-8", "replace").decode() == name:
            self._sent[path] = _signature(path)
            self._send(name)  # a name that one line of UTF-8 cannot carry is checked in `finish`

    def _send(self, line: str) -> None:
        """Send `line`. Lines wait in the pipe's buffer (8 KB: about a hundred paths) and go
        when it fills, or at `finish`: a write to the pipe for every page took 1.4 s at 2,000
        reviews, and the checks lag the pages by at most a buffer."""
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(line + "\n")
        except OSError:  # it stopped: what it was sent is checked in `finish`
            _stop(self._process)
            self._process = None

    def flush(self) -> None:
        """Send what waits in the buffer now."""
        if self._process is not None and self._process.stdin is not None:
            try:
                self._process.stdin.flush()
            except OSError:
                _stop(self._process)
                self._process = None

    def finish(self, every_file: Iterable[Path]) -> Findings:
        """Every finding in `every_file` (all the site's files to check): those of the files
        checked as they were written, and of the rest, checked now."""
        findings = self._findings()
        if findings is None:
            findings, self._sent = Findings(), {}
        rest = [path for path in every_file if not self._sent.get(path) or self._sent[path] != _signature(path)]
        findings = findings.without({path.relative_to(self.checks.site_dir).as_posix() for path in rest})
        findings.add(check_files(self.checks, rest))
        return findings

    def _findings(self) -> Findings | None:
        """What the checking process found, once it read every path sent; None if it failed."""
        process, self._process = self._process, None
        if process is None:
            return None
        try:
            output, _ = process.communicate(timeout=3600)
            data = json.loads(output) if process.returncode == 0 else None
        except (OSError, ValueError, subprocess.TimeoutExpired):
            _stop(process)
            return None
        if data is None:
            return None
        return Findings(
            [Problem(**{**problem, "severity": Severity(problem["severity"])}) for problem in data["leaks"]],
            [(path, embeds.Load(line, element, address)) for path, line, element, address in data["foreign"]],
            {path: set(ids) for path, ids in data["ids"].items()},
        )


def _signature(path: Path) -> tuple[int, ...]:
    """The file's identity, size and times: a file replaced or written again has another."""
    try:
        facts = path.stat()
    except OSError:
        return ()
    return (facts.st_ino, facts.st_size, facts.st_mtime_ns, facts.st_ctime_ns)


def _stop(process: subprocess.Popen[str] | None) -> None:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()


def main() -> int:
    """`python -m casereviews.output_checks.written`: on standard input, a JSON line [site folder,
    markers, own host, anchored pages], then a path a line; the findings, as JSON, at its end.

    Paths are read as they come (by a thread of their own), so the build writing them never
    waits for the checks to keep up."""
    site_dir, markers, own_host, anchored = json.loads(sys.stdin.readline())
    checks = Checks(Path(site_dir), markers, own_host, frozenset(anchored))
    marker_set = leakguard.MarkerSet(markers)
    paths: queue.SimpleQueue[str | None] = queue.SimpleQueue()

    def read() -> None:
        for line in sys.stdin:
            paths.put(line.rstrip("\n"))
        paths.put(None)

    threading.Thread(target=read, daemon=True).start()
    findings = Findings()
    while (path := paths.get()) is not None:
        findings.add(check_files(checks, [Path(path)], marker_set))
    json.dump(
        {
            "leaks": [dataclasses.asdict(problem) for problem in findings.leaks],
            "foreign": [[path, load.line, load.element, load.address] for path, load in findings.foreign],
            "ids": {path: sorted(ids) for path, ids in findings.ids.items()},
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
