"""Find the bundled resources (CSS, templates, icons, the sample post).

In a wheel they live in ``editor/resources``; in a source checkout, in the top-level
``resources/`` folder beside the package.
"""

from __future__ import annotations

from pathlib import Path

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


def spelling_words() -> Path:
    """The words of writing for static sites that dictionaries lack (Eleventy, shortcode...)."""
    return resource_path("spelling", "words.txt")
