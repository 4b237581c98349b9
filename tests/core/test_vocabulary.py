"""The site's vocabulary: counts, near-duplicate terms, and renaming a term across the site as
lossless, previewed, undoable front matter edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.checks import check
from editor.core.post import Post
from editor.core.site import Vocabulary
from editor.core.siteindex import PostSummary, Stamp
from editor.core.target import Target
from editor.core.vocabulary import (
    TermCounts,
    apply_edits,
    existing_spelling,
    near_duplicates,
    plan_rename,
    term_key,
    undo_edits,
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Static Sites", "static-site"),
        ("machine_learning", "Machine Learning"),
        ("Café", "cafe"),
        ("stories", "Story"),
        ("boxes", "box"),
        ("Python", "python"),
    ],
)
def test_spellings_of_one_term_share_a_key(one: str, other: str) -> None:
    assert term_key(one) == term_key(other)


@pytest.mark.parametrize(
    ("one", "other"), [("css", "cs"), ("python", "pythonic"), ("go", "goes"), ("Linux", "Lin")]
)
def test_different_terms_keep_different_keys(one: str, other: str) -> None:
    assert term_key(one) != term_key(other)


def summary(rel: str, tags: tuple[str, ...] = (), categories: tuple[str, ...] = ()) -> PostSummary:
    return PostSummary(rel, Stamp(0, 0), rel, tags=tags, categories=categories)


def test_counts_rank_terms_and_group_their_spellings() -> None:
    posts = [
        summary("a.md", ("python", "rust")),
        summary("b.md", ("python",)),
        summary("c.md", ("Python", "python")),
        summary("d.md", ("Pythons",)),
    ]
    counts = TermCounts.of(posts)
    assert counts.ranked("tags") == [("python", 3), ("Python", 1), ("Pythons", 1), ("rust", 1)]
    assert near_duplicates(counts, "tags") == [("python", ["Python", "Pythons"])]
    vocabulary = counts.vocabulary()
    assert vocabulary.tags[0] == "python"
    assert existing_spelling("PYTHON", vocabulary.tags) == "python"
    assert existing_spelling("python", vocabulary.tags) is None  # the site's own spelling
    assert existing_spelling("haskell", vocabulary.tags) is None


def test_a_post_with_a_near_duplicate_tag_is_told_the_sites_spelling(tmp_path: Path) -> None:
    post = Post.from_text(
        "---\ntitle: T\ndate: 2024-01-01\ntags:\n  - Static-Sites\n  - rust\n---\n\nText.\n",
        tmp_path / "t.md",
    )
    from editor.core.site import Site

    site = Site(tmp_path, "folder", vocabulary=Vocabulary(("static sites", "rust"), (), ()))
    findings = [f for f in check(post, Target("site", site)) if f.rule == "near-duplicate-tag"]
    assert [(f.line, f.severity) for f in findings] == [(4, "warning")]
    assert "'Static-Sites' nearly duplicates the site's 'static sites'" in findings[0].message


FLOW = "---\ntitle: Flow\n# a comment\ntags: [Python, rust]  # two\ndate: 2024-01-01\n---\nBody\n"
BLOCK = (
    "---\r\ntitle: Block\r\ntags:\r\n  - rust\r\n  - Python\r\n  - python\r\n"
    "draft: false\r\n---\r\nBody\r\n"
)
PELICAN = "Title: Pelican\nTags: Python, rust\nDate: 2024-01-01\n\nBody\n"
ZOLA = '+++\ntitle = "Zola"\n\n[taxonomies]\ntags = ["Python"]\n+++\nBody\n'
NONE = "---\ntitle: Other\ntags: [rust]\n---\nBody\n"


def write_posts(folder: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (
        ("flow", FLOW),
        ("block", BLOCK),
        ("pelican", PELICAN),
        ("zola", ZOLA),
        ("none", NONE),
    ):
        path = folder / f"{name}.md"
        path.write_bytes(text.encode("utf-8"))
        paths[name] = path
    return paths


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new) or b"python" in b"".join(old).lower()
    return [(a, b) for a, b in zip(old, new, strict=False) if a != b]


def test_a_rename_edits_only_the_terms_lines_in_every_format(tmp_path: Path) -> None:
    paths = write_posts(tmp_path)
    before = {name: path.read_bytes() for name, path in paths.items()}
    plan = plan_rename(paths.values(), "tags", "Python", "python")
    assert sorted(edit.path.name for edit in plan.edits) == [
        "block.md",
        "flow.md",
        "pelican.md",
        "zola.md",
    ]
    assert all(path.read_bytes() == before[name] for name, path in paths.items()), "a preview"
    result = apply_edits(plan.edits)
    assert len(result.written) == 4
    assert not result.skipped
    after = {name: path.read_bytes() for name, path in paths.items()}
    assert after["none"] == before["none"]
    assert changed_lines(before["flow"], after["flow"]) == [
        (b"tags: [Python, rust]  # two\n", b"tags: [python, rust]  # two\n")
    ]
    # the block list had both spellings: one python is left, CRLF and the rest untouched
    merged = BLOCK.replace("  - Python\r\n  - python\r\n", "  - python\r\n")
    assert after["block"] == merged.encode()
    assert after["pelican"] == PELICAN.replace("Tags: Python, rust", "Tags: python, rust").encode()
    assert after["zola"] == ZOLA.replace('["Python"]', '["python"]').encode()
    flow = next(edit for edit in plan.edits if edit.path.name == "flow.md")
    assert "+tags: [python, rust]  # two" in flow.diff()
    undone = undo_edits(result.written)
    assert len(undone.written) == 4
    assert {name: path.read_bytes() for name, path in paths.items()} == before


def test_a_file_changed_since_the_preview_or_the_rename_is_left_alone(tmp_path: Path) -> None:
    paths = write_posts(tmp_path)
    plan = plan_rename([paths["flow"], paths["block"]], "tags", "Python", "py")
    paths["flow"].write_bytes(FLOW.replace("Body", "Edited elsewhere").encode())
    result = apply_edits(plan.edits)
    assert [edit.path for edit in result.written] == [paths["block"]]
    assert result.skipped == [(paths["flow"], "changed since the preview")]
    assert b"Edited elsewhere" in paths["flow"].read_bytes()
    paths["block"].write_bytes(paths["block"].read_bytes() + b"More\r\n")
    undone = undo_edits(result.written)
    assert undone.skipped == [(paths["block"], "changed since the rename")]
    assert paths["block"].read_bytes().endswith(b"More\r\n")


def test_a_post_whose_front_matter_is_broken_is_reported_not_edited(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntags: [Python\n---\n", encoding="utf-8")
    plan = plan_rename([broken], "tags", "Python", "python")
    assert plan.edits == []
    assert [path for path, _ in plan.skipped] == [broken]
