"""Reading a site's files (and a post's images) without ever blocking on what is not a file.

A FIFO, a device or a socket named like a config file or an image would hang a plain ``open``
(a FIFO waits for a writer) or stream without end (``/dev/zero``). Every read of a site file
goes through :func:`read_regular`: it opens without blocking, checks that what it opened is a
regular file, and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: the largest site file read (configs, the export record, an image to copy)
MAX_SITE_FILE = 256 * 1024 * 1024


class NotRegularFileError(OSError):
    """The path names a FIFO, device, socket or folder, not a regular file."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def is_special(path: Path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a folder (a symlink is
    followed), else None. Never opens it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return kind_of(mode)


def read_regular(path: Path, limit: int = MAX_SITE_FILE) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    Raises :class:`NotRegularFileError` (an OSError) for anything else, FileNotFoundError when it
    is absent, and OSError for what cannot be read; it never blocks on a FIFO.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(f"{path} is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise OSError(f"{path} is over {limit // (1024 * 1024)} MB")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, 1024 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OSError(f"{path} is over {limit // (1024 * 1024)} MB")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_regular_text(path: Path, limit: int = MAX_SITE_FILE) -> str | None:
    """``path`` as text (undecodable bytes replaced), or None when it is absent, not a
    regular file or unreadable."""
    try:
        return read_regular(path, limit).decode("utf-8", errors="replace")
    except OSError:
        return None
