"""The preview page: one self-contained HTML document (CSS and script inlined, nothing remote).

The window loads it once and then patches blocks through ``window.postwright.applyPatches``;
``postwright render`` writes the same page to a file. A strict Content-Security-Policy backs
the sanitiser up: only the page's own script (pinned by its hash) may run, and images load
from local files only, unless remote images are allowed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
from functools import lru_cache
from string import Template
from typing import Literal

from editor.core.render.model import RenderResult
from editor.resources import resource_path

Theme = Literal["light", "dark"]
THEMES: tuple[Theme, ...] = ("light", "dark")
#: Pygments style per page theme
PYGMENTS_STYLES: dict[Theme, str] = {"light": "default", "dark": "github-dark"}


def _read(name: str) -> str:
    return resource_path("preview", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> Template:
    return Template(_read("page.html"))


@lru_cache(maxsize=1)
def script() -> str:
    """The page's script (``resources/preview/preview.js``)."""
    return _read("preview.js")


@lru_cache(maxsize=1)
def pygments_css() -> str:
    """Code colours for both themes, each scoped to its ``html[data-theme]``."""
    from pygments.formatters import HtmlFormatter

    parts = []
    for theme in THEMES:
        formatter = HtmlFormatter(style=PYGMENTS_STYLES[theme])
        scope = f':root[data-theme="{theme}"] .highlight'
        parts.append(formatter.get_style_defs(scope))
    return "\n".join(parts)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The page CSS: the article style and the Pygments colours of both themes."""
    return _read("preview.css") + "\n" + pygments_css()


def content_security_policy(*, allow_remote_images: bool = False) -> str:
    """No script but ours, no network unless images are allowed, no plugins, frames, forms."""
    digest = base64.b64encode(hashlib.sha256(script().encode("utf-8")).digest()).decode()
    images = "'self' file: data:" + (" https: http:" if allow_remote_images else "")
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'sha256-{digest}'",
            "style-src 'unsafe-inline'",
            f"img-src {images}",
            "font-src 'self' file:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-src 'none'",
            "object-src 'none'",
        ]
    )


def _date(value: dt.date | dt.datetime) -> str:
    shown = f"{value.day} {value:%B %Y}"
    if isinstance(value, dt.datetime):
        shown += f", {value:%H:%M}"
    return f'<time datetime="{value.isoformat()}">{html.escape(shown)}</time>'


def header_html(result: RenderResult) -> str:
    """Title, date and tags from the front matter. A title taken from the body's ``# H1`` is
    not repeated: the body shows it. The header is always present (maybe hidden) so the window
    can replace it with ``window.postwright.setHeader``."""
    parts: list[str] = []
    if result.title and result.title_source != "heading":
        parts.append(f'<h1 class="pw-title">{html.escape(result.title)}</h1>')
    meta: list[str] = []
    if result.date is not None:
        meta.append(_date(result.date))
    if result.tags:
        tags = "".join(f"<li>{html.escape(tag)}</li>" for tag in result.tags)
        meta.append(f'<ul class="pw-tags" aria-label="Tags">{tags}</ul>')
    if meta:
        parts.append(f'<div class="pw-meta">{"".join(meta)}</div>')
    hidden = "" if parts else " hidden"
    return f'<header class="pw-header"{hidden}>{"".join(parts)}</header>'


def build_page(
    result: RenderResult, *, theme: Theme = "light", allow_remote_images: bool = False
) -> str:
    """The whole page for ``result``."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme '{theme}': use one of {', '.join(THEMES)}")
    title = result.title or (result.path.stem if result.path is not None else "Preview")
    return _template().substitute(
        theme=theme,
        csp=html.escape(content_security_policy(allow_remote_images=allow_remote_images)),
        title=html.escape(title),
        # in a cascade layer, so the site's look (editor/core/sitecss.py) can be layered
        # above it for the article alone
        css=f"@layer pw-page {{\n{stylesheet()}\n}}",
        header=header_html(result),
        body=result.html,
        script=script(),
    )
