"""Focus mode, full screen, typewriter scrolling, the panes of the View menu and the default
layout, in the real window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetricsF

from editor.gui.editorpane import READABLE_COLUMNS
from tests.gui.conftest import delete_now

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LONG = "".join(f"Line {n} of the keeper's log, written at the lamp.\n" for n in range(400))


def open_post(window: Any, tmp_path: Path, text: str = LONG) -> Path:
    path = tmp_path / "log.md"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(path)
    return path


@pytest.fixture
def fresh_layout() -> Iterator[None]:
    """No remembered layout before and after: the window starts as on a first run."""
    QSettings().remove("window")
    yield
    QSettings().remove("window")


def new_window(qtbot: Any) -> Any:
    from editor.core.settings import Settings
    from editor.gui.app import standalone_window

    window = standalone_window(Settings())
    qtbot.waitExposed(window)
    window.ask_unsaved_changes = lambda _name: "discard"
    return window


def close(window: Any) -> None:
    window.close()
    delete_now(window)


def test_focus_mode_shows_only_the_editor_centred_and_esc_brings_all_back(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path)
    window.panes.set_shown("form", True)
    window.panes.set_shown("outline", False)
    qtbot.keyClick(
        window.editor,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.focus.active
    for widget in (
        window.menuBar(), window.toolbar, window.statusBar(), window.preview,
        window.form_dock, window.outline_dock, window.findings_dock,
    ):  # fmt: skip
        assert not widget.isVisible()
    assert window.editor.isVisible()
    editor = window.editor
    margins = editor.viewportMargins()
    assert margins.left() > 50
    assert margins.left() == margins.right()
    column = QFontMetricsF(editor.font()).horizontalAdvance("n") * READABLE_COLUMNS
    assert column <= editor.viewport().width() <= column + 60  # the readable column
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not window.focus.active
    assert window.menuBar().isVisible()
    assert window.toolbar.isVisible()
    assert window.preview.isVisible()
    assert window.form_dock.isVisible()
    assert not window.outline_dock.isVisible()  # hidden before, hidden after
    assert editor.viewportMargins().left() == 0


def test_keys_work_in_focus_mode_with_the_menus_hidden(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, "lamp\n")
    window.focus.enter()
    window.go_to(1, 1)
    qtbot.keyClick(window.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.editor_text() == "**lamp**\n"
    qtbot.keyClick(
        window.editor,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not window.focus.active
    assert window.menuBar().isVisible()


def test_f11_fills_the_screen_and_back(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
    assert window.commands["full_screen"].isChecked()
    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
    assert not window.commands["full_screen"].isChecked()


def test_typewriter_scrolling_keeps_the_line_being_written_mid_screen(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path)
    editor = window.editor
    window.commands["typewriter"].trigger()
    assert window.settings.typewriter_scrolling
    middle = editor.viewport().height() / 2
    line = QFontMetricsF(editor.font()).lineSpacing()
    for target in (150, 398):  # the middle of the post, and its last lines
        window.go_to(target, 1)
        qtbot.keyClicks(editor, "x")
        assert abs(editor.cursorRect().center().y() - middle) <= line
    window.commands["typewriter"].trigger()
    assert not editor.typewriter()


def test_view_menu_keys_show_and_hide_preview_outline_and_form(qtbot: Any, window: Any) -> None:
    alt = Qt.KeyboardModifier.AltModifier
    for key, name, widget in (
        (Qt.Key.Key_1, "show_outline", window.outline_dock),
        (Qt.Key.Key_2, "show_preview", window.preview),
        (Qt.Key.Key_3, "show_form", window.form_dock),
    ):
        before = widget.isVisible()
        qtbot.keyClick(window.editor, key, alt)
        assert widget.isVisible() is not before
        assert window.commands[name].isChecked() is not before
        qtbot.keyClick(window.editor, key, alt)
        assert widget.isVisible() is before
        assert window.commands[name].isChecked() is before


def test_closing_a_panel_unticks_it_in_the_view_menu(window: Any) -> None:
    window.panes.set_shown("form", True)
    assert window.commands["show_form"].isChecked()
    window.form_dock.close()  # its own close button
    assert not window.commands["show_form"].isChecked()


def test_the_first_layout_at_1280_by_800_leaves_editor_and_preview_readable(
    qtbot: Any, fresh_layout: None
) -> None:
    window = new_window(qtbot)
    try:
        window.resize(1280, 800)
        qtbot.wait(50)
        assert window.editor.width() >= 450
        assert window.preview.width() >= 450
        assert not window.outline_dock.isVisible()
        assert not window.findings_dock.isVisible()
        shown = [d for d in (window.form_dock, window.outline_dock) if d.isVisible()]
        assert len(shown) <= 1  # never four panes side by side
    finally:
        close(window)


def test_the_layout_is_remembered(qtbot: Any, fresh_layout: None) -> None:
    window = new_window(qtbot)
    window.panes.set_shown("outline", True)
    window.panes.set_shown("preview", False)
    close(window)
    again = new_window(qtbot)
    try:
        assert again.outline_dock.isVisible()
        assert not again.preview.isVisible()
        assert again.commands["show_outline"].isChecked()
        assert not again.commands["show_preview"].isChecked()
    finally:
        close(again)


def test_closing_in_focus_mode_remembers_the_panes_not_the_focus(
    qtbot: Any, fresh_layout: None
) -> None:
    window = new_window(qtbot)
    window.panes.set_shown("form", True)
    window.focus.enter()
    close(window)
    again = new_window(qtbot)
    try:
        assert again.menuBar().isVisible()
        assert again.preview.isVisible()
        assert again.form_dock.isVisible()
    finally:
        close(again)
