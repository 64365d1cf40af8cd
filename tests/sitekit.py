"""Test helpers: throwaway projects built by the real MkDocs command line into temp folders."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from casereviews.model.themes import Theme, ThemeCatalogue

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = PROJECT / "content"
#: The moment test builds publish as at, unless a test says otherwise.
TEST_NOW = "2026-11-22T12:00:00+00:00"
#: The day in-process validation runs as at, and the file it names in messages.
TODAY = dt.date(2026, 11, 22)
REVIEW_PATH = "content/reviews/child-t.md"
#: A small theme catalogue for validating reviews in process.
TEST_THEMES = ThemeCatalogue(
    [
        Theme("domestic-violence", "Domestic violence", "s", ("domestic abuse",), "", "content/themes/dv.md"),
        Theme("neglect", "Neglect", "s", (), "", "content/themes/neglect.md"),
        Theme("substance-misuse", "Substance misuse", "s", ("drug and alcohol misuse",), "", "t.md"),
    ]
)

DEFAULT_REVIEW: dict[str, Any] = {
    "title": "Serious case review: Child T",
    "review_type": "serious-case-review",
    "board": "Testshire Safeguarding Children Board",
    "published": "2015-03-01",
    "themes": ["neglect"],
    "summary": "A summary of a review written for the tests, about a child who was harmed.",
    "status": "published",
}
DEFAULT_BODY = """\
## Summary of events

What happened, in general terms.

## Learning

1. The first lesson.
2. The second lesson.

## Recommendations

1. The first recommendation.
"""


@dataclass
class BuildResult:
    """What a build printed and where it wrote."""

    returncode: int
    output: str
    site_dir: Path

    def path(self, relative: str) -> Path:
        return self.site_dir / relative

    def exists(self, relative: str) -> bool:
        return (self.site_dir / relative).exists()

    def text(self, relative: str) -> str:
        return (self.site_dir / relative).read_text(encoding="utf-8")

    def page(self, url: str) -> str:
        """The HTML of the page at a directory URL such as 'reviews/child-m/'."""
        return self.text(url.strip("/") + "/index.html" if url.strip("/") else "index.html")


def front_matter_file(fields: dict[str, Any], body: str) -> str:
    """A review or theme file from fields (None values left out) and a body."""
    meta = {key: value for key, value in fields.items() if value is not None}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body


class SiteProject:
    """A project folder in a temp dir using this repository's hooks and overrides.

    It starts as a copy of the sample site (without its reviews if `sample_reviews` is
    false: then the about page's link to a sample review is broken, so only use that for
    checks that do not build).
    """

    def __init__(self, root: Path, *, sample_reviews: bool = True) -> None:
        self.root = root
        self.content = root / "content"
        ignore = None if sample_reviews else shutil.ignore_patterns("reviews")
        shutil.copytree(SAMPLE_CONTENT, self.content, ignore=ignore)
        (self.content / "reviews").mkdir(exist_ok=True)
        config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
        config["docs_dir"] = str(self.content)
        config["site_dir"] = str(root / "site")
        config["theme"]["custom_dir"] = str(PROJECT / "overrides")
        config["hooks"] = [str(PROJECT / hook) for hook in config["hooks"]]
        self.config_file = root / "mkdocs.yml"
        self.write_config(config)

    def write_config(self, config: dict[str, Any]) -> None:
        self.config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    def config(self) -> dict[str, Any]:
        return yaml.safe_load(self.config_file.read_text(encoding="utf-8"))

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def write_review(self, slug: str, body: str = DEFAULT_BODY, **fields: Any) -> Path:
        """A review file: the default fields, overridden (or removed, with None) by `fields`."""
        return self.write(f"reviews/{slug}.md", front_matter_file({**DEFAULT_REVIEW, **fields}, body))

    def remove(self, relative: str) -> None:
        (self.content / relative).unlink()

    def environment(self, now: str = TEST_NOW, **extra: str) -> dict[str, str]:
        return dict(os.environ, NO_MKDOCS_2_WARNING="1", REVIEW_SITE_NOW=now, **extra)

    def build(self, site_dir: Path | None = None, *, now: str = TEST_NOW, **extra: str) -> BuildResult:
        """`mkdocs build --strict` as an author runs it."""
        target = site_dir or self.root / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(self.config_file),
                   "--site-dir", str(target)]  # fmt: skip
        return self._run(command, target, now, extra)

    def build_atomic(self, site_dir: Path | None = None, *, now: str = TEST_NOW, **extra: str) -> BuildResult:
        """`make build`'s script: build aside, swap into place only on success."""
        target = site_dir or self.root / "site"
        command = [sys.executable, str(PROJECT / "scripts" / "build_site.py"),
                   "--config-file", str(self.config_file), "--site-dir", str(target)]  # fmt: skip
        return self._run(command, target, now, extra)

    def check(self, *args: str, now: str = TEST_NOW, **extra: str) -> BuildResult:
        """`make check`'s script over this project's content."""
        command = [
            sys.executable,
            str(PROJECT / "scripts" / "check_content.py"),
            "--docs-dir",
            str(self.content),
            "--config-file",
            str(self.config_file),
            *args,
        ]
        return self._run(command, self.root / "site", now, extra)

    def _run(self, command: list[str], target: Path, now: str, extra: dict[str, str]) -> BuildResult:
        completed = subprocess.run(
            command, env=self.environment(now, **extra), capture_output=True, text=True, check=False
        )
        return BuildResult(completed.returncode, completed.stdout + completed.stderr, target)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_preview(project: SiteProject, now: str = TEST_NOW, **extra: str) -> Iterator[str]:
    """`make serve`'s script on `project`, on a free port, until the block ends (stopped as
    Ctrl-C stops it); yields its address once it serves."""
    port = free_port()
    log = project.root / "serve.log"
    command = [sys.executable, str(PROJECT / "scripts" / "preview.py"), "-f", str(project.config_file),
               "-a", f"127.0.0.1:{port}"]  # fmt: skip
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=project.environment(now, **extra)
        )
    try:
        deadline = time.monotonic() + 120
        while b"Serving on" not in log.read_bytes():
            assert time.monotonic() < deadline and server.poll() is None, log.read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0, log.read_text()


