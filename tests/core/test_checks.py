"""The checker: general rules for every post, and each generator's own through the target."""

from __future__ import annotations

from pathlib import Path

from editor.core.checks import check, check_file
from editor.core.post import Post
from editor.core.target import NO_TARGET, TargetChoice, resolve_target

CLEAN = "---\ntitle: T\ndate: 2024-12-12\n---\n\nIntro.\n\n<!-- more -->\n\nRest.\n"


def rules(text: str, target: object = NO_TARGET) -> list[tuple[str, str, int]]:
    return [(f.rule, f.severity, f.line) for f in check(Post.from_text(text), target)]  # type: ignore[arg-type]


def test_a_clean_post_has_no_findings() -> None:
    assert rules(CLEAN) == []


def test_general_rules_name_their_lines() -> None:
    text = "---\ndate: 2024-13-45\n---\n\nNo title.\n\n<!-- more -->\n\nA\n\n<!--more-->\n"
    assert rules(text) == [
        ("bad-date", "error", 2),
        ("no-title", "error", 4),
        ("extra-marker", "error", 11),
    ]


def test_broken_front_matter_is_one_finding() -> None:
    (finding,) = check(Post.from_text("---\ntitle: [x\n---\nBody\n"))
    assert (finding.rule, finding.severity, finding.line) == ("syntax", "error", 3)


def test_a_marker_only_in_code_is_an_error_beside_a_real_one_a_warning() -> None:
    code = "```\n<!-- more -->\n```\n"
    only = "---\ntitle: T\ndate: 2024-01-01\n---\n\n" + code
    assert rules(only) == [("marker-in-code", "error", 7)]
    both = CLEAN + "\n" + code
    assert rules(both) == [("marker-in-code", "warning", 13)]


def test_two_titles_are_a_warning() -> None:
    text = "---\ntitle: Harbour\ndate: 2024-01-01\n---\n\n# Lighthouse\n\nText.\n"
    assert rules(text) == [("two-titles", "warning", 6)]
    same = text.replace("# Lighthouse", "# Harbour")
    assert rules(same) == []


def test_a_missing_marker_matters_only_where_the_generator_needs_one(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndate: 2024-01-01\n---\n\nJust text.\n"
    assert rules(text) == []
    hugo = resolve_target(tmp_path / "a.md", TargetChoice(None, "hugo"))
    assert rules(text, hugo) == [("no-marker", "warning", 5)]
    pelican = resolve_target(tmp_path / "p.md", TargetChoice(None, "pelican"))
    assert rules(text, pelican) == []
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nplugins:\n  - blog:\n      post_excerpt: required\n"
    )
    mkdocs = resolve_target(tmp_path / "docs" / "blog" / "posts" / "a.md")
    assert rules(text, mkdocs) == [("no-marker", "error", 5)]


def test_mkdocs_refuses_a_quoted_date(tmp_path: Path) -> None:
    quoted = CLEAN.replace("date: 2024-12-12", 'date: "2024-12-12"')
    hugo = resolve_target(tmp_path / "x.md", TargetChoice(None, "hugo"))
    assert rules(quoted, hugo) == []  # Hugo reads it
    assert rules(quoted) == [("date-form", "warning", 3)]  # no site: advice only
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - blog\n")
    target = resolve_target(tmp_path / "docs" / "blog" / "posts" / "a.md")
    assert rules(quoted, target) == [("date-form", "error", 3)]


def test_hugo_in_its_site_warns_about_a_spaced_marker(tmp_path: Path) -> None:
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    post = tmp_path / "content" / "posts" / "a.md"
    post.write_text(CLEAN, encoding="utf-8")
    assert [(f.rule, f.line) for f in check_file(post)] == [("marker-form", 8)]
    post.write_text(CLEAN.replace("<!-- more -->", "<!--more-->"), encoding="utf-8")
    assert check_file(post) == []


def test_an_unreadable_file_is_one_finding(tmp_path: Path) -> None:
    binary = tmp_path / "b.md"
    binary.write_bytes(b"abc\0def")
    (finding,) = check_file(binary)
    assert (finding.rule, finding.severity) == ("unreadable", "error")
    assert finding.located().startswith(f"{binary}:1:4: ")


def test_a_heading_that_repeats_the_title_shows_twice_in_a_site(tmp_path: Path) -> None:
    text = "---\ntitle: Harbour\ndate: 2024-01-01\n---\n\n# Harbour\n\nIntro.\n\n<!--more-->\n"
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    post = tmp_path / "content" / "posts" / "a.md"
    post.write_text(text, encoding="utf-8")
    assert [(f.rule, f.line) for f in check_file(post)] == [("title-twice", 6)]
    assert rules(text) == []  # no site: an export lifts the heading
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - blog\n")
    mkdocs = tmp_path / "docs" / "blog" / "posts" / "a.md"
    mkdocs.parent.mkdir(parents=True)
    mkdocs.write_text(text.replace("<!--more-->", "<!-- more -->"), encoding="utf-8")
    assert [f.rule for f in check_file(mkdocs)] == []  # Material takes the heading as the title


def test_jekyll_rules_in_its_own_site(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text("title: Blog\n")
    (tmp_path / "Gemfile").write_text('gem "jekyll"\n')
    post = tmp_path / "_posts" / "2024-05-01-fog.md"
    # dated by its file name; Liquid in prose is the writer's own
    post.write_text("---\ntitle: Fog\n---\n\nSee {% post_url 2024-01-01-old %}.\n")
    assert check_file(post) == []
    post.write_text("---\ntitle: Fog\n---\n\nA sample:\n\n    {{ page.title }}\n")
    assert [(f.rule, f.line) for f in check_file(post)] == [("liquid", 7)]
    # a sample inside {% raw %} is shown as written, as the preview shows it
    raw = (
        "{% raw %}\n```liquid\n{{ page.title }}\n```\n{% endraw %}\n\n"
        "`{% raw %}{{ x }}{% endraw %}`\n"
    )
    post.write_text("---\ntitle: Fog\n---\n\n" + raw)
    assert check_file(post) == []
    post.write_text("---\ntitle: Fog\n---\n\n" + raw + "\n`{{ y }}`\n")
    assert [(f.rule, f.line) for f in check_file(post)] == [("liquid", 13)]
