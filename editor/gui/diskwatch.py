"""Noticing when another program changes, replaces or deletes the open post, and the bar that
tells the writer so.

:class:`DiskWatcher` watches the file and its folder. Editors and sync tools save by writing a
new file and renaming it over the old one; the watch on the old file then ends (inotify drops
it), so the file is added again after every event, and the folder watch catches a file that
comes back after a moment away. Bursts of events are debounced into one :attr:`changed`.

What a change means (reload, ask, or warn) is decided by the document; it compares the file
with what was loaded, so events caused by Postwright's own saves are no change at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from editor.app.document import NoticeKind

__all__ = ["DiskChangeBar", "DiskWatcher", "NoticeKind"]

#: events closer together than this are one change (a save is several events)
DEBOUNCE_MS = 250


class DiskWatcher(QObject):
    """Emits :attr:`changed` (debounced) when the watched file or its folder changes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._fire)
        self.path: Path | None = None

    def watch(self, path: Path | None) -> None:
        """Watch ``path`` (and its folder) instead of what was watched; None stops watching."""
        self._timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self.path = path
        if path is not None:
            if path.parent.is_dir():
                self._watcher.addPath(str(path.parent))
            self.rewatch()

    def rewatch(self) -> None:
        """Watch the file again if it exists and its watch was dropped (an atomic replace)."""
        path = self.path
        if path is None:
            return
        name = str(path)
        if name not in self._watcher.files() and path.is_file():
            self._watcher.addPath(name)
        folder = str(path.parent)
        if folder not in self._watcher.directories() and path.parent.is_dir():
            self._watcher.addPath(folder)

    def watched(self) -> list[str]:
        """The paths being watched now (for tests and diagnostics)."""
        return sorted(self._watcher.files() + self._watcher.directories())

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.watch(None)

    def _poke(self, _path: str) -> None:
        self._timer.start()

    def _fire(self) -> None:
        self.rewatch()
        self.changed.emit()


class DiskChangeBar(QFrame):
    """A non-modal bar above the editor: what happened to the file on disk, and what to do.

    Emits :attr:`action` with ``"reload"``, ``"keep"``, ``"compare"``, ``"save_as"``,
    ``"save_here"`` or ``"dismiss"``.
    """

    action = Signal(str)

    _BUTTONS: ClassVar[dict[NoticeKind, tuple[tuple[str, str, str], ...]]] = {
        "changed": (
            ("reload", "Reload Theirs", "Take the file on disk (Undo brings your edits back)"),
            ("keep", "Keep Mine", "Keep your text; the next save replaces the file on disk"),
            ("compare", "Compare…", "See what differs between the file on disk and your text"),
        ),
        "deleted": (
            ("save_as", "Save As…", "Save your text to a new file"),
            ("save_here", "Save Here", "Write your text back to where the file was"),
            ("dismiss", "Dismiss", "Hide this bar; your text stays unsaved"),
        ),
        "unreadable": (
            ("keep", "Keep Mine", "Keep your text; the next save replaces the file on disk"),
            ("save_as", "Save As…", "Save your text to a new file"),
        ),
    }  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diskChangeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#diskChangeBar { background: #fff4d6; border: 1px solid #e0b84c; }"
            "#diskChangeBar QLabel { color: #3d2f00; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for kind_buttons in self._BUTTONS.values():
            for key, text, tip in kind_buttons:
                if key in self.buttons:
                    continue
                button = QPushButton(text)
                button.setToolTip(tip)
                button.clicked.connect(lambda _checked=False, k=key: self.action.emit(k))
                layout.addWidget(button)
                self.buttons[key] = button
        self.kind: NoticeKind | None = None
        self.hide()

    def show_notice(self, kind: NoticeKind, message: str) -> None:
        """Show ``message`` with the buttons that fit ``kind``."""
        self.kind = kind
        self.label.setText(message)
        wanted = {key for key, _text, _tip in self._BUTTONS[kind]}
        for key, button in self.buttons.items():
            button.setVisible(key in wanted)
        self.show()

    def clear(self) -> None:
        """Hide the bar."""
        self.kind = None
        self.hide()

    def visible_actions(self) -> list[str]:
        """The actions the bar offers now, in order (what the user sees)."""
        if self.kind is None:
            return []
        return [key for key, _text, _tip in self._BUTTONS[self.kind]]
