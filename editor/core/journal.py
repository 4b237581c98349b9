"""The recovery journal: unsaved buffers kept on disk so a crash, a kill or a power cut never
loses a word.

Every open document with unsaved edits has one entry in ``state_dir()/journal``: a small JSON
header (the file it belongs to, when it was written, the sha256 of the file's bytes when the
edits began, the run that wrote it) followed by the text. Entries are written atomically (a
temporary file, fsync, rename), so an entry is either the previous whole text or the new one.

Each running Postwright holds a lock on a file of its own (``<run>.lock``) for as long as it
runs; the kernel drops the lock when the process dies, however it dies. An entry whose run's
lock is free belongs to a run that is not running any more: the next start offers it back.
A pid alone is not proof (pids are reused), so the pid is stored for the user's eyes only,
except where no file lock exists.

This module never deletes an entry the user did not resolve: entries are removed only by a
clean save or close of their own document (:meth:`Journal.clear`) or by the user's explicit
choice (:meth:`Journal.discard`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import errno
import hashlib
import importlib
import json
import os
import re
import socket
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from editor.core.errors import PostError
from editor.core.files import atomic_write
from editor.core.postfile import decode
from editor.core.session import read_post_bytes
from editor.core.settings import state_dir
from editor.core.textlines import to_lf

# file locks: flock on POSIX, msvcrt's byte-range locks on Windows
fcntl: Any = importlib.import_module("fcntl") if sys.platform != "win32" else None
msvcrt: Any = importlib.import_module("msvcrt") if sys.platform == "win32" else None

MAGIC = b"postwright-journal 1\n"
ENTRY_SUFFIX = ".entry"
LOCK_SUFFIX = ".lock"
#: a temporary file left by a killed write is removed when it is older than this (seconds)
STALE_TEMP_SECONDS = 600
#: the diff preview stops after this many lines
DIFF_PREVIEW_LINES = 400

DiskStatus = Literal["untitled", "missing", "unreadable", "same", "changed"]


def journal_dir() -> Path:
    """Where the journal lives: ``<state dir>/journal``."""
    return state_dir() / "journal"


def new_document_id() -> str:
    """A fresh id for one open document (stable while it stays open)."""
    return uuid.uuid4().hex


def sha256_hex(data: bytes) -> str:
    """The sha256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def _encode(text: str) -> bytes:
    # the editor's text may hold a lone surrogate (from a surrogate-escaped file); keep it
    return text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------- entries


@dataclass(frozen=True)
class JournalEntry:
    """One unsaved buffer as the journal holds it."""

    id: str
    text: str
    path: Path | None
    name: str
    saved_at: dt.datetime
    disk_sha256: str | None
    run: str
    pid: int
    host: str
    file: Path
    #: False when the text does not match the checksum in the header (a damaged disk)
    intact: bool = True

    @property
    def title(self) -> str:
        """What the user calls this post: its file name, or the untitled buffer's name."""
        return self.path.name if self.path is not None else self.name

    def describe_time(self, now: dt.datetime | None = None) -> str:
        """``14:03, 5 minutes ago`` in local time."""
        now = now or dt.datetime.now(dt.UTC)
        local = self.saved_at.astimezone()
        seconds = max(0, int((now - self.saved_at).total_seconds()))
        if seconds < 90:
            ago = "just now"
        elif seconds < 90 * 60:
            ago = f"{round(seconds / 60)} minutes ago"
        elif seconds < 36 * 3600:
            ago = f"{round(seconds / 3600)} hours ago"
        else:
            ago = f"{round(seconds / 86400)} days ago"
        return f"{local:%Y-%m-%d %H:%M}, {ago}"


