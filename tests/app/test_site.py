"""The open site, without Qt: the post list's rows and filters, following the disk, the cache,
new posts, renaming a tag, git's states, and posts of the site edited through a document."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from editor.app.site import OpenSite, PostFilter, SyncRunner
from editor.core.site import detect_site
from editor.core.target import Target
from tests.app.conftest import Rig
from tests.sitegen import NOW, GenSite, make_site


class QueueRunner:
    """Jobs wait until the test runs them, as a worker would take its time."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], None]]] = []

    def submit(
        self,
        job: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        self.jobs.append((job, args, done))

    def run_all(self) -> None:
        while self.jobs:
            job, args, done = self.jobs.pop(0)
            done(job(*args))


def opened(made: GenSite, tmp_path: Path, runner: Any = None) -> OpenSite:
    site = OpenSite(
        detect_site(made.root, scan=False),
        runner or SyncRunner(),
        cache_dir=tmp_path / "cache",
        now=lambda: NOW,
    )
    site.start()
    return site


@pytest.fixture
def hugo(tmp_path: Path) -> GenSite:
    return make_site(tmp_path / "blog", "hugo", 30)


def test_the_rows_are_the_sites_posts_newest_first(hugo: GenSite, tmp_path: Path) -> None:
    site = opened(hugo, tmp_path)
    rows = site.rows()
    assert [(r.title, r.date, site.state(r)) for r in rows] == [
        (p.title, p.date, "draft" if p.draft else "published") for p in hugo.posts
    ]
    oldest = site.rows(descending=False)
    assert oldest == rows[::-1]


def test_filters_by_text_tag_category_and_state(hugo: GenSite, tmp_path: Path) -> None:
    site = opened(hugo, tmp_path)

    def titles(view: PostFilter) -> list[str]:
        return [r.title for r in site.rows(view)]

    assert titles(PostFilter(text="harbour")) == [
        p.title for p in hugo.posts if "harbour" in p.title.lower()
    ]
    assert titles(PostFilter(tag="rust")) == [p.title for p in hugo.posts if "rust" in p.tags]
    assert titles(PostFilter(category="guides")) == [
        p.title for p in hugo.posts if "guides" in p.categories
    ]
    assert titles(PostFilter(state="draft")) == [p.title for p in hugo.posts if p.draft]
    both = PostFilter(text="lantern", tag="writing", state="published")
    assert titles(both) == [
        p.title
        for p in hugo.posts
        if "lantern" in p.title.lower() and "writing" in p.tags and not p.draft
    ]
    assert titles(PostFilter(text="no such post")) == []


def test_the_list_follows_posts_added_changed_and_removed(hugo: GenSite, tmp_path: Path) -> None:
    site = opened(hugo, tmp_path)
    changes: list[str] = []
    site.subscribe(changes.append)
    newest = hugo.root / hugo.posts[0].rel
    newest.write_text(
        newest.read_text(encoding="utf-8").replace(hugo.posts[0].title, "Renamed on disk")
    )
    (hugo.root / hugo.posts[1].rel).unlink()
    fresh = hugo.root / "content" / "posts" / "fresh.md"
    fresh.write_text("---\ntitle: Fresh\ndate: 2099-01-01\n---\n", encoding="utf-8")
    site.refresh()
    titles = [r.title for r in site.rows()]
    assert titles[:2] == ["Fresh", "Renamed on disk"]
    assert hugo.posts[1].title not in titles
    assert len(titles) == len(hugo.posts)
    assert site.state(site.rows()[0]) == "scheduled"
    assert "posts" in changes


def test_a_reopened_site_shows_its_cached_list_before_the_disk_is_read(
    hugo: GenSite, tmp_path: Path
) -> None:
    opened(hugo, tmp_path).wait_for_cache()  # reads the site and caches it
    runner = QueueRunner()
    again = opened(hugo, tmp_path, runner)
    assert [r.title for r in again.rows()] == [p.title for p in hugo.posts]
    assert runner.jobs, "the disk is still compared, in the background"
    runner.run_all()
    assert [r.title for r in again.rows()] == [p.title for p in hugo.posts]


def test_the_first_scan_fills_the_list_in_steps(tmp_path: Path) -> None:
    made = make_site(tmp_path / "big", "hugo", 3000)
    runner = QueueRunner()
    site = opened(made, tmp_path, runner)
    sizes = []
    site.subscribe(lambda change: sizes.append(len(site.rows())) if change == "posts" else None)
    runner.run_all()
    assert sizes == [1250, 2500, 3000]
    assert not site.scanning


def test_the_vocabulary_counts_the_sites_terms(hugo: GenSite, tmp_path: Path) -> None:
    site = opened(hugo, tmp_path)
    ranked = site.counts().ranked("tags")
    expected: dict[str, int] = {}
    for post in hugo.posts:
        for tag in post.tags:
            expected[tag] = expected.get(tag, 0) + 1
    assert dict(ranked) == expected
    assert site.vocabulary().tags == tuple(term for term, _ in ranked)


def test_a_new_post_lands_where_the_site_keeps_posts_and_joins_the_list(
    hugo: GenSite, tmp_path: Path
) -> None:
    site = opened(hugo, tmp_path)
    target = Target("site", site.site)
    plan = site.plan_post("A new walk", target)
    assert plan.path == hugo.root / "content" / "posts" / "a-new-walk.md"
    assert not plan.path.exists()
    path = site.create_post(plan)
    assert path.read_text(encoding="utf-8") == plan.text
    (row,) = [r for r in site.rows() if r.title == "A new walk"]
    assert (row.rel, site.state(row)) == ("content/posts/a-new-walk.md", "draft")
    with pytest.raises(Exception, match="exists already"):
        site.create_post(plan)


def test_renaming_a_tag_is_previewed_then_applied_then_undone(
    hugo: GenSite, tmp_path: Path
) -> None:
    site = opened(hugo, tmp_path)
    before = {p.rel: (hugo.root / p.rel).read_bytes() for p in hugo.posts}
    with_rust = {p.rel for p in hugo.posts if "rust" in p.tags}
    open_one = hugo.root / sorted(with_rust)[0]
    plans = []
    site.plan_rename("tags", "rust", "Rust language", plans.append, leave_out=[open_one])
    (plan,) = plans
    assert {e.path.relative_to(hugo.root).as_posix() for e in plan.edits} == with_rust - {
        open_one.relative_to(hugo.root).as_posix()
    }
    assert plan.skipped == [(open_one, "open with unsaved edits: save or close it first")]
    assert {rel: (hugo.root / rel).read_bytes() for rel in before} == before
    result = site.apply_rename(plan)
    assert len(result.written) == len(with_rust) - 1
    for edit in result.written:
        old = edit.before.decode().splitlines()
        new = edit.path.read_text(encoding="utf-8").splitlines()
        changed = [line for line in difflib.ndiff(old, new) if line[:1] in "+-"]
        assert len(changed) == 2  # the tags line, and only it
        assert any("Rust language" in line for line in changed)
    assert site.counts().tags["Rust language"] == len(with_rust) - 1
    site.undo_rename()
    assert {rel: (hugo.root / rel).read_bytes() for rel in before} == before
    assert "Rust language" not in site.counts().tags


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_states_reach_the_rows_and_the_changed_filter(tmp_path: Path) -> None:
    made = make_site(tmp_path / "blog", "hugo", 6, git=True)
    edited = made.root / made.posts[0].rel
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    staged = made.root / made.posts[1].rel
    staged.write_text(staged.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(made.root), "add", made.posts[1].rel], check=True)
    site = opened(made, tmp_path)
    states = {r.rel: site.git_state(r.rel) for r in site.rows()}
    assert states[made.posts[0].rel] == "modified"
    assert states[made.posts[1].rel] == "staged"
    assert [r.rel for r in site.rows(PostFilter(state="changed"))] == [
        made.posts[0].rel,
        made.posts[1].rel,
    ]
    assert "+More." in site.diff(edited)
    site.commit([edited], "More words")
    assert site.git_state(made.posts[0].rel) is None
    assert site.git_state(made.posts[1].rel) == "staged"


