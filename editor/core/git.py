"""A site's git repository, asked through git itself: each post's state (new, modified,
staged), the diff of a post against the last commit, and a commit of one post when the writer
asks for it. Nothing here commits, stages or pushes on its own.

Every call runs ``git`` with a time limit and raises :class:`GitError` with git's own words
when it fails; a folder outside any repository, or a machine without git, is not an error:
:func:`repository` answers None.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

GitState = Literal["new", "modified", "staged", "staged+modified", "conflict", "ignored"]
#: how long one git command may take before it is given up (a huge repository, a stuck lock)
TIMEOUT_S = 20.0


class GitError(Exception):
    """A git command failed; the message is git's, in one line."""


def _run(root: Path, *args: str, check: bool = True, timeout: float = TIMEOUT_S) -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            [git, "-C", str(root), *args],
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {timeout:.0f} s") from None
    except OSError as exc:
        raise GitError(f"git could not be run: {exc.strerror or exc}") from None
    if check and done.returncode != 0:
        words = (
            done.stderr.decode("utf-8", "replace").strip()
            or done.stdout.decode("utf-8", "replace").strip()
        )
        first = words.splitlines()[0] if words else f"exit status {done.returncode}"
        raise GitError(first.removeprefix("fatal: ").removeprefix("error: "))
    return done.stdout.decode("utf-8", "surrogateescape")


def repository(folder: Path) -> Path | None:
    """The top folder of the git repository ``folder`` is in, or None (no repository, or no
    git on this machine)."""
    try:
        out = _run(folder, "rev-parse", "--show-toplevel")
    except GitError:
        return None
    top = out.strip()
    return Path(top).resolve() if top else None


@dataclass(frozen=True)
class Status:
    """The states of the changed files of a repository, by absolute path; a file not listed
    is unchanged since the last commit."""

    top: Path
    states: dict[Path, GitState]
    branch: str = ""

    def state(self, path: Path) -> GitState | None:
        """The state of ``path``, None when it is committed as it is."""
        return self.states.get(path)


def _state(xy: str) -> GitState:
    staged, worktree = xy[0], xy[1]
    if staged != "." and worktree != ".":
        return "staged+modified"
    if staged != ".":
        return "staged"
    return "modified"


def status(top: Path, paths: Iterable[str] = ()) -> Status:
    """``git status --porcelain=v2 -z`` of the repository at ``top``, for ``paths`` (folders
    or files relative to ``top``; all of it when empty)."""
    out = _run(
        top,
        "status",
        "--porcelain=v2",
        "-z",
        "--branch",
        "--untracked-files=all",
        "--",
        *paths,
    )
    states: dict[Path, GitState] = {}
    branch = ""
    records = out.split("\0")
    index = 0
    while index < len(records):
        record = records[index]
        index += 1
        if not record:
            continue
        kind = record[0]
        if kind == "#":
            if record.startswith("# branch.head "):
                branch = record.removeprefix("# branch.head ")
            continue
        if kind == "?":
            states[top / record[2:]] = "new"
        elif kind == "!":
            states[top / record[2:]] = "ignored"
        elif kind == "1":
            parts = record.split(" ", 8)
            states[top / parts[8]] = _state(parts[1])
        elif kind == "2":
            parts = record.split(" ", 9)
            states[top / parts[9]] = _state(parts[1])
            index += 1  # the rename's original path follows
        elif kind == "u":
            parts = record.split(" ", 10)
            states[top / parts[10]] = "conflict"
    return Status(top, states, branch)


def _relative(top: Path, path: Path) -> str:
    return path.resolve().relative_to(top).as_posix()


def diff_head(top: Path, path: Path) -> str:
    """The diff of ``path`` against the last commit (a new file: all of it, added); empty when
    the file is as committed."""
    rel = _relative(top, path)
    tracked = _run(top, "ls-files", "--error-unmatch", "--", rel, check=False)
    has_head = bool(_run(top, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip())
    if not tracked.strip():
        # untracked: show it as added; --no-index exits 1 when the files differ
        return _run(top, "diff", "--no-color", "--no-index", "--", os.devnull, rel, check=False)
    if not has_head:
        return _run(top, "diff", "--no-color", "--cached", "--", rel)
    return _run(top, "diff", "--no-color", "HEAD", "--", rel)


def commit(top: Path, paths: Iterable[Path], message: str) -> str:
    """Stage ``paths`` and commit only them with ``message``; the new commit's one-line
    summary. Other staged changes stay staged and out of this commit."""
    if not message.strip():
        raise GitError("the commit message is empty")
    rels = [_relative(top, path) for path in paths]
    if not rels:
        raise GitError("nothing to commit")
    _run(top, "add", "--", *rels)
    _run(top, "commit", "--quiet", "-m", message, "--only", "--", *rels)
    return _run(top, "log", "-1", "--format=%h %s").strip()
