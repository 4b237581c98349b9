"""The site workspace in the real window: Open Site, the post list, opening posts in windows
that keep their text and undo, New Post, images where the site serves them, the site check,
renaming a tag, git's diff and commit, a dropped folder, and the site restored next run."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor

from editor.core.post import Post
from tests.gui.conftest import delete_now
from tests.sitegen import PNG, TODAY, GenPost, GenSite, make_site

pytestmark = pytest.mark.gui


@pytest.fixture
def windows(window: Any) -> Iterator[Any]:
    """The window; every other window the test opens is closed (unsaved edits dropped)."""
    yield window
    for other in list(window.manager.windows):
        if other is window:
            continue
        other.ask_unsaved_changes = lambda _name: "discard"
        other.close()
        delete_now(other)


@pytest.fixture
def hugo(tmp_path: Path) -> GenSite:
    return make_site(tmp_path / "blog", "hugo", 30, seed=True, git=shutil.which("git") is not None)


def open_site(qtbot: Any, window: Any, made: GenSite) -> Any:
    site = window.manager.open_site(made.root)
    panel = window.site_panel
    qtbot.waitUntil(lambda: panel.posts.model.rowCount() == len(made.posts), timeout=20000)
    qtbot.waitUntil(lambda: not site.scanning, timeout=20000)
    return panel


def state(post: GenPost) -> str:
    if post.draft:
        return "draft"
    return "scheduled" if post.date > TODAY else "published"


def test_open_site_lists_the_posts_newest_first(qtbot: Any, windows: Any, hugo: GenSite) -> None:
    panel = open_site(qtbot, windows, hugo)
    assert panel.posts_dock.isVisible()
    rows = panel.posts.model.rows_as_text()
    assert [(title, date, state) for title, date, state, _, _ in rows] == [
        (p.title, p.date.isoformat(), state(p)) for p in hugo.posts
    ]
    assert panel.posts.status.text().startswith(f"{len(hugo.posts)} posts")
    assert windows.commands["check_site"].isEnabled()


def test_the_filters_narrow_the_list(qtbot: Any, windows: Any, hugo: GenSite) -> None:
    posts = open_site(qtbot, windows, hugo).posts
    qtbot.keyClicks(posts.filter_edit, "lantern")
    expected = [p.title for p in hugo.posts if "lantern" in p.title.lower()]
    qtbot.waitUntil(lambda: [r[0] for r in posts.model.rows_as_text()] == expected)
    posts.filter_edit.clear()
    posts.tag_box.setCurrentIndex(posts.tag_box.findData("rust"))
    qtbot.waitUntil(
        lambda: (
            [r[0] for r in posts.model.rows_as_text()]
            == [p.title for p in hugo.posts if "rust" in p.tags]
        )
    )
    assert posts.tag_box.currentText().startswith("rust (")
    posts.tag_box.setCurrentIndex(0)
    posts.state_box.setCurrentIndex(posts.state_box.findData("draft"))
    qtbot.waitUntil(
        lambda: (
            [r[0] for r in posts.model.rows_as_text()] == [p.title for p in hugo.posts if p.draft]
        )
    )


def row_of(panel: Any, rel: str) -> int:
    row = panel.posts.model.row_of(rel)
    assert row is not None
    return int(row)


def test_posts_open_in_windows_that_keep_their_text_and_undo(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    panel = open_site(qtbot, windows, hugo)
    first, second = hugo.posts[0], hugo.posts[1]
    panel.posts.activate_row(row_of(panel, first.rel))
    assert windows.document.path == hugo.root / first.rel  # the empty window took it
    assert len(windows.manager.windows) == 1
    windows.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(windows.editor, "Unsaved words.")
    panel.posts.activate_row(row_of(panel, second.rel))
    assert len(windows.manager.windows) == 2
    other = windows.manager.find(hugo.root / second.rel)
    assert other is not None
    assert other is not windows
    assert windows.editor_text().endswith("Unsaved words.")
    assert windows.editor.document().isUndoAvailable()
    # back to the first post from the second window: its own window, not a third
    other.site_panel.posts.activate_row(row_of(other.site_panel, first.rel))
    assert len(windows.manager.windows) == 2
    windows.editor.undo()
    assert not windows.editor_text().endswith("Unsaved words.")


def test_saving_an_edited_site_post_changes_only_its_edited_line(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    panel = open_site(qtbot, windows, hugo)
    before = {path: path.read_bytes() for path in hugo.root.rglob("*") if path.is_file()}
    target = hugo.root / hugo.posts[2].rel
    panel.posts.activate_row(row_of(panel, hugo.posts[2].rel))
    windows.document.set_value("title", "A better title")
    assert windows.document.save()
    changed = [
        path
        for path in hugo.root.rglob("*")
        if path.is_file() and path.read_bytes() != before.get(path)
    ]
    assert changed == [target]
    old = before[target].decode().splitlines()
    new = target.read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        (f"title: {hugo.posts[2].title}", "title: A better title")
    ]
    qtbot.waitUntil(lambda: "A better title" in [r[0] for r in panel.posts.model.rows_as_text()])


def test_new_post_is_created_the_sites_way_and_opened(
    qtbot: Any, windows: Any, hugo: GenSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = open_site(qtbot, windows, hugo)
    from editor.gui.newpostdialog import NewPostDialog

    def fill_in(dialog: NewPostDialog) -> int:
        dialog.title_edit.setText("Lighthouse keepers")
        dialog.replan()
        assert dialog.where.text() == "content/posts/lighthouse-keepers.md"
        assert "draft: true" in dialog.preview.toPlainText()
        dialog.create_post()
        return 1

    monkeypatch.setattr(NewPostDialog, "exec", fill_in)
    panel.new_post_dialog()
    path = hugo.root / "content" / "posts" / "lighthouse-keepers.md"
    assert windows.document.path == path
    post = Post.from_text(path.read_text(encoding="utf-8"))
    assert (post.title, post.draft) == ("Lighthouse keepers", True)
    assert "<!--more-->" in post.body
    qtbot.waitUntil(
        lambda: panel.posts.model.row_of("content/posts/lighthouse-keepers.md") is not None
    )


def test_a_pasted_image_goes_where_the_site_serves_it(
    qtbot: Any, windows: Any, hugo: GenSite, tmp_path: Path
) -> None:
    panel = open_site(qtbot, windows, hugo)
    image = tmp_path / "Sea View.png"
    image.write_bytes(PNG)
    windows.editor.ask_alt_text = lambda _suggestion: "The sea"
    plain = next(p for p in hugo.posts if not p.rel.endswith("index.md"))
    panel.posts.activate_row(row_of(panel, plain.rel))
    windows.editor._insert_images([image], windows.editor.textCursor())  # cursor at the top
    slug = Path(plain.rel).stem
    edited = Post.from_text(windows.editor_text())
    assert edited.error is None  # the front matter stays first, the link goes in the body
    assert edited.body.lstrip().startswith(f"![The sea](/images/{slug}/sea-view.png)\n\n")
    assert (hugo.root / "static" / "images" / slug / "sea-view.png").read_bytes() == PNG
    bundle = next(p for p in hugo.posts if p.rel.endswith("index.md"))
    windows.document.save()
    panel.posts.activate_row(row_of(panel, bundle.rel))
    bundle_window = windows.manager.find(hugo.root / bundle.rel)
    bundle_window.editor.ask_alt_text = lambda _suggestion: "The sea"
    bundle_window.editor._insert_images([image], bundle_window.editor.textCursor())
    assert "![The sea](sea-view.png)" in bundle_window.editor_text()
    assert (hugo.root / bundle.rel).parent.joinpath("sea-view.png").is_file()


def test_the_site_check_lists_findings_that_open_their_post_at_the_line(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    panel = open_site(qtbot, windows, hugo)
    panel.check_site()
    assert panel.problems_dock.isVisible()
    qtbot.waitUntil(lambda: panel.problems.list.count() == len(hugo.seeded), timeout=30000)
    texts = panel.problems.texts()
    assert (
        "content/posts/twice.md:4: 'title' is written twice (lines 2 and 4): Hugo stops on it"
        in texts
    )
    assert panel.problems.summary.text() == f"{len(hugo.posts)} posts checked: 5 errors, 6 warnings"
    row = texts.index(
        "content/posts/twice.md:4: 'title' is written twice (lines 2 and 4): Hugo stops on it"
    )
    panel.problems._activate(panel.problems.list.item(row))
    shown = windows.manager.find(hugo.root / "content/posts/twice.md")
    assert shown is not None
    assert shown.editor.textCursor().blockNumber() == 3


def test_renaming_a_tag_previews_renames_and_undoes(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    panel = open_site(qtbot, windows, hugo)
    from editor.gui.tagrenamedialog import TagRenameDialog

    before = {p.rel: (hugo.root / p.rel).read_bytes() for p in hugo.posts}
    with_tag = {p.rel for p in hugo.posts if "static sites" in p.tags}
    dialog = TagRenameDialog(panel.site, list, windows, term="static sites")
    dialog.new_edit.setText("Static-Site")
    assert "nearly duplicates" not in dialog.hint.text()
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    assert dialog.files.count() == len(with_tag)
    assert "+tags: [" in dialog.diff.toPlainText()
    assert "Static-Site" in dialog.diff.toPlainText()
    assert {rel: (hugo.root / rel).read_bytes() for rel in before} == before
    dialog.rename()
    assert dialog.summary.text() == f"Renamed in {len(with_tag)} posts."
    changed = {rel for rel in before if (hugo.root / rel).read_bytes() != before[rel]}
    assert changed == with_tag
    qtbot.waitUntil(lambda: panel.site.counts().tags.get("Static-Site") == len(with_tag))
    assert windows.commands["undo_rename"].isEnabled() or panel.site.renames
    dialog.undo()
    assert {rel: (hugo.root / rel).read_bytes() for rel in before} == before
    dialog.close()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_state_diff_and_commit_of_a_post(
    qtbot: Any, windows: Any, hugo: GenSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = open_site(qtbot, windows, hugo)
    rel = hugo.posts[0].rel
    panel.posts.activate_row(row_of(panel, rel))
    windows.document.set_value("title", "Retitled")
    assert windows.document.save()
    qtbot.waitUntil(
        lambda: panel.posts.model.rows_as_text()[row_of(panel, rel)][4] == "modified", timeout=20000
    )
    assert not panel.posts.view.isColumnHidden(4)
    from editor.gui.gitdialogs import CommitDialog, DiffDialog

    shown: list[DiffDialog] = []
    monkeypatch.setattr(DiffDialog, "show", lambda self: shown.append(self))  # noqa: PLW0108
    windows.commands["diff_post"].trigger()
    assert "+title: Retitled" in shown[0].view.toPlainText()

    def commit(dialog: CommitDialog) -> int:
        dialog.message.setPlainText("Retitle the newest post")
        dialog.commit()
        return 1

    monkeypatch.setattr(CommitDialog, "exec", commit)
    windows.commands["commit_post"].trigger()
    log = subprocess.run(
        ["git", "-C", str(hugo.root), "log", "-1", "--name-only", "--format=%s"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    assert log[0] == "Retitle the newest post"
    assert log[2] == rel
    qtbot.waitUntil(
        lambda: panel.posts.model.rows_as_text()[row_of(panel, rel)][4] == "", timeout=20000
    )


def test_a_folder_dropped_on_the_window_opens_as_the_site(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(hugo.root))])
    event = QDropEvent(
        QPointF(QPoint(20, 20)), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    windows.dropEvent(event)
    assert windows.workspace.site is not None
    qtbot.waitUntil(
        lambda: windows.site_panel.posts.model.rowCount() == len(hugo.posts), timeout=20000
    )


def test_the_site_and_its_post_are_opened_again_next_run(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    from editor.gui.app import open_start, plan_start

    settings = windows.workspace.settings
    settings.site_root = str(hugo.root)
    settings.site_post = str(hugo.root / hugo.posts[5].rel)
    open_start(windows.manager, windows, plan_start([], windows.manager.settings))
    assert windows.workspace.site is not None
    assert windows.workspace.site.root == hugo.root.resolve()
    assert windows.document.path == hugo.root / hugo.posts[5].rel


def test_a_near_duplicate_tag_is_offered_the_sites_spelling(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    panel = open_site(qtbot, windows, hugo)
    panel.posts.activate_row(row_of(panel, "content/posts/pythons.md"))
    qtbot.waitUntil(panel.term_button.isVisible)
    assert panel.term_button.text() == "Use the site's 'python'"
    panel.term_button.click()
    assert "tags: [python]" in windows.editor_text()
    qtbot.waitUntil(lambda: not panel.term_button.isVisible())
    windows.editor.undo()
    assert "tags: [Pythons]" in windows.editor_text()


def test_the_list_follows_posts_added_and_removed_on_disk(
    qtbot: Any, windows: Any, hugo: GenSite
) -> None:
    panel = open_site(qtbot, windows, hugo)
    (hugo.root / "content" / "posts" / "fresh.md").write_text(
        "---\ntitle: Fresh from elsewhere\ndate: 2020-01-01\n---\n", encoding="utf-8"
    )
    (hugo.root / hugo.posts[0].rel).unlink()
    qtbot.waitUntil(
        lambda: "Fresh from elsewhere" in [r[0] for r in panel.posts.model.rows_as_text()],
        timeout=10000,
    )
    qtbot.waitUntil(lambda: panel.posts.model.row_of(hugo.posts[0].rel) is None, timeout=10000)
