"""The site the writer chose for a post that lives in none, as the settings remember it.

Kept apart from :mod:`editor.app.workspace` (and its journal) so that the start's render
helper (:mod:`editor.app.prerender`) can read it without loading them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.target import TargetChoice

if TYPE_CHECKING:
    from editor.core.settings import Settings


def settings_key(path: Path) -> str:
    """How the settings name a file or folder: its resolved path."""
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def remembered_choice(settings: Settings, path: Path | None) -> TargetChoice | None:
    """The site the writer chose for the post at ``path``, as ``settings`` remember it."""
    if path is None:
        return None
    stored = settings.post_targets.get(settings_key(path))
    return TargetChoice.from_json(stored) if isinstance(stored, dict) else None
