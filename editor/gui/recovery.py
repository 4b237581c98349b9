"""Offering unsaved text back after Postwright stopped without saving it (a crash, a kill, a
power cut).

At start and whenever a window opens, the journal's entries from runs that are not running any
more are listed in :class:`RecoveryDialog`, each with what differs from its file on disk. The
writer decides per entry: Restore (the text opens in a window, marked modified, on the same
path), Discard (deleted, after a confirmation) or Later (kept for next time). Nothing is
restored silently and nothing the writer did not resolve is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.journal import Journal, JournalEntry, compare_with_disk
from editor.gui.comparedialog import DiffView

if TYPE_CHECKING:
    from editor.gui.mainwindow import MainWindow

Resolution = Literal["restore", "discard", "later"]


class RecoveryDialog(QDialog):
    """The entries to resolve, a diff preview of the selected one, and the three choices."""

    def __init__(
        self,
        journal: Journal,
        entries: list[JournalEntry],
        restore: Callable[[JournalEntry], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self._restore = restore
        self._entries = list(entries)
        #: what the writer chose for each entry id
        self.resolutions: dict[str, Resolution] = {}
        #: asked before an entry is deleted; replace it to answer without a dialog (tests)
        self.ask_discard: Callable[[JournalEntry], bool] = self._confirm_discard
        self.setWindowTitle("Recover unsaved posts")
        self.resize(980, 640)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "<b>Postwright stopped before these posts were saved.</b><br>"
            "Their text was kept. Restore each to a window, discard it, or decide later "
            "(it stays safe until you choose)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.list = QListWidget()
        self.list.setObjectName("recoveryList")
        self.list.setSpacing(4)
        self.list.currentRowChanged.connect(self._show_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: 600;")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = DiffView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([300, 680])
        layout.addWidget(splitter, 1)

        self.damaged_label = QLabel()
        self.damaged_label.setWordWrap(True)
        self.damaged_label.setVisible(bool(journal.damaged))
        if journal.damaged:
            names = ", ".join(str(path) for path in journal.damaged)
            self.damaged_label.setText(
                f"Some journal files could not be read and were left as they are: {names}"
            )
        layout.addWidget(self.damaged_label)

        row = QHBoxLayout()
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Open this text in a window, marked as not saved")
        self.restore_button.setDefault(True)
        self.discard_button = QPushButton("Discard…")
        self.discard_button.setToolTip("Delete this text for good (asks first)")
        self.later_button = QPushButton("Later")
        self.later_button.setToolTip("Keep this text in the journal and decide next time")
        self.close_button = QPushButton("Decide Later for All")
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        row.addWidget(self.later_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.later_selected)
        self.close_button.clicked.connect(self.reject)
        self._fill()

    # ------------------------------------------------------------------ the model

    def listed(self) -> list[JournalEntry]:
        """The entries still waiting for a decision, as listed."""
        return list(self._entries)

    def listed_titles(self) -> list[str]:
        """The list's lines, as the writer reads them."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def selected(self) -> JournalEntry | None:
        """The entry the preview shows."""
        row = self.list.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def select(self, row: int) -> None:
        """Select the ``row``-th listed entry."""
        self.list.setCurrentRow(row)

    def preview_text(self) -> str:
        """The diff preview as shown."""
        return self.preview.toPlainText()

    def _fill(self) -> None:
        self.list.clear()
        for entry in self._entries:
            where = str(entry.path.parent) if entry.path is not None else "never saved"
            item = QListWidgetItem(f"{entry.title}\n{where}\n{entry.describe_time()}")
            item.setToolTip(str(entry.path) if entry.path else entry.name)
            self.list.addItem(item)
        if self._entries:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in (self.restore_button, self.discard_button, self.later_button):
            button.setEnabled(has)

    def _show_selected(self, _row: int) -> None:
        entry = self.selected()
        self._update_buttons()
        if entry is None:
            self.status.setText("")
            self.preview.set_diff("")
            return
        comparison = compare_with_disk(entry)
        message = comparison.message
        if not entry.intact:
            message += " The journal file looks damaged: check the text before you save it."
        self.status.setText(message)
        self.preview.set_diff(comparison.diff or entry.text[:20_000])

    # ------------------------------------------------------------------ choices

    def restore_selected(self) -> bool:
        """Open the selected entry's text in a window; the entry is then the window's."""
        entry = self.selected()
        if entry is None:
            return False
        if not self._restore(entry):
            return False
        self._resolve(entry, "restore")
        return True

    def discard_selected(self) -> bool:
        """Delete the selected entry after the writer confirms."""
        entry = self.selected()
        if entry is None or not self.ask_discard(entry):
            return False
        self.journal.discard(entry)
        self._resolve(entry, "discard")
        return True

    def later_selected(self) -> None:
        """Keep the selected entry for next time."""
        entry = self.selected()
        if entry is not None:
            self._resolve(entry, "later")

    def _resolve(self, entry: JournalEntry, resolution: Resolution) -> None:
        self.resolutions[entry.id] = resolution
        row = self._entries.index(entry)
        del self._entries[row]
        self.list.takeItem(row)
        if not self._entries:
            self.accept()
            return
        self.list.setCurrentRow(min(row, len(self._entries) - 1))
        self._show_selected(self.list.currentRow())

    def reject(self) -> None:
        """Closing the dialog decides Later for whatever is left."""
        for entry in self._entries:
            self.resolutions.setdefault(entry.id, "later")
        super().reject()

    def _confirm_discard(self, entry: JournalEntry) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            "Discard recovered text?",
            f"Delete the recovered text of “{entry.title}” ({entry.describe_time()})?\n\n"
            "It cannot be brought back.",
            buttons.Discard | buttons.Cancel,
            buttons.Cancel,
        )
        return answer == buttons.Discard


# ---------------------------------------------------------------------- the flow


def window_for(entry: JournalEntry, window: MainWindow) -> MainWindow:
    """Where a restored entry opens: the window already showing its file (if unedited), else
    ``window`` when it holds nothing of the writer's, else a new window."""
    from editor.resources import sample_post

    manager = window.manager
    if entry.path is not None:
        other = manager.find(entry.path)
        if other is not None and not other.is_modified():
            return other
    path = window.document.path
    if not window.is_modified() and (path is None or _same(path, sample_post())):
        return window
    return manager.new_window()


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def restore_entry(window: MainWindow, entry: JournalEntry) -> bool:
    """Open ``entry`` in a suitable window (see :func:`window_for`)."""
    target = window_for(entry, window)
    restored = target.document.restore_entry(entry)
    if restored:
        target.raise_()
        target.activateWindow()
    return restored


def offer_recovery(window: MainWindow, *, every: bool = False) -> RecoveryDialog | None:
    """Offer the journal's orphaned entries in a (window-modal, non-blocking) dialog.

    An entry already offered in this run is offered again only with ``every`` (the menu).
    Returns the dialog, or None when there is nothing to offer.
    """
    workspace = window.workspace
    journal = workspace.journal
    orphans = journal.orphans()
    if not every:
        orphans = workspace.unoffered(orphans)
    if not orphans:
        return None
    workspace.mark_offered(orphans)
    dialog = RecoveryDialog(journal, orphans, lambda entry: restore_entry(window, entry), window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
