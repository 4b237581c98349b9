"""``postwright render``: the preview page as a file, behind the same guard as the window."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.commands.run import one_line, postwright
from tests.conftest import alias_bomb


def test_render_writes_the_page(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: Sea\ndate: 2024-01-01\n---\n\nSome *fog* here.\n")
    page = tmp_path / "p.html"
    result = postwright("render", str(post), "-o", str(page))
    assert (result.returncode, result.stderr) == (0, "")
    assert "<em>fog</em>" in page.read_text()


@pytest.mark.parametrize(
    "size", [100_000, 190_000, 400_000, 5_000_000], ids=["100 KB", "190 KB", "400 KB", "5 MB"]
)
def test_a_paragraph_markdown_would_take_minutes_on_gives_the_notice_fast(
    tmp_path: Path, size: int
) -> None:
    """Before: 1.6 s for 100 KB, 22 s for 400 KB, over 60 s for 5 MB."""
    post = tmp_path / "p.md"
    paragraph = "ab *c* " * (size // 7)
    post.write_text(f"---\ntitle: T\ndate: 2024-01-01\n---\n\n{paragraph}\n")
    page = tmp_path / "p.html"
    result = postwright("render", str(post), "-o", str(page), timeout=30)
    assert result.seconds < 10
    assert result.returncode == 1
    message = one_line(result.stderr)
    assert message.startswith(f"{post}:1: not rendered: It has a paragraph of ")
    assert "emphasis marks, which Markdown would take seconds to read" in message
    html = page.read_text()
    assert "Preview off for this post" in html
    assert "<em>c</em>" not in html


def test_render_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Before: killed at 60 s with 6-8 GB."""
    post = tmp_path / "bomb.md"
    post.write_text(alias_bomb())
    result = postwright("render", str(post), "-o", str(tmp_path / "p.html"), timeout=20)
    assert result.returncode == 1
    assert result.seconds < 5
    assert one_line(result.stderr).startswith(f"{post}:7:5: the aliases in the front matter")
    assert not (tmp_path / "p.html").exists()


def _page_text(page: str) -> str:
    body = page[page.index("<body") :]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_shortcodes_and_liquid_tags_are_placeholders_by_the_posts_site(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "Blog"\n')
    post = tmp_path / "content" / "posts" / "p.md"
    post.parent.mkdir(parents=True)
    body = (
        "---\ntitle: Sea\ndate: 2024-01-01\n---\n\n"
        "{{< youtube ZJthWmvUzzc >}}\n\nRead {% post_url x %} too.\n\n"
        "Code: `{{< youtube abc >}}`\n"
    )
    post.write_text(body)
    page = tmp_path / "p.html"
    result = postwright("render", str(post), "-o", str(page))
    assert (result.returncode, result.stderr) == (0, "")
    text = _page_text(page.read_text())
    assert "Hugo shortcode: youtube ZJthWmvUzzc" in text
    assert "Read {% post_url x %} too." in text  # Liquid is not Hugo's
    assert "Code: {{< youtube abc >}}" in text
    assert 'class="pw-gen pw-gen-hugo"' in page.read_text()


def test_a_post_in_no_site_shows_every_kind_and_generator_picks_one(tmp_path: Path) -> None:
    post = tmp_path / "draft.md"
    post.write_text(
        "---\ntitle: Draft\n---\n\n{{< youtube a >}}\n\n{% include note.html %}\n\n"
        "{% raw %}{{ site.title }}{% endraw %}\n"
    )
    page = tmp_path / "p.html"
    assert postwright("render", str(post), "-o", str(page)).returncode == 0
    text = _page_text(page.read_text())
    assert "Hugo shortcode: youtube a" in text
    assert "Liquid tag: include note.html" in text
    assert "{{ site.title }}" in text
    assert "raw" not in text
    result = postwright("render", str(post), "--generator", "jekyll", "-o", str(page))
    assert result.returncode == 0
    text = _page_text(page.read_text())
    assert "{{< youtube a >}}" in text
    assert "Liquid tag: include note.html" in text


def test_a_renderer_failure_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """A bug in the renderer (here: the block renderer raising) gives one line and exit 1."""
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\ndate: 2024-01-01\n---\n\nSome text.\n")
    before = (
        "from editor.core.render import renderer\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('the renderer broke')\n"
        "renderer.Renderer._render_block = broken\n"
    )
    result = postwright("render", str(post), "-o", str(tmp_path / "p.html"), before=before)
    assert result.returncode == 1
    assert one_line(result.stderr) == f"{post}:1: cannot render: ValueError: the renderer broke"
    assert not (tmp_path / "p.html").exists()


def test_render_typesets_math_as_mathml_without_scripts(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(
        "---\ntitle: Sums\ndate: 2024-01-01\n---\n\n"
        "Inline $E=mc^2$ and \\(a^2\\).\n\n$$\n\\sum_{i=1}^{n} i\n$$\n\n"
        "Broken $\\frac{a$ and hostile $\\text{<script>alert(1)</script>}$ and "
        "$\\href{javascript:alert(2)}{x}$.\n"
    )
    page = tmp_path / "p.html"
    result = postwright("render", str(post), "-o", str(page))
    assert (result.returncode, result.stderr) == (0, "")
    html = page.read_text()
    article = html[html.index('<article id="pw-body"') : html.index("</article>")]
    assert article.count('<math display="inline">') == 4
    assert article.count('<math display="block">') == 1
    assert "<munderover><mo>∑</mo>" in article
    assert '<span class="arithmatex pw-math-error" title="Cannot typeset this formula: ' in article
    assert "<script" not in article
    assert "javascript" not in article
    assert html.count("<script") == 1  # the page's own script, pinned by the CSP
