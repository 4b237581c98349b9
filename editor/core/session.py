"""One open document's link to its file: load, save, and refuse to overwrite a file that
someone else changed since it was loaded.

The editor works on LF text (a file's CRLF, lone CR and U+2029 line breaks all read as LF, as
Qt's editor reads them). Saving maps the edit back onto the file's own bytes: lines the
writer did not touch keep their original line endings, a byte order mark stays, and an unedited
buffer saves as exactly the bytes that were loaded.

Hostile files are refused with a plain message instead of hanging or filling memory: anything
that is not a regular file (a FIFO, a device), and files over :data:`MAX_POST_BYTES`.
"""

from __future__ import annotations

import errno
from pathlib import Path

from editor.core.disk import DiskState
from editor.core.errors import PostError
from editor.core.files import ReadOnlyFileError, atomic_write
from editor.core.postfile import BOM, MAX_POST_BYTES, decode, read_post_bytes
from editor.core.textlines import as_editor_text, map_line_endings

__all__ = [
    "MAX_POST_BYTES",
    "ChangedOnDiskError",
    "DocumentSession",
    "ReadOnlyError",
    "as_editor_text",
    "map_line_endings",
    "read_post_bytes",
]


class ChangedOnDiskError(PostError):
    """The file changed on disk since it was loaded or last saved."""


class ReadOnlyError(PostError):
    """The file or its folder cannot be written: the buffer needs another place (Save As)."""


class DocumentSession:
    """The file behind one editor buffer."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.bom = False
        self.file_text = ""  # the file's text with its own line endings
        self.disk: DiskState | None = None

    @property
    def saved_text(self) -> str:
        """The file's text as the editor holds it (LF line breaks, see :func:`as_editor_text`)."""
        return as_editor_text(self.file_text)

    def is_modified(self, editor_text: str) -> bool:
        """Whether the buffer differs from the file as last loaded or saved."""
        return editor_text != self.saved_text

    def load(self, path: Path) -> str:
        """Read ``path``; return the text for the editor. Raises PostError (nothing changes)."""
        data = read_post_bytes(path)
        text, bom = decode(data, path)
        self.path = path
        self.bom = bom
        self.file_text = text
        self.disk = DiskState.of_bytes(path, data)
        return self.saved_text

    def file_bytes(self, editor_text: str) -> bytes:
        """The bytes a save of ``editor_text`` writes."""
        if editor_text == self.saved_text:
            text = self.file_text
        else:
            text = map_line_endings(self.file_text, editor_text)
        return ((BOM if self.bom else "") + text).encode("utf-8", "surrogateescape")

    def changed_on_disk(self) -> bool:
        """Whether the file changed on disk since it was loaded or saved here."""
        if self.path is None or self.disk is None:
            return False
        return self.disk.changed_on_disk(self.path)

    def save(self, editor_text: str, path: Path | None = None, *, overwrite: bool = False) -> Path:
        """Write the buffer atomically to ``path`` (default: its own file).

        Raises :class:`ChangedOnDiskError` when the file's bytes changed on disk since it was
        loaded and ``overwrite`` is not set (compared by content just before the file is
        replaced, so an edit that kept the size and the time is noticed too),
        :class:`ReadOnlyError` when the file is read-only (by its mode, also for root) or its
        folder cannot be written, and :class:`PostError` when the write fails otherwise (a full
        disk); in every case the file on disk is left as it was.
        """
        target = path or self.path
        if target is None:
            raise PostError("the post has no file yet: choose where to save it")
        check = target == self.path and not overwrite and self.disk is not None
        if check and self.changed_on_disk():
            raise self._changed(target)
        data = self.file_bytes(editor_text)

        def unchanged(_: Path) -> None:
            if (
                check
                and self.disk is not None
                and self.disk.changed_on_disk(target, by_content=True)
            ):
                raise self._changed(target)

        try:
            atomic_write(target, data, before_replace=unchanged)
        except ReadOnlyFileError:
            raise ReadOnlyError("the file is read-only; use Save As", target) from None
        except PermissionError:
            raise ReadOnlyError(
                "permission denied: the file or its folder is read-only; use Save As", target
            ) from None
        except OSError as exc:
            if exc.errno == errno.EROFS:
                raise ReadOnlyError(
                    "the file is on a read-only file system; use Save As", target
                ) from None
            raise PostError(
                f"the post could not be saved ({exc.strerror}); the file on disk is unchanged",
                target,
            ) from None
        self.path = target
        self.file_text = data.decode("utf-8", "surrogateescape")
        if self.bom:
            self.file_text = self.file_text.removeprefix(BOM)
        self.disk = DiskState.of_bytes(target, data)
        return target

    @staticmethod
    def _changed(target: Path) -> ChangedOnDiskError:
        return ChangedOnDiskError(
            "the file changed on disk since it was opened; reload it or overwrite it", target
        )
