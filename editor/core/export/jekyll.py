"""Jekyll: ``_posts/YYYY-MM-DD-slug.md`` (the name format is required), images under
``assets/images`` served from the site root.

Jekyll runs Liquid over post bodies, code blocks included, so ``{{ x }}`` in a code sample
vanishes; ``render_with_liquid: false`` stops that for the post.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from editor.core.export.base import ExcerptNeed, Fields, Profile, has_liquid
from editor.core.findings import Finding
from editor.core.post import Post
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

    def excerpt_need(self, site: Site) -> ExcerptNeed:
        # with a separator set, a post without it has its whole text as the excerpt
        return "recommended" if site.excerpt_separator else "unused"

    def missing_marker_message(self, site: Site) -> str:
        return (
            f"no excerpt marker: this site's excerpt_separator is '{site.excerpt_separator}', "
            "so Jekyll makes the whole post its excerpt"
        )

    def check_post(self, post: Post, site: Site, *, in_site: bool) -> list[Finding]:  # noqa: ARG002 - hook
        if not in_site or post.get("render_with_liquid") is False or not has_liquid(post.body):
            return []
        line = next((n for n, text in enumerate(post.body.splitlines()) if has_liquid(text)), 0)
        return [
            Finding(
                post.path,
                post.body_line + line,
                None,
                "warning",
                "Jekyll runs Liquid over the post, code included: '{{' and '{%' vanish "
                "unless the front matter says render_with_liquid: false",
                "liquid",
            )
        ]

    def file_name(self, slug: str, f: Fields) -> str:
        return f"{f.date.strftime('%Y-%m-%d')}-{slug}.md"

    def image_dir(self, site: Site) -> tuple[PurePosixPath, str]:
        folder = PurePosixPath(site.setting("images_dir", "assets/images"))
        source = PurePosixPath(site.setting("source", "."))
        served = folder.relative_to(source) if folder.is_relative_to(source) else folder
        return folder, f"{site.setting('baseurl', '')}/{served}"
