"""The render service takes over a renderer made elsewhere (the start's prerender): the text
it rendered comes back from its cache, and later edits render incrementally from it."""

from __future__ import annotations

import pickle
from typing import Any

from editor.core.render import Renderer, RenderOptions, RenderResult
from editor.gui.renderservice import RenderService, RenderThreads
from tests.counting import CountingRenderer

POST = "---\ntitle: Kettles\n---\n" + "\n\n".join(
    f"## Part {n}\n\nParagraph {n} with *emphasis*, `code` and a note[^n{n}].\n\n[^n{n}]: Note {n}."
    for n in range(40)
)
OPTIONS = RenderOptions(excerpt_separators=("<!--more-->",), syntaxes=("shortcodes",))


def _prerendered() -> tuple[RenderResult, Renderer]:
    """A render made elsewhere and carried here, as the start's child process does."""
    renderer = CountingRenderer(OPTIONS, guard=True)
    result = renderer.render_text(POST)
    carried = pickle.loads(pickle.dumps(renderer))
    assert isinstance(carried, Renderer)
    return result, carried


def _collect(service: RenderService) -> list[RenderResult]:
    results: list[RenderResult] = []
    service.rendered.connect(results.append)
    return results


def test_the_adopted_renderer_answers_its_text_without_rendering_a_block(qtbot: Any) -> None:
    expected, renderer = _prerendered()
    service = RenderService(threads=RenderThreads())
    results = _collect(service)
    try:
        before = CountingRenderer.converted
        service.adopt(renderer, OPTIONS)
        service.request(POST, None, OPTIONS)
        qtbot.waitUntil(lambda: len(results) == 1, timeout=60_000)
        assert results[0] == expected
        assert "Paragraph 39" in "".join(block.html for block in results[0].blocks)
        assert CountingRenderer.converted == before
        # the next edit renders from the adopted cache: only the edited block
        service.request(POST.replace("Paragraph 7 ", "Paragraph seven "), None, OPTIONS)
        qtbot.waitUntil(lambda: len(results) == 2, timeout=60_000)
        assert CountingRenderer.converted == before + 1
        assert results[1] == Renderer(OPTIONS).render_text(
            POST.replace("Paragraph 7 ", "Paragraph seven ")
        )
    finally:
        service.shutdown()


def test_other_options_get_a_renderer_of_their_own(qtbot: Any) -> None:
    _, renderer = _prerendered()
    service = RenderService(threads=RenderThreads())
    results = _collect(service)
    other = RenderOptions(allow_remote_images=True)
    try:
        before = CountingRenderer.converted
        service.adopt(renderer, OPTIONS)
        service.request(POST, None, other)
        qtbot.waitUntil(lambda: len(results) == 1, timeout=60_000)
        assert results[0] == Renderer(other).render_text(POST)
        assert CountingRenderer.converted == before  # the adopted one was not used
    finally:
        service.shutdown()
