"""Full-text search: a Pagefind index of the built site, written into site/pagefind/.

Pagefind reads only review and theme pages (`PAGES`) and indexes those marked
`data-pagefind-body`: listed reviews (their title, summary and text; an archived review's
record only) and theme pages (the board's introduction). Filters (theme, year, board,
type, age group, outcome) come from each review page. The build checks that Pagefind
indexed exactly the pages it should.

Pagefind holds every page it reads, and the index it builds from them, in memory until it
writes the index: its peak grows with the text indexed, about half a megabyte a generated
review, 2.4 GB at 5,000 reviews (issue 14: the build stays under 1 GB). So it runs on
batches of pages (`BATCH_BYTES` of HTML each), a process each, two at a time
(`PAGEFIND_RUNS`), and the batches' indexes are merged into one (`bundle.merge`):
the same pages, words, filters, metadata and sorts as one run over every page would give.

A batch's index is kept (given a cache folder) under a hash of its pages' names and bytes and
of Pagefind's version and options, and used again when a later build has the same batch: the
same pages give the same index. A batch ends where a page's name says so (about one page in
`BOUNDARY`), or at `BATCH_BYTES`: a review added, changed or removed changes its own batch,
not every batch after it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import processes
from ..problems import Problem, Severity
from . import bundle as search_bundle
from . import version
from .bundle import BUNDLE, LANGUAGE

__all__ = ["BUNDLE", "LANGUAGE", "build_index"]

MODULE = "casereviews.search.pagefind"

#: Left out of the index: the section headings of a review's body and its hidden "Summary"
#: heading. Every review has "Learning", "Recommendations", "Summary of events": indexed, each
#: was a posting on every page, and a first query with such a word downloaded it for all 5,000
#: reviews (issue 14: 319 KB against a budget of 300). The words of the sections stay indexed.
EXCLUDED = (".review__body h2", "#summary-heading")
#: The only pages Pagefind reads: the ones it may index (review and theme pages). Reading
#: every page (briefings, years, boards, action plans: more than half the site) only to
#: skip it took half its time at 2,000 reviews. A page without `BODY` is not read at all.
#: Each is a folder, `*` and a file.
PAGES = ("reviews/*/index.html", "themes/*/index.html")
#: What marks a page Pagefind indexes; the site has such pages, so it indexes no other.
BODY = b"data-pagefind-body"
#: HTML read by one Pagefind process: 8 MB is about 260 generated reviews (30 KB of HTML
#: each) and a peak of about 150 MB; at 5,000 reviews, 19 runs take as long as one run over
#: every page. Fewer bytes lower the peak, but each process walks the site's folders again.
BATCH_BYTES = 8_000_000
#: Pagefind processes run at once, each on a batch: one uses a processor and a third of another.
PAGEFIND_RUNS = 2
#: In the folder of a kept batch index: the index, and how many pages Pagefind indexed.
KEPT_BUNDLE = "bundle"
COUNT = "pages-indexed"
#: How a batch's index is kept (in its key: a kept index of another layout is not read).
KEPT_LAYOUT = "kept-2"
#: About one page in this many ends a batch (as its name's hash decides): batches of about
#: 6 MB of generated reviews, below `BATCH_BYTES` most of the time.
BOUNDARY = 200
#: A kept batch index not used for this long is removed (seconds).
KEEP_UNUSED = 2 * 24 * 3600
#: Characters of the glob that names a batch's pages: one argument, at most 128 KiB on Linux.
GLOB_CHARS = 100_000
#: A glob's special characters (wax's syntax), escaped in the names of pages.
GLOB_SPECIAL = re.compile(r"([?*$:<>()\[\]{},\\!])")
#: A sort as our templates write it: `<span data-pagefind-sort="key">value</span>`, or a
#: literal value, `data-pagefind-sort="key:value"`. The merge checks every batch's order
#: against the values read here, so a sort written otherwise stops the build, never misorders.
SORT = re.compile(rb'data-pagefind-sort="([^"]*)"[^>]*>([^<]*)')


@dataclass(frozen=True)
class Page:
    """A page Pagefind may index."""

    #: Which of `PAGES` it matched, and what its `*` stood for (the review's or theme's slug).
    pattern: str
    name: str
    size: int
    #: Its sorts, key → value, as Pagefind reads them.
    sorts: dict[str, str]
    #: A hash of its bytes.
    digest: str = ""

    @property
    def url(self) -> str:
        """Its address as Pagefind records it: the path in the site, without index.html."""
        path = self.pattern.replace("*", self.name, 1)
        return "/" + path.removesuffix("index.html")


def build_index(
    site_dir: Path,
    expected_pages: int,
    bundle: Path | None = None,
    batch_bytes: int = BATCH_BYTES,
    cache: Path | None = None,
) -> list[Problem]:
    """Run Pagefind over `site_dir`; problems found (none when the index is as expected).

    The index is written to `bundle` (default: the site's own pagefind/ folder). Pagefind
    reads at most `batch_bytes` of HTML in one process; with `cache`, the batches' indexes are
    kept there and those of unchanged batches used again. The merge of the batches' indexes is
    Python's work for a while: it runs in a process of its own, beside the build's checks.
    """
    bundle = bundle or site_dir / BUNDLE
    try:
        completed = subprocess.run(
            index_command(site_dir, bundle, expected_pages, batch_bytes, cache),
            capture_output=True,
            text=True,
            check=False,
            timeout=3600,
            env=index_environment(),
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return [could_not_run(error)]
    return index_problems(completed.returncode, completed.stdout, completed.stderr)


def index_command(
    site_dir: Path, bundle: Path, expected_pages: int, batch_bytes: int = BATCH_BYTES, cache: Path | None = None
) -> list[str]:
    """The command that indexes `site_dir` into `bundle` (run it with `index_environment()`):
    it prints the problems found as JSON (see `index_problems`)."""
    arguments = [str(site_dir), str(bundle), str(expected_pages), str(batch_bytes)]
    return processes.module_command(MODULE, *arguments, *([str(cache)] if cache is not None else []))


def index_environment() -> dict[str, str]:
    """The environment of `index_command`: this one, with our package importable."""
    return processes.environment()


def could_not_run(error: Exception) -> Problem:
    return Problem("pagefind", None, "search index", f"the search index could not be built ({error})")


def index_problems(returncode: int, stdout: str, stderr: str) -> list[Problem]:
    """The problems `index_command` found, from its exit code and output."""
    if returncode != 0:
        output = stderr.strip()[-500:]
        return [Problem("pagefind", None, "search index", f"the search index could not be built: {output}")]
    try:
        found = json.loads(stdout)
    except ValueError as error:
        return [could_not_run(error)]
    return [Problem(**{**problem, "severity": Severity(problem["severity"])}) for problem in found]


class PagefindRuns:
    """Pagefind processes, `PAGEFIND_RUNS` at a time; `stop` stops them all at once."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(PAGEFIND_RUNS)
        self._processes: set[subprocess.Popen[str]] = set()
        self._lock = threading.Lock()
        self._stopping = False

    def run(self, command: list[str], timeout: float) -> tuple[int, str]:
        """Run `command`: its exit code and its output (standard output and error)."""
        with self._lock:
            if self._stopping:
                return -signal.SIGTERM, "stopped"
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            self._processes.add(process)
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        finally:
            with self._lock:
                self._processes.discard(process)
        return process.returncode, output

    def stop(self) -> None:
        """Start no other run; stop those under way, and wait for them to end."""
        with self._lock:
            self._stopping = True
            for process in self._processes:
                process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)


