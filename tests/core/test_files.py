"""Atomic writes keep the original whole when anything fails, keep its permissions and owner,
respect a read-only file and write through a symlink."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from editor.core.files import ReadOnlyFileError, atomic_write, write_target


def test_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_new_file_gets_default_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    atomic_write(path, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_symlink_target_is_written_and_link_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_failed_rename_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"precious words")

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space"):
        atomic_write(path, b"half")
    assert path.read_bytes() == b"precious words"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_failed_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"precious words")

    def broken_fsync(_fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        atomic_write(path, b"half")
    assert path.read_bytes() == b"precious words"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_a_read_only_file_is_not_replaced_even_by_root(tmp_path: Path) -> None:
    """A rename over a 0444 file only needs the folder writable, and root may write anything:
    the mode bits are checked before anything is written."""
    path = tmp_path / "post.md"
    path.write_bytes(b"precious words")
    path.chmod(0o444)
    with pytest.raises(ReadOnlyFileError) as info:
        atomic_write(path, b"replaced")
    assert isinstance(info.value, PermissionError)
    assert info.value.strerror == "the file is read-only"
    assert path.read_bytes() == b"precious words"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_a_read_only_file_behind_a_symlink_is_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "real.md"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o400)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(ReadOnlyFileError):
        atomic_write(link, b"new")
    assert real.read_bytes() == b"old"
    assert link.is_symlink()


def test_a_symlink_keeps_the_link_and_the_target_mode_and_owner(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    real = folder / "real.md"
    real.write_bytes(b"old")
    real.chmod(0o640)
    owned = os.geteuid() == 0
    if owned:  # root can give the file to someone else, as a shared folder has it
        os.chown(real, 4321, 4321)
    before = real.stat()
    link = tmp_path / "sub" / "link.md"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "elsewhere" / "real.md")  # relative, as links usually are
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert link.readlink() == Path("..") / "elsewhere" / "real.md"
    assert real.read_bytes() == b"new"
    after = real.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    if owned:
        assert after.st_uid == 4321
    assert sorted(p.name for p in folder.iterdir()) == ["real.md"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["link.md"]


def test_a_chain_of_symlinks_writes_the_last_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    (tmp_path / "one.md").symlink_to(real)
    (tmp_path / "two.md").symlink_to(tmp_path / "one.md")
    assert write_target(tmp_path / "two.md") == real
    atomic_write(tmp_path / "two.md", b"new")
    assert real.read_bytes() == b"new"
    assert (tmp_path / "two.md").is_symlink()
    assert (tmp_path / "one.md").is_symlink()


def test_before_replace_can_stop_the_write(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"theirs")
    seen: list[Path] = []

    def refuse(target: Path) -> None:
        seen.append(target)
        raise RuntimeError("changed")

    with pytest.raises(RuntimeError):
        atomic_write(path, b"mine", before_replace=refuse)
    assert seen == [path]
    assert path.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]
