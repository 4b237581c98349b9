"""Saving from the editor's LF buffer back to the file's own bytes, and conflicts on disk."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from editor.core.errors import PostError
from editor.core.session import ChangedOnDiskError, DocumentSession, ReadOnlyError
from tests.conftest import FIXTURES, corpus_posts, fixture_posts


@pytest.mark.parametrize("path", fixture_posts() + corpus_posts(), ids=lambda p: p.name)
def test_unedited_buffer_saves_the_same_bytes(path: Path, tmp_path: Path) -> None:
    session = DocumentSession()
    text = session.load(path)
    assert "\r" not in text or "\r\n" not in text
    target = tmp_path / path.name
    session.save(text, target)
    assert target.read_bytes() == path.read_bytes()


def test_edit_keeps_crlf_and_bom_on_untouched_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes((FIXTURES / "posts" / "bom-crlf.md").read_bytes())
    session = DocumentSession()
    text = session.load(path)
    session.save(text.replace("Body line one", "Body line ONE"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"Body line ONE\r\nline two without final newline" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_mixed_line_endings_survive_an_edit_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"a\r\nb\nc\r\nd\n")
    session = DocumentSession()
    text = session.load(path)
    session.save(text.replace("d", "D"))
    assert path.read_bytes() == b"a\r\nb\nc\r\nD\r\n"


def test_file_changed_on_disk_is_never_silently_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("mine\n")
    session = DocumentSession()
    text = session.load(path)
    path.write_text("theirs, written by another program\n")
    with pytest.raises(ChangedOnDiskError):
        session.save(text + "more\n")
    assert path.read_text() == "theirs, written by another program\n"
    session.save(text + "more\n", overwrite=True)
    assert path.read_text() == "mine\nmore\n"


def test_a_touch_without_change_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("same\n")
    session = DocumentSession()
    text = session.load(path)
    os.utime(path, ns=(1, 1))
    session.save(text + "x\n")
    assert path.read_text() == "same\nx\n"


def test_failed_write_keeps_the_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.md"
    path.write_text("original\n")
    session = DocumentSession()
    text = session.load(path)

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(PostError, match="No space left on device"):
        session.save(text + "new words\n")
    assert path.read_text() == "original\n"
    assert session.is_modified(text + "new words\n")


def test_untitled_needs_a_path(tmp_path: Path) -> None:
    session = DocumentSession()
    with pytest.raises(PostError, match="choose where"):
        session.save("text\n")
    session.save("text\n", tmp_path / "new.md")
    assert (tmp_path / "new.md").read_text() == "text\n"
    assert session.path == tmp_path / "new.md"


def _same_size_edit_with_the_time_put_back(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_same_size_edit_with_the_time_put_back_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("mine: one two\n")
    session = DocumentSession()
    text = session.load(path)
    _same_size_edit_with_the_time_put_back(path, "THEIR one two\n")
    with pytest.raises(ChangedOnDiskError):
        session.save(text + "more words\n")
    assert path.read_text() == "THEIR one two\n"
    session.save(text + "more words\n", overwrite=True)
    assert path.read_text() == "mine: one two\nmore words\n"


def test_an_edit_made_while_the_save_writes_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program writes the file after the save began: the bytes are compared again just
    before the file is replaced."""
    path = tmp_path / "p.md"
    path.write_text("mine: one two\n")
    session = DocumentSession()
    text = session.load(path)
    real_fsync = os.fsync

    def meanwhile(fd: int) -> None:
        real_fsync(fd)
        if path.read_text() == "mine: one two\n":
            _same_size_edit_with_the_time_put_back(path, "THEIR one two\n")

    monkeypatch.setattr(os, "fsync", meanwhile)
    with pytest.raises(ChangedOnDiskError):
        session.save(text + "more words\n")
    assert path.read_text() == "THEIR one two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]


def test_a_read_only_file_is_not_saved_and_save_as_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("original\n")
    path.chmod(0o444)
    session = DocumentSession()
    text = session.load(path)
    with pytest.raises(ReadOnlyError, match="the file is read-only; use Save As") as info:
        session.save(text + "new words\n")
    assert str(info.value) == f"{path}: the file is read-only; use Save As"
    assert path.read_text() == "original\n"
    assert session.is_modified(text + "new words\n")
    session.save(text + "new words\n", tmp_path / "copy.md")
    assert (tmp_path / "copy.md").read_text() == "original\nnew words\n"


def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "drafts" / "real.md"
    real.parent.mkdir()
    real.write_text("one\n")
    real.chmod(0o600)
    link = tmp_path / "post.md"
    link.symlink_to(real)
    session = DocumentSession()
    text = session.load(link)
    session.save(text + "two\n")
    assert link.is_symlink()
    assert real.read_text() == "one\ntwo\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    session.save(text + "two\nthree\n")  # the next save sees its own write, not a conflict
    assert real.read_text() == "one\ntwo\nthree\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_put_in_the_files_place_is_a_change_and_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("mine\n")
    session = DocumentSession()
    text = session.load(path)
    path.unlink()
    os.mkfifo(path)
    assert session.changed_on_disk()  # returns at once: the FIFO is never opened for reading
    with pytest.raises(ChangedOnDiskError):
        session.save(text)
