"""git for the open post: its changes since the last commit, and committing it (only it) with
a message the writer types. Nothing is committed or pushed unless the writer clicks Commit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.app.site import OpenSite
from editor.core.git import GitError
from editor.gui.comparedialog import DiffView


class DiffDialog(QDialog):
    """The post's diff against the last commit, coloured."""

    def __init__(self, name: str, diff: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Changes in “{name}” since the last commit")
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            "Lines starting with − are in the last commit only; lines starting with + are "
            "only in the file on disk."
            if diff
            else "The file on disk is as it was last committed."
        )
        self.summary.setWordWrap(True)
        self.view = DiffView()
        self.view.set_diff(diff)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)


class CommitDialog(QDialog):
    """A message for the commit of one post, its diff to look at, and Commit."""

    def __init__(
        self, site: OpenSite, path: Path, diff: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        name = site.rel(path) or path.name
        self.setWindowTitle(f"Commit “{path.name}”")
        self.resize(820, 600)
        self.site = site
        self.path = path
        self.committed = ""
        self.message = QPlainTextEdit()
        self.message.setObjectName("CommitMessage")
        self.message.setPlaceholderText("What changed, in a line (more lines below if needed)")
        self.message.setFixedHeight(90)
        self.message.setPlainText(f"Update {path.stem}" if diff else "")
        self.view = DiffView()
        self.view.set_diff(diff or "Nothing to commit: the post is as it was last committed.")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.commit_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.commit_button.setText("Commit")
        self.commit_button.setEnabled(bool(diff))
        buttons.accepted.connect(self.commit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Commits {name} alone; other changes stay as they are."))
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def commit(self) -> None:
        """Commit the post with the typed message; a refusal is shown and the dialog stays."""
        try:
            self.committed = self.site.commit([self.path], self.message.toPlainText())
        except GitError as exc:
            self.problem.setText(f"Not committed: {exc}")
            return
        self.accept()
