"""The excerpt divider is drawn exactly where the marker is: between the right blocks, and
inside a block when the marker shares it with other content (a Hugo post's ``<!--more-->``
right before a ``---`` rule), in a full render and after edits alike."""

from __future__ import annotations

import re

import pytest

from editor.core.render import Renderer, RenderOptions, RenderResult, render

DIVIDER = re.compile(r'<(div|span) class="pw-excerpt-end[^"]*"')
JEKYLL = ("<!--break-->",)

# (name, post, text before the divider, text after it, separators)
CASES = [
    ("hugo rule", "Intro text.\n<!--more-->\n---\n\n## Next\n\nBody.", "Intro text.", "<hr>", ()),
    ("alone between blocks", "Intro.\n\n<!--more-->\n\n---\n\nBody.", "Intro.", "<hr>", ()),
    ("spaced marker", "Intro.\n<!-- more -->\n---\n\nBody.", "Intro.", "<hr>", ()),
    ("end of a paragraph", "Intro text.\n<!--more-->\n\nBody.", "Intro text.", "Body.", ()),
    ("same line", "Intro text. <!--more-->\n\nBody.", "Intro text.", "Body.", ()),
    ("middle of a paragraph", "Intro <!--more-->rest of it.\n\nBody.", "Intro", "rest of", ()),
    ("before a list", "Intro.\n<!--more-->\n- a\n- b\n\nBody.", "Intro.", "<ul>", ()),
    ("after a list", "- a\n- b\n<!--more-->\n\nBody.", "</ul>", "Body.", ()),
    ("before a heading", "Intro.\n<!--more-->\n## Head\n\nBody.", "Intro.", "<h2", ()),
    ("after a heading", "## Head\n<!--more-->\nBody.", "</h2>", "Body.", ()),
    ("before a fence", "Intro.\n<!--more-->\n```\ncode\n```\n\nBody.", "Intro.", "code", ()),
    ("after a fence", "```\ncode\n```\n<!--more-->\nBody.", "code", "Body.", ()),
    ("marker then rule", "Intro.\n\n<!--more-->\n---\n\nBody.", "Intro.", "<hr>", ()),
    ("rule then marker", "Intro.\n\n---\n<!--more-->\nBody.", "<hr>", "Body.", ()),
    ("jekyll separator", "Intro.\n<!--break-->\n---\n\nBody.", "Intro.", "<hr>", JEKYLL),
    ("text separator", "Intro.\n[[cut]]\n---\n\nBody.", "[[cut]]", "<hr>", ("[[cut]]",)),
    ("second marker", "A <!--more--> B\n<!--more-->\n---", "A", "B", ()),
]


def _page(result: RenderResult) -> str:
    return result.html


def assert_divider_between(result: RenderResult, before: str, after: str) -> None:
    page = _page(result)
    found = DIVIDER.findall(page)
    assert len(found) == 1, page
    at = DIVIDER.search(page)
    assert at is not None
    assert before in page[: at.start()], page
    assert after in page[at.end() :], page
    assert after not in page[: at.start()], page
    assert before not in page[at.end() :], page


@pytest.mark.parametrize(
    ("post", "before", "after", "separators"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_divider_is_drawn_where_the_marker_is(
    post: str, before: str, after: str, separators: tuple[str, ...]
) -> None:
    result = render(post, RenderOptions(excerpt_separators=separators))
    assert_divider_between(result, before, after)


@pytest.mark.parametrize(
    ("post", "before", "after", "separators"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_after_edits_the_divider_stays_where_the_marker_is(
    post: str, before: str, after: str, separators: tuple[str, ...]
) -> None:
    """Typed in, then typing around it: the page the edits patch equals a full render."""
    options = RenderOptions(excerpt_separators=separators)
    text = "---\ntitle: Post\n---\n\nOpening words.\n\n" + post + "\n\nLast words.\n"
    renderer = Renderer(options)
    renderer.render_text(text.replace("<!--more-->", "").replace("<!--break-->", ""))
    for edited in (
        text,
        text.replace("Opening words.", "Opening words, typed."),
        text.replace("Last words.", "Last words, typed."),
    ):
        result = renderer.render_text(edited)
        assert result == render(edited, options)
        assert_divider_between(result, before, after)
        assert_divider_between(result, "Opening words", "Last words")


def test_a_marker_in_code_draws_no_divider() -> None:
    result = render("Intro.\n```\n<!--more-->\n```\n---\n\n`<!--more-->` too.")
    assert DIVIDER.search(_page(result)) is None
    assert result.excerpt_end is None


def test_the_hugo_marker_before_a_rule_ends_the_excerpt_before_the_rule() -> None:
    """Intro, the marker and a ``---`` rule with no blank lines between: one block."""
    result = render("---\ntitle: T\n---\n\nIntro text.\n<!--more-->\n---\n\n## Next\n\nBody.\n")
    first = result.blocks[0]
    assert first.divider == "inside"
    element = first.element()
    assert element.index("Intro text.") < element.index("pw-excerpt-end") < element.index("<hr>")
    assert result.excerpt_words == 2
    assert "pw-excerpt-end" not in first.html  # the block's own HTML stays the post's
    assert first.excerpt_html().strip() == "<p>Intro text.</p>"


def test_a_marker_inside_a_paragraph_draws_an_inline_divider() -> None:
    result = render("Lorem ipsum dolor. <!--more-->Sit amet consectetur.\n\nMore.")
    block = result.blocks[0]
    assert block.divider == "inline"
    assert '<p>Lorem ipsum dolor. <span class="pw-excerpt-end pw-excerpt-inline"' in (
        block.element()
    )
    assert result.excerpt_words == 3
    assert result.word_count == 7
    assert block.excerpt_html() == "<p>Lorem ipsum dolor. "


def test_excerpt_words_follow_the_marker_inside_a_block() -> None:
    renderer = Renderer()
    text = "One two three <!--more-->four five.\n\nSix seven."
    assert renderer.render(text).excerpt_words == 3
    for edited, words in (
        (text.replace("<!--more-->four", "four <!--more-->"), 4),
        (text.replace("Six", "Six and"), 3),
        (text.replace("One two", "One"), 2),
        (text.replace("<!--more-->", ""), None),
    ):
        result = renderer.render(edited)
        assert result.excerpt_words == words
        assert result == render(edited)


def test_moving_the_marker_between_blocks_moves_the_divider() -> None:
    renderer = Renderer()
    base = "Intro.\n{a}\n---\n\nMiddle.\n{b}\n- item\n\nEnd."
    first = renderer.render(base.format(a="<!--more-->", b=""))
    assert_divider_between(first, "Intro.", "<hr>")
    moved = renderer.render(base.format(a="", b="<!--more-->"))
    assert_divider_between(moved, "Middle.", "<ul>")
    assert moved == render(base.format(a="", b="<!--more-->"))
    assert moved.change is not None
