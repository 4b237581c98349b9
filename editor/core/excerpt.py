"""The excerpt marker: find it, insert or move it, convert it between generators' forms, split.

A marker inside fenced or indented code, or inside a code span, is text, not a marker: the
generators print it. Such look-alikes are reported (``in_code``) but never moved or split on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from editor.core.mdscan import code_line_mask, code_span_ranges
from editor.core.textlines import dominant_newline

DEFAULT_MARKER = "<!-- more -->"
HUGO_MARKER = "<!--more-->"
#: the standard marker in any spacing and case, as the generators that use it read it
MARKER_PATTERN = r"<!--\s*more\s*-->"
_STANDARD = re.compile(MARKER_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    """One marker occurrence. ``line`` is 0-based in the body; ``start``/``end`` are offsets in
    the body; ``own_line`` says whether the marker is alone on its line."""

    line: int
    start: int
    end: int
    text: str
    in_code: bool
    own_line: bool


def _patterns(separators: Iterable[str]) -> list[re.Pattern[str]]:
    patterns = [_STANDARD]
    patterns.extend(re.compile(re.escape(sep)) for sep in separators if sep and sep.strip())
    return patterns


def find_markers(body: str, separators: Iterable[str] = ()) -> list[Marker]:
    """Every marker in ``body``: the standard ``<!-- more -->`` in any spacing, and each of a
    site's own ``separators``, in order, each flagged when it sits in code."""
    lines = body.splitlines(keepends=True)
    mask = code_line_mask(lines)
    patterns = _patterns(separators)
    markers: list[Marker] = []
    offset = 0
    for index, line in enumerate(lines):
        content = line.rstrip("\r\n")
        spans = None
        taken: list[tuple[int, int]] = []
        for pattern in patterns:
            for match in pattern.finditer(content):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append((match.start(), match.end()))
                if spans is None:
                    spans = code_span_ranges(content)
                in_span = any(start <= match.start() < end for start, end in spans)
                markers.append(
                    Marker(
                        line=index,
                        start=offset + match.start(),
                        end=offset + match.end(),
                        text=match.group(),
                        in_code=mask[index] or in_span,
                        own_line=content.strip() == match.group(),
                    )
                )
        offset += len(line)
    markers.sort(key=lambda marker: marker.start)
    return markers


def real_markers(body: str, separators: Iterable[str] = ()) -> list[Marker]:
    """The markers a generator would act on (none in code)."""
    return [marker for marker in find_markers(body, separators) if not marker.in_code]


def _is_blank(line: str) -> bool:
    return not line.strip()


def remove_markers(body: str, separators: Iterable[str] = ()) -> tuple[str, list[int]]:
    """``body`` without its real markers, and the 0-based lines that were removed whole.

    A marker alone on its line takes the line with it, and one of the two blank lines that
    then meet, so moving a marker around never piles up blank lines.
    """
    markers = real_markers(body, separators)
    if not markers:
        return body, []
    lines = body.splitlines(keepends=True)
    removed: list[int] = []
    by_line: dict[int, list[Marker]] = {}
    for marker in markers:
        by_line.setdefault(marker.line, []).append(marker)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    for index in sorted(by_line, reverse=True):
        group = by_line[index]
        if len(group) == 1 and group[0].own_line:
            removed.append(index)
            drop = [index]
            before_blank = index > 0 and _is_blank(lines[index - 1])
            after_blank = index + 1 < len(lines) and _is_blank(lines[index + 1])
            if before_blank and (after_blank or index + 1 == len(lines)):
                drop.append(index + 1 if after_blank else index - 1)
                removed.append(drop[-1])
            for position in sorted(drop, reverse=True):
                del lines[position]
            continue
        line = lines[index]
        for marker in sorted(group, key=lambda m: m.start, reverse=True):
            start = marker.start - line_starts[index]
            end = marker.end - line_starts[index]
            line = (
                line[:start].rstrip(" \t")
                + (" " if line[:start].strip() else "")
                + line[end:].lstrip(" \t")
            )
        lines[index] = line
    return "".join(lines), sorted(removed)


def insert_marker(
    body: str, line: int, marker: str = DEFAULT_MARKER, separators: Iterable[str] = ()
) -> str:
    """``body`` with one marker at the block boundary at or after 0-based ``line``.

    An existing marker is moved, not doubled. The marker stands on its own line with a blank
    line before and after it; only the marker's own lines change (the blank lines it needs
    are added, none of the writer's are taken away), and a body that did not end with a line
    break does not get one. A position inside code moves to the end of that code block.
    """
    stripped, removed = remove_markers(body, [*separators, marker])
    line -= sum(1 for index in removed if index < line)
    lines = stripped.splitlines(keepends=True)
    newline = dominant_newline(body)
    open_end = bool(stripped) and not stripped.endswith(("\n", "\r"))
    if open_end:
        lines[-1] += newline
    mask = code_line_mask(lines)
    position = max(0, min(line, len(lines)))
    while position < len(lines) and (mask[position] or not _is_blank(lines[position])):
        position += 1
    result = _place(lines, position, marker, newline)
    if not real_markers(result, [marker]):
        # a fence that is never closed runs to the end: the marker goes before it instead
        start = position
        while start > 0 and mask[start - 1]:
            start -= 1
        result = _place(lines, start, marker, newline)
    ended = bool(body) and body.endswith(("\n", "\r"))
    if (open_end or (body and not ended)) and result.endswith(newline):
        result = result[: -len(newline)]
    return result


def _place(lines: list[str], position: int, marker: str, newline: str) -> str:
    """``lines`` with ``marker`` before line ``position``, with a blank line on each side: the
    blank lines already there are used, missing ones are added."""
    before = lines[:position]
    after = lines[position:]
    inserted = [newline] if before and not _is_blank(before[-1]) else []
    inserted.append(marker + newline)
    if after and not _is_blank(after[0]):
        inserted.append(newline)
    return "".join(before + inserted + after)


def convert_marker(body: str, marker: str, separators: Iterable[str] = ()) -> str:
    """``body`` with every real marker written in the form ``marker`` (e.g. Hugo's)."""
    out = body
    for found in reversed(real_markers(body, separators)):
        out = out[: found.start] + marker + out[found.end :]
    return out


def split_excerpt(body: str, separators: Iterable[str] = ()) -> tuple[str, str] | None:
    """(excerpt, rest) split at the first real marker, the marker's line left out of both;
    None when the body has no marker."""
    markers = real_markers(body, separators)
    if not markers:
        return None
    first = markers[0]
    line_start = body.rfind("\n", 0, first.start) + 1
    line_end = body.find("\n", first.end)
    line_end = len(body) if line_end < 0 else line_end + 1
    if first.own_line:
        return body[:line_start], body[line_end:]
    return body[: first.start], body[first.end :]