def index_in_batches(
    site_dir: Path, expected_pages: int, bundle: Path, batch_bytes: int, cache: Path | None = None
) -> list[Problem]:
    """`build_index`'s work, in this process."""
    pages = candidate_pages(site_dir)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as scratch:
        runs = PagefindRuns()
        try:
            return _index(site_dir, expected_pages, bundle, batch_bytes, cache, pages, runs, Path(scratch))
        finally:  # done, failed or stopped: no Pagefind process is left running
            runs.stop()


def _index(
    site_dir: Path,
    expected_pages: int,
    bundle: Path,
    batch_bytes: int,
    cache: Path | None,
    pages: list[Page],
    runs: PagefindRuns,
    scratch: Path,
) -> list[Problem]:
    """`index_in_batches` with Pagefind run by `runs`, its indexes written in `scratch`."""
    indexed = 0
    every_batch = list(batches(pages, batch_bytes))
    kept = [_kept_index(cache, batch) for batch in every_batch]
    running = {
        number: runs.pool.submit(_pagefind, site_dir, batch, scratch / str(number), runs)
        for number, batch in enumerate(every_batch)
        if kept[number] is None
    }
    parts = []
    for number, batch in enumerate(every_batch):
        kept_index = kept[number]
        if kept_index is not None:
            count, part = kept_index
        else:
            count, problem = running[number].result()
            if problem is not None:
                return [problem]
            part = _keep_index(cache, batch, scratch / str(number), count)
        indexed += count
        parts.append(part)
    if cache is not None:
        _remove_unused(cache, [part.parent for part in parts])
    if indexed != expected_pages:
        return [
            Problem(
                "pagefind",
                None,
                "search index",
                f"Pagefind indexed {indexed} pages, expected {expected_pages} (listed reviews and themes)",
            )
        ]
    if not parts:
        return [Problem("pagefind", None, "search index", "Pagefind found no page to index")]
    return search_bundle.merge(parts, bundle, {page.url: page.sorts for page in pages})


