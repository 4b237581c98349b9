"""The main window: lays out the panes, builds menus and toolbar, and asks the user questions.

Decisions live in :class:`~editor.gui.controller.DocumentController`; this class forwards.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.core import formfields as ff
from editor.core.filekinds import is_post_name, post_file_filter
from editor.core.post import Post
from editor.core.render import RenderResult
from editor.core.settings import Settings, save_settings
from editor.core.site import Site
from editor.gui.controller import (
    LARGE_POST_CHARS,
    LONG_LINE_CHARS,
    ConflictAnswer,
    DocumentController,
    TextMode,
    UnsavedAnswer,
)
from editor.gui.diskwatch import DiskChangeBar, NoticeKind
from editor.gui.editorpane import EditorPane
from editor.gui.findbar import FindBar
from editor.gui.frontmatterform import FrontMatterForm
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.outline import OutlineView
from editor.gui.preview import PreviewPane
from editor.gui.renderservice import RenderService, is_notice
from editor.gui.theme import apply_theme


class MainWindow(QMainWindow):
    """One post, its preview, its front matter and its outline."""

    _windows: ClassVar[list[MainWindow]] = []
    #: offer the recovery journal's orphaned entries when a window opens
    offer_recovery_on_open: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        MainWindow._windows.append(self)
        self.settings = settings
        self.setAcceptDrops(True)
        self.setWindowTitle("Untitled[*] - Postwright")
        self.resize(1280, 800)
        self.dark = apply_theme(settings.theme)

        self.editor = EditorPane()
        self.editor.document().setDocumentMargin(12)
        self.editor.document().setModified(False)
        # connected before the highlighter's own slot, so a pasted hostile line can switch the
        # colouring off before it is coloured (see _guard_change)
        self._loading_text = False
        self.editor.document().contentsChange.connect(self._guard_change)
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.highlighter.set_dark(self.dark)
        self.find_bar = FindBar(self.editor)
        self.find_bar.hide()
        self.preview = PreviewPane(dark=self.dark)
        self.form = FrontMatterForm()
        self.outline = OutlineView()
        self.renders = RenderService(self)
        self.controller = DocumentController(self, settings, self.renders, self)
        self.disk_bar = DiskChangeBar()
        self.disk_bar.action.connect(self.controller.disk_action)
        self.compare_dialog: QWidget | None = None
        self.recovery_dialog: QWidget | None = None

        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editorPreviewSplitter")
        self.splitter.addWidget(editor_column)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([640, 640])
        central = QWidget()
        central_column = QVBoxLayout(central)
        central_column.setContentsMargins(0, 0, 0, 0)
        central_column.setSpacing(0)
        central_column.addWidget(self.disk_bar)  # across editor and preview: it is about both
        central_column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.form_dock = self._dock("Front matter", "frontMatterDock", self.form)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.form_dock)
        self.outline_dock = self._dock("Outline", "outlineDock", self.outline)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.resizeDocks([self.form_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.outline_dock], [200], Qt.Orientation.Horizontal)

        self._build_status_bar()
        self._build_actions()
        self._connect()
        self.apply_settings()
        self._restore_layout()
        # the desktop switched between light and dark: follow it when the theme is "system"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        if MainWindow.offer_recovery_on_open:
            QTimer.singleShot(0, self, self._offer_recovery_on_open)

    # ------------------------------------------------------------------ construction

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.words_label = QLabel()
        self.excerpt_label = QLabel()
        self.position_label = QLabel("1:1")
        self.generator_label = QLabel()
        self.save_label = QLabel()
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet("color: #c0392b;")
        for label in (
            self.warning_label,
            self.words_label,
            self.excerpt_label,
            self.position_label,
            self.generator_label,
            self.save_label,
        ):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        editor = self.editor
        self.new_action = self._action("&New", self.new_post, keys.New, "Start a new post")
        self.open_action = self._action("&Open...", self.open_dialog, keys.Open, "Open a post")
        self.save_action = self._action("&Save", self.controller.save, keys.Save, "Save the post")
        self.save_as_action = self._action("Save &As...", self.controller.save_as, keys.SaveAs)
        self.recover_action = self._action(
            "Recover &Unsaved Posts...",
            self.recovery_dialog_action,
            tip="Text left unsaved when Postwright last stopped",
        )
        self.export_action = self._action(
            "&Export to Site...", self.export_dialog, "Ctrl+E", "Export the post into a site"
        )
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.undo_action = self._action("&Undo", editor.undo, keys.Undo)
        self.redo_action = self._action("&Redo", editor.redo, keys.Redo)
        self.cut_action = self._action("Cu&t", editor.cut, keys.Cut)
        self.copy_action = self._action("&Copy", editor.copy, keys.Copy)
        self.paste_action = self._action("&Paste", editor.paste, keys.Paste)
        self.find_action = self._action("&Find...", self.find_bar.open_bar, keys.Find)
        self.replace_action = self._action(
            "Find and &Replace...", lambda: self.find_bar.open_bar(replace=True), keys.Replace
        )
        if self.replace_action.shortcut().isEmpty():
            self.replace_action.setShortcut(QKeySequence("Ctrl+H"))
        self.bold_action = self._action("&Bold", editor.toggle_bold, keys.Bold, "Bold")
        self.italic_action = self._action("&Italic", editor.toggle_italic, keys.Italic, "Italic")
        self.link_action = self._action("&Link", editor.insert_link, "Ctrl+K", "Insert a link")
        self.marker_action = self._action(
            "Insert E&xcerpt Marker",
            self.controller.insert_excerpt_marker,
            "Ctrl+Shift+M",
            "End the excerpt after the paragraph at the cursor",
        )
        self.zoom_in_action = self._action("Zoom &In", lambda: self.zoom(1), keys.ZoomIn)
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.zoom(-1), keys.ZoomOut)
        self.zoom_reset_action = self._action("&Reset Zoom", lambda: self.zoom(0), "Ctrl+0")
        self.card_action = self._action(
            "Blog Index &Card...", self.card_dialog, "Ctrl+Shift+C",
            "How the post looks on the blog's index",
        )  # fmt: skip
        self.settings_action = self._action(
            "&Preferences...", self.settings_dialog, keys.Preferences
        )
        self.about_action = self._action("&About Postwright", self.about)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addAction(self.recover_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.cut_action, self.copy_action, self.paste_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.replace_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)

        format_menu = menu.addMenu("F&ormat")
        format_menu.addActions([self.bold_action, self.italic_action, self.link_action])
        format_menu.addSeparator()
        format_menu.addAction(self.marker_action)

        view_menu = menu.addMenu("&View")
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        view_menu.addAction(self.card_action)
        view_menu.addSeparator()
        view_menu.addAction(self.form_dock.toggleViewAction())
        view_menu.addAction(self.outline_dock.toggleViewAction())

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        for action in (self.new_action, self.open_action, self.save_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.bold_action, self.italic_action, self.link_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        self.marker_action.setIconText("Excerpt marker")
        toolbar.addAction(self.marker_action)
        self.card_action.setIconText("Card")
        toolbar.addAction(self.card_action)
        toolbar.addSeparator()
        self.export_action.setIconText("Export")
        toolbar.addAction(self.export_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _connect(self) -> None:
        editor = self.editor
        editor.textChanged.connect(self.controller.text_changed)
        editor.document().modificationChanged.connect(self.setWindowModified)
        editor.document().modificationChanged.connect(self._show_save_state)
        editor.cursorPositionChanged.connect(self._show_position)
        editor.file_dropped.connect(self.open_path)
        editor.message.connect(self.show_status)
        editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        editor.undoAvailable.connect(self.undo_action.setEnabled)
        editor.redoAvailable.connect(self.redo_action.setEnabled)
        self.form.value_edited.connect(self.controller.set_value)
        self.form.value_removed.connect(self.controller.remove_value)
        self.outline.heading_activated.connect(lambda line: editor.go_to_line(line - 1))
        self.preview.line_clicked.connect(lambda line: editor.go_to_line(line - 1))
        self.preview.line_scrolled.connect(self._preview_scrolled)
        self._syncing_scroll = False

    # ------------------------------------------------------------------ settings and layout

    def apply_settings(self) -> None:
        """Fonts, wrapping, theme and preview options from :attr:`settings`."""
        font = QFont(self.settings.editor_font_family, self.settings.editor_font_size)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.set_editor_font(font)
        self.editor.set_wrap(self.settings.wrap_lines)
        self.dark = apply_theme(self.settings.theme)
        self.highlighter.set_dark(self.dark)
        self.preview.set_appearance(
            dark=self.dark,
            font_size=self.settings.preview_font_size,
            code_style_light=self.settings.code_style_light,
            code_style_dark=self.settings.code_style_dark,
            allow_remote_images=self.settings.allow_remote_images,
        )
        self.controller.use_site()
        self.controller.render_now()

    def _system_scheme_changed(self) -> None:
        if self.settings.theme == "system":
            self.apply_settings()

    def _restore_layout(self) -> None:
        stored = QSettings()
        geometry = stored.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = stored.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = stored.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def _save_layout(self) -> None:
        stored = QSettings()
        stored.setValue("window/geometry", self.saveGeometry())
        stored.setValue("window/state", self.saveState())
        stored.setValue("window/splitter", self.splitter.saveState())

    # ------------------------------------------------------------------ the view protocol

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer:
        """Save, discard or cancel."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"“{name}” has changes that are not saved.\n\nSave them first?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return "save"
        if answer == buttons.Discard:
            return "discard"
        return "cancel"

    def ask_save_path(self, suggested: Path) -> Path | None:
        """Where to save; None when the user cancels."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Save post as", str(suggested), post_file_filter()
        )
        return Path(name) if name else None

    def ask_changed_on_disk(self, name: str) -> ConflictAnswer:
        """Overwrite, reload or cancel, when the file changed since it was opened."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File changed on disk")
        box.setText(f"“{name}” was changed by another program since you opened it.")
        box.setInformativeText(
            "Overwrite it with your version, or reload it and lose your unsaved edits?"
        )
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        reload = box.addButton("Reload Theirs", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is overwrite:
            return "overwrite"
        if box.clickedButton() is reload:
            return "reload"
        return "cancel"

    def show_error(self, title: str, message: str) -> None:
        """A plain-words error."""
        QMessageBox.warning(self, title, message)

    def show_disk_notice(self, kind: NoticeKind, message: str) -> None:
        """The bar above the editor: the file changed, went away or cannot be read."""
        self.disk_bar.show_notice(kind, message)

    def hide_disk_notice(self) -> None:
        """Hide the changed-on-disk bar."""
        self.disk_bar.clear()

    def show_compare(self, name: str, disk_text: str, mine: str) -> None:
        """The file on disk against the buffer, in a non-modal dialog."""
        from editor.gui.comparedialog import CompareDialog

        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        dialog = CompareDialog(name, disk_text, mine, self)
        dialog.chosen.connect(self.controller.disk_action)
        self.compare_dialog = dialog
        dialog.show()

    def set_text_mode(self, mode: TextMode) -> None:
        """Colouring and wrapping as much as the post can afford."""
        document = self.editor.document()
        if mode.highlight and self.highlighter.document() is None:
            self.highlighter.setDocument(document)
        elif not mode.highlight and self.highlighter.document() is not None:
            self.highlighter.setDocument(None)
        wrap = (
            QTextOption.WrapMode.WrapAnywhere
            if mode.wrap_anywhere
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        if self.editor.wordWrapMode() != wrap:
            self.editor.setWordWrapMode(wrap)

    def _guard_change(self, position: int, _removed: int, added: int) -> None:
        """A typed or pasted line too long to colour or word-wrap switches both off first.

        Runs before the highlighter and the layout see the change, so a pasted 1 MB line costs
        a fraction of a second instead of half a minute.
        """
        if self._loading_text or self.highlighter.document() is None:
            return
        document = self.editor.document()
        block = document.findBlock(position)
        last = document.findBlock(position + added)
        longest = max(block.length(), last.length())
        long_word = False
        if added > LONG_LINE_CHARS:
            while block.isValid():
                if block.length() > LONG_LINE_CHARS:
                    longest = max(longest, block.length())
                    long_word = long_word or any(
                        len(word) > LONG_LINE_CHARS for word in block.text().split()
                    )
                if block == last:
                    break
                block = block.next()
        large = document.characterCount() > LARGE_POST_CHARS
        if longest <= LONG_LINE_CHARS and not large:
            return
        if longest > LONG_LINE_CHARS and not long_word:
            long_word = any(
                len(word) > LONG_LINE_CHARS
                for candidate in (document.findBlock(position), last)
                for word in candidate.text().split()
            )
        reason = (
            f"A line of {longest:,} characters: colouring is off for this post to keep typing fast"
            if longest > LONG_LINE_CHARS
            else "This post is too large to colour while typing stays fast: colouring is off"
        )
        mode = TextMode(
            highlight=False, wrap_anywhere=long_word, live_preview=not large, reason=reason
        )
        self.controller.mode = mode
        self.set_text_mode(mode)
        self.show_status(reason)

    @Slot(str)
    def show_status(self, message: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(message, 5000)

    def editor_text(self) -> str:
        """The buffer, exactly: ``toPlainText()`` would turn every no-break space into a space
        and U+2028 into a line break, and a save would write those changes into the file."""
        return self.editor.document().toRawText().replace("\u2029", "\n")

    def editor_size(self) -> int:
        """About how many characters the buffer holds (cheap)."""
        return self.editor.document().characterCount()

    def set_editor_text(self, text: str) -> None:
        """Replace the buffer (a newly opened post)."""
        self._loading_text = True
        try:
            # setPlainText drops one U+FEFF at the very start; the text is the text
            self.editor.setPlainText("\ufeff" + text if text.startswith("\ufeff") else text)
        finally:
            self._loading_text = False
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)

    def replace_editor_text(self, old: str, new: str) -> None:
        """Change only what differs, as one undoable edit that keeps the cursor and the scroll.

        Like ``frontmatterform.apply_post_edit``, but computed on the exact text
        (``toPlainText`` shows no-break spaces as spaces, so a reload could keep an NBSP the
        file no longer has).
        """
        del old  # the editor's own text is the only safe base for positions
        new = new.replace("\r\n", "\n")
        current = self.editor_text()
        if current == new:
            return
        start, end, replacement = ff.changed_span(current, new)
        first = ff.utf16_length(current[:start])
        last = first + ff.utf16_length(current[start:end])
        if first == 0 and replacement.startswith("\ufeff"):
            replacement = "\ufeff" + replacement  # Qt drops one at the very start
        bars = (self.editor.verticalScrollBar(), self.editor.horizontalScrollBar())
        scroll = [bar.value() for bar in bars]
        self._loading_text = len(replacement) > LONG_LINE_CHARS  # the controller chose the mode
        try:
            cursor = QTextCursor(self.editor.document())
            cursor.beginEditBlock()
            cursor.setPosition(first)
            cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
            cursor.endEditBlock()
            if self.editor_text() != new:  # never leave a text other than the one asked for
                position = self.editor.textCursor().position()
                self.set_editor_text(new)
                cursor = self.editor.textCursor()
                cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
                self.editor.setTextCursor(cursor)
        finally:
            self._loading_text = False
        for bar, value in zip(bars, scroll, strict=True):
            bar.setValue(value)

    def editor_cursor_line(self) -> int:
        """The cursor's 0-based line."""
        return self.editor.cursor_line()

    def is_modified(self) -> bool:
        """Whether the buffer has unsaved edits."""
        return self.editor.document().isModified()

    def set_modified(self, modified: bool) -> None:
        """Mark the buffer saved (or not)."""
        self.editor.document().setModified(modified)
        self.setWindowModified(modified)
        self._show_save_state(modified)

    def set_document_state(self, name: str, path: Path | None) -> None:
        """Title bar and the editor's folder for pasted images."""
        self.setWindowTitle(f"{name}[*] - Postwright")
        self.setWindowFilePath(str(path) if path else "")
        self.editor.set_document_folder(path.parent if path else None)
        self._show_save_state(self.is_modified())

    def show_post(self, post: Post) -> None:
        """Refresh the form."""
        self.form.show_post(post)

    def show_render(self, result: RenderResult) -> None:
        """Preview, outline and the numbers in the status bar."""
        self.preview.show_result(result)
        self.outline.show_headings(result.headings)
        if is_notice(result):
            self.words_label.setText("preview off")
            self.excerpt_label.setText("")
            self.warning_label.setVisible(False)
            return
        minutes = max(1, math.ceil(result.reading_minutes)) if result.word_count else 0
        self.words_label.setText(f"{result.word_count:,} words · {minutes} min read")
        excerpt_words = self.preview.excerpt_words(result)
        self.excerpt_label.setText(
            f"excerpt {excerpt_words:,} words" if excerpt_words is not None else "no excerpt"
        )
        warning = self.controller.marker_warning(result)
        self.warning_label.setText(warning or "")
        self.warning_label.setVisible(bool(warning))

    def preview_base_changed(self, folder: Path | None) -> None:
        """The post moved to another folder: its local images resolve from there."""
        self.preview.set_base_folder(folder)

    def commit_form_edits(self) -> None:
        """Send edits still waiting in the form (typing not yet paused or confirmed)."""
        self.form.commit_pending()

    def show_site(self, site: Site | None) -> None:
        """The target site: completion in the form, its marker highlighted, its name shown."""
        if site is None:
            self.form.set_vocabulary([], [], [])
            self.highlighter.set_separators(())
            self.generator_label.setText(self.settings.default_generator or "no target site")
            return
        words = site.vocabulary
        self.form.set_vocabulary(list(words.tags), list(words.categories), list(words.authors))
        self.highlighter.set_separators([site.excerpt_separator] if site.excerpt_separator else [])
        self.generator_label.setText(f"{site.generator} site")
        self.generator_label.setToolTip(str(site.root))

    # ------------------------------------------------------------------ actions

    def open_path(self, path: Path) -> bool:
        """Open ``path`` here."""
        return self.controller.open_path(Path(path))

    @staticmethod
    def open_in_new_window(path: Path, settings: Settings) -> MainWindow:
        """Open ``path`` in a window of its own."""
        window = MainWindow(settings)
        window.show()
        window.open_path(path)
        return window

    def new_post(self) -> None:
        """Start an untitled post."""
        self.controller.new_document()

    def open_dialog(self) -> None:
        """Ask for a post and open it."""
        folder = (
            self.controller.session.path.parent if self.controller.session.path else Path.home()
        )
        name, _ = QFileDialog.getOpenFileName(self, "Open post", str(folder), post_file_filter())
        if name:
            self.open_path(Path(name))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [Path(name) for name in self.settings.recent_files]
        for path in recent:
            action = self.recent_menu.addAction(f"{path.name}  —  {path.parent}")
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction("No recent posts").setEnabled(False)

    def recovery_dialog_action(self) -> None:
        """File > Recover Unsaved Posts: every orphaned journal entry, offered before or not."""
        if not self.offer_recovery(every=True):
            self.show_status("No unsaved text is waiting to be recovered")

    def offer_recovery(self, *, every: bool = False) -> bool:
        """Offer unsaved text left by runs that stopped; False when there is none."""
        from editor.gui.recovery import offer_recovery

        dialog = offer_recovery(self, self.controller.journal, every=every)
        if dialog is None:
            return False
        self.recovery_dialog = dialog
        return True

    def _offer_recovery_on_open(self) -> None:
        if MainWindow.offer_recovery_on_open and self.isVisible():
            self.offer_recovery()

    def zoom(self, steps: int) -> None:
        """Zoom the editor and the preview together; 0 resets."""
        if steps == 0:
            self.editor.reset_zoom()
            self.preview.setZoomFactor(1.0)
        else:
            self.editor.zoom(steps)
            self.preview.setZoomFactor(max(0.5, min(3.0, self.preview.zoomFactor() + 0.1 * steps)))

    def export_dialog(self) -> None:
        """Export the post into a site folder."""
        from editor.gui.exportdialog import ExportDialog

        dialog = ExportDialog(self.controller, self.settings, self)
        dialog.exec()
        self.controller.use_site()  # the dialog may have chosen another site

    def card_dialog(self) -> None:
        """Show how the post looks on the blog's index."""
        from editor.gui.carddialog import CardDialog

        result = self.renders.last_result
        CardDialog(self.controller.current_post(), result, self.dark, self).exec()

    def settings_dialog(self) -> None:
        """Edit the preferences."""
        from editor.gui.settingsdialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            dialog.apply_to(self.settings)
            save_settings(self.settings)
            self.apply_settings()

    def about(self) -> None:
        """Version and purpose."""
        from editor import __version__

        QMessageBox.about(
            self,
            "About Postwright",
            f"<h3>Postwright {__version__}</h3>"
            "<p>A desktop editor for blog posts that end up on static sites.</p>",
        )

    # ------------------------------------------------------------------ status and scrolling

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(f"{cursor.blockNumber() + 1}:{cursor.positionInBlock() + 1}")

    def _show_save_state(self, modified: bool) -> None:
        if self.controller.session.path is None:
            self.save_label.setText("not saved yet")
        else:
            self.save_label.setText("edited" if modified else "saved")

    def _editor_scrolled(self) -> None:
        if self._syncing_scroll:
            return
        self.preview.scroll_to_line(self.editor.first_visible_line() + 1)

    def _preview_scrolled(self, line: int) -> None:
        self._syncing_scroll = True
        try:
            self.editor.scroll_to_line(line - 1)
        finally:
            self._syncing_scroll = False

    # ------------------------------------------------------------------ window events

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        """Accept a markdown file dragged onto the window."""
        if any(is_post_name(url.toLocalFile()) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Open the dropped markdown file."""
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if is_post_name(path):
                event.acceptProposedAction()
                self.open_path(path)
                return

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Losing focus writes the recovery journal; gaining it looks at the file on disk."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self.controller.check_disk()
            else:
                self.controller.journal_now()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Ask about unsaved edits; remember the layout."""
        if not self.controller.maybe_keep_edits():
            event.ignore()
            return
        self._save_layout()
        self.controller.close_document()
        self.renders.shutdown()
        self.preview.shutdown()
        if self in MainWindow._windows:
            MainWindow._windows.remove(self)
        event.accept()

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the desktop's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
