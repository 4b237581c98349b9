"""Hostile files in the window: a clear message, or a working (if lighter) editor; never a
crash or a frozen window."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextOption

from editor.app.textmode import LARGE_POST_CHARS, LONG_LINE_CHARS
from editor.core.render import RenderOptions
from editor.core.session import as_editor_text
from editor.gui.renderservice import RenderService, is_notice

pytestmark = pytest.mark.gui


def dom_text(qtbot: Any, window: Any) -> str:
    box: dict[str, str] = {}
    window.preview.run_in_page("document.body.innerText", lambda value: box.update(text=value))
    qtbot.waitUntil(lambda: "text" in box, timeout=10000)
    return box["text"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def errors_of(window: Any) -> list[str]:
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(f"{title}: {message}")
    return errors


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("nul.md", b"# Title\n\ntext\x00more\n", "NUL bytes"),
        ("latin1.md", "# Café crème\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(
    qtbot: Any, window: Any, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    before = window.editor_text()
    errors = errors_of(window)
    assert not window.open_path(write(tmp_path, name, data))
    (message,) = errors
    assert message.startswith("Cannot open the post: ")
    assert words in message
    assert name in message
    assert window.editor_text() == before


def test_a_50_mb_file_is_refused_at_once(qtbot: Any, window: Any, tmp_path: Path) -> None:
    path = tmp_path / "dump.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    errors = errors_of(window)
    started = time.perf_counter()
    assert not window.open_path(path)
    assert time.perf_counter() - started < 1
    assert "50.0 MB" in errors[0]
    assert "up to 20.0 MB" in errors[0]


def _keystroke_seconds(qtbot: Any, window: Any, position: int) -> float:
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    window.editor.setTextCursor(cursor)
    started = time.perf_counter()
    qtbot.keyClicks(window.editor, "z")
    qtbot.wait(1)
    return time.perf_counter() - started


def test_a_1_mb_line_opens_light_and_stays_editable(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = write(tmp_path, "line.md", b"# Title\n\n" + b"x" * 1_000_000 + b"\n")
    started = time.perf_counter()
    assert window.open_path(path)
    assert time.perf_counter() - started < 5
    assert window.highlighter.document() is None  # colouring off
    assert window.editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert "1,000,000 characters" in window.statusBar().currentMessage()
    assert _keystroke_seconds(qtbot, window, 500_000) < 2
    assert window.document.save()
    assert path.read_bytes().count(b"z") == 1
    # an ordinary post afterwards gets colouring and word wrapping back
    normal = write(tmp_path, "normal.md", b"# Normal\n\ntext\n")
    assert window.open_path(normal)
    assert window.highlighter.document() is window.editor.document()
    assert window.editor.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_pasting_a_1_mb_word_switches_colouring_off_first(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    assert window.open_path(write(tmp_path, "p.md", b"# Title\n\nSome *text*.\n"))
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    started = time.perf_counter()
    window.editor.insertPlainText("y" * 1_000_000)  # what a paste does
    qtbot.wait(1)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{elapsed:.1f} s (word-wrapping it takes about 30 s)"
    assert window.highlighter.document() is None
    assert window.editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert window.editor_text().endswith("y" * 1_000_000)


def test_a_line_of_emphasis_marks_does_not_freeze_typing(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    """The highlighter's emphasis patterns cost seconds per keystroke on such a line."""
    line = "_a " * 30_000
    assert window.open_path(write(tmp_path, "marks.md", line.encode() + b"\n"))
    assert len(line) > LONG_LINE_CHARS
    assert window.highlighter.document() is None
    assert _keystroke_seconds(qtbot, window, 30_000) < 1


