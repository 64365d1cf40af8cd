"""Run a command and print, as JSON, its wall time, exit status and peak memory (Linux only).

    python scripts/peak_memory.py -- COMMAND ARGS...

`peak_kb` is the largest resident set of any one process in the command's tree
(getrusage(RUSAGE_CHILDREN) of this small wrapper, so nothing else is counted).
`peak_kb_by_command` samples /proc every 100 ms and keeps each descendant's high-water mark
(VmHWM) by command name, which tells the build's Python from Pagefind's binary; a process
that lives less than one sample may be missing there. The command's output is passed on.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _children_of() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def _descendants(root: int) -> list[int]:
    children = _children_of()
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _high_water(pid: int) -> tuple[str, int] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None
    return fields["Name"].strip(), int(fields["VmHWM"].split()[0])


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    by_command: dict[str, int] = {}
    start = time.perf_counter()
    process = subprocess.Popen(command)
    while process.poll() is None:
        for pid in _descendants(process.pid):
            sample = _high_water(pid)
            if sample:
                by_command[sample[0]] = max(by_command.get(sample[0], 0), sample[1])
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = {"seconds": seconds, "returncode": process.returncode, "peak_kb": peak, "peak_kb_by_command": by_command}
    print("PEAK_MEMORY " + json.dumps(report), file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
