"""The site's settings in mkdocs.yml, everything written after MkDocs has rendered the pages,
and the checks over the output. Every message is a `Problem`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from .. import urls
from ..cache import TextCache
from ..index.indexes import Indexes
from ..load.catalogue import Site
from ..load.content_files import display_path
from ..output_checks import anchors, leakguard, written
from ..policy.public import PublicSite, withheld_text
from ..problems import Problem
from ..render import exports, redirects, schema
from ..render.pages import promised_anchors
from ..render.templating import OVERRIDE_FOLDER, Templates
from ..rules import embeds, manifest
from ..search.bundle import BUNDLE
from ..search.indexing import SearchIndexing, indexed_pages
from ..settings import EnvironmentVariables, Settings, read_board_settings, variable
from .keys import PagePlan
from .preview import Preview, checked_outputs, remove_site_file, scan_everything

CONFIG_FILE = "mkdocs.yml"


def project_dir(config: MkDocsConfig) -> Path:
    """The project's folder: the MkDocs configuration's (or content/'s parent, without one)."""
    return Path(config.config_file_path or config.docs_dir).parent


def qr_cache(project_dir: Path, environment: EnvironmentVariables) -> TextCache:
    """Where QR codes are kept."""
    return TextCache(environment.cache_folder(project_dir, "qr"))


def config_problems(config: MkDocsConfig) -> list[Problem]:
    """Settings that would break the site's promises (privacy, stable URLs, search)."""
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(CONFIG_FILE, None, key, message))

    if not config.use_directory_urls:
        problem("use_directory_urls", "is false, expected true (review URLs are /reviews/<slug>/)")
    if config.theme.get("font") is not False:
        problem(
            "theme.font", "is set, expected 'font: false' (Google Fonts would send every visitor's address to Google)"
        )
    if "search" in config.plugins:
        problem(
            "plugins", "enable 'search', expected it off (it downloads the whole index; this site's search is Pagefind)"
        )
    if not config.site_url:
        problem("site_url", "is missing, expected the site's public address (used by the feeds and exports)")
    custom_dir = config.theme.custom_dir
    overrides = Path(custom_dir) / OVERRIDE_FOLDER if custom_dir else None
    for old in sorted(overrides.glob("*.md")) if overrides and overrides.is_dir() else []:
        problems.append(
            Problem(
                display_path(old, Path(config.config_file_path or ".").parent),
                None,
                None,
                f"is a page template under its old name, which the site no longer reads; expected "
                f"{old.with_suffix('.html').name}: generated pages are HTML templates now, with headings written "
                "by the 'heading' macro (see hooks/casereviews/render/templates/)",
            )
        )
    return problems


def site_url_override(environment: EnvironmentVariables) -> tuple[str | None, Problem | None]:
    """The site's public address from SITE_URL, when set: absolute http(s), ending in '/'."""
    value = environment.site_url
    if value is None:
        return None, None
    parts = urlsplit(value.strip())
    if (
        parts.scheme in ("http", "https")
        and parts.hostname
        and parts.path.endswith("/")
        and not parts.query
        and not parts.fragment
    ):
        return value.strip(), None
    return None, Problem(
        "environment",
        None,
        variable("site_url"),
        f"found {value!r}, expected the site's absolute address starting http:// or https:// and ending "
        "in '/', e.g. https://example.org/board/learning/",
    )


def read_settings(config: MkDocsConfig) -> tuple[Settings, list[Problem]]:
    """The board's settings from `extra: casereviews:`, each checked (`settings.BOARD_SETTINGS`)."""
    return read_board_settings(config.extra)


def read_previous_manifest(path: str | None, site_dir: Path) -> tuple[frozenset[str] | None, Problem | None]:
    """The last published site's URLs: from `path` if given, else from the current site_dir."""
    candidate = Path(path) if path else site_dir / manifest.MANIFEST_NAME
    if not candidate.exists():
        return None, (Problem(str(candidate), None, "previous URL manifest", "not found") if path else None)
    try:
        return manifest.read_manifest(candidate), None
    except ValueError as error:
        return None, Problem(str(candidate), None, "previous URL manifest", str(error))


@dataclass
class BuildChecks:
    """The checks of the files a build writes, started before MkDocs writes its pages (see
    `output_checks.written`), and the anchors other pages and the exports link to (page URL → ids)."""

    files: written.WrittenFiles
    expected_anchors: dict[str, set[str]]


def start_checks(config: MkDocsConfig, site: Site, public: PublicSite, indexes: Indexes) -> BuildChecks:
    """The checks of the files this build writes, started before MkDocs writes its pages."""
    expected = {**linked_anchors(public), **promised_anchors(public, indexes)}
    checks = written.Checks(
        Path(config.site_dir),
        withheld_text(site, public),
        urlsplit(config.site_url or "").hostname,
        frozenset(f"{url}index.html" for url in expected),
    )
    return BuildChecks(written.WrittenFiles(checks), expected)


