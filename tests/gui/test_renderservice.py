"""The render service as the window uses it: asked on every change, it renders at once when
idle and only the newest text after the render that runs."""

from __future__ import annotations

import time
from typing import Any

from editor.core.render import RenderOptions, RenderResult
from editor.gui.renderservice import RenderService, RenderThreads

LONG_POST = "\n\n".join(f"Paragraph {n} with *emphasis* and `code`." for n in range(3000))


def _collect(service: RenderService) -> list[tuple[float, RenderResult]]:
    results: list[tuple[float, RenderResult]] = []
    service.rendered.connect(lambda result: results.append((time.perf_counter(), result)))
    return results


def test_requests_during_a_render_are_coalesced_to_the_newest(qtbot: Any) -> None:
    service = RenderService(threads=RenderThreads())
    results = _collect(service)
    try:
        service.request(LONG_POST + "\n\nFirst.\n", None, RenderOptions())
        for n in range(20):  # typed while the first (slow) render runs
            service.request(LONG_POST + f"\n\nTyped {n}.\n", None, RenderOptions())
        assert service.busy
        qtbot.waitUntil(lambda: not service.busy, timeout=60_000)
        shown = [result.blocks[-1].html for _, result in results]
        assert shown == ["<p>First.</p>", "<p>Typed 19.</p>"]
        assert service.last_result is results[-1][1]
    finally:
        service.shutdown()


def test_a_long_render_is_followed_by_a_pause_as_long(qtbot: Any) -> None:
    """The first render of a long post takes long: the next starts only after a pause about
    as long, so typing keeps the interpreter at least half of the time."""
    service = RenderService(threads=RenderThreads())
    results = _collect(service)
    try:
        asked = time.perf_counter()
        service.request(LONG_POST, None, RenderOptions())
        qtbot.waitUntil(lambda: len(results) == 1, timeout=60_000)
        took = results[0][0] - asked
        service.request(LONG_POST + "\n\nMore.\n", None, RenderOptions())
        qtbot.waitUntil(lambda: len(results) == 2, timeout=60_000)
        assert results[1][0] - results[0][0] >= 0.5 * min(took, 1.0)
        assert results[1][1].blocks[-1].html == "<p>More.</p>"
    finally:
        service.shutdown()


def test_a_notice_replaces_pending_renders(qtbot: Any) -> None:
    from editor.gui.renderservice import notice_result

    service = RenderService(threads=RenderThreads())
    results = _collect(service)
    try:
        service.request(LONG_POST, None, RenderOptions())  # running
        service.request(LONG_POST + "\n\nNever shown.\n", None, RenderOptions())  # waiting
        notice = notice_result("Live preview off", "Too long.")
        service.show_notice(notice)
        assert not service.busy
        service.request("# After the notice\n", None, RenderOptions())
        qtbot.waitUntil(lambda: len(results) == 2, timeout=60_000)
        qtbot.wait(100)
        assert results[0][1] is notice  # the render that ran meanwhile is not shown
        assert "After the notice" in results[1][1].html
        assert len(results) == 2
    finally:
        service.shutdown()


def test_the_application_keeps_one_thread_registry(qapp: Any) -> None:
    first = RenderThreads.of_application()
    assert RenderThreads.of_application() is first
    assert len(first) == 0
    assert first.wait(10)
