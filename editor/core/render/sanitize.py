"""Make a block's HTML safe to show: no scripts, no event handlers, no remote loads.

A post may contain any HTML, and the preview runs in a browser engine. nh3 keeps the harmless
HTML that Markdown and pymdown-extensions produce (admonitions, details, task lists, Pygments
spans, footnotes, math, diagram blocks) and drops the rest; remote images become a placeholder
naming the host, so opening a post never tells a server that it was opened.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import nh3

from editor.core.render.math import ATTRIBUTES as MATH_ATTRIBUTES
from editor.core.render.math import ELEMENTS as MATH_ELEMENTS

_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "input": {"checked", "disabled"},
    "td": {"style", "colspan", "rowspan", "align"},
    "th": {"style", "colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "col": {"span"},
    "colgroup": {"span"},
}

# MathML, as the math module writes it (ammonia keeps it in the MathML namespace)
_TAGS |= MATH_ELEMENTS
_ATTRIBUTES |= {tag: set(MATH_ATTRIBUTES) for tag in MATH_ELEMENTS}

_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    # a diagram block names its kind (editor/core/render/diagrams.py)
    tag_attribute_values={"input": {"type": {"checkbox"}}, "div": {"data-kind": {"mermaid"}}},
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto", "file"},
    link_rel=None,
    strip_comments=True,
)

_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')
_LINK_OR_IMG = re.compile(r"<(a|img)\b([^>]*)>")
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
#: a generator tag's label and arguments (editor/core/render/gensyntax.py): not the post's words
_GEN_LABEL = re.compile(r'<(span|div|code) class="pw-gen-(?:label|args)">[^<]*</\1>')
_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w[\w'’-]*")


def _attrs(tag: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTR.findall(tag)}


def is_remote(url: str) -> bool:
    """An address that would be fetched from the network."""
    lowered = url.strip().lower()
    return lowered.startswith(("http:", "https:", "//"))


def _placeholder(tag: str) -> str:
    attrs = _attrs(tag)
    url = attrs.get("src", "")
    try:
        host = urlsplit(url if "://" in url else "https:" + url).hostname or "another site"
    except ValueError:  # "//[" reads as a broken IPv6 host
        host = "another site"
    alt = attrs.get("alt", "").strip()
    label = f"Remote image from {host}, not loaded"
    if alt:
        label += f": {alt}"
    return (
        f'<span class="pw-remote-image" title="{html.escape(url)}">'
        f"{html.escape(label, quote=False)}</span>"
    )


def clean_html(fragment: str) -> str:
    """``fragment`` with only harmless HTML left (no scripts, handlers or ``javascript:``)."""
    return _CLEANER.clean(fragment)


def hide_remote_images(clean: str) -> str:
    """Replace images that would load from the network with a visible placeholder."""
    if "<img" not in clean:
        return clean
    return _IMG.sub(
        lambda m: (
            _placeholder(m.group()) if is_remote(_attrs(m.group()).get("src", "")) else m.group()
        ),
        clean,
    )


def sanitize(fragment: str, *, allow_remote_images: bool = False) -> str:
    """``fragment`` made safe; remote images replaced unless allowed."""
    clean = clean_html(fragment)
    return clean if allow_remote_images else hide_remote_images(clean)


def count_words(fragment: str) -> int:
    """Words a reader reads: the text outside code blocks; a formula counts as one."""
    if "pw-gen-" in fragment:  # a generator tag's label and arguments
        fragment = _GEN_LABEL.sub(" ", fragment)
    if "<math" in fragment:
        fragment = _MATH.sub(" formula ", fragment)
    text = html.unescape(_TAG.sub(" ", _PRE.sub(" ", fragment)))
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Target:
    """A link or image in sanitised HTML that points into the post's own folder."""

    kind: str  # "image" or "link"
    url: str
    path: str  # the decoded relative path, without query or fragment


@dataclass(frozen=True)
class Image:
    """An image as written, for the missing-alt-text check."""

    src: str
    alt: str


def local_targets(fragment: str) -> list[Target]:
    """Relative links and image sources (absolute and site-root paths cannot be checked)."""
    found: list[Target] = []
    for m in _LINK_OR_IMG.finditer(fragment):
        attrs = _attrs(m.group(2))
        kind = "image" if m.group(1) == "img" else "link"
        url = attrs.get("src" if kind == "image" else "href")
        if not url or url.startswith(("#", "/", "?")):
            continue
        try:
            parts = urlsplit(url)
        except ValueError:  # not a URL at all ("//[" reads as a broken IPv6 host)
            continue
        if parts.scheme or parts.netloc or not parts.path:
            continue
        found.append(Target(kind, url, unquote(parts.path)))
    return found


def images(fragment: str) -> list[Image]:
    """Every image, remote ones included, with its alt text."""
    found: list[Image] = []
    for m in _IMG.finditer(fragment):
        attrs = _attrs(m.group())
        found.append(Image(attrs.get("src", ""), attrs.get("alt", "")))
    return found
