"""Markdown syntax colouring for the editor pane.

Block state carries only what spans lines - "inside front matter" and "inside a fence of this
kind" - so an ordinary keystroke never changes a block's state and never re-highlights the
blocks after it. Only a fence or front matter delimiter can flip every later block; that cascade
is cut after :attr:`MarkdownHighlighter.cascade_budget` blocks and continued in idle-time
chunks, so typing a fence in a 2 MB post does not freeze the window.

The excerpt marker is coloured the way :mod:`editor.core.excerpt` reads it: never inside a
fence, a code span or an indented code block.

Spelling is underlined here too, in the same pass (two highlighters on one document would fight
over its formats): each line is checked as it is coloured, so a keystroke checks the words of
its own line only, by the rules of :mod:`editor.core.spelling`. A pass over many lines (a post
opened, a long paste) checks the first :attr:`MarkdownHighlighter.spelling_budget` of them and
the rest in idle-time chunks; so does a new speller (another language, a word added to the
dictionary), visible lines first, and only the lines it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from editor.core.excerpt import MARKER_PATTERN
from editor.core.mdscan import (
    LIST_ITEM,
    LIST_MARKER,
    code_line_mask,
    code_span_ranges,
    indent_width,
)
from editor.core.spelling import front_matter_words, prose_words

# ---------------------------------------------------------------------------- block states

NORMAL = 0
LEADING = 1  # only blank lines so far: front matter may still open
FRONT_YAML = 2
FRONT_TOML = 3
_FENCE_BIT = 1 << 10  # | (fence length << 1) | (1 for "~", 0 for "`")


def fence_state(char: str, length: int) -> int:
    """The block state of a line inside a fence opened by ``length`` times ``char``."""
    return _FENCE_BIT | (min(length, 255) << 1) | (char == "~")


def is_fence_state(state: int) -> bool:
    """Whether a block state means "inside a fence" (the opener line included)."""
    return state >= _FENCE_BIT


def is_front_matter_state(state: int) -> bool:
    """Whether a block state means "inside the front matter" (the opener line included)."""
    return state in (FRONT_YAML, FRONT_TOML)


# ---------------------------------------------------------------------------- patterns

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_YAML_OPEN = re.compile(r"^---[ \t]*$")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")
_FRONT_KEY = re.compile(r"^[ \t]*(?:- )?[\"']?[\w.-]+[\"']?[ \t]*[:=]")
_FRONT_COMMENT = re.compile(r"^[ \t]*#")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r" {0,3}(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_LIST = re.compile(rf"[ \t]*{LIST_MARKER}(?=[ \t]|$)(?:[ \t]+\[[ xX]\](?=[ \t]|$))?")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![*\w\\])\*(?=[^\s*])(.+?)(?<=[^\s\\])\*(?!\*)")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![_\w\\])_(?=[^\s_])(.+?)(?<=[^\s\\])_(?![_\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]"
    r"(\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\[[^\]]*\])"
)
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S+")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_STANDARD_MARKER = f"(?i:{MARKER_PATTERN})"

_INDENTED_CODE_LOOKBACK = 400  # blocks; a marker this deep in one list item is not worth more
# blocks looked back for spelling, which asks for every indented line: a line whose context is
# further up counts as code (left unchecked) rather than costing a long look for each line
_SPELLING_LOOKBACK = 40
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each in Qt's positions


class SpellChecker(Protocol):
    """What the highlighter asks about a word (:class:`editor.core.spelling.Speller`)."""

    def check(self, word: str) -> bool:
        """Whether ``word`` is spelled right."""
        ...


# ---------------------------------------------------------------------------- palette


@dataclass(frozen=True)
class HighlightPalette:
    """Colours (``#rrggbb``) for one theme; ``""`` means "leave the editor's own colour"."""

    heading: str
    rule: str
    emphasis: str
    code: str
    code_background: str
    fence: str
    link: str
    url: str
    image: str
    list_marker: str
    quote: str
    front_matter: str
    front_matter_key: str
    front_matter_background: str
    front_matter_delimiter: str
    comment: str
    marker: str
    marker_background: str
    misspelled: str


LIGHT_PALETTE = HighlightPalette(
    heading="#1f4e99",
    rule="#8a94a3",
    emphasis="",
    code="#9a3412",
    code_background="#f4f1ea",
    fence="#8a6d3b",
    link="#0b5cad",
    url="#6a737d",
    image="#7b3fa0",
    list_marker="#b35c00",
    quote="#55677a",
    front_matter="#6b7280",
    front_matter_key="#374151",
    front_matter_background="#eef2f7",
    front_matter_delimiter="#9aa3ae",
    comment="#8a8f98",
    marker="#ffffff",
    marker_background="#c2185b",
    misspelled="#d32f2f",
)

DARK_PALETTE = HighlightPalette(
    heading="#7fb4ff",
    rule="#6e7681",
    emphasis="",
    code="#f0a878",
    code_background="#2a2d34",
    fence="#c9a66b",
    link="#6cb6ff",
    url="#8b949e",
    image="#d2a8ff",
    list_marker="#ffab70",
    quote="#9aa7b4",
    front_matter="#8b949e",
    front_matter_key="#c0c8d2",
    front_matter_background="#22272e",
    front_matter_delimiter="#6e7681",
    comment="#7d8590",
    marker="#1a1a1a",
    marker_background="#ff7eb6",
    misspelled="#ff6b6b",
)


def is_dark_palette(palette: QPalette) -> bool:
    """Dark when the window colour is darker than mid-grey (what every Qt style uses for
    "the user chose a dark theme")."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _app_is_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return is_dark_palette(app.palette())


def _build_formats(palette: HighlightPalette) -> dict[str, QTextCharFormat]:
    """One character format per token kind; each sets only what it changes, so overlapping
    kinds (bold inside a link inside a quote) merge."""

    def fmt(
        foreground: str = "",
        background: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        strike: bool = False,
        fixed: bool = False,
    ) -> QTextCharFormat:
        result = QTextCharFormat()
        if foreground:
            result.setForeground(QColor(foreground))
        if background:
            result.setBackground(QColor(background))
        if bold:
            result.setFontWeight(QFont.Weight.Bold)
        if italic:
            result.setFontItalic(True)
        if underline:
            result.setFontUnderline(True)
        if strike:
            result.setFontStrikeOut(True)
        if fixed:
            family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
            result.setFontFamilies([family])
        return result

    p = palette
    misspelled = QTextCharFormat()
    misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    misspelled.setUnderlineColor(QColor(p.misspelled))
    return {
        "misspelled": misspelled,
        "heading": fmt(p.heading, bold=True),
        "rule": fmt(p.rule, bold=True),
        "emphasis": fmt(p.emphasis, italic=True),
        "strong": fmt(p.emphasis, bold=True),
        "strike": fmt(strike=True),
        "code": fmt(p.code, p.code_background, fixed=True),
        "fence": fmt(p.fence, p.code_background, bold=True, fixed=True),
        "link": fmt(p.link, underline=True),
        "url": fmt(p.url),
        "image": fmt(p.image),
        "list": fmt(p.list_marker, bold=True),
        "quote": fmt(p.quote, italic=True),
        "quote_marker": fmt(p.quote, bold=True),
        "front": fmt(p.front_matter, p.front_matter_background),
        "front_key": fmt(p.front_matter_key, p.front_matter_background, bold=True),
        "front_delimiter": fmt(p.front_matter_delimiter, p.front_matter_background, bold=True),
        "comment": fmt(p.comment, italic=True),
        "marker": fmt(p.marker, p.marker_background, bold=True),
    }


# ---------------------------------------------------------------------------- highlighter

Span = tuple[int, int, str]  # start, end, format key


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours markdown in a QTextDocument; see the module docstring for the cost model.

    One per document: creating a second one for the same document detaches the first.
    """

    #: Blocks whose state may change in one pass before the rest of the cascade is deferred:
    #: more than a screenful below the edit, so what the user sees is right at once.
    cascade_budget = 200
    #: Blocks whose state may change per idle-time continuation (about 10 ms, measured in
    #: bench/bench_editor.py), so typing during a long cascade waits at most that long.
    chunk_budget = 1500
    #: Lines spell-checked within one pass; the rest of a longer pass waits for idle time.
    spelling_budget = 300
    #: Lines spell-checked per idle-time step (about 5 ms).
    spelling_chunk = 150

    def __init__(
        self,
        document: QTextDocument,
        *,
        dark: bool | None = None,
        separators: Iterable[str] = (),
    ) -> None:
        # two highlighters on one document fight over block states and formats (and double
        # the cost): the newest one wins
        for other in document.findChildren(MarkdownHighlighter):
            if other.document() == document:
                other.setDocument(None)
        super().__init__(document)
        self._dark = _app_is_dark() if dark is None else dark
        self._palette = DARK_PALETTE if self._dark else LIGHT_PALETTE
        self._formats = _build_formats(self._palette)
        self._combined: dict[tuple[str, ...], QTextCharFormat] = {}
        self._separators: tuple[str, ...] = ()
        self._marker_re = re.compile(_STANDARD_MARKER)
        self._changed = 0  # blocks whose state changed in the current pass
        self._limit: int | None = None  # instead of cascade_budget, for this pass
        self._pending: list[QTextCursor] = []
        self._continue_timer = QTimer(self)
        self._continue_timer.setSingleShot(True)
        self._continue_timer.setInterval(0)
        self._continue_timer.timeout.connect(self._continue_cascade)
        self._speller: SpellChecker | None = None
        self._utf16: list[int] | None = None  # Qt's position of each character, astral lines
        # ranges of lines (first, last) still to be spell-checked, in order
        self._respell: list[list[QTextCursor]] = []
        self._pass_blocks = 0  # lines coloured in the current pass
        self._deferring: list[QTextCursor] | None = None  # this pass's range of unchecked lines
        self._deferred_last: QTextBlock | None = None
        self._respell_timer = QTimer(self)
        self._respell_timer.setSingleShot(True)
        self._respell_timer.setInterval(0)
        self._respell_timer.timeout.connect(self._continue_respell)
        # runs after QSyntaxHighlighter's own slot (connected in the constructor above): the
        # count starts afresh for the next edit's pass
        document.contentsChange.connect(self._end_pass)
        self._set_separators(separators)

    # ------------------------------------------------------------------ public API

    @property
    def dark(self) -> bool:
        """Whether the dark palette is in use."""
        return self._dark

    @property
    def palette(self) -> HighlightPalette:
        """The colours in use."""
        return self._palette

    def set_dark(self, dark: bool) -> None:
        """Switch between the light and dark palettes and re-colour the document."""
        if dark == self._dark:
            return
        self._dark = dark
        self._palette = DARK_PALETTE if dark else LIGHT_PALETTE
        self._formats = _build_formats(self._palette)
        self._combined.clear()
        self.rehighlight_all()

    @property
    def separators(self) -> tuple[str, ...]:
        """The site's own excerpt separators, highlighted like ``<!-- more -->``."""
        return self._separators

    def set_separators(self, separators: Iterable[str]) -> None:
        """Use a site's own excerpt separators (e.g. Jekyll's ``excerpt_separator``)."""
        before = self._separators
        self._set_separators(separators)
        if self._separators != before:
            self.rehighlight_all()

    def rehighlight_all(self) -> None:
        """Re-colour the whole document now (no deferred cascade is left behind)."""
        self._pending.clear()
        self._run_pass(self.rehighlight, limit=1 << 30)

    # ------------------------------------------------------------------ spelling

    @property
    def speller(self) -> SpellChecker | None:
        """What underlines unknown words; None: no spell checking."""
        return self._speller

    def set_speller(self, speller: SpellChecker | None, *, first_shown: int = 0) -> None:
        """Check spelling with ``speller`` (None: stop); every line is checked again, from
        line ``first_shown`` (the top of the view) on at once, the rest in idle-time chunks."""
        if speller is self._speller:
            return
        self._speller = speller
        self.respell(first_shown=first_shown)

    def respell(self, words: Iterable[str] | None = None, *, first_shown: int = 0) -> None:
        """Check again the lines holding one of ``words`` (all lines when None): a word was
        added to the dictionary or ignored. Lines from ``first_shown`` on go first."""
        document = self.document()
        if document is None:
            return
        top = document.findBlockByNumber(max(0, min(first_shown, document.blockCount() - 1)))
        if words is None:
            ranges = [[QTextCursor(top), QTextCursor(document.lastBlock())]]
            if top.blockNumber() > 0:
                ranges.append([QTextCursor(document.begin()), QTextCursor(top.previous())])
        else:
            wanted = [word for word in words if word]
            blocks = [
                block
                for block in _all_blocks(document)
                if any(word in block.text() for word in wanted)
            ]
            blocks.sort(key=lambda b: (b.blockNumber() < first_shown, b.blockNumber()))
            ranges = [[QTextCursor(block), QTextCursor(block)] for block in blocks]
        self._respell = ranges
        self._continue_respell()

    def respell_pending(self) -> bool:
        """Whether lines still wait to be checked again after a change of speller."""
        return bool(self._respell)

    def finish_respell(self) -> None:
        """Check every waiting line now (tests and benchmarks)."""
        while self._respell:
            self._continue_respell()

    def misspelled_at(self, block: QTextBlock, column: int) -> tuple[int, int, str] | None:
        """The unknown word at ``column`` (Qt's position in ``block``): its start and end in
        Qt's positions and the word; None when the word there is fine or is not checked."""
        if self._speller is None:
            return None
        text = block.text()
        utf16 = _utf16_positions(text)
        for start, end, _ in self._spelling_spans(text, block):
            first, last = (utf16[start], utf16[end]) if utf16 else (start, end)
            if first <= column <= last:
                return first, last, text[start:end]
        return None

    def _continue_respell(self) -> None:
        document = self.document()
        if document is None:
            self._respell.clear()
            return
        # re-colouring a line makes the document say its contents changed, which would ask
        # the window to render and journal the unchanged text once per line
        blocked = document.blockSignals(True)
        try:
            self._respell_chunk()
        finally:
            document.blockSignals(blocked)
        if self._respell:
            self._respell_timer.start()

    def _respell_chunk(self) -> None:
        budget = self.spelling_chunk
        while self._respell and budget > 0:
            first, last = self._respell[0]
            block, end = first.block(), last.block()
            done = False
            while budget > 0:
                if not block.isValid() or block.blockNumber() > end.blockNumber():
                    done = True
                    break
                self._rehighlight_block(block)
                budget -= 1
                if block == end:
                    done = True
                    break
                block = block.next()
            if done or not block.isValid():
                self._respell.pop(0)
            else:
                first.setPosition(block.position())

    def _spell_this_block(self) -> bool:
        """Whether to check the current line now; a line past the pass's budget is noted for
        an idle-time check instead."""
        if self._speller is None:
            return False
        if self._pass_blocks <= self.spelling_budget:
            return True
        block = self.currentBlock()
        if self._deferring is None:
            self._deferring = [QTextCursor(block), QTextCursor(block)]
            self._respell.append(self._deferring)
            self._respell_timer.start()
        self._deferred_last = block
        return False

    def _close_deferred(self) -> None:
        last = self._deferred_last
        if self._deferring is not None and last is not None and last.isValid():
            self._deferring[1] = QTextCursor(last)
        self._deferring = None
        self._deferred_last = None
        self._pass_blocks = 0

    def _rehighlight_block(self, block: QTextBlock) -> None:
        self._run_pass(lambda: self.rehighlightBlock(block), limit=self.chunk_budget)

    def _spelling_spans(self, text: str, block: QTextBlock) -> list[Span]:
        """The unknown words of ``block`` (Python positions in ``text``), by its context."""
        speller = self._speller
        if speller is None or not text:
            return []
        previous = block.previous()
        state = previous.userState() if previous.isValid() else -1
        if is_fence_state(state):
            return []
        if state in (FRONT_YAML, FRONT_TOML):
            words = front_matter_words(text)
        elif state in (-1, LEADING) and (_YAML_OPEN.match(text) or _TOML_FENCE.match(text)):
            return []
        else:
            fence = _FENCE_OPEN.match(text)
            if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
                return []
            if indent_width(text) >= 4 and self._in_indented_code(text, block, _SPELLING_LOOKBACK):
                return []
            words = prose_words(text)
        return [(start, end, "misspelled") for start, end, word in words if not speller.check(word)]

    def cascade_pending(self) -> bool:
        """Whether a fence or front matter change is still being carried down the document."""
        return bool(self._pending)

    def finish_cascade(self) -> None:
        """Carry any deferred cascade to the end now (tests and benchmarks wait with this)."""
        while self._pending:
            self._continue_cascade()

    @staticmethod
    def in_fence(block: QTextBlock) -> bool:
        """Whether ``block`` is a line inside a fenced code block (its closing fence included,
        its opening fence not)."""
        previous = block.previous()
        return previous.isValid() and is_fence_state(previous.userState())

    @staticmethod
    def in_front_matter(block: QTextBlock) -> bool:
        """Whether ``block`` is part of the front matter block, delimiters included."""
        previous = block.previous()
        return is_front_matter_state(block.userState()) or (
            previous.isValid() and is_front_matter_state(previous.userState())
        )

    # ------------------------------------------------------------------ QSyntaxHighlighter

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        """Colour one line; set its state; cut a long cascade (see module docstring)."""
        old = self.currentBlockState()
        self._pass_blocks += 1
        self._utf16 = _utf16_positions(text)
        state = self._highlight(text, self.previousBlockState())
        if old not in (state, -1):  # -1: a new block, never highlighted, is not a cascade
            self._changed += 1
            limit = self.cascade_budget if self._limit is None else self._limit
            if self._changed > limit:
                # keep the old state so Qt stops here; the true state is recomputed from this
                # block in an idle-time pass
                cursor = QTextCursor(self.currentBlock())
                cursor.setKeepPositionOnInsert(True)
                self._pending.append(cursor)
                self._continue_timer.start()
                state = old
        self.setCurrentBlockState(state)

    # ------------------------------------------------------------------ internals

    def _set_separators(self, separators: Iterable[str]) -> None:
        unique = dict.fromkeys(sep for sep in separators if sep and sep.strip())
        self._separators = tuple(unique)
        parts = [_STANDARD_MARKER, *(re.escape(sep) for sep in self._separators)]
        self._marker_re = re.compile("|".join(parts))

    def _end_pass(self, *_args: int) -> None:
        self._changed = 0
        self._close_deferred()

    def _run_pass(self, action: Callable[[], None], limit: int) -> None:
        self._close_deferred()
        self._changed, self._limit = 0, limit
        try:
            action()
        finally:
            self._changed, self._limit = 0, None
            self._close_deferred()

    def _continue_cascade(self) -> None:
        if not self._pending:
            return
        self._pending.sort(key=QTextCursor.position)
        block = self._pending.pop(0).block()
        document = self.document()
        blocked = document.blockSignals(True) if document is not None else False
        try:  # no "contents changed" for new colours: the text is the same (see respell)
            self._run_pass(lambda: self.rehighlightBlock(block), limit=self.chunk_budget)
        finally:
            if document is not None:
                document.blockSignals(blocked)
        if self._pending:
            self._continue_timer.start()

    def _highlight(self, text: str, previous: int) -> int:
        """Apply formats for one line and return its end state."""
        if previous >= _FENCE_BIT:
            return self._fence_line(text, previous)
        if previous in (FRONT_YAML, FRONT_TOML):
            return self._front_matter_line(text, previous)
        if previous in (-1, LEADING):
            if not text.strip():
                return LEADING
            if _YAML_OPEN.match(text):
                self._put(0, len(text), self._formats["front_delimiter"])
                return FRONT_YAML
            if _TOML_FENCE.match(text):
                self._put(0, len(text), self._formats["front_delimiter"])
                return FRONT_TOML
        if not text:
            return NORMAL
        return self._markdown_line(text)

    def _fence_line(self, text: str, state: int) -> int:
        char = "~" if state & 1 else "`"
        length = (state & (_FENCE_BIT - 1)) >> 1
        stripped = text.strip()
        if len(stripped) >= length and stripped[0] == char and not stripped.strip(char):
            self._put(0, len(text), self._formats["fence"])
            return NORMAL
        if text:
            self._put(0, len(text), self._formats["code"])
        return state

    def _front_matter_line(self, text: str, state: int) -> int:
        closer = _YAML_CLOSE if state == FRONT_YAML else _TOML_FENCE
        if closer.match(text):
            self._put(0, len(text), self._formats["front_delimiter"])
            return NORMAL
        if text:
            formats = self._formats
            self._put(0, len(text), formats["front"])
            if _FRONT_COMMENT.match(text):
                self._put(0, len(text), self._combo(("front", "comment")))
            else:
                key = _FRONT_KEY.match(text)
                if key:
                    self._put(0, key.end(), formats["front_key"])
                if self._spell_this_block():
                    for start, end, _ in self._spelling_spans(text, self.currentBlock()):
                        self._put(start, end, self._combo(("front", "misspelled")))
        return state

    def _markdown_line(self, text: str) -> int:
        fence = _FENCE_OPEN.match(text)
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            # any indentation: a fence nested in a list item is usually indented 4 spaces
            self._put(0, len(text), self._formats["fence"])
            return fence_state(fence.group(1)[0], len(fence.group(1)))
        spans: list[Span] = []
        length = len(text)
        offset = 0
        first = text.lstrip()[:1]
        if first == ">":
            quote = _QUOTE.match(text)
            if quote:
                offset = quote.end()
                spans.append((0, length, "quote"))
                spans.append((0, offset, "quote_marker"))
        rest_first = text[offset:].lstrip()[:1]
        if rest_first == "#" and _HEADING.match(text, offset):
            spans.append((offset, length, "heading"))
        elif rest_first in "=-*_" and _RULE.match(text, offset):
            spans.append((offset, length, "rule"))
            self._apply(spans)
            return NORMAL
        if rest_first in "-*+0123456789":
            item = _LIST.match(text, offset)
            if item:
                spans.append((offset, item.end(), "list"))
        if rest_first == "[":
            definition = _LINK_DEFINITION.match(text, offset)
            if definition:
                spans.append((offset, definition.end(), "url"))
        self._inline(text, spans)
        if self._spell_this_block():
            spans.extend(self._spelling_spans(text, self.currentBlock()))
        self._apply(spans)
        return NORMAL

    def _inline(self, text: str, spans: list[Span]) -> None:
        code: list[tuple[int, int]] = code_span_ranges(text) if "`" in text else []

        def free(start: int, end: int) -> bool:
            """Not overlapping a code span: markup inside code is text."""
            return not code or not any(start < c_end and c_start < end for c_start, c_end in code)

        star = "*" in text
        underscore = "_" in text
        if star or underscore:
            # two patterns, each run only when its character occurs: an alternation is slower
            for pattern, present in ((_EMPHASIS_STAR, star), (_EMPHASIS_UNDERSCORE, underscore)):
                if present:
                    spans.extend(
                        (m.start(), m.end(), "emphasis")
                        for m in pattern.finditer(text)
                        if free(m.start(), m.end())
                    )
            spans.extend(
                (m.start(), m.end(), "strong")
                for m in _STRONG.finditer(text)
                if free(m.start(), m.end())
            )
        if "~~" in text:
            spans.extend(
                (m.start(), m.end(), "strike")
                for m in _STRIKE.finditer(text)
                if free(m.start(), m.end())
            )
        if "[" in text:
            for match in _LINK.finditer(text):
                if free(match.start(), match.start() + 1):
                    target = match.start(3)
                    spans.append((match.start(), target, "image" if match.group(1) else "link"))
                    spans.append((target, match.end(3), "url"))
        if "<" in text:
            spans.extend(
                (m.start(), m.end(), "url")
                for m in _AUTOLINK.finditer(text)
                if free(m.start(), m.end())
            )
            if "<!--" in text:
                spans.extend(
                    (m.start(), m.end(), "comment")
                    for m in _COMMENT.finditer(text)
                    if free(m.start(), m.end())
                )
        spans.extend((start, end, "code") for start, end in code)
        if "<!--" in text or self._separators:
            markers = [m for m in self._marker_re.finditer(text) if free(m.start(), m.end())]
            if markers and not self._in_indented_code(text, self.currentBlock()):
                spans.extend((m.start(), m.end(), "marker") for m in markers)

    def _in_indented_code(
        self, text: str, current: QTextBlock, lookback: int = _INDENTED_CODE_LOOKBACK
    ) -> bool:
        """Whether this line is indented code, as :func:`code_line_mask` decides it.

        Indented code depends on the lines above (blank lines, list items), which block states
        do not carry; so only for a marker line, scan back to where the scanner's state is known
        (a paragraph start, or the end of a fence or of the front matter).
        """
        if indent_width(text) < 4:
            return False
        window: list[str] = [text]
        block = current.previous()
        for _ in range(lookback):
            if not block.isValid():
                break
            state = block.userState()
            if is_fence_state(state) or is_front_matter_state(state):
                window[-1] = "x"  # that block's closing line: a non-blank, non-code line
                break
            line = block.text()
            window.append(line)
            before = block.previous()
            if (
                line.strip()
                and indent_width(line) < 4
                and not LIST_ITEM.match(line)
                and (not before.isValid() or not before.text().strip())
            ):
                break
            block = before
        window.reverse()
        return code_line_mask(window)[-1]

    def _combo(self, keys: tuple[str, ...]) -> QTextCharFormat:
        combined = self._combined.get(keys)
        if combined is None:
            combined = QTextCharFormat()
            for key in keys:
                combined.merge(self._formats[key])
            self._combined[keys] = combined
        return combined

    def _apply(self, spans: list[Span]) -> None:
        """Set formats; where spans overlap, merge their formats in the order they were added
        (so a later span's colour wins but an earlier span's bold or italic stays)."""
        if not spans:
            return
        formats = self._formats
        if len(spans) == 1:
            start, end, key = spans[0]
            self._put(start, end, formats[key])
            return
        ordered = sorted(spans)
        reach = -1
        for start, end, _ in ordered:
            if start < reach:
                break
            reach = end
        else:  # no overlap: the common case for prose
            for start, end, key in ordered:
                self._put(start, end, formats[key])
            return
        events = sorted(
            [(start, 1, order) for order, (start, _, _) in enumerate(spans)]
            + [(end, 0, order) for order, (_, end, _) in enumerate(spans)]
        )
        active: set[int] = set()
        position = 0
        for edge, opening, order in events:
            if edge > position and active:
                keys = tuple(spans[i][2] for i in sorted(active))
                self._put(position, edge, self._combo(keys))
            position = edge
            if opening:
                active.add(order)
            else:
                active.discard(order)

    def _put(self, start: int, end: int, char_format: QTextCharFormat) -> None:
        """``setFormat`` from Python positions on the line (Qt counts UTF-16 units)."""
        utf16 = self._utf16
        if utf16 is not None:
            start, end = utf16[start], utf16[end]
        self.setFormat(start, end - start, char_format)


def _utf16_positions(text: str) -> list[int] | None:
    """For a line with characters outside the BMP (emoji), Qt's position of every Python
    position (one past the end included); None when both agree."""
    if text.isascii() or not _ASTRAL.search(text):
        return None
    positions = [0]
    for char in text:
        positions.append(positions[-1] + (2 if ord(char) > 0xFFFF else 1))
    return positions


def _all_blocks(document: QTextDocument) -> list[QTextBlock]:
    blocks = []
    block = document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks
