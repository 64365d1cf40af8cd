"""Benchmarks: our full build beside a plain Material build of the same pages. Asserts nothing.

`make bench` runs this (`make bench BENCH_SIZES="500"` for one size). For each corpus size
N it generates a realistic fictional corpus (scripts/generate_corpus.py), then, in one run,
alternating for `--repeats` rounds:

- ours: the project's mkdocs.yml, hooks, Pagefind, exports and leak guard, built the way
  `make build` builds (scripts/build_site.py, staging folder and swap);
- plain: a generated mkdocs.yml for Material alone, over the same pages copied as plain
  Markdown (the published reviews, the themes and the other pages), Material's own
  `search` plugin, no hooks, reviews and themes out of the nav.

Each build runs in a subprocess under scripts/peak_memory.py, which gives its wall time and
the peak resident memory of the largest process in its tree. Both sides start from an empty
site folder. Then, on our build: the bytes a browser downloads for three first searches on
real words of the corpus (scripts/measure_search.py, Debian's Chromium), and the preview
`make serve` runs (scripts/preview.py) started on the corpus for the first time (time until
a review page is served: the preview renders the lists first, and a review page asked for at
once), one character appended to one review (time until the served review page shows it),
the time until every page is rendered (the preview renders the others after serving), and a
second start on the same address after the review was put back.

After the rounds, ours is built once more with one review's text edited (a sentence added):
a board's rebuild, as `make build` runs it over the last release: the pages the edit did not
touch are taken from that release (scripts/build_site.py), and what earlier builds kept
(anonymisation findings, QR codes, converted learning points, the search index of unchanged
batches of pages) is warm but for that review. Every file is still checked.

The anonymisation cache is warmed before our builds are timed (a build after any earlier one
finds every unchanged file's findings there); nothing else is: the first build of ours makes
every QR code, converts every learning point and runs Pagefind on every batch of pages, and
later rounds read what it kept.

It prints one Markdown table (and writes it to `--out`); times are medians over repeats.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SCRIPTS = PROJECT / "scripts"
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(SCRIPTS))

import frontmatter  # noqa: E402
import yaml  # noqa: E402

from casereviews.load.catalogue import load_site  # noqa: E402
from casereviews.policy.public import public_view  # noqa: E402
from casereviews.policy.vetting import check_content  # noqa: E402
from generate_corpus import generate  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
#: The character appended to a review to time the preview (absent from generated text).
EDIT_MARK = "\u03a9"


def environment(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", REVIEW_SITE_NOW=NOW.isoformat(), **extra)


# --- configurations ---------------------------------------------------------------------------


def write_config(root: Path, content: Path) -> Path:
    """Our mkdocs.yml, pointed at `content` and a site folder under `root`."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(content), site_dir=str(root / "site"))
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    config["hooks"] = [str(PROJECT / hook) for hook in config["hooks"]]
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def write_plain(root: Path, content: Path) -> Path:
    """A plain Material site of the same pages: its docs folder and mkdocs.yml (the path)."""
    listed = {review.slug for review in public_view(load_site(content, NOW.date(), content.parent), NOW).reviews}
    docs = root / "plain-docs"
    if docs.exists():
        shutil.rmtree(docs)
    for path in content.rglob("*.md"):
        relative = path.relative_to(content)
        if relative.parts[0] == "_data":
            continue
        if relative.parts[0] == "reviews" and path.stem not in listed:
            continue
        (docs / relative).parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        if "\ntemplate:" in text.split("\n---", 1)[0]:  # our overrides' templates are not there
            page = frontmatter.loads(text)
            del page.metadata["template"]
            text = frontmatter.dumps(page) + "\n"
        (docs / relative).write_text(text, encoding="utf-8")
    ours = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    about = next(entry["About"] for entry in ours["nav"] if isinstance(entry, dict) and "About" in entry)
    config = {
        "site_name": ours["site_name"],
        "site_url": ours["site_url"],
        "docs_dir": str(docs),
        "site_dir": str(root / "plain-site"),
        "use_directory_urls": True,
        "theme": {k: v for k, v in ours["theme"].items() if k != "custom_dir"},
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": [{"Home": "index.md"}, {"About": about}],
        "not_in_nav": "/reviews/\n/themes/\n",
        "validation": {
            "omitted_files": "ignore",
            "not_found": "ignore",
            "absolute_links": "ignore",
            "unrecognized_links": "ignore",
            "anchors": "ignore",
        },
    }
    path = root / "plain-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


# --- one measured build -------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float
    peak_mb: float
    peak_mb_by_command: dict[str, float]
    output_mb: float
    largest_kb: float
    largest_page: str


