"""The text of a new post, and a new post in a site the way that site keeps its posts.

In a site, the new post goes in the folder and under the file name pattern its newest posts
use (a Hugo page bundle, Jekyll's dated names, year folders), with front matter in the form of
the site's archetype or scaffold when it has one (Hugo's ``archetypes/``, Hexo's
``scaffolds/post.md``), else with the fields most of its newest posts have, in their order and
format; it is dated now, marked a draft the way the generator reads drafts, and holds the
excerpt marker in the site's form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from editor.core import frontmatter as fmt
from editor.core.excerpt import DEFAULT_MARKER
from editor.core.export.base import build_text, site_timezone
from editor.core.fields import ALIASES, Field
from editor.core.post import Post, find_block
from editor.core.slug import make_slug
from editor.core.target import Target

INTRODUCTION = "Write the introduction here: the paragraph readers see on the blog's index."
REST = "The rest of the post."
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(0[1-9]|1[0-2])$")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-")
#: the newest posts a new post's layout and fields are learned from
EXAMPLES = 30


def new_post_text(
    title: str, date: dt.date | dt.datetime | None = None, *, marker: str = DEFAULT_MARKER
) -> str:
    """Front matter (title, date, no tags, draft), an introduction, ``marker``, the rest."""
    when = date or dt.datetime.now().astimezone().date()
    post = Post.from_text("---\n---\n")
    post = post.with_value("title", title).with_value("date", when)
    post = post.with_value("tags", []).with_value("draft", True)
    return post.text + "\n" + INTRODUCTION + "\n\n" + marker + "\n\n" + REST + "\n"


# --------------------------------------------------------------------------- where it goes


@dataclass(frozen=True)
class PostLayout:
    """Where a site keeps its posts: a folder pattern and a file name pattern, both with
    ``{year}``, ``{month}``, ``{date}`` and ``{slug}`` in them."""

    folder: str
    name: str

    def path(self, slug: str, when: dt.date) -> PurePosixPath:
        """The site-relative path for a post with ``slug`` dated ``when``."""
        values = {
            "year": f"{when.year:04d}",
            "month": f"{when.month:02d}",
            "date": when.isoformat(),
            "slug": slug,
        }
        return PurePosixPath(self.folder.format(**values)) / self.name.format(**values)


def _pattern(inner: PurePosixPath) -> PostLayout:
    """The layout one existing post (its path inside the posts folder) follows."""
    parts = list(inner.parts)
    name = parts.pop()
    suffix = PurePosixPath(name).suffix or ".md"
    if PurePosixPath(name).stem == "index" and parts:
        parts.pop()
        file_name = "{slug}/index" + suffix
    elif _DATED.match(name):
        file_name = "{date}-{slug}" + suffix
    else:
        file_name = "{slug}" + suffix
    folder: list[str] = []
    for index, part in enumerate(parts):
        if _YEAR.match(part):
            folder.append("{year}")
        elif _MONTH.match(part) and index and folder[-1] == "{year}":
            folder.append("{month}")
        else:
            folder.append(part)
    return PostLayout("/".join(folder), file_name)


def infer_layout(target: Target, rels: Sequence[str]) -> PostLayout:
    """The layout most of the newest posts (``rels``, site-relative, newest first) follow;
    the generator's own default when the site has no posts yet."""
    site = target.site
    posts_dir = site.posts_dir if site is not None else PurePosixPath(".")
    counts: Counter[PostLayout] = Counter()
    for rel in rels[:EXAMPLES]:
        path = PurePosixPath(rel)
        if not path.is_relative_to(posts_dir) or "_drafts" in path.parts:
            continue
        counts[_pattern(path.relative_to(posts_dir))] += 1
    layout = counts.most_common(1)[0][0] if counts else PostLayout("", "{slug}.md")
    if target.generator == "jekyll" and not layout.name.startswith("{date}-"):
        layout = PostLayout(layout.folder, "{date}-" + layout.name)  # Jekyll needs the date
    folder = str(posts_dir / layout.folder) if layout.folder else str(posts_dir)
    return PostLayout(folder, layout.name)


# --------------------------------------------------------------------------- front matter


@dataclass(frozen=True)
class NewPostPlan:
    """A new post: where it goes (absolute and site-relative), its text, and where its form
    came from ("archetypes/default.md", "the site's 30 newest posts", ...)."""

    path: Path
    relative: PurePosixPath
    text: str
    source: str


def _field_of(key: str) -> Field | None:
    lowered = key.lower()
    for name, keys in ALIASES.items():
        if lowered in (k.lower() for k in keys):
            return name
    return None


