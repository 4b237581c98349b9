"""A post's target: found from the post's folder, else the writer's choice, else none; and
what it answers, read from each generator's profile and the site's own settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.post import Post
from editor.core.target import TargetChoice, find_site_root, resolve_target


def hugo_site(root: Path) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    return root / "content" / "posts" / "fog.md"


def test_the_site_is_found_from_the_posts_folder(tmp_path: Path) -> None:
    post = hugo_site(tmp_path / "blog")
    deeper = post.parent / "2024" / "05"
    deeper.mkdir(parents=True)
    assert find_site_root(deeper) == (tmp_path / "blog").resolve()
    target = resolve_target(deeper / "x.md")
    assert (target.kind, target.generator, target.label) == ("site", "hugo", "Hugo site")
    assert target.marker == "<!--more-->"
    assert target.excerpt_need == "recommended"


def test_a_post_in_no_site_has_no_target_unless_one_is_chosen(tmp_path: Path) -> None:
    loose = tmp_path / "notes" / "gulls.md"
    loose.parent.mkdir()
    assert find_site_root(loose.parent) is None
    none = resolve_target(loose)
    assert (none.kind, none.generator, none.label) == ("none", "folder", "No site")
    assert none.separators == ()
    assert none.missing_marker_message == ""
    site = hugo_site(tmp_path / "blog").parents[2]
    chosen = resolve_target(loose, TargetChoice(site))
    assert (chosen.kind, chosen.generator, chosen.root) == ("chosen", "hugo", site.resolve())
    by_name = resolve_target(loose, TargetChoice(None, "zola"))
    assert (by_name.kind, by_name.generator) == ("chosen", "zola")


def test_the_site_the_post_lives_in_wins_over_a_choice(tmp_path: Path) -> None:
    post = hugo_site(tmp_path / "blog")
    other = tmp_path / "other"
    other.mkdir()
    (other / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - blog\n")
    assert resolve_target(post, TargetChoice(other)).generator == "hugo"


def test_a_jekyll_separator_is_the_marker_and_a_separator(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text('excerpt_separator: "<!--cut-->"\n')
    (tmp_path / "Gemfile").write_text('gem "jekyll"\n')
    target = resolve_target(tmp_path / "_posts" / "2024-01-01-a.md")
    assert target.generator == "jekyll"
    assert target.marker == "<!--cut-->"
    assert target.separators == ("<!--cut-->",)
    assert target.render_options().excerpt_separators == ("<!--cut-->",)
    assert "whole post" in target.missing_marker_message


@pytest.mark.parametrize(
    ("config", "need"),
    [("plugins:\n  - blog\n", "recommended"),
     ("plugins:\n  - blog:\n      post_excerpt: required\n", "required")],
)  # fmt: skip
def test_mkdocs_needs_a_marker_only_when_the_blog_requires_one(
    tmp_path: Path, config: str, need: str
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n" + config)
    target = resolve_target(tmp_path / "docs" / "blog" / "posts" / "a.md")
    assert target.generator == "mkdocs"
    assert target.excerpt_need == need
    assert target.marker == "<!-- more -->"


def test_field_keys_follow_the_generator(tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\n')
    pelican = resolve_target(tmp_path / "content" / "a.md")
    assert pelican.new_key("title") == "Title"
    assert pelican.new_key("categories") == "Category"
    astro = tmp_path / "astro"
    (astro / "src" / "content" / "blog").mkdir(parents=True)
    (astro / "astro.config.mjs").write_text("export default {}\n")
    (astro / "src" / "content.config.ts").write_text(
        "const blog = defineCollection({ schema: z.object({\n"
        "  title: z.string(),\n  pubDate: z.coerce.date(),\n}) });\n"
    )
    target = resolve_target(astro / "src" / "content" / "blog" / "a.md")
    assert target.new_key("date") == "pubDate"
    assert resolve_target(tmp_path.parent / "loose.md").new_key("date") is None


def test_the_slug_and_a_pasted_images_place(tmp_path: Path) -> None:
    post_path = hugo_site(tmp_path / "blog")
    target = resolve_target(post_path)
    post = Post.from_text("---\ntitle: Fog at Six\n---\nBody\n", post_path)
    assert target.slug(post) == "fog-at-six"  # the title, not the draft's file name
    place, link = target.image_place(post_path, "gull.png")
    assert place == target.root / "static" / "images" / "fog" / "gull.png"  # type: ignore[operator]
    assert link == "/images/fog/gull.png"  # a one-file post's images are served from static/
    loose = tmp_path / "notes" / "a.md"
    assert resolve_target(loose).image_place(loose, "g.png") == (
        loose.parent / "images" / "g.png",
        "images/g.png",
    )
