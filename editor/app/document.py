"""One open post: its file, its recovery journal entry, changes on disk, its text mode and its
target - the decisions behind a window, without Qt.

The GUI gives a document a :class:`View` (the window, which lays out widgets and asks the
writer questions), :class:`Timers`, a :class:`Renders` service and a :class:`Watcher` for the
file; tests give it fakes of the same protocols. Features attach through
:class:`~editor.app.features.Feature`.

Never losing a word is decided here:

- the buffer goes to the recovery journal shortly after the first unsaved change, at least
  every second while edits keep coming, and shortly after typing pauses
  (:data:`JOURNAL_FIRST_MS`, :data:`JOURNAL_EVERY_MS`, :data:`JOURNAL_PAUSE_MS`), and when the
  window loses focus; the writes run off the typing thread; a clean save or close clears the
  entry, a failed save keeps it;
- a change on disk reloads an unedited buffer in place (cursor and scroll stay) and asks,
  without a modal dialog, about an edited one; a deleted file leaves the buffer modified;
- a file changed on disk since it was loaded is never overwritten without asking.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from editor.app.features import Feature
from editor.app.textmode import LARGE_POST_CHARS, TextMode, text_mode
from editor.core import excerpt
from editor.core.disk import DiskState
from editor.core.errors import PostError
from editor.core.journal import Journal, JournalEntry, new_document_id
from editor.core.newpost import new_post_text
from editor.core.post import Post
from editor.core.render import RenderOptions, RenderResult
from editor.core.render.guard import notice_result
from editor.core.session import ChangedOnDiskError, DocumentSession, ReadOnlyError
from editor.core.settings import Settings
from editor.core.slug import make_slug
from editor.core.target import NO_TARGET, Target, TargetChoice

if TYPE_CHECKING:
    from editor.app.workspace import Workspace

UnsavedAnswer = Literal["save", "discard", "cancel"]
ConflictAnswer = Literal["overwrite", "reload", "cancel"]
NoticeKind = Literal["changed", "deleted", "unreadable"]
TimerName = Literal["post", "journal", "journal-check"]
TIMER_NAMES: tuple[TimerName, ...] = ("post", "journal", "journal-check")

#: the journal is written this long after the first unsaved change...
JOURNAL_FIRST_MS = 200
#: ...then at least this often while edits keep coming...
JOURNAL_EVERY_MS = 1000
#: ...and this long after the last key when typing pauses
JOURNAL_PAUSE_MS = 120
#: after this pause in typing the form, the outline's features and the checks see the post
POST_PAUSE_MS = 250


class View(Protocol):
    """What a document asks of its window."""

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer: ...
    def ask_save_path(self, suggested: Path) -> Path | None: ...
    def ask_changed_on_disk(self, name: str) -> ConflictAnswer: ...
    def show_error(self, title: str, message: str) -> None: ...
    def show_disk_notice(self, kind: NoticeKind, message: str) -> None: ...
    def hide_disk_notice(self) -> None: ...
    def show_compare(self, name: str, disk_text: str, mine: str) -> None: ...
    def set_text_mode(self, mode: TextMode) -> None: ...
    def show_status(self, message: str) -> None: ...
    def show_edit_problem(self, message: str) -> None: ...
    def editor_text(self) -> str: ...
    def set_editor_text(self, text: str) -> None: ...
    def replace_editor_text(self, old: str, new: str) -> None: ...
    def editor_cursor_line(self) -> int: ...
    def editor_size(self) -> int: ...
    def is_modified(self) -> bool: ...
    def set_modified(self, modified: bool) -> None: ...
    def set_document_state(self, name: str, path: Path | None) -> None: ...
    def show_post(self, post: Post) -> None: ...
    def show_render(self, result: RenderResult) -> None: ...
    def preview_base_changed(self, folder: Path | None) -> None: ...
    def commit_form_edits(self) -> None: ...
    def show_target(self, target: Target) -> None: ...


class Timers(Protocol):
    """Named single-shot timers; when one runs out, :meth:`Document.timer_fired` is called."""

    def start(self, name: TimerName, ms: int) -> None: ...
    def stop(self, name: TimerName) -> None: ...
    def active(self, name: TimerName) -> bool: ...


class Renders(Protocol):
    """The preview's render service; results come back to :meth:`Document.rendered`."""

    @property
    def busy(self) -> bool:
        """Whether a requested render has not arrived yet."""
        ...

    def request(self, text: str, path: Path | None, options: RenderOptions) -> None: ...
    def show_notice(self, result: RenderResult) -> None: ...


