"""Split a post's body into top-level blocks that render the same alone as together.

Python-Markdown works on chunks separated by blank lines, but a chunk may continue the one
before it: an indented line (code, list item content), a list item after a list, a quote after
a quote, a definition after its term, a fence or raw HTML block with blank lines inside. The
splitter only cuts where none of that can happen; when in doubt it keeps text together, which
costs speed, never correctness.

It is built from a few whole-text regular expressions rather than a Python loop over lines,
because it runs on every keystroke over documents of up to a few megabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.util import BLOCK_LEVEL_ELEMENTS
from pymdownx.superfences import RE_NESTED_FENCE_START

from editor.core.mdscan import LIST_ITEM_START


@dataclass(frozen=True)
class SourceBlock:
    """One block's source; ``first``/``last`` are 0-based lines of the body (inclusive)."""

    text: str
    first: int
    last: int


_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"})  # fmt: skip

#: a line that opens a fence (any indent: fences in list items count), or raw HTML at a line
#: start (at most three spaces in, as Python-Markdown's HTML block extractor requires)
_OPENER = re.compile(
    r"^(?P<ws>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$"
    r"|^ {0,3}(?P<html><!--|<(?P<tag>[A-Za-z][A-Za-z0-9-]*))",
    re.MULTILINE,
)
#: blank lines followed by a line that starts in column 0: the only places a cut may go
_GAP = re.compile(r"\n(?:[ \t]*\n)+(?=[^ \t\n])")
_QUOTE = re.compile(r" {0,3}>")
_DEFINITION = re.compile(r" {0,3}:[ \t]")
#: a reference, footnote or abbreviation definition
_DEFINITION_START = re.compile(r" {0,3}\*?\[[^\]\n]+\] ?:")
_LEADING_BLANKS = re.compile(r"(?:[ \t]*\n)+")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code and raw HTML blocks, which blank lines do not end."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _OPENER.search(text, pos)
        if m is None:
            return spans
        start = m.start()
        if m.group("fence") is not None:
            pos = m.end()
            header = RE_NESTED_FENCE_START.match(m.group("fence") + m.group("info"))
            if header is None or header.group("unrecognized"):
                continue  # Superfences rejects a header it cannot parse: not a fence
            ws = m.group("ws").expandtabs(4)
            closer = re.compile(
                "^" + re.escape(ws) + re.escape(m.group("fence")) + r"[ \t]*$", re.MULTILINE
            ).search(text, m.end() + 1)
            if closer is None:
                continue  # never closed: Superfences does not treat it as a fence
            if ws and re.compile("^(?!" + re.escape(ws) + r")[ \t]*\S", re.MULTILINE).search(
                text, m.end() + 1, closer.start()
            ):
                continue  # a line less indented than the fence abandons it
            end = closer.end()
        elif m.group("html") == "<!--":
            close = text.find("-->", m.end())
            end = len(text) if close < 0 else _line_end(text, close)
        else:
            tag = m.group("tag").lower()
            if tag not in _BLOCK_TAGS:
                pos = m.end()
                continue
            if tag in _VOID_TAGS:
                pos = _line_end(text, m.end())
                continue
            end = _html_end(text, m.start("html"), tag)
        spans.append((start, end))
        pos = end


def _html_end(text: str, start: int, tag: str) -> int:
    """End of the line where the element opened at ``start`` closes (end of text if never)."""
    pattern = re.compile(r"<(/?)" + re.escape(tag) + r"(?=[\s/>])[^>]*?(/?)>", re.IGNORECASE)
    depth = 0
    for m in pattern.finditer(text, start):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        if depth <= 0:
            return _line_end(text, m.end())
    return len(text)


class _Kind:
    """Lines of one kind (list items, quotes, definitions) in a span of the text. The search
    starts with a literal newline, which the regular expression engine scans for quickly."""

    def __init__(self, text: str, line: str) -> None:
        self._text = text
        self._first = re.compile(line)
        self._later = re.compile(r"\n" + line)

    def at(self, pos: int) -> bool:
        return self._first.match(self._text, pos) is not None

    def within(self, start: int, end: int) -> bool:
        return self.at(start) or self._later.search(self._text, start, end) is not None


class _Kinds:
    def __init__(self, text: str) -> None:
        self.lists = _Kind(text, LIST_ITEM_START)
        self.quotes = _Kind(text, _QUOTE.pattern)
        self.definitions = _Kind(text, _DEFINITION.pattern)


def _continues(kinds: _Kinds, prev: tuple[int, int], start: int, end: int) -> bool:
    """Whether the chunk ``text[start:end]`` continues the block ``prev`` in Python-Markdown
    (its processors look at the previous sibling for lists, quotes and definition lists)."""
    if kinds.definitions.at(start):
        return True  # a definition takes the paragraph before it as its term
    if kinds.lists.at(start):
        return kinds.lists.within(*prev)
    if kinds.quotes.at(start):
        return kinds.quotes.within(*prev)
    if kinds.definitions.within(start, end):
        return kinds.definitions.within(*prev)
    return False


def split_blocks(text: str) -> list[SourceBlock]:
    """The top-level blocks of ``text`` (LF newlines), without the blank lines between."""
    lead = _LEADING_BLANKS.match(text)
    begin = lead.end() if lead else 0
    if begin >= len(text) or not text[begin:].strip():
        return []
    spans = _protected(text)
    cuts: list[tuple[int, int]] = []  # (end of a chunk, start of the next)
    span_index = 0
    for m in _GAP.finditer(text, begin):
        cut = m.start()
        while span_index < len(spans) and spans[span_index][1] <= cut:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] < cut:
            continue  # inside a fence or an HTML block
        cuts.append((cut, m.end()))

    chunks: list[tuple[int, int]] = []
    start = begin
    for end, next_start in cuts:
        chunks.append((start, end))
        start = next_start
    chunks.append((start, len(text.rstrip())))

    kinds = _Kinds(text)
    merged: list[tuple[int, int]] = [chunks[0]]
    for start, end in chunks[1:]:
        if _continues(kinds, merged[-1], start, end):
            merged[-1] = (merged[-1][0], end)
        elif (
            len(merged) > 1
            and _DEFINITION_START.match(text, merged[-1][0])
            and _continues(kinds, merged[-2], start, end)
        ):  # definitions render to nothing: what follows them continues the block before
            merged.pop()
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
            continue
        # "Term\n\n: definition" after a definition list joins that list too
        while (
            len(merged) > 1
            and kinds.definitions.within(*merged[-1])
            and kinds.definitions.within(*merged[-2])
            and not kinds.definitions.at(merged[-1][0])
        ):
            tail = merged.pop()
            merged[-1] = (merged[-1][0], tail[1])

    blocks: list[SourceBlock] = []
    line = text.count("\n", 0, merged[0][0])
    pos = merged[0][0]
    for start, end in merged:
        line += text.count("\n", pos, start)
        body = text[start:end]
        last = line + body.count("\n")
        blocks.append(SourceBlock(body, line, last))
        line, pos = last, end
    return blocks
