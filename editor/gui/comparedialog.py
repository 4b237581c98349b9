"""What differs between the file on disk and the text in the editor: a unified diff, coloured,
with the choices that resolve it.

:class:`DiffView` is also the preview of the recovery dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.journal import change_summary, unified_diff


def _format(
    foreground: str, background: str | None = None, *, bold: bool = False
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(foreground))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class _DiffHighlighter(QSyntaxHighlighter):
    """Removed lines red, added lines green, hunk headers blue."""

    def __init__(self, parent: QPlainTextEdit) -> None:
        super().__init__(parent.document())
        self._added = _format("#1a5e20", "#e6f4e6")
        self._removed = _format("#8e1b1b", "#fbe9e9")
        self._hunk = _format("#2f5fa8", bold=True)
        self._header = _format("#555555", bold=True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        """Colour one diff line by its first character."""
        if text.startswith(("+++", "---")):
            fmt = self._header
        elif text.startswith("+"):
            fmt = self._added
        elif text.startswith("-"):
            fmt = self._removed
        elif text.startswith("@@"):
            fmt = self._hunk
        else:
            return
        self.setFormat(0, len(text), fmt)


class DiffView(QPlainTextEdit):
    """A read-only, coloured unified diff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._highlighter = _DiffHighlighter(self)

    def set_diff(self, diff: str) -> None:
        """Show ``diff`` (a unified diff, or a plain note)."""
        self.setPlainText(diff)


class CompareDialog(QDialog):
    """The file on disk against the editor's text; Reload Theirs, Keep Mine or Close.

    Non-modal: :attr:`chosen` carries ``"reload"`` or ``"keep"`` (nothing for Close).
    """

    chosen = Signal(str)

    def __init__(self, name: str, disk_text: str, mine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare “{name}” with the file on disk")
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.view = DiffView()
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton("Reload Theirs")
        self.reload_button.setToolTip(
            "Replace your text with the file on disk (undo brings it back)"
        )
        self.keep_button = QPushButton("Keep Mine")
        self.keep_button.setToolTip("Keep your text; the next save replaces the file on disk")
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.reload_button.clicked.connect(lambda: self._choose("reload"))
        self.keep_button.clicked.connect(lambda: self._choose("keep"))
        close.clicked.connect(self.reject)
        self.set_texts(name, disk_text, mine)

    def set_texts(self, name: str, disk_text: str, mine: str) -> None:
        """Compare ``disk_text`` (theirs) with ``mine``."""
        diff = unified_diff(disk_text, mine, f"{name} on disk (theirs)", f"{name} here (mine)")
        if diff:
            self.summary.setText(
                "Lines starting with − are only in the file on disk; lines starting with + are "
                f"only in your text ({change_summary(disk_text, mine)})."
            )
        else:
            self.summary.setText("The file on disk and your text are the same.")
        self.view.set_diff(diff)

    def diff_text(self) -> str:
        """The diff as shown."""
        return self.view.toPlainText()

    def _choose(self, choice: str) -> None:
        self.chosen.emit(choice)
        self.accept()
