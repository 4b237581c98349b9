"""The front matter form: the post's title, date, tags and other keys as fields.

The text stays the source of truth. The form shows a :class:`Post` and reports each change the
writer makes as ``value_edited(key, value)`` or ``value_removed(key)``; the document applies it
with :meth:`Post.with_value` and shows the new post again (or, when the edit cannot be applied,
says why with :meth:`FrontMatterForm.show_problem` and shows what the text holds). Which
key an edit writes - ``Category`` on a Pelican post, ``pubDate`` on an Astro one - is decided in
:mod:`editor.core.formfields`, so the widgets here only show and collect values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core import formfields as ff
from editor.core.errors import PostError
from editor.core.filekinds import image_file_filter
from editor.core.post import Post
from editor.gui.tokenedit import TokenEdit, mix_colors

TextField = Literal["title", "slug", "description", "image"]

_COMMIT_DELAY_MS = 1500  # a pause in typing this long writes the field to the text
_DATE_DELAY_MS = 700  # spinning a date with the arrow keys settles faster
_WARNING_LIGHT, _WARNING_DARK = "#c0392b", "#ff7b72"  # readable on light and dark windows
_NEW_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


# --------------------------------------------------------------------------- date


class DateField(QWidget):
    """A date with an optional time and zone.

    A date-only post stays date-only until the writer ticks "Time"; a time keeps the offset the
    writer gave it. The edit shows wall-clock time in a fixed UTC zone so no local daylight
    saving gap can shift a time the writer typed.
    """

    committed = Signal(object)  # dt.date | dt.datetime
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: ff.DateParts | None = None
        self._offsets: list[dt.timedelta | None] = []
        self._seconds = False
        self._filling = False
        self._mode: Literal["add", "problem", "edit"] = "add"

        self.edit = QDateTimeEdit()
        self.edit.setObjectName("DateEdit")
        self.edit.setCalendarPopup(True)
        self.edit.setTimeZone(QTimeZone.utc())
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.time_check = QCheckBox("Time")
        self.time_check.setToolTip("Give the post a time of day as well as a date")
        self.zone = QComboBox()
        self.zone.setObjectName("ZoneChooser")
        self.zone.setToolTip("The offset from UTC written with the time")
        self.zone.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_button = QPushButton("Add date")
        self.add_button.setToolTip("Write today's date into the front matter")
        self.problem = QLabel()
        self.problem.setWordWrap(True)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.edit, 1)
        top.addWidget(self.time_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.zone)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problem)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DATE_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self.edit.dateTimeChanged.connect(self._on_changed)
        self.edit.editingFinished.connect(self.commit)
        self.time_check.clicked.connect(self._on_time_clicked)
        self.zone.activated.connect(lambda _index: self.commit())
        self.add_button.clicked.connect(self.add_requested)
        self._show_mode("add")

    # ------------------------------------------------------------------ showing

    def set_value(
        self, value: dt.date | dt.datetime | None, raw: Any, default: dt.timedelta | None
    ) -> None:
        """Show ``value`` (None: no date, or ``raw`` could not be read) without committing."""
        if value is None:
            self._shown = None
            self._timer.stop()
            if raw is None:
                self._show_mode("add")
            else:
                self.problem.setText(f"The date '{raw}' cannot be read; fix it in the text.")
                self._show_mode("problem")
            return
        parts = ff.DateParts.of(value)
        self._show_mode("edit")
        if self._timer.isActive() or (self._shown is not None and parts == self.parts()):
            self._shown = parts  # the writer is mid-change, or it already shows this value
            return
        self._shown = parts
        self._filling = True
        try:
            self._fill_zones(parts.offset if parts.clock is not None else default)
            self._seconds = bool(parts.clock and (parts.clock.second or parts.clock.microsecond))
            self.time_check.setChecked(parts.clock is not None)
            clock = parts.clock or dt.time(0, 0)
            self.edit.setDateTime(
                QDateTime(
                    QDate(parts.day.year, parts.day.month, parts.day.day),
                    QTime(clock.hour, clock.minute, clock.second),
                    QTimeZone.utc(),
                )
            )
            self._apply_format()
        finally:
            self._filling = False

    def _fill_zones(self, selected: dt.timedelta | None) -> None:
        offsets = ff.offset_choices(selected, ff.local_offset())
        if offsets != self._offsets:
            self._offsets = offsets
            self.zone.clear()
            local = ff.local_offset()
            for offset in offsets:
                label = ff.offset_label(offset)
                if offset == local:
                    label += " (this computer)"
                self.zone.addItem(label)
        self.zone.setCurrentIndex(self._offsets.index(selected))

    def _show_mode(self, mode: Literal["add", "problem", "edit"]) -> None:
        self._mode = mode
        editing = mode == "edit"
        self.edit.setVisible(editing)
        self.time_check.setVisible(editing)
        self.zone.setVisible(editing and self.time_check.isChecked())
        self.add_button.setVisible(mode == "add")
        self.problem.setVisible(mode == "problem")

    def _apply_format(self) -> None:
        if self.time_check.isChecked():
            self.edit.setDisplayFormat(
                "yyyy-MM-dd  HH:mm:ss" if self._seconds else "yyyy-MM-dd  HH:mm"
            )
        else:
            self.edit.setDisplayFormat("yyyy-MM-dd")
        self.zone.setVisible(self._mode == "edit" and self.time_check.isChecked())

    # ------------------------------------------------------------------ editing

    def parts(self) -> ff.DateParts:
        """The date the widgets show."""
        shown = self.edit.dateTime()
        qdate, qtime = shown.date(), shown.time()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        if not self.time_check.isChecked():
            return ff.DateParts(day)
        clock = dt.time(qtime.hour(), qtime.minute(), qtime.second())
        if self._shown is not None and self._shown.clock is not None:
            kept = self._shown.clock.microsecond  # not shown, but not the writer's to lose
            clock = clock.replace(microsecond=kept)
        index = self.zone.currentIndex()
        offset = self._offsets[index] if 0 <= index < len(self._offsets) else None
        return ff.DateParts(day, clock, offset)

    def commit(self) -> None:
        """Report the date when the writer changed it."""
        self._timer.stop()
        if self._filling or self._shown is None or self._mode != "edit":
            return
        parts = self.parts()
        if parts == self._shown:
            return
        self._shown = parts
        self.committed.emit(parts.value())

    def set_read_only(self, read_only: bool) -> None:
        """Show the date without letting it change."""
        self.edit.setReadOnly(read_only)
        self.time_check.setEnabled(not read_only)
        self.zone.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)

    def cancel_pending(self) -> None:
        """Forget a change not yet reported (another post is being shown)."""
        self._timer.stop()
        self._shown = None

    def has_pending_change(self) -> bool:
        """True while a change waits for the writer to pause."""
        return self._timer.isActive()

    def _on_changed(self) -> None:
        if not self._filling:
            self._timer.start()

    def _on_time_clicked(self, checked: bool) -> None:
        del checked
        self._apply_format()
        self.commit()


# --------------------------------------------------------------------------- the form


class FrontMatterForm(QWidget):
    """The post's front matter as a form, for the window's side dock.

    Signals carry python values: str, bool, list[str], ``datetime.date`` or a
    ``datetime.datetime`` with its time zone. :meth:`show_post` never emits.
    """

    value_edited = Signal(str, object)
    value_removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._post: Post | None = None
        self._dirty: set[TextField] = set()
        self._filling = False
        self._table_rows: list[tuple[str, str, bool]] = []
        self._table_stale = False
        self._read_only = False
        self._palette_key: tuple[str, str] = ("", "")
        #: the key a field gets in a post without one, as the post's site spells it
        self._keys: dict[ff.Field, str] = {}
        self._build()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = self._build_banner()
        outer.addWidget(self.banner)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("EditProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setContentsMargins(10, 6, 10, 6)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()
        outer.addWidget(self.problem_label)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        body.setObjectName("FrontMatterBody")
        scroll.setWidget(body)
        stack = QVBoxLayout(body)
        stack.setContentsMargins(10, 10, 10, 10)
        form = QFormLayout()
        stack.addLayout(form)
        stack.addStretch(1)  # spare height goes below the fields, not into them
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._form = form

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("TitleEdit")
        self.title_edit.setClearButtonEnabled(True)
        form.addRow("Title", self.title_edit)

        self.slug_edit = QLineEdit()
        self.slug_edit.setObjectName("SlugEdit")
        self.slug_edit.setToolTip(
            "The post's address. Left empty, the site derives it from the title."
        )
        form.addRow("Slug", self.slug_edit)

        self.date_field = DateField()
        form.addRow("Date", self.date_field)

        self.draft_check = QCheckBox("Draft - not published yet")
        self.draft_check.setObjectName("DraftCheck")
        form.addRow("Status", self.draft_check)

        self.tags_edit = TokenEdit(placeholder="Add a tag...")
        self.tags_edit.setObjectName("TagsEdit")
        form.addRow("Tags", self.tags_edit)
        self.categories_edit = TokenEdit(placeholder="Add a category...")
        self.categories_edit.setObjectName("CategoriesEdit")
        form.addRow("Categories", self.categories_edit)
        self.authors_edit = TokenEdit(placeholder="Add an author...")
        self.authors_edit.setObjectName("AuthorsEdit")
        form.addRow("Authors", self.authors_edit)

        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("DescriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            "A sentence or two for search results and link previews"
        )
        lines = self.description_edit.fontMetrics().lineSpacing() * 4
        self.description_edit.setFixedHeight(lines + 12)
        self.description_hint = QLabel()
        self.description_hint.setObjectName("DescriptionHint")
        self.description_hint.setFont(_smaller(self.description_hint.font()))
        self.description_hint.setToolTip(
            f"Search results and link previews cut a description longer than "
            f"{ff.DESCRIPTION_LIMIT} characters short"
        )
        description = QWidget()
        column = QVBoxLayout(description)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.description_edit)
        column.addWidget(self.description_hint)
        form.addRow("Description", description)

        self.image_edit = QLineEdit()
        self.image_edit.setObjectName("ImageEdit")
        self.image_edit.setPlaceholderText("No cover image")
        self.choose_image_button = QPushButton("Choose...")
        self.choose_image_button.setToolTip(
            "Pick an image; its path is written relative to the post"
        )
        image = QWidget()
        row = QHBoxLayout(image)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.image_edit, 1)
        row.addWidget(self.choose_image_button)
        form.addRow("Cover", image)

        form.addRow(self._build_other_keys())

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_COMMIT_DELAY_MS)
        self._timer.timeout.connect(self._commit_paused)

        self.title_edit.textEdited.connect(self._on_title_edited)
        self.title_edit.editingFinished.connect(lambda: self._commit_text("title"))
        self.slug_edit.textEdited.connect(lambda _text: self._mark_dirty("slug"))
        self.slug_edit.editingFinished.connect(lambda: self._commit_text("slug"))
        self.description_edit.textChanged.connect(self._on_description_changed)
        self.description_edit.installEventFilter(self)
        self.image_edit.textEdited.connect(lambda _text: self._mark_dirty("image"))
        self.image_edit.editingFinished.connect(lambda: self._commit_text("image"))
        self.choose_image_button.clicked.connect(self._choose_image)
        self.draft_check.clicked.connect(self._on_draft_clicked)
        self.date_field.committed.connect(self._on_date_committed)
        self.date_field.add_requested.connect(lambda: self._on_date_committed(dt.date.today()))
        self.tags_edit.tokens_changed.connect(lambda tokens: self._on_tokens("tags", tokens))
        self.categories_edit.tokens_changed.connect(
            lambda tokens: self._on_tokens("categories", tokens)
        )
        self.authors_edit.tokens_changed.connect(lambda tokens: self._on_tokens("authors", tokens))
        self._restyle()

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("FrontMatterBanner")
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("BannerText")
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(banner)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(8)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.banner_label, 1)
        banner.hide()
        return banner

    def _build_other_keys(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(4)
        heading = QHBoxLayout()
        title = QLabel("Other keys")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        heading.addWidget(title, 1)
        self.add_key_button = QToolButton()
        self.add_key_button.setText("+")
        self.add_key_button.setToolTip("Add a key")
        self.add_key_button.setAccessibleName("Add a key")
        self.remove_key_button = QToolButton()
        self.remove_key_button.setText("−")
        self.remove_key_button.setToolTip("Remove the selected key")
        self.remove_key_button.setAccessibleName("Remove the selected key")
        heading.addWidget(self.add_key_button)
        heading.addWidget(self.remove_key_button)
        column.addLayout(heading)

        self.other_table = QTableWidget(0, 2)
        self.other_table.setObjectName("OtherKeysTable")
        self.other_table.setHorizontalHeaderLabels(["Key", "Value"])
        self.other_table.verticalHeader().hide()
        rows = self.other_table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.other_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.other_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.other_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.other_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.other_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.other_table.setWordWrap(False)
        self.other_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.other_table.setAlternatingRowColors(True)
        self.other_table.installEventFilter(self)
        self.other_table.itemChanged.connect(self._on_item_changed)
        self.other_table.itemDelegate().closeEditor.connect(self._on_editor_closed)
        column.addWidget(self.other_table)
        self.table_note = QLabel()
        self.table_note.setWordWrap(True)
        self.table_note.setFont(_smaller(self.table_note.font()))
        column.addWidget(self.table_note)
        self.add_key_button.clicked.connect(self._add_key_row)
        self.remove_key_button.clicked.connect(self._remove_selected_key)
        return box

    # ------------------------------------------------------------------ public API

    def post(self) -> Post | None:
        """The post the form shows."""
        return self._post

    def set_new_keys(self, keys: dict[ff.Field, str]) -> None:
        """How the post's site spells a field the post does not have yet (``pubDate``,
        ``published``, ``Title``)."""
        self._keys = dict(keys)

    def set_vocabulary(self, tags: list[str], categories: list[str], authors: list[str]) -> None:
        """The site's words, offered as completions (most used first)."""
        self.tags_edit.set_vocabulary(tags)
        self.categories_edit.set_vocabulary(categories)
        self.authors_edit.set_vocabulary(authors)

    def show_problem(self, message: str) -> None:
        """Say why the last edit did not reach the text (until the next edit that does)."""
        self.problem_label.setStyleSheet(f"color: {self._warning()}; font-weight: 600;")
        self.problem_label.setText(message)
        self.problem_label.show()

    def problem(self) -> str:
        """The problem shown, "" when none is."""
        return self.problem_label.text() if self.problem_label.isVisible() else ""

    def commit_pending(self) -> None:
        """Report edits still waiting for the writer to pause or leave the field; the window
        calls this before saving or showing another post."""
        self._timer.stop()
        for field in self._dirty_fields():
            self._commit_text(field)
        if self.date_field.has_pending_change():
            self.date_field.commit()
        for tokens in (self.tags_edit, self.categories_edit, self.authors_edit):
            tokens.commit_text()

    def show_post(self, post: Post) -> None:
        """Show ``post`` without emitting anything.

        A field whose value did not change is left alone, so the writer's cursor stays put
        while the text editor refreshes the form; a field with typing not yet reported keeps
        the typing. Broken front matter makes the form read-only under a banner, still
        showing the last good values of the same file.
        """
        previous = self._post
        self._post = post
        if previous is not None and previous.path != post.path:
            self._timer.stop()
            self._dirty.clear()
            self.date_field.cancel_pending()
            if post.error is not None:
                self._fill(Post.from_text("", post.path))
        if post.error is not None:
            self.banner_label.setText(ff.banner_text(post.error))
            self.banner.show()
            self._dirty.clear()
            self._timer.stop()
            self._set_read_only(True)
            return
        self.banner.hide()
        self._set_read_only(False)
        self._fill(post)

    # ------------------------------------------------------------------ filling

    def _fill(self, post: Post) -> None:
        self._filling = True
        try:
            self._fill_line("title", self.title_edit, ff.shown_text(post, "title"))
            heading = post.title if post.title_source == "heading" else None
            self.title_edit.setPlaceholderText(heading or "Untitled")
            self.title_edit.setToolTip(
                "From the post's first heading; type here to write a title key instead"
                if heading
                else ""
            )
            self._fill_line("slug", self.slug_edit, post.slug or "")
            typed = self.title_edit.text().strip() if "title" in self._dirty else None
            suggestion = ff.slug_suggestion(typed or post.title)
            self.slug_edit.setPlaceholderText(suggestion or "From the title")
            self._fill_description(post)
            self.date_field.set_value(post.date, post.date_value, ff.default_offset(post))
            self.draft_check.setChecked(post.draft)
            self._fill_tokens(post)
            self._fill_line("image", self.image_edit, ff.image_value(post))
            self._fill_table(post)
        finally:
            self._filling = False

    def _fill_line(self, field: TextField, edit: QLineEdit, text: str) -> None:
        if field not in self._dirty and edit.text() != text:
            edit.setText(text)

    def _fill_description(self, post: Post) -> None:
        text = ff.shown_text(post, "description")
        edit = self.description_edit
        if "description" in self._dirty or edit.toPlainText() == text:
            return
        position = edit.textCursor().position()
        edit.setPlainText(text)
        cursor = edit.textCursor()
        cursor.setPosition(min(position, len(edit.toPlainText())))
        edit.setTextCursor(cursor)
        self._update_description_hint()

    def _fill_tokens(self, post: Post) -> None:
        self.tags_edit.set_tokens(ff.shown_tokens(post, "tags"))
        single = ff.single_valued(post, "categories", keys=self._keys)
        self.categories_edit.set_max_tokens(1 if single else None)
        self._set_label(self.categories_edit, "Category" if single else "Categories")
        self.categories_edit.set_tokens(ff.shown_tokens(post, "categories"))
        single = ff.single_valued(post, "authors", keys=self._keys)
        self.authors_edit.set_max_tokens(1 if single else None)
        self._set_label(self.authors_edit, "Author" if single else "Authors")
        self.authors_edit.set_tokens(ff.shown_tokens(post, "authors"))

    def _set_label(self, field: QWidget, text: str) -> None:
        label = self._form.labelForField(field)
        if isinstance(label, QLabel):
            label.setText(text)

    def _fill_table(self, post: Post) -> None:
        rows = [
            (key, ff.cell_text(value), not ff.is_nested(value))
            for key, value in ff.other_keys(post)
        ]
        if self.other_table.state() == QAbstractItemView.State.EditingState:
            self._table_stale = True  # refreshed when the writer closes the cell editor
            return
        if rows == self._table_rows and not self._has_new_row():
            return
        self._table_rows = rows
        self._table_stale = False
        table = self.other_table
        table.blockSignals(True)
        try:
            table.setRowCount(0)
            for key, text, editable in rows:
                self._append_row(key, text, editable=editable, new=False)
        finally:
            table.blockSignals(False)
        self._fit_table()

    def _append_row(self, key: str, text: str, *, editable: bool, new: bool) -> int:
        table = self.other_table
        row = table.rowCount()
        table.insertRow(row)
        key_item = QTableWidgetItem(key)
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        key_item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if new else flags)
        key_item.setData(_NEW_KEY_ROLE, new)
        value_item = QTableWidgetItem(text)
        value_item.setToolTip(text if editable else f"{text}\n\nEdit nested values in the text.")
        if editable and not self._read_only:
            value_item.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
        else:
            value_item.setFlags(flags)
            value_item.setForeground(QColor(self._muted()))
        table.setItem(row, 0, key_item)
        table.setItem(row, 1, value_item)
        return row

    def _fit_table(self) -> None:
        table = self.other_table
        table.setVisible(table.rowCount() > 0)
        if not self._has_new_row():
            self.table_note.setStyleSheet(f"color: {self._muted()};")
            self.table_note.setText(
                "" if table.rowCount() else "Keys the fields above do not show appear here."
            )
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(height)

    def _has_new_row(self) -> bool:
        table = self.other_table
        return any(
            (item := table.item(row, 0)) is not None and item.data(_NEW_KEY_ROLE)
            for row in range(table.rowCount())
        )

    def _set_read_only(self, read_only: bool) -> None:
        if read_only == self._read_only:
            return
        self._read_only = read_only
        for edit in (self.title_edit, self.slug_edit, self.image_edit):
            edit.setReadOnly(read_only)
        self.description_edit.setReadOnly(read_only)
        self.date_field.set_read_only(read_only)
        self.draft_check.setEnabled(not read_only)
        for tokens in (self.tags_edit, self.categories_edit, self.authors_edit):
            tokens.set_read_only(read_only)
        self.choose_image_button.setEnabled(not read_only)
        self.add_key_button.setEnabled(not read_only)
        self.remove_key_button.setEnabled(not read_only)
        self.other_table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )

    # ------------------------------------------------------------------ reporting edits

    def _editable_post(self) -> Post | None:
        post = self._post
        if post is None or post.error is not None or self._read_only:
            return None
        return post

    def _emit(self, edit: ff.Edit | None) -> None:
        post = self._editable_post()
        if edit is None or post is None:
            return
        self.problem_label.hide()
        # The window may show the edited post only after a pause; until then the form compares
        # the next edit with the post as this edit leaves it, so that changing a field back, or
        # a second edit of the same field, is not mistaken for "no change".
        with contextlib.suppress(PostError):  # the window reports why it cannot apply it
            self._post = (
                post.without(edit.key) if edit.remove else post.with_value(edit.key, edit.value)
            )
        if edit.remove:
            self.value_removed.emit(edit.key)
        else:
            self.value_edited.emit(edit.key, edit.value)

    def _mark_dirty(self, field: TextField) -> None:
        if not self._filling:
            self._dirty.add(field)
            self._timer.start()

    def _commit_paused(self) -> None:
        # an emptied field waits for the writer to leave it: removing a key and writing it again
        # a keystroke later would move it to the end of the front matter
        for field in self._dirty_fields():
            if self._text_of(field).strip():
                self._commit_text(field)

    def _dirty_fields(self) -> list[TextField]:
        # the title goes first: whether the slug follows it depends on the slug being untyped
        order: list[TextField] = ["title", "slug", "description", "image"]
        return [field for field in order if field in self._dirty]

    def _text_of(self, field: TextField) -> str:
        if field == "description":
            return self.description_edit.toPlainText()
        edit = {"title": self.title_edit, "slug": self.slug_edit, "image": self.image_edit}[field]
        return edit.text()

    def _commit_text(self, field: TextField) -> None:
        post = self._editable_post()
        if post is None:
            return
        text = self._text_of(field)
        slug_typed = "slug" in self._dirty
        self._dirty.discard(field)
        if field == "image":
            self._emit(ff.image_edit(post, text, keys=self._keys))
            return
        edit = ff.text_edit(post, field, text, keys=self._keys)
        follow = None
        if field == "title" and edit is not None and not edit.remove and not slug_typed:
            follow = ff.slug_edit_for_title(post, text, keys=self._keys)
        self._emit(edit)
        self._emit(follow)

    def _on_title_edited(self, text: str) -> None:
        self._mark_dirty("title")
        post = self._post
        if post is None or "slug" in self._dirty or not ff.slug_follows_title(post):
            return
        heading = post.title if post.title_source == "heading" else None
        suggestion = ff.slug_suggestion(text.strip() or heading)
        if post.slug is None:
            self.slug_edit.setPlaceholderText(suggestion or "From the title")
        elif suggestion:
            self.slug_edit.setText(suggestion)

    def _on_description_changed(self) -> None:
        self._update_description_hint()
        self._mark_dirty("description")

    def _update_description_hint(self) -> None:
        hint, too_long = ff.description_hint(self.description_edit.toPlainText())
        self.description_hint.setText(hint)
        color = self._warning() if too_long else self._muted()
        self.description_hint.setStyleSheet(f"color: {color};")
        self.description_hint.setProperty("tooLong", too_long)

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _warning(self) -> str:
        return _WARNING_DARK if self._is_dark() else _WARNING_LIGHT

    def _restyle(self) -> None:
        """Colours that come from the palette, set again when the theme switches."""
        fill, edge, ink = (
            ("#4a3b10", "#8a6d1f", "#f7e7b4")
            if self._is_dark()
            else ("#fff3cd", "#e0b94f", "#533f03")
        )
        self.banner.setStyleSheet(
            f"QFrame#FrontMatterBanner {{ background: {fill}; border-bottom: 1px solid {edge}; }}"
            f"QFrame#FrontMatterBanner QLabel {{ color: {ink}; background: transparent; }}"
        )
        self.date_field.problem.setStyleSheet(f"color: {self._warning()};")
        for tokens in (self.tags_edit, self.categories_edit, self.authors_edit):
            tokens.restyle()  # a widget with a style sheet is not told of palette changes
        self._update_description_hint()
        self._table_rows = []  # rebuilt with the new muted colour for read-only values
        if self._post is not None and self._post.error is None:
            self._fill_table(self._post)
        else:
            self._fit_table()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow the application's switch between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            key = (self.palette().color(QPalette.ColorRole.Window).name(), self._muted())
            if key != self._palette_key:
                self._palette_key = key
                self._restyle()
        super().changeEvent(event)

    def _muted(self) -> str:
        """A grey between the text and the window colours, for hints in light and dark themes."""
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        ground = palette.color(QPalette.ColorRole.Window)
        return mix_colors(ground, ink, 0.55).name()

    def _on_draft_clicked(self, checked: bool) -> None:
        post = self._editable_post()
        if post is not None:
            self._emit(ff.draft_edit(post, checked, keys=self._keys))

    def _on_date_committed(self, value: dt.date | dt.datetime) -> None:
        post = self._editable_post()
        if post is not None:
            self._emit(ff.date_edit(post, value, keys=self._keys))

    def _on_tokens(self, field: ff.TokenField, tokens: list[str]) -> None:
        post = self._editable_post()
        if post is not None and not self._filling:
            self._emit(ff.tokens_edit(post, field, tokens, keys=self._keys))

    def _choose_image(self) -> None:
        post = self._editable_post()
        if post is None:
            return
        folder = str(post.path.parent) if post.path is not None else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a cover image", folder, image_file_filter()
        )
        if not chosen:
            return
        path = ff.relative_image_path(Path(chosen), post.path)
        self.image_edit.setText(path)
        self._dirty.discard("image")
        self._emit(ff.image_edit(post, path, keys=self._keys))

    # ------------------------------------------------------------------ other keys table

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        post = self._editable_post()
        if post is None or self._filling:
            return
        row = item.row()
        key_item = self.other_table.item(row, 0)
        value_item = self.other_table.item(row, 1)
        if key_item is None or value_item is None:
            return
        key = key_item.text().strip()
        if key_item.data(_NEW_KEY_ROLE):
            if not key:
                return
            problem = ff.key_problem(post, key)
            self.table_note.setText(problem or "")
            self.table_note.setStyleSheet(f"color: {self._warning()};" if problem else "")
            if problem is None:
                key_item.setData(_NEW_KEY_ROLE, False)
                self._emit(ff.Edit(key, ff.parse_cell(value_item.text(), post)))
            return
        if item.column() == 1:
            self._emit(ff.cell_edit(post, key, item.text()))

    def _on_editor_closed(self) -> None:
        if self._table_stale and self._post is not None:
            QTimer.singleShot(0, self._refresh_table)

    def _refresh_table(self) -> None:
        if self._post is not None and self._post.error is None:
            self._table_rows = []  # force a rebuild
            self._fill_table(self._post)

    def _add_key_row(self) -> None:
        if self._editable_post() is None:
            return
        table = self.other_table
        table.blockSignals(True)
        try:
            row = self._append_row("", "", editable=True, new=True)
        finally:
            table.blockSignals(False)
        self._fit_table()
        self.table_note.setStyleSheet("")
        self.table_note.setText("Type the key's name, then its value.")
        table.setCurrentCell(row, 0)
        item = table.item(row, 0)
        if item is not None:
            table.editItem(item)

    def _remove_selected_key(self) -> None:
        table = self.other_table
        row = table.currentRow()
        key_item = table.item(row, 0) if row >= 0 else None
        if key_item is None or self._editable_post() is None:
            return
        if key_item.data(_NEW_KEY_ROLE):
            table.removeRow(row)
            self._fit_table()
            return
        self._emit(ff.Edit(key_item.text(), remove=True))

    # ------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Leaving the description reports it; Delete in the table removes the selected key."""
        if watched is self.description_edit and event.type() == QEvent.Type.FocusOut:
            if "description" in self._dirty:
                self._commit_text("description")
        elif (
            watched is self.other_table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.other_table.state() != QAbstractItemView.State.EditingState
        ):
            self._remove_selected_key()
            return True
        return super().eventFilter(watched, event)


def _smaller(font: QFont) -> QFont:
    """A font one step smaller, for hints under a field."""
    smaller = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        smaller.setPointSizeF(max(size - 1, 7))
    return smaller
