"""The leak guard's matcher: finds every marker a plain substring search finds."""

from __future__ import annotations

import random

from casereviews.checks.leakguard import MarkerSet


def test_matching_agrees_with_substring_search():
    """On random texts with planted, overlapping and prefix-sharing markers, no marker is missed or invented."""
    rng = random.Random(5)
    alphabet = "ab c/"
    markers = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(3, 90))) for _ in range(120)})
    markers += ["reviews/a/", "reviews/a-b/", "x" * 70 + "one", "x" * 70 + "two"]
    marker_set = MarkerSet(dict.fromkeys(markers, "a marker"))
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        for planted in rng.sample(markers, 3):
            position = rng.randint(0, len(text))
            text = text[:position] + planted + text[position:]
        expected = {marker for marker in markers if marker in text}
        assert marker_set.find(text) == expected


def test_markers_sharing_a_long_prefix_are_told_apart():
    """Two summaries with the same first characters are each found only where written in full."""
    markers = ["x" * 70 + "one", "x" * 70 + "two"]
    assert MarkerSet(dict.fromkeys(markers, "a summary")).find("..." + "x" * 70 + "two...") == {markers[1]}


def test_no_markers_find_nothing():
    """A build with nothing unpublished has nothing to look for."""
    assert MarkerSet({}).find("reviews/anything/") == set()
