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
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from editor.gui.runner import ThreadRunner

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
