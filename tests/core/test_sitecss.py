"""The site's stylesheet scoped to the preview's article: nothing outside the article,
nothing remote, nothing outside the site, and hostile stylesheets a one-line message."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import tinycss2

from editor.core.sitecss import MAX_CSS_FILE, SiteStyleError, scope_site_style
from editor.core.sitestyle import SiteStyle


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


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
