"""The search index: Pagefind run on batches of pages, and their indexes merged into one that
holds what Pagefind's own index of every page at once holds. (The search itself, in a browser,
is tested in test_search.py.)"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from browser import search as search_in_browser
from browser import serve
from casereviews.search import bundle as search_bundle
from casereviews.search import pagefind as search
from casereviews.search import version as search_version
from sitekit import BuildResult

#: HTML read by one Pagefind process in these tests: the sample site in several batches.
SMALL_BATCH = 60_000


def pagefind_alone(site_dir: Path, bundle: Path) -> None:
    """Pagefind's own index, in one run, of the pages the build's index reads."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", search.LANGUAGE,
        "--output-path", str(bundle), "--glob", "{" + ",".join(search.PAGES) + "}",
    ]  # fmt: skip
    for selector in search.EXCLUDED:
        command += ["--exclude-selectors", selector]
    subprocess.run(command, check=True, capture_output=True)


def unpack(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())[len(search_bundle.SIGNATURE) :]


def contents(bundle: Path) -> dict[str, Any]:
    """What a bundle holds, its pages named by address rather than by number."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_name = entry["languages"][search.LANGUAGE]["hash"]
    version, pages, chunks, filters, sorts, fields = search_bundle.read(bundle / f"pagefind.{meta_name}.pf_meta")
    fragments = [unpack(bundle / "fragment" / f"{name}.pf_fragment") for name, _ in pages]
    urls = [json.loads(fragment)["url"] for fragment in fragments]

    def by_address(postings: list[Any]) -> dict[str, Any]:
        number, found = 0, {}
        for difference, positions, meta_positions in postings:
            number += difference
            found[urls[number]] = (positions, [n if n >= 0 else fields[-n - 1] for n in meta_positions])
        return found

    words, chunk_words = {}, []
    for start, end, name in chunks:
        (chunk,) = search_bundle.read(bundle / "index" / f"{name}.pf_index")
        chunk_words.append((start, end, [word for word, _, _ in chunk]))
        for word, postings, variants in chunk:
            words[word] = (by_address(postings), [(form, by_address(ps)) for form, ps in variants])
    filter_pages = {}
    for _, name in filters:
        filter_name, values = search_bundle.read(bundle / "filter" / f"{name}.pf_filter")
        filter_pages[filter_name] = {value: {urls[n] for n in numbers} for value, numbers in values}
    return {
        "version": version,
        "pages": {url: (fragment, words) for url, fragment, (_, words) in zip(urls, fragments, pages, strict=True)},
        "words": words,
        "chunks": chunk_words,
        "filters": filter_pages,
        "sorts": {key: [urls[n] for n in numbers] for key, numbers in sorts},
        "fields": fields,
        "page_count": entry["languages"][search.LANGUAGE]["page_count"],
    }


def files(bundle: Path) -> dict[str, bytes]:
    """Every file of a bundle, by its path in it."""
    return {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}


@pytest.mark.site
def test_an_index_built_in_batches_holds_what_pagefinds_own_index_holds(sample_site: BuildResult, tmp_path: Path):
    """The same pages and fragments, every word on the same pages at the same positions, the same
    chunks, filters, metadata fields and sorts as Pagefind's index of all the pages at once."""
    site_dir = sample_site.site_dir
    pages = search.candidate_pages(site_dir)
    assert len(list(search.batches(pages, SMALL_BATCH))) > 3
    pagefind_alone(site_dir, tmp_path / "alone")
    alone = contents(tmp_path / "alone")

    assert search.build_index(site_dir, len(alone["pages"]), tmp_path / "merged", SMALL_BATCH) == []
    merged = contents(tmp_path / "merged")

    assert set(merged["pages"]) == {page.url for page in pages}
    assert merged["page_count"] == len(merged["pages"])
    for key in ("version", "pages", "words", "chunks", "filters", "fields"):
        assert merged[key] == alone[key], key
    assert len(merged["filters"]) >= 6 and merged["chunks"]
    # Pages with the same date may come in another order (pages are numbered batch by batch).
    sort_values = {page.url: page.sorts["published"] for page in pages if "published" in page.sorts}
    assert [sort_values[url] for url in merged["sorts"]["published"]] == sorted(sort_values.values())
    assert merged["sorts"].keys() == alone["sorts"].keys() == {"published"}
    assert sorted(merged["sorts"]["published"]) == sorted(alone["sorts"]["published"])


