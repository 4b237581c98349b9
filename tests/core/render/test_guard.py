"""The guard in front of the renderer: hostile blocks give a notice, checked as they are typed,
and a render that blew up inside Markdown leaves nothing broken behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from editor.core.post import load_post
from editor.core.render import Renderer, RenderResult, render
from editor.core.render.guard import is_notice, render_or_notice
from editor.core.render.hazard import PreviewHazard, block_hazard, preview_hazard

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "render"
DEEP = "".join("    " * i + "- item\n" for i in range(330))
BRACKETS = "[" * 9000 + " text"


def test_a_hostile_paragraph_typed_into_a_post_turns_the_preview_off_and_back_on() -> None:
    post = "# Fine\n\n" + "\n\n".join(f"Paragraph {n}." for n in range(50)) + "\n"
    renderer = Renderer()
    first = render_or_notice(renderer, post, None)
    assert first is not None
    assert not is_notice(first)
    at = post.index("Paragraph 25.")
    hostile = post[:at] + BRACKETS + "\n\n" + post[at:]
    notice = render_or_notice(renderer, hostile, None)
    assert notice is not None
    assert is_notice(notice)
    assert "brackets" in notice.blocks[0].html
    back = render_or_notice(renderer, post, None)
    assert back == render(post)


def test_deep_nesting_is_refused_before_markdown_sees_it() -> None:
    renderer = Renderer(guard=True)
    with pytest.raises(PreviewHazard, match="levels deep"):
        renderer.render_text("Intro.\n\n" + DEEP)
    assert block_hazard(DEEP) == preview_hazard(DEEP)
    assert block_hazard("- short\n") is None


def _render_elsewhere(post: object) -> RenderResult:
    box: dict[str, RenderResult] = {}
    thread = threading.Thread(target=lambda: box.update(result=render(post)))  # type: ignore[arg-type]
    thread.start()
    thread.join()
    return box["result"]


def _fail_at_depth(frames: int) -> None:
    if frames:
        _fail_at_depth(frames - 1)
        return
    with pytest.raises(RecursionError):
        Renderer().render(DEEP)


@pytest.mark.slow  # each recursion error takes Python-Markdown a second or two
def test_a_render_after_a_recursion_error_in_the_same_thread_is_right() -> None:
    """Python-Markdown's parser keeps state a RecursionError leaves behind: the thread's next
    render must not inherit it (it gave wrong HTML or "Markdown failed to strip top-level
    tags"). Where the error strikes depends on the stack depth, so several are tried."""
    post = load_post(FIXTURES / "features.md")
    expected = _render_elsewhere(post)
    for frames in (0, 9, 12):  # depths at which it broke
        _fail_at_depth(frames)
        assert render(post) == expected, frames
