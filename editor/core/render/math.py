"""TeX in a post, typeset as MathML, which the preview's browser engine draws by itself.

pymdownx.arithmatex finds the formulas (``$...$``, ``\\(...\\)``, ``$$...$$``, ``\\[...\\]``,
``\\begin{env}...\\end{env}`` and the ``math`` fence); :class:`MathExtension` swaps its output
for MathML from latex2mathml, so the preview needs no page script and nothing remote. A
``$$...$$`` inside a paragraph is display math too, as KaTeX and MathJax read it.

latex2mathml's own serialiser writes ``\\text{...}`` and attribute values unescaped, so the
element tree it builds is written out here instead: only MathML elements and presentation
attributes, text escaped, no links, styles or classes. A formula that cannot be typeset (TeX
latex2mathml rejects, unbalanced braces, a formula too long or nested too deep to be worth the
wait, more math in one block than its budget) shows its source, marked (``pw-math-error``, the
reason in its title); it never breaks the block around it. A command latex2mathml does not
know is drawn as an ``merror`` inside its formula. Conversions are kept per formula
(:func:`formula_html`, a bounded cache), so typing next to math does not typeset it again.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from pymdownx.arithmatex import BlockArithmatexProcessor, InlineArithmatexPattern

#: longer formulas are not typeset (latex2mathml takes about 10 ms per 1,000 characters)
MAX_TEX = 5_000
#: deeper nesting of groups, ``\left``/``\right`` and environments is not typeset
MAX_DEPTH = 50
#: the math typeset in one block at most, in characters of TeX plus :data:`FORMULA_COST` a
#: formula (about a quarter of a second); the formulas past it show as source: a paragraph of
#: thousands of formulas would otherwise hold a first render up for seconds
MAX_BLOCK_MATH = 20_000
#: what typesetting a formula costs besides its length (latex2mathml takes about 0.35 ms for
#: the smallest formula, 12 µs a character)
FORMULA_COST = 30
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
#: a cross-reference label draws nothing (latex2mathml would draw its name)
_LABEL = re.compile(r"\\label\{[^{}]*\}")
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


def _serialise(root: Element, unknown: list[str]) -> str:
    """``root`` as MathML, element by element (no recursion: nesting is bounded, but cheaply).
    A command latex2mathml did not know becomes an ``merror`` and is added to ``unknown``."""
    out: list[str] = []
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if element.tag in ELEMENTS else "mrow"
        text = element.text or ""
        if not closing and tag in {"mi", "mo"} and _UNKNOWN.fullmatch(text):
            unknown.append(text)
            out.append(f"<merror><mtext>{_text(text)}</mtext></merror>")
            if element.tail:
                out.append(_text(element.tail))
            continue
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
        if text:
            out.append(_text(text))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return "".join(out)


def to_mathml(tex: str, *, display: bool = False) -> tuple[str, tuple[str, ...]]:
    """``tex`` as a ``<math>`` element, and the commands in it latex2mathml does not know
    (each drawn as an ``merror``); raises :class:`FormulaError` when it cannot be typeset."""
    _check(tex)
    if "\\label" in tex:
        tex = _LABEL.sub("", tex)
    mode = "block" if display else "inline"
    # loaded with the first formula: a post without math never pays for it (0.1 s)
    from latex2mathml.converter import Converter

    try:
        root = Converter(display=mode).convert_to_element(tex)
    except RecursionError as exc:
        raise FormulaError("its macros expand too deep") from exc
    except Exception as exc:  # latex2mathml raises many kinds, all meaning "bad TeX"
        raise FormulaError(_reason(exc)) from exc
    unknown: list[str] = []
    return _serialise(root, unknown), tuple(dict.fromkeys(unknown))


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
        mathml, unknown = to_mathml(tex, display=display)
    except FormulaError as exc:
        return _source_html(tex, display, block, str(exc))
    if unknown:
        title = html.escape(f"Unknown TeX {'command' if len(unknown) == 1 else 'commands'}: ")
        title += html.escape(", ".join(unknown))
        return f'<{tag} class="arithmatex" title="{title}">{mathml}</{tag}>'
    return f'<{tag} class="arithmatex">{mathml}</{tag}>'


def _source_html(tex: str, display: bool, block: bool, reason: str) -> str:
    """The formula's TeX, marked as not typeset, ``reason`` in its title."""
    tag = "div" if block else "span"
    source = f"\\[{tex}\\]" if display else f"\\({tex}\\)"
    title = html.escape(f"Cannot typeset this formula: {reason}")
    return (
        f'<{tag} class="arithmatex {ERROR_CLASS}" title="{title}">'
        f"{html.escape(source, quote=False)}</{tag}>"
    )


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
        return self.md.htmlStash.store(_typeset(self.md, tex, False, False)), start, end


class _DisplayDollars(InlineProcessor):
    """``$$...$$`` inside a paragraph: display math, as KaTeX and MathJax read it."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(r"(?<!\\)\$\$(?!\$)((?:\\.|[^\\$])+?)(?<!\\)\$\$", md)

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], _data: str
    ) -> tuple[str, int, int]:
        assert self.md is not None
        found = _typeset(self.md, m.group(1).strip(), True, False)
        return self.md.htmlStash.store(found), m.start(0), m.end(0)


class _BlockMath(BlockArithmatexProcessor):
    """arithmatex's block processor, writing MathML."""

    def generic_output(self, parent: Element, math: str) -> None:
        paragraph = Element("p")
        md = self.parser.md
        paragraph.text = md.htmlStash.store(_typeset(md, math.strip("\n"), True, True))
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
    del language, class_name, options, kwargs
    return _typeset(md, source.strip("\n"), True, True)


def custom_fences() -> list[dict[str, Any]]:
    """superfences' ``custom_fences`` entry for the ``math`` fence."""
    return [{"name": "math", "class": "arithmatex", "format": fence_format}]


def _typeset(md: Markdown, tex: str, display: bool, block: bool) -> str:
    """:func:`formula_html` within the block's budget (:data:`MAX_BLOCK_MATH`); the count is
    of every formula, typeset before or not, so a block always renders the same."""
    budget = next((e for e in md.registeredExtensions if isinstance(e, MathExtension)), None)
    if budget is not None and len(tex) <= MAX_TEX:  # a longer one is refused at no cost
        budget.used += len(tex) + FORMULA_COST
        if budget.used > MAX_BLOCK_MATH:
            reason = "more math in one paragraph or block than the preview typesets"
            return _source_html(tex, display, block, reason)
    return formula_html(tex, display, block)


class MathExtension(Extension):
    """Put after ``pymdownx.arithmatex`` (generic mode): its patterns, MathML out."""

    def __init__(self) -> None:
        super().__init__()
        #: the math met since the last ``reset()`` (one block, in the renderer)
        self.used = 0

    def reset(self) -> None:
        """A new document: a new budget."""
        self.used = 0

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
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
