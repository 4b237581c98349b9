"""Which files are posts and which are images: the one definition every part asks.

The window's open dialog and drops, the command line, the site scan and the export all decide
"is this a post?" and "is this an image?" here, so they never disagree.
"""

from __future__ import annotations

from pathlib import PurePath

#: markdown file name endings a post may have (the site scan, the open dialog, drops)
POST_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
#: image file name endings that are copied with a post and pasted or dropped into one
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"}
)


def is_post_name(path: str | PurePath) -> bool:
    """Whether ``path`` is named like a markdown post (its content is not looked at)."""
    return PurePath(path).suffix.lower() in POST_SUFFIXES


def is_image_name(path: str | PurePath) -> bool:
    """Whether ``path`` is named like an image."""
    return PurePath(path).suffix.lower() in IMAGE_SUFFIXES


def post_file_filter() -> str:
    """The file dialogs' filter for posts ("Markdown posts (*.md ...);;All files (*)")."""
    patterns = " ".join(f"*{suffix}" for suffix in sorted(POST_SUFFIXES))
    return f"Markdown posts ({patterns});;All files (*)"


def image_file_filter() -> str:
    """The file dialogs' filter for images."""
    patterns = " ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES))
    return f"Images ({patterns});;All files (*)"
