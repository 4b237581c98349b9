"""New Post in a site: the writer types a title and sees where the post will be created and
the text it will start with - the site's own folder, file name, front matter and marker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.app.site import OpenSite
from editor.core.errors import PostError
from editor.core.newpost import NewPostPlan, plan_site_post
from editor.core.target import Target


class NewPostDialog(QDialog):
    """Title in, the planned file and its text shown; Create writes it (never over a file)."""

    def __init__(self, site: OpenSite, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New Post in {site.label}")
        self.resize(640, 520)
        self.site = site
        self.target = target
        self.created: Path | None = None
        self.plan: NewPostPlan | None = None
        self._rels, self._examples = site.examples()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("NewPostTitle")
        self.title_edit.setPlaceholderText("The post's title")
        self.where = QLabel()
        self.where.setObjectName("NewPostPath")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(self.where.textInteractionFlags())
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("NewPostPreview")
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("Creates:", self.where)
        form.addRow("", self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create")
        buttons.accepted.connect(self.create_post)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("It starts as:"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.replan)
        self.title_edit.textChanged.connect(self._timer.start)
        self.replan()

    def replan(self) -> None:
        """Plan the post for the title as typed."""
        self._timer.stop()
        title = self.title_edit.text().strip()
        self.plan = plan_site_post(
            self.target,
            title or "Untitled post",
            rels=self._rels,
            examples=self._examples,
            now=dt.datetime.now().astimezone(),
        )
        self.where.setText(self.plan.relative.as_posix())
        self.source.setText(f"Front matter as in {self.plan.source}.")
        self.preview.setPlainText(self.plan.text)
        self.create_button.setEnabled(bool(title))

    def create_post(self) -> None:
        """Write the post and close; a problem is shown and the dialog stays."""
        self.replan()
        if self.plan is None or not self.title_edit.text().strip():
            return
        try:
            self.created = self.site.create_post(self.plan)
        except PostError as exc:
            self.problem.setText(f"Not created: {exc.message}")
            return
        self.accept()
