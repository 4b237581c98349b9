"""Reading a post file: its bytes (only from a regular file of a sane size) and its text.

Light on purpose (no front matter parser): the window shows a post's text with it before
the rest of Postwright has loaded.
"""

from __future__ import annotations

import stat
from pathlib import Path

from editor.core.errors import PostError
from editor.core.textlines import as_editor_text

__all__ = ["BOM", "MAX_POST_BYTES", "decode", "read_editor_text", "read_post_bytes"]

BOM = "\ufeff"


def decode(data: bytes, path: str | Path | None = None) -> tuple[str, bool]:
    """The text of a post file and whether it began with a UTF-8 byte order mark.

    Raises :class:`PostError` naming the line and column of the first byte that is not UTF-8,
    or of the first NUL byte (a binary file).
    """
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise PostError(
            "this is a binary file, not a markdown post (it contains NUL bytes)", path, line, column
        )
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise PostError(
            f"the file is not UTF-8 text (byte 0x{data[offset]:02x} cannot be decoded); "
            "convert it to UTF-8 to edit it",
            path,
            line,
            column,
        ) from None
    return text, bom


#: The largest file Postwright opens. A blog post is rarely over 1 MB; a 20 MB "post" is a log
#: or a data dump, and the editor, its colouring and its preview would crawl.
MAX_POST_BYTES = 20 * 1024 * 1024


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


def read_editor_text(path: Path) -> str:
    """The text of the post at ``path`` as the editor holds it (what
    :meth:`editor.core.session.DocumentSession.load` returns). Raises PostError."""
    text, _bom = decode(read_post_bytes(path), path)
    return as_editor_text(text)
