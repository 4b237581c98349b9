"""How much of the editor's help a post can afford: the one rule, for a whole text and for a
change as it is typed or pasted.

Hostile posts are opened in a lighter mode: no colouring for very long lines or very large
posts, no live preview above :data:`LARGE_POST_CHARS`, wrapping anywhere for an unbroken run of
characters so long that word wrapping it would freeze Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def mode_for(size: int, longest_line: int, long_word: bool) -> TextMode:
    """The mode for a text of ``size`` characters whose longest line is ``longest_line`` long;
    ``long_word``: it holds an unbroken run of more than :data:`LONG_LINE_CHARS` characters."""
    if size > LARGE_POST_CHARS:
        return TextMode(
            highlight=False,
            wrap_anywhere=long_word,
            live_preview=False,
            reason=(
                f"This post is {size:,} characters long: colouring and the live preview are "
                f"off above {LARGE_POST_CHARS:,} to keep typing fast"
            ),
        )
    if longest_line > LONG_LINE_CHARS:
        return TextMode(
            highlight=False,
            wrap_anywhere=long_word,
            reason=(
                f"This post has a line of {longest_line:,} characters: colouring is off to "
                "keep typing fast"
            ),
        )
    return TextMode()


def has_long_word(lines: list[str]) -> bool:
    """Whether a line holds an unbroken run of more than :data:`LONG_LINE_CHARS` characters."""
    return any(
        len(word) > LONG_LINE_CHARS
        for line in lines
        if len(line) > LONG_LINE_CHARS
        for word in line.split()
    )


def text_mode(text: str) -> TextMode:
    """The mode for a whole text: everything on, unless the post is hostile."""
    lines = text.split("\n")
    longest = max(map(len, lines)) if lines else 0
    long_word = longest > LONG_LINE_CHARS and has_long_word(lines)
    return mode_for(len(text), longest, long_word)
