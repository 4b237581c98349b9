"""The excerpt marker: found outside code only, inserted once, converted, split on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.excerpt import (
    DEFAULT_MARKER,
    HUGO_MARKER,
    convert_marker,
    find_markers,
    insert_marker,
    real_markers,
    split_excerpt,
)

BODY = """Intro paragraph
continues here.

```html
<!-- more -->
```

    <!--more--> in indented code

Inline `<!-- more -->` span.

- a list item

      <!-- more --> indented four past the item's text: code

Second paragraph.
"""


def test_look_alikes_in_code_are_not_markers() -> None:
    markers = find_markers(BODY)
    assert [m.line for m in markers if m.in_code] == [4, 7, 9, 13]
    assert not [m for m in markers if not m.in_code]


def test_every_spelling_is_found() -> None:
    body = "a\n\n<!--more-->\n\nb <!--  MORE --> c\n\n<!-- excerpt -->\n"
    found = real_markers(body, separators=["<!-- excerpt -->"])
    assert [m.text for m in found] == ["<!--more-->", "<!--  MORE -->", "<!-- excerpt -->"]
    assert [m.own_line for m in found] == [True, False, True]


def test_insert_puts_the_marker_on_its_own_line_between_blank_lines() -> None:
    body = "First para\nline two.\n\nSecond para.\n"
    assert insert_marker(body, 0) == "First para\nline two.\n\n<!-- more -->\n\nSecond para.\n"
    assert insert_marker(body, 3) == "First para\nline two.\n\nSecond para.\n\n<!-- more -->\n"


def test_insert_moves_an_existing_marker() -> None:
    body = "One.\n\n<!-- more -->\n\nTwo.\n\nThree.\n"
    moved = insert_marker(body, 4)
    assert moved == "One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n"
    assert insert_marker(moved, 0) == body


def test_insert_twice_gives_one_marker() -> None:
    body = "One.\n\nTwo.\n"
    twice = insert_marker(insert_marker(body, 0), 0)
    assert len(real_markers(twice)) == 1
    assert twice == "One.\n\n<!-- more -->\n\nTwo.\n"


def test_insert_inside_a_fence_goes_after_it() -> None:
    body = "Intro.\n\n```\ncode\nmore code\n```\nafter\n"
    assert insert_marker(body, 3) == "Intro.\n\n```\ncode\nmore code\n```\nafter\n\n<!-- more -->\n"


def test_insert_keeps_crlf_and_uses_the_target_form() -> None:
    body = "One.\r\n\r\nTwo.\r\n"
    assert insert_marker(body, 0, HUGO_MARKER) == "One.\r\n\r\n<!--more-->\r\n\r\nTwo.\r\n"


def test_convert_changes_only_real_markers() -> None:
    converted = convert_marker(BODY + "\n<!-- more -->\n", HUGO_MARKER)
    assert converted.count(HUGO_MARKER) == 2  # the indented-code one and the converted one
    assert converted.count(DEFAULT_MARKER) == 3


def test_split() -> None:
    assert split_excerpt("A\n\n<!-- more -->\n\nB\n") == ("A\n\n", "\nB\n")
    assert split_excerpt("No marker\n") is None
    assert split_excerpt("```\n<!-- more -->\n```\n") is None


PARAGRAPHS = st.lists(
    st.text(alphabet="abc xyz.`*", min_size=1, max_size=30).filter(lambda s: s.strip()),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(PARAGRAPHS, st.integers(0, 20), st.integers(0, 20), st.sampled_from(["\n", "\r\n"]))
def test_insert_is_idempotent_and_keeps_the_words(
    paragraphs: list[str], first: int, second: int, newline: str
) -> None:
    body = (newline * 2).join(paragraphs) + newline
    once = insert_marker(body, first)
    twice = insert_marker(once, second)
    for text in (once, twice):
        assert len(real_markers(text)) == 1
        assert text.replace(DEFAULT_MARKER, "").split() == body.split()
        assert (newline * 3) not in text


def test_inserting_or_moving_never_adds_a_final_newline() -> None:
    body = "One.\n\nTwo."
    inserted = insert_marker(body, 0)
    assert inserted == "One.\n\n<!-- more -->\n\nTwo."
    assert insert_marker(inserted, 2) == "One.\n\nTwo.\n\n<!-- more -->"
    assert insert_marker(insert_marker(inserted, 2), 0) == inserted
    assert insert_marker("One.\r\n\r\nTwo.", 0) == "One.\r\n\r\n<!-- more -->\r\n\r\nTwo."


def test_inserting_keeps_the_writers_blank_lines() -> None:
    body = "One.\n\n\nTwo.\n\n\n\nThree.\n"
    assert insert_marker(body, 0) == "One.\n\n<!-- more -->\n\n\nTwo.\n\n\n\nThree.\n"
    assert insert_marker(body, 3) == "One.\n\n\nTwo.\n\n<!-- more -->\n\n\n\nThree.\n"


def _shape(text: str) -> tuple[list[str], list[int]]:
    """The text's lines other than blank lines and the marker, and the number of blank lines
    in each gap around them (before the first, between each two, after the last), a gap with
    the marker counted without it."""
    lines, gaps = [], [0]
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        if bare == DEFAULT_MARKER:
            continue
        if not bare.strip():
            gaps[-1] += 1
            continue
        lines.append(bare)
        gaps.append(0)
    return lines, gaps


@settings(max_examples=300, deadline=None)
@given(
    PARAGRAPHS,
    st.lists(st.integers(1, 3), min_size=6, max_size=6),
    st.integers(0, 25),
    st.integers(0, 25),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_a_marker_move_changes_only_the_markers_lines(
    paragraphs: list[str],
    gaps: list[int],
    first: int,
    second: int,
    newline: str,
    final: bool,
) -> None:
    body = paragraphs[0]
    for gap, paragraph in zip(gaps, paragraphs[1:], strict=False):
        body += newline * (gap + 1) + paragraph
    body += newline if final else ""
    once = insert_marker(body, first)
    twice = insert_marker(once, second)
    lines, body_gaps = _shape(body)
    for before, after, moves in ((body, once, 1), (once, twice, 2)):
        assert after.endswith(newline) == body.endswith(newline)
        breaks = newline if newline in body else "\n"  # a body of one line: LF
        assert not set(after.replace(breaks, "")) & {"\r", "\n"}  # one kind of line break
        after_lines, after_gaps = _shape(after)
        assert after_lines == lines  # every other line is the writer's, in order
        before_gaps = _shape(before)[1]
        changed = [
            i for i, (a, b) in enumerate(zip(before_gaps, after_gaps, strict=True)) if a != b
        ]
        assert len(changed) <= moves
        assert all(abs(before_gaps[i] - after_gaps[i]) == 1 for i in changed)
        marker = after.splitlines().index(DEFAULT_MARKER)
        around = after.splitlines()[max(marker - 1, 0) : marker + 2]
        assert all(not line.strip() for line in around if line != DEFAULT_MARKER)
    assert all(after >= was for after, was in zip(_shape(once)[1], body_gaps, strict=True))
