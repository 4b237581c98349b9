"""Hatchling build hook: the wheel and the source distribution carry the pinned mermaid build.

``resources/vendor/mermaid/`` is git-ignored and filled by packaging/fetch_mermaid.py (from the
npm registry, checked against the pinned integrity, cached outside the checkout). This hook
runs it before a wheel or sdist is built, so one built from a clean clone holds the build and
its licence (pyproject.toml's force-include takes ``resources/`` whole); an sdist carries them,
so a wheel built from it needs no network. Editable installs read the checkout's resources,
which `make` fills.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _fetcher(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location(
        "postwright_fetch_mermaid", root / "packaging" / "fetch_mermaid.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("packaging/fetch_mermaid.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class VendorHook(BuildHookInterface):
    """Fetch the vendored mermaid build into the tree before building."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Fetch; an sdist also force-includes the (git-ignored) files."""
        if self.target_name == "wheel" and version == "editable":
            return
        root = Path(self.root)
        fetch = _fetcher(root)
        dest = root / "resources" / "vendor" / "mermaid"
        try:
            fetch.fetch(dest)
        except (fetch.FetchError, OSError) as error:
            raise RuntimeError(
                f"the mermaid build for the preview's diagrams could not be fetched: {error}"
            ) from error
        if self.target_name == "sdist":
            for name in fetch.FILES:
                build_data["force_include"][str(dest / name)] = f"resources/vendor/mermaid/{name}"
