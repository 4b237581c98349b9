"""The rendering core as a reader sees it: HTML text, attributes, outline, warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.post import Post, load_post
from editor.core.render import Block, Renderer, RenderOptions, RenderResult, render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "render"


@pytest.fixture(scope="module")
def features() -> RenderResult:
    return render(load_post(FIXTURES / "features.md"))


def body_html(result: RenderResult) -> str:
    return "\n".join(block.html for block in result.blocks)


def block_with(result: RenderResult, needle: str) -> Block:
    return next(block for block in result.blocks if needle in block.html)


# ---------------------------------------------------------------------------- flavour


def test_tables_keep_column_alignment(features: RenderResult) -> None:
    table = block_with(features, "<table>").html
    assert '<th style="text-align:left">Kettle</th>' in table
    assert '<td style="text-align:right">1.5</td>' in table


def test_fenced_code_is_highlighted_with_css_classes(features: RenderResult) -> None:
    code = block_with(features, "language-python").html
    assert '<span class="k">def</span>' in code
    assert "style=" not in code


def test_unknown_fence_language_renders_as_plain_code(features: RenderResult) -> None:
    code = block_with(features, "qaStaH").html
    assert "<pre>" in code
    assert "qaStaH nuq?" in code


def test_footnotes_are_numbered_and_listed_at_the_end(features: RenderResult) -> None:
    first = features.blocks[0].html
    assert '<sup id="fnref:steam"><a class="footnote-ref" href="#fn:steam">1</a></sup>' in first
    last = features.blocks[-1]
    assert last.id == "footnotes"
    assert '<li id="fn:steam">' in last.html
    assert "Steam is hot" in last.html
    assert 'href="#fnref:steam"' in last.html


def test_reference_links_and_abbreviations_defined_at_the_end_apply_above(
    features: RenderResult,
) -> None:
    first = features.blocks[0].html
    assert '<a href="https://example.org/tea" title="Tea">reference link</a>' in first
    assert '<abbr title="World Health Organization">WHO</abbr>' in first


def test_admonitions_details_task_lists_and_definitions(features: RenderResult) -> None:
    html = body_html(features)
    assert '<div class="admonition warning">' in html
    assert '<p class="admonition-title">Hot water</p>' in html
    assert "<summary>More about spouts</summary>" in html
    assert 'type="checkbox"' in html
    assert "checked" in block_with(features, "fill the kettle").html
    assert "<dt>Kettle</dt>" in html
    assert "<dd>A pot for boiling water.</dd>" in html


def test_attr_list_and_markdown_inside_html(features: RenderResult) -> None:
    html = body_html(features)
    assert '<p id="custom-id">A paragraph with an id.</p>' in html
    assert '<div class="sidebar">' in html
    assert "<em>sidebar</em>" in html


def test_smart_symbols_and_math_typeset_as_mathml(features: RenderResult) -> None:
    html = body_html(features)
    assert "Copyright © 2024 → arrows and ± symbols." in html
    assert (
        '<span class="arithmatex"><math display="inline"><mrow><mi>E</mi><mo>=</mo><mi>m</mi>'
        "<msup><mi>c</mi><mn>2</mn></msup></mrow></math></span>"
    ) in html
    assert '<div class="arithmatex"><math display="block"><mrow><msup><mi>a</mi>' in html


def test_dates_and_ordinals_are_not_rewritten() -> None:
    html = body_html(render("On 1/2 of the 1st day, c/o me."))
    assert "On 1/2 of the 1st day, c/o me." in html


def test_duplicate_heading_ids_are_unique_across_the_post(features: RenderResult) -> None:
    ids = [heading.id for heading in features.headings]
    assert ids == ["tables", "code", "notes", "notes_1"]
    assert '<h2 id="notes_1">Notes</h2>' in body_html(features)


def test_headings_give_the_outline_with_file_lines(features: RenderResult) -> None:
    text = (FIXTURES / "features.md").read_text(encoding="utf-8").splitlines()
    for heading in features.headings:
        assert text[heading.line - 1] == "## " + heading.text
        assert heading.level == 2


def test_blocks_carry_file_line_ranges(features: RenderResult) -> None:
    text = (FIXTURES / "features.md").read_text(encoding="utf-8").splitlines()
    table = block_with(features, "<table>")
    assert text[table.line_start - 1].startswith("| Kettle")
    assert text[table.line_end - 1].startswith("| Steel")
    fence = block_with(features, "language-python")
    assert text[fence.line_start - 1] == "```python"
    assert text[fence.line_end - 1] == "```"


def test_block_ids_are_unique_and_stable(features: RenderResult) -> None:
    ids = [block.id for block in features.blocks]
    assert len(ids) == len(set(ids))
    again = render(load_post(FIXTURES / "features.md"))
    assert [block.id for block in again.blocks] == ids


def test_word_count_and_reading_time() -> None:
    result = render("one two three four\n\n```\nnot counted words here\n```\n", RenderOptions())
    assert result.word_count == 4
    assert result.reading_minutes == 1
    long = render(" ".join(["word"] * 660), RenderOptions(words_per_minute=220))
    assert long.word_count == 660
    assert long.reading_minutes == 3
    assert render("").reading_minutes == 0


def test_front_matter_values_come_with_the_result(features: RenderResult) -> None:
    assert features.title == "Every feature the preview shows"
    assert features.title_source == "front matter"
    assert str(features.date) == "2024-03-09"
    assert features.tags == ("testing", "markdown")


def test_a_string_is_read_as_a_whole_file() -> None:
    result = render("---\ntitle: T\n---\n\nHello *you*\n")
    assert result.blocks[0].html == "<p>Hello <em>you</em></p>"
    assert result.blocks[0].line_start == 5


def test_crlf_text_renders_like_lf() -> None:
    lf = render("# A\n\npara\n\n- x\n- y\n")
    crlf = render("# A\r\n\r\npara\r\n\r\n- x\r\n- y\r\n")
    assert [(b.html, b.line_start) for b in lf.blocks] == [
        (b.html, b.line_start) for b in crlf.blocks
    ]


def test_a_post_cannot_forge_the_renderers_placeholders() -> None:
    result = render("# zq7pwh0q\n\nText zq7pwn0q and fnrefzq7pwr0q.\n")
    html = body_html(result)
    assert "Text zq7" in html
    assert result.headings[0].text.replace("\u200b", "") == "zq7pwh0q"


# ---------------------------------------------------------------------------- excerpt


def test_excerpt_end_is_the_block_after_the_marker(features: RenderResult) -> None:
    assert features.excerpt_end == 1
    assert features.blocks[1].divider == "before"
    assert "End of the excerpt" in features.blocks[1].element()


def test_marker_inside_a_paragraph_ends_the_excerpt_after_it() -> None:
    result = render("Intro line\n<!--more-->\n\nRest.\n")
    assert result.excerpt_end == 1
    page = result.html
    assert page.index("Intro line") < page.index("End of the excerpt") < page.index("Rest.")
    assert page.count("End of the excerpt") == 2  # its label and its text


def test_marker_at_the_end_draws_the_divider_after_the_last_block() -> None:
    result = render("Intro.\n\n<!-- more -->\n")
    assert result.excerpt_end == 1
    assert result.blocks[-1].divider in {"before", "after"}


def test_no_marker_no_excerpt() -> None:
    result = render("Just text.\n")
    assert result.excerpt_end is None
    assert all(block.divider == "" for block in result.blocks)


def test_site_separator_counts_as_a_marker() -> None:
    result = render(
        "Intro.\n\n<!-- excerpt -->\n\nRest.\n",
        RenderOptions(excerpt_separators=("<!-- excerpt -->",)),
    )
    assert result.excerpt_end == 1


# ---------------------------------------------------------------------------- warnings


def test_marker_in_code_and_second_marker_are_warned_with_lines() -> None:
    text = "Intro\n\n<!-- more -->\n\n```\n<!-- more -->\n```\n\nMore\n\n<!-- more -->\n"
    result = render(text)
    found = {(w.code, w.line) for w in result.warnings}
    assert ("marker-in-code", 6) in found
    assert ("extra-marker", 11) in found
    assert result.excerpt_end == 1


def test_missing_local_image_and_link_are_warned(tmp_path: Path) -> None:
    (tmp_path / "there.png").write_bytes(b"png")
    (tmp_path / "other.md").write_text("x", encoding="utf-8")
    text = (
        "---\ntitle: T\n---\n\n"
        "![here](there.png)\n\n"
        "![gone](missing.png)\n\n"
        "[fine](other.md#part) and [broken](nowhere.md) and [web](https://example.org/x)\n"
    )
    post = Post.from_text(text, tmp_path / "post.md")
    result = render(post)
    missing = [(w.line, w.message) for w in result.warnings if w.code == "missing-file"]
    assert missing == [
        (7, "image 'missing.png' does not exist (relative to the post's folder)"),
        (9, "link target 'nowhere.md' does not exist (relative to the post's folder)"),
    ]


def test_file_checks_need_a_path() -> None:
    result = render("![gone](missing.png)\n")
    assert [w for w in result.warnings if w.code == "missing-file"] == []


def test_image_without_alt_text_is_warned() -> None:
    result = render("Text\n\n![](images/a.png)\n\n![ok](images/b.png)\n")
    assert [(w.code, w.line) for w in result.warnings] == [("image-alt", 3)]


# ---------------------------------------------------------------------------- safety


@pytest.fixture(scope="module")
def unsafe() -> RenderResult:
    return render(load_post(FIXTURES / "unsafe.md"))


def test_scripts_and_event_handlers_are_removed(unsafe: RenderResult) -> None:
    html = body_html(unsafe)
    assert "<script" not in html
    assert "owned" not in html
    assert "onclick" not in html
    assert "<p>Click me</p>" in html
    assert "<iframe" not in html


def test_javascript_links_are_neutralised(unsafe: RenderResult) -> None:
    html = body_html(unsafe)
    assert "javascript:" not in html
    assert "<a>a bad link</a>" in html


def test_remote_images_become_placeholders_naming_the_host(unsafe: RenderResult) -> None:
    html = body_html(unsafe)
    assert "<img" not in html
    assert "Remote image from tracker.example.com, not loaded: tracking pixel" in html
    assert "Remote image from cdn.example.net, not loaded" in html


def test_remote_images_load_when_allowed() -> None:
    result = render(load_post(FIXTURES / "unsafe.md"), RenderOptions(allow_remote_images=True))
    html = body_html(result)
    assert '<img src="https://tracker.example.com/pixel.png" alt="tracking pixel">' in html
    assert "Remote image from" not in html


def test_harmless_html_is_kept(unsafe: RenderResult) -> None:
    html = body_html(unsafe)
    assert "<details><summary>Open</summary>" in html
    assert "<kbd>Ctrl</kbd>" in html


def test_local_images_are_kept(features: RenderResult) -> None:
    assert '<img alt="A dot" src="images/dot.png">' in body_html(features)


# ---------------------------------------------------------------------------- renderer


def test_renderer_reuses_unchanged_blocks_and_matches_a_fresh_render() -> None:
    renderer = Renderer()
    text = "# T\n\nOne [x].\n\nTwo.\n\n[x]: /a\n"
    renderer.render(text)
    edited = text.replace("[x]: /a", "[x]: /b")
    again = renderer.render(edited)
    fresh = render(edited)
    assert again == fresh
    assert '<a href="/b">x</a>' in again.blocks[1].html


def test_block_at_line(features: RenderResult) -> None:
    table = block_with(features, "<table>")
    assert features.block_at_line(table.line_start + 1) == table
    assert features.block_at_line(1) == features.blocks[0]


def test_block_element_carries_id_and_lines(features: RenderResult) -> None:
    block = block_with(features, "<table>")
    element = block.element()
    assert re.match(
        rf'<div class="pw-block" data-block="{block.id}" '
        rf'data-line-start="{block.line_start}" data-line-end="{block.line_end}">',
        element,
    )


def test_links_and_images_that_are_no_urls_render() -> None:
    """An address like //[ reads as a broken IPv6 host to urllib, which raised out of the
    render."""
    result = render("[a link](//[) and ![a picture](//[x)\n")
    assert '<a href="//[">a link</a>' in result.html
    assert "Remote image from another site, not loaded: a picture" in result.html
