"""Rendering off the GUI thread: the newest text wins, stale requests are skipped.

The incremental renderer lives in a worker thread, so a large paste or the first render of a
2 MB post never blocks typing; only the small patch list comes back to the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from editor.core.post import Post
from editor.core.render import Renderer, RenderOptions, RenderResult


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
        post = Post.from_text(text, path if isinstance(path, Path) else None)
        self.done.emit(request, self._renderer.render(post))


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
        self.last_result: RenderResult | None = None

    def request(self, text: str, path: Path | None, options: RenderOptions) -> None:
        """Render ``text`` soon; an older pending request is dropped."""
        self._last += 1
        self._worker.latest = self._last
        self._requested.emit(self._last, text, path, options)

    @property
    def busy(self) -> bool:
        """Whether a requested render has not arrived yet."""
        return self._shown < self._last

    @Slot(int, object)
    def _on_done(self, request: int, result: object) -> None:
        if request < self._shown or not isinstance(result, RenderResult):
            return
        self._shown = request
        self.last_result = result
        self.rendered.emit(result)

    def shutdown(self) -> None:
        """Stop the worker thread (the window is closing)."""
        self._thread.quit()
        self._thread.wait(5000)
