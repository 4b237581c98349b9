"""GUI fixtures: a real main window, offscreen, with settings kept in a temp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editor.gui.app import prepare_environment

prepare_environment()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """pytest-qt creates the QApplication with these arguments."""
    return ["postwright-tests"]


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """Create the application the way the app does (WebEngine needs its attributes first)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before the app
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("PostwrightTests")
    QCoreApplication.setApplicationName("PostwrightTests")
    return QApplication


@pytest.fixture
def window(qtbot: object, tmp_path: Path) -> Iterator[object]:
    """A main window with default settings; closed without questions at the end."""
    from editor.core.settings import Settings
    from editor.gui.app import standalone_window

    win = standalone_window(Settings())
    qtbot.waitExposed(win)  # type: ignore[attr-defined]
    yield win
    # closed here, not by qtbot, so that unsaved test edits are dropped without a question
    win.ask_unsaved_changes = lambda _name: "discard"  # type: ignore[attr-defined]
    win.close()
    delete_now(win)


def delete_now(widget: object) -> None:
    """Delete a window and its web page now: a page left until the application quits crashes
    Qt WebEngine on exit."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.deleteLater()  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question nobody answers would hang the suite: make it fail the test instead."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture
def pane(qtbot: Any) -> Iterator[Any]:
    """A preview pane of its own, shown offscreen."""
    from editor.gui.preview import PreviewPane

    view = PreviewPane()
    view.resize(800, 700)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.shutdown()
    view.close()
    view.deleteLater()


def show_result(qtbot: Any, pane: Any, result: Any) -> None:
    """Show ``result`` in ``pane`` and wait until the page is patched."""
    with qtbot.waitSignal(pane.patched, timeout=20_000):
        pane.show_result(result)


def page_eval(qtbot: Any, pane: Any, code: str) -> Any:
    """What ``code`` gives in the pane's page (Postwright's script world)."""
    box: dict[str, Any] = {}
    pane.run_in_page(code, lambda value: box.update(value=value))
    qtbot.waitUntil(lambda: "value" in box, timeout=10_000)
    return box["value"]
