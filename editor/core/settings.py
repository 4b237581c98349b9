"""The user's settings: a typed object with defaults, stored as JSON where the platform keeps
configuration (``~/.config/postwright/settings.json`` on Linux).

Unknown or malformed entries fall back to their defaults, so a settings file from another
version never stops the editor from starting.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import platformdirs

from editor.core.files import atomic_write

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
MAX_RECENT = 10


def config_dir() -> Path:
    """Where Postwright keeps its configuration."""
    return Path(platformdirs.user_config_dir("postwright", appauthor=False))


def state_dir() -> Path:
    """Where Postwright keeps state that is not configuration (the recovery journal)."""
    return Path(platformdirs.user_state_dir("postwright", appauthor=False))


@dataclass
class Settings:
    """Everything the settings dialog edits, plus what the window remembers."""

    theme: Theme = "system"
    editor_font_family: str = "monospace"
    editor_font_size: int = 11
    preview_font_size: int = 16
    wrap_lines: bool = True
    allow_remote_images: bool = False
    code_style_light: str = "default"
    code_style_dark: str = "monokai"
    #: underline unknown words as you type
    spell_check: bool = True
    #: the dictionaries, e.g. "en_US,de_DE" ("": the system's language); a post's ``lang``
    #: picks one of its own
    spelling_languages: str = ""
    #: keep the line being written in the middle of the editor
    typewriter_scrolling: bool = False
    #: the site folder last exported to (where the export dialog starts)
    site_folder: str = ""
    recent_files: list[str] = field(default_factory=list)
    #: the site the writer chose for a post that lives in none: post path -> {site, generator}
    post_targets: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the generator the writer picked for a site whose files look like several: root -> name
    site_generators: dict[str, str] = field(default_factory=dict)
    #: the preview shows a site's post in the site's own look (its stylesheet) when it has one
    site_look: bool = False
    #: the stylesheet the writer chose for a site's look: root -> CSS file
    site_stylesheets: dict[str, str] = field(default_factory=dict)
    #: the site open as a whole when Postwright last ran, and its post last opened or saved
    site_root: str = ""
    site_post: str = ""

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files, without duplicates."""
        name = str(path.resolve())
        self.recent_files = [name, *(p for p in self.recent_files if p != name)][:MAX_RECENT]

    def to_json(self) -> str:
        """The settings file's text."""
        return json.dumps(dataclasses.asdict(self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Settings:
        """Settings from a file's text; bad values keep their defaults."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        settings = cls()
        for item in dataclasses.fields(cls):
            if item.name not in data:
                continue
            value: Any = data[item.name]
            default = getattr(settings, item.name)
            if isinstance(default, bool) and not isinstance(value, bool):
                continue
            if (
                isinstance(default, int)
                and not isinstance(default, bool)
                and (not isinstance(value, int) or isinstance(value, bool) or value <= 0)
            ):
                continue
            if isinstance(default, str) and not isinstance(value, str):
                continue
            if isinstance(default, list):
                if not isinstance(value, list):
                    continue
                value = [str(entry) for entry in value if isinstance(entry, str)]
            if isinstance(default, dict):
                if not isinstance(value, dict):
                    continue
                value = {
                    key: _plain(entry)
                    for key, entry in value.items()
                    if isinstance(key, str) and _plain(entry) is not None
                }
            setattr(settings, item.name, value)
        if settings.theme not in THEMES:
            settings.theme = "system"
        return settings


def _plain(value: Any) -> Any:
    """A string, or a mapping of strings to strings; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return dict(value)
    return None


def settings_path() -> Path:
    """The settings file."""
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults."""
    try:
        return Settings.from_json((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically."""
    target = path or settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, settings.to_json().encode("utf-8"))
