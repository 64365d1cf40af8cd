"""The preview (`make serve`): a rebuild renders only what an edit touched, and never keeps
a review that is no longer published.

Each test runs the preview's rebuilds in this process, as the preview server does on save."""

from __future__ import annotations

import json
import logging
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from casereviews.adapter.preview import Preview
from casereviews.adapter.rebuild import Filler, fill
from casereviews.adapter.releases import quiet_dirty_warning
from casereviews.adapter.store import PreviewStore
from casereviews.search.indexing import SearchIndexer
from sitekit import TEST_NOW, SiteProject

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from preview import first_rebuild, rebuild, requested_files

pytestmark = pytest.mark.site
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

EDITED, OTHER, UNRELATED = "2019-testshire-child-a", "2019-testshire-child-b", "2018-elsewhere-adult-c"


@pytest.fixture
def preview_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SiteProject:
    monkeypatch.setenv("REVIEW_SITE_NOW", TEST_NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiet_dirty_warning()
    project = SiteProject(tmp_path)
    project.write_review(EDITED, themes=["neglect"], published="2019-05-01")
    project.write_review(OTHER, themes=["neglect"], published="2019-06-01", title="Serious case review: Child B")
    project.write_review(
        UNRELATED,
        themes=["self-neglect"],
        published="2018-02-01",
        title="Safeguarding adults review: Adult C",
        board="Elsewhere Safeguarding Adults Board",
        review_type="safeguarding-adults-review",
    )
    return project


def page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def test_an_edit_renders_the_review_and_the_pages_that_show_it_only(preview_project, tmp_path):
    site, state = tmp_path / "preview", Preview()
    site.mkdir()
    rebuild(preview_project.config_file, site, state)
    assert page(site, f"reviews/{EDITED}").exists() and page(site, f"reviews/{UNRELATED}").exists()
    first = len(state.rendered)
    unrelated_bytes = page(site, f"reviews/{UNRELATED}").read_bytes()

    path = preview_project.content / "reviews" / f"{EDITED}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("The first lesson.", "The first lesson, edited."))
    assert rebuild(preview_project.config_file, site, state) == "quick"  # nothing a list shows changed

    rendered = set(state.rendered)
    assert rendered == {
        f"reviews/{EDITED}/index.html",
        f"reviews/{EDITED}/briefing/index.html",
        "themes/neglect/index.html",  # it lists the review
        "themes/neglect/2019/index.html",  # it lists the review's learning
    }
    assert f"reviews/{OTHER}/index.html" not in rendered  # related to it, but shows nothing of its text
    assert f"reviews/{UNRELATED}/index.html" not in rendered  # no theme, board or year in common
    assert f"reviews/{UNRELATED}/briefing/index.html" not in rendered
    assert "themes/self-neglect/index.html" not in rendered
    assert "themes/self-neglect/2018/index.html" not in rendered
    assert len(rendered) < first / 2
    assert "The first lesson, edited." in page(site, f"reviews/{EDITED}").read_text(encoding="utf-8")
    assert "The first lesson, edited." in page(site, "themes/neglect/2019").read_text(encoding="utf-8")
    assert page(site, f"reviews/{UNRELATED}").read_bytes() == unrelated_bytes
    for export in ("reviews.json", "reviews.csv", "actions.csv", "feed.xml"):  # what a build writes after pages
        assert (site / export).is_file(), export

    assert "index.html" not in rendered and "about/index.html" not in rendered  # the text of neither changed
    assert "years/index.html" not in rendered and "boards/index.html" not in rendered

    records = json.loads((site / "reviews.json").read_text(encoding="utf-8"))["reviews"]
    edited = next(record for record in records if record["slug"] == EDITED)
    assert edited["learning"][0]["text"] == "The first lesson, edited."  # the catalogue too

    state.search.wait()
    assert (site / "pagefind").is_dir()
    rebuild(preview_project.config_file, site, state)  # nothing changed: nothing is rendered
    assert state.rendered == []
    assert not state.search.needed(site)  # nor indexed again


def test_a_hub_is_rendered_when_what_it_shows_changes(preview_project, tmp_path):
    """A hub's key is its own text: a new title re-renders the lists that show it, and they show it."""
    site, state = tmp_path / "preview", Preview()
    site.mkdir()
    rebuild(preview_project.config_file, site, state)
    path = preview_project.content / "reviews" / f"{EDITED}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Child T", "Child T (renamed)"), encoding="utf-8")
    rebuild(preview_project.config_file, site, state)
    rendered = set(state.rendered)
    for hub in ("reviews", "years/2019", "boards/testshire-safeguarding-children-board"):
        assert f"{hub}/index.html" in rendered, hub
        assert "Child T (renamed)" in page(site, hub).read_text(encoding="utf-8"), hub
    assert "about/index.html" not in rendered and "boards/index.html" not in rendered
    state.search.wait()


