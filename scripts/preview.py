"""`make serve`: the preview. Saving a file shows in the browser once the pages it touched are rendered.

It serves the site as `mkdocs serve` does (live reload included), but every rebuild after the
first renders only the pages an edit touched; the hooks decide which, from the content (see
hooks/casereviews/adapter/preview.py). An edit that changes nothing lists show (a review's
text, most often) is a quick rebuild, without the work MkDocs does for the whole site (see
hooks/casereviews/adapter/rebuild.py). The same validation, vetting and checks as a build run
on every rebuild. The preview shows drafts and embargoed reviews at their future addresses,
marked, from a view of its own (hooks/casereviews/policy/preview_view.py): no build shows
them. A problem stops the rebuild, but not the server: every page served lists the problems
until they are fixed, and an address with no page answers with them (problems confined to a
draft's file do not stop the rebuild). A withdrawn review leaves the preview with the rebuild
that reads it. Search is re-indexed in the background.

A rebuild that would render more than `--defer-above` review pages, briefings and pages of
theme years (the first start, most often) renders the other pages and is served; those pages
are rendered after it in the background, and a page asked for before its turn is rendered
before it is served (`Filler`, hooks/casereviews/adapter/rebuild.py). SIGTERM stops the
preview as Ctrl-C does: the pages being rendered are finished and the folder recorded.
"""

from __future__ import annotations

import argparse
import logging
import posixpath
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from casereviews.adapter.engine import PreviewServer  # noqa: E402
from casereviews.adapter.engine import serve_url as server_address  # noqa: E402
from casereviews.adapter.preview import Preview  # noqa: E402
from casereviews.adapter.rebuild import DEFER_ABOVE, Filler  # noqa: E402
from casereviews.adapter.rebuild import rebuild as rebuild_preview  # noqa: E402
from casereviews.adapter.releases import quiet_dirty_warning  # noqa: E402
from casereviews.adapter.store import PreviewStore  # noqa: E402
from casereviews.render.preview_notes import problem_page, problem_panel, stands  # noqa: E402
from casereviews.render.templating import Templates  # noqa: E402

log = logging.getLogger("casereviews.preview")

#: How often content/ is looked at for saves (MkDocs' default is 0.5 s): a quarter of a second
#: of the time between a save and the page showing it.
POLL_SECONDS = 0.25


def rebuild(config_file: Path, site_dir: Path, preview: Preview, serve_url: str | None = None) -> str:
    """One rebuild of the preview into `site_dir` (the first renders everything); 'quick' or
    'full' (see hooks/casereviews/adapter/rebuild.py). Raises Abort on problems."""
    start = time.perf_counter()
    kind = rebuild_preview(config_file, site_dir, preview, serve_url)
    log.info("Preview: rendered %d pages in %.1f s (%s)", len(preview.rendered), time.perf_counter() - start, kind)
    if preview.deferred:
        log.info(
            "Preview: %d pages to render after serving (a page asked for is rendered at once)", len(preview.deferred)
        )
    if kind == "quick":
        log.debug("Preview stages: %s", ", ".join(f"{stage} {took:.2f} s" for stage, took in preview.timings.items()))
    return kind


def requested_files(path: str, mount_path: str) -> list[str]:
    """The files of the site (relative paths) a request for `path` may be served from, as
    MkDocs' server maps it: the file, or the page of the folder."""
    path = path.encode("latin-1").decode("utf-8", "ignore")
    if not (path + "/").startswith(mount_path):
        return []
    relative = path[len(mount_path) :] + ("index.html" if path.endswith("/") else "")
    relative = posixpath.normpath("/" + relative).lstrip("/")
    return [relative] if path.endswith("/") else [relative, f"{relative}/index.html"]


