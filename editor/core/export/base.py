"""What every generator profile shares: reading a post's fields, placing the title, converting
the excerpt marker, moving images, and writing front matter in the target's format.

A profile is a small subclass that answers the generator-specific questions - where files go,
which keys and value forms the generator reads, which marker it splits on - and this module
does the rest the same way for all of them.

Front matter is edited losslessly when the source is already in a format the target reads:
the block keeps its bytes and only the keys the target needs change, through
:meth:`Post.with_value`. A post in another format gets a new block with the same values.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from editor.core import frontmatter as fmt
from editor.core.errors import PostError
from editor.core.excerpt import HUGO_MARKER, convert_marker, real_markers
from editor.core.export.images import ImageRef, find_images, replace_links
from editor.core.fields import ALIASES, Field
from editor.core.findings import Finding
from editor.core.mdscan import code_line_mask, first_h1
from editor.core.post import Post, parse_date
from editor.core.site import PELICAN_SUMMARY_MARKER, Site, accepted_formats
from editor.core.slug import make_slug

ExcerptNeed = Literal["required", "recommended", "optional", "unused"]

# Excerpt markers other generators use; all become the target's own form.
KNOWN_MARKERS = (HUGO_MARKER, PELICAN_SUMMARY_MARKER, "<!-- excerpt -->", "<!--excerpt-->")
_DATE_PREFIX = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])-")
_LIQUID = re.compile(r"\{\{|\{%")


@dataclass(frozen=True)
class ExportOptions:
    """Choices the caller makes. ``today`` dates an undated post (tests pin it)."""

    slug: str | None = None
    today: dt.date | None = None


@dataclass
class Fields:
    """A post's values in generator-neutral form, as the profile will write them."""

    title: str | None
    date: dt.date | dt.datetime
    updated: dt.date | dt.datetime | None
    tags: list[str]
    categories: list[Any]
    authors: list[str]
    draft: bool
    description: str | None
    post: Post

    @property
    def meta(self) -> dict[str, Any]:
        """The source's keys as the generators read them: a Pelican header's in lower case,
        as Pelican itself reads them."""
        if self.post.format == "pelican":
            return {key.lower(): value for key, value in self.post.meta.items()}
        return dict(self.post.meta)


@dataclass(frozen=True)
class PlannedImage:
    """An image to copy: ``source`` on disk to ``target`` (site-relative)."""

    source: Path
    target: PurePosixPath
    line: int


