"""The preview page, the patches the window applies, and ``postwright render``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.post import load_post
from editor.core.render import Renderer, RenderResult, diff_blocks, render
from editor.core.render.diff import apply_patches
from editor.core.render.page import build_page, content_security_policy, header_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "render"
FEATURES = FIXTURES / "features.md"


def csp_of(page: str) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert match is not None
    return match.group(1).replace("&#x27;", "'")


# ---------------------------------------------------------------------------- page


def test_page_is_a_whole_document_with_every_block() -> None:
    result = render(load_post(FEATURES))
    page = build_page(result)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en" data-theme="light">' in page
    for block in result.blocks:
        assert (
            f'data-block="{block.id}" data-line-start="{block.line_start}" '
            f'data-line-end="{block.line_end}"'
        ) in page
    assert "<link" not in page
    assert "http://" not in page.split("<body>")[0].replace("http-equiv", "")


def test_page_inlines_css_for_both_themes_and_pygments() -> None:
    page = build_page(render(load_post(FEATURES)), theme="dark")
    assert '<html lang="en" data-theme="dark">' in page
    assert ':root[data-theme="dark"] {' in page
    assert ':root[data-theme="light"] .highlight .k' in page
    assert ':root[data-theme="dark"] .highlight .k' in page


def test_unknown_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        build_page(render("x"), theme="sepia")  # type: ignore[arg-type]


def test_csp_allows_only_the_page_script_and_local_images() -> None:
    page = build_page(render(load_post(FEATURES)))
    csp = csp_of(page)
    assert "default-src 'none'" in csp
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    assert "img-src 'self' file: data:" in csp
    assert "https:" not in csp
    assert "https:" in content_security_policy(allow_remote_images=True)


def test_csp_script_hash_matches_the_inlined_script() -> None:
    import base64
    import hashlib

    page = build_page(render("x"))
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp_of(page)


def test_header_shows_front_matter_title_date_and_tags() -> None:
    header = header_html(render(load_post(FEATURES)))
    assert '<h1 class="pw-title">Every feature the preview shows</h1>' in header
    assert '<time datetime="2024-03-09">9 March 2024</time>' in header
    assert "<li>testing</li><li>markdown</li>" in header


def test_title_from_the_body_heading_is_not_shown_twice() -> None:
    result = render("---\ndate: 2024-01-02\n---\n\n# My Title\n\nText.\n")
    assert result.title_source == "heading"
    page = build_page(result)
    assert page.count("My Title</h1>") == 1
    assert 'class="pw-title"' not in page
    assert "<title>My Title</title>" in page


def test_excerpt_divider_is_labelled() -> None:
    page = build_page(render(load_post(FEATURES)))
    assert page.count('class="pw-excerpt-end"') == 1
    assert "<span>End of the excerpt</span>" in page


def test_post_without_front_matter_has_a_hidden_header() -> None:
    assert header_html(render("Text.")) == '<header class="pw-header" hidden></header>'


# ---------------------------------------------------------------------------- patches


def _page(result: RenderResult) -> list[tuple[str, str]]:
    return [(block.id, block.element()) for block in result.blocks]


def test_editing_one_paragraph_is_one_replace() -> None:
    text = load_post(FEATURES).text
    renderer = Renderer()
    before = renderer.render(text)
    after = renderer.render(text.replace("Spouts pour.", "Spouts pour tea."))
    patches = diff_blocks(before, after)
    assert [p.op for p in patches] == ["replace"]
    assert "Spouts pour tea." in patches[0].html
    assert apply_patches(before.blocks, patches) == _page(after)


def test_adding_a_line_above_moves_later_blocks_by_lines_only() -> None:
    text = "# A\n\nOne.\n\nTwo.\n"
    before = render(text)
    after = render("# A\n\nOne.\nstill one.\n\nTwo.\n")
    patches = diff_blocks(before, after)
    assert [p.op for p in patches] == ["replace", "lines"]
    assert patches[1].to_json() == {"op": "lines", "id": after.blocks[2].id, "start": 6, "end": 6}
    assert apply_patches(before.blocks, patches) == _page(after)


def test_inserting_and_removing_blocks() -> None:
    before = render("One.\n\nTwo.\n")
    after = render("Zero.\n\nOne.\n\nOne and a half.\n")
    patches = diff_blocks(before, after)
    assert {p.op for p in patches} >= {"insert", "remove"} or {p.op for p in patches} >= {"replace"}
    assert apply_patches(before.blocks, patches) == _page(after)
    insert = next(p for p in patches if p.op == "insert")
    assert insert.to_json()["after"] in (None, *[b.id for b in after.blocks])


def test_new_footnote_number_replaces_the_citing_block() -> None:
    before = render("A[^b].\n\n[^b]: Bee.\n")
    after = render("Z[^a] first.\n\nA[^b].\n\n[^a]: Ay.\n\n[^b]: Bee.\n")
    patches = diff_blocks(before, after)
    assert apply_patches(before.blocks, patches) == _page(after)
    assert ">2</a></sup>" in after.blocks[1].html


# ---------------------------------------------------------------------------- CLI


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "render", *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )


def test_cli_writes_the_page_to_stdout() -> None:
    done = run_cli(str(FEATURES))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert "Every feature the preview shows" in done.stdout
    assert done.stderr == ""


def test_cli_writes_a_file_with_the_theme(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    done = run_cli(str(FIXTURES / "unsafe.md"), "-o", str(out), "--theme", "dark")
    assert done.returncode == 0
    assert done.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert 'data-theme="dark"' in page
    assert "Remote image from tracker.example.com" in page
    assert f"{FIXTURES / 'unsafe.md'}:13: warning: image" in done.stderr


def test_cli_missing_file_is_one_located_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    done = run_cli(str(missing))
    assert done.returncode == 1
    assert done.stderr.strip() == f"{missing}: no such file"
    assert "Traceback" not in done.stderr


def test_cli_bad_front_matter_is_located(tmp_path: Path) -> None:
    post = tmp_path / "bad.md"
    post.write_text("---\ntitle: [unclosed\n---\n\nText\n", encoding="utf-8")
    done = run_cli(str(post))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{post}:")
    assert "Traceback" not in done.stderr


def test_cli_unwritable_output_is_an_error(tmp_path: Path) -> None:
    done = run_cli(str(FEATURES), "-o", str(tmp_path / "no" / "such" / "dir" / "x.html"))
    assert done.returncode == 1
    assert "cannot write the page" in done.stderr
    assert "Traceback" not in done.stderr
