"""Splitting a body into blocks, and rendering block by block matching a whole-body render."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from editor.core.post import load_post
from editor.core.render import Renderer, render
from editor.core.render.blocks import split_blocks
from editor.core.render.markdown_env import extension_config
from editor.core.render.sanitize import clean_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "render"
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


def texts(body: str) -> list[str]:
    return [block.text for block in split_blocks(body)]


def test_paragraphs_headings_and_lines() -> None:
    blocks = split_blocks("\n\n# Title\n\nOne\nline two\n\n\nThree\n")
    assert [(b.text, b.first, b.last) for b in blocks] == [
        ("# Title", 2, 2),
        ("One\nline two", 4, 5),
        ("Three", 8, 8),
    ]


def test_never_split_before_an_indented_line() -> None:
    assert texts("- item\n\n    continued\n\n        code\n\nAfter\n") == [
        "- item\n\n    continued\n\n        code",
        "After",
    ]


def test_list_items_after_a_list_stay_in_it() -> None:
    assert texts("- a\n\n- b\n\n1. c\n\nPara\n\n- d\n") == ["- a\n\n- b\n\n1. c", "Para", "- d"]


def test_quotes_and_definitions_continue() -> None:
    assert texts("> a\n\n> b\n\nTerm\n\n: def\n\nOther\n") == [
        "> a\n\n> b",
        "Term\n\n: def",
        "Other",
    ]


def test_fences_with_blank_lines_are_kept_whole() -> None:
    body = "```python\na = 1\n\n\nb = 2\n```\n\nAfter\n"
    assert texts(body) == ["```python\na = 1\n\n\nb = 2\n```", "After"]


def test_an_unclosed_fence_is_not_a_fence() -> None:
    assert texts("```\ncode\n\nText\n") == ["```\ncode", "Text"]


def test_raw_html_blocks_and_comments_are_kept_whole() -> None:
    body = "<div markdown>\n\n*a*\n\n<div>\n\nb\n\n</div>\n\n</div>\n\n<!-- x\n\ny -->\n\nEnd\n"
    assert texts(body) == [
        "<div markdown>\n\n*a*\n\n<div>\n\nb\n\n</div>\n\n</div>",
        "<!-- x\n\ny -->",
        "End",
    ]


def test_definitions_between_list_items_do_not_end_the_list() -> None:
    assert texts("- a\n\n[^1]: note\n\n- b\n") == ["- a\n\n[^1]: note\n\n- b"]


def test_empty_body_has_no_blocks() -> None:
    assert split_blocks("") == []
    assert split_blocks("\n  \n\n") == []


def _whole_body_reference(body: str) -> str:
    """Python-Markdown over the whole body with the stock extensions our hooks replace."""
    names, configs = extension_config()
    configs = {
        **configs,
        "pymdownx.smartsymbols": {"fractions": False, "ordinal_numbers": False, "care_of": False},
    }
    md = markdown.Markdown(
        extensions=[*names, "toc", "footnotes", "pymdownx.smartsymbols"], extension_configs=configs
    )
    html = clean_html(md.convert(body))
    return re.sub(r'<div class="footnote">.*</div>\s*$', "", html, flags=re.DOTALL)


def _normal(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def _blockwise(path: Path) -> tuple[str, str]:
    post = load_post(path)
    result = render(post)
    mine = "\n".join(b.html for b in result.blocks if b.id != "footnotes")
    return _normal(mine), _normal(_whole_body_reference(post.body))


def test_block_by_block_equals_a_whole_body_render() -> None:
    mine, reference = _blockwise(FIXTURES / "features.md")
    assert mine == reference


def _corpus() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in {".md", ".markdown"})


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_posts_render_and_re_render_exactly(path: Path) -> None:
    post = load_post(path)
    renderer = Renderer()
    first = renderer.render(post)
    assert first == render(post)
    middle = len(post.text) // 2
    edited = post.text[:middle] + "\n\nAn inserted *paragraph*.\n\n" + post.text[middle:]
    assert renderer.render(edited) == render(edited)
