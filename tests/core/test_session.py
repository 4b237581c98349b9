"""Saving from the editor's LF buffer back to the file's own bytes, and conflicts on disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from editor.core.errors import PostError
from editor.core.session import ChangedOnDiskError, DocumentSession
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
