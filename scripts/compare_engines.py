"""Build the site with MkDocs and with ProperDocs and compare every file written.

MkDocs 1.6.1 is the last 1.x release; ProperDocs is its maintained fork, reading the same
mkdocs.yml and running the same hooks. The two outputs must be identical except the
generator tag (`<meta name="generator">`); gzip files are compared decompressed. Prints the
differences and exits with 1 when there are any.

    python scripts/compare_engines.py [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ENGINES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build_with(
    engine: str, config_file: Path, site_dir: Path, environ: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """One strict build with the named engine's command line."""
    command = [sys.executable, "-m", ENGINES[engine], "build", "--strict", "--config-file", str(config_file),
               "--site-dir", str(site_dir)]  # fmt: skip
    return subprocess.run(command, env=environ, capture_output=True, text=True, check=False)


def comparable(path: Path) -> bytes:
    """A file's bytes as compared: decompressed if gzip, generator tag blanked."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return _GENERATOR.sub(b'<meta name="generator" content="">', data)


def differences(first: Path, second: Path) -> list[str]:
    """Files present in one output only, or whose compared bytes differ."""
    files_first = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    files_second = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    found = [f"only in the first build: {name}" for name in sorted(files_first - files_second)]
    found += [f"only in the second build: {name}" for name in sorted(files_second - files_first)]
    found += [
        f"differs: {name}"
        for name in sorted(files_first & files_second)
        if comparable(first / name) != comparable(second / name)
    ]
    return found


def compare(config_file: Path, environ: dict[str, str] | None = None) -> list[str]:
    """Build with both engines into temporary folders; the differences (or build failures)."""
    environ = dict(environ or os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as folder:
        outputs = {}
        for engine in ENGINES:
            outputs[engine] = Path(folder) / engine
            built = build_with(engine, config_file, outputs[engine], environ)
            if built.returncode != 0:
                return [f"{engine} build failed:\n{built.stdout}{built.stderr}"]
        return differences(outputs["mkdocs"], outputs["properdocs"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=PROJECT / "mkdocs.yml")
    arguments = parser.parse_args(argv)
    found = compare(arguments.config_file)
    for line in found:
        print(line)
    print("MkDocs and ProperDocs built the same site." if not found else f"{len(found)} differences.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