class Watcher(Protocol):
    """Watches the post's file; a change calls :meth:`Document.check_disk`."""

    def watch(self, path: Path | None) -> None: ...
    def rewatch(self) -> None: ...
    def stop(self) -> None: ...


class Document:
    """One open post and everything decided about it."""

    def __init__(
        self,
        workspace: Workspace,
        view: View,
        *,
        timers: Timers,
        renders: Renders,
        watcher: Watcher,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workspace = workspace
        self.view = view
        self.timers = timers
        self.renders = renders
        self.watcher = watcher
        self._clock = clock
        self.session = DocumentSession()
        #: this document's id in the journal (a new one for every post the window opens)
        self.doc_id = new_document_id()
        self.mode = TextMode()
        self.target: Target = NO_TARGET
        #: the writer's choice of site for an untitled post (a saved one keeps it in settings)
        self._choice: TargetChoice | None = None
        self.post: Post = Post.from_text("")
        self.features: list[Feature] = []
        self._journal_dirty = False
        self._journal_entry = False  # an entry was asked for and not cleared since
        self._journal_last = -1e9  # when the last write was asked for (clock seconds)
        self._journal_due: float | None = None  # the latest time the next write may happen
        self._journal_failed = False
        self._disk_notice: str | None = None  # the disk state the writer was last told about
        self._preview_notice = False
        self._render_again = False  # edits came while a render was on its way
        workspace.add(self)

    # ------------------------------------------------------------------ state

    @property
    def settings(self) -> Settings:
        """The shared settings."""
        return self.workspace.settings

    @property
    def journal(self) -> Journal:
        """The shared recovery journal."""
        return self.workspace.journal

    @property
    def path(self) -> Path | None:
        """The post's file, None while untitled."""
        return self.session.path

    @property
    def name(self) -> str:
        """The file name shown in the title bar."""
        return self.session.path.name if self.session.path else "Untitled"

    def is_modified(self) -> bool:
        """Whether the buffer has edits not saved to its file."""
        return self.view.is_modified()

    def options(self) -> RenderOptions:
        """Render options: the settings' remote images and the target's separators."""
        return self.target.render_options(allow_remote_images=self.settings.allow_remote_images)

    # ------------------------------------------------------------------ features

    def attach(self, feature: Feature) -> None:
        """Let ``feature`` follow this document from now on."""
        self.features.append(feature)
        feature.attach(self)
        feature.target_changed(self.target)
        feature.post_changed(self.post)

    def _tell_post(self) -> None:
        for feature in self.features:
            feature.post_changed(self.post)

    # ------------------------------------------------------------------ timers

    def timer_fired(self, name: TimerName) -> None:
        """One of the document's timers ran out."""
        if name == "post":
            self.refresh_post()
        elif name == "journal":
            self.journal_now()
        elif name == "journal-check":
            self._journal_outcome()

    def shutdown(self) -> None:
        """Stop pending work (the window is closing)."""
        for name in TIMER_NAMES:
            self.timers.stop(name)
        self.watcher.stop()

    def close_document(self) -> None:
        """The window closes after its edits were saved or discarded: clear the journal."""
        self._clear_journal()
        self.shutdown()
        self.workspace.journal_writer.flush()
        self.workspace.remove(self)

    # ------------------------------------------------------------------ text changes

    def text_changed(self) -> None:
        """The editor's text changed (typing, undo, a form edit, a load).

        This runs on every keystroke: the render starts at once, or - when one is on its way -
        right after it arrives, with the text as it is then (so the text is not copied out of
        the editor for every key while a render runs); the form and the checks wait for a
        pause; the journal is written shortly after the first change and then at least every
        second.
        """
        if self.renders.busy and self.mode.live_preview:
            self._render_again = True
        else:
            self.render_now()
        self.timers.start("post", POST_PAUSE_MS)
        self._journal_dirty = True
        now = self._clock()
        if self._journal_due is None:  # the first change since the last write
            if now - self._journal_last >= JOURNAL_EVERY_MS / 1000:
                self._journal_due = now + JOURNAL_FIRST_MS / 1000
            else:
                self._journal_due = self._journal_last + JOURNAL_EVERY_MS / 1000
        delay = min(self._journal_due - now, JOURNAL_PAUSE_MS / 1000)
        self.timers.start("journal", max(0, round(delay * 1000)))

    def render_now(self) -> None:
        """Render the current text; a notice instead for a post too large for a live preview."""
        size = self.view.editor_size()
        if not self.mode.live_preview or size > LARGE_POST_CHARS:
            if not self._preview_notice:
                self._preview_notice = True
                self.renders.show_notice(
                    notice_result(
                        "Live preview off for this post",
                        f"It is {size:,} characters long; the live preview follows posts up "
                        f"to {LARGE_POST_CHARS:,} characters, so that typing stays fast.",
                        path=self.session.path,
                    )
                )
            return
        self._preview_notice = False
        self._render_again = False
        self.renders.request(self.view.editor_text(), self.session.path, self.options())

    def rendered(self, result: RenderResult) -> None:
        """A render arrived from the service."""
        if self._render_again and not self.renders.busy:
            self.render_now()  # the edits made while it was on its way
        self.view.show_render(result)
        for feature in self.features:
            feature.rendered(result)

    def refresh_post(self) -> None:
        """Parse the text again and show it in the form and to the features."""
        self.timers.stop("post")
        self.post = Post.from_text(self.view.editor_text(), self.session.path)
        self.view.show_post(self.post)
        self._tell_post()

    def current_post(self) -> Post:
        """The post as the buffer holds it now (edits still pending in the form included)."""
        self.view.commit_form_edits()
        return Post.from_text(self.view.editor_text(), self.session.path)

    def set_text_mode(self, mode: TextMode) -> None:
        """Use ``mode`` (the window saw a hostile line typed or pasted)."""
        self.mode = mode
        self.view.set_text_mode(mode)
        if mode.reason:
            self.view.show_status(mode.reason)

    # ------------------------------------------------------------------ form edits

    def set_value(self, key: str, value: object) -> None:
        """A form field changed: rewrite only that key's lines, as one undoable edit."""
        self._edit(lambda post: post.with_value(key, value))

    def remove_value(self, key: str) -> None:
        """A form field was cleared: remove the key's lines."""
        self._edit(lambda post: post.without(key))

    def _edit(self, change: Callable[[Post], Post]) -> None:
        text = self.view.editor_text()
        post = Post.from_text(text, self.session.path)
        try:
            edited = change(post)
        except PostError as exc:
            self._edit_failed(exc.message)
            return
        except (ValueError, TypeError, RecursionError) as exc:  # a value the library refused
            self._edit_failed(f"the front matter cannot take this value ({exc})")
            return
        if edited.text != text:
            self.view.replace_editor_text(text, edited.text)

    def _edit_failed(self, message: str) -> None:
        # the form shows what the text holds again, and says why the edit did not happen
        self.view.show_edit_problem(f"Not changed: {message}")
        self.refresh_post()

    # ------------------------------------------------------------------ target and excerpt

    def choose_target(self, choice: TargetChoice | None) -> None:
        """The writer chose a site for this post (None: forget the choice)."""
        path = self.session.path
        if path is None:
            self._choice = choice
        else:
            self.workspace.remember_choice(path, choice)
            message = self.workspace.save_settings()
            if message:
                self.view.show_status(message)
        self.resolve_target()
        if self.target.kind == "site" and choice is not None:
            self.view.show_status(
                f"{self.name} lives in a {self.target.label}: that site's rules apply"
            )

    def choose_generator(self, generator: str | None) -> None:
        """Read the post's site as ``generator``'s (its files look like several)."""
        root = self.target.root
        if root is None or self.target.kind != "site":
            self.choose_target(TargetChoice(None, generator) if generator else None)
            return
        self.workspace.choose_generator(root, generator)
        message = self.workspace.save_settings()
        if message:
            self.view.show_status(message)
        self.resolve_target()

    def resolve_target(self) -> None:
        """Find the post's target again (it was opened, saved elsewhere, or a choice changed)."""
        choice = self._choice if self.session.path is None else None
        target = self.workspace.target_for(self.session.path, choice)
        changed = target != self.target
        self.target = target
        self.view.show_target(target)
        if changed:
            for feature in self.features:
                feature.target_changed(target)
            self.render_now()

    def insert_excerpt_marker(self) -> None:
        """Put the marker at the block boundary after the cursor, moving any existing one, in
        the form the post's site reads."""
        text = self.view.editor_text()
        post = Post.from_text(text, self.session.path)
        body_line = self.view.editor_cursor_line() - (post.body_line - 1)
        body = excerpt.insert_marker(
            post.body, max(body_line, 0), self.target.marker, self.target.separators
        )
        new_text = text[: post.body_offset] + body
        if new_text != text:
            self.view.replace_editor_text(text, new_text)
        self.view.show_status(f"Excerpt marker placed ({self.target.marker})")

    # ------------------------------------------------------------------ files

    def maybe_keep_edits(self) -> bool:
        """Ask about unsaved edits; True when it is fine to drop the buffer now."""
        self.view.commit_form_edits()
        if not self.is_modified():
            return True
        answer = self.view.ask_unsaved_changes(self.name)
        if answer == "cancel":
            return False
        if answer == "save":
            return self.save()
        return True

    def open_path(self, path: Path) -> bool:
        """Open ``path`` (after asking about unsaved edits). False when nothing was opened."""
        if not self.maybe_keep_edits():
            return False
        session = DocumentSession()
        try:
            text = session.load(path)
        except PostError as exc:
            self.view.show_error("Cannot open the post", str(exc))
            return False
        self._load(session, text)
        self.workspace.post_opened(path)
        self.settings.add_recent(path)
        self._save_settings()
        return True

    def new_document(self) -> bool:
        """Start an untitled post from the template."""
        if not self.maybe_keep_edits():
            return False
        self._choice = None
        self._load(DocumentSession(), new_post_text("Untitled post"))
        return True

    def _load(self, session: DocumentSession, text: str, *, modified: bool = False) -> None:
        # the previous document was saved or discarded (or is being replaced by its own file)
        self._clear_journal()
        self.doc_id = new_document_id()
        self.session = session
        mode = text_mode(text)
        if mode != self.mode:
            # empty the editor first: re-wrapping and re-colouring the old text in the new
            # mode (a 1 MB line word-wrapped again) would take Qt half a minute
            self.view.set_editor_text("")
            self.mode = mode
            self.view.set_text_mode(mode)
        self._forget_disk_notice()
        folder = session.path.parent if session.path else None
        self.view.preview_base_changed(folder)
        self.target = NO_TARGET
        self.resolve_target_quietly()
        self.view.set_editor_text(text)
        self.view.set_modified(modified)
        self.refresh_post()
        self.view.set_document_state(self.name, self.session.path)
        self._preview_notice = False
        self.render_now()
        self.watcher.watch(session.path)
        if self.mode.reason:
            self.view.show_status(self.mode.reason)
        if modified:
            self._journal_dirty = True
            self.journal_now()

    def resolve_target_quietly(self) -> None:
        """Resolve the target without rendering (a load renders once, afterwards)."""
        choice = self._choice if self.session.path is None else None
        self.target = self.workspace.target_for(self.session.path, choice)
        self.view.show_target(self.target)
        for feature in self.features:
            feature.target_changed(self.target)

    def reload(self) -> bool:
        """Read the file again in place of the buffer's edits.

        The swap is one undoable edit that keeps the cursor and the scroll position, so Undo
        brings the edits back. False (and the buffer untouched) when the file cannot be read.
        """
        path = self.session.path
        if path is None:
            return False
        session = DocumentSession()
        try:
            text = session.load(path)
        except PostError as exc:
            self._tell_unreadable(exc)
            return False
        if text_mode(text) != self.mode:  # the new text needs another mode: load it afresh
            self._load(session, text)
            return True
        self.session = session
        self.view.replace_editor_text(self.view.editor_text(), text)
        self.view.set_modified(False)
        self._clear_journal()
        self._forget_disk_notice()
        self.refresh_post()
        self.view.set_document_state(self.name, self.session.path)
        self.render_now()
        self.watcher.rewatch()
        return True

    def restore_entry(self, entry: JournalEntry) -> bool:
        """Open a journal entry's text here, marked modified, on the entry's path.

        When the file changed on disk since the edits began, the first save asks before it
        overwrites. The old entry is deleted once this document's own entry holds the text.
        """
        if not self.maybe_keep_edits():
            return False
        session = DocumentSession()
        if entry.path is not None:
            try:
                session.load(entry.path)
            except PostError:
                session = DocumentSession()
                session.path = entry.path
                if entry.path.exists():
                    # unreadable now: whatever is there is not what the edits began from
                    session.disk = DiskState(None, None, entry.disk_sha256 or "unknown")
            else:
                assert session.disk is not None
                if entry.disk_sha256 is not None and session.disk.digest != entry.disk_sha256:
                    session.disk = DiskState(None, None, entry.disk_sha256)
        self._load(session, entry.text, modified=True)
        if self.flush_journal() and self.journal.has_entry(self.doc_id):
            self.journal.discard(entry)
        self.view.show_status(f"Restored unsaved text of {entry.title}: save it to keep it")
        return True

    # ------------------------------------------------------------------ the recovery journal

    def journal_now(self) -> None:
        """Ask for the buffer's journal entry now if it has unsaved edits (clear it if not)."""
        self.timers.stop("journal")
        self._journal_due = None
        if not self.is_modified():
            if self._journal_dirty or self._journal_entry:
                self._clear_journal()
            return
        if not self._journal_dirty and self._journal_entry:
            return
        self.workspace.journal_writer.write(
            self.doc_id,
            self.view.editor_text(),
            path=self.session.path,
            disk_sha256=self.session.disk.digest if self.session.disk else None,
            name=self.name,
        )
        self._journal_dirty = False
        self._journal_entry = True
        self._journal_last = self._clock()
        self.timers.start("journal-check", JOURNAL_EVERY_MS)

    def flush_journal(self) -> bool:
        """Wait for the journal's writes; True when the last write of this document worked."""
        self.workspace.journal_writer.flush()
        self._journal_outcome()
        return not self._journal_failed

    def _journal_outcome(self) -> None:
        error = self.workspace.journal_writer.error(self.doc_id)
        if error is not None and not self._journal_failed:
            self._journal_failed = True
            self.view.show_status(
                f"The recovery copy could not be written ({error.strerror or error}): save soon"
            )
            self._journal_dirty = True  # try again with the next edit
        elif error is None and self._journal_failed:
            self._journal_failed = False
            self.view.show_status("The recovery copy is written again")

    def _clear_journal(self) -> None:
        self.timers.stop("journal")
        self._journal_due = None
        self._journal_dirty = False
        if self._journal_entry or self.journal.has_entry(self.doc_id):
            self.workspace.journal_writer.clear(self.doc_id)
        self._journal_entry = False

    def _keep_in_journal(self) -> bool:
        """Make sure the journal holds the buffer (a save failed or was put off)."""
        self._journal_dirty = True
        self.journal_now()
        return self.flush_journal()

    # ------------------------------------------------------------------ changes on disk

    def check_disk(self) -> None:
        """Compare the file on disk with what was loaded, and act on a change.

        Unedited buffer: reload in place. Edited: a bar offers Reload Theirs, Keep Mine and
        Compare. Deleted or moved: the buffer stays, marked modified, and Save As is offered.
        """
        path = self.session.path
        if path is None or self.session.disk is None:
            return
        try:
            changed = self.session.changed_on_disk()
        except OSError:
            return
        if not changed:
            if self._disk_notice is not None:  # it came back as it was
                self._forget_disk_notice()
            return
        try:
            now = DiskState.of(path)
        except OSError:
            return
        key = now.digest or "missing"
        if key == self._disk_notice:
            return  # already told
        if not now.exists:
            self._disk_notice = key
            self.view.set_modified(True)
            self.view.show_disk_notice(
                "deleted",
                f"“{path.name}” was deleted, renamed or moved away on disk. Your text is still "
                "here, not saved: save it again or somewhere else.",
            )
            self.view.show_status(f"{path} is gone from the disk; your text is kept")
            self._journal_dirty = True
            self.journal_now()
            return
        if not self.is_modified():
            if self.reload():
                self.view.show_status(f"Reloaded {path.name}: another program changed it")
            return
        self._disk_notice = key
        self._keep_in_journal()
        self.view.show_disk_notice(
            "changed",
            f"“{path.name}” was changed on disk by another program, and you have unsaved edits "
            "here. Which version do you want?",
        )
        self.view.show_status(f"{path.name} changed on disk; your edits are kept until you choose")

    def _tell_unreadable(self, exc: PostError) -> None:
        path = self.session.path
        name = path.name if path else self.name
        self._disk_notice = "unreadable"
        if path is not None:
            with contextlib.suppress(OSError):
                self._disk_notice = DiskState.of(path).digest or "missing"
        self.view.set_modified(True)
        self.view.show_disk_notice(
            "unreadable",
            f"“{name}” changed on disk and cannot be read any more ({exc.message}). Your text "
            "is still here, not saved.",
        )
        self._journal_dirty = True
        self.journal_now()

    def _forget_disk_notice(self) -> None:
        self._disk_notice = None
        self.view.hide_disk_notice()

    def disk_action(self, action: str) -> None:
        """The writer's answer in the changed-on-disk bar or the compare dialog."""
        path = self.session.path
        if action == "reload":
            self.reload()
        elif action == "keep":
            if path is not None and path.exists():
                # the writer saw theirs and keeps this text: the next save replaces it
                with contextlib.suppress(OSError):
                    self.session.disk = DiskState.of(path)
            self._forget_disk_notice()
            self.view.show_status("Keeping your text: saving replaces the file on disk")
        elif action == "compare":
            self.compare_with_disk()
        elif action == "save_as":
            self.save_as()
        elif action == "save_here":
            self._write(None, overwrite=True)
        elif action == "dismiss":
            self.view.hide_disk_notice()

    def compare_with_disk(self) -> bool:
        """Show what differs between the file on disk and the buffer."""
        path = self.session.path
        if path is None:
            return False
        try:
            theirs = DocumentSession().load(path)
        except PostError as exc:
            self.view.show_status(f"Cannot compare: {exc}")
            return False
        self.view.show_compare(path.name, theirs, self.view.editor_text())
        return True

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save to the post's file (Save As for an untitled one). False when not saved."""
        self.view.commit_form_edits()
        if self.session.path is None:
            return self.save_as()
        return self._write(None, overwrite=False)

    def save_as(self) -> bool:
        """Ask for a file and save there."""
        self.view.commit_form_edits()
        post = Post.from_text(self.view.editor_text())
        folder = self.session.path.parent if self.session.path else Path.home()
        suggested = folder / f"{make_slug(post.title or 'untitled')}.md"
        path = self.view.ask_save_path(suggested)
        if path is None:
            return False
        return self._write(path, overwrite=True)

    def _write(self, path: Path | None, *, overwrite: bool) -> bool:
        text = self.view.editor_text()
        old_path = self.session.path
        old_folder = old_path.parent if old_path else None
        try:
            self.session.save(text, path, overwrite=overwrite)
        except ChangedOnDiskError:
            self._keep_in_journal()
            answer = self.view.ask_changed_on_disk(self.name)
            if answer == "overwrite":
                return self._write(path, overwrite=True)
            if answer == "reload":
                self.reload()
            return False
        except ReadOnlyError as exc:
            kept = self._keep_in_journal()
            self.view.show_error(
                "The post was not saved",
                f"{exc}\n\n{self._kept_words(kept)} Choose another place to save it.",
            )
            return self.save_as()
        except PostError as exc:
            kept = self._keep_in_journal()
            self.view.show_error("The post was not saved", f"{exc}\n\n{self._kept_words(kept)}")
            return False
        self.view.set_modified(False)
        self._clear_journal()
        self._forget_disk_notice()
        self.view.set_document_state(self.name, self.session.path)
        assert self.session.path is not None
        if self.session.path != old_path:
            if old_path is None and self._choice is not None:
                self.workspace.remember_choice(self.session.path, self._choice)
                self._choice = None
            self.watcher.watch(self.session.path)
            self.resolve_target()
        if self.session.path.parent != old_folder:
            self.view.preview_base_changed(self.session.path.parent)
            self.render_now()
        self.workspace.post_saved(self.session.path)
        self.settings.add_recent(self.session.path)
        self._save_settings()
        self.view.show_status(f"Saved {self.session.path}")
        return True

    @staticmethod
    def _kept_words(kept: bool) -> str:
        if kept:
            return "Your text is still here, and a recovery copy is kept until it is saved."
        return (
            "Your text is still here, but the recovery copy could not be written either: "
            "save it to another disk."
        )

    def _save_settings(self) -> None:
        message = self.workspace.save_settings()
        if message:
            self.view.show_status(message)
