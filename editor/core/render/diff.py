"""Patches that turn the page showing one render into the page showing the next."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from editor.core.render.model import Block, Patch, RenderResult


def _blocks(value: RenderResult | Sequence[Block]) -> Sequence[Block]:
    return value.blocks if isinstance(value, RenderResult) else value


def diff_blocks(
    old: RenderResult | Sequence[Block],
    new: RenderResult | Sequence[Block],
    *,
    after: str | None = None,
) -> list[Patch]:
    """The patch operations, in the order to apply them.

    Blocks are matched by id (an unedited block keeps its id). A matched block whose HTML
    changed (a footnote number, a heading id, the excerpt divider) is replaced; one that only
    moved lines gets a cheap ``lines`` patch. An edited block is replaced by its new version
    in place, so typing in one paragraph gives one ``replace``. Blocks that went away are
    removed first, so an id is never on the page twice while the patches apply.

    ``after`` names the block before ``old`` when ``old`` is only part of the page.
    """
    before, later = list(_blocks(old)), list(_blocks(new))
    old_ids = {b.id for b in before}
    new_ids = {b.id for b in later}
    matcher = SequenceMatcher(None, [b.id for b in before], [b.id for b in later], autojunk=False)
    removes: list[Patch] = []
    updates: list[Patch] = []
    previous = after
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = before[i1:i2], later[j1:j2]
        if tag == "equal":
            for a, b in zip(removed, added, strict=True):
                if a.html != b.html or (a.divider, a.cut) != (b.divider, b.cut):
                    updates.append(Patch("replace", a.id, b.element()))
                elif (a.line_start, a.line_end) != (b.line_start, b.line_end):
                    updates.append(
                        Patch("lines", b.id, line_start=b.line_start, line_end=b.line_end)
                    )
            previous = added[-1].id
            continue
        paired = 0
        while (  # pair only ids that exist on one side: no id is ever on the page twice
            paired < min(len(removed), len(added))
            and added[paired].id not in old_ids
            and removed[paired].id not in new_ids
        ):
            paired += 1
        for a, b in zip(removed[:paired], added[:paired], strict=True):
            updates.append(Patch("replace", a.id, b.element()))
            previous = b.id
        removes.extend(Patch("remove", a.id) for a in removed[paired:])
        for b in added[paired:]:
            updates.append(Patch("insert", html=b.element(), after=previous))
            previous = b.id
    return removes + updates


def apply_patches(blocks: Sequence[Block], patches: Sequence[Patch]) -> list[tuple[str, str]]:
    """What ``preview.js`` does, on (id, element HTML) pairs: lets tests check the patches
    rebuild the new page exactly, without a browser."""
    page = [(b.id, b.element()) for b in blocks]
    for patch in patches:
        ids: list[str | None] = [item[0] for item in page]
        if patch.op == "remove":
            del page[ids.index(patch.id)]
        elif patch.op == "replace":
            page[ids.index(patch.id)] = (_element_id(patch.html), patch.html)
        elif patch.op == "insert":
            where = 0 if patch.after is None else ids.index(patch.after) + 1
            page.insert(where, (_element_id(patch.html), patch.html))
        elif patch.op == "shift":
            first = 0 if patch.after is None else ids.index(patch.after) + 1
            for index in range(first, len(page)):
                start, end = _lines(page[index][1])
                moved = _set_lines(page[index][1], start + patch.delta, end + patch.delta)
                page[index] = (page[index][0], moved)
        else:
            index = ids.index(patch.id)
            element = page[index][1]
            element = _set_lines(element, patch.line_start, patch.line_end)
            page[index] = (page[index][0], element)
    return page


def _lines(element: str) -> tuple[int, int]:
    start = re.search(r'data-line-start="(-?\d+)"', element)
    end = re.search(r'data-line-end="(-?\d+)"', element)
    assert start is not None
    assert end is not None
    return int(start.group(1)), int(end.group(1))


def _element_id(element: str) -> str:
    start = element.index('data-block="') + len('data-block="')
    return element[start : element.index('"', start)]


def _set_lines(element: str, start: int, end: int) -> str:
    element = re.sub(r'data-line-start="-?\d+"', f'data-line-start="{start}"', element, count=1)
    return re.sub(r'data-line-end="-?\d+"', f'data-line-end="{end}"', element, count=1)
