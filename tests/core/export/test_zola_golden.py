"""Zola cannot be installed here, so its golden files are checked against what its
documentation says a page may hold (content/page.md of the Zola docs): only the documented
front matter keys, dates unquoted as ``YYYY-MM-DD`` or RFC 3339, ``draft`` a boolean, taxonomies
only those the site's config.toml declares, the summary marker ``<!-- more -->``, and a page
with images as ``slug/index.md`` with the images beside it (asset colocation)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from editor.core.excerpt import real_markers
from editor.core.post import load_post

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "export" / "golden" / "zola"
SITE = Path(__file__).resolve().parents[2] / "fixtures" / "export" / "sites" / "zola"
PAGE_KEYS = {
    "title", "description", "date", "updated", "weight", "draft", "slug", "path", "aliases",
    "authors", "in_search_index", "template", "taxonomies", "extra",
}  # fmt: skip
POSTS = sorted(path for path in GOLDEN.rglob("*.md"))


@pytest.mark.parametrize("path", POSTS, ids=lambda p: p.parent.name)
def test_zola_golden_pages_hold_only_what_its_documentation_allows(path: Path) -> None:
    post = load_post(path)
    assert post.error is None
    assert post.format in ("toml", "yaml")
    assert set(post.meta) <= PAGE_KEYS, set(post.meta) - PAGE_KEYS
    date = post.get("date")
    assert isinstance(date, dt.date), "an unquoted YYYY-MM-DD or RFC 3339 date"
    if isinstance(date, dt.datetime):
        assert date.tzinfo is not None
    if "draft" in post.meta:
        assert post.get("draft") is True
    declared = {t["name"] for t in tomllib.loads((SITE / "config.toml").read_text())["taxonomies"]}
    assert set(post.get("taxonomies") or {}) <= declared
    assert all(isinstance(v, list) for v in (post.get("taxonomies") or {}).values())
    for marker in real_markers(post.body, ("<!--more-->", "<!-- PELICAN_END_SUMMARY -->")):
        assert marker.text == "<!-- more -->"
    plan = (path.parent / "PLAN.txt").read_text(encoding="utf-8").splitlines()
    [target] = [line.split()[1] for line in plan if line.startswith("post: ")]
    images = [line.split()[1] for line in plan if line.startswith("image: ")]
    if images:
        assert target.endswith("/index.md"), "a page with images is a folder with its assets"
    for image in images:
        assert Path(image).parent == Path(target).parent
