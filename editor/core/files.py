"""Atomic writes: the only way Postwright writes a user's file.

A write goes to a temporary file in the same folder, is flushed to disk, takes the original's
permission bits and owner, and then replaces the original in one rename. A failure at any
point leaves the original untouched and removes the temporary file.

A read-only file is never replaced, also not by root (who may rename over any file): its mode
bits are what the writer asked for. Writing through a symlink writes the file it points to and
keeps the link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class ReadOnlyFileError(PermissionError):
    """The file is read-only (no write permission bit, or not writable by this user)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EACCES, "the file is read-only", str(path))


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename is still atomic
    finally:
        os.close(fd)


def is_read_only(path: Path, info: os.stat_result) -> bool:
    """Whether the existing file ``path`` (whose ``stat`` is ``info``) must not be written:
    no write bit is set at all (root too respects that), or this user may not write it."""
    return not info.st_mode & _WRITE_BITS or not os.access(path, os.W_OK)


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` changes: the file a symlink (or a chain of them) points
    to, else ``path`` itself."""
    target = Path(path)
    return target.resolve() if target.is_symlink() else target


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    before_replace: Callable[[Path], None] | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permissions and owner.

    A symlink is followed: the file it points to is replaced, the link stays. Raises
    :class:`ReadOnlyFileError` for a read-only file, before anything is written.
    ``before_replace(target)`` runs when the new bytes are safely on disk, just before the
    rename; if it raises, nothing is replaced.
    """
    target = write_target(path)
    folder = target.parent
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    if st is not None and is_read_only(target, st):
        raise ReadOnlyFileError(target)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if st is not None:
            with contextlib.suppress(OSError):  # allowed to root, or to a member of the group
                os.chown(tmp, st.st_uid, st.st_gid)
            tmp.chmod(stat.S_IMODE(st.st_mode))  # after chown, which may clear set-id bits
        else:
            tmp.chmod(_default_mode())
        if before_replace is not None:
            before_replace(target)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Atomically write ``text`` exactly as given (no newline translation)."""
    atomic_write(path, text.encode(encoding))
