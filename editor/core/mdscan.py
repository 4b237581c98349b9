"""Line-level facts about markdown text that several parts of the core need.

Which lines are code (fenced or indented), where the first ``# H1`` is. This is a scanner, not a
parser: it follows CommonMark closely enough to tell code from prose, which is what the excerpt
marker, the title lookup and the checks need.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
#: a list item's marker: a bullet, or a number of up to nine digits with "." or ")"
LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])"
#: the start of a list item at most three spaces in (unanchored, to embed in other patterns)
LIST_ITEM_START = rf"[ ]{{0,3}}{LIST_MARKER}(?:[ \t]|$)"
#: a line that starts a list item
LIST_ITEM = re.compile("^" + LIST_ITEM_START)
#: a list item split into its parts, for continuing a list as the writer types
LIST_ITEM_PARTS = re.compile(
    r"(?P<indent>[ \t]*)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})(?P<delim>[.)]))"
    r"(?P<gap>[ \t]+)(?P<task>\[[ xX]\](?:[ \t]+|$))?"
)
_LIST_CONTENT = re.compile(rf"^([ ]{{0,3}}{LIST_MARKER})([ ]{{1,4}})?")
_ATX_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^[ ]{0,3}=+[ \t]*$")


def _is_blank(line: str) -> bool:
    return not line.strip()


def indent_width(line: str) -> int:
    """Leading whitespace width with tabs to the next multiple of 4, as CommonMark counts."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def code_line_mask(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it is inside a fenced or an indented code block.

    Fence lines themselves count as code. Lines may carry their line endings.
    """
    mask = [False] * len(lines)
    fence: str | None = None
    in_list = False
    content_indent = 0  # where the current list item's text starts
    prev_blank = True
    prev_code = False
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if fence is not None:
            mask[i] = True
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
            prev_blank, prev_code = False, False
            continue
        blank = _is_blank(line)
        indent = indent_width(line)
        match = _FENCE_OPEN.match(line)
        if (
            match
            and (indent <= 3 or in_list)
            and not (match["fence"][0] == "`" and "`" in match["info"])
        ):
            fence = match["fence"]
            mask[i] = True
            prev_blank, prev_code = False, False
            continue
        code_indent = content_indent + 4 if in_list else 4
        if not blank and indent >= code_indent and (prev_blank or prev_code):
            mask[i] = True
            prev_blank, prev_code = False, True
            continue
        if blank:
            # a blank line inside an indented block stays part of it if code follows
            prev_blank = True
            continue
        if LIST_ITEM.match(line):
            in_list = True
            item = _LIST_CONTENT.match(line)
            content_indent = len(item.group(0)) if item else 2
        elif indent < 4 and prev_blank:
            in_list = False
        prev_blank, prev_code = False, False
    # blank lines between two indented-code lines belong to the code block
    for i, flag in enumerate(mask):
        if flag or not _is_blank(lines[i]):
            continue
        before = next((mask[j] for j in range(i - 1, -1, -1) if not _is_blank(lines[j])), False)
        after_index = next((j for j in range(i + 1, len(lines)) if not _is_blank(lines[j])), None)
        if (
            before
            and after_index is not None
            and mask[after_index]
            and indent_width(lines[after_index]) >= 4
            and not _FENCE_OPEN.match(lines[after_index].rstrip("\r\n").lstrip())
        ):
            mask[i] = True
    return mask


def code_span_ranges(line: str) -> list[tuple[int, int]]:
    """Character ranges of inline code spans on one line (backtick runs of equal length)."""
    ranges: list[tuple[int, int]] = []
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    i = 0
    while i < len(runs):
        start, end = runs[i]
        length = end - start
        closing = next(
            (j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == length), None
        )
        if closing is None:
            i += 1
            continue
        ranges.append((start, runs[closing][1]))
        i = closing + 1
    return ranges


def first_h1(lines: Sequence[str], mask: Sequence[bool] | None = None) -> tuple[str, int] | None:
    """The text and 0-based line index of the first level-one heading outside code."""
    if mask is None:
        mask = code_line_mask(lines)
    for i, raw in enumerate(lines):
        if mask[i]:
            continue
        line = raw.rstrip("\r\n")
        match = _ATX_H1.match(line)
        if match and match["text"].strip():
            return match["text"].strip(), i
        if (
            i > 0
            and not mask[i - 1]
            and _SETEXT_H1.match(line)
            and lines[i - 1].strip()
            and not LIST_ITEM.match(lines[i - 1])
            and (i < 2 or _is_blank(lines[i - 2]))
        ):
            return lines[i - 1].strip(), i - 1
    return None
