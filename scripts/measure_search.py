"""Measure what a browser downloads for a first search, on a generated corpus.

Builds a corpus of N fictional reviews, serves it on 127.0.0.1, opens the search page in
Debian's Chromium, runs first queries on real words of the corpus (`corpus_queries`: one
word; one word and a theme filter; two words and a board filter) and prints the bytes
downloaded: the search code and index (Pagefind's script, WebAssembly, index chunks,
filters and result fragments, and the page's search.js), and everything the page loaded.
Bytes are uncompressed response bodies: a server that compresses sends less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))
sys.path.insert(0, str(PROJECT / "tests"))
sys.path.insert(0, str(PROJECT / "hooks"))

from bench import NOW, full_build, write_config  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from casereviews.load.catalogue import load_site  # noqa: E402
from casereviews.policy.public import public_view  # noqa: E402
from generate_corpus import OPENINGS, RECOMMENDATION_OPENINGS, generate, vocabulary  # noqa: E402

#: The three kinds of first query, in this order (the table's columns).
QUERY_KINDS = ("word", "word + theme", "two words + board")
#: A filter-only first query, printed by this script's own run.
EXTRA_QUERIES = ("search/?theme=infants&from=2010&to=2015",)
#: Rank, among the corpus's words of five letters or more, of the first query word: common
#: enough to be on many pages (a large index chunk), not so common that it is a stop word.
QUERY_WORD_RANK = 40
_WORD = re.compile(r"[a-z]{5,}")
_AUTHOR_ID = re.compile(r"\{#[^}]*\}")
_TEMPLATE_WORDS = {word.lower() for opening in (*OPENINGS, *RECOMMENDATION_OPENINGS) for word in opening.split()}
#: English's most frequent words ("being", "would"): nobody searches for them.
FUNCTION_WORDS = 300


def corpus_queries(content_dir: Path, now: dt.datetime = NOW) -> list[str]:
    """Search addresses for the three kinds of first query, on real words of the listed reviews.

    A word of middling rank; that word with the most common theme; that word and the board's
    own most common other word with the most common board (so the query has results).
    """
    site = public_view(load_site(content_dir, now.date(), content_dir.parent), now)
    listed = site.reviews
    words: Counter[str] = Counter()
    by_board: dict[str, Counter[str]] = {}
    themes: Counter[str] = Counter()
    skipped = _TEMPLATE_WORDS | set(vocabulary()[0][:FUNCTION_WORDS])
    for review in listed:
        text = _AUTHOR_ID.sub(" ", review.body).lower()
        found = [w for w in _WORD.findall(text) if w not in skipped]
        words.update(found)
        by_board.setdefault(site.board_slug(review), Counter()).update(found)
        themes.update(review.themes)
    ranked = [word for word, _ in words.most_common(QUERY_WORD_RANK + 1)]
    word = ranked[min(QUERY_WORD_RANK, len(ranked) - 1)]
    theme = themes.most_common(1)[0][0]
    board = max(by_board, key=lambda slug: sum(by_board[slug].values()))
    second = next(w for w, _ in by_board[board].most_common(QUERY_WORD_RANK + 5)[QUERY_WORD_RANK // 2 :] if w != word)
    return [
        f"search/?q={word}",
        f"search/?q={word}&theme={theme}",
        f"search/?q={word}+{second}&board={board}",
    ]


def compressed(body: bytes) -> int:
    """Bytes on the wire from a server that gzips (Pagefind's data files are gzip already)."""
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))


def first_query_bytes(base_url: str, address: str) -> tuple[int, int, int, int]:
    """(search bytes, the same gzipped, all bytes, results shown) for a first visit to a search address."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    gzipped: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def record(response) -> None:  # type: ignore[no-untyped-def]
            body = response.body()
            sizes[response.url] = len(body)
            gzipped[response.url] = compressed(body)

        page.on("response", record)
        page.goto(base_url + address)
        page.wait_for_function("() => /result/.test(document.getElementById('search-status').textContent)")
        page.wait_for_load_state("networkidle")
        shown = page.locator("#search-results li").count()
        browser.close()
    searching = [url for url in sizes if "/pagefind/" in url or url.endswith("/search.js")]
    return sum(sizes[u] for u in searching), sum(gzipped[u] for u in searching), sum(sizes.values()), shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-size-") as folder:
        root = Path(folder)
        generate(root / "content", arguments.count)
        full_build(root, write_config(root, root / "content"))
        index_bytes = sum(p.stat().st_size for p in (root / "site" / "pagefind").rglob("*") if p.is_file())
        print(f"{arguments.count} generated reviews; the whole search index is {index_bytes / 1024:.0f} KB on disk")
        with serve(root / "site") as url:
            for address in [*corpus_queries(root / "content"), *EXTRA_QUERIES]:
                search, search_gzipped, total, shown = first_query_bytes(url, address)
                print(f"  {address}")
                print(
                    f"      search downloads {search / 1024:6.1f} KB ({search_gzipped / 1024:.1f} KB gzipped); "
                    f"whole page {total / 1024:6.1f} KB; {shown} results shown"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
