"""Render the toolbar's and menus' icons (editor/gui/icons.py's table) from qtawesome into
resources/icons/actions/{light,dark}/NAME.png, so the window loads small PNGs at start instead
of the icon font (a fifth of a second). Run again after changing the table:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_action_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = 48  # twice the toolbar's 24 px: sharp on high-density screens too


def main() -> int:
    """Write every icon for both themes."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from editor.gui.icons import ICONS, font_icon

    for theme, dark in (("light", False), ("dark", True)):
        folder = ROOT / "resources" / "icons" / "actions" / theme
        folder.mkdir(parents=True, exist_ok=True)
        for name in ICONS:
            icon = font_icon(name, dark=dark)
            if icon.isNull() or not icon.pixmap(SIZE, SIZE).save(str(folder / f"{name}.png")):
                print(f"no icon for {name}", file=sys.stderr)
                return 1
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
