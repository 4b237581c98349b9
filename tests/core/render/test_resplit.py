"""Splitting again around an edit gives exactly the split of the whole new body.

:func:`resplit` may give up (None) whenever text outside its window could decide; when it
answers, the answer must be the one :func:`split` gives, blocks, offsets, lines and the fence
openers it remembers alike.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render.blocks import Split, resplit, split
from editor.core.render.textedit import find_edit
from tests.core.render.test_incremental import CHARS, LINES, PIECES, apply_edit, edits

PLAIN = [
    "A paragraph about kettles, with *emphasis* and a [link](https://example.org).",
    "Another paragraph\nover two lines.",
    "- a list\n- of items",
    "> a quote",
    "```python\nprint(1)\n\n\nprint(2)\n```",
    "## A heading",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "    indented code",
]


def _as_tuple(value: Split) -> tuple[object, ...]:
    return value.texts, value.starts, value.firsts, value.lasts, value.unsettled


def _body(pieces: list[str], lead: str) -> str:
    return lead + "\n\n".join(pieces) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES + PLAIN), min_size=1, max_size=16),
    st.sampled_from(["", "\n", "\n \n"]),
    st.lists(edits(), min_size=1, max_size=6),
)
def test_resplit_equals_a_whole_split(
    pieces: list[str], lead: str, changes: list[tuple[str, int, int, str]]
) -> None:
    text = _body(pieces, lead)
    before = split(text)
    for change in changes:
        new = apply_edit(text, change)
        moved = resplit(before, text, new, find_edit(text, new))
        whole = split(new)
        if moved is not None:
            assert _as_tuple(moved[0]) == _as_tuple(whole), (text, new)
            window = moved[1]
            # outside the window, the blocks are the very strings of the last split, moved
            assert moved[0].texts[: window.low] == before.texts[: window.low]
            kept = len(before) - window.old_high
            assert moved[0].texts[len(moved[0]) - kept :] == before.texts[window.old_high :]
        text, before = new, whole


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(PLAIN), min_size=8, max_size=30),
    st.integers(min_value=0, max_value=10_000),
    st.text(alphabet="abc *_[]`\n", min_size=1, max_size=3),
)
def test_typing_in_a_long_body_splits_only_a_few_blocks(
    pieces: list[str], where: int, typed: str
) -> None:
    text = _body(pieces, "")
    at = where % (len(text) + 1)
    new = text[:at] + typed + text[at:]
    moved = resplit(split(text), text, new, find_edit(text, new))
    if moved is not None:
        assert _as_tuple(moved[0]) == _as_tuple(split(new))
        window = moved[1]
        assert window.new_high - window.low <= 8


def test_a_letter_in_the_middle_of_a_long_post_splits_five_blocks_at_most() -> None:
    pieces = [f"Paragraph number {n} about the sea." for n in range(400)]
    text = _body(pieces, "")
    at = text.index("number 200") + 6
    new = text[:at] + "k" + text[at:]
    moved = resplit(split(text), text, new, find_edit(text, new))
    assert moved is not None
    blocks, window = moved
    assert window.new_high - window.low <= 5
    assert "numberk 200" in "".join(blocks.texts[window.low : window.new_high])
    assert _as_tuple(blocks) == _as_tuple(split(new))


def test_a_fence_typed_after_an_unclosed_one_needs_the_whole_body() -> None:
    """The unclosed ``` at the top was text; a closing fence typed below makes it a fence
    across everything between, which only a whole split can see."""
    text = _body(["```", "One paragraph.", "Two paragraph.", "Three.", "Four.", "Five."], "")
    at = text.index("Five.")
    new = text[:at] + "```\n\n" + text[at:]
    assert resplit(split(text), text, new, find_edit(text, new)) is None
    assert split(new).texts[0].startswith("```\n\nOne paragraph.")


def test_typing_in_an_unclosed_fence_keeps_it_text() -> None:
    text = _body(["```", "One.", "Two.", "Three.", "Four.", "Five.", "Six."], "")
    at = text.index("Four.")
    new = text[:at] + "x" + text[at:]
    moved = resplit(split(text), text, new, find_edit(text, new))
    assert moved is not None
    assert _as_tuple(moved[0]) == _as_tuple(split(new))


def test_a_list_item_typed_joins_the_list_above() -> None:
    text = _body(["- one", "- two", "Para.", "Three.", "Four.", "Five."], "")
    at = text.index("Para.")
    new = text[:at] + "- " + text[at:]
    moved = resplit(split(text), text, new, find_edit(text, new))
    whole = split(new)
    assert whole.texts[0] == "- one\n\n- two\n\n- Para."
    if moved is not None:
        assert _as_tuple(moved[0]) == _as_tuple(whole)


def test_edits_at_the_very_start_and_end() -> None:
    text = _body(["First.", "Second.", "Third."], "")
    for new in ("\n" + text, "x" + text, text + "More.\n", text[:-1], text + "\n\n- item\n"):
        moved = resplit(split(text), text, new, find_edit(text, new))
        if moved is not None:
            assert _as_tuple(moved[0]) == _as_tuple(split(new)), new


def test_the_characters_of_the_edit_strategy_cover_fences_and_html() -> None:
    """The property tests above only mean something if edits can open fences and HTML."""
    assert "`" in CHARS
    assert "<" in CHARS
    assert "```" in LINES
