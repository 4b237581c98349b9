"""The values a render produces: plain frozen data, safe to hand to another thread or process."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: where a block draws the end-of-excerpt line: before or after it, or inside it at ``cut``
#: (``inside`` between two of its elements, ``inline`` within its text)
Divider = Literal["", "before", "after", "inside", "inline"]
PatchOp = Literal["insert", "replace", "remove", "lines", "shift"]

EXCERPT_LABEL = "End of the excerpt"

#: generator syntaxes the preview recognises (see :mod:`editor.core.render.gensyntax`)
ALL_SYNTAXES: tuple[str, ...] = ("hugo", "liquid", "hexo", "snippets")
#: the syntaxes each generator runs over a post's body before Markdown; a post in no site
#: ("folder") may be a draft for any of them
SYNTAX_BY_GENERATOR: dict[str, tuple[str, ...]] = {
    "hugo": ("hugo",),
    "jekyll": ("liquid",),
    "eleventy": ("liquid",),
    "hexo": ("hexo",),
    "mkdocs": ("snippets",),
    "folder": ALL_SYNTAXES,
}
#: front matter that keeps Liquid (Jekyll, Eleventy) or Nunjucks (Hexo) off a post's body, so
#: its ``{{ }}`` and ``{% %}`` are text (the export profiles write the same keys)
TEMPLATES_OFF: tuple[tuple[str, object], ...] = (
    ("render_with_liquid", False),
    ("templateEngineOverride", "md"),
    ("disableNunjucks", True),
)


@dataclass(frozen=True)
class RenderOptions:
    """What changes the HTML besides the post itself."""

    #: load ``http(s)`` images; off, they show as a placeholder naming the host
    allow_remote_images: bool = False
    #: a site's own excerpt separators, besides ``<!-- more -->``
    excerpt_separators: tuple[str, ...] = ()
    #: reading speed for :attr:`RenderResult.reading_minutes`
    words_per_minute: int = 220
    #: warn about relative links and images whose file does not exist
    check_local_files: bool = True
    #: generator syntax shown as placeholders (shortcodes, Liquid and Hexo tags, snippets)
    syntaxes: tuple[str, ...] = ALL_SYNTAXES


@dataclass(frozen=True)
class Block:
    """One top-level block of the body.

    ``id`` is derived from the block's source, so it stays the same while the block is not
    edited (the window patches blocks by id). ``line_start``/``line_end`` are 1-based file
    lines, inclusive. ``divider`` draws the end-of-excerpt line before or after the block, or
    inside it: ``cut`` is where its excerpt marker stands in ``html`` (-1 when the block has
    no marker past its start); ``cut_inline`` says that place is within text, not between
    elements.
    """

    id: str
    html: str
    line_start: int
    line_end: int
    divider: Divider = ""
    cut: int = -1
    cut_inline: bool = False

    def element(self) -> str:
        """The block as it appears in the page: a wrapper carrying its id and lines."""
        body = self.html
        divider = self.divider
        if divider in {"inside", "inline"} and 0 <= self.cut <= len(body):
            body = body[: self.cut] + _rule(inline=divider == "inline") + body[self.cut :]
        elif divider == "before":
            body = _rule() + body
        elif divider == "after":
            body += _rule()
        return (
            f'<div class="pw-block" data-block="{html.escape(self.id)}" '
            f'data-line-start="{self.line_start}" data-line-end="{self.line_end}">'
            f"{body}</div>"
        )

    def excerpt_html(self) -> str:
        """The part of ``html`` in the excerpt, for a block the excerpt includes: all of it,
        or up to the divider drawn inside it."""
        if self.divider in {"inside", "inline"} and 0 <= self.cut <= len(self.html):
            return self.html[: self.cut]
        return self.html


def _rule(*, inline: bool = False) -> str:
    """The end-of-excerpt line; within text a ``span`` (styled as a line of its own), so the
    paragraph around it stays one paragraph."""
    tag, kind = ("span", " pw-excerpt-inline") if inline else ("div", "")
    return (
        f'<{tag} class="pw-excerpt-end{kind}" role="separator" '
        f'aria-label="{EXCERPT_LABEL}"><span>{EXCERPT_LABEL}</span></{tag}>'
    )


@dataclass(frozen=True)
class Heading:
    """An outline entry; ``line`` is the 1-based file line of the heading."""

    level: int
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class Warning:  # noqa: A001 - a render warning; only ever used qualified or imported
    """Something the writer probably wants to fix; ``line`` is a 1-based file line."""

    line: int
    message: str
    code: str

    def located(self, path: Path | str | None) -> str:
        """``file:line: message``, the form every command prints."""
        return f"{path if path is not None else '<text>'}:{self.line}: {self.message}"


@dataclass(frozen=True)
class RenderResult:
    """A whole post rendered: body blocks, outline, numbers and warnings."""

    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...] = ()
    word_count: int = 0
    reading_minutes: int = 0
    #: index of the first block after the excerpt; None without an excerpt marker
    excerpt_end: int | None = None
    #: words before the excerpt marker; None without one
    excerpt_words: int | None = None
    warnings: tuple[Warning, ...] = ()
    title: str | None = None
    #: "front matter", "heading" (the body's ``# H1``, so the page does not repeat it) or None
    title_source: str | None = None
    date: dt.date | dt.datetime | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    path: Path | None = None
    #: stands for this result in :attr:`Change.base` (a later result must not keep this one)
    token: object = field(default_factory=object, compare=False, repr=False)
    #: how this result differs from the one its renderer made before, when it knows
    change: Change | None = field(default=None, compare=False, repr=False)

    @property
    def html(self) -> str:
        """The body as page HTML: every block element, in order."""
        return "\n".join(block.element() for block in self.blocks)

    def block_at_line(self, line: int) -> Block | None:
        """The block showing 1-based file ``line`` (for scrolling the preview with the editor)."""
        for block in self.blocks:
            if block.line_start <= line <= block.line_end:
                return block
            if block.line_start > line:
                return block
        return self.blocks[-1] if self.blocks else None


@dataclass(frozen=True)
class Patch:
    """One change to apply to the page in place.

    ``insert``: put ``html`` after the block ``after`` (at the top when ``after`` is None).
    ``replace``: swap the block ``id`` for ``html``. ``remove``: drop block ``id``.
    ``lines``: only the block's source lines moved (text was added or removed above it).
    ``shift``: every block after the block ``after`` (all when None) moved ``delta`` lines.
    """

    op: PatchOp
    id: str | None = None
    html: str = ""
    after: str | None = None
    line_start: int = 0
    line_end: int = 0
    delta: int = 0

    def to_json(self) -> dict[str, object]:
        """The form ``preview.js``'s ``applyPatches`` takes."""
        data: dict[str, object] = {"op": self.op}
        if self.id is not None:
            data["id"] = self.id
        if self.op in ("insert", "replace"):
            data["html"] = self.html
        if self.op in ("insert", "shift"):
            data["after"] = self.after
        if self.op == "lines":
            data["start"] = self.line_start
            data["end"] = self.line_end
        if self.op == "shift":
            data["delta"] = self.delta
        return data


@dataclass(frozen=True)
class Change:
    """The patches that turn the page showing the result ``base`` stands for into this one."""

    base: object
    patches: tuple[Patch, ...]
