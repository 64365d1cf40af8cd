"""Write the built site as a zip that works opened from disk (file://), without a network.

`make offline` runs this after `make build`. It works on a copy of the site, never on
site/ itself. The site links to folders ('reviews/child-m/'), which a web server answers
with the folder's index.html but a browser opening files shows as a folder listing, so
every relative link in the copy's pages is rewritten to name the file
('reviews/child-m/index.html'). Links to other hosts, fragments and files are left alone.

Left out of the copy: the search index (Pagefind fetches it, which browsers refuse for
files; the search page says search is not available offline), the 404 page (no server
answers a missing address; its links are absolute) and the URL manifest.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
#: The folder inside the zip that holds the site: unzip, then open its index.html.
BUNDLE_FOLDER = "learning-from-case-reviews"
#: What the copy leaves out, relative to the site's root.
LEFT_OUT = ("pagefind", "404.html", "url-manifest.json")

_ATTRIBUTE = re.compile(r"""(?P<start>\b(?:href|src|action)=)(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""")
_REFRESH = re.compile(r"""(?P<start><meta\s+http-equiv=["']refresh["']\s+content=["']\d+;\s*url=)(?P<url>[^"']*)""")


def file_link(url: str) -> str:
    """A relative link to a folder, made a link to its index.html; any other link unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")):
        return url
    path = parts.path
    if not path:  # '' or '?query': this page itself
        return url
    if path.rsplit("/", 1)[-1] in (".", ".."):  # MkDocs writes the home link as '..' or '../..'
        path += "/"
    if not path.endswith("/"):
        return url
    rest = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return f"{path}index.html{rest}"


def rewrite_page(html: str) -> str:
    """The page with each relative link to a folder pointing at that folder's index.html."""
    html = _ATTRIBUTE.sub(
        lambda match: f"{match['start']}{match['quote']}{file_link(match['url'])}{match['quote']}", html
    )
    return _REFRESH.sub(lambda match: match["start"] + file_link(match["url"]), html)


def copy_for_offline(site_dir: Path, copy_dir: Path) -> None:
    """Copy the site (through its link) to `copy_dir` and rewrite the copy's pages."""
    shutil.copytree(site_dir.resolve(), copy_dir, ignore=_left_out(site_dir.resolve()))
    for page in copy_dir.rglob("*.html"):
        page.write_text(rewrite_page(page.read_text(encoding="utf-8")), encoding="utf-8")


def _left_out(root: Path):  # type: ignore[no-untyped-def]
    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder).relative_to(root)
        return {name for name in names if (here / name).as_posix() in LEFT_OUT}

    return ignore


def write_bundle(site_dir: Path, output: Path) -> Path:
    """Write the zip of the offline copy to `output` (replaced whole, never half-written)."""
    if not (site_dir / "index.html").exists():
        raise FileNotFoundError(f"{site_dir}/index.html not found: run 'make build' first")
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / BUNDLE_FOLDER
        copy_for_offline(site_dir, copy)
        partial = output.with_name(output.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(copy.rglob("*")):
                bundle.write(path, path.relative_to(work).as_posix())
        partial.replace(output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site", help="the built site")
    parser.add_argument("--output", type=Path, default=PROJECT / "site-offline.zip", help="the zip to write")
    arguments = parser.parse_args(argv)
    try:
        written = write_bundle(arguments.site_dir, arguments.output)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {written}: unzip it and open {BUNDLE_FOLDER}/index.html in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
