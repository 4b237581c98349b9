"""Pelican: ``content/slug.md`` with its own ``Key: value`` header, images under a static path
linked as ``{static}/...``.

Core Pelican has no excerpt marker; the summary plugin splits on ``SUMMARY_END_MARKER``.
A YAML block would be read as raw strings (the title keeps its quotes), so a post in any
other format gets a Pelican header.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.errors import PostError
from editor.core.export.base import (
    ExcerptNeed,
    Fields,
    Profile,
    Rendering,
    future_date,
    site_timezone,
    url_path,
)
from editor.core.fields import PELICAN_KEYS, Field
from editor.core.site import PELICAN_SUMMARY_MARKER, Site
from editor.core.slug import make_slug

_KEEP_STATUS = {"published", "hidden"}


def pelican_date(value: dt.date | dt.datetime, site: Site) -> str:
    """``2024-12-12 09:30``; the offset is written unless it is the site's TIMEZONE."""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    zone = site_timezone(site)
    naive = zone is not None and value.utcoffset() == value.replace(tzinfo=zone).utcoffset()
    shown = value.replace(tzinfo=None) if naive else value
    return shown.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")


class PelicanProfile(Profile):
    """Every field is a string in a Pelican header; lists are comma lists."""

    name = "pelican"
    label = "Pelican"
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"title", "date", "updated", "tags", "categories", "authors", "draft"}
    )
    slug_key = "Slug"
    slug_from_title = True  # Pelican's own slugify drops what it cannot spell in ASCII

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """``ARTICLE_URL`` (``{slug}.html`` by default) filled as Pelican fills it; a draft is
        at ``DRAFT_URL``."""
        pattern = str(site.setting("draft_url" if f.draft else "article_url", "{slug}.html"))
        values = {
            "slug": r.slug,
            "date": f.date,
            "category": make_slug(str(f.categories[0])) if f.categories else "misc",
            "author": make_slug(f.authors[0]) if f.authors else "",
            "lang": "en",
        }
        try:
            filled = pattern.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            r.notes.append(f"the site's ARTICLE_URL '{pattern}' is not one Postwright can follow")
            return None
        return url_path(site.setting("base_path", ""), filled, directory=filled.endswith("/"))

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:
        if f.draft:
            return f"a draft (Status: draft): Pelican builds it at {r.url} but lists it nowhere"
        if future_date(f.date, today) and not site.setting("with_future_dates", True):
            return (
                f"dated {f.date.isoformat()}, in the future: with WITH_FUTURE_DATES = False "
                "Pelican keeps it as a draft until then"
            )
        return ""

    def marker(self, site: Site) -> str | None:
        return site.excerpt_separator or PELICAN_SUMMARY_MARKER

    def excerpt_need(self, site: Site) -> ExcerptNeed:
        return "optional" if site.setting("summary_plugin") else "unused"

    def new_key(self, field: Field, site: Site) -> str:  # noqa: ARG002 - hook
        return PELICAN_KEYS[field]

    def convert_excerpt(self, body: str, site: Site, r: Rendering) -> str:
        out = super().convert_excerpt(body, site, r)
        if out != body and not site.setting("summary_plugin"):
            r.notes.append(
                "Pelican splits excerpts only with the summary plugin: add "
                "'minchin.pelican.plugins.summary' to PLUGINS in pelicanconf.py "
                f"(the marker is written as {PELICAN_SUMMARY_MARKER})"
            )
        return out

    def image_dir(self, site: Site) -> tuple[PurePosixPath, str]:
        static = self._static(site)
        return PurePosixPath(
            site.setting("content_dir", "content")
        ) / static, f"{{static}}/{static}"

    @staticmethod
    def _static(site: Site) -> str:
        paths = [str(p) for p in site.setting("static_paths") or []]
        if "images" in paths or not paths:
            return "images"
        return paths[0]

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:
        if f.title is None:
            r.errors.append(
                PostError("Pelican needs a title: add 'title' or a '# heading'", f.post.path)
            )
        if len(f.categories) > 1:
            r.notes.append(
                f"Pelican takes one category: '{f.categories[0]}' kept, "
                f"{', '.join(map(str, f.categories[1:]))} left out"
            )
        status = str(f.post.get("status") or "").strip().lower()
        values: dict[str, Any] = {
            "Title": f.title,
            "Date": pelican_date(f.date, site),
            "Modified": pelican_date(f.updated, site) if f.updated else None,
            "Tags": ", ".join(f.tags) or None,
            "Category": str(f.categories[0]) if f.categories else None,
            "Status": "draft" if f.draft else (status if status in _KEEP_STATUS else None),
        }
        if len(f.authors) == 1:
            values["Author"] = f.authors[0]
        elif f.authors:
            values["Authors"] = ", ".join(f.authors)
        return values

    def carry(self, key: str, value: Any, r: Rendering) -> list[tuple[str, Any]]:
        """A header holds strings and flat lists only; say what was left out."""
        nested = isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
        if isinstance(value, dict) or value is None or nested:
            r.notes.append(f"'{key}' left out: a Pelican header cannot hold this value")
            return []
        return [(key, value)]
