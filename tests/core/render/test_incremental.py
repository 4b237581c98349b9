"""Incremental rendering equals a full render, edit after edit (property tests).

A :class:`Renderer` keeps blocks between renders; :func:`render` starts from nothing. After
every random edit of a corpus-like post (characters, lines, fences, list items, reference,
abbreviation and footnote definitions) both must give the same result, and the patches
:func:`diff_blocks` computes must turn the old page into the new one.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render import Renderer, diff_blocks, render
from editor.core.render.diff import apply_patches

PIECES = [
    "# Kettles and teapots",
    "## Notes",
    "## Notes",
    "Setext title\n============",
    "A paragraph about *kettles* with a [link][r1] and a footnote[^n1].",
    "The API and the WHO agree: see [the docs][r2] and [r1].",
    "Plain words, `code()`, **strong**, (c) and --> arrows.",
    "Intro line\n<!-- more -->",
    "<!-- more -->",
    "- one\n- two\n- three",
    "- loose item\n\n- another loose item\n\n    indented continuation",
    "1. first\n2. second",
    "> a quote\n> continues",
    "```python\ndef f():\n    return 1\n\n\nprint(f())\n```",
    "```\nplain code\n\nwith a blank line\n```",
    "    indented code\n\n    more indented code",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    '!!! note "Title"\n    Admonition body.\n\n    Second paragraph.',
    "Term\n:   Definition of the term.",
    "<div markdown>\n\nInside *html*.\n\n</div>",
    "[r1]: https://example.org/one",
    '[r2]: ../two.md "Two"',
    "*[API]: Application Programming Interface",
    "*[WHO]: World Health Organization",
    "[^n1]: The first note.\n\n    With a second paragraph.",
    "[^n2]: Another note, referencing [r1].",
    "Uses the other note[^n2] and again the first[^n1].",
    "![an image](images/pic.png) and ![](missing.png)",
    "Math $a + b$ inline.\n\n$$\nx^2\n$$",
]

LINES = [
    "```",
    "```python",
    "~~~",
    "- new item",
    "* star item",
    "1. numbered",
    "    indented line",
    "",
    "",
    "[r1]: https://example.org/changed",
    "[r2]: /elsewhere",
    "*[API]: Another Expansion",
    '*[API]: ""',
    "[^n1]: A redefined note.",
    "[^n3]: A note nobody cites.",
    "A line citing [^n3] and [r2].",
    "# Notes",
    "## Notes",
    "<!-- more -->",
    "<div markdown>",
    "</div>",
    "> quoted",
    ": a definition",
    "!!! warning",
    "| x | y |",
    "[link][r1] [[nested][r2]]",
]

CHARS = "ab `*_[]()!#>-:^$<\n\n\n    |~{}.\\\"'"


@st.composite
def documents(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
    front = draw(
        st.sampled_from(
            ["", "---\ntitle: Post\ntags: [a]\n---\n\n", "---\ndate: 2024-01-02\n---\n"]
        )
    )
    return front + "\n\n".join(pieces) + "\n"


def _line_edit(text: str, index: int, line: str, mode: str) -> str:
    lines = text.split("\n")
    index %= len(lines) + 1
    if mode == "insert":
        lines.insert(index, line)
    elif mode == "delete" and lines:
        del lines[index % len(lines)]
    elif mode == "duplicate" and lines:
        where = index % len(lines)
        lines.insert(where, lines[where])
    return "\n".join(lines)


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, int, int, str]:
    kind = draw(
        st.sampled_from(["chars", "delete", "line", "line-delete", "line-duplicate", "piece"])
    )
    position = draw(st.integers(min_value=0, max_value=10_000))
    length = draw(st.integers(min_value=1, max_value=40))
    if kind == "chars":
        payload = draw(st.text(alphabet=CHARS, min_size=1, max_size=6))
    elif kind == "line":
        payload = draw(st.sampled_from(LINES))
    elif kind == "piece":
        payload = draw(st.sampled_from(PIECES))
    else:
        payload = ""
    return kind, position, length, payload


def apply_edit(text: str, edit: tuple[str, int, int, str]) -> str:
    kind, position, length, payload = edit
    position %= len(text) + 1
    if kind == "chars":
        return text[:position] + payload + text[position:]
    if kind == "delete":
        return text[:position] + text[position + length :]
    if kind == "line":
        return _line_edit(text, position, payload, "insert")
    if kind == "line-delete":
        return _line_edit(text, position, "", "delete")
    if kind == "line-duplicate":
        return _line_edit(text, position, "", "duplicate")
    return _line_edit(text, position, "\n" + payload + "\n", "insert")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(edits(), min_size=1, max_size=8))
def test_incremental_render_equals_full_render(
    text: str, changes: list[tuple[str, int, int, str]]
) -> None:
    renderer = Renderer()
    previous = renderer.render(text)
    assert previous == render(text)
    for change in changes:
        text = apply_edit(text, change)
        incremental = renderer.render(text)
        full = render(text)
        assert incremental == full, text
        page = apply_patches(previous.blocks, diff_blocks(previous, incremental))
        assert page == [(block.id, block.element()) for block in incremental.blocks]
        previous = incremental


@settings(max_examples=30, deadline=None)
@given(documents(), documents())
def test_switching_between_posts_keeps_results_exact(first: str, second: str) -> None:
    renderer = Renderer()
    for text in (first, second, first, second + first):
        assert renderer.render(text) == render(text)
