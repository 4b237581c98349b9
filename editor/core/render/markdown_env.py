"""The Python-Markdown set-up, and the hooks that let one block render on its own.

A full render of a post is many small ``convert()`` calls, one per top-level block. What a
block cannot know by itself (link reference definitions, abbreviations and footnotes defined
anywhere in the post; heading ids unique across the post; footnote numbers) is handled here:

* definitions are read from each block once and merged into a document-level
  :class:`Context`;
* a block's render *records* which parts of that context it looked at (``deps``), so the
  renderer's cache can tell exactly when a cached block is still valid;
* numbers and ids that depend on other blocks (heading ids, footnote numbers and back-reference
  ids) are written as :data:`TOKEN` placeholders that the document pass fills in.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrTreeprocessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.toc import remove_fnrefs, render_inner_html, slugify, strip_tags
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from editor.core.render.diagrams import custom_fences as diagram_fences
from editor.core.render.gensyntax import GenState, Tags, register
from editor.core.render.math import MathExtension
from editor.core.render.math import custom_fences as math_fences

#: Placeholders in a block's cached HTML: ``zq7pw`` + kind + number + ``q``. Kinds: ``h`` a
#: heading id, ``r`` a footnote reference id (written after ``fnref`` so the TOC code still
#: recognises the element), ``n`` a footnote number. The renderer defuses the marker in posts.
TOKEN = "zq7pw"  # noqa: S105 - a placeholder, not a secret
TOKEN_RE = re.compile(r"(?:fnref)?zq7pw([hrn])(\d+)q")

Reference = tuple[str, str]


def token(kind: str, index: int) -> str:
    """One placeholder; see :data:`TOKEN`."""
    return f"{TOKEN}{kind}{index}q"


# ---------------------------------------------------------------------------- document context


@dataclass(frozen=True)
class Definitions:
    """What one block defines for the whole post, in the order written."""

    references: tuple[tuple[str, Reference], ...] = ()
    #: (term, title); an empty title removes the term, as ``*[X]: ""`` does in Python-Markdown
    abbreviations: tuple[tuple[str, str], ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.references or self.abbreviations or self.footnotes)


NO_DEFINITIONS = Definitions()


@dataclass(frozen=True, eq=False)
class Context:
    """The document-level definitions every block renders against."""

    references: Mapping[str, Reference] = field(default_factory=dict)
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    #: footnote id -> markdown text, in definition order (this order numbers them)
    footnotes: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def merge(cls, definitions: Iterable[Definitions]) -> Context:
        """Apply every block's definitions in document order: the last definition wins, a
        footnote keeps the place of its first definition (as in Python-Markdown)."""
        references: dict[str, Reference] = {}
        abbreviations: dict[str, str] = {}
        footnotes: dict[str, str] = {}
        for found in definitions:
            references.update(found.references)
            for term, title in found.abbreviations:
                if title:
                    abbreviations[term] = title
                else:
                    abbreviations.pop(term, None)
            footnotes.update(found.footnotes)
        return cls(references, abbreviations, footnotes)

    def same_as(self, other: Context) -> bool:
        """Equal definitions (ordered for footnotes, whose order numbers them)."""
        return (
            self.references == other.references
            and self.abbreviations == other.abbreviations
            and list(self.footnotes.items()) == list(other.footnotes.items())
        )

    def abbreviations_in(self, source: str) -> dict[str, str]:
        """The abbreviations that can occur in ``source``: an abbreviation is only marked where
        its text appears, so no other term can change this block's output."""
        return {term: title for term, title in self.abbreviations.items() if term in source}


@dataclass(frozen=True)
class Deps:
    """What a block's HTML depended on besides its own source."""

    references: tuple[tuple[str, Reference | None], ...]
    abbreviations: tuple[tuple[str, str], ...]
    footnotes: tuple[tuple[str, bool], ...]

    def hold(self, context: Context, source: str) -> bool:
        """True when ``context`` gives this block the same inputs as when it was rendered."""
        refs = context.references
        for label, value in self.references:
            if refs.get(label) != value:
                return False
        notes = context.footnotes
        for note, defined in self.footnotes:
            if (note in notes) != defined:
                return False
        return tuple(context.abbreviations_in(source).items()) == self.abbreviations


