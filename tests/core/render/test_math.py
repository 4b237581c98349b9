"""TeX typeset as MathML: every way of writing a formula, errors shown in place, hostile TeX
inert, and no formula that makes the preview wait."""

from __future__ import annotations

import re
import time

import pytest

from editor.core.render import Renderer, RenderResult, render
from editor.core.render.math import CACHE_SIZE, MAX_DEPTH, MAX_TEX, formula_html


def body(result: RenderResult) -> str:
    return "\n".join(block.html for block in result.blocks)


def maths(html: str) -> list[str]:
    """Every ``<math>`` element's opening tag."""
    return re.findall(r"<math\b[^>]*>", html)


# ---------------------------------------------------------------------------- forms


@pytest.mark.parametrize(
    "text",
    ["Energy $E=mc^2$ here.", "Energy \\(E=mc^2\\) here."],
    ids=["dollars", "round brackets"],
)
def test_inline_math_is_inline_mathml_in_the_paragraph(text: str) -> None:
    html = body(render(text))
    assert html == (
        '<p>Energy <span class="arithmatex"><math display="inline"><mrow><mi>E</mi><mo>=</mo>'
        "<mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow></math></span> here.</p>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "$$\n\\frac{a}{b}\n$$",
        "\\[\n\\frac{a}{b}\n\\]",
        "```math\n\\frac{a}{b}\n```",
        "$$\\frac{a}{b}$$",
    ],
    ids=["dollars", "square brackets", "math fence", "one line"],
)
def test_display_math_is_a_block_of_its_own(text: str) -> None:
    html = body(render(f"Before.\n\n{text}\n\nAfter."))
    assert (
        '<div class="arithmatex"><math display="block"><mrow><mfrac><mrow><mi>a</mi></mrow>'
        "<mrow><mi>b</mi></mrow></mfrac></mrow></math></div>"
    ) in html
    assert "\\frac" not in html
    assert "<p>After.</p>" in html


def test_an_environment_is_display_math() -> None:
    html = body(render("\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}"))
    assert maths(html) == ['<math display="block">']
    assert "<mtable" in html
    assert html.count("<mtr>") == 2


def test_display_dollars_inside_a_paragraph_are_typeset_too() -> None:
    """As KaTeX and MathJax read a Hugo post: ``$$`` right after a line of text."""
    html = body(render("Block math:\n$$\n\\varphi = 1+\\frac{1}{2}\n$$\n\nNext."))
    assert html.startswith('<p>Block math:\n<span class="arithmatex"><math display="block">')
    assert "<mi>φ</mi>" in html
    assert "$$" not in html


def test_escaped_dollars_stay_dollars() -> None:
    html = body(render("It costs \\$5 or \\$6, and `$x$` is code."))
    assert html == "<p>It costs $5 or $6, and <code>$x$</code> is code.</p>"


def test_math_in_a_list_item_and_a_table_cell() -> None:
    html = body(render("- item $x^2$\n\n| a | b |\n|---|---|\n| $y$ | 2 |"))
    assert len(maths(html)) == 2
    assert '<li>item <span class="arithmatex"><math display="inline">' in html
    assert '<td><span class="arithmatex"><math display="inline"><mrow><mi>y</mi>' in html


# ---------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("tex", "reason"),
    [
        ("\\frac{a", "a group, \\left or \\begin is never closed"),
        ("x^", "a ^ or _ with nothing after it"),
        ("\\left( x", "a group, \\left or \\begin is never closed"),
        ("\\frac", "it ends where more was expected"),
        ("x^2^3", "two superscripts in a row"),
        ("a}", "'}' without its opening"),
    ],
)
def test_a_formula_that_does_not_parse_shows_its_source_marked(tex: str, reason: str) -> None:
    html = body(render(f"Before ${tex}$ and *after*."))
    error = re.search(
        r'<span class="arithmatex pw-math-error" title="([^"]*)">([^<]*)</span>', html
    )
    assert error is not None, html
    assert reason in error.group(1).replace("&#x27;", "'")
    assert error.group(1).startswith("Cannot typeset this formula: ")
    assert error.group(2).replace("&amp;", "&") == f"\\({tex}\\)"
    assert "<em>after</em>" in html  # the rest of the paragraph renders
    assert "<math" not in html


def test_an_unknown_command_is_marked_inside_the_formula() -> None:
    html = body(render("See $\\notacommand{x} + \\eqref{one} = y \\label{two}$ here."))
    assert html == (
        '<p>See <span class="arithmatex" title="Unknown TeX commands: \\notacommand, \\eqref">'
        '<math display="inline"><mrow><merror><mtext>\\notacommand</mtext></merror><mrow>'
        "<mi>x</mi></mrow><mo>+</mo><merror><mtext>\\eqref</mtext></merror><mrow><mi>o</mi>"
        "<mi>n</mi><mi>e</mi></mrow><mo>=</mo><mi>y</mi></mrow></math></span> here.</p>"
    )


def test_a_display_formula_that_does_not_parse_is_a_marked_block() -> None:
    result = render("$$\n\\frac{a\n$$\n\nNext $x$ works.")
    first, second = result.blocks
    assert first.html.startswith('<div class="arithmatex pw-math-error" title="Cannot typeset')
    assert "\\[\\frac{a\\]" in first.html
    assert maths(second.html) == ['<math display="inline">']