def _read_entry(file: Path) -> JournalEntry:
    """Parse one entry file. Raises ValueError (or OSError) for a file that is not one."""
    data = file.read_bytes()
    if not data.startswith(MAGIC):
        raise ValueError("not a journal entry")
    header_end = data.find(b"\n", len(MAGIC))
    if header_end < 0:
        raise ValueError("the header is cut short")
    header = json.loads(data[len(MAGIC) : header_end])
    if not isinstance(header, dict):
        raise TypeError("the header is not an object")
    body = data[header_end + 1 :]
    try:
        text = body.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # damaged on disk: salvage what can be read
        text = body.decode("utf-8", "replace")
    saved_at = dt.datetime.fromtimestamp(float(header["saved_at"]), dt.UTC)
    path = header.get("path")
    digest = header.get("disk_sha256")
    return JournalEntry(
        id=str(header["id"]),
        text=text,
        path=Path(path) if isinstance(path, str) else None,
        name=str(header.get("name") or "Untitled"),
        saved_at=saved_at,
        disk_sha256=digest if isinstance(digest, str) else None,
        run=str(header.get("run", "")),
        pid=int(header.get("pid", 0)),
        host=str(header.get("host", "")),
        file=file,
        intact=header.get("text_sha256") == sha256_hex(body),
    )


# ---------------------------------------------------------------------- run locks


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True
    if msvcrt is not None:  # pragma: no cover - Windows
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    return True  # pragma: no cover - no locking at all: the pid check decides


