"""The staged start: the first window paints the editor with the post's text, builds the rest
behind, and opens the post with the helper process's render of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gui.conftest import delete_now, page_eval

POST = """---
title: Staged
date: 2024-05-01
tags: [start]
---

# Staged

The intro paragraph of the staged post.

<!-- more -->

## Later

More words [with a link][ref].

[ref]: https://example.org/
"""


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "staged.md"
    path.write_text(POST, encoding="utf-8")
    return path


@pytest.fixture
def staged(qtbot: Any) -> Iterator[Any]:
    """A staged window (only its frame built) of a manager without a workspace yet."""
    from editor.core.settings import Settings
    from editor.gui.app import WindowManager
    from editor.gui.mainwindow import MainWindow

    manager = WindowManager(settings=Settings(), owns_workspace=True)
    window = MainWindow(manager, staged=True)
    yield window
    window.ask_unsaved_changes = lambda _name: "discard"
    window.close()
    delete_now(window)


def _wait_built(qtbot: Any, window: Any, done: list[str]) -> None:
    window.build_in_stages(lambda: done.append("built"))
    qtbot.waitUntil(lambda: done == ["built"], timeout=20_000)


def test_the_frame_shows_the_post_before_anything_else_is_built(
    qtbot: Any, staged: Any, post: Path
) -> None:
    staged.show_text_first(post)
    staged.show()
    qtbot.waitExposed(staged)
    assert staged.editor_text() == POST
    assert staged.windowTitle().startswith("staged.md")
    assert staged.editor.isReadOnly()  # nothing typed into a buffer no document holds
    assert not staged.built
    assert not hasattr(staged, "document")
    assert not hasattr(staged, "preview")
    # the menus are there from the first paint (their entries come with the window)
    titles = [action.text() for action in staged.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"]
    assert staged.manager._workspace is None  # its modules were not even loaded for it


def test_the_built_window_opens_the_post_keeping_the_text_shown(
    qtbot: Any, staged: Any, post: Path
) -> None:
    staged.show_text_first(post)
    staged.show()
    first_block = staged.editor.document().firstBlock()
    done: list[str] = []
    _wait_built(qtbot, staged, done)
    assert staged.built
    assert staged.editor.isReadOnly()  # until the document has opened the text
    assert staged.open_path(post)
    staged.end_first_text()
    assert not staged.editor.isReadOnly()
    assert staged.document.path == post
    assert not staged.is_modified()
    assert staged.editor_text() == POST
    # the very text shown first stayed (not replaced by the same text again)
    assert staged.editor.document().firstBlock() == first_block
    qtbot.waitUntil(
        lambda: "Later" in str(page_eval(qtbot, staged.preview, "document.body.innerText")),
        timeout=20_000,
    )
    # and it edits like any post: typing reaches the buffer and the preview
    staged.editor.moveCursor(staged.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(staged.editor, "Typed at the end")
    assert staged.editor_text().endswith("Typed at the end")
    assert staged.is_modified()
    qtbot.waitUntil(
        lambda: (
            "Typed at the end" in str(page_eval(qtbot, staged.preview, "document.body.innerText"))
        ),
        timeout=20_000,
    )


def test_a_render_made_before_the_document_shows_in_the_preview(
    qtbot: Any, staged: Any, post: Path
) -> None:
    from editor.core.render import Renderer

    staged.show_text_first(post)
    staged.show()
    staged.show_first_render(Renderer().render_text(POST, post))
    done: list[str] = []
    staged.build_in_stages(lambda: done.append("built"))
    qtbot.waitUntil(lambda: hasattr(staged, "preview"), timeout=20_000)
    qtbot.waitUntil(
        lambda: (
            "intro paragraph" in str(page_eval(qtbot, staged.preview, "document.body.innerText"))
        ),
        timeout=20_000,
    )
    qtbot.waitUntil(lambda: done == ["built"], timeout=20_000)
    # built but not opened yet: the preview still shows that render, not an empty post's
    assert staged.document.path is None
    text = str(page_eval(qtbot, staged.preview, "document.body.innerText"))
    assert "intro paragraph" in text


def test_a_file_that_cannot_be_opened_after_all_leaves_no_text_behind(
    qtbot: Any, staged: Any, post: Path
) -> None:
    staged.show_text_first(post)
    staged.show()
    post.write_bytes(b"\0binary now")
    done: list[str] = []
    _wait_built(qtbot, staged, done)
    staged.show_error = lambda _title, _message: None  # the open says why; not asserted here
    assert not staged.open_path(post)
    staged.end_first_text()
    assert staged.editor_text() == ""
    assert not staged.editor.isReadOnly()
    assert not staged.is_modified()


def test_an_unreadable_first_post_shows_an_empty_editable_frame(
    qtbot: Any, staged: Any, tmp_path: Path
) -> None:
    staged.show_text_first(tmp_path / "missing.md")
    staged.show()
    assert staged.editor_text() == ""
    assert not staged.editor.isReadOnly()


def test_closing_before_the_window_is_built_closes_it_cleanly(
    qtbot: Any, staged: Any, post: Path
) -> None:
    staged.show_text_first(post)
    staged.show()
    done: list[str] = []
    staged.build_in_stages(lambda: done.append("built"))
    staged.close()  # before any stage ran
    assert staged.built
    assert not staged.isVisible()
    qtbot.wait(50)
    assert done == []  # the start's opening is not run for a closed window


def test_a_drop_before_the_window_is_built_builds_it_first(
    qtbot: Any, staged: Any, post: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    staged.show()
    done: list[str] = []
    staged.build_in_stages(lambda: done.append("built"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(post))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    staged.dropEvent(event)
    assert done == ["built"]
    assert staged.document.path == post


def test_plan_start_says_what_a_run_opens(tmp_path: Path) -> None:
    from editor.core.settings import Settings
    from editor.gui.app import plan_start

    site = tmp_path / "site"
    site.mkdir()
    post = tmp_path / "a.md"
    post.write_text("# A\n", encoding="utf-8")
    settings = Settings()
    plan = plan_start([post, site], settings)
    assert (plan.folder, plan.posts, plan.sample) == (site, (post,), False)
    settings.site_root = str(site)
    settings.site_post = str(post)
    restored = plan_start([], settings)
    assert (restored.folder, restored.posts) == (site, (post,))
    settings.site_root = ""
    sample = plan_start([], settings)
    assert sample.sample
    assert sample.folder is None
    assert len(sample.posts) == 1
    assert sample.posts[0].read_text(encoding="utf-8").startswith("---")


def _long_post() -> str:
    sections = "".join(
        f"\n## Section {n}\n\nWords of section {n}, enough of them to fill a line or two of "
        f"the preview and then some more words after those.\n"
        for n in range(1, 160)
    )
    return f"---\ntitle: Long\n---\n# Long staged post\n\nThe top.\n{sections}\nThe last line.\n"


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_the_start_shows_the_helpers_render_and_opens_the_post_with_its_renderer(
    qtbot: Any, staged: Any, tmp_path: Path
) -> None:
    from editor.app.prerender import Prerender
    from editor.core.settings import Settings
    from editor.gui.stagedstart import StagedStart

    post = tmp_path / "long.md"
    post.write_text(_long_post(), encoding="utf-8")
    prerender = Prerender.start(post, Settings())
    assert prerender is not None
    staged.show_text_first(post)
    staged.show()
    opened: list[bool] = []

    def open_first() -> None:
        opened.append(staged.open_path(post))
        staged.end_first_text()

    start = StagedStart(staged, prerender, open_first, wait_ms=10_000)
    staged.build_in_stages(start.window_built, after_preview=start.after_preview)
    qtbot.waitUntil(lambda: opened == [True], timeout=30_000)
    assert staged.built
    assert not staged.editor.isReadOnly()
    qtbot.waitUntil(lambda: staged.renders.last_result is not None, timeout=20_000)
    first = staged.renders.last_result
    # the document's first render went on from the helper's renderer: nothing to redo
    assert first.change is not None
    assert first.change.patches == ()
    assert len(first.blocks) > 150
    qtbot.waitUntil(
        lambda: (
            "The last line." in str(page_eval(qtbot, staged.preview, "document.body.innerText"))
        ),
        timeout=20_000,
    )
    assert start.prerender is None  # let go of once used


def test_without_a_helper_the_start_opens_the_post_itself(
    qtbot: Any, staged: Any, post: Path
) -> None:
    from editor.gui.stagedstart import StagedStart

    staged.show_text_first(post)
    staged.show()
    opened: list[bool] = []
    start = StagedStart(staged, None, lambda: opened.append(staged.open_path(post)), wait_ms=50)
    staged.build_in_stages(start.window_built, after_preview=start.after_preview)
    qtbot.waitUntil(lambda: opened == [True], timeout=30_000)
    staged.end_first_text()
    qtbot.waitUntil(
        lambda: "Later" in str(page_eval(qtbot, staged.preview, "document.body.innerText")),
        timeout=20_000,
    )


def test_run_app_starts_staged_opens_the_post_and_ends_with_its_window(
    qtbot: Any, tmp_path: Path
) -> None:
    """The real start: ``postwright FILE`` as the command runs it, in this process."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.gui.app import run_app
    from editor.gui.mainwindow import MainWindow

    post = tmp_path / "real.md"
    post.write_text(_long_post(), encoding="utf-8")
    seen: dict[str, Any] = {}

    def windows() -> list[Any]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]

    def check() -> None:
        mine = [w for w in windows() if w.isVisible()]
        if not mine:
            QTimer.singleShot(50, check)
            return
        window = mine[0]
        seen.setdefault("first text", window.editor_text())
        if not (window.built and window.document.path == post):
            QTimer.singleShot(50, check)
            return

        def text(value: object) -> None:
            if "The last line." in str(value):
                seen["preview"] = str(value)
                seen["read-only"] = window.editor.isReadOnly()
                window.close()
            else:
                QTimer.singleShot(50, check)

        window.preview.run_in_page("document.body.innerText", text)

    def give_up() -> None:
        for window in windows():
            window.close()

    QTimer.singleShot(0, check)
    QTimer.singleShot(30_000, give_up)
    assert run_app([str(post)]) == 0
    assert seen["first text"] == _long_post()
    assert "Long staged post" in seen["preview"]
    assert seen["read-only"] is False
