"""The side list of the open site's posts: title, date, state, tags and git's state, newest
first, with a filter by text, tag, category and state. Activating a post opens it.

The rows, the filter and the sort are decided by :class:`editor.app.site.OpenSite`; this
module lays them out. The panel follows its window's document as a feature: the open post is
the selected row.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.app.features import BaseFeature
from editor.app.site import OpenSite, PostFilter, SortKey
from editor.core.siteindex import PostSummary
from editor.core.target import Target

COLUMNS: tuple[tuple[str, SortKey], ...] = (
    ("Title", "title"),
    ("Date", "date"),
    ("State", "state"),
    ("Tags", "tags"),
    ("Git", "git"),
)
_STATES = (
    ("All posts", None),
    ("Drafts", "draft"),
    ("Scheduled", "scheduled"),
    ("Published", "published"),
    ("Changed (git)", "changed"),
    ("Broken", "broken"),
)
_INDEX = Qt.ItemDataRole.UserRole
#: changes closer together than this are one update of the list
RELOAD_MS = 25
#: while the site is read, the list is updated at most this often
THROTTLE_MS = 300
#: the title column's narrowest width (a narrow panel scrolls sideways instead)
MIN_TITLE = 150
Index = QModelIndex | QPersistentModelIndex


class PostListModel(QAbstractTableModel):
    """The rows of an open site as its filter and sort let them through."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site: OpenSite | None = None
        self.view = PostFilter()
        self.sort_key: SortKey = "date"
        self.descending = True
        self.summaries: list[PostSummary] = []
        self._states: dict[str, str] = {}

    def set_site(self, site: OpenSite | None) -> None:
        """Show ``site``'s posts (None: nothing)."""
        self.site = site
        self.reload()

    def set_filter(self, view: PostFilter) -> None:
        """Show only the posts ``view`` lets through."""
        if view != self.view:
            self.view = view
            self.reload()

    def reload(self) -> None:
        """Ask the site for the rows again."""
        rows = (
            self.site.rows(self.view, self.sort_key, descending=self.descending)
            if self.site is not None
            else []
        )
        states = self.site.states(rows) if self.site is not None else {}
        if [s.rel for s in rows] == [s.rel for s in self.summaries]:
            changed = rows != self.summaries or states != self._states
            self.summaries, self._states = rows, states
            if changed and rows:
                last = self.index(len(rows) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.summaries, self._states = rows, states
        self.endResetModel()

    # ------------------------------------------------------------------ the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        """Posts shown."""
        return 0 if parent.isValid() else len(self.summaries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        """Title, date, state, tags, git."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a cell shows."""
        if not index.isValid() or index.row() >= len(self.summaries):
            return None
        summary = self.summaries[index.row()]
        column = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = summary.rel
            if summary.error:
                tip += f"\n{summary.error}"
            return tip
        if role == Qt.ItemDataRole.ForegroundRole:
            state = self._states.get(summary.rel)
            if state == "broken":
                return QBrush(QColor("#b3261e"))
            if state in ("draft", "scheduled") and column != "git":
                return QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.FontRole and column == "title":
            state = self._states.get(summary.rel)
            if state == "draft":
                font = QFont()
                font.setItalic(True)
                return font
        if role == _INDEX:
            return summary.rel
        return None

    def text(self, summary: PostSummary, column: SortKey) -> str:
        """The text of one cell."""
        if column == "title":
            return summary.title
        if column == "date":
            return summary.date_text
        if column == "state":
            return self._states.get(summary.rel, "")
        if column == "tags":
            return ", ".join(summary.tags)
        state = self.site.git_state(summary.rel) if self.site is not None else None
        return state or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the list starts newest first)."""
        self.sort_key = COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def row_of(self, rel: str) -> int | None:
        """The row showing ``rel``, if one does."""
        for number, summary in enumerate(self.summaries):
            if summary.rel == rel:
                return number
        return None

    def rows_as_text(self) -> list[tuple[str, ...]]:
        """Every row as the writer reads it (for tests and the status line)."""
        return [tuple(self.text(summary, key) for _, key in COLUMNS) for summary in self.summaries]


class PostListPanel(QWidget, BaseFeature):
    """The site's posts: filters above, the list, a line saying how many there are."""

    #: a post was activated (double click, Enter): its file
    post_activated = Signal(Path)
    #: "New Post" was clicked
    new_post_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PostListPanel")
        self.site: OpenSite | None = None
        self.model = PostListModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("PostFilter")
        self.filter_edit.setPlaceholderText("Filter by title or file")
        self.filter_edit.setClearButtonEnabled(True)
        self.tag_box = QComboBox()
        self.tag_box.setObjectName("TagFilter")
        self.category_box = QComboBox()
        self.category_box.setObjectName("CategoryFilter")
        self.state_box = QComboBox()
        self.state_box.setObjectName("StateFilter")
        for label, state in _STATES:
            self.state_box.addItem(label, state)
        self.new_button = QToolButton()
        self.new_button.setText("New Post…")
        self.new_button.setToolTip("Start a post where and how this site keeps its posts")
        self.new_button.clicked.connect(self.new_post_requested)
        # a table, not a tree: a tree lays out every row again on each change of the list
        self.view = QTableView()
        self.view.setObjectName("PostList")
        self.view.setModel(self.model)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # widths from the widest text each column can hold: sizing columns to their contents
        # would ask for every row's text on every change of a 5,000-post list
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        metrics = self.view.fontMetrics()
        for column, sample in (
            (1, "2026-12-31 "),
            (2, "scheduled"),
            (3, ""),
            (4, "staged+modified"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            width = metrics.horizontalAdvance(sample) + 24 if sample else 96
            header.resizeSection(column, width)
        # the title takes the room the others leave, but never less than a readable width
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._fit_title)
        self.view.viewport().installEventFilter(self)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.view.activated.connect(self._activated)
        self.status = QLabel()
        self.status.setObjectName("PostListStatus")
        self.status.setWordWrap(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.tag_box, 1)
        filters.addWidget(self.category_box, 1)
        filters.addWidget(self.state_box, 1)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        # typing in the filter waits for a pause before the rows are asked for again
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(120)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self._pending: set[str] = set()
        self._reloaded = -1e9
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self._reload)
        for box in (self.tag_box, self.category_box, self.state_box):
            box.currentIndexChanged.connect(self._apply_filter)
        self._fill_terms()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The list was resized: the title column takes the new room."""
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()
        return super().eventFilter(watched, event)

    def _fit_title(self, column: int = -1, *_sizes: int) -> None:
        if column == 0:
            return  # the writer widened the title: leave it so
        header = self.view.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in range(1, len(COLUMNS)) if not header.isSectionHidden(c)
        )
        width = max(MIN_TITLE, self.view.viewport().width() - others)
        if header.sectionSize(0) != width:
            header.blockSignals(True)
            header.resizeSection(0, width)
            header.blockSignals(False)

    # ------------------------------------------------------------------ the site

    def set_site(self, site: OpenSite | None) -> None:
        """Show ``site``'s posts and follow its changes."""
        if self.site is not None:
            self.site.unsubscribe(self._site_changed)
        self.site = site
        if site is not None:
            site.subscribe(self._site_changed)
        self.model.set_site(site)
        self.view.setColumnHidden(len(COLUMNS) - 1, site is None or site.git_status is None)
        self._fit_title()
        self._fill_terms()
        self._show_status()
        self._select_current()

    def _site_changed(self, change: str) -> None:
        if change == "git" and self.site is not None:
            self.view.setColumnHidden(len(COLUMNS) - 1, self.site.git_status is None)
            self._fit_title()
        if change in ("posts", "git", "rename"):
            # results arriving together make one update of the list, and while the site is
            # read the list is updated at most every THROTTLE_MS (typing comes first)
            self._pending.add(change)
            if not self._reload_timer.isActive():
                scanning = self.site is not None and self.site.scanning
                since = (time.monotonic() - self._reloaded) * 1000
                wait = max(RELOAD_MS, int(THROTTLE_MS - since)) if scanning else RELOAD_MS
                self._reload_timer.start(wait)
        else:
            self._show_status()
            done = self.site is not None and not self.site.scanning
            if change == "progress" and self._pending and done:
                self._reload_timer.start(RELOAD_MS)  # the scan is over: show all of it now

    def _reload(self) -> None:
        self._reloaded = time.monotonic()
        pending, self._pending = self._pending, set()
        self.model.reload()
        if pending - {"git"}:
            self._fill_terms()
        self._select_current()
        self._show_status()

    def _fill_terms(self) -> None:
        counts = self.site.counts() if self.site is not None else None
        for box, kind, everything in (
            (self.tag_box, "tags", "All tags"),
            (self.category_box, "categories", "All categories"),
        ):
            current = box.currentData()
            ranked = counts.ranked(kind) if counts is not None else []  # type: ignore[arg-type]
            wanted = [(everything, None), *((f"{term} ({n})", term) for term, n in ranked)]
            existing = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
            if wanted == existing:
                continue
            if [term for _, term in wanted] == [term for _, term in existing]:
                for number, (label, _) in enumerate(wanted):  # only the counts changed
                    if box.itemText(number) != label:
                        box.setItemText(number, label)
                continue
            box.blockSignals(True)
            box.clear()
            for label, term in wanted:
                box.addItem(label, term)
            found = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
            if current is not None and found < 0:
                self._apply_filter()

    def _apply_filter(self) -> None:
        self.model.set_filter(
            PostFilter(
                text=self.filter_edit.text(),
                tag=self.tag_box.currentData(),
                category=self.category_box.currentData(),
                state=self.state_box.currentData(),
            )
        )
        self._show_status()
        self._select_current()

    def _show_status(self) -> None:
        site = self.site
        if site is None:
            self.status.setText("No site is open: File → Open Site…")
            return
        total = len(site.index)
        shown = self.model.rowCount()
        words = f"{total:,} posts" if shown == total else f"{shown:,} of {total:,} posts"
        drafts = sum(1 for state in self.model._states.values() if state == "draft")
        if drafts:
            words += f" · {drafts:,} draft{'s' if drafts != 1 else ''} shown"
        done, scanning = site.progress
        if site.scanning and scanning:
            words += f" · reading {done:,} of {scanning:,}…"
        elif site.scanning:
            words += " · looking for changes…"
        if site.error:
            words += f" · {site.error}"
        self.status.setText(words)

    # ------------------------------------------------------------------ the document

    def target_changed(self, target: Target) -> None:
        """The window's post was opened or saved: select its row."""
        del target
        self._select_current()

    def _select_current(self) -> None:
        document = self.document
        site = self.site
        if document is None or site is None or document.path is None:
            return
        rel = site.rel(document.path)
        row = self.model.row_of(rel) if rel is not None else None
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, 0)
        if self.view.currentIndex() != index:
            self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        rel = self.model.data(index, _INDEX)
        if isinstance(rel, str) and self.site is not None:
            self.post_activated.emit(self.site.path(rel))

    def activate_row(self, row: int) -> None:
        """Open the post on ``row`` as a double click does."""
        self._activated(self.model.index(row, 0))
