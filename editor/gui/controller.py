"""Wiring a window to its document: Qt timers, the file watcher and the render service behind
the protocols of :class:`editor.app.document.Document`, which holds the decisions."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from editor.app.document import Document, TimerName, View
from editor.app.workspace import Workspace
from editor.gui.diskwatch import DiskWatcher
from editor.gui.renderservice import RenderService, RenderThreads


class QtTimers(QObject):
    """Named single-shot timers; :attr:`fired` carries the name of the one that ran out."""

    fired = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timers: dict[str, QTimer] = {}

    def _timer(self, name: str) -> QTimer:
        timer = self._timers.get(name)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self.fired.emit(name))
            self._timers[name] = timer
        return timer

    def start(self, name: TimerName, ms: int) -> None:
        """(Re)start ``name`` to run out in ``ms`` milliseconds."""
        self._timer(name).start(max(0, ms))

    def stop(self, name: TimerName) -> None:
        """Stop ``name`` if it runs."""
        timer = self._timers.get(name)
        if timer is not None:
            timer.stop()

    def active(self, name: TimerName) -> bool:
        """Whether ``name`` runs."""
        timer = self._timers.get(name)
        return timer is not None and timer.isActive()


def build_document(
    workspace: Workspace, view: View, parent: QObject
) -> tuple[Document, RenderService, DiskWatcher]:
    """A document for ``view`` with Qt behind its timers, renders and file watch."""
    timers = QtTimers(parent)
    renders = RenderService(parent, RenderThreads.of_application())
    watcher = DiskWatcher(parent)
    document = Document(workspace, view, timers=timers, renders=renders, watcher=watcher)
    timers.fired.connect(document.timer_fired)
    renders.rendered.connect(document.rendered)
    watcher.changed.connect(document.check_disk)
    return document, renders, watcher
