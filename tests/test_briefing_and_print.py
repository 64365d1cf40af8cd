"""7-minute briefings and printed handouts, in a real build of the sample site and in Chromium."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape

import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from browser import axe_violations
from casereviews import urls
from casereviews.cache import TextCache
from casereviews.load.catalogue import load_site
from casereviews.model.reviews import Review
from casereviews.policy.public import PublicSite, public_view
from casereviews.render import pages as pages_module
from casereviews.render.briefing import (
    QR_ERROR,
    first_sentence,
    plain_text,
    qr_code,
    reflection_questions,
)
from sitekit import TEST_NOW, SiteProject

SITE_URL = "https://learning.example.org/"
ARCHIVED = "2009-westmoor-child-k"
WITHDRAWN = "2012-westmoor-child-w"
DRAFT = "2025-northdale-child-t"
PARTS = (
    "1. Background",
    "2. Why it matters",
    "3. What happened: key information",
    "4. What the review found",
    "5. Things to remember",
    "6. What to do",
    "7. Questions for reflection",
)
REVIEW = "2021-northdale-child-l"
THEME = "child-sexual-exploitation"
#: Words of the site's navigation, header and footer that a printed handout must not hold.
NAVIGATION_WORDS = ("Theme and year table", "Latest reviews", "Skip to content", "Table of contents", "Print this page")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> PublicSite:
    """The public view of the sample site at the tests' moment."""
    project = SiteProject(tmp_path_factory.mktemp("briefing-sample"))
    now = dt.datetime.fromisoformat(TEST_NOW)
    site = load_site(project.content, now.date(), project.root)
    assert not site.errors, site.errors
    return public_view(site, now)


def briefed(public: PublicSite) -> list[Review]:
    return [review for review in public.reviews if not public.is_archived(review)]


def text_of(html: str) -> str:
    """A page's visible text, roughly: tags dropped, entities read, spaces joined."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """The number of pages of a PDF and its text without spaces (a long address wraps across
    lines). Print has no ligatures, so the text is the page's letters as they are."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", "", text)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the briefing pages ------------------------------------------------------------------


def test_the_sample_has_briefings_to_test(public):
    """The sample holds listed, archived and withdrawn reviews (else the tests below prove nothing)."""
    slugs = {review.slug for review in briefed(public)}
    assert len(slugs) >= 10 and REVIEW in slugs
    assert ARCHIVED in public.archived and WITHDRAWN in {notice.slug for notice in public.notices}


@pytest.mark.site
def test_every_listed_review_has_a_briefing_in_seven_parts(sample_site, public):
    """Seven parts, the summary, the learning points, three questions and the review's address."""
    for review in briefed(public):
        html = sample_site.page(urls.briefing(review.slug))
        text = text_of(html)
        for part in PARTS:
            assert f">{part}</h2>" in html, f"{review.slug}: no part '{part}'"
        assert " ".join(review.summary.split()) in text
        for point in review.content.learning[:6]:
            assert first_sentence(plain_text(point.text)) in text, f"{review.slug}: {point.label}"
            assert f'href="../#{point.anchor}"' in html
        questions = re.findall(r"<ol class=\"briefing__questions\">(.*?)</ol>", html, re.DOTALL)
        assert len(questions) == 1 and questions[0].count("<li>") == 3
        assert SITE_URL + review.url in text
        assert review.type_label in text and public.board_name(review) in text


def test_the_questions_follow_the_documented_rule(public):
    """The Nth question quotes the opening of the Nth learning point; always three, the same each build."""
    for review in briefed(public):
        questions = reflection_questions(review)
        assert len(questions) == 3
        assert questions == reflection_questions(review)
        for (quote, _), point in zip(questions, review.content.learning, strict=False):
            opening = quote.removesuffix("…").removesuffix(".")
            assert plain_text(point.text).startswith(opening), (review.slug, quote)


@pytest.mark.site
def test_the_briefing_carries_a_qr_code_of_the_review_address(sample_site, public):
    """An inline SVG QR code with a text alternative: a light square (the quiet zone showing on a
    dark page too) and the dark modules of the review's address, as the QR code of it."""
    for review in briefed(public):
        html = sample_site.page(urls.briefing(review.slug))
        svgs = re.findall(r"<svg [^>]*>.*?</svg>", html, re.DOTALL)
        qr = [svg for svg in svgs if "briefing__qr-code" in svg]
        assert len(qr) == 1, review.slug
        svg = qr[0]
        address = SITE_URL + review.url
        assert 'role="img"' in svg and f'aria-label="QR code: the address {address}"' in svg
        assert f"<title>QR code: the address {address}</title>" in svg
        code = qr_code(address)
        assert f'viewBox="0 0 {code.size} {code.size}"' in svg
        assert f'<rect width="{code.size}" height="{code.size}" fill="#fff"/>' in svg
        assert f'<path d="{code.path}" fill="#000"/>' in svg
    assert "<img" not in sample_site.page(urls.briefing(REVIEW)).split('class="briefing"')[1]