@pytest.mark.site
def test_the_index_is_the_same_from_one_build_to_the_next(sample_site: BuildResult, tmp_path: Path):
    """Two runs in batches write the same files, byte for byte."""
    site_dir = sample_site.site_dir
    expected = len(search.candidate_pages(site_dir))
    for run in ("one", "two"):
        assert search.build_index(site_dir, expected, tmp_path / run, SMALL_BATCH) == []

    assert files(tmp_path / "one") == files(tmp_path / "two")


@pytest.mark.site
def test_more_or_fewer_pages_than_expected_is_a_problem(sample_site: BuildResult, tmp_path: Path):
    """The build checks that Pagefind indexed exactly the pages it should, summed over the batches."""
    expected = len(search.candidate_pages(sample_site.site_dir)) + 1
    problems = search.build_index(sample_site.site_dir, expected, tmp_path / "bundle", SMALL_BATCH)
    assert [problem.message for problem in problems] == [
        f"Pagefind indexed {expected - 1} pages, expected {expected} (listed reviews and themes)"
    ]


@pytest.mark.site
def test_a_sort_value_read_unlike_pagefind_stops_the_build(sample_site: BuildResult, tmp_path: Path):
    """The batches' pages are put in order by sort values read from the HTML: a value written so
    that it is read otherwise than by Pagefind is a problem, never a wrong order."""
    site_dir = tmp_path / "site"
    for pattern in search.PAGES:
        for path in sample_site.site_dir.glob(pattern):
            copy = site_dir / path.relative_to(sample_site.site_dir)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    page = next(
        path for path in sorted(site_dir.glob("reviews/*/index.html")) if b"data-pagefind-sort" in path.read_bytes()
    )
    html = page.read_text(encoding="utf-8")
    start = html.index('data-pagefind-sort="published">') + len('data-pagefind-sort="published">')
    page.write_text(html[:start] + "<b></b>" + html[start:], encoding="utf-8")  # Pagefind reads the text after it
    expected = len(search.candidate_pages(site_dir))

    problems = search.build_index(site_dir, expected, tmp_path / "bundle", SMALL_BATCH)

    assert [problem.message for problem in problems] == [
        "Pagefind's order by 'published' is not the order of the values read from the pages"
    ]


def test_pages_whose_short_names_clash_are_named_as_pagefind_names_them(tmp_path: Path):
    """A fragment is named by 7 characters of its hash, or more where two pages' hashes start alike."""
    parts = []
    for number, full_name in enumerate(("en_abcdef1aaa", "en_abcdef1bbb", "en_abcdef2ccc")):
        fragment = search_bundle.Fragment(b"%d" % number, f"/page-{number}/", 10, full_name)
        parts.append(search_bundle.Part(tmp_path, {}, "1.5.2", [fragment], [], [], [], []))
    pages = search_bundle.write_fragments(parts, tmp_path / "fragment")
    assert pages == [["en_abcdef1", 10], ["en_abcdef1b", 10], ["en_abcdef2", 10]]
    assert (tmp_path / "fragment" / "en_abcdef1b.pf_fragment").read_bytes() == b"1"


#: Queries a practitioner types, with and without filters (the sample's themes and words).
QUERIES = (
    "search/?q=methadone",
    "search/?q=neglect",
    "search/?q=health+visitor",
    "search/?q=safeguarding&theme=neglect",
    "search/?q=school&sort=published",
)


@pytest.mark.browser
def test_a_search_on_an_index_built_in_batches_finds_what_one_run_finds(
    sample_site: BuildResult, browser_page, tmp_path: Path
):
    """In Chromium, the site searched with its index built in several batches and merged shows
    the same results, in the same order, as with Pagefind's index of every page at once."""
    page, watch = browser_page
    site_dir = tmp_path / "site"
    shutil.copytree(sample_site.site_dir, site_dir)
    alone = tmp_path / "alone"
    pagefind_alone(site_dir, alone)
    shutil.rmtree(site_dir / search.BUNDLE)
    shutil.copytree(alone, site_dir / search.BUNDLE)
    with serve(site_dir) as url:
        expected = {query: search_in_browser(page, url + query) for query in QUERIES}
    shutil.rmtree(site_dir / search.BUNDLE)
    pages = len(search.candidate_pages(site_dir))
    assert search.build_index(site_dir, pages, site_dir / search.BUNDLE, SMALL_BATCH) == []
    with serve(site_dir) as url:
        found = {query: search_in_browser(page, url + query) for query in QUERIES}
    assert all(expected.values()), expected
    assert found == expected
    assert watch.foreign_requests() == []


