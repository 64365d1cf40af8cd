"""Theme suggestions: each theme scored from the words of the text, with the reason.

The score is simple enough to check by hand, and deterministic:

- each time a theme's title or one of its aliases appears in the text (as a phrase, after
  stemming: "babies" matches "baby") counts `PHRASE_WEIGHT` points, at most `PHRASE_CAP`
  times per phrase;
- each distinctive word of the theme's summary and introduction found at least
  `WORD_MIN_COUNT` times in the text counts `WORD_WEIGHT` point once. A word is distinctive
  when it is not a common word and at most `DISTINCTIVE_IN` themes use it.

Themes scoring at least `THRESHOLD` are suggested, best first, at most `MAX_SUGGESTED`;
ties go to the theme's slug in alphabetical order. When the review is known to be about
adults (a safeguarding adults review, say) only themes for adults or for all are suggested,
and for a review about children only themes for children or for all, as `make check` warns
about the others; a theme left out for its audience is listed among those also considered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .model import Theme

PHRASE_WEIGHT = 3
PHRASE_CAP = 5
WORD_WEIGHT = 1
DISTINCTIVE_IN = 2
WORD_MIN_COUNT = 2
THRESHOLD = 8
MAX_SUGGESTED = 4

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
        "where",
        "whether",
        "need",
        "needed",
        "including",
        "include",
        "includes",
        "help",
        "people",
        "rather",
        "than",
        "things",
        "there",
        "many",
        "usually",
        "another",
        "still",
        "first",
        "later",
        "same",
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
    phrases: tuple[tuple[str, str, int], ...]  # (phrase, "title" or "alias", count)
    words: tuple[str, ...]
    #: Whom the theme concerns: children, adults or all.
    audience: str = "all"
    #: Set when the theme was not suggested because of its audience.
    left_out: str = ""

    @property
    def reason(self) -> str:
        parts = [f"'{phrase}' ×{count} ({where})" for phrase, where, count in self.phrases]
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


def suggest_themes(text: str, themes: Iterable[Theme]) -> list[Suggestion]:
    """Every theme with its score and reason, best first."""
    themes = list(themes)
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

    suggestions = []
    for theme in themes:
        phrases = []
        for where, phrase in [("title", theme.title), *(("alias", alias) for alias in theme.aliases)]:
            count = _count_phrase(text_tokens, tokens(phrase))
            if count:
                phrases.append((phrase.lower(), where, count))
        distinctive = sorted(
            word for word in vocabulary[theme.slug] if used_by[word] <= DISTINCTIVE_IN and word in present
        )
        score = PHRASE_WEIGHT * sum(min(count, PHRASE_CAP) for _, _, count in phrases) + WORD_WEIGHT * len(distinctive)
        suggestions.append(
            Suggestion(
                theme.slug,
                theme.title,
                score,
                tuple(phrases),
                tuple(word_forms[theme.slug][word] for word in distinctive),
                theme.audience,
            )
        )
    return sorted(suggestions, key=lambda s: (-s.score, s.slug))


def fits(theme_audience: str, review_audience: str) -> bool:
    """Whether a theme suits a review: the same audience, or either is 'all'."""
    return "all" in (theme_audience, review_audience) or theme_audience == review_audience


def chosen(suggestions: list[Suggestion], audience: str = "all") -> tuple[list[Suggestion], list[Suggestion]]:
    """(suggested, others considered): the top themes above the threshold that suit a review
    about `audience` (children, adults or all), and the rest that scored."""
    top = [s for s in suggestions if s.score >= THRESHOLD and fits(s.audience, audience)][:MAX_SUGGESTED]
    rest = [
        s
        if fits(s.audience, audience)
        else replace(s, left_out=f"not suggested: a theme about {s.audience}, on a review about {audience}")
        for s in suggestions
        if s not in top and s.score > 0
    ]
    return top, rest
