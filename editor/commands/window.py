"""``postwright [FILE...]``: open the editor window, the only command that loads Qt."""

from __future__ import annotations

from collections.abc import Sequence


def run(files: Sequence[str]) -> int:
    """Open a window on ``files`` (the sample post when there are none)."""
    from editor.gui.app import run_app

    return run_app(list(files))
