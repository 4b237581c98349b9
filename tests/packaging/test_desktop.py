"""Desktop integration: the desktop entry, the AppStream metadata, the icons and their installer.

The freedesktop validators (Debian: desktop-file-utils, appstream) run when installed; without
them those tests are skipped, except in CI (``CI`` set), which installs them and must run them.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.postwright.Postwright"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
INSTALLER = ROOT / "packaging" / "install-desktop.sh"


def tool(name: str, package: str) -> str:
    """The tool's path; skip without it (fail in CI, which installs it)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian package {package})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    return path


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def source_version() -> str:
    text = (ROOT / "editor" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert match is not None
    return match.group(1)


# ---------------------------------------------------------------------------- desktop entry


def test_desktop_entry_says_what_the_app_is() -> None:
    entry = desktop_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Postwright"
    assert entry["Exec"] == "postwright %F"
    assert entry["Icon"] == APP_ID
    assert entry["Categories"].split(";")[:2] == ["Office", "TextEditor"]
    assert "text/markdown" in entry["MimeType"].split(";")
    assert entry["Terminal"] == "false"


def test_desktop_entry_validates() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run(
        [validate, str(DESKTOP)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


# ---------------------------------------------------------------------------- AppStream


def test_metainfo_describes_the_release_and_the_launcher() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert root.findtext("provides/binary") == "postwright"
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    assert root.findall("description/p")
    screenshot = root.find("screenshots/screenshot[@type='default']/image")
    assert screenshot is not None
    assert (screenshot.text or "").startswith("https://")
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == source_version(), "add the new release to the metainfo"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))
    assert newest.findall("description/*")


def test_metainfo_validates() -> None:
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------- icons


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_every_icon_size_is_there() -> None:
    for size in SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png) == (size, size)
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ICONS / "postwright.svg").read_bytes()


def test_icons_are_rendered_from_the_current_svg() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------- installer


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A stand-in for the program, in a folder whose name needs quoting in Exec."""
    folder = tmp_path / "my apps"
    folder.mkdir()
    path = folder / "postwright"
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(INSTALLER), *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_install_desktop_puts_every_file_in_place_and_removes_them(
    tmp_path: Path, program: Path
) -> None:
    share = tmp_path / "prefix" / "share"
    result = install("--data-dir", str(share), "--exec", str(program))
    assert result.returncode == 0, result.stderr
    entry = desktop_entry(share / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{program}" %F'
    assert entry["TryExec"] == str(program)
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    for size in SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()

    result = install("--data-dir", str(share), "--uninstall")
    assert result.returncode == 0, result.stderr
    left = [path for path in share.rglob(f"{APP_ID}*") if path.is_file()]
    assert left == []


def test_install_desktop_refuses_a_missing_program(tmp_path: Path) -> None:
    result = install("--data-dir", str(tmp_path / "share"), "--exec", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "not an executable program" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()


def test_installed_tree_validates(tmp_path: Path, program: Path) -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    appstreamcli = tool("appstreamcli", "appstream")
    prefix = tmp_path / "prefix"
    assert install("--data-dir", str(prefix / "share"), "--exec", str(program)).returncode == 0
    installed_entry = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(
        [validate, str(installed_entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # the metadata, its desktop entry and its icon, checked together as a distribution would
    result = subprocess.run(
        [appstreamcli, "validate-tree", "--no-net", str(prefix)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
