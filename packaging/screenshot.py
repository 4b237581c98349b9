"""Take the README's screenshots: the window on the sample post, light and dark.

Run under a display (``make screenshot`` starts Xvfb): ``python packaging/screenshot.py OUT_DIR``.
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

from editor.gui.app import create_application  # noqa: E402 - after the settings folders are set


def shoot(out_dir: Path) -> list[Path]:
    """Write ``screenshot.png`` and ``screenshot-dark.png`` into ``out_dir``."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.core.settings import Settings
    from editor.gui.app import standalone_window
    from editor.resources import sample_post

    app = create_application()
    assert isinstance(app, QApplication)
    written: list[Path] = []
    for theme, name in (("light", "screenshot.png"), ("dark", "screenshot-dark.png")):
        window = standalone_window(Settings(theme=theme))
        window.resize(1440, 860)
        window.show()
        window.open_path(sample_post())
        window.editor.go_to_line(14)
        loop = QEventLoop()
        window.preview.patched.connect(loop.quit)
        QTimer.singleShot(8000, loop.quit)
        loop.exec()
        # let the page paint after the last patch
        QTimer.singleShot(1200, loop.quit)
        loop.exec()
        target = out_dir / name
        window.grab().save(str(target))
        written.append(target)
        window.close()
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    folder.mkdir(parents=True, exist_ok=True)
    for path in shoot(folder):
        print(path)
