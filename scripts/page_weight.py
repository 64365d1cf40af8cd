"""Page weight: the largest HTML page of each kind in a built site, against the 200 KB bound.

    .venv/bin/python scripts/page_weight.py --count 5000        # generate, build, measure
    .venv/bin/python scripts/page_weight.py --site site          # measure a built site

A kind is the page's address with its variable parts named: /themes/<theme>/<year>/,
/reviews/<review>/briefing/. Practitioners read these pages on phones, so no page may weigh
more than the bound however large the corpus grows. Prints one line per kind, heaviest
first; exits 1 when a page is over the bound.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

#: No page of the site may be heavier than this, in bytes of HTML (issue 14).
PAGE_BOUND = 200 * 1024

_YEAR = re.compile(r"^\d{4}$")
_PART = re.compile(r"^page-\d+$")
#: The folders of an address before a name → what the name stands for.
_NAMED = {
    ("themes",): "<theme>",
    ("boards",): "<board>",
    ("reviews",): "<review>",
    ("years",): "<year>",
    ("actions", "boards"): "<board>",
    ("actions", "agencies"): "<agency>",
}


def kind_of(url: str) -> str:
    """'/themes/neglect/2019/' → '/themes/<theme>/<year>/'."""
    parts = [part for part in url.strip("/").split("/") if part]
    named = []
    for position, part in enumerate(parts):
        if _YEAR.match(part):
            named.append("<year>")
        elif _PART.match(part):
            named.append("page-<n>")
        elif tuple(parts[:position]) in _NAMED:
            named.append(_NAMED[tuple(parts[:position])])
        else:
            named.append(part)
    return "/" + "".join(f"{part}/" for part in named)


def page_sizes(site_dir: Path) -> dict[str, int]:
    """Root-relative page URL → bytes of its HTML (assets and Pagefind's files left out)."""
    sizes = {}
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(("assets/", "pagefind/")):
            continue
        sizes["/" + relative.removesuffix("index.html")] = path.stat().st_size
    return sizes


def heaviest_by_kind(sizes: dict[str, int]) -> list[tuple[str, int, str, int]]:
    """(kind, bytes of its heaviest page, that page, number of pages), heaviest first."""
    kinds: dict[str, tuple[int, str, int]] = {}
    for url, size in sorted(sizes.items()):
        kind = kind_of(url)
        largest, page, count = kinds.get(kind, (-1, "", 0))
        kinds[kind] = (size, url, count + 1) if size > largest else (largest, page, count + 1)
    return sorted(((kind, *figures) for kind, figures in kinds.items()), key=lambda row: (-row[1], row[0]))


def report(site_dir: Path, bound: int = PAGE_BOUND) -> int:
    """Print the heaviest page of each kind; the number of pages over `bound`."""
    sizes = page_sizes(site_dir)
    for kind, size, page, count in heaviest_by_kind(sizes):
        mark = "  OVER" if size > bound else ""
        print(f"{size / 1024:8.1f} KB  {kind:<36} {count:6d} pages, heaviest {page}{mark}")
    over = sorted(url for url, size in sizes.items() if size > bound)
    print(f"{len(sizes)} pages; {len(over)} over {bound // 1024} KB")
    return len(over)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--site", type=Path, help="a built site folder to measure")
    source.add_argument("--count", type=int, help="generate a corpus of this many reviews, build it, measure it")
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args(argv)
    if arguments.site:
        return 1 if report(arguments.site) else 0
    from bench import full_build, write_config
    from generate_corpus import generate

    with tempfile.TemporaryDirectory(prefix="page-weight-") as folder:
        root = Path(folder)
        generate(root / "content", arguments.count, arguments.seed)
        seconds = full_build(root, write_config(root, root / "content"))
        print(f"{arguments.count} generated reviews, built in {seconds:.0f} s")
        return 1 if report(root / "site") else 0


if __name__ == "__main__":
    sys.exit(main())
