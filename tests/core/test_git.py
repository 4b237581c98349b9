"""git's view of a site, asked through git itself: states, a post's diff, a commit of one post."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from editor.core import git
from tests.sitegen import init_git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    for name in ("kept.md", "edited.md", "staged.md", "both.md", "moved.md"):
        (root / "posts" / name).write_text(f"---\ntitle: {name}\n---\n\nText.\n")
    init_git(root)
    return root


def test_each_post_has_the_state_git_gives_it(repo: Path) -> None:
    posts = repo / "posts"
    (posts / "edited.md").write_text("changed\n")
    (posts / "staged.md").write_text("changed\n")
    run(repo, "add", "posts/staged.md")
    (posts / "both.md").write_text("changed\n")
    run(repo, "add", "posts/both.md")
    (posts / "both.md").write_text("changed again\n")
    run(repo, "mv", "posts/moved.md", "posts/renamed é.md")
    (posts / "new post.md").write_text("new\n")
    status = git.status(repo, ["posts"])
    assert status.branch == "main"
    assert status.states == {
        posts / "edited.md": "modified",
        posts / "staged.md": "staged",
        posts / "both.md": "staged+modified",
        posts / "renamed é.md": "staged",
        posts / "new post.md": "new",
    }
    assert status.state(posts / "kept.md") is None


def test_the_diff_of_a_post_against_the_last_commit(repo: Path) -> None:
    post = repo / "posts" / "edited.md"
    post.write_text("---\ntitle: edited.md\n---\n\nOther text.\n")
    diff = git.diff_head(repo, post)
    assert "-Text." in diff
    assert "+Other text." in diff
    assert git.diff_head(repo, repo / "posts" / "kept.md") == ""
    new = repo / "posts" / "fresh.md"
    new.write_text("Fresh words.\n")
    assert "+Fresh words." in git.diff_head(repo, new)


def test_commit_takes_only_the_post_asked_for(repo: Path) -> None:
    (repo / "posts" / "staged.md").write_text("staged, not ours\n")
    run(repo, "add", "posts/staged.md")
    post = repo / "posts" / "fresh.md"
    post.write_text("Fresh words.\n")
    summary = git.commit(repo, [post], "Add the fresh post")
    assert summary.endswith(" Add the fresh post")
    assert run(repo, "show", "--name-only", "--format=%s", "HEAD").split() == [
        "Add",
        "the",
        "fresh",
        "post",
        "posts/fresh.md",
    ]
    assert git.status(repo).states == {repo / "posts" / "staged.md": "staged"}
    with pytest.raises(git.GitError, match="empty"):
        git.commit(repo, [post], "  ")


def test_a_folder_outside_any_repository_has_none(tmp_path: Path) -> None:
    assert git.repository(tmp_path) is None
