"""The leak guard's matcher: finds every marker a plain substring search finds."""

from __future__ import annotations

import gzip
import random

from casereviews.output_checks.leakguard import MarkerSet, normalise, readable_pieces


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


def test_a_file_read_in_pieces_hides_no_marker(tmp_path):
    """Read in pieces cut at white space, a file yields every marker its whole text holds,
    across cuts, multi-byte characters, entities and JSON escapes, compressed or not."""
    rng = random.Random(11)
    words = ["child", "caf\u00e9", "&amp;", '\\"quoted\\"', "x\\/y", "review", "\u2019s", "\U0001f600"]
    spaces = [" ", "\n", "  ", "\t", "\u00a0", "\r\n"]
    path = tmp_path / "page.html"
    for trial in range(60):
        text = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(0, 300)))
        whole = normalise(text.replace('\\"', '"').replace("\\/", "/"))
        tokens = whole.split(" ")
        markers = {" ".join(tokens[start : start + rng.randint(1, 6)]) for start in rng.sample(range(len(tokens)), 5)}
        markers |= {"caf\u00e9 child review", "review \u2019s"}
        markers.discard("")
        expected = {marker for marker in markers if marker in whole}
        marker_set = MarkerSet(dict.fromkeys(markers, "a marker"))
        data = text.encode()
        path.write_bytes(gzip.compress(data) if trial % 2 else data)
        for size in (5, 64, 4096):
            found = set().union(*(marker_set.find(piece) for piece in readable_pieces(path, marker_set.longest, size)))
            assert found == expected, (trial, size)