def _pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (POSIX; used only where file locks are missing)."""
    if pid <= 0 or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------------- the journal


class Journal:
    """The journal of one running Postwright (the workspace of the run holds it).

    Writing raises :class:`OSError` when the entry cannot be written (a full disk): the caller
    says so; nothing else changes.
    """

    def __init__(self, folder: Path | None = None, *, run: str | None = None) -> None:
        self.folder = folder if folder is not None else journal_dir()
        self.pid = os.getpid()
        self.host = socket.gethostname()
        self.run = run or f"{self.pid}-{uuid.uuid4().hex[:8]}"
        self._lock_fd: int | None = None
        #: files that looked like entries but could not be read (kept, never deleted)
        self.damaged: list[Path] = []

    # ------------------------------------------------------------------ our run

    @property
    def lock_file(self) -> Path:
        """This run's lock file."""
        return self.folder / f"{self.run}{LOCK_SUFFIX}"

    def _ensure_lock(self) -> None:
        """Create and hold this run's lock. The file appears under its name only once locked,
        so no other process ever sees it unlocked while we run."""
        if self._lock_fd is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = self.folder / f".{self.run}.lock-new"
        fd = os.open(staging, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with contextlib.suppress(OSError):  # no locks on this file system: the pid decides
                _try_lock(fd)
            info = {"pid": self.pid, "host": self.host, "started": time.time()}
            os.write(fd, json.dumps(info).encode("utf-8"))
            staging.replace(self.lock_file)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                staging.unlink()
            raise
        self._lock_fd = fd

    def close(self) -> None:
        """Release this run's lock (the process is ending). Entries stay on disk."""
        if self._lock_fd is None:
            return
        with contextlib.suppress(OSError):
            self.lock_file.unlink()
        with contextlib.suppress(OSError):
            os.close(self._lock_fd)
        self._lock_fd = None

    # ------------------------------------------------------------------ writing

    def entry_file(self, doc_id: str) -> Path:
        """Where the entry of document ``doc_id`` is stored."""
        return self.folder / f"{doc_id}{ENTRY_SUFFIX}"

    def write(
        self,
        doc_id: str,
        text: str,
        *,
        path: Path | None,
        disk_sha256: str | None,
        name: str = "Untitled",
    ) -> Path:
        """Store ``text`` as document ``doc_id``'s entry, atomically. Returns the entry file."""
        self._ensure_lock()
        body = _encode(text)
        header = {
            "id": doc_id,
            "path": str(path) if path is not None else None,
            "name": name,
            "saved_at": time.time(),
            "disk_sha256": disk_sha256,
            "text_sha256": sha256_hex(body),
            "run": self.run,
            "pid": self.pid,
            "host": self.host,
        }
        data = MAGIC + json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n" + body
        target = self.entry_file(doc_id)
        atomic_write(target, data)
        return target

    def clear(self, doc_id: str) -> None:
        """Remove document ``doc_id``'s entry: it was saved cleanly or closed on purpose."""
        with contextlib.suppress(FileNotFoundError):
            self.entry_file(doc_id).unlink()

    def has_entry(self, doc_id: str) -> bool:
        """Whether document ``doc_id`` has an entry."""
        return self.entry_file(doc_id).is_file()

    def read(self, doc_id: str) -> JournalEntry | None:
        """Document ``doc_id``'s entry, if it has a readable one."""
        try:
            return _read_entry(self.entry_file(doc_id))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    # ------------------------------------------------------------------ reading

    def entries(self) -> list[JournalEntry]:
        """Every readable entry, oldest first. Unreadable ones are listed in :attr:`damaged`."""
        found: list[JournalEntry] = []
        damaged: list[Path] = []
        try:
            files = sorted(self.folder.glob(f"*{ENTRY_SUFFIX}"))
        except OSError:
            files = []
        for file in files:
            if file.name.startswith("."):
                continue
            try:
                found.append(_read_entry(file))
            except FileNotFoundError:
                continue  # cleared while we looked
            except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
                damaged.append(file)
        self.damaged = damaged
        found.sort(key=lambda entry: entry.saved_at)
        return found

    def run_alive(self, run: str, pid: int = 0) -> bool:
        """Whether the run that wrote an entry is still running (ours always is)."""
        if run == self.run:
            return True
        lock = self.folder / f"{run}{LOCK_SUFFIX}"
        try:
            fd = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            return False
        except OSError:
            return _pid_alive(pid)
        try:
            if fcntl is None and msvcrt is None:  # pragma: no cover - no file locks here
                return _pid_alive(pid)
            return not _try_lock(fd)
        except OSError:  # the file system has no locks (some network shares)
            return _pid_alive(pid)
        finally:
            os.close(fd)  # closing drops a lock we took on a dead run's file

    def orphans(self) -> list[JournalEntry]:
        """Entries left by runs that are not running any more: offer these back to the user.

        Also tidies what a dead run left that holds no text: its lock file, once none of its
        entries remain, and temporary files of writes it never finished.
        """
        entries = self.entries()
        alive: dict[str, bool] = {}
        result = []
        for entry in entries:
            if entry.run not in alive:
                alive[entry.run] = self.run_alive(entry.run, entry.pid)
            if not alive[entry.run]:
                result.append(entry)
        self._tidy({entry.run for entry in entries})
        return result

    def _tidy(self, runs_with_entries: set[str]) -> None:
        try:
            names = list(self.folder.iterdir())
        except OSError:
            return
        now = time.time()
        for file in names:
            name = file.name
            if name.endswith(LOCK_SUFFIX) and not name.startswith("."):
                run = name[: -len(LOCK_SUFFIX)]
                if run != self.run and run not in runs_with_entries:
                    self._remove_dead_lock(file)
            elif name.startswith(".") and name.endswith((".tmp", ".lock-new")):
                with contextlib.suppress(OSError):
                    if now - file.stat().st_mtime > STALE_TEMP_SECONDS:
                        file.unlink()

    @staticmethod
    def _remove_dead_lock(file: Path) -> None:
        try:
            fd = os.open(file, os.O_RDWR)
        except OSError:
            return
        try:
            if (fcntl is not None or msvcrt is not None) and _try_lock(fd):
                with contextlib.suppress(OSError):
                    file.unlink()
        except OSError:
            pass
        finally:
            os.close(fd)

    def discard(self, entry: JournalEntry) -> None:
        """Delete ``entry`` (the user chose to, after a confirmation)."""
        with contextlib.suppress(FileNotFoundError):
            entry.file.unlink()


# ---------------------------------------------------------------------- comparing


def unified_diff(
    old: str,
    new: str,
    old_label: str,
    new_label: str,
    *,
    max_lines: int = DIFF_PREVIEW_LINES,
    context: int = 3,
) -> str:
    """A unified diff of two LF texts, cut after ``max_lines`` lines.

    Common first and last lines are skipped before matching, so a small change in a large post
    costs little; a huge change in the middle is shown as removed-and-added lines rather than
    matched line by line (which is quadratic).
    """
    if old == new:
        return ""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    start = 0
    limit = min(len(old_lines), len(new_lines))
    while start < limit and old_lines[start] == new_lines[start]:
        start += 1
    end = 0
    while (
        end < limit - start
        and old_lines[len(old_lines) - 1 - end] == new_lines[len(new_lines) - 1 - end]
    ):
        end += 1
    lead = max(0, start - context)
    old_part = old_lines[lead : len(old_lines) - max(0, end - context)]
    new_part = new_lines[lead : len(new_lines) - max(0, end - context)]
    for part in (old_part, new_part):
        if part and not part[-1].endswith("\n"):
            part[-1] += "\n"
    if old_part == new_part:
        return f"--- {old_label}\n+++ {new_label}\n(only the line break at the very end differs)\n"
    out: list[str] = []
    if len(old_part) * len(new_part) <= 4_000_000:
        diff = difflib.unified_diff(
            old_part, new_part, old_label, new_label, n=context, lineterm="\n"
        )
        for raw in diff:
            line = _shift_hunk(raw, lead) if raw.startswith("@@") else raw
            out.append(line if line.endswith("\n") else line + "\n")
            if len(out) >= max_lines:
                break
    else:
        out = [f"--- {old_label}\n", f"+++ {new_label}\n"]
        out.append(f"@@ -{lead + 1},{len(old_part)} +{lead + 1},{len(new_part)} @@\n")
        out.extend("-" + line for line in old_part[: max_lines // 2])
        out.extend("+" + line for line in new_part[: max_lines // 2])
    if len(out) >= max_lines:
        out = out[:max_lines]
        out.append("... (the rest of the difference is not shown)\n")
    return "".join(out)


def _shift_hunk(line: str, lines: int) -> str:
    """Renumber a hunk header computed on a slice that starts ``lines`` lines in."""
    if not lines:
        return line

    def shift(match: re.Match[str]) -> str:
        return f"{match.group(1)}{int(match.group(2)) + lines}"

    return re.sub(r"([-+])(\d+)", shift, line, count=2)


def change_summary(old: str, new: str) -> str:
    """``12 lines added, 3 removed`` between two LF texts (cheap, on the same bounds)."""
    old_lines = old.splitlines()
    new_lines = new.splitlines()
    if len(old_lines) * len(new_lines) > 4_000_000:
        return f"{len(old_lines):,} lines on disk, {len(new_lines):,} lines recovered"
    added = removed = 0
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return f"{added:,} line{'s' * (added != 1)} added, {removed:,} removed"


@dataclass(frozen=True)
class DiskComparison:
    """What an entry's text is, next to the file it belongs to as that file is now."""

    status: DiskStatus
    message: str
    diff: str
    disk_text: str | None = None


def compare_with_disk(entry: JournalEntry) -> DiskComparison:
    """Compare a journal entry with its file on disk now, in words and as a unified diff."""
    recovered = f"recovered ({entry.describe_time()})"
    if entry.path is None:
        lines = entry.text.count("\n") + (not entry.text.endswith("\n") and bool(entry.text))
        return DiskComparison(
            "untitled",
            f"An untitled post that was never saved ({lines:,} lines).",
            unified_diff("", entry.text, "nothing saved", recovered),
        )
    if not entry.path.exists():
        return DiskComparison(
            "missing",
            f"{entry.path} no longer exists: restoring brings the text back; save it there or "
            "elsewhere.",
            unified_diff("", entry.text, f"{entry.path} (missing)", recovered),
        )
    try:
        data = read_post_bytes(entry.path)
    except PostError as exc:
        return DiskComparison(
            "unreadable",
            f"{entry.path} cannot be read now ({exc.message}); the recovered text is shown in "
            "full.",
            unified_diff("", entry.text, f"{entry.path} (unreadable)", recovered),
        )
    digest = sha256_hex(data)
    try:
        disk_text = to_lf(decode(data, entry.path)[0])
    except PostError as exc:
        return DiskComparison(
            "unreadable",
            f"{entry.path} is not text any more ({exc.message}).",
            unified_diff("", entry.text, f"{entry.path} (not text)", recovered),
        )
    diff = unified_diff(disk_text, entry.text, f"{entry.path} (on disk)", recovered)
    summary = change_summary(disk_text, entry.text) if diff else "no difference"
    if entry.disk_sha256 is not None and digest != entry.disk_sha256:
        return DiskComparison(
            "changed",
            f"{entry.path} was changed on disk after these edits began: compare before you "
            f"restore ({summary} against the file as it is now).",
            diff,
            disk_text,
        )
    if not diff:
        message = f"{entry.path} already holds exactly this text."
    else:
        message = f"Unsaved edits to {entry.path}: {summary}."
    return DiskComparison("same", message, diff, disk_text)
