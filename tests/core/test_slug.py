"""Slugs transliterate and never become paths."""

from __future__ import annotations

import pytest

from editor.core.slug import make_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café déjà vu", "cafe-deja-vu"),
        ("Hello, World!", "hello-world"),
        ("../../etc/passwd", "etc-passwd"),
        ("  ", "post"),
        ("Straße & Ærø", "strasse-aero"),
    ],
)
def test_slugs(title: str, slug: str) -> None:
    assert make_slug(title) == slug
