"""The site a post is written for, resolved once per document and asked every site question.

A post's target is, in order: the site it lives in (the nearest folder above it that a
generator's files mark as a site root), else the site the writer chose for it, else none - a
plain folder, where only the generator-neutral rules apply. Everything that depends on the
site - the marker the inserter writes and whether one is needed, the separators the renderer,
the highlighter and the checker honour, the key a field is written under, the slug, where an
image goes, the words the form completes - is answered here, from the generator's profile and
the site's own settings, so no two parts of the program can disagree about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from editor.core.errors import PostError
from editor.core.excerpt import DEFAULT_MARKER
from editor.core.export.base import ExcerptNeed, ExportOptions, Profile
from editor.core.export.profiles import PROFILES
from editor.core.fields import Field
from editor.core.findings import Finding
from editor.core.frontmatter import Format
from editor.core.post import Post
from editor.core.render.model import SYNTAX_BY_GENERATOR, RenderOptions
from editor.core.site import GENERATORS, Site, Vocabulary, detect_site, site_signs

TargetKind = Literal["site", "chosen", "none"]

GENERATOR_LABELS: dict[str, str] = {
    "hugo": "Hugo",
    "jekyll": "Jekyll",
    "mkdocs": "MkDocs Material",
    "pelican": "Pelican",
    "eleventy": "Eleventy",
    "zola": "Zola",
    "hexo": "Hexo",
    "astro": "Astro",
    "folder": "plain folder",
}


@dataclass(frozen=True)
class TargetChoice:
    """What the writer chose for a post that lives in no site: a site folder, a generator, or
    both (a generator alone applies its rules with the post's folder as the site)."""

    site: Path | None = None
    generator: str | None = None

    def to_json(self) -> dict[str, str]:
        """The choice as the settings file keeps it."""
        return {"site": str(self.site) if self.site else "", "generator": self.generator or ""}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> TargetChoice | None:
        """A stored choice, or None when it names nothing usable."""
        site = data.get("site")
        generator = data.get("generator")
        folder = Path(site) if isinstance(site, str) and site else None
        name = generator if isinstance(generator, str) and generator in GENERATORS else None
        return cls(folder, name) if folder or name else None


@dataclass(frozen=True)
class Target:
    """One post's site and the answers that follow from it."""

    kind: TargetKind
    site: Site | None = None
    #: why the target is what it is, for the status bar's tooltip
    reason: str = ""

    # ------------------------------------------------------------------ identity

    @property
    def generator(self) -> str:
        """The generator's name; "folder" when the post has no site."""
        return self.site.generator if self.site is not None else "folder"

    @property
    def profile(self) -> Profile:
        """The generator's rules."""
        return PROFILES[self.generator]

    @property
    def root(self) -> Path | None:
        """The site's folder."""
        return self.site.root if self.site is not None else None

    @property
    def label(self) -> str:
        """ "Hugo site", "Jekyll (chosen)", "No site": what the status bar shows."""
        if self.site is None:
            return "No site"
        name = GENERATOR_LABELS.get(self.generator, self.generator)
        if self.kind == "chosen":
            return f"{name} (chosen)"
        return f"{name} site"

    @property
    def description(self) -> str:
        """A sentence saying which site this is and why."""
        if self.site is None:
            return self.reason or "The post belongs to no site: only general rules apply."
        name = GENERATOR_LABELS.get(self.generator, self.generator)
        where = f"{name} site at {self.site.root}"
        return f"{where}. {self.reason}" if self.reason else where

    # ------------------------------------------------------------------ the excerpt

    @property
    def marker(self) -> str:
        """The marker the inserter writes, in the form the generator reads."""
        if self.site is None:
            return DEFAULT_MARKER
        return self.profile.marker(self.site) or DEFAULT_MARKER

    @property
    def separators(self) -> tuple[str, ...]:
        """The site's own separators, honoured besides ``<!-- more -->`` by the renderer, the
        highlighter, the marker mover and the checker."""
        if self.site is None:
            return ()
        found = [self.profile.marker(self.site), self.site.excerpt_separator]
        return tuple(dict.fromkeys(sep for sep in found if sep and sep.strip()))

    @property
    def excerpt_need(self) -> ExcerptNeed:
        """Whether a post needs a marker here (see :meth:`Profile.excerpt_need`)."""
        if self.site is None:
            return "optional"
        return self.profile.excerpt_need(self.site)

    @property
    def missing_marker_message(self) -> str:
        """What a post without a marker gets on this site's index ("" when it does not matter)."""
        if self.site is None or self.excerpt_need not in ("required", "recommended"):
            return ""
        return self.profile.missing_marker_message(self.site) or (
            f"no excerpt marker: add {self.marker} where the excerpt ends"
        )

    # ------------------------------------------------------------------ fields and files

    @property
    def front_matter(self) -> Format:
        """The front matter format new posts get."""
        return self.site.front_matter if self.site is not None else "yaml"

    @property
    def vocabulary(self) -> Vocabulary:
        """The tags, categories and authors the site's posts use, most used first."""
        return self.site.vocabulary if self.site is not None else Vocabulary()

    def new_key(self, field: Field) -> str | None:
        """The key a field gets when the post has none of its spellings; None: the post's own
        format decides (no site)."""
        if self.site is None:
            return None
        return self.profile.new_key(field, self.site)

    def slug(self, post: Post) -> str:
        """The post's slug by the generator's rule."""
        if self.site is None:
            return PROFILES["folder"].slug_of(post, None, ExportOptions())
        return self.profile.slug_of(post, self.site, ExportOptions())

    def image_place(self, post_path: Path, name: str) -> tuple[Path, str]:
        """Where an image pasted into the post at ``post_path`` is saved, and the link that
        the post then uses for it."""
        site = self.site
        if site is None or self.kind != "site" or not post_path.is_relative_to(site.root):
            return post_path.parent / "images" / name, f"images/{name}"
        relative = PurePosixPath(post_path.relative_to(site.root).as_posix())
        target, link = self.profile.paste_place(site, relative, name)
        return site.root / target, link

    def served_roots(self) -> tuple[Path, ...]:
        """The folders of the post's site whose files the site serves at its root, so that
        ``/images/a.png`` in a post of the site can be shown; () outside a site."""
        site = self.site
        if site is None or self.kind != "site":
            return ()
        return tuple(site.root / folder for folder in self.profile.served_roots(site))

    @property
    def syntaxes(self) -> tuple[str, ...]:
        """The generator syntax (shortcodes, Liquid or Hexo tags, snippets) that the preview
        shows as placeholders: the site generator's own; every kind for a post in no site."""
        return SYNTAX_BY_GENERATOR.get(self.generator, ())

    def render_options(self, *, allow_remote_images: bool = False) -> RenderOptions:
        """How the preview renders a post of this site."""
        return RenderOptions(
            allow_remote_images=allow_remote_images,
            excerpt_separators=self.separators,
            syntaxes=self.syntaxes,
        )

    def check(self, post: Post) -> list[Finding]:
        """The generator's own findings for ``post`` (the general ones are in
        :mod:`editor.core.checks`)."""
        if self.site is None:
            return []
        return self.profile.check_post(post, self.site, in_site=self.kind == "site")


NO_TARGET = Target("none")


def find_site_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that is a site's root, or None."""
    try:
        current = folder.resolve()
    except OSError:
        return None
    for candidate in (current, *current.parents):
        if site_signs(candidate):
            return candidate
    return None


def resolve_target(
    post_path: Path | None,
    choice: TargetChoice | None = None,
    *,
    generators: Mapping[str, str] | None = None,
    scan: bool = False,
) -> Target:
    """The target of a post at ``post_path`` (None: not saved yet).

    ``generators`` maps a site root to the generator the writer picked for it, when its files
    look like more than one. ``scan`` reads the site's posts for its vocabulary. A site that
    cannot be read falls back to the next rule, with the reason kept.
    """
    generators = generators or {}
    reason = ""
    if post_path is not None:
        root = find_site_root(post_path.parent)
        if root is not None:
            try:
                site = detect_site(root, generators.get(str(root)), scan=scan)
            except PostError as exc:
                reason = f"The site at {root} could not be read: {exc.message}"
            else:
                return Target("site", site, "The post lives in this site's folder.")
    if choice is not None:
        folder = choice.site
        if folder is None and post_path is not None:
            folder = post_path.parent
        if folder is not None:
            try:
                site = detect_site(folder, choice.generator, scan=scan)
            except PostError as exc:
                reason = f"The chosen site could not be read: {exc.message}"
            else:
                return Target("chosen", site, "Chosen for this post.")
    return Target("none", None, reason)
