"""The post: a markdown file with optional front matter, loaded and saved without loss.

A :class:`Post` keeps the file's exact text. Saving an unedited post writes the bytes it was
loaded from; an edit of one front matter key rewrites only that key's lines. Values are read
for display and export; the text stays the source of truth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from editor.core import frontmatter as fmt
from editor.core.errors import PostError
from editor.core.fields import ALIASES
from editor.core.files import atomic_write
from editor.core.mdscan import code_line_mask, first_h1
from editor.core.postfile import BOM, decode, read_post_bytes
from editor.core.textlines import dominant_newline, to_lf

TitleSource = Literal["front matter", "heading"]

_YAML_OPEN = re.compile(r"---[ \t]*(?:\r?\n|$)")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r?\n|$)")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_LEADING_BLANKS = re.compile(r"(?:[ \t]*\r?\n)+")
_JSON_OPEN = re.compile(r"\{\s*(?:\"|\})")


@dataclass(frozen=True)
class Block:
    """Where the front matter sits in the text: ``text[start:end]`` is the whole block with its
    delimiters, ``text[inner_start:inner_end]`` what is between them."""

    format: fmt.Format
    start: int
    inner_start: int
    inner_end: int
    end: int


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_block(text: str) -> tuple[Block | None, PostError | None]:
    """Locate the front matter block, or say why the opening delimiter is never closed.

    Blank lines before a ``---`` or ``+++`` opener are allowed, as Hugo and Zola allow them.
    """
    lead = _LEADING_BLANKS.match(text)
    start = lead.end() if lead else 0
    for fmt_name, opener, closer in (
        ("yaml", _YAML_OPEN, _YAML_CLOSE),
        ("toml", _TOML_OPEN, _TOML_CLOSE),
    ):
        opened = opener.match(text, start)
        if not opened:
            continue
        closed = closer.search(text, opened.end())
        delimiter = text[start : opened.end()].strip()
        if closed is None:
            line = _line_of(text, start)
            return None, PostError(
                f"the front matter opened with '{delimiter}' on line {line} is never closed: "
                f"add a line '{delimiter}' after the last key",
                line=line,
                column=1,
            )
        block = Block(fmt_name, start, opened.end(), closed.start(), closed.end())  # type: ignore[arg-type]
        return block, None
    if _JSON_OPEN.match(text):
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except RecursionError:
            return None, fmt.too_deep(text)
        except json.JSONDecodeError as exc:
            return None, PostError(
                f"the JSON front matter is not valid: {exc.msg}", line=exc.lineno, column=exc.colno
            )
        block_end = end
        newline = re.compile(r"[ \t]*\r?\n").match(text, end)
        if newline:
            block_end = newline.end()
        return Block("json", 0, 0, end, block_end), None
    lines = text.splitlines(keepends=True)
    count = fmt.is_pelican_header(lines)
    if count:
        end = sum(len(line) for line in lines[:count])
        return Block("pelican", 0, 0, end, end), None
    return None, None


@dataclass(frozen=True, eq=False)
class Post:
    """A post's exact text and what can be read from it.

    Build one with :meth:`from_text` or :func:`load_post`. Edits return a new Post.
    """

    text: str
    path: Path | None = None
    bom: bool = False
    block: Block | None = None
    error: PostError | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ building

    @classmethod
    def from_text(cls, text: str, path: str | Path | None = None, *, bom: bool = False) -> Post:
        """Parse ``text``. Malformed front matter does not raise: it lands in :attr:`error`,
        and the text is kept whole so nothing is lost."""
        if text.startswith(BOM):
            text, bom = text[1:], True
        the_path = Path(path) if path is not None else None
        block, error = find_block(text)
        meta: dict[str, Any] = {}
        if block is not None:
            try:
                meta = fmt.parse_block(block.format, text[block.inner_start : block.inner_end])
            except PostError as exc:
                error = exc.shifted(_line_of(text, block.inner_start) - 1)
        if error is not None:
            error = error.located(the_path)
        return cls(text, the_path, bom, block, error, meta)

    def to_bytes(self) -> bytes:
        """The file's bytes: the same bytes as loaded when nothing was edited."""
        return ((BOM if self.bom else "") + self.text).encode("utf-8", "surrogateescape")

    # ------------------------------------------------------------------ parts

    @property
    def format(self) -> fmt.Format | None:
        """The front matter format, or None when the post has none."""
        return self.block.format if self.block else None

    @property
    def front_matter(self) -> str:
        """The raw text of the front matter block, delimiters included."""
        return self.text[: self.block.end] if self.block else ""

    @property
    def body_offset(self) -> int:
        """Where the body starts in :attr:`text`."""
        return self.block.end if self.block else 0

    @property
    def body(self) -> str:
        """The markdown after the front matter, exactly as in the file."""
        return self.text[self.body_offset :]

    @property
    def body_line(self) -> int:
        """The 1-based file line on which the body starts."""
        return _line_of(self.text, self.body_offset)

    @property
    def newline(self) -> str:
        """The file's line ending, used for lines Postwright writes."""
        return dominant_newline(self.text)

    @cached_property
    def _body_lines(self) -> list[str]:
        return self.body.splitlines(keepends=True)

    @cached_property
    def _body_code_mask(self) -> list[bool]:
        return code_line_mask(self._body_lines)

    # ------------------------------------------------------------------ values

    def get(self, key: str, default: Any = None) -> Any:
        """A front matter value; keys of a Pelican header match case-insensitively."""
        if key in self.meta:
            return self.meta[key]
        if self.format == "pelican":
            for name, value in self.meta.items():
                if name.lower() == key.lower():
                    return value
        return default

    def _first(self, *keys: str) -> Any:
        for key in keys:
            value = self.get(key)
            if value not in (None, ""):
                return value
        return None

    @cached_property
    def _heading(self) -> tuple[str, int] | None:
        return first_h1(self._body_lines, self._body_code_mask)

    @property
    def title(self) -> str | None:
        """The front matter ``title``, else the text of the body's first ``# H1``."""
        value = self._first("title")
        if value is not None:
            return str(value)
        return self._heading[0] if self._heading else None

    @property
    def title_source(self) -> TitleSource | None:
        """Where :attr:`title` came from."""
        if self._first("title") is not None:
            return "front matter"
        return "heading" if self._heading else None

    @property
    def title_line(self) -> int | None:
        """The 1-based file line of the ``# H1`` the title came from, if it came from one."""
        if self.title_source != "heading" or self._heading is None:
            return None
        return self.body_line + self._heading[1]

    @property
    def date_value(self) -> Any:
        """The raw date value as written (``date``, Astro's ``pubDate``, MkDocs' ``created``)."""
        value = self._first(*ALIASES["date"])
        if isinstance(value, dict):  # MkDocs Material: date: {created: ..., updated: ...}
            return value.get("created")
        return value

    @property
    def date(self) -> dt.date | dt.datetime | None:
        """The post's date as a date, or a datetime keeping its time zone; None if absent or
        unreadable (see :func:`parse_date` for the message)."""
        value = self.date_value
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            return None

    @property
    def tags(self) -> list[str]:
        """Tags, from a list or a comma-separated string (Zola: ``[taxonomies] tags``)."""
        value = self.get("tags")
        if value is None and isinstance(self.get("taxonomies"), dict):
            value = self.get("taxonomies").get("tags")
        return _as_list(value)

    @property
    def categories(self) -> list[str]:
        """Categories; Pelican's single ``Category`` counts as a list of one."""
        value = self._first(*ALIASES["categories"])
        if value is None and isinstance(self.get("taxonomies"), dict):
            value = self.get("taxonomies").get("categories")
        return _as_list(value)

    @property
    def draft(self) -> bool:
        """True for ``draft: true``, ``published: false`` (Jekyll, Hexo) or ``Status: draft``."""
        if _truthy(self.get("draft")):
            return True
        if self.get("published") is False or str(self.get("published", "")).lower() == "false":
            return True
        return str(self.get("status", "")).strip().lower() == "draft"

    @property
    def slug(self) -> str | None:
        """The ``slug`` as written, if any."""
        value = self.get("slug")
        return str(value) if value not in (None, "") else None

    @property
    def description(self) -> str | None:
        """``description``, else ``summary``."""
        value = self._first(*ALIASES["description"])
        return str(value) if value is not None else None

    @property
    def authors(self) -> list[str]:
        """``authors`` (a list or a comma list), else ``author``."""
        return _as_list(self._first(*ALIASES["authors"]))

    # ------------------------------------------------------------------ edits

    @cached_property
    def duplicate_keys(self) -> list[fmt.Duplicate]:
        """Keys written twice in one YAML mapping, with 1-based file lines (generators either
        refuse such a post, as Hugo does, or keep only the last value)."""
        if self.block is None or self.block.format != "yaml" or self.error is not None:
            return []
        shift = _line_of(self.text, self.block.inner_start) - 1
        inner = self.text[self.block.inner_start : self.block.inner_end]
        return [
            dataclasses.replace(dup, first=dup.first + shift, line=dup.line + shift)
            for dup in fmt.yaml_duplicates(to_lf(inner))
        ]

    def _require_editable(self, key: str | None = None) -> None:
        if self.error is not None:
            raise PostError(
                f"the front matter cannot be edited until it is fixed ({self.error.message})",
                self.path,
                self.error.line,
                self.error.column,
            )
        for dup in self.duplicate_keys:
            if dup.top and dup.key == key:
                raise PostError(
                    f"'{dup.key}' is written twice, on lines {dup.first} and {dup.line}: "
                    "remove one of them before editing it",
                    self.path,
                    dup.line,
                )

    def _with_text(self, text: str) -> Post:
        return Post.from_text(text, self.path, bom=self.bom)

    def with_value(self, key: str, value: Any) -> Post:
        """A copy with one front matter key set: only that key's lines change.

        A post without front matter gets a YAML block holding just this key.
        """
        self._require_editable(key)
        if self.block is None:
            new_inner = fmt.edit_block("yaml", "", key, value)
            nl = self.newline
            block = "---" + nl + new_inner.replace("\n", nl) + "---" + nl
            return self._with_text(block + self.text)
        inner = self.text[self.block.inner_start : self.block.inner_end]
        new_inner = fmt.edit_block(self.block.format, inner, key, value)
        if new_inner == inner:
            return self
        text = self.text[: self.block.inner_start] + new_inner + self.text[self.block.inner_end :]
        return self._with_text(text)

    def without(self, key: str) -> Post:
        """A copy without ``key`` (matched case-insensitively in a Pelican header)."""
        self._require_editable(key)
        if self.block is None:
            return self
        name = next((k for k in self.meta if k.lower() == key.lower()), key)
        if name not in self.meta:
            return self
        inner = self.text[self.block.inner_start : self.block.inner_end]
        new_inner = fmt.edit_block(self.block.format, inner, name, None, remove=True)
        text = self.text[: self.block.inner_start] + new_inner + self.text[self.block.inner_end :]
        return self._with_text(text)

    def with_body(self, body: str) -> Post:
        """A copy with a new body and the same front matter bytes."""
        return self._with_text(self.text[: self.body_offset] + body)

    def save(self, path: str | Path | None = None) -> Post:
        """Write the post atomically to ``path`` (default: where it came from)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise PostError("the post has no file yet: choose where to save it")
        atomic_write(target, self.to_bytes())
        return self if target == self.path else Post.from_text(self.text, target, bom=self.bom)

    def key_line(self, key: str) -> int | None:
        """The 1-based file line where top-level ``key`` is written, if it is."""
        if self.block is None:
            return None
        inner = self.text[self.block.inner_start : self.block.inner_end]
        first = _line_of(self.text, self.block.inner_start)
        pattern = re.compile(rf"^[\"']?{re.escape(key)}[\"']?\s*[:=]", re.IGNORECASE)
        for number, line in enumerate(inner.splitlines()):
            if pattern.match(line):
                return first + number
        return None


def load_post(path: str | Path) -> Post:
    """Read a post file. Raises :class:`PostError` for a binary, non-UTF-8, oversized or
    non-regular file (the bytes on disk are untouched); malformed front matter is reported in
    :attr:`Post.error` instead."""
    the_path = Path(path)
    text, bom = decode(read_post_bytes(the_path), the_path)
    return Post.from_text(text, the_path, bom=bom)


# ---------------------------------------------------------------------- value helpers


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item not in (None, "")]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return bool(value)


_JEKYLL_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2}:?\d{2}|Z)?$"
)


def parse_date(value: Any) -> dt.date | dt.datetime:
    """A date or datetime from a front matter value: YAML/TOML dates, ISO 8601 strings, Jekyll's
    ``2024-12-12 09:30:00 +0100`` and Pelican's ``2024-12-12 09:30``. Raises ValueError with a
    plain message for anything else."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"'{value}' is not a date")  # noqa: TRY004 - callers catch ValueError
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a real date") from None
    match = _JEKYLL_DATE.match(text)
    if match:
        day, clock, zone = match.groups()
        if len(clock.split(":")[0]) == 1:
            clock = "0" + clock
        zone = zone or ""
        if zone and zone != "Z" and ":" not in zone:
            zone = zone[:3] + ":" + zone[3:]
        try:
            return dt.datetime.fromisoformat(f"{day}T{clock}{zone}")
        except ValueError:
            raise ValueError(f"'{text}' is not a real date and time") from None
    for form in ("%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(
        f"'{text}' is not a date; write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM with a time"
    )
