"""Hugo: ``content/posts/slug.md``, or a leaf bundle ``slug/index.md`` when the post has images.

Hugo splits the summary only on ``<!--more-->`` written without spaces; any other form is
ignored and the automatic summary puts the first 70 words of the body on the index.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import ClassVar

from editor.core.excerpt import HUGO_MARKER, real_markers
from editor.core.export.base import ExcerptNeed, Profile, Rendering
from editor.core.export.images import raw_html_line
from editor.core.fields import Field
from editor.core.findings import Finding
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

    def paste_place(self, site: Site, post: PurePosixPath, name: str) -> tuple[PurePosixPath, str]:
        if post.name in ("index.md", "_index.md"):
            return post.parent / name, name  # a page bundle: the image is one of its resources
        static = PurePosixPath(site.setting("static_dir", "static"))
        return static / "images" / name, f"/images/{name}"

    def excerpt_need(self, site: Site) -> ExcerptNeed:  # noqa: ARG002 - hook
        return "recommended"

    def check_post(self, post: Post, site: Site, *, in_site: bool) -> list[Finding]:
        findings: list[Finding] = []
        if in_site:
            findings.extend(
                Finding(
                    post.path,
                    post.body_line + marker.line,
                    None,
                    "warning",
                    f"Hugo ignores '{marker.text}': it cuts the summary only at "
                    f"{HUGO_MARKER} written without spaces",
                    "marker-form",
                )
                for marker in real_markers(post.body)
                if marker.text != HUGO_MARKER
            )
        line = raw_html_line(post.body)
        if line is not None and not site.setting("unsafe_html"):
            findings.append(
                Finding(
                    post.path,
                    post.body_line + line,
                    None,
                    "warning",
                    "Hugo leaves raw HTML out of the page unless the site sets "
                    "markup.goldmark.renderer.unsafe = true",
                    "raw-html",
                )
            )
        return findings

    def check_body(self, post: Post, site: Site, r: Rendering) -> None:
        line = raw_html_line(post.body)
        if line is not None and not site.setting("unsafe_html"):
            number = post.body_line + line
            r.notes.append(
                f"line {number}: Hugo leaves raw HTML out of the page unless the site sets "
                "markup.goldmark.renderer.unsafe = true"
            )