def measured(command: list[str], env: dict[str, str]) -> dict[str, object]:
    """Run `command` under peak_memory.py; its report. Exits with the output when it fails."""
    wrapped = [sys.executable, str(SCRIPTS / "peak_memory.py"), "--", *command]
    completed = subprocess.run(wrapped, env=env, capture_output=True, text=True, check=False)
    reports = [line for line in completed.stderr.splitlines() if line.startswith("PEAK_MEMORY ")]
    if completed.returncode != 0 or not reports:
        print(completed.stdout[-3000:], completed.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"the benchmark build failed: {' '.join(command)}")
    return json.loads(reports[-1].removeprefix("PEAK_MEMORY "))


def output_figures(site_dir: Path) -> tuple[float, float, str]:
    """(output MB on disk, largest HTML page KB, its path)."""
    total, largest, name = 0, 0, ""
    for path in site_dir.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest:
                largest, name = size, path.relative_to(site_dir).as_posix()
    return total / 2**20, largest / 1024, name


def clear(site_dir: Path) -> None:
    """No site at `site_dir`: neither the folder, nor the link `make build` leaves and its releases."""
    if site_dir.is_symlink():
        site_dir.unlink()
    elif site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.rmtree(site_dir.parent / f".{site_dir.name}-releases", ignore_errors=True)


def build(command: list[str], site_dir: Path, fresh: bool = True) -> Build:
    """One build, from no site at all unless not `fresh` (then over the last release)."""
    if fresh:
        clear(site_dir)
    report = measured(command, environment())
    output_mb, largest_kb, largest_page = output_figures(site_dir)
    by_command = {name: kb / 1024 for name, kb in report["peak_kb_by_command"].items()}  # type: ignore[union-attr]
    return Build(report["seconds"], report["peak_kb"] / 1024, by_command, output_mb, largest_kb, largest_page)  # type: ignore[arg-type, operator]


def build_ours(root: Path, config: Path, fresh: bool = True) -> Build:
    site = root / "site"
    command = [sys.executable, str(SCRIPTS / "build_site.py"), "--config-file", str(config), "--site-dir", str(site)]
    return build(command, site, fresh)


def build_plain(root: Path, config: Path) -> Build:
    site = root / "plain-site"
    return build([sys.executable, "-m", "mkdocs", "build", "-q", "--clean", "-f", str(config), "-d", str(site)], site)


def full_build(root: Path, config: Path) -> float:
    """One build of ours into root/site (mkdocs build --strict); its seconds. For scripts that need a site."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(root / "site")]
    start = time.perf_counter()
    completed = subprocess.run(command, env=environment(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        print(completed.stdout[-2000:], completed.stderr[-2000:], file=sys.stderr)
        raise SystemExit("the benchmark build failed")
    return elapsed


# --- preview ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own http://127.0.0.1
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(predicate, timeout: float, interval: float = 0.1) -> float | None:  # type: ignore[no-untyped-def]
    """Seconds until predicate() is true, or None after `timeout` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


@dataclass
class Preview:
    start_s: float | None
    edit_s: float | None
    #: A second start on the same address, the review put back while it was stopped.
    restart_s: float | None = None
    #: From the first start until every page is rendered (pages rendered after serving), if any were.
    every_page_s: float | None = None


