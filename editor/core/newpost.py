"""The text of a new post."""

from __future__ import annotations

import datetime as dt

from editor.core.excerpt import DEFAULT_MARKER
from editor.core.post import Post


def new_post_text(
    title: str, date: dt.date | dt.datetime | None = None, *, marker: str = DEFAULT_MARKER
) -> str:
    """Front matter (title, date, no tags, draft), an introduction, ``marker``, the rest."""
    when = date or dt.datetime.now().astimezone().date()
    post = Post.from_text("---\n---\n")
    post = post.with_value("title", title).with_value("date", when)
    post = post.with_value("tags", []).with_value("draft", True)
    return (
        post.text
        + "\nWrite the introduction here: the paragraph readers see on the blog's index.\n\n"
        + marker
        + "\n\nThe rest of the post.\n"
    )
