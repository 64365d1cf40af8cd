"""Everything written after MkDocs has rendered the pages, and the checks over the output."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from . import embeds, exports, leakguard, manifest, redirects, search
from .catalogue import Site
from .indexes import Indexes
from .publication import Visibility


def config_problems(config: MkDocsConfig) -> list[str]:
    """Settings that would break the site's promises (privacy, stable URLs, search)."""
    problems = []
    if not config.use_directory_urls:
        problems.append("mkdocs.yml: use_directory_urls is false, expected true (review URLs are /reviews/<slug>/)")
    if config.theme.get("font") is not False:
        problems.append(
            "mkdocs.yml: theme.font is set, expected 'font: false' "
            "(Google Fonts would send every visitor's address to Google)"
        )
    if "search" in config.plugins:
        problems.append(
            "mkdocs.yml: the 'search' plugin is enabled, expected it off "
            "(it downloads the whole index; this site's search is Pagefind)"
        )
    if not config.site_url:
        problems.append("mkdocs.yml: site_url is missing, expected the site's public address (used by the feed)")
    return problems


def read_previous_manifest(path: str | None, site_dir: Path) -> tuple[frozenset[str] | None, str | None]:
    """The last published site's URLs: from `path` if given, else from the current site_dir."""
    candidate = Path(path) if path else site_dir / manifest.MANIFEST_NAME
    if not candidate.exists():
        return None, (f"previous URL manifest {candidate}: not found" if path else None)
    try:
        return manifest.read_manifest(candidate), None
    except ValueError as error:
        return None, f"previous URL manifest {candidate}: {error}"


def page_years(site: Site) -> list[int]:
    """Years that have a page: those of every review with a page (a withdrawal keeps it)."""
    return sorted({review.year for review in site.with_pages()})


def page_boards(site: Site) -> list[str]:
    """Boards that have a page (the same rule as years)."""
    return sorted(site.board_names)


def write_outputs(config: MkDocsConfig, site: Site, indexes: Indexes, previous: frozenset[str] | None) -> list[str]:
    """Write exports, feed, redirects, search index and manifest; check the output. Problems."""
    site_dir = Path(config.site_dir)
    site_url = config.site_url or ""
    exports.write_catalogue(site_dir, site, indexes.listed, site_url)
    exports.write_feed(site_dir, site, indexes.listed, site_url, config.site_name)
    redirects.write_redirects(site_dir, site, site_url)
    problems = search.build_index(site_dir, len(indexes.listed) + len(site.themes))
    urls = manifest.public_urls(site_dir)
    manifest.write_manifest(site_dir, urls)
    if previous is not None:
        problems.extend(manifest.disappeared(previous, urls))
    problems.extend(leakguard.scan(site_dir, leakguard.unpublished_markers(site)))
    own_host = urlsplit(site_url).hostname
    root = Path(config.config_file_path or config.docs_dir).parent
    found = embeds.output_problems(site_dir, own_host, lambda: _content_texts(Path(config.docs_dir), root))
    problems.extend(str(problem) for problem in found)
    problems.extend(_withdrawn_in_sitemap(site_dir, site))
    return problems


def _withdrawn_in_sitemap(site_dir: Path, site: Site) -> list[str]:
    """Withdrawn reviews keep their URL but are listed nowhere, the sitemap included."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return []
    text = sitemap.read_text(encoding="utf-8")
    return [
        f"Leak guard: sitemap.xml lists withdrawn review {review.path}"
        for slug, review in sorted(site.reviews.items())
        if site.visibility[slug] is Visibility.WITHDRAWN and f"/reviews/{slug}/<" in text
    ]


def _content_texts(docs_dir: Path, root: Path) -> list[tuple[str, str]]:
    """Each content file's display path and text, to trace an address back to its source."""
    texts = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = path.as_posix()
        texts.append((shown, path.read_text(encoding="utf-8", errors="replace")))
    return texts
