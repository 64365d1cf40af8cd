"""Display values for templates and generated pages: labels, dates, links, structured data.

Values here are plain text, built from the public view only. The templates escape them:
our own with autoescaping (see `pages.py`), Material's with `|e` (Jinja in MkDocs does not
autoescape).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import urls
from ..model import vocabulary
from ..model.dates import long_date
from ..model.fields import UK_TIME
from ..model.reviews import Review
from ..policy.public import PublicSite, WithdrawalNotice

#: A word every listed review page carries for search (in an attribute, never shown): searching
#: for it lists all reviews, so a search by filters alone reads one index chunk, not all.
SEARCH_ALL_WORD = "allcasereviews"

href = urls.href


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 review', '3 reviews'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def _person(age: str | None, age_band: str | None) -> str | None:
    band = vocabulary.AGE_BANDS[age_band] if age_band else None
    if age and band:
        return f"{age} (age group: {band})"
    return age or band


def review_facts(review: Review) -> list[tuple[str, str]]:
    """The metadata panel of a review page, as (label, value) pairs, in reading order."""
    facts = [("Type of review", review.type_label)]
    if review.pseudonym:
        facts.append(("Known as", review.pseudonym))
    if review.subjects:
        people = []
        for subject in review.subjects:
            details = [
                part
                for part in (
                    _person(subject.age, subject.age_band),
                    vocabulary.OUTCOMES[subject.outcome].lower() if subject.outcome else None,
                )
                if part
            ]
            people.append(subject.pseudonym + (f" ({', '.join(details)})" if details else ""))
        facts.append(("People the review is about", "; ".join(people)))
    else:
        age = _person(review.age_at_incident, review.age_band)
        if age:
            facts.append(("Age", age))
        if review.outcome:
            facts.append(("Outcome", vocabulary.OUTCOMES[review.outcome]))
    if review.incident_year:
        facts.append(("Year of incident", str(review.incident_year)))
    if review.period_under_review:
        period = review.period_under_review
        facts.append(("Period under review", f"{long_date(period.start)} to {long_date(period.end)}"))
    if review.parallel_proceedings:
        labels = [vocabulary.PARALLEL_PROCEEDINGS[kind] for kind in review.parallel_proceedings]
        facts.append(("Parallel proceedings", ", ".join(labels)))
    if review.agencies:
        facts.append(("Agencies involved", ", ".join(vocabulary.AGENCIES[a] for a in review.agencies)))
    if review.review_model:
        facts.append(("Review model", review.review_model))
    if review.reviewer:
        facts.append(("Reviewer" if len(review.reviewer) == 1 else "Reviewers", ", ".join(review.reviewer)))
    return facts


def review_view(review: Review, site: PublicSite, related: list[tuple[Review, int]]) -> dict[str, Any]:
    """Everything the review template shows of a listed review, as plain values."""
    page_url = review.url
    board_slug = site.board_slug(review)
    archived = site.is_archived(review)
    return {
        "slug": review.slug,
        "state": site.visibility_of(review).value,
        "title": review.title,
        "summary": review.summary,
        "board": site.board_name(review),
        "board_href": href(page_url, urls.board(board_slug)),
        "published": long_date(review.published),
        "published_iso": review.published.isoformat(),
        "year_href": href(page_url, urls.year(review.year)),
        "facts": review_facts(review),
        "themes": [(site.themes[slug].title, href(page_url, urls.theme(slug))) for slug in review.themes],
        "source_url": review.source_url,
        "briefing_href": None if archived else href(page_url, urls.briefing(review.slug)),
        "online_until": long_date(review.online_until) if archived and review.online_until else None,
        "related": [
            {
                "title": other.title,
                "href": href(page_url, other.url),
                "board": site.board_name(other),
                "year": other.year,
                "shared": plural(shared, "shared theme"),
                "unpublished": site.unpublished_label(other),
            }
            for other, shared in related
        ],
        "structured_data": structured_data(review, site),
        "search_filters": search_filters(review, site),
        "search_meta": {"board": site.board_name(review), "year": str(review.year), "summary": review.summary},
        "search_all_word": SEARCH_ALL_WORD,
        **preview_marks(review, site),
    }


def preview_marks(review: Review, site: PublicSite) -> dict[str, Any]:
    """What a review only the preview shows carries on its page: its mark ('Draft' or
    'Embargoed'; '' in every build), when an embargo lifts, and what stops its publication."""
    note = site.unpublished.get(review.slug)
    return {
        "unpublished": site.unpublished_label(review),
        "embargo_until": long_date(note.until.astimezone(UK_TIME).date()) if note and note.until else None,
        "to_fix": [str(problem) for problem in note.to_fix] if note else [],
    }


def notice_view(notice: WithdrawalNotice, site: PublicSite) -> dict[str, Any]:
    """What the review template shows at a withdrawn review's address: the notice only."""
    return {
        "slug": notice.slug,
        "state": site.visibility_of(notice).value,
        "title": notice.title,
        "board": site.board_name(notice),
        "board_href": None,
        "published": long_date(notice.published),
        "published_iso": notice.published.isoformat(),
        "withdrawn_on": long_date(notice.withdrawn_on),
        "withdrawn_reason": notice.withdrawn_reason,
        "facts": [],
        "briefing_href": None,
        "related": [],
        "structured_data": None,
        "search_filters": [],
        "unpublished": "",
        "to_fix": [],
    }


