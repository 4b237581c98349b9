"""A token input for tags, categories and authors: chips with remove buttons and a line edit.

A post's tags are a list, and a list typed as "a, b, c" in one line edit invites stray spaces,
doubled tags and misspellings of tags the site already uses. Chips show each tag as one
thing that can be removed, and the completer offers the site's own spellings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class FlowLayout(QLayout):
    """Lays items out in rows that wrap, like words; the last item (the line edit) stretches
    to the end of its row so there is always a wide place to type."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        """Qt calls this for every widget added."""
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 - Qt's style
        """Put ``widget`` at ``index`` (chips go before the line edit)."""
        self.addWidget(widget)  # addItem appends it; move it where it belongs
        self._items.insert(index, self._items.pop())
        self.invalidate()

    def count(self) -> int:
        """How many items the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        """The item at ``index``, or None past the end, as Qt expects."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        """Remove and return the item at ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        """The layout grows in neither direction by itself: its height follows its width."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        """Rows wrap, so the height depends on the width."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """The height the rows need at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        """Place the items inside ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As wide as the widest item, as tall as one row."""
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """Room for the widest single item."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if item is self._items[-1]:
                hint = QSize(item.minimumSize().width(), hint.height())
            if rows[-1] and x + hint.width() > area.right() + 1:
                rows.append([])
                x = area.x()
            rows[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for row in rows:
            if not row:
                continue
            height = max(hint.height() for _, hint in row)
            x = area.x()
            for item, hint in row:
                width = hint.width()
                if item is self._items[-1]:
                    width = max(width, area.right() + 1 - x)
                else:
                    width = min(width, area.width())
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, hint.height())))
                x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom()


class _Chip(QFrame):
    """One token: its text and a button that removes it."""

    remove_clicked = Signal(str)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TokenChip")
        self.text = text
        self._row = QHBoxLayout(self)
        self._row.setSpacing(0)
        self.label = QLabel(text)
        self.label.setObjectName("TokenChipLabel")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.button = QToolButton()
        self.button.setObjectName("TokenChipRemove")
        self.button.setText("×")
        self.button.setAutoRaise(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setToolTip(f"Remove {text}")
        self.button.setAccessibleName(f"Remove {text}")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(lambda: self.remove_clicked.emit(self.text))
        self._row.addWidget(self.label)
        self._row.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(chip_height(self))
        self.set_removable(True)

    def set_removable(self, removable: bool) -> None:
        """Show or hide the remove button, keeping the text centred in the pill."""
        self.button.setVisible(removable)
        self._row.setContentsMargins(7, 0, 1 if removable else 7, 0)


class TokenEdit(QFrame):
    """A list of words edited as chips.

    Enter or a comma turns the typed text into a chip; leaving the field does too, so typed
    text is never silently dropped. Backspace in the empty line removes the last chip. Typed
    text that matches a vocabulary word but for case takes the vocabulary's spelling, so one
    tag does not end up spelled two ways across the site.

    ``tokens_changed`` is emitted for the writer's changes only, never by :meth:`set_tokens`.
    """

    tokens_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "Add...") -> None:
        super().__init__(parent)
        self.setProperty("tokenBox", True)  # styled by property: callers may set an object name
        self._tokens: list[str] = []
        self._chips: list[_Chip] = []
        self._vocabulary: list[str] = []
        self._max_tokens: int | None = None
        self._read_only = False
        self._placeholder = placeholder

        self._layout = FlowLayout(self, spacing=3)
        self._layout.setContentsMargins(3, 3, 3, 3)
        self._line = QLineEdit()
        self._line.setObjectName("TokenLine")
        self._line.setFrame(False)
        self._line.setPlaceholderText(placeholder)
        self._line.setMinimumWidth(70)
        self._line.installEventFilter(self)
        self._line.textEdited.connect(self._on_text_edited)
        self._line.returnPressed.connect(self.commit_text)
        self._line.editingFinished.connect(self.commit_text)
        self._layout.addWidget(self._line)
        self.setFocusProxy(self._line)
        self.setCursor(Qt.CursorShape.IBeamCursor)

        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._line.setCompleter(self._completer)
        self._completer.activated.connect(self._on_completion)

        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.restyle()

    # ------------------------------------------------------------------ public API

    def tokens(self) -> list[str]:
        """The tokens shown, in order."""
        return list(self._tokens)

    def line_edit(self) -> QLineEdit:
        """The line edit the writer types in."""
        return self._line

    def set_tokens(self, tokens: Sequence[str]) -> None:
        """Show ``tokens`` without emitting; the line edit, its text and focus are kept."""
        wanted = _unique(tokens)
        if wanted == self._tokens:
            return
        for chip in self._chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        self._tokens = []
        for token in wanted:
            self._append_chip(token)
        self._refresh_completions()

    def set_vocabulary(self, words: Sequence[str]) -> None:
        """The words the completer offers (the site's tags, most used first)."""
        self._vocabulary = _unique(words)
        self._refresh_completions()

    def set_max_tokens(self, count: int | None) -> None:
        """Allow at most ``count`` tokens; with one, a new token replaces the old."""
        self._max_tokens = count

    def set_read_only(self, read_only: bool) -> None:
        """Show the tokens without remove buttons or a place to type."""
        self._read_only = read_only
        self._line.setReadOnly(read_only)
        self._line.setPlaceholderText("" if read_only else self._placeholder)
        for chip in self._chips:
            chip.set_removable(not read_only)

    def is_read_only(self) -> bool:
        """Whether the writer can change the tokens."""
        return self._read_only

    def add_token(self, text: str) -> bool:
        """Add ``text`` as the writer would; True when the tokens changed."""
        token = self._spelled(text.strip().strip(",").strip())
        if self._read_only or not token:
            return False
        if token.casefold() in (known.casefold() for known in self._tokens):
            return False
        if self._max_tokens is not None and len(self._tokens) >= self._max_tokens:
            for chip in self._chips[self._max_tokens - 1 :]:
                self._drop_chip(chip)
        self._append_chip(token)
        self._refresh_completions()
        self.tokens_changed.emit(self.tokens())
        return True

    def remove_token(self, text: str) -> bool:
        """Remove ``text`` as the writer would; True when it was there."""
        if self._read_only:
            return False
        for chip in self._chips:
            if chip.text == text:
                self._drop_chip(chip)
                self._refresh_completions()
                self.tokens_changed.emit(self.tokens())
                return True
        return False

    def commit_text(self) -> None:
        """Turn the typed text into a token (Enter, comma, or leaving the field)."""
        popup = self._completer.popup()
        if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
            return  # Enter on a highlighted completion: the completer reports the word itself
        text = self._line.text()
        if text.strip():
            self._line.clear()
            self.add_token(text)

    # ------------------------------------------------------------------ internals

    def _spelled(self, text: str) -> str:
        folded = text.casefold()
        return next((word for word in self._vocabulary if word.casefold() == folded), text)

    def _append_chip(self, token: str) -> None:
        chip = _Chip(token, self)
        chip.set_removable(not self._read_only)
        chip.remove_clicked.connect(self.remove_token)
        self._layout.insertWidget(len(self._chips), chip)
        chip.show()
        self._chips.append(chip)
        self._tokens.append(token)
        self.updateGeometry()

    def _drop_chip(self, chip: _Chip) -> None:
        index = self._chips.index(chip)
        del self._chips[index]
        del self._tokens[index]
        self._layout.removeWidget(chip)
        chip.hide()
        chip.deleteLater()
        self.updateGeometry()

    def _refresh_completions(self) -> None:
        present = {token.casefold() for token in self._tokens}
        self._model.setStringList([w for w in self._vocabulary if w.casefold() not in present])

    def _on_text_edited(self, text: str) -> None:
        if "," not in text:
            return
        *done, rest = text.split(",")
        self._line.setText(rest.lstrip())
        for part in done:
            self.add_token(part)

    def _on_completion(self, text: str) -> None:
        self.add_token(text)
        # clear now, so the Return that chose the word does not add the typed fragment too,
        # and again once the completer has written the chosen word into the line
        self._line.clear()
        QTimer.singleShot(0, self._line.clear)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Backspace in an empty line removes the last chip; focus shows on the frame."""
        if watched is self._line:
            kind = event.type()
            if (
                kind == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Backspace
                and not self._line.text()
                and self._tokens
                and not self._read_only
            ):
                self.remove_token(self._tokens[-1])
                return True
            if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                self.setProperty("focused", kind == QEvent.Type.FocusIn)
                self.style().unpolish(self)
                self.style().polish(self)
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """A click anywhere in the box puts the cursor in the line edit."""
        self._line.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow the application's light/dark palette switches."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.restyle()
        super().changeEvent(event)

    def restyle(self) -> None:
        """Colour the box and chips from the application's palette (after a theme switch)."""
        # the application's palette: this widget's own is already coloured by the style sheet
        palette = QGuiApplication.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        mid = palette.color(QPalette.ColorRole.Mid)
        fill = mix_colors(base, accent, 0.16)
        edge = mix_colors(base, accent, 0.45)
        radius = chip_height(self) // 2 - 1
        sheet = f"""
            QFrame[tokenBox="true"] {{
                background: {base.name()}; border: 1px solid {mid.name()}; border-radius: 3px;
            }}
            QFrame[tokenBox="true"][focused="true"] {{ border-color: {accent.name()}; }}
            QFrame#TokenChip {{
                background: {fill.name()}; border: 1px solid {edge.name()};
                border-radius: {radius}px;
            }}
            QLabel#TokenChipLabel {{ background: transparent; border: none; }}
            QToolButton#TokenChipRemove {{
                border: none; background: transparent; padding: 0 4px 0 3px;
            }}
            QToolButton#TokenChipRemove:hover {{ color: {accent.name()}; }}
            QLineEdit#TokenLine {{ background: transparent; border: none; }}
            """
        if sheet != self.styleSheet():  # setting it changes the palette, which calls here
            self.setStyleSheet(sheet)


def chip_height(widget: QWidget) -> int:
    """A chip's height: a line of text with room around it. Style sheets drop a corner radius
    larger than half the height, so the pill's radius is derived from this too."""
    return widget.fontMetrics().height() + 6


def mix_colors(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way to ``b``: a tint that suits light and dark palettes."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def _unique(words: Sequence[str]) -> list[str]:
    """``words`` stripped, without blanks or case-insensitive repeats, in order."""
    seen: set[str] = set()
    result: list[str] = []
    for word in words:
        token = str(word).strip()
        if token and token.casefold() not in seen:
            seen.add(token.casefold())
            result.append(token)
    return result
