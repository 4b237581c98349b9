"""Where two versions of a text differ: one span replaced, found without a Python loop over
characters (slices are compared in large steps, then halved)."""

from __future__ import annotations

from dataclasses import dataclass

_STEP = 1 << 15


@dataclass(frozen=True)
class Edit:
    """``old[start:old_end]`` became ``new[start:new_end]``; the rest is the same."""

    start: int
    old_end: int
    new_end: int

    @property
    def delta(self) -> int:
        """How much later the text after the edit now starts."""
        return self.new_end - self.old_end


def _prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b``, at most ``limit``."""
    pos = 0
    step = _STEP
    while pos < limit:
        end = min(limit, pos + step)
        if a[pos:end] == b[pos:end]:
            pos = end
            continue
        if end - pos == 1:
            return pos
        step = max(1, (end - pos) // 2)  # the difference is in this slice: look closer
    return limit


def _suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix of ``a`` and ``b``, at most ``limit``."""
    size = 0
    step = _STEP
    la, lb = len(a), len(b)
    while size < limit:
        grow = min(limit, size + step)
        if a[la - grow : la - size] == b[lb - grow : lb - size]:
            size = grow
            continue
        if grow - size == 1:
            return size
        step = max(1, (grow - size) // 2)
    return size


def find_edit(old: str, new: str) -> Edit:
    """The smallest single replacement that turns ``old`` into ``new``."""
    shortest = min(len(old), len(new))
    start = _prefix(old, new, shortest)
    tail = _suffix(old, new, shortest - start)
    return Edit(start, len(old) - tail, len(new) - tail)
