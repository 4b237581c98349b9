"""Find and replace under the editor, as in most editors: Ctrl+F opens it, Esc closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FindBar(QWidget):
    """Find next/previous, replace one, replace all; the count of matches is shown."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(placeholderText="Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        self.case = QCheckBox("Match case")
        self.status = QLabel()
        self.status.setMinimumWidth(90)
        previous = QPushButton("Previous")
        following = QPushButton("Next")
        replace = QPushButton("Replace")
        replace_all = QPushButton("Replace all")
        close = QPushButton("Close")
        close.setFlat(True)

        top = QHBoxLayout()
        top.addWidget(self.find_edit, 1)
        top.addWidget(previous)
        top.addWidget(following)
        top.addWidget(self.case)
        top.addWidget(self.status)
        top.addWidget(close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.replace_edit, 1)
        bottom.addWidget(replace)
        bottom.addWidget(replace_all)
        bottom.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._update_count)
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
        self._update_count()

    def close_bar(self) -> None:
        """Hide the bar and give the editor its focus back."""
        self.hide()
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
        self._update_count()

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
        self.status.setText(f"{count} replaced")
        return count

    def _update_count(self) -> None:
        needle = self.find_edit.text()
        if not needle:
            self.status.setText("")
            return
        text = self.editor.toPlainText()
        if not self.case.isChecked():
            text, needle = text.lower(), needle.lower()
        count = text.count(needle)
        self.status.setText(f"{count} found" if count else "Not found")
