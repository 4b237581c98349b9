"""Markdown pipe tables: where a table is, where its cells are, and Format Table.

The cells are split the way Python-Markdown's tables extension reads them: a pipe escaped as
``\\|`` or inside a code span does not end a cell. Formatting pads every cell to its column's
width (wide characters count twice, as they show) and writes the delimiter row with the
column's alignment kept; a row with more cells than the header keeps them all, so no word is
lost.

No library is used for the formatting: the general table formatters (tabulate and its kin)
start from data rather than from a markdown table, and their pipe format marks every column as
left-aligned (``:---``), which would change what the post says.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from editor.core.mdscan import code_span_ranges

Alignment = Literal["", "left", "right", "center"]

_DELIMITER_CELL = re.compile(r"^[ \t]*(:?)-+(:?)[ \t]*$")
_PREFIX = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*")
_MIN_WIDTH = 3


def pipe_positions(line: str) -> list[int]:
    """Where the pipes that separate cells are (not ``\\|``, not inside code spans)."""
    if "|" not in line:
        return []
    code = code_span_ranges(line) if "`" in line else []
    positions = []
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
            continue
        if char == "|" and not any(start <= index < end for start, end in code):
            positions.append(index)
    return positions


def is_row(line: str) -> bool:
    """Whether ``line`` can be a table row: it has a separating pipe."""
    return bool(line.strip()) and bool(pipe_positions(line))


def cell_ranges(line: str) -> list[tuple[int, int]]:
    """The span of each cell between its pipes (its padding included). A leading or trailing
    pipe opens or closes the row; the text outside it is not a cell."""
    pipes = pipe_positions(line)
    if not pipes:
        return [(0, len(line))] if line.strip() else []
    prefix = _PREFIX.match(line)
    start_at = prefix.end() if prefix else 0
    bounds = [*pipes]
    cells: list[tuple[int, int]] = []
    if line[start_at : pipes[0]].strip():
        cells.append((start_at, pipes[0]))
    for left, right in itertools.pairwise(bounds):
        cells.append((left + 1, right))
    tail = line[pipes[-1] + 1 :]
    if tail.strip():
        cells.append((pipes[-1] + 1, len(line.rstrip())))
    return cells


def is_delimiter_row(line: str) -> bool:
    """Whether ``line`` is a table's delimiter row (``| --- | :-: |``)."""
    cells = cell_ranges(line)
    return bool(cells) and all(_DELIMITER_CELL.match(line[a:b]) for a, b in cells)


def table_bounds(lines: Sequence[str], index: int) -> tuple[int, int] | None:
    """The first and last line (inclusive) of the table holding line ``index``; None when
    that line is not in a table (a header row, then a delimiter row, then body rows)."""
    if not 0 <= index < len(lines) or not is_row(lines[index]):
        return None
    first = index
    while first > 0 and is_row(lines[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(lines) and is_row(lines[last + 1]):
        last += 1
    # the block of rows may hold text rows above the header: the header is the line above
    # the first delimiter row
    for header in range(first, last):
        if is_delimiter_row(lines[header + 1]) and not is_delimiter_row(lines[header]):
            if header > index:
                return None
            return header, last
    return None


@dataclass(frozen=True)
class Cell:
    """One cell: its row (0-based within the lines given), its index in the row, and the span
    of its text (without padding; an empty cell has an empty span at its middle)."""

    row: int
    index: int
    start: int
    end: int


def cells_of(line: str, row: int = 0) -> list[Cell]:
    """The cells of a row with their text spans."""
    cells = []
    for index, (start, end) in enumerate(cell_ranges(line)):
        text = line[start:end]
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            cells.append(Cell(row, index, start + lead, start + lead + len(stripped)))
        else:
            middle = start + min(1, end - start)
            cells.append(Cell(row, index, middle, middle))
    return cells


def cell_index_at(line: str, column: int) -> int:
    """The index of the cell at ``column`` (the nearest one before it at a pipe)."""
    ranges = cell_ranges(line)
    for index, (start, end) in enumerate(ranges):
        if column <= end:
            return index if column >= start or index == 0 else index - 1
    return max(len(ranges) - 1, 0)


def empty_row(line: str) -> tuple[str, int]:
    """A new, empty row shaped like ``line`` (same cell count, indent and pipes), and where
    its first cell's text goes."""
    prefix_match = _PREFIX.match(line)
    prefix = prefix_match.group() if prefix_match else ""
    count = max(len(cell_ranges(line)), 1)
    row = prefix + "| " + " | ".join([""] * count) + " |"
    return row, len(prefix) + 2


def _width(text: str) -> int:
    from wcwidth import wcswidth  # loaded when a table is first formatted

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _pad(text: str, width: int, alignment: Alignment) -> str:
    gap = width - _width(text)
    if gap <= 0:
        return text
    if alignment == "right":
        return " " * gap + text
    if alignment == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def _delimiter(width: int, alignment: Alignment) -> str:
    if alignment == "center":
        return ":" + "-" * (width - 2) + ":"
    if alignment == "left":
        return ":" + "-" * (width - 1)
    if alignment == "right":
        return "-" * (width - 1) + ":"
    return "-" * width


def alignments(delimiter_row: str) -> list[Alignment]:
    """Each column's alignment as the delimiter row says it."""
    found: list[Alignment] = []
    for start, end in cell_ranges(delimiter_row):
        match = _DELIMITER_CELL.match(delimiter_row[start:end])
        left, right = (bool(match.group(1)), bool(match.group(2))) if match else (False, False)
        found.append("center" if left and right else "left" if left else "right" if right else "")
    return found


def format_table(lines: Sequence[str]) -> list[str]:
    """The table ``lines`` (header, delimiter, body) with aligned pipes.

    Lines that are not a table come back unchanged.
    """
    if len(lines) < 2 or not is_delimiter_row(lines[1]):
        return list(lines)
    prefix_match = _PREFIX.match(lines[0])
    prefix = prefix_match.group() if prefix_match else ""
    rows = [[line[a:b].strip() for a, b in cell_ranges(line)] for line in lines]
    aligns = alignments(lines[1])
    columns = max(len(row) for row in rows)
    aligns += [""] * (columns - len(aligns))
    widths = [_MIN_WIDTH] * columns
    for number, row in enumerate(rows):
        if number == 1:
            continue
        for column, text in enumerate(row):
            widths[column] = max(widths[column], _width(text))
    result = []
    for number, row in enumerate(rows):
        if number == 1:
            cells = [_delimiter(widths[c], aligns[c]) for c in range(columns)]
        else:
            padded = row + [""] * (columns - len(row))
            cells = [_pad(text, widths[c], aligns[c]) for c, text in enumerate(padded)]
        result.append(prefix + "| " + " | ".join(cells) + " |")
    return result
