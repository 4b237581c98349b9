"""The front matter form, driven as a writer drives it, checked by the text it produces."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QDateTimeEdit,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
)
from pytestqt.qtbot import QtBot  # noqa: E402

from editor.core.formfields import local_offset  # noqa: E402
from editor.core.post import Post  # noqa: E402
from editor.core.settings import Settings  # noqa: E402
from editor.gui.app import standalone_window  # noqa: E402
from editor.gui.frontmatterform import FrontMatterForm  # noqa: E402
from editor.gui.tokenedit import TokenEdit  # noqa: E402
from tests.gui.conftest import delete_now  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "posts"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "welcome-to-postwright.md"


_OPEN: list[Any] = []


@pytest.fixture(autouse=True)
def _close_windows() -> Iterator[None]:
    yield
    while _OPEN:
        win = _OPEN.pop()
        win.ask_unsaved_changes = lambda _name: "discard"
        win.close()
        delete_now(win)


class Window:
    """The real main window with the post open from a file: the form's edits reach the text
    through the window's document, as the writer's do.

    The window shows the edited post in the form again after a pause in typing; ``live``
    does that at once after each edit, so tests need not wait for the pause.
    """

    def __init__(
        self, qtbot: QtBot, text: str, path: Path | None = None, *, live: bool = True
    ) -> None:
        self.window = standalone_window(Settings())
        _OPEN.append(self.window)
        qtbot.waitExposed(self.window)
        if path is None:
            path = Path(tempfile.mkdtemp(prefix="postwright-form-")) / "post.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        self.path = path
        assert self.window.open_path(path)
        self.form: FrontMatterForm = self.window.form
        self.editor = self.window.editor
        if live:  # connected after the document's own slots: runs once the edit is applied
            self.form.value_edited.connect(lambda *_args: self.refresh())
            self.form.value_removed.connect(lambda *_args: self.refresh())

    def refresh(self) -> None:
        self.window.document.refresh_post()

    @property
    def post(self) -> Post:
        return Post.from_text(self.text, self.path)

    @property
    def text(self) -> str:
        return str(self.window.editor_text())


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def chip_texts(tokens: TokenEdit) -> list[str]:
    """The chips as the writer sees them, left to right."""
    return [chip.label.text() for chip in tokens._chips if chip.isVisibleTo(tokens)]


def type_into_line(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def table_rows(table: QTableWidget) -> dict[str, QTableWidgetItem]:
    """Each key with its value cell, as the table shows them."""
    return {cell(table, r, 0).text(): cell(table, r, 1) for r in range(table.rowCount())}


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


# --------------------------------------------------------------------------- showing


def test_fields_show_the_posts_values(qtbot: QtBot) -> None:
    window = Window(qtbot, read("yaml-rich.md"))
    form = window.form
    assert form.title_edit.text() == "Quoted: with colon"
    assert form.slug_edit.text() == ""
    assert form.slug_edit.placeholderText() == "quoted-with-colon"
    assert form.date_field.edit.text() == "2024-12-12  09:30"
    assert form.date_field.time_check.isChecked()
    assert form.date_field.zone.currentText() == "UTC+01:00"
    assert chip_texts(form.tags_edit) == ["alpha", "beta"]
    assert chip_texts(form.categories_edit) == ["Notes", "Field work"]
    assert form.description_edit.toPlainText() == "A block scalar\nover two lines."
    assert not form.draft_check.isChecked()
    table = form.other_table
    rows = {key: item.text() for key, item in table_rows(table).items()}
    assert rows == {"folded": '"Folded text continues here.\\n"', "custom_key": "keep me"}
    assert not form.banner.isVisibleTo(form)


def test_a_title_from_the_heading_is_offered_not_written(qtbot: QtBot) -> None:
    window = Window(qtbot, SAMPLE.read_text(encoding="utf-8"))
    form = window.form
    assert form.title_edit.text() == ""
    assert form.title_edit.placeholderText() == "Notes from a Lighthouse Keeper's Blog"
    assert form.date_field.edit.text() == "2026-11-26"
    assert not form.date_field.time_check.isChecked()
    assert chip_texts(form.categories_edit) == ["Guides"]


def test_showing_a_post_writes_nothing_and_keeps_the_cursor(qtbot: QtBot) -> None:
    window = Window(qtbot, read("yaml-rich.md"))
    before = window.text
    title = window.form.title_edit
    title.setFocus()
    title.setCursorPosition(3)
    # the writer types in the body: the form is refreshed with the same title
    window.editor.appendPlainText("More body.")
    window.refresh()
    assert title.cursorPosition() == 3
    assert window.text == before + "\nMore body."


# --------------------------------------------------------------------------- text fields


def test_title_edit_changes_only_the_title_line_and_undoes_in_one_step(qtbot: QtBot) -> None:
    original = read("yaml-rich.md")
    window = Window(qtbot, original)
    type_into_line(qtbot, window.form.title_edit, "A calmer title")
    [(before, after)] = changed_lines(original, window.text)
    assert before == 'title: "Quoted: with colon"   # trailing comment'
    assert after.startswith('title: "A calmer title"')
    assert after.endswith("# trailing comment")
    window.editor.undo()
    assert window.text == original


def test_a_form_edit_counts_positions_as_qt_does_and_keeps_the_cursor(qtbot: QtBot) -> None:
    old = "---\ntitle: Gulls 🐦 and boats\n---\n\nBody 🌊 text.\n"
    window = Window(qtbot, old)
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() - 4)
    editor.setTextCursor(cursor)
    where = editor.textCursor().position()
    title = window.form.title_edit
    title.selectAll()
    title.insert("Gulls 🐦 and ships")  # typed as an input method would (QTest cannot)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    new = Post.from_text(old).with_value("title", "Gulls 🐦 and ships").text
    assert window.text == new
    assert editor.textCursor().position() == where  # the same place in the body
    editor.undo()
    assert window.text == old


def test_slug_suggestion_follows_the_title_without_writing_a_slug(qtbot: QtBot) -> None:
    window = Window(qtbot, SAMPLE.read_text(encoding="utf-8"))
    slug = window.form.slug_edit
    assert slug.placeholderText() == "notes-from-a-lighthouse-keeper-s-blog"
    qtbot.keyClicks(window.form.title_edit, "Fog at Six")
    assert slug.placeholderText() == "fog-at-six"  # while typing, before anything is written
    qtbot.keyClick(window.form.title_edit, Qt.Key.Key_Return)
    assert "title: Fog at Six" in window.text
    assert "slug:" not in window.text
    assert slug.text() == ""
    assert slug.placeholderText() == "fog-at-six"


def test_a_written_slug_that_followed_the_title_keeps_following(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: Old Title\nslug: old-title\n---\nBody\n")
    type_into_line(qtbot, window.form.title_edit, "New Title")
    assert window.text == "---\ntitle: New Title\nslug: new-title\n---\nBody\n"
    assert window.form.slug_edit.text() == "new-title"


def test_edits_before_the_form_is_refreshed_are_not_lost(qtbot: QtBot) -> None:
    original = "---\ntitle: Old Title\nslug: old-title\ndraft: false\n---\nBody\n"
    window = Window(qtbot, original, live=False)
    form = window.form
    type_into_line(qtbot, form.title_edit, "New Title")
    type_into_line(qtbot, form.title_edit, "Old Title")  # changed back before any refresh
    qtbot.mouseClick(form.draft_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.draft_check, Qt.MouseButton.LeftButton)
    assert window.text == original
    window.refresh()
    assert form.title_edit.text() == "Old Title"
    assert form.slug_edit.text() == "old-title"
    assert not form.draft_check.isChecked()


def test_a_pause_in_typing_writes_the_title_and_typing_goes_on(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: Gulls\n---\nBody\n")
    title = window.form.title_edit
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " and terns")
    qtbot.waitUntil(lambda: "title: Gulls and terns\n" in window.text, timeout=5000)
    assert title.cursorPosition() == len("Gulls and terns")
    qtbot.keyClicks(title, "!")
    assert title.text() == "Gulls and terns!"


def test_a_block_scalar_description_keeps_its_style(qtbot: QtBot) -> None:
    original = read("yaml-rich.md")
    window = Window(qtbot, original)
    edit = window.form.description_edit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " Three.")
    window.form.commit_pending()
    assert "summary: |\n  A block scalar\n  over two lines. Three.\nfolded:" in window.text


def test_a_hand_written_slug_stays(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: Old Title\nslug: my-url\n---\nBody\n")
    type_into_line(qtbot, window.form.title_edit, "New Title")
    assert window.text == "---\ntitle: New Title\nslug: my-url\n---\nBody\n"
    type_into_line(qtbot, window.form.slug_edit, "better-url")
    assert window.text == "---\ntitle: New Title\nslug: better-url\n---\nBody\n"


def test_description_hint_counts_and_warns(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\n---\nBody\n")
    form = window.form
    assert form.description_hint.text() == "0 / 160 characters"
    qtbot.keyClicks(form.description_edit, "A short tour.")
    assert form.description_hint.text() == "13 / 160 characters"
    assert "#c0392b" not in form.description_hint.styleSheet()
    qtbot.keyClicks(form.description_edit, " and more" * 17)
    assert form.description_hint.text().startswith("166 / 160 characters")
    assert form.description_hint.text() == "166 / 160 characters - too long"
    assert "#c0392b" in form.description_hint.styleSheet()
    form.commit_pending()
    assert "description: A short tour. and more and more" in window.text


def test_emptying_a_field_removes_its_key(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\ndescription: Gone soon\n---\nBody\n")
    form = window.form
    form.description_edit.selectAll()
    qtbot.keyClick(form.description_edit, Qt.Key.Key_Delete)
    form.commit_pending()
    assert window.text == "---\ntitle: T\n---\nBody\n"


# --------------------------------------------------------------------------- tokens


def test_tags_are_added_and_removed_as_lists(qtbot: QtBot) -> None:
    window = Window(qtbot, read("yaml-rich.md"))
    tags = window.form.tags_edit
    type_into_line(qtbot, tags.line_edit(), "gamma")
    assert "tags: [alpha, beta, gamma]" in window.text
    assert chip_texts(tags) == ["alpha", "beta", "gamma"]
    remove = next(
        button
        for button in tags.findChildren(QToolButton)
        if button.accessibleName() == "Remove alpha"
    )
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert "tags: [beta, gamma]" in window.text
    assert chip_texts(tags) == ["beta", "gamma"]


def test_comma_adds_a_token_in_the_sites_spelling(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\ntags: []\n---\nBody\n")
    window.form.set_vocabulary(["Python", "Rust"], [], [])
    line = window.form.tags_edit.line_edit()
    qtbot.keyClicks(line, "python,rust,")
    assert window.post.meta["tags"] == ["Python", "Rust"]
    assert line.text() == ""
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    assert window.post.meta["tags"] == ["Python"]


def test_a_completion_chosen_with_enter_adds_one_tag(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\ntags: [gulls]\n---\nBody\n")
    window.form.set_vocabulary(["Python", "Pelican", "gulls"], [], [])
    line = window.form.tags_edit.line_edit()
    line.setFocus()
    qtbot.keyClicks(line, "el")
    completer = line.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    offered = [
        completer.completionModel().index(r, 0).data() for r in range(popup.model().rowCount())
    ]
    assert offered == ["Pelican"]  # "gulls" is already a tag, so it is not offered
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line.text() == "")
    assert chip_texts(window.form.tags_edit) == ["gulls", "Pelican"]
    assert window.post.meta["tags"] == ["gulls", "Pelican"]


def test_pelican_category_is_written_as_one_string(qtbot: QtBot) -> None:
    original = read("pelican-post.md")
    window = Window(qtbot, original)
    categories = window.form.categories_edit
    label = window.form._form.labelForField(categories)
    assert isinstance(label, QLabel)
    assert label.text() == "Category"
    type_into_line(qtbot, categories.line_edit(), "Rust")
    assert chip_texts(categories) == ["Rust"]
    assert changed_lines(original, window.text) == [("Category: Python", "Category: Rust")]


def test_zola_tags_are_written_in_the_taxonomies_table(qtbot: QtBot) -> None:
    window = Window(qtbot, '+++\ntitle = "Z"\n\n[taxonomies]\ncategories = ["Guides"]\n+++\nB\n')
    type_into_line(qtbot, window.form.tags_edit.line_edit(), "zola")
    assert window.post.meta["taxonomies"] == {"categories": ["Guides"], "tags": ["zola"]}


# --------------------------------------------------------------------------- date, draft, image


def _step_day(qtbot: QtBot, edit: QDateTimeEdit) -> None:
    edit.setFocus()
    edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_date_edit_keeps_the_writers_offset(qtbot: QtBot) -> None:
    original = read("yaml-rich.md")
    window = Window(qtbot, original)
    _step_day(qtbot, window.form.date_field.edit)
    assert changed_lines(original, window.text) == [
        ("date: 2024-12-12T09:30:00+01:00", "date: 2024-12-13T09:30:00+01:00")
    ]
    assert window.form.date_field.zone.currentText() == "UTC+01:00"


def test_a_date_only_post_stays_date_only_until_a_time_is_added(qtbot: QtBot) -> None:
    window = Window(qtbot, SAMPLE.read_text(encoding="utf-8"))
    field = window.form.date_field
    _step_day(qtbot, field.edit)
    assert "date: 2026-11-27\n" in window.text
    qtbot.mouseClick(field.time_check, Qt.MouseButton.LeftButton)
    expected = dt.datetime(2026, 11, 27, tzinfo=dt.timezone(local_offset())).isoformat()
    assert f"date: {expected}\n" in window.text
    assert field.zone.isVisibleTo(field)


def test_a_post_without_a_date_offers_to_add_one(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\n---\nBody\n")
    field = window.form.date_field
    assert field.add_button.isVisibleTo(field)
    assert not field.edit.isVisibleTo(field)
    qtbot.mouseClick(field.add_button, Qt.MouseButton.LeftButton)
    assert f"date: {dt.date.today().isoformat()}\n" in window.text
    assert field.edit.isVisibleTo(field)


def test_draft_checkbox_writes_the_posts_own_flag(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\npublished: true\n---\nBody\n")
    qtbot.mouseClick(window.form.draft_check, Qt.MouseButton.LeftButton)
    assert window.text == "---\ntitle: T\npublished: false\n---\nBody\n"


def test_cover_image_is_stored_relative_to_the_post(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post_path = tmp_path / "posts" / "fog.md"
    post_path.parent.mkdir()
    picked = tmp_path / "images" / "fog.png"
    asked: list[str] = []

    def pick(parent: object, caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(folder)
        return str(picked), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    window = Window(qtbot, "---\ntitle: T\nheroImage: old.png\n---\nBody\n", post_path)
    assert window.form.image_edit.text() == "old.png"
    qtbot.mouseClick(window.form.choose_image_button, Qt.MouseButton.LeftButton)
    assert asked == [str(post_path.parent)]
    assert window.text == "---\ntitle: T\nheroImage: ../images/fog.png\n---\nBody\n"


# --------------------------------------------------------------------------- other keys


def test_other_keys_cells_are_read_as_yaml(qtbot: QtBot) -> None:
    window = Window(qtbot, read("yaml-rich.md"))
    table = window.form.other_table
    table_rows(table)["custom_key"].setText(
        "[one, two]"
    )  # what the cell editor does when it commits
    assert "custom_key: [one, two]\n" in window.text
    assert window.post.meta["custom_key"] == ["one", "two"]


def test_nested_values_are_shown_read_only(qtbot: QtBot) -> None:
    window = Window(qtbot, read("toml-post.md"))
    table = window.form.other_table
    rows = table_rows(table)
    assert rows["extra"].text() == '{"math": true}'
    assert not rows["extra"].flags() & Qt.ItemFlag.ItemIsEditable


def test_a_key_is_added_and_removed_from_the_table(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\n---\nBody\n")
    form = window.form
    qtbot.mouseClick(form.add_key_button, Qt.MouseButton.LeftButton)
    table = form.other_table
    cell(table, 0, 1).setText("true")
    cell(table, 0, 0).setText("math")
    assert window.text == "---\ntitle: T\nmath: true\n---\nBody\n"
    table.setCurrentCell(0, 0)
    qtbot.mouseClick(form.remove_key_button, Qt.MouseButton.LeftButton)
    assert window.text == "---\ntitle: T\n---\nBody\n"


# --------------------------------------------------------------------------- broken front matter


def test_broken_front_matter_shows_a_banner_and_locks_the_form(qtbot: QtBot) -> None:
    good = "---\ntitle: Fine\ntags: [a]\ndate: 2024-01-02\n---\nBody\n"
    window = Window(qtbot, good)
    form = window.form
    broken = good.replace("tags: [a]", "tags: [a")
    window.editor.setPlainText(broken)
    window.refresh()
    assert form.banner.isVisibleTo(form)
    assert form.banner_label.text().startswith("Front matter line ")
    assert "fix it in the text; the form is read-only until then" in form.banner_label.text()
    error = window.post.error
    assert error is not None
    assert f"line {error.line}:" in form.banner_label.text()
    assert form.title_edit.text() == "Fine"  # the last good values stay in view
    assert form.title_edit.isReadOnly()
    assert form.description_edit.isReadOnly()
    assert form.slug_edit.isReadOnly()
    assert form.image_edit.isReadOnly()
    assert form.tags_edit.line_edit().isReadOnly()
    assert not form.draft_check.isEnabled()
    assert form.date_field.edit.isReadOnly()
    assert form.other_table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    qtbot.keyClicks(form.title_edit, "X")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert window.text == broken

    window.editor.setPlainText(good)
    window.refresh()
    assert not form.banner.isVisibleTo(form)
    assert not form.title_edit.isReadOnly()
    assert form.draft_check.isEnabled()


def test_banner_names_the_line(qtbot: QtBot) -> None:
    window = Window(qtbot, "---\ntitle: T\ndate: a: b\n---\nBody\n")
    assert window.form.banner_label.text().startswith("Front matter line 3: ")


def test_a_title_edit_on_a_post_with_an_impossible_date_changes_only_the_title(
    qtbot: QtBot,
) -> None:
    original = "---\ntitle: Leap\ndate: 2024-02-30\n---\nBody\n"
    window = Window(qtbot, original)
    assert window.form.date_field.problem.text().startswith("The date '2024-02-30'")
    type_into_line(qtbot, window.form.title_edit, "Leap day")
    assert window.text == original.replace("title: Leap", "title: Leap day")
    assert window.form.problem() == ""


def test_an_edit_the_text_cannot_take_is_said_and_the_form_shows_the_text(
    qtbot: QtBot,
) -> None:
    original = "---\ntitle: One\ndraft: false\ntitle: Two\n---\nBody\n"
    window = Window(qtbot, original)
    type_into_line(qtbot, window.form.title_edit, "Three")
    assert window.text == original  # nothing was written
    assert "written twice" in window.form.problem()
    assert window.form.title_edit.text() == window.form.post().get("title")  # not "Three"
    assert window.window.is_modified() is False
