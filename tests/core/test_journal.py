"""The recovery journal keeps unsaved text through crashes and offers it back only from runs
that are not running any more."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from editor.core import journal as journal_module
from editor.core.journal import (
    Journal,
    JournalEntry,
    compare_with_disk,
    journal_dir,
    sha256_hex,
    unified_diff,
)
from editor.core.settings import state_dir


def test_journal_lives_in_the_state_folder() -> None:
    assert journal_dir() == state_dir() / "journal"
    assert Journal().folder == journal_dir()


def test_an_entry_keeps_text_path_digest_and_time(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    post = tmp_path / "post.md"
    post.write_bytes(b"on disk\n")
    before = time.time()
    journal.write("doc1", "typed words ✍\n", path=post, disk_sha256=sha256_hex(b"on disk\n"))
    (entry,) = journal.entries()
    assert entry.text == "typed words ✍\n"
    assert entry.path == post
    assert entry.disk_sha256 == sha256_hex(b"on disk\n")
    assert entry.intact
    assert entry.pid == os.getpid()
    assert before - 1 <= entry.saved_at.timestamp() <= time.time() + 1
    assert entry.title == "post.md"


def test_untitled_entry_and_lone_surrogates_survive(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    text = "draft \udcff with an escaped byte\n"
    journal.write("u1", text, path=None, disk_sha256=None, name="Untitled")
    (entry,) = journal.entries()
    assert entry.text == text
    assert entry.path is None
    assert entry.title == "Untitled"


def test_one_entry_per_document_and_clear_removes_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.write("a", "first", path=None, disk_sha256=None)
    journal.write("a", "second", path=None, disk_sha256=None)
    journal.write("b", "other", path=None, disk_sha256=None)
    assert sorted(e.text for e in journal.entries()) == ["other", "second"]
    journal.clear("a")
    assert [e.text for e in journal.entries()] == ["other"]
    journal.clear("a")  # clearing twice is fine


def test_our_own_entries_are_never_orphans(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.write("a", "mine", path=None, disk_sha256=None)
    assert journal.orphans() == []
    assert Journal(tmp_path / "j").run_alive(journal.run)  # a second reader sees it locked


def test_entries_of_a_closed_run_are_orphans(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    old = Journal(folder)
    old.write("a", "left behind", path=None, disk_sha256=None)
    old.close()  # the run ended without clearing (the window never closed cleanly)
    new = Journal(folder)
    assert [e.text for e in new.orphans()] == ["left behind"]
    assert (folder / "a.entry").exists()  # offering deletes nothing


def test_a_reused_pid_does_not_keep_an_entry_hidden(tmp_path: Path) -> None:
    """The lock file names a live pid (ours), but nobody holds its lock: the run is dead."""
    folder = tmp_path / "j"
    folder.mkdir()
    ghost = Journal(folder, run=f"{os.getpid()}-deadbeef")
    ghost.write("g", "ghost text", path=None, disk_sha256=None)
    ghost.close()
    (folder / f"{ghost.run}.lock").write_text(json.dumps({"pid": os.getpid()}))
    reader = Journal(folder)
    assert [e.text for e in reader.orphans()] == ["ghost text"]


def _holder_script(folder: Path) -> str:
    return textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from editor.core.journal import Journal
        j = Journal(Path({str(folder)!r}))
        j.write("held", "text of a live run", path=None, disk_sha256=None)
        print("ready", flush=True)
        time.sleep(60)
        """
    )


