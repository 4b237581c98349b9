"""Take the README's pictures of focus mode and of the spelling menu, small (256 colours).

Run under a display of 1280x800 or more, e.g.::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python packaging/screenshot_writing.py docs
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# the shots use their own settings: the user's configuration is neither read nor written
_HOME = tempfile.mkdtemp(prefix="postwright-screenshot-")
for _name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(Path(_HOME) / _name.lower())
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.gui.app import create_application  # noqa: E402 - after the settings folders are set

MISSPELLED = "argeu"


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _small(image: object, target: Path) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    reduced = image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    )
    reduced.save(str(target), "PNG", 9)
    return target


def shoot(out_dir: Path) -> list[Path]:
    """Write ``focus-mode.png`` and ``spelling-menu.png`` into ``out_dir``."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QGuiApplication, QTextCursor

    from editor.core.settings import Settings
    from editor.gui.app import standalone_window
    from editor.gui.mainwindow import MainWindow
    from editor.resources import sample_post

    create_application()
    MainWindow.offer_recovery_on_open = False
    post = Path(_HOME) / "welcome-to-postwright.md"
    text = sample_post().read_text(encoding="utf-8")
    post.write_text(text.replace("gulls that argue", f"gulls that {MISSPELLED}"), "utf-8")
    window = standalone_window(Settings(theme="light", spelling_languages="en_US"))
    window.ask_unsaved_changes = lambda _name: "discard"  # type: ignore[method-assign]
    window.move(0, 0)
    window.resize(1280, 800)
    window.show()
    window.open_path(post)
    _wait(3000)
    written: list[Path] = []

    window.focus.enter()
    window.go_to(11, 1)
    _wait(800)
    focus = window.grab().toImage()
    written.append(
        _small(focus.scaledToWidth(960, Qt.TransformationMode.SmoothTransformation),
               out_dir / "focus-mode.png")
    )  # fmt: skip
    window.focus.leave()
    _wait(500)

    editor = window.editor
    found = editor.document().find(MISSPELLED)
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 2)
    point = editor.cursorRect(cursor).center()
    menu = editor.context_menu(point)
    menu.popup(editor.viewport().mapToGlobal(point))
    _wait(800)
    screen = QGuiApplication.primaryScreen()
    corner = window.mapToGlobal(window.rect().topLeft())
    shot = screen.grabWindow(0).toImage().copy(QRect(corner.x(), corner.y(), 680, 640))
    written.append(_small(shot, out_dir / "spelling-menu.png"))
    menu.close()
    window.close()
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    folder.mkdir(parents=True, exist_ok=True)
    for path in shoot(folder):
        print(path)
