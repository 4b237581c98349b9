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
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from editor.core import frontmatter as fmt
from editor.core.errors import PostError
from editor.core.excerpt import HUGO_MARKER, convert_marker, real_markers
from editor.core.export.images import ImageRef, find_images, is_media_name, replace_links
from editor.core.export.store import remembered_slug
from editor.core.fields import ALIASES, Field
from editor.core.findings import Finding
from editor.core.mdscan import code_line_mask, first_h1
from editor.core.post import Post, parse_date
from editor.core.site import PELICAN_SUMMARY_MARKER, Site, accepted_formats
from editor.core.sitefiles import kind_of
from editor.core.slug import make_slug
from editor.core.titles import two_titles

ExcerptNeed = Literal["required", "recommended", "optional", "unused"]

# Excerpt markers other generators use; all become the target's own form.
KNOWN_MARKERS = (HUGO_MARKER, PELICAN_SUMMARY_MARKER, "<!-- excerpt -->", "<!--excerpt-->")
_DATE_PREFIX = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])-")
_LIQUID = re.compile(r"\{\{|\{%")


#: separators a post can be given for itself when the site's own one also appears, as text,
#: before the post's real marker (Jekyll and gray-matter cut at the first occurrence)
_OWN_SEPARATORS = ("<!-- more -->", "<!--more-->", "<!-- excerpt -->", "<!-- end of excerpt -->")