def _draft_value(key: str) -> Any:
    lowered = key.lower()
    if lowered == "published":
        return False
    if lowered == "status":
        return "draft"
    return True


def _now(target: Target, now: dt.datetime | None) -> dt.datetime:
    moment = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
    zone = site_timezone(target.site) if target.site is not None else None
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def _date_value(target: Target, moment: dt.datetime, examples: Sequence[Post]) -> Any:
    """Now, in the form the site's posts write dates: with the time when most of them do, or
    when the generator hides a post dated later than the moment of the build."""
    dates = [post.date for post in examples if post.date is not None]
    timed = sum(1 for date in dates if isinstance(date, dt.datetime))
    if target.generator == "pelican":
        return moment.replace(tzinfo=None)  # Pelican reads it in the site's TIMEZONE
    if (dates and timed * 2 >= len(dates)) or target.generator in ("hugo", "jekyll"):
        return moment
    return moment.date()


def _value_for(field: Field, key: str, title: str, slug: str, date: Any) -> Any:
    """Our value for a known field, or None to leave the key out."""
    values: dict[str, Any] = {
        "title": title,
        "date": date,
        "tags": [],
        "categories": [],
        "slug": slug,
        "description": "",
    }
    if field == "draft":
        return _draft_value(key)
    return values.get(field)


def _template_groups(inner: str) -> list[tuple[str, str]]:
    """(key, its lines) for each top-level key of an archetype's front matter, in order."""
    groups: list[tuple[str, str]] = []
    for line in inner.splitlines(keepends=True):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*[:=]", line)
        if match:
            groups.append((match[1], line))
        elif groups and line.strip():
            key, text = groups[-1]
            groups[-1] = (key, text + line)
    return groups


def _from_template(
    target: Target, template: Post, title: str, slug: str, date: Any
) -> _Front | None:
    """The new post's front matter from an archetype or scaffold, or None when its front
    matter is not one Postwright can fill in. Keys whose value is a template expression get
    the new post's value when Postwright knows the field, and are left out otherwise."""
    block, error = find_block(template.text)
    if block is None or error is not None:
        return None
    inner_raw = template.text[block.inner_start : block.inner_end]
    inner = ""
    has_title = False
    for key, lines in _template_groups(inner_raw.replace("\r\n", "\n")):
        field = _field_of(key)
        value = _value_for(field, key, title, slug, date) if field is not None else None
        if value is not None:
            has_title = has_title or field == "title"
            inner = fmt.edit_block(block.format, inner, key, value)
        elif "{{" not in lines and "{%" not in lines:
            inner += lines if lines.endswith("\n") else lines + "\n"
    if not any(_field_of(key) == "draft" for key, _ in _template_groups(inner)):
        # a half-written post stays out of the build until the writer says otherwise
        key = _new_key(target, "draft") or "draft"
        inner = fmt.edit_block(block.format, inner, key, _draft_value(key))
    if block.format == "pelican":
        return _Front(inner, block.format, has_title)
    delimiter = "+++" if block.format == "toml" else "---"
    return _Front(f"{delimiter}\n{inner}{delimiter}\n", block.format, has_title)


@dataclass(frozen=True)
class _Front:
    """A new post's front matter block, its format, and whether it holds the title."""

    text: str
    format: fmt.Format
    has_title: bool

    def with_body(self, body: str) -> str:
        if self.format == "pelican":
            return self.text + "\n" + body.lstrip("\n")
        return self.text + body


def _common_value(key: str, examples: Sequence[Post]) -> tuple[bool, Any]:
    """(True, value) when at least half of the examples give ``key`` the same value."""
    values = [post.get(key) for post in examples if key in post.meta]
    if not values:
        return False, None
    for value in values:
        if sum(1 for other in values if other == value) * 2 >= len(examples):
            return True, value
    return False, None


