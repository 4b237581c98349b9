"""A renderer carried to another process by pickle keeps its blocks: the text it rendered
comes back without a block rendered again, and an edit of it renders incrementally."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

from editor.core.render import Renderer, RenderOptions, RenderResult
from editor.core.render.markdown_env import shared_env
from tests.counting import CountingRenderer

TEXT = """\
---
title: Kettles
tags: [tea]
---
# Kettles and teapots

A paragraph about *kettles* with a [link][r1] and a footnote[^n1].

Intro line
<!-- more -->

```python
def boil():
    return 100
```

- one
- two

*[API]: Application Programming Interface

The API boils water.

[r1]: https://example.org/one

[^n1]: The first note.
"""


OPTIONS = RenderOptions(excerpt_separators=("<!--more-->",), syntaxes=("shortcodes",))


def _carried(path: Path) -> tuple[RenderResult, Renderer]:
    renderer = CountingRenderer(OPTIONS, guard=True, breathe=lambda: None)
    result = renderer.render_text(TEXT, path)
    return result, pickle.loads(pickle.dumps(renderer))


def test_the_rendered_text_comes_back_without_a_block_rendered_again(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    first, carried = _carried(path)
    assert isinstance(carried, CountingRenderer)
    before = CountingRenderer.converted
    again = carried.render_text(TEXT, path)
    assert CountingRenderer.converted == before
    assert again == first
    assert [b.html for b in again.blocks] == [b.html for b in first.blocks]
    assert "<h1" in again.blocks[0].html
    assert again.title == "Kettles"


def test_an_edit_after_the_trip_renders_incrementally_and_right(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    _, carried = _carried(path)
    before = CountingRenderer.converted
    edited = TEXT.replace("- two", "- two\n- three")
    result = carried.render_text(edited, path)
    assert CountingRenderer.converted - before == 1  # only the list
    assert result == Renderer(OPTIONS).render_text(edited, path)
    assert "<li>three</li>" in "".join(b.html for b in result.blocks)
    # an edit that changes a definition takes the whole-post pass, as right
    redefined = edited.replace("https://example.org/one", "https://example.org/two")
    assert carried.render_text(redefined, path) == Renderer(OPTIONS).render_text(redefined, path)


def test_the_trip_leaves_the_thread_environment_and_the_breath_behind() -> None:
    renderer = Renderer(OPTIONS, guard=True, breathe=lambda: None)  # a lambda cannot pickle
    renderer.render_text(TEXT)
    carried: list[Renderer] = []
    data = pickle.dumps(renderer)
    thread = threading.Thread(target=lambda: carried.append(pickle.loads(data)))
    thread.start()
    thread.join()
    assert "_env" not in vars(carried[0])  # none built in the thread that unpickled it
    assert carried[0].breathe is not renderer.breathe
    assert carried[0].options == OPTIONS
    assert carried[0].guard
    again = carried[0].render_text(TEXT)  # here, with this thread's environment
    assert carried[0]._env is shared_env()
    assert again == renderer.render_text(TEXT)