WITHDRAWN = {
    "status": "withdrawn",
    "withdrawn_on": "2026-01-05",
    "withdrawn_reason": "Withdrawn at the family's request.",
}


def test_a_withdrawn_review_leaves_the_preview(preview_project, tmp_path):
    """Drafts and embargoed reviews stay, marked (tests/test_preview_drafts.py); a review
    withdrawn leaves every list, page and the search index with the rebuild that reads it: its
    address shows the notice."""
    site, state = tmp_path / "preview", Preview()
    site.mkdir()
    rebuild(preview_project.config_file, site, state)
    assert "Child B" in page(site, "reviews").read_text(encoding="utf-8")

    preview_project.write_review(
        OTHER, themes=["neglect"], published="2019-06-01", title="Serious case review: Child B", **WITHDRAWN
    )
    rebuild(preview_project.config_file, site, state)

    assert "This review has been withdrawn" in page(site, f"reviews/{OTHER}").read_text(encoding="utf-8")
    for url in ("reviews", "themes/neglect", "years/2019", f"reviews/{EDITED}"):
        assert "Child B" not in page(site, url).read_text(encoding="utf-8"), url
    state.search.wait()
    assert not any(OTHER.encode() in path.read_bytes() for path in (site / "pagefind").rglob("*") if path.is_file()), (
        "the search index still names it"
    )


def test_content_with_problems_removes_a_review_that_left(preview_project, tmp_path):
    """A rebuild that stops on a problem does not keep showing a review since withdrawn."""
    site, state = tmp_path / "preview", Preview()
    site.mkdir()
    rebuild(preview_project.config_file, site, state)
    preview_project.write_review(OTHER, themes=["neglect"], **WITHDRAWN)
    preview_project.write_review("2020-testshire-child-d", themes=["no-such-theme"])
    with pytest.raises(Abort):
        rebuild(preview_project.config_file, site, state)
    assert not any(OTHER in path.as_posix() for path in site.rglob("*"))
    assert not any(b"Child B" in path.read_bytes() for path in site.rglob("*") if path.is_file())
    state.search.wait()


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a preview but its search index (made in the background), by path."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
    }


def edit(project: SiteProject, slug: str, old: str, new: str) -> None:
    path = project.content / "reviews" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_preview_after_edits_is_what_a_first_rebuild_of_the_same_content_writes(preview_project, tmp_path):
    """Whatever each rebuild skipped (pages, exports, MkDocs' own work in a quick rebuild), the
    preview after a run of edits is file for file what a preview started afresh writes."""
    site, state = tmp_path / "preview", Preview()
    site.mkdir()
    rebuild(preview_project.config_file, site, state)
    steps = [
        ("a review's text", "quick", lambda: edit(preview_project, EDITED, "What happened,", "What happened then,")),
        ("a learning point", "quick", lambda: edit(preview_project, OTHER, "The second lesson.", "A lesson.")),
        ("nothing", "quick", lambda: None),
        ("a summary lists show", "full", lambda: edit(preview_project, EDITED, "A summary", "The summary")),
        ("a title related reviews show", "full", lambda: edit(preview_project, EDITED, "Child T", "Child T, retitled")),
        ("a review turned draft", "full", lambda: edit(preview_project, OTHER, "status: published", "status: draft")),
        ("a new review", "full", lambda: preview_project.write_review("2020-testshire-child-d", themes=["neglect"])),
        ("a file copied as it is", "full", lambda: preview_project.write("files/guide.png", "A picture.")),
        ("a file copied as it is, removed", "full", lambda: preview_project.remove("files/guide.png")),
        (
            "a review's old address",
            "full",
            lambda: edit(preview_project, EDITED, "status:", "aliases: [child-a]\nstatus:"),
        ),
    ]
    for what, kind, change in steps:
        change()
        assert rebuild(preview_project.config_file, site, state) == kind, what
        fresh = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
        fresh.mkdir()
        rebuild(preview_project.config_file, fresh, Preview())
        expected, found = site_files(fresh), site_files(site)
        assert sorted(found) == sorted(expected), what
        assert [path for path in expected if found[path] != expected[path]] == [], what
    state.search.wait()