@dataclass(frozen=True)
class HeadingInfo:
    """A heading as the block saw it; ``auto_index`` is its placeholder number when the post did
    not give it an id (the document pass picks the final, unique id)."""

    level: int
    text: str
    explicit_id: str | None
    slug: str
    auto_index: int | None


@dataclass
class BlockState:
    """What one ``convert()`` call records; reset for every block."""

    context: Context
    reference_reads: dict[str, Reference | None] = field(default_factory=dict)
    references: list[tuple[str, Reference]] = field(default_factory=list)
    abbreviations: list[tuple[str, str]] = field(default_factory=list)
    footnote_reads: dict[str, bool] = field(default_factory=dict)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    #: footnote ids referenced, in the order Python-Markdown processed them
    footnote_refs: list[str] = field(default_factory=list)
    headings: list[HeadingInfo] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _References(dict[str, Reference]):
    """``md.references`` for one block: reads come from the document and are recorded; the
    block's own definitions are recorded, and do not change what this block reads."""

    def __init__(self, state: BlockState) -> None:
        super().__init__()
        self._state = state

    def _read(self, key: str) -> Reference | None:
        value = self._state.context.references.get(key)
        self._state.reference_reads[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._read(key) is not None

    def __getitem__(self, key: str) -> Reference:
        value = self._read(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self._read(key)
        return default if value is None else value

    def __setitem__(self, key: str, value: Reference) -> None:
        self._state.references.append((key, value))


class _AbbrRecorder(dict[str, str]):
    """The abbreviation block processor's dict: records definitions instead of keeping them."""

    def __init__(self, state: BlockState) -> None:
        super().__init__()
        self._state = state

    def __setitem__(self, key: str, value: str) -> None:
        self._state.abbreviations.append((key, value))

    def pop(self, key: str, default: Any = None) -> Any:
        self._state.abbreviations.append((key, ""))
        return default


class _FootnoteStore:
    """Stands in for Python-Markdown's footnote extension towards its block processor."""

    def __init__(self, env: MarkdownEnv, parser: Any) -> None:
        self._env = env
        self.parser = parser

    def setFootnote(self, note: str, text: str) -> None:  # noqa: N802 - the caller's name
        self._env.state.footnotes.append((note, text))


class _FootnoteRef(InlineProcessor):
    """``[^id]`` -> a reference whose number and id the document pass fills in."""

    def __init__(self, pattern: str, env: MarkdownEnv) -> None:
        super().__init__(pattern)
        self._env = env

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], _data: str
    ) -> tuple[Element | None, int | None, int | None]:
        state = self._env.state
        note = m.group(1)
        defined = note in state.context.footnotes
        state.footnote_reads[note] = defined
        if not defined:
            return None, None, None
        index = len(state.footnote_refs)
        state.footnote_refs.append(note)
        sup = Element("sup")
        sup.set("id", "fnref" + token("r", index))
        link = SubElement(sup, "a")
        link.set("href", "#fn:" + note)
        link.set("class", "footnote-ref")
        link.text = AtomicString(token("n", index))
        return sup, m.start(0), m.end(0)


