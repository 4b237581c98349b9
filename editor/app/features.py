"""Features attach to a document through one small protocol instead of being wired into the
window by hand: the outline, the findings list, the status bar's counts, spell checking and
the post list all follow the document this way.

A feature is told four things: that it is attached (once), that the post changed (after a
pause in typing, with the post parsed from the text), that a render arrived, and that the
post's target changed (a post opened or saved elsewhere, or the writer chose another site).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from editor.app.document import Document
    from editor.core.post import Post
    from editor.core.render import RenderResult
    from editor.core.target import Target


@runtime_checkable
class Feature(Protocol):
    """What a document tells the features attached to it."""

    def attach(self, document: Document) -> None:
        """The feature now follows ``document``."""

    def post_changed(self, post: Post) -> None:
        """The text was edited (or a post was loaded): ``post`` is the text as it is now."""

    def rendered(self, result: RenderResult) -> None:
        """The preview's render of the current text arrived."""

    def target_changed(self, target: Target) -> None:
        """The post belongs to another site now (or to none)."""


class BaseFeature:
    """A feature that ignores what it does not need: subclass and override."""

    document: Document | None = None

    def attach(self, document: Document) -> None:
        """Remember the document."""
        self.document = document

    def post_changed(self, post: Post) -> None:
        """Nothing by default."""

    def rendered(self, result: RenderResult) -> None:
        """Nothing by default."""

    def target_changed(self, target: Target) -> None:
        """Nothing by default."""
