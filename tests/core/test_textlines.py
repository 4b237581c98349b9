"""Edits made on LF text reach the file without touching other lines' endings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.textlines import splice_lines, to_lf


@pytest.mark.parametrize(
    ("old", "new", "newline", "expected"),
    [
        ("a", "a\nb", "\n", "a\nb"),
        ("a", "a\nb\n", "\r\n", "a\r\nb\r\n"),
        ("a\r\nb\r\n", "a\r\nb", "\r\n", "a\r\nb"),
        ("a\r\nb\nc\r\n", "a\nB\nc\n", "\r\n", "a\r\nB\r\nc\r\n"),
        ("x\r\n", "x\n", "\r\n", "x\r\n"),
    ],
)
def test_splice(old: str, new: str, newline: str, expected: str) -> None:
    assert splice_lines(old, to_lf(new), newline) == expected


LINES = st.lists(st.sampled_from(["a", "b", "", "c d"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(LINES, LINES, st.booleans(), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_splice_gives_the_new_text(
    old: list[str], new: list[str], old_end: bool, new_end: bool, newline: str
) -> None:
    old_raw = newline.join(old) + (newline if old_end and old else "")
    new_lf = "\n".join(new) + ("\n" if new_end and new else "")
    assert to_lf(splice_lines(old_raw, new_lf, newline)) == new_lf
