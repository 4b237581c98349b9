"""Settings survive a round trip and shrug off bad files."""

from __future__ import annotations

from pathlib import Path

from editor.core.settings import Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    settings = Settings(theme="dark", editor_font_size=14, allow_remote_images=True)
    settings.add_recent(tmp_path / "a.md")
    settings.add_recent(tmp_path / "b.md")
    settings.add_recent(tmp_path / "a.md")
    save_settings(settings, tmp_path / "s.json")
    loaded = load_settings(tmp_path / "s.json")
    assert loaded == settings
    assert loaded.recent_files == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]


def test_bad_values_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"theme": "neon", "editor_font_size": -3, "wrap_lines": "yes", "x": 1}')
    assert load_settings(path) == Settings()
    path.write_text("not json")
    assert load_settings(path) == Settings()
    assert load_settings(tmp_path / "missing.json") == Settings()