def test_learning_points_html_is_kept_until_the_markdown_options_change():
    """A point's HTML depends on its text and the site's Markdown options: kept between saves, not after a change."""
    state = Preview()
    options = {"extensions": ["attr_list"], "extension_configs": {}}
    points = state.point_html(options)
    assert points.inline("*kept*") == "<em>kept</em>"
    assert state.point_html(dict(options)) is points
    changed = state.point_html({"extensions": ["attr_list", "pymdownx.smartsymbols"], "extension_configs": {}})
    assert changed is not points
    assert changed.inline("a --> b") == "a &rarr; b"


def kept_preview(project: SiteProject) -> tuple[PreviewStore, Preview]:
    """A start of the preview that keeps its folder between starts (as `make serve` does)."""
    store = PreviewStore.open(project.config_file)
    assert store is not None
    state = Preview()
    store.restore(state)
    return store, state


def test_a_restart_renders_only_what_changed_while_the_preview_was_stopped(preview_project, tmp_path):
    """The folder and keys kept on disk: a later start renders the pages of what changed while
    it was stopped, a review withdrawn meanwhile leaves every list, and the preview is what
    one started afresh writes. A second preview of the project does not share the folder."""
    store, state = kept_preview(preview_project)
    rebuild(preview_project.config_file, store.site_dir, state)
    assert len(state.rendered) > 100
    assert PreviewStore.open(preview_project.config_file) is None  # held by the preview running
    state.search.wait()
    store.close()

    edit(preview_project, EDITED, "The first lesson.", "The first lesson, edited while stopped.")
    preview_project.write_review(
        OTHER, themes=["neglect"], published="2019-06-01", title="Serious case review: Child B", **WITHDRAWN
    )
    store, state = kept_preview(preview_project)
    assert state.keys  # the record was read
    rebuild(preview_project.config_file, store.site_dir, state)
    rendered = set(state.rendered)
    assert f"reviews/{EDITED}/index.html" in rendered
    assert f"reviews/{UNRELATED}/index.html" not in rendered  # nothing it shows changed
    assert len(rendered) < len(state.outputs) / 3, len(rendered)
    assert "edited while stopped" in page(store.site_dir, f"reviews/{EDITED}").read_text(encoding="utf-8")
    assert "This review has been withdrawn" in page(store.site_dir, f"reviews/{OTHER}").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    rebuild(preview_project.config_file, fresh, Preview())
    expected, found = site_files(fresh), site_files(store.site_dir)
    assert sorted(found) == sorted(expected)
    assert [path for path in expected if found[path] != expected[path]] == []
    state.search.wait()
    store.close()


