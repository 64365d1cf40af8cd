"""Full-text search: a Pagefind index of the built site, written into site/pagefind/.

Pagefind reads only review and theme pages (`PAGES`) and indexes those marked
`data-pagefind-body`: listed reviews (their title, summary and text; an archived review's
record only) and theme pages (the board's introduction). Filters (theme, year, board,
type, age group, outcome) come from each review page. The build checks that Pagefind
indexed exactly the pages it should.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import cbor2

from ..problems import Problem

LANGUAGE = "en"
#: Left out of the index: the section headings of a review's body and its hidden "Summary"
#: heading. Every review has "Learning", "Recommendations", "Summary of events": indexed, each
#: was a posting on every page, and a first query with such a word downloaded it for all 5,000
#: reviews (issue 14: 319 KB against a budget of 300). The words of the sections stay indexed.
EXCLUDED = (".review__body h2", "#summary-heading")
#: The only pages Pagefind reads: the ones it may index (review and theme pages). Reading
#: every page (briefings, years, boards, action plans: more than half the site) only to
#: skip it took half its time at 2,000 reviews.
PAGES = "{reviews/*/index.html,themes/*/index.html}"
#: Pagefind's compressed files: gzip of this signature followed by CBOR.
SIGNATURE = b"pagefind_dcd"
#: The folder of the site that holds the index.
BUNDLE = "pagefind"


def build_index(site_dir: Path, expected_pages: int, bundle: Path | None = None) -> list[Problem]:
    """Run Pagefind over `site_dir`; problems found (none when the index is as expected).

    The index is written to `bundle` (default: the site's own pagefind/ folder).
    """
    bundle = bundle or site_dir / BUNDLE
    try:
        completed = subprocess.run(
            index_command(site_dir, bundle), capture_output=True, text=True, check=False, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return [could_not_run(error)]
    return index_problems(completed.returncode, completed.stdout + completed.stderr, expected_pages, bundle)


def index_command(site_dir: Path, bundle: Path) -> list[str]:
    """The command that indexes `site_dir` into `bundle`."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", LANGUAGE,
        "--output-path", str(bundle), "--glob", PAGES,
    ]  # fmt: skip
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return command


def could_not_run(error: Exception) -> Problem:
    return Problem("pagefind", None, "search index", f"Pagefind could not run ({error}); install requirements.txt")


def index_problems(returncode: int, output: str, expected_pages: int, bundle: Path) -> list[Problem]:
    """What is wrong with the index Pagefind wrote into `bundle` (exit code and output given);
    none when it is as expected, its filters then made byte-identical (`canonicalise`)."""
    if returncode != 0:
        return [Problem("pagefind", None, "search index", f"Pagefind failed: {output.strip()[-500:]}")]
    indexed = re.search(r"Indexed (\d+) pages?", output)
    if indexed is None or int(indexed.group(1)) != expected_pages:
        found = indexed.group(1) if indexed else "an unknown number of"
        return [
            Problem(
                "pagefind",
                None,
                "search index",
                f"Pagefind indexed {found} pages, expected {expected_pages} (listed reviews and themes)",
            )
        ]
    canonicalise(bundle)
    return []


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind data file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(folder: Path, prefix: str, suffix: str, value: object, digits: int) -> str:
    """Write a Pagefind data file named by a hash of its content; its hash name."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)
    name = f"{LANGUAGE}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(data)
    return name


def canonicalise(bundle: Path) -> None:
    """Make Pagefind's filter indexes byte-identical from build to build.

    Pagefind 1.5 writes filter values in hash-map order, which changes on every run
    (Pagefind issue #638: fragments are stable, filter and metadata indexes are not). The
    values are sorted here and the files renamed by their content, with the metadata index
    and the entry file updated to match. Search reads them exactly as before.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    language = entry["languages"][LANGUAGE]
    meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
    meta: list[Any] = _read(meta_path)
    version, pages, chunks, filters, sorts, fields = meta  # the layout of Pagefind 1.x
    renamed = []
    for name, file_hash in sorted(filters):
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        filter_data: list[Any] = _read(path)
        filter_name, values = filter_data
        path.unlink()
        ordered = sorted(([value, sorted(numbers)] for value, numbers in values), key=lambda pair: pair[0])
        renamed.append([name, _write(bundle / "filter", "", ".pf_filter", [filter_name, ordered], 7)])
    meta_path.unlink()
    language["hash"] = _write(bundle, "pagefind.", ".pf_meta", [version, pages, chunks, renamed, sorts, fields], 10)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
