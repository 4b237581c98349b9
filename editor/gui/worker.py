"""Background work for the open site: jobs run in worker processes, so reading thousands of
posts, asking git or checking the whole site never holds the window's thread (nor Python's
lock on it); their results come back to the window's thread as a queued Qt signal.

One runner serves the whole run (:func:`shared_runner`); its processes start once, the first
time a site is opened, and stop when the application quits. Where worker processes cannot be
started, the jobs run on threads instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

T = TypeVar("T")
#: processes for the jobs: the first scan of a site reads in two at once, and one core is
#: left for the window on a two-core machine the rest of the time
PROCESSES = 2


def _worker_start(parent: int) -> None:
    """In a worker: yield the processor to the window (a lower priority), and end when the
    window's process is gone (killed, crashed) instead of waiting for jobs forever."""
    import os
    import threading
    import time

    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="postwright-parent-watch", daemon=True).start()


def _pool(processes: int) -> Executor:
    """Worker processes, or threads where processes cannot be started."""
    import os

    try:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=processes,
            mp_context=context,
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
    except (OSError, RuntimeError, ValueError):
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="postwright-site")


def _warm() -> None:
    """Load what the jobs need, so the first real one does not wait for imports."""
    import editor.core.sitecheck
    import editor.core.siteindex  # noqa: F401


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


class WorkerRunner(ThreadRunner):
    """A :class:`editor.app.site.Runner` on worker processes."""

    def __init__(self, parent: QObject | None = None, *, processes: int = PROCESSES) -> None:
        super().__init__(parent, pool=_pool(processes))
        self.processes = processes
        with contextlib.suppress(RuntimeError, OSError):
            for _ in range(processes):  # one each: every process starts now, not on demand
                self.pool.submit(_warm)

    def _start(
        self, job: Callable[..., Any], *args: Any, failed: Callable[[str], None] | None
    ) -> Future[Any] | None:
        try:
            return self.pool.submit(job, *args)
        except RuntimeError as exc:  # the pool broke (a worker was killed): start another
            self._restart()
            try:
                return self.pool.submit(job, *args)
            except RuntimeError:
                if failed is not None:
                    failed(str(exc))
                return None

    def _restart(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = _pool(self.processes)


_shared: WorkerRunner | None = None


def shared_runner() -> WorkerRunner:
    """The run's runner, started on first use and stopped when the application quits."""
    global _shared  # noqa: PLW0603 - one pool of processes a run
    if _shared is None or _shared._closed:
        _shared = WorkerRunner()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_shared.shutdown)
    return _shared
