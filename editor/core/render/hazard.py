"""Posts that would take Python-Markdown seconds or minutes (deep nesting, paragraphs full of
unclosed brackets): found in linear time, before anything renders them.

:func:`block_hazard` looks at one block; the renderer asks it about every block it has not seen
before, so a keystroke checks only what it changed. :func:`preview_hazard` looks at a whole
text (the command line renders once).
"""

from __future__ import annotations

import re

from editor.core.mdscan import LIST_MARKER

#: deeper nesting of quotes and lists than this is not rendered (Python-Markdown recurses per
#: level: 400 levels take ~0.6 s, 600 raise RecursionError after 2-7 s)
MAX_NESTING = 100
#: an estimate of the characters Python-Markdown rescans for brackets in one paragraph; at
#: 2.5 million a render takes about half a second (measured: 8,000 unclosed "[" cost 5.9 s)
MAX_BRACKET_SCAN = 2_500_000
#: a paragraph's length times its inline marks: Python-Markdown rebuilds the paragraph's
#: string for every inline match, so one huge paragraph costs about this product; at 1.2
#: billion a render takes about half a second to a second, whatever the marks are
#: (measured with emphasis, links, code spans, tags and entities: 100 KB of "ab *c* " is
#: 3 billion and took 1.6-4 s)
MAX_INLINE_WORK = 1_200_000_000
#: the marks that start an inline match; "!", "~" and "^" alone cost nothing (500 KB of them
#: renders in under a second)
_INLINE_MARKS = "[]<>*_`&"

_CONTAINER = re.compile(rf"[ \t]*(?:>|{LIST_MARKER}(?=[ \t]|$))")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BRACKETS = re.compile(r"[\[\]<>]")
#: a line that may nest: indented, quoted or a list item
_NESTING_START = re.compile(r"^[ \t>*+\-\d]", re.MULTILINE)


class PreviewHazard(Exception):  # noqa: N818 - a reason not to render, not an error
    """Rendering would take far too long or recurse too deep; the message says why."""


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


def _too_deep(text: str) -> bool:
    """Whether a line of ``text`` nests deeper than :data:`MAX_NESTING`. Only lines that start
    with a space, a tab, ``>``, a list marker or a digit can nest; 100 levels need at least
    100 characters."""
    for match in _NESTING_START.finditer(text):
        start = match.start()
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if len(line) > MAX_NESTING and _nesting(line) > MAX_NESTING:
            return True
    return False


def preview_hazard(text: str) -> str | None:
    """Why rendering ``text`` would take far too long or recurse too deep; None when it is fine.

    Linear in the text; the cost estimates were measured on Python-Markdown 3.x.
    """
    if _too_deep(text):
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
            # a generator tag is one match that costs as much as several emphasis marks
            marks += 8 * (paragraph.count("{{") + paragraph.count("{%"))
            if len(paragraph) * marks > MAX_INLINE_WORK:
                return (
                    f"It has a paragraph of {len(paragraph):,} characters with {marks:,} "
                    "links, tags or emphasis marks, which Markdown would take seconds to read "
                    "after every keystroke. Blank lines between paragraphs help."
                )
    return None


def block_hazard(text: str) -> str | None:
    """:func:`preview_hazard` for one block; short blocks are fine without looking."""
    if len(text) <= MAX_NESTING:
        return None
    return preview_hazard(text)