# ---------------------------------------------------------------------------- hostile TeX


def test_tex_text_cannot_smuggle_markup() -> None:
    html = body(render("$\\text{<script>alert(1)</script><img src=x onerror=alert(2)>}$"))
    assert "<script" not in html
    assert "<img" not in html
    assert "<mtext>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img&nbsp;src=x" in html


@pytest.mark.parametrize(
    "tex",
    [
        "\\href{javascript:alert(1)}{x}",
        "\\style{background:url(https://example.org/t.png)}{x}",
        "\\class{pw-excerpt-end}{x}",
        "\\href{https://example.org/}{x}",
    ],
)
def test_tex_links_styles_and_classes_are_dropped(tex: str) -> None:
    html = body(render(f"See ${tex}$."))
    assert maths(html) == ['<math display="inline">']
    math_part = html[html.index("<math") :]
    assert "href" not in math_part
    assert "style" not in math_part
    assert "class" not in math_part
    assert "javascript" not in html
    assert "example.org" not in html
    assert "<mi>x</mi>" in html


def test_mathml_written_by_hand_is_sanitised_too() -> None:
    html = body(
        render(
            '<p><math><mi href="javascript:alert(1)" onclick="alert(2)">x</mi>'
            "<mtext><script>alert(3)</script></mtext>"
            '<mtext><table><mglyph><style><img src=x onerror="alert(4)"></style></mglyph>'
            "</table></mtext></math></p>"
        )
    )
    assert "<math><mi>x</mi>" in html
    for bad in ("javascript", "onclick", "<script", "alert(3)", "onerror", "<img", "<style"):
        assert bad not in html


def _timed(text: str) -> tuple[str, float]:
    start = time.perf_counter()
    html = body(render(text))
    return html, time.perf_counter() - start


def test_a_huge_formula_is_refused_at_once() -> None:
    tex = " + ".join(f"x_{{{i}}}^2" for i in range(20_000))
    html, seconds = _timed(f"$$\n{tex}\n$$")
    assert seconds < 1
    assert f"too long to typeset here ({len(tex):,} characters)" in html
    assert len(tex) > MAX_TEX


@pytest.mark.parametrize(
    "tex",
    [
        "{" * 20_000 + "x" + "}" * 20_000,
        "\\frac{" * 60 + "x" + "}{y}" * 60,
        "\\left(" * 60 + "x" + "\\right)" * 60,
    ],
    ids=["braces", "fractions", "left-right"],
)
def test_a_deeply_nested_formula_is_refused_at_once(tex: str) -> None:
    html, seconds = _timed(f"Deep ${tex}$ here.")
    assert seconds < 1
    assert f"nested more than {MAX_DEPTH} levels deep" in html or "too long" in html
    assert "<math" not in html
    assert "here.</p>" in html


def test_macros_that_expand_without_end_are_refused() -> None:
    defs = "\\newcommand{\\a}{xxxx}" + "".join(
        f"\\newcommand{{\\{chr(98 + i)}}}{{\\{chr(97 + i)}\\{chr(97 + i)}\\{chr(97 + i)}}}"
        for i in range(8)
    )
    html, seconds = _timed(f"${defs}\\i$ and $\\def\\x{{\\x}}\\x$")
    assert seconds < 1
    assert html.count("pw-math-error") == 2
    assert "its macros expand too deep" in html


def test_thousands_of_formulas_in_one_paragraph_are_typeset_up_to_a_budget() -> None:
    """Each formula is small, but typesetting 5,000 would hold a first render up for seconds;
    the ones past the block's budget show as TeX, the same whether typeset before or not."""
    text = " ".join(f"$x_{{{i}}}$" for i in range(5_000)) + "\n\nNext $y$."
    formula_html.cache_clear()
    html, seconds = _timed(text)
    assert seconds < 3
    first, second = html.split("\n")
    typeset = first.count("<math")
    assert 300 < typeset < 1_000
    assert first.count("pw-math-error") == 5_000 - typeset
    assert "more math in one paragraph or block than the preview typesets" in first
    assert second.count("<math") == 1  # the next block has a budget of its own
    assert _timed(text)[0] == html  # cached formulas count the same


# ---------------------------------------------------------------------------- counts and reuse


def test_a_formula_counts_as_one_word() -> None:
    result = render(
        "The sum $\\sum_{i=1}^{n} x_i^2 + \\alpha\\beta\\gamma$ is small.\n\n$$\na+b+c+d\n$$"
    )
    assert result.word_count == 6  # The sum [formula] is small [formula]


def test_typing_next_to_a_formula_does_not_typeset_it_again() -> None:
    formula_html.cache_clear()
    renderer = Renderer()
    text = "Intro $\\int_0^1 f(x)\\,dx$ and more."
    renderer.render(text)
    misses = formula_html.cache_info().misses
    for typed in ("!", "!!", "!!!"):
        result = renderer.render(text.replace("more.", f"more{typed}"))
        assert "<msubsup>" in body(result)
    assert formula_html.cache_info().misses == misses
    assert formula_html.cache_info().maxsize == CACHE_SIZE


def test_the_same_formula_inline_and_displayed_differs() -> None:
    html = body(render("Inline $x$.\n\n$$\nx\n$$"))
    assert maths(html) == ['<math display="inline">', '<math display="block">']
