"""Start the window: the only entry point that loads Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.app.site import OpenSite
    from editor.app.workspace import Workspace
    from editor.core.settings import Settings
    from editor.gui.mainwindow import MainWindow
    from editor.gui.sitewatch import SiteWatch

APP_ID = "org.postwright.Postwright"


def prepare_environment() -> None:
    """Settings Qt and Qt WebEngine read when they start (see :mod:`editor.gui.webengine`):
    Chromium's switches, no sandbox as root, the software renderer without a GPU."""
    from editor.gui.webengine import prepare_environment as prepare_webengine

    prepare_webengine()
    os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.debug=false;qt.rhi.*=false")


def create_application(argv: list[str] | None = None) -> object:
    """The QApplication, configured; an existing one is reused (tests)."""
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - must load before the app
    from PySide6.QtWidgets import QApplication

    from editor import __version__
    from editor.resources import resource_path

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Postwright")
    app.setApplicationDisplayName("Postwright")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Postwright")
    app.setDesktopFileName(APP_ID)
    icon = resource_path("icons", "postwright.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


class WindowManager:
    """The windows of one run: opens them, finds the one showing a file, and knows when the
    last one closed. Every window belongs to one manager, and all share its workspace."""

    def __init__(self, workspace: Workspace, *, owns_workspace: bool = False) -> None:
        self.workspace = workspace
        self.windows: list[MainWindow] = []
        #: close the workspace (its journal's writes and lock) when the last window closes
        self.owns_workspace = owns_workspace
        self.site_watch: SiteWatch | None = None

    def register(self, window: MainWindow) -> None:
        """A window was created for this run."""
        if window not in self.windows:
            self.windows.append(window)

    def closed(self, window: MainWindow) -> None:
        """A window closed."""
        if window in self.windows:
            self.windows.remove(window)
        if not self.windows:
            self._stop_watch()
        if not self.windows and self.owns_workspace:
            self.workspace.close_site()
            self.workspace.close()

    def new_window(self) -> MainWindow:
        """A new, empty window, shown."""
        from editor.gui.mainwindow import MainWindow

        window = MainWindow(self)
        window.show()
        return window

    def find(self, path: Path) -> MainWindow | None:
        """The window showing ``path``, if one does."""
        for window in self.windows:
            if _same_file(window.document.path, path):
                return window
        return None

    def open_post(self, path: Path, near: MainWindow | None = None) -> MainWindow:
        """Show ``path``: its window if one has it open, else ``near`` when that window holds
        nothing worth keeping (an untitled, untouched post, or an unedited one without undo
        history), else a new window - so opening a post never drops another's text or undo."""
        window = self.find(path)
        if (
            window is None
            and near is not None
            and near.site_panel.can_take_post()
            and near.open_path(path)
        ):
            window = near
        if window is None:
            window = self.new_window()
            window.open_path(path)
        window.raise_()
        window.activateWindow()
        return window

    def open_site(self, folder: Path) -> OpenSite:
        """Open the site in ``folder`` in every window; raises PostError when it is none."""
        from editor.gui.sitewatch import SiteWatch
        from editor.gui.worker import shared_runner

        site = self.workspace.open_site(folder, shared_runner())
        self._stop_watch()
        self.site_watch = SiteWatch(site)
        for window in self.windows:
            window.site_panel.show_site(site)
        message = self.workspace.save_settings()
        if message and self.windows:
            self.windows[0].show_status(message)
        return site

    def close_site(self) -> None:
        """Close the open site in every window (its posts stay open)."""
        self._stop_watch()
        self.workspace.close_site()
        for window in self.windows:
            window.site_panel.show_site(None)
        self.workspace.save_settings()

    def _stop_watch(self) -> None:
        if self.site_watch is not None:
            self.site_watch.stop()
            self.site_watch.deleteLater()
            self.site_watch = None

    def open(self, path: Path) -> MainWindow:
        """Show ``path``: its window if one has it open, else a new window."""
        return self.open_post(path)


def standalone_window(settings: Settings | None = None) -> MainWindow:
    """A window with a workspace of its own, closed with the window (tools and benchmarks)."""
    from editor.app.workspace import Workspace

    manager = WindowManager(Workspace(settings), owns_workspace=True)
    return manager.new_window()


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def open_start(manager: WindowManager, window: MainWindow, paths: list[Path]) -> None:
    """What a run opens: a folder among ``paths`` as the site, the posts among them; with
    neither, the site and post open when the last run ended, else the writer's copy of the
    sample post (never the installed one, which a save would write into), else an untitled
    post."""
    from editor.core.errors import PostError

    folders = [path for path in paths if path.is_dir()]
    posts = [path for path in paths if not path.is_dir()]
    settings = manager.workspace.settings
    restoring = not paths and bool(settings.site_root) and Path(settings.site_root).is_dir()
    folder = folders[0] if folders else Path(settings.site_root) if restoring else None
    last = Path(settings.site_post) if restoring and settings.site_post else None
    if folder is not None:
        try:
            manager.open_site(folder)
        except PostError as exc:
            window.show_status(f"{folder}: {exc.message}")
            print(f"postwright: {folder}: {exc.message}", file=sys.stderr)
    if restoring and last is not None and last.is_file():
        posts = [last]
    if not posts and folder is None:
        from editor.resources import sample_copy

        sample = sample_copy()
        if sample is None or not window.open_path(sample):
            window.new_post()
        return
    if posts:
        window.open_path(posts[0])
    for extra in posts[1:]:
        manager.open(extra)


def run_app(files: list[str]) -> int:
    """Open a window on ``files`` (or a copy of the sample post), offer unsaved text a previous
    run left in the recovery journal, and run until the last window closes."""
    app = create_application()
    from editor.app.workspace import Workspace
    from editor.core.settings import load_settings
    from editor.gui.renderservice import wait_for_detached

    settings = load_settings()
    if any(Path(name).is_dir() for name in files) or (not files and settings.site_root):
        from editor.gui.worker import shared_runner

        shared_runner()  # the site's workers start while the window is built
    workspace = Workspace(settings)
    manager = WindowManager(workspace)
    window = manager.new_window()
    open_start(manager, window, [Path(name) for name in files])
    # text a crashed or killed run left unsaved is offered back before anything else
    window.offer_recovery()
    try:
        code = int(app.exec())  # type: ignore[attr-defined]
    finally:
        wait_for_detached()
        workspace.close()
    return code