def test_a_kept_folder_is_trusted_only_as_its_record_describes_it(preview_project):
    """A folder whose record is gone (a rebuild was writing when the preview stopped) or was
    written by other code is emptied; a file the record does not name (left by anything) is
    deleted by the first rebuild; a rebuild that stops on a problem before it writes keeps the
    record."""
    store, state = kept_preview(preview_project)
    rebuild(preview_project.config_file, store.site_dir, state)
    state.search.wait()
    stray = store.site_dir / "reviews" / "left-behind" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("Unpublished text of a review left behind.", encoding="utf-8")
    store.close()

    store, state = kept_preview(preview_project)
    config = preview_project.config()
    preview_project.write_config({**config, "extra": {"casereviews": {"feed_length": 0}}})
    with pytest.raises(Abort):  # stops on a problem before writing anything
        rebuild(preview_project.config_file, store.site_dir, state)
    assert (store.folder / "record.json").is_file() and stray.is_file()
    preview_project.write_config(config)
    rebuild(preview_project.config_file, store.site_dir, state)
    assert not stray.exists()
    assert (store.folder / "record.json").is_file()
    state.search.wait()
    store.close()

    record = json.loads((store.folder / "record.json").read_text(encoding="utf-8"))
    (store.folder / "record.json").write_text(json.dumps({**record, "code": "other code"}), encoding="utf-8")
    store, state = kept_preview(preview_project)
    assert state.keys == {} and list(store.site_dir.iterdir()) == []
    rebuild(preview_project.config_file, store.site_dir, state)
    state.search.wait()
    store.close()

    store, state = kept_preview(preview_project)
    state.started_writing()  # as a rebuild does when it starts writing; then the preview stops
    store.close()
    store, state = kept_preview(preview_project)
    assert state.keys == {} and list(store.site_dir.iterdir()) == []
    store.close()


def test_a_first_rebuild_that_fails_its_checks_leaves_nothing_to_serve(preview_project):
    """Before the server starts, a kept folder is rebuilt; if the checks after rendering find a
    problem (here the leak guard: a withdrawn review's summary quoted in a published one), nothing of
    what was written is served: the folder is emptied until the problems are fixed."""
    store, state = kept_preview(preview_project)
    rebuild(preview_project.config_file, store.site_dir, state)
    state.search.wait()
    store.close()

    summary = "A summary of a withdrawn review that must never be published anywhere on the site again."
    preview_project.write_review("2020-testshire-child-d", themes=["neglect"], summary=summary, **WITHDRAWN)
    edit(preview_project, EDITED, "What happened, in general terms.", summary)
    store, state = kept_preview(preview_project)
    first_rebuild(preview_project.config_file, store.site_dir, state)
    assert list(store.site_dir.iterdir()) == []
    assert not (store.folder / "record.json").exists()
    store.close()


#: A stand-in for Pagefind (`python -m pagefind`, found first on PYTHONPATH): it records its
#: process id in the folder FAKE_PAGEFIND_PIDS names, and waits.
FAKE_PAGEFIND = """
import os, pathlib, time
pathlib.Path(os.environ["FAKE_PAGEFIND_PIDS"], str(os.getpid())).touch()
time.sleep(120)
"""


def test_a_search_run_made_stale_or_left_by_a_stopping_preview_is_stopped(tmp_path, monkeypatch):
    """Pagefind runs one at a time in the background: a run that a rebuild made stale (it
    rendered pages) is stopped at once, with the Pagefind process it started, the latest request
    runs next, and stopping the preview stops its run; a stopped run's index is never used."""
    fake = tmp_path / "fake" / "pagefind"
    fake.mkdir(parents=True)
    (fake / "__init__.py").touch()
    (fake / "__main__.py").write_text(FAKE_PAGEFIND, encoding="utf-8")
    started = tmp_path / "pagefind-pids"
    started.mkdir()
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    monkeypatch.setenv("FAKE_PAGEFIND_PIDS", str(started))
    site_dir = tmp_path / "site"
    (site_dir / "reviews" / "a-review").mkdir(parents=True)
    (site_dir / "reviews" / "a-review" / "index.html").write_text("<main data-pagefind-body>Text</main>")
    indexer = SearchIndexer()

    def running(besides: object = None) -> subprocess.Popen[str]:
        for _ in range(600):
            process = indexer._process
            if process is not None and process is not besides:
                return process
            time.sleep(0.05)
        raise AssertionError("the indexing run was not started")

    def pagefind_ids(count: int) -> list[int]:
        for _ in range(600):
            if len(ids := sorted(int(path.name) for path in started.iterdir())) >= count:
                return ids
            time.sleep(0.05)
        raise AssertionError("the run did not start Pagefind")

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            return False
        return state != "Z"

    indexer.start(site_dir, 1)
    first = running()
    pagefind_ids(1)
    indexer.invalidate(site_dir)
    indexer.start(site_dir, 1)
    assert first.wait(timeout=60) != 0  # stopped, not finished
    second = running(besides=first)  # the latest request
    pagefind_ids(2)
    indexer.stop()
    assert second.returncode is not None and second.returncode != 0
    assert not (site_dir / "pagefind").exists()
    for _ in range(200):
        if not any(alive(pid) for pid in pagefind_ids(2)):
            break
        time.sleep(0.05)
    assert not any(alive(pid) for pid in pagefind_ids(2)), "a stopped run left its Pagefind running"


