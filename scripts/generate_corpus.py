"""Generate a large fictional corpus of reviews, for benchmarks and scale tests.

The corpus is deterministic for a given seed: the sample site (themes, pages, reviews)
plus N fictional reviews (some drafts and withdrawn ones among them). It is shaped like
the real thing so that build, page and search figures mean something:

- bodies of about 1,200 words (`words=`), in sentences shaped like executive summaries,
  drawn from a real English vocabulary with its Zipf frequencies (the `wordfreq` package,
  whose data ships in its wheel: nothing is downloaded) mixed with safeguarding terms;
- themes, years, boards and review types skewed (Zipf-like), as in the real catalogue;
- learning and recommendation lists in every body shape the content model accepts
  (`ACCEPTED_SHAPES`); shapes it may accept later are written too (`SHAPES`), one function
  each, and are used only when asked for;
- action plans on about a third of the reviews published since 2015, in every state (signed
  off, complete, in progress, not started; rescheduled; overdue and due soon as at `TODAY`).

Nothing in the generated text may trip the anonymisation check: bodies and summaries have
no digits at all (so no dates, telephone, NHS or National Insurance numbers, postcodes or
house numbers), no e-mail addresses, and no capitalised word except a sentence's first.
Files are written with python-frontmatter.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import itertools
import random
import re
import shutil
import sys
from collections.abc import Callable, Sequence
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
    "child-practice-review", "safeguarding-adults-review", "domestic-homicide-review", "adult-practice-review",
    "single-unified-safeguarding-review", "thematic-review",
)  # fmt: skip
#: Whom each type is about (as the content model says): adult types take adult ages and themes.
ADULT_TYPES = ("safeguarding-adults-review", "adult-practice-review")
EITHER_TYPES = ("learning-review", "domestic-homicide-review", "single-unified-safeguarding-review", "thematic-review")
AGE_BANDS = ("unborn", "under-1", "1-4", "5-9", "10-14", "15-17")
ADULT_AGE_BANDS = ("18-24", "25-64", "65-plus")
OUTCOMES = ("death", "serious-harm", "other")
AGENCIES = ("health", "gp", "children-social-care", "police", "education", "housing", "mental-health", "probation")
YEARS = tuple(range(2003, 2026))
#: The day plans are written as at (completion dates are never after it): the bench's day.
TODAY = dt.date(2026, 11, 22)
#: Share of reviews published since PLANS_FROM that carry an action plan.
PLAN_SHARE = 0.35
PLANS_FROM = 2015
#: Safeguarding terms, most used first; mixed into the English vocabulary.
DOMAIN_WORDS = (
    "assessment", "referral", "practitioners", "agencies", "child", "mother", "father", "family", "school",
    "health", "visit", "plan", "risk", "social", "worker", "police", "information", "professionals", "concerns",
    "safeguarding", "strategy", "meeting", "supervision", "record", "contact", "threshold", "escalation", "voice",
    "carer", "nursery", "bruising", "neglect", "housing", "overcrowding", "methadone", "injuries", "parenting",
    "conference", "protection", "visitor", "midwife", "paediatrician", "hospital", "engagement", "compliance",
    "disguised", "fostering", "missing", "exploitation", "substance", "misuse", "alcohol", "domestic", "abuse",
    "violence", "partner", "grandmother", "siblings", "attendance", "chronology", "panel", "reviewer",
)  # fmt: skip
#: Share of words drawn from DOMAIN_WORDS rather than from the general vocabulary.
DOMAIN_SHARE = 0.12
#: Sentence openings, as executive summaries write them (lower case after the first word).
OPENINGS = (
    "The review found that", "Practitioners did not", "There was no evidence that", "The panel considered whether",
    "Agencies were aware that", "It is not clear whether", "The family was known to", "Professionals should",
    "During this period", "At the time", "Information about", "The chronology shows that", "In practice",
    "The school reported that", "The health visitor", "Social workers", "The police", "Records show that",
)  # fmt: skip
RECOMMENDATION_OPENINGS = (
    "The board should ensure that", "Agencies should review how", "The partnership should seek assurance that",
    "Commissioners should", "Training for practitioners should", "The board should ask",
)  # fmt: skip
#: Words kept out of the generated text: birth and death words (the date rule looks near
#: them), and words nobody wants to read in a fixture.
EXCLUDED_WORDS = frozenset((
    "born", "birth", "births", "died", "death", "deaths", "deceased", "dob", "dod", "passed", "fuck", "fucking",
    "fucked", "shit", "bitch", "ass", "sex", "porn", "cock", "dick", "pussy", "cunt", "nigga", "nigger", "fag",
    "whore", "slut", "damn", "hell",
))  # fmt: skip
#: Words that are never id-worthy (they read badly as anchors).
_ID_WORDS = re.compile(r"^[a-z]{4,12}$")
#: Python-Markdown's toc ids of the headings a generated body uses (an author id must differ).
_HEADING_IDS = frozenset({"summary-of-events", "process-of-the-review", "learning", "recommendations", "good-practice"})


# --- vocabulary ---------------------------------------------------------------------------------


@functools.cache
def vocabulary(size: int = 20000) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """English words (lower-case letters only) and their cumulative Zipf weights, most frequent first."""
    from wordfreq import top_n_list, word_frequency

    words = [w for w in top_n_list("en", size) if re.fullmatch(r"[a-z]{2,}|a", w) and w not in EXCLUDED_WORDS]
    cumulative = tuple(itertools.accumulate(word_frequency(w, "en") for w in words))
    return tuple(words), cumulative


@functools.cache
def _domain_cumulative() -> tuple[float, ...]:
    return tuple(itertools.accumulate(1 / rank for rank in range(1, len(DOMAIN_WORDS) + 1)))


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    """Weights 1/rank^s for ranks 1..count."""
    return [1 / rank**exponent for rank in range(1, count + 1)]


class Writer:
    """Sentences and paragraphs of fictional summary text, from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words, self.cumulative = vocabulary()

    def word(self) -> str:
        rng = self.rng
        if rng.random() < DOMAIN_SHARE:
            cumulative = _domain_cumulative()
            return DOMAIN_WORDS[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
        return self.words[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sentence(self, length: int | None = None, openings: Sequence[str] = OPENINGS) -> str:
        rng = self.rng
        opening = rng.choice(openings)
        length = length or rng.randint(10, 26)
        words = [self.word() for _ in range(max(length - len(opening.split()), 3))]
        if len(words) > 8 and rng.random() < 0.4:
            words[rng.randint(3, len(words) - 4)] += ","
        return f"{opening} {' '.join(words)}."

    def paragraph(self, words: int, openings: Sequence[str] = OPENINGS) -> str:
        sentences, written = [], 0
        while written < words:
            sentence = self.sentence(openings=openings)
            sentences.append(sentence)
            written += len(sentence.split())
        return " ".join(sentences)

    def phrase(self, length: int) -> str:
        """A short lower-case phrase (no punctuation), e.g. for a theme-like keyword."""
        return " ".join(self.word() for _ in range(length))


def word_count(text: str) -> int:
    return len(text.split())


# --- body shapes: one function per way of writing the learning and recommendation lists ---------

#: A shape writes one point section: (writer, section title, item texts) → Markdown.
Shape = Callable[[Writer, str, list[str]], str]


def _numbered(writer: Writer, title: str, items: list[str]) -> str:
    """`## Learning` then `1.`, `2.`, …: the shape the README documents."""
    return f"## {title}\n\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1)) + "\n"


def _numbered_intro(writer: Writer, title: str, items: list[str]) -> str:
    """A short introduction before the numbered list."""
    intro = writer.sentence(openings=("The review identified the following", "This section sets out"))
    return f"## {title}\n\n{intro}\n\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1)) + "\n"


def _numbered_ids(writer: Writer, title: str, items: list[str]) -> str:
    """Some items carry an author's `{#id}` (unique in the review, never `learning-N`)."""
    lines = []
    for n, text in enumerate(items, start=1):
        if n % 2:
            candidates = [w for w in text.rstrip(".").split() if _ID_WORDS.match(w)] or ["point"]
            anchor = f"{title.lower()[:5]}-{candidates[0]}-{candidates[-1]}-{n}"
            lines.append(f"{n}. {{#{anchor}}} {text}")
        else:
            lines.append(f"{n}. {text}")
    return f"## {title}\n\n" + "\n".join(lines) + "\n"


def _numbered_continued(writer: Writer, title: str, items: list[str]) -> str:
    """Items wrapped over indented continuation lines, blank lines between items."""
    lines = []
    for n, text in enumerate(items, start=1):
        words = text.split()
        wrapped = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
        lines.append(f"{n}. {wrapped[0]}" + "".join(f"\n   {part}" for part in wrapped[1:]))
    return f"## {title}\n\n" + "\n\n".join(lines) + "\n"


def _bullets(writer: Writer, title: str, items: list[str]) -> str:
    """`- ` bullets instead of numbers."""
    return f"## {title}\n\n" + "\n".join(f"- {text}" for text in items) + "\n"


def _paren_numbered(writer: Writer, title: str, items: list[str]) -> str:
    """`1)`, `2)`, … (Python-Markdown does not read these as a list)."""
    return f"## {title}\n\n" + "\n".join(f"{n}) {text}" for n, text in enumerate(items, start=1)) + "\n"


def _section_numbered(writer: Writer, title: str, items: list[str]) -> str:
    """Numbered by report section: `8.1`, `8.2`, …"""
    return f"## {title}\n\n" + "\n\n".join(f"8.{n} {text}" for n, text in enumerate(items, start=1)) + "\n"


def _agency_grouped(writer: Writer, title: str, items: list[str]) -> str:
    """Items grouped under `###` agency headings, numbered within each group."""
    agencies = ("Health", "Children's social care", "Police", "Education")
    groups = [items[i::2] for i in range(2)] if len(items) > 1 else [items]
    parts = [f"## {title}\n"]
    for agency, group in zip(agencies, groups, strict=False):
        parts.append(f"### {agency}\n\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(group, start=1)) + "\n")
    return "\n".join(parts)


def _report_headings(writer: Writer, title: str, items: list[str]) -> str:
    """The report's own numbered headings ("8. Lessons learned", "9. Recommendations for agencies"),
    `1)` items, and a closing sentence after the list."""
    heading = "8. Lessons learned" if title == "Learning" else "9. Recommendations for agencies"
    listing = "\n".join(f"{n}) {text}" for n, text in enumerate(items, start=1))
    closing = writer.sentence(openings=("The board accepted", "The panel agreed"))
    return f"## {heading}\n\n{listing}\n\n{closing}\n"


SHAPES: dict[str, Shape] = {
    "numbered": _numbered,
    "numbered-intro": _numbered_intro,
    "numbered-ids": _numbered_ids,
    "numbered-continued": _numbered_continued,
    "bullets": _bullets,
    "paren-numbered": _paren_numbered,
    "section-numbered": _section_numbered,
    "agency-grouped": _agency_grouped,
    "report-headings": _report_headings,
}
#: The shapes the content model accepts (hooks/casereviews/model/body.py): all of them.
ACCEPTED_SHAPES: tuple[str, ...] = tuple(SHAPES)


# --- reviews ------------------------------------------------------------------------------------


class Skewed:
    """Zipf-like draws from a fixed order of values (the first most common)."""

    def __init__(self, values: Sequence[object], exponent: float = 1.1) -> None:
        self.values = list(values)
        self.cumulative = list(itertools.accumulate(zipf_weights(len(self.values), exponent)))

    def one(self, rng: random.Random) -> object:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def several(self, rng: random.Random, count: int) -> list[object]:
        chosen: list[object] = []
        while len(chosen) < min(count, len(self.values)):
            value = self.one(rng)
            if value not in chosen:
                chosen.append(value)
        return chosen


def _shuffled(values: Sequence[object], seed: int) -> list[object]:
    ordered = list(values)
    random.Random(seed).shuffle(ordered)
    return ordered


def recommendation_refs(shape: str, count: int) -> list[str]:
    """How an action plan names each of `count` recommendations written in `shape`."""
    if shape == "agency-grouped" and count > 1:
        agencies = ("Health", "Children's social care")
        return [f"{agencies[index % 2]} {index // 2 + 1}" for index in range(count)]
    return [str(number) for number in range(1, count + 1)]


def _month(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def action_plan(writer: Writer, year: int, refs: list[str]) -> list[dict[str, object]]:
    """A plan for a review published in `year`: a few actions per recommendation, each in the state
    its age makes likely as at TODAY (old actions mostly signed off, some overdue, some rescheduled)."""
    rng = writer.rng
    plan: list[dict[str, object]] = []
    start = dt.date(year, rng.randint(1, 12), 1)
    for ref in refs:
        for _ in range(rng.choices((1, 2), weights=(3, 1))[0]):
            due = _month(start, rng.randint(3, 30))
            item: dict[str, object] = {
                "recommendation": ref,
                "action": writer.sentence(rng.randint(10, 22), RECOMMENDATION_OPENINGS),
                "owner": rng.sample(AGENCIES, rng.choices((1, 2), weights=(4, 1))[0]),
            }
            if rng.random() < 0.2:  # rescheduled: the earlier due date is kept
                item["previous_due"] = [due.isoformat()[:7]]
                due = _month(due, rng.randint(2, 9))
            item["due"] = due.isoformat()[:7] if rng.random() < 0.7 else due.replace(day=rng.randint(1, 28)).isoformat()
            months_past = (TODAY.year - due.year) * 12 + TODAY.month - due.month
            done = rng.random() < (0.9 if months_past > 12 else 0.6 if months_past > 0 else 0.15)
            if done:
                completed = min(_month(due, rng.randint(-3, 2)), _month(TODAY, -1))
                item["completed"] = completed.isoformat()[:7]
                signed_off = _month(completed, rng.randint(1, 4))
                if signed_off <= TODAY and rng.random() < 0.8:
                    item["status"] = "signed-off"
                    item["signed_off"] = signed_off.isoformat()[:7]
                else:
                    item["status"] = "complete"
            else:
                item["status"] = "not-started" if months_past < -6 and rng.random() < 0.5 else "in-progress"
            if item["status"] != "not-started" and rng.random() < 0.6:
                note_day = min(_month(due, rng.randint(-6, 0)), _month(TODAY, -1))
                item["progress"] = [{"date": note_day.isoformat()[:7], "note": writer.sentence(rng.randint(8, 18))}]
            plan.append(item)
    return plan


def review_body(writer: Writer, shape: str, words: int) -> tuple[str, list[str]]:
    """A body of about `words` words whose point sections are written in `shape`, and how an
    action plan names its recommendations."""
    write = SHAPES[shape]
    rng = writer.rng
    scale = words / 1200  # the sections' lengths below are for a body of 1,200 words

    def length(low: int, high: int) -> int:
        return max(round(rng.randint(low, high) * scale), 8)

    learning = [writer.paragraph(length(35, 80)) for _ in range(rng.randint(3, 7))]
    recommendations = [writer.paragraph(length(25, 50), RECOMMENDATION_OPENINGS) for _ in range(rng.randint(2, 6))]
    points = write(writer, "Learning", learning) + "\n" + write(writer, "Recommendations", recommendations)
    process = writer.paragraph(length(60, 110))
    good = writer.paragraph(length(40, 80))
    remaining = max(words - word_count(points) - word_count(process) - word_count(good), length(90, 150))
    paragraphs = []
    while remaining > 0:
        size = min(remaining, length(90, 180))
        paragraphs.append(writer.paragraph(size))
        remaining -= word_count(paragraphs[-1])
    events = "\n\n".join(paragraphs)
    body = (
        f"## Summary of events\n\n{events}\n\n## Process of the review\n\n{process}\n\n"
        f"{points}\n## Good practice\n\n{good}\n"
    )
    return body, recommendation_refs(shape, len(recommendations))


def review_file(
    rng: random.Random,
    index: int,
    choices: dict[str, Skewed],
    shape: str,
    words: int,
) -> tuple[str, str]:
    """The slug and text of one fictional review."""
    writer = Writer(rng)
    year = int(choices["year"].one(rng))
    place, kind = choices["board"].one(rng)
    board = f"{place} {kind}"
    slug = f"{year}-{place.lower()}-child-{index:05d}"
    status = rng.choices(("published", "draft", "withdrawn"), weights=(96, 3, 1))[0]
    review_type = str(choices["review_type"].one(rng))
    adults = review_type in ADULT_TYPES or (review_type in EITHER_TYPES and rng.random() < 0.4)
    precision = rng.choices(("day", "month", "year"), weights=(80, 15, 5))[0]
    published = {
        "day": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "month": f"{year}-{rng.randint(1, 12):02d}",
        "year": str(year),
    }[precision]
    meta = {
        "title": f"Case review: {'Adult' if adults else 'Child'} {index:05d}",
        "review_type": review_type,
        "board": board,
        "published": published,
        "themes": choices["adult-theme" if adults else "child-theme"].several(
            rng, rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]
        ),
        "summary": f"This is a fictional review generated for scale tests. {writer.paragraph(45)}",
        "status": status,
        "age_band": rng.choice(ADULT_AGE_BANDS if adults else AGE_BANDS),
        "outcome": rng.choice(OUTCOMES),
        "incident_year": year - rng.randint(0, 2),
        "agencies": sorted(rng.sample(AGENCIES, rng.randint(1, 4))),
        "keywords": keywords(writer, 3),
    }
    if status == "withdrawn":
        meta["withdrawn_on"] = f"{year + 1}-01-15" if year < 2025 else "2025-12-01"
        meta["withdrawn_reason"] = "Withdrawn at the request of the family."
    body, refs = review_body(writer, shape, words)
    if year >= PLANS_FROM and rng.random() < PLAN_SHARE:
        meta["action_plan"] = action_plan(writer, year, refs)
    return slug, frontmatter.dumps(frontmatter.Post(body, **meta), sort_keys=False) + "\n"


def keywords(writer: Writer, count: int) -> list[str]:
    """`count` distinct words of six letters or more, as authors pick keywords."""
    chosen: set[str] = set()
    while len(chosen) < count:
        word = writer.word()
        if len(word) >= 6:
            chosen.add(word)
    return sorted(chosen)


def skewed_choices(themes: dict[str, str], seed: int) -> dict[str, Skewed]:
    """The Zipf-like distributions of themes (for reviews about children and about adults), years,
    boards and review types for one seed; `themes` maps each theme to its audience."""
    boards = [(place, kind) for place in PLACES for kind in BOARD_KINDS]
    for_children = sorted(theme for theme, audience in themes.items() if audience != "adults")
    for_adults = sorted(theme for theme, audience in themes.items() if audience != "children")
    return {
        "child-theme": Skewed(_shuffled(for_children, seed)),
        "adult-theme": Skewed(_shuffled(for_adults, seed)),
        "year": Skewed(sorted(YEARS, reverse=True), 0.6),  # recent years most common
        "board": Skewed(_shuffled(boards, seed + 1)),
        "review_type": Skewed(_shuffled(REVIEW_TYPES, seed + 2)),
    }


def generate(
    content_dir: Path,
    count: int,
    seed: int = 2026,
    *,
    words: int = 1200,
    shapes: Sequence[str] = ACCEPTED_SHAPES,
) -> list[str]:
    """Write the sample site plus `count` fictional reviews; the generated reviews' slugs.

    Reviews take the body `shapes` in turn, so every shape is present once count >= len(shapes).
    """
    unknown = [shape for shape in shapes if shape not in SHAPES]
    if unknown or not shapes:
        raise ValueError(f"unknown body shapes {unknown}, expected some of {sorted(SHAPES)}")
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(SAMPLE_CONTENT, content_dir)
    themes = {
        path.stem: str(frontmatter.load(path).metadata.get("audience", "all"))
        for path in sorted((content_dir / "themes").glob("*.md"))
    }
    choices = skewed_choices(themes, seed)
    rng = random.Random(seed)
    slugs = []
    for index in range(1, count + 1):
        shape = shapes[(index - 1) % len(shapes)]
        slug, text = review_file(rng, index, choices, shape, words)
        (content_dir / "reviews" / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content_dir", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--words", type=int, default=1200, help="about how many words in each body")
    parser.add_argument(
        "--shapes", nargs="+", default=list(ACCEPTED_SHAPES), choices=sorted(SHAPES), help="body shapes to use"
    )
    arguments = parser.parse_args(argv)
    generate(arguments.content_dir, arguments.count, arguments.seed, words=arguments.words, shapes=arguments.shapes)
    print(f"Wrote {arguments.count} reviews to {arguments.content_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