def _from_examples(
    target: Target, examples: Sequence[Post], title: str, slug: str, date: Any
) -> _Front:
    """The new post's text with the keys most of ``examples`` have, in their order."""
    usable = [post for post in examples if post.error is None and post.format is not None]
    fmt_name = target.front_matter
    formats = Counter(post.format for post in usable)
    if formats:
        fmt_name = formats.most_common(1)[0][0]  # type: ignore[assignment]
    usable = [post for post in usable if post.format == fmt_name]
    counts: Counter[str] = Counter(key for post in usable for key in post.meta)
    common = [key for key, n in counts.items() if n * 2 >= len(usable)]
    order: list[str] = []
    for post in usable:  # the newest post's order first, then what others add
        order.extend(key for key in post.meta if key in common and key not in order)
    if not usable:
        order = [key for field in _DEFAULT_FIELDS if (key := _new_key(target, field))]
        order = _required_keys(target, order)
    items: list[tuple[str, Any]] = []
    has_title = False
    for key in order:
        field = _field_of(key)
        if field is not None:
            value = _value_for(field, key, title, slug, date)
            if field == "authors":
                found, value = _common_value(key, usable)
                value = value if found else None
            if value is None:
                continue
            has_title = has_title or field == "title"
        else:
            found, value = _common_value(key, usable)
            if not found:
                value = "" if key in _schema_required(target) else None
            if value is None:
                continue
        items.append((key, value))
    if not any(_field_of(key) == "draft" for key, _ in items):
        draft = _new_key(target, "draft")
        if draft:
            items.append((draft, _draft_value(draft)))
    headed = not has_title and (not usable or _titles_in_headings(usable))
    if not headed and not has_title:
        items.insert(0, (_new_key(target, "title") or "title", title))
        has_title = True
    text = build_text(fmt_name, items, "", "\n")
    if fmt_name == "pelican":
        text = text.rstrip("\n") + "\n"
    return _Front(text, fmt_name, has_title)


_DEFAULT_FIELDS: tuple[Field, ...] = ("title", "date", "tags", "draft")


def _new_key(target: Target, field: Field) -> str | None:
    return target.new_key(field) or ALIASES[field][0]


def _schema_required(target: Target) -> set[str]:
    schema = target.site.setting("schema") if target.site is not None else None
    return {key for key, required in (schema or {}).items() if required}


def _required_keys(target: Target, order: list[str]) -> list[str]:
    """Astro's schema: every required field of the collection is written."""
    return order + sorted(key for key in _schema_required(target) if key not in order)


def _titles_in_headings(examples: Sequence[Post]) -> bool:
    return sum(1 for post in examples if post.title_source == "heading") * 2 > len(examples)


def _body(target: Target, heading: str | None) -> str:
    """An introduction, the marker in the site's form (where the site reads one), the rest;
    the title as a ``# heading`` first when the site's posts take their title from it."""
    lines = [f"# {heading}", ""] if heading else []
    lines += [INTRODUCTION, ""]
    if target.excerpt_need != "unused":
        lines += [target.marker, ""]
    lines.append(REST)
    return "\n" + "\n".join(lines) + "\n"


def find_template(target: Target) -> Path | None:
    """The site's archetype or scaffold for a post, if it has one."""
    site = target.site
    if site is None:
        return None
    candidates: list[Path] = []
    if site.generator == "hugo":
        section = site.posts_dir.name
        folder = site.root / "archetypes"
        candidates = [folder / f"{section}.md", folder / "default.md"]
    elif site.generator == "hexo":
        candidates = [site.root / "scaffolds" / "post.md"]
    return next((path for path in candidates if path.is_file()), None)


def plan_site_post(
    target: Target,
    title: str,
    *,
    rels: Sequence[str] = (),
    examples: Sequence[Post] = (),
    now: dt.datetime | None = None,
) -> NewPostPlan:
    """A new post titled ``title`` in the target's site: where it goes and its text.

    ``rels`` are the site-relative paths of its posts, newest first; ``examples`` the newest
    of those posts, read. Nothing is written; the path is one no file has yet.
    """
    site = target.site
    if site is None:
        raise ValueError("a new post in a site needs the site")
    title = title.strip() or "Untitled post"
    slug = make_slug(title)
    moment = _now(target, now)
    date = _date_value(target, moment, examples)
    layout = infer_layout(target, rels)
    template_path = find_template(target)
    front: _Front | None = None
    source = ""
    if template_path is not None:
        try:
            template = Post.from_text(template_path.read_text(encoding="utf-8"), template_path)
        except (OSError, UnicodeDecodeError):
            template = None
        front = (
            _from_template(target, template, title, slug, date) if template is not None else None
        )
        source = template_path.relative_to(site.root).as_posix()
    if front is None:
        front = _from_examples(target, examples, title, slug, date)
        source = (
            f"the site's {len(examples)} newest posts" if examples else f"{target.label}'s defaults"
        )
    text = front.with_body(_body(target, None if front.has_title else title))
    relative = _free_path(site.root, layout, slug, moment.date())
    return NewPostPlan(site.root / relative, relative, text, source)


def _free_path(root: Path, layout: PostLayout, slug: str, day: dt.date) -> PurePosixPath:
    """The layout's path for ``slug``, numbered (``slug-2``) when a file or folder has it."""
    number = 1
    while True:
        candidate = slug if number == 1 else f"{slug}-{number}"
        relative = layout.path(candidate, day)
        taken = (root / relative).exists() or (
            relative.name.startswith("index.") and (root / relative.parent).exists()
        )
        if not taken:
            return relative
        number += 1