def test_a_quick_rebuild_stops_on_a_warning_as_a_build_does(preview_project, tmp_path):
    """Strict mode holds in a quick rebuild: a link to no page, saved in a review's text, stops
    the rebuild (the server then waits for one that succeeds); fixed, the next one succeeds."""
    site, state = tmp_path / "preview", Preview()
    site.mkdir()
    rebuild(preview_project.config_file, site, state)
    edit(preview_project, EDITED, "What happened, in general terms.", "See [the report](no-such-page.md).")
    with pytest.raises(Abort, match="strict mode"):
        rebuild(preview_project.config_file, site, state)
    edit(preview_project, EDITED, "See [the report](no-such-page.md).", "What happened, in general terms.")
    rebuild(preview_project.config_file, site, state)
    state.search.wait()


def waiting_preview(project: SiteProject, site: Path) -> Preview:
    """A preview whose rebuilds defer every review page, briefing and page of a theme's years
    (as `make serve` does when there are more than `DEFER_ABOVE`), after its first rebuild."""
    state = Preview(defer_above=0)
    site.mkdir()
    rebuild(project.config_file, site, state)
    return state


def test_a_first_start_serves_the_lists_and_renders_the_other_pages_after(preview_project, tmp_path):
    """Served at once: the first rebuild renders every page but the review pages, briefings and
    pages of theme years, which wait absent; rendered a few at a time, they end as what a
    rebuild rendering everything writes. Search is indexed only then."""
    site = tmp_path / "preview"
    state = waiting_preview(preview_project, site)
    assert (site / "index.html").exists() and page(site, "themes/neglect").exists()
    assert not page(site, f"reviews/{EDITED}").exists() and not page(site, f"reviews/{EDITED}/briefing").exists()
    assert f"reviews/{EDITED}/index.html" in state.deferred.values()
    assert not (site / "pagefind").exists() and state.search.needed(site)
    rounds = 0
    while fill(state, 2):
        rounds += 1
        assert not (site / "pagefind").exists()
    assert rounds > 2 and state.deferred == {}
    state.search.wait()
    assert (site / "pagefind" / "pagefind-entry.json").exists()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    rebuild(preview_project.config_file, fresh, Preview())
    expected, found = site_files(fresh), site_files(site)
    assert sorted(found) == sorted(expected)
    assert [path for path in expected if found[path] != expected[path]] == []

    config = preview_project.config()  # what every page shows changed: none is shown as it was
    config["copyright"] = "Published by the boards, changed."
    preview_project.write_config(config)
    assert rebuild(preview_project.config_file, site, state) == "full"
    assert "changed." in (site / "index.html").read_text(encoding="utf-8")
    assert not page(site, f"reviews/{EDITED}").exists() and not page(site, f"reviews/{EDITED}/briefing").exists()
    while fill(state):
        pass
    assert "changed." in page(site, f"reviews/{EDITED}").read_text(encoding="utf-8")


