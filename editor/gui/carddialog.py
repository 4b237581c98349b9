"""How the post will look on the blog's index: title, date and the excerpt."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from editor.core.post import Post
from editor.core.render import RenderResult
from editor.core.target import NO_TARGET, Target


def card_html(
    post: Post, result: RenderResult | None, dark: bool, target: Target = NO_TARGET
) -> str:
    """The card as HTML (simple enough for a QTextBrowser)."""
    ink, muted, accent = (
        ("#e6e6e6", "#9aa0a6", "#7fb2ff") if dark else ("#1d1f23", "#666", "#2a62b8")
    )
    title = html.escape(post.title or "Untitled post")
    date = post.date
    when = f"{date.day} {date:%B %Y}" if isinstance(date, dt.date) else ""
    if result is None:
        excerpt = "<p><i>Rendering...</i></p>"
    elif result.excerpt_end is None:
        said = target.missing_marker_message
        said = (
            said[:1].upper() + said[1:]
            if said
            else (
                "No excerpt marker: most generators show the first paragraph or the first words "
                "here"
            )
        )
        excerpt = (
            f"<p style='color:{muted}'><i>{html.escape(said)}. Insert one with Format → Insert "
            "Excerpt Marker.</i></p>"
        )
        first = result.blocks[:1]
        excerpt += "".join(block.html for block in first)
    else:
        excerpt = "".join(block.html for block in result.blocks[: result.excerpt_end])
    if result is not None and result.title_source == "heading":
        # the H1 is the title; the card shows it once, above
        excerpt = excerpt.replace(f"<h1>{title}</h1>", "", 1)
    tags = " ".join(f"<span style='color:{accent}'>#{html.escape(t)}</span>" for t in post.tags)
    return (
        f"<div style='color:{ink}; font-family:sans-serif'>"
        f"<h2 style='margin-bottom:2px'>{title}</h2>"
        f"<p style='color:{muted}; margin-top:0'>{html.escape(when)} {tags}</p>"
        f"{excerpt}"
        f"<p><a style='color:{accent}' href='#'>Continue reading →</a></p></div>"
    )


class CardDialog(QDialog):
    """A preview of the post's card on the blog's index."""

    def __init__(
        self,
        post: Post,
        result: RenderResult | None,
        dark: bool,
        parent: QWidget | None = None,
        *,
        target: Target = NO_TARGET,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Blog index card")
        self.resize(560, 460)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(card_html(post, result, dark, target))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
