"""The findings list: what the checks found in the open post, in file order; activating one
moves the editor to its line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from editor.core.findings import Finding

_WHERE = Qt.ItemDataRole.UserRole
_ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class FindingsView(QListWidget):
    """One row a finding: "line 12: message"; emits the 1-based line and column activated."""

    finding_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindingsList")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setAlternatingRowColors(True)
        self._shown: list[Finding] = []
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)
        self.show_findings([])

    def show_findings(self, findings: list[Finding]) -> None:
        """Show ``findings`` (nothing is rebuilt when they did not change)."""
        if findings == self._shown and self.count():
            return
        self._shown = list(findings)
        self.clear()
        if not findings:
            item = QListWidgetItem("No problems found")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
            return
        for finding in findings:
            where = f"line {finding.line}"
            if finding.column is not None:
                where += f", column {finding.column}"
            item = QListWidgetItem(f"{where}: {finding.message}")
            item.setIcon(self.style().standardIcon(_ICONS[finding.severity]))
            item.setToolTip(f"{finding.severity}: {finding.message} [{finding.rule}]")
            item.setData(_WHERE, (finding.line, finding.column or 1))
            self.addItem(item)

    def texts(self) -> list[str]:
        """The rows as the writer reads them."""
        return [self.item(row).text() for row in range(self.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        where = item.data(_WHERE)
        if isinstance(where, tuple):
            self.finding_activated.emit(int(where[0]), int(where[1]))
