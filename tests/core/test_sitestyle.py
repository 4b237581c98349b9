"""The site's look: which stylesheet a site is shown with, and that stylesheet scoped to the
preview's article (nothing outside the article, nothing remote, nothing outside the site)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import tinycss2

from editor.core.site import detect_site
from editor.core.sitestyle import (
    MAX_CSS_FILE,
    SiteStyle,
    SiteStyleError,
    find_site_style,
    scope_site_style,
)
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


# --------------------------------------------------------------------------- scoping


def scoped(tmp_path: Path, css: str, files: dict[str, str] | None = None) -> str:
    sheet = write(tmp_path / "site" / "css" / "main.css", css)
    for name, text in (files or {}).items():
        write(tmp_path / "site" / name, text)
    style = SiteStyle(
        files=(sheet,), allowed=(tmp_path / "site",), served=(tmp_path / "site" / "static",)
    )
    return scope_site_style(style).css


def style_rules(css: str) -> list[tuple[list[str], str]]:
    """Every selector of ``css`` as (the at-rules around it, the selector)."""
    found: list[tuple[list[str], str]] = []

    def walk(rules: Any, around: list[str]) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [[]]
                for token in rule.prelude:
                    if token.type == "literal" and token.value == ",":
                        selectors.append([])
                    else:
                        selectors[-1].append(token)
                found.extend((around, tinycss2.serialize(s).strip()) for s in selectors)
            elif rule.type == "at-rule" and rule.content is not None:
                prelude = tinycss2.serialize(rule.prelude).strip()
                inner = tinycss2.parse_rule_list(rule.content, True, True)
                if rule.lower_at_keyword in ("keyframes", "font-face"):
                    continue
                walk(inner, [*around, f"@{rule.lower_at_keyword} {prelude}"])

    walk(tinycss2.parse_stylesheet(css, True, True), [])
    return found


def test_every_rule_of_the_site_is_inside_the_articles_scope(tmp_path: Path) -> None:
    css = scoped(
        tmp_path,
        "html { background: #eee } body { color: red } :root { --ink: #123 }"
        " p { margin: 0 } @media print { body { color: black } } header h1 { color: blue }"
        " .x body p { color: green }",
    )
    rules = style_rules(css)
    assert rules
    for around, selector in rules:
        assert "@scope (#pw-body)" in around, selector
        assert selector.startswith(":scope"), selector
    selectors = [selector for _around, selector in rules]
    assert ":scope p" in selectors
    assert ":scope h1" not in selectors
    assert ":scope header h1" in selectors
    # body and html stand for the article; a rule naming the body inside something else
    # cannot match the article and is left out
    assert "color:red" in css
    assert "color:green" not in css


def test_addresses_inside_the_site_become_files_others_are_dropped(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"x")
    css = scoped(
        tmp_path,
        "body { background: url(../img/sea.png) }"
        " .a { background-image: url('/img/gull.png') }"
        " .b { background: url(https://example.com/x.png) }"
        " .c { background: url(//example.com/x.png) }"
        " .d { background: url(../../secret.png) }"
        " .e { background: url(data:image/png;base64,AAAA) }"
        " .f { background: url(missing.png) }",
        {"img/sea.png": "x", "static/img/gull.png": "x"},
    )
    site = (tmp_path / "site").resolve()
    assert f"url({(site / 'img' / 'sea.png').as_uri()})" in css
    assert f"url({(site / 'static' / 'img' / 'gull.png').as_uri()})" in css
    assert "example.com" not in css
    assert "secret" not in css
    assert "data:image/png" in css
    assert "missing" not in css


def test_imports_are_read_from_the_site_remote_ones_dropped(tmp_path: Path) -> None:
    css = scoped(
        tmp_path,
        '@import "parts/a.css"; @import url(https://fonts.example.com/f.css);'
        ' @import "../../outside.css"; @import url("parts/b.css") print; p { color: red }',
        {
            "css/parts/a.css": "blockquote { border: 1px solid } @import 'a.css';",
            "css/parts/b.css": "h2 { color: black }",
        },
    )
    assert "blockquote{border:1px solid}" in css
    assert "fonts.example.com" not in css
    assert "@media print{:scope h2{color:black}}" in css


def test_rem_follows_the_sites_root_font_size(tmp_path: Path) -> None:
    css = scoped(tmp_path, "html { font-size: 62.5% } body { font-size: 1.6rem }")
    assert ":scope{font-size:calc(0.625 * 1rem);--pw-site-rem:calc(0.625 * 1rem)}" in css
    assert "font-size:calc(1.6 * var(--pw-site-rem, 1rem))" in css


def test_font_faces_and_keyframes_stay_outside_the_scope(tmp_path: Path) -> None:
    css = scoped(
        tmp_path,
        "@font-face { font-family: Sea; src: url(../fonts/sea.woff2) format('woff2') }"
        " @keyframes drift { from { opacity: 0 } to { opacity: 1 } }",
        {"fonts/sea.woff2": "x"},
    )
    assert "@font-face {font-family:Sea;src:url(file://" in css
    assert "@keyframes drift{from{opacity:0}to{opacity:1}}" in css


def test_a_huge_or_deep_stylesheet_is_one_line_not_a_hang(tmp_path: Path) -> None:
    sheet = write(tmp_path / "site" / "big.css", "p{color:red}\n" * (MAX_CSS_FILE // 12 + 10))
    style = SiteStyle(files=(sheet,), allowed=(tmp_path / "site",))
    with pytest.raises(SiteStyleError) as caught:
        scope_site_style(style)
    assert str(caught.value) == (
        "big.css: over 2 MB, too big for a stylesheet; the site's look is not used"
    )
    assert "\n" not in str(caught.value)

    deep = write(tmp_path / "site" / "deep.css", "@media screen{" * 5000 + "p{color:red}")
    style = SiteStyle(files=(deep,), allowed=(tmp_path / "site",))
    started = time.perf_counter()
    with pytest.raises(SiteStyleError) as caught:
        scope_site_style(style)
    assert time.perf_counter() - started < 5
    assert str(caught.value).startswith("deep.css:1: rules nest more than")
    assert "\n" not in str(caught.value)

    values = write(tmp_path / "site" / "values.css", "p{margin:" + "calc(" * 50000 + "1px}")
    style = SiteStyle(files=(values,), allowed=(tmp_path / "site",))
    with pytest.raises(SiteStyleError) as caught:
        scope_site_style(style)
    assert str(caught.value).startswith("values.css")


def test_a_pipe_named_like_a_stylesheet_does_not_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "site" / "main.css"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    style = SiteStyle(files=(pipe,), allowed=(tmp_path / "site",))
    with pytest.raises(SiteStyleError) as caught:
        scope_site_style(style)
    assert str(caught.value) == "main.css: cannot be read (a pipe (FIFO))"


def test_the_sites_rules_never_match_postwrights_block_wrappers(tmp_path: Path) -> None:
    # each block of the article is wrapped (div.pw-block): a child of the body on the site is
    # a child of a wrapper here, and the site's sibling and position rules skip the wrappers
    css = scoped(
        tmp_path,
        "body > p { margin: 0 } .post-content > :first-child { margin-top: 0 }"
        " * + * { margin-top: 1em } div ~ p { color: red } li:nth-child(2n) { color: blue }",
    )
    selectors = [selector for _around, selector in style_rules(css)]
    assert ":scope > .pw-block > p" in selectors
    assert ":scope.post-content > .pw-block:first-child > :not(.pw-block):first-child" in selectors
    assert ":scope :not(.pw-block)* + :not(.pw-block)*" not in selectors
    assert ":scope *:not(.pw-block) + *:not(.pw-block)" in selectors
    assert ":scope div:not(.pw-block) ~ p" in selectors
    assert ":scope li:nth-child(2n)" in selectors
