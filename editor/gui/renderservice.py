"""Rendering off the GUI thread, started at once; while a render runs, the newest text waits.

Ask on every change: when no render is running, :meth:`RenderService.request` starts one at
once; while one runs, further requests replace each other and only the newest text is rendered
next (none queue up behind it). The incremental renderer lives in a worker thread, so a large
paste or the first render of a 2 MB post never blocks typing; only the small result comes
back to the GUI thread.

There is no fixed wait. A render that took longer than a frame (the first render of a long
post, an edit that needs the whole post again) is followed by a pause as long as it took, so
the worker holds the interpreter at most half of the time while the writer types on.

Hostile posts degrade to a notice in the preview instead of a preview that never arrives
(:mod:`editor.core.render.guard`).
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from editor.core.render import RenderOptions, RenderResult
from editor.core.render.guard import (
    failed_render_notice,
    is_notice,
    notice_result,
    render_or_notice,
)

if TYPE_CHECKING:
    from editor.core.render import Renderer

__all__ = ["RenderService", "RenderThreads", "is_notice", "notice_result", "wait_for_detached"]

#: how long closing a window waits for a render in progress
SHUTDOWN_WAIT_MS = 3000
#: a render faster than this is followed by the next one at once
FRAME_MS = 16.0
#: the longest pause between two renders, however long the last one took
MAX_PAUSE_MS = 1000.0


class RenderThreads(QObject):
    """Render threads still busy when their window closed, kept until they finish (a QThread
    destroyed while it runs aborts the process). The application owns one, hands it to every
    :class:`RenderService` and waits for it before it exits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[QThread, QObject] = {}

    @classmethod
    def of_application(cls) -> RenderThreads:
        """The one the running application owns (made on first use)."""
        app = QCoreApplication.instance()
        found = app.findChild(RenderThreads) if app is not None else None
        if isinstance(found, RenderThreads):
            return found
        return cls(app)

    def keep(self, thread: QThread, worker: QObject) -> None:
        """Hold ``thread`` (and the worker living in it) until it has finished."""
        self.purge()
        self._running[thread] = worker

    def purge(self) -> None:
        """Let go of the threads that have finished."""
        for thread in [thread for thread in self._running if thread.isFinished()]:
            del self._running[thread]

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Wait for every kept thread (at exit). True when all have stopped."""
        for thread in list(self._running):
            thread.wait(timeout_ms)
        self.purge()
        return not self._running

    def __len__(self) -> int:
        self.purge()
        return len(self._running)


def _breathe() -> None:
    time.sleep(0)


def wait_for_detached(timeout_ms: int = 10_000) -> bool:
    """Wait for the render threads of closed windows that the application's
    :class:`RenderThreads` keeps. True when all have stopped."""
    return RenderThreads.of_application().wait(timeout_ms)


class _Worker(QObject):
    done = Signal(int, object, float)  # request, result, seconds the render took

    def __init__(self) -> None:
        super().__init__()
        #: requests below this are dropped unread (written by the GUI thread at shutdown)
        self.skip_below = 0
        self._options: RenderOptions | None = None
        self._renderer: Renderer | None = None  # made (and Markdown imported) in the thread

    @staticmethod
    def _new_renderer(options: RenderOptions | None) -> Renderer:
        from editor.core.render import Renderer

        # between its steps the render lets go of the interpreter for a moment, so the GUI
        # thread never waits long for it
        return Renderer(options, guard=True, breathe=_breathe)

    @Slot(object, object)
    def adopt(self, renderer: object, options: object) -> None:
        """Keep ``renderer`` (made elsewhere, its cache full; or pickled, and unpickled here)
        as the renderer for ``options``."""
        import pickle

        from editor.core.render import Renderer

        if isinstance(renderer, bytes):
            try:
                renderer = pickle.loads(renderer)  # noqa: S301 - our own helper's, see prerender
            except Exception:  # noqa: BLE001 - a renderer we cannot read is one we do not use
                return
        if not isinstance(renderer, Renderer) or not isinstance(options, RenderOptions):
            return
        renderer.breathe = _breathe  # its renders take this thread's Markdown environment
        self._renderer = renderer
        self._options = options

    @Slot(int, object, object, object)
    def render(self, request: int, text: object, path: object, options: object) -> None:
        if request < self.skip_below or not isinstance(text, str):
            return
        wanted = options if isinstance(options, RenderOptions) else None
        if self._renderer is None or wanted != self._options:
            self._renderer = self._new_renderer(wanted)
            self._options = wanted
        the_path = path if isinstance(path, Path) else None
        started = time.perf_counter()
        # a renderer bug: the window shows a notice, the developer's terminal the traceback
        result = render_or_notice(self._renderer, text, the_path, traceback.print_exception)
        if result is None:
            self._renderer = self._new_renderer(self._options)
            result = failed_render_notice(text, the_path)
        self.done.emit(request, result, time.perf_counter() - started)


class RenderService(QObject):
    """Ask for renders with :meth:`request`; results arrive through :attr:`rendered`.

    ``threads`` keeps the worker thread alive if the service is shut down while a render
    still runs; without one, the application's :meth:`RenderThreads.of_application` does.
    """

    rendered = Signal(object)  # RenderResult
    #: the text travels as the Python string it is (a ``str`` signal would copy it twice)
    _requested = Signal(int, object, object, object)
    _adopted = Signal(object, object)

    def __init__(self, parent: QObject | None = None, threads: RenderThreads | None = None) -> None:
        super().__init__(parent)
        self._threads = threads
        self._thread = QThread()
        self._thread.setObjectName("postwright-render")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.render)
        self._adopted.connect(self._worker.adopt)
        self._worker.done.connect(self._on_done)
        self._thread.start()
        self._last = 0  # the newest request (or notice)
        self._shown = 0  # the request whose result was delivered last
        self._running = 0  # the request the worker renders now; 0 when idle
        self._waiting: tuple[int, str, Path | None, RenderOptions] | None = None
        self._pause_ms = 0.0  # how long to let the GUI thread be after the last render
        self._finished_at = 0.0
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.timeout.connect(self._start_waiting)
        self._closed = False
        self.last_result: RenderResult | None = None

    def request(self, text: str, path: Path | None, options: RenderOptions) -> None:
        """Render ``text``: now when no render runs, else right after the one running (a
        newer request replaces this one before it starts)."""
        if self._closed:
            return
        self._last += 1
        self._waiting = (self._last, text, path, options)
        self._start_waiting()

    def adopt(self, renderer: Renderer | bytes, options: RenderOptions) -> None:
        """Hand ``renderer`` (or its pickle, unpickled in the render thread) to the render
        thread as its renderer for ``options`` (made in another thread or process, see
        :mod:`editor.app.prerender`): a request with the same
        options renders from its cache, so the text it rendered comes back without a block
        rendered again. It takes effect before any request made after this call."""
        if self._closed:
            return
        self._adopted.emit(renderer, options)

    def show_notice(self, result: RenderResult) -> None:
        """Show ``result`` (a notice) as the newest render; pending renders are dropped."""
        self._last += 1
        self._waiting = None
        self._pause.stop()
        self._deliver(self._last, result)

    @property
    def busy(self) -> bool:
        """Whether a requested render has not arrived yet."""
        return self._shown < self._last

    def _start_waiting(self) -> None:
        if self._running or self._waiting is None or self._closed:
            return
        rest = self._pause_ms - (time.perf_counter() - self._finished_at) * 1000
        if rest > 0:
            if not self._pause.isActive():
                self._pause.start(max(1, round(rest)))
            return
        job, self._waiting = self._waiting, None
        self._running = job[0]
        self._requested.emit(*job)

    @Slot(int, object, float)
    def _on_done(self, request: int, result: object, seconds: float) -> None:
        if request == self._running:
            self._running = 0
        self._finished_at = time.perf_counter()
        took = seconds * 1000
        self._pause_ms = min(took, MAX_PAUSE_MS) if took > FRAME_MS else 0.0
        if isinstance(result, RenderResult):
            self._deliver(request, result)
        self._start_waiting()

    def _deliver(self, request: int, result: RenderResult) -> None:
        if self._closed or request <= self._shown:
            return
        self._shown = request
        self.last_result = result
        self.rendered.emit(result)

    def shutdown(self) -> None:
        """Stop the worker thread (the window is closing).

        A render of a hostile post can take longer than we wait; its thread is then kept
        alive (not destroyed under its own feet) by the :class:`RenderThreads` until it ends.
        """
        self._worker.skip_below = 1 << 62  # skip whatever is still queued
        self._closed = True
        self._waiting = None
        self._pause.stop()
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_WAIT_MS):
            threads = self._threads if self._threads is not None else RenderThreads.of_application()
            threads.keep(self._thread, self._worker)
