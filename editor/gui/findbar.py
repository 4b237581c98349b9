"""Find and replace under the editor, as in most editors: Ctrl+F opens it, Esc closes it.

Every match is highlighted while the bar is open (the first :data:`MAX_HIGHLIGHTS` of a huge
post), and the find and replace fields are equally wide.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

#: matches highlighted at most (the count still counts them all)
MAX_HIGHLIGHTS = 2000
#: the narrowest the find and replace fields get
FIELD_MIN_WIDTH = 160


class FindBar(QWidget):
    """Find next/previous, replace one, replace all; the count of matches is shown."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(placeholderText="Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        for field in (self.find_edit, self.replace_edit):
            field.setMinimumWidth(FIELD_MIN_WIDTH)
            field.setClearButtonEnabled(True)
        self.case = QCheckBox("Match case")
        self.status = QLabel()
        self.status.setMinimumWidth(70)
        previous = QToolButton()
        previous.setArrowType(Qt.ArrowType.UpArrow)
        previous.setToolTip("Previous match")
        following = QToolButton()
        following.setArrowType(Qt.ArrowType.DownArrow)
        following.setToolTip("Next match (Enter)")
        replace = QPushButton("Replace")
        replace_all = QPushButton("Replace all")
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Close (Esc)")

        # one grid: the two fields share the first column, so they are equally wide; the
        # buttons are compact, so the bar fits an editor half a 1280 px window wide
        top = QHBoxLayout()
        top.setSpacing(4)
        controls: tuple[QWidget, ...] = (previous, following, self.status)
        for widget in controls:
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(close)
        bottom = QHBoxLayout()
        bottom.setSpacing(4)
        controls = (replace, replace_all, self.case)
        for widget in controls:
            bottom.addWidget(widget)
        bottom.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addLayout(top, 0, 1)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addLayout(bottom, 1, 1)
        layout.setColumnStretch(0, 1)
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(150)
        self._highlight_timer.timeout.connect(self._refresh)

        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._refresh)
        self.case.toggled.connect(self._refresh)
        editor.document().contentsChanged.connect(self._text_edited)
        self.replace_edit.returnPressed.connect(self.replace_one)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        replace.clicked.connect(self.replace_one)
        replace_all.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)

    def open_bar(self, replace: bool = False) -> None:
        """Show the bar with the selection (if any) as the search text."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
        self.find_edit.selectAll()
        self._refresh()

    def close_bar(self) -> None:
        """Hide the bar and give the editor its focus back."""
        self.hide()
        self._highlight_timer.stop()
        self.editor.setExtraSelections([])
        self.editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Esc closes the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        if self.editor.find(needle, self._flags(backward)):
            return True
        cursor = self.editor.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.editor.setTextCursor(cursor)
        found = self.editor.find(needle, self._flags(backward))
        self.status.setText("" if found else "Not found")
        return found

    def find_next(self) -> bool:
        """Select the next match, wrapping at the end."""
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the previous match, wrapping at the start."""
        return self._find(backward=True)

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        needle = self.find_edit.text()
        if self.case.isChecked():
            return selected == needle
        return selected.lower() == needle.lower()

    def replace_one(self) -> None:
        """Replace the selected match and select the next one."""
        if not self.find_edit.text():
            return
        if self._selection_matches():
            self.editor.textCursor().insertText(self.replace_edit.text())
        self.find_next()
        self._refresh()

    def replace_all(self) -> int:
        """Replace every match as one undoable edit; returns how many."""
        needle = self.find_edit.text()
        if not needle:
            return 0
        document = self.editor.document()
        cursor = QTextCursor(document)
        count = 0
        edit = QTextCursor(document)
        edit.beginEditBlock()
        while True:
            cursor = document.find(needle, cursor, self._flags())
            if cursor.isNull():
                break
            cursor.insertText(self.replace_edit.text())
            count += 1
        edit.endEditBlock()
        self._refresh()
        self.status.setText(f"{count} replaced")
        return count

    def _text_edited(self) -> None:
        if self.isVisible() and self.find_edit.text():
            self._highlight_timer.start()  # after a pause: typing never waits for this

    def _refresh(self) -> None:
        """Count the matches and highlight them."""
        self._highlight_timer.stop()
        needle = self.find_edit.text()
        if not needle or not self.isVisible():
            self.status.setText("")
            self.editor.setExtraSelections([])
            return
        text = self.editor.toPlainText()
        if not self.case.isChecked():
            text, needle = text.lower(), needle.lower()
        count = text.count(needle)
        self.status.setText(f"{count} found" if count else "Not found")
        self.editor.setExtraSelections(self._selections(count))

    def _selections(self, count: int) -> list[QTextEdit.ExtraSelection]:
        if not count:
            return []
        document = self.editor.document()
        look = QTextCharFormat()
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        look.setBackground(QColor(highlight.red(), highlight.green(), highlight.blue(), 90))
        selections: list[QTextEdit.ExtraSelection] = []
        cursor = QTextCursor(document)
        while len(selections) < MAX_HIGHLIGHTS:
            cursor = document.find(self.find_edit.text(), cursor, self._flags())
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = look
            selections.append(selection)
        return selections

    def highlighted(self) -> list[tuple[int, int]]:
        """The (start, end) of every highlighted match."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.editor.extraSelections()
        ]
