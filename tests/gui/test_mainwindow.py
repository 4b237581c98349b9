"""The window as a writer uses it: type, watch the preview, edit the form, save, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

POST = """---
title: Harbour notes
date: 2024-12-12
tags: [sea]
---

The first paragraph of the harbour notes.

Second paragraph.

```python
print("lamp")
```
"""


def dom_text(qtbot: Any, window: Any) -> str:
    """The preview's visible text, as the page shows it now."""
    box: dict[str, str] = {}
    window.preview.run_in_page("document.body.innerText", lambda value: box.update(text=value))
    qtbot.waitUntil(lambda: "text" in box, timeout=10000)
    return box["text"]


def wait_for_text(qtbot: Any, window: Any, needle: str) -> None:
    def shown() -> bool:
        return needle in dom_text(qtbot, window)

    qtbot.waitUntil(shown, timeout=15000)


def open_post(window: Any, tmp_path: Path, text: str = POST, name: str = "harbour.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert window.open_path(path)
    return path


def test_typing_shows_in_the_preview(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path)
    wait_for_text(qtbot, window, "The first paragraph of the harbour notes.")
    assert "Harbour notes" in dom_text(qtbot, window)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "A gull lands on the railing.")
    wait_for_text(qtbot, window, "A gull lands on the railing.")
    assert window.windowTitle() == "harbour.md[*] - Postwright"
    assert window.isWindowModified()