class _Headings(Treeprocessor):
    """Collect headings and ids; give id-less headings a placeholder id (as the TOC extension
    does, but unique across the whole post, which only the document pass can know)."""

    _HEADING = re.compile(r"[Hh][1-6]")

    def __init__(self, md: markdown.Markdown, env: MarkdownEnv) -> None:
        super().__init__(md)
        self._env = env

    def run(self, root: Element) -> None:
        state = self._env.state
        for el in root.iter():
            element_id = el.attrib.get("id")
            if element_id is not None and TOKEN not in element_id:
                state.ids.add(element_id)
        for el in root.iter():
            if not (isinstance(el.tag, str) and self._HEADING.fullmatch(el.tag)):
                continue
            name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
            label = el.attrib.pop("data-toc-label", None)
            if label is not None:
                name = html.escape(strip_tags(label), quote=False)
            text = html.unescape(name)
            explicit = el.attrib.get("id")
            auto_index = None
            if explicit is None:
                auto_index = sum(1 for h in state.headings if h.auto_index is not None)
                el.attrib["id"] = token("h", auto_index)
            state.headings.append(
                HeadingInfo(int(el.tag[1]), text, explicit, slugify(text, "-"), auto_index)
            )


class _PostwrightExtension(Extension):
    """Footnotes and heading ids done block by block (see the module docstring)."""

    def __init__(self, env: MarkdownEnv) -> None:
        super().__init__()
        self._env = env

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        block: BlockProcessor = FootnoteBlockProcessor(_FootnoteStore(self._env, md.parser))  # type: ignore[arg-type]
        md.parser.blockprocessors.register(block, "footnote", 17)
        md.inlinePatterns.register(_FootnoteRef(r"\[\^([^\]]*)\]", self._env), "footnote", 175)
        md.treeprocessors.register(_Headings(md, self._env), "pw-headings", 5)
        md.inlinePatterns.register(_SmartSymbol(md), "pw-smart-symbols", 5)
        register(md, self._env.gen)


# ---------------------------------------------------------------------------- highlighting

HighlightCache = dict[tuple[Any, ...], Any]


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_freeze(v) for v in value)
    return value


