"""How WebEngine is set up before the application starts: the switches, the software renderer
without a GPU, the user's own settings kept."""

from __future__ import annotations

from pathlib import Path

from editor.gui.webengine import (
    FLAGS_VARIABLE,
    SWITCHES,
    chromium_switches,
    prepare_environment,
    software_rendering,
)


def _dri(tmp_path: Path, *, gpu: bool) -> Path:
    folder = tmp_path / "dri"
    folder.mkdir()
    if gpu:
        (folder / "renderD128").touch()
    return folder


def test_no_render_node_means_software_rendering(tmp_path: Path) -> None:
    assert software_rendering({"QT_QPA_PLATFORM": "xcb"}, _dri(tmp_path, gpu=False))


def test_a_render_node_means_a_gpu(tmp_path: Path) -> None:
    dri = _dri(tmp_path, gpu=True)
    assert not software_rendering({"QT_QPA_PLATFORM": "xcb"}, dri)
    assert software_rendering({"QT_QPA_PLATFORM": "offscreen"}, dri)
    assert software_rendering({"LIBGL_ALWAYS_SOFTWARE": "1"}, dri)


def test_the_users_switches_come_first_and_win() -> None:
    assert chromium_switches("") == " ".join(SWITCHES)
    mine = chromium_switches("--disable-background-networking=0 --user-flag")
    assert mine.split()[:2] == ["--disable-background-networking=0", "--user-flag"]
    assert mine.count("--disable-background-networking") == 1


def test_prepare_environment_without_a_gpu() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", FLAGS_VARIABLE: "--user-flag"}
    prepare_environment(env)
    assert env["QT_QUICK_BACKEND"] == "software"
    assert "QT_XCB_GL_INTEGRATION" not in env  # not the X11 platform
    assert env[FLAGS_VARIABLE].startswith("--user-flag")
    again = dict(env)
    prepare_environment(again)
    assert again == env


def test_prepare_environment_keeps_what_is_set() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "rhi"}
    prepare_environment(env)
    assert env["QT_QUICK_BACKEND"] == "rhi"
