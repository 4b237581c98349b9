"""``postwright meta``: reads and edits front matter without reshaping it, never loses a word,
and says every problem in one line with exit status 1, leaving the file as it was."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.commands.run import one_line, postwright
from tests.conftest import FIXTURES, alias_bomb


def test_meta_reads_and_edits_losslessly(tmp_path: Path) -> None:
    source = (FIXTURES / "posts" / "yaml-rich.md").read_bytes()
    post = tmp_path / "p.md"
    post.write_bytes(source)
    assert postwright("meta", str(post), "--get", "tags").stdout == '["alpha", "beta"]\n'
    assert postwright("meta", str(post), "--get", "custom_key").stdout == "keep me\n"
    result = postwright(
        "meta", str(post), "--set", "tags=[a,b]", "--set", "draft=true", "--unset", "folded"
    )
    assert result.returncode == 0, result.stderr
    after = post.read_bytes()
    assert b"tags: [a, b]\n" in after
    assert b"draft: true\n" in after
    assert b"folded" not in after
    untouched = [
        line
        for line in source.splitlines()
        if not line.startswith((b"tags", b"draft", b"folded", b"  Folded", b"  continues"))
    ]
    assert [line for line in after.splitlines() if line in untouched] == untouched
    data = json.loads(postwright("meta", str(post), "--json").stdout)
    assert data["tags"] == ["a", "b"]
    assert data["draft"] is True
    assert data["date"] == "2024-12-12T09:30:00+01:00"


def test_meta_set_date_is_unquoted(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\nBody\n")
    assert postwright("meta", str(post), "--set", "date=2024-12-12").returncode == 0
    assert post.read_text() == "---\ntitle: T\ndate: 2024-12-12\n---\nBody\n"


def test_meta_unedited_file_is_not_rewritten(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\n")
    before = post.stat().st_mtime_ns
    assert postwright("meta", str(post), "--set", "title=T").returncode == 0
    assert post.stat().st_mtime_ns == before


def test_meta_refuses_broken_front_matter_and_keeps_the_file(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: [x\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "draft=true")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{post}:")
    assert post.read_text() == "---\ntitle: [x\n---\nBody\n"


def test_meta_bad_set_syntax_exit_2(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\n")
    assert postwright("meta", str(post), "--set", "novalue").returncode == 2


# ---------------------------------------------------------------------- no reshaped lines


def test_a_list_edit_keeps_the_comments_of_the_items_that_stay(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\ntags:\n  - weather   # first tag\n  - sea\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "tags=[weather, sea, fog]")
    assert result.returncode == 0, result.stderr
    assert post.read_text() == (
        "---\ntitle: T\ntags:\n  - weather   # first tag\n  - sea\n  - fog\n---\nBody\n"
    )
    result = postwright("meta", str(post), "--set", "tags=[fog, weather]")
    assert result.returncode == 0, result.stderr
    assert post.read_text() == (
        "---\ntitle: T\ntags:\n  - fog\n  - weather   # first tag\n---\nBody\n"
    )


def test_an_edited_value_keeps_the_spacing_before_its_comment(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: 'Sea'   # keep this quoted\ndate: 2024-01-01\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "title=Fog over the harbour")
    assert result.returncode == 0, result.stderr
    assert post.read_text() == (
        "---\ntitle: 'Fog over the harbour'   # keep this quoted\ndate: 2024-01-01\n---\nBody\n"
    )


@pytest.mark.parametrize(
    "date",
    [
        "2024-02-30",
        "2024-01-01T24:00:00Z",
        "2024-01-01T10:00:00+25:00",
        "2024-01-01T10:00:00+23:60",
        "0000-01-01",
        "{created: 2024-02-30}",
    ],
)
def test_an_impossible_date_is_kept_and_the_edit_made(tmp_path: Path, date: str) -> None:
    post = tmp_path / "p.md"
    post.write_text(f"---\ntitle: T\ndate: {date}\ntags: [a]\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "title=Sea", "--set", "tags=[a, b]")
    assert (result.returncode, result.stderr) == (0, "")
    assert post.read_text() == f"---\ntitle: Sea\ndate: {date}\ntags: [a, b]\n---\nBody\n"


def test_a_key_written_twice_is_not_edited(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    text = "---\ntitle: One\ndate: 2024-01-01\ntitle: Two\n---\nBody\n"
    post.write_text(text)
    result = postwright("meta", str(post), "--set", "title=Three")
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"{post}:4: 'title' is written twice, on lines 2 and 4: remove one of them before "
        "editing it"
    )
    assert post.read_text() == text


# ---------------------------------------------------------------------- no lost words


def test_a_read_only_post_is_not_replaced(tmp_path: Path) -> None:
    """A rename over a 0444 file needs only the folder writable; root could even write it."""
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\nBody\n")
    post.chmod(0o444)
    result = postwright("meta", str(post), "--set", "draft=true")
    assert result.returncode == 1
    assert one_line(result.stderr) == f"{post}: the file is read-only; nothing was changed"
    assert post.read_text() == "---\ntitle: T\n---\nBody\n"
    assert stat.S_IMODE(post.stat().st_mode) == 0o444


def test_a_symlink_to_a_file_that_is_no_post_gets_no_front_matter(tmp_path: Path) -> None:
    system = tmp_path / "etc" / "hosts"
    system.parent.mkdir()
    system.write_text("127.0.0.1 localhost\n")
    link = tmp_path / "post.md"
    link.symlink_to(system)
    result = postwright("meta", str(link), "--set", "title=Owned")
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"{link}: has no front matter and 'hosts' is not a markdown post (it is a link to "
        f"{system}); nothing was changed"
    )
    assert system.read_text() == "127.0.0.1 localhost\n"
    assert link.is_symlink()


def test_a_file_that_is_no_post_by_name_gets_no_front_matter(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just notes\n")
    result = postwright("meta", str(notes), "--set", "title=T")
    assert result.returncode == 1
    assert "'notes.txt' is not a markdown post" in one_line(result.stderr)
    assert notes.read_text() == "just notes\n"
    plain = tmp_path / "plain.md"  # a markdown post by name: it gets its first front matter
    plain.write_text("Words.\n")
    assert postwright("meta", str(plain), "--set", "title=T").returncode == 0
    assert plain.read_text() == "---\ntitle: T\n---\nWords.\n"


def test_saving_through_a_symlink_edits_the_target_and_keeps_link_mode_and_owner(
    tmp_path: Path,
) -> None:
    real = tmp_path / "drafts" / "real.md"
    real.parent.mkdir()
    real.write_text("---\ntitle: T\n---\nBody\n")
    real.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(real, 4321, 4321)
    before = real.stat()
    link = tmp_path / "site" / "post.md"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "drafts" / "real.md")
    result = postwright("meta", str(link), "--set", "draft=true")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert link.readlink() == Path("..") / "drafts" / "real.md"
    assert real.read_text() == "---\ntitle: T\ndraft: true\n---\nBody\n"
    after = real.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.md"]


FULL_DISK = """
import errno, os
def _full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
os.replace = _full
"""
NO_PERMISSION = """
import errno, os, tempfile
def _denied(*args, **kwargs):
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
tempfile.mkstemp = _denied
"""


@pytest.mark.parametrize(
    ("before", "reason"),
    [(FULL_DISK, "No space left on device"), (NO_PERMISSION, "Permission denied")],
    ids=["ENOSPC", "EACCES"],
)
def test_a_failed_write_is_one_line_and_keeps_the_file(
    tmp_path: Path, before: str, reason: str
) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "draft=true", before=before)
    assert result.returncode == 1
    assert one_line(result.stderr) == f"{post}: not saved ({reason}); the file is unchanged"
    assert post.read_text() == "---\ntitle: T\n---\nBody\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]


# ---------------------------------------------------------------------- hostile input


def test_an_alias_bomb_is_refused_at_once_and_the_file_kept(tmp_path: Path) -> None:
    """Before: killed at 60 s with 6-8 GB for --json; --set rewrote the file."""
    post = tmp_path / "bomb.md"
    post.write_text(alias_bomb())
    for args in (["--json"], ["--set", "draft=true"], ["--get", "title"]):
        result = postwright("meta", str(post), *args, timeout=20)
        assert result.returncode == 1
        assert result.seconds < 5
        assert one_line(result.stderr).startswith(f"{post}:7:5: the aliases in the front matter")
    assert post.read_text() == alias_bomb()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"title": "T", "a": ' + "[" * 10_000 + "]" * 10_000 + "}\n\nBody\n", "1:120"),
        ("+++\ntitle = 'T'\na = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n", "3:105"),
    ],
    ids=["json", "toml"],
)
def test_front_matter_10000_deep_is_one_line(tmp_path: Path, text: str, where: str) -> None:
    post = tmp_path / "deep.md"
    post.write_text(text)
    result = postwright("meta", str(post), "--set", "title=X")
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"{post}:{where}: the front matter nests lists or tables more than 100 levels deep; "
        "it is not read"
    )
    assert post.read_text() == text


def test_a_value_10000_deep_on_the_command_line_is_refused(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "x=" + "[" * 10_000)
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        "postwright meta: --set x: the value nests lists or mappings more than 100 levels "
        "deep; it is not read"
    )
    assert post.read_text() == "---\ntitle: T\n---\nBody\n"
