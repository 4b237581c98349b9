"""The main window: lays out the panes, builds menus and toolbar from a table, and asks the
writer questions.

Decisions live in :class:`~editor.app.document.Document`; this class is its view and forwards.
The outline, the findings list and the status bar's findings follow the document as
features (:mod:`editor.app.features`).
"""

from __future__ import annotations

import difflib
import importlib
import linecache
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
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
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.app.textmode import LARGE_POST_CHARS, LONG_LINE_CHARS, TextMode, mode_for, text_mode
from editor.core.filekinds import is_post_name, post_file_filter
from editor.gui.editorpane import EditorPane
from editor.gui.findbar import FindBar
from editor.gui.focus import Panes
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.theme import apply_theme

# The window paints the editor with its text first; the modules of the rest of it (the
# preview and Chromium, the form, the document and its checks, the site) are imported as
# its stages build them (see MainWindow.build_in_stages).
if TYPE_CHECKING:
    from editor.app.checking import Checks
    from editor.app.document import ConflictAnswer, Document, NoticeKind, UnsavedAnswer
    from editor.app.workspace import Workspace
    from editor.core.findings import Finding
    from editor.core.post import Post
    from editor.core.render import Renderer, RenderOptions, RenderResult
    from editor.core.target import Target
    from editor.gui.app import WindowManager
    from editor.gui.diskwatch import DiskChangeBar, DiskWatcher
    from editor.gui.focus import FocusMode
    from editor.gui.renderservice import RenderService
    from editor.gui.sitebuildview import SiteBuild
    from editor.gui.sitelook import SiteLookControls
    from editor.gui.sitepanel import SitePanel
    from editor.gui.spellcheck import SpellCheck
    from editor.gui.writingtools import WritingTools

