"""A window's share of the open site: the Posts and Site Problems panels, Open Site, New Post,
renaming a tag, the site check, git's diff and commit of the post, images pasted where the
site serves them, and the offer of the site's spelling for a near-duplicate tag.

The site itself hangs off the workspace (:attr:`editor.app.workspace.Workspace.site`) and is
shared by every window; the window manager opens and closes it and tells each window's panel.
The panel follows its window's document as a feature.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton

from editor.app.features import BaseFeature
from editor.app.site import OpenSite
from editor.core.errors import PostError
from editor.core.git import GitError
from editor.core.post import Post
from editor.core.target import Target
from editor.core.vocabulary import Suggestion, term_edit, term_suggestions
from editor.gui.postlist import PostListPanel
from editor.gui.sitefindings import SiteFindingsView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from editor.gui.mainwindow import MainWindow

#: actions that need an open site, and those that need a site in a git repository
_SITE_ACTIONS = ("new_site_post", "check_site", "rename_term", "close_site")
_GIT_ACTIONS = ("diff_post", "commit_post")


def dropped_folder(mime: QMimeData) -> Path | None:
    """The first folder among dropped files, if any."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
            return Path(url.toLocalFile())
    return None


class SitePanel(QObject, BaseFeature):
    """The open site in one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.commands: dict[str, QAction] = {}
        self.site: OpenSite | None = None
        self.posts = PostListPanel()
        self.posts_dock = window._dock("Posts", "postsDock", self.posts)
        self.problems = SiteFindingsView()
        self.problems_dock = window._dock("Site Problems", "siteProblemsDock", self.problems)
        # made after the window restored its layout: placed where it says, else by default
        for dock, area in (
            (self.posts_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self.problems_dock, Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            dock.hide()
            if not window.restoreDockWidget(dock):
                window.addDockWidget(area, dock)
                dock.hide()
        self._laid_out = False
        self.term_button = QToolButton()
        self.term_button.setObjectName("TermSpellingButton")
        self.term_button.setAutoRaise(True)
        self.term_button.hide()
        self.term_button.clicked.connect(self.use_site_spelling)
        window.statusBar().addWidget(self.term_button)
        self.suggestion: Suggestion | None = None
        self.posts.post_activated.connect(self.open_post)
        self.posts.new_post_requested.connect(self.new_post_dialog)
        self.problems.finding_activated.connect(self.open_finding)
        self.problems.check_requested.connect(self.check_site)
        self.dialog: object | None = None
        # the list at once; the panels once the window has restored its layout
        self.posts.set_site(window.workspace.site)
        QTimer.singleShot(0, self, lambda: self.show_site(window.workspace.site))

    def menu_extras(self) -> dict[str, QAction]:
        """The panels' toggles, for the View menu."""
        return {
            "posts": self.posts_dock.toggleViewAction(),
            "siteproblems": self.problems_dock.toggleViewAction(),
        }

    def actions_ready(self, commands: dict[str, QAction]) -> None:
        """The window's actions exist: enable those the site allows."""
        self.commands = commands
        self._enable()

    # ------------------------------------------------------------------ the site

    def show_site(self, site: OpenSite | None) -> None:
        """The workspace opened ``site`` (or closed it: None)."""
        if self.site is not None:
            self.site.unsubscribe(self._site_changed)
        self.site = site
        self.posts.set_site(site)
        if site is not None:
            site.subscribe(self._site_changed)
            self.posts_dock.setWindowTitle(f"Posts — {site.label}")
            self.posts_dock.show()
            self.posts_dock.raise_()
            if not self._laid_out:  # the list gets room: the left column's width and most height
                self._laid_out = True
                window = self.window
                window.resizeDocks([self.posts_dock], [460], Qt.Orientation.Horizontal)
                window.resizeDocks(
                    [self.posts_dock], [max(300, window.height() // 2)], Qt.Orientation.Vertical
                )
            self._show_findings()
        else:
            self.posts_dock.setWindowTitle("Posts")
            self.posts_dock.hide()
            self.problems_dock.hide()
        self._enable()

    def _site_changed(self, change: str) -> None:
        if change == "findings":
            self._show_findings()
        elif change == "git":
            self._enable()

    def _enable(self) -> None:
        site = self.site
        for name in _SITE_ACTIONS:
            if name in self.commands:
                self.commands[name].setEnabled(site is not None)
        in_git = site is not None and site.git_top is not None and self._own_post() is not None
        for name in _GIT_ACTIONS:
            if name in self.commands:
                self.commands[name].setEnabled(in_git)
        if "undo_rename" in self.commands:
            self.commands["undo_rename"].setEnabled(site is not None and bool(site.renames))

    def _own_post(self) -> Path | None:
        """The window's post when it is one of the open site's."""
        path = self.window.document.path
        return path if self.site is not None and self.site.owns(path) else None

    def open_site_dialog(self) -> None:
        """File > Open Site: ask for the folder."""
        from editor.gui.worker import shared_runner

        shared_runner()  # the workers start while the writer picks the folder
        start = self.site.root if self.site is not None else Path.home()
        folder = QFileDialog.getExistingDirectory(self.window, "Open the site's folder", str(start))
        if folder:
            self.open_site(Path(folder))

    def open_site(self, folder: Path) -> bool:
        """Open the site in ``folder`` for every window; False (and why) when it is none."""
        try:
            self.window.manager.open_site(folder)
        except PostError as exc:
            self.window.show_error("Not a site", f"{folder}: {exc.message}")
            return False
        return True

    def close_site(self) -> None:
        """Close the open site (its posts stay open)."""
        self.window.manager.close_site()

    def accepts_drop(self, mime: QMimeData) -> bool:
        """A folder dragged onto the window: it is opened as a site."""
        return dropped_folder(mime) is not None

    def drop(self, mime: QMimeData) -> bool:
        """Open a dropped folder as the site; False when nothing dropped was a folder."""
        folder = dropped_folder(mime)
        if folder is None:
            return False
        self.open_site(folder)
        return True

    # ------------------------------------------------------------------ posts

    def can_take_post(self) -> bool:
        """Whether this window may show another post in place of its own: nothing in it would
        be lost (no unsaved text, no undo history)."""
        if self.window.document.is_modified():
            return False
        return not self.window.editor_text() or not self.window.editor.document().isUndoAvailable()

    def open_post(self, path: Path) -> None:
        """Open a post of the list: its window if it has one, this one if it holds nothing
        worth keeping, else a new window (so no post's text or undo history is dropped)."""
        self.window.manager.open_post(path, near=self.window)

    def new_post_dialog(self) -> None:
        """New Post in Site: plan it, show it, create it, open it."""
        site = self.site
        if site is None:
            self.window.show_status("Open a site first: File → Open Site…")
            return
        from editor.gui.newpostdialog import NewPostDialog

        target = Target("site", site.target_site(site.site), "New post of the open site.")
        dialog = NewPostDialog(site, target, self.window)
        self.dialog = dialog
        if dialog.exec() and dialog.created is not None:
            self.open_post(dialog.created)
            self.window.manager.find(dialog.created).show_status(  # type: ignore[union-attr]
                f"Created {site.rel(dialog.created)}: a draft until you publish it"
            )

    # ------------------------------------------------------------------ renaming

    def rename_dialog(self, term: str | None = None) -> None:
        """Rename a tag (or category) across the site."""
        site = self.site
        if site is None:
            return
        from editor.gui.tagrenamedialog import TagRenameDialog

        dialog = TagRenameDialog(site, self._unsaved_posts, self.window, term=term)
        self.dialog = dialog
        dialog.exec()
        self._enable()

    def undo_rename(self) -> None:
        """Undo the last tag rename."""
        if self.site is None or not self.site.renames:
            return
        result = self.site.undo_rename()
        words = f"Tag rename undone in {len(result.written)} posts"
        if result.skipped:
            words += f"; {len(result.skipped)} changed since and were left alone"
        self.window.show_status(words)
        self._enable()

    def _unsaved_posts(self) -> list[Path]:
        return [
            window.document.path
            for window in self.window.manager.windows
            if window.document.path is not None and window.document.is_modified()
        ]

    # ------------------------------------------------------------------ the site check

    def check_site(self) -> None:
        """Check every post of the site (in the background)."""
        if self.site is None:
            return
        self.problems_dock.show()
        self.problems_dock.raise_()
        self.site.check()

    def _show_findings(self) -> None:
        site = self.site
        if site is None:
            return
        if site.checking:
            self.problems.show_checking()
        elif site.report is not None:
            self.problems.show_findings(site.root, site.findings, site.report.checked)
        elif site.error.startswith("the site check failed"):
            self.problems.show_failure(site.error)

    def open_finding(self, path: Path, line: int) -> None:
        """Open the post a finding is about, at its line."""
        window = self.window.manager.open_post(path, near=self.window)
        window.go_to(line)

    # ------------------------------------------------------------------ git

    def diff_dialog(self) -> None:
        """The post's changes since the last commit."""
        path = self._own_post()
        if self.site is None or path is None:
            return
        from editor.gui.gitdialogs import DiffDialog

        try:
            diff = self.site.diff(path)
        except GitError as exc:
            self.window.show_error("No diff", str(exc))
            return
        dialog = DiffDialog(self.site.rel(path) or path.name, diff, self.window)
        self.dialog = dialog
        dialog.show()

    def commit_dialog(self) -> None:
        """Commit the post (only it) with a message; asks to save unsaved edits first."""
        path = self._own_post()
        site = self.site
        if site is None or path is None:
            return
        if self.window.document.is_modified():
            answer = QMessageBox.question(
                self.window,
                "Save before committing?",
                f"“{path.name}” has unsaved edits. Save them, then commit the saved file?",
            )
            if answer != QMessageBox.StandardButton.Yes or not self.window.document.save():
                return
        from editor.gui.gitdialogs import CommitDialog

        try:
            diff = site.diff(path)
        except GitError as exc:
            self.window.show_error("Cannot commit", str(exc))
            return
        dialog = CommitDialog(site, path, diff, self.window)
        self.dialog = dialog
        if dialog.exec() and dialog.committed:
            self.window.show_status(f"Committed {dialog.committed}")

    # ------------------------------------------------------------------ the document

    def target_changed(self, target: Target) -> None:
        """The post's site may have come or gone: the site actions follow."""
        document = self.document
        if document is None:
            return
        del target
        self._enable()
        self.post_changed(document.post)  # the site's vocabulary may have come

    def post_changed(self, post: Post) -> None:
        """Offer the site's spelling of a tag that nearly duplicates it."""
        document = self.document
        suggestions = (
            term_suggestions(post, document.target.vocabulary) if document is not None else []
        )
        self.suggestion = suggestions[0] if suggestions else None
        if self.suggestion is None:
            self.term_button.hide()
            return
        word = "tag" if self.suggestion.kind == "tags" else "category"
        self.term_button.setText(f"Use the site's '{self.suggestion.spelling}'")
        self.term_button.setToolTip(
            f"The {word} '{self.suggestion.term}' nearly duplicates the site's "
            f"'{self.suggestion.spelling}': click to write '{self.suggestion.spelling}' instead"
        )
        self.term_button.show()

    def use_site_spelling(self) -> None:
        """Write the site's spelling in place of the near-duplicate (one undoable edit)."""
        document = self.document
        suggestion = self.suggestion
        if document is None or suggestion is None:
            return
        post = document.current_post()
        edit = term_edit(post, suggestion.kind, suggestion.term, suggestion.spelling)
        if edit is not None:
            document.set_value(*edit)
            document.refresh_post()
