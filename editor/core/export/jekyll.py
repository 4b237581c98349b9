"""Jekyll: ``_posts/YYYY-MM-DD-slug.md`` (the name format is required), images under
``assets/images`` served from the site root.

Jekyll runs Liquid over post bodies, code blocks included, so ``{{ x }}`` in a code sample
vanishes; ``render_with_liquid: false`` stops that for the post.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from editor.core.export.base import (
    ExcerptNeed,
    Fields,
    Profile,
    Rendering,
    future_date,
    has_liquid,
    url_path,
)
from editor.core.export.urls import date_values, fill_colon_pattern, in_zone, zone_named
from editor.core.findings import Finding
from editor.core.mdscan import code_line_mask, code_span_ranges
from editor.core.post import Post
from editor.core.site import Site

_RAW_TAG = re.compile(r"\{%-?[ \t]*(end)?raw[ \t]*-?%\}")


def _without_raw(body: str) -> str:
    """``body`` with each ``{% raw %}...{% endraw %}`` blanked (newlines kept): Liquid leaves
    what they hold as written, so it is no sample that vanishes."""
    out: list[str] = []
    pos = 0
    opened: int | None = None
    for m in _RAW_TAG.finditer(body):
        if opened is None and not m.group(1):
            opened = m.start()
        elif opened is not None and m.group(1):
            out.append(body[pos:opened])
            out.append(re.sub(r"[^\n]", " ", body[opened : m.end()]))
            pos, opened = m.end(), None
    out.append(body[pos:])
    return "".join(out)


class JekyllProfile(Profile):
    """Jekyll takes YAML only; drafts stay in ``_posts`` with ``published: false``."""

    name = "jekyll"
    label = "Jekyll"
    draft_key = ("published", False)
    liquid_key = ("render_with_liquid", False)
    cuts_in_code = True  # the excerpt is the text before the first separator, code or not
    separator_key = "excerpt_separator"
    permalink_key = "permalink"
    no_marker_hint = (
        "this Jekyll site sets no excerpt_separator, so its excerpts are first paragraphs: "
        "add 'excerpt_separator: \"<!-- more -->\"' to _config.yml to use the post's marker"
    )

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:
        return (PurePosixPath(site.setting("source", ".")),)

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
        # Liquid in prose is the writer's own ({% post_url %}); in code it is a sample to show
        lines = _without_raw(post.body).splitlines()
        mask = code_line_mask(lines)
        line = next(
            (
                n
                for n, text in enumerate(lines)
                if has_liquid(text)
                and (mask[n] or any(has_liquid(text[a:b]) for a, b in code_span_ranges(text)))
            ),
            None,
        )
        if line is None:
            return []
        return [
            Finding(
                post.path,
                post.body_line + line,
                None,
                "warning",
                "Jekyll runs Liquid over the post, code included: this '{{' or '{%' sample "
                "vanishes unless the front matter says render_with_liquid: false",
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

    def check_images(self, site: Site, r: Rendering) -> None:
        folder = PurePosixPath(site.setting("images_dir", "assets/images"))
        excluded = [str(item).strip("/") for item in site.setting("exclude") or []]
        top = folder.parts[0] if folder.parts else ""
        if top.startswith(("_", ".")) or top in excluded or str(folder) in excluded:
            r.notes.append(
                f"Jekyll does not copy {folder} (a folder starting with _ or ., or listed in "
                f"exclude): the images will not load; add 'include: [{folder}]' to _config.yml"
            )

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """Jekyll's permalink: the post's own, else the site's style (``date`` by default:
        ``/:categories/:year/:month/:day/:title.html``), dated in the site's time zone."""
        base = site.setting("baseurl", "")
        own = self.permalink_url(f.post, r, base)
        if own is not None:
            return own
        style = str(site.setting("permalink", "date"))
        pattern = _STYLES.get(style, style)
        moment = in_zone(f.date, zone_named(site.setting("timezone")))
        values = {
            **date_values(moment),
            "title": r.slug,
            "slug": r.slug,
            "name": r.slug,
            "categories": "/".join(
                dict.fromkeys(str(c).lower() for c in f.categories if not isinstance(c, list))
            ),
            "output_ext": ".html",
            "path": str(r.post_target),
        }
        filled = fill_colon_pattern(pattern, values)
        if filled is None:
            r.notes.append(f"the site's permalink '{style}' is not one Postwright can follow")
            return None
        return url_path(base, filled, directory=filled.endswith("/"))

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        if f.draft and not site.setting("unpublished"):
            return (
                "not published (published: false): Jekyll leaves it out of a plain build "
                "(jekyll build --unpublished includes it)"
            )
        if future_date(f.date, today) and not site.setting("future"):
            return (
                f"dated {f.date.isoformat()}, in the future: Jekyll leaves it out until then "
                "(jekyll build --future, or future: true in _config.yml, includes it)"
            )
        return ""


_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
