"""The site's problems: what the pre-publish check of every post found, one row a finding
naming its file and line; activating one opens the post at that line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from editor.core.findings import Finding

_WHERE = Qt.ItemDataRole.UserRole
_ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class SiteFindingsView(QWidget):
    """A Check Site button, what the check found, and a line summing it up."""

    #: a finding was activated: the post's file and the 1-based line
    finding_activated = Signal(Path, int)
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self.list = QListWidget()
        self.list.setObjectName("SiteFindingsList")
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        self.summary = QLabel("The whole site has not been checked yet.")
        self.summary.setObjectName("SiteFindingsSummary")
        self.check_button = QPushButton("Check Site")
        self.check_button.setToolTip("Check every post of the site before publishing")
        self.check_button.clicked.connect(self.check_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)

    def show_checking(self) -> None:
        """The check runs."""
        self.summary.setText("Checking every post of the site…")
        self.check_button.setEnabled(False)

    def show_findings(self, root: Path, findings: list[Finding], checked: int) -> None:
        """Show what the check of ``checked`` posts found."""
        self.root = root
        self.check_button.setEnabled(True)
        self.list.clear()
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        self.summary.setText(
            f"{checked:,} posts checked: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        for finding in findings:
            item = QListWidgetItem(f"{self.name(finding.path)}:{finding.line}: {finding.message}")
            item.setIcon(self.style().standardIcon(_ICONS[finding.severity]))
            item.setToolTip(f"{finding.severity}: {finding.message} [{finding.rule}]")
            item.setData(_WHERE, (str(finding.path), finding.line))
            self.list.addItem(item)

    def show_failure(self, message: str) -> None:
        """The check could not run."""
        self.check_button.setEnabled(True)
        self.summary.setText(message)

    def name(self, path: Path | None) -> str:
        """A post's file as the list names it: from the site's folder."""
        if path is None:
            return "<text>"
        if self.root is not None and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        return str(path)

    def texts(self) -> list[str]:
        """The rows as the writer reads them."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        where = item.data(_WHERE)
        if isinstance(where, tuple):
            self.finding_activated.emit(Path(where[0]), int(where[1]))
