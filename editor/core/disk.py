"""What a file on disk looked like when it was loaded, to notice when someone else changed it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


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
            stat = path.stat()
            data = path.read_bytes()
        except FileNotFoundError:
            return cls(None, None, None)
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> DiskState:
        """The state of ``path`` right after writing ``data`` to it."""
        stat = path.stat()
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())

    @property
    def exists(self) -> bool:
        """Whether the file existed."""
        return self.digest is not None

    def changed_on_disk(self, path: Path) -> bool:
        """Whether ``path``'s content differs from this state (a touch alone is no change)."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return self.exists
        if stat.st_mtime_ns == self.mtime_ns and stat.st_size == self.size:
            return False
        return DiskState.of(path).digest != self.digest
