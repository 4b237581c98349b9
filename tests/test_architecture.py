"""The core and the CLI never load Qt; the pinned PySide6 does not corrupt None's refcount."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "editor.core.post",
    "editor.core.frontmatter",
    "editor.core.excerpt",
    "editor.core.files",
    "editor.core.slug",
    "editor.cli",
]


def test_core_and_cli_do_not_load_pyside6() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import editor.core\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "for info in pkgutil.walk_packages(editor.core.__path__, 'editor.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "import editor.cli\n"
        "editor.cli.build_parser()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_void_qt_setter_keeps_none_refcount() -> None:
    widgets = pytest.importorskip("PySide6.QtWidgets")
    app = widgets.QApplication.instance() or widgets.QApplication([])
    widget = widgets.QWidget()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.resize(10, 10)
    after = sys.getrefcount(None)
    widget.deleteLater()
    assert app is not None
    # other threads may hold a few references for a moment; a broken binding loses 20,000
    assert after >= before - 100


def test_the_window_starts_without_markdown_or_pygments() -> None:
    """Python-Markdown, its extensions, Pygments and nh3 are imported by the render thread on
    its first render, not before the window's first paint."""
    pytest.importorskip("PySide6.QtWidgets")
    code = (
        "import sys\n"
        "import editor.gui.mainwindow\n"
        "heavy = {'markdown', 'pymdownx', 'pygments', 'nh3'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
