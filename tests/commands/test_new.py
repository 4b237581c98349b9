"""``postwright new``: a new post named after its title; it never replaces a file."""

from __future__ import annotations

from pathlib import Path

from tests.commands.run import one_line, postwright


def test_new_post(tmp_path: Path) -> None:
    result = postwright("new", "Café déjà vu", "--dir", str(tmp_path), "--date", "2024-12-12")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "cafe-deja-vu.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text()
    assert text.startswith(
        "---\ntitle: Café déjà vu\ndate: 2024-12-12\ntags: []\ndraft: true\n---\n"
    )
    assert "\n<!-- more -->\n" in text
    assert postwright("check", "-q", str(path)).returncode == 0
    again = postwright("new", "Café déjà vu", "--dir", str(tmp_path))
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_new_never_writes_through_a_dangling_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "sea.md").symlink_to(outside)
    result = postwright("new", "Sea", "--dir", str(tmp_path / "posts"))
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"{tmp_path / 'posts' / 'sea.md'}: already exists; choose another title or folder"
    )
    assert not outside.exists()


def test_new_a_failed_write_is_one_line(tmp_path: Path) -> None:
    full = (
        "import errno, os\n"
        "def _full(*args, **kwargs):\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "os.replace = _full\n"
    )
    result = postwright("new", "Sea", "--dir", str(tmp_path), before=full)
    assert result.returncode == 1
    assert (
        one_line(result.stderr) == f"{tmp_path / 'sea.md'}: not written (No space left on device)"
    )
    assert list(tmp_path.iterdir()) == []
