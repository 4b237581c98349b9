"""Line endings: which one a text uses, and how to apply edits without touching the rest."""

from __future__ import annotations

import difflib
import re


def dominant_newline(text: str) -> str:
    """``\\r\\n`` when most line endings are CRLF, else ``\\n``."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def to_lf(text: str) -> str:
    """``text`` with CRLF line endings turned into LF."""
    return text.replace("\r\n", "\n")


#: Above this many line pairs, the line-ending mapping of a mixed CRLF/LF file gives up on
#: matching lines (a quadratic search) and writes the changed middle with the dominant ending.
_SPLICE_BUDGET = 25_000_000


#: what ends a line for the editor (Qt's QPlainTextEdit): CRLF, a lone CR, LF and U+2029
_LINE_BREAK = re.compile("\r\n|[\r\n\u2029]")


def as_editor_text(file_text: str) -> str:
    """``file_text`` as the editor holds it: every line break an LF.

    Qt's editor ends a line at CRLF, at a lone CR, at LF and at U+2029, and keeps every other
    character (U+2028 and form feeds stay characters of their line): this is exactly the text
    the window's editor gives back (tests/gui/test_hostile_input.py checks it on the widget).
    """
    text = file_text
    if "\r" not in text and "\u2029" not in text:
        return text
    if "\u2029" not in text and text.count("\r") == text.count("\r\n"):
        return text.replace("\r\n", "\n")
    return _LINE_BREAK.sub("\n", text)


def _single_newline(text: str) -> str | None:
    """``\\n`` or ``\\r\\n`` when every line of ``text`` ends that way; else None."""
    if "\u2029" in text:
        return None
    crlf = text.count("\r\n")
    if text.count("\r") != crlf:
        return None
    if crlf == 0:
        return "\n"
    return "\r\n" if crlf == text.count("\n") else None


def _file_lines(raw: str) -> list[str]:
    """The lines of a file's text, each with its own line break (as the editor splits it)."""
    lines: list[str] = []
    start = 0
    for match in _LINE_BREAK.finditer(raw):
        lines.append(raw[start : match.end()])
        start = match.end()
    if start < len(raw):
        lines.append(raw[start:])
    return lines


def _lf_lines(text: str) -> list[str]:
    """The lines of the editor's text, each with its LF."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _line_view(line: str) -> str:
    """One file line as the editor shows it: its line break, whichever, as LF."""
    match = _LINE_BREAK.search(line, max(0, len(line) - 2))
    return line[: match.start()] + "\n" if match else line


def map_line_endings(old_raw: str, new_lf: str) -> str:
    """The editor's ``new_lf`` with the line breaks of ``old_raw``: untouched lines keep theirs
    (CRLF, LF, a lone CR or U+2029), changed and new lines get the file's dominant one.

    A file with one kind of line break (nearly all) is mapped in linear time; other files trim
    the common first and last lines before matching the rest, so a small edit to a large file
    stays cheap. For editor text (no CR, no U+2029), ``as_editor_text(result) == new_lf``.
    """
    newline = dominant_newline(old_raw)
    single = _single_newline(old_raw)
    if single is not None and "\r" not in new_lf:
        return new_lf if single == "\n" else new_lf.replace("\n", "\r\n")
    old_lines = _file_lines(old_raw)
    new_lines = _lf_lines(new_lf)
    views = [_line_view(line) for line in old_lines]
    start = 0
    limit = min(len(old_lines), len(new_lines))
    while start < limit and views[start] == new_lines[start]:
        start += 1
    end = 0
    while end < limit - start and views[-1 - end] == new_lines[-1 - end]:
        end += 1
    stop, new_stop = len(old_lines) - end, len(new_lines) - end
    out = old_lines[:start]
    out += _splice(old_lines[start:stop], views[start:stop], new_lines[start:new_stop], newline)
    out += old_lines[stop:]
    # a kept lone CR right before a line that starts with LF would read back as one CRLF
    for index in range(len(out) - 2, -1, -1):
        line = out[index]
        if line.endswith("\r") and out[index + 1].startswith("\n"):
            out[index] = line[:-1] + newline
    return "".join(out)


def _with_newline(line: str, newline: str) -> str:
    return line.removesuffix("\n") + newline if line.endswith("\n") else line


def _splice(
    old_lines: list[str], views: list[str], new_lines: list[str], newline: str
) -> list[str]:
    """Lines of ``new_lines`` (LF) that match a line of ``old_lines`` (seen as ``views``) keep
    that line's own bytes."""
    if len(old_lines) * len(new_lines) > _SPLICE_BUDGET:
        return [_with_newline(line, newline) for line in new_lines]
    old_bare = [view.removesuffix("\n") for view in views]
    new_bare = [line.removesuffix("\n") for line in new_lines]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_bare, b=new_bare, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.extend(_with_newline(line, newline) for line in new_lines[j1:j2])
            continue
        for old, view, new in zip(old_lines[i1:i2], views[i1:i2], new_lines[j1:j2], strict=True):
            # the same words: the old bytes, unless the line gained or lost its line break
            out.append(old if view == new else _with_newline(new, newline))
    return out
