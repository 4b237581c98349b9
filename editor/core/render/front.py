"""What a render takes from outside the body: the front matter's title, date and tags, the body's
``# H1`` when there is no title, and where the body starts.

Reading them costs a YAML parse and, without a title, a scan of the body for its first heading.
:meth:`FrontMatter.after` reuses them after an edit that left alone every character they were
read from: the front matter and what follows it up to the first blank line, and the body up to
its first ``# H1``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from editor.core.mdscan import code_line_mask, first_h1
from editor.core.post import Post
from editor.core.postfile import BOM
from editor.core.render.model import TEMPLATES_OFF
from editor.core.render.textedit import Edit

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NOT_BLANK = re.compile(r"\S")
#: lines of the body read at first when looking for its title heading (doubled until found)
_FIRST_LINES = 64


@dataclass(frozen=True)
class FrontMatter:
    """The values a render shows besides the body, and how much of the text decided them."""

    body_offset: int
    body_line: int
    title: str | None
    title_source: str | None
    date: dt.date | dt.datetime | None
    tags: tuple[str, ...]
    path: Path | None
    #: ``text[:read]`` decided everything but the heading title; None: the whole text did
    read: int | None = None
    #: whether the title is the body's first ``# H1``, and how far into the text finding it
    #: read (None: to the end)
    from_heading: bool = False
    heading_read: int | None = None
    #: the front matter turns the generator's template tags off for this post
    #: (``render_with_liquid: false`` and the like, see :mod:`.gensyntax`)
    no_templates: bool = False

    @classmethod
    def of(cls, post: Post) -> FrontMatter:
        """The values of ``post`` (nothing to reuse later)."""
        return cls(
            body_offset=post.body_offset,
            body_line=post.body_line,
            title=post.title,
            title_source=post.title_source,
            date=post.date,
            tags=tuple(post.tags),
            path=post.path,
            no_templates=templates_off(post),
        )

    def after(self, edit: Edit, text: str, path: Path | None) -> FrontMatter | None:
        """The values for ``text``, which is the last text changed by ``edit``, when they can
        be told without reading it again; None otherwise."""
        if self.read is None or edit.start < self.read:
            return None
        values = self if path == self.path else replace(self, path=path)
        if not self.from_heading:
            return values
        if self.heading_read is not None and edit.start > self.heading_read:
            return values
        body = text[self.body_offset :]
        found = _first_heading(body)
        if found is None:
            return replace(values, title=None, title_source=None, heading_read=None)
        title, read = found
        return replace(
            values, title=title, title_source="heading", heading_read=self.body_offset + read
        )


def templates_off(post: Post) -> bool:
    """Whether the post's front matter keeps its generator from running template tags."""
    return any(post.get(key) == value for key, value in TEMPLATES_OFF)


def read_front(text: str, path: Path | None) -> tuple[FrontMatter, Post]:
    """The values for ``text``, read from scratch, and the post they were read from.

    The title is :attr:`Post.title`: the front matter's, else the body's first ``# H1``.
    """
    post = Post.from_text(text, path)
    value = post.get("title")
    title = None if value in (None, "") else str(value)
    front = FrontMatter(
        body_offset=post.body_offset,
        body_line=post.body_line,
        title=title,
        title_source="front matter" if title is not None else None,
        date=post.date,
        tags=tuple(post.tags),
        path=post.path,
        read=_front_read(text, post),
        no_templates=templates_off(post),
    )
    if title is not None:
        return front, post
    found = _first_heading(post.body)
    if found is None:
        return replace(front, from_heading=True), post
    return replace(
        front,
        title=found[0],
        title_source="heading",
        from_heading=True,
        heading_read=post.body_offset + found[1],
    ), post


def _front_read(text: str, post: Post) -> int | None:
    """How much of ``text`` finding and parsing its front matter looked at (an upper bound);
    None when it may have looked at all of it."""
    if text.startswith(BOM) or post.error is not None:
        return None
    block = post.block
    if block is not None and block.format in ("yaml", "toml", "json"):
        return block.end + 1
    # a Pelican header, or none: the reader looks at the first lines, up to a blank one
    first = _NOT_BLANK.search(text)
    if first is None or text[first.start()] == "{":
        return None  # a JSON opener reads on through white space
    start = max(first.start(), block.end - 1 if block is not None else 0)
    gap = _BLANK_LINE.search(text, start)
    return None if gap is None else gap.end() + 1


def _first_heading(body: str) -> tuple[str, int] | None:
    """The body's first ``# H1`` (as :attr:`Post.title` finds it) and the offset up to which
    finding it read the body; the first lines are enough unless the heading is far down."""
    count = _FIRST_LINES
    while True:
        end = _nth_line_end(body, count)
        lines = body[:end].splitlines(keepends=True)  # whole lines: the cut follows a "\n"
        found = first_h1(lines, code_line_mask(lines))
        if found is not None:
            title, index = found
            # the decision read the heading's line and the one after it (a setext underline)
            read = sum(len(line) for line in lines[: index + 2])
            return title, read
        if end >= len(body):
            return None
        count *= 2


def _nth_line_end(text: str, count: int) -> int:
    pos = 0
    for _ in range(count):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return len(text)
    return pos
