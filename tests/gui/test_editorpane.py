"""The editor pane as a writer uses it: keys typed, commands run, images pasted and dropped."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QImage,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from editor.gui.editorpane import EditorPane, continuation
from editor.gui.highlighter import MarkdownHighlighter

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


@pytest.fixture
def pane(qtbot: QtBot) -> EditorPane:
    widget = EditorPane()
    MarkdownHighlighter(widget.document())  # owned by the document
    widget.resize(600, 400)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_text(qtbot: QtBot, pane: EditorPane, *parts: str) -> None:
    """Type text; "\n" in a part is the Return key."""
    for part in parts:
        for index, line in enumerate(part.split("\n")):
            if index:
                qtbot.keyClick(pane, Qt.Key.Key_Return)
            if line:
                qtbot.keyClicks(pane, line)


def select(pane: EditorPane, start: int, end: int) -> None:
    cursor = pane.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)


def caret_at(pane: EditorPane, position: int) -> None:
    cursor = pane.textCursor()
    cursor.setPosition(position)
    pane.setTextCursor(cursor)


# --------------------------------------------------------------------------- Enter


@pytest.mark.parametrize("bullet", ["-", "*", "+"])
def test_enter_continues_a_bullet_list(qtbot: QtBot, pane: EditorPane, bullet: str) -> None:
    type_text(qtbot, pane, f"{bullet} milk\neggs\nbread")
    assert pane.toPlainText() == f"{bullet} milk\n{bullet} eggs\n{bullet} bread"


def test_enter_increments_a_numbered_list(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "1. plan\nwrite\nedit")
    assert pane.toPlainText() == "1. plan\n2. write\n3. edit"


def test_enter_continues_task_items_unticked(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "- [x] draft\nproofread")
    assert pane.toPlainText() == "- [x] draft\n- [ ] proofread"


def test_enter_on_an_empty_item_ends_the_list(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "- one\n\nAfter the list.")
    assert pane.toPlainText() == "- one\nAfter the list."


def test_enter_continues_a_nested_item_at_its_depth(qtbot: QtBot, pane: EditorPane) -> None:
    pane.setPlainText("- top\n    - nested")
    pane.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, pane, "\nsibling")
    assert pane.toPlainText() == "- top\n    - nested\n    - sibling"


def test_enter_continues_a_quote_and_an_empty_quote_line_ends_it(
    qtbot: QtBot, pane: EditorPane
) -> None:
    type_text(qtbot, pane, "> To be\nor not\n\nHamlet")
    assert pane.toPlainText() == "> To be\n> or not\nHamlet"


def test_enter_in_the_middle_of_an_item_moves_the_rest_to_a_new_item(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("- salt pepper")
    caret_at(pane, len("- salt"))
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert pane.toPlainText() == "- salt\n- pepper"


def test_enter_inside_a_fence_keeps_indentation_but_adds_no_marker(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("```\n    - not a list\n```")
    caret_at(pane, len("```\n    - not a list"))
    type_text(qtbot, pane, "\nx")
    assert pane.toPlainText() == "```\n    - not a list\n    x\n```"


def test_shift_enter_is_a_plain_line_break(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "- one")
    qtbot.keyClick(pane, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(pane, "more")
    assert pane.toPlainText() == "- one\nmore"
    assert pane.document().blockCount() == 2  # a real line, not U+2028 inside one block


def test_undo_reverts_a_list_continuation_in_one_step(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "- one\n")
    assert pane.toPlainText() == "- one\n- "
    pane.undo()
    assert pane.toPlainText() == "- one"


def test_undo_reverts_ending_a_list_in_one_step(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "- one\n\n")
    assert pane.toPlainText() == "- one\n"
    pane.undo()
    assert pane.toPlainText() == "- one\n- "


@pytest.mark.parametrize(
    ("line", "prefix", "empty"),
    [
        ("- a", "- ", False),
        ("  * a", "  * ", False),
        ("9. a", "10. ", False),
        ("07) a", "08) ", False),
        ("- [ ] ", "- [ ] ", True),
        ("> > - a", "> > - ", False),
        (">quote", "> ", False),
        ("> ", "> ", True),
    ],
)
def test_continuation_of_a_line(line: str, prefix: str, empty: bool) -> None:
    result = continuation(line)
    assert result is not None
    assert (result.next_prefix, result.empty) == (prefix, empty)


@pytest.mark.parametrize("line", ["plain text", "2024.", "-not a list", "#tag"])
def test_lines_that_do_not_continue(line: str) -> None:
    assert continuation(line) is None


# --------------------------------------------------------------------------- Tab


def test_tab_and_shift_tab_indent_and_outdent_a_list_item(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "- a\n")
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    qtbot.keyClicks(pane, "b")
    assert pane.toPlainText() == "- a\n    - b"
    qtbot.keyClick(pane, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert pane.toPlainText() == "- a\n- b"
    qtbot.keyClicks(pane, "c")
    assert pane.toPlainText() == "- a\n- bc"  # the caret stayed where it was in the text


def test_tab_indents_every_selected_line_and_undo_reverts_it_at_once(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("- a\n- b\n- c\nafter")
    select(pane, 0, len("- a\n- b\n- c"))
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    assert pane.toPlainText() == "    - a\n    - b\n    - c\nafter"
    assert pane.textCursor().selectedText() == "    - a\u2029    - b\u2029    - c"
    qtbot.keyClick(pane, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert pane.toPlainText() == "- a\n- b\n- c\nafter"
    pane.undo()
    assert pane.toPlainText() == "    - a\n    - b\n    - c\nafter"


def test_tab_in_prose_inserts_spaces(qtbot: QtBot, pane: EditorPane) -> None:
    type_text(qtbot, pane, "ab")
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    qtbot.keyClicks(pane, "c")
    assert pane.toPlainText() == "ab  c"


def test_tab_in_a_quoted_list_indents_after_the_quote_marker(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("> - a\n> - b")
    pane.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    assert pane.toPlainText() == "> - a\n>     - b"


# --------------------------------------------------------------------------- commands


def test_bold_toggle_round_trip_on_a_selection(pane: EditorPane) -> None:
    pane.setPlainText("make it bold")
    select(pane, 8, 12)
    pane.toggle_bold()
    assert pane.toPlainText() == "make it **bold**"
    assert pane.textCursor().selectedText() == "bold"
    pane.toggle_bold()
    assert pane.toPlainText() == "make it bold"
    assert pane.textCursor().selectedText() == "bold"


def test_bold_toggle_on_a_selection_that_includes_the_markers(pane: EditorPane) -> None:
    pane.setPlainText("make it **bold**")
    select(pane, 8, 16)
    pane.toggle_bold()
    assert pane.toPlainText() == "make it bold"


def test_bold_toggle_without_selection_uses_the_word_at_the_cursor(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("a loud word")
    caret_at(pane, 4)
    pane.toggle_bold()
    assert pane.toPlainText() == "a **loud** word"
    qtbot.keyClicks(pane, "X")
    assert pane.toPlainText() == "a **loXud** word"  # the caret kept its place in the word


def test_bold_toggle_in_empty_space_gives_markers_to_type_between(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("a ")
    pane.moveCursor(QTextCursor.MoveOperation.End)
    pane.toggle_bold()
    qtbot.keyClicks(pane, "b")
    assert pane.toPlainText() == "a **b**"


def test_italic_toggle_does_not_eat_bold(pane: EditorPane) -> None:
    pane.setPlainText("**word**")
    caret_at(pane, 4)
    pane.toggle_italic()
    assert pane.toPlainText() == "***word***"
    pane.toggle_italic()
    assert pane.toPlainText() == "**word**"
    pane.toggle_bold()
    assert pane.toPlainText() == "word"


def test_toggles_are_one_undo_step(pane: EditorPane) -> None:
    pane.setPlainText("make it bold")
    select(pane, 8, 12)
    pane.toggle_bold()
    pane.undo()
    assert pane.toPlainText() == "make it bold"


def test_insert_link_wraps_the_selection_and_waits_for_the_url(
    qtbot: QtBot, pane: EditorPane
) -> None:
    pane.setPlainText("see Postwright here")
    select(pane, 4, 14)
    pane.insert_link()
    qtbot.keyClicks(pane, "https://example.org")
    assert pane.toPlainText() == "see [Postwright](https://example.org) here"
    pane.undo()
    pane.undo()
    assert pane.toPlainText() == "see Postwright here"


def test_insert_link_on_a_selected_url_asks_for_the_text(qtbot: QtBot, pane: EditorPane) -> None:
    pane.setPlainText("https://example.org")
    select(pane, 0, len("https://example.org"))
    pane.insert_link()
    qtbot.keyClicks(pane, "Example")
    assert pane.toPlainText() == "[Example](https://example.org)"


# --------------------------------------------------------------------------- view


def test_lines_go_to_and_scroll(pane: EditorPane) -> None:
    pane.setPlainText("\n".join(f"line {n} " + "word " * 30 for n in range(1000)))
    QApplication.processEvents()
    pane.go_to_line(500)
    assert pane.cursor_line() == 500
    assert pane.first_visible_line() < 500 < pane.first_visible_line() + 40
    pane.scroll_to_line(300)
    assert pane.first_visible_line() == 300
    assert pane.cursor_line() == 500  # scrolling leaves the cursor alone
    pane.go_to_line(5000)
    assert pane.cursor_line() == 999


def test_wrap_font_and_zoom(pane: EditorPane) -> None:
    assert pane.wraps()
    assert pane.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    pane.set_wrap(False)
    assert pane.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    font = QFont("Serif")
    font.setPointSize(14)
    pane.set_editor_font(font)
    assert pane.font().pointSizeF() == 14
    pane.zoom(3)
    assert pane.font().pointSizeF() == 17
    pane.zoom(-1)
    assert pane.font().pointSizeF() == 16
    pane.zoom(-100)
    assert pane.font().pointSizeF() == 6
    pane.reset_zoom()
    assert pane.font().pointSizeF() == 14
    assert pane.font().family() == pane.editor_font().family()


# --------------------------------------------------------------------------- images


def red_image() -> QImage:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    return image


def test_pasting_image_data_writes_a_png_beside_the_post_and_links_it(
    qtbot: QtBot, pane: EditorPane, tmp_path: Path
) -> None:
    pane.set_document_folder(tmp_path)
    pane.ask_alt_text = lambda suggestion: "A red square"
    pane.setPlainText("Look: ")
    pane.moveCursor(QTextCursor.MoveOperation.End)
    clipboard = QGuiApplication.clipboard()
    clipboard.setImage(red_image())
    pane.paste()
    saved = tmp_path / "images" / "a-red-square.png"
    # the link goes on a line of its own, not onto the end of the sentence
    assert pane.toPlainText() == "Look: \n\n![A red square](images/a-red-square.png)"
    loaded = QImage(str(saved))
    assert (loaded.width(), loaded.height()) == (4, 3)
    assert loaded.pixelColor(0, 0) == QColor("red")
    # the same image pasted again is linked, not copied again
    first_bytes = saved.read_bytes()
    pane.paste()
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == ["a-red-square.png"]
    assert pane.toPlainText().endswith(
        "a-red-square.png)\n\n![A red square](images/a-red-square.png)"
    )
    # another image under the same name never overwrites the first file
    blue = QImage(2, 2, QImage.Format.Format_RGB32)
    blue.fill(QColor("blue"))
    clipboard.setImage(blue)
    pane.paste()
    assert (tmp_path / "images" / "a-red-square-2.png").is_file()
    assert saved.read_bytes() == first_bytes
    assert pane.toPlainText().endswith("![A red square](images/a-red-square-2.png)")
    pane.undo()
    pane.undo()
    assert pane.toPlainText() == "Look: \n\n![A red square](images/a-red-square.png)"


def test_pasting_an_image_into_an_unsaved_post_says_so(
    qtbot: QtBot, pane: EditorPane, tmp_path: Path
) -> None:
    pane.ask_alt_text = lambda suggestion: "never asked"
    mime = QMimeData()
    mime.setImageData(red_image())
    with qtbot.waitSignal(pane.message) as blocker:
        pane.insertFromMimeData(mime)
    assert "Save the post first" in blocker.args[0]
    assert pane.toPlainText() == ""


def test_cancelling_the_alt_text_inserts_and_writes_nothing(
    pane: EditorPane, tmp_path: Path
) -> None:
    pane.set_document_folder(tmp_path)
    pane.ask_alt_text = lambda suggestion: None
    mime = QMimeData()
    mime.setImageData(red_image())
    pane.insertFromMimeData(mime)
    assert pane.toPlainText() == ""
    assert not (tmp_path / "images").exists()


def drop(pane: EditorPane, mime: QMimeData) -> None:
    """Drag onto the editor and drop, as the window system delivers it (a drop goes only to
    the widget that accepted the drag's enter event)."""
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pane.viewport(), enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pane.viewport(), event)


