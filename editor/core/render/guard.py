"""A guard in front of the renderer: posts that would take Python-Markdown seconds or minutes
(deep nesting, paragraphs full of unclosed brackets) and renders that fail show a notice in the
preview instead of freezing it or losing it.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.render.hazard import (
    MAX_BRACKET_SCAN,
    MAX_INLINE_WORK,
    MAX_NESTING,
    PreviewHazard,
    preview_hazard,
)
from editor.core.render.model import Block, RenderResult
from editor.core.render.model import Warning as RenderWarning

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.core.render.renderer import Renderer

__all__ = [
    "MAX_BRACKET_SCAN",
    "MAX_INLINE_WORK",
    "MAX_NESTING",
    "NOTICE_CODE",
    "failed_render_notice",
    "is_notice",
    "notice_result",
    "preview_hazard",
    "render_or_notice",
]

#: the warning code that marks a result as a notice instead of a rendered post
NOTICE_CODE = "preview-notice"


def notice_result(title: str, detail: str, *, path: Path | None = None) -> RenderResult:
    """A small render of a notice, shown in the preview in place of the post."""
    body = (
        '<div class="admonition warning pw-notice" role="status">'
        f'<p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{html.escape(detail)}</p>"
        "<p>The text in the editor is untouched and saves as usual.</p></div>"
    )
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    block = Block(id=f"pw-notice-{digest}", html=body, line_start=1, line_end=1)
    return RenderResult(
        blocks=(block,), warnings=(RenderWarning(1, title, NOTICE_CODE),), path=path
    )


def is_notice(result: RenderResult) -> bool:
    """Whether ``result`` is a notice instead of a rendered post."""
    return any(warning.code == NOTICE_CODE for warning in result.warnings)


def render_or_notice(
    renderer: Renderer,
    text: str,
    path: Path | None,
    on_error: Callable[[Exception], None] | None = None,
) -> RenderResult | None:
    """Render ``text``, or a notice when it is hostile or the render fails.

    The renderer's guard is turned on: only the blocks an edit changed are checked for
    hazards (the others passed before). Returns None only for a notice that replaced a
    render: the caller should then start a fresh :class:`Renderer`. ``on_error`` is told
    of an unexpected exception (a renderer bug) before None is returned.
    """
    renderer.guard = True
    try:
        return renderer.render_text(text, path)
    except PreviewHazard as hazard:
        return notice_result("Preview off for this post", str(hazard), path=path)
    except RecursionError:
        return None
    except Exception as exc:  # noqa: BLE001 - a preview bug must never take the window down
        if on_error is not None:
            on_error(exc)
        return None


def failed_render_notice(text: str, path: Path | None) -> RenderResult:
    """The notice shown when a render raised (see :func:`render_or_notice`)."""
    del text
    return notice_result(
        "The preview cannot show this post",
        "Markdown gave up on it (it is probably nested too deeply, or has a construct the "
        "renderer does not handle).",
        path=path,
    )
