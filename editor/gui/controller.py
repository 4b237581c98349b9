"""The decisions behind the window: open, save, ask before losing edits, keep text, form and
preview in step.

The window lays out widgets and asks the user questions; this controller decides when to ask
and what to do with the answer. It works on the widgets' public behaviour only, so tests drive
the real window and check what a user would see or get.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core import excerpt
from editor.core.errors import PostError
from editor.core.newpost import new_post_text
from editor.core.post import Post
from editor.core.render import RenderOptions, RenderResult
from editor.core.session import ChangedOnDiskError, DocumentSession
from editor.core.settings import Settings, save_settings
from editor.core.slug import make_slug

UnsavedAnswer = Literal["save", "discard", "cancel"]
ConflictAnswer = Literal["overwrite", "reload", "cancel"]

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
        self, view: View, settings: Settings, render_service: Any, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.settings = settings
        self.session = DocumentSession()
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

    # ------------------------------------------------------------------ text changes

    def text_changed(self) -> None:
        """The editor's text changed (typing, undo, a form edit, a load).

        This runs on every keystroke, so it only restarts timers: the text is read once the
        writer pauses.
        """
        self._render_timer.start(render_delay_ms(self.view.editor_size()))
        self._form_timer.start()

    def render_now(self) -> None:
        """Render the current text now (debounce over)."""
        self._render_timer.stop()
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
        """The post as the buffer holds it now."""
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

    def marker_form(self) -> str:
        """The marker as the target generator writes it."""
        return (
            excerpt.HUGO_MARKER
            if self.settings.default_generator in _HUGO_STYLE
            else (excerpt.DEFAULT_MARKER)
        )

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

    def _load(self, session: DocumentSession, text: str) -> None:
        self.session = session
        folder = session.path.parent if session.path else None
        self.view.preview_base_changed(folder)
        self.view.set_editor_text(text)
        self.view.set_modified(False)
        self._refresh_post(force=True)
        self._update_state()
        self.render_now()

    def reload(self) -> None:
        """Read the file again, dropping the buffer's edits."""
        if self.session.path is None:
            return
        session = DocumentSession()
        try:
            text = session.load(self.session.path)
        except PostError as exc:
            self.view.show_error("Cannot reload the post", str(exc))
            return
        self._load(session, text)

    def save(self) -> bool:
        """Save to the post's file (Save As for an untitled one). False when not saved."""
        if self.session.path is None:
            return self.save_as()
        return self._write(None, overwrite=False)

    def save_as(self) -> bool:
        """Ask for a file and save there."""
        post = Post.from_text(self.view.editor_text())
        folder = self.session.path.parent if self.session.path else Path.home()
        suggested = folder / f"{make_slug(post.title or 'untitled')}.md"
        path = self.view.ask_save_path(suggested)
        if path is None:
            return False
        return self._write(path, overwrite=True)

    def _write(self, path: Path | None, *, overwrite: bool) -> bool:
        text = self.view.editor_text()
        old_folder = self.session.path.parent if self.session.path else None
        try:
            self.session.save(text, path, overwrite=overwrite)
        except ChangedOnDiskError:
            answer = self.view.ask_changed_on_disk(self.name)
            if answer == "overwrite":
                return self._write(path, overwrite=True)
            if answer == "reload":
                self.reload()
            return False
        except PostError as exc:
            self.view.show_error("The post was not saved", f"{exc}\n\nYour text is still here.")
            if "read-only" in exc.message:
                return self.save_as()
            return False
        self.view.set_modified(False)
        self._update_state()
        assert self.session.path is not None
        if self.session.path.parent != old_folder:
            self.view.preview_base_changed(self.session.path.parent)
            self.render_now()
        self.settings.add_recent(self.session.path)
        self._save_settings()
        self.view.show_status(f"Saved {self.session.path}")
        return True

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.view.show_status(f"Settings not saved: {exc.strerror}")
