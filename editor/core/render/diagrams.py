"""Diagram blocks: a ```` ```mermaid ```` fence becomes a block that holds its source.

The HTML is plain and script-free (``postwright render`` shows the source as code); the
window's preview draws each block with the mermaid build that ships with Postwright, in its
own script world (see ``resources/preview/diagrams.js``). Where that build is missing, the
preview says so on the block and the source stays readable.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from editor.resources import resource_path

#: the fence names drawn as diagrams (``data-kind`` on the block)
KINDS = ("mermaid",)
#: the block's element and classes, as the sanitiser and the preview's script know them
BLOCK_CLASS = "pw-diagram"
SOURCE_CLASS = "pw-diagram-source"

_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")


def diagram_html(source: str, kind: str) -> str:
    """The block for a diagram's ``source``: its kind, and the source as escaped code."""
    code = html.escape(source, quote=False)
    return (
        f'<div class="{BLOCK_CLASS}" data-kind="{kind}">'
        f'<pre class="{SOURCE_CLASS}"><code>{code}</code></pre></div>'
    )


def _format(
    source: str,
    language: str,
    _class_name: str,
    _options: dict[str, Any],
    _md: Any,
    **_kwargs: Any,
) -> str:
    """pymdownx.superfences' formatter for the diagram fences."""
    return diagram_html(source.rstrip("\n"), language)


def custom_fences() -> list[dict[str, Any]]:
    """The ``custom_fences`` entries of pymdownx.superfences for the diagram kinds."""
    return [{"name": kind, "class": BLOCK_CLASS, "format": _format} for kind in KINDS]


# ---------------------------------------------------------------------------- the mermaid build


@dataclass(frozen=True)
class MermaidBuild:
    """The vendored mermaid build: its script, licence and version."""

    folder: Path

    @property
    def script(self) -> Path:
        """The self-contained browser build (``dist/mermaid.min.js`` of the npm package)."""
        return self.folder / "mermaid.min.js"

    @property
    def licence(self) -> Path:
        """mermaid's LICENSE file, as the npm package ships it."""
        return self.folder / "LICENSE"

    @property
    def version(self) -> str | None:
        """The version fetched, from the folder's ``VERSION`` file; None when unreadable."""
        try:
            text = (self.folder / "VERSION").read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return text if _VERSION.match(text) else None

    def missing(self) -> str | None:
        """Why the preview cannot draw diagrams, or None when the build is there."""
        if not self.script.is_file():
            return (
                "this copy of Postwright was installed without its mermaid build "
                f"({self.script} is missing; `make vendor` fetches it into a source checkout)"
            )
        return None

    def read_script(self) -> str:
        """The build's text (megabytes: read only when a page first has a diagram)."""
        return _read(self.script)


@lru_cache(maxsize=2)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def preview_script() -> str:
    """The preview's diagram script (``resources/preview/diagrams.js``)."""
    return resource_path("preview", "diagrams.js").read_text(encoding="utf-8")


def mermaid_build() -> MermaidBuild:
    """The mermaid build among the resources (``resources/vendor/mermaid/``)."""
    return MermaidBuild(resource_path("vendor", "mermaid"))


def credits_html() -> str:
    """A paragraph for the About box naming mermaid, its version and its licence."""
    build = mermaid_build()
    if build.missing() is not None:
        return (
            "<p>Diagrams in the preview are drawn with mermaid (MIT licence), which this "
            "installation does not include.</p>"
        )
    name = f"mermaid {build.version}" if build.version else "mermaid"
    try:
        licence = build.licence.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        licence = ""
    notice = next(
        (line.strip() for line in licence.splitlines() if line.startswith("Copyright")), ""
    )
    parts = ["MIT licence"]
    if notice:
        parts.append(html.escape(notice))
    if licence:
        url = html.escape(build.licence.resolve().as_uri())
        parts.append(f'<a href="{url}">the licence</a>')
    return (
        f"<p>Diagrams in the preview are drawn with {html.escape(name)} ({'; '.join(parts)}).</p>"
    )
