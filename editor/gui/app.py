"""Start the window: the only entry point that loads Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_ID = "org.postwright.Postwright"


def prepare_environment() -> None:
    """Settings Qt WebEngine needs before it starts."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run as root with its sandbox on
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-background-networking")
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


def run_app(files: list[str]) -> int:
    """Open a window on ``files`` (or the sample post), offer unsaved text a previous run left
    in the recovery journal, and run until the last window closes."""
    app = create_application()
    from editor.core.settings import load_settings
    from editor.gui.mainwindow import MainWindow
    from editor.gui.renderservice import wait_for_detached
    from editor.resources import sample_post

    window = MainWindow(load_settings())
    window.show()
    paths = [Path(name) for name in files] or [sample_post()]
    window.open_path(paths[0])
    for extra in paths[1:]:
        MainWindow.open_in_new_window(extra, window.settings)
    # text a crashed or killed run left unsaved is offered back before anything else
    window.offer_recovery()
    code = int(app.exec())  # type: ignore[attr-defined]
    wait_for_detached()
    return code
