"""The rough edges a new writer hit first, each through the real window: Preferences' key, the
find bar, dark check boxes, the sample post, where file dialogs start, the index card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QStyleOptionButton

from editor.gui.carddialog import CardDialog
from editor.gui.exportdialog import ExportDialog
from editor.gui.settingsdialog import SettingsDialog
from editor.resources import sample_post

CTRL = Qt.KeyboardModifier.ControlModifier


def open_post(window: Any, folder: Path, text: str, name: str = "post.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    assert window.open_path(path)
    return path


# --------------------------------------------------------------------------- preferences


def test_ctrl_comma_opens_the_preferences_and_the_menu_shows_it(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[SettingsDialog] = []

    def exec_dialog(dialog: SettingsDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", exec_dialog)
    qtbot.keyClick(window.editor, Qt.Key.Key_Comma, CTRL)
    assert len(opened) == 1
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    preferences = next(a for a in edit_menu.actions() if a.text() == "&Preferences...")
    assert preferences.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+,"


def test_the_preferences_set_spelling_and_typewriter_scrolling(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exec_dialog(dialog: SettingsDialog) -> int:
        dialog.spell_check.setChecked(False)
        dialog.languages.setText("en_GB, de_DE")
        dialog.typewriter.setChecked(True)
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_dialog)
    window.commands["settings"].trigger()
    assert window.settings.spell_check is False
    assert window.settings.spelling_languages == "en_GB, de_DE"
    assert window.editor.typewriter()
    assert not window.commands["spelling"].isChecked()
    assert window.commands["typewriter"].isChecked()


# --------------------------------------------------------------------------- find


def test_the_find_field_is_as_wide_as_the_replace_field_and_every_match_shows(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    window.resize(1280, 800)
    open_post(window, tmp_path, "A gull, a Gull and a gull.\n\nNo more.\n")
    window.commands["replace"].trigger()
    bar = window.find_bar
    bar.find_edit.setFocus()
    qtbot.keyClicks(bar.find_edit, "gull")
    qtbot.wait(20)
    assert bar.find_edit.width() >= 200
    assert abs(bar.find_edit.width() - bar.replace_edit.width()) <= 2
    assert bar.highlighted() == [(2, 6), (10, 14), (21, 25)]
    assert bar.status.text() == "3 found"
    window.go_to(3, 1)
    qtbot.keyClicks(window.editor, "gull ")
    qtbot.waitUntil(lambda: len(bar.highlighted()) == 4, timeout=3000)
    bar.case.setChecked(True)
    assert len(bar.highlighted()) == 3
    bar.close_bar()
    assert window.editor.extraSelections() == []


# --------------------------------------------------------------------------- dark theme


def _luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_check_box_outlines_show_in_dark_mode(window: Any) -> None:
    window.settings.theme = "dark"
    window.apply_settings()
    QApplication.processEvents()  # the new palette reaches the widgets
    try:
        window.panes.set_shown("form", True)
        box = window.form.draft_check
        option = QStyleOptionButton()
        box.initStyleOption(option)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        scale = image.width() / box.width()
        outline = image.pixelColor(round(rect.left() * scale), round(rect.center().y() * scale))
        around = window.form.palette().color(window.form.backgroundRole())
        inside = image.pixelColor(
            round(rect.center().x() * scale), round(rect.center().y() * scale)
        )
        assert contrast(outline, around) >= 3, (outline.name(), around.name())
        assert contrast(outline, inside) >= 3, (outline.name(), inside.name())
    finally:
        window.settings.theme = "system"
        window.apply_settings()


# --------------------------------------------------------------------------- the sample post


def test_without_a_file_the_sample_opens_as_the_writers_own_copy(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.gui.app import open_start, plan_start

    monkeypatch.setenv("HOME", str(tmp_path))
    installed = sample_post().read_bytes()
    open_start(window.manager, window, plan_start([], window.manager.settings))
    copy = tmp_path / "Documents" / "Postwright" / sample_post().name
    assert window.document.path == copy
    assert copy.read_bytes() == installed
    window.go_to(1, 1)
    qtbot.keyClicks(window.editor, "x")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL)
    assert copy.read_bytes() == b"x" + installed
    assert sample_post().read_bytes() == installed  # the package is never written
    open_start(
        window.manager, window, plan_start([], window.manager.settings)
    )  # the next start opens the writer's copy as it is
    assert window.editor_text().startswith("x")


def test_without_a_writable_documents_folder_an_untitled_post_opens(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.gui.app import open_start, plan_start

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").write_text("not a folder", encoding="utf-8")
    open_start(window.manager, window, plan_start([], window.manager.settings))
    assert window.document.path is None
    assert window.editor_text()  # the new post's template


# --------------------------------------------------------------------------- file dialogs


def test_the_open_dialog_starts_in_the_posts_folder_else_the_last_posts(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts: list[str] = []

    def ask(_parent: Any, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        starts.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", ask)
    post = open_post(window, tmp_path / "blog" / "2024", "# Fog\n")
    window.commands["open"].trigger()
    window.new_post()  # untitled: the folder of the post opened last
    window.commands["open"].trigger()
    assert starts == [str(post.parent), str(post.parent)]
    assert str(Path.home()) not in starts


def test_the_export_dialog_browses_from_the_last_site(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    window.settings.site_folder = str(site)
    open_post(window, tmp_path / "drafts", "# Fog\n")
    starts: list[str] = []

    def choose(_parent: Any, _title: str, folder: str) -> str:
        starts.append(folder)
        return ""

    def exec_dialog(dialog: ExportDialog) -> int:
        dialog._browse()
        return 0

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    monkeypatch.setattr(ExportDialog, "exec", exec_dialog)
    window.commands["export"].trigger()
    assert starts == [str(site)]


def test_choosing_a_site_starts_in_the_posts_folder(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda _p, _t, folder: starts.append(folder) or ""
    )
    post = open_post(window, tmp_path / "drafts", "# Fog\n")
    window.choose_site_folder()
    assert starts == [str(post.parent)]


# --------------------------------------------------------------------------- the index card

CARD_POST = """---
title: Fog over the harbour
date: 2024-11-02
description: What the keeper saw when the fog came in.
image: images/cover.png
tags: [fog, harbour]
---

