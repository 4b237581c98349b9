"""The markdown editing widget: list-aware typing, table cells (Tab, Shift+Tab, Enter, Format
Table), emphasis and link commands, zoom, rich text pasted as markdown, images pasted, dropped
or inserted where the post's site keeps them, typewriter scrolling and a centred text column
for focus mode.

Every command edits through one QTextCursor edit block, so one Undo reverts one action.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPixmap,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QPlainTextEdit, QWidget

from editor.core import tables
from editor.core.filekinds import IMAGE_SUFFIXES, POST_SUFFIXES
from editor.core.mdscan import LIST_ITEM_PARTS
from editor.gui.highlighter import MarkdownHighlighter

IMAGES_FOLDER = "images"
#: where an image named ``name`` is saved and the link the post uses for it
ImagePlace = Callable[[str], tuple[Path, str]]
#: adds entries to the editor's context menu for the text at a cursor
MenuProvider = Callable[[QMenu, QTextCursor], None]
#: the width of the text column in focus mode, in characters
READABLE_COLUMNS = 72
_TABLE_LOOK = 2000  # lines looked at above and below the cursor for a table's rows

_QUOTE_PREFIX = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)\S+$", re.IGNORECASE)

_MIN_POINTS = 6.0
_MAX_POINTS = 72.0
_DEFAULT_POINTS = 11.0


# ---------------------------------------------------------------------------- pure helpers


@dataclass(frozen=True)
class Continuation:
    """What Enter does at the end of a list item or quote line.

    ``marker_end``: where the line's text starts (after ``> ``, ``- ``, ``1. `` or ``- [ ] ``);
    ``next_prefix``: what the new line starts with; ``empty``: nothing follows the marker, so
    Enter ends the list or quote, leaving ``keep`` on the line.
    """

    marker_end: int
    next_prefix: str
    empty: bool
    keep: str


def continuation(line: str) -> Continuation | None:
    """How a line continues on Enter, or None when it is not a list item or quote."""
    quote_match = _QUOTE_PREFIX.match(line)
    quote = quote_match.group() if quote_match else ""
    item = LIST_ITEM_PARTS.match(line, len(quote))
    if item:  # the space after the marker is required: a line "2024." is not an empty item
        if item["number"]:
            number = item["number"]
            marker = str(int(number) + 1).zfill(len(number)) + item["delim"]
        else:
            marker = item["bullet"]
        gap = item["gap"]
        task = "[ ] " if item["task"] else ""
        prefix = _spaced(quote) + item["indent"] + marker + gap + task
        end = item.end()
        return Continuation(end, prefix, not line[end:].strip(), _spaced(quote) if quote else "")
    if quote:
        return Continuation(len(quote), _spaced(quote), not line[len(quote) :].strip(), "")
    return None


def _spaced(quote: str) -> str:
    """``>`` as the start of a new line is written ``> ``."""
    return quote if not quote or quote[-1] in " \t" else quote + " "


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _alt_escape(alt: str) -> str:
    """Alt text safe inside ``![...]``: brackets and backslashes escaped, one line."""
    one_line = " ".join(alt.split())
    return one_line.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _suggested_alt(stem: str) -> str:
    """A file name as words, a starting point for alt text: ``red_fox-2`` -> ``red fox 2``."""
    return " ".join(re.split(r"[-_.\s]+", stem)).strip()


def _file_slug(name: str, fallback: str) -> str:
    """A file-name-safe slug; ``fallback`` when ``name`` has no letters or digits."""
    if not any(char.isalnum() for char in name):
        return fallback
    from editor.core.slug import make_slug

    return make_slug(name, max_length=60)


# ---------------------------------------------------------------------------- widget


ImageSource = Path | QImage


class EditorPane(QPlainTextEdit):
    """The markdown editor: a QPlainTextEdit with the typing help a blog writer expects.

    Colouring is separate: attach a :class:`MarkdownHighlighter` to :meth:`document`. Enter
    reads its block states to leave fenced code alone (without one, every line is prose).
    """

    #: A line for the status bar (image saved, post not saved yet, image unreadable...).
    message = Signal(str)
    #: A markdown file was dropped on the editor: the window decides whether to open it.
    file_dropped = Signal(Path)
    #: Esc was pressed in the editor (focus mode leaves on it).
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Asked for an image's alt text with a suggestion; None cancels the insertion.
        #: Replace it to use another dialog (or none, in tests).
        self.ask_alt_text: Callable[[str], str | None] = self._ask_alt_text_dialog
        #: What Tab adds before a list item: four spaces nest lists for CommonMark and for
        #: Python-Markdown alike (two are not enough for the latter).
        self.indent_unit = "    "
        self._folder: Path | None = None
        #: where pasted and inserted images go (the post's site decides); None: beside the post
        self.image_place: ImagePlace | None = None
        #: asked, in order, to add entries to the context menu (spelling suggestions...)
        self.menu_providers: list[MenuProvider] = []
        self._typewriter = False
        self._mouse_down = False
        self._columns: int | None = None
        self._zoom_steps = 0
        self._base_font = _default_font()
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.set_wrap(True)
        self._apply_font()
        self.cursorPositionChanged.connect(self._keep_centred)

    # ------------------------------------------------------------------ view settings

    def set_wrap(self, wrap: bool) -> None:
        """Soft-wrap long lines at the window edge (the file keeps its own line breaks)."""
        mode = (
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )
        self.setLineWrapMode(mode)

    def wraps(self) -> bool:
        """Whether long lines are soft-wrapped."""
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def set_editor_font(self, font: QFont) -> None:
        """Use ``font`` at zoom 0; the current zoom steps still apply on top of it."""
        self._base_font = QFont(font)
        self._apply_font()

    def editor_font(self) -> QFont:
        """The font as chosen, before zoom."""
        return QFont(self._base_font)

    def zoom(self, steps: int) -> None:
        """Make the text ``steps`` points larger (negative: smaller), within 6-72 points."""
        base = self._base_points()
        lowest, highest = math.ceil(_MIN_POINTS - base), math.floor(_MAX_POINTS - base)
        self._zoom_steps = max(lowest, min(highest, self._zoom_steps + steps))
        self._apply_font()

    def reset_zoom(self) -> None:
        """Back to the chosen font size."""
        self._zoom_steps = 0
        self._apply_font()

    def zoom_steps(self) -> int:
        """Points added to the chosen font size by zooming."""
        return self._zoom_steps

    def _base_points(self) -> float:
        size = self._base_font.pointSizeF()
        return size if size > 0 else _DEFAULT_POINTS

    def _apply_font(self) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_points() + self._zoom_steps)
        self.setFont(font)
        self.setTabStopDistance(4 * QFontMetricsF(font).horizontalAdvance(" "))
        self._apply_columns()

    # ------------------------------------------------------------------ focus and typewriter

    def set_text_columns(self, columns: int | None) -> None:
        """Centre the text in a column ``columns`` characters wide (None: the full width)."""
        self._columns = columns
        self._apply_columns()

    def text_columns(self) -> int | None:
        """The width of the centred text column, None when the text uses the full width."""
        return self._columns

    def _apply_columns(self) -> None:
        margin = 0
        if self._columns is not None:
            advance = QFontMetricsF(self.font()).horizontalAdvance("n")
            text = self._columns * advance + 2 * self.document().documentMargin()
            scroll = self.verticalScrollBar().sizeHint().width()
            margin = max(0, int((self.width() - scroll - text) / 2))
        if self.viewportMargins().left() != margin:
            self.setViewportMargins(margin, 0, margin, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the focus column centred."""
        super().resizeEvent(event)
        self._apply_columns()

    def set_typewriter(self, on: bool) -> None:
        """Typewriter scrolling: the line being written stays in the middle of the view."""
        self._typewriter = on
        self.setCenterOnScroll(on)
        if on:
            self.centerCursor()

    def typewriter(self) -> bool:
        """Whether typewriter scrolling is on."""
        return self._typewriter

    def _keep_centred(self) -> None:
        if self._typewriter and not self._mouse_down:
            self.centerCursor()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click or a drag-selection does not scroll the text under the mouse."""
        self._mouse_down = True
        try:
            super().mousePressEvent(event)
        finally:
            self._mouse_down = event.buttons() != Qt.MouseButton.NoButton

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """See :meth:`mousePressEvent`."""
        super().mouseReleaseEvent(event)
        self._mouse_down = False

    # ------------------------------------------------------------------ lines and scrolling

    def cursor_line(self) -> int:
        """The 0-based block (file line) the text cursor is on."""
        return self.textCursor().blockNumber()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of 0-based ``line`` (clamped) and centre it."""
        block = self._block(line)
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()

    def first_visible_line(self) -> int:
        """The 0-based block shown at the top of the view."""
        return self.firstVisibleBlock().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        """Scroll so 0-based ``line`` is at the top (as far as the document allows), without
        moving the cursor: for keeping the editor in step with the preview."""
        block = self._block(line)
        # QPlainTextEdit's vertical scroll bar counts visual lines
        self.verticalScrollBar().setValue(block.firstLineNumber())

    def _block(self, line: int) -> QTextBlock:
        document = self.document()
        return document.findBlockByNumber(max(0, min(line, document.blockCount() - 1)))

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter continues lists and quotes and, at a table row's end, adds a row; Shift+Enter is
        a bare line break; Tab and Shift+Tab move between table cells, else indent and outdent;
        Esc is told to the window."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape and modifiers == Qt.KeyboardModifier.NoModifier:
            self.escape_pressed.emit()
            event.ignore()
            return
        plain_or_shift = modifiers in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        )
        if (
            key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and plain_or_shift
            and self._table_tab(
                backward=key == Qt.Key.Key_Backtab or modifiers == Qt.KeyboardModifier.ShiftModifier
            )
        ):
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers == Qt.KeyboardModifier.NoModifier and self._table_enter():
                event.accept()
                return
            if modifiers == Qt.KeyboardModifier.NoModifier:
                self._enter()
                event.accept()
                return
            if modifiers == Qt.KeyboardModifier.ShiftModifier:
                # Qt would insert U+2028, a line break inside one block: the file would get a
                # line the block numbers (and go_to_line) do not count
                self.textCursor().insertBlock()
                self.ensureCursorVisible()
                event.accept()
                return
        if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            self._tab(outdent=False)
            event.accept()
            return
        if key == Qt.Key.Key_Backtab or (
            key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.ShiftModifier
        ):
            self._tab(outdent=True)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl+wheel zooms through :meth:`zoom`, so :meth:`reset_zoom` can undo it."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------------ tables

    def _table_here(self) -> tuple[list[QTextBlock], int] | None:
        """The blocks of the table holding the cursor and the cursor's row among them."""
        block = self.textCursor().block()
        if MarkdownHighlighter.in_fence(block) or not tables.is_row(block.text()):
            return None
        above: list[QTextBlock] = []
        current = block.previous()
        while current.isValid() and len(above) < _TABLE_LOOK and tables.is_row(current.text()):
            above.append(current)
            current = current.previous()
        below: list[QTextBlock] = []
        current = block.next()
        while current.isValid() and len(below) < _TABLE_LOOK and tables.is_row(current.text()):
            below.append(current)
            current = current.next()
        blocks = [*reversed(above), block, *below]
        bounds = tables.table_bounds([b.text() for b in blocks], len(above))
        if bounds is None:
            return None
        first, last = bounds
        return blocks[first : last + 1], len(above) - first

    def _select_cell(self, block: QTextBlock, index: int) -> None:
        cells = tables.cells_of(block.text())
        cell = cells[max(0, min(index, len(cells) - 1))]
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + cell.start)
        cursor.setPosition(block.position() + cell.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _table_tab(self, *, backward: bool) -> bool:
        """Tab: the next cell (a new row after the last); Shift+Tab: the previous cell. False
        when the cursor is not in a table."""
        found = self._table_here()
        if found is None or (self.textCursor().hasSelection() and self._selection_spans_lines()):
            return False
        blocks, row = found
        block = blocks[row]
        count = len(tables.cell_ranges(block.text()))
        index = tables.cell_index_at(block.text(), self.textCursor().positionInBlock())
        if not backward:
            if index + 1 < count:
                self._select_cell(block, index + 1)
                return True
            following = row + 1 + (row == 0)  # the delimiter row holds no text
            if following < len(blocks):
                self._select_cell(blocks[following], 0)
            else:
                self._add_row(block)
            return True
        if index > 0:
            self._select_cell(block, index - 1)
            return True
        previous = row - 1 - (row == 2)
        if previous >= 0 and row > 0:
            self._select_cell(blocks[previous], len(tables.cell_ranges(blocks[previous].text())))
        return True

    def _selection_spans_lines(self) -> bool:
        cursor = self.textCursor()
        document = self.document()
        return document.findBlock(cursor.selectionStart()) != document.findBlock(
            cursor.selectionEnd()
        )

    def _table_enter(self) -> bool:
        """Enter at the end of a table row adds an empty row below it."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        if cursor.positionInBlock() < len(block.text().rstrip()):
            return False
        found = self._table_here()
        if found is None or (found[1] == 1 and len(found[0]) > 2):
            return False
        self._add_row(block)
        return True

    def _add_row(self, after: QTextBlock) -> None:
        row, column = tables.empty_row(after.text())
        cursor = QTextCursor(after)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.beginEditBlock()
        cursor.insertBlock()
        cursor.insertText(row)
        cursor.endEditBlock()
        cursor.setPosition(cursor.block().position() + column)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def format_table(self) -> bool:
        """Align the pipes of the table at the cursor, as one undo step; the cursor stays in
        its cell. False (and a message) when the cursor is not in a table."""
        found = self._table_here()
        if found is None:
            self.message.emit("Put the cursor in a table to format it")
            return False
        blocks, row = found
        old = [block.text() for block in blocks]
        new = tables.format_table(old)
        if new == old:
            return True
        index = tables.cell_index_at(old[row], self.textCursor().positionInBlock())
        first = blocks[0].blockNumber()
        cursor = QTextCursor(blocks[0])
        end = blocks[-1].position() + blocks[-1].length() - 1
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText("\n".join(new))
        cursor.endEditBlock()
        block = self.document().findBlockByNumber(first + row)
        cells = tables.cells_of(block.text())
        place = QTextCursor(block)
        if cells and row != 1:
            place.setPosition(block.position() + cells[min(index, len(cells) - 1)].end)
        self.setTextCursor(place)
        return True

    # ------------------------------------------------------------------ the context menu

    def context_menu(self, position: QPoint) -> QMenu:
        """The menu for a right click at ``position`` (viewport coordinates): the providers'
        entries (spelling suggestions...), then the standard edit actions."""
        menu = self.createStandardContextMenu(position)
        paste = next((a for a in menu.actions() if a.objectName() == "edit-paste"), None)
        plain = menu.addAction("Paste as Plain Text")
        plain.setShortcut(QKeySequence("Ctrl+Shift+V"))
        plain.setEnabled(paste.isEnabled() if paste is not None else True)
        plain.triggered.connect(self.paste_plain)
        if paste is not None:
            following = menu.actions()[menu.actions().index(paste) + 1]
            menu.removeAction(plain)
            menu.insertAction(following, plain)
        cursor = self.cursorForPosition(position)
        for provider in self.menu_providers:
            provider(menu, cursor)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        """Show :meth:`context_menu`."""
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _enter(self) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        try:
            if cursor.hasSelection():
                cursor.removeSelectedText()
            block = cursor.block()
            text = block.text()
            column = cursor.positionInBlock()
            cont = None if MarkdownHighlighter.in_fence(block) else continuation(text)
            if cont is None:
                indent = _indent_of(text[:column])
                cursor.insertBlock()
                cursor.insertText(indent)
            elif column < cont.marker_end:
                cursor.insertBlock()
            elif cont.empty:
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.insertText(cont.keep)
            else:
                cursor.insertBlock()
                tail = cursor.block().text()
                spaces = len(tail) - len(tail.lstrip(" \t"))
                if spaces:
                    cursor.movePosition(
                        QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, spaces
                    )
                cursor.insertText(cont.next_prefix)
        finally:
            cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _tab(self, *, outdent: bool) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            block = cursor.block()
            if not outdent and continuation(block.text()) is None:
                width = len(self.indent_unit)
                column = cursor.positionInBlock()
                cursor.insertText(" " * (width - column % width))
                self.setTextCursor(cursor)
                return
            self._shift_lines(block, block, outdent=outdent)
            return
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if last != first and cursor.selectionEnd() == last.position():
            last = last.previous()  # a selection ending at a line start leaves that line alone
        self._shift_lines(first, last, outdent=outdent)
        reselect = QTextCursor(first)
        reselect.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(reselect)

    def _shift_lines(self, first: QTextBlock, last: QTextBlock, *, outdent: bool) -> None:
        """Indent or outdent every line from ``first`` to ``last``, after any ``>`` prefix."""
        editor = QTextCursor(self.document())
        editor.beginEditBlock()
        try:
            block = first
            while block.isValid():
                self._shift_line(editor, block, outdent=outdent)
                if block == last:
                    break
                block = block.next()
        finally:
            editor.endEditBlock()

    def _shift_line(self, editor: QTextCursor, block: QTextBlock, *, outdent: bool) -> None:
        text = block.text()
        quote = _QUOTE_PREFIX.match(text)
        start = quote.end() if quote else 0
        editor.setPosition(block.position() + start)
        if not outdent:
            if text.strip():
                editor.insertText(self.indent_unit)
            return
        rest = text[start:]
        if rest.startswith("\t"):
            remove = 1
        else:
            remove = min(len(rest) - len(rest.lstrip(" ")), len(self.indent_unit))
        if remove:
            editor.setPosition(block.position() + start + remove, QTextCursor.MoveMode.KeepAnchor)
            editor.removeSelectedText()

    # ------------------------------------------------------------------ formatting commands

    def toggle_bold(self) -> None:
        """Wrap the selection (or the word at the cursor) in ``**``, or unwrap it if it is."""
        self._toggle_emphasis(strong=True)

    def toggle_italic(self) -> None:
        """Wrap the selection (or the word at the cursor) in ``*``, or unwrap it if it is."""
        self._toggle_emphasis(strong=False)

    def _toggle_emphasis(self, *, strong: bool) -> None:
        width = 2 if strong else 1

        def marks(run: int) -> bool:
            # "**" or "***" can give bold; "*" or "***" can give italic
            return run >= 2 if strong else run in (1, 3)

        cursor = self.textCursor()
        caret: int | None = None
        if not cursor.hasSelection():
            word = QTextCursor(cursor)
            word.select(QTextCursor.SelectionType.WordUnderCursor)
            if not word.hasSelection() or not word.selectedText().strip():
                cursor.beginEditBlock()
                cursor.insertText("*" * (2 * width))
                cursor.endEditBlock()
                cursor.movePosition(QTextCursor.MoveOperation.Left, n=width)
                self.setTextCursor(cursor)
                return
            caret = cursor.position() - word.selectionStart()
            cursor = word
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        selected = cursor.selectedText()
        document = self.document()
        before_text = "".join(document.characterAt(p) for p in range(start - 1, start - 4, -1))
        after_text = "".join(document.characterAt(p) for p in range(end, end + 3))
        editor = QTextCursor(self.document())
        editor.beginEditBlock()
        try:
            for char in "*_":
                lead, trail = _run(selected, char), _run(selected[::-1], char)
                if len(selected) > 2 * width and marks(lead) and marks(trail):
                    _delete(editor, end - width, end)
                    _delete(editor, start, start + width)
                    inner_start, inner_end = start, end - 2 * width
                    break
                before, after = _run(before_text, char), _run(after_text, char)
                if selected and marks(before) and marks(after):
                    _delete(editor, end, end + width)
                    _delete(editor, start - width, start)
                    inner_start, inner_end = start - width, end - width
                    break
            else:
                editor.setPosition(end)
                editor.insertText("*" * width)
                editor.setPosition(start)
                editor.insertText("*" * width)
                inner_start, inner_end = start + width, end + width
        finally:
            editor.endEditBlock()
        result = QTextCursor(self.document())
        if caret is None:
            result.setPosition(inner_start)
            result.setPosition(inner_end, QTextCursor.MoveMode.KeepAnchor)
        else:
            result.setPosition(min(inner_start + caret, inner_end))
        self.setTextCursor(result)

    def insert_link(self) -> None:
        """Wrap the selection as ``[text]()`` with the cursor between the parentheses, ready
        for the URL; a selected URL becomes ``[](url)`` with the cursor in the text part."""
        cursor = self.textCursor()
        selected = cursor.selectedText().replace("\u2029", " ")
        cursor.beginEditBlock()
        if _URL.match(selected.strip()):
            cursor.insertText(f"[]({selected.strip()})")
            back = len(selected.strip()) + 3
        else:
            cursor.insertText(f"[{selected}]()")
            back = 1
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Left, n=back)
        self.setTextCursor(cursor)

    # ------------------------------------------------------------------ images and drops

    def set_document_folder(self, path: Path | None) -> None:
        """The folder of the post's file (None for an unsaved post): images go into its
        ``images/`` folder."""
        self._folder = Path(path) if path is not None else None

    def document_folder(self) -> Path | None:
        """Where the post's file is, if it has one."""
        return self._folder

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt override
        """Accept image data and image or markdown files besides text."""
        if source.hasImage() or _local_files(source, IMAGE_SUFFIXES | POST_SUFFIXES):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        """Paste: image files and image data become files where the post keeps images, and
        links; rich text (HTML) becomes markdown (not inside a code block)."""
        images = _image_sources(source)
        html = source.html() if source.hasHtml() else ""
        if images and (not isinstance(images[0], QImage) or not _html_has_text(html)):
            self._insert_images(images, self.textCursor())
            return
        if html and not MarkdownHighlighter.in_fence(self.textCursor().block()):
            from editor.core.htmlpaste import MAX_HTML_CHARS, html_to_markdown

            markdown = html_to_markdown(html)
            if markdown is not None:
                self._insert_plain(markdown)
                return
            if len(html) > MAX_HTML_CHARS:
                self.message.emit(
                    "Pasted as plain text: the formatted text was too long to convert"
                )
        self._insert_plain(source.text() if source.hasText() else "")

    def paste_plain(self) -> None:
        """Paste the clipboard's plain text, whatever else it holds."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasText():
            self._insert_plain(mime.text())

    def _insert_plain(self, text: str) -> None:
        if "\0" in text:
            # a NUL byte would make the saved post unreadable as text: it is never a word
            text = text.replace("\0", "")
            self.message.emit("Pasted text held NUL characters; they were left out")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Take markdown files without moving the drop caret: they are opened, not inserted."""
        if _local_files(event.mimeData(), POST_SUFFIXES) or _local_dirs(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        """See :meth:`dragEnterEvent`."""
        if _local_files(event.mimeData(), POST_SUFFIXES) or _local_dirs(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Markdown files: :attr:`file_dropped`. Images: saved and linked where dropped, once
        the drop has finished (the alt text dialog must not run inside the drag)."""
        mime = event.mimeData()
        markdown = _local_files(mime, POST_SUFFIXES) + _local_dirs(mime)  # a folder: a site
        images = [] if markdown else _image_sources(mime)
        if not markdown and not images:
            super().dropEvent(event)
            return
        super().dragLeaveEvent(QDragLeaveEvent())  # clears the drop caret
        event.acceptProposedAction()
        for path in markdown:
            self.file_dropped.emit(path)
        if images:
            at = self.cursorForPosition(event.position().toPoint())
            QTimer.singleShot(0, self, lambda: self._insert_images(images, at))

    def insert_image_files(self, paths: Iterable[Path]) -> None:
        """Copy image files where the post keeps images and link them at the cursor."""
        self._insert_images(list(paths), self.textCursor())

    def _insert_images(self, sources: Iterable[ImageSource], at: QTextCursor) -> None:
        folder = self._folder
        if folder is None:
            self.message.emit(
                "Save the post first: images are stored beside it or where its site keeps "
                "them. Then insert the image again."
            )
            return
        links: list[str] = []
        saved: list[str] = []
        for source in sources:
            suggestion = _suggested_alt(source.stem) if isinstance(source, Path) else ""
            alt = self.ask_alt_text(suggestion)
            if alt is None:
                continue
            try:
                relative = self._store_image(source, alt, folder)
            except OSError as exc:
                self.message.emit(f"The image could not be saved: {exc}")
                continue
            if relative is None:
                self.message.emit("The pasted image could not be read.")
                continue
            links.append(f"![{_alt_escape(alt)}]({relative})")
            saved.append(relative)
        if not links:
            return
        body_start = self._body_start()
        if at.position() < body_start:  # never inside the front matter: before the body's text
            at.setPosition(body_start)
            block = at.block()
            while not block.text().strip() and block.next().isValid():
                block = block.next()
            at.setPosition(block.position())
        # the link on a line of its own: a paragraph of its own when text is around it
        line = at.block().text()
        column = at.positionInBlock()
        before = "\n\n" if line[:column].strip() else ""
        after = "\n\n" if line[column:].strip() else ""
        at.beginEditBlock()
        at.insertText(before + "\n".join(links) + after)
        at.endEditBlock()
        if after:
            at.movePosition(QTextCursor.MoveOperation.Left, n=len(after))
        self.setTextCursor(at)
        self.message.emit(f"Image saved as {', '.join(saved)}")

    def _body_start(self) -> int:
        """Where the body starts, in Qt's positions (0 for a post without front matter)."""
        from editor.core.formfields import utf16_length
        from editor.core.post import find_block

        text = self.document().toRawText().replace("\u2029", "\n")
        block, _error = find_block(text)
        if block is None:
            return 0
        return utf16_length(text[: block.end])

    def _store_image(self, source: ImageSource, alt: str, folder: Path) -> str | None:
        """Copy or write the image where :attr:`image_place` says (``folder/images`` without
        one); the link to it. A file already inside the post's folder is linked where it is;
        the same image already in place is linked, not copied again."""
        data: bytes | None
        if isinstance(source, Path):
            resolved = source.resolve()
            if resolved.is_relative_to(folder.resolve()):
                return resolved.relative_to(folder.resolve()).as_posix()
            data = source.read_bytes()
            stem = _file_slug(source.stem, _file_slug(alt, "image"))
            suffix = source.suffix.lower()
        else:
            data = _png_bytes(source)
            if data is None:
                return None
            stem = _file_slug(alt, "pasted-image")
            suffix = ".png"
        place = self.image_place or (
            lambda name: (folder / IMAGES_FOLDER / name, f"{IMAGES_FOLDER}/{name}")
        )
        for number in count(1):
            path, link = place(f"{stem}{'' if number == 1 else f'-{number}'}{suffix}")
            if _write_new(path, data):
                return link
        raise AssertionError("unreachable")  # pragma: no cover - count() never ends

    def _ask_alt_text_dialog(self, suggestion: str) -> str | None:
        text, accepted = QInputDialog.getText(
            self,
            "Describe the image",
            "Alt text (read to readers who cannot see the image):",
            QLineEdit.EchoMode.Normal,
            suggestion,
        )
        return text if accepted else None


# ---------------------------------------------------------------------------- helpers


def _default_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if font.pointSizeF() < _DEFAULT_POINTS:
        font.setPointSizeF(_DEFAULT_POINTS)
    return font


def _run(text: str, char: str) -> int:
    """How many ``char`` start ``text`` (at most 3)."""
    length = 0
    while length < min(3, len(text)) and text[length] == char:
        length += 1
    return length


def _delete(editor: QTextCursor, start: int, end: int) -> None:
    editor.setPosition(start)
    editor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.removeSelectedText()


def _local_files(mime: QMimeData, suffixes: frozenset[str]) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in suffixes
    ]


def _local_dirs(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and Path(url.toLocalFile()).is_dir()
    ]


def _image_sources(mime: QMimeData) -> list[ImageSource]:
    """Image files first (they keep their format and name), else the image data itself."""
    files: list[ImageSource] = [
        path for path in _local_files(mime, IMAGE_SUFFIXES) if path.is_file()
    ]
    if files:
        return files
    if mime.hasImage():
        data = mime.imageData()
        if isinstance(data, QPixmap):
            data = data.toImage()
        if isinstance(data, QImage):
            return [data]
    return []


def _write_new(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file ``path``; True too when ``path`` already holds exactly
    ``data``; False when another file is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = path.open("xb")
    except FileExistsError:
        try:
            return path.is_file() and path.read_bytes() == data
        except OSError:
            return False
    try:
        with handle:
            handle.write(data)
    except OSError:
        path.unlink(missing_ok=True)
        raise
    return True


_TAG = re.compile(r"<[^>]*>")


def _html_has_text(html: str) -> bool:
    """Whether HTML shows words besides images (a copied image comes with an ``<img>``)."""
    if not html:
        return False
    from editor.core.htmlpaste import MAX_HTML_CHARS

    body = re.sub(r"(?is)<(head|style|script)\b.*?</\1>", "", html[:MAX_HTML_CHARS])
    return bool(_TAG.sub("", body).replace("&nbsp;", "").strip())


def _png_bytes(image: QImage) -> bytes | None:
    if image.isNull():
        return None
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        return None
    return bytes(buffer.data().data())
