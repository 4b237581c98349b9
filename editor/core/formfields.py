"""What the front matter form shows and which key each of its edits writes, decided without Qt.

Generators spell the common fields their own way: Pelican's ``Category`` holds one string,
Astro dates are ``pubDate``, Jekyll marks drafts with ``published: false``, Zola keeps tags
under ``[taxonomies]``. An edit from the form must keep the writer's spelling and shape, so
every such decision lives here, where it is tested without a display, and the widgets stay
thin.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from editor.core.errors import PostError
from editor.core.fields import ALIASES, PELICAN_KEYS, Field
from editor.core.frontmatter import jsonable, parse_yaml_value
from editor.core.post import Post
from editor.core.slug import make_slug

TokenField = Literal["tags", "categories", "authors"]
#: the key each field gets in a post that has none of its spellings yet (from the target)
NewKeys = Mapping[Field, str]
#: the fields the form shows (the last-modified date stays in the table of other keys)
FORM_FIELDS: tuple[Field, ...] = (
    "title", "date", "draft", "slug", "description", "tags", "categories", "authors", "image",
)  # fmt: skip

DESCRIPTION_LIMIT = 160  # characters search engines show before cutting a description short

_SINGULAR = frozenset({"category", "author"})
_TAXONOMIES = "taxonomies"


@dataclass(frozen=True)
class Edit:
    """One change to the front matter: set ``key`` to ``value``, or remove ``key``."""

    key: str
    value: Any = None
    remove: bool = False


# --------------------------------------------------------------------------- keys


def existing_key(post: Post, field: Field) -> str | None:
    """The key, spelled as in the post, that ``field`` reads from; None when the post has none.

    Pelican headers match keys case-insensitively, as Pelican does.
    """
    for alias in ALIASES[field]:
        if alias in post.meta:
            return alias
        if post.format == "pelican":
            for name in post.meta:
                if name.lower() == alias.lower():
                    return name
    return None


def field_key(post: Post, field: Field, *, keys: NewKeys | None = None) -> str:
    """The key an edit of ``field`` writes: the post's own spelling, else the one its site's
    generator reads (``keys``, from the post's target), else the usual one."""
    found = existing_key(post, field)
    if found is not None:
        return found
    if keys and field in keys:
        return keys[field]
    if post.format == "pelican":
        return PELICAN_KEYS[field]
    return ALIASES[field][0]


def _taxonomies(post: Post) -> dict[str, Any] | None:
    """Zola's ``[taxonomies]`` table, where a Zola post keeps its tags and categories."""
    value = post.get(_TAXONOMIES)
    return value if isinstance(value, dict) else None


def consumed_keys(post: Post) -> set[str]:
    """The keys the form's own fields show, so the table of other keys leaves them out."""
    # only the key a field reads is left out: a second spelling (``summary`` beside
    # ``description``, ``published`` beside ``draft``) stays in the table, where it is seen
    return {key for field in FORM_FIELDS if (key := existing_key(post, field)) is not None}


# --------------------------------------------------------------------------- text fields


def shown_text(post: Post, field: Literal["title", "slug", "description"]) -> str:
    """The text a plain text field shows: the value under the field's key, or nothing; a YAML
    block scalar's closing newline is not part of what the writer reads."""
    key = existing_key(post, field)
    value = post.get(key) if key is not None else None
    return "" if value is None else str(value).rstrip("\n")


def text_edit(
    post: Post,
    field: Literal["title", "slug", "description"],
    text: str,
    *,
    keys: NewKeys | None = None,
) -> Edit | None:
    """The edit for a text field the writer finished: None when nothing changed, a removal
    when the field was emptied (an empty title is worse than none)."""
    text = text.strip()
    key = field_key(post, field, keys=keys)
    if text == shown_text(post, field).strip():
        return None
    if not text:
        return Edit(key, remove=True) if existing_key(post, field) is not None else None
    old = post.get(key)
    if isinstance(old, str) and old.endswith("\n") and "\n" in text:
        text += "\n"  # keeps a YAML block scalar's "|" rather than turning it into "|-"
    return Edit(key, text)


def slug_suggestion(title: str | None) -> str:
    """The slug a generator derives from ``title`` when the post names none."""
    return make_slug(title) if title else ""


def slug_follows_title(post: Post) -> bool:
    """True while the slug is derived from the title: absent, or equal to the title's slug."""
    slug = post.slug
    return slug is None or slug == slug_suggestion(post.title)


def slug_edit_for_title(post: Post, new_title: str, *, keys: NewKeys | None = None) -> Edit | None:
    """The slug edit that goes with a title edit: a written slug that followed the old title
    follows the new one; an absent slug stays absent (generators derive it)."""
    slug = post.slug
    if slug is None or not slug_follows_title(post) or not new_title.strip():
        return None
    new_slug = slug_suggestion(new_title.strip())
    return Edit(field_key(post, "slug", keys=keys), new_slug) if new_slug != slug else None


def description_hint(text: str) -> tuple[str, bool]:
    """("142 / 160 characters", too_long): the hint under the description field."""
    count = len(text.strip())
    too_long = count > DESCRIPTION_LIMIT
    hint = f"{count} / {DESCRIPTION_LIMIT} characters"
    if too_long:
        hint += " - too long"
    return hint, too_long


# --------------------------------------------------------------------------- tokens


def single_valued(post: Post, field: TokenField, *, keys: NewKeys | None = None) -> bool:
    """True when the post keeps one value for ``field``: Pelican's ``Category``, or a singular
    ``category``/``author`` key written as a plain string."""
    if field == "tags":
        return False
    key = field_key(post, field, keys=keys)
    if post.format == "pelican" and key.lower() == "category":
        return True
    return key.lower() in _SINGULAR and not isinstance(post.get(key), list)


def shown_tokens(post: Post, field: TokenField) -> list[str]:
    """The tokens a token field shows."""
    if field == "tags":
        return post.tags
    if field == "categories":
        return post.categories
    return post.authors


def tokens_edit(
    post: Post, field: TokenField, tokens: Sequence[str], *, keys: NewKeys | None = None
) -> Edit | None:
    """The edit for a token field: a list, a single string where the post keeps one value, or
    an edit of the ``taxonomies`` table when that is where the post keeps its terms."""
    tokens = [token for token in tokens if token]
    if tokens == shown_tokens(post, field):
        return None
    key = existing_key(post, field)
    taxonomies = _taxonomies(post) if field != "authors" else None
    if key is None and taxonomies is not None:
        return Edit(_TAXONOMIES, {**taxonomies, field: list(tokens)})
    key = field_key(post, field, keys=keys)
    if single_valued(post, field, keys=keys):
        if not tokens:
            return Edit(key, remove=True) if existing_key(post, field) is not None else None
        return Edit(key, ", ".join(tokens))
    return Edit(key, list(tokens))


# --------------------------------------------------------------------------- draft


def draft_edit(post: Post, draft: bool, *, keys: NewKeys | None = None) -> Edit | None:
    """The edit that makes the post a draft or not, in the post's own way of saying so."""
    if draft == post.draft:
        return None
    key = field_key(post, "draft", keys=keys)
    name = key.lower()
    if name == "published":
        return Edit(key, not draft)
    if name == "status":
        return Edit(key, "draft" if draft else "published")
    return Edit(key, draft)


# --------------------------------------------------------------------------- date


@dataclass(frozen=True)
class DateParts:
    """A front matter date as the form edits it: a day, an optional clock time, and the
    offset from UTC the writer gave (None: no zone written)."""

    day: dt.date
    clock: dt.time | None = None
    offset: dt.timedelta | None = None

    @classmethod
    def of(cls, value: dt.date | dt.datetime) -> DateParts:
        """Split a date or datetime, keeping its offset."""
        if isinstance(value, dt.datetime):
            return cls(value.date(), value.time().replace(tzinfo=None), value.utcoffset())
        return cls(value)

    def value(self) -> dt.date | dt.datetime:
        """The python value to write: a date for a date-only post, else a datetime carrying
        the offset as a fixed time zone."""
        if self.clock is None:
            return self.day
        zone = dt.timezone(self.offset) if self.offset is not None else None
        return dt.datetime.combine(self.day, self.clock, tzinfo=zone)


def local_offset() -> dt.timedelta:
    """This computer's offset from UTC right now."""
    return dt.datetime.now().astimezone().utcoffset() or dt.timedelta(0)


def default_offset(post: Post) -> dt.timedelta | None:
    """The offset given to a time the writer adds to a date-only post: Pelican headers carry
    none (Pelican applies the site's zone); elsewhere, this computer's."""
    return None if post.format == "pelican" else local_offset()


_COMMON_OFFSETS = (
    *range(-12 * 60, 15 * 60, 60),
    -9 * 60 - 30, -3 * 60 - 30, 3 * 60 + 30, 4 * 60 + 30, 5 * 60 + 30, 5 * 60 + 45,
    6 * 60 + 30, 9 * 60 + 30, 10 * 60 + 30, 12 * 60 + 45,
)  # fmt: skip


def offset_choices(*keep: dt.timedelta | None) -> list[dt.timedelta | None]:
    """The offsets the zone chooser offers, west to east after "no zone", including any
    ``keep`` offset (the writer's own, the computer's) even when it is unusual."""
    offsets = {dt.timedelta(minutes=minutes) for minutes in _COMMON_OFFSETS}
    offsets.update(offset for offset in keep if offset is not None)
    return [None, *sorted(offsets)]


def offset_label(offset: dt.timedelta | None) -> str:
    """The zone chooser's label for ``offset``: "UTC+05:30", "UTC" or "No time zone"."""
    if offset is None:
        return "No time zone"
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def date_edit(post: Post, value: dt.date | dt.datetime, *, keys: NewKeys | None = None) -> Edit:
    """The edit that sets the post's date, inside MkDocs' ``date: {created: ...}`` when the
    post writes it that way."""
    key = field_key(post, "date", keys=keys)
    raw = post.get(key)
    if isinstance(raw, dict):
        return Edit(key, {**raw, "created": value})
    return Edit(key, value)


# --------------------------------------------------------------------------- cover image


def image_value(post: Post) -> str:
    """The cover image path as written (Hugo themes nest it as ``cover: {image: ...}``)."""
    key = existing_key(post, "image")
    value = post.get(key) if key is not None else None
    if isinstance(value, dict):
        value = value.get("image")
    return "" if value is None else str(value)


def image_edit(post: Post, path: str, *, keys: NewKeys | None = None) -> Edit | None:
    """The edit that sets (or, when empty, removes) the cover image."""
    path = path.strip()
    if path == image_value(post):
        return None
    key = field_key(post, "image", keys=keys)
    raw = post.get(key)
    if isinstance(raw, dict):
        rest = {name: item for name, item in raw.items() if name != "image"}
        return Edit(key, {**rest, "image": path} if path else rest)
    if not path:
        return Edit(key, remove=True)
    return Edit(key, path)


def relative_image_path(chosen: str | Path, post_path: Path | None) -> str:
    """``chosen`` relative to the post's folder, with forward slashes as the web uses; the
    absolute path when the post has no file yet or sits on another drive."""
    target = Path(chosen)
    if post_path is None:
        return target.as_posix()
    try:
        relative = os.path.relpath(target, post_path.parent)
    except ValueError:  # another drive on Windows
        return target.as_posix()
    return PurePosixPath(*Path(relative).parts).as_posix()


# --------------------------------------------------------------------------- other keys


def other_keys(post: Post) -> list[tuple[str, Any]]:
    """The keys no field of the form shows, in the post's order."""
    consumed = consumed_keys(post)
    return [(key, value) for key, value in post.meta.items() if key not in consumed]


def is_nested(value: Any) -> bool:
    """True for a table or a list holding tables or lists: shown as text, edited in the text."""
    if isinstance(value, dict):
        return True
    if isinstance(value, list | tuple):
        return any(isinstance(item, dict | list | tuple) for item in value)
    return False


def cell_text(value: Any) -> str:
    """A value as YAML-ish text that :func:`parse_cell` reads back as the same value."""
    if isinstance(value, str):
        plain_ok = value != "" and "\n" not in value and _reads_back(value) == value
        return value if plain_ok else json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple) and not is_nested(value):
        return "[" + ", ".join(cell_text(item) for item in value) + "]"
    return json.dumps(jsonable(value), ensure_ascii=False)


