"""How the post will look on the blog's index: its cover image, title, date, reading time and
tags, its description, and the excerpt."""

from __future__ import annotations

import datetime as dt
import html
import math
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from editor.core.formfields import image_value
from editor.core.post import Post
from editor.core.render import RenderResult
from editor.core.target import NO_TARGET, Target

#: how wide the card's cover image is shown, in pixels
COVER_WIDTH = 520
#: room between the card's lines (the browser's own is tight)
CARD_STYLE = (
    "p { line-height: 145%; margin-top: 4px; margin-bottom: 8px; } h2 { font-size: x-large; }"
)
#: where a site serves a cover written as ``/images/x.png`` from, below its root
_SITE_STATIC = ("", "static", "public", "source", "assets", "src/assets", "docs")


def cover_path(post: Post, target: Target = NO_TARGET) -> Path | None:
    """The local file of the post's cover image, if it exists (beside the post, or in the
    site's folder for static files)."""
    value = image_value(post).strip()
    if not value or "://" in value or value.startswith("data:"):
        return None
    relative = value.lstrip("/")
    candidates: list[Path] = []
    if post.path is not None and not value.startswith("/"):
        candidates.append(post.path.parent / relative)
    if target.root is not None:
        candidates.extend(target.root / folder / relative for folder in _SITE_STATIC)
    if post.path is not None and value.startswith("/"):
        candidates.append(post.path.parent / relative)
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate.resolve()
        except OSError:
            continue
    return None


def card_html(
    post: Post, result: RenderResult | None, dark: bool, target: Target = NO_TARGET
) -> str:
    """The card as HTML (simple enough for a QTextBrowser)."""
    ink, muted, accent, rule = (
        ("#e6e6e6", "#9aa0a6", "#7fb2ff", "#3a3f47")
        if dark
        else ("#1d1f23", "#5f6368", "#2a62b8", "#dadce0")
    )
    title = html.escape(post.title or "Untitled post")
    date = post.date
    facts = [f"{date.day} {date:%B %Y}"] if isinstance(date, dt.date) else []
    if result is not None and result.word_count:
        facts.append(f"{max(1, math.ceil(result.reading_minutes))} min read")
    tags = " ".join(f"<span style='color:{accent}'>#{html.escape(tag)}</span>" for tag in post.tags)
    cover = _cover_html(post, target, muted)
    description = post.description
    said = (
        f"<p style='color:{muted}; font-style:italic; margin:4px 0 10px 0'>"
        f"{html.escape(description)}</p>"
        if description
        else ""
    )
    blocks = list(result.blocks) if result is not None else []
    end = result.excerpt_end if result is not None else None
    if result is not None and result.title_source == "heading":
        # the H1 is the title: the card shows it once, above
        first_h1 = next((i for i, b in enumerate(blocks) if b.html.startswith("<h1")), None)
        if first_h1 is not None:
            del blocks[first_h1]
            end = end - 1 if end is not None and end > first_h1 else end
    if result is None:
        excerpt = "<p><i>Rendering...</i></p>"
    elif end is None:
        missing = target.missing_marker_message
        missing = (
            missing[:1].upper() + missing[1:]
            if missing
            else (
                "No excerpt marker: most generators show the first paragraph or the first words "
                "here"
            )
        )
        excerpt = (
            f"<p style='color:{muted}'><i>{html.escape(missing)}. Insert one with Format → "
            "Insert Excerpt Marker.</i></p>"
        )
        excerpt += "".join(block.html for block in blocks[:1])
    else:
        excerpt = "".join(block.excerpt_html() for block in blocks[:end])
    meta = html.escape(" · ".join(facts))
    return (
        f"<div style='color:{ink}; font-family:sans-serif; line-height:140%'>"
        f"{cover}"
        f"<h2 style='margin:10px 0 2px 0'>{title}</h2>"
        f"<p style='color:{muted}; margin:0 0 6px 0'>{meta}&nbsp;&nbsp;{tags}</p>"
        f"{said}"
        f"<hr style='border:0; height:1px; background:{rule}'>"
        f"{excerpt}"
        f"<p style='margin-top:12px'><a style='color:{accent}' href='#'>Continue reading →</a>"
        "</p></div>"
    )


def _cover_html(post: Post, target: Target, muted: str) -> str:
    value = image_value(post).strip()
    if not value:
        return ""
    found = cover_path(post, target)
    if found is not None:
        url = QUrl.fromLocalFile(str(found)).toString()
        return f"<p style='margin:0'><img src='{html.escape(url)}' width='{COVER_WIDTH}'></p>"
    where = "a remote image, not loaded" if "://" in value else "not found"
    return (
        f"<p style='color:{muted}; margin:0'><i>Cover image {html.escape(value)} ({where})</i></p>"
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
        self.resize(COVER_WIDTH + 100, 680)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(24)
        self.browser.document().setDefaultStyleSheet(CARD_STYLE)
        self.browser.setHtml(card_html(post, result, dark, target))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