def preview(config: Path, review: Path, slug: str, *, timeout: float) -> Preview:
    """Start the preview (`make serve`) for the first time (nothing kept from an earlier start);
    time to the first page; then time from an edit of `review` to its page showing it. Stop it,
    put the review back, start it again on the same address: time to the first page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, str(SCRIPTS / "preview.py"), "-f", str(config), "-a", f"127.0.0.1:{port}"]
    original = review.read_text(encoding="utf-8")
    page = f"{base}reviews/{slug}/"
    with tempfile.TemporaryFile() as log:
        first = _preview(command, page, review, original, log, timeout)
    if first.start_s is None:
        return first
    with tempfile.TemporaryFile() as log:
        again = _preview(command, page, review, original, log, timeout)
    return Preview(first.start_s, first.edit_s, again.start_s, first.every_page_s)


def _preview(command: list[str], page: str, review: Path, original: str, log, timeout: float) -> Preview:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    server = subprocess.Popen(command, env=environment(), stdout=log, stderr=log, start_new_session=True)
    try:
        started = wait_for(lambda: server.poll() is not None or fetch(page) is not None, timeout)
        if started is None or server.poll() is not None:
            log.seek(0)
            print(f"  the preview did not serve {page}:", log.read()[-2000:].decode(errors="replace"), file=sys.stderr)
            return Preview(None, None)
        started = time.perf_counter() - start
        time.sleep(1)  # let the watcher settle after the first build
        review.write_text(original.rstrip("\n") + EDIT_MARK + "\n", encoding="utf-8")
        edited = wait_for(lambda: server.poll() is not None or EDIT_MARK in (fetch(page) or ""), timeout, 0.05)
        if server.poll() is not None:
            log.seek(0)
            print("  the preview stopped:", log.read()[-2000:].decode(errors="replace"), file=sys.stderr)
            return Preview(started, None)
        every_page = None
        if b"pages to render after serving" in _written(log):
            wait_for(lambda: server.poll() is not None or b"every page rendered" in _written(log), timeout, 0.2)
            if b"every page rendered" in _written(log):
                every_page = time.perf_counter() - start
        return Preview(started, edited, None, every_page)
    finally:
        if server.poll() is None:  # stopped first: it does not rebuild for the review put back
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        review.write_text(original, encoding="utf-8")


def _written(log) -> bytes:  # type: ignore[no-untyped-def]
    """What the preview wrote to `log` so far (read without moving the offset it writes at)."""
    return os.pread(log.fileno(), os.fstat(log.fileno()).st_size, 0)


def review_to_edit(content: Path) -> tuple[Path, str]:
    """A published generated review (its file and slug): the newest one, first on the lists."""
    public = public_view(load_site(content, NOW.date(), content.parent), NOW)
    review = next(r for r in public.reviews if "-child-0" in r.slug)
    return content / "reviews" / f"{review.slug}.md", review.slug


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Row:
    size: int
    ours: list[Build] = field(default_factory=list)
    plain: list[Build] = field(default_factory=list)
    #: Ours again after the rounds, with one review's text edited: every cache warm but that review's.
    rebuild: Build | None = None
    search_kb: list[float | None] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    plain_index_kb: float = 0.0
    preview: Preview | None = None
    #: The anonymisation check, cold (empty cache) and warm, on the generated corpus and on as
    #: many copies of the sample reviews (real capitalisation: the names model runs on them).
    anonymisation: dict[str, tuple[float, float]] = field(default_factory=dict)


def anonymisation_times(content: Path) -> tuple[float, float]:
    """Seconds of the anonymisation check over `content`: with an empty cache, then warm."""
    from casereviews.policy.vetting import vet

    times = []
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        for _ in ("cold", "warm"):
            site = load_site(content, NOW.date(), content.parent)
            start = time.perf_counter()
            vet(site, Path(cache))
            times.append(time.perf_counter() - start)
    return times[0], times[1]


def sample_copies(folder: Path, size: int) -> Path:
    """The sample content with its reviews copied until there are `size` of them."""
    content = folder / "content"
    shutil.copytree(PROJECT / "content", content)
    samples = sorted((content / "reviews").glob("*.md"))
    for index in range(max(size - len(samples), 0)):
        source = samples[index % len(samples)]
        (source.parent / f"{source.stem}-copy-{index:05d}.md").write_text(source.read_text(encoding="utf-8"))
    return content


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def search_figures(root: Path, content: Path) -> tuple[list[str], list[float | None]]:
    """The three first-query addresses and what our search downloads for each (KB)."""
    from measure_search import corpus_queries, first_query_bytes

    sys.path.insert(0, str(PROJECT / "tests"))
    from browser import CHROMIUM, serve

    addresses = corpus_queries(content, NOW)
    if not Path(CHROMIUM).exists():
        print(f"  {CHROMIUM} not found: search downloads not measured", file=sys.stderr)
        return addresses, [None] * len(addresses)
    sizes: list[float | None] = []
    with serve(root / "site") as url:
        for address in addresses:
            search, _, _, _ = first_query_bytes(url, address)
            sizes.append(search / 1024)
    return addresses, sizes


def run_size(size: int, repeats: int, seed: int, do_search: bool, do_preview: bool, timeout: float) -> Row:
    row = Row(size)
    with tempfile.TemporaryDirectory(prefix="bench-", ignore_cleanup_errors=True) as folder:
        root = Path(folder)
        content = root / "content"
        generate(content, size, seed)
        ours_config = write_config(root, content)
        plain_config = write_plain(root, content)
        check_content(content, NOW, root)  # warms the anonymisation cache our builds read
        for round_number in range(repeats):
            for side in ("ours", "plain") if round_number % 2 == 0 else ("plain", "ours"):
                if side == "ours":
                    row.ours.append(build_ours(root, ours_config))
                else:
                    row.plain.append(build_plain(root, plain_config))
                last = (row.ours if side == "ours" else row.plain)[-1]
                print(f"  N={size} {side}: {last.seconds:.1f} s, peak {last.peak_mb:.0f} MB", file=sys.stderr)
        review, _ = review_to_edit(content)
        original = review.read_text(encoding="utf-8")
        review.write_text(original.rstrip("\n") + "\n\nThe board added this sentence later.\n", encoding="utf-8")
        try:
            row.rebuild = build_ours(root, ours_config, fresh=False)
        finally:
            review.write_text(original, encoding="utf-8")
        print(f"  N={size} ours, rebuild after an edit: {row.rebuild.seconds:.1f} s", file=sys.stderr)
        row.anonymisation["generated"] = anonymisation_times(content)
        with tempfile.TemporaryDirectory(prefix="bench-samples-") as samples:
            row.anonymisation["sample copies"] = anonymisation_times(sample_copies(Path(samples), size))
        index = root / "plain-site" / "search" / "search_index.json"
        row.plain_index_kb = index.stat().st_size / 1024 if index.exists() else float("nan")
        if do_search:
            row.queries, row.search_kb = search_figures(root, content)
        if do_preview:
            review, slug = review_to_edit(content)
            row.preview = preview(ours_config, review, slug, timeout=timeout)
    return row


def figure(value: float | None, digits: int = 1) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def table(rows: list[Row]) -> str:
    header = (
        "| N | ours s | plain s | ours/plain | ours rebuild s (one review edited, over the last release) "
        "| rebuild/plain | ours peak MB | plain peak MB | ours output MB | plain output MB "
        "| largest page KB (ours / plain) | first-query search KB (word / +theme / 2 words +board) "
        "| preview first start s | preview edit-to-visible s | preview restart s | preview every page s "
        "| anonymisation check s, cold / warm (generated; sample copies) |"
    )
    lines = [header, "|" + "---|" * header.count(" | ") + "---|"]
    for row in rows:
        ours = median([b.seconds for b in row.ours])
        plain = median([b.seconds for b in row.plain])
        rebuild = row.rebuild.seconds if row.rebuild is not None else float("nan")
        lines.append(
            f"| {row.size} | {figure(ours)} | {figure(plain)} | {figure(ours / plain, 2)} "
            f"| {figure(rebuild)} | {figure(rebuild / plain, 2)} "
            f"| {figure(max(b.peak_mb for b in row.ours), 0)} | {figure(max(b.peak_mb for b in row.plain), 0)} "
            f"| {figure(row.ours[-1].output_mb)} | {figure(row.plain[-1].output_mb)} "
            f"| {figure(row.ours[-1].largest_kb, 0)} / {figure(row.plain[-1].largest_kb, 0)} "
            f"| {' / '.join(figure(kb, 0) for kb in row.search_kb) or '—'} "
            f"| {figure(row.preview and row.preview.start_s)} | {figure(row.preview and row.preview.edit_s)} "
            f"| {figure(row.preview and row.preview.restart_s)} | {figure(row.preview and row.preview.every_page_s)} "
            f"| {'; '.join(' / '.join(figure(t) for t in pair) for pair in row.anonymisation.values()) or '—'} |"
        )
    return "\n".join(lines)


def notes(rows: list[Row], repeats: int) -> str:
    lines = [
        "",
        f"Times are medians of {repeats} alternating round(s); peak = largest resident set of any one process "
        "in the build's tree. Search KB: uncompressed bytes of Pagefind's files and search.js for a first visit.",
    ]
    for row in rows:
        ours, plain = row.ours[-1], row.plain[-1]
        by = ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(ours.peak_mb_by_command.items(), key=lambda i: -i[1]))
        lines.append(
            f"- N={row.size}: ours per build {[round(b.seconds, 1) for b in row.ours]} s, "
            f"plain {[round(b.seconds, 1) for b in row.plain]} s; ours peak MB by process: {by}; "
            f"largest page ours {ours.largest_page}, plain {plain.largest_page}; "
            f"plain Material's search_index.json {row.plain_index_kb:.0f} KB; queries {row.queries}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--repeats", type=int, default=1, help="alternating rounds of ours and plain per size")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-search", action="store_true", help="skip the browser's search downloads")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview's timings")
    parser.add_argument("--preview-timeout", type=float, default=600, help="seconds to wait for each preview step")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    arguments = parser.parse_args(argv)
    rows = []
    for size in arguments.sizes:
        rows.append(
            run_size(
                size,
                arguments.repeats,
                arguments.seed,
                not arguments.no_search,
                not arguments.no_preview,
                arguments.preview_timeout,
            )
        )
    text = table(rows) + "\n" + notes(rows, arguments.repeats) + "\n"
    print(text)
    if arguments.out:
        arguments.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
