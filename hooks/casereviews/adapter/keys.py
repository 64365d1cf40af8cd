"""Page keys: what each page's output is made from, named in one hash, and the pages a build renders.

A release build (`adapter.releases`) and the preview (`adapter.preview`) both key every page
so as to render only the pages whose key changed since the pages were last rendered; the
keys are made here, the same way for both (see `adapter.preview` for what each key names),
and `KeyedPages` chooses the pages to render from them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .. import urls
from ..index.indexes import Indexes
from ..load.catalogue import Site
from ..model.body import ReviewBody
from ..model.reviews import Review
from ..model.themes import Theme
from ..policy.public import PublicSite, WithdrawalNotice
from ..render.generated import GeneratedPage
from ..render.listing import ListPage
from ..render.pages import Pages
from ..render.templating import TEMPLATES
from ..render.views import review_view, search_options
from .engine import mark_rendered

if TYPE_CHECKING:
    from .build import SiteBuild
    from .page_state import PageState


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def review_states(site: Site, public: PublicSite) -> dict[str, str]:
    """Slug → its file's digest and what the public sees of it (`Visibility`: published, archived, withdrawn)."""
    digests = {file.review_slug: file.document.digest for file in site.files.values() if file.review_slug}
    items: list[Review | WithdrawalNotice] = [*public.reviews, *public.notices]
    return {item.slug: f"{digests.get(item.slug, '')}:{public.visibility_of(item).value}" for item in items}


#: Files of a theme's folder that pages are made with; the rest are copied as they are.
TEMPLATE_SUFFIXES = (".html", ".xml")


def engine_key(config_file: Path | None, template_folders: Iterable[Path]) -> str:
    """What every page is made with: the MkDocs configuration and the templates (names and bytes)."""
    found = [("config", hashlib.sha256(config_file.read_bytes()).hexdigest() if config_file else "")]
    for folder in template_folders:
        if folder.is_dir():
            found += [
                (path.as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())
                for path in sorted(folder.rglob("*"))
                if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
            ]
    return _hash(repr(found))


def static_key(docs_dir: Path, theme_folders: Iterable[Path]) -> str:
    """The files copied as they are (names, sizes and times): content/'s other than Markdown,
    and the theme folder's other than templates."""
    found = []
    for folder, skipped in ((docs_dir, (".md",)), *((folder, TEMPLATE_SUFFIXES) for folder in theme_folders)):
        for directory, folders, names in os.walk(folder):
            folders.sort()
            for name in sorted(names):
                if not name.endswith(skipped):
                    info = Path(directory, name).stat()
                    found.append((directory, name, info.st_size, info.st_mtime_ns))
    return _hash(repr(found))


def site_key(site: Site, public: PublicSite, docs_dir: Path, settings: object, site_url: str, engine: str = "") -> str:
    """What every page may show besides reviews: other files, board names, settings, the address;
    `engine`: what pages are made with (the MkDocs configuration, the templates)."""
    others = sorted((path, file.document.digest) for path, file in site.files.items() if file.review_slug is None)
    data = sorted(
        (path.relative_to(docs_dir).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())
        for path in (docs_dir / "_data").rglob("*")
        if path.is_file()
    )
    names = repr(sorted(public.board_names.items()))
    return _hash(repr(others), repr(data), names, repr(settings), site_url, engine)


def card(item: Review | WithdrawalNotice, state: str) -> str:
    """What lists show of a review: its public record but its text (body and points), and how
    it is published. Hubs, feeds, the sitemap and the action plans read nothing else of it."""
    if isinstance(item, Review):
        item = dataclasses.replace(item, body="", content=ReviewBody())
    return _hash(state.rpartition(":")[2], repr(item))


@dataclass
class PagePlan:
    """The keys of one rebuild's pages, and what its theme years are made from."""

    #: The site key (see `site_key`).
    common: str
    #: The key of every hub (a generated page that is neither a briefing nor a theme year):
    #: the site key and every review's card, in order.
    hubs: str
    #: Source path → key, of every page but the hubs (added when known: see `PageState.hub_keys`).
    keys: dict[str, str]
    #: Source path of each page of each theme's years → (theme, year, the page).
    theme_years: dict[str, tuple[Theme, int, ListPage]]
    #: Source path of each briefing → its review.
    briefings: dict[str, Review]
    #: Slug → its file's digest and how it is published (see `review_states`).
    states: dict[str, str]


@dataclass
class KeyMemo:
    """What keying keeps between rebuilds: each review's card by site key and state, and, while
    the hubs' key is unchanged, what depends on the cards alone (what a page shows of related
    reviews, theme counts)."""

    cards: dict[str, str] = field(default_factory=dict)
    hubs: str = ""
    related: dict[str, str] = field(default_factory=dict)
    counts: dict[str, str] = field(default_factory=dict)


