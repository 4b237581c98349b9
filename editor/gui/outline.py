"""The outline: the post's headings as a tree; clicking one moves the editor there.

It follows the document as a feature: each render brings the headings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from editor.app.features import BaseFeature
from editor.core.render import Heading, RenderResult

_LINE = Qt.ItemDataRole.UserRole


class OutlineView(QTreeWidget, BaseFeature):
    """Headings nested by level; emits the 1-based file line of the clicked heading."""

    heading_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setIndentation(14)
        self._shown: tuple[tuple[int, str, int], ...] = ()
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def rendered(self, result: RenderResult) -> None:
        """A render arrived: show its headings."""
        self.show_headings(result.headings)

    def show_headings(self, headings: Sequence[Heading]) -> None:
        """Show ``headings``; nothing is rebuilt when they did not change."""
        key = tuple((h.level, h.text, h.line) for h in headings)
        if key == self._shown:
            return
        self._shown = key
        self.clear()
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for heading in headings:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            item = QTreeWidgetItem([heading.text])
            item.setData(0, _LINE, heading.line)
            item.setToolTip(0, f"Line {heading.line}")
            if stack:
                stack[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            stack.append((heading.level, item))
        self.expandAll()

    def _activate(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, _LINE)
        if isinstance(line, int):
            self.heading_activated.emit(line)
