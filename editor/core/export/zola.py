"""Zola: ``content/blog/slug.md`` (or ``slug/index.md`` with its images) in TOML.

Zola rejects front matter keys it does not know and taxonomies its config does not declare:
custom keys move under ``[extra]``, tags and categories go under ``[taxonomies]`` only when
declared.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.excerpt import DEFAULT_MARKER
from editor.core.export.base import ExcerptNeed, Fields, Profile, Rendering, url_path
from editor.core.fields import ALIASES, Field
from editor.core.frontmatter import Format
from editor.core.site import Site

ZOLA_KEYS = frozenset(
    {
        "title", "description", "date", "updated", "weight", "draft", "slug", "path",
        "aliases", "authors", "in_search_index", "template", "taxonomies", "extra",
    }
)  # fmt: skip


class ZolaProfile(Profile):
    """TOML ``+++`` front matter by default; YAML is kept when the post has it."""

    name = "zola"
    label = "Zola"
    bundle_images = True
    images_beside = True
    fixed_marker = DEFAULT_MARKER
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"title", "date", "updated", "tags", "categories", "authors", "draft"}
    )

    permalink_key = "path"

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:  # noqa: ARG002 - hook
        return (PurePosixPath("static"),)

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """``/blog/slug/``: the section's path under ``content``, then the slug."""
        base = site.setting("base_path", "")
        own = self.permalink_url(f.post, r, base)
        if own is not None:
            return own if own.endswith("/") else own + "/"
        section = site.posts_dir.parts[1:] if site.posts_dir.parts[:1] == ("content",) else ()
        return url_path(base, *section, r.slug)

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        if f.draft:
            return "a draft: Zola leaves it out of a plain build (zola build --drafts includes it)"
        return ""

    def excerpt_need(self, site: Site) -> ExcerptNeed:  # noqa: ARG002 - hook
        return "recommended"

    def missing_marker_message(self, site: Site) -> str:  # noqa: ARG002 - hook
        return (
            f"no excerpt marker: Zola gives the index no summary (page.summary is empty); "
            f"add {DEFAULT_MARKER} where the excerpt ends"
        )

    def default_format(self, site: Site) -> Format:
        return "toml" if site.front_matter not in ("toml", "yaml") else site.front_matter

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:
        taxonomies = dict(f.post.get("taxonomies") or {})
        for name, terms in (("tags", f.tags), ("categories", f.categories)):
            if not terms:
                continue
            if name in site.taxonomies:
                taxonomies[name] = [str(term) for term in terms]
            else:
                taxonomies.pop(name, None)
                r.notes.append(
                    f"{name} left out: this site's config.toml declares no '{name}' taxonomy "
                    f'(add {{ name = "{name}" }} to taxonomies)'
                )
        managed = {key for canon in self.manages for key in ALIASES[canon]}
        extra = dict(f.post.get("extra") or {})
        values: dict[str, Any] = {
            "title": f.title,
            "date": f.date,
            "updated": f.updated,
            "authors": f.authors or None,
            "draft": True if f.draft else None,
            "taxonomies": taxonomies or None,
        }
        for key, value in f.meta.items():
            if key not in ZOLA_KEYS and key not in managed:
                extra[key] = value
                values[key] = None
        values["extra"] = extra or None
        return values