# ---------------------------------------------------------------------- through a document


def test_a_site_post_edited_and_saved_changes_only_its_edited_lines(
    rig: Rig, tmp_path: Path
) -> None:
    made = make_site(tmp_path / "blog", "jekyll", 24)
    before = {path: path.read_bytes() for path in made.root.rglob("*") if path.is_file()}
    rig.workspace.open_site(made.root, SyncRunner())
    post = made.root / made.posts[3].rel
    assert rig.document.open_path(post)
    assert rig.document.target.kind == "site"
    counts: dict[str, int] = {}
    for gen in made.posts:
        for tag in gen.tags:
            counts[tag] = counts.get(tag, 0) + 1
    assert counts[rig.document.target.vocabulary.tags[0]] == max(counts.values())
    rig.document.set_value("tags", ["python", "harbours"])
    assert rig.document.save()
    after = {path: path.read_bytes() for path in made.root.rglob("*") if path.is_file()}
    assert set(after) == set(before)
    assert [path for path in after if after[path] != before[path]] == [post]
    diff = [
        line
        for line in difflib.ndiff(
            before[post].decode().splitlines(), after[post].decode().splitlines()
        )
        if line[:1] in "+-"
    ]
    assert diff == [f"- tags: [{', '.join(made.posts[3].tags)}]", "+ tags: [python, harbours]"]
    site = rig.workspace.site
    assert site is not None
    row = next(r for r in site.rows() if r.rel == made.posts[3].rel)
    assert row.tags == ("python", "harbours")  # the list follows the save
    assert rig.workspace.settings.site_root == str(made.root.resolve())
    assert rig.workspace.settings.site_post == str(post.resolve())


def test_an_unedited_site_post_saves_its_own_bytes(rig: Rig, tmp_path: Path) -> None:
    made = make_site(tmp_path / "blog", "mkdocs", 6)
    rig.workspace.open_site(made.root, SyncRunner())
    post = made.root / made.posts[0].rel
    post.write_bytes(post.read_bytes().replace(b"\n", b"\r\n"))
    original = post.read_bytes()
    assert rig.document.open_path(post)
    rig.view.modified = True
    assert rig.document.save()
    assert post.read_bytes() == original


def test_the_form_completes_with_the_sites_terms_once_the_scan_ends(
    rig: Rig, tmp_path: Path
) -> None:
    made = make_site(tmp_path / "blog", "hugo", 12)
    post = made.root / made.posts[0].rel
    assert rig.document.open_path(post)
    runner = QueueRunner()
    rig.workspace.open_site(made.root, runner)
    runner.run_all()
    assert rig.view.target is not None
    tags = rig.view.target.vocabulary.tags
    assert set(tags) == {tag for p in made.posts for tag in p.tags}
