"""Start the window: the only entry point that loads Qt."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.app.prerender import Prerender
    from editor.app.site import OpenSite
    from editor.app.workspace import Workspace
    from editor.core.settings import Settings
    from editor.gui.mainwindow import MainWindow
    from editor.gui.sitewatch import SiteWatch

APP_ID = "org.postwright.Postwright"
#: how long a thread runs Python before another one may (the interpreter's default is 5 ms)
SWITCH_INTERVAL_S = 0.001


def prepare_environment() -> None:
    """Settings Qt and Qt WebEngine read when they start (see :mod:`editor.gui.webengine`):
    Chromium's switches, no sandbox as root, the software renderer without a GPU."""
    from editor.gui.webengine import prepare_environment as prepare_webengine

    prepare_webengine()
    os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.debug=false;qt.rhi.*=false")


def create_application(argv: list[str] | None = None, *, webengine: bool = True) -> object:
    """The QApplication, configured; an existing one is reused (tests). Qt WebEngine is
    loaded first unless not ``webengine``: the window then loads it with its preview, after
    its first paint (the shared OpenGL contexts it needs are set up either way)."""
    prepare_environment()
    # a render thread holds the interpreter for at most a millisecond at a time: the GUI
    # thread (and Chromium's calls into Qt's Python objects) then never wait for it longer
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    if webengine:
        from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401

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

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        settings: Settings | None = None,
        owns_workspace: bool = False,
    ) -> None:
        """``workspace``, or one made from ``settings`` when a window first needs it (the
        first window paints before the workspace's modules are loaded)."""
        if workspace is not None:
            settings = workspace.settings
        elif settings is None:
            raise TypeError("a window manager needs a workspace, or the settings to make one")
        self._workspace = workspace
        self._settings = settings
        self.windows: list[MainWindow] = []
        #: close the workspace (its journal's writes and lock) when the last window closes
        self.owns_workspace = owns_workspace
        self.site_watch: SiteWatch | None = None

    @property
    def settings(self) -> Settings:
        """The run's settings (the workspace's, once it is made)."""
        return self._settings

    @property
    def workspace(self) -> Workspace:
        """The run's workspace (made on first use)."""
        if self._workspace is None:
            from editor.app.workspace import Workspace

            self._workspace = Workspace(self.settings)
        return self._workspace

    def close_workspace(self) -> None:
        """Close the workspace (its journal's writes and lock), if one was made."""
        if self._workspace is not None:
            self._workspace.close()

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


@dataclass(frozen=True)
class StartPlan:
    """What a run opens: the site (a folder), and the posts, the first in the first window."""

    folder: Path | None
    posts: tuple[Path, ...]
    #: the first post is the writer's copy of the sample post (nothing else to open)
    sample: bool = False


def plan_start(paths: list[Path], settings: Settings) -> StartPlan:
    """A folder among ``paths`` as the site, the posts among them; with neither, the site and
    post open when the last run ended, else the writer's copy of the sample post (never the
    installed one, which a save would write into), else nothing (an untitled post)."""
    folders = [path for path in paths if path.is_dir()]
    posts = [path for path in paths if not path.is_dir()]
    restoring = not paths and bool(settings.site_root) and Path(settings.site_root).is_dir()
    folder = folders[0] if folders else Path(settings.site_root) if restoring else None
    last = Path(settings.site_post) if restoring and settings.site_post else None
    if restoring and last is not None and last.is_file():
        posts = [last]
    if not posts and folder is None:
        from editor.resources import sample_copy

        sample = sample_copy()
        return StartPlan(None, (sample,) if sample is not None else (), sample=True)
    return StartPlan(folder, tuple(posts))


def open_start(manager: WindowManager, window: MainWindow, plan: StartPlan) -> None:
    """Open what ``plan`` says: the site in every window, the first post in ``window``, the
    others each in a window of its own; an untitled post when there is none."""
    from editor.core.errors import PostError

    if plan.folder is not None:
        try:
            manager.open_site(plan.folder)
        except PostError as exc:
            window.show_status(f"{plan.folder}: {exc.message}")
            print(f"postwright: {plan.folder}: {exc.message}", file=sys.stderr)
    if not plan.posts:
        if plan.folder is None:
            window.new_post()
        return
    first, *others = plan.posts
    if not window.open_path(first) and plan.sample:
        window.new_post()
    for extra in others:
        manager.open(extra)


#: how long a built window waits for the first render of its post from the helper process
#: before it renders the post itself
PRERENDER_WAIT_MS = 400


def run_app(files: list[str]) -> int:
    """Open a window on ``files`` (or a copy of the sample post), offer unsaved text a previous
    run left in the recovery journal, and run until the last window closes.

    The start is staged: before Qt is loaded, a helper process starts rendering the first
    post (:mod:`editor.app.prerender`); the window paints the editor with the post's text
    first, builds its preview (Chromium starts loading the page), then its other parts, and
    opens the post with the helper's render once it has it."""
    from editor.core.settings import load_settings

    settings = load_settings()
    plan = plan_start([Path(name) for name in files], settings)
    prerender: Prerender | None = None
    if plan.posts:
        from editor.app.prerender import Prerender

        prerender = Prerender.start(plan.posts[0], settings)  # forked before Qt exists
    app = create_application(webengine=False)
    from editor.gui.mainwindow import MainWindow, forget_module_sources
    from editor.gui.stagedstart import StagedStart

    manager = WindowManager(settings=settings)
    window = MainWindow(manager, staged=True)
    if plan.posts:
        window.show_text_first(plan.posts[0])
    window.show()

    def open_first() -> None:
        if plan.folder is not None:
            from editor.gui.worker import shared_runner

            shared_runner()  # the site's workers start while the post opens
        open_start(manager, window, plan)
        window.end_first_text()
        forget_module_sources()
        # text a crashed or killed run left unsaved is offered back before anything else
        window.offer_recovery()

    start = StagedStart(window, prerender, open_first, wait_ms=PRERENDER_WAIT_MS)
    del prerender  # the start lets go of it (and of the render it holds) once it is used
    window.build_in_stages(start.window_built, after_preview=start.after_preview)
    try:
        code = int(app.exec())  # type: ignore[attr-defined]
    finally:
        from editor.gui.renderservice import wait_for_detached

        start.cancel()
        wait_for_detached()
        manager.close_workspace()
    return code
