"""Jekyll: ``_posts/YYYY-MM-DD-slug.md`` (the name format is required), images under
``assets/images`` served from the site root.

Jekyll runs Liquid over post bodies, code blocks included, so ``{{ x }}`` in a code sample
vanishes; ``render_with_liquid: false`` stops that for the post.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from editor.core.export.base import Fields, Profile
from editor.core.site import Site


class JekyllProfile(Profile):
    """Jekyll takes YAML only; drafts stay in ``_posts`` with ``published: false``."""

    name = "jekyll"
    label = "Jekyll"
    draft_key = ("published", False)
    liquid_key = ("render_with_liquid", False)
    no_marker_hint = (
        "this Jekyll site sets no excerpt_separator, so its excerpts are first paragraphs: "
        "add 'excerpt_separator: \"<!-- more -->\"' to _config.yml to use the post's marker"
    )

    def file_name(self, slug: str, f: Fields) -> str:
        return f"{f.date.strftime('%Y-%m-%d')}-{slug}.md"

    def image_dir(self, site: Site) -> tuple[PurePosixPath, str]:
        folder = PurePosixPath(site.setting("images_dir", "assets/images"))
        source = PurePosixPath(site.setting("source", "."))
        served = folder.relative_to(source) if folder.is_relative_to(source) else folder
        return folder, f"{site.setting('baseurl', '')}/{served}"
