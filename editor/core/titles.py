"""Two titles: a front matter ``title`` and a different ``# H1`` in the body.

Themes print ``title`` as the page's heading, so a post that also starts its body with another
``# H1`` shows both. One detection serves ``postwright check``, the window and the export plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.mdscan import code_line_mask, first_h1
from editor.core.post import Post


@dataclass(frozen=True)
class TwoTitles:
    """The front matter title, the heading's text and the heading's 1-based file line."""

    title: str
    heading: str
    line: int

    @property
    def message(self) -> str:
        """What the writer is told."""
        return (
            f"two titles: the front matter says '{self.title}' and this heading says "
            f"'{self.heading}'; the page shows both"
        )


def two_titles(post: Post) -> TwoTitles | None:
    """The two titles of ``post`` when its front matter title differs from its first ``# H1``
    outside code, else None."""
    if post.title_source != "front matter":
        return None
    lines = post.body.splitlines()
    heading = first_h1(lines, code_line_mask(lines))
    if heading is None:
        return None
    text, index = heading
    title = (post.title or "").strip()
    if text.strip() == title:
        return None
    return TwoTitles(title, text, post.body_line + index)
