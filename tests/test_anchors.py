"""The element ids the anchor check finds in a page."""

from __future__ import annotations

from casereviews.output_checks.anchors import ids_in


def test_ids_are_attributes_named_id_alone() -> None:
    """`id=` with either quote counts; `data-id=` counts too (a hyphen ends a word), `xid=`,
    `_id=` and `éid=` do not; an `id=` found inside a value not counted is still found."""
    html = (
        '<h2 id="learning-1">A</h2><p data-id="card-2" _id="no-1" éid="no-2">B</p>'
        "<li id='learning-3'>C</li><a xid=\"x id='learning-4'\">D</a>"
    )
    assert ids_in(html) == {"learning-1", "card-2", "learning-3", "learning-4"}
