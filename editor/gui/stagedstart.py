"""The first window's start: its post opens once the window is built and the helper
process's render of the post is in (or has taken too long); that render shows in the
preview as soon as it comes, and the window's renders go on from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

if TYPE_CHECKING:
    from editor.app.prerender import Prerender, Prerendered
    from editor.gui.mainwindow import MainWindow


class StagedStart(QObject):
    """Calls ``open_first`` when ``window`` is built (:meth:`window_built`) and the
    ``prerender`` finished, failed, or did not finish within ``wait_ms`` of the window being
    built; the window's renders then go on from the helper's renderer."""

    def __init__(
        self,
        window: MainWindow,
        prerender: Prerender | None,
        open_first: Callable[[], None],
        *,
        wait_ms: int,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.prerender = prerender
        self.prerendered: Prerendered | None = None
        self._open_first = open_first
        self._wait_ms = wait_ms
        self._built = False
        self._opened = False
        self._waiting = prerender is not None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._give_up)
        self._notifier: QSocketNotifier | None = None
        if prerender is not None:
            self._notifier = QSocketNotifier(prerender.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._read)

    @property
    def opened(self) -> bool:
        """Whether the first post was opened."""
        return self._opened

    def _read(self) -> None:
        if self.prerender is None or not self.prerender.poll():
            return
        self._stop_reading()
        self.prerendered = self.prerender.result
        if self.prerendered is not None and not self._opened:
            self.window.show_first_render(self.prerendered.result)
        self._waiting = False
        self._open()

    def window_built(self) -> None:
        """The window has all its parts: open the post, now or once the render is in."""
        self._built = True
        if self._waiting:
            self._timer.start(self._wait_ms)
        self._open()

    def _give_up(self) -> None:
        self._waiting = False
        self._open()

    def _open(self) -> None:
        if not self._built or self._waiting or self._opened:
            return
        self._opened = True
        self._timer.stop()
        if self.prerendered is not None:
            self.window.adopt_renderer(self.prerendered.renderer, self.prerendered.options)
        self.cancel()
        self._open_first()

    def _stop_reading(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def cancel(self) -> None:
        """Stop the helper process (its render is no longer wanted)."""
        self._stop_reading()
        if self.prerender is not None:
            self.prerender.cancel()
