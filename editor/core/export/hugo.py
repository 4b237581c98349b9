"""Hugo: ``content/posts/slug.md``, or a leaf bundle ``slug/index.md`` when the post has images.

Hugo splits the summary only on ``<!--more-->`` written without spaces; any other form is
ignored and the automatic summary puts the first 70 words of the body on the index.
"""

from __future__ import annotations

from typing import ClassVar

from editor.core.excerpt import HUGO_MARKER
from editor.core.export.base import Profile


class HugoProfile(Profile):
    """Hugo reads YAML, TOML or JSON front matter, so a post keeps its own format."""

    name = "hugo"
    bundle_images = True
    images_beside = True
    manages: ClassVar[frozenset[str]] = frozenset(
        {"title", "date", "updated", "tags", "categories", "draft"}
    )
    updated_key = "lastmod"
    fixed_marker = HUGO_MARKER
    no_marker_note = (
        "no excerpt marker: Hugo's index shows the first 70 words of the post; "
        "add <!--more--> where the excerpt ends"
    )
