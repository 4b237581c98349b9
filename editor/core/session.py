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

import difflib
import errno
import re
import stat
from pathlib import Path

from editor.core.disk import DiskState
from editor.core.errors import PostError
from editor.core.files import atomic_write
from editor.core.post import BOM, decode
from editor.core.textlines import dominant_newline

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


#: what ends a line for the editor (Qt's QPlainTextEdit): CRLF, a lone CR, LF and U+2029
_LINE_BREAK = re.compile("\r\n|[\r\n\u2029]")


def as_editor_text(file_text: str) -> str:
    """``file_text`` as the editor holds it: every line break an LF.

    Qt's editor ends a line at CRLF, at a lone CR, at LF and at U+2029, and keeps every other
    character (U+2028 and form feeds stay characters of their line): this is exactly the text
    the window's editor gives back (tests/gui/test_hostile_input.py checks it on the widget).
    """
    text = file_text
    if "\r" not in text and "\u2029" not in text:
        return text
    if "\u2029" not in text and text.count("\r") == text.count("\r\n"):
        return text.replace("\r\n", "\n")
    return _LINE_BREAK.sub("\n", text)


def _single_newline(text: str) -> str | None:
    """``\\n`` or ``\\r\\n`` when every line of ``text`` ends that way; else None."""
    if "\u2029" in text:
        return None
    crlf = text.count("\r\n")
    if text.count("\r") != crlf:
        return None
    if crlf == 0:
        return "\n"
    return "\r\n" if crlf == text.count("\n") else None


def _file_lines(raw: str) -> list[str]:
    """The lines of a file's text, each with its own line break (as the editor splits it)."""
    lines: list[str] = []
    start = 0
    for match in _LINE_BREAK.finditer(raw):
        lines.append(raw[start : match.end()])
        start = match.end()
    if start < len(raw):
        lines.append(raw[start:])
    return lines


def _lf_lines(text: str) -> list[str]:
    """The lines of the editor's text, each with its LF."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _line_view(line: str) -> str:
    """One file line as the editor shows it: its line break, whichever, as LF."""
    match = _LINE_BREAK.search(line, max(0, len(line) - 2))
    return line[: match.start()] + "\n" if match else line


def map_line_endings(old_raw: str, new_lf: str) -> str:
    """The editor's ``new_lf`` with the line breaks of ``old_raw``: untouched lines keep theirs
    (CRLF, LF, a lone CR or U+2029), changed and new lines get the file's dominant one.

    A file with one kind of line break (nearly all) is mapped in linear time; other files trim
    the common first and last lines before matching the rest, so a small edit to a large file
    stays cheap. For editor text (no CR, no U+2029), ``as_editor_text(result) == new_lf``.
    """
    newline = dominant_newline(old_raw)
    single = _single_newline(old_raw)
    if single is not None and "\r" not in new_lf:
        return new_lf if single == "\n" else new_lf.replace("\n", "\r\n")
    old_lines = _file_lines(old_raw)
    new_lines = _lf_lines(new_lf)
    views = [_line_view(line) for line in old_lines]
    start = 0
    limit = min(len(old_lines), len(new_lines))
    while start < limit and views[start] == new_lines[start]:
        start += 1
    end = 0
    while end < limit - start and views[-1 - end] == new_lines[-1 - end]:
        end += 1
    stop, new_stop = len(old_lines) - end, len(new_lines) - end
    out = old_lines[:start]
    out += _splice(old_lines[start:stop], views[start:stop], new_lines[start:new_stop], newline)
    out += old_lines[stop:]
    # a kept lone CR right before a line that starts with LF would read back as one CRLF
    for index in range(len(out) - 2, -1, -1):
        line = out[index]
        if line.endswith("\r") and out[index + 1].startswith("\n"):
            out[index] = line[:-1] + newline
    return "".join(out)


def _with_newline(line: str, newline: str) -> str:
    return line.removesuffix("\n") + newline if line.endswith("\n") else line


def _splice(
    old_lines: list[str], views: list[str], new_lines: list[str], newline: str
) -> list[str]:
    """Lines of ``new_lines`` (LF) that match a line of ``old_lines`` (seen as ``views``) keep
    that line's own bytes."""
    if len(old_lines) * len(new_lines) > _SPLICE_BUDGET:
        return [_with_newline(line, newline) for line in new_lines]
    old_bare = [view.removesuffix("\n") for view in views]
    new_bare = [line.removesuffix("\n") for line in new_lines]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_bare, b=new_bare, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.extend(_with_newline(line, newline) for line in new_lines[j1:j2])
            continue
        for old, view, new in zip(old_lines[i1:i2], views[i1:i2], new_lines[j1:j2], strict=True):
            # the same words: the old bytes, unless the line gained or lost its line break
            out.append(old if view == new else _with_newline(new, newline))
    return out


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
