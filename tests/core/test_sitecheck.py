"""The pre-publish check of a whole site: it finds the seeded problems of generated Hugo,
Jekyll and MkDocs sites, names their files and lines, and finds nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.site import detect_site
from editor.core.sitecheck import check_site
from tests.sitegen import NOW, make_site


def found(root: Path) -> list[tuple[str, int, str, str]]:
    site = detect_site(root, scan=False)
    report = check_site(site, now=NOW)
    return [
        (str(f.path.relative_to(site.root)), f.line, f.rule, f.message)  # type: ignore[union-attr]
        for f in report.findings
    ]


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "mkdocs"])
def test_a_clean_site_has_nothing_to_report(tmp_path: Path, generator: str) -> None:
    made = make_site(tmp_path / generator, generator)
    assert found(made.root) == []


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "mkdocs"])
def test_the_seeded_problems_are_found_and_nothing_else(tmp_path: Path, generator: str) -> None:
    made = make_site(tmp_path / generator, generator, seed=True)
    findings = found(made.root)
    assert {(rel, rule) for rel, _, rule, _ in findings} == made.seeded
    for rel, line, _, _ in findings:
        assert 1 <= line <= len((made.root / rel).read_text(encoding="utf-8").splitlines())


def test_each_finding_names_its_line_and_what_to_do(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 6, seed=True)
    by_rule = {(rel, rule): (line, message) for rel, line, rule, message in found(made.root)}
    line, message = by_rule[("content/posts/twice.md", "duplicate-key")]
    assert line == 4
    assert message == "'title' is written twice (lines 2 and 4): Hugo stops on it"
    line, message = by_rule[("content/posts/same-a.md", "duplicate-url")]
    assert line == 4  # the slug's line
    assert message == (
        "same URL as content/posts/same-b.md (/posts/same/): one page overwrites the other"
    )
    line, message = by_rule[("content/posts/broken-image.md", "broken-image")]
    text = (made.root / "content/posts/broken-image.md").read_text(encoding="utf-8")
    assert "missing-chart.png" in text.splitlines()[line - 1]
    assert "not found (looked for content/posts/images/missing-chart.png)" in message
    line, message = by_rule[("content/posts/pythons.md", "near-duplicate-tag")]
    assert "'Pythons' nearly duplicates the site's 'python'" in message


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_links_and_images_inside_code_are_text_not_links(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 3)
    text = (
        "---\ntitle: Code\ndate: 2024-01-01\n---\n\nIntro.\n\n<!--more-->\n\n"
        "```markdown\n![](images/none.png) and [x](/posts/none/)\n```\n\n"
        "Inline `![](nothing.png)` too.\n"
    )
    write(made.root, "content/posts/code.md", text)
    assert found(made.root) == []


def test_a_site_that_builds_future_posts_is_not_warned_about_them(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 3, seed=True)
    config = made.root / "hugo.toml"
    config.write_text(config.read_text(encoding="utf-8") + "buildFuture = true\n")
    assert "future-date" not in {rule for _, _, rule, _ in found(made.root)}


def test_a_link_to_a_draft_breaks_until_the_draft_is_published(tmp_path: Path) -> None:
    made = make_site(tmp_path / "mkdocs", "mkdocs", 6)
    draft = next(p for p in made.posts if p.draft)
    name = Path(draft.rel).name
    text = (
        f"---\ndate: 2024-01-01\n---\n\n# Points\n\nSee [it]({name}).\n\n<!-- more -->\n\nRest.\n"
    )
    write(made.root, "docs/blog/posts/points-to-draft.md", text)
    assert [(rel, rule) for rel, _, rule, _ in found(made.root)] == [
        ("docs/blog/posts/points-to-draft.md", "link-to-draft")
    ]
