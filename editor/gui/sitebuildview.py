"""The Site Build tab beside the preview: the post's page as the site's own generator built it.

The page is shown with the preview's safety: the site's JavaScript is off, nothing remote is
fetched, and a request for a file is answered only from the build's output (a site-root
address such as ``/css/main.css`` is found there), never from elsewhere on the disk. The build
itself runs on a thread of its own (:class:`ThreadRunner`) in a process group of its own;
the window never waits for it. The decisions are :class:`editor.app.sitebuild.SiteBuildFeature`'s.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QFontDatabase
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineScript,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.app.sitebuild import BuildResult, SiteBuilder, SiteBuildFeature, served_from_output
from editor.gui.runner import ThreadRunner
from editor.gui.webengine import lock_down, preview_profile

APP_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_LOCAL = frozenset({"data", "blob", "about"})


class _OutputOnly(QWebEngineUrlRequestInterceptor):
    """A built page reads files of its output only, and nothing from the network."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.output: Path | None = None

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's name
        """Answer file requests from the output (site-root addresses mapped onto it)."""
        url = info.requestUrl()
        scheme = url.scheme()
        if scheme in _LOCAL:
            return
        if scheme == "file" and self.output is not None:
            local = Path(url.toLocalFile())
            served = served_from_output(local, self.output)
            if served is not None:
                if served != local:
                    info.redirect(QUrl.fromLocalFile(str(served)))
                return
        info.block(True)


class _BuiltPage(QWebEnginePage):
    """Links to other pages of the built site open here; links out open in the browser."""

    def __init__(self, blocker: _OutputOnly, parent: QObject | None = None) -> None:
        super().__init__(preview_profile(), parent)
        self._blocker = blocker

    def acceptNavigationRequest(  # noqa: N802 - Qt's name
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, _is_main_frame: bool
    ) -> bool:
        """A followed link: within the output, here; http(s), in the desktop's browser."""
        if kind != QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            return True
        target = QUrl(url)
        if target.scheme() == "file" and self._blocker.output is not None:
            return served_from_output(Path(target.toLocalFile()), self._blocker.output) is not None
        if target.scheme() in {"http", "https", "mailto"}:
            QDesktopServices.openUrl(target)
        return False


