"""The first look at a long post: its first blocks, rendered before the rest exactly as the
whole render shows them, and not rendered again by the whole render that follows."""

from __future__ import annotations

from pathlib import Path

from editor.core.render import Renderer
from tests.counting import CountingRenderer


def long_post(sections: int = 40) -> str:
    parts = ["---\ntitle: Long\n---\n# The long post\n\nIt starts with a [link][far].\n"]
    parts.extend(
        f"\n## Part {number}\n\nParagraph {number} with a footnote[^n{number}] and "
        f"some words to make it longer than a line of text usually is.\n"
        for number in range(1, sections + 1)
    )
    parts.append("\nThe very last paragraph.\n\n[far]: https://example.org/far\n")
    parts.extend(f"\n[^n{number}]: Note {number}.\n" for number in range(1, sections + 1))
    return "".join(parts)


def test_the_first_look_is_the_top_of_the_whole_render(tmp_path: Path) -> None:
    text = long_post()
    path = tmp_path / "long.md"
    top = Renderer(guard=True).render_top(text, path, chars=600)
    whole = Renderer(guard=True).render_text(text, path)
    assert 1 < len(top.blocks) < len(whole.blocks) // 4
    assert top.blocks == whole.blocks[: len(top.blocks)]
    # a reference defined at the very end already works at the top
    assert 'href="https://example.org/far"' in top.blocks[1].html
    assert "The very last paragraph" not in "".join(block.html for block in top.blocks)


def test_the_whole_render_after_it_renders_only_the_rest(tmp_path: Path) -> None:
    text = long_post()
    path = tmp_path / "long.md"
    renderer = CountingRenderer(guard=True)
    start = CountingRenderer.converted
    top = renderer.render_top(text, path, chars=600)
    first = CountingRenderer.converted - start
    whole = renderer.render_text(text, path)
    by_both = CountingRenderer.converted - start
    start = CountingRenderer.converted
    assert whole == CountingRenderer(guard=True).render_text(text, path)
    fresh = CountingRenderer.converted - start
    assert first < fresh // 4
    assert by_both == fresh  # the top's blocks were not converted again
    assert whole.blocks[: len(top.blocks)] == top.blocks


def test_a_short_post_is_all_first_look(tmp_path: Path) -> None:
    text = "# Short\n\nOne paragraph.\n"
    top = Renderer().render_top(text, tmp_path / "short.md", chars=6000)
    assert top.blocks == Renderer().render_text(text, tmp_path / "short.md").blocks
