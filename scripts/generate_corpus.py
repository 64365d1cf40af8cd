"""Generate a large fictional corpus of reviews, for benchmarks and scale tests.

The corpus is deterministic for a given seed: the sample site (themes, pages, reviews)
plus N fictional reviews across boards, years and themes (some drafts and
withdrawn ones among them). Files are written with python-frontmatter.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import frontmatter

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = PROJECT / "content"

PLACES = (
    "Ashby", "Brackenford", "Caldermoor", "Dunmore", "Eastbridge", "Fernley", "Glanafon", "Harrowgate",
    "Ivybridge", "Jessop", "Kingsmere", "Lowther", "Marston", "Northdale", "Oakhurst", "Penwith",
    "Queensbury", "Redhill", "Stanbury", "Thornby", "Upwell", "Valemouth", "Westmoor", "Yarrow",
)  # fmt: skip
BOARD_KINDS = (
    "Local Safeguarding Children Board",
    "Safeguarding Children Partnership",
    "Safeguarding Adults Board",
    "Regional Safeguarding Children Board",
)
REVIEW_TYPES = (
    "serious-case-review", "child-safeguarding-practice-review", "learning-review", "rapid-review",
    "child-practice-review", "safeguarding-adults-review",
)  # fmt: skip
AGE_BANDS = ("unborn", "under-1", "1-4", "5-9", "10-14", "15-17")
OUTCOMES = ("death", "serious-harm", "other")
AGENCIES = ("health", "gp", "children-social-care", "police", "education", "housing", "mental-health", "probation")
WORDS = (
    "assessment", "referral", "visit", "plan", "threshold", "escalation", "supervision", "record", "contact",
    "strategy", "meeting", "voice", "child", "father", "mother", "carer", "school", "nursery", "bruising",
    "methadone", "private fostering", "missing episodes", "neglect", "housing", "overcrowding", "disguised compliance",
)  # fmt: skip


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def review_file(rng: random.Random, index: int, themes: list[str]) -> tuple[str, str]:
    """The slug and text of one fictional review."""
    year = rng.randint(2003, 2025)
    place = rng.choice(PLACES)
    board = f"{place} {rng.choice(BOARD_KINDS)}"
    slug = f"{year}-{place.lower()}-child-{index:05d}"
    status = rng.choices(("published", "draft", "withdrawn"), weights=(96, 3, 1))[0]
    meta = {
        "title": f"Case review: Child {index:05d}",
        "review_type": rng.choice(REVIEW_TYPES),
        "board": board,
        "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "themes": rng.sample(themes, rng.randint(1, 4)),
        "summary": f"This is a fictional review generated for scale tests. {sentence(rng, 24)}",
        "status": status,
        "age_band": rng.choice(AGE_BANDS),
        "outcome": rng.choice(OUTCOMES),
        "incident_year": year - rng.randint(0, 2),
        "agencies": sorted(rng.sample(AGENCIES, rng.randint(1, 4))),
        "keywords": sorted(set(rng.sample(WORDS, 3))),
    }
    if status == "withdrawn":
        meta["withdrawn_on"] = f"{year + 1}-01-15" if year < 2025 else "2025-12-01"
        meta["withdrawn_reason"] = "Withdrawn at the request of the family."
    learning = "\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(3, 6)))
    recommendations = "\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(2, 5)))
    body = (
        f"## Summary of events\n\n{sentence(rng, 60)}\n\n{sentence(rng, 40)}\n\n"
        f"## Learning\n\n{learning}\n\n## Recommendations\n\n{recommendations}\n"
    )
    return slug, frontmatter.dumps(frontmatter.Post(body, **meta), sort_keys=False) + "\n"


def generate(content_dir: Path, count: int, seed: int = 2026) -> list[str]:
    """Write the sample site plus `count` fictional reviews; the generated reviews' slugs."""
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(SAMPLE_CONTENT, content_dir)
    themes = sorted(path.stem for path in (content_dir / "themes").glob("*.md"))
    rng = random.Random(seed)
    slugs = []
    for index in range(1, count + 1):
        slug, text = review_file(rng, index, themes)
        (content_dir / "reviews" / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content_dir", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args(argv)
    generate(arguments.content_dir, arguments.count, arguments.seed)
    print(f"Wrote {arguments.count} reviews to {arguments.content_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
