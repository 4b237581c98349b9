"""TeX in a post, typeset as MathML, which the preview's browser engine draws by itself.

pymdownx.arithmatex finds the formulas (``$...$``, ``\\(...\\)``, ``$$...$$``, ``\\[...\\]``,
``\\begin{env}...\\end{env}`` and the ``math`` fence); :class:`MathExtension` swaps its output
for MathML from latex2mathml, so the preview needs no page script and nothing remote. A
``$$...$$`` inside a paragraph is display math too, as KaTeX and MathJax read it.

latex2mathml's own serialiser writes ``\\text{...}`` and attribute values unescaped, so the
element tree it builds is written out here instead: only MathML elements and presentation
attributes, text escaped, no links, styles or classes. A formula that cannot be typeset (TeX
latex2mathml rejects, an unknown command, unbalanced braces, a formula too long or nested too
deep to be worth the wait) shows its source, marked (``pw-math-error``, the reason in its
title); it never breaks the block around it. Conversions are kept per formula
(:func:`formula_html`, a bounded cache), so typing next to math does not typeset it again.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from latex2mathml.converter import Converter
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from pymdownx.arithmatex import BlockArithmatexProcessor, InlineArithmatexPattern

#: longer formulas are not typeset (latex2mathml takes about 10 ms per 1,000 characters)
MAX_TEX = 5_000
#: deeper nesting of groups, ``\left``/``\right`` and environments is not typeset
MAX_DEPTH = 50
#: formulas whose HTML is kept
CACHE_SIZE = 2_048

ERROR_CLASS = "pw-math-error"

#: the elements latex2mathml writes (anything else becomes an ``mrow``)
ELEMENTS = frozenset({
    "math", "menclose", "merror", "mfrac", "mi", "mmultiscripts", "mn", "mo", "mover",
    "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mspace", "msqrt", "mstyle",
    "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none",
})  # fmt: skip
#: presentation attributes only: no ``href``, ``style``, ``class`` or ``xmlns``
ATTRIBUTES = frozenset({
    "accent", "accentunder", "columnalign", "columnlines", "columnspacing", "columnspan",
    "depth", "display", "displaystyle", "fence", "form", "frame", "height", "largeop",
    "linebreak", "linethickness", "lspace", "mathbackground", "mathcolor", "mathsize",
    "mathvariant", "maxsize", "minsize", "movablelimits", "notation", "rowalign", "rowlines",
    "rowspacing", "rowspan", "rspace", "scriptlevel", "separator", "stretchy", "symmetric",
    "voffset", "width",
})  # fmt: skip

_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}));")
_UNKNOWN = re.compile(r"\\[A-Za-z]+")
_GROUPS = re.compile(r"\\[{}]|\\(?:left|right)(?![A-Za-z])|\\(?:begin|end)\{[^{}]*\}|[{}]")


class FormulaError(Exception):
    """Why a formula is shown as source."""


def _char(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _text(value: str) -> str:
    """latex2mathml's text holds character references as markup: make them characters, and
    escape everything else."""
    return html.escape(_NUMERIC_REF.sub(_char, value), quote=False)


def _check(tex: str) -> None:
    """Refuse what would take too long or could never come out right."""
    if len(tex) > MAX_TEX:
        raise FormulaError(f"too long to typeset here ({len(tex):,} characters)")
    depth = 0
    deepest = 0
    for m in _GROUPS.finditer(tex):
        token = m.group()
        if token in {"\\{", "\\}"}:
            continue
        if token in {"{", "\\left"} or token.startswith("\\begin"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
            if depth < 0:
                raise FormulaError(f"'{token}' without its opening")
    if deepest > MAX_DEPTH:
        raise FormulaError(f"nested more than {MAX_DEPTH} levels deep")
    if depth > 0:
        raise FormulaError("a group, \\left or \\begin is never closed")


def _serialise(root: Element) -> str:
    """``root`` as MathML, element by element (no recursion: nesting is bounded, but cheaply)."""
    out: list[str] = []
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if element.tag in ELEMENTS else "mrow"
        if closing:
            out.append(f"</{tag}>")
            if element.tail:
                out.append(_text(element.tail))
            continue
        attrs = "".join(
            f' {name}="{html.escape(_NUMERIC_REF.sub(_char, str(value)))}"'
            for name, value in element.attrib.items()
            if name in ATTRIBUTES
        )
        out.append(f"<{tag}{attrs}>")
        if element.text:
            text = element.text
            if tag in {"mi", "mo"} and _UNKNOWN.fullmatch(text):
                raise FormulaError(f"unknown command {text}")
            out.append(_text(text))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return "".join(out)


def to_mathml(tex: str, *, display: bool = False) -> str:
    """``tex`` as a ``<math>`` element; raises :class:`FormulaError` when it cannot be."""
    _check(tex)
    mode = "block" if display else "inline"
    try:
        root = Converter(display=mode).convert_to_element(tex)
    except RecursionError as exc:
        raise FormulaError("its macros expand too deep") from exc
    except Exception as exc:  # latex2mathml raises many kinds, all meaning "bad TeX"
        raise FormulaError(_reason(exc)) from exc
    return _serialise(root)


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name.removesuffix("Error")).lower()
    detail = str(exc).strip()
    known = {
        "NumeratorNotFoundError": "a fraction without its numerator",
        "DenominatorNotFoundError": "a fraction without its denominator",
        "ExtraLeftOrMissingRightError": "a \\left without its \\right",
        "MissingSuperScriptOrSubscriptError": "a ^ or _ with nothing after it",
        "DoubleSubscriptsError": "two subscripts in a row (use braces)",
        "DoubleSuperscriptsError": "two superscripts in a row (use braces)",
        "NoAvailableTokensError": "it ends where more was expected",
        "MissingEndError": "a \\begin without its \\end",
    }
    if name in known:
        return known[name]
    return f"{words}: {detail}" if detail else words


@lru_cache(maxsize=CACHE_SIZE)
def formula_html(tex: str, display: bool, block: bool) -> str:
    """The HTML for one formula: its MathML (``display`` math or inline) in a ``div`` (a
    ``block`` of its own) or a ``span``, or its source marked as an error. Safe as it is:
    everything in it was escaped here."""
    tag = "div" if block else "span"
    try:
        mathml = to_mathml(tex, display=display)
    except FormulaError as exc:
        source = f"\\[{tex}\\]" if display else f"\\({tex}\\)"
        title = html.escape(f"Cannot typeset this formula: {exc}")
        return (
            f'<{tag} class="arithmatex {ERROR_CLASS}" title="{title}">'
            f"{html.escape(source, quote=False)}</{tag}>"
        )
    return f'<{tag} class="arithmatex">{mathml}</{tag}>'


# ---------------------------------------------------------------------------- Markdown


class _InlineMath(InlineArithmatexPattern):
    """arithmatex's inline pattern, writing MathML."""

    def __init__(self, pattern: str, config: dict[str, Any], md: Markdown) -> None:
        super().__init__(pattern, config)
        self.md = md
        before, _, after = self.wrap.partition("{}")
        self._before = before.replace("{{", "{").replace("}}", "}")
        self._after = after.replace("{{", "{").replace("}}", "}")

    def handleMatch(  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], data: str
    ) -> tuple[Any, int, int]:
        found, start, end = super().handleMatch(m, data)
        if not isinstance(found, Element):  # escaped backslashes
            return found, start, end
        text = str(found.text or "")
        tex = text[len(self._before) : len(text) - len(self._after)]
        return self.md.htmlStash.store(formula_html(tex, False, False)), start, end


