"""A renderer that counts the blocks Python-Markdown converts (in whichever thread or process
made it), for tests that a render reused its cache."""

from __future__ import annotations

from editor.core.render import Renderer
from editor.core.render.markdown_env import BlockState, Deps


class CountingRenderer(Renderer):
    """Counts, in :attr:`converted`, every block any instance converts."""

    converted = 0

    def _convert(
        self, source: str, markers: tuple[tuple[int, int, str, bool], ...]
    ) -> tuple[str, BlockState, Deps]:
        CountingRenderer.converted += 1
        return super()._convert(source, markers)
