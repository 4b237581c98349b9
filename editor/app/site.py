"""The open site: its posts as the post list shows them, kept current in the background, and
what the writer does across the site - a new post its way, renaming a tag, the pre-publish
check of every post, git's view of each post.

Nothing slow runs here: reading posts, git and the site check go to a :class:`Runner`, which
the GUI backs with worker processes (so typing never waits for them) and tests with a
synchronous one. Its results come back on the caller's thread; listeners are told what
changed ("posts", "progress", "git", "findings", "rename").
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from editor.core import git, siteindex
from editor.core.errors import PostError
from editor.core.findings import Finding
from editor.core.newpost import EXAMPLES, NewPostPlan, plan_site_post
from editor.core.post import Post
from editor.core.site import Site, Vocabulary
from editor.core.sitecheck import SiteReport, check_site
from editor.core.siteindex import PostSummary, SiteIndex, Stamp
from editor.core.target import Target
from editor.core.vocabulary import (
    BatchResult,
    RenamePlan,
    TermCounts,
    TermKind,
    apply_edits,
    plan_rename,
    undo_edits,
)

T = TypeVar("T")
Change = Literal["posts", "progress", "vocabulary", "git", "findings", "rename", "error"]
Listener = Callable[[Change], None]
SortKey = Literal["date", "title", "state", "tags", "git"]
#: posts read per job in the first scan: the list fills in steps this big
CHUNK = 1250


class Runner(Protocol):
    """Runs ``job(*args)`` away from the caller's thread; ``done(result)`` or
    ``failed(message)`` is called back on the caller's thread."""

    def submit(
        self,
        job: Callable[..., T],
        *args: Any,
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None: ...


class SyncRunner:
    """A runner that runs each job at once (commands, tests)."""

    def submit(
        self,
        job: Callable[..., T],
        *args: Any,
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``job`` now and call back."""
        try:
            result = job(*args)
        except Exception as exc:  # noqa: BLE001 - a failed job is reported, never raised here
            if failed is not None:
                failed(f"{type(exc).__name__}: {exc}")
            return
        done(result)


@dataclass(frozen=True)
class PostFilter:
    """What the post list shows: text in the title or path, a tag, a category, a state."""

    text: str = ""
    tag: str | None = None
    category: str | None = None
    #: "draft", "scheduled", "published", "broken", or "changed" (git sees a change)
    state: str | None = None


def _by_rel(summary: PostSummary) -> str:
    return summary.rel


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class OpenSite:
    """One site opened in the workspace."""

    def __init__(
        self,
        site: Site,
        runner: Runner,
        *,
        cache_dir: Path | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.site = site
        self.runner = runner
        self.cache_dir = cache_dir
        self._now = now or (lambda: dt.datetime.now().astimezone())
        self.index = SiteIndex()
        self.git_top: Path | None = None
        self.git_status: git.Status | None = None
        self.report: SiteReport | None = None
        self.checking = False
        #: posts read so far in the scan under way, and how many it reads in all
        self.progress: tuple[int, int] = (0, 0)
        self.scanning = False
        self.error = ""
        self._listeners: list[Listener] = []
        self._pending_refresh = False
        self._counts: TermCounts | None = None
        self._closed = False
        #: renames written, newest last: each can be undone while its files are unchanged
        self.renames: list[RenamePlan] = []
        self._cache_thread: threading.Thread | None = None

    # ------------------------------------------------------------------ identity

    @property
    def root(self) -> Path:
        """The site's folder."""
        return self.site.root

    @property
    def label(self) -> str:
        """ "blog (Hugo)" for titles."""
        return f"{self.root.name} ({Target('site', self.site).label.removesuffix(' site')})"

    def owns(self, path: Path | None) -> bool:
        """Whether ``path`` lies in this site's folder."""
        return path is not None and self.rel(path) is not None

    def rel(self, path: Path) -> str | None:
        """``path`` relative to the site's folder, as the index names posts."""
        if path.is_absolute() and path.is_relative_to(self.root) and ".." not in path.parts:
            return path.relative_to(self.root).as_posix()  # the list's own paths: no lookups
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (OSError, ValueError):
            return None

    def path(self, rel: str) -> Path:
        """The file of the post ``rel``."""
        return self.root / rel

    # ------------------------------------------------------------------ listeners

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(change)`` whenever something changes."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tell(self, change: Change) -> None:
        if self._closed:
            return
        for listener in list(self._listeners):
            listener(change)

    # ------------------------------------------------------------------ scanning

    def start(self) -> None:
        """Show the cached summaries now, then compare them with the disk in the background
        and read what is new or changed; then ask git."""
        if self.cache_dir is not None:
            self.index = siteindex.load_cache(self.cache_dir, self.site)
            if len(self.index):
                self._counts = None
                self._tell("posts")
        self.refresh()
        self.runner.submit(git.repository, self.root, done=self._found_repository, failed=None)

    def _found_repository(self, top: Path | None) -> None:
        self.git_top = top
        self.refresh_git()

    def refresh(self) -> None:
        """Look at the disk again (a folder changed, or it is time to look)."""
        if self._closed:
            return
        if self.scanning:
            self._pending_refresh = True
            return
        self.scanning = True
        self.runner.submit(siteindex.list_posts, self.site, done=self._listed, failed=self._failed)

    def _failed(self, message: str) -> None:
        self.scanning = False
        self.error = message
        self._tell("error")

    def _listed(self, on_disk: dict[str, Stamp]) -> None:
        if self._closed:
            return
        changes = self.index.changes(on_disk)
        if changes.removed:
            self.index.remove(changes.removed)
            self._counts = None
            self._tell("posts")
        # the most recently touched files first: most likely the top of a newest-first list
        to_read = sorted(changes.to_read, key=lambda item: -item[1].mtime_ns)
        if not to_read:
            self._scan_done(changed=bool(changes.removed))
            return
        chunks = [to_read[i : i + CHUNK] for i in range(0, len(to_read), CHUNK)]
        self.progress = (0, len(to_read))
        waiting = len(chunks)
        self._tell("progress")

        def read(summaries: list[PostSummary]) -> None:
            nonlocal waiting
            waiting -= 1
            if self._closed:
                return
            self.index.update(summaries)
            self._counts = None
            done, total = self.progress
            self.progress = (done + len(summaries), total)
            self._tell("posts")
            if waiting == 0:
                self._scan_done(changed=True)

        def failed(message: str) -> None:
            nonlocal waiting
            waiting -= 1
            self.error = message
            self._tell("error")
            if waiting == 0:
                self._scan_done(changed=True)

        for chunk in chunks:
            self.runner.submit(siteindex.read_summaries, self.site, chunk, done=read, failed=failed)

    def _scan_done(self, *, changed: bool) -> None:
        self.scanning = False
        self.progress = (0, 0)
        self._tell("progress")
        if changed:
            self._tell("vocabulary")
        if changed and self.cache_dir is not None:
            self._save_cache()
        self.refresh_git()
        if self._pending_refresh:
            self._pending_refresh = False
            self.refresh()

    def _save_cache(self) -> None:
        """Write the cache off this thread (it only saves time: the list is right without it)."""
        folder = self.cache_dir
        if folder is None:
            return
        snapshot = SiteIndex(dict(self.index.posts))

        def save() -> None:
            with contextlib.suppress(OSError):
                siteindex.save_cache(folder, self.site, snapshot)

        if self._cache_thread is not None:
            self._cache_thread.join()
        self._cache_thread = threading.Thread(target=save, name="postwright-site-cache")
        self._cache_thread.start()

    def wait_for_cache(self) -> None:
        """Wait until the cache is written (tests, closing)."""
        if self._cache_thread is not None:
            self._cache_thread.join()

    def refresh_paths(self, paths: Iterable[Path]) -> None:
        """Read these posts again now (they were saved or created here)."""
        stamps: list[tuple[str, Stamp]] = []
        removed: list[str] = []
        for path in paths:
            rel = self.rel(path)
            if rel is None:
                continue
            try:
                stamps.append((rel, Stamp.of(self.root / rel)))
            except OSError:
                removed.append(rel)
        if removed:
            self.index.remove(removed)
            self._counts = None
            self._tell("posts")
        if stamps:
            self.runner.submit(
                siteindex.read_summaries, self.site, stamps, done=self._read_some, failed=None
            )
        self.refresh_git()

    def _read_some(self, summaries: list[PostSummary]) -> None:
        if self._closed:
            return
        before = self.vocabulary()
        self.index.update(summaries)
        self._counts = None
        self._tell("posts")
        if self.vocabulary() != before:
            self._tell("vocabulary")

    # ------------------------------------------------------------------ git

    def refresh_git(self) -> None:
        """Ask git for the state of the site's posts (nothing when it is no repository)."""
        top = self.git_top
        if top is None or self._closed:
            return
        folders = []
        for folder in siteindex.post_folders(self.site):
            absolute = self.root / folder
            if absolute.is_dir() and absolute.resolve().is_relative_to(top):
                folders.append(absolute.resolve().relative_to(top).as_posix() or ".")
        self.runner.submit(git.status, top, folders, done=self._git_done, failed=self._git_failed)

    def _git_done(self, status: git.Status) -> None:
        if status != self.git_status:
            self.git_status = status
            self._tell("git")

    def _git_failed(self, message: str) -> None:
        self.error = f"git: {message}"
        self._tell("error")

    def git_state(self, rel: str) -> git.GitState | None:
        """git's state of the post ``rel``: new, modified, staged...; None when committed as it
        is or when the site is no repository."""
        if self.git_status is None:
            return None
        return self.git_status.state(self.root / rel)

    def diff(self, path: Path) -> str:
        """The post's diff against the last commit."""
        if self.git_top is None:
            raise git.GitError("the site is not a git repository")
        return git.diff_head(self.git_top, path)

    def commit(self, paths: Sequence[Path], message: str) -> str:
        """Commit these posts (only them) with ``message``; git's summary of the commit."""
        if self.git_top is None:
            raise git.GitError("the site is not a git repository")
        summary = git.commit(self.git_top, paths, message)
        self.refresh_git()
        return summary

    # ------------------------------------------------------------------ the list

    def counts(self) -> TermCounts:
        """How many posts use each tag, category and author."""
        if self._counts is None:
            self._counts = TermCounts.of(s for s in self.index.posts.values() if s.error is None)
        return self._counts

    def vocabulary(self) -> Vocabulary:
        """The site's terms, most used first, for the form's completion."""
        return self.counts().vocabulary()

    def target_site(self, site: Site) -> Site:
        """``site`` (this one, as a post's target found it) with the vocabulary of the index."""
        return dataclasses.replace(site, vocabulary=self.vocabulary())

    def state(self, summary: PostSummary) -> str:
        """The state the list shows: draft, scheduled, published or broken."""
        return summary.state(self._now())

    def states(self, summaries: Iterable[PostSummary]) -> dict[str, str]:
        """:meth:`state` of each of ``summaries``, by site-relative path."""
        now = self._now()
        return {summary.rel: summary.state(now) for summary in summaries}

    def rows(
        self, view: PostFilter | None = None, sort: SortKey = "date", *, descending: bool = True
    ) -> list[PostSummary]:
        """The posts ``view`` lets through, newest first (or by ``sort``)."""
        view = view or PostFilter()
        now = self._now()
        text = _folded(view.text.strip())
        out: list[PostSummary] = []
        for summary in self.index.posts.values():
            if text and text not in _folded(summary.title) and text not in _folded(summary.rel):
                continue
            if view.tag is not None and view.tag not in summary.tags:
                continue
            if view.category is not None and view.category not in summary.categories:
                continue
            if view.state == "changed":
                if self.git_state(summary.rel) is None:
                    continue
            elif view.state is not None and summary.state(now) != view.state:
                continue
            out.append(summary)
        if sort == "date":  # the common case, in two stable sorts without a tuple a row
            out.sort(key=_by_rel, reverse=descending)
            out.sort(key=PostSummary.when, reverse=descending)
            return out
        keys: dict[str, Callable[[PostSummary], Any]] = {
            "title": lambda s: (_folded(s.title), s.rel),
            "state": lambda s: (s.state(now), -s.when()),
            "tags": lambda s: (", ".join(s.tags).casefold(), s.rel),
            "git": lambda s: (self.git_state(s.rel) or "", -s.when()),
        }
        out.sort(key=keys[sort], reverse=descending)
        return out

    # ------------------------------------------------------------------ new posts

    def examples(self, count: int = EXAMPLES) -> tuple[list[str], list[Post]]:
        """The site-relative paths of its posts, newest first, and the newest few, read."""
        rels = [s.rel for s in self.index.newest_first() if s.error is None]
        posts: list[Post] = []
        for rel in rels[:count]:
            try:
                post = siteindex.read_post(self.path(rel))
            except PostError:
                continue
            if post.error is None:
                posts.append(post)
        return rels, posts

    def plan_post(self, title: str, target: Target) -> NewPostPlan:
        """Where and how a new post titled ``title`` would be created (nothing is written)."""
        rels, posts = self.examples()
        return plan_site_post(target, title, rels=rels, examples=posts, now=self._now())

    def create_post(self, plan: NewPostPlan) -> Path:
        """Write the planned post; never over an existing file (raises PostError)."""
        path = plan.path
        if not path.resolve().is_relative_to(self.root):
            raise PostError("the new post would land outside the site's folder", path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                handle.write(plan.text.encode("utf-8"))
        except FileExistsError:
            raise PostError(
                "a file of that name exists already: choose another title", path
            ) from None
        except OSError as exc:
            raise PostError(f"the post cannot be written: {exc.strerror or exc}", path) from None
        self.refresh_paths([path])
        return path

    # ------------------------------------------------------------------ renaming terms

    def posts_with(self, kind: TermKind, term: str) -> list[Path]:
        """The files of the posts whose ``kind`` holds ``term``."""
        return [self.path(s.rel) for s in self.index.newest_first() if term in getattr(s, kind)]

    def plan_rename(
        self,
        kind: TermKind,
        old: str,
        new: str,
        done: Callable[[RenamePlan], None],
        *,
        leave_out: Iterable[Path] = (),
    ) -> None:
        """Work out (in the background) the edits renaming ``old`` to ``new``; ``done(plan)``.
        Posts in ``leave_out`` (open with unsaved edits) are skipped, saying why."""
        skipped = {path.resolve() for path in leave_out}
        paths = [path for path in self.posts_with(kind, old) if path.resolve() not in skipped]

        def planned(plan: RenamePlan) -> None:
            plan.skipped.extend(
                (path, "open with unsaved edits: save or close it first")
                for path in self.posts_with(kind, old)
                if path.resolve() in skipped
            )
            done(plan)

        self.runner.submit(plan_rename, paths, kind, old, new, done=planned, failed=self._failed)

    def apply_rename(self, plan: RenamePlan) -> BatchResult:
        """Write the plan's edits (each only if its file is as previewed); it can be undone."""
        result = apply_edits(plan.edits)
        if result.written:
            self.renames.append(dataclasses.replace(plan, edits=list(result.written)))
        self.refresh_paths(edit.path for edit in result.written)
        self._tell("rename")
        return result

    def undo_rename(self) -> BatchResult:
        """Put back the files of the last rename that have not changed since."""
        if not self.renames:
            return BatchResult()
        plan = self.renames.pop()
        result = undo_edits(plan.edits)
        self.refresh_paths(edit.path for edit in plan.edits)
        self._tell("rename")
        return result

    # ------------------------------------------------------------------ the site check

    def check(self) -> None:
        """Check every post of the site in the background; listeners hear "findings"."""
        if self.checking:
            return
        self.checking = True
        self._tell("findings")
        self.runner.submit(check_site, self.site, done=self._checked, failed=self._check_failed)

    def _checked(self, report: SiteReport) -> None:
        self.checking = False
        self.report = report
        self._tell("findings")

    def _check_failed(self, message: str) -> None:
        self.checking = False
        self.error = f"the site check failed: {message}"
        self._tell("findings")

    @property
    def findings(self) -> list[Finding]:
        """What the last site check found (empty before the first)."""
        return list(self.report.findings) if self.report is not None else []

    def close(self) -> None:
        """The site is closed: later results are dropped."""
        self._closed = True
        self._listeners.clear()
        self.wait_for_cache()


__all__ = ["OpenSite", "PostFilter", "Runner", "SyncRunner"]
