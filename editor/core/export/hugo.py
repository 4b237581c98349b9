"""Hugo: ``content/posts/slug.md``, or a leaf bundle ``slug/index.md`` when the post has images.

Hugo splits the summary only on ``<!--more-->`` written without spaces; any other form is
ignored and the automatic summary puts the first 70 words of the body on the index.
"""

from __future__ import annotations

from typing import ClassVar

from editor.core.excerpt import HUGO_MARKER
from editor.core.export.base import Profile, Rendering
from editor.core.export.images import raw_html_line
from editor.core.fields import Field
from editor.core.post import Post
from editor.core.site import Site


class HugoProfile(Profile):
    """Hugo reads YAML, TOML or JSON front matter, so a post keeps its own format."""

    name = "hugo"
    label = "Hugo"
    bundle_images = True
    images_beside = True
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"title", "date", "updated", "tags", "categories", "draft"}
    )
    updated_key = "lastmod"
    fixed_marker = HUGO_MARKER
    no_marker_note = (
        "no excerpt marker: Hugo's index shows the first 70 words of the post; "
        "add <!--more--> where the excerpt ends"
    )

    def check_body(self, post: Post, site: Site, r: Rendering) -> None:
        line = raw_html_line(post.body)
        if line is not None and not site.setting("unsafe_html"):
            number = post.body_line + line
            r.notes.append(
                f"line {number}: Hugo leaves raw HTML out of the page unless the site sets "
                "markup.goldmark.renderer.unsafe = true"
            )
