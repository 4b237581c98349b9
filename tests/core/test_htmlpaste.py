"""Rich text from the clipboard, as markdown."""

from __future__ import annotations

import time

from editor.core.htmlpaste import MAX_HTML_CHARS, html_to_markdown


def test_a_web_page_selection_becomes_markdown() -> None:
    html = (
        "<html><head><title>The page's title</title><style>p{color:red}</style></head><body>"
        "<!--StartFragment--><h2>Tides <em>today</em></h2>"
        "<p>The <strong>high</strong> tide, see <a href='https://tides.example/x'>the table</a>."
        "<br>Next line.</p>"
        "<ul><li>one</li><li>two</li></ul>"
        "<pre><code class='language-python'>def f(a_b):\n    return a_b * 2\n</code></pre>"
        "<script>alert('no')</script><!--EndFragment--></body></html>"
    )
    assert html_to_markdown(html) == (
        "## Tides *today*\n\n"
        "The **high** tide, see [the table](https://tides.example/x).\\\n"
        "Next line.\n\n"
        "- one\n- two\n\n"
        "```python\ndef f(a_b):\n    return a_b * 2\n```"
    )


def test_styled_plain_text_is_not_converted() -> None:
    # a code editor copies coloured spans: converting them would escape the code's underscores
    assert html_to_markdown('<div><span style="color:#c00">def</span> snake_case()</div>') is None


def test_too_large_or_too_deep_html_is_pasted_as_plain_text() -> None:
    assert html_to_markdown("<p>" + "x" * MAX_HTML_CHARS + "</p>") is None
    started = time.perf_counter()
    deep = "<p>" + "<b>" * 20_000 + "deep" + "</b>" * 20_000 + "</p>"
    converted = html_to_markdown(deep)
    assert converted is None or "deep" in converted
    assert time.perf_counter() - started < 10
