"""Benchmarks: how build steps grow with the corpus. Prints figures; asserts nothing.

`make bench` runs this. For each corpus size it generates a fictional corpus, then times
loading and validation, indexing (theme, year, board, related reviews, matrix), page
generation, and a full `mkdocs build --strict`, and reports the cost per review, so linear
growth shows as a flat per-review figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT / "scripts"))

import yaml  # noqa: E402

from casereviews import pages  # noqa: E402
from casereviews.index.indexes import build_indexes  # noqa: E402
from casereviews.load.catalogue import load_site  # noqa: E402
from casereviews.output import page_boards, page_years  # noqa: E402
from generate_corpus import generate  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


def timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def index_everything(site):  # type: ignore[no-untyped-def]
    indexes = build_indexes(site)
    for review in indexes.listed:
        indexes.related.for_review(review)
    indexes.matrix()
    return indexes


def generate_pages(site, indexes) -> int:  # type: ignore[no-untyped-def]
    count = 0
    for theme in site.themes:
        pages.theme_sections(theme, site, indexes)
        count += 1
    for year in page_years(site):
        pages.year_page(year, site, indexes)
        count += 1
    for slug in page_boards(site):
        pages.board_page(slug, site, indexes)
        count += 1
    pages.themes_index(site, indexes)
    pages.browse_matrix(site, indexes)
    return count


def write_config(root: Path, content: Path) -> Path:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(content), site_dir=str(root / "site"))
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    config["hooks"] = [str(PROJECT / hook) for hook in config["hooks"]]
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def full_build(root: Path, config: Path) -> float:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", REVIEW_SITE_NOW=NOW.isoformat())
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(root / "site")]
    start = time.perf_counter()
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        print(completed.stdout[-2000:], completed.stderr[-2000:], file=sys.stderr)
        raise SystemExit("the benchmark build failed")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--no-build", action="store_true", help="skip the full MkDocs builds")
    arguments = parser.parse_args(argv)
    print(f"{'reviews':>8} {'load s':>8} {'index s':>8} {'pages s':>8} {'build s':>8}", end="")
    print("   per review (ms): load index pages build")
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            root = Path(folder)
            content = root / "content"
            generate(content, size)
            site, load_seconds = timed(lambda: load_site(content, NOW, root))  # noqa: B023
            if site.errors:
                raise SystemExit(f"the generated corpus has errors: {site.errors[:3]}")
            indexes, index_seconds = timed(lambda: index_everything(site))  # noqa: B023
            _, page_seconds = timed(lambda: generate_pages(site, indexes))  # noqa: B023
            build_seconds = float("nan") if arguments.no_build else full_build(root, write_config(root, content))
            total = len(site.reviews)
            per = [1000 * seconds / total for seconds in (load_seconds, index_seconds, page_seconds, build_seconds)]
            print(
                f"{total:>8} {load_seconds:>8.2f} {index_seconds:>8.2f} {page_seconds:>8.2f} {build_seconds:>8.2f}"
                f"   {per[0]:>6.2f} {per[1]:>5.2f} {per[2]:>5.2f} {per[3]:>5.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