class _DisplayDollars(InlineProcessor):
    """``$$...$$`` inside a paragraph: display math, as KaTeX and MathJax read it."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(r"(?<!\\)\$\$(?!\$)((?:\\.|[^\\$])+?)(?<!\\)\$\$", md)

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], _data: str
    ) -> tuple[str, int, int]:
        assert self.md is not None
        found = formula_html(m.group(1).strip(), True, False)
        return self.md.htmlStash.store(found), m.start(0), m.end(0)


class _BlockMath(BlockArithmatexProcessor):
    """arithmatex's block processor, writing MathML."""

    def generic_output(self, parent: Element, math: str) -> None:
        paragraph = Element("p")
        paragraph.text = self.parser.md.htmlStash.store(formula_html(math.strip("\n"), True, True))
        parent.append(paragraph)


def fence_format(
    source: str,
    language: str,
    class_name: str,
    options: dict[str, Any],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """A superfences formatter: a ``math`` fence is display math."""
    del language, class_name, options, md, kwargs
    return formula_html(source.strip("\n"), True, True)


def custom_fences() -> list[dict[str, Any]]:
    """superfences' ``custom_fences`` entry for the ``math`` fence."""
    return [{"name": "math", "class": "arithmatex", "format": fence_format}]


class MathExtension(Extension):
    """Put after ``pymdownx.arithmatex`` (generic mode): its patterns, MathML out."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        config = next(
            (
                ext.getConfigs()
                for ext in md.registeredExtensions
                if ext.__class__.__name__ == "ArithmatexExtension"
            ),
            None,
        )
        if config is None:
            raise ValueError("MathExtension needs pymdownx.arithmatex before it")
        inline = md.inlinePatterns["arithmatex-inline"]
        md.inlinePatterns.register(
            _InlineMath(inline.pattern, config, md), "arithmatex-inline", 189.9
        )
        md.inlinePatterns.register(_DisplayDollars(md), "pw-display-dollars", 190)
        block = md.parser.blockprocessors["arithmatex-block"]
        if not isinstance(block, BlockArithmatexProcessor):
            raise TypeError("arithmatex-block is not arithmatex's block processor")
        md.parser.blockprocessors.register(
            _BlockMath(block.pattern.pattern, config, md), "arithmatex-block", 79.9
        )
