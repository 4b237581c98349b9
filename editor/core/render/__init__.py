"""The rendering core: a post to safe HTML blocks, an outline and warnings, incrementally.

Qt-free; the window shows :func:`editor.core.render.page.build_page` once and then applies
:func:`diff_blocks` patches to it. :class:`Renderer` and :func:`render` (and with them
Python-Markdown, its extensions and Pygments) are imported on first use, so that a program
that only handles results starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from editor.core.render.diff import diff_blocks
from editor.core.render.model import (
    Block,
    Heading,
    Patch,
    RenderOptions,
    RenderResult,
    Warning,  # noqa: A004 - the render warning type; import it qualified or as is
)

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in ("Renderer", "render"):
        from editor.core.render import renderer

        return getattr(renderer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
