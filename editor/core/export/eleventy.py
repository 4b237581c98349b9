"""Eleventy: ``posts/slug.md``; the directory data file usually supplies the layout and the
``posts`` collection tag.

Eleventy runs markdown through Liquid first, so ``{{ }}`` and ``{% %}`` in the body are
template code unless ``templateEngineOverride: md`` says otherwise. It has no excerpt marker
and no draft handling of its own; both are site code, looked for in the config.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.export.base import Fields, Profile, Rendering
from editor.core.fields import Field
from editor.core.site import Site


class EleventyProfile(Profile):
    """YAML front matter; images go to a folder the site copies through."""

    name = "eleventy"
    label = "Eleventy"
    manages: ClassVar[frozenset[Field]] = frozenset({"title", "date", "tags", "draft"})
    liquid_key = ("templateEngineOverride", "md")
    no_marker_hint = (
        "Eleventy has no excerpt marker unless the site turns on front matter excerpts "
        '(setFrontMatterParsingOptions({ excerpt: true, excerpt_separator: "<!-- more -->" })); '
        "the marker stays as an HTML comment"
    )

    def _image_root(self, site: Site) -> tuple[PurePosixPath, bool]:
        """(folder copied to the output, whether the site's config copies it)."""
        passthrough = site.setting("passthrough") or []
        if passthrough:
            return PurePosixPath(str(passthrough[0]).strip("/")), True
        return PurePosixPath(site.setting("input_dir", ".")) / "img", False

    def image_dir(self, site: Site) -> tuple[PurePosixPath, str]:
        folder = self._image_root(site)[0]
        source = PurePosixPath(site.setting("input_dir", "."))
        served = folder.relative_to(source) if folder.is_relative_to(source) else folder
        return folder, f"/{served}"

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:
        if f.draft and not site.setting("draft_filter"):
            r.notes.append(
                "Eleventy has no drafts of its own and this site's config never mentions "
                "'draft': the post will be published"
            )
        return super().fields(f, site, r)

    def check_images(self, site: Site, r: Rendering) -> None:
        folder, copied = self._image_root(site)
        if not copied:
            r.notes.append(
                f'add eleventyConfig.addPassthroughCopy("{folder}") so the images are copied'
            )