def candidate_pages(site_dir: Path) -> list[Page]:
    """The pages of `PAGES` that may be indexed (they hold `BODY`), in the order Pagefind walks
    the site: its folders' entries in the order the file system lists them, unsorted. Batches
    of consecutive pages are then numbered as one Pagefind run over them all numbers them, and
    results that score alike come in the same order."""
    pages = []
    for listed in site_dir.iterdir():
        for pattern in PAGES:
            folder, file = pattern.split("/*/")
            if folder != listed.name or not listed.is_dir():
                continue
            for entry in os.scandir(site_dir / folder):
                path = Path(entry.path) / file
                if entry.is_dir() and path.is_file():
                    data = path.read_bytes()
                    if BODY in data:
                        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                        pages.append(Page(pattern, entry.name, len(data), _sorts(data), digest))
    return pages


def batches(pages: list[Page], batch_bytes: int) -> Iterator[list[Page]]:
    """`pages` in batches of at most `batch_bytes` of HTML (one page at least), each of one
    pattern; a batch also ends after a page whose name's hash is a multiple of `BOUNDARY`."""
    batch: list[Page] = []
    size = characters = 0
    for page in pages:
        name = len(_escape(page.name)) + 1
        if batch and (
            page.pattern != batch[0].pattern or size + page.size > batch_bytes or characters + name > GLOB_CHARS
        ):
            yield batch
            batch, size, characters = [], 0, 0
        batch.append(page)
        size += page.size
        characters += name
        if int.from_bytes(hashlib.blake2b(page.name.encode(), digest_size=8).digest(), "big") % BOUNDARY == 0:
            yield batch
            batch, size, characters = [], 0, 0
    if batch:
        yield batch


def batch_key(batch: list[Page]) -> str:
    """What a batch's index depends on: its pages (where, and their bytes), Pagefind's version and options."""
    inputs = [KEPT_LAYOUT, _pagefind_version(), LANGUAGE, *EXCLUDED, *(f"{page.url}\0{page.digest}" for page in batch)]
    return hashlib.sha256("\n".join(inputs).encode()).hexdigest()


def _pagefind_version() -> str:
    return f"pagefind {version.installed() or '(not installed)'}"


def _kept_index(cache: Path | None, batch: list[Page]) -> tuple[int, Path] | None:
    """The kept index of `batch` (its page count and folder), if there is one."""
    if cache is None:
        return None
    folder = cache / batch_key(batch)
    try:
        count = int((folder / COUNT).read_text(encoding="utf-8"))
        if not (folder / KEPT_BUNDLE / search_bundle.ENTRY).is_file():  # not whole: indexed and kept again
            shutil.rmtree(folder, ignore_errors=True)
            return None
        os.utime(folder)  # used: kept a while longer
    except (OSError, ValueError):
        return None
    return count, folder / KEPT_BUNDLE