def test_a_batch_ends_where_a_page_name_says_so_so_a_new_page_changes_few_batches():
    """Batches are cut at pages whose names say so (about one in `BOUNDARY`), not by counting
    from the first page: a page added regroups only the pages of its own stretch between two
    such cuts (in more than one batch if that stretch is longer than `BATCH_BYTES`), never every
    batch after it, so the other batches' kept indexes are used again."""
    names = [f"20{year:02d}-board-child-{number:05d}" for year in range(10, 20) for number in range(300)]
    pages = [search.Page("reviews/*/index.html", name, 20_000, {}, name) for name in names]
    before = list(search.batches(pages, search.BATCH_BYTES))
    added = search.Page("reviews/*/index.html", "2015-board-child-00150a", 20_000, {}, "new")
    after = list(search.batches([*pages[:1650], added, *pages[1650:]], search.BATCH_BYTES))

    assert len(before) > 10
    assert all(sum(page.size for page in batch) <= search.BATCH_BYTES for batch in before)
    removed = [batch for batch in before if batch not in after]
    changed = [batch for batch in after if batch not in before]
    assert [page for batch in changed for page in batch if page != added] == [p for b in removed for p in b]
    assert added in [page for batch in changed for page in batch]
    assert 1 <= len(removed) <= 3 and len(before) - len(removed) >= len(before) * 3 // 4