@dataclass
class Rendering:
    """A profile's output for one post, before any file is looked at."""

    post_target: PurePosixPath | None = None
    slug: str = "post"
    data: bytes = b""
    images: list[PlannedImage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[PostError] = field(default_factory=list)


def _same(current: Any, wanted: Any) -> bool:
    """Equal in value and type, so ``"2024-12-12"`` is not the date 2024-12-12."""
    return type(current) is type(wanted) and bool(current == wanted)


def site_timezone(site: Site) -> dt.tzinfo | None:
    """The zone a naive time in a post is read in: the site's configured one, else None."""
    name = site.setting("timezone")
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None


class Profile:
    """One generator's answers. Subclasses set the class attributes and override the hooks."""

    name: ClassVar[str]
    #: the generator's name as people write it, for messages
    label: ClassVar[str]
    #: a post with images becomes a folder ``slug/index.md`` (Hugo and Zola page bundles)
    bundle_images: ClassVar[bool] = False
    #: images sit right beside the post; else in a folder named after the post's slug
    images_beside: ClassVar[bool] = False
    #: lift a ``# H1``-only title into ``title`` and drop it from the body (themes print title)
    lift_title: ClassVar[bool] = True
    #: canonical fields whose keys this profile writes (the other spellings are removed)
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"title", "date", "tags", "categories", "draft"}
    )
    #: the key the last-modified date goes in
    updated_key: ClassVar[str] = "updated"
    #: the key and value that mark a draft
    draft_key: ClassVar[tuple[str, Any]] = ("draft", True)
    #: the generator's own excerpt marker; None: the site's configured one
    fixed_marker: ClassVar[str | None] = None
    #: False when the generator has no excerpt marker at all
    uses_marker: ClassVar[bool] = True
    #: the key and value that stop a template engine from eating ``{{ }}`` in the body
    liquid_key: ClassVar[tuple[str, Any] | None] = None
    #: False when the generator moves the post's page away from its file but does not rewrite
    #: links in raw HTML, so a relative ``<img src>`` breaks (MkDocs' blog, Astro)
    html_links_work: ClassVar[bool] = True
    #: says why the site needs a config change when it has no excerpt marker
    no_marker_hint: ClassVar[str] = ""
    #: what the index shows when the post has no marker; empty: nothing worth saying
    no_marker_note: ClassVar[str] = ""

    # ------------------------------------------------------------------ hooks

    def file_name(self, slug: str, f: Fields) -> str:  # noqa: ARG002 - hook
        """The post's file name (Jekyll puts the date in it)."""
        return f"{slug}.md"

    def image_dir(self, site: Site) -> tuple[PurePosixPath, str] | None:  # noqa: ARG002 - hook
        """(folder, URL prefix) the site serves images from at its root; None: images go
        beside the post and are linked relatively."""
        return None

    def marker(self, site: Site) -> str | None:
        """The excerpt marker the generator splits on, or None when the site has none."""
        if not self.uses_marker:
            return None
        return self.fixed_marker or site.excerpt_separator

    def excerpt_need(self, site: Site) -> ExcerptNeed:
        """How much a post of ``site`` needs a marker: "required" (the build stops without
        one), "recommended" (the index shows something else), "optional" (a sensible excerpt
        either way) or "unused" (the generator never reads one)."""
        return "optional" if self.marker(site) is not None else "unused"

    def missing_marker_message(self, site: Site) -> str:  # noqa: ARG002 - hook
        """What a post without a marker gets instead, said to the writer ("" for nothing)."""
        return self.no_marker_note

    def new_key(self, field: Field, site: Site) -> str:  # noqa: ARG002 - hook
        """The key a field is written under when the post has none of its spellings yet."""
        if field == "draft":
            return self.draft_key[0]
        if field == "updated":
            return self.updated_key
        return ALIASES[field][0]

    def check_post(self, post: Post, site: Site, *, in_site: bool) -> list[Finding]:  # noqa: ARG002 - hook
        """What this generator would refuse or get wrong in ``post``. ``in_site``: the post is a
        file of ``site`` itself (an export would fix some of these on the way)."""
        return []

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:  # noqa: ARG002 - hook
        """Target key -> value for every key the profile writes; None removes the key."""
        draft_key, draft_value = self.draft_key
        values = {
            "title": ("title", f.title),
            "date": ("date", f.date),
            "updated": (self.updated_key, f.updated),
            "tags": ("tags", f.tags or None),
            "categories": ("categories", f.categories or None),
            "authors": ("authors", f.authors or None),
            "draft": (draft_key, draft_value if f.draft else None),
            "description": ("description", f.description),
        }
        return dict(values[canon] for canon in values if canon in self.manages)

    def check_images(self, site: Site, r: Rendering) -> None:
        """Say what the site needs to serve the copied images, when it needs something."""

    def check_body(self, post: Post, site: Site, r: Rendering) -> None:
        """Say what in the post's body the generator will not show as written."""

    def carry(self, key: str, value: Any, r: Rendering) -> list[tuple[str, Any]]:  # noqa: ARG002 - hook
        """How a key the profile does not manage is written when the format changes."""
        return [(key, value)]

    def default_format(self, site: Site) -> fmt.Format:
        """The format a post gets when its own is one the generator cannot read."""
        return site.front_matter

    def post_path(self, site: Site, slug: str, f: Fields, has_images: bool) -> PurePosixPath:
        """Where the post goes, relative to the site root."""
        if has_images and self.bundle_images:
            return site.posts_dir / slug / "index.md"
        return site.posts_dir / self.file_name(slug, f)

    def image_target(self, site: Site, r: Rendering, name: str) -> tuple[PurePosixPath, str]:
        """Where an image is copied to, and the link the post then uses for it."""
        assert r.post_target is not None
        served = self.image_dir(site)
        if served is not None:
            folder, prefix = served
            return folder / r.slug / name, f"{prefix.rstrip('/')}/{r.slug}/{name}"
        folder = r.post_target.parent if self.images_beside else r.post_target.parent / r.slug
        image = folder / name
        return image, posixpath.relpath(str(image), str(r.post_target.parent))

    # ------------------------------------------------------------------ shared pipeline

    def render(self, post: Post, site: Site, options: ExportOptions) -> Rendering:
        """The exported post's bytes and the images it needs; problems land in the result."""
        r = Rendering()
        if post.error is not None:
            r.errors.append(post.error.located(post.path))
            return r
        f = self.read_fields(post, site, options, r)
        r.slug = self.slug_for(post, f, options)
        refs = find_images(post.body)
        r.post_target = self.post_path(site, r.slug, f, bool(refs))
        body = self.move_images(post, refs, site, r)
        if r.images:
            self.check_images(site, r)
        body = self.convert_excerpt(body, site, r)
        body = self.place_title(post, body, f, r)
        self.check_body(post, site, r)
        if self.liquid_key is not None and has_liquid(body):
            r.notes.append(
                f"the body contains {{{{ or {{%: {self.liquid_key[0]} keeps it from the "
                "template engine"
            )
        text = self.write_front_matter(post, body, f, site, r)
        r.data = text.encode("utf-8", "surrogateescape")
        return r

    def read_fields(self, post: Post, site: Site, options: ExportOptions, r: Rendering) -> Fields:
        """The post's values, normalised: a timed date gets an offset, terms the site's
        spelling."""
        date = post.date
        if date is None:
            raw = post.date_value
            if raw is not None:
                try:
                    parse_date(raw)
                except ValueError as exc:
                    r.errors.append(
                        PostError(f"the date {exc}", post.path, _key_line(post, "date"))
                    )
            named = _file_name_date(post)
            date, how = (named, "from its file name") if named else (options.today, "today")
            date = date or dt.date.today()
            if raw is None and "date" in self.manages:
                r.notes.append(f"the post has no date: dated {date.isoformat()} ({how})")
        if isinstance(date, dt.datetime) and date.tzinfo is None:
            zone = site_timezone(site)
            date = date.replace(tzinfo=zone) if zone else date.astimezone()
        raw_categories = post.get("categories")
        categories: list[Any] = (
            list(raw_categories) if isinstance(raw_categories, list) else post.categories
        )
        tags = [self._spelling(site, "tags", tag, r) for tag in post.tags]
        categories = [
            self._spelling(site, "categories", c, r) if isinstance(c, str) else c
            for c in categories
        ]
        updated = None
        for key in ALIASES["updated"]:
            value = post.get(key)
            if value is not None:
                try:
                    updated = parse_date(value)
                except ValueError:
                    continue
                break
        return Fields(
            title=post.title,
            date=date,
            updated=updated,
            tags=tags,
            categories=categories,
            authors=post.authors,
            draft=post.draft,
            description=post.description if post.get("description") is not None else None,
            post=post,
        )

    @staticmethod
    def _spelling(site: Site, kind: str, term: str, r: Rendering) -> str:
        known = site.vocabulary.spelling(kind, term)
        if known is None:
            return term
        r.notes.append(
            f"{kind[:-1] if kind == 'tags' else 'category'} '{term}' written as "
            f"'{known}', the site's spelling"
        )
        return known

    def slug_for(self, post: Post, f: Fields, options: ExportOptions) -> str:
        """The exported file's slug (see :meth:`slug_of`)."""
        del f
        return self.slug_of(post, None, options)

    def slug_of(self, post: Post, site: Site | None, options: ExportOptions) -> str:  # noqa: ARG002 - hook
        """The slug: the chosen one, the post's ``slug``, its file name, its title."""
        candidates: list[str | None] = [options.slug, post.slug]
        if post.path is not None:
            stem = post.path.stem
            if stem.lower() in {"index", "readme", "_index"}:
                stem = post.path.parent.name
            candidates.append(_DATE_PREFIX.sub("", stem))
        candidates.append(post.title)
        for candidate in candidates:
            if candidate and candidate.strip():
                return make_slug(candidate)
        return "post"

    def paste_place(self, site: Site, post: PurePosixPath, name: str) -> tuple[PurePosixPath, str]:
        """Where an image pasted into the site's post ``post`` (site-relative) is saved, and
        the link the post uses for it: the folder the site serves images from, else an
        ``images`` folder beside the post."""
        served = self.image_dir(site)
        if served is not None:
            folder, prefix = served
            return folder / name, f"{prefix.rstrip('/')}/{name}"
        return post.parent / "images" / name, f"images/{name}"

    def move_images(self, post: Post, refs: list[ImageRef], site: Site, r: Rendering) -> str:
        """The body with local image links pointing where the images are copied to."""
        if not refs:
            return post.body
        if post.path is None:
            r.errors.append(PostError("the post is not saved, so its images cannot be found"))
            return post.body
        folder = post.path.parent
        by_source: dict[Path, PurePosixPath] = {}
        links: dict[Path, str] = {}
        taken: set[PurePosixPath] = set()
        replacements: list[tuple[ImageRef, str]] = []
        for ref in refs:
            line = post.body_line + ref.line
            source = Path(os.path.normpath(folder / ref.path))
            if not source.is_file():
                r.errors.append(
                    PostError(
                        f"image '{ref.link}' not found (looked for {source})", post.path, line
                    )
                )
                continue
            if source not in by_source:
                name = make_file_name(source.name)
                image, link = self.image_target(site, r, name)
                stem, suffix = posixpath.splitext(name)
                number = 2
                while image in taken:  # two images with one name from different folders
                    image, link = self.image_target(site, r, f"{stem}-{number}{suffix}")
                    number += 1
                taken.add(image)
                by_source[source] = image
                links[source] = link
                r.images.append(PlannedImage(source, image, line))
            replacements.append((ref, links[source]))
            if ref.html and not self.html_links_work and not links[source].startswith("/"):
                r.notes.append(
                    f"line {line}: {self.label} does not rewrite links in an <img> tag, so "
                    f"'{ref.link}' breaks on the post's page; write it as a markdown image"
                )
        return replace_links(post.body, replacements)

    def convert_excerpt(self, body: str, site: Site, r: Rendering) -> str:
        """The body with its excerpt marker in the generator's form, or a hint when the
        generator cannot use one."""
        wanted = self.marker(site)
        found = real_markers(body, KNOWN_MARKERS)
        if not found:
            if self.no_marker_note:
                r.notes.append(self.no_marker_note)
            return body
        if wanted is None:
            if self.no_marker_hint:
                r.notes.append(self.no_marker_hint)
            return body
        return convert_marker(body, wanted, KNOWN_MARKERS)

    def place_title(self, post: Post, body: str, f: Fields, r: Rendering) -> str:
        """For generators whose themes print ``title``: the H1 that is the title leaves the
        body, so the title shows exactly once."""
        if not self.lift_title:
            if post.title_source == "heading":
                f.title = None  # the generator reads the H1 itself; no key to add
            return body
        if f.title is None:
            r.notes.append("the post has no title: add a 'title' or a '# heading'")
            return body
        lines = body.splitlines(keepends=True)
        mask = code_line_mask(lines)
        heading = first_h1(lines, mask)
        if heading is None:
            return body
        text, index = heading
        first_content = next((i for i, line in enumerate(lines) if line.strip()), None)
        if post.title_source != "heading" and not (text == f.title and index == first_content):
            return body
        end = index + 1
        if end < len(lines) and re.match(r"^[ ]{0,3}=+[ \t]*$", lines[end].rstrip("\r\n")):
            end += 1  # a setext heading's underline
        while end < len(lines) and not lines[end].strip():
            end += 1
        return "".join(lines[:index] + lines[end:])

    def target_format(self, post: Post, site: Site) -> fmt.Format:
        """The post's own format when the generator reads it (so it stays lossless)."""
        accepted = accepted_formats(self.name)
        if post.format is not None and post.format in accepted:
            return post.format
        preferred = self.default_format(site)
        return preferred if preferred in accepted else "yaml"

    def write_front_matter(self, post: Post, body: str, f: Fields, site: Site, r: Rendering) -> str:
        """The exported text: the post's block edited key by key, or a new block."""
        desired = self.fields(f, site, r)
        if self.liquid_key is not None and has_liquid(body):
            desired[self.liquid_key[0]] = self.liquid_key[1]
        managed = {key.lower() for canon in self.manages for key in ALIASES[canon]}
        wanted_keys = {key.lower() for key in desired}
        target = self.target_format(post, site)
        if post.format == target:
            start = post.block.start if post.block else 0  # generators want it on line 1
            out = Post.from_text(post.text[start : post.body_offset] + body, post.path)
            for key in list(post.meta):
                if key.lower() in managed and key.lower() not in wanted_keys:
                    out = out.without(key)
            for key, value in desired.items():
                if value is None:
                    out = out.without(key)
                elif not _same(out.get(key), value):
                    out = out.with_value(key, value)
            return out.text
        items = [(key, value) for key, value in desired.items() if value is not None]
        for key, value in f.meta.items():
            if key.lower() in managed or key.lower() in wanted_keys:
                continue
            items.extend(self.carry(key, value, r))
        if not items and post.format is None:
            return body
        return build_text(target, items, body, post.newline)


