"""Split a post's body into top-level blocks that render the same alone as together.

Python-Markdown works on chunks separated by blank lines, but a chunk may continue the one
before it: an indented line (code, list item content), a list item after a list, a quote after
a quote, a definition after its term, a fence or raw HTML block with blank lines inside. The
splitter only cuts where none of that can happen; when in doubt it keeps text together, which
costs speed, never correctness.

It is built from a few regular expressions rather than a Python loop over lines, because it
runs on every keystroke over documents of up to a few megabytes. After an edit,
:func:`resplit` splits again only a few blocks around the edited text and keeps the rest; it
gives up (and the caller splits the whole body) whenever text beyond that window could decide
the result, so its answer is always the one :func:`split` gives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown.util import BLOCK_LEVEL_ELEMENTS
from pymdownx.superfences import RE_NESTED_FENCE_START

from editor.core.mdscan import LIST_ITEM_START
from editor.core.render.textedit import Edit

if TYPE_CHECKING:
    from editor.core.render.gensyntax import Span, Tags


@dataclass(frozen=True)
class SourceBlock:
    """One block's source; ``first``/``last`` are 0-based lines of the body (inclusive)."""

    text: str
    first: int
    last: int


#: blocks kept on either side of an edit when splitting again
MARGIN = 2
_FENCE_RUNS = ("```", "~~~")


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


@lru_cache(maxsize=16)
def _opener_with(extra: str) -> re.Pattern[str]:
    """:data:`_OPENER` and a generator's tag openers (see :attr:`Tags.opener_pattern`)."""
    return re.compile(_OPENER.pattern + extra, re.MULTILINE)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _protected(
    text: str,
    start: int = 0,
    stop: int | None = None,
    tags: Tags | None = None,
    kinds: list[tuple[str, Span | None]] | None = None,
) -> tuple[list[tuple[int, int]], list[tuple[int, int | None, bool]]]:
    """Spans of fenced code and raw HTML blocks, which blank lines do not end, for the openers
    from ``start`` to the line end ``stop``; closers are looked for in the whole text. With
    ``tags``, also the generator's tag pairs that start a line (and ``{% raw %}`` anywhere);
    ``kinds`` then gets each span's kind and pair.

    Also the fence openers whose verdict (not a fence) read text far ahead: ``(position,
    horizon, unclosed)``, the horizon None when the search ran to the end of the text (a tag
    opener that nothing closes is one too).
    """
    spans: list[tuple[int, int]] = []
    unsettled: list[tuple[int, int | None, bool]] = []
    pos = start
    stop = len(text) if stop is None else stop
    opener = _OPENER
    finder = None
    raw_re = None
    raw: re.Match[str] | None = None
    if tags is not None and tags.opener_pattern:
        opener = _opener_with(tags.opener_pattern)
        finder = tags.pairing(text)
        raw_re = tags.raw_re
    while True:
        m = opener.search(text, pos, stop)
        if raw_re is not None and (raw is None or raw.start() < pos):
            raw = raw_re.search(text, pos, stop)  # {% raw %} opens anywhere on a line
        # a generator tag's opener: where it starts, its pair, where to go on without one
        tagged = None
        if finder is not None and raw is not None and (m is None or raw.start() < m.start()):
            tagged = (raw.start(), finder.raw_span(raw.start()), raw.end())
        elif finder is not None and m is not None and m.group("gen") is not None:
            # a raw opener later on the line still counts
            tagged = (m.start(), finder.span(m), max(m.end(), m.start() + 1))
        if tagged is not None:
            start, found, past = tagged
            if found is None or isinstance(found, str):
                if found is not None:
                    unsettled.append((start, None, True))
                pos = past
                continue
            spans.append((start, found.end))
            if kinds is not None:
                kinds.append(("tag", found))
            pos = found.end
            continue
        if m is None:
            return spans, unsettled
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
                unsettled.append((start, None, True))
                continue  # never closed: Superfences does not treat it as a fence
            if ws and re.compile("^(?!" + re.escape(ws) + r")[ \t]*\S", re.MULTILINE).search(
                text, m.end() + 1, closer.start()
            ):
                unsettled.append((start, closer.end(), False))
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
        if kinds is not None:
            kinds.append(("fence" if m.group("fence") is not None else "html", None))
        pos = end


def scan_spans(text: str, tags: Tags) -> list[tuple[int, int, str, Span | None]]:
    """The fences, raw HTML blocks and tag pairs of ``text`` in order: ``(start, end, kind,
    pair)``, kind "fence", "html" or "tag" (as :func:`split` sees them)."""
    kinds: list[tuple[str, Span | None]] = []
    spans, _ = _protected(text, 0, None, tags, kinds)
    return [(a, b, kind, span) for (a, b), (kind, span) in zip(spans, kinds, strict=True)]


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