def test_a_page_asked_for_is_rendered_at_once_and_an_edit_to_it_shows(preview_project, tmp_path):
    """A page waiting to be rendered is rendered when asked for, before any other; an edit to a
    review rendered since is rendered by the next rebuild (a quick one), the others still wait."""
    site = tmp_path / "preview"
    state = waiting_preview(preview_project, site)
    waiting = len(state.deferred)
    filler = Filler(state)
    filler.render_requested(f"reviews/{EDITED}/index.html")
    filler.render_requested("no-such-page/index.html")
    assert page(site, f"reviews/{EDITED}").exists() and len(state.deferred) == waiting - 1
    assert fill(state, 5, [f"reviews/{EDITED}.md"], only=True) == []  # rendered already: nothing else is
    assert len(state.deferred) == waiting - 1
    assert not page(site, f"reviews/{OTHER}").exists()

    state.defer_above = 5  # an edit renders its few pages at once
    edit(preview_project, EDITED, "The first lesson.", "The first lesson, edited.")
    assert rebuild(preview_project.config_file, site, state) == "quick"
    assert "The first lesson, edited." in page(site, f"reviews/{EDITED}").read_text(encoding="utf-8")
    assert len(state.deferred) == waiting - 1 and not page(site, f"reviews/{OTHER}").exists()


@pytest.mark.parametrize("problem", ["leak", "warning"])
def test_a_page_rendered_after_the_rebuild_with_a_problem_is_not_shown(preview_project, tmp_path, caplog, problem):
    """The pages rendered after a rebuild are checked as the rebuild checks what it writes: a
    page whose checks fail (a withdrawn review's summary quoted; a link to no page, in strict mode) is
    deleted and its problem logged; every other page is shown."""
    if problem == "leak":
        summary = "A summary of a withdrawn review that must never be published anywhere on the site again."
        preview_project.write_review("2020-testshire-child-d", themes=["neglect"], summary=summary, **WITHDRAWN)
        edit(preview_project, EDITED, "What happened, in general terms.", summary)
    else:
        edit(preview_project, EDITED, "What happened, in general terms.", "See [the report](no-such-page.md).")
    site = tmp_path / "preview"
    state = waiting_preview(preview_project, site)
    with caplog.at_level(logging.WARNING):
        while fill(state):
            pass
    assert state.deferred == {}
    assert not page(site, f"reviews/{EDITED}").exists()
    assert page(site, f"reviews/{OTHER}").exists() and page(site, f"reviews/{EDITED}/briefing").exists()
    expected = "summary of unpublished review" if problem == "leak" else "no-such-page.md"
    assert any(expected in record.getMessage() for record in caplog.records)
    assert not any(b"must never be published" in path.read_bytes() for path in site.rglob("*") if path.is_file())


def test_the_preview_server_serves_before_every_page_is_rendered_and_stops_cleanly(preview_project):
    """`make serve` end to end: served once the lists are rendered, a review page asked for is
    rendered and served at once, every other page follows; stopped (SIGTERM), it records its
    folder, so the next start renders nothing that did not change."""
    assert requested_files("/reviews/a/", "/") == ["reviews/a/index.html"]
    assert requested_files("/sub/reviews/a", "/sub/") == ["reviews/a", "reviews/a/index.html"]
    assert requested_files("/elsewhere/", "/sub/") == []
    port = free_port()
    command = [sys.executable, str(SCRIPTS / "preview.py"), "-f", str(preview_project.config_file)]
    command += ["-a", f"127.0.0.1:{port}", "--defer-above", "0"]
    log = preview_project.root / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        home = wait_for_page(f"http://127.0.0.1:{port}/", server)
        assert "Learning from case reviews" in home
        review = wait_for_page(f"http://127.0.0.1:{port}/reviews/{EDITED}/", server)
        assert "The first lesson." in review
        deadline = time.monotonic() + 120
        while b"every page rendered" not in log.read_bytes():
            assert time.monotonic() < deadline and server.poll() is None, log.read_text()
            time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0, log.read_text()
    store, state = kept_preview(preview_project)
    assert state.keys and f"reviews/{UNRELATED}/index.html" in state.outputs.values()
    rebuild(preview_project.config_file, store.site_dir, state, f"http://127.0.0.1:{port}/")
    assert state.rendered == [] and state.deferred == {}
    state.search.wait()
    store.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_page(url: str, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the preview, on this machine
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline and server.poll() is None, f"{url} was not served"
            time.sleep(0.2)
