"""Renaming a tag or category across the site: choose the term and its new name, see every file
that changes and how, rename, and undo it afterwards if the files are as the rename left them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.app.site import OpenSite
from editor.core.vocabulary import BatchResult, RenamePlan, TermKind, existing_spelling
from editor.gui.comparedialog import DiffView

_KINDS: tuple[tuple[str, TermKind], ...] = (("Tag", "tags"), ("Category", "categories"))


class TagRenameDialog(QDialog):
    """Preview, then rename, then (maybe) undo."""

    def __init__(
        self,
        site: OpenSite,
        leave_out: Callable[[], list[Path]],
        parent: QWidget | None = None,
        *,
        term: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename a Tag Across the Site")
        self.resize(860, 600)
        self.site = site
        self.leave_out = leave_out
        self.plan: RenamePlan | None = None
        self.outcome: BatchResult | None = None
        self.kind_box = QComboBox()
        for label, kind in _KINDS:
            self.kind_box.addItem(label, kind)
        self.term_box = QComboBox()
        self.term_box.setObjectName("RenameTerm")
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("RenameTo")
        self.new_edit.setPlaceholderText("The new spelling")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("RenameFiles")
        self.diff = DiffView()
        self.summary = QLabel()
        self.summary.setObjectName("RenameSummary")
        self.summary.setWordWrap(True)
        self.preview_button = QPushButton("&Preview")
        self.rename_button = QPushButton("&Rename")
        self.undo_button = QPushButton("&Undo Rename")
        close = QPushButton("Close")
        form = QFormLayout()
        form.addRow("&Kind:", self.kind_box)
        form.addRow("&Rename:", self.term_box)
        form.addRow("&To:", self.new_edit)
        form.addRow("", self.hint)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.files)
        split.addWidget(self.diff)
        split.setSizes([280, 560])
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.preview_button, self.rename_button, self.undo_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.kind_box.currentIndexChanged.connect(self._fill_terms)
        self.term_box.currentIndexChanged.connect(self._changed)
        self.new_edit.textChanged.connect(self._changed)
        self.files.currentItemChanged.connect(self._show_edit)
        self.preview_button.clicked.connect(self.preview)
        self.rename_button.clicked.connect(self.rename)
        self.undo_button.clicked.connect(self.undo)
        close.clicked.connect(self.accept)
        site.subscribe(self._site_changed)
        self.finished.connect(lambda _result: site.unsubscribe(self._site_changed))
        self._fill_terms()
        if term is not None:
            found = self.term_box.findData(term)
            if found >= 0:
                self.term_box.setCurrentIndex(found)
        self._changed()
        self.new_edit.setFocus()

    @property
    def kind(self) -> TermKind:
        """Tags or categories."""
        kind: TermKind = self.kind_box.currentData()
        return kind

    def _site_changed(self, change: str) -> None:
        if change == "posts" and self.plan is None:  # the counts after a rename or undo
            words = self.summary.text()
            self._fill_terms()
            self.summary.setText(words)

    def _fill_terms(self) -> None:
        current = self.term_box.currentData()
        self.term_box.blockSignals(True)
        self.term_box.clear()
        for term, count in self.site.counts().ranked(self.kind):
            self.term_box.addItem(f"{term} ({count} post{'s' if count != 1 else ''})", term)
        found = self.term_box.findData(current) if current is not None else -1
        self.term_box.setCurrentIndex(max(found, 0))
        self.term_box.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self.plan = None
        self.files.clear()
        self.diff.set_diff("")
        old = self.term_box.currentData()
        new = self.new_edit.text().strip()
        known = [term for term, _ in self.site.counts().ranked(self.kind) if term != old]
        spelling = existing_spelling(new, known) if new else None
        if new in known:
            count = self.site.counts().of_kind(self.kind)[new]
            self.hint.setText(f"'{new}' is in use already ({count} posts): the two become one.")
        elif spelling is not None:
            self.hint.setText(f"'{new}' nearly duplicates the site's '{spelling}'.")
        else:
            self.hint.setText("")
        ready = bool(old) and bool(new) and new != old
        self.preview_button.setEnabled(ready)
        self.rename_button.setEnabled(False)
        self.undo_button.setEnabled(bool(self.site.renames))
        self.summary.setText("" if ready else "Choose the term and type its new name.")

    def preview(self) -> None:
        """Work out the edits (nothing is written) and list them."""
        old = self.term_box.currentData()
        new = self.new_edit.text().strip()
        if not old or not new:
            return
        self.summary.setText("Working out the edits…")
        self.preview_button.setEnabled(False)
        self.site.plan_rename(self.kind, old, new, self._planned, leave_out=self.leave_out())

    def _planned(self, plan: RenamePlan) -> None:
        self.plan = plan
        self.files.clear()
        for edit in plan.edits:
            item = QListWidgetItem(self._name(edit.path))
            item.setData(Qt.ItemDataRole.UserRole, edit)
            self.files.addItem(item)
        for path, why in plan.skipped:
            item = QListWidgetItem(f"{self._name(path)} — left alone: {why}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.files.addItem(item)
        if self.files.count():
            self.files.setCurrentRow(0)
        count = len(plan.edits)
        self.summary.setText(
            f"{count} post{'s' if count != 1 else ''} change; only the "
            f"{self.kind_box.currentText().lower()} line of each."
            + (f" {len(plan.skipped)} left alone." if plan.skipped else "")
        )
        self.rename_button.setEnabled(bool(plan.edits))
        self.preview_button.setEnabled(True)

    def _name(self, path: Path) -> str:
        return self.site.rel(path) or str(path)

    def _show_edit(self, item: QListWidgetItem | None) -> None:
        edit = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.diff.set_diff(edit.diff(self._name(edit.path)) if edit is not None else "")

    def rename(self) -> None:
        """Write the previewed edits."""
        if self.plan is None:
            return
        self.outcome = self.site.apply_rename(self.plan)
        written = len(self.outcome.written)
        words = f"Renamed in {written} post{'s' if written != 1 else ''}."
        if self.outcome.skipped:
            words += " Left alone: " + "; ".join(
                f"{self._name(path)} ({why})" for path, why in self.outcome.skipped
            )
        self.plan = None
        self.rename_button.setEnabled(False)
        self.undo_button.setEnabled(bool(self.site.renames))
        self._fill_terms_keeping(words)

    def undo(self) -> None:
        """Put the files of the last rename back."""
        result = self.site.undo_rename()
        words = f"Undone in {len(result.written)} posts."
        if result.skipped:
            words += " Changed since, so left alone: " + "; ".join(
                self._name(path) for path, _ in result.skipped
            )
        self._fill_terms_keeping(words)

    def _fill_terms_keeping(self, words: str) -> None:
        self.new_edit.blockSignals(True)
        self.new_edit.clear()
        self.new_edit.blockSignals(False)
        self._fill_terms()
        self.summary.setText(words)
