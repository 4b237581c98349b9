"""File-name slugs from titles."""

from __future__ import annotations

from slugify import slugify


def make_slug(title: str, max_length: int = 80) -> str:
    """A lower-case ASCII slug, transliterated: "Café déjà vu" -> "cafe-deja-vu".

    Never empty and never a path: a title with no letters gives "post".
    """
    slug = slugify(title, max_length=max_length, word_boundary=True, save_order=True)
    return slug or "post"
