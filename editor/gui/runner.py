"""Jobs off the window's thread whose results come back to it as a queued Qt signal:
:class:`ThreadRunner` on a thread of its own; :class:`editor.gui.worker.WorkerRunner`, the
same on worker processes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")


class ThreadRunner(QObject):
    """Runs one job at a time on a thread of its own; results come back on the window's
    thread as a queued signal. :class:`WorkerRunner` is the same on worker processes."""

    _finished = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None, *, pool: Executor | None = None) -> None:
        super().__init__(parent)
        self._finished.connect(self._deliver)
        self._closed = False
        self.pool: Executor = pool or ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="postwright-job"
        )

    def submit(
        self,
        job: Callable[..., T],
        *args: Any,
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``job(*args)`` in the pool; ``done(result)`` on this thread when it is back."""
        if self._closed:
            return
        future = self._start(job, *args, failed=failed)
        if future is not None:
            future.add_done_callback(lambda f: self._finished.emit(done, failed, f))

    def _start(
        self, job: Callable[..., Any], *args: Any, failed: Callable[[str], None] | None
    ) -> Future[Any] | None:
        del failed
        return self.pool.submit(job, *args)

    def _deliver(self, done: Callable[[Any], None], failed: Any, future: Future[Any]) -> None:
        if self._closed or future.cancelled():
            return
        error = future.exception()
        if error is not None:
            if failed is not None:
                failed(f"{type(error).__name__}: {error}")
            return
        done(future.result())

    def shutdown(self) -> None:
        """Stop the pool; results still on their way are dropped."""
        self._closed = True
        with contextlib.suppress(RuntimeError, OSError):
            self.pool.shutdown(wait=False, cancel_futures=True)
