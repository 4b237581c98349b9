"""The slug and the URL: chosen once by one rule, shown before writing, remembered, and a
re-export under a new slug moves what the earlier export wrote.

Also where images go on each site, the per-post excerpt separator, drafts and future dates,
and two titles, as the plan tells them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
from pathlib import Path, PurePosixPath

import pytest

from editor.commands.export import add_parser
from editor.core.export import ExportOptions, apply_plan, plan_export
from editor.core.export.plan import MANIFEST
from editor.core.export.profiles import PROFILES
from editor.core.export.store import previous_export
from editor.core.post import load_post
from editor.core.site import detect_site
from editor.core.target import resolve_target

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "export" / "sites"
PNG = b"\x89PNG\r\n\x1a\n-not-really-an-image"
TITLE = "Über die Brücke - 北京 at night"
SLUG = "uber-die-brucke-bei-jing-at-night"
BRIDGE = f'---\ntitle: "{TITLE}"\ndate: 2024-06-01\n---\n\nIntro.\n\n<!-- more -->\n\nBody.\n'
TODAY = dt.date(2025, 1, 15)


def make_site(tmp_path: Path, generator: str = "hugo") -> Path:
    root = tmp_path / f"{generator}-site"
    shutil.copytree(SITES / generator, root)
    for keep in root.rglob(".keep"):
        keep.unlink()
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="postwright")
    add_parser(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    out = io.StringIO()
    code = args.func(args, out=out)
    return code, out.getvalue()


# --------------------------------------------------------------------------- the slug rule

URLS = {
    "hugo": (f"content/posts/{SLUG}.md", f"/posts/{SLUG}/"),
    "jekyll": (f"_posts/2024-06-01-{SLUG}.md", f"/2024/06/01/{SLUG}.html"),
    "mkdocs": (f"docs/blog/posts/{SLUG}.md", f"/blog/2024/06/01/{SLUG}/"),
    "pelican": (f"content/{SLUG}.md", f"/{SLUG}.html"),
    "eleventy": (f"posts/{SLUG}.md", f"/posts/{SLUG}/"),
    "zola": (f"content/blog/{SLUG}.md", f"/blog/{SLUG}/"),
    "hexo": (f"source/_posts/{SLUG}.md", f"/2024/06/01/{SLUG}/"),
    "astro": (f"src/content/blog/{SLUG}.md", None),
}


@pytest.mark.parametrize("generator", list(URLS))
def test_a_generic_file_name_takes_the_titles_slug_and_the_plan_knows_the_url(
    tmp_path: Path, generator: str
) -> None:
    site = make_site(tmp_path, generator)
    post = write(tmp_path / "drafts" / "post.md", BRIDGE)
    plan = plan_export(post, site, options=ExportOptions(today=TODAY))
    assert plan.ok, plan.errors
    path, url = URLS[generator]
    assert plan.slug == SLUG
    assert str(plan.target.relpath) == path if plan.target else False
    assert plan.url == url
    # the form, the paste place and the export all use this one rule
    assert PROFILES[generator].slug_of(load_post(post), detect_site(site), ExportOptions()) == SLUG


def test_the_post_field_wins_over_the_title_and_is_written_as_the_url_says(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write(tmp_path / "post.md", BRIDGE.replace("date:", "slug: Night Crossing\ndate:"))
    plan = plan_export(post, site)
    assert plan.slug == "night-crossing"
    assert plan.url == "/posts/night-crossing/"
    assert b"slug: night-crossing\n" in plan.files[0].data


def test_mkdocs_and_pelican_get_the_slug_written_because_they_slug_the_title_themselves(
    tmp_path: Path,
) -> None:
    for generator, line in (("mkdocs", b"slug: " + SLUG.encode()), ("pelican", b"Slug: ")):
        site = make_site(tmp_path, generator)
        post = write(tmp_path / "post.md", BRIDGE)
        assert line in plan_export(post, site).files[0].data


def test_a_jekyll_permalink_is_the_url_and_follows_a_chosen_slug(tmp_path: Path) -> None:
    site = make_site(tmp_path, "jekyll")
    post = write(
        tmp_path / "post.md", BRIDGE.replace("date:", "permalink: /notes/crossing/\ndate:")
    )
    plan = plan_export(post, site)
    assert (plan.slug, plan.url) == ("crossing", "/notes/crossing/")
    chosen = plan_export(post, site, options=ExportOptions(slug="River at Night"))
    assert (chosen.slug, chosen.url) == ("river-at-night", "/notes/river-at-night/")
    assert b"permalink: /notes/river-at-night/\n" in chosen.files[0].data


def test_hugo_permalinks_with_title_get_a_url_field(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    config = site / "hugo.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[permalinks]\nposts = "/:year/:month/:title/"\n',
        encoding="utf-8",
    )
    plan = plan_export(write(tmp_path / "post.md", BRIDGE), site)
    assert plan.url == f"/2024/06/{SLUG}/"
    assert f"url: /2024/06/{SLUG}/\n".encode() in plan.files[0].data


# --------------------------------------------------------------------------- chosen, remembered


def test_a_chosen_slug_is_remembered_for_the_next_export(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write(tmp_path / "post.md", BRIDGE)
    assert previous_export(site, post) is None
    plan = plan_export(post, site, options=ExportOptions(slug="Night Crossing"))
    assert (plan.slug, plan.slug_chosen, plan.default_slug) == ("night-crossing", True, SLUG)
    assert apply_plan(plan).ok
    previous = previous_export(site, post)
    assert previous is not None
    assert (previous.slug, previous.chosen) == ("night-crossing", True)
    assert previous.path == PurePosixPath("content/posts/night-crossing.md")
    assert previous.url == "/posts/night-crossing/"
    again = plan_export(post, site)
    assert (again.slug, again.slug_chosen) == ("night-crossing", True)
    assert again.files[0].status == "unchanged"
    # the window's target asks the same rule
    target = resolve_target(tmp_path / "elsewhere.md")
    assert target.site is None
    assert PROFILES["hugo"].slug_of(load_post(post), detect_site(site), ExportOptions()) == (
        "night-crossing"
    )
    # typing the rule's slug again forgets the choice
    reset = plan_export(post, site, options=ExportOptions(slug=SLUG))
    assert not reset.slug_chosen
    assert apply_plan(reset).ok
    assert previous_export(site, post).chosen is False  # type: ignore[union-attr]


def test_cli_slug_and_dry_run_show_path_and_url(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write(tmp_path / "post.md", BRIDGE)
    code, out = run_cli("export", str(post), "--site", str(site), "--dry-run")
    assert code == 0
    assert f"  slug:        {SLUG}\n" in out
    assert f"  path:        content/posts/{SLUG}.md\n" in out
    assert f"  url:         /posts/{SLUG}/\n" in out
    code, out = run_cli(
        "export", str(post), "--site", str(site), "--dry-run", "--json", "--slug", "crossing"
    )
    data = json.loads(out)["posts"][0]
    assert data["slug"] == "crossing"
    assert data["slug_chosen"] is True
    assert data["path"] == "content/posts/crossing.md"
    assert data["url"] == "/posts/crossing/"
    code, _ = run_cli("export", str(post), str(post), "--site", str(site), "--slug", "x")
    assert code == 2


# --------------------------------------------------------------------------- moving


def test_a_re_export_under_a_new_slug_moves_the_earlier_files(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    folder = tmp_path / "src"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(PNG)
    post = write(folder / "post.md", BRIDGE + "\n![a](img/a.png)\n")
    assert apply_plan(plan_export(post, site)).ok
    old = site / "content/posts" / SLUG
    assert (old / "index.md").is_file()
    assert (old / "a.png").is_file()
    post.write_text(post.read_text(encoding="utf-8").replace(TITLE, "Crossing at Night"))
    plan = plan_export(post, site)
    assert {str(r.relpath) for r in plan.removals} == {
        f"content/posts/{SLUG}/index.md",
        f"content/posts/{SLUG}/a.png",
    }
    code, out = run_cli("export", str(post), "--site", str(site))
    assert code == 0
    assert f"removed      content/posts/{SLUG}/index.md (moved to" in out
    assert not old.exists(), "the old bundle folder goes once it is empty"
    assert (site / "content/posts/crossing-at-night/index.md").is_file()
    files = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert not any(SLUG in name for name in files)


def test_an_earlier_file_edited_since_or_not_ours_is_never_touched(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write(tmp_path / "post.md", BRIDGE)
    assert apply_plan(plan_export(post, site)).ok
    old = site / "content/posts" / f"{SLUG}.md"
    old.write_text(old.read_text(encoding="utf-8") + "\nA line added in the site.\n")
    theirs = write(site / "content/posts/crossing-at-night-notes.md", "someone else's\n")
    post.write_text(post.read_text(encoding="utf-8").replace(TITLE, "Crossing at Night"))
    plan = plan_export(post, site)
    assert plan.removals == ()
    assert any("was edited since: it is left in place" in note for note in plan.notes)
    assert apply_plan(plan).ok
    assert old.is_file()
    assert theirs.read_text(encoding="utf-8") == "someone else's\n"


# --------------------------------------------------------------------------- images


def test_eleventy_images_go_where_the_passthrough_copy_serves_them(tmp_path: Path) -> None:
    site = make_site(tmp_path, "eleventy")
    folder = tmp_path / "src"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(PNG)
    post = write(folder / "post.md", BRIDGE + "\n![a](img/a.png)\n")
    config = site / "eleventy.config.js"
    for rule, target, link in (
        ('"posts/**/*.png"', f"posts/{SLUG}/a.png", f"/posts/{SLUG}/a.png"),
        ('{ "media": "m" }', f"media/{SLUG}/a.png", f"/m/{SLUG}/a.png"),
        ('"img"', f"img/{SLUG}/a.png", f"/img/{SLUG}/a.png"),
    ):
        config.write_text(
            f"export default function (c) {{ c.addPassthroughCopy({rule}); }}\n", encoding="utf-8"
        )
        plan = plan_export(post, site)
        [image] = [f for f in plan.files if f.kind == "image"]
        assert str(image.relpath) == target
        assert f"![a]({link})".encode() in plan.files[0].data
        assert not any("addPassthroughCopy" in note for note in plan.notes)
        # pasting into a post of the site puts the image where the export would
        assert PROFILES["eleventy"].paste_place(
            detect_site(site), PurePosixPath(f"posts/{SLUG}.md"), "a.png"
        ) == (PurePosixPath(target), link)
    config.write_text("export default function (c) {}\n", encoding="utf-8")
    plan = plan_export(post, site)
    assert any('addPassthroughCopy("img")' in note for note in plan.notes)


def test_hexo_post_asset_folder_and_jekyll_assets(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(PNG)
    post = write(folder / "post.md", BRIDGE + "\n![a](img/a.png)\n")
    hexo = make_site(tmp_path, "hexo")
    config = hexo / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "post_asset_folder: true\n")
    plan = plan_export(post, hexo)
    [image] = [f for f in plan.files if f.kind == "image"]
    assert str(image.relpath) == f"source/_posts/{SLUG}/a.png"
    assert f"![a](/2024/06/01/{SLUG}/a.png)".encode() in plan.files[0].data
    jekyll = make_site(tmp_path, "jekyll")
    (jekyll / "assets" / "img").mkdir(parents=True)
    plan = plan_export(post, jekyll)
    [image] = [f for f in plan.files if f.kind == "image"]
    assert str(image.relpath) == f"assets/img/{SLUG}/a.png", "the site's own image folder"
    assert PROFILES["jekyll"].paste_place(
        detect_site(jekyll), PurePosixPath(f"_posts/2024-06-01-{SLUG}.md"), "a.png"
    ) == (PurePosixPath(f"assets/img/{SLUG}/a.png"), f"/assets/img/{SLUG}/a.png")


def test_astro_markdown_images_go_to_src_assets_and_img_tags_to_public(tmp_path: Path) -> None:
    site = make_site(tmp_path, "astro")
    (site / "src/assets").mkdir()
    write(
        site / "src/pages/blog/[...slug].astro",
        "---\nconst p = await getCollection('blog');\n---\n",
    )
    folder = tmp_path / "src"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(PNG)
    post = write(folder / "post.md", BRIDGE + '\n![a](img/a.png)\n\n<img src="img/a.png">\n')
    plan = plan_export(post, site)
    assert plan.url == f"/blog/{SLUG}/"
    images = sorted(str(f.relpath) for f in plan.files if f.kind == "image")
    assert images == [f"public/images/{SLUG}/a.png", f"src/assets/{SLUG}/a.png"]
    data = plan.files[0].data
    assert f"![a](../../assets/{SLUG}/a.png)".encode() in data
    assert f'<img src="/images/{SLUG}/a.png">'.encode() in data


# --------------------------------------------------------------------------- excerpts


LOOKALIKE = (
    "---\ntitle: Markers\ndate: 2024-06-01\n---\n\nIntro.\n\n```html\n<!-- more -->\n```\n\n"
    "<!-- more -->\n\nBody.\n"
)


def test_eleventy_and_jekyll_get_their_own_separator_when_code_shows_the_sites(
    tmp_path: Path,
) -> None:
    eleventy = make_site(tmp_path, "eleventy")
    (eleventy / "eleventy.config.js").write_text(
        "export default function (c) { c.setFrontMatterParsingOptions({ excerpt: true, "
        'excerpt_separator: "<!-- more -->" }); }\n',
        encoding="utf-8",
    )
    post = write(tmp_path / "post.md", LOOKALIKE)
    data = plan_export(post, eleventy).files[0].data.decode()
    assert "excerpt_separator: <!--more-->\n" in data
    assert "```html\n<!-- more -->\n```\n\n<!--more-->\n\nBody." in data
    jekyll = make_site(tmp_path, "jekyll")
    (jekyll / "_config.yml").write_text('excerpt_separator: "<!-- more -->"\n', encoding="utf-8")
    data = plan_export(post, jekyll).files[0].data.decode()
    assert "excerpt_separator: <!--more-->\n" in data
    plain = write(tmp_path / "plain.md", LOOKALIKE.replace("```html\n<!-- more -->\n```\n\n", ""))
    assert "excerpt_separator" not in plan_export(plain, jekyll).files[0].data.decode()


def test_hugo_cannot_be_told_so_the_plan_warns(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write(tmp_path / "post.md", LOOKALIKE.replace("<!-- more -->\n```", "<!--more-->\n```"))
    plan = plan_export(post, site)
    assert any(
        "Hugo cuts the excerpt at the first '<!--more-->' even inside code" in n for n in plan.notes
    )


# --------------------------------------------------------------------------- drafts, titles


@pytest.mark.parametrize(
    ("generator", "draft", "future"),
    [
        ("hugo", "--buildDrafts", "--buildFuture"),
        ("jekyll", "--unpublished", "--future"),
        ("mkdocs", "mkdocs build", None),
        ("pelican", "lists it nowhere", None),
        ("zola", "--drafts", None),
        ("hexo", "render_drafts", None),
        ("eleventy", None, None),
        ("astro", None, None),
    ],
)
def test_the_plan_says_when_a_plain_build_leaves_the_post_out(
    tmp_path: Path, generator: str, draft: str | None, future: str | None
) -> None:
    site = make_site(tmp_path, generator)
    drafted = write(tmp_path / "d.md", BRIDGE.replace("date:", "draft: true\ndate:"))
    plan = plan_export(drafted, site, options=ExportOptions(today=TODAY))
    if draft is None:
        assert plan.hidden == ""
        assert any("will be published" in note for note in plan.notes)
    else:
        assert draft in plan.hidden
    later = write(tmp_path / "f.md", BRIDGE.replace("2024-06-01", "2025-06-01"))
    plan = plan_export(later, site, options=ExportOptions(today=TODAY))
    if future is None:
        assert plan.hidden == ""
    else:
        assert future in plan.hidden
        assert "2025-06-01" in plan.hidden


def test_two_titles_are_warned_about_in_the_plan_with_their_line(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write(tmp_path / "post.md", BRIDGE.replace("Intro.", "# Another Title\n\nIntro."))
    plan = plan_export(post, site)
    assert any(note.startswith("line 6: two titles:") for note in plan.notes)
    assert b"# Another Title" in plan.files[0].data, "the writer's heading stays"
