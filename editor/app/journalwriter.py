"""Recovery journal writes off the typing thread, in the order they were asked for.

Writing an entry means an fsync, which can take tens of milliseconds on a busy disk; the
window must not wait for it between two keystrokes. Writes and clears go to one worker thread,
in order (a clear after a save must never be overtaken by an older write), and a write that is
still waiting is replaced by a newer write of the same document.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from editor.core.journal import Journal


@dataclass(frozen=True)
class _Write:
    doc_id: str
    text: str
    path: Path | None
    disk_sha256: str | None
    name: str


@dataclass(frozen=True)
class _Clear:
    doc_id: str


class JournalWriter:
    """Ordered, coalescing journal writes on a worker thread of their own."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._queue: deque[_Write | _Clear] = deque()
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        #: per document: the error of its last write (None after a write that worked)
        self._errors: dict[str, OSError | None] = {}
        self._thread = threading.Thread(target=self._run, name="postwright-journal", daemon=True)
        self._thread.start()

    def write(
        self, doc_id: str, text: str, *, path: Path | None, disk_sha256: str | None, name: str
    ) -> None:
        """Store ``text`` as ``doc_id``'s entry soon (a waiting write of it is replaced)."""
        op = _Write(doc_id, text, path, disk_sha256, name)
        with self._cond:
            last = self._queue[-1] if self._queue else None
            if isinstance(last, _Write) and last.doc_id == doc_id:
                self._queue.pop()
            self._queue.append(op)
            self._cond.notify()

    def clear(self, doc_id: str) -> None:
        """Remove ``doc_id``'s entry, after every write asked for before."""
        with self._cond:
            self._queue.append(_Clear(doc_id))
            self._cond.notify()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything asked for is done. False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._queue and not self._busy, timeout)

    def error(self, doc_id: str) -> OSError | None:
        """The error of ``doc_id``'s last write, None when it was written (or never tried)."""
        with self._cond:
            return self._errors.get(doc_id)

    def pending(self, doc_id: str) -> bool:
        """Whether a write or clear of ``doc_id`` is waiting or running."""
        with self._cond:
            return self._busy or any(op.doc_id == doc_id for op in self._queue)

    def close(self, timeout: float = 10.0) -> None:
        """Finish what was asked for, then stop the thread."""
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._closed)
                if not self._queue:
                    return  # closed and drained
                op = self._queue.popleft()
                self._busy = True
            error: OSError | None = None
            try:
                if isinstance(op, _Write):
                    self.journal.write(
                        op.doc_id,
                        op.text,
                        path=op.path,
                        disk_sha256=op.disk_sha256,
                        name=op.name,
                    )
                else:
                    self.journal.clear(op.doc_id)
            except OSError as exc:
                error = exc
            with self._cond:
                if isinstance(op, _Write):
                    self._errors[op.doc_id] = error
                elif error is None:
                    self._errors.pop(op.doc_id, None)
                self._busy = False
                self._cond.notify_all()