def first_rebuild(config_file: Path, site_dir: Path, preview: Preview, serve_url: str | None = None) -> None:
    """The rebuild before serving. If it stops on a problem after it started writing, what it
    wrote was not all checked: the folder is emptied, and every address answers with the
    problems until they are fixed."""
    try:
        rebuild(config_file, site_dir, preview, serve_url)
    except Abort as error:
        log.error("%s", error)  # rebuilt on save
        if preview.writing:
            preview.empty(site_dir)


def later_rebuild(config_file: Path, site_dir: Path, preview: Preview, serve_url: str | None = None) -> None:
    """A rebuild on save. One that stops on problems ends like one that succeeds, so the server
    answers at once (MkDocs' server waits for a rebuild that succeeds: requests hung until the
    fix) and the browsers reload: they show the last pages that built, with the problems."""
    try:
        rebuild(config_file, site_dir, preview, serve_url)
    except Abort as error:
        log.error("%s", error)


_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)


class ProblemNotes:
    """What the server adds to the pages it serves while the last rebuild's problems stand
    (`render.preview_notes`)."""

    def __init__(self, preview: Preview, mount_path: str) -> None:
        self.preview = preview
        self.mount_path = mount_path
        self.templates = Templates()

    def annotate(self, content: bytes) -> bytes:
        """A page as served: the problems first in its body, while any stands."""
        findings = self.preview.report.latest()
        if not stands(findings) or b"data-preview-problems" in content:
            return content
        panel = problem_panel(self.templates, findings, self.mount_path).encode()
        body = _BODY.search(content)
        at = body.end() if body else 0
        return content[:at] + panel + content[at:]

    def fallback(self, path: str) -> bytes | None:
        """The page answering an address with no page while problems stand (else None: 404)."""
        findings = self.preview.report.latest()
        if not stands(findings) or not (path + "/").startswith(self.mount_path):
            return None
        address = path[len(self.mount_path) :].lstrip("/")
        address = address if not address or address.endswith("/") else f"{address}/"
        return problem_page(self.templates, findings, self.mount_path, address).encode()


def _stop(signum: int, frame: object) -> None:
    """A stop asked for by SIGTERM is a stop asked for at the keyboard: pages being rendered are
    finished and the folder recorded."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=PROJECT / "mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port to serve on")
    parser.add_argument(
        "--defer-above",
        type=int,
        default=DEFER_ABOVE,
        metavar="N",
        help="when a rebuild must render more than N review pages, briefings and pages of theme years, "
        "serve first and render them after, a page asked for at once (default: %(default)s)",
    )
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    quiet_dirty_warning()  # the hooks choose what each rebuild renders
    signal.signal(signal.SIGTERM, _stop)
    host, _, port = arguments.dev_addr.rpartition(":")
    config = load_config(config_file=str(arguments.config_file))
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = server_address(host, int(port), mount_path)
    preview = Preview(defer_above=arguments.defer_above)
    filler = Filler(preview)
    store = PreviewStore.open(arguments.config_file)
    if store is not None:
        site_dir = store.site_dir
        if store.restore(preview):
            log.info("Preview: kept from the last start in %s; rendering what changed since", site_dir)
    else:
        site_dir = Path(tempfile.mkdtemp(prefix="casereviews-preview-"))

    def builder() -> None:
        try:
            later_rebuild(arguments.config_file, site_dir, preview, serve_url)
        finally:
            filler.wake()

    server = PreviewServer(
        builder=builder,
        host=host,
        port=int(port),
        root=str(site_dir),
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )
    server.filler = filler
    server.requested = requested_files
    notes = ProblemNotes(preview, server.mount_path)
    server.annotate = notes.annotate
    server.fallback = notes.fallback

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        first_rebuild(arguments.config_file, site_dir, preview, serve_url)
        filler.start()
        filler.wake()
        server.watch(config.docs_dir)
        server.watch(str(arguments.config_file))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        filler.stop()
        preview.search.stop()
        if store is not None:
            store.close()  # the folder and its record stay for the next start
        else:
            shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
