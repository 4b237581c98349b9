"""A new post in a site, the way that site keeps its posts: its folder and file names, the
front matter of its archetype or of its newest posts, a draft in the generator's terms, today's
date and the marker in the site's form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from editor.core.newpost import plan_site_post
from editor.core.post import Post
from editor.core.site import detect_site
from editor.core.siteindex import SiteIndex, list_posts, read_post, read_summaries
from editor.core.target import Target
from tests.sitegen import make_site

NOW = dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def plan(root: Path, title: str = "Café déjà vu"):  # type: ignore[no-untyped-def]
    site = detect_site(root, scan=False)
    index = SiteIndex()
    index.update(read_summaries(site, sorted(list_posts(site).items())))
    rels = [s.rel for s in index.newest_first()]
    examples = [read_post(root / rel) for rel in rels[:30]]
    return plan_site_post(Target("site", site), title, rels=rels, examples=examples, now=NOW)


def test_hugo_post_in_the_posts_folder_with_the_posts_fields(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 12)
    new = plan(made.root)
    assert str(new.relative) == "content/posts/cafe-deja-vu.md"
    assert new.source == "the site's 12 newest posts"
    post = Post.from_text(new.text)
    assert list(post.meta) == ["title", "date", "draft", "tags", "categories"]
    assert post.title == "Café déjà vu"
    assert post.date == NOW  # with the time: Hugo leaves out posts dated later than the build
    assert post.draft is True
    assert "\n<!--more-->\n" in post.body


def test_a_site_of_bundles_gets_a_bundle_and_a_name_in_use_gets_a_number(tmp_path: Path) -> None:
    root = tmp_path / "hugo"
    make_site(root, "hugo", 1)
    for name in ("one", "two", "cafe-deja-vu"):
        folder = root / "content" / "posts" / name
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"---\ntitle: {name}\ndate: 2024-01-0{len(name) % 9}\n---\n"
        )
    new = plan(root)
    assert str(new.relative) == "content/posts/cafe-deja-vu-2/index.md"


def test_hugo_archetype_gives_the_format_and_keys(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 4)
    archetype = made.root / "archetypes" / "default.md"
    archetype.parent.mkdir()
    archetype.write_text(
        "+++\n"
        'title = \'{{ replace .File.ContentBaseName "-" " " | title }}\'\n'
        "date = {{ .Date }}\n"
        "draft = true\n"
        "author = '{{ .Site.Params.author }}'\n"
        "series = ['notes']\n"
        "+++\n"
    )
    new = plan(made.root, "Tide tables")
    assert new.source == "archetypes/default.md"
    post = Post.from_text(new.text)
    assert post.format == "toml"
    assert list(post.meta) == ["title", "date", "draft", "series"]
    assert post.meta["series"] == ["notes"]
    assert post.title == "Tide tables"
    assert new.text.startswith('+++\ntitle = "Tide tables"\n')


def test_jekyll_post_is_dated_in_its_name_and_unpublished(tmp_path: Path) -> None:
    made = make_site(tmp_path / "jekyll", "jekyll", 8)
    new = plan(made.root, "Tide tables")
    assert str(new.relative) == "_posts/2025-03-04-tide-tables.md"
    post = Post.from_text(new.text)
    assert post.get("layout") == "post"  # every post of the site has it
    assert post.get("published") is False
    assert "draft" not in post.meta
    assert "\n<!-- more -->\n" in post.body  # the site's excerpt_separator


def test_mkdocs_post_titles_itself_with_a_heading_like_the_sites_posts(tmp_path: Path) -> None:
    made = make_site(tmp_path / "mkdocs", "mkdocs", 8)
    new = plan(made.root, "Tide tables")
    assert str(new.relative) == "docs/blog/posts/tide-tables.md"
    post = Post.from_text(new.text)
    assert "title" not in post.meta
    assert post.title == "Tide tables"
    assert post.title_source == "heading"
    assert post.get("date") == NOW.date()
    assert "\ndate: 2025-03-04\n" in new.text  # unquoted: Material stops on a quoted date
    assert post.draft is True


def test_year_folders_and_dated_names_are_followed(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 1)
    posts = made.root / "content" / "posts"
    for year, name in (("2023", "2023-05-01-a"), ("2024", "2024-02-02-b")):
        (posts / year).mkdir()
        (posts / year / f"{name}.md").write_text(f"---\ntitle: {name}\ndate: {name[:10]}\n---\n")
    new = plan(made.root, "Tide tables")
    assert str(new.relative) == "content/posts/2025/2025-03-04-tide-tables.md"


def test_an_empty_site_gets_the_generators_defaults(tmp_path: Path) -> None:
    root = tmp_path / "astro"
    (root / "src" / "content" / "blog").mkdir(parents=True)
    (root / "astro.config.mjs").write_text("export default {}\n")
    (root / "src" / "content.config.ts").write_text(
        "const blog = defineCollection({ schema: z.object({\n    title: z.string(),\n"
        "    description: z.string(),\n    pubDate: z.coerce.date(),\n"
        "    draft: z.boolean().optional(),\n  }),\n});\n"
    )
    new = plan(root, "Tide tables")
    assert str(new.relative) == "src/content/blog/tide-tables.md"
    post = Post.from_text(new.text)
    assert set(post.meta) == {"title", "pubDate", "tags", "draft", "description"}
    assert post.get("description") == ""


def test_hexo_scaffold(tmp_path: Path) -> None:
    root = tmp_path / "hexo"
    (root / "source" / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Blog\n")
    (root / "package.json").write_text('{"dependencies": {"hexo": "^7"}}')
    (root / "scaffolds").mkdir()
    (root / "scaffolds" / "post.md").write_text(
        "---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n"
    )
    new = plan(root, "Tide tables")
    assert str(new.relative) == "source/_posts/tide-tables.md"
    assert new.source == "scaffolds/post.md"
    post = Post.from_text(new.text)
    assert list(post.meta) == ["title", "date", "tags", "published"]
    assert post.get("tags") == []
    assert post.get("published") is False