def parse_cell(text: str, post: Post) -> Any:
    """A table cell's text as a value, read as YAML like ``postwright meta --set`` reads it;
    Pelican headers hold only text, so there the text is kept as typed."""
    if post.format == "pelican" or text == "":
        return text
    return _reads_back(text)


def _reads_back(text: str) -> Any:
    """``text`` read as a YAML value, as the front matter would hold it; text that is not
    YAML, or YAML too hostile to read (an alias bomb, deep nesting), stays text."""
    try:
        return parse_yaml_value(text)
    except PostError:
        return text


def cell_edit(post: Post, key: str, text: str) -> Edit | None:
    """The edit for a value cell the writer changed; None when it reads as the same value."""
    value = parse_cell(text, post)
    if key in post.meta and post.meta[key] == value and type(post.meta[key]) is type(value):
        return None
    return Edit(key, value)


def key_problem(post: Post, key: str) -> str | None:
    """Why ``key`` cannot be added as a new key, or None when it can."""
    if not key:
        return "type a key name"
    if any(name.lower() == key.lower() for name in post.meta):
        return f"the post already has '{key}'"
    if post.format == "pelican" and not (key[0].isascii() and key[0].isalpha()):
        return "Pelican keys start with a letter"
    if any(char in key for char in ":#\n") or key != key.strip():
        return "a key cannot hold ':', '#' or surrounding spaces"
    return None


# --------------------------------------------------------------------------- banner


def banner_text(error: PostError) -> str:
    """The message over a read-only form, naming the line to fix."""
    where = f"Front matter line {error.line}" if error.line is not None else "Front matter"
    return f"{where}: {error.message} - fix it in the text; the form is read-only until then."


# --------------------------------------------------------------------------- text spans


def _common_prefix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:  # slice comparisons run in C; a character loop over a long post does not
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low


def changed_span(old: str, new: str) -> tuple[int, int, str]:
    """(start, end, replacement) with ``old[:start] + replacement + old[end:] == new`` and the
    unchanged prefix and suffix as long as possible."""
    start = _common_prefix(old, new, min(len(old), len(new)))
    tail = _common_suffix(old, new, min(len(old), len(new)) - start)
    return start, len(old) - tail, new[start : len(new) - tail]


def utf16_length(text: str) -> int:
    """``len(text)`` in UTF-16 code units, the unit Qt counts text positions in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