@pytest.mark.site
def test_an_unchanged_batch_is_not_indexed_again_and_the_index_is_pagefinds(
    sample_site: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """With a cache, a second run indexes again only the batch whose page changed; the index it
    writes holds what Pagefind's own index of the changed site holds, the new word included,
    and a run without the cache writes the same bytes."""
    site_dir = tmp_path / "site"
    shutil.copytree(sample_site.site_dir, site_dir)
    cache = tmp_path / "cache"
    expected = len(search.candidate_pages(site_dir))
    batches = len(list(search.batches(search.candidate_pages(site_dir), SMALL_BATCH)))
    assert search.build_index(site_dir, expected, tmp_path / "first", SMALL_BATCH, cache) == []
    assert len(list(cache.iterdir())) == batches

    page = next(p for p in sorted(site_dir.glob("reviews/*/index.html")) if b"data-pagefind-body" in p.read_bytes())
    html = page.read_text(encoding="utf-8")
    paragraph = html.index("<p>", html.index("data-pagefind-body"))
    word = next(w for w in html[paragraph : html.index("</p>", paragraph)].split() if w.isalpha() and len(w) == 7)
    at = html.index(f" {word} ", paragraph) + 1
    page.write_text(html[:at] + "zqxwvut" + html[at + 7 :], encoding="utf-8")  # same size: the same batches
    pagefind_runs = []
    popen = subprocess.Popen

    def counted(command: list[str], **options: Any) -> subprocess.Popen[str]:
        pagefind_runs.extend(command[2:3])
        return popen(command, **options)

    monkeypatch.setattr(search.subprocess, "Popen", counted)
    assert search.index_in_batches(site_dir, expected, tmp_path / "second", SMALL_BATCH, cache) == []
    monkeypatch.undo()

    assert pagefind_runs == ["pagefind"]
    assert len(list(cache.iterdir())) == batches + 1
    pagefind_alone(site_dir, tmp_path / "alone")
    second, alone = contents(tmp_path / "second"), contents(tmp_path / "alone")
    assert "zqxwvut" in second["words"]
    for key in ("pages", "words", "chunks", "filters", "fields"):
        assert second[key] == alone[key], key
    assert search.build_index(site_dir, expected, tmp_path / "uncached", SMALL_BATCH) == []

    assert files(tmp_path / "second") == files(tmp_path / "uncached")

    first_batch = next(search.batches(search.candidate_pages(site_dir), SMALL_BATCH))
    (cache / search.batch_key(first_batch) / "bundle" / "pagefind-entry.json").unlink()  # a kept index not whole
    assert search.build_index(site_dir, expected, tmp_path / "third", SMALL_BATCH, cache) == []
    assert files(tmp_path / "third") == files(tmp_path / "second")
    assert (cache / search.batch_key(first_batch) / "bundle" / "pagefind-entry.json").is_file()  # kept again


@pytest.mark.site
def test_indexing_starts_once_the_pages_it_indexes_are_written_while_the_others_are_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A build starts Pagefind as soon as every listed review's page and every theme's page is
    on disk, and renders the other pages (briefings, hubs) meanwhile; the index is whole."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from casereviews.adapter import output
    from sitekit import TEST_NOW, SiteProject

    monkeypatch.setenv("REVIEW_SITE_NOW", TEST_NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = SiteProject(tmp_path)
    seen: list[tuple[set[str], set[str], int]] = []
    start = output.SearchIndexing.start

    def recording(self: output.SearchIndexing) -> None:  # the first start: later calls find it started
        site, indexed = self.site_dir, set(self.pages)
        if seen:
            return start(self)
        seen.append(
            ({page for page in indexed if (site / page).is_file()}, indexed, len(list(site.glob("**/briefing"))))
        )
        start(self)

    monkeypatch.setattr(output.SearchIndexing, "start", recording)
    build(load_config(str(project.config_file)))
    [(written, indexed, briefings)] = seen
    assert written == indexed and len(indexed) > 5
    assert briefings == 0
    site = tmp_path / "site"
    assert len(list(site.glob("reviews/*/briefing/index.html"))) > 3
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(indexed)


@pytest.mark.site
def test_a_pagefind_of_another_release_stops_indexing_with_what_to_do(
    sample_site: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """The merge reads Pagefind 1.5's private index format: another release is a problem that
    names both versions and the fix, and nothing is indexed; the installed version passes."""
    assert search_version.version_problem(search_version.installed()) is None  # the pinned one
    monkeypatch.setattr(search_version, "installed", lambda: "1.6.0")
    bundle = tmp_path / "bundle"
    expected = len(search.candidate_pages(sample_site.site_dir))
    search.main([str(sample_site.site_dir), str(bundle), str(expected), str(SMALL_BATCH)])
    (problem,) = json.loads(capsys.readouterr().out)
    assert "Pagefind 1.6.0 is installed, expected 1.5.x" in problem["message"]
    assert "requirements.txt" in problem["message"]
    assert not bundle.exists()
    monkeypatch.setattr(search_version, "installed", lambda: None)
    search.main([str(sample_site.site_dir), str(bundle), str(expected), str(SMALL_BATCH)])
    (problem,) = json.loads(capsys.readouterr().out)
    assert problem["message"].startswith("Pagefind is not installed")


@pytest.mark.site
def test_a_batch_index_written_by_another_release_is_not_merged(sample_site: BuildResult, tmp_path: Path):
    """A batch's index (kept from an earlier build, say) that names another release stops the merge."""
    batch = tmp_path / "batch"
    pagefind_alone(sample_site.site_dir, batch)
    entry = json.loads((batch / search_bundle.ENTRY).read_text(encoding="utf-8"))
    meta_path = batch / f"pagefind.{entry['languages'][search.LANGUAGE]['hash']}.pf_meta"
    meta = search_bundle.read(meta_path)
    assert search_version.supported(meta[0])  # Pagefind's own index names the pinned release
    meta[0] = "1.4.0"
    meta_path.unlink()
    entry["languages"][search.LANGUAGE]["hash"] = search_bundle.write(batch, "pagefind.", ".pf_meta", meta, 10)
    (batch / search_bundle.ENTRY).write_text(json.dumps(entry), encoding="utf-8")
    problems = search_bundle.merge([batch], tmp_path / "merged", {})
    assert [problem.message for problem in problems] == [
        "Pagefind 1.4.0 is named by the index of a batch (batch), expected 1.5.x (the search index format this "
        "site merges is Pagefind 1.5's): install the version requirements.txt pins (run `make build`, or "
        "`.venv/bin/pip install -r requirements.txt`); a new Pagefind release needs "
        "casereviews/search/bundle.py checked against its index format first"
    ]