@dataclass(frozen=True)
class ExportOptions:
    """Choices the caller makes.

    ``slug``: the slug the writer typed (None: the slug rule, or the one they chose at the last
    export into this site, when ``remember``). ``today`` dates an undated post and decides what
    counts as the future (tests pin it).
    """

    slug: str | None = None
    today: dt.date | None = None
    remember: bool = True


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
    """A profile's output for one post, before any file is looked at.

    ``url`` is the page's URL on the built site (None when the site's own code decides it);
    ``hidden`` says why a plain build of the site leaves the post out ("" when it does not);
    ``keys`` are front matter keys the pipeline sets besides the profile's fields (the slug
    field, a per-post excerpt separator...).
    """

    post_target: PurePosixPath | None = None
    slug: str = "post"
    default_slug: str = "post"
    slug_chosen: bool = False
    url: str | None = None
    hidden: str = ""
    data: bytes = b""
    images: list[PlannedImage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[PostError] = field(default_factory=list)
    keys: dict[str, Any] = field(default_factory=dict)
    #: the file line the body starts on, for messages about body lines
    body_line: int = 1


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
    #: True when the generator cuts the excerpt at the first occurrence of the marker's text,
    #: code blocks included (Jekyll, gray-matter); False when it only sees a real marker
    cuts_in_code: ClassVar[bool] = False
    #: the front matter key that gives one post its own excerpt separator, if the generator
    #: has one
    separator_key: ClassVar[str | None] = None
    #: the key and value that stop a template engine from eating ``{{ }}`` in the body
    liquid_key: ClassVar[tuple[str, Any] | None] = None
    #: False when the generator moves the post's page away from its file but does not rewrite
    #: links in raw HTML, so a relative ``<img src>`` breaks (MkDocs' blog, Astro)
    html_links_work: ClassVar[bool] = True
    #: the front matter key the generator takes the post's slug from; None: the file name
    slug_key: ClassVar[str | None] = "slug"
    #: True when the generator makes the slug from the title by its own rule unless
    #: ``slug_key`` is set (MkDocs Material, Pelican): the export then always writes it
    slug_from_title: ClassVar[bool] = False
    #: the front matter key that sets the page's whole URL path, if the generator has one
    permalink_key: ClassVar[str | None] = None
    #: says why the site needs a config change when it has no excerpt marker
    no_marker_hint: ClassVar[str] = ""
    #: what the index shows when the post has no marker; empty: nothing worth saying
    no_marker_note: ClassVar[str] = ""

    # ------------------------------------------------------------------ hooks

    def file_name(self, slug: str, f: Fields) -> str:  # noqa: ARG002 - hook
        """The post's file name (Jekyll puts the date in it)."""
        return f"{slug}.md"

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:  # noqa: ARG002 - hook
        """The site's folders whose files it serves at its root (``/images/a.png``)."""
        return ()

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
        if field == "slug" and self.slug_key is not None:
            return self.slug_key
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

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:  # noqa: ARG002 - hook
        """The URL of the post's page on the built site (a path from the host, ``/...``), or
        None when the site's own code decides it. May set ``r.keys`` so that the generator's
        own rule gives exactly this URL."""
        return None

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        """Why a plain build of the site leaves the post out ("" when it publishes it): a
        draft, a date in the future. May add notes about how the generator treats them."""
        return ""

    def place_image(
        self, site: Site, r: Rendering, name: str, *, html: bool = False
    ) -> tuple[PurePosixPath, str]:
        """Where an image named ``name`` is copied to (site-relative), and the link the post
        uses for it, for the post at ``r.post_target``. ``html``: the link is in a raw
        ``<img>`` tag, which generators do not rewrite."""
        assert r.post_target is not None
        del html
        served = self.image_dir(site)
        if served is not None:
            folder, prefix = served
            return folder / r.slug / name, f"{prefix.rstrip('/')}/{r.slug}/{name}"
        folder = r.post_target.parent if self.images_beside else r.post_target.parent / r.slug
        image = folder / name
        return image, posixpath.relpath(str(image), str(r.post_target.parent))

    # ------------------------------------------------------------------ the slug

    def own_slug(self, post: Post) -> str | None:
        """The slug the post's front matter sets: the slug field, else the last part of the
        generator's permalink field."""
        if post.slug:
            return post.slug
        if self.permalink_key is not None:
            value = post.get(self.permalink_key)
            if isinstance(value, str) and "{" not in value:
                parts = [part for part in value.split("/") if part]
                if parts:
                    return posixpath.splitext(parts[-1])[0] if "." in parts[-1] else parts[-1]
        return None

    def rule_slug(self, post: Post) -> str:
        """The slug rule: the post's own slug field (or the generator's permalink), else the
        title's slug, else the file name's (without a leading date)."""
        candidates: list[str | None] = [self.own_slug(post), post.title]
        if post.path is not None:
            stem = post.path.stem
            if stem.lower() in {"index", "readme", "_index"}:
                stem = post.path.parent.name
            candidates.append(_DATE_PREFIX.sub("", stem))
        for candidate in candidates:
            if candidate and candidate.strip():
                return make_slug(candidate)
        return "post"

    def slug_choice(
        self, post: Post, site: Site | None, options: ExportOptions
    ) -> tuple[str, bool]:
        """(slug, chosen): the slug the writer typed, else the one they chose at the last export
        into ``site``, else :meth:`rule_slug`. ``chosen`` is True when it differs from the
        rule's."""
        rule = self.rule_slug(post)
        if options.slug is not None and options.slug.strip():
            typed = make_slug(options.slug)
            return typed, typed != rule
        if site is not None and options.remember:
            remembered = remembered_slug(site.root, post.path)
            if remembered:
                slug = make_slug(remembered)
                return slug, slug != rule
        return rule, False

    def slug_of(self, post: Post, site: Site | None, options: ExportOptions) -> str:
        """The post's slug: see :meth:`slug_choice`."""
        return self.slug_choice(post, site, options)[0]

    def paste_place(self, site: Site, post: PurePosixPath, name: str) -> tuple[PurePosixPath, str]:
        """Where an image pasted into the site's post ``post`` (site-relative) is saved, and
        the link the post uses for it: where an export of that post would put it."""
        stem = post.stem
        if stem.lower() in {"index", "_index"}:
            stem = post.parent.name
        r = Rendering(post_target=post, slug=make_slug(_DATE_PREFIX.sub("", stem) or stem))
        return self.place_image(site, r, name)

    def slug_keys(self, post: Post, r: Rendering) -> None:
        """Set the slug field when the generator would otherwise make another slug: always for
        generators that slug the title by their own rule, else when the post's field says
        something else."""
        if self.slug_key is None:
            return
        present = post.get(self.slug_key)
        if self.slug_from_title or present is not None:
            r.keys[self.slug_key] = r.slug

    def permalink_url(self, post: Post, r: Rendering, base: str = "") -> str | None:
        """The URL the post's own permalink field sets, rewritten to end in the export's slug
        when the two differ (the rewritten field is set in ``r.keys``); None without one."""
        if self.permalink_key is None:
            return None
        value = post.get(self.permalink_key)
        if not isinstance(value, str) or not value.strip() or "{" in value:
            return None
        path = "/" + value.strip().lstrip("/")
        own = self.own_slug(post)
        if own is not None and make_slug(own) != r.slug:
            head, _, last = path.rstrip("/").rpartition("/")
            suffix = posixpath.splitext(last)[1] if "." in last else ""
            path = f"{head}/{r.slug}{suffix}" + ("/" if path.endswith("/") else "")
            r.keys[self.permalink_key] = path
        return base.rstrip("/") + path

    # ------------------------------------------------------------------ shared pipeline

    def render(self, post: Post, site: Site, options: ExportOptions) -> Rendering:
        """The exported post's bytes and the images it needs; problems land in the result."""
        r = Rendering(body_line=post.body_line)
        if post.error is not None:
            r.errors.append(post.error.located(post.path))
            return r
        f = self.read_fields(post, site, options, r)
        r.default_slug = self.rule_slug(post)
        r.slug, r.slug_chosen = self.slug_choice(post, site, options)
        refs = find_images(post.body)
        r.post_target = self.post_path(site, r.slug, f, bool(refs))
        self.slug_keys(post, r)
        r.url = self.page_url(site, r, f)
        r.hidden = self.visibility(site, f, r, options.today or dt.date.today())
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

    def move_images(self, post: Post, refs: list[ImageRef], site: Site, r: Rendering) -> str:
        """The body with local image links pointing where the images are copied to.

        An image is taken only from inside the post's folder (or from the site itself, for a
        post that lives in it): never through ``..`` or a symlink that leads elsewhere, and only
        a regular file with an image or media type. Anything else is an error on its line.
        """
        if not refs:
            return post.body
        if post.path is None:
            r.errors.append(PostError("the post is not saved, so its images cannot be found"))
            return post.body
        folder = post.path.parent.absolute()
        planned_from: dict[PurePosixPath, Path] = {}
        replacements: list[tuple[ImageRef, str]] = []
        for ref in refs:
            line = post.body_line + ref.line
            source = self._image_source(post, folder, site, ref, line=line, r=r)
            if source is None:
                continue
            name = make_file_name(source.name)
            image, link = self.place_image(site, r, name, html=ref.html)
            stem, suffix = posixpath.splitext(name)
            number = 2
            while planned_from.get(image, source) != source:  # one name, two images
                image, link = self.place_image(site, r, f"{stem}-{number}{suffix}", html=ref.html)
                number += 1
            if image not in planned_from:
                planned_from[image] = source
                r.images.append(PlannedImage(source, image, line))
            replacements.append((ref, link))
            if ref.html and not self.html_links_work and not link.startswith(("/", "{", "../")):
                r.notes.append(
                    f"line {line}: {self.label} does not rewrite links in an <img> tag, so "
                    f"'{ref.link}' breaks on the post's page; write it as a markdown image"
                )
        return replace_links(post.body, replacements)

    @staticmethod
    def _image_source(
        post: Post, folder: Path, site: Site, ref: ImageRef, *, line: int, r: Rendering
    ) -> Path | None:
        """The image file ``ref`` names, when it may be copied; else None with an error."""

        def refuse(why: str) -> None:
            r.errors.append(PostError(f"image '{ref.link}' {why}", post.path, line))

        raw = ref.path
        if not raw or "\0" in raw:
            refuse("is not a file name")
            return None
        if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", raw):
            refuse("is an absolute path: only images in the post's folder are copied")
            return None
        candidate = Path(os.path.normpath(folder / raw))
        real_folder = folder.resolve()
        real_root = site.root.resolve()
        try:
            real = candidate.resolve()
        except (OSError, RuntimeError):
            refuse("cannot be followed (a symlink loop?)")
            return None
        in_folder = candidate.is_relative_to(folder) and real.is_relative_to(real_folder)
        in_site = (
            real_folder.is_relative_to(real_root)
            and real.is_relative_to(real_root)
            and not any(part.startswith(".") for part in real.relative_to(real_root).parts)
        )
        if not (in_folder or in_site):
            if not candidate.is_relative_to(folder):
                refuse("is outside the post's folder: only images in it are copied")
            else:
                refuse(f"is a symlink leading outside the post's folder (to {real})")
            return None
        try:
            info = real.stat()
        except FileNotFoundError:
            r.errors.append(
                PostError(f"image '{ref.link}' not found (looked for {candidate})", post.path, line)
            )
            return None
        except OSError as exc:
            refuse(f"cannot be read ({exc.strerror})")
            return None
        if not stat.S_ISREG(info.st_mode):
            refuse(f"is {kind_of(info.st_mode)}, not an image file")
            return None
        if not is_media_name(real.name) or not is_media_name(candidate.name):
            refuse("is not an image or media file (by its name)")
            return None
        return real

    def convert_excerpt(self, body: str, site: Site, r: Rendering) -> str:
        """The body with its excerpt marker in the generator's form, or a hint when the
        generator cannot use one. Where the generator cuts at the first occurrence of the
        marker's text, code included, and that text shows in code before the real marker, the
        post gets its own separator (or a warning, where the generator has no way to say it)."""
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
        out = convert_marker(body, wanted, KNOWN_MARKERS)
        if not self.cuts_in_code:
            return out
        first = real_markers(out, (wanted,))[0]
        before = out[: first.start]
        if wanted not in before:
            return out
        line = r.body_line + before[: before.rindex(wanted)].count("\n")
        if self.separator_key is None:
            r.notes.append(
                f"line {line}: {self.label} cuts the excerpt at the first '{wanted}' even "
                "inside code, and drops it from the code: the excerpt ends there; write the "
                "sample another way (with spaces, for instance)"
            )
            return out
        own = next((sep for sep in _OWN_SEPARATORS if sep not in before), None)
        number = 2
        while own is None:
            own = f"<!-- end of excerpt {number} -->"
            own = None if own in before else own
            number += 1
        r.keys[self.separator_key] = own
        r.notes.append(
            f"'{wanted}' also shows in code before the marker (line {line}), and "
            f"{self.label} would cut there: the marker is written as '{own}', named in "
            f"{self.separator_key}"
        )
        return out[: first.start] + own + out[first.end :]

    def place_title(self, post: Post, body: str, f: Fields, r: Rendering) -> str:
        """For generators whose themes print ``title``: the H1 that is the title leaves the
        body, so the title shows exactly once. A different H1 stays, with a warning."""
        both = two_titles(post)
        if both is not None:
            r.notes.append(f"line {both.line}: {both.message}")
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
        desired.update(r.keys)
        if self.liquid_key is not None and has_liquid(body):
            desired[self.liquid_key[0]] = self.liquid_key[1]
        managed = {key.lower() for canon in self.manages for key in ALIASES[canon]}
        if self.slug_key is not None:
            managed |= {key.lower() for key in ALIASES["slug"]} | {self.slug_key.lower()}
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


def future_date(value: dt.date | dt.datetime, today: dt.date) -> bool:
    """Whether a post dated ``value`` is in the future on ``today``."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return day > today


def url_path(*parts: str, directory: bool = True) -> str:
    """``/a/b/c/`` from parts (empty ones and stray slashes dropped)."""
    pieces = [piece.strip("/") for piece in parts if piece and piece.strip("/")]
    path = "/" + "/".join(pieces)
    return path + "/" if directory and path != "/" else path


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
