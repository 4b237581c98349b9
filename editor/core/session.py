"""One open document's link to its file: load, save, and refuse to overwrite a file that
someone else changed since it was loaded.

The editor works on LF text. Saving maps the edit back onto the file's own bytes: lines the
writer did not touch keep their original line endings, a byte order mark stays, and an unedited
buffer saves as exactly the bytes that were loaded.

Hostile files are refused with a plain message instead of hanging or filling memory: anything
that is not a regular file (a FIFO, a device), and files over :data:`MAX_POST_BYTES`.
"""

from __future__ import annotations

import difflib
import errno
import stat
from pathlib import Path

from editor.core.disk import DiskState
from editor.core.errors import PostError
from editor.core.files import atomic_write
from editor.core.post import BOM, decode
from editor.core.textlines import dominant_newline, to_lf

#: The largest file Postwright opens. A blog post is rarely over 1 MB; a 20 MB "post" is a log
#: or a data dump, and the editor, its colouring and its preview would crawl.
MAX_POST_BYTES = 20 * 1024 * 1024
#: Above this many line pairs, the line-ending mapping of a mixed CRLF/LF file gives up on
#: matching lines (a quadratic search) and writes the changed middle with the dominant ending.
_SPLICE_BUDGET = 25_000_000


class ChangedOnDiskError(PostError):
    """The file changed on disk since it was loaded or last saved."""


class ReadOnlyError(PostError):
    """The file or its folder cannot be written: the buffer needs another place (Save As)."""


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_post_bytes(path: Path, limit: int = MAX_POST_BYTES) -> bytes:
    """The bytes of a post file, refusing what is not a regular file or is over ``limit``.

    Raises :class:`PostError` with a plain message; nothing is read from a FIFO or device.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PostError("no such file", path) from None
    except PermissionError:
        raise PostError("permission denied: the file cannot be read", path) from None
    except OSError as exc:
        raise PostError(f"the file cannot be read: {exc.strerror}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise PostError("this is a folder, not a post file", path)
    if not stat.S_ISREG(info.st_mode):
        raise PostError("this is not a regular file (a device, pipe or socket?)", path)
    if info.st_size > limit:
        raise PostError(
            f"the file is {_size_text(info.st_size)}; Postwright opens posts up to "
            f"{_size_text(limit)}. A file this large is probably not a blog post - "
            "open it in another editor",
            path,
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise PostError("no such file", path) from None
    except IsADirectoryError:
        raise PostError("this is a folder, not a post file", path) from None
    except PermissionError:
        raise PostError("permission denied: the file cannot be read", path) from None
    except OSError as exc:
        raise PostError(f"the file cannot be read: {exc.strerror}", path) from None
    if len(data) > limit:  # it grew while we looked
        raise PostError(
            f"the file is over {_size_text(limit)}; Postwright opens posts up to that size", path
        )
    return data


def _single_newline(text: str) -> str | None:
    """``\\n`` or ``\\r\\n`` when every line of ``text`` ends that way (no lone CR); else None."""
    crlf = text.count("\r\n")
    if text.count("\r") != crlf:
        return None
    if crlf == 0:
        return "\n"
    return "\r\n" if crlf == text.count("\n") else None


def map_line_endings(old_raw: str, new_lf: str) -> str:
    """``new_lf`` with the line endings of ``old_raw``: untouched lines keep theirs, changed
    and new lines get the file's dominant one.

    A file with one kind of line ending (nearly all) is mapped in linear time; a mixed file
    trims the common first and last lines before matching the rest, so a small edit to a large
    file stays cheap. The result always reads back (as LF) as exactly ``new_lf``.
    """
    newline = dominant_newline(old_raw)
    single = _single_newline(old_raw)
    if single is not None and "\r" not in new_lf:
        return new_lf if single == "\n" else new_lf.replace("\n", "\r\n")
    old_lines = old_raw.splitlines(keepends=True)
    new_lines = new_lf.splitlines(keepends=True)
    start = 0
    limit = min(len(old_lines), len(new_lines))
    while start < limit and to_lf(old_lines[start]) == new_lines[start]:
        start += 1
    end = 0
    while (
        end < limit - start
        and to_lf(old_lines[len(old_lines) - 1 - end]) == new_lines[len(new_lines) - 1 - end]
    ):
        end += 1
    old_mid = old_lines[start : len(old_lines) - end]
    new_mid = new_lines[start : len(new_lines) - end]
    head = "".join(old_lines[:start])
    tail = "".join(old_lines[len(old_lines) - end :])
    return head + _splice(old_mid, new_mid, newline) + tail


def _with_newline(line: str, newline: str) -> str:
    return line.removesuffix("\n") + newline if line.endswith("\n") else line


def _splice(old_lines: list[str], new_lines: list[str], newline: str) -> str:
    """Lines of ``new_lines`` (LF) that match a line of ``old_lines`` keep that line's ending."""
    if len(old_lines) * len(new_lines) > _SPLICE_BUDGET:
        return "".join(_with_newline(line, newline) for line in new_lines)
    old_bare = [line.rstrip("\r\n") for line in old_lines]
    new_bare = [line.removesuffix("\n") for line in new_lines]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_bare, b=new_bare, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.extend(_with_newline(line, newline) for line in new_lines[j1:j2])
            continue
        for old, new in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
            old_ends = old.endswith(("\n", "\r"))
            # the same words; the old line's own ending only if both lines have one (a file's
            # last line may gain or lose its line break)
            out.append(old if old_ends == new.endswith("\n") else _with_newline(new, newline))
    return "".join(out)


class DocumentSession:
    """The file behind one editor buffer."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.bom = False
        self.file_text = ""  # the file's text with its own line endings
        self.disk: DiskState | None = None

    @property
    def saved_text(self) -> str:
        """The file's text as the editor shows it (LF line endings)."""
        return to_lf(self.file_text)

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

        Raises :class:`ChangedOnDiskError` when the file changed on disk since it was loaded
        and ``overwrite`` is not set, :class:`ReadOnlyError` when the file or its folder cannot
        be written, and :class:`PostError` when the write fails otherwise (a full disk); in
        every case the file on disk is left as it was.
        """
        target = path or self.path
        if target is None:
            raise PostError("the post has no file yet: choose where to save it")
        if target == self.path and not overwrite and self.changed_on_disk():
            raise ChangedOnDiskError(
                "the file changed on disk since it was opened; reload it or overwrite it",
                target,
            )
        data = self.file_bytes(editor_text)
        try:
            atomic_write(target, data)
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
