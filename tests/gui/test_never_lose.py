"""Never lose a word: the recovery journal through a kill -9, failed saves, and files changed
by another program while open. Every test causes the fault and checks what the writer sees or
gets: files' bytes, the buffer, the journal's entries, the dialogs' lists."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from editor.core.journal import Journal, journal_dir
from tests.gui.conftest import delete_now

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
POST = "---\ntitle: Harbour notes\n---\n\nThe first paragraph.\n\nSecond paragraph.\n"


def open_post(window: Any, tmp_path: Path, text: str = POST, name: str = "harbour.md") -> Path:
    folder = tmp_path / "posts"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    assert window.open_path(path)
    return path


def type_at_end(qtbot: Any, window: Any, words: str) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, words)


def entry_text(window: Any) -> str | None:
    window.document.flush_journal()  # entries are written off the typing thread
    entry = window.document.journal.read(window.document.doc_id)
    return entry.text if entry is not None else None


def other_process_writes(path: Path, text: str) -> None:
    """Another program saves ``path`` the way editors do: a new file renamed over it."""
    code = (
        "import os, sys\n"
        "p = sys.argv[1]\n"
        "open(p + '.new', 'w', encoding='utf-8').write(sys.argv[2])\n"
        "os.replace(p + '.new', p)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), text], check=True, timeout=30)


@pytest.fixture
def fresh_windows(qtbot: Any) -> Iterator[list[Any]]:
    """Windows a test opens itself (or a restore opens); closed without questions and deleted
    at the end."""
    windows: list[Any] = []
    yield windows
    opened = {w for win in windows for w in [win, *win.manager.windows]}
    for win in opened:
        win.ask_unsaved_changes = lambda _name: "discard"
        win.close()
        delete_now(win)


# ---------------------------------------------------------------------- the journal


def test_a_typing_pause_writes_the_journal_and_a_clean_save_clears_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    assert entry_text(window) is None  # nothing unsaved yet
    type_at_end(qtbot, window, "A gull lands.")
    qtbot.waitUntil(lambda: entry_text(window) is not None, timeout=6000)  # the 2 s pause
    entry = window.document.journal.read(window.document.doc_id)
    assert entry is not None
    assert entry.text == POST + "A gull lands."
    assert entry.path == path
    assert entry.pid == os.getpid()
    assert window.document.journal.folder == journal_dir()
    assert window.document.save()
    assert entry_text(window) is None
    assert path.read_text() == POST + "A gull lands."


def test_losing_focus_writes_the_journal_at_once(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    type_at_end(qtbot, window, "written before the pause ends")
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=3000)
    assert entry_text(window) == POST + "written before the pause ends"


def test_untitled_posts_are_journaled_and_a_discarding_close_clears_them(
    qtbot: Any, fresh_windows: list[Any]
) -> None:
    from editor.core.settings import Settings
    from editor.gui.app import standalone_window

    win = standalone_window(Settings())
    fresh_windows.append(win)
    win.show()
    win.new_post()
    type_at_end(qtbot, win, "an idea")
    win.document.journal_now()
    assert win.document.flush_journal()
    entry = win.document.journal.read(win.document.doc_id)
    assert entry is not None
    assert entry.path is None
    assert entry.text.endswith("an idea")
    doc_id = win.document.doc_id
    win.ask_unsaved_changes = lambda _name: "discard"
    assert win.close()
    assert not win.document.journal.has_entry(doc_id)


def test_undoing_back_to_the_saved_text_clears_the_entry(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path)
    type_at_end(qtbot, window, "x")
    window.document.journal_now()
    assert window.document.flush_journal()
    assert entry_text(window) is not None
    window.editor.undo()
    assert not window.is_modified()
    window.document.journal_now()
    assert window.document.flush_journal()
    assert entry_text(window) is None


KILL_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from editor.gui.app import create_application
    app = create_application(["postwright-kill-test"])
    from PySide6.QtTest import QTest
    from editor.core.settings import Settings
    from editor.gui.app import standalone_window
    from editor.gui.mainwindow import MainWindow
    MainWindow.offer_recovery_on_open = False
    window = standalone_window(Settings())
    window.show()
    assert window.open_path(Path(sys.argv[1]))
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    QTest.keyClicks(window.editor, sys.argv[2])
    journal = window.document.journal
    deadline = time.time() + 30
    while not journal.has_entry(window.document.doc_id) and time.time() < deadline:
        app.processEvents()
        time.sleep(0.02)
    print("journaled", flush=True)
    while True:  # keep editing-state alive until the test kills us
        app.processEvents()
        time.sleep(0.02)
    """
)


