"""Find the bundled resources (CSS, templates, icons, the sample post).

In a wheel they live in ``editor/resources``; in a source checkout, in the top-level
``resources/`` folder beside the package.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding the bundled resources."""
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of one bundled resource, e.g. ``resource_path("sample", "welcome.md")``."""
    return resources_dir().joinpath(*parts)


def sample_post() -> Path:
    """The post `make run` opens."""
    return resource_path("sample", "welcome-to-postwright.md")


def sample_copy(folder: Path | None = None) -> Path | None:
    """The sample post as the writer's own file, to edit and save without touching the
    installed package: ``Postwright/`` in the documents folder (or ``folder``). It is copied
    once; an existing copy is the writer's and is opened as it is. None when it cannot be
    written."""
    folder = folder or Path(platformdirs.user_documents_dir()) / "Postwright"
    target = folder / sample_post().name
    if target.is_file():
        return target
    try:
        data = sample_post().read_bytes()
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:
            handle.write(data)
    except FileExistsError:
        return target if target.is_file() else None
    except OSError:
        return None
    return target


def spelling_words() -> Path:
    """The words of writing for static sites that dictionaries lack (Eleventy, shortcode...)."""
    return resource_path("spelling", "words.txt")