The fog came in at noon.

<!-- more -->

The rest of the day.
"""


def wait_rendered(qtbot: Any, window: Any, path: Path) -> None:
    def done() -> bool:
        result = window.renders.last_result
        return result is not None and result.path == path

    qtbot.waitUntil(done, timeout=10_000)


def show_card(window: Any, monkeypatch: pytest.MonkeyPatch) -> CardDialog:
    shown: list[CardDialog] = []

    def exec_dialog(dialog: CardDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(CardDialog, "exec", exec_dialog)
    window.commands["card"].trigger()
    assert len(shown) == 1
    return shown[0]


def test_the_index_card_shows_cover_description_and_room(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "blog"
    (folder / "images").mkdir(parents=True)
    cover = QImage(40, 20, QImage.Format.Format_RGB32)
    cover.fill(QColor("teal"))
    assert cover.save(str(folder / "images" / "cover.png"))
    path = open_post(window, folder, CARD_POST)
    wait_rendered(qtbot, window, path)
    card = show_card(window, monkeypatch)
    text = card.browser.toPlainText()
    assert "Fog over the harbour" in text
    assert "What the keeper saw when the fog came in." in text
    assert "The fog came in at noon." in text
    assert "The rest of the day." not in text
    images = [
        fragment.charFormat().toImageFormat().name()
        for block in _blocks(card.browser.document())
        for fragment in _fragments(block)
        if fragment.charFormat().isImageFormat()
    ]
    assert images == [QUrl.fromLocalFile(str(folder / "images" / "cover.png")).toString()]
    loaded = card.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(images[0]))
    shown = QImage.fromData(loaded) if isinstance(loaded, QByteArray) else loaded
    assert isinstance(shown, QImage)
    assert shown.size().width() == 40
    assert card.width() >= 600


def test_a_remote_cover_is_named_not_loaded(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = CARD_POST.replace("images/cover.png", "https://cdn.example/cover.png")
    wait_rendered(qtbot, window, open_post(window, tmp_path, text))
    card = show_card(window, monkeypatch)
    assert "https://cdn.example/cover.png (a remote image, not loaded)" in (
        card.browser.toPlainText()
    )


def test_a_title_from_the_first_heading_shows_once_on_the_card(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "---\ndate: 2024-11-02\n---\n\n# The Keeper's Fog\n\nIt came at noon.\n"
    wait_rendered(qtbot, window, open_post(window, tmp_path, text))
    shown = show_card(window, monkeypatch).browser.toPlainText()
    assert shown.count("The Keeper's Fog") == 1
    assert "It came at noon." in shown


def test_the_card_ends_the_excerpt_where_the_marker_is_inside_a_block(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Hugo post's marker between the intro and a rule, in one block with both."""
    text = "---\ntitle: T\n---\n\nThe fog came in.\n<!--more-->\n---\n\nThe rest of the day.\n"
    wait_rendered(qtbot, window, open_post(window, tmp_path, text))
    shown = show_card(window, monkeypatch).browser.toPlainText()
    assert "The fog came in." in shown
    assert "The rest of the day." not in shown


def _blocks(document: QTextDocument) -> list[Any]:
    found = []
    block = document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def _fragments(block: Any) -> list[Any]:
    found = []
    iterator = block.begin()
    while not iterator.atEnd():
        found.append(iterator.fragment())
        iterator += 1
    return found