def plan_pages(
    site: Site,
    public: PublicSite,
    indexes: Indexes,
    pages: Pages,
    common: str,
    memo: KeyMemo,
    related_shown: Callable[[Review], str],
) -> PagePlan:
    """The key of every review page, briefing, theme page and page of a theme's years (see the
    module docstring). `memo`: what the preview keeps (see `KeyMemo`); `related_shown`: what a
    review's page shows of its related reviews (the review template's own values)."""
    states = review_states(site, public)
    known = memo.cards
    memo.cards = {}

    def card_of(item: Review | WithdrawalNotice) -> str:
        key = _hash(common, item.slug, states[item.slug])
        memo.cards[key] = known[key] if key in known else card(item, states[item.slug])
        return memo.cards[key]

    items: list[Review | WithdrawalNotice] = [*public.reviews, *public.notices]
    shown = {item.slug: card_of(item) for item in items}
    rated_at = public.as_of.isoformat()  # the day action plans are rated at
    hubs = _hash(common, "hubs", rated_at, repr(list(shown.items())))
    if memo.hubs != hubs:  # related reviews and counts come from what lists show: made again
        memo.hubs, memo.related, memo.counts = hubs, {}, {}

    def related_of(item: Review | WithdrawalNotice) -> str:
        if item.slug not in memo.related:
            memo.related[item.slug] = related_shown(item) if isinstance(item, Review) else ""
        return memo.related[item.slug]

    def counts_of(review: Review) -> str:
        if review.slug not in memo.counts:
            memo.counts[review.slug] = repr(sorted(pages.theme_counts(review).items()))
        return memo.counts[review.slug]

    keys: dict[str, str] = {}
    for slug, state in states.items():
        item = public.by_slug[slug]
        rated = rated_at if isinstance(item, Review) and item.action_plan else ""
        keys[urls.source_of(urls.review(slug))] = _hash(common, "review", state, related_of(item), rated)
    briefings = {urls.source_of(urls.briefing(review.slug)): review for review in pages.briefings}
    for source, review in briefings.items():
        keys[source] = _hash(common, "briefing", states[review.slug], counts_of(review))
    theme_years: dict[str, tuple[Theme, int, ListPage]] = {}
    for theme in public.themes:
        members = [states[review.slug] for review in indexes.by_theme.get(theme.slug, [])]
        keys[f"{urls.THEMES}{theme.slug}.md"] = _hash(common, "theme", repr(members))
        by_year = indexes.theme_years(theme.slug)
        years = repr(list(by_year))  # its years link to the years before and after
        for year, reviews in by_year.items():
            for part in pages.theme_year_split(theme.slug, year, reviews):
                source = urls.source_of(part.url)
                theme_years[source] = (theme, year, part)
                keys[source] = _hash(
                    common,
                    "theme year",
                    years,
                    str(len(reviews)),
                    repr((part.number, part.addresses, part.first)),
                    repr([states[review.slug] for review in part.reviews]),
                )
    return PagePlan(common, hubs, keys, theme_years, briefings, states)


def frame_key(plan: PagePlan, pages: str, static: str) -> str:
    """What a quick rebuild leaves as it is (see `adapter.rebuild`): the hubs' key (the site key
    and what lists show of every review), the pages there are, the files copied as they are."""
    return _hash(plan.hubs, pages, static)


def page_set(*sources: Iterable[str]) -> str:
    """Which pages there are (authored pages link to them: MkDocs checks those links)."""
    return _hash(*sorted(set().union(*sources)))


def content_key(common: str, source: str, *shown: str) -> str:
    """The key of a page made from nothing but what the site key names and `shown` (its text)."""
    return _hash(common, "content", source, *shown)