def search_filters(review: Review, site: PublicSite) -> list[tuple[str, str]]:
    """(filter, value) pairs a review is found by in search: slugs, stable in deep links."""
    pairs = [("theme", slug) for slug in review.themes]
    pairs += [("year", str(review.year)), ("board", site.board_slug(review))]
    pairs += [("type", kind) for kind in review.review_types]
    pairs += [("age", band) for band in review.age_bands]
    pairs += [("outcome", outcome) for outcome in review.outcomes]
    pairs += [("proceedings", kind) for kind in review.parallel_proceedings]
    pairs += [("audience", audience) for audience in ("children", "adults") if review.audience in (audience, "all")]
    return pairs


def structured_data(review: Review, site: PublicSite) -> dict[str, Any]:
    """schema.org description of a review, for search engines (serialised with `tojson`)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": review.title,
        "abstract": review.summary,
        "datePublished": review.published.isoformat(),
        "publisher": {"@type": "Organization", "name": site.board_name(review)},
        "about": [site.themes[slug].title for slug in review.themes],
        "inLanguage": "en-GB",
    }
    if review.keywords:
        data["keywords"] = ", ".join(review.keywords)
    return data


def search_options(site: PublicSite, listed: list[Review]) -> dict[str, Any]:
    """The search page's filter choices: every value a listed review has, with its label."""
    used: dict[str, set[str]] = {
        name: set() for name in ("audience", "theme", "board", "type", "age", "outcome", "proceedings")
    }
    counts: Counter[tuple[str, str]] = Counter()
    years: set[int] = set()
    for review in listed:
        for name, value in search_filters(review, site):
            counts[name, value] += 1
            if name == "year":
                years.add(int(value))
            else:
                used[name].add(value)

    def options(labels: dict[str, str], name: str) -> list[tuple[str, str, int]]:
        return [(value, label, counts[name, value]) for value, label in labels.items() if value in used[name]]

    themes = {theme.slug: theme.title for theme in sorted(site.themes, key=lambda theme: theme.title.lower())}
    boards = dict(sorted(site.board_names.items(), key=lambda item: item[1].lower()))
    groups = (
        ("audience", "About", "", {"children": "Children and young people", "adults": "Adults"}),
        ("theme", "Themes", "Reviews with every theme you tick.", themes),
        ("type", "Type of review", "", vocabulary.REVIEW_TYPES),
        ("age", "Age group", "", vocabulary.AGE_BANDS),
        ("outcome", "Outcome", "", vocabulary.OUTCOMES),
        ("proceedings", "Parallel proceedings", "", vocabulary.PARALLEL_PROCEEDINGS),
        ("board", "Board", "", boards),
    )
    return {
        "years": sorted(years),
        "search_all_word": SEARCH_ALL_WORD,
        "groups": [
            {"name": name, "legend": legend, "hint": hint, "options": options(labels, name)}
            for name, legend, hint, labels in groups
        ],
    }