def test_kill_9_mid_edit_then_the_next_start_offers_the_text_back(
    qtbot: Any, tmp_path: Path, fresh_windows: list[Any]
) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    path = folder / "harbour.md"
    path.write_text(POST, encoding="utf-8")
    typed = "Typed just before the crash: every word."
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path), typed],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "journaled"
        assert Journal().orphans() == []  # the app is alive: nothing to offer yet
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=15) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(15)
    assert path.read_text(encoding="utf-8") == POST  # the file was never touched

    # the next start: the journal offers the entry, text intact
    (entry,) = Journal().orphans()
    assert entry.text == POST + typed
    assert entry.path == path
    assert entry.intact

    # ... and a window opening offers it in the recovery dialog
    from editor.core.settings import Settings
    from editor.gui.app import standalone_window

    win = standalone_window(Settings())
    fresh_windows.append(win)
    win.show()
    qtbot.waitUntil(lambda: win.recovery_dialog is not None, timeout=5000)
    dialog = win.recovery_dialog
    assert [line.split("\n")[0] for line in dialog.listed_titles()] == ["harbour.md"]
    assert f"+{typed}" in dialog.preview_text()
    assert "Unsaved edits to" in dialog.status.text()
    assert dialog.restore_selected()
    assert win.editor_text() == POST + typed
    assert win.is_modified()
    assert win.isWindowModified()
    assert win.document.session.path == path
    assert dialog.resolutions == {entry.id: "restore"}
    # the text now lives in this window's own entry; the orphan is gone
    assert Journal().orphans() == []
    assert entry_text(win) == POST + typed
    assert win.document.save()
    assert path.read_text(encoding="utf-8") == POST + typed
    assert entry_text(win) is None


def _leave_entries(texts: list[tuple[str, Path | None]]) -> list[str]:
    """Entries of a run that ended without clearing them (as after a crash)."""
    old = Journal()
    ids = []
    for number, (text, path) in enumerate(texts):
        doc = f"doc{number}{os.urandom(4).hex()}"
        old.write(doc, text, path=path, disk_sha256=None, name="Untitled")
        ids.append(doc)
    old.close()
    return ids


