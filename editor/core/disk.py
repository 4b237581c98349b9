"""What a file on disk looked like when it was loaded, to notice when someone else changed it."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: what stands for the content of something that is not a regular file (a FIFO put in the
#: file's place): never equal to a file's digest, and never read
_NOT_A_FILE = "not a regular file"


def _digest(path: Path) -> tuple[os.stat_result, str]:
    """The file's status and the SHA-256 of its bytes, read in chunks (memory stays small);
    a FIFO or device is not read (opening it does not block)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return info, _NOT_A_FILE
        with os.fdopen(os.dup(fd), "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    finally:
        os.close(fd)
    return info, digest


@dataclass(frozen=True)
class DiskState:
    """A file's identity at one moment: ``None`` fields mean it did not exist."""

    mtime_ns: int | None
    size: int | None
    digest: str | None

    @classmethod
    def of(cls, path: Path) -> DiskState:
        """The state of ``path`` now."""
        try:
            info, digest = _digest(path)
        except FileNotFoundError:
            return cls(None, None, None)
        return cls(info.st_mtime_ns, info.st_size, digest)

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> DiskState:
        """The state of ``path`` right after writing ``data`` to it."""
        info = path.stat()
        return cls(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())

    @property
    def exists(self) -> bool:
        """Whether the file existed."""
        return self.digest is not None

    def changed_on_disk(self, path: Path, *, by_content: bool = False) -> bool:
        """Whether ``path``'s content differs from this state (a touch alone is no change).

        The quick check trusts an unchanged time and size; ``by_content`` always compares the
        bytes, so that an edit that kept the size and put the time back is noticed too (what a
        save checks before it replaces the file).
        """
        try:
            info = path.stat()
        except FileNotFoundError:
            return self.exists
        if not by_content and info.st_mtime_ns == self.mtime_ns and info.st_size == self.size:
            return False
        return DiskState.of(path).digest != self.digest
