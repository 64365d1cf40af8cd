"""Theme suggestions: each theme scored from the words of the text, with the reason.

The score is simple enough to check by hand, and deterministic. For each theme:

- its title or one of its aliases found in the text (as a phrase, after stemming: "babies"
  matches "baby"; an alias in capitals, "DA", "CSE", only as written) counts `PHRASE_WEIGHT`;
- a word or phrase of its `suggested_by` list found in the text (what points to the theme
  though it does not name it: "methadone", "co-sleeping", "clutter") counts `CUE_WEIGHT`, or
  `CUE_WORD_WEIGHT` for a single word;
- each further time the same term is found adds one point, at most `REPEATS` times;
- each distinctive word of its summary and introduction found at least `WORD_MIN_COUNT`
  times counts `WORD_WEIGHT` (a word used by at most `DISTINCTIVE_IN` themes).

A theme is suggested when it scores at least `threshold(words)`: `THRESHOLD` for a summary of
up to `SHORT_TEXT` words, one more for each doubling beyond (a long report names many things
in passing); or when some word points to it and a sentence of the text is close to it in
meaning (at least `CLOSE_ENOUGH`, `meaning.closeness`: "the flat was full of bags of
rubbish" is close to hoarding and squalor though it says neither). At most `MAX_SUGGESTED`
are suggested, best first, ties by slug. Some review types carry their theme whatever the
words (`TYPE_THEMES`: a domestic homicide review is about domestic abuse). A review known to
be about adults is offered only themes for adults or for all, and one about children only
themes for children or for all, as `make check` warns about the others; a theme left out
for its audience is listed among those also considered.

Measured on tests/data/theme_suggestions*.yml (`tests/test_theme_suggestions.py`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from . import meaning
from .model import Theme

PHRASE_WEIGHT = 3
CUE_WEIGHT = 2
CUE_WORD_WEIGHT = 1
REPEATS = 2
WORD_WEIGHT = 1
DISTINCTIVE_IN = 2
WORD_MIN_COUNT = 2
THRESHOLD = 3
SHORT_TEXT = 500
MAX_SUGGESTED = 4
#: How close in meaning a sentence must come to a theme for a single pointing word to suffice.
CLOSE_ENOUGH = 0.35
#: How much closeness in meaning counts when suggestions are ranked, against the score.
MEANING_WEIGHT = 5
#: Review types whose theme is known from the type alone: (theme slug, the reason shown).
TYPE_THEMES: dict[str, tuple[str, str]] = {
    "domestic-homicide-review": ("domestic-violence", "a domestic homicide review is about domestic abuse"),
}

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "you",
        "your",
        "child",
        "children",
        "family",
        "families",
        "parent",
        "parents",
        "review",
        "reviews",
        "professional",
        "professionals",
        "practitioner",
        "practitioners",
        "agency",
        "agencies",
        "service",
        "services",
        "case",
        "cases",
        "often",
        "board",
        "boards",
        "work",
        "working",
        "worker",
        "workers",
        "need",
        "needs",
        "time",
        "young",
        "people",
        "person",
        "whether",
        "needed",
        "including",
        "include",
        "includes",
        "help",
        "rather",
        "things",
        "many",
        "usually",
        "another",
        "still",
        "first",
        "later",
        "like",
        "make",
        "made",
        "makes",
        "way",
        "ways",
        "well",
        "know",
        "known",
        "enough",
        "around",
        "anyone",
        "someone",
        "something",
        "somewhere",
        "everyone",
        "nothing",
        "published",
        "publish",
        "page",
        "report",
        "reports",
        "safeguarding",
    ]
)


def stem(word: str) -> str:
    """A tiny suffix stripper: enough to match 'babies' with 'baby' and 'misusing' with 'misuse'."""
    word = word.lower().replace("\u2019", "'").removesuffix("'s")
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    return word.rstrip("e") if len(word) > 4 else word


#: A word, with its hyphenated parts: "self-neglect" is one word, so the theme "Neglect" does
#: not match inside it.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")


def tokens(text: str) -> list[str]:
    return [stem(word) for word in _WORD.findall(text)]


@dataclass(frozen=True)
class Suggestion:
    slug: str
    title: str
    score: int
    phrases: tuple[tuple[str, str, int], ...]  # (phrase, "title", "alias" or "suggested by", count)
    words: tuple[str, ...]
    #: Whom the theme concerns: children, adults or all.
    audience: str = "all"
    #: Set when the theme was not suggested because of its audience.
    left_out: str = ""
    #: Set when the review's type carries the theme.
    by_type: str = ""
    #: How close in meaning the text's closest sentence is to the theme, and that sentence.
    similarity: float = 0.0
    close_sentence: str = ""
    #: Whether the theme has the evidence a suggestion needs (its audience aside).
    qualifies: bool = False

    @property
    def reason(self) -> str:
        parts = [self.by_type] if self.by_type else []
        parts += [f"'{phrase}' ×{count} ({where})" for phrase, where, count in self.phrases]
        if self.similarity >= CLOSE_ENOUGH:
            sentence = self.close_sentence if len(self.close_sentence) <= 80 else self.close_sentence[:77] + "..."
            parts.append(f"close in meaning ({self.similarity:.2f}): '{sentence}'")
        if self.words:
            parts.append("words from its introduction: " + ", ".join(self.words))
        if self.left_out:
            parts.append(self.left_out)
        return "; ".join(parts) if parts else "no matching words"


def _count_phrase(text_tokens: list[str], phrase: list[str]) -> int:
    if not phrase:
        return 0
    size = len(phrase)
    return sum(1 for index in range(len(text_tokens) - size + 1) if text_tokens[index : index + size] == phrase)


def _is_abbreviation(term: str) -> bool:
    return term.isupper() and len(term) <= 6 and " " not in term


def threshold(words: int) -> int:
    """The score a theme needs in a text of `words` words."""
    return THRESHOLD + max(0, math.ceil(math.log2(max(words, 1) / SHORT_TEXT)))


def _term_count(text: str, text_tokens: list[str], term: str) -> int:
    if _is_abbreviation(term):  # "DA", "CSE": as written, never the word "da" or "cse"
        return len(re.findall(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text))
    if re.search(r"\d", term):  # "16-year-old", "Year 9": the digits matter, as written in any case
        return len(re.findall(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE))
    return _count_phrase(text_tokens, tokens(term))


def suggest_themes(
    text: str, themes: Iterable[Theme], review_types: Sequence[str] = (), *, by_meaning: bool = True
) -> list[Suggestion]:
    """Every theme with its score and reason, best first (`by_meaning`: compare meanings too)."""
    themes = list(themes)
    close = meaning.closeness(text, themes) if by_meaning else {}
    text_tokens = tokens(text)
    present = {word for word, count in Counter(text_tokens).items() if count >= WORD_MIN_COUNT}
    vocabulary: dict[str, set[str]] = {}
    word_forms: dict[str, dict[str, str]] = {}
    for theme in themes:
        words: set[str] = set()
        forms: dict[str, str] = {}
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", f"{theme.summary} {theme.introduction}"):
            for part in word.split("-"):
                stemmed = stem(part)
                if len(part) >= 4 and part.lower() not in STOPWORDS and stemmed not in STOPWORDS:
                    words.add(stemmed)
                    forms.setdefault(stemmed, part.lower())
        vocabulary[theme.slug] = words
        word_forms[theme.slug] = forms
    used_by = Counter(word for words in vocabulary.values() for word in words)
    carried = {TYPE_THEMES[kind][0]: TYPE_THEMES[kind][1] for kind in review_types if kind in TYPE_THEMES}
    needed = threshold(len(text_tokens))

    suggestions = []
    for theme in themes:
        phrases = []
        score = 0
        named = [("title", theme.title), *(("alias", alias) for alias in theme.aliases)]
        cues = [("suggested by", cue) for cue in theme.suggested_by]
        seen: set[str] = set()
        for where, term in [*named, *cues]:
            key = term if _is_abbreviation(term) else " ".join(tokens(term))
            count = _term_count(text, text_tokens, term)
            if not count or key in seen:
                continue
            seen.add(key)
            phrases.append((term if _is_abbreviation(term) else term.lower(), where, count))
            weight = PHRASE_WEIGHT if where != "suggested by" else CUE_WEIGHT if " " in term else CUE_WORD_WEIGHT
            score += weight + min(count - 1, REPEATS)
        distinctive = sorted(
            word for word in vocabulary[theme.slug] if used_by[word] <= DISTINCTIVE_IN and word in present
        )
        score += WORD_WEIGHT * len(distinctive)
        by_type = carried.get(theme.slug, "")
        nearest = close.get(theme.slug, meaning.Closeness(0.0, ""))
        qualifies = bool(by_type) or score >= needed or (score >= 1 and nearest.similarity >= CLOSE_ENOUGH)
        suggestions.append(
            Suggestion(
                theme.slug,
                theme.title,
                score,
                tuple(phrases),
                tuple(word_forms[theme.slug][word] for word in distinctive),
                theme.audience,
                by_type=by_type,
                similarity=nearest.similarity,
                close_sentence=nearest.sentence,
                qualifies=qualifies,
            )
        )
    return sorted(
        suggestions, key=lambda s: (not s.by_type, not s.qualifies, -(s.score + MEANING_WEIGHT * s.similarity), s.slug)
    )


def fits(theme_audience: str, review_audience: str) -> bool:
    """Whether a theme suits a review: the same audience, or either is 'all'."""
    return "all" in (theme_audience, review_audience) or theme_audience == review_audience


def chosen(suggestions: list[Suggestion], audience: str = "all") -> tuple[list[Suggestion], list[Suggestion]]:
    """(suggested, others considered): the themes a review's type carries, then the best themes
    with enough evidence that suit a review about `audience` (children, adults or all), and
    the rest that scored."""
    top = [s for s in suggestions if s.qualifies and fits(s.audience, audience)][:MAX_SUGGESTED]
    rest = [
        s
        if fits(s.audience, audience)
        else replace(s, left_out=f"not suggested: a theme about {s.audience}, on a review about {audience}")
        for s in suggestions
        if s not in top and s.score > 0
    ]
    return top, rest
