"""The preview page as the writer sees it: patched edit by edit, and remote images loaded only
when allowed (and then nothing else remote)."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from editor.core.render import Renderer, RenderOptions, RenderResult
from tests.gui.conftest import page_eval, show_result

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class _Server:
    """An HTTP server on 127.0.0.1 that serves a 1x1 PNG and remembers every request."""

    def __init__(self) -> None:
        requests: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                body = PIXEL if self.path.endswith(".png") else b"body { color: red }"
                self.send_response(200)
                kind = "image/png" if self.path.endswith(".png") else "text/css"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.requests = requests
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.stop()


def _appearance(pane: Any, *, allow: bool) -> None:
    pane.set_appearance(
        dark=False,
        font_size=16,
        code_style_light="default",
        code_style_dark="github-dark",
        allow_remote_images=allow,
    )


def _images(qtbot: Any, pane: Any) -> list[list[Any]]:
    code = "JSON.stringify([...document.images].map(i => [i.src, i.complete, i.naturalWidth]))"
    return list(json.loads(page_eval(qtbot, pane, code)))


def test_remote_images_load_when_allowed(qtbot: Any, pane: Any, server: _Server) -> None:
    _appearance(pane, allow=True)
    options = RenderOptions(allow_remote_images=True)
    result = Renderer(options).render(f"A picture:\n\n![a dot]({server.url}/dot.png)\n")
    show_result(qtbot, pane, result)
    qtbot.waitUntil(lambda: _images(qtbot, pane)[:1] == [[f"{server.url}/dot.png", True, 1]])
    assert server.requests == ["/dot.png"]


def test_remote_images_stay_placeholders_when_not_allowed(
    qtbot: Any, pane: Any, server: _Server
) -> None:
    _appearance(pane, allow=False)
    result = Renderer().render(f"A picture:\n\n![a dot]({server.url}/dot.png)\n")
    show_result(qtbot, pane, result)
    text = page_eval(qtbot, pane, "document.body.innerText")
    assert "Remote image from 127.0.0.1, not loaded: a dot" in text
    assert _images(qtbot, pane) == []
    qtbot.wait(300)
    assert server.requests == []


def test_allowed_remote_images_let_nothing_else_out(qtbot: Any, pane: Any, server: _Server) -> None:
    """With images allowed, a stylesheet or a fetch still never reaches the network."""
    _appearance(pane, allow=True)
    options = RenderOptions(allow_remote_images=True)
    result = Renderer(options).render(f"![a dot]({server.url}/dot.png)\n")
    show_result(qtbot, pane, result)
    qtbot.waitUntil(lambda: server.requests == ["/dot.png"], timeout=10_000)
    page_eval(
        qtbot,
        pane,
        f"(function () {{ var l = document.createElement('link'); l.rel = 'stylesheet';"
        f" l.href = '{server.url}/style.css'; document.head.appendChild(l);"
        f" fetch('{server.url}/data.css').catch(function () {{}}); return 1; }})()",
    )
    qtbot.wait(500)
    assert server.requests == ["/dot.png"]


def _page_blocks(qtbot: Any, pane: Any) -> list[list[Any]]:
    code = (
        "JSON.stringify([...document.querySelectorAll('#pw-body > [data-block]')].map(e =>"
        " [e.getAttribute('data-block'), +e.getAttribute('data-line-start'),"
        " +e.getAttribute('data-line-end'), e.textContent.length]))"
    )
    return list(json.loads(page_eval(qtbot, pane, code)))


def _expected(qtbot: Any, pane: Any, result: RenderResult) -> list[list[Any]]:
    """What a page loaded afresh with ``result`` holds."""
    from editor.gui.preview import PreviewPane

    fresh = PreviewPane()
    fresh.resize(700, 600)
    try:
        show_result(qtbot, fresh, result)
        return _page_blocks(qtbot, fresh)
    finally:
        fresh.shutdown()
        fresh.deleteLater()


def test_edits_patch_the_page_into_what_a_fresh_page_shows(qtbot: Any, pane: Any) -> None:
    text = "# Title\n\n" + "\n\n".join(f"Paragraph {n} about the sea." for n in range(40)) + "\n"
    renderer = Renderer()
    result = renderer.render_text(text)
    show_result(qtbot, pane, result)
    at = text.index("Paragraph 20") + len("Paragraph")
    edits = [" long", "\n", "\n\nA new paragraph.", "\n\n- a list\n- of two"]
    for typed in edits:
        text = text[:at] + typed + text[at:]
        result = renderer.render_text(text)
        assert result.change is not None
        show_result(qtbot, pane, result)
    shown = _page_blocks(qtbot, pane)
    assert [row[:3] for row in shown] == [
        [block.id, block.line_start, block.line_end] for block in result.blocks
    ]
    assert shown == _expected(qtbot, pane, result)


def test_generator_tags_show_as_their_labelled_placeholders(qtbot: Any, pane: Any) -> None:
    """What the preview shows for a shortcode, a Liquid tag, raw text and code."""
    _appearance(pane, allow=False)
    text = (
        "{{< youtube ZJthWmvUzzc >}}\n\n"
        "Read {% post_url 2024-01-01-fog %} on {{ site.title }}.\n\n"
        "{% raw %}\nKept {{ as.written }}.\n\nStill {% raw_text %}.\n{% endraw %}\n\n"
        "`{{< not in code >}}`\n"
    )
    show_result(qtbot, pane, Renderer().render(text))
    shown = page_eval(qtbot, pane, "document.getElementById('pw-body').innerText")
    lines = [line.strip() for line in shown.split("\n") if line.strip()]
    assert lines == [
        "Hugo shortcode: youtube ZJthWmvUzzc",
        "Read Liquid tag: post_url 2024-01-01-fog on Liquid output site.title.",
        "Kept {{ as.written }}.",
        "Still {% raw_text %}.",
        "{{< not in code >}}",
    ]
    style = page_eval(
        qtbot,
        pane,
        "(function () { var e = document.querySelector('.pw-gen'), s = getComputedStyle(e);"
        " return JSON.stringify([s.borderTopStyle, getComputedStyle("
        "e.querySelector('.pw-gen-args')).fontFamily.indexOf('monospace') >= 0]); })()",
    )
    assert json.loads(style) == ["dashed", True]


def _order(qtbot: Any, pane: Any) -> list[str]:
    """The page's excerpt divider, rules, paragraphs and headings, in document order."""
    code = (
        "JSON.stringify([...document.querySelectorAll('#pw-body .pw-excerpt-end, #pw-body hr,"
        " #pw-body p, #pw-body h2')].map(e => e.classList.contains('pw-excerpt-end') ?"
        " 'divider' : e.tagName.toLowerCase() + (e.tagName == 'HR' ? '' : ':' +"
        " e.textContent.trim())))"
    )
    return list(json.loads(page_eval(qtbot, pane, code)))


