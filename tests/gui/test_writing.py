"""Writing in the real window: table cells with the keyboard, Format Table, pasting from a web
page, plain-text paste, Insert Image, and a dropped image's link on a line of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

TABLE = "Intro.\n\n| Day | Wind |\n| --- | ---: |\n| Mon | 4 |\n| Tuesday | 6 |\n\nAfter.\n"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_post(window: Any, tmp_path: Path, text: str, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert window.open_path(path)
    return path


def selected(window: Any) -> str:
    return str(window.editor.textCursor().selectedText())


def line_of_cursor(window: Any) -> str:
    return str(window.editor.textCursor().block().text())


# --------------------------------------------------------------------------- tables


def test_tab_and_shift_tab_move_between_cells(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, TABLE)
    window.go_to(3, 3)  # in "Day"
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert selected(window) == "Wind"
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)  # past the header's end: the first body row
    assert selected(window) == "Mon"
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert selected(window) == "4"
    qtbot.keyClick(window.editor, Qt.Key.Key_Backtab, SHIFT)
    assert selected(window) == "Mon"
    qtbot.keyClick(window.editor, Qt.Key.Key_Backtab, SHIFT)  # back over the delimiter row
    assert selected(window) == "Wind"
    assert window.editor_text() == TABLE  # moving never changes the text


def test_tab_in_the_last_cell_adds_a_row(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, TABLE)
    window.go_to(6, 14)  # in "6"
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.editor, "Wed")
    assert "| Tuesday | 6 |\n| Wed |  |\n\nAfter." in window.editor_text()


def test_enter_at_a_rows_end_adds_a_row(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, TABLE)
    window.go_to(5, 12)  # the end of "| Mon | 4 |"
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "Sun")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.editor, "2")
    assert "| Mon | 4 |\n| Sun | 2 |\n| Tuesday | 6 |" in window.editor_text()
    window.go_to(5, 4)  # Enter inside a row is an ordinary line break
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert "| M\non | 4 |" in window.editor_text()


def test_tab_outside_a_table_still_indents(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, "- item\n\n```\n| a | b |\n| - | - |\n```\n")
    window.go_to(1, 3)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor_text().startswith("    - item\n")
    window.go_to(4, 3)  # a table inside a fence is code
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert not selected(window)


def test_format_table_aligns_the_pipes_as_one_undo_step(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, TABLE)
    window.go_to(6, 4)  # in "Tuesday"
    qtbot.keyClick(window.editor, Qt.Key.Key_T, CTRL | SHIFT)
    assert window.editor_text() == (
        "Intro.\n\n| Day     | Wind |\n| ------- | ---: |\n| Mon     |    4 |\n"
        "| Tuesday |    6 |\n\nAfter.\n"
    )
    assert line_of_cursor(window) == "| Tuesday |    6 |"  # the cursor stays in its row
    window.editor.undo()
    assert window.editor_text() == TABLE


def test_format_table_outside_a_table_says_so(window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, "No table here.\n")
    window.commands["table_format"].trigger()
    assert window.editor_text() == "No table here.\n"
    assert "table" in window.statusBar().currentMessage()


# --------------------------------------------------------------------------- paste


@pytest.fixture(autouse=True)
def _empty_clipboard() -> Iterator[None]:
    """Mime data made here and left on the clipboard is deleted twice when the tests end
    (by Qt and by Python), which crashes: empty the clipboard after each test."""
    yield
    QGuiApplication.clipboard().clear()


def put_on_clipboard(html: str, text: str) -> None:
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


WEB_PAGE = (
    "<meta charset='utf-8'><h2>Tides</h2><p>The <b>high</b> tide, see "
    "<a href='https://tides.example/'>the table</a>.</p><ul><li>dawn</li><li>dusk</li></ul>"
)


def test_pasting_from_a_web_page_gives_markdown(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, "Notes:\n\n")
    window.go_to(3, 1)
    put_on_clipboard(WEB_PAGE, "Tides\nThe high tide, see the table.\ndawn\ndusk")
    qtbot.keyClick(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor_text() == (
        "Notes:\n\n## Tides\n\nThe **high** tide, see [the table](https://tides.example/).\n\n"
        "- dawn\n- dusk"
    )
    window.editor.undo()
    assert window.editor_text() == "Notes:\n\n"


def test_ctrl_shift_v_pastes_plain_text(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, "Notes:\n\n")
    window.go_to(3, 1)
    put_on_clipboard(WEB_PAGE, "Tides\nThe high tide.")
    qtbot.keyClick(window.editor, Qt.Key.Key_V, CTRL | SHIFT)
    assert window.editor_text() == "Notes:\n\nTides\nThe high tide."


def test_pasting_into_a_code_block_keeps_the_plain_text(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, "```\n\n```\n")
    window.go_to(2, 1)
    put_on_clipboard("<p>snake_case <b>x</b></p>", "snake_case x")
    qtbot.keyClick(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor_text() == "```\nsnake_case x\n```\n"


# --------------------------------------------------------------------------- images


def red_png(path: Path) -> Path:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))
    return path


def test_insert_image_starts_in_the_posts_folder_and_links_on_its_own_line(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = open_post(window, tmp_path / "blog", "The harbour at dawn.\n")
    photo = red_png(tmp_path / "camera" / "Harbour Dawn.png")
    asked: list[str] = []

    def choose(_parent: Any, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return str(photo), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window.editor.ask_alt_text = lambda suggestion: f"{suggestion} in fog"
    window.go_to(1, 21)  # after "dawn."
    window.commands["image"].trigger()
    assert asked == [str(post.parent)]
    assert window.editor_text() == (
        "The harbour at dawn.\n\n![Harbour Dawn in fog](images/harbour-dawn.png)\n"
    )
    assert (post.parent / "images" / "harbour-dawn.png").read_bytes() == photo.read_bytes()


def test_insert_image_puts_it_where_the_posts_site_keeps_images(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Harbour"\n', encoding="utf-8")
    post = open_post(window, site / "content" / "posts", "Fog.\n", "fog.md")
    assert window.document.target.generator == "hugo"
    photo = red_png(tmp_path / "gull.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(photo), ""))
    window.editor.ask_alt_text = lambda _suggestion: "A gull"
    window.go_to(2, 1)
    window.commands["image"].trigger()
    place, link = window.document.target.image_place(post, "gull.png")
    assert place.read_bytes() == photo.read_bytes()
    assert f"![A gull]({link})" in window.editor_text()
    assert place.is_relative_to(site)


def test_insert_image_into_an_unsaved_post_says_to_save_first(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.new_post()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a: pytest.fail("no file dialog expected")
    )
    window.commands["image"].trigger()
    assert "Save the post first" in window.statusBar().currentMessage()


def drop(editor: Any, mime: QMimeData, at: QPoint) -> None:
    enter = QDragEnterEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(editor.viewport(), enter)
    event = QDropEvent(
        QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )  # fmt: skip
    QApplication.sendEvent(editor.viewport(), event)


def test_a_dropped_image_is_linked_on_a_line_of_its_own(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path / "blog", "Ready to dive in!\n")
    photo = red_png(tmp_path / "harbour.png")
    window.editor.ask_alt_text = lambda _suggestion: "Blue water"
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    at = window.editor.cursorRect(cursor).center() + QPoint(30, 0)  # past the sentence's end
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop(window.editor, mime, at)
    qtbot.waitUntil(lambda: "![" in window.editor_text(), timeout=3000)
    assert window.editor_text() == "Ready to dive in!\n\n![Blue water](images/harbour.png)\n"
