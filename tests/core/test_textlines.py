"""Edits made on LF text reach the file without touching other lines' endings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.textlines import map_line_endings, to_lf


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a", "a\nb", "a\nb"),
        ("a\r\n", "a\nb\n", "a\r\nb\r\n"),
        ("a\r\nb\r\n", "a\nb", "a\r\nb"),
        ("a\r\nb\nc\r\nd\r\n", "a\nB\nc\nd\n", "a\r\nB\r\nc\r\nd\r\n"),
        ("x\r\n", "x\n", "x\r\n"),
    ],
)
def test_mapping(old: str, new: str, expected: str) -> None:
    assert map_line_endings(old, new) == expected


LINES = st.lists(st.sampled_from(["a", "b", "", "c d"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(LINES, LINES, st.booleans(), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_splice_gives_the_new_text(
    old: list[str], new: list[str], old_end: bool, new_end: bool, newline: str
) -> None:
    old_raw = newline.join(old) + (newline if old_end and old else "")
    new_lf = "\n".join(new) + ("\n" if new_end and new else "")
    assert to_lf(map_line_endings(old_raw, new_lf)) == new_lf
