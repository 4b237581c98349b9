"""The rendering core: a post to safe HTML blocks, an outline and warnings, incrementally.

Qt-free; the window shows :func:`editor.core.render.page.build_page` once and then applies
:func:`diff_blocks` patches to it.
"""

from editor.core.render.diff import diff_blocks
from editor.core.render.model import (
    Block,
    Heading,
    Patch,
    RenderOptions,
    RenderResult,
    Warning,  # noqa: A004 - the render warning type; import it qualified or as is
)
from editor.core.render.renderer import Renderer, render

__all__ = [
    "Block",
    "Heading",
    "Patch",
    "RenderOptions",
    "RenderResult",
    "Renderer",
    "Warning",
    "diff_blocks",
    "render",
]