def build_text(target: fmt.Format, items: list[tuple[str, Any]], body: str, newline: str) -> str:
    """A post in ``target`` format holding ``items`` then ``body``."""
    inner = ""
    for key, value in items:
        inner = fmt.edit_block(target, inner, key, value)
    inner = inner.replace("\n", newline)
    if target == "pelican":
        return inner + newline + body.lstrip("\r\n")
    delimiter = "+++" if target == "toml" else "---"
    return f"{delimiter}{newline}{inner}{delimiter}{newline}{body}"


def make_file_name(name: str) -> str:
    """A safe file name for a copied image: its slug, keeping the extension."""
    stem, suffix = posixpath.splitext(name)
    clean_suffix = re.sub(r"[^A-Za-z0-9.]", "", suffix).lower()
    return make_slug(stem) + clean_suffix


def has_liquid(body: str) -> bool:
    """True when a template engine run over the body would eat some of it."""
    return bool(_LIQUID.search(body))


def _file_name_date(post: Post) -> dt.date | None:
    """The date a Jekyll or Hexo file name starts with (``2024-12-12-slug.md``)."""
    named = _DATE_PREFIX.match(post.path.name) if post.path is not None else None
    try:
        return dt.date.fromisoformat(named.group()[:10]) if named else None
    except ValueError:  # 2024-02-30
        return None


def _key_line(post: Post, key: str) -> int | None:
    for number, line in enumerate(post.text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*[:=]", line, re.IGNORECASE):
            return number
    return None