def test_a_huge_post_opens_without_colouring_or_live_preview(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    para = b"Some *words* and a [link](http://example.com) here.\n\n"
    data = para * (LARGE_POST_CHARS // len(para) + 1000)
    started = time.perf_counter()
    assert window.open_path(write(tmp_path, "huge.md", data))
    assert time.perf_counter() - started < 5
    assert window.highlighter.document() is None
    qtbot.waitUntil(lambda: "Live preview off" in dom_text(qtbot, window), timeout=15000)
    assert window.words_label.text() == "preview off"
    assert _keystroke_seconds(qtbot, window, len(data) // 2) < 1
    assert window.document.save()
    assert window.document.session.path.stat().st_size == len(data) + 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("list nested 1000 deep", "".join("  " * i + "- item\n" for i in range(1000))),
        ("quotes nested 1000 deep", "".join(">" * i + " x\n" for i in range(1, 1001))),
        ("20,000 open brackets", "[" * 20_000 + "\n"),
    ],
)
def test_deep_nesting_shows_a_notice_in_the_preview(
    qtbot: Any, window: Any, tmp_path: Path, name: str, text: str
) -> None:
    assert window.open_path(write(tmp_path, "deep.md", text.encode()))
    qtbot.waitUntil(lambda: "Preview off for this post" in dom_text(qtbot, window), timeout=15000)
    assert "untouched" in dom_text(qtbot, window)
    # the editor still works, and a sane edit brings the live preview back
    window.editor.selectAll()
    qtbot.keyClicks(window.editor, "# Back to normal")
    qtbot.waitUntil(lambda: "Back to normal" in dom_text(qtbot, window), timeout=15000)


def test_thousands_of_headings_fill_the_outline(qtbot: Any, window: Any, tmp_path: Path) -> None:
    text = "".join(f"## Heading {i}\n\ntext {i}\n\n" for i in range(5000))
    started = time.perf_counter()
    assert window.open_path(write(tmp_path, "headings.md", text.encode()))
    qtbot.waitUntil(lambda: window.outline.topLevelItemCount() == 5000, timeout=20000)
    assert time.perf_counter() - started < 15
    assert window.outline.topLevelItem(4999).text(0) == "Heading 4999"


def test_a_recursion_error_in_the_render_thread_becomes_a_notice(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the nesting check, Python-Markdown recurses past the limit in the worker."""
    import editor.core.render.renderer as renderer_module

    monkeypatch.setattr(renderer_module, "block_hazard", lambda text: None)
    service = RenderService()
    try:
        deep = "".join("    " * i + "- item\n" for i in range(330))
        with qtbot.waitSignal(service.rendered, timeout=60000) as blocker:
            service.request(deep, None, RenderOptions())
        result = blocker.args[0]
        assert is_notice(result)
        assert "cannot show this post" in result.blocks[0].html
        with qtbot.waitSignal(service.rendered, timeout=10000) as blocker:
            service.request("# Fine again\n", None, RenderOptions())
        assert not is_notice(blocker.args[0])
        assert "Fine again" in blocker.args[0].html
    finally:
        service.shutdown()


def test_closing_during_a_long_render_neither_waits_forever_nor_crashes(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render still running when its window closes keeps its thread until it ends (a QThread
    destroyed while it runs aborts the whole process)."""
    import gc

    import editor.gui.renderservice as service_module

    real = service_module.render_or_notice

    def slow(renderer: Any, text: str, path: Any, on_error: Any = None) -> Any:
        time.sleep(1.0)
        return real(renderer, text, path, on_error)

    monkeypatch.setattr(service_module, "render_or_notice", slow)
    monkeypatch.setattr(service_module, "SHUTDOWN_WAIT_MS", 50)
    threads = service_module.RenderThreads()
    service = RenderService(threads=threads)
    service.request("# Slow\n", None, RenderOptions())
    qtbot.wait(100)  # the worker is inside the render now
    started = time.perf_counter()
    service.shutdown()
    assert time.perf_counter() - started < 0.5
    assert len(threads) == 1  # kept alive, not destroyed under its own feet
    del service
    gc.collect()
    assert threads.wait(10_000)
    assert len(threads) == 0


_EDGE_CHARACTERS = "\r\n\u2028\u2029\xa0\x0c\x0b\x85\ufeff\ufffc\x00\t é😀\u0301\u202e"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file_text=st.lists(
        st.one_of(
            st.sampled_from([*_EDGE_CHARACTERS, "\r\n"]),
            st.characters(blacklist_categories=("Cs",)),
        ),
        max_size=60,
    ).map("".join)
)
def test_the_editor_gives_back_exactly_the_text_it_was_given(window: Any, file_text: str) -> None:
    """What the session hands the editor is what the editor hands back to a save: no
    no-break space turned into a space, no U+2028 turned into a line break."""
    shown = as_editor_text(file_text)
    window.set_editor_text(shown)
    assert window.editor_text() == shown


@pytest.mark.parametrize(
    "data",
    [
        "Prix\xa0: 5\xa0€\r\nligne\u2028suite\rvieux Mac\r\n\r\nfin".encode(),
        b"\xef\xbb\xbf\xef\xbb\xbf# Two byte order marks\n\nbody\r\r\n\xe2\x80\xa9x",
    ],
    ids=["nbsp-u2028-cr", "double-bom-u2029"],
)
def test_no_break_spaces_and_odd_line_breaks_survive_an_edit_and_save(
    qtbot: Any, window: Any, tmp_path: Path, data: bytes
) -> None:
    path = write(tmp_path, "nbsp.md", data)
    assert window.open_path(path)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "!")
    assert window.document.save()
    assert path.read_bytes() == data + b"!"
