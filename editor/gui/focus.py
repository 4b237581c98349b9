"""The window's panes: showing and hiding the preview, the outline and the form; the default
layout; focus mode (only the editor, its text centred at a readable width) and full screen.

The default layout gives the editor and the preview room to be read: the side panels join them
only when the window is wide enough for all (the outline and problems stay hidden until asked
for). Whatever the writer changes is remembered with the window's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from editor.gui.editorpane import READABLE_COLUMNS

if TYPE_CHECKING:
    from editor.gui.mainwindow import MainWindow

#: the editor and the preview each get at least this much before a side panel joins them
READABLE_PANE = 480
#: how wide the form is when there is room for it
FORM_WIDTH = 300
#: the key remembering whether the preview is shown
PREVIEW_KEY = "window/preview"


@dataclass
class _Before:
    """What focus mode hid, to show it again."""

    shown: dict[str, bool] = field(default_factory=dict)


class Panes:
    """Show and hide the window's panes, in step with the View menu's check marks."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        for dock in (window.outline_dock, window.form_dock, window.findings_dock):
            dock.visibilityChanged.connect(lambda _visible: self.sync())

    def widgets(self) -> dict[str, QWidget]:
        """The panes by name."""
        window = self.window
        return {
            "preview": window.preview_area,
            "outline": window.outline_dock,
            "form": window.form_dock,
            "findings": window.findings_dock,
        }

    def is_shown(self, name: str) -> bool:
        """Whether the pane is shown (or would be, in a shown window)."""
        return not self.widgets()[name].isHidden()

    def set_shown(self, name: str, shown: bool) -> None:
        """Show or hide one pane."""
        widget = self.widgets()[name]
        if shown and isinstance(widget, QDockWidget):
            widget.show()
            widget.raise_()
        else:
            widget.setVisible(shown)
        if name == "preview" and shown:
            self.window.document.render_now()
        self.sync()

    def toggle_preview(self) -> None:
        """Show or hide the preview."""
        self._toggle("preview")

    def toggle_outline(self) -> None:
        """Show or hide the outline."""
        self._toggle("outline")

    def toggle_form(self) -> None:
        """Show or hide the front matter form."""
        self._toggle("form")

    def _toggle(self, name: str) -> None:
        if self.window.focus.active:
            self.window.focus.leave()
        self.set_shown(name, not self.is_shown(name))

    def sync(self) -> None:
        """Tick the View menu's entries as the panes are."""
        commands = self.window.commands
        for name in ("preview", "outline", "form"):
            action = commands.get(f"show_{name}")
            if action is not None:
                action.setChecked(self.is_shown(name))

    def default_layout(self) -> None:
        """The layout of a first start: the editor and the preview side by side, each wide
        enough to read; the form beside them only when the window has room for all three."""
        window = self.window
        width = window.width()
        room_for_form = width - FORM_WIDTH >= 2 * READABLE_PANE
        window.outline_dock.hide()
        window.findings_dock.hide()
        window.form_dock.setVisible(room_for_form)
        window.preview_area.show()
        if room_for_form:
            window.resizeDocks([window.form_dock], [FORM_WIDTH], Qt.Orientation.Horizontal)
        half = max(1, (width - (FORM_WIDTH if room_for_form else 0)) // 2)
        window.splitter.setSizes([half, half])
        self.sync()

    def restore(self, stored: QSettings) -> None:
        """The preview shown or not, as last time."""
        shown = stored.value(PREVIEW_KEY)
        if shown is not None:
            self.window.preview_area.setVisible(str(shown).lower() not in ("false", "0"))
        self.sync()

    def save(self, stored: QSettings) -> None:
        """Remember whether the preview is shown."""
        stored.setValue(PREVIEW_KEY, self.is_shown("preview"))


class FocusMode:
    """Only the editor, its text in a centred column; Esc leaves. Full screen on its own."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._before: _Before | None = None
        self._maximized = False  # before full screen
        self.hint = QLabel(window)
        self.hint.setObjectName("FocusHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet(
            "QLabel#FocusHint { background: rgba(40, 44, 52, 215); color: white;"
            " border-radius: 6px; padding: 6px 14px; }"
        )
        self.hint.hide()
        self._hint_timer = QTimer(window)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.setInterval(2500)
        self._hint_timer.timeout.connect(self.hint.hide)

    @property
    def active(self) -> bool:
        """Whether focus mode is on."""
        return self._before is not None

    def toggle(self) -> None:
        """Enter or leave focus mode."""
        if self.active:
            self.leave()
        else:
            self.enter()

    def _chrome(self) -> dict[str, QWidget]:
        window = self.window
        return {
            **window.panes.widgets(),
            "menu": window.menuBar(),
            "toolbar": window.toolbar,
            "status": window.statusBar(),
        }

    def enter(self) -> None:
        """Hide everything but the editor; centre its text."""
        if self.active:
            return
        window = self.window
        before = _Before()
        for name, widget in self._chrome().items():
            before.shown[name] = not widget.isHidden()
            widget.hide()
        self._before = before
        window.editor.set_text_columns(READABLE_COLUMNS)
        window.editor.setFocus()
        window.editor.ensureCursorVisible()
        self._sync()
        self._show_hint()

    def leave(self) -> None:
        """Show again what focus mode hid."""
        before = self._before
        if before is None:
            return
        self._before = None
        window = self.window
        for name, widget in self._chrome().items():
            if before.shown.get(name, True):
                widget.show()
        window.editor.set_text_columns(None)
        self.hint.hide()
        window.editor.ensureCursorVisible()
        if before.shown.get("preview"):
            window.document.render_now()
        window.panes.sync()
        self._sync()

    def escape(self) -> None:
        """Esc in the editor: leave full screen and focus mode."""
        if self.window.isFullScreen():
            self.toggle_full_screen()
        if self.active:
            self.leave()

    def toggle_full_screen(self) -> None:
        """Full screen on or off (F11)."""
        window = self.window
        if window.isFullScreen():
            if self._maximized:
                window.showMaximized()
            else:
                window.showNormal()
        else:
            self._maximized = window.isMaximized()
            window.showFullScreen()
        self._sync()

    def _sync(self) -> None:
        commands = self.window.commands
        if "focus" in commands:
            commands["focus"].setChecked(self.active)
        if "full_screen" in commands:
            commands["full_screen"].setChecked(self.window.isFullScreen())

    def _show_hint(self) -> None:
        key = self.window.commands["focus"].shortcut().toString() if self.window.commands else ""
        self.hint.setText(f"Focus mode · Esc or {key} to leave" if key else "Focus mode · Esc")
        self.hint.adjustSize()
        self.hint.move((self.window.width() - self.hint.width()) // 2, 24)
        self.hint.show()
        self.hint.raise_()
        self._hint_timer.start()
