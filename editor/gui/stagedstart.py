"""The first window's start: its post opens once the window is built and the helper
process's render of the post is in (or has taken too long); that render shows in the
preview as soon as it comes, and the window's renders go on from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

if TYPE_CHECKING:
    from editor.app.prerender import Prerender, Prerendered
    from editor.core.render import RenderResult
    from editor.gui.mainwindow import MainWindow


#: after the first render reached the preview, how long the window waits before building on:
#: about two frames, for Chromium to draw it
PAINT_MS = 40


class StagedStart(QObject):
    """Once the window's preview exists (:meth:`after_preview`), the window's other parts wait
    (at most ``wait_ms``) for the ``prerender``'s first look at the post, or its whole render
    if the post is short: it reaches the preview first, while nothing else competes with it
    and Chromium for the processor. Once the window is built (:meth:`window_built`) and the
    whole render is in (or failed, or took ``wait_ms`` more), ``open_first`` is called; the
    window's renders go on from the helper's renderer."""

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
        self._go_on: Callable[[], None] | None = None
        self._first_shown = False
        self._notifier: QSocketNotifier | None = None
        if prerender is not None:
            self._notifier = QSocketNotifier(prerender.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        if self.prerender is None:
            return
        finished = self.prerender.poll()
        first = self.prerender.first_look
        if first is not None and not self._first_shown and not self._opened:
            # the top of the post: shown while the rest is rendered
            self._show(first)
        if not finished:
            return
        self._stop_reading()
        self.prerendered = self.prerender.result
        self._waiting = False
        if self.prerendered is not None and not self._opened:
            self._show(self.prerendered.result)
        elif not self._first_shown:
            self._resume()  # nothing to show: build on
        self._open()

    def _show(self, result: RenderResult) -> None:
        """Show ``result`` in the preview; the window builds on once it is on the screen."""
        self.window.show_first_render(result)
        if not self._first_shown:
            self._first_shown = True
            if self._go_on is not None:
                self._await_paint()

    def after_preview(self, go_on: Callable[[], None]) -> None:
        """The window's preview is built: let it go on building once the helper's first
        render is on the screen (or there is none, or it took ``wait_ms``)."""
        self._go_on = go_on
        if self._first_shown:
            self._await_paint()
        elif self._waiting:
            self._timer.start(self._wait_ms)
        else:
            self._resume()

    def _await_paint(self) -> None:
        """Build on once the preview has the render and has painted it (Chromium draws
        through this thread's event loop: a stage running now would hold the picture back)."""
        if not self._timer.isActive():
            self._timer.start(self._wait_ms)
        self.window.preview.patched.connect(self._patched)

    def _patched(self) -> None:
        self.window.preview.patched.disconnect(self._patched)
        QTimer.singleShot(PAINT_MS, self, self._resume)

    def window_built(self) -> None:
        """The window has all its parts: open the post (once the whole render is in)."""
        self._built = True
        if self._waiting:
            self._timer.start(self._wait_ms)
        self._open()

    def _give_up(self) -> None:
        if self._go_on is None:  # built: open without the helper's render
            self._waiting = False
        self._resume()  # else: build on, the helper may still be in time for the opening

    def _resume(self) -> None:
        if self._go_on is not None:
            self._timer.stop()
        go_on, self._go_on = self._go_on, None
        if go_on is not None:
            go_on()
        self._open()

    def _open(self) -> None:
        if not self._built or self._waiting or self._opened:
            return
        self._opened = True
        if self.prerendered is not None:
            self.window.adopt_renderer(self.prerendered.renderer_state, self.prerendered.options)
        self.cancel()
        self.prerender = self.prerendered = None  # the window's renders hold what they need
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
