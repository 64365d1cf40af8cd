"""Browser harness: a built site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
#: Verified on this project's machines: without the networking flags Chromium calls Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves the built site like a static host: its 404.html for missing pages, no logging."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.exists():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve(site_dir: Path, handler_class: type = SiteRequestHandler, prefix: str = "/") -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 at a free port (under `prefix`, for a handler that maps it);
    yields the base URL."""
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> None:
    """Skip when Chromium is missing, except when CI is set (any value), where that is a failure."""
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI") is not None:
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PageWatch:
    """What a page did: every request it made and every console error."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", lambda response: response.status >= 400 and self.failed.append(response.url))
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the site's own (data: and blob: URLs stay in the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != "127.0.0.1"
        ]


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's violations on the page (WCAG 2.x A and AA, and best practice), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
    ]


#: True once the search page has reported its results.
STATUS_DONE = "/result/.test(document.getElementById('search-status').textContent)"


def wait_until(page: Any, expression: str, timeout: float = 30.0) -> None:
    """Wait until a JavaScript expression is true in the page. Playwright's `wait_for_function`
    evaluates its predicate with `eval` inside the page, which the site's content security
    policy refuses (as it should); this asks from outside, as the DevTools protocol does."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
            failure = "still false"
        except Error as error:  # the page is between two documents, or not yet the one asked of
            failure = f"failing ({error.message.splitlines()[0]})"
        if time.monotonic() > deadline:
            raise TimeoutError(f"{failure} after {timeout:.0f} s: {expression}")
        time.sleep(0.05)


def search(page: Any, url: str) -> list[str]:
    """Open a search address, show every result, and return the results' paths in order."""
    page.goto(url)
    wait_until(page, STATUS_DONE)
    more = page.locator("#search-more")
    while more.is_visible():
        count = page.locator("#search-results li").count()
        more.click()
        wait_until(page, f"document.querySelectorAll('#search-results li').length > {count}")
    return [
        urlsplit(href).path for href in page.eval_on_selector_all("#search-results h2 a", "as => as.map(a => a.href)")
    ]
