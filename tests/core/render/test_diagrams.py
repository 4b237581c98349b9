"""Diagram fences: a ```mermaid block is a diagram block holding its source, script-free."""

from __future__ import annotations

from pathlib import Path

from editor.core.render import Renderer, render
from editor.core.render.diagrams import MermaidBuild, credits_html
from tests.commands.run import postwright

FLOW = "graph TD\n  A[Start] --> B{Ready?}\n  B -->|yes| C[Write]"


def test_a_mermaid_fence_is_a_diagram_block_with_its_escaped_source() -> None:
    result = render(f"Before.\n\n```mermaid\n{FLOW}\n```\n\nAfter.\n")
    assert [block.html for block in result.blocks] == [
        "<p>Before.</p>",
        (
            '<div class="pw-diagram" data-kind="mermaid"><pre class="pw-diagram-source"><code>'
            "graph TD\n  A[Start] --&gt; B{Ready?}\n  B --&gt;|yes| C[Write]</code></pre></div>"
        ),
        "<p>After.</p>",
    ]
    assert (result.blocks[1].line_start, result.blocks[1].line_end) == (3, 7)


def test_tilde_fences_and_fences_in_list_items_are_diagrams_too() -> None:
    html = render(f"~~~mermaid\n{FLOW}\n~~~\n\n- a step\n\n    ```mermaid\n    pie\n    ```\n").html
    assert html.count('class="pw-diagram" data-kind="mermaid"') == 2


def test_other_fences_stay_highlighted_code() -> None:
    html = render("```python\nprint(1)\n```\n").html
    assert "pw-diagram" not in html
    assert '<span class="nb">print</span>' in html


def test_markup_in_a_diagram_is_text_never_html() -> None:
    source = 'graph TD\n  A["<script>alert(1)</script>"] --> B["<img src=x onerror=alert(1)>"]'
    html = render(f"```mermaid\n{source}\n```\n").html
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_diagram_kind_written_as_html_is_kept_only_for_mermaid() -> None:
    html = render(
        '<div class="pw-diagram" data-kind="mermaid">a</div>\n\n'
        '<div class="pw-diagram" data-kind="evil" onclick="x()">b</div>\n'
    ).html
    assert 'data-kind="mermaid"' in html
    assert "evil" not in html
    assert "onclick" not in html


def test_diagram_source_is_not_counted_as_words() -> None:
    result = Renderer().render_text(f"Three words here.\n\n```mermaid\n{FLOW}\n```\n")
    assert result.word_count == 3


def test_render_command_shows_the_source_and_runs_nothing(tmp_path: Path) -> None:
    post = tmp_path / "flow.md"
    post.write_text(f"# Flow\n\n```mermaid\n{FLOW}\n```\n", encoding="utf-8")
    page = tmp_path / "flow.html"
    result = postwright("render", str(post), "-o", str(page))
    assert (result.returncode, result.stderr) == (0, "")
    html = page.read_text(encoding="utf-8")
    assert '<pre class="pw-diagram-source"><code>graph TD' in html
    assert "A[Start] --&gt; B{Ready?}" in html
    assert "mermaid.min.js" not in html
    assert "globalThis" not in html  # no mermaid build inlined
    assert html.count("<script") == 1  # the page's own pinned script, as without diagrams


def test_credits_name_mermaid_its_version_and_licence(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "mermaid"
    folder.mkdir()
    (folder / "mermaid.min.js").write_text("globalThis.mermaid = {};\n")
    (folder / "LICENSE").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Someone\n")
    (folder / "VERSION").write_text("12.3.0\n")
    monkeypatch.setattr("editor.core.render.diagrams.mermaid_build", lambda: MermaidBuild(folder))
    text = credits_html()
    assert "mermaid 12.3.0" in text
    assert "MIT licence" in text
    assert "Copyright (c) 2014 Someone" in text
    assert (folder / "LICENSE").resolve().as_uri() in text


def test_credits_say_when_the_build_is_missing(tmp_path: Path, monkeypatch) -> None:
    build = MermaidBuild(tmp_path / "nowhere")
    monkeypatch.setattr("editor.core.render.diagrams.mermaid_build", lambda: build)
    assert "does not include" in credits_html()
    reason = build.missing()
    assert reason is not None
    assert "mermaid.min.js is missing" in reason