def write_outputs(
    config: MkDocsConfig,
    public: PublicSite,
    indexes: Indexes,
    settings: Settings,
    templates: Templates,
    previous: frozenset[str] | None,
    checks: BuildChecks,
    indexing: SearchIndexing,
) -> list[Problem]:
    """Write exports, feeds, redirects, search index and manifest; check the output (with
    `checks`, started before the pages were written). `indexing`: the search index, started
    when its pages were written, or now. Problems."""
    site_dir = Path(config.site_dir)
    site_url = config.site_url or ""
    indexing.start()
    _write_exports(config, public, indexes, settings, templates)
    if previous is not None:
        redirects.write_listing_fallbacks(site_dir, previous, site_url, templates)

    def sources() -> list[tuple[str, str]]:
        return _content_texts(Path(config.docs_dir), project_dir(config))

    # Pagefind indexes the pages while the checks read them; the index it wrote is checked
    # once it is done.
    every_file = manifest.site_files(site_dir)
    public_urls = manifest.public_urls(site_dir, every_file)
    manifest.write_manifest(site_dir, public_urls)
    problems = manifest.disappeared(previous, public_urls) if previous is not None else []
    checked = sorted({name for name in every_file if not _in(name, BUNDLE)} | {manifest.MANIFEST_NAME})
    found = checks.files.finish([site_dir / name for name in checked])
    problems.extend(sorted(found.leaks, key=lambda problem: (problem.path, problem.message)))
    problems.extend(embeds.traced_problems(sorted(found.foreign, key=lambda item: (item[0], item[1].line)), sources))
    problems.extend(anchors.missing(checks.expected_anchors, found.ids))
    problems.extend(_notices_in_sitemap(site_dir, public))
    problems[:0] = indexing.problems()
    bundle = [site_dir / BUNDLE / name for name in manifest.site_files(site_dir / BUNDLE)]
    found = written.check_files(checks.files.checks, bundle)
    problems.extend(found.leaks)
    problems.extend(embeds.traced_problems(found.foreign, sources))
    return problems


def _in(name: str, folder: str) -> bool:
    """Whether the file `name` (a path in the site) is under `folder` (a top folder of the site)."""
    return name.startswith(f"{folder}/")


def _write_exports(
    config: MkDocsConfig,
    public: PublicSite,
    indexes: Indexes,
    settings: Settings,
    templates: Templates,
    catalogue: exports.CatalogueMemo | None = None,
    everything: bool = True,
    keys: list[str] | None = None,
) -> tuple[list[str], list[str]]:
    """What a build and a preview rebuild both write after rendering: the catalogue, the action
    plans, the schema, the feeds and the redirects (with `everything` false, the catalogue only).
    The URLs the redirects were written at, and every file written (relative paths).
    `catalogue` and `keys`: the memo of `exports.write_catalogue` and the records' keys (the
    catalogue is then written only when it changed)."""
    site_dir = Path(config.site_dir)
    site_url = config.site_url or ""
    written_catalogue = exports.write_catalogue(site_dir, public, site_url, catalogue, keys)
    files = [urls.CATALOGUE_JSON, urls.CATALOGUE_CSV] if written_catalogue else []
    if not everything:
        return [], files
    exports.write_action_plans(site_dir, public, indexes.actions, site_url)
    schema.write_schema(site_dir, site_url)
    files += [urls.ACTIONS_CSV, urls.CATALOGUE_SCHEMA]
    files += exports.write_feeds(site_dir, public, indexes, site_url, config.site_name, settings.feed_length)
    targets = redirects.redirect_targets(public)
    written = redirects.write_redirects(site_dir, public, site_url, templates)
    files += [f"{url}index.html" for url in written]
    files += exports.write_feed_aliases(site_dir, {url: targets[url][0] for url in written})
    return written, files


def write_preview_outputs(
    config: MkDocsConfig,
    site: Site,
    public: PublicSite,
    indexes: Indexes,
    settings: Settings,
    templates: Templates,
    preview: Preview,
    plan: PagePlan,
    kept: set[str] | None,
) -> list[Problem]:
    """The preview's `write_outputs`: the same files but the search index (re-indexed in the
    background) and the URL manifest. The catalogue is written when a record changed (from the
    records' kept text); the rest only when the hubs' key (`plan.hubs`: what lists show)
    changed or a file of it is gone. What the last rebuild wrote after rendering and this one
    did not (a feed of a theme left empty, a redirect of a review gone) is deleted; after a full
    rebuild, every file of the site that is neither one of `kept` (what MkDocs has: pages and
    files copied as they are) nor written here nor the search index (a file removed from
    content/, anything left by a rebuild that stopped). The checks read what this rebuild wrote
    (the leak guard everything, when what is withheld changed). Problems."""
    site_dir = Path(config.site_dir)
    lists = plan.hubs
    records = [f"{plan.common}:{plan.states[review.slug]}" for review in public.reviews]
    unchanged = preview.lists == lists and all((site_dir / path).is_file() for path in preview.extras)
    pages = set(preview.outputs.values())
    if not unchanged:  # written again: a redirect page or a feed's copy is not written over a file
        for path in preview.extras - pages - {urls.CATALOGUE_JSON, urls.CATALOGUE_CSV}:
            (site_dir / path).unlink(missing_ok=True)
    written, files = _write_exports(
        config, public, indexes, settings, templates, preview.catalogue, everything=not unchanged, keys=records
    )
    if unchanged:
        redirected, extras = preview.redirects, preview.extras
    else:
        redirected, extras = set(written), {*files, urls.CATALOGUE_JSON, urls.CATALOGUE_CSV}
    for path in preview.extras - extras - pages:
        remove_site_file(site_dir, path)
    if kept is not None and _sweep(site_dir, kept | extras | _theme_templates(config)):
        preview.search.invalidate(site_dir)
    checked = checked_outputs(site_dir, preview.rendered, (site_dir / path for path in files))
    withheld = withheld_text(site, public)
    everything = scan_everything(preview, withheld)
    problems = preview_checks(config, linked_anchors(public), withheld, checked, preview.rendered, everything)
    problems.extend(_notices_in_sitemap(site_dir, public))
    if not problems:
        preview.succeeded(withheld, redirected, site_dir)
        preview.extras, preview.lists = extras, lists
        start_preview_search(config, public, indexes, preview)
    return problems


