"""Eleventy: ``posts/slug.md``; the directory data file usually supplies the layout and the
``posts`` collection tag.

Eleventy runs markdown through Liquid first, so ``{{ }}`` and ``{% %}`` in the body are
template code unless ``templateEngineOverride: md`` says otherwise. It has no excerpt marker
and no draft handling of its own; both are site code, looked for in the config. Its excerpts
(gray-matter's) end at the first occurrence of the separator's text, code included; a post can
name its own separator in ``excerpt_separator``.

Eleventy copies only what the site's ``addPassthroughCopy`` rules name, to the same path in
the output (less the input folder), and does not rewrite links: images go where a rule copies
them and are linked by the URL they get.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from typing import ClassVar

from editor.core.export.base import Fields, Profile, Rendering, url_path
from editor.core.fields import Field
from editor.core.site import Site

_GLOB_CHARS = re.compile(r"[*?{\[]")


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A passthrough glob (``src/posts/**/*.{png,jpg}``) as a regular expression."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        elif pattern[i] == "{":
            end = pattern.find("}", i)
            if end < 0:
                out += re.escape(pattern[i:])
                break
            out += "(?:" + "|".join(re.escape(p) for p in pattern[i + 1 : end].split(",")) + ")"
            i = end + 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


def _clean(path: str) -> str:
    return path.strip().removeprefix("./").strip("/")


class EleventyProfile(Profile):
    """YAML front matter; images go where the site's passthrough copy serves them."""

    name = "eleventy"
    label = "Eleventy"
    manages: ClassVar[frozenset[Field]] = frozenset({"title", "date", "tags", "draft"})
    liquid_key = ("templateEngineOverride", "md")
    cuts_in_code = True
    separator_key = "excerpt_separator"
    slug_key = None  # the URL comes from the file name
    permalink_key = "permalink"
    no_marker_hint = (
        "Eleventy has no excerpt marker unless the site turns on front matter excerpts "
        '(setFrontMatterParsingOptions({ excerpt: true, excerpt_separator: "<!-- more -->" })); '
        "the marker stays as an HTML comment"
    )

    # ------------------------------------------------------------------ passthrough copy

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:
        return (PurePosixPath(site.setting("input_dir", ".")),)

    @staticmethod
    def served_at(site: Site, path: PurePosixPath) -> str | None:
        """The output path (``/posts/slug/a.png``) the site's passthrough rules copy the
        site file ``path`` to, or None when no rule copies it."""
        text = str(path)
        source = _clean(str(site.setting("input_dir", ".")))
        for rule, destination in site.setting("passthrough_rules") or []:
            rule_text = _clean(str(rule))
            if destination is None:
                if _GLOB_CHARS.search(rule_text):
                    matched = bool(_glob_regex(rule_text).match(text))
                else:
                    matched = text == rule_text or text.startswith(rule_text + "/")
                if not matched:
                    continue
                out = text
                if source and (out + "/").startswith(source + "/"):
                    out = out[len(source) + 1 :]
                return "/" + out
            if text == rule_text or text.startswith(rule_text + "/"):
                rest = text[len(rule_text) :].lstrip("/")
                return url_path(_clean(str(destination)), rest, directory=False)
        return None

    def _folder_rule(self, site: Site) -> PurePosixPath | None:
        """The first passthrough rule that copies a whole folder."""
        for rule, destination in site.setting("passthrough_rules") or []:
            rule_text = _clean(str(rule))
            if rule_text and not _GLOB_CHARS.search(rule_text):
                if destination is None and "." in PurePosixPath(rule_text).name:
                    continue  # a single file
                return PurePosixPath(rule_text)
        return None

    def place_image(
        self, site: Site, r: Rendering, name: str, *, html: bool = False
    ) -> tuple[PurePosixPath, str]:
        """Beside the post in a folder named after its slug when a passthrough rule copies it
        there, else in the first folder the site copies, else in ``img/`` (with a note on the
        line of config that copies it)."""
        del html
        assert r.post_target is not None
        prefix = site.setting("path_prefix", "")
        beside = r.post_target.parent / r.slug / name
        served = self.served_at(site, beside)
        if served is not None:
            return beside, prefix + served
        folder = self._folder_rule(site)
        if folder is not None:
            image = folder / r.slug / name
            served = self.served_at(site, image)
            if served is not None:
                return image, prefix + served
        image = PurePosixPath(site.setting("input_dir", ".")) / "img" / r.slug / name
        return image, url_path(prefix, "img", r.slug, name, directory=False)

    def check_images(self, site: Site, r: Rendering) -> None:
        for image in r.images:
            if self.served_at(site, image.target) is None:
                folder = image.target.parent.parent
                r.notes.append(
                    f'the site copies no images: add eleventyConfig.addPassthroughCopy("{folder}") '
                    f"to {site.config.name if site.config else 'eleventy.config.js'} so they are "
                    "served"
                )
                return

    # ------------------------------------------------------------------ URL and drafts

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """The file's path less the input folder, as a folder (``/posts/slug/``), or the
        permalink of the post or of its folder's data file when it is one Postwright can
        fill."""
        assert r.post_target is not None
        prefix = site.setting("path_prefix", "")
        own = self.permalink_url(f.post, r, prefix)
        if own is not None:
            return own
        source = _clean(str(site.setting("input_dir", ".")))
        stem = str(r.post_target.with_suffix(""))
        if source and (stem + "/").startswith(source + "/"):
            stem = stem[len(source) + 1 :]
        stem = stem.removesuffix("/index")
        pattern = site.setting("permalink")
        if pattern is None:
            return url_path(prefix, stem)
        if not isinstance(pattern, str):
            r.notes.append("the posts folder's data file sets a permalink that is not text")
            return None
        filled = re.sub(
            r"\{\{\s*page\.(fileSlug|filePathStem)\s*\}\}",
            lambda m: r.slug if m[1] == "fileSlug" else "/" + stem,
            pattern,
        )
        if "{{" in filled or "{%" in filled:
            r.notes.append(
                f"the posts folder's permalink '{pattern}' is template code: the URL it gives "
                "is not known here"
            )
            return None
        filled = filled.replace("index.html", "")
        return url_path(prefix, filled, directory=filled.endswith("/"))

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        if f.draft and site.setting("draft_filter"):
            return "a draft: this site's config leaves drafts out of the build"
        if f.draft:
            r.notes.append(
                "Eleventy has no drafts of its own and this site's config never mentions "
                "'draft': the post will be published"
            )
        return ""