@dataclass
class KeyedPages:
    """The keys of a build's pages and the choice of those it renders (a release build and the
    preview): `state` holds the keys of the pages last rendered (see `adapter.preview`)."""

    state: PageState
    #: What the pages are made with: the MkDocs configuration, the theme and our templates.
    engine_key: str
    theme_folders: list[Path]
    plan: PagePlan | None = None
    #: The files of the pages this build renders.
    fresh: list[File] = field(default_factory=list)
    #: The key of what a quick rebuild leaves as it is (see `adapter.rebuild`); None when the
    #: pages MkDocs has are not the pages keyed.
    frame: str | None = None

    @classmethod
    def of(cls, state: PageState, config: MkDocsConfig) -> KeyedPages:
        custom_dir = config.theme.custom_dir
        theme_folders = [Path(custom_dir)] if custom_dir else []
        config_file = Path(config.config_file_path) if config.config_file_path else None
        return cls(state, engine_key(config_file, [*theme_folders, TEMPLATES]), theme_folders)

    def key_pages(self, build: SiteBuild, quick: bool = False) -> PagePlan | None:
        """The keys of this build's pages (hubs included when they were made under the same key
        before), and its frame; the generated pages made while deciding them are kept. With
        `quick`, None when the hubs would have to be made (see `adapter.rebuild`)."""
        site, public, indexes = build.loaded()
        pages, state = build.pages_made(), self.state
        common = site_key(site, public, build.docs_dir, build.settings, build.site_url, self.engine_key)
        plan = plan_pages(
            site,
            public,
            indexes,
            pages,
            common,
            state.key_memo,
            lambda review: repr(review_view(review, public, indexes.related.for_review(review))["related"]),
        )
        hubs = state.known_hubs(plan.hubs)
        if hubs is None and quick:
            return None
        if hubs is None:  # a hub's key is its own text: made again when what lists show changed
            build.generated = pages.listing_pages(theme_years=False)
            hubs = {}
            for uri, page in build.generated.items():
                if uri not in plan.keys:
                    filters = repr(search_options(public, indexes.listed)) if uri == urls.source_of(urls.SEARCH) else ""
                    hubs[uri] = content_key(common, uri, page.source, page.body.html, filters)
            state.hub_keys = (plan.hubs, dict(hubs))
        plan.keys.update(hubs)
        # Authored pages (and theme pages' introductions) link to pages: their key names every page.
        everything = page_set(plan.keys, build.parsed)
        for uri in build.parsed:
            plan.keys[uri] = content_key(plan.keys.get(uri, common), uri, everything)
        state.plan(plan.keys)
        self.plan = plan
        self.frame = frame_key(plan, everything, static_key(build.docs_dir, self.theme_folders))
        return plan

    def arrange(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        """Add the generated pages; mark each page rendered or kept (see `adapter.preview`):
        only the generated pages rendered are made."""
        plan = self.key_pages(build)
        assert plan is not None
        authored = {file.src_uri for file in files.documentation_pages()}
        for uri in sorted(set(plan.keys) - authored):
            made = build.generated.get(uri)
            files.append(File.generated(config, uri, content=made.source if made is not None else ""))
        if {file.src_uri for file in files.documentation_pages()} != set(plan.keys):
            self.frame = None  # MkDocs has pages the preview did not key: no quick rebuild
        self.fresh = self.choose_pages(build, files)

    def choose_pages(self, build: SiteBuild, files: Files) -> list[File]:
        """The pages to render (each marked so), after the state chose them. Every other page is marked kept."""
        plan = self.plan
        assert plan is not None
        documentation = files.documentation_pages()
        deferrable = {*plan.briefings, *plan.theme_years, *(urls.source_of(urls.review(slug)) for slug in plan.states)}
        fresh = self.state.choose(((file.src_uri, file.dest_uri) for file in documentation), build.site_dir, deferrable)
        chosen = []
        for file in documentation:
            mark_rendered(file, file.src_uri in fresh)
            if file.src_uri in fresh:
                chosen.append(file)
        return chosen

    def made(self, build: SiteBuild, uri: str, keep_briefings: bool) -> GeneratedPage | None:
        """The generated page at `uri` (None for any other page), made now unless it was.
        With `keep_briefings` (the preview), briefings are kept between rebuilds."""
        pages, plan, state = build.pages_made(), self.plan, self.state
        assert plan is not None
        if uri in build.generated:
            return build.generated[uri]
        if uri in plan.briefings:
            review = plan.briefings[uri]
            if keep_briefings:
                made = state.briefing(plan.keys[uri], lambda: pages.briefing(review))
            else:  # a build lets each go once it is written
                made = pages.briefing(review)
        elif uri in plan.theme_years:
            made = pages.theme_year_page(*plan.theme_years[uri])
        elif state.hub_keys is not None and uri in state.hub_keys[1]:  # a hub whose page is gone
            build.generated.update(pages.listing_pages(theme_years=False))
            return build.generated[uri]
        else:
            return None
        build.generated[uri] = made
        return made

    def kept_pages(self, build: SiteBuild, files: Files) -> None:
        """What the sitemap reads of each review page not rendered again: its state and date (a
        withdrawn review is listed nowhere; a review's lastmod is its publication date)."""
        _, public, _ = build.loaded()
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            item = build.public_item(file.src_uri)
            if item is not None:
                state = public.visibility_of(item).value
                page.meta = {"review": {"state": state, "published_iso": item.published.isoformat()}}
