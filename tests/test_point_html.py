"""Learning points as HTML: converted once, kept between builds under a hash of what the
conversion depends on, and never shown stale."""

from __future__ import annotations

import json
from pathlib import Path

from casereviews.render.point_html import PointHtml

OPTIONS = {"extensions": ["attr_list", "pymdownx.smartsymbols"], "extension_configs": {}}


def kept_file(folder: Path) -> Path:
    [path] = folder.glob("points-*.json")
    return path


def test_a_point_is_converted_with_the_sites_extensions(tmp_path: Path):
    points = PointHtml(OPTIONS, tmp_path)
    assert points.inline("Agencies *did not* share (c) notes") == "Agencies <em>did not</em> share &copy; notes"
    assert points.block("One.\n\nTwo.") == "<p>One.</p>\n<p>Two.</p>"


def test_what_a_build_converted_is_read_by_the_next_and_not_converted_again(tmp_path: Path):
    first = PointHtml(OPTIONS, tmp_path)
    first.inline("The school was *not* told.")
    first.save()
    kept = json.loads(kept_file(tmp_path).read_text(encoding="utf-8"))
    assert list(kept.values()) == ["The school was <em>not</em> told."]
    # What is kept is what the next build shows (marked here so the conversion cannot be mistaken for it).
    kept_file(tmp_path).write_text(json.dumps(dict.fromkeys(kept, "KEPT")), encoding="utf-8")
    assert PointHtml(OPTIONS, tmp_path).inline("The school was *not* told.") == "KEPT"


def test_a_changed_point_or_changed_extensions_are_converted_again(tmp_path: Path):
    first = PointHtml(OPTIONS, tmp_path)
    first.inline("Health visitors (c) saw the baby.")
    first.save()
    kept_file(tmp_path).write_text(
        json.dumps(dict.fromkeys(json.loads(kept_file(tmp_path).read_text(encoding="utf-8")), "STALE")),
        encoding="utf-8",
    )
    assert PointHtml(OPTIONS, tmp_path).inline("Health visitors (c) saw the babies.") == (
        "Health visitors &copy; saw the babies."
    )
    other = {"extensions": ["attr_list"], "extension_configs": {}}
    assert PointHtml(other, tmp_path).inline("Health visitors (c) saw the baby.") == "Health visitors (c) saw the baby."


def test_only_the_points_of_the_last_build_are_kept(tmp_path: Path):
    first = PointHtml(OPTIONS, tmp_path)
    first.inline("A point removed since.")
    first.inline("A point still there.")
    first.save()
    second = PointHtml(OPTIONS, tmp_path)
    second.inline("A point still there.")
    second.save()
    assert list(json.loads(kept_file(tmp_path).read_text(encoding="utf-8")).values()) == ["A point still there."]


def test_a_kept_file_that_cannot_be_read_costs_only_time(tmp_path: Path):
    PointHtml(OPTIONS, tmp_path).save()
    first = PointHtml(OPTIONS, tmp_path)
    first.inline("Text.")
    first.save()
    kept_file(tmp_path).write_text("{not json", encoding="utf-8")
    assert PointHtml(OPTIONS, tmp_path).inline("A *point*.") == "A <em>point</em>."
