"""Hexo: ``source/_posts/slug.md``, images under ``source/images`` served from the root.

Hexo reads a list of categories as one nested path (``[a, b]`` is ``a > b``); several
categories are a list of lists. Hexo renders Nunjucks tags in posts, which
``disableNunjucks: true`` turns off.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.excerpt import DEFAULT_MARKER
from editor.core.export.base import ExcerptNeed, Fields, Profile, Rendering
from editor.core.fields import Field
from editor.core.site import Site


class HexoProfile(Profile):
    """YAML front matter; drafts stay in ``_posts`` with ``published: false``."""

    name = "hexo"
    label = "Hexo"
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"title", "date", "updated", "tags", "categories", "draft"}
    )
    draft_key = ("published", False)
    fixed_marker = DEFAULT_MARKER
    liquid_key = ("disableNunjucks", True)

    def excerpt_need(self, site: Site) -> ExcerptNeed:  # noqa: ARG002 - hook
        return "recommended"

    def missing_marker_message(self, site: Site) -> str:  # noqa: ARG002 - hook
        return f"no excerpt marker: Hexo's index shows the whole post; add {DEFAULT_MARKER}"

    def image_dir(self, site: Site) -> tuple[PurePosixPath, str]:
        folder = PurePosixPath(site.setting("source_dir", "source")) / "images"
        return folder, f"{site.setting('root', '/')}images"

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:
        values = super().fields(f, site, r)
        flat = [c for c in f.categories if not isinstance(c, list)]
        if len(flat) > 1 and len(flat) == len(f.categories):
            values["categories"] = [[c] for c in flat]
            r.notes.append(
                "categories written as a list of lists: Hexo reads a flat list as one "
                "nested category"
            )
        return values
