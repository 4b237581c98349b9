"""The decisions behind the window: open, save, ask before losing edits, keep text, form and
preview in step.

The window lays out widgets and asks the user questions; this controller decides when to ask
and what to do with the answer. It works on the widgets' public behaviour only, so tests drive
the real window and check what a user would see or get.

Never losing a word is decided here too:

- the buffer goes to the recovery journal (:mod:`editor.core.journal`) when typing pauses and
  when the window loses focus; a clean save or a close clears the entry, a failed save keeps it;
- a change on disk reloads an unedited buffer in place (cursor and scroll stay) and asks,
  without a modal dialog, about an edited one; a deleted file leaves the buffer modified;
- hostile posts are opened in a lighter mode (:func:`text_mode`): no colouring for very long
  lines or very large posts, no live preview above :data:`LARGE_POST_CHARS`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core import excerpt
from editor.core.disk import DiskState
from editor.core.errors import PostError
from editor.core.journal import Journal, JournalEntry, default_journal, new_document_id
from editor.core.newpost import new_post_text
from editor.core.post import Post
from editor.core.render import RenderOptions, RenderResult
from editor.core.session import ChangedOnDiskError, DocumentSession, ReadOnlyError
from editor.core.settings import Settings, save_settings
from editor.core.site import Site, detect_site
from editor.core.slug import make_slug
from editor.gui.diskwatch import DiskWatcher, NoticeKind
from editor.gui.renderservice import notice_result

UnsavedAnswer = Literal["save", "discard", "cancel"]
ConflictAnswer = Literal["overwrite", "reload", "cancel"]
DiskAction = Literal["reload", "keep", "compare", "save_as", "save_here", "dismiss"]

#: the journal is written once typing pauses this long (and when the window loses focus)
JOURNAL_PAUSE_MS = 2000
#: above this many characters the live preview and the colouring are off (a 3 MB post takes
#: ~2.5 s to render and ~0.7 s to colour; typing stays fast without them)
LARGE_POST_CHARS = 3_000_000
#: a line longer than this turns the colouring off (its patterns cost up to 0.25 s a keystroke
#: on a 10,000-character line of emphasis marks); an unbroken run of characters this long
#: wraps anywhere (word wrapping a 1 MB word takes Qt 30 s)
LONG_LINE_CHARS = 10_000


@dataclass(frozen=True)
class TextMode:
    """How much of the editor's help a post can afford."""

    highlight: bool = True
    wrap_anywhere: bool = False
    live_preview: bool = True
    #: why something is off, for the status bar ("" when nothing is)
    reason: str = ""


def text_mode(text: str) -> TextMode:
    """The editor's mode for ``text``: everything on, unless the post is hostile."""
    size = len(text)
    lines = text.split("\n")
    longest = max(map(len, lines)) if lines else 0
    if size > LARGE_POST_CHARS:
        return TextMode(
            highlight=False,
            wrap_anywhere=longest > LONG_LINE_CHARS and _has_long_word(lines),
            live_preview=False,
            reason=(
                f"This post is {size:,} characters long: colouring and the live preview are "
                f"off above {LARGE_POST_CHARS:,} to keep typing fast"
            ),
        )
    if longest > LONG_LINE_CHARS:
        return TextMode(
            highlight=False,
            wrap_anywhere=_has_long_word(lines),
            reason=(
                f"This post has a line of {longest:,} characters: colouring is off to keep "
                "typing fast"
            ),
        )
    return TextMode()


def _has_long_word(lines: list[str]) -> bool:
    return any(
        len(word) > LONG_LINE_CHARS
        for line in lines
        if len(line) > LONG_LINE_CHARS
        for word in line.split()
    )


#: generators whose excerpt marker is written without spaces
_HUGO_STYLE = {"hugo"}
#: generators that need a marker for an excerpt (others fall back to the first paragraph)
_MARKER_REQUIRED = {"hugo", "mkdocs", "zola", "hexo"}


class View(Protocol):
    """What the controller asks of the window."""

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer: ...
    def ask_save_path(self, suggested: Path) -> Path | None: ...
    def ask_changed_on_disk(self, name: str) -> ConflictAnswer: ...
    def show_error(self, title: str, message: str) -> None: ...
    def show_disk_notice(self, kind: NoticeKind, message: str) -> None: ...
    def hide_disk_notice(self) -> None: ...
    def show_compare(self, name: str, disk_text: str, mine: str) -> None: ...
    def set_text_mode(self, mode: TextMode) -> None: ...
    def show_status(self, message: str) -> None: ...
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
    def show_site(self, site: Site | None) -> None: ...


def render_delay_ms(size: int) -> int:
    """How long typing must pause before a render: longer for longer posts (ghostwriter's
    trick), so a 2 MB post is not re-rendered on every keystroke."""
    if size < 100_000:
        return 40
    if size < 1_000_000:
        return 90
    return 250