def _cached_formatter(formatter: Callable[..., Any], cache: HighlightCache) -> Callable[..., Any]:
    """Pygments is the largest cost of a render: keep its output per (language, options,
    code). Highlighting does not depend on anything else in the post."""

    def highlight(
        src: str = "",
        language: str = "",
        options: dict[str, Any] | None = None,
        md: Any = None,
        **kwargs: Any,
    ) -> Any:
        key = (language, _freeze(options or {}), _freeze(kwargs), src)
        hit = cache.get(key)
        if hit is None:
            hit = formatter(src=src, language=language, options=options, md=md, **kwargs)
            if len(cache) >= _HIGHLIGHT_LIMIT:
                for old in list(cache)[: _HIGHLIGHT_LIMIT // 2]:  # the oldest half
                    cache.pop(old, None)
            cache[key] = hit
        return hit

    return highlight


# ---------------------------------------------------------------------------- environment

_SYMBOLS = {
    "(tm)": "&trade;",
    "(c)": "&copy;",
    "(r)": "&reg;",
    "+/-": "&plusmn;",
    "=/=": "&ne;",
    "<-->": "&harr;",
    "-->": "&rarr;",
    "<--": "&larr;",
}


class _SmartSymbol(InlineProcessor):
    """(c), (tm), (r), +/-, =/= and arrows, as pymdownx.smartsymbols writes them; fractions and
    ordinals are left alone (dates like 1/2 and "1st" stay as typed). One pattern in the main
    inline pass instead of that extension's second pass over the tree, a large share of a
    render's cost."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(r"\(tm\)|\(c\)|\(r\)|\+/-|=/=|<-->|(?<!-)-->|<--(?!-)", md)

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], _data: str
    ) -> tuple[str, int, int]:
        assert self.md is not None
        return self.md.htmlStash.store(_SYMBOLS[m.group(0)]), m.start(0), m.end(0)


def extension_config() -> tuple[list[str | Extension], dict[str, dict[str, Any]]]:
    """The flavour: the core of MkDocs Material's recommended set, which Pelican users share.
    Footnotes, heading ids and smart symbols come from :class:`_PostwrightExtension`; the math
    arithmatex finds is typeset as MathML (:mod:`editor.core.render.math`)."""
    names: list[str | Extension] = [
        "tables",
        "admonition",
        "def_list",
        "abbr",
        "attr_list",
        "md_in_html",
        "pymdownx.superfences",
        "pymdownx.highlight",
        "pymdownx.tasklist",
        "pymdownx.arithmatex",
        MathExtension(),
        "pymdownx.details",
    ]
    configs: dict[str, dict[str, Any]] = {
        "pymdownx.highlight": {
            "use_pygments": True,
            "guess_lang": False,
            "css_class": "highlight",
            "pygments_lang_class": True,
        },
        # ```mermaid diagrams and ```math blocks
        "pymdownx.superfences": {"custom_fences": diagram_fences() + math_fences()},
        "pymdownx.tasklist": {"custom_checkbox": True},
        "pymdownx.arithmatex": {"generic": True},
    }
    return names, configs


#: Highlighted code, shared by every renderer in the process: it depends only on the key.
HIGHLIGHT_CACHE: HighlightCache = {}
_HIGHLIGHT_LIMIT = 4096

_local = threading.local()


def shared_env() -> MarkdownEnv:
    """This thread's environment (building one costs about half a millisecond)."""
    env: MarkdownEnv | None = getattr(_local, "env", None)
    if env is None:
        env = MarkdownEnv(HIGHLIGHT_CACHE)
        _local.env = env
    return env


def discard_env() -> None:
    """Forget this thread's environment: a render that raised inside Python-Markdown (a
    RecursionError) can leave its parser's state behind, which breaks every later render."""
    _local.env = None


class MarkdownEnv:
    """One configured Markdown instance and the hooks above. Not thread-safe: one per thread."""

    def __init__(self, highlight_cache: HighlightCache | None = None) -> None:
        names, configs = extension_config()
        self.highlight_cache: HighlightCache = {} if highlight_cache is None else highlight_cache
        self.state = BlockState(Context())
        #: the generator syntax live for the next render (see :mod:`editor.core.render.gensyntax`)
        self.gen = GenState()
        self.md = markdown.Markdown(
            extensions=[*names, _PostwrightExtension(self)],
            extension_configs=configs,
            output_format="html",
        )
        self._abbr_tree: AbbrTreeprocessor = self.md.treeprocessors["abbr"]  # type: ignore[assignment]
        self._abbr_block: AbbrBlockprocessor = self.md.parser.blockprocessors["abbr"]  # type: ignore[assignment]
        for ext in self.md.registeredExtensions:
            fences = getattr(ext, "superfences", None)
            if fences and ext.__class__.__name__ == "SuperFencesCodeExtension":
                fences[0]["formatter"] = _cached_formatter(
                    fences[0]["formatter"], self.highlight_cache
                )

    def _begin(self, context: Context, abbreviations: dict[str, str]) -> BlockState:
        self.md.reset()
        state = BlockState(context)
        self.state = state
        self.md.references = _References(state)
        self._abbr_tree.abbrs = abbreviations
        self._abbr_block.abbrs = _AbbrRecorder(state)
        return state

    def convert(
        self, source: str, context: Context, tags: Tags | None = None
    ) -> tuple[str, BlockState, Deps]:
        """Render one block against the document context (``tags``: the live generator
        syntax)."""
        abbreviations = context.abbreviations_in(source)
        state = self._begin(context, abbreviations)
        self.gen.tags = tags
        output = self.md.convert(source)
        deps = Deps(
            tuple(state.reference_reads.items()),
            tuple(abbreviations.items()),
            tuple(state.footnote_reads.items()),
        )
        return output, state, deps

    def definitions(self, source: str, tags: Tags | None = None) -> Definitions:
        """What ``source`` defines, from the block parser alone (no inline work): the same
        processors that a full render runs find them, so nested definitions count too."""
        state = self._begin(Context(), {})
        self.gen.tags = tags
        md = self.md
        lines = source.split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        md.parser.parseDocument(lines)
        md.reset()
        return Definitions(
            tuple(state.references), tuple(state.abbreviations), tuple(state.footnotes)
        )