class SiteBuildPane(QWidget):
    """The tab: a bar saying what is going on (and Cancel, Rebuild), then the built page, the
    generator's error, or why there is nothing to build."""

    loaded = Signal(bool)  # the built page finished loading
    rebuild_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SiteBuildPane")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("SiteBuildStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("SiteBuildCommand")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setWordWrap(True)
        self.detail.setEnabled(False)  # drawn quieter than the status
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the build")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.rebuild_button = QPushButton("Rebuild")
        self.rebuild_button.setToolTip("Build the post again as the editor holds it now")
        self.rebuild_button.clicked.connect(self.rebuild_requested)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.busy)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.status)
        words.addWidget(self.detail)
        bar.addLayout(words, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.rebuild_button)

        self.message = QLabel()
        self.message.setObjectName("SiteBuildMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        self.error = QPlainTextEdit()
        self.error.setObjectName("SiteBuildError")
        self.error.setReadOnly(True)
        self.error.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.error.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.error)
        self.view: QWebEngineView | None = None  # made with the first page to show
        self._blocker = _OutputOnly(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.stack, 1)

        self._started = 0.0
        self._doing = ""
        self._ticker = QTimer(self)
        self._ticker.setInterval(100)
        self._ticker.timeout.connect(self._tick)
        self.result: BuildResult | None = None
        self.show_build_available(False, "The post belongs to no site.")

    # ------------------------------------------------------------------ the view's protocol

    def show_build_available(self, available: bool, reason: str) -> None:
        """A new start (another post or site): whether it can be built, why not."""
        self._stop_ticking()
        self.result = None
        self.status.setText("")
        self.status.setToolTip("")
        self._show_command(None)
        self.rebuild_button.setEnabled(available)
        self.stack.setCurrentWidget(self.message)
        if not available:
            self.message.setText(reason)
        else:
            self.message.setText(
                "See It as the Site Will (Ctrl+Shift+B) builds this post with the site's own "
                "generator, in a copy of the site, and shows its page here."
            )

    def show_build_started(self, description: str) -> None:
        """A build runs: the busy bar, the time it has taken, Cancel."""
        self._doing = description
        self._started = time.monotonic()
        self.busy.show()
        self._show_command(None)
        self.cancel_button.show()
        self.rebuild_button.setEnabled(False)
        self._tick()
        self._ticker.start()

    def show_build_result(self, result: BuildResult) -> None:
        """The built page, or the generator's error."""
        self._stop_ticking()
        self.result = result
        self.rebuild_button.setEnabled(True)
        took = f"{result.seconds:.2f} s"
        self._show_command(result)
        if result.ok and result.page is not None and result.output is not None:
            where = f": {result.url}" if result.url else ""
            notes = "".join(f" ({note})" for note in result.notes[:1])
            self.status.setText(f"Built by {result.label} in {took}{where}{notes}")
            self._show_page(result.page, result.output)
            return
        if result.cancelled:
            self.status.setText("Cancelled.")
            self.message.setText("The build was cancelled. Rebuild starts it again.")
            self.stack.setCurrentWidget(self.message)
            return
        self.status.setText(result.message)
        parts = [result.message]
        if result.command:
            parts.append(f"$ {result.command_line}")
        if result.log:
            parts.append(result.log)
        self.error.setPlainText("\n\n".join(parts))
        self.stack.setCurrentWidget(self.error)

    def _show_command(self, result: BuildResult | None) -> None:
        shown = result.short_command if result is not None else ""
        self.detail.setText(shown)
        self.detail.setVisible(bool(shown))
        full = result.command_line if result is not None else ""
        self.detail.setToolTip(full)
        self.status.setToolTip(full)

    # ------------------------------------------------------------------ the page

    def _ensure_view(self) -> QWebEngineView:
        if self.view is not None:
            return self.view
        view = QWebEngineView(self)
        page = _BuiltPage(self._blocker, view)
        page.setUrlRequestInterceptor(self._blocker)
        lock_down(page.settings())  # the site's scripts: never; nothing remote
        view.setPage(page)
        view.loadFinished.connect(self.loaded)
        self.stack.addWidget(view)
        self.view = view
        return view

    def _show_page(self, page: Path, output: Path) -> None:
        view = self._ensure_view()
        self._blocker.output = output
        view.load(QUrl.fromLocalFile(str(page)))
        self.stack.setCurrentWidget(view)

    def run_in_page(self, code: str, callback: Callable[[object], None]) -> None:
        """Evaluate ``code`` in Postwright's world of the built page (tests read it so)."""
        self._ensure_view().page().runJavaScript(code, APP_WORLD, callback)

    # ------------------------------------------------------------------ the clock

    def _tick(self) -> None:
        seconds = time.monotonic() - self._started
        self.status.setText(f"{self._doing} {seconds:.1f} s")

    def _stop_ticking(self) -> None:
        self._ticker.stop()
        self.busy.hide()
        self.cancel_button.hide()

    def shutdown(self) -> None:
        """The window closes."""
        self._ticker.stop()
        if self.view is not None:
            self.view.page().triggerAction(QWebEnginePage.WebAction.Stop)


class SiteBuild(QObject):
    """The window's site build: the tab, the feature that decides, the thread that builds."""

    #: the tab should come to the front (a build was asked for)
    reveal = Signal()

    def __init__(self, parent: QObject | None = None, builder: SiteBuilder | None = None) -> None:
        super().__init__(parent)
        self.pane = SiteBuildPane()
        self.runner = ThreadRunner(self)
        self._action: QAction | None = None
        self.feature = SiteBuildFeature(self, self.runner, builder)
        self.pane.rebuild_requested.connect(self.build)
        self.pane.cancel_requested.connect(self.feature.cancel)

    # ------------------------------------------------------------------ the feature's view

    def show_build_available(self, available: bool, reason: str) -> None:
        """The tab and the menu entry say whether the post can be built, and why not."""
        self.pane.show_build_available(available, reason)
        if self._action is not None:
            self._action.setEnabled(available)
            tip = "Build the post with its site's own generator and show the page (Ctrl+Shift+B)"
            self._action.setToolTip(tip if available else reason)
            self._action.setStatusTip(tip if available else reason)

    def show_build_started(self, description: str) -> None:
        """A build runs."""
        self.pane.show_build_started(description)

    def show_build_result(self, result: BuildResult) -> None:
        """A build ended."""
        self.pane.show_build_result(result)

    def actions_ready(self, commands: dict[str, QAction]) -> None:
        """The window's actions exist: the menu entry follows whether a build can run."""
        self._action = commands.get("site_build")
        self.show_build_available(self.feature.available, self.feature.reason)

    def build(self) -> None:
        """See It as the Site Will: bring the tab forward and build the post as it is now."""
        self.reveal.emit()
        self.feature.build()

    def shutdown(self) -> None:
        """Stop the build and delete the site copies."""
        self.pane.shutdown()
        self.runner.shutdown()
        with contextlib.suppress(OSError):
            self.feature.shutdown()