def test_the_excerpt_divider_sits_before_the_rule_the_marker_precedes(
    qtbot: Any, pane: Any
) -> None:
    """A Hugo post: intro, ``<!--more-->``, then a ``---`` rule, with no blank line between."""
    text = "---\ntitle: Post\n---\n\nIntro text.\n<!--more-->\n---\n\n## Next\n\nBody.\n"
    renderer = Renderer()
    show_result(qtbot, pane, renderer.render_text(text))
    expected = ["p:Intro text.", "divider", "hr", "h2:Next", "p:Body."]
    assert _order(qtbot, pane) == expected
    text = text.replace("Body.", "Body, edited.")
    result = renderer.render_text(text)
    assert result.change is not None
    show_result(qtbot, pane, result)
    assert _order(qtbot, pane) == [*expected[:-1], "p:Body, edited."]
    text = text.replace("<!--more-->\n", "\n").replace("## Next\n", "## Next\n<!--more-->\n")
    show_result(qtbot, pane, renderer.render_text(text))
    assert _order(qtbot, pane) == ["p:Intro text.", "hr", "h2:Next", "divider", "p:Body, edited."]


def test_math_is_drawn_as_mathml_without_any_script(qtbot: Any, pane: Any) -> None:
    text = "Energy $E=mc^2$ here.\n\n$$\n\\frac{a}{b}\n$$\n\nBad $\\frac{a$ formula.\n"
    show_result(qtbot, pane, Renderer().render_text(text))
    code = (
        "JSON.stringify([...document.querySelectorAll('#pw-body math')].map(m => {"
        " const r = m.getBoundingClientRect(); return [m.namespaceURI,"
        " m.getAttribute('display'), r.width > 0 && r.height > 0, getComputedStyle(m).display];"
        " }))"
    )
    shown = json.loads(page_eval(qtbot, pane, code))
    mathml = "http://www.w3.org/1998/Math/MathML"
    assert [row[:3] for row in shown] == [[mathml, "inline", True], [mathml, "block", True]]
    assert shown[1][3].startswith("block")
    error = json.loads(
        page_eval(
            qtbot,
            pane,
            "JSON.stringify([...document.querySelectorAll('.pw-math-error')].map(e =>"
            " [e.textContent, e.title]))",
        )
    )
    assert error == [["\\(\\frac{a\\)", error[0][1]]]
    assert error[0][1].startswith("Cannot typeset this formula:")
    assert page_eval(qtbot, pane, "document.querySelectorAll('#pw-body script').length") == 0
