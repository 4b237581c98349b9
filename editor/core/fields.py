"""The post's common fields and the keys generators spell them with: the one table of aliases.

``date`` is ``pubDate`` in Astro, ``draft`` is ``published: false`` in Jekyll and Hexo or
``Status: draft`` in Pelican, ``description`` may be ``summary``. The post model reads a field
from the first key present, the form writes the key the post already uses, and an export removes
the spellings its generator does not read - all from this table.
"""

from __future__ import annotations

from typing import Literal

Field = Literal[
    "title", "date", "updated", "draft", "slug", "description", "tags", "categories",
    "authors", "image",
]  # fmt: skip

#: the keys each field reads, first match wins; the first is written when none exists
ALIASES: dict[Field, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "pubDate", "pub_date"),
    "updated": ("updated", "lastmod", "modified", "updatedDate", "last_modified_at"),
    "draft": ("draft", "published", "status"),
    "slug": ("slug",),
    "description": ("description", "summary"),
    "tags": ("tags",),
    "categories": ("categories", "category"),
    "authors": ("authors", "author"),
    "image": ("image", "cover", "heroImage"),
}

#: how a Pelican header spells a field it does not have yet (capitalised, one Category)
PELICAN_KEYS: dict[Field, str] = {
    "title": "Title",
    "date": "Date",
    "updated": "Modified",
    "draft": "Status",
    "slug": "Slug",
    "description": "Summary",
    "tags": "Tags",
    "categories": "Category",
    "authors": "Authors",
    "image": "Image",
}


def aliases(field: Field) -> tuple[str, ...]:
    """The keys ``field`` is read from, in order of preference."""
    return ALIASES[field]


def all_keys(fields: frozenset[Field] | set[Field]) -> set[str]:
    """Every spelling of every field in ``fields``, lower-cased (to match Pelican headers)."""
    return {key.lower() for field in fields for key in ALIASES[field]}
