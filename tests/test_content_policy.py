"""The content security policy: every page has one, and the browser itself refuses another host."""

from __future__ import annotations

import base64
import hashlib
import shutil
from pathlib import Path
from typing import ClassVar

import pytest

from browser import PageWatch, SiteRequestHandler, serve
from casereviews.render.csp import inline_script_hashes, policy, with_policy
from sitekit import BuildResult, output_files

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<script>var a = 1;</script><script type="application/ld+json">{"a": 1}</script>
<script src="assets/x.js"></script><script type="module">import "./y.js";</script></head><body></body></html>"""


def sha256_base64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_the_policy_allows_the_pages_own_inline_scripts_only():
    """Inline scripts that run are hashed; data (JSON-LD) and scripts loaded from a file are not."""
    hashes = inline_script_hashes(PAGE)
    assert hashes == [f"'sha256-{sha256_base64(text)}'" for text in ("var a = 1;", 'import "./y.js";')]
    text = policy(PAGE)
    assert text.startswith("default-src 'self'; script-src 'self' " + " ".join(hashes) + " 'wasm-unsafe-eval';")
    assert (
        "object-src 'none'" in text
        and "base-uri 'none'" in text
        and "unsafe-eval'" not in text.replace("'wasm-unsafe-eval'", "")
    )


def test_the_policy_comes_first_in_the_head():
    """A policy in a meta element covers only what follows it: it goes right after the character set."""
    page = with_policy(PAGE)
    assert page.index('http-equiv="Content-Security-Policy"') < page.index("<title>")
    assert with_policy(page) == page


@pytest.mark.site
def test_every_page_of_a_release_has_the_policy(sample_site: BuildResult):
    """Every HTML file `make build` writes (pages, redirects, the 404 page) carries the policy."""
    pages = [path for path in output_files(sample_site.site_dir) if path.suffix == ".html"]
    assert len(pages) > 100
    missing = [
        path.relative_to(sample_site.site_dir).as_posix()
        for path in pages
        if 'http-equiv="Content-Security-Policy"' not in path.read_text(encoding="utf-8")
    ]
    assert missing == []


class CountingHandler(SiteRequestHandler):
    """The other host: counts every request that reaches it."""

    received: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        CountingHandler.received.append(self.path)
        super().do_GET()


@pytest.mark.browser
def test_the_browser_refuses_another_host_even_when_the_checks_are_bypassed(
    sample_site: BuildResult, tmp_path: Path, chromium
):
    """An image from another origin planted in a built page (after every output check) never
    reaches that origin's server, and the browser reports the policy refused it."""
    site = tmp_path / "site"
    shutil.copytree(sample_site.site_dir.resolve(), site)
    other = tmp_path / "other"
    other.mkdir()
    (other / "pixel.png").write_bytes(b"\x89PNG")
    CountingHandler.received.clear()
    with serve(other, CountingHandler) as other_url, serve(site) as url:
        page_file = site / "about" / "index.html"
        planted = f'<img src="{other_url}pixel.png" alt="">'
        page_file.write_text(
            page_file.read_text(encoding="utf-8").replace("</article>", planted + "</article>", 1), encoding="utf-8"
        )
        context = chromium.new_context()
        page = context.new_page()
        watch = PageWatch()
        watch.attach(page)
        page.goto(url + "about/", wait_until="load")
        page.wait_for_timeout(300)
        context.close()
        assert planted in page_file.read_text(encoding="utf-8")
    assert CountingHandler.received == []
    assert any("Content Security Policy" in message for message in watch.console_errors)
