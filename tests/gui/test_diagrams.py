"""Diagrams in the preview: a ```mermaid block drawn as SVG by the vendored mermaid build, in
Postwright's world (the page's JavaScript stays off); an error shows the source and mermaid's
message; drawings are cached by source and follow the theme; without the build, a notice.

The build is fetched by `make` (packaging/fetch_mermaid.py). Without it these tests skip,
except under CI=true, where a missing build fails them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from editor.core.render import Renderer
from editor.core.render.diagrams import MermaidBuild, mermaid_build
from tests.gui.conftest import page_eval, show_result
from tests.gui.test_preview import _Server

FLOW = "graph TD\n  Start[Draft] --> Check{Ready?}\n  Check -->|yes| Publish[Publish]\n"
POST = f"# Notes\n\nA paragraph.\n\n```mermaid\n{FLOW}```\n\nThe end.\n"


@pytest.fixture
def needs_mermaid() -> None:
    reason = mermaid_build().missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"the mermaid build is missing under CI: {reason}")
    pytest.skip(f"no mermaid build: {reason}")


_DIAGRAMS = (
    "JSON.stringify([...document.querySelectorAll('#pw-body .pw-diagram')].map(d => ({"
    " state: d.getAttribute('data-state'),"
    " svg: d.querySelectorAll('.pw-diagram-figure > svg').length,"
    " labels: [...d.querySelectorAll('svg foreignObject, svg text')]"
    ".map(e => e.textContent.trim()),"
    " note: (d.querySelector('.pw-diagram-note') || {}).innerText || '',"
    " source: d.querySelector('.pw-diagram-source').innerText,"
    " sourceShown: d.querySelector('.pw-diagram-source').offsetHeight > 0 })))"
)


def _diagrams(qtbot: Any, pane: Any) -> list[dict[str, Any]]:
    return list(json.loads(page_eval(qtbot, pane, _DIAGRAMS)))


def _settled(qtbot: Any, pane: Any, count: int = 1) -> list[dict[str, Any]]:
    """The diagrams once none is waiting for a drawing."""
    box: dict[str, list[dict[str, Any]]] = {}

    def settled() -> bool:
        found = _diagrams(qtbot, pane)
        box["found"] = found
        return len(found) == count and all(
            d["state"] in {"drawn", "error", "unavailable"} for d in found
        )

    qtbot.waitUntil(settled, timeout=30_000)
    return box["found"]


def test_the_window_preview_draws_a_mermaid_block_as_svg(
    needs_mermaid: None, qtbot: Any, window: Any, tmp_path: Path
) -> None:
    post = tmp_path / "flow.md"
    post.write_text(POST, encoding="utf-8")
    with qtbot.waitSignal(window.preview.patched, timeout=20_000):
        window.open_path(post)
    (diagram,) = _settled(qtbot, window.preview)
    assert diagram["state"] == "drawn"
    assert diagram["svg"] == 1
    assert {"Draft", "Ready?", "Publish", "yes"} <= set(diagram["labels"])
    assert not diagram["sourceShown"]  # the drawing stands in for the source
    # drawn in Postwright's world: the page's own JavaScript is still off
    assert page_eval(qtbot, window.preview, "typeof window.mermaid") == "object"
    page_js = (
        window.preview.page()
        .settings()
        .testAttribute(window.preview.page().settings().WebAttribute.JavascriptEnabled)
    )
    assert page_js is False


def test_an_error_shows_the_source_and_mermaids_message(
    needs_mermaid: None, qtbot: Any, pane: Any
) -> None:
    broken = "graph TD\n  A[Start] -->\n"
    show_result(qtbot, pane, Renderer().render_text(f"```mermaid\n{broken}```\n"))
    (diagram,) = _settled(qtbot, pane)
    assert diagram["state"] == "error"
    assert diagram["svg"] == 0
    assert diagram["note"].startswith("This diagram has an error, so it is shown as its source:")
    assert "Parse error on line" in diagram["note"]  # mermaid's own message
    assert diagram["source"] == broken.rstrip("\n")
    assert diagram["sourceShown"]
    # mermaid's own error drawing (the bomb) is nowhere, nor its scratch elements
    leftovers = "document.querySelectorAll('svg[aria-roledescription=error], [id^=dpw-]').length"
    assert page_eval(qtbot, pane, leftovers) == 0


def test_a_diagram_is_drawn_again_when_its_block_is_edited(
    needs_mermaid: None, qtbot: Any, pane: Any
) -> None:
    renderer = Renderer()
    show_result(qtbot, pane, renderer.render_text(POST))
    _settled(qtbot, pane)
    edited = POST.replace("Publish[Publish]", "Publish[Send it]")
    show_result(qtbot, pane, renderer.render_text(edited))
    qtbot.waitUntil(lambda: "Send it" in _settled(qtbot, pane)[0]["labels"], timeout=30_000)
    assert "Publish" not in _diagrams(qtbot, pane)[0]["labels"]


def test_typing_elsewhere_keeps_the_drawing_and_a_known_source_is_drawn_at_once(
    needs_mermaid: None, qtbot: Any, pane: Any
) -> None:
    renderer = Renderer()
    show_result(qtbot, pane, renderer.render_text(POST))
    _settled(qtbot, pane)
    page_eval(qtbot, pane, "document.querySelector('.pw-diagram svg').pwMark = 1; 1")
    show_result(
        qtbot, pane, renderer.render_text(POST.replace("A paragraph.", "A longer paragraph."))
    )
    assert page_eval(qtbot, pane, "document.querySelector('.pw-diagram svg').pwMark || 0") == 1

    other = POST.replace("Publish[Publish]", "Publish[Later]")
    show_result(qtbot, pane, renderer.render_text(other))
    qtbot.waitUntil(lambda: "Later" in _settled(qtbot, pane)[0]["labels"], timeout=30_000)
    # back to a source drawn before: from the cache, in the same patch
    show_result(qtbot, pane, renderer.render_text(POST))
    (diagram,) = _diagrams(qtbot, pane)
    assert diagram["state"] == "drawn"
    assert "Publish" in diagram["labels"]


def test_the_drawing_follows_the_theme(needs_mermaid: None, qtbot: Any, pane: Any) -> None:
    def appearance(*, dark: bool) -> None:
        pane.set_appearance(
            dark=dark,
            font_size=16,
            code_style_light="default",
            code_style_dark="github-dark",
            allow_remote_images=False,
        )

    fill = (
        "getComputedStyle(document.querySelector('.pw-diagram svg .node rect,"
        " .pw-diagram svg .node polygon')).fill"
    )
    appearance(dark=False)
    show_result(qtbot, pane, Renderer().render_text(POST))
    _settled(qtbot, pane)
    light = page_eval(qtbot, pane, fill)
    appearance(dark=True)
    qtbot.waitUntil(lambda: page_eval(qtbot, pane, fill) != light, timeout=30_000)
    assert _settled(qtbot, pane)[0]["state"] == "drawn"


def test_drawing_fetches_nothing_and_binds_no_clicks(
    needs_mermaid: None, qtbot: Any, pane: Any
) -> None:
    """A label's remote image is not loaded (remote images are not allowed); click lines bind
    nothing, and no link to a script is drawn."""
    server = _Server()
    try:
        source = (
            "graph TD\n  A[One] --> B[Two]\n"
            '  click A call alert("a")\n  click B "javascript:alert(1)"\n'
            f'  C["<img src={server.url}/dot.png>"]\n'
        )
        show_result(qtbot, pane, Renderer().render_text(f"```mermaid\n{source}```\n"))
        (diagram,) = _settled(qtbot, pane)
        assert diagram["state"] == "drawn"
        svg = page_eval(qtbot, pane, "document.querySelector('.pw-diagram svg').outerHTML")
        assert "javascript:" not in svg
        assert "onclick" not in svg.lower()
        assert "href=" not in svg  # a clickable node is an <a> without an address
        qtbot.wait(500)
        assert server.requests == []
    finally:
        server.stop()


def test_without_the_build_a_notice_says_why(
    qtbot: Any, pane: Any, tmp_path: Path, monkeypatch
) -> None:
    missing = MermaidBuild(tmp_path / "no-vendor")
    monkeypatch.setattr("editor.gui.preview.mermaid_build", lambda: missing)
    show_result(qtbot, pane, Renderer().render_text(POST))
    (diagram,) = _settled(qtbot, pane)
    assert diagram["state"] == "unavailable"
    assert diagram["note"].startswith(
        "Diagram not drawn: this copy of Postwright was installed without its mermaid build"
    )
    assert "make vendor" in diagram["note"]
    assert diagram["sourceShown"]
    assert diagram["source"] == FLOW.rstrip("\n")


def test_about_names_mermaid_and_its_licence(
    needs_mermaid: None, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window.about()
    (text,) = shown
    version = mermaid_build().version
    assert f"drawn with mermaid {version} (MIT licence; Copyright" in text
    assert mermaid_build().licence.resolve().as_uri() in text


def test_a_huge_diagram_is_refused_quickly_with_mermaids_message(
    needs_mermaid: None, qtbot: Any, pane: Any
) -> None:
    huge = "graph TD\n" + "".join(f"  N{n}[Node {n}] --> N{n + 1}\n" for n in range(3000))
    show_result(qtbot, pane, Renderer().render_text(f"```mermaid\n{huge}```\n"))
    (diagram,) = _settled(qtbot, pane)
    assert diagram["state"] == "error"
    assert "Maximum text size in diagram exceeded" in diagram["note"]
