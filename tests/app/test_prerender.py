"""The start's prerender: a forked child renders the post the run opens, with the options
the window's document will use, and hands back the result and its renderer."""

from __future__ import annotations

import os
import pickle
import select
import time
from pathlib import Path

import pytest

from editor.app import prerender as prerender_module
from editor.app.prerender import Prerender
from editor.app.workspace import Workspace
from editor.core.render import Renderer
from editor.core.render.guard import is_notice
from editor.core.session import DocumentSession
from editor.core.settings import Settings
from editor.core.target import TargetChoice
from tests.conftest import alias_bomb

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

POST = """\
---
title: Harbour lights
date: 2024-03-01
tags: [sea]
---
# Harbour lights

The lamps are lit at dusk, {{< figure src="lamp.png" >}} and a [link][r].

Intro line
<!--more-->

```python
def light():
    return "on"
```

[r]: https://example.org/lamps
"""


def finish(job: Prerender, timeout: float = 30.0) -> None:
    """Poll ``job`` as the window does (when its pipe is readable) until it has finished."""
    deadline = time.monotonic() + timeout
    while not job.poll():
        left = deadline - time.monotonic()
        assert left > 0, "the prerender did not finish"
        select.select([job.fileno()], [], [], left)


def gone(pid: int) -> bool:
    """Whether ``pid`` was reaped (no child, no zombie left behind)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def hugo_post(root: Path) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")
    post = root / "content" / "posts" / "lights.md"
    post.write_text(POST, encoding="utf-8")
    return post


def jekyll_site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text('excerpt_separator: "<!--cut-->"\n', encoding="utf-8")
    (root / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    return root


def test_the_child_renders_the_post_as_the_window_would(tmp_path: Path) -> None:
    post = hugo_post(tmp_path / "site")
    settings = Settings()
    job = Prerender.start(post, settings)
    assert job is not None
    assert job.fileno() >= 0
    finish(job)
    done = job.result
    assert done is not None
    assert done.path == post
    assert done.text == DocumentSession().load(post)
    expected = (
        Workspace(settings, persist=None)
        .target_for(post)
        .render_options(allow_remote_images=settings.allow_remote_images)
    )
    assert done.options == expected
    assert done.options.syntaxes == ("hugo",)  # the shortcode is shown as a placeholder
    assert done.options.excerpt_separators == ("<!--more-->",)
    assert done.result == Renderer(expected, guard=True).render_text(done.text, post)
    assert done.result.title == "Harbour lights"
    assert done.result.excerpt_end == 3  # the marker ends the third block
    # the renderer came back with its blocks: an edit renders as a fresh renderer does
    edited = done.text.replace("dusk", "dawn")
    carried = pickle.loads(done.renderer_state)
    assert carried.render_text(edited, post) == Renderer(expected).render_text(edited, post)
    assert job.fileno() == -1
    assert gone(job._pid)


def test_a_loose_post_and_a_remembered_choice_get_the_workspaces_options(
    tmp_path: Path,
) -> None:
    loose = tmp_path / "notes" / "loose.md"
    loose.parent.mkdir()
    loose.write_text(POST.replace("<!--more-->", "<!--cut-->"), encoding="utf-8")
    chosen = tmp_path / "elsewhere" / "chosen.md"
    chosen.parent.mkdir()
    chosen.write_text(POST.replace("<!--more-->", "<!--cut-->"), encoding="utf-8")
    settings = Settings(allow_remote_images=True)
    workspace = Workspace(settings, persist=None)
    workspace.remember_choice(chosen, TargetChoice(jekyll_site(tmp_path / "blog"), "jekyll"))
    done = []
    for path in (loose, chosen):
        job = Prerender.start(path, settings)
        assert job is not None
        finish(job)
        assert job.result is not None
        assert job.result.options == workspace.target_for(path).render_options(
            allow_remote_images=True
        )
        done.append(job.result)
    assert done[0].options.excerpt_separators == ()
    assert done[0].result.excerpt_end is None  # a loose post knows no "<!--cut-->"
    assert done[1].options.excerpt_separators == ("<!--cut-->",)
    assert done[1].options.allow_remote_images
    assert done[1].result.excerpt_end == 3


def test_nothing_is_forked_for_a_missing_file_a_folder_or_a_post_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings()
    assert Prerender.start(tmp_path / "missing.md", settings) is None
    assert Prerender.start(tmp_path, settings) is None
    big = tmp_path / "big.md"
    big.write_text("word " * 100, encoding="utf-8")
    monkeypatch.setattr(prerender_module, "LARGE_POST_CHARS", 499)
    assert Prerender.start(big, settings) is None
    monkeypatch.setattr(prerender_module, "LARGE_POST_CHARS", 500)
    job = Prerender.start(big, settings)
    assert job is not None
    job.cancel()
    monkeypatch.delattr(os, "fork")
    assert Prerender.start(big, settings) is None


@pytest.mark.parametrize(
    "text",
    [
        alias_bomb(),
        "Intro.\n\n" + "".join(f"{'  ' * level}- level {level}\n" for level in range(400)),
        "Intro.\n\n" + "> " * 3000 + "deep\n",
    ],
    ids=["alias-bomb", "deep-list", "deep-quote"],
)
def test_a_hostile_post_gives_a_notice_or_nothing_quickly_and_quietly(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], text: str
) -> None:
    post = tmp_path / "hostile.md"
    post.write_text(text, encoding="utf-8")
    job = Prerender.start(post, Settings())
    assert job is not None
    started = time.monotonic()
    finish(job, timeout=10)
    assert time.monotonic() - started < 10
    if job.result is not None:
        assert is_notice(job.result.result) or job.result.result.blocks
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert err == ""


def test_cancel_kills_and_reaps_a_running_child(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    job = Prerender.start(post, Settings())
    assert job is not None
    pid = job._pid
    job.cancel()
    assert gone(pid)
    assert job.poll()
    assert job.result is None
    assert job.fileno() == -1
    job.cancel()  # again: nothing happens
    assert job.poll()


def test_a_truncated_or_failed_stream_is_a_failure_not_an_error(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    whole = pickle.dumps(("text", post, None, None, None))
    for data, code in ((whole[: len(whole) // 2], 0), (b"not a pickle", 0), (whole, 3)):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            os.write(write_end, data)
            os._exit(code)
        os.close(write_end)
        os.set_blocking(read_end, False)
        job = Prerender(pid, read_end)
        finish(job)
        assert job.result is None
        assert gone(pid)


def test_a_job_dropped_unfinished_still_reaps_its_child(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    job = Prerender.start(post, Settings())
    assert job is not None
    pid = job._pid
    del job
    assert gone(pid)


def long_post() -> str:
    sections = "".join(
        f"\n## Section {n}\n\nWords of section {n}, enough of them to fill a line or two of the "
        f"preview and then some more words after those.\n"
        for n in range(1, 160)
    )
    head = "---\ntitle: Long\n---\n# Long post\n\nThe top [link][far].\n"
    return f"{head}{sections}\nThe last line.\n\n[far]: https://example.org/far\n"


def test_a_long_post_sends_its_first_look_before_the_whole_render(tmp_path: Path) -> None:
    post = tmp_path / "long.md"
    text = long_post()
    assert len(text) > 2 * prerender_module.FIRST_LOOK_CHARS
    post.write_text(text, encoding="utf-8")
    job = Prerender.start(post, Settings())
    assert job is not None
    deadline = time.monotonic() + 30
    while job.first_look is None and not job.poll():  # what the window sees first
        assert time.monotonic() < deadline
        select.select([job.fileno()], [], [], 1)
    first = job.first_look
    assert first is not None
    finish(job)
    done = job.result
    assert done is not None
    assert 2 < len(first.blocks) < len(done.result.blocks) // 3
    assert first.blocks == done.result.blocks[: len(first.blocks)]
    assert 'href="https://example.org/far"' in first.blocks[1].html


def test_a_short_post_has_no_first_look_only_its_whole_render(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    job = Prerender.start(post, Settings())
    assert job is not None
    finish(job)
    assert job.first_look is None
    assert job.result is not None


def test_a_first_look_followed_by_a_cut_stream_keeps_the_first_look_only(
    tmp_path: Path,
) -> None:
    post = tmp_path / "long.md"
    post.write_text(long_post(), encoding="utf-8")
    first = Renderer(guard=True).render_top(long_post(), post, chars=2000)
    message = pickle.dumps(first)
    data = len(message).to_bytes(8, "big") + message + (10**6).to_bytes(8, "big") + b"cut"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.write(write_end, data)
        os._exit(0)
    os.close(write_end)
    os.set_blocking(read_end, False)
    job = Prerender(pid, read_end)
    finish(job)
    assert job.first_look == first
    assert job.result is None
    assert gone(pid)
