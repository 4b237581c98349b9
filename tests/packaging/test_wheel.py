"""The wheel: what goes in it, and a `postwright` installed from it that works.

The wheel is built from this checkout into a temporary folder and installed with ``--no-deps``
into a fresh virtual environment. Its dependencies come from the environment running the
tests, through a ``.pth`` line naming that environment's site-packages (processed after the
new venv's own, and without that folder's own ``.pth`` files, so the checkout's editable
install cannot shadow the wheel). No network is needed when hatchling is installed; otherwise
pip fetches it once into its cache.
"""

from __future__ import annotations

import email
import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.postwright.Postwright"
SAMPLE = "editor/resources/sample/welcome-to-postwright.md"
REQUIRED = [
    "editor/__init__.py",
    "editor/__main__.py",
    "editor/cli.py",
    "editor/resources.py",
    "editor/gui/app.py",
    "editor/resources/preview/page.html",
    "editor/resources/preview/preview.css",
    "editor/resources/preview/preview.js",
    "editor/resources/preview/diagrams.js",
    # the mermaid build, fetched by the build hook (packaging/hatch_build.py)
    "editor/resources/vendor/mermaid/mermaid.min.js",
    "editor/resources/vendor/mermaid/LICENSE",
    "editor/resources/vendor/mermaid/VERSION",
    SAMPLE,
    "editor/resources/icons/postwright.svg",
    f"editor/resources/icons/hicolor/scalable/apps/{APP_ID}.svg",
    *(
        f"editor/resources/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        for size in (16, 22, 24, 32, 48, 64, 128, 256, 512)
    ),
]

pytestmark = pytest.mark.slow


def source_version() -> str:
    text = (ROOT / "editor" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert match is not None
    return match.group(1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the checkout."""
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-build-isolation")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([*command, str(ROOT)], check=True, timeout=300, env=env, capture_output=True)
    (built,) = out.glob("postwright-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel, with this environment's packages beneath it."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=False)
    python = home / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        check=True, timeout=300, capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(purelib) / "_postwright_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return home


def run(home: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [str(home / "bin" / args[0]), *args[1:]],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_wheel_holds_the_package_and_resources_only(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in REQUIRED if name not in names] == []
    tops = {name.split("/")[0] for name in names}
    data = f"postwright-{source_version()}.data"
    assert tops == {"editor", f"postwright-{source_version()}.dist-info", data}
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert not [name for name in names if re.search(r"(^|/)(tests|bench|packaging)/", name)]
    # `pip install --user` puts the desktop integration where the desktop looks
    shared = f"{data}/data/share"
    assert f"{shared}/applications/{APP_ID}.desktop" in names
    assert f"{shared}/metainfo/{APP_ID}.metainfo.xml" in names
    assert f"{shared}/icons/hicolor/scalable/apps/{APP_ID}.svg" in names
    assert f"{shared}/icons/hicolor/256x256/apps/{APP_ID}.png" in names


def test_wheel_metadata(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    info = f"postwright-{source_version()}.dist-info"
    metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
    assert metadata["Version"] == source_version()
    requires = " ".join(metadata.get_all("Requires-Dist") or [])
    for name in ("PySide6", "markdown", "pymdown-extensions", "PyYAML", "nh3", "platformdirs"):
        assert name.lower() in requires.lower()
    entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert "postwright = editor.__main__:main" in entry_points


def test_installed_wheel_runs_from_its_own_files(installed: Path, tmp_path: Path) -> None:
    where = run(
        installed, "python", "-c",
        "import editor, editor.resources as r; print(editor.__file__); print(r.resources_dir())",
        cwd=tmp_path,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    package_file, resources = where.stdout.split()
    assert Path(package_file).is_relative_to(installed)
    assert Path(resources).is_relative_to(installed)
    assert Path(resources, "icons", "postwright.svg").is_file()

    version = run(installed, "postwright", "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"postwright {source_version()}"

    sample = Path(resources) / "sample" / "welcome-to-postwright.md"
    page = tmp_path / "page.html"
    rendered = run(installed, "postwright", "render", str(sample), "-o", str(page), cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    html = page.read_text(encoding="utf-8")
    assert "Notes from a Lighthouse Keeper" in html
    assert "<style" in html  # the preview CSS, read from the wheel, is inlined

    checked = run(installed, "postwright", "check", str(sample), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_installed_wheel_opens_the_window(installed: Path, tmp_path: Path) -> None:
    """The window on the wheel's sample post, offscreen, until the preview's first render."""
    smoke = ROOT / "packaging" / "smoke_window.py"
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "PYTHONPATH" and not key.startswith("PYTEST")
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [str(installed / "bin" / "python"), str(smoke), "--timeout", "60"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert 'preview heading: "Notes from a Lighthouse Keeper\'s Blog"' in result.stdout
