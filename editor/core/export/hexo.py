"""Hexo: ``source/_posts/slug.md``, images under ``source/images`` served from the root.

Hexo reads a list of categories as one nested path (``[a, b]`` is ``a > b``); several
categories are a list of lists. Hexo renders Nunjucks tags in posts, which
``disableNunjucks: true`` turns off.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.excerpt import DEFAULT_MARKER
from editor.core.export.base import ExcerptNeed, Fields, Profile, Rendering, future_date, url_path
from editor.core.export.urls import date_values, fill_colon_pattern, in_zone, zone_named
from editor.core.fields import Field
from editor.core.site import Site
from editor.core.slug import make_slug


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
    slug_key = None  # Hexo's :title is the file name, whatever the front matter says
    permalink_key = "permalink"

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:
        return (PurePosixPath(site.setting("source_dir", "source")),)

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """``root`` + the site's ``permalink`` (``:year/:month/:day/:title/`` by default), dated
        in the site's time zone; ``:title`` is the file name."""
        root = str(site.setting("root", "/"))
        own = self.permalink_url(f.post, r, root)
        if own is not None:
            return own
        pattern = str(site.setting("permalink", ":year/:month/:day/:title/"))
        moment = in_zone(f.date, zone_named(site.setting("timezone")))
        first = f.categories[0] if f.categories else None
        category = first[-1] if isinstance(first, list) and first else first
        values = {
            **date_values(moment),
            "title": r.slug,
            "name": r.slug,
            "category": make_slug(str(category)) if category else "",
        }
        filled = fill_colon_pattern(pattern, values)
        if filled is None:
            r.notes.append(f"the site's permalink '{pattern}' is not one Postwright can follow")
            return None
        return url_path(root, filled, directory=filled.endswith("/"))

    def place_image(
        self, site: Site, r: Rendering, name: str, *, html: bool = False
    ) -> tuple[PurePosixPath, str]:
        """With ``post_asset_folder``, in the post's asset folder (``_posts/slug/``), which
        Hexo serves at the post's URL; else under ``source/images``."""
        del html
        assert r.post_target is not None
        if site.setting("post_asset_folder"):
            image = r.post_target.parent / r.slug / name
            return image, f"{r.url}{name}" if r.url and r.url.endswith("/") else name
        return super().place_image(site, r, name)

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        if f.draft and not site.setting("render_drafts"):
            return (
                "not published (published: false): Hexo leaves it out of a plain build "
                "(render_drafts: true in _config.yml, or hexo server --draft, includes it)"
            )
        if future_date(f.date, today) and not site.setting("future", True):
            return (
                f"dated {f.date.isoformat()}, in the future: with future: false Hexo leaves it "
                "out until then"
            )
        return ""

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
