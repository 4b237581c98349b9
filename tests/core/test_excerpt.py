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
