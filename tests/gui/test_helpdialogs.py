"""The toolbar's icons and tooltips, the Help menu, and the searchable list of every action."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from editor.gui.helpdialogs import plain_text
from editor.gui.icons import ICONS
from editor.gui.mainwindow import ACTIONS, MENUS, TOOLBAR
from editor.resources import resource_path

NATIVE = QKeySequence.SequenceFormat.NativeText


def test_every_toolbar_button_has_an_icon_and_a_tooltip_naming_its_key(window: Any) -> None:
    for name in (n for n in TOOLBAR if n != "-"):
        action = window.commands[name]
        assert not action.icon().isNull(), name
        key = action.shortcut().toString(NATIVE)
        if key:
            assert action.toolTip().endswith(f"({key})"), (name, action.toolTip())
        button = window.toolbar.widgetForAction(action)
        assert button is not None
        assert button.toolTip() == action.toolTip()
    assert window.commands["save"].toolTip() == "Save the post (Ctrl+S)"


def test_every_icon_is_rendered_for_both_themes() -> None:
    for name in ICONS:
        for theme in ("light", "dark"):
            assert resource_path("icons", "actions", theme, f"{name}.png").is_file(), name


def test_no_two_actions_share_a_key(window: Any) -> None:
    seen: dict[str, str] = {}
    for name, action in window.commands.items():
        for key in action.shortcuts():
            text = key.toString(NATIVE)
            assert text not in seen, f"{text}: {seen.get(text)} and {name}"
            seen[text] = name


def test_the_help_menu_offers_the_reference_and_the_shortcuts(window: Any) -> None:
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Help" and a.menu()
    )
    entries = [plain_text(a.text()) for a in help_menu.actions() if not a.isSeparator()]
    assert entries == ["Markdown Quick Reference", "Keyboard Shortcuts", "About Postwright"]


def test_the_markdown_reference_shows_what_to_type(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_F1)
    dialog = window.tools.reference_dialog
    assert dialog is not None
    assert dialog.isVisible()
    text = dialog.browser.toPlainText()
    for typed in ("# Heading", "**bold**", "[a link](https://example.org)", "<!-- more -->"):
        assert typed in text
    dialog.close()


def test_the_shortcuts_list_has_every_action_with_its_key_and_a_search(
    qtbot: Any, window: Any
) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tools.shortcuts_dialog
    assert dialog is not None
    assert dialog.isVisible()
    rows = dict(dialog.shown_rows())
    for spec in ACTIONS:
        name = plain_text(spec.text)
        assert name in rows, name
        assert rows[name] == ", ".join(
            key.toString(NATIVE) for key in window.commands[spec.name].shortcuts()
        )
    assert rows["Check Spelling"] == "F7"
    assert rows["Preferences"] == "Ctrl+,"
    qtbot.keyClicks(dialog.search, "check spel")
    assert dialog.shown_rows() == [("Check Spelling", "F7")]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "F11")
    assert dialog.shown_rows() == [("Full Screen", "F11")]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "table")
    shown = [row[0] for row in dialog.shown_rows()]
    assert "Format Table" in shown
    assert "Next or previous table cell" in shown  # the editor's own keys are listed too
    dialog.close()


def test_menus_hold_every_action_of_the_table() -> None:
    listed = {name for _title, names in MENUS for name in names}
    assert {spec.name for spec in ACTIONS} <= listed