@dataclass(frozen=True)
class Split:
    """A body split into blocks, in parallel lists (cheap to splice and shift after an edit).

    ``starts[i]`` is where block ``i``'s text begins in the body, ``firsts[i]``/``lasts[i]``
    its 0-based lines; ``unsettled`` the fence openers that read far ahead (see
    :func:`_protected`), in text order.
    """

    texts: list[str]
    starts: list[int]
    firsts: list[int]
    lasts: list[int]
    unsettled: list[tuple[int, int | None, bool]]

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, index: int) -> int:
        """Where block ``index`` ends in the body."""
        return self.starts[index] + len(self.texts[index])

    def blocks(self) -> list[SourceBlock]:
        """The blocks as :class:`SourceBlock` values."""
        return [
            SourceBlock(text, first, last)
            for text, first, last in zip(self.texts, self.firsts, self.lasts, strict=True)
        ]


def _chunks(
    text: str, begin: int, stop: int, last_end: int, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Blank-line separated chunks of ``text[begin:stop]`` outside ``spans``; the last one
    ends at ``last_end``."""
    chunks: list[tuple[int, int]] = []
    start = begin
    span_index = 0
    for m in _GAP.finditer(text, begin, stop):
        cut = m.start()
        while span_index < len(spans) and spans[span_index][1] <= cut:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] < cut:
            continue  # inside a fence or an HTML block
        chunks.append((start, cut))
        start = m.end()
    chunks.append((start, last_end))
    return chunks


def _fold(
    text: str, kinds: _Kinds, chunks: list[tuple[int, int]], seed: list[tuple[int, int]]
) -> list[tuple[int, int]] | None:
    """Join chunks that continue the block before them, after the blocks ``seed``. None when
    a chunk would change a seed block: the caller then has to start further back."""
    merged = list(seed)
    floor = len(seed)
    for start, end in chunks:
        if not merged:
            merged.append((start, end))
            continue
        if _continues(kinds, merged[-1], start, end):
            if len(merged) <= floor:
                return None
            merged[-1] = (merged[-1][0], end)
        elif (
            len(merged) > 1
            and _DEFINITION_START.match(text, merged[-1][0])
            and _continues(kinds, merged[-2], start, end)
        ):  # definitions render to nothing: what follows them continues the block before
            if len(merged) - 1 <= floor:
                return None
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
            if len(merged) - 1 <= floor:
                return None
            tail = merged.pop()
            merged[-1] = (merged[-1][0], tail[1])
    return merged


def _lay_out(
    text: str, merged: list[tuple[int, int]], line: int, pos: int
) -> tuple[list[str], list[int], list[int], list[int]]:
    """Texts, starts and lines of ``merged``; ``line`` is the line at offset ``pos``."""
    texts: list[str] = []
    starts: list[int] = []
    firsts: list[int] = []
    lasts: list[int] = []
    for start, end in merged:
        line += text.count("\n", pos, start)
        body = text[start:end]
        last = line + body.count("\n")
        texts.append(body)
        starts.append(start)
        firsts.append(line)
        lasts.append(last)
        line, pos = last, end
    return texts, starts, firsts, lasts


def split(text: str, tags: Tags | None = None) -> Split:
    """The top-level blocks of ``text`` (LF newlines), without the blank lines between; with
    ``tags``, a generator's tag pairs are not split."""
    lead = _LEADING_BLANKS.match(text)
    begin = lead.end() if lead else 0
    if begin >= len(text) or not text[begin:].strip():
        return Split([], [], [], [], [])
    spans, unsettled = _protected(text, 0, None, tags)
    chunks = _chunks(text, begin, len(text), len(text.rstrip()), spans)
    merged = _fold(text, _Kinds(text), chunks, [])
    assert merged is not None  # no seed to protect
    texts, starts, firsts, lasts = _lay_out(text, merged, text.count("\n", 0, begin), begin)
    return Split(texts, starts, firsts, lasts, unsettled)


def split_blocks(text: str, tags: Tags | None = None) -> list[SourceBlock]:
    """The top-level blocks of ``text`` (LF newlines), without the blank lines between."""
    return split(text, tags).blocks()


def _lines_around(text: str, start: int, end: int) -> str:
    """The whole lines holding ``text[start:end]``."""
    return text[text.rfind("\n", 0, start) + 1 : _line_end(text, end)]


@dataclass(frozen=True)
class Window:
    """Blocks ``low:old_high`` of one split became blocks ``low:new_high`` of the next; the
    blocks after them are the same strings, moved."""

    low: int
    old_high: int
    new_high: int


def resplit(
    previous: Split, old: str, new: str, edit: Edit, tags: Tags | None = None
) -> tuple[Split, Window] | None:
    """:func:`split` of ``new`` (with ``tags``), from ``previous`` (the split of ``old``), and
    the blocks that were split again; the texts differ only where ``edit`` says.

    Splits a few blocks around the edit again and moves the others. None when text outside
    that window could change the answer (an unclosed fence before the edit and a fence typed,
    a fence or HTML block opened past the window, blocks joining across its ends): then only a
    whole :func:`split` knows.
    """
    edit_start, old_end, new_end = edit.start, edit.old_end, edit.new_end
    count = len(previous)
    if not count or edit_start < previous.starts[0]:
        return None  # an edit in the leading blank lines
    lead = _LEADING_BLANKS.match(new)
    if (lead.end() if lead else 0) != previous.starts[0]:
        return None  # the first line became blank
    delta = new_end - old_end
    first = _first_ending_at_or_after(previous, edit_start)
    low = max(0, first - MARGIN)
    last = bisect_right(previous.starts, old_end) - 1
    high = last + MARGIN
    to_end = high >= count - 1
    begin = previous.starts[low]
    if to_end:
        high = count - 1
        stop, window_end = len(new), len(new.rstrip())
    else:
        stop = window_end = previous.end(high) + delta
        if previous.starts[high - 1] < old_end:
            return None
    if window_end <= begin or not new[begin:window_end].strip():
        return None

    # fence openers before the window whose verdict read into the edit
    fence_typed = any(
        run in _lines_around(text, edit_start, end)
        for text, end in ((old, old_end), (new, new_end))
        for run in _FENCE_RUNS
    )
    tag_typed: bool | None = None  # whether the edit made or unmade a tag; found out once
    kept_before: list[tuple[int, int | None, bool]] = []
    kept_after: list[tuple[int, int | None, bool]] = []
    for position, horizon, unclosed in previous.unsettled:
        if position >= begin:
            if position >= old_end and not to_end and position >= previous.end(high):
                kept_after.append(
                    (position + delta, None if horizon is None else horizon + delta, unclosed)
                )
            continue
        if (horizon is None or horizon >= edit_start) and unclosed and not fence_typed:
            if tag_typed is None:
                tag_typed = tags is not None and tags.edited(old, new, edit_start, old_end, new_end)
            if tag_typed:
                return None  # a tag typed may close an opener before the window
        elif (horizon is None or horizon >= edit_start) and (not unclosed or fence_typed):
            return None
        kept_before.append((position, horizon, unclosed))

    spans, unsettled = _protected(new, begin, stop, tags)
    if spans and spans[-1][1] > window_end and not to_end:
        return None  # a fence or HTML block runs past the window
    chunks = _chunks(new, begin, stop, window_end, spans)
    seed = [(previous.starts[i], previous.end(i)) for i in range(max(0, low - 2), low)]
    merged = _fold(new, _Kinds(new), chunks, seed)
    if merged is None:
        return None
    fresh = merged[len(seed) :]
    if not to_end:  # the window must end on the same two blocks as before, only moved
        if len(fresh) < 2:
            return None
        for (start, end), index in zip(fresh[-2:], (high - 1, high), strict=True):
            if start < new_end or start - delta != previous.starts[index]:
                return None
            if end - delta != previous.end(index):
                return None
    texts, starts, firsts, lasts = _lay_out(new, fresh, previous.firsts[low], begin)
    window = Window(low, high + 1, low + len(texts))
    if to_end:
        return Split(
            previous.texts[:low] + texts,
            previous.starts[:low] + starts,
            previous.firsts[:low] + firsts,
            previous.lasts[:low] + lasts,
            kept_before + unsettled,
        ), window
    line_delta = lasts[-1] - previous.lasts[high]
    tail = slice(high + 1, count)
    return Split(
        previous.texts[:low] + texts + previous.texts[tail],
        previous.starts[:low] + starts + [s + delta for s in previous.starts[tail]],
        previous.firsts[:low] + firsts + [f + line_delta for f in previous.firsts[tail]],
        previous.lasts[:low] + lasts + [f + line_delta for f in previous.lasts[tail]],
        kept_before + unsettled + kept_after,
    ), window


def _first_ending_at_or_after(previous: Split, pos: int) -> int:
    """The first block that ends at or after ``pos`` (``len`` when none does)."""
    index = bisect_right(previous.starts, pos) - 1  # the block starting at or before pos
    if index < 0:
        return 0
    return index if previous.end(index) >= pos else index + 1
