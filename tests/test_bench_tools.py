"""The benchmark's corpus generator: deterministic, realistic, and valid content. No timings here."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import frontmatter
import pytest

from casereviews.load.catalogue import load_site

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT / "scripts"))

from casereviews.policy.vetting import check_content  # noqa: E402
from generate_corpus import ACCEPTED_SHAPES, SHAPES, generate  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
COUNT = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    content = tmp_path_factory.mktemp("corpus") / "content"
    return content, generate(content, COUNT, seed=11)


def bodies(content: Path, slugs: list[str]) -> dict[str, str]:
    return {slug: frontmatter.load(content / "reviews" / f"{slug}.md").content for slug in slugs}


def test_same_seed_same_corpus(corpus, tmp_path):
    content, slugs = corpus
    again = generate(tmp_path / "content", COUNT, seed=11)
    assert again == slugs
    for slug in slugs:
        assert (tmp_path / "content/reviews" / f"{slug}.md").read_bytes() == (
            content / "reviews" / f"{slug}.md"
        ).read_bytes()


def test_another_seed_another_corpus(corpus, tmp_path):
    content, slugs = corpus
    other = generate(tmp_path / "content", 5, seed=12)
    assert bodies(tmp_path / "content", other) != bodies(content, slugs[:5])


def test_bodies_are_about_the_target_length(corpus):
    content, slugs = corpus
    counts = [len(body.split()) for body in bodies(content, slugs).values()]
    assert all(1000 <= count <= 1500 for count in counts), counts
    short = generate(content.parent / "short", 3, seed=11, words=300)
    assert all(len(body.split()) <= 600 for body in bodies(content.parent / "short", short).values())


def test_every_accepted_body_shape_is_present(corpus):
    content, slugs = corpus
    texts = list(bodies(content, slugs).values())
    assert set(ACCEPTED_SHAPES) <= set(SHAPES)
    assert any(re.search(r"^1\. \{#[a-z0-9-]+\} ", text, re.M) for text in texts), "author ids"
    assert any(re.search(r"^   \S", text, re.M) for text in texts), "continuation lines"
    assert any(re.search(r"^## Learning\n\nThe review identified", text, re.M) for text in texts), "introduction"
    assert any(re.search(r"^## Learning\n\n1\. (?!\{#)", text, re.M) for text in texts), "plain numbered"
    assert any(re.search(r"^- ", text, re.M) for text in texts), "bullets"
    assert any(re.search(r"^8\.1 ", text, re.M) for text in texts), "numbered paragraphs"
    assert any(re.search(r"^### Health", text, re.M) for text in texts), "grouped by agency"
    assert any(re.search(r"^## 8\. Lessons learned\n\n1\) ", text, re.M) for text in texts), "report headings"


def test_vocabulary_is_real_text_without_digits(corpus):
    content, slugs = corpus
    text = " ".join(bodies(content, slugs).values())
    words = re.findall(r"[a-z]+", text)
    assert len(set(words)) > 2000, "a real vocabulary, not a handful of words"
    prose = re.sub(r"\{#[^}]*\}", "", text)
    prose = re.sub(r"^(?:\d+[.)]|\d+\.\d+|## \d+\.) ", "", prose, flags=re.M)
    assert not re.search(r"\d", prose), "no digits in the prose"


def test_generated_corpus_passes_validation_and_anonymisation(corpus):
    content, slugs = corpus
    site = check_content(content, NOW, content.parent)
    assert [str(problem) for problem in site.errors] == []
    assert [str(finding) for finding in site.findings if not finding.accepted_because] == []
    assert set(slugs) <= set(site.reviews)


def test_unknown_shape_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown body shapes"):
        generate(tmp_path / "content", 1, shapes=["haiku"])


def test_generated_plans_cover_every_state(tmp_path):
    """About a third of recent reviews carry a plan, with every status, rescheduled, overdue and on-track actions."""
    content = tmp_path / "content"
    slugs = generate(content, 120, seed=5)
    site = load_site(content, NOW.date())  # validation only: the plans are what is asked of here
    assert [str(problem) for problem in site.errors] == []
    actions = [action for slug in slugs if slug in site.reviews for action in site.reviews[slug].action_plan]
    assert {action.stage for action in actions} == {"not-started", "in-progress", "complete", "signed-off"}
    assert {action.rag(NOW.date()).value for action in actions} >= {"red", "green"}
    assert any(action.previous_due for action in actions) and any(action.progress for action in actions)


def test_a_measured_build_starts_from_no_site(tmp_path):
    """Between rounds the bench clears what `make build` left: the link, its releases, or a folder."""
    from bench import clear

    releases = tmp_path / ".site-releases"
    (releases / "build-1").mkdir(parents=True)
    (releases / "build-1" / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / "site").symlink_to(releases / "build-1")
    clear(tmp_path / "site")
    assert not (tmp_path / "site").exists() and not (tmp_path / "site").is_symlink() and not releases.exists()
    (tmp_path / "plain-site").mkdir()
    clear(tmp_path / "plain-site")
    assert not (tmp_path / "plain-site").exists()
