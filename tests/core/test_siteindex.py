"""The summaries of a site's posts: what the post list shows, read fast, kept current by file
stamps, cached between runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core import siteindex as si
from editor.core.post import Post
from editor.core.site import detect_site
from tests.conftest import FIXTURES
from tests.sitegen import NOW, make_site


def summaries(root: Path) -> si.SiteIndex:
    site = detect_site(root, scan=False)
    index = si.SiteIndex()
    index.update(si.read_summaries(site, sorted(si.list_posts(site).items())))
    return index


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "mkdocs"])
def test_the_summaries_hold_each_posts_title_date_draft_and_terms(
    tmp_path: Path, generator: str
) -> None:
    made = make_site(tmp_path / generator, generator)
    rows = summaries(made.root).newest_first()
    assert [(r.rel, r.title, r.date, r.draft) for r in rows] == [
        (p.rel, p.title, p.date, p.draft) for p in made.posts
    ]
    assert [(r.tags, r.categories) for r in rows] == [(p.tags, p.categories) for p in made.posts]
    states = {r.rel: r.state(NOW) for r in rows}
    assert {rel for rel, state in states.items() if state == "draft"} == {
        p.rel for p in made.posts if p.draft
    }
    assert set(states.values()) == {"draft", "published"}


def test_the_fast_reader_reads_what_the_post_model_reads() -> None:
    posts = sorted((FIXTURES / "posts").glob("*.md"))
    assert len(posts) > 5
    for path in posts:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        fast, model = si.parse_post(text, path), Post.from_text(text, path)
        assert fast.meta == model.meta, path.name
        assert (fast.error is None) == (model.error is None), path.name
        assert (fast.title, fast.date, fast.tags, fast.draft) == (
            model.title,
            model.date,
            model.tags,
            model.draft,
        )


def test_a_broken_or_unreadable_post_is_listed_as_broken(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 3)
    posts = made.root / "content" / "posts"
    (posts / "broken.md").write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    (posts / "binary.md").write_bytes(b"\x00\x01\x02")
    rows = {r.rel: r for r in summaries(made.root).newest_first()}
    broken = rows["content/posts/broken.md"]
    assert broken.state() == "broken"
    assert broken.title == "broken"
    assert broken.error is not None
    assert broken.error.startswith("line 3: front matter is not valid YAML")
    assert rows["content/posts/binary.md"].state() == "broken"


def test_section_pages_are_not_posts_and_jekyll_drafts_are_drafts(tmp_path: Path) -> None:
    hugo = make_site(tmp_path / "hugo", "hugo", 2)
    (hugo.root / "content" / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\n")
    assert "content/posts/_index.md" not in si.list_posts(detect_site(hugo.root, scan=False))
    jekyll = make_site(tmp_path / "jekyll", "jekyll", 2)
    draft = jekyll.root / "_drafts" / "an-idea.md"
    draft.parent.mkdir()
    draft.write_text("---\ntitle: An idea\n---\n\nSoon.\n", encoding="utf-8")
    rows = {r.rel: r for r in summaries(jekyll.root).newest_first()}
    assert rows["_drafts/an-idea.md"].state() == "draft"


def test_stamps_find_the_posts_added_changed_and_removed(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 6)
    site = detect_site(made.root, scan=False)
    index = summaries(made.root)
    assert not index.changes(si.list_posts(site))
    first, second = (made.root / p.rel for p in made.posts[:2])
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    os.utime(first, ns=(1, 1))  # a change that keeps the size would still move the time
    second.unlink()
    added = made.root / "content" / "posts" / "fresh.md"
    added.write_text("---\ntitle: Fresh\ndate: 2024-01-01\n---\n", encoding="utf-8")
    changes = index.changes(si.list_posts(site))
    assert {rel for rel, _ in changes.to_read} == {
        first.relative_to(made.root).as_posix(),
        "content/posts/fresh.md",
    }
    assert changes.removed == [second.relative_to(made.root).as_posix()]


def test_the_cache_gives_back_the_same_summaries_and_only_for_its_site(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 8)
    other = make_site(tmp_path / "other", "hugo", 2)
    site = detect_site(made.root, scan=False)
    index = summaries(made.root)
    cache = tmp_path / "cache"
    si.save_cache(cache, site, index)
    again = si.load_cache(cache, site)
    assert again.newest_first() == index.newest_first()
    assert len(si.load_cache(cache, detect_site(other.root, scan=False))) == 0
    si.cache_path(cache, site).write_text("{not json", encoding="utf-8")
    assert len(si.load_cache(cache, site)) == 0


ALIAS_BOMB = (
    "---\ntitle: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    + "tags: *a8\n---\nBody\n"
)


@pytest.mark.timeout(30)
def test_front_matter_aliases_that_expand_to_billions_are_not_read(tmp_path: Path) -> None:
    made = make_site(tmp_path / "hugo", "hugo", 2)
    (made.root / "content" / "posts" / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    rows = {r.rel: r for r in summaries(made.root).newest_first()}
    bomb = rows["content/posts/bomb.md"]
    assert bomb.state() == "broken"
    assert bomb.error == (
        "line 2: the front matter's YAML aliases (*name) expand to more than 100,000 values: "
        "it is not read"
    )
    from editor.core.sitecheck import check_site

    report = check_site(detect_site(made.root, scan=False), now=NOW)
    assert [(f.path.name, f.line, f.rule) for f in report.findings] == [("bomb.md", 2, "syntax")]  # type: ignore[union-attr]
