"""Hugo: ``content/posts/slug.md``, or a leaf bundle ``slug/index.md`` when the post has images.

Hugo splits the summary only on ``<!--more-->`` written without spaces; any other form is
ignored and the automatic summary puts the first 70 words of the body on the index.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import ClassVar

from editor.core.excerpt import HUGO_MARKER, real_markers
from editor.core.export.base import (
    ExcerptNeed,
    Fields,
    Profile,
    Rendering,
    future_date,
    url_path,
)
from editor.core.export.images import raw_html_line
from editor.core.export.urls import date_values
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
    cuts_in_code = True  # the divider is found in the raw text, code blocks included
    no_marker_note = (
        "no excerpt marker: Hugo's index shows the first 70 words of the post; "
        "add <!--more--> where the excerpt ends"
    )

    permalink_key = "url"

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:
        return (PurePosixPath(site.setting("static_dir", "static")),)

    def place_image(
        self, site: Site, r: Rendering, name: str, *, html: bool = False
    ) -> tuple[PurePosixPath, str]:
        """A page bundle's image is one of its resources, beside ``index.md`` and linked
        relatively; a post that is a single file gets its images from ``static/``."""
        del html
        assert r.post_target is not None
        if r.post_target.name in ("index.md", "_index.md"):
            return r.post_target.parent / name, name
        static = PurePosixPath(site.setting("static_dir", "static"))
        base = site.setting("base_path", "")
        return static / "images" / r.slug / name, f"{base}/images/{r.slug}/{name}"

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """``/posts/slug/`` (the section and the slug), or the site's ``[permalinks]`` pattern
        for the section; ``:title`` there is the title by Hugo's own rule, so the post then gets
        a ``url`` saying the export's URL."""
        assert r.post_target is not None
        base = site.setting("base_path", "")
        own = self.permalink_url(f.post, r, base)
        if own is not None:
            return own
        content = PurePosixPath(site.setting("content_dir", "content"))
        section_path = (
            site.posts_dir.relative_to(content)
            if site.posts_dir.is_relative_to(content)
            else PurePosixPath(site.posts_dir.name)
        )
        section = section_path.parts[0] if section_path.parts else ""
        pattern = (site.setting("permalinks") or {}).get(section)
        if not pattern:
            if site.setting("ugly_urls"):
                return url_path(base, str(section_path), f"{r.slug}.html", directory=False)
            return url_path(base, str(section_path), r.slug)
        day = f.date
        values = {
            **date_values(day),
            "slug": r.slug,
            "slugorfilename": r.slug,
            "slugorcontentbasename": r.slug,
            "filename": r.slug,
            "contentbasename": r.slug,
            "title": r.slug,
            "section": section,
            "sections": str(section_path),
            "monthname": day.strftime("%B").lower(),
            "weekday": str(day.isoweekday() % 7),
            "weekdayname": day.strftime("%A").lower(),
            "yearday": str(day.timetuple().tm_yday),
        }
        filled = pattern
        for key in sorted(values, key=len, reverse=True):
            filled = filled.replace(f":{key}", values[key])
        if ":" in filled:
            r.notes.append(
                f"the site's permalink for {section} ('{pattern}') uses parts Postwright does "
                "not know: the URL is not known"
            )
            return None
        path = url_path(base, filled, directory=filled.endswith("/") or "." not in filled)
        if ":title" in pattern:
            r.keys["url"] = path.removeprefix(base) or "/"
        return path

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        if f.draft and not site.setting("build_drafts"):
            return "a draft: a plain 'hugo' build leaves it out (hugo --buildDrafts includes it)"
        if future_date(f.date, today) and not site.setting("build_future"):
            return (
                f"dated {f.date.isoformat()}, in the future: a plain 'hugo' build leaves it out "
                "until then (hugo --buildFuture includes it)"
            )
        return ""

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
