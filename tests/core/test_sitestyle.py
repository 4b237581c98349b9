"""The site's look: which stylesheet a site is shown with, per generator, found only inside
the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.site import detect_site
from editor.core.sitecss import scope_site_style
from editor.core.sitestyle import SiteStyle, find_site_style
from tests.sitestyles import harbour_site


def found(root: Path) -> SiteStyle:
    return find_site_style(detect_site(root))


def names(style: SiteStyle, root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in style.files]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- finding


def test_hugo_uses_the_configured_themes_main_stylesheet(tmp_path: Path) -> None:
    harbour_site(tmp_path)
    style = found(tmp_path)
    assert names(style, tmp_path) == ["themes/harbour/assets/css/main.css"]
    assert style.reason == "Using themes/harbour/assets/css/main.css (the theme's stylesheet)"


def test_hugo_adds_the_sites_own_stylesheet_after_the_themes(tmp_path: Path) -> None:
    harbour_site(tmp_path)
    write(tmp_path / "static" / "css" / "custom.css", "p { color: red }")
    style = found(tmp_path)
    assert names(style, tmp_path) == [
        "themes/harbour/assets/css/main.css",
        "static/css/custom.css",
    ]
    assert "the theme's stylesheet and the site's own" in style.reason


def test_a_theme_in_scss_needs_a_build_then_the_built_css_is_used(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'baseURL = "/"\ntheme = "tide"\n')
    write(tmp_path / "themes" / "tide" / "assets" / "scss" / "main.scss", "$a: 1px;")
    style = found(tmp_path)
    assert not style.available
    assert "SCSS (themes/tide/assets/scss/main.scss) that needs a build" in style.problem
    assert "public/" in style.problem
    write(tmp_path / "public" / "css" / "main.min.css", "p{color:red}")
    style = found(tmp_path)
    assert names(style, tmp_path) == ["public/css/main.min.css"]
    assert "last build" in style.reason


def test_jekyll_css_scss_and_the_built_site(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", "title: Harbour\ntheme: minima\n")
    write(tmp_path / "Gemfile", 'gem "jekyll"\n')
    (tmp_path / "_posts").mkdir()
    style = found(tmp_path)
    assert "minima" in style.problem
    assert "jekyll build" in style.problem
    write(tmp_path / "assets" / "main.scss", "---\n---\n@import 'minima';\n")
    assert "SCSS (assets/main.scss)" in found(tmp_path).problem
    write(tmp_path / "_site" / "assets" / "main.css", "body{color:#111}")
    style = found(tmp_path)
    assert names(style, tmp_path) == ["_site/assets/main.css"]
    assert "compiled by the site's last build" in style.reason
    write(tmp_path / "assets" / "css" / "style.css", "p{}")
    assert names(found(tmp_path), tmp_path) == ["assets/css/style.css"]


def test_mkdocs_material_uses_its_bundled_stylesheet_and_extra_css(tmp_path: Path) -> None:
    pytest.importorskip("material")
    write(
        tmp_path / "mkdocs.yml",
        "site_name: Notes\ntheme:\n  name: material\n  palette:\n    primary: teal\n"
        "extra_css:\n  - stylesheets/extra.css\n  - https://cdn.example.com/x.css\n"
        "plugins:\n  - blog\n",
    )
    write(tmp_path / "docs" / "stylesheets" / "extra.css", ".md-typeset h2 { color: teal }")
    style = found(tmp_path)
    files = [path.name for path in style.files]
    assert files[0].startswith("main.")
    assert files[0].endswith(".min.css")
    assert files[1].startswith("palette.")
    assert files[2] == "extra.css"
    assert "Material's bundled stylesheet and the site's extra_css" in style.reason
    assert ("data-md-color-primary", "teal") in style.attributes
    scoped = scope_site_style(style)
    assert "md-typeset" in scoped.classes


def test_pelican_theme_static_css_or_the_installed_default(tmp_path: Path) -> None:
    write(tmp_path / "pelicanconf.py", 'THEME = "themes/quay"\nPATH = "content"\n')
    (tmp_path / "content").mkdir()
    write(tmp_path / "themes" / "quay" / "static" / "css" / "main.css", "p{}")
    write(tmp_path / "themes" / "quay" / "static" / "css" / "pygment.css", ".k{}")
    style = found(tmp_path)
    assert names(style, tmp_path) == ["themes/quay/static/css/main.css"]
    pytest.importorskip("pelican")
    write(tmp_path / "pelicanconf.py", 'PATH = "content"\n')
    style = found(tmp_path)
    assert style.files[0].name == "main.css"
    assert "notmyidea" in style.reason


def test_hexo_theme_in_stylus_and_astro_styles(tmp_path: Path) -> None:
    hexo = tmp_path / "hexo"
    write(hexo / "_config.yml", "title: Quay\ntheme: landscape\n")
    write(hexo / "package.json", '{"dependencies": {"hexo": "7"}}')
    (hexo / "source" / "_posts").mkdir(parents=True)
    write(hexo / "themes" / "landscape" / "source" / "css" / "style.styl", "body\n  color red")
    assert "Stylus" in found(hexo).problem
    write(hexo / "public" / "css" / "style.css", "body{color:red}")
    assert names(found(hexo), hexo) == ["public/css/style.css"]

    astro = tmp_path / "astro"
    write(astro / "astro.config.mjs", "export default {}\n")
    write(astro / "package.json", '{"dependencies": {"astro": "5"}}')
    write(astro / "src" / "styles" / "global.css", ":root{--x:1}")
    write(astro / "src" / "content" / "blog" / "a.md", "---\ntitle: A\n---\n")
    assert names(found(astro), astro) == ["src/styles/global.css"]


def test_eleventy_public_css(tmp_path: Path) -> None:
    write(tmp_path / "eleventy.config.js", "export default function () {}\n")
    write(tmp_path / "package.json", '{"dependencies": {"@11ty/eleventy": "3"}}')
    write(tmp_path / "public" / "css" / "index.css", "body{}")
    write(tmp_path / "public" / "css" / "prism-diff.css", "x{}")
    assert names(found(tmp_path), tmp_path) == ["public/css/index.css"]


def test_a_theme_that_leads_out_of_the_site_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "assets" / "css" / "main.css", "p{}")
    site = tmp_path / "site"
    write(site / "hugo.toml", 'baseURL = "/"\ntheme = "../../outside"\n')
    assert not found(site).available
    write(site / "hugo.toml", 'baseURL = "/"\ntheme = "linked"\n')
    (site / "themes").mkdir()
    (site / "themes" / "linked").symlink_to(outside)
    assert not found(site).available


def test_no_site_has_no_look() -> None:
    style = find_site_style(None)
    assert not style.available
    assert style.problem == "The post belongs to no site."


def test_a_chosen_stylesheet_wins(tmp_path: Path) -> None:
    harbour_site(tmp_path)
    chosen = write(tmp_path / "mine.css", "p{}")
    style = find_site_style(detect_site(tmp_path), chosen=chosen)
    assert style.files == (chosen,)
    assert style.reason == "Using mine.css (chosen)"
    chosen.unlink()
    assert "not there any more" in find_site_style(detect_site(tmp_path), chosen=chosen).problem
