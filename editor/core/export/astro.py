"""Astro: a content collection folder (``src/content/blog``) whose schema, in the site's
``content.config.ts``, names the fields: ``pubDate`` or ``date``, ``updatedDate``...

A field the schema requires but the post lacks fails the build, so it is an error here.
Astro has no excerpt marker: indexes show ``description``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.errors import PostError
from editor.core.export.base import Fields, Profile, Rendering, url_path
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

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:  # noqa: ARG002 - hook
        return (PurePosixPath("public"),)

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:  # noqa: ARG002 - hook
        """The folder of the site's ``[...slug].astro`` page, then the entry's id (the slug)."""
        route = site.setting("route")
        if route is None:
            r.notes.append(
                "no src/pages/**/[...slug].astro lists the collection: the site's own pages "
                "decide the post's URL"
            )
            return None
        base = site.setting("base_path", "")
        if site.setting("build_format_file"):
            return url_path(base, route, f"{r.slug}.html", directory=False)
        return url_path(base, route, r.slug)

    def place_image(
        self, site: Site, r: Rendering, name: str, *, html: bool = False
    ) -> tuple[PurePosixPath, str]:
        """A markdown image goes where Astro's image pipeline takes it from: ``src/assets``
        when the site has it, else beside the post; linked relatively (``./``). An ``<img>``
        tag is not processed, so its image goes to ``public/`` and is linked by its URL."""
        assert r.post_target is not None
        if html:
            base = site.setting("base_path", "")
            return (
                PurePosixPath("public/images") / r.slug / name,
                f"{base}/images/{r.slug}/{name}",
            )
        assets = site.setting("assets_dir")
        folder = PurePosixPath(assets) / r.slug if assets else r.post_target.parent / r.slug
        link = posixpath.relpath(str(folder / name), str(r.post_target.parent))
        return folder / name, link if link.startswith("../") else f"./{link}"

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        schema: dict[str, bool] = dict(site.setting("schema") or {})
        if f.draft and "draft" in schema and site.setting("draft_filter"):
            return "a draft: this site's pages leave drafts out"
        if f.draft:
            r.notes.append(
                "Astro has no drafts of its own and this site's pages never filter on "
                "'draft'"
                + ("" if "draft" in schema else " (its schema has no draft field)")
                + ": the post will be published"
            )
        return ""

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
