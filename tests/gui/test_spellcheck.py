"""Spell checking in the real window: what is underlined, the context menu's corrections,
the personal word list, the post's language, and what happens without a dictionary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from editor.core.spelling import installed_languages, personal_words_path

pytestmark = pytest.mark.skipif(
    "en_US" not in installed_languages(), reason="the en_US dictionary is not installed"
)
WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline

POST = """---
title: A tset of the form
tgas: [wrng]
---

Teh harbor at dawn, `teh` in code, a [lnik](https://exmple.org/teh), <span class="teh">fine</span>.

```
teh wrod in a fence
```

    teh wrod indented

{{< figur src="teh.png" >}}
"""


def open_post(window: Any, tmp_path: Path, text: str = POST, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    window.settings.spelling_languages = "en_US"
    window.apply_writing_settings()
    assert window.open_path(path)
    window.highlighter.finish_respell()
    return path


def underlined(window: Any, line: int) -> list[str]:
    """The words of a line the writer sees with a wavy underline."""
    block = window.editor.document().findBlockByNumber(line)
    text = block.text()
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == WAVY
    ]


def all_underlined(window: Any) -> list[str]:
    count = window.editor.document().blockCount()
    return [word for line in range(count) for word in underlined(window, line)]


def point_of(window: Any, line: int, column: int) -> QPoint:
    """Where on the editor's viewport the character at ``line``:``column`` is."""
    block = window.editor.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column)
    return window.editor.cursorRect(cursor).center()


def menu_texts(menu: Any) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_unknown_words_are_underlined_never_in_code_urls_tags_keys_or_shortcodes(
    window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path)
    assert underlined(window, 1) == ["tset"]  # a title is prose
    assert underlined(window, 2) == []  # a key and a list of tags are not
    assert underlined(window, 5) == ["Teh", "lnik"]
    assert underlined(window, 8) == []  # fenced code
    assert underlined(window, 11) == []  # indented code
    assert underlined(window, 13) == []  # a shortcode
    assert all_underlined(window) == ["tset", "Teh", "lnik"]


def test_typing_checks_the_line_being_written(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, "# Notes\n\nThe sea.\n")
    window.go_to(3, 9)
    qtbot.keyClicks(window.editor, " Wrod")
    assert underlined(window, 2) == ["Wrod"]
    for _ in range(3):
        qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.editor, "ord")
    assert window.editor.document().findBlockByNumber(2).text() == "The sea. Word"
    assert underlined(window, 2) == []


def test_a_suggestion_from_the_menu_replaces_the_word_as_one_undo_step(
    window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, "The lamp is teh light.\n")
    menu = window.editor.context_menu(point_of(window, 0, 13))
    texts = menu_texts(menu)
    assert "the" in texts[:5]
    assert "Add “teh” to Dictionary" in texts
    assert "Ignore" in texts
    assert "Paste as Plain Text" in texts  # the standard entries follow
    next(a for a in menu.actions() if a.text() == "the").trigger()
    assert window.editor_text() == "The lamp is the light.\n"
    assert underlined(window, 0) == []
    window.editor.undo()
    assert window.editor_text() == "The lamp is teh light.\n"


def test_no_spelling_entries_on_a_word_spelled_right_or_in_code(
    window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, "The lamp `teh` is lit.\n")
    for column in (1, 11):
        texts = menu_texts(window.editor.context_menu(point_of(window, 0, column)))
        assert "Ignore" not in texts
        assert not any(text.startswith("Add ") for text in texts)


def test_add_to_dictionary_keeps_the_word_in_the_personal_list(window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path, "The Gullwing sails.\n\nA Gullwing again.\n")
    assert all_underlined(window) == ["Gullwing", "Gullwing"]
    menu = window.editor.context_menu(point_of(window, 0, 6))
    next(a for a in menu.actions() if a.text().startswith("Add “Gullwing”")).trigger()
    window.highlighter.finish_respell()
    assert all_underlined(window) == []
    assert "Gullwing" in personal_words_path().read_text(encoding="utf-8").split()


def test_ignore_accepts_the_word_in_this_window_without_writing_it_down(
    window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, "A Qwzx here and a Qwzx there.\n")
    menu = window.editor.context_menu(point_of(window, 0, 3))
    next(a for a in menu.actions() if a.text() == "Ignore").trigger()
    window.highlighter.finish_respell()
    assert all_underlined(window) == []
    words = personal_words_path()
    assert not words.exists() or "Qwzx" not in words.read_text(encoding="utf-8")


def test_the_posts_language_picks_the_dictionary(window: Any, tmp_path: Path) -> None:
    if "en_GB" not in installed_languages():
        pytest.skip("the en_GB dictionary is not installed")
    open_post(window, tmp_path, "---\ntitle: T\n---\n\nThe harbour.\n")
    assert underlined(window, 4) == ["harbour"]
    open_post(window, tmp_path, "---\ntitle: T\nlang: en-GB\n---\n\nThe harbour.\n", "uk.md")
    assert window.spelling.languages == ("en_GB",)
    assert underlined(window, 5) == []


def test_several_dictionaries_at_once(window: Any, tmp_path: Path) -> None:
    if "en_GB" not in installed_languages():
        pytest.skip("the en_GB dictionary is not installed")
    open_post(window, tmp_path, "The harbour and the harbor.\n")
    window.settings.spelling_languages = "en_US,en_GB"
    window.apply_writing_settings()
    window.highlighter.finish_respell()
    assert window.spelling.languages == ("en_US", "en_GB")
    assert underlined(window, 0) == []


def test_f7_switches_spelling_off_and_on_and_remembers(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path, "Teh lamp.\n")
    assert underlined(window, 0) == ["Teh"]
    qtbot.keyClick(window.editor, Qt.Key.Key_F7)
    window.highlighter.finish_respell()
    assert underlined(window, 0) == []
    assert window.settings.spell_check is False
    assert not window.commands["spelling"].isChecked()
    qtbot.keyClick(window.editor, Qt.Key.Key_F7)
    window.highlighter.finish_respell()
    assert underlined(window, 0) == ["Teh"]


def test_without_a_dictionary_the_window_says_what_to_install(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editor.gui.spellcheck as spellcheck

    open_post(window, tmp_path, "Teh lamp.\n")
    monkeypatch.setattr(spellcheck, "installed_languages", list)
    window.settings.spelling_languages = "en_GB"  # a change, so the feature looks again
    window.apply_writing_settings()
    window.highlighter.finish_respell()
    assert underlined(window, 0) == []
    assert window.statusBar().currentMessage() == (
        "Spelling: no spelling dictionary is installed: install libenchant-2-2 and "
        "hunspell-en-us (Debian, Ubuntu)"
    )


def test_a_long_post_is_checked_to_its_end_without_checking_it_all_at_once(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    lines = [f"Line {n} has teh word." for n in range(3000)]
    open_post(window, tmp_path, "\n".join(lines) + "\n")
    # finish_respell in open_post checked everything; open again to see what waits
    window.document.new_document()
    path = tmp_path / "long.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert window.open_path(path)
    assert underlined(window, 0) == ["teh"]  # the top, at once
    assert window.highlighter.respell_pending()  # the rest after the window shows
    changes: list[None] = []
    window.editor.textChanged.connect(lambda: changes.append(None))
    qtbot.waitUntil(lambda: not window.highlighter.respell_pending(), timeout=20_000)
    assert underlined(window, 2999) == ["teh"]
    assert changes == []  # checking spelling is no edit: nothing is rendered or journalled again
