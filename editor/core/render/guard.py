"""A guard in front of the renderer: posts that would take Python-Markdown seconds or minutes
(deep nesting, paragraphs full of unclosed brackets) and renders that fail show a notice in the
preview instead of freezing it or losing it.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
import traceback
from pathlib import Path

from editor.core.mdscan import LIST_MARKER
from editor.core.post import Post
from editor.core.render.model import Block, RenderResult
from editor.core.render.model import Warning as RenderWarning
from editor.core.render.renderer import Renderer

#: the warning code that marks a result as a notice instead of a rendered post
NOTICE_CODE = "preview-notice"
#: deeper nesting of quotes and lists than this is not rendered (Python-Markdown recurses per
#: level: 400 levels take ~0.6 s, 600 raise RecursionError after 2-7 s)
MAX_NESTING = 100
#: an estimate of the characters Python-Markdown rescans for brackets in one paragraph; at
#: 2.5 million a render takes about half a second (measured: 8,000 unclosed "[" cost 5.9 s)
MAX_BRACKET_SCAN = 2_500_000
#: a paragraph's length times its inline marks: Python-Markdown rebuilds the paragraph's
#: string for every inline match, so one huge paragraph costs about this product; at 10
#: billion a render takes about a second (a 260 KB paragraph with 40,000 marks: 0.7 s)
MAX_INLINE_WORK = 10_000_000_000
_INLINE_MARKS = "[]<>*_`&!~^"

_CONTAINER = re.compile(rf"[ \t]*(?:>|{LIST_MARKER}(?=[ \t]|$))")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BRACKETS = re.compile(r"[\[\]<>]")


def _nesting(line: str) -> int:
    """Quote and list markers at the start of ``line`` plus its indentation in 4-column steps."""
    depth = 0
    pos = 0
    spaces = 0
    while depth <= MAX_NESTING:
        match = _CONTAINER.match(line, pos)
        if match is None:
            break
        depth += 1
        spaces += len(match.group()) - len(match.group().lstrip(" \t"))
        pos = match.end()
    spaces += len(line) - pos - len(line[pos:].lstrip(" \t"))
    return depth + spaces // 4


def _bracket_scan(paragraph: str) -> int:
    """About how many characters Python-Markdown's inline patterns rescan in ``paragraph``:
    every ``[`` looks ahead to its matching ``]``, every ``<`` to the next ``>``."""
    length = len(paragraph)
    opened: list[int] = []
    cost = 0
    angle_count = 0
    angle_sum = 0
    for match in _BRACKETS.finditer(paragraph):
        char = match.group()
        pos = match.start()
        if char == "[":
            opened.append(pos)
        elif char == "]":
            if opened:
                cost += pos - opened.pop()
        elif char == "<":
            angle_count += 1
            angle_sum += pos
        elif angle_count:  # ">" closes every pending "<"
            cost += (angle_count * pos - angle_sum) // 5
            angle_count = angle_sum = 0
    cost += sum(length - pos for pos in opened)
    cost += (angle_count * length - angle_sum) // 5
    return cost


def preview_hazard(text: str) -> str | None:
    """Why rendering ``text`` would take far too long or recurse too deep; None when it is fine.

    Linear in the text; the cost estimates were measured on Python-Markdown 3.x.
    """
    deepest = 0
    for line in text.split("\n"):
        if line[:1] in (" ", "\t", ">", "-", "*", "+") or line[:1].isdigit():
            deepest = max(deepest, _nesting(line))
    if deepest > MAX_NESTING:
        return (
            f"It nests quotes or lists more than {MAX_NESTING} levels deep, which Markdown "
            "cannot render (it would recurse too deep)."
        )
    for paragraph in _BLANK_LINE.split(text):
        if ("[" in paragraph or "<" in paragraph) and _bracket_scan(paragraph) > MAX_BRACKET_SCAN:
            return (
                "It has a paragraph with thousands of unclosed or nested brackets "
                "(“[” or “<”), which Markdown would take minutes to read."
            )
        if len(paragraph) * len(paragraph) > MAX_INLINE_WORK:
            marks = sum(paragraph.count(mark) for mark in _INLINE_MARKS)
            if len(paragraph) * marks > MAX_INLINE_WORK:
                return (
                    f"It has a paragraph of {len(paragraph):,} characters with {marks:,} "
                    "links, tags or emphasis marks, which Markdown would take seconds to read "
                    "after every keystroke. Blank lines between paragraphs help."
                )
    return None


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


def render_or_notice(renderer: Renderer, text: str, path: Path | None) -> RenderResult | None:
    """Render ``text``, or a notice when it is hostile or the render fails.

    Returns None only for a notice that replaced a render: the caller should then start a
    fresh :class:`Renderer`, because a failed render may leave the cache half updated.
    """
    hazard = preview_hazard(text)
    if hazard is not None:
        return notice_result("Preview off for this post", hazard, path=path)
    try:
        return renderer.render(Post.from_text(text, path))
    except RecursionError:
        return None
    except Exception:  # noqa: BLE001 - a preview bug must never take the window down
        traceback.print_exc(file=sys.stderr)
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
