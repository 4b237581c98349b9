"""A document driven without Qt: a fake window that holds the text as a string, timers a test
runs out by hand, a clock it moves, and the real renderer behind a synchronous service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from editor.app.document import ConflictAnswer, Document, NoticeKind, TimerName, UnsavedAnswer
from editor.app.textmode import TextMode
from editor.app.workspace import Workspace
from editor.core.journal import Journal
from editor.core.post import Post
from editor.core.render import Renderer, RenderOptions, RenderResult
from editor.core.settings import Settings
from editor.core.target import Target


@dataclass
class FakeView:
    """The window as the document sees it; what a writer would see is kept in fields."""

    text: str = ""
    modified: bool = False
    cursor_line: int = 0
    statuses: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    notice: tuple[NoticeKind, str] | None = None
    edit_problem: str = ""
    form_post: Post | None = None
    preview: RenderResult | None = None
    target: Target | None = None
    title: str = ""
    mode: TextMode = field(default_factory=TextMode)
    save_path: Path | None = None
    unsaved_answer: UnsavedAnswer = "cancel"
    conflict_answer: ConflictAnswer = "cancel"
    document: Document | None = None

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer:
        return self.unsaved_answer

    def ask_save_path(self, suggested: Path) -> Path | None:
        return self.save_path

    def ask_changed_on_disk(self, name: str) -> ConflictAnswer:
        return self.conflict_answer

    def show_error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def show_disk_notice(self, kind: NoticeKind, message: str) -> None:
        self.notice = (kind, message)

    def hide_disk_notice(self) -> None:
        self.notice = None

    def show_compare(self, name: str, disk_text: str, mine: str) -> None:
        self.statuses.append(f"compare {name}")

    def set_text_mode(self, mode: TextMode) -> None:
        self.mode = mode

    def show_status(self, message: str) -> None:
        self.statuses.append(message)

    def show_edit_problem(self, message: str) -> None:
        self.edit_problem = message

    def editor_text(self) -> str:
        return self.text

    def set_editor_text(self, text: str) -> None:
        self.text = text

    def replace_editor_text(self, old: str, new: str) -> None:
        self.type(new)

    def editor_cursor_line(self) -> int:
        return self.cursor_line

    def editor_size(self) -> int:
        return len(self.text) + 1

    def is_modified(self) -> bool:
        return self.modified

    def set_modified(self, modified: bool) -> None:
        self.modified = modified

    def set_document_state(self, name: str, path: Path | None) -> None:
        self.title = name

    def show_post(self, post: Post) -> None:
        self.form_post = post

    def show_render(self, result: RenderResult) -> None:
        self.preview = result

    def preview_base_changed(self, folder: Path | None) -> None:
        pass

    def commit_form_edits(self) -> None:
        pass

    def show_target(self, target: Target) -> None:
        self.target = target

    # ---------------------------------------------------------------- what the writer does

    def type(self, text: str) -> None:
        """The buffer becomes ``text`` as by typing: modified, and the document is told."""
        self.text = text
        self.modified = True
        assert self.document is not None
        self.document.text_changed()


class FakeTimers:
    """Timers that run out when the test says so (``fire``) or when the clock passes them."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.due: dict[TimerName, float] = {}
        self.document: Document | None = None

    def start(self, name: TimerName, ms: int) -> None:
        self.due[name] = self.clock.now + ms / 1000

    def stop(self, name: TimerName) -> None:
        self.due.pop(name, None)

    def active(self, name: TimerName) -> bool:
        return name in self.due

    def fire(self, name: TimerName) -> None:
        assert self.document is not None
        self.due.pop(name, None)
        self.document.timer_fired(name)

    def advance(self, seconds: float) -> None:
        """Move the clock, running out every timer that falls due on the way, in order."""
        end = self.clock.now + seconds
        while True:
            pending = [(when, name) for name, when in self.due.items() if when <= end]
            if not pending:
                break
            when, name = min(pending)
            self.clock.now = max(self.clock.now, when)
            self.fire(name)
        self.clock.now = end


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class SyncRenders:
    """The real renderer, answering at once."""

    busy = False

    def __init__(self) -> None:
        self.renderer = Renderer()
        self.document: Document | None = None
        self.options: list[RenderOptions] = []

    def request(self, text: str, path: Path | None, options: RenderOptions) -> None:
        self.options.append(options)
        if options != self.renderer.options:
            self.renderer = Renderer(options)
        assert self.document is not None
        self.document.rendered(self.renderer.render(Post.from_text(text, path)))

    def show_notice(self, result: RenderResult) -> None:
        assert self.document is not None
        self.document.rendered(result)


class NoWatcher:
    def __init__(self) -> None:
        self.path: Path | None = None

    def watch(self, path: Path | None) -> None:
        self.path = path

    def rewatch(self) -> None:
        pass

    def stop(self) -> None:
        self.path = None


@dataclass
class Rig:
    document: Document
    view: FakeView
    timers: FakeTimers
    renders: SyncRenders
    workspace: Workspace

    def entry(self) -> str | None:
        """The journal entry's text once the writes asked for so far are done."""
        self.workspace.journal_writer.flush()
        found = self.workspace.journal.read(self.document.doc_id)
        return found.text if found is not None else None


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    workspace = Workspace(Settings(), journal=Journal(tmp_path / "journal"), persist=None)
    view = FakeView()
    clock = FakeClock()
    timers = FakeTimers(clock)
    renders = SyncRenders()
    document = Document(
        workspace, view, timers=timers, renders=renders, watcher=NoWatcher(), clock=clock
    )
    view.document = timers.document = renders.document = document
    yield Rig(document, view, timers, renders, workspace)
    workspace.close()