def decoded(image: Image.Image) -> list[tuple[str, str]]:
    """The QR codes zxing-cpp reads in `image`: (text, error correction level) of each."""
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [(code.text, code.ec_level) for code in found]


@pytest.mark.browser
def test_the_qr_code_scans_as_the_review_address_on_screen_and_on_paper(site_url, browser_page, public):
    """On the whole briefing as Chromium shows it, and on the briefing printed to PDF (rasterised
    at 150 dpi: the printed code is 24 mm wide), one QR code is read: the review's address."""
    page, _ = browser_page
    for review in briefed(public):
        address = SITE_URL + review.url
        page.goto(site_url + urls.briefing(review.slug), wait_until="load")
        shown = Image.open(io.BytesIO(page.screenshot(full_page=True)))
        assert decoded(shown) == [(address, QR_ERROR)], review.slug
        pdf = pypdfium2.PdfDocument(page.pdf(format="A4"))
        printed = pdf[0].render(scale=150 / 72).to_pil()
        assert decoded(printed) == [(address, QR_ERROR)], review.slug


def test_qr_codes_are_kept_by_address(tmp_path):
    """A cached code is the code made afresh; another address is another code, never the cached one."""
    cache = TextCache(tmp_path / "qr")
    address = SITE_URL + "reviews/2019-a/"
    fresh = qr_code(address)
    assert qr_code(address, cache) == fresh  # made and stored
    assert len(list((tmp_path / "qr").iterdir())) == 1
    assert qr_code(address, cache) == fresh  # read back
    other = qr_code(SITE_URL + "reviews/2019-b/", cache)
    assert other != fresh and other.url.endswith("reviews/2019-b/") and other.path != fresh.path
    assert len(list((tmp_path / "qr").iterdir())) == 2


@pytest.mark.site
def test_an_archived_or_withdrawn_review_has_no_briefing(sample_site, public):
    """Their briefing addresses lead to the review's page; neither the summary nor a QR code is there."""
    for slug in (ARCHIVED, WITHDRAWN):
        html = sample_site.page(urls.briefing(slug))
        assert 'http-equiv="refresh" content="0; url=../"' in html
        assert "briefing__qr" not in html and "7-minute briefing" not in html
    assert not sample_site.exists(urls.briefing(DRAFT))
    withdrawn = public.by_slug[WITHDRAWN]
    assert not isinstance(withdrawn, Review)
    for slug in (ARCHIVED, WITHDRAWN):
        assert "review__briefing" not in sample_site.page(urls.review(slug))


@pytest.mark.site
def test_a_renamed_review_keeps_its_old_briefing_address(project: SiteProject):
    """An alias (old slug) redirects the old briefing to the new one; withdrawn, to the notice."""
    project.write_review("child-t")
    assert project.build_atomic().returncode == 0
    project.remove("reviews/child-t.md")
    project.write_review("child-t-renamed", aliases=["child-t"])
    result = project.build_atomic()
    assert result.returncode == 0, result.output
    assert 'content="0; url=../../child-t-renamed/briefing/"' in result.page(urls.briefing("child-t"))
    project.write_review(
        "child-t-renamed",
        aliases=["child-t"],
        status="withdrawn",
        withdrawn_on="2026-01-05",
        withdrawn_reason="Replaced.",
    )
    result = project.build_atomic()
    assert result.returncode == 0, result.output
    assert 'content="0; url=../"' in result.page(urls.briefing("child-t-renamed"))
    assert 'content="0; url=../../child-t-renamed/"' in result.page(urls.briefing("child-t"))


@pytest.mark.site
def test_a_review_page_links_to_its_briefing(sample_site, public):
    for review in briefed(public):
        html = sample_site.page(review.url)
        assert '<p class="review__briefing"><a href="briefing/">7-minute briefing</a>' in html


@pytest.mark.site
def test_briefings_are_in_the_url_manifest(sample_site, public):
    manifest = sample_site.text(urls.MANIFEST)
    for review in briefed(public):
        assert f'"/{urls.briefing(review.slug)}"' in manifest


# -- in the browser ----------------------------------------------------------------------


def print_pdf(page, url: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="load")
    return pdf_text(page.pdf(format="A4"))