def test_dropping_an_image_file_copies_it_with_a_slugged_name(
    qtbot: QtBot, pane: EditorPane, tmp_path: Path
) -> None:
    post_folder = tmp_path / "post"
    post_folder.mkdir()
    source = tmp_path / "downloads" / "My Holiday Photo.PNG"
    source.parent.mkdir()
    assert red_image().save(str(source))  # the format from the suffix
    suggestions: list[str] = []

    def ask(suggestion: str) -> str:
        suggestions.append(suggestion)
        return "The beach"

    pane.ask_alt_text = ask
    pane.set_document_folder(post_folder)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    drop(pane, mime)
    qtbot.waitUntil(lambda: pane.toPlainText() != "", timeout=2000)
    assert pane.toPlainText() == "![The beach](images/my-holiday-photo.png)"
    assert (post_folder / "images" / "my-holiday-photo.png").read_bytes() == source.read_bytes()
    assert suggestions == ["My Holiday Photo"]


def test_dropping_a_markdown_file_asks_the_window_to_open_it(
    qtbot: QtBot, pane: EditorPane, tmp_path: Path
) -> None:
    post = tmp_path / "other-post.md"
    post.write_text("# Other\n", encoding="utf-8")
    pane.setPlainText("unchanged")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(post))])
    with qtbot.waitSignal(pane.file_dropped, timeout=1000) as blocker:
        drop(pane, mime)
    assert blocker.args == [post]
    assert pane.toPlainText() == "unchanged"


def test_text_drops_still_insert_text(qtbot: QtBot, pane: EditorPane) -> None:
    mime = QMimeData()
    mime.setText("dropped words")
    drop(pane, mime)
    assert pane.toPlainText() == "dropped words"


def test_pasting_nul_characters_leaves_them_out(qtbot: QtBot) -> None:
    pane = EditorPane()
    qtbot.addWidget(pane)
    messages: list[str] = []
    pane.message.connect(messages.append)
    mime = QMimeData()
    mime.setText("safe\0words")
    pane.insertFromMimeData(mime)
    assert pane.toPlainText() == "safewords"
    assert messages == ["Pasted text held NUL characters; they were left out"]
