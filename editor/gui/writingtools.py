"""The window's writing commands that are more than one call: Insert Image (a file chooser in
the post's folder, the image copied where the post's site keeps images), spell checking and
typewriter scrolling switched on and off (remembered in the settings), the help dialogs, and
the folder a file dialog starts in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtWidgets import QFileDialog

from editor.core.filekinds import IMAGE_SUFFIXES
from editor.gui.helpdialogs import ActionLike, QuickReferenceDialog, ShortcutsDialog, shortcut_rows

if TYPE_CHECKING:
    from editor.gui.mainwindow import MainWindow


def documents_folder() -> Path:
    """The user's documents folder (the home folder when there is none)."""
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


class WritingTools:
    """See the module docstring; the window's action table names these methods."""

    def __init__(
        self,
        window: MainWindow,
        specs: Sequence[ActionLike],
        menus: Sequence[tuple[str, Sequence[str]]],
    ) -> None:
        self.window = window
        self.specs = specs
        self.menus = menus
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.reference_dialog: QuickReferenceDialog | None = None

    # ------------------------------------------------------------------ files

    def start_folder(self) -> Path:
        """Where a file dialog starts: the post's folder, else the last post's, else the
        documents folder."""
        document = self.window.document
        if document.path is not None:
            return document.path.parent
        for name in self.window.settings.recent_files:
            folder = Path(name).parent
            if folder.is_dir():
                return folder
        return documents_folder()

    def image_place(self, name: str) -> tuple[Path, str]:
        """Where an image called ``name`` goes for this post, and its link: the post's site
        decides (an ``images/`` folder beside a post in no site)."""
        document = self.window.document
        if document.path is None:
            raise ValueError("an unsaved post has no place for images")
        return document.target.image_place(document.path, name)

    def insert_image(self) -> None:
        """Choose an image file, describe it, and link it on a line of its own."""
        window = self.window
        if window.document.path is None:
            window.show_status("Save the post first: its images are kept beside it.")
            return
        patterns = " ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES))
        name, _ = QFileDialog.getOpenFileName(
            window, "Insert image", str(self.start_folder()), f"Images ({patterns})"
        )
        if name:
            window.editor.insert_image_files([Path(name)])
            window.editor.setFocus()

    # ------------------------------------------------------------------ switches

    def toggle_spelling(self) -> None:
        """Spell checking on or off, in every window, remembered."""
        self._switch("spell_check")

    def toggle_typewriter(self) -> None:
        """Typewriter scrolling on or off, in every window, remembered."""
        self._switch("typewriter_scrolling")

    def _switch(self, name: str) -> None:
        window = self.window
        settings = window.settings
        setattr(settings, name, not getattr(settings, name))
        message = window.workspace.save_settings()
        if message:
            window.show_status(message)
        for each in window.manager.windows:
            each.apply_writing_settings()

    # ------------------------------------------------------------------ help

    def shortcuts(self) -> ShortcutsDialog:
        """The searchable list of every action and its key."""
        if self.shortcuts_dialog is None:
            rows = shortcut_rows(self.specs, self.window.commands, self.menus)
            self.shortcuts_dialog = ShortcutsDialog(rows, self.window)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.search.setFocus()
        return self.shortcuts_dialog

    def markdown_help(self) -> QuickReferenceDialog:
        """The markdown quick reference."""
        if self.reference_dialog is None:
            self.reference_dialog = QuickReferenceDialog(self.window.dark, self.window)
        self.reference_dialog.show()
        self.reference_dialog.raise_()
        return self.reference_dialog