def build_script():  # type: ignore[no-untyped-def]
    """`make build`'s script as a module (scripts/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_site", PROJECT / "scripts" / "build_site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def output_files(site_dir: Path) -> list[Path]:
    """Every file a build wrote."""
    return sorted(path for path in site_dir.rglob("*") if path.is_file())


def file_digests(site_dir: Path) -> dict[str, str]:
    """Every file a build wrote (its path in the site) by a hash of its bytes."""
    return {
        path.relative_to(site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in output_files(site_dir)
    }


# --- canaries: words found nowhere else, to prove that unpublished text leaves no byte -----------

BEFORE_EMBARGO = "2026-11-30T08:59:00+00:00"
AFTER_EMBARGO = "2026-11-30T09:00:00+00:00"


def canary(kind: str, where: str) -> str:
    """A word found nowhere else, that search indexing and stemming leave intact."""
    return f"canary{kind}{where}zq"


def canary_fields(kind: str, *, shown_on_notice: bool = False) -> dict[str, object]:
    """Front-matter fields each holding a canary (title and board only where the notice shows them)."""
    fields: dict[str, object] = {
        "summary": f"A summary holding {canary(kind, 'summary')} among other words.",
        "pseudonym": f"Child {canary(kind, 'pseudonym')}",
        "age_at_incident": f"{canary(kind, 'age')} months",
        "review_model": f"Model {canary(kind, 'model')}",
        "reviewer": [f"Reviewer {canary(kind, 'reviewer')}"],
        "keywords": [canary(kind, "keyword")],
        "source_url": f"https://example.org/{canary(kind, 'report')}.pdf",
        "action_plan": canary_plan(kind),
    }
    if not shown_on_notice:
        fields["title"] = f"Serious case review: {canary(kind, 'title')}"
        fields["board"] = f"{canary(kind, 'board').capitalize()} Safeguarding Children Board"
    return fields


def canary_plan(kind: str) -> list[dict[str, object]]:
    """An action plan whose text holds canaries: an overdue action, so /actions/ lists it."""
    return [
        {
            "recommendation": 1,
            "action": f"An action holding {canary(kind, 'action')}.",
            "owner": "police",
            "due": "2026-01",
            "status": "in-progress",
            "progress": [{"date": "2025-06", "note": f"A note holding {canary(kind, 'progress')}."}],
            "evidence": f"Evidence holding {canary(kind, 'evidence')}.",
        }
    ]


#: A made-up word each review's body holds, with no English word inside it (search splits and stems).
SEARCH_WORDS = {"published": "qzxpubvk", "draft": "qzxdrfvk", "embargo": "qzxembvk", "withdrawn": "qzxwdnvk"}


def canary_body(kind: str) -> str:
    return (
        f"## Summary of events\n\nThe body holds {canary(kind, 'body')} and {SEARCH_WORDS.get(kind, 'qzxothvk')}.\n\n"
        f"## Learning\n\n1. A point holding {canary(kind, 'learning')}.\n\n"
        f"## Recommendations\n\n1. A recommendation holding {canary(kind, 'recommendation')}.\n"
    )


def readable(path: Path) -> bytes:
    """A file's bytes, decompressed when gzip- or zlib-compressed (sitemap.xml.gz, search index)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    try:
        return zlib.decompress(data)
    except zlib.error:
        return data