def test_a_live_process_keeps_its_entries_and_a_killed_one_leaves_them(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    proc = subprocess.Popen(
        [sys.executable, "-c", _holder_script(folder)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        reader = Journal(folder)
        assert reader.orphans() == []  # alive: not offered to anyone else
        proc.kill()  # SIGKILL: no clean-up runs
        proc.wait(10)
        (entry,) = reader.orphans()
        assert entry.text == "text of a live run"
        assert entry.pid == proc.pid
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def test_a_failed_journal_write_keeps_the_previous_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "j")
    journal.write("a", "saved earlier", path=None, disk_sha256=None)
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        os.ftruncate(fd, 3)  # half written...
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        journal.write("a", "newer text that did not fit", path=None, disk_sha256=None)
    monkeypatch.setattr(os, "fsync", real_fsync)
    (entry,) = journal.entries()
    assert entry.text == "saved earlier"
    assert entry.intact
    assert [p.name for p in (tmp_path / "j").iterdir() if p.name.endswith(".tmp")] == []


def test_damaged_files_are_reported_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    journal = Journal(folder)
    journal.write("good", "fine", path=None, disk_sha256=None)
    (folder / "bad.entry").write_bytes(b"not a journal at all")
    raw = (folder / "good.entry").read_bytes()
    (folder / "flipped.entry").write_bytes(raw.replace(b"fine", b"fire"))
    entries = {e.id: e for e in journal.entries()}
    assert journal.damaged == [folder / "bad.entry"]
    assert (folder / "bad.entry").exists()
    assert entries["good"].intact
    # the same id twice on disk: the flipped copy reads, but its checksum says it is damaged
    flipped = [e for e in journal.entries() if e.file.name == "flipped.entry"]
    assert flipped[0].text == "fire"
    assert not flipped[0].intact


def test_tidy_removes_dead_locks_without_entries_and_stale_temp_files(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    dead = Journal(folder)
    dead.write("x", "kept", path=None, disk_sha256=None)
    dead.close()
    (folder / "123-aaaa.lock").write_text("{}")  # a dead run with no entries
    stale = folder / ".x.entry.abc.tmp"
    stale.write_bytes(b"half")
    old = time.time() - journal_module.STALE_TEMP_SECONDS - 10
    os.utime(stale, (old, old))
    fresh = folder / ".y.entry.def.tmp"
    fresh.write_bytes(b"being written")
    reader = Journal(folder)
    assert [e.text for e in reader.orphans()] == ["kept"]
    names = {p.name for p in folder.iterdir()}
    assert "123-aaaa.lock" not in names
    assert stale.name not in names
    assert fresh.name in names
    assert "x.entry" in names


def test_discard_deletes_only_that_entry(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    old = Journal(folder)
    old.write("a", "one", path=None, disk_sha256=None)
    old.write("b", "two", path=None, disk_sha256=None)
    old.close()
    reader = Journal(folder)
    first = next(e for e in reader.orphans() if e.text == "one")
    reader.discard(first)
    assert [e.text for e in reader.orphans()] == ["two"]


# ---------------------------------------------------------------------- comparing with disk


def _entry(tmp_path: Path, text: str, path: Path | None, digest: str | None) -> JournalEntry:
    journal = Journal(tmp_path / "cmp")
    journal.write("c", text, path=path, disk_sha256=digest)
    entry = journal.read("c")
    assert entry is not None
    return entry


def test_compare_untitled(tmp_path: Path) -> None:
    entry = _entry(tmp_path, "# Draft\n\nwords\n", None, None)
    result = compare_with_disk(entry)
    assert result.status == "untitled"
    assert "+# Draft" in result.diff


def test_compare_unchanged_file_shows_the_edits(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_bytes(b"line one\r\nline two\r\n")
    entry = _entry(
        tmp_path, "line one\nline two\nline three\n", post, sha256_hex(post.read_bytes())
    )
    result = compare_with_disk(entry)
    assert result.status == "same"
    assert "+line three" in result.diff
    assert "1 line added, 0 removed" in result.message


def test_compare_file_changed_since_the_edits_began(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("theirs\n")
    entry = _entry(tmp_path, "mine\n", post, sha256_hex(b"what it was\n"))
    result = compare_with_disk(entry)
    assert result.status == "changed"
    assert "changed on disk" in result.message
    assert "-theirs" in result.diff
    assert "+mine" in result.diff


def test_compare_missing_and_unreadable(tmp_path: Path) -> None:
    gone = _entry(tmp_path, "text\n", tmp_path / "gone.md", sha256_hex(b"x"))
    assert compare_with_disk(gone).status == "missing"
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01\x02")
    entry = _entry(tmp_path, "text\n", binary, None)
    result = compare_with_disk(entry)
    assert result.status == "unreadable"
    assert "binary" in result.message


def test_unified_diff_numbers_hunks_in_the_whole_text() -> None:
    old = "".join(f"line {i}\n" for i in range(1, 101))
    new = old.replace("line 50\n", "line fifty\n")
    diff = unified_diff(old, new, "a", "b")
    assert "@@ -47,7 +47,7 @@" in diff
    assert "-line 50\n+line fifty\n" in diff


def test_unified_diff_of_a_huge_change_is_cut_and_fast() -> None:
    old = "".join(f"old {i}\n" for i in range(50_000))
    new = "".join(f"new {i}\n" for i in range(50_000))
    started = time.perf_counter()
    diff = unified_diff(old, new, "a", "b", max_lines=100)
    assert time.perf_counter() - started < 2
    assert diff.count("\n") <= 102
    assert diff.endswith("(the rest of the difference is not shown)\n")


def test_unified_diff_of_a_final_newline() -> None:
    assert "line break" in unified_diff("a\nb", "a\nb\n", "x", "y")
    assert unified_diff("same\n", "same\n", "x", "y") == ""


def test_without_file_locks_the_pid_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network shares refuse locks (ENOLCK): the journal still works, on pids."""

    def no_locks(fd: int) -> bool:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(journal_module, "_try_lock", no_locks)
    folder = tmp_path / "j"
    alive = Journal(folder)  # this process: alive
    alive.write("a", "alive text", path=None, disk_sha256=None)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    dead = Journal(folder, run=f"{finished.stdout.strip()}-0000")
    dead.pid = int(finished.stdout)
    dead.write("d", "dead text", path=None, disk_sha256=None)
    reader = Journal(folder)
    assert [e.text for e in reader.orphans()] == ["dead text"]
