"""Closeness in meaning between a report's sentences and each theme, from WordLlama.

WordLlama (MIT) ships its small embedding model inside its PyPI package; it is loaded from
there with downloads disabled, so nothing is fetched at import or test time. A theme is
described by its title, aliases and summary; a report by its sentences. The closeness of a
theme to a report is that of its closest sentence (cosine similarity of the normalised
embeddings), with the sentence, so the import's report can say why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .model import Theme

#: The model WordLlama's package carries (256 dimensions).
MODEL = "l2_supercat"
#: Sentences shorter than this say too little to compare.
MIN_SENTENCE_WORDS = 4
#: At most this many sentences of a long report are compared (the first ones: the summary).
MAX_SENTENCES = 400


@dataclass(frozen=True)
class Closeness:
    """How close a report comes to a theme: the similarity of its closest sentence, and that sentence."""

    similarity: float
    sentence: str


@cache
def _model() -> Any:
    import wordllama  # type: ignore[import-untyped]  # no type hints; imported here: only an import needs it

    return wordllama.WordLlama.load(config=MODEL, cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def profile(theme: Theme) -> str:
    """What a theme is about, in words: title, aliases and summary."""
    return f"{theme.title}. {'; '.join(theme.aliases)}. {theme.summary}"


def sentences_of(text: str) -> list[str]:
    """The report's sentences worth comparing, in order."""
    found = [" ".join(part.split()) for part in re.split(r"(?<=[.!?])\s+|\n\s*\n", text)]
    return [sentence for sentence in found if len(sentence.split()) >= MIN_SENTENCE_WORDS][:MAX_SENTENCES]


def closeness(text: str, themes: Sequence[Theme]) -> dict[str, Closeness]:
    """Each theme's closeness to the text (no entry for a text with no sentence to compare)."""
    sentences = sentences_of(text)
    if not sentences or not themes:
        return {}
    model = _model()
    report = model.embed(sentences, norm=True)
    described = model.embed([profile(theme) for theme in themes], norm=True)
    similarity = report @ described.T
    best = similarity.argmax(axis=0)
    return {
        theme.slug: Closeness(round(float(similarity[best[index], index]), 2), sentences[int(best[index])])
        for index, theme in enumerate(themes)
    }
