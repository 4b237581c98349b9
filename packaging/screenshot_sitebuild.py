"""Take the picture of the Site Build tab: a post of a MkDocs Material blog, edited and not
saved, as the real MkDocs built it (the test extras install it).

Run under a display of 1600x1000 or more, e.g.::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python packaging/screenshot_sitebuild.py docs
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

# the shot uses its own settings: the user's configuration is neither read nor written
_HOME = tempfile.mkdtemp(prefix="postwright-screenshot-")
for _name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(Path(_HOME) / _name.lower())
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.gui.app import create_application  # noqa: E402 - after the settings folders are set

POST = """---
title: Reading a Tide Table
date: 2024-05-04
tags: [tides, sailing]
---

A tide table gives the times and heights of high and low water for one port.

<!-- more -->

## The columns

Each row is one day: the first column is the time, the second the height above chart datum.

```python
def rule_of_twelfths(hour: int) -> float:
    return (1, 2, 3, 3, 2, 1)[hour - 1] / 12
```
"""
EDIT = "\nSlack water came an hour late this morning, as the almanac warned.\n"


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(out_dir: Path) -> Path:
    """Write ``site-build.png`` into ``out_dir``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QTextCursor

    from editor.core.settings import Settings
    from editor.gui.app import standalone_window
    from editor.gui.mainwindow import MainWindow

    create_application()
    MainWindow.offer_recovery_on_open = False
    site = Path(_HOME) / "blog"
    shutil.copytree(ROOT / "tests" / "integration" / "sites" / "mkdocs", site)
    for keep in site.rglob(".keep"):
        keep.unlink()
    post = site / "docs" / "blog" / "posts" / "reading-a-tide-table.md"
    post.write_text(POST, encoding="utf-8")
    window = standalone_window(Settings())
    window.resize(1560, 960)
    window.show()
    window.open_path(post)
    window.form_dock.hide()
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(EDIT)
    pane = window.site_build.pane
    loaded: list[bool] = []
    pane.loaded.connect(loaded.append)
    window.commands["site_build"].trigger()
    for _ in range(600):
        if loaded:
            break
        _wait(50)
    _wait(800)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "site-build.png"
    image = window.grab().toImage()
    image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    ).save(str(target), "PNG", 9)
    window.ask_unsaved_changes = lambda _name: "discard"  # type: ignore[method-assign]
    window.close()
    return target


if __name__ == "__main__":
    print(shoot(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))