@pytest.mark.browser
def test_every_briefing_prints_on_one_a4_page(site_url, browser_page, public):
    """Printed to PDF, each briefing is one page holding its learning and the review's address."""
    page, watch = browser_page
    for review in briefed(public):
        pages, text = print_pdf(page, site_url + urls.briefing(review.slug))
        assert pages == 1, f"{review.slug} prints on {pages} pages"
        assert squeezed(SITE_URL + review.url) in text
        for point in review.content.learning[:3]:
            assert squeezed(first_sentence(plain_text(point.text))) in text, (review.slug, point.label)
        for word in NAVIGATION_WORDS:
            assert squeezed(word) not in text, (review.slug, word)
    assert watch.foreign_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["review", "theme", "theme year"])
def test_review_and_theme_pages_print_as_handouts(kind, site_url, browser_page, public):
    """The printed page holds the learning and its own address, and none of the site's navigation.

    A theme page shows what its newest reviews teach (the first points of each); the page of
    each of its years, all the learning of that year's reviews."""
    page, watch = browser_page
    review = public.by_slug[REVIEW]
    assert isinstance(review, Review)
    path = {
        "review": review.url,
        "theme": urls.theme(THEME),
        "theme year": urls.theme_year(THEME, review.year),
    }[kind]
    pages, text = print_pdf(page, site_url + path)
    assert pages >= 1
    assert squeezed(SITE_URL + path) in text
    on_theme = [other for other in public.reviews if THEME in other.themes and other.content.learning]
    assert review in on_theme[: pages_module.TEACHING_REVIEWS]  # so the theme page shows its first points
    shown = review.content.learning[: pages_module.TEACHING_POINTS] if kind == "theme" else review.content.learning
    for point in shown:
        assert squeezed(plain_text(point.text)) in text, point.label
    for word in NAVIGATION_WORDS:
        assert squeezed(word) not in text, word
    assert watch.foreign_requests() == []


@pytest.mark.browser
def test_external_links_show_their_address_in_print(site_url, browser_page):
    page, _ = browser_page
    page.goto(site_url + "reviews/2007-tower-hamlets-baby-e/")
    page.emulate_media(media="print")
    after = page.evaluate(
        "[...document.querySelectorAll('.md-typeset a[href^=\"http\"]')]"
        ".map(a => getComputedStyle(a, '::after').content)"
    )
    assert after and all("http" in content for content in after)


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", [urls.briefing(REVIEW), urls.review(REVIEW), urls.theme(THEME), urls.theme_year(THEME, 2021)]
)
def test_the_print_control_is_a_keyboard_button_hidden_in_print(path, site_url, browser_page):
    """Shown by script, reached with Tab, used with Enter; not on paper."""
    page, _ = browser_page
    page.goto(site_url + path, wait_until="load")
    page.evaluate(
        "window.print = () => { window.__printed = (window.__printed || 0) + 1 }; window.__clicks = [];"
        "document.addEventListener('click', e => window.__clicks.push(e.target.outerHTML.slice(0, 80)), true)"
    )
    button = page.get_by_role("button", name="Print this page")
    assert button.is_visible()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-print-control]')"):
            break
    else:
        pytest.fail("the print control cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1, page.evaluate("window.__clicks")
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_the_briefing_is_accessible(width, site_url, chromium):
    context = chromium.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 400)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + urls.briefing(REVIEW), wait_until="load")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert [url for url in requests if not url.startswith(site_url)] == []
    context.close()


@pytest.mark.browser
def test_a_trainer_goes_from_a_theme_to_a_printed_briefing(site_url, browser_page, public):
    """Theme page → the review's year → the review → its 7-minute briefing → a one-page PDF with
    the learning and the address."""
    page, watch = browser_page
    review = public.by_slug[REVIEW]
    assert isinstance(review, Review)
    page.goto(site_url + urls.theme(THEME), wait_until="load")
    page.locator(".year-link a", has_text=f"of {review.year}").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + urls.theme_year(THEME, review.year)
    page.locator(".review-card__title a", has_text=review.title).first.click()
    page.wait_for_load_state("load")
    assert page.url == site_url + review.url
    page.get_by_role("link", name="7-minute briefing").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + urls.briefing(review.slug)
    pages, text = pdf_text(page.pdf(format="A4"))
    assert pages == 1
    assert squeezed(SITE_URL + review.url) in text
    for point in review.content.learning:
        assert squeezed(first_sentence(plain_text(point.text))) in text, point.label
    assert watch.foreign_requests() == []
    assert watch.console_errors == []


@pytest.mark.site
def test_grouped_recommendations_are_named_by_their_group(sample_site):
    """Numbering restarts in each group, so a briefing names the group: 'Health 1', not 'Recommendation 1' twice."""
    html = sample_site.page("reviews/2024-southvale-adult-b/briefing/")
    assert ">Adult social care 1</a>" in html and ">Health 1</a>" in html
    assert ">Recommendation 1</a>" not in html