def test_recovery_dialog_later_keeps_and_discard_asks_then_deletes(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    ids = _leave_entries([("first draft\n", None), ("second draft\n", tmp_path / "gone.md")])
    assert window.offer_recovery()
    dialog = window.recovery_dialog
    assert [line.split("\n")[0] for line in dialog.listed_titles()] == ["Untitled", "gone.md"]
    dialog.select(1)
    assert "no longer exists" in dialog.status.text()
    asked: list[str] = []

    def refuse(entry: Any) -> bool:
        asked.append(entry.title)
        return False

    dialog.ask_discard = refuse
    assert not dialog.discard_selected()  # the writer said no: nothing deleted
    assert asked == ["gone.md"]
    assert len(Journal().orphans()) == 2
    dialog.ask_discard = lambda entry: True
    assert dialog.discard_selected()
    assert [e.text for e in Journal().orphans()] == ["first draft\n"]
    dialog.later_selected()
    assert dialog.resolutions == {ids[1]: "discard", ids[0]: "later"}
    assert not dialog.isVisible()
    assert [e.text for e in Journal().orphans()] == ["first draft\n"]  # Later kept it
    # offered once per run; the menu lists it again
    assert not window.offer_recovery()
    window.commands["recover"].trigger()
    assert window.recovery_dialog is not dialog
    assert [e.text for e in window.recovery_dialog.listed()] == ["first draft\n"]
    window.recovery_dialog.reject()  # closing decides Later for all
    assert [e.text for e in Journal().orphans()] == ["first draft\n"]


def test_restoring_over_a_file_changed_since_asks_before_overwriting(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = tmp_path / "post.md"
    path.write_text("theirs, saved later\n")
    old = Journal()
    old.write("x1" + os.urandom(4).hex(), "mine\n", path=path, disk_sha256="0" * 64)
    old.close()
    assert window.offer_recovery()
    dialog = window.recovery_dialog
    assert "changed on disk after these edits began" in dialog.status.text()
    assert dialog.restore_selected()
    assert window.editor_text() == "mine\n"
    asked: list[str] = []
    window.ask_changed_on_disk = lambda name: asked.append(name) or "cancel"
    assert not window.document.save()
    assert asked == ["post.md"]
    assert path.read_text() == "theirs, saved later\n"


# ---------------------------------------------------------------------- failed saves


def _fail_in(folder: Path, patch: pytest.MonkeyPatch, how: str) -> None:
    """Make writes into ``folder`` fail the way a full disk does (other folders still work)."""
    if how == "replace":
        real_replace = os.replace

        def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            if Path(dst).parent == folder:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_replace(src, dst, *args, **kwargs)

        patch.setattr(os, "replace", replace)
    else:  # the data reaches the disk only halfway
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            target = Path(f"/proc/self/fd/{fd}").readlink()
            if target.parent == folder:
                os.ftruncate(fd, os.fstat(fd).st_size // 2)
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(fd)

        patch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("how", ["replace", "halfway"])
def test_a_full_disk_keeps_the_file_the_buffer_and_the_journal(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "halfway" and not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell which file a descriptor writes")
    path = open_post(window, tmp_path)
    original = path.read_bytes()
    type_at_end(qtbot, window, "Words that must survive.")
    window.document.journal_now()
    assert window.document.flush_journal()
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(f"{title}: {message}")
    with monkeypatch.context() as patch:
        _fail_in(path.parent, patch, how)
        assert not window.document.save()
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["harbour.md"]  # no temp file left
    assert window.editor_text() == POST + "Words that must survive."
    assert window.is_modified()
    assert entry_text(window) == POST + "Words that must survive."
    (message,) = errors
    assert "No space left on device" in message
    assert "the file on disk is unchanged" in message
    assert "recovery copy is kept" in message
    assert window.document.save()  # the disk has room again
    assert path.read_text() == POST + "Words that must survive."
    assert entry_text(window) is None


def test_a_read_only_file_leads_to_save_as(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = open_post(window, tmp_path)
    original = path.read_bytes()
    type_at_end(qtbot, window, "Kept words.")
    real_mkstemp = tempfile.mkstemp

    def read_only(*args: Any, **kwargs: Any) -> Any:
        if Path(kwargs.get("dir", "")) == path.parent:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(message)
    elsewhere = tmp_path / "elsewhere.md"
    suggested: list[Path] = []
    window.ask_save_path = lambda suggestion: suggested.append(suggestion) or elsewhere
    assert window.document.save()
    assert "read-only" in errors[0]
    assert "Choose another place" in errors[0]
    assert suggested == [path.parent / "harbour-notes.md"]
    assert path.read_bytes() == original
    assert elsewhere.read_text() == POST + "Kept words."
    assert window.document.session.path == elsewhere
    assert not window.is_modified()
    assert entry_text(window) is None


def test_a_0444_post_is_not_replaced_by_ctrl_s_even_as_root(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    original = path.read_bytes()
    path.chmod(0o444)
    type_at_end(qtbot, window, "Kept words.")
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(message)
    offered: list[Path] = []
    window.ask_save_path = offered.append  # records the suggestion, then cancels (None)
    window.commands["save"].trigger()
    assert "read-only" in errors[0]
    assert offered == [path.parent / "harbour-notes.md"]  # Save As was offered
    assert path.read_bytes() == original
    assert oct(path.stat().st_mode & 0o777) == "0o444"
    assert window.editor_text() == POST + "Kept words."
    assert window.is_modified()
    assert entry_text(window) == POST + "Kept words."


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_really_read_only_folder_leads_to_save_as(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:  # pragma: no cover - CI runs as root
    path = open_post(window, tmp_path)
    type_at_end(qtbot, window, "x")
    path.parent.chmod(0o555)
    try:
        window.show_error = lambda title, message: None
        window.ask_save_path = lambda suggestion: None  # the writer cancels Save As
        assert not window.document.save()
        assert window.is_modified()
        assert entry_text(window) is not None
    finally:
        path.parent.chmod(0o755)


# ---------------------------------------------------------------------- changes on disk


def _lines(count: int) -> str:
    return "".join(f"Line {number} of the long post.\n" for number in range(1, count + 1))


def test_an_unedited_post_reloads_keeping_cursor_and_scroll(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    text = _lines(300)
    path = open_post(window, tmp_path, text, "long.md")
    window.editor.go_to_line(120)
    qtbot.wait(50)
    scroll = window.editor.verticalScrollBar().value()
    assert scroll > 0
    theirs = text.replace("Line 250 of", "Line 250, rewritten by another program, of")
    other_process_writes(path, theirs)
    qtbot.waitUntil(lambda: window.editor_text() == theirs, timeout=5000)
    assert not window.is_modified()
    assert window.editor.cursor_line() == 120
    assert window.editor.verticalScrollBar().value() == scroll
    assert not window.disk_bar.isVisible()
    # the watch survives the atomic replace: a second change is seen too
    again = theirs.replace("Line 260 of", "Line 260 (again) of")
    other_process_writes(path, again)
    qtbot.waitUntil(lambda: window.editor_text() == again, timeout=5000)


def test_a_reload_takes_exactly_their_text_no_break_spaces_included(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path, "Prix\xa0: 5\xa0€\nfin\n", "nbsp.md")
    theirs = "Prix : 5\xa0€\nfin\n"  # another program turned one NBSP into a space
    other_process_writes(path, theirs)
    qtbot.waitUntil(lambda: window.editor_text() == theirs, timeout=5000)
    assert not window.is_modified()
    assert window.document.save()
    assert path.read_text(encoding="utf-8") == theirs


def test_an_edited_post_changed_on_disk_is_never_silently_overwritten(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    type_at_end(qtbot, window, "My new ending.")
    theirs = POST.replace("Second paragraph.", "Their second paragraph.")
    other_process_writes(path, theirs)
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=5000)
    assert window.disk_bar.visible_actions() == ["reload", "keep", "compare"]
    assert "changed on disk by another program" in window.disk_bar.label.text()
    assert window.editor_text() == POST + "My new ending."
    assert path.read_text() == theirs
    assert entry_text(window) == POST + "My new ending."  # journaled while undecided
    # saving still asks first
    asked: list[str] = []
    window.ask_changed_on_disk = lambda name: asked.append(name) or "cancel"
    assert not window.document.save()
    assert asked == ["harbour.md"]
    assert path.read_text() == theirs
    # Compare shows both sides
    window.disk_bar.buttons["compare"].click()
    dialog = window.compare_dialog
    assert dialog is not None
    diff = dialog.diff_text()
    assert "-Their second paragraph." in diff
    assert "+Second paragraph." in diff
    assert "+My new ending." in diff
    # Keep Mine: the next save replaces theirs without asking again
    dialog.keep_button.click()
    assert not window.disk_bar.isVisible()
    assert window.document.save()
    assert asked == ["harbour.md"]
    assert path.read_text() == POST + "My new ending."


def test_reload_theirs_can_be_undone(qtbot: Any, window: Any, tmp_path: Path) -> None:
    path = open_post(window, tmp_path)
    type_at_end(qtbot, window, "Mine.")
    theirs = POST + "Theirs.\n"
    other_process_writes(path, theirs)
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=5000)
    window.disk_bar.buttons["reload"].click()
    assert window.editor_text() == theirs
    assert not window.is_modified()
    assert not window.disk_bar.isVisible()
    window.editor.undo()
    assert window.editor_text() == POST + "Mine."  # Undo brings the writer's words back
    assert window.is_modified()


def test_a_deleted_post_keeps_the_buffer_and_offers_save_as(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    path.rename(tmp_path / "moved-away.md")
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=5000)
    assert window.disk_bar.visible_actions() == ["save_as", "save_here", "dismiss"]
    assert "deleted, renamed or moved" in window.disk_bar.label.text()
    assert window.is_modified()
    assert window.isWindowModified()
    assert window.editor_text() == POST
    assert entry_text(window) == POST
    target = tmp_path / "saved-again.md"
    window.ask_save_path = lambda suggestion: target
    window.disk_bar.buttons["save_as"].click()
    assert target.read_text() == POST
    assert not window.disk_bar.isVisible()
    assert not window.is_modified()
    assert entry_text(window) is None


def test_save_here_puts_a_deleted_post_back(qtbot: Any, window: Any, tmp_path: Path) -> None:
    path = open_post(window, tmp_path)
    path.unlink()
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=5000)
    window.disk_bar.buttons["save_here"].click()
    assert path.read_text() == POST
    assert not window.is_modified()


def test_a_post_replaced_by_a_binary_file_keeps_the_text(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    tmp = path.with_suffix(".new")
    tmp.write_bytes(b"\x00\x01 not text any more")
    tmp.replace(path)
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=5000)
    assert window.disk_bar.visible_actions() == ["keep", "save_as"]
    assert "cannot be read any more" in window.disk_bar.label.text()
    assert window.editor_text() == POST
    assert window.is_modified()
    assert entry_text(window) == POST
    window.document.check_disk()  # looking again (focus back) changes nothing
    assert window.disk_bar.visible_actions() == ["keep", "save_as"]
    window.disk_bar.buttons["keep"].click()
    assert window.document.save()
    assert path.read_text() == POST


# ---------------------------------------------------------------------- killed while typing

TYPING_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from editor.gui.app import create_application
    app = create_application(["postwright-typing-test"])
    from PySide6.QtTest import QTest
    from editor.core.settings import Settings
    from editor.gui.app import standalone_window
    from editor.gui.mainwindow import MainWindow
    MainWindow.offer_recovery_on_open = False
    window = standalone_window(Settings())
    assert window.open_path(Path(sys.argv[1]))
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    keys, gap = int(sys.argv[2]), float(sys.argv[3])
    for n in range(keys):
        QTest.keyClicks(window.editor, "abcdefghij"[n % 10])
        print(f"typed {n + 1}", flush=True)
        end = time.monotonic() + gap
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)
    print("done", flush=True)
    while True:  # the writer stops typing; the test kills us
        app.processEvents()
        time.sleep(0.005)
    """
)


def _recovered_after_kill(
    tmp_path: Path, keys: int, gap: float, kill: str, wait: float
) -> tuple[int, int]:
    """(characters typed, characters the next start offers back) when the window is killed
    ``wait`` s after the line ``kill`` (``done``: the last key; ``typed N``: mid-typing)."""
    folder = tmp_path / "posts"
    folder.mkdir(exist_ok=True)
    path = folder / "harbour.md"
    path.write_text(POST, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", TYPING_SCRIPT, str(path), str(keys), str(gap)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    typed = 0
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("typed "):
                typed = int(line.split()[1])
            if line.strip() == kill:
                break
        time.sleep(wait)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(15)
    assert path.read_text(encoding="utf-8") == POST  # the file itself was never touched
    orphans = Journal().orphans()
    if not orphans:
        return typed, 0
    (entry,) = orphans
    assert entry.text.startswith(POST)
    for stale in orphans:
        Journal().discard(stale)
    return typed, len(entry.text) - len(POST)


@pytest.mark.slow
@pytest.mark.parametrize("wait", [0.3, 0.7, 1.2, 2.0])
def test_killed_after_the_last_key_every_word_comes_back(tmp_path: Path, wait: float) -> None:
    typed, back = _recovered_after_kill(tmp_path, keys=12, gap=0.01, kill="done", wait=wait)
    assert (typed, back) == (12, 12), f"killed {wait} s after the last key: {back} of {typed} back"


@pytest.mark.slow
def test_killed_during_continuous_typing_at_most_a_second_is_lost(tmp_path: Path) -> None:
    # ten keys a second for four seconds, never a pause; killed while the keys keep coming
    typed, back = _recovered_after_kill(tmp_path, keys=200, gap=0.1, kill="typed 40", wait=0.0)
    assert typed >= 40
    assert back >= typed - 12, f"{back} of {typed} characters came back"