def test_form_title_edit_changes_only_the_title_line(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    before = path.read_bytes()
    title = window.form.title_edit
    qtbot.waitUntil(lambda: title.text() == "Harbour notes", timeout=5000)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Harbour notes, revised")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "title: Harbour notes, revised\n" in window.editor.toPlainText())
    assert window.document.save()
    after = path.read_bytes()
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [(b"title: Harbour notes", b"title: Harbour notes, revised")]
    window.editor.undo()
    assert window.editor.toPlainText() == POST


def test_marker_inserted_twice_is_one_marker_with_a_divider(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path)
    window.editor.go_to_line(6)
    window.commands["marker"].trigger()
    window.editor.go_to_line(9)
    window.commands["marker"].trigger()
    text = window.editor.toPlainText()
    assert text.count("<!-- more -->") == 1
    assert "Second paragraph.\n\n<!-- more -->\n\n```python" in text
    qtbot.waitUntil(lambda: "end of the excerpt" in dom_text(qtbot, window).lower(), timeout=15000)
    qtbot.waitUntil(lambda: "excerpt" in window.excerpt_label.text(), timeout=5000)
    assert window.excerpt_label.text().startswith("excerpt ")


def test_moving_the_marker_changes_only_its_lines_and_the_cursor_stays(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    text = (
        "---\ntitle: T\n---\n\nFirst paragraph, where I write.\n\nSecond.\n\nThird.\n\n"
        "<!-- more -->\n\nLast words without a final newline"
    )
    path = open_post(window, tmp_path, text, "moving.md")
    cursor = window.editor.textCursor()
    block = window.editor.document().findBlockByNumber(4)
    cursor.setPosition(block.position() + len("First paragraph, "))
    window.editor.setTextCursor(cursor)
    window.commands["marker"].trigger()
    moved = window.editor_text()
    assert moved == (
        "---\ntitle: T\n---\n\nFirst paragraph, where I write.\n\n<!-- more -->\n\n"
        "Second.\n\nThird.\n\nLast words without a final newline"
    )
    after = window.editor.textCursor()
    assert after.blockNumber() == 4
    assert after.positionInBlock() == len("First paragraph, ")
    qtbot.keyClicks(window.editor, "still ")
    assert "First paragraph, still where I write." in window.editor_text()
    window.editor.undo()
    window.editor.undo()
    assert window.editor_text() == text
    assert window.document.save()
    assert path.read_bytes() == text.encode()


def test_broken_front_matter_shows_a_banner_and_keeps_the_text(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    broken = "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n\nThe words stay.\n"
    path = open_post(window, tmp_path, broken, "broken.md")
    qtbot.waitUntil(window.form.banner.isVisible, timeout=5000)
    assert "line 3" in window.form.banner_label.text().lower()
    assert not window.form.title_edit.isEnabled() or window.form.title_edit.isReadOnly()
    assert window.editor.toPlainText() == broken
    qtbot.keyClicks(window.editor, "x")
    assert window.document.save()
    assert path.read_text() == "x" + broken


def test_close_with_unsaved_changes_asks(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path)
    qtbot.keyClicks(window.editor, "edit ")
    asked: list[str] = []

    def answer(name: str) -> str:
        asked.append(name)
        return "cancel"

    window.ask_unsaved_changes = answer
    assert not window.close()
    assert asked == ["harbour.md"]
    assert window.isVisible()


def test_save_refuses_to_overwrite_a_file_changed_on_disk(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = open_post(window, tmp_path)
    path.write_text("changed by another program\n")
    qtbot.keyClicks(window.editor, "mine ")
    window.ask_changed_on_disk = lambda _name: "cancel"
    assert not window.document.save()
    assert path.read_text() == "changed by another program\n"


def test_export_through_the_dialog_controller(qtbot: Any, window: Any, tmp_path: Path) -> None:
    from editor.gui.exportdialog import ExportDialog

    open_post(window, tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "mkdocs.yml").write_text("site_name: Test\nplugins:\n  - blog\n")
    dialog = ExportDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.set_folder(site)
    assert dialog.controller.site is not None
    assert dialog.controller.site.generator == "mkdocs"
    assert dialog.table.rowCount() >= 1
    assert dialog.export_button.isEnabled()
    result = dialog.export()
    assert result is not None
    assert result.ok
    written = [f.path for f in result.written]
    assert written
    assert all(path.exists() for path in written)
    assert "Harbour notes" in written[0].read_text()
    assert dialog.open_button.isEnabled()
    assert window.settings.site_folder == str(site)
    # the post lives in no site: the site it was exported to is now the one chosen for it
    window.document.resolve_target()
    assert window.document.target.kind == "chosen"
    assert window.target_button.text() == "MkDocs Material (chosen)"


def test_clicking_a_preview_block_moves_the_cursor_to_its_source(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_post(window, tmp_path)
    wait_for_text(qtbot, window, "Second paragraph.")
    window.editor.go_to_line(0)
    window.preview.run_in_page(
        "Array.from(document.querySelectorAll('[data-block]'))"
        ".find(b => b.textContent.includes('Second paragraph')).click()",
        lambda _value: None,
    )
    qtbot.waitUntil(lambda: window.editor.cursor_line() == 8, timeout=5000)
    assert window.editor.textCursor().block().text() == "Second paragraph."


def test_scrolling_the_editor_scrolls_the_preview(qtbot: Any, window: Any, tmp_path: Path) -> None:
    long_post = POST + "".join(f"\n## Section {n}\n\nText of section {n}.\n" for n in range(80))
    open_post(window, tmp_path, long_post, "long.md")
    wait_for_text(qtbot, window, "Section 79")
    window.editor.scroll_to_line(200)

    def preview_top() -> float:
        box: dict[str, float] = {}
        window.preview.run_in_page("window.scrollY", lambda v: box.update(y=float(v or 0)))
        qtbot.waitUntil(lambda: "y" in box, timeout=5000)
        return box["y"]

    qtbot.waitUntil(lambda: preview_top() > 500, timeout=5000)


def test_a_post_in_a_site_completes_its_tags_and_gets_its_marker(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    site = tmp_path / "blog"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Blog"\n')
    (posts / "old.md").write_text(
        "---\ntitle: Old\ndate: 2024-01-01\ntags: [lighthouses, fog]\n---\nText\n"
    )
    open_post(window, posts)
    assert window.target_button.text() == "Hugo site"
    completer = window.form.tags_edit.line_edit().completer()
    words = {completer.model().index(row, 0).data() for row in range(completer.model().rowCount())}
    assert {"lighthouses", "fog"} <= words
    window.editor.go_to_line(6)
    window.commands["marker"].trigger()
    assert "\n<!--more-->\n" in window.editor.toPlainText()


def test_the_preview_follows_the_theme(qtbot: Any, window: Any, tmp_path: Path) -> None:
    open_post(window, tmp_path)
    wait_for_text(qtbot, window, "Harbour notes")

    def page_theme() -> str:
        box: dict[str, str] = {}
        window.preview.run_in_page(
            "document.documentElement.getAttribute('data-theme')",
            lambda value: box.update(theme=str(value)),
        )
        qtbot.waitUntil(lambda: "theme" in box, timeout=5000)
        return box["theme"]

    window.settings.theme = "dark"
    window.apply_settings()
    qtbot.waitUntil(lambda: page_theme() == "dark", timeout=5000)
    window.settings.theme = "light"
    window.apply_settings()
    qtbot.waitUntil(lambda: page_theme() == "light", timeout=5000)
    window.settings.theme = "system"
    window.apply_settings()


def test_the_export_dialog_shows_the_address_and_remembers_the_slug(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from editor.gui.exportdialog import ExportDialog

    text = "---\ntitle: Über die Brücke - 北京 at night\ndate: 2025-06-01\n---\n\nA walk.\n"
    open_post(window, tmp_path, text, "post.md")
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    dialog = ExportDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.set_folder(site)
    slug = dialog.slug_edit.text()
    assert slug.startswith("uber-die-brucke")  # the title's slug, not the draft's file name
    assert dialog.path_label.text() == f"content/posts/{slug}.md"
    assert dialog.url_label.text() == f"/posts/{slug}/"
    dialog.slug_edit.setText("bridge")
    dialog.slug_edit.editingFinished.emit()
    assert dialog.path_label.text() == "content/posts/bridge.md"
    assert dialog.url_label.text() == "/posts/bridge/"
    result = dialog.export()
    assert result is not None
    assert result.ok
    assert (site / "content" / "posts" / "bridge.md").is_file()
    dialog.close()

    again = ExportDialog(window.document, window)  # the next export of this post
    qtbot.addWidget(again)
    assert again.slug_edit.text() == "bridge"  # remembered
    again.set_slug("bridge-at-night")
    rows = {
        again.table.item(row, 0).text(): again.table.item(row, 1).text()
        for row in range(again.table.rowCount())
    }
    assert rows["content/posts/bridge.md"] == "will be moved to content/posts/bridge-at-night.md"
    again.export()
    assert not (site / "content" / "posts" / "bridge.md").exists()
    assert (site / "content" / "posts" / "bridge-at-night.md").is_file()
