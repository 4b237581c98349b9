"""The window's side of the site's look (View > Site's Look): the toggle's check mark, its
words and whether it can be had, the stylesheet dialog, and the preview's style. What is
decided - which stylesheet, whether it applies - is :class:`editor.app.sitelook.SiteLook`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QFileDialog

from editor.app.sitelook import LookState, SiteLook

if TYPE_CHECKING:
    from editor.gui.mainwindow import MainWindow

T = TypeVar("T")


class _WorkerRunner:
    """The run's worker processes, started when a stylesheet is first scoped."""

    def submit(
        self,
        job: Callable[..., T],
        *args: Any,
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        from editor.gui.worker import shared_runner

        shared_runner().submit(job, *args, done=done, failed=failed)


class SiteLookControls:
    """Forwards the window's actions to the feature and shows its state."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.feature = SiteLook(
            window.settings, window.workspace.save_settings, self.show, _WorkerRunner()
        )

    # ------------------------------------------------------------------ actions

    def toggle(self) -> None:
        """The site's look on or off, in every window, remembered."""
        wanted = not self.feature.state.wanted
        message = self.feature.set_wanted(wanted)
        for each in self.window.manager.windows:
            if each is not self.window:
                each.site_look.feature.refresh()
        state = self.feature.state
        if message:
            self.window.show_status(message)
        elif wanted and state.style is not None:
            self.window.show_status(f"Site's look: {state.sheets}")
        elif wanted:
            self.window.show_status(f"Site's look not used: {state.description}")
        else:
            self.window.show_status("Postwright's own page style")

    def choose_stylesheet(self) -> None:
        """Pick the CSS file the post's site is shown with (remembered for the site)."""
        root = self.feature.site_root
        if root is None:
            self.window.show_status("The post belongs to no site: choose its site first.")
            return
        current = self.feature.site_style.files
        start = current[-1].parent if current else root
        path = self.ask_stylesheet(start)
        if path is None:
            return
        message = self.feature.choose(path)
        state = self.feature.state
        self.window.show_status(message or f"Site's look: {state.sheets}")

    def forget_stylesheet(self) -> None:
        """Go back to the stylesheet found in the site's theme."""
        message = self.feature.choose(None)
        self.window.show_status(message or f"Site's look: {self.feature.state.sheets}")

    def ask_stylesheet(self, start: Path) -> Path | None:
        """The file dialog: a CSS file, or None when the writer cancels."""
        name, _filter = QFileDialog.getOpenFileName(
            self.window,
            "Choose the site's stylesheet",
            str(start),
            "Stylesheets (*.css);;All files (*)",
        )
        return Path(name) if name else None

    # ------------------------------------------------------------------ state

    def show(self, state: LookState) -> None:
        """The toggle, the dialog's item and the preview as ``state`` says."""
        commands = self.window.commands
        toggle = commands.get("site_look")
        if toggle is not None:
            key = toggle.shortcut().toString()
            toggle.setChecked(state.wanted and state.available)
            toggle.setEnabled(state.available)
            toggle.setText(f"Site's &Look ({state.missing})" if state.missing else "Site's &Look")
            tip = f"Site's look{f' ({key})' if key else ''}: {state.description}"
            toggle.setToolTip(tip)
            toggle.setStatusTip(tip)
        choose = commands.get("site_stylesheet")
        if choose is not None:
            choose.setEnabled(self.feature.site_root is not None)
        forget = commands.get("site_stylesheet_forget")
        if forget is not None:
            forget.setEnabled(state.chosen)
        if state.style is None:
            self.window.preview.set_site_style(None)
        else:
            self.window.preview.set_site_style(
                state.style.css, state.style.classes, state.style.attributes
            )
        if state.problem:
            self.window.show_status(state.problem)
