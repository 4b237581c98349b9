"""Astro: a content collection folder (``src/content/blog``) whose schema, in the site's
``content.config.ts``, names the fields: ``pubDate`` or ``date``, ``updatedDate``...

A field the schema requires but the post lacks fails the build, so it is an error here.
Astro has no excerpt marker: indexes show ``description``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from editor.core.errors import PostError
from editor.core.export.base import Fields, Profile, Rendering
from editor.core.fields import Field
from editor.core.findings import Finding
from editor.core.post import Post
from editor.core.site import Site

_DATE_NAMES = ("pubDate", "date", "publishDate", "published")
_UPDATED_NAMES = ("updatedDate", "updated", "lastmod", "modified")


class AstroProfile(Profile):
    """YAML front matter written in the collection schema's field names."""

    name = "astro"
    label = "Astro"
    html_links_work = False
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"title", "date", "updated", "tags", "draft", "description"}
    )
    uses_marker = False
    no_marker_hint = (
        "Astro has no excerpt marker: its index pages show 'description', "
        "so give the post one; the marker stays as an HTML comment"
    )

    def new_key(self, field: Field, site: Site) -> str:
        schema: dict[str, bool] = dict(site.setting("schema") or {})
        names = {"date": _DATE_NAMES, "updated": _UPDATED_NAMES}.get(field)
        if names is not None:
            return next((name for name in names if name in schema), names[0])
        return super().new_key(field, site)

    def check_post(self, post: Post, site: Site, *, in_site: bool) -> list[Finding]:
        if not in_site:
            return []  # an export writes the schema's names for the post's fields
        schema: dict[str, bool] = dict(site.setting("schema") or {})
        return [
            Finding(
                post.path,
                1,
                None,
                "error",
                f"the site's schema ({site.setting('content_config')}) requires '{name}': "
                "the build stops without it",
                "schema-field",
            )
            for name, required in schema.items()
            if required and post.get(name) is None
        ]

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:
        schema: dict[str, bool] = dict(site.setting("schema") or {})

        def pick(names: tuple[str, ...]) -> str:
            return next((name for name in names if name in schema), names[0])

        description = f.description or f.post.get("summary")
        values: dict[str, Any] = {
            "title": f.title,
            pick(_DATE_NAMES): f.date,
            pick(_UPDATED_NAMES): f.updated,
            "description": str(description) if description else None,
            "tags": f.tags or None,
            "draft": True if f.draft else None,
        }
        present = {key for key, value in values.items() if value is not None} | set(f.post.meta)
        for name, required in schema.items():
            if required and name not in present:
                r.errors.append(
                    PostError(
                        f"the site's schema ({site.setting('content_config')}) requires "
                        f"'{name}': add it to the post",
                        f.post.path,
                    )
                )
        return values
