"""Site detection: the generator from its files, the settings that change an export, and the
vocabulary of the site's existing posts."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest

from editor.core.errors import PostError
from editor.core.site import GENERATORS, detect_site

SITES = Path(__file__).resolve().parent.parent / "fixtures" / "export" / "sites"


def site_copy(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(SITES / name, root)
    return root


@pytest.mark.parametrize("name", [g for g in GENERATORS if g != "folder"])
def test_each_fixture_site_is_recognised(name: str, tmp_path: Path) -> None:
    site = detect_site(site_copy(name, tmp_path))
    assert site.generator == name
    assert site.evidence


@pytest.mark.parametrize(
    ("name", "posts_dir", "separator", "front_matter"),
    [
        ("hugo", "content/posts", "<!--more-->", "yaml"),
        ("jekyll", "_posts", "<!--more-->", "yaml"),
        ("mkdocs", "docs/blog/posts", "<!-- more -->", "yaml"),
        ("pelican", "content", "<!-- PELICAN_END_SUMMARY -->", "pelican"),
        ("eleventy", "posts", None, "yaml"),
        ("zola", "content/blog", "<!-- more -->", "toml"),
        ("hexo", "source/_posts", "<!-- more -->", "yaml"),
        ("astro", "src/content/blog", None, "yaml"),
    ],
)
def test_settings_that_change_an_export(
    name: str, posts_dir: str, separator: str | None, front_matter: str, tmp_path: Path
) -> None:
    site = detect_site(site_copy(name, tmp_path))
    assert site.posts_dir == PurePosixPath(posts_dir)
    assert site.excerpt_separator == separator
    assert site.front_matter == front_matter


def test_unknown_folder_lists_what_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    with pytest.raises(PostError) as caught:
        detect_site(tmp_path)
    message = str(caught.value)
    for looked_for in ("hugo.toml", "_config.yml", "mkdocs.yml", "pelicanconf.py", "astro.config"):
        assert looked_for in message
    assert "--generator" in message


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PostError, match="does not exist"):
        detect_site(tmp_path / "nowhere")


def test_generator_option_overrides_detection(tmp_path: Path) -> None:
    site = detect_site(site_copy("hugo", tmp_path), "zola")
    assert site.generator == "zola"
    assert site.posts_dir == PurePosixPath("content/posts")  # the section the site has
    assert any("hugo" in note for note in site.notes)


def test_unknown_generator_name_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PostError, match="unknown generator 'gatsby'"):
        detect_site(tmp_path, "gatsby")


def test_hexo_is_told_from_jekyll_by_its_package_json(tmp_path: Path) -> None:
    root = site_copy("hexo", tmp_path)
    assert detect_site(root).generator == "hexo"
    (root / "package.json").unlink()
    assert detect_site(root).generator == "jekyll"


def test_hugo_config_toml_needs_base_url_else_it_is_zola(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('baseURL = "https://x.org/"\n', encoding="utf-8")
    assert detect_site(tmp_path).generator == "hugo"
    (tmp_path / "config.toml").write_text('base_url = "https://x.org"\n', encoding="utf-8")
    assert detect_site(tmp_path).generator == "zola"


def test_vocabulary_and_format_come_from_existing_posts(tmp_path: Path) -> None:
    root = site_copy("hugo", tmp_path)
    posts = root / "content" / "posts"
    for number in range(3):
        (posts / f"toml-{number}.md").write_text(
            f'+++\ntitle = "T{number}"\ntags = ["Data Science", "rust"]\n'
            f'categories = ["Notes"]\nauthors = ["Ana"]\n+++\nBody\n',
            encoding="utf-8",
        )
    site = detect_site(root)
    assert site.front_matter == "toml"
    assert site.vocabulary.tags[:2] == ("Data Science", "rust")
    assert "sailing" in site.vocabulary.tags
    assert site.vocabulary.categories == ("Notes",)
    assert site.vocabulary.authors == ("Ana",)
    assert site.vocabulary.spelling("tags", "data-science") == "Data Science"
    assert site.vocabulary.spelling("tags", "rust") is None


def test_hugo_declared_taxonomies_and_content_dir(tmp_path: Path) -> None:
    (tmp_path / "hugo.yaml").write_text(
        "baseURL: https://x.org/\ncontentDir: words\ntaxonomies:\n  series: series\n",
        encoding="utf-8",
    )
    (tmp_path / "words" / "post").mkdir(parents=True)
    site = detect_site(tmp_path)
    assert site.taxonomies == ("series",)
    assert site.posts_dir == PurePosixPath("words/post")


def test_mkdocs_blog_dir_and_authors(tmp_path: Path) -> None:
    root = site_copy("mkdocs", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - blog\n",
            "  - blog:\n      blog_dir: journal\n      post_excerpt_separator: <!-- cut -->\n",
        ),
        encoding="utf-8",
    )
    (root / "docs" / "blog" / ".authors.yml").rename(root / "docs" / "journal.authors.yml")
    (root / "docs" / "journal").mkdir()
    (root / "docs" / "journal.authors.yml").rename(root / "docs" / "journal" / ".authors.yml")
    site = detect_site(root)
    assert site.posts_dir == PurePosixPath("docs/journal/posts")
    assert site.excerpt_separator == "<!-- cut -->"
    assert site.setting("authors") == {"jdoe": "Jane Doe"}


def test_mkdocs_without_blog_plugin_says_so(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Docs\n", encoding="utf-8")
    site = detect_site(tmp_path)
    assert site.generator == "mkdocs"
    assert any("blog plugin" in note for note in site.notes)


def test_pelicanconf_is_read_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "pelicanconf.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).touch()\n"
        "PATH = 'posts'\nSUMMARY_END_MARKER = '<!-- end -->'\nPLUGINS = ['summary']\n",
        encoding="utf-8",
    )
    site = detect_site(tmp_path)
    assert not marker.exists()
    assert site.posts_dir == PurePosixPath("posts")
    assert site.excerpt_separator == "<!-- end -->"


def test_pelican_without_summary_plugin_has_no_marker(tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_text("PATH = 'content'\n", encoding="utf-8")
    assert detect_site(tmp_path).excerpt_separator is None


def test_jekyll_without_separator(tmp_path: Path) -> None:
    root = site_copy("jekyll", tmp_path)
    (root / "_config.yml").write_text("title: x\nbaseurl: /blog\n", encoding="utf-8")
    site = detect_site(root)
    assert site.excerpt_separator is None
    assert site.setting("baseurl") == "/blog"


def test_zola_taxonomies(tmp_path: Path) -> None:
    site = detect_site(site_copy("zola", tmp_path))
    assert site.taxonomies == ("tags",)


def test_astro_schema_field_names(tmp_path: Path) -> None:
    site = detect_site(site_copy("astro", tmp_path))
    schema = site.setting("schema")
    assert schema["pubDate"] is True
    assert schema["title"] is True
    assert schema["description"] is False
    assert schema["heroImage"] is False


def test_eleventy_input_dir_and_passthrough(tmp_path: Path) -> None:
    (tmp_path / ".eleventy.js").write_text(
        "module.exports = function (c) {\n  c.addPassthroughCopy('src/media');\n"
        "  c.setFrontMatterParsingOptions({\n"
        "    excerpt: true, excerpt_separator: '<!-- excerpt -->' });\n"
        "  return { dir: { input: 'src' } };\n};\n",
        encoding="utf-8",
    )
    (tmp_path / "src" / "blog").mkdir(parents=True)
    site = detect_site(tmp_path)
    assert site.generator == "eleventy"
    assert site.posts_dir == PurePosixPath("src/blog")
    assert site.setting("passthrough") == ["src/media"]
    assert site.excerpt_separator == "<!-- excerpt -->"


def test_broken_config_is_a_note_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("baseURL = [broken\n", encoding="utf-8")
    site = detect_site(tmp_path)
    assert site.generator == "hugo"
    assert any("could not be read" in note for note in site.notes)


def test_a_big_site_is_sampled_by_its_newest_posts(tmp_path: Path) -> None:
    import os

    from editor.core.site import scan_site

    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    for number, tag in enumerate(["old", "older", "new", "newer"]):
        post = posts / f"p{number}.md"
        post.write_text(f"---\ntitle: P{number}\ntags: [{tag}]\n---\nText\n")
        os.utime(post, (1_000_000 + number, 1_000_000 + number))
    site = detect_site(tmp_path, scan=False)
    assert set(scan_site(site, limit=2).vocabulary.tags) == {"new", "newer"}
    assert set(scan_site(site).vocabulary.tags) == {"old", "older", "new", "newer"}