Shortcut = QKeySequence.StandardKey | str | None
#: a staged window builds the rest after its first paint, or after this long without one
FIRST_PAINT_WAIT_MS = 200
_KEYS = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window: its words, what it runs, its key and where it shows.

    ``run`` names a method reached from the window: ``"save"`` for ``window.save``,
    ``"document.save"`` or ``"editor.undo"`` for an attribute's method.
    """

    name: str
    text: str
    run: str
    shortcut: Shortcut = None
    tip: str = ""
    icon_text: str = ""
    fallback: str = ""  # a key for platforms whose standard key is empty
    checkable: bool = False


#: every action of the window; menus and toolbar list them by name below
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New", "new_post", _KEYS.New, "Start a new post"),
    ActionSpec("open", "&Open...", "open_dialog", _KEYS.Open, "Open a post"),
    ActionSpec("save", "&Save", "document.save", _KEYS.Save, "Save the post"),
    ActionSpec("save_as", "Save &As...", "document.save_as", _KEYS.SaveAs, "Save under a name"),
    ActionSpec(
        "recover", "Recover &Unsaved Posts...", "recovery_dialog_action", None,
        "Text left unsaved when Postwright last stopped",
    ),
    ActionSpec(
        "export", "&Export to Site...", "export_dialog", "Ctrl+E",
        "Export the post into a site", icon_text="Export",
    ),
    ActionSpec("quit", "&Quit", "close", _KEYS.Quit, "Close this window"),
    # the open site (editor/gui/sitepanel.py)
    ActionSpec(
        "open_site", "Open &Site...", "site_panel.open_site_dialog", "Ctrl+Shift+O",
        "Open a blog's folder: its posts in a side list",
    ),
    ActionSpec(
        "new_site_post", "New Post in Site...", "site_panel.new_post_dialog", "Ctrl+Alt+N",
        "Start a post where and how the open site keeps its posts",
    ),
    ActionSpec(
        "check_site", "Check the &Whole Site", "site_panel.check_site", "Ctrl+Shift+F8",
        "Check every post of the site before publishing",
    ),
    ActionSpec(
        "rename_term", "&Rename a Tag Across the Site...", "site_panel.rename_dialog", None,
        "Rename a tag or category in every post that has it, previewed first",
    ),
    ActionSpec("undo_rename", "&Undo the Last Tag Rename", "site_panel.undo_rename"),
    ActionSpec(
        "diff_post", "&Changes Since the Last Commit...", "site_panel.diff_dialog", "Ctrl+Alt+D",
        "The post's diff against git's last commit",
    ),
    ActionSpec(
        "commit_post", "Co&mmit Post...", "site_panel.commit_dialog", None,
        "Commit this post (only it) with a message",
    ),
    ActionSpec("close_site", "&Close Site", "site_panel.close_site"),
    ActionSpec("undo", "&Undo", "editor.undo", _KEYS.Undo),
    ActionSpec("redo", "&Redo", "editor.redo", _KEYS.Redo),
    ActionSpec("cut", "Cu&t", "editor.cut", _KEYS.Cut),
    ActionSpec("copy", "&Copy", "editor.copy", _KEYS.Copy),
    ActionSpec("paste", "&Paste", "editor.paste", _KEYS.Paste),
    ActionSpec(
        "paste_plain", "Paste as Plain &Text", "editor.paste_plain", "Ctrl+Shift+V",
        "Paste without turning formatted text into markdown",
    ),
    ActionSpec("find", "&Find...", "find_bar.open_bar", _KEYS.Find),
    ActionSpec("replace", "Find and &Replace...", "open_replace", _KEYS.Replace, fallback="Ctrl+H"),
    ActionSpec("bold", "&Bold", "editor.toggle_bold", _KEYS.Bold, "Bold"),
    ActionSpec("italic", "&Italic", "editor.toggle_italic", _KEYS.Italic, "Italic"),
    ActionSpec("link", "&Link", "editor.insert_link", "Ctrl+K", "Insert a link"),
    ActionSpec(
        "image", "Insert &Image...", "tools.insert_image", "Ctrl+Shift+I",
        "Insert an image file, copied where the post's site keeps images", icon_text="Image",
    ),
    ActionSpec(
        "table_format", "Format &Table", "editor.format_table", "Ctrl+Shift+T",
        "Align the pipes of the table at the cursor",
    ),
    ActionSpec(
        "spelling", "Check &Spelling", "tools.toggle_spelling", "F7",
        "Underline unknown words as you type", checkable=True,
    ),
    ActionSpec(
        "marker", "Insert E&xcerpt Marker", "document.insert_excerpt_marker", "Ctrl+Shift+M",
        "End the excerpt after the paragraph at the cursor", icon_text="Excerpt marker",
    ),
    ActionSpec("zoom_in", "Zoom &In", "zoom_in", _KEYS.ZoomIn),
    ActionSpec("zoom_out", "Zoom &Out", "zoom_out", _KEYS.ZoomOut),
    ActionSpec("zoom_reset", "&Reset Zoom", "zoom_reset", "Ctrl+0"),
    ActionSpec(
        "site_look", "Site's &Look", "site_look.toggle", "Ctrl+Shift+L",
        "Show the post in its site's own stylesheet", checkable=True,
    ),
    ActionSpec(
        "site_stylesheet", "Choose Site &Stylesheet...", "site_look.choose_stylesheet", None,
        "Pick the CSS file the site's look uses (remembered for the site)",
    ),
    ActionSpec(
        "site_stylesheet_forget", "Use the Theme's Stylesheet", "site_look.forget_stylesheet",
        None, "Forget the chosen stylesheet: use the one found in the site's theme",
    ),
    ActionSpec(
        "card", "Blog Index &Card...", "card_dialog", "Ctrl+Shift+C",
        "How the post looks on the blog's index", icon_text="Card",
    ),
    ActionSpec(
        "check", "Check &Post", "show_findings", "F8",
        "The problems a generator would trip on, with their lines",
    ),
    ActionSpec(
        "site_build", "See It as the Site &Will", "site_build.build", "Ctrl+Shift+B",
        "Build the post with its site's own generator and show the page", icon_text="Site build",
    ),
    ActionSpec(
        "focus", "&Focus Mode", "focus.toggle", "Ctrl+Shift+F",
        "Only the editor, its text centred (Esc leaves)", checkable=True,
    ),
    ActionSpec(
        "full_screen", "F&ull Screen", "focus.toggle_full_screen", "F11",
        "Fill the screen", checkable=True,
    ),
    ActionSpec(
        "typewriter", "&Typewriter Scrolling", "tools.toggle_typewriter", None,
        "Keep the line you write in the middle of the editor", checkable=True,
    ),
    ActionSpec(
        "show_outline", "&Outline", "panes.toggle_outline", "Alt+1",
        "Show or hide the outline of headings", checkable=True,
    ),
    ActionSpec(
        "show_preview", "Pre&view", "panes.toggle_preview", "Alt+2",
        "Show or hide the preview", checkable=True,
    ),
    ActionSpec(
        "show_form", "Front &Matter", "panes.toggle_form", "Alt+3",
        "Show or hide the front matter form", checkable=True,
    ),
    ActionSpec(
        "settings", "&Preferences...", "settings_dialog", _KEYS.Preferences,
        "Fonts, theme, spelling and preview", fallback="Ctrl+,",
    ),
    ActionSpec(
        "markdown_help", "&Markdown Quick Reference", "tools.markdown_help", _KEYS.HelpContents,
        "What to type for headings, links, tables...", fallback="F1",
    ),
    ActionSpec(
        "shortcuts", "&Keyboard Shortcuts", "tools.shortcuts", "Ctrl+/",
        "Every action and its key, searchable",
    ),
    ActionSpec("about", "&About Postwright", "about"),
)  # fmt: skip

#: the menus: action names, "-" for a separator, "@name" for a submenu or a dock's toggle
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("new", "open", "@recent", "open_site", "new_site_post", "-", "save", "save_as",
               "recover", "-", "export", "-", "quit")),
    ("&Edit", ("undo", "redo", "-", "cut", "copy", "paste", "paste_plain", "-", "find",
               "replace", "-", "spelling", "-", "settings")),
    ("F&ormat", ("bold", "italic", "link", "image", "-", "table_format", "-", "marker")),
    ("&View", ("focus", "full_screen", "typewriter", "-", "show_outline", "show_preview",
               "show_form", "@findings", "@posts", "@siteproblems", "-", "zoom_in", "zoom_out",
               "zoom_reset", "-", "site_look", "site_stylesheet", "site_stylesheet_forget",
               "-", "card", "check", "site_build", "-", "@site")),
    ("S&ite", ("open_site", "new_site_post", "-", "check_site", "rename_term", "undo_rename",
               "-", "diff_post", "commit_post", "-", "close_site")),
    ("&Help", ("markdown_help", "shortcuts", "-", "about")),
)  # fmt: skip
TOOLBAR = ("new", "open", "save", "-", "bold", "italic", "link", "image", "table_format", "-",
           "marker", "card", "-", "show_preview", "focus", "-", "export")  # fmt: skip


class MainWindow(QMainWindow):
    """One post, its preview, its front matter, its outline and its findings."""

    #: offer the recovery journal's orphaned entries when a window opens
    offer_recovery_on_open = True

    def __init__(self, manager: WindowManager, *, staged: bool = False) -> None:
        """A window of ``manager``'s run, built whole; with ``staged``, only its frame (the
        editor, the panes' places, the menus' titles) until :meth:`build_in_stages` or
        :meth:`finish_building` builds the rest."""
        super().__init__()
        self.manager = manager
        manager.register(self)
        self.settings = manager.settings
        self.commands: dict[str, QAction] = {}
        self.compare_dialog: QWidget | None = None
        self.recovery_dialog: QWidget | None = None
        self._built = False
        self._staged = staged
        # the modules of the later parts load in stages of their own: the event loop turns
        # (the preview paints, input is read) at least every few hundredths of a second
        self._stages: list[Callable[[], None]] = [
            self._build_preview,
            _loader("editor.core.post"),  # with the front matter parsers
            _loader("editor.app.workspace"),
            self._build_workspace,
            _loader("editor.app.document", "editor.gui.controller", "editor.app.checking"),
            _loader("editor.gui.frontmatterform", "editor.gui.outline", "editor.gui.findingsview"),
            self._build_panes,
            _loader("editor.gui.sitebuildview", "editor.gui.sitepanel"),
            self._build_site_parts,
            _loader("editor.gui.writingtools", "editor.gui.spellcheck", "editor.gui.sitelook"),
            self._build_commands,
        ]
        #: what the window shows before its document exists (see show_text_first)
        self._first_path: Path | None = None
        self._first_text: str | None = None
        self._first_render: RenderResult | None = None
        self._build_frame()
        if not staged:
            self.finish_building()

    # ------------------------------------------------------------------ construction

    @property
    def built(self) -> bool:
        """Whether every part of the window exists (a staged window is built after its
        first paint)."""
        return self._built

    def finish_building(self, *, then: bool = True) -> None:
        """Build what is not built yet, now; then what :meth:`build_in_stages` was to do
        afterwards (unless not ``then``: the window is closing)."""
        while self._stages:
            self._stages.pop(0)()
        self._complete(then=then)

    def _complete(self, *, then: bool = True) -> None:
        if self._built:
            return
        self._built = True
        done, self._when_built = self._when_built, None
        if done is not None and then:
            done()

    def build_in_stages(
        self,
        done: Callable[[], None],
        *,
        after_preview: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        """Build the rest of the window after its first paint, one part per turn of the event
        loop (so the window paints, and the preview's page loads, in between); then ``done``.
        ``after_preview``, when given, is called once the preview is built with the function
        that goes on building (the start lets the preview's first render come first). A close
        or a drop meanwhile builds the rest at once."""
        self._when_built = done
        self._after_preview = after_preview
        painted = _FirstPaint(self.editor.viewport(), self._next_stage)
        self._first_paint = painted
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, painted.fire)

    def _next_stage(self) -> None:
        if self._stages:
            stage = self._stages.pop(0)
            stage()
            forget_module_sources()
            gate, self._after_preview = self._after_preview, None
            if stage == self._build_preview and gate is not None and self._stages:
                gate(self._go_on)
                return
        self._go_on()

    def _go_on(self) -> None:
        if self._stages:
            QTimer.singleShot(0, self, self._next_stage)
        else:
            self._complete()

    _when_built: Callable[[], None] | None = None
    _after_preview: Callable[[Callable[[], None]], None] | None = None

    def _build_frame(self) -> None:
        """What the first paint shows: the editor, the preview's and the panels' places, the
        menus' titles, the status bar; the window's size and layout as the writer left them."""
        self.setAcceptDrops(True)
        self.setWindowTitle("Untitled[*] - Postwright")
        self.resize(1280, 800)
        self.dark = apply_theme(self.settings.theme)

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
        self._apply_editor_settings()

        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editorPreviewSplitter")
        self.splitter.addWidget(editor_column)
        # the preview and, beside it, the page the site's own generator builds
        self.preview_area = QTabWidget()
        self.preview_area.setObjectName("previewTabs")
        self.preview_area.setDocumentMode(True)
        self.preview_area.addTab(_blank(), "Preview")
        self.preview_area.addTab(_blank(), "Site Build")
        self.splitter.addWidget(self.preview_area)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([640, 640])
        central = QWidget()
        self._central_column = QVBoxLayout(central)
        self._central_column.setContentsMargins(0, 0, 0, 0)
        self._central_column.setSpacing(0)
        self._central_column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.form_dock = self._dock("Front matter", "frontMatterDock", _blank())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.form_dock)
        self.outline_dock = self._dock("Outline", "outlineDock", _blank())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.findings_dock = self._dock("Problems", "findingsDock", _blank())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.form_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.outline_dock], [200], Qt.Orientation.Horizontal)
        self._build_status_bar()
        menu_bar = self.menuBar()
        self._menus = [(menu_bar.addMenu(title), names) for title, names in MENUS]
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar.setMovable(False)
        # a blank button holds the toolbar's height until its actions come
        self._toolbar_place = toolbar.addAction("")
        self._toolbar_place.setEnabled(False)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self.panes = Panes(self)
        self._restore_layout()

    def _build_preview(self) -> None:
        """The preview, its page started at once (Chromium starts beside the rest)."""
        from editor.gui.preview import PreviewPane

        self.preview = PreviewPane(dark=self.dark)
        self._apply_preview_settings()
        if self._first_path is not None:
            self.preview.set_base_folder(self._first_path.parent)
        _replace_tab(self.preview_area, 0, self.preview, "Preview")
        self.preview.make_page()
        first, self._first_render = self._first_render, None
        if first is not None:
            self.preview.show_result(first)

    def _build_workspace(self) -> None:
        """The run's workspace (settings, journal, documents), made by the first window."""
        self.workspace: Workspace = self.manager.workspace

    def _build_panes(self) -> None:
        """The document, the form, the outline, the problems."""
        from editor.app.checking import Checks
        from editor.gui.controller import build_document
        from editor.gui.diskwatch import DiskChangeBar
        from editor.gui.findingsview import FindingsView
        from editor.gui.frontmatterform import FrontMatterForm
        from editor.gui.outline import OutlineView

        self.form = FrontMatterForm()
        self.outline = OutlineView()
        self.findings = FindingsView()
        self.document: Document
        self.renders: RenderService
        self.watcher: DiskWatcher
        self.document, self.renders, self.watcher = build_document(self.workspace, self, self)
        self.checks: Checks = Checks()
        self.disk_bar: DiskChangeBar = DiskChangeBar()
        self.disk_bar.action.connect(self.document.disk_action)
        # across editor and preview: it is about both
        self._central_column.insertWidget(0, self.disk_bar)
        for dock, widget in (
            (self.form_dock, self.form),
            (self.outline_dock, self.outline),
            (self.findings_dock, self.findings),
        ):
            old = dock.widget()
            dock.setWidget(widget)
            if old is not None:
                old.deleteLater()
        self._status_ready()

    def _build_site_parts(self) -> None:
        """The Site Build tab, the open site's panels."""
        from editor.gui.sitebuildview import SiteBuild
        from editor.gui.sitepanel import SitePanel

        self.site_build: SiteBuild = SiteBuild(self)
        _replace_tab(self.preview_area, 1, self.site_build.pane, "Site Build")
        self.site_panel: SitePanel = SitePanel(self)

    def _build_commands(self) -> None:
        """The actions, menus and toolbar; the features following the document."""
        from editor.gui.focus import FocusMode
        from editor.gui.sitelook import SiteLookControls
        from editor.gui.spellcheck import SpellCheck
        from editor.gui.writingtools import WritingTools

        self.focus: FocusMode = FocusMode(self)
        self.tools: WritingTools = WritingTools(self, ACTIONS, MENUS)
        self.spelling: SpellCheck = SpellCheck(self.editor, self.highlighter, self.show_status)
        self.site_look: SiteLookControls = SiteLookControls(self)
        self.editor.image_place = self.tools.image_place
        self.editor.escape_pressed.connect(self.focus.escape)
        self._build_actions()
        self._connect()
        for feature in (
            self.outline,
            self.checks,
            self.spelling,
            self.site_panel,
            self.site_panel.posts,
            self.site_build.feature,
            self.site_look.feature,
        ):
            self.document.attach(feature)
        self.site_build.actions_ready(self.commands)
        self.site_build.reveal.connect(self._show_site_build)
        self.checks.subscribe(self.findings.show_findings)
        self.checks.subscribe(self._show_findings_summary)
        # a staged window renders its post once, when it is opened
        self.apply_settings(render=self._first_path is None)
        self.panes.sync()
        if self._first_text is None:
            self.editor.setReadOnly(False)  # else once the document has opened the text
        # the desktop switched between light and dark: follow it when the theme is "system"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        # (a staged start offers it itself, once its post is open)
        if MainWindow.offer_recovery_on_open and not self._staged:
            QTimer.singleShot(0, self, self._offer_recovery_on_open)

    def show_text_first(self, path: Path) -> None:
        """Show the post at ``path`` in the editor before the document exists (read-only
        until the window is built; the document opens the file itself, and keeps this text
        when it is the same). Unreadable files show nothing: the open says why."""
        from editor.core.errors import PostError
        from editor.core.postfile import read_editor_text

        try:
            text = read_editor_text(path)
        except PostError:
            return
        self._first_path = path
        self.set_text_mode(text_mode(text))
        self.editor.setReadOnly(True)
        self.set_editor_text(text)
        self._first_text = text
        self.setWindowTitle(f"{path.name}[*] - Postwright")

    def end_first_text(self) -> None:
        """The start opened what it could: a first text the document did not take (the file
        could not be opened after all) is not left in the editor as if it were the post."""
        if self._first_text is not None:
            self.set_editor_text("")
            self.set_modified(False)
        self.editor.setReadOnly(False)

    def show_first_render(self, result: RenderResult) -> None:
        """A render of the text :meth:`show_text_first` showed, made before the document
        could: shown in the preview until the document's own arrives."""
        if self._built:
            return  # the document renders for itself by now
        if hasattr(self, "preview"):
            self.preview.show_result(result)
        else:
            self._first_render = result

    def adopt_renderer(self, renderer: Renderer | bytes, options: RenderOptions) -> None:
        """Let the preview's renders go on from ``renderer`` (it rendered this post already)."""
        self.renders.adopt(renderer, options)

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
        self.findings_button = QToolButton()
        self.findings_button.setObjectName("FindingsButton")
        self.findings_button.setAutoRaise(True)
        self.findings_button.setToolTip("Show the problems the checks found (F8)")
        self.findings_button.clicked.connect(self.show_findings)
        self.findings_button.hide()  # until the checks find something
        self.words_label = QLabel()
        self.excerpt_label = QLabel()
        self.position_label = QLabel("1:1")
        self.target_button = QToolButton()
        self.target_button.setObjectName("TargetButton")
        self.target_button.setAutoRaise(True)
        self.target_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.site_menu = QMenu("&Site", self)
        self.site_menu.aboutToShow.connect(self._fill_site_menu)
        self.target_button.setMenu(self.site_menu)
        self.target_button.setEnabled(False)  # until the document has its target
        self.save_label = QLabel()
        bar.addPermanentWidget(self.findings_button)
        for label in (self.words_label, self.excerpt_label, self.position_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        bar.addPermanentWidget(self.target_button)
        self.save_label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(self.save_label)

    def _status_ready(self) -> None:
        self.target_button.setEnabled(True)

    def _resolve(self, run: str) -> Callable[[], object]:
        owner: object = self
        *path, name = run.split(".")
        for part in path:
            owner = getattr(owner, part)
        method = getattr(owner, name)
        assert callable(method)
        return method

    def _build_actions(self) -> None:
        for spec in ACTIONS:
            action = QAction(spec.text, self)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if action.shortcut().isEmpty() and spec.fallback:
                action.setShortcut(QKeySequence(spec.fallback))
            tip = spec.tip or spec.text.replace("&", "").removesuffix("...")
            if not action.shortcut().isEmpty():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                tip = f"{tip} ({key})"
            action.setStatusTip(tip)
            action.setToolTip(tip)
            if spec.icon_text:
                action.setIconText(spec.icon_text)
            action.setCheckable(spec.checkable)
            method = self._resolve(spec.run)
            action.triggered.connect(lambda _checked=False, run=method: run())
            self.addAction(action)  # its key works with the menu bar hidden (focus mode)
            self.commands[spec.name] = action
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        extras: dict[str, QMenu | QAction] = {
            "recent": self.recent_menu,
            "site": self.site_menu,
            "outline": self.outline_dock.toggleViewAction(),
            "form": self.form_dock.toggleViewAction(),
            "findings": self.findings_dock.toggleViewAction(),
            **self.site_panel.menu_extras(),
        }
        for menu, names in self._menus:
            for name in names:
                if name == "-":
                    menu.addSeparator()
                elif name.startswith("@"):
                    extra = extras[name[1:]]
                    if isinstance(extra, QMenu):
                        menu.addMenu(extra)
                    else:
                        menu.addAction(extra)
                else:
                    menu.addAction(self.commands[name])
        for name in TOOLBAR:
            if name == "-":
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.commands[name])
        self.toolbar.removeAction(self._toolbar_place)
        self.site_panel.actions_ready(self.commands)

    def _connect(self) -> None:
        editor = self.editor
        document = self.document
        editor.textChanged.connect(document.text_changed)
        editor.document().modificationChanged.connect(self.setWindowModified)
        editor.document().modificationChanged.connect(self._show_save_state)
        editor.cursorPositionChanged.connect(self._show_position)
        editor.file_dropped.connect(self.open_path)
        editor.message.connect(self.show_status)
        editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        undo, redo = self.commands["undo"], self.commands["redo"]
        undo.setEnabled(False)
        redo.setEnabled(False)
        editor.undoAvailable.connect(undo.setEnabled)
        editor.redoAvailable.connect(redo.setEnabled)
        self.form.value_edited.connect(document.set_value)
        self.form.value_removed.connect(document.remove_value)
        self.outline.heading_activated.connect(lambda line: editor.go_to_line(line - 1))
        self.findings.finding_activated.connect(self.go_to)
        self.preview.line_clicked.connect(lambda line: editor.go_to_line(line - 1))
        self.preview.line_scrolled.connect(self._preview_scrolled)
        self._syncing_scroll = False

    # ------------------------------------------------------------------ settings and layout

    def apply_settings(self, *, render: bool = True) -> None:
        """Fonts, wrapping, theme and preview options from :attr:`settings`; the post is
        rendered again with them (unless not ``render``)."""
        from editor.gui.icons import apply_icons

        self._apply_editor_settings()
        self.dark = apply_theme(self.settings.theme)
        self.highlighter.set_dark(self.dark)
        self._apply_preview_settings()
        apply_icons(self.commands, dark=self.dark)
        self.apply_writing_settings()
        if render:
            self.document.resolve_target()
            self.document.render_now()
        else:
            self.document.resolve_target_quietly()

    def _apply_editor_settings(self) -> None:
        font = QFont(self.settings.editor_font_family, self.settings.editor_font_size)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.set_editor_font(font)
        self.editor.set_wrap(self.settings.wrap_lines)

    def _apply_preview_settings(self) -> None:
        self.preview.set_appearance(
            dark=self.dark,
            font_size=self.settings.preview_font_size,
            code_style_light=self.settings.code_style_light,
            code_style_dark=self.settings.code_style_dark,
            allow_remote_images=self.settings.allow_remote_images,
        )

    def apply_writing_settings(self) -> None:
        """Spell checking and typewriter scrolling as the settings say. The first time (the
        window is being built) the dictionaries load after the first paint."""
        settings = self.settings
        if getattr(self, "_spelling_started", False):
            self._configure_spelling()
        else:
            self._spelling_started = True
            QTimer.singleShot(0, self, self._configure_spelling)
        self.commands["spelling"].setChecked(settings.spell_check)
        self.editor.set_typewriter(settings.typewriter_scrolling)
        self.commands["typewriter"].setChecked(settings.typewriter_scrolling)

    def _configure_spelling(self) -> None:
        settings = self.settings
        self.spelling.configure(enabled=settings.spell_check, languages=settings.spelling_languages)

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
        else:
            self.panes.default_layout()
        splitter = stored.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.panes.restore(stored)

    def _save_layout(self) -> None:
        self.focus.leave()  # the layout to come back to is the one with every pane
        stored = QSettings()
        self.panes.save(stored)
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
        """Overwrite, reload or cancel, when the file changed since it was opened. The default
        (Enter, Escape) keeps the writer's text: nothing is overwritten or thrown away."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File changed on disk")
        box.setText(f"“{name}” was changed by another program since you opened it.")
        box.setInformativeText(
            "Overwrite it with your version, or reload it and lose your unsaved edits? "
            "Cancel keeps your text here, unsaved, and the file as the other program left it."
        )
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        reload = box.addButton("Reload Theirs", QMessageBox.ButtonRole.ResetRole)
        keep = box.addButton("Keep Mine Unsaved", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
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
        dialog.chosen.connect(self.document.disk_action)
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
        a fraction of a second instead of half a minute. The mode is the one rule of
        :mod:`editor.app.textmode`, told the size of the text and of its longest changed line.
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
        size = document.characterCount()
        if longest <= LONG_LINE_CHARS and size <= LARGE_POST_CHARS:
            return
        if longest > LONG_LINE_CHARS and not long_word:
            long_word = any(
                len(word) > LONG_LINE_CHARS
                for candidate in (document.findBlock(position), last)
                for word in candidate.text().split()
            )
        self.document.set_text_mode(mode_for(size, longest, long_word))

    @Slot(str)
    def show_status(self, message: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(message, 5000)

    def show_edit_problem(self, message: str) -> None:
        """A form edit could not be applied: say so where the writer looks."""
        self.form.show_problem(message)
        self.statusBar().showMessage(message, 10000)

    def editor_text(self) -> str:
        """The buffer, exactly: ``toPlainText()`` would turn every no-break space into a space
        and U+2028 into a line break, and a save would write those changes into the file."""
        return self.editor.document().toRawText().replace("\u2029", "\n")

    def editor_size(self) -> int:
        """About how many characters the buffer holds (cheap)."""
        return self.editor.document().characterCount()

    def set_editor_text(self, text: str) -> None:
        """Replace the buffer (a newly opened post)."""
        first, self._first_text = self._first_text, None
        if first is not None:
            self.editor.setReadOnly(False)
            if first == text and self.editor_text() == text:
                return  # the text shown before the document opened it: kept as it is
        self._loading_text = True
        try:
            # setPlainText drops one U+FEFF at the very start; the text is the text
            self.editor.setPlainText("\ufeff" + text if text.startswith("\ufeff") else text)
        finally:
            self._loading_text = False
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)

    def replace_editor_text(self, old: str, new: str) -> None:
        """Change only what differs, as one undoable edit that keeps the cursor and the scroll.

        Positions are computed on the exact text (``toPlainText`` shows no-break spaces as
        spaces). A change spanning several lines is applied line run by line run, so text
        between two changed places - where the writer's cursor usually is - is never
        replaced, and the cursor stays on it.
        """
        from editor.core import formfields as ff

        del old  # the editor's own text is the only safe base for positions
        new = new.replace("\r\n", "\n")
        current = self.editor_text()
        if current == new:
            return
        start, end, replacement = ff.changed_span(current, new)
        edits = _line_edits(current, new, start, end, replacement)
        bars = (self.editor.verticalScrollBar(), self.editor.horizontalScrollBar())
        scroll = [bar.value() for bar in bars]
        self._loading_text = len(replacement) > LONG_LINE_CHARS  # the document chose the mode
        try:
            cursor = QTextCursor(self.editor.document())
            cursor.beginEditBlock()
            for edit_start, edit_end, text in reversed(edits):
                first = ff.utf16_length(current[:edit_start])
                last = first + ff.utf16_length(current[edit_start:edit_end])
                bom = "\ufeff" if first == 0 and text.startswith("\ufeff") else ""
                cursor.setPosition(first)
                cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(bom + text)  # Qt drops one U+FEFF at the very start
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
        """Preview and the numbers in the status bar."""
        from editor.core.render.guard import is_notice

        self.preview.show_result(result)
        if is_notice(result):
            self.words_label.setText("preview off")
            self.excerpt_label.setText("")
            return
        minutes = max(1, math.ceil(result.reading_minutes)) if result.word_count else 0
        self.words_label.setText(f"{result.word_count:,} words · {minutes} min read")
        excerpt_words = self.preview.excerpt_words(result)
        self.excerpt_label.setText(
            f"excerpt {excerpt_words:,} words" if excerpt_words is not None else "no excerpt"
        )

    def preview_base_changed(self, folder: Path | None) -> None:
        """The post moved to another folder: its local images resolve from there."""
        self.preview.set_base_folder(folder)

    def commit_form_edits(self) -> None:
        """Send edits still waiting in the form (typing not yet paused or confirmed)."""
        self.form.commit_pending()

    def show_target(self, target: Target) -> None:
        """The post's site: its name in the status bar, its words in the form's completion,
        its marker in the colouring."""
        from editor.core import formfields as ff

        words = target.vocabulary
        self.form.set_new_keys(
            {field: key for field in ff.FORM_FIELDS if (key := target.new_key(field))}
        )
        self.form.set_vocabulary(list(words.tags), list(words.categories), list(words.authors))
        self.highlighter.set_separators(target.separators)
        self.preview.set_site_roots(target.served_roots())
        self.target_button.setText(target.label)
        self.target_button.setToolTip(target.description + "\nClick to choose the site.")

    # ------------------------------------------------------------------ findings

    def _show_findings_summary(self, findings: list[Finding]) -> None:
        from editor.app.checking import summarize

        summary = summarize(findings)
        serious = [f for f in findings if f.severity in ("error", "warning")]
        if len(serious) == 1:
            summary = serious[0].message
        self.findings_button.setText(f"⚠ {summary}" if summary else "")
        self.findings_button.setVisible(bool(summary))
        self.findings_button.setToolTip(
            "\n".join(f.located() for f in serious[:10]) or "No problems found"
        )

    def show_findings(self) -> None:
        """Show the findings list (the checks are always current)."""
        self.document.refresh_post()
        self.findings_dock.show()
        self.findings_dock.raise_()

    def go_to(self, line: int, column: int = 1) -> None:
        """Put the cursor at 1-based ``line`` and ``column`` and show it."""
        self.editor.go_to_line(line - 1)
        cursor = self.editor.textCursor()
        block = cursor.block()
        cursor.setPosition(block.position() + min(max(column - 1, 0), max(block.length() - 1, 0)))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    # ------------------------------------------------------------------ the site

    def _fill_site_menu(self) -> None:
        menu = self.site_menu
        menu.clear()
        if not self._built:
            return
        from editor.core.target import GENERATOR_LABELS

        target = self.document.target
        about = menu.addAction(target.description)
        about.setEnabled(False)
        menu.addSeparator()
        group = QActionGroup(menu)
        rules = menu.addMenu("Use the &Rules of")
        in_site = target.kind == "site"
        for name, label in GENERATOR_LABELS.items():
            if name == "folder":
                continue
            action = rules.addAction(label)
            action.setCheckable(True)
            action.setChecked(target.site is not None and target.generator == name)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, n=name: self.document.choose_generator(n))
        choose = menu.addAction("Choose Site &Folder...")
        choose.triggered.connect(self.choose_site_folder)
        choose.setEnabled(not in_site)
        forget = menu.addAction("&No Site")
        forget.setEnabled(not in_site and target.site is not None)
        forget.triggered.connect(lambda: self.document.choose_target(None))
        if in_site:
            note = menu.addAction("The post lives in this site's folder: its rules apply")
            note.setEnabled(False)

    def choose_site_folder(self) -> None:
        """Ask for the folder of the site this post is written for."""
        from editor.core.target import TargetChoice

        root = self.document.target.root
        start = root or self.tools.start_folder()
        folder = QFileDialog.getExistingDirectory(self, "Choose the site's folder", str(start))
        if folder:
            self.document.choose_target(TargetChoice(Path(folder)))

    # ------------------------------------------------------------------ actions

    def open_path(self, path: Path) -> bool:
        """Open ``path`` here (a folder: as the open site)."""
        if Path(path).is_dir():
            return self.site_panel.open_site(Path(path))
        return self.document.open_path(Path(path))

    def new_post(self) -> None:
        """Start an untitled post."""
        self.document.new_document()

    def open_dialog(self) -> None:
        """Ask for a post and open it."""
        folder = self.tools.start_folder()
        name, _ = QFileDialog.getOpenFileName(self, "Open post", str(folder), post_file_filter())
        if name:
            self.open_path(Path(name))

    def open_replace(self) -> None:
        """Open the find bar with the replace field."""
        self.find_bar.open_bar(replace=True)

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

        dialog = offer_recovery(self, every=every)
        if dialog is None:
            return False
        self.recovery_dialog = dialog
        return True

    def _offer_recovery_on_open(self) -> None:
        if MainWindow.offer_recovery_on_open and self.isVisible():
            self.offer_recovery()

    def zoom_in(self) -> None:
        """Larger text in the editor and the preview."""
        self.zoom(1)

    def zoom_out(self) -> None:
        """Smaller text in the editor and the preview."""
        self.zoom(-1)

    def zoom_reset(self) -> None:
        """The text at its set size again."""
        self.zoom(0)

    def zoom(self, steps: int) -> None:
        """Zoom the editor and the preview together; 0 resets."""
        if steps == 0:
            self.editor.reset_zoom()
            self.preview.setZoomFactor(1.0)
        else:
            self.editor.zoom(steps)
            self.preview.setZoomFactor(max(0.5, min(3.0, self.preview.zoomFactor() + 0.1 * steps)))

    def _show_site_build(self) -> None:
        """The Site Build tab in front, the preview area shown."""
        if self.focus.active:
            self.focus.leave()
        self.panes.set_shown("preview", True)
        self.preview_area.setCurrentWidget(self.site_build.pane)

    def export_dialog(self) -> None:
        """Export the post into a site folder."""
        from editor.gui.exportdialog import ExportDialog

        dialog = ExportDialog(self.document, self)
        dialog.exec()
        self.document.resolve_target()  # the export may have chosen a site for the post

    def card_dialog(self) -> None:
        """Show how the post looks on the blog's index."""
        from editor.gui.carddialog import CardDialog

        result = self.renders.last_result
        CardDialog(
            self.document.current_post(), result, self.dark, self, target=self.document.target
        ).exec()

    def settings_dialog(self) -> None:
        """Edit the preferences."""
        from editor.gui.settingsdialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            dialog.apply_to(self.settings)
            message = self.workspace.save_settings()
            if message:
                self.show_status(message)
            for window in self.manager.windows:
                window.apply_settings()

    def about(self) -> None:
        """Version and purpose."""
        from editor import __version__
        from editor.core.render.diagrams import credits_html

        QMessageBox.about(
            self,
            "About Postwright",
            f"<h3>Postwright {__version__}</h3>"
            "<p>A desktop editor for blog posts that end up on static sites.</p>"
            f"{credits_html()}",
        )

    # ------------------------------------------------------------------ status and scrolling

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(f"{cursor.blockNumber() + 1}:{cursor.positionInBlock() + 1}")

    def _show_save_state(self, modified: bool) -> None:
        if self.document.path is None:
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
        mime = event.mimeData()
        self.finish_building()
        # a folder opens as the site
        if any(is_post_name(url.toLocalFile()) for url in mime.urls()) or (
            self.site_panel.accepts_drop(mime)
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Open the dropped markdown file (or folder, as the site)."""
        self.finish_building()
        if self.site_panel.drop(event.mimeData()):
            event.acceptProposedAction()
            return
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if is_post_name(path):
                event.acceptProposedAction()
                self.open_path(path)
                return

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Losing focus writes the recovery journal; gaining it looks at the file on disk."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self._built:
            if self.isActiveWindow():
                self.document.check_disk()
            else:
                self.document.journal_now()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Ask about unsaved edits; remember the layout."""
        self.finish_building(then=False)
        if not self.document.maybe_keep_edits():
            event.ignore()
            return
        self._save_layout()
        self.document.close_document()
        self.renders.shutdown()
        self.preview.shutdown()
        self.site_build.shutdown()
        self.manager.closed(self)
        event.accept()

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the desktop's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _loader(*modules: str) -> Callable[[], None]:
    """A stage that imports ``modules`` (for the stage after it)."""

    def load() -> None:
        for name in modules:
            importlib.import_module(name)

    return load


def forget_module_sources() -> None:
    """Drop the source lines Python's line cache keeps of the modules imported so far.

    PySide6 reads the source of every module imported after it (looking for ``from
    __feature__ import``), and the line cache keeps it: about 4 million characters once the
    window is built, some 10 MiB of memory nothing here reads again (a traceback reads what it
    shows afresh). The staged start drops them after each stage, before they pile up.
    """
    linecache.clearcache()


class _FirstPaint(QObject):
    """Calls ``then`` once, on the next turn of the event loop after ``widget`` first
    painted (or when :meth:`fire` is called first)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Wait for the first paint; never consume it."""
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self, self.fire)
        return False

    def fire(self) -> None:
        """Call ``then`` (only the first time)."""
        then, self._then = self._then, None
        if then is not None:
            self._widget.removeEventFilter(self)
            then()


def _blank() -> QWidget:
    """A pane's place in the first paint, in the theme's window colour."""
    widget = QWidget()
    widget.setAutoFillBackground(True)
    return widget


def _replace_tab(tabs: QTabWidget, index: int, widget: QWidget, label: str) -> None:
    current = tabs.currentIndex()
    old = tabs.widget(index)
    tabs.removeTab(index)
    tabs.insertTab(index, widget, label)
    tabs.setCurrentIndex(current)
    if old is not None:
        old.deleteLater()


def _line_edits(
    current: str, new: str, start: int, end: int, replacement: str
) -> list[tuple[int, int, str]]:
    """The edits turning ``current`` into ``new`` within the changed span: one edit when the
    span is on one line, else one per run of changed lines (so unchanged lines in between
    keep their text, and a cursor on them stays)."""
    if current.count("\n", start, end) < 2 or replacement.count("\n") > 50_000:
        return [(start, end, replacement)]
    head = current.rfind("\n", 0, start) + 1
    old_part = current[head:end]
    new_part = new[head : len(new) - (len(current) - end)]
    old_lines = old_part.splitlines(keepends=True)
    new_lines = new_part.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    offsets = [head]
    for line in old_lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        edits.append((offsets[a1], offsets[a2], "".join(new_lines[b1:b2])))
    return edits or [(start, end, replacement)]
