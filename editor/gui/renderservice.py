"""Rendering off the GUI thread: the newest text wins, stale requests are skipped.

The incremental renderer lives in a worker thread, so a large paste or the first render of a
2 MB post never blocks typing; only the small patch list comes back to the GUI thread.

Hostile posts degrade to a notice in the preview instead of a preview that never arrives
(:mod:`editor.core.render.guard`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from editor.core.render import Renderer, RenderOptions, RenderResult
from editor.core.render.guard import (
    failed_render_notice,
    is_notice,
    notice_result,
    render_or_notice,
)

__all__ = ["RenderService", "is_notice", "notice_result", "wait_for_detached"]


class _Worker(QObject):
    done = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.latest = 0  # the newest request id; written by the GUI thread, read here
        self._renderer = Renderer()
        self._options: RenderOptions | None = None

    @Slot(int, str, object, object)
    def render(self, request: int, text: str, path: object, options: object) -> None:
        if request < self.latest:
            return  # a newer text is already queued
        if options != self._options:
            self._renderer = Renderer(options if isinstance(options, RenderOptions) else None)
            self._options = options if isinstance(options, RenderOptions) else None
        the_path = path if isinstance(path, Path) else None
        result = render_or_notice(self._renderer, text, the_path)
        if result is None:
            self._renderer = Renderer(self._options)
            result = failed_render_notice(text, the_path)
        self.done.emit(request, result)


#: how long closing a window waits for a render in progress
SHUTDOWN_WAIT_MS = 3000
#: render threads (and their workers) still busy when their window closed; kept until they
#: finish, because a QThread destroyed while it runs aborts the process
_DETACHED: dict[QThread, QObject] = {}


def _purge_detached() -> None:
    for thread in [thread for thread in _DETACHED if thread.isFinished()]:
        del _DETACHED[thread]


def wait_for_detached(timeout_ms: int = 10_000) -> bool:
    """Wait for render threads of closed windows (at exit). True when all have stopped."""
    for thread in list(_DETACHED):
        thread.wait(timeout_ms)
    _purge_detached()
    return not _DETACHED


class RenderService(QObject):
    """Ask for renders with :meth:`request`; results arrive through :attr:`rendered`."""

    rendered = Signal(object)  # RenderResult
    _requested = Signal(int, str, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("postwright-render")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.render)
        self._worker.done.connect(self._on_done)
        self._thread.start()
        self._last = 0
        self._shown = 0
        self._closed = False
        self.last_result: RenderResult | None = None

    def request(self, text: str, path: Path | None, options: RenderOptions) -> None:
        """Render ``text`` soon; an older pending request is dropped."""
        self._last += 1
        self._worker.latest = self._last
        self._requested.emit(self._last, text, path, options)

    def show_notice(self, result: RenderResult) -> None:
        """Show ``result`` (a notice) as the newest render; pending renders are dropped."""
        self._last += 1
        self._worker.latest = self._last
        self._on_done(self._last, result)

    @property
    def busy(self) -> bool:
        """Whether a requested render has not arrived yet."""
        return self._shown < self._last

    @Slot(int, object)
    def _on_done(self, request: int, result: object) -> None:
        if self._closed or request < self._shown or not isinstance(result, RenderResult):
            return
        self._shown = request
        self.last_result = result
        self.rendered.emit(result)

    def shutdown(self) -> None:
        """Stop the worker thread (the window is closing).

        A render of a hostile post can take longer than we wait; its thread is then kept
        alive (not destroyed under its own feet) until it finishes.
        """
        self._worker.latest = 1 << 62  # skip whatever is still queued
        self._closed = True
        self._thread.quit()
        _purge_detached()
        if not self._thread.wait(SHUTDOWN_WAIT_MS):
            _DETACHED[self._thread] = self._worker
