"""Incremental rendering equals a full render, edit after edit (property tests).

A :class:`Renderer` keeps blocks between renders; :func:`render` starts from nothing. After
every random edit of a corpus-like post (characters, lines, fences, list items, reference,
abbreviation and footnote definitions) both must give the same result, and the patches
:func:`diff_blocks` computes must turn the old page into the new one.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.post import Post
from editor.core.render import Renderer, RenderResult, diff_blocks, render
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
    "Block math:\n$$\n\\frac{a}{b}\n$$",
    "```math\nE = mc^2\n```",
    "\\[\nz^2\n\\]",
    "Bad $\\frac{a$, \\(\\sqrt{x}\\) and $$y$$ inline.",
    "Intro text.\n<!--more-->\n---",
    "Words before <!--more--> and after.",
    "- item\n<!-- more -->\n## Heading",
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
    "$$",
    "\\[",
    "---",
    "<!--more-->",
    "Text <!--more--> in a line $x^2$",
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


# ---------------------------------------------------------------------------- edit by edit

PLAIN = [
    "A paragraph about kettles {n}, with *emphasis* and a [link](https://example.org).",
    "Another paragraph {n}\nover two lines, `code` and **strong** words.",
    "- a list {n}\n- of items",
    "> a quote {n} that goes on",
    "```python\nprint({n})\n\n\nprint(2)\n```",
    "| a | b |\n|---|---|\n| {n} | 2 |",
    "![a picture](images/pic{n}.png) and ![](missing.png)",
    "Intro line {n}\n<!-- more -->",
]


@st.composite
def plain_documents(draw: st.DrawFn) -> str:
    """Posts whose edits mostly leave the document-level inputs alone (no definitions, no
    two blocks alike): the case the renderer answers from the blocks around the edit."""
    pieces = draw(st.lists(st.sampled_from(PLAIN), min_size=1, max_size=14))
    numbered = [f"## Part {n}\n\n" + piece.format(n=n) for n, piece in enumerate(pieces)]
    front = draw(st.sampled_from(["", "---\ntitle: Post\ntags: [a]\n---\n\n", "Title: P\n\n"]))
    return front + "\n\n".join(numbered) + "\n"


def _check_edit(renderer: Renderer, previous: RenderResult, text: str) -> RenderResult:
    result = renderer.render_text(text)
    assert result == render(text), text
    assert result == render(Post.from_text(text))
    page = [(block.id, block.element()) for block in result.blocks]
    if result.change is not None:  # the patches it brings rebuild the new page exactly
        assert result.change.base is previous.token
        assert apply_patches(previous.blocks, result.change.patches) == page
    assert apply_patches(previous.blocks, diff_blocks(previous, result)) == page
    return result


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), plain_documents()), st.lists(edits(), min_size=1, max_size=8))
def test_render_text_after_edits_equals_a_full_render(
    text: str, changes: list[tuple[str, int, int, str]]
) -> None:
    renderer = Renderer()
    previous = renderer.render_text(text)
    assert previous == render(text)
    for change in changes:
        text = apply_edit(text, change)
        previous = _check_edit(renderer, previous, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_documents(), st.data())
def test_typing_into_a_paragraph_patches_only_its_block(text: str, data: st.DataObject) -> None:
    renderer = Renderer()
    previous = renderer.render_text(text)
    anchors = [i for i in range(len(text)) if text.startswith("paragraph", i)]
    if not anchors:
        return
    at = data.draw(st.sampled_from(anchors)) + 4
    for typed in ("k", "ke", "kettle", "kettle\n", "kettle\nand"):
        new = text[:at] + typed + text[at:]
        result = _check_edit(renderer, previous, new)
        assert result.change is not None  # answered from the blocks around the edit
        replaced = [p for p in result.change.patches if p.op in ("replace", "insert")]
        assert len(replaced) <= 2
        previous = result


def test_an_edit_that_renumbers_headings_takes_the_whole_post_and_stays_exact() -> None:
    text = "# Notes\n\nOne.\n\n# Other\n\nTwo.\n\n# Notes\n\nThree.\n"
    renderer = Renderer()
    previous = renderer.render_text(text)
    assert [h.id for h in previous.headings] == ["notes", "other", "notes_1"]
    new = text.replace("# Other", "# Notes")
    result = _check_edit(renderer, previous, new)
    assert [h.id for h in result.headings] == ["notes", "notes_1", "notes_2"]


def test_enter_moves_the_lines_of_every_later_block_with_one_shift() -> None:
    pieces = [f"Paragraph {n}." for n in range(50)]
    text = "\n\n".join(pieces) + "\n"
    renderer = Renderer()
    previous = renderer.render_text(text)
    at = text.index("Paragraph 10.") + len("Paragraph")
    new = text[:at] + "\n" + text[at:]
    result = _check_edit(renderer, previous, new)
    assert result.change is not None
    assert [p.op for p in result.change.patches].count("shift") == 1
    assert len(result.change.patches) <= 4
    assert result.blocks[-1].line_start == previous.blocks[-1].line_start + 1


def test_word_counts_and_the_excerpt_follow_edits() -> None:
    text = "First words here.\n\n<!-- more -->\n\n" + "\n\n".join(
        f"Later paragraph {n}." for n in range(20)
    )
    renderer = Renderer()
    previous = renderer.render_text(text)
    assert previous.excerpt_words == 3
    new = text.replace("First words", "First few words")
    result = _check_edit(renderer, previous, new)
    assert result.change is not None
    assert result.excerpt_words == 4
    assert result.word_count == previous.word_count + 1
    later = new.replace("Later paragraph 15.", "Later paragraph 15 grew.")
    final = _check_edit(renderer, result, later)
    assert final.excerpt_words == 4
    assert final.word_count == result.word_count + 1


def test_a_title_typed_in_the_heading_follows() -> None:
    text = "# A title\n\nBody text.\n\n" + "\n\n".join(f"More {n}." for n in range(30))
    renderer = Renderer()
    previous = renderer.render_text(text)
    assert previous.title == "A title"
    new = text.replace("# A title", "# A longer title")
    result = _check_edit(renderer, previous, new)
    assert result.title == "A longer title"
    assert result.title_source == "heading"


def test_typing_after_the_reference_definitions_keeps_them_and_the_links() -> None:
    """Text typed after a post's closing definitions changes no definition (the line with it
    is no definition any more, but the same one was not before either)."""
    links = "\n\n".join(f"Paragraph {n} cites [the docs][r{n % 3}]." for n in range(30))
    text = links + "\n\n[r0]: https://example.org/0\n[r1]: https://example.org/1\n[r2]: /two qz"
    renderer = Renderer()
    previous = renderer.render_text(text)
    for typed in "kx":
        text += typed
        previous = _check_edit(renderer, previous, text)
        assert previous.change is not None
    assert 'href="https://example.org/1"' in previous.html