def _keep_index(cache: Path | None, batch: list[Page], part: Path, count: int) -> Path:
    """Keep the index Pagefind wrote at `part` for `batch` in `cache`; where it is now."""
    if cache is None:
        return part
    folder = cache / batch_key(batch)
    temporary = cache / f".{folder.name}.{os.getpid()}.tmp"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(part, temporary / KEPT_BUNDLE)
        (temporary / COUNT).write_text(str(count), encoding="utf-8")
        temporary.rename(folder)  # whole, or not there
    except OSError:  # kept by another run meanwhile, or the cache cannot be written: costs only time
        shutil.rmtree(temporary, ignore_errors=True)
        return part
    return folder / KEPT_BUNDLE


def _remove_unused(cache: Path, used: list[Path]) -> None:
    """Remove the kept indexes unused for `KEEP_UNUSED` (and leftovers of stopped runs)."""
    now = time.time()
    for folder in cache.iterdir() if cache.is_dir() else []:
        try:
            if folder not in used and now - folder.stat().st_mtime > KEEP_UNUSED:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _escape(name: str) -> str:
    return GLOB_SPECIAL.sub(r"\\\1", name)


def _glob(batch: list[Page]) -> str:
    """One glob for the pages of `batch`: `reviews/{a,b}/index.html`. Its fixed start keeps
    Pagefind to walking that folder alone."""
    prefix, suffix = batch[0].pattern.split("*")
    return prefix + "{" + ",".join(_escape(page.name) for page in batch) + "}" + suffix


def _pagefind(site_dir: Path, batch: list[Page], output: Path, runs: PagefindRuns) -> tuple[int, Problem | None]:
    """Index the pages of `batch` into `output`: how many pages Pagefind indexed, or a problem."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", LANGUAGE,
        "--output-path", str(output), "--glob", _glob(batch),
    ]  # fmt: skip
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    try:
        returncode, output_text = runs.run(command, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        return 0, Problem(
            "pagefind", None, "search index", f"Pagefind could not run ({error}); install requirements.txt"
        )
    if returncode != 0:
        return 0, Problem("pagefind", None, "search index", f"Pagefind failed: {output_text.strip()[-500:]}")
    indexed = re.search(r"Indexed (\d+) pages?", output_text)
    if indexed is None:
        return 0, Problem("pagefind", None, "search index", "Pagefind did not say how many pages it indexed")
    return int(indexed.group(1)), None


def _sorts(data: bytes) -> dict[str, str]:
    """The sorts of a page, key → value, read as Pagefind reads `SORT` (the last of a key wins)."""
    sorts = {}
    for attribute, text in SORT.findall(data):
        keys, _, literal = html.unescape(attribute.decode()).partition(":")
        if literal:
            *keys_from_text, key = keys.split(",")
            sorts[key.strip()] = _normalise(literal)
        else:
            keys_from_text = keys.split(",")
        for key in keys_from_text:
            if text:
                sorts[key.strip()] = _normalise(html.unescape(text.decode()))
    return sorts


def _normalise(text: str) -> str:
    """Pagefind's tidying of a value: trimmed, line breaks and runs of spaces made one space."""
    text = re.sub(r"^[\n\r\s]+|[\n\r\s]+$", "", text)
    text = re.sub(r"(\n|\r\n)+", " ", text)
    return re.sub(r"\s{2,}", " ", text)


def main(argv: list[str]) -> int:
    """`python -m casereviews.search.pagefind SITE BUNDLE EXPECTED BATCH_BYTES [CACHE]`: the problems, as JSON."""
    site_dir, bundle, expected_pages, batch_bytes, *cache = argv
    # Stopped (the preview stops a run a rebuild made stale, or is stopped): leaving by an
    # exception, it stops the Pagefind processes it is running, starts no other, and removes
    # its scratch folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrong_version = version.version_problem(version.installed())
    if wrong_version is not None:
        problems = [wrong_version]
    else:
        try:
            problems = index_in_batches(
                Path(site_dir), int(expected_pages), Path(bundle), int(batch_bytes), Path(cache[0]) if cache else None
            )
        except OSError as error:  # a file of the site or of a kept index that cannot be read or written
            problems = [Problem("pagefind", None, "search index", f"the search index could not be built: {error}")]
    print(json.dumps([dataclasses.asdict(problem) for problem in problems]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