class DocumentController(QObject):
    """One window's document."""

    rendered = Signal(object)  # RenderResult, after the view showed it

    def __init__(
        self,
        view: View,
        settings: Settings,
        render_service: Any,
        parent: QObject | None = None,
        *,
        journal: Journal | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.settings = settings
        self.session = DocumentSession()
        self.journal = journal if journal is not None else default_journal()
        #: this document's id in the journal (a new one for every document the window opens)
        self.doc_id = new_document_id()
        self.mode = TextMode()
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_PAUSE_MS)
        self._journal_timer.timeout.connect(self.journal_now)
        self._journal_dirty = False
        self._journal_failed = False
        self.watcher = DiskWatcher(self)
        self.watcher.changed.connect(self.check_disk)
        self._disk_notice: str | None = None  # the disk state the writer was last told about
        self._preview_notice = False
        self.renders = render_service
        self.renders.rendered.connect(self._on_rendered)
        self.post: Post = Post.from_text("")
        self.last_result: RenderResult | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self.render_now)
        self._form_timer = QTimer(self)
        self._form_timer.setSingleShot(True)
        self._form_timer.setInterval(250)
        self._form_timer.timeout.connect(self._refresh_post)
        self._front_matter = ""
        self._front_end = 0
        #: the site in the settings: its vocabulary completes the form, its separator is used
        self.site: Site | None = None

    # ------------------------------------------------------------------ state

    @property
    def name(self) -> str:
        """The file name shown in the title bar."""
        return self.session.path.name if self.session.path else "Untitled"

    def is_modified(self) -> bool:
        """Whether the buffer has edits not saved to its file."""
        return self.view.is_modified()

    def _update_state(self) -> None:
        self.view.set_document_state(self.name, self.session.path)

    def options(self) -> RenderOptions:
        """Render options from the settings."""
        return RenderOptions(allow_remote_images=self.settings.allow_remote_images)

    def shutdown(self) -> None:
        """Stop pending work (the window is closing)."""
        self._render_timer.stop()
        self._form_timer.stop()
        self._journal_timer.stop()
        self.watcher.stop()

    def close_document(self) -> None:
        """The window closes after its edits were saved or discarded: clear the journal."""
        self._clear_journal()
        self.shutdown()

    # ------------------------------------------------------------------ text changes

    def text_changed(self) -> None:
        """The editor's text changed (typing, undo, a form edit, a load).

        This runs on every keystroke, so it only restarts timers: the text is read once the
        writer pauses.
        """
        self._render_timer.start(render_delay_ms(self.view.editor_size()))
        self._form_timer.start()
        self._journal_dirty = True
        self._journal_timer.start()

    def render_now(self) -> None:
        """Render the current text now (debounce over); a notice instead for a huge post."""
        self._render_timer.stop()
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
        self.renders.request(self.view.editor_text(), self.session.path, self.options())

    def _on_rendered(self, result: RenderResult) -> None:
        self.last_result = result
        self.view.show_render(result)
        self.rendered.emit(result)

    def _refresh_post(self, *, force: bool = False) -> None:
        text = self.view.editor_text()
        # the form follows the front matter; a title taken from the body's H1 follows the body
        unchanged = text[: self._front_end] == self._front_matter
        if unchanged and not force and self.post.title_source != "heading":
            return
        self.post = Post.from_text(text, self.session.path)
        # with no front matter yet, watch the first characters for a '---' being typed
        self._front_end = self.post.body_offset or 4
        self._front_matter = text[: self._front_end]
        self.view.show_post(self.post)

    def current_post(self) -> Post:
        """The post as the buffer holds it now (edits still pending in the form included)."""
        self.view.commit_form_edits()
        return Post.from_text(self.view.editor_text(), self.session.path)

    # ------------------------------------------------------------------ form edits

    def set_value(self, key: str, value: object) -> None:
        """A form field changed: rewrite only that key's lines, as one undoable edit."""
        text = self.view.editor_text()
        post = Post.from_text(text, self.session.path)
        try:
            edited = post.with_value(key, value)
        except PostError as exc:
            self.view.show_status(exc.message)
            return
        if edited.text != text:
            self.view.replace_editor_text(text, edited.text)

    def remove_value(self, key: str) -> None:
        """A form field was cleared: remove the key's lines."""
        text = self.view.editor_text()
        post = Post.from_text(text, self.session.path)
        try:
            edited = post.without(key)
        except PostError as exc:
            self.view.show_status(exc.message)
            return
        if edited.text != text:
            self.view.replace_editor_text(text, edited.text)

    # ------------------------------------------------------------------ excerpt

    def use_site(self) -> None:
        """Read the site folder of the settings (if any) and show what it brings."""
        self.site = None
        folder = self.settings.site_folder
        if folder:
            try:
                self.site = detect_site(Path(folder))
            except PostError:
                try:
                    self.site = detect_site(Path(folder), self.settings.default_generator or None)
                except PostError as exc:
                    self.view.show_status(f"The site folder was not read: {exc.message}")
        self.view.show_site(self.site)

    def marker_form(self) -> str:
        """The marker as the target site writes it: its own separator, else its generator's."""
        if self.site is not None and self.site.excerpt_separator:
            return self.site.excerpt_separator
        generator = self.site.generator if self.site else self.settings.default_generator
        return excerpt.HUGO_MARKER if generator in _HUGO_STYLE else excerpt.DEFAULT_MARKER

    def insert_excerpt_marker(self) -> None:
        """Put the marker at the block boundary after the cursor, moving any existing one."""
        text = self.view.editor_text()
        post = Post.from_text(text, self.session.path)
        body_line = self.view.editor_cursor_line() - (post.body_line - 1)
        body = excerpt.insert_marker(post.body, max(body_line, 0), self.marker_form())
        new_text = text[: post.body_offset] + body
        if new_text != text:
            self.view.replace_editor_text(text, new_text)
        self.view.show_status("Excerpt marker placed")

    def marker_warning(self, result: RenderResult) -> str | None:
        """A warning when the target generator needs a marker and the post has none."""
        generator = self.settings.default_generator
        if result.excerpt_end is None and generator in _MARKER_REQUIRED:
            return f"No excerpt marker: {generator} will cut the excerpt itself"
        return None

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
        self.settings.add_recent(path)
        self._save_settings()
        return True

    def new_document(self) -> bool:
        """Start an untitled post from the template."""
        if not self.maybe_keep_edits():
            return False
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
            self._set_mode(mode)
        self._forget_disk_notice()
        folder = session.path.parent if session.path else None
        self.view.preview_base_changed(folder)
        self.view.set_editor_text(text)
        self.view.set_modified(modified)
        self._refresh_post(force=True)
        self._update_state()
        self._preview_notice = False
        self.render_now()
        self.watcher.watch(session.path)
        if self.mode.reason:
            self.view.show_status(self.mode.reason)
        if modified:
            self._journal_dirty = True
            self.journal_now()

    def _set_mode(self, mode: TextMode) -> None:
        self.mode = mode
        self.view.set_text_mode(mode)

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
        mode = text_mode(text)
        if mode != self.mode:  # the new text needs another mode: load it afresh
            self._load(session, text)
            return True
        self.session = session
        self.view.replace_editor_text(self.view.editor_text(), text)
        self.view.set_modified(False)
        self._clear_journal()
        self._forget_disk_notice()
        self._refresh_post(force=True)
        self._update_state()
        self.render_now()
        self.watcher.rewatch()
        return True

    def restore_entry(self, entry: JournalEntry) -> bool:
        """Open a journal entry's text here, marked modified, on the entry's path.

        When the file changed on disk since the edits began, the first save asks before it
        overwrites. The old entry is deleted once this window's own entry holds the text.
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
        if self.journal.has_entry(self.doc_id):
            self.journal.discard(entry)
        self.view.show_status(f"Restored unsaved text of {entry.title}: save it to keep it")
        return True

    # ------------------------------------------------------------------ the recovery journal

    def journal_now(self) -> bool:
        """Write the buffer to the journal now if it has unsaved edits (clear it if not).

        False when the journal cannot be written (the status bar says so).
        """
        self._journal_timer.stop()
        if not self.is_modified():
            if self._journal_dirty:
                self._clear_journal()
            return True
        if not self._journal_dirty and self.journal.has_entry(self.doc_id):
            return True
        try:
            self.journal.write(
                self.doc_id,
                self.view.editor_text(),
                path=self.session.path,
                disk_sha256=self.session.disk.digest if self.session.disk else None,
                name=self.name,
            )
        except OSError as exc:
            self._journal_failed = True
            self.view.show_status(
                f"The recovery copy could not be written ({exc.strerror or exc}): save soon"
            )
            return False
        self._journal_dirty = False
        if self._journal_failed:
            self._journal_failed = False
            self.view.show_status("The recovery copy is written again")
        return True

    def _clear_journal(self) -> None:
        self._journal_timer.stop()
        self._journal_dirty = False
        with contextlib.suppress(OSError):
            self.journal.clear(self.doc_id)

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
        self._update_state()
        assert self.session.path is not None
        if self.session.path != old_path:
            self.watcher.watch(self.session.path)
        if self.session.path.parent != old_folder:
            self.view.preview_base_changed(self.session.path.parent)
            self.render_now()
        self.settings.add_recent(self.session.path)
        self._save_settings()
        self.view.show_status(f"Saved {self.session.path}")
        return True

    def _keep_in_journal(self) -> bool:
        """Make sure the journal holds the buffer (a save failed or was put off)."""
        self._journal_dirty = True
        return self.journal_now()

    @staticmethod
    def _kept_words(kept: bool) -> str:
        if kept:
            return "Your text is still here, and a recovery copy is kept until it is saved."
        return (
            "Your text is still here, but the recovery copy could not be written either: "
            "save it to another disk."
        )

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.view.show_status(f"Settings not saved: {exc.strerror}")
