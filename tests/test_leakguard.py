"""The leak guard's matcher: finds every marker a plain substring search finds."""

from __future__ import annotations

import random
import re

from casereviews.leakguard import KEY_LENGTH, _trie_pattern, find_markers


def matcher(markers: list[str]):  # type: ignore[no-untyped-def]
    by_key: dict[str, list[str]] = {}
    for marker in markers:
        by_key.setdefault(marker[:KEY_LENGTH], []).append(marker)
    return re.compile(f"(?=({_trie_pattern(sorted(by_key))}))"), by_key


def test_trie_matching_agrees_with_substring_search():
    """On random texts with planted, overlapping and prefix-sharing markers, no marker is missed or invented."""
    rng = random.Random(5)
    alphabet = "ab c/"
    markers = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(3, 90))) for _ in range(120)})
    markers += ["reviews/a/", "reviews/a-b/", "x" * 70 + "one", "x" * 70 + "two"]
    pattern, by_key = matcher(markers)
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        for planted in rng.sample(markers, 3):
            position = rng.randint(0, len(text))
            text = text[:position] + planted + text[position:]
        expected = {marker for marker in markers if marker in text}
        assert find_markers(text, pattern, by_key) == expected


def test_markers_sharing_a_long_prefix_are_told_apart():
    """Two summaries with the same first characters are each found only where written in full."""
    markers = ["x" * 70 + "one", "x" * 70 + "two"]
    pattern, by_key = matcher(markers)
    assert find_markers("..." + "x" * 70 + "two...", pattern, by_key) == {markers[1]}