def preview_checks(
    config: MkDocsConfig,
    linked: Mapping[str, set[str]],
    withheld: dict[str, str],
    checked: list[Path],
    rendered: list[str],
    everything: bool = False,
) -> list[Problem]:
    """The preview's checks of what it wrote (`checked`, of which the pages `rendered`, relative
    paths): the leak guard (with `everything`, on the whole site), loads from other hosts, the
    anchors other pages link to (`linked`: see `linked_anchors`)."""
    site_dir = Path(config.site_dir)
    problems = leakguard.scan(site_dir, withheld, None if everything else checked)
    shown = set(rendered)
    problems.extend(
        anchors.missing_anchors(site_dir, {url: ids for url, ids in linked.items() if f"{url}index.html" in shown})
    )
    own_host = urlsplit(config.site_url or "").hostname
    problems.extend(
        embeds.output_problems(
            site_dir, own_host, lambda: _content_texts(Path(config.docs_dir), project_dir(config)), checked
        )
    )
    return problems


def start_preview_search(config: MkDocsConfig, public: PublicSite, indexes: Indexes, preview: Preview) -> None:
    """Index the preview in the background when its pages changed, once none waits to be rendered."""
    site_dir = Path(config.site_dir)
    if not preview.deferred and preview.search.needed(site_dir):
        # the preview's own: its index holds drafts, and no build may take anything of it
        cache = EnvironmentVariables.read().cache_folder(project_dir(config), "preview-search")
        preview.search.start(site_dir, len(indexed_pages(public, indexes)), cache)


def _theme_templates(config: MkDocsConfig) -> set[str]:
    """What MkDocs writes from the theme's own templates (the 404 page, the sitemap and its gzip)."""
    names = {*config.theme.static_templates, *config.extra_templates}
    return names | ({f"{urls.SITEMAP}.gz"} if urls.SITEMAP in names else set())


def _sweep(site_dir: Path, kept: set[str]) -> list[str]:
    """Delete every file of the site not in `kept` (relative paths) but the search index, and
    the folders left empty; the files deleted."""
    removed = []
    for folder, folders, names in os.walk(site_dir, topdown=True):
        here = Path(folder)
        relative = here.relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        if not prefix:
            folders[:] = [name for name in folders if name != BUNDLE]
        for name in names:
            if f"{prefix}{name}" not in kept:
                (here / name).unlink()
                removed.append(f"{prefix}{name}")
    for folder, _, _ in os.walk(site_dir, topdown=False):
        here = Path(folder)
        if here != site_dir and not any(here.iterdir()):
            here.rmdir()
    return removed


def linked_anchors(public: PublicSite) -> dict[str, set[str]]:
    """The anchors each review page must carry: those of its points (archived pages have none).
    Action plans link only to recommendations, which are among them."""
    return {
        review.url: {point.anchor for point in (*review.content.learning, *review.content.recommendations)}
        for review in public.reviews
        if not public.is_archived(review)
    }


def _notices_in_sitemap(site_dir: Path, public: PublicSite) -> list[Problem]:
    """Withdrawn reviews keep their URL but are listed nowhere, the sitemap included."""
    sitemap = site_dir / urls.SITEMAP
    if not sitemap.exists():
        return []
    text = sitemap.read_text(encoding="utf-8")
    return [
        Problem(urls.SITEMAP, None, "leak guard", f"lists the withdrawn review {notice.slug}")
        for notice in public.notices
        if f"/{urls.review(notice.slug)}<" in text
    ]


def _content_texts(docs_dir: Path, root: Path) -> list[tuple[str, str]]:
    """Each content file's display path and text, to trace an address back to its source."""
    return [
        (display_path(path, root), path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(docs_dir.rglob("*.md"))
    ]
