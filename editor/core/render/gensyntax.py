"""Static site generators' own syntax in a post, shown as the generator would treat it.

Hugo shortcodes (``{{< name args >}}``, ``{{% name args %}}``, paired or not), Liquid tags and
output (``{% include x.html %}``, ``{{ site.title }}``; Jekyll and Eleventy), Hexo tag plugins
(``{% youtube id %}``, ``{% codeblock lang %}``) and MkDocs snippets (``--8<-- "file.md"``) are
run by the generator before Markdown sees the post. The preview cannot run them, so it shows a
labelled placeholder naming the tag and its arguments; what the generator turns into Markdown
or code anyway is rendered as such: ``{% raw %}`` content and Hugo's ``{{</* */>}}`` comment
escape show as written, ``{% highlight %}`` and ``{% codeblock %}`` are highlighted code, a
Hugo ``figure`` shows its image and caption. Which syntaxes are live is the post's
target's answer (:data:`~editor.core.render.model.SYNTAX_BY_GENERATOR`); nothing in code is
made a placeholder.

The work happens in three places, all linear in the text:

* :class:`Tags` finds tags (one regular expression) and pairs openers with closers (a stack
  per name); :mod:`~editor.core.render.blocks` asks it where a pair that spans blank lines
  ends, so that the pair stays one block;
* :func:`transform`, a Markdown preprocessor, rewrites a block's text: line-start pairs and
  lines of tags become stashed HTML (or a fence, for code), other tags become markers;
* :class:`TagPattern`, an inline pattern, turns the markers in paragraphs into placeholders.
  A marker that ends up in code (an indented block, a code span) is put back as written.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString
from pymdownx.arithmatex import (
    RE_BRACKET_BLOCK,
    RE_BRACKET_INLINE,
    RE_DOLLAR_BLOCK,
    RE_SMART_DOLLAR_INLINE,
    RE_TEX_BLOCK,
)

from editor.core.render.blocks import scan_spans
from editor.core.render.model import ALL_SYNTAXES

HUGO = "hugo"
LIQUID = "liquid"
HEXO = "hexo"
SNIPPETS = "snippets"

#: a tag's text is at most this long (bounds the work for an opener that never closes)
MAX_TAG = 2000
#: pairs nested deeper than this are shown as their tags, their content as text
MAX_DEPTH = 8

_MARK_OPEN, _MARK_CLOSE = "\ufdd1", "\ufdd2"
_MARK = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
_BODY = f"(?:(?!\\{{\\{{|\\{{%|[>%]\\}}\\}}|%\\}}).){{0,{MAX_TAG}}}?"
_HUGO_ALT = rf"\{{(?P<hd>(?P<lt><)|%)(?P<hb>{_BODY})(?(lt)>|%)\}}\}}"
_LIQUID_TAG_ALT = rf"%(?P<lb>{_BODY})%\}}"
_LIQUID_OUT_ALT = rf"\{{(?![<%])(?P<ob>(?:(?!\{{\{{|\}}\}}|\{{%).){{0,{MAX_TAG}}}?)\}}\}}"
_SNIPPET = re.compile(
    r"^(?P<ind>[ \t]*)(?P<esc>;*)(?:(?P<inl>-+8<-+[ \t]+)"
    r"(?P<file>\"(?:\\\"|[^\"\n])+?\"|'(?:\\'|[^'\n])+?')|(?P<blk>-+8<-+))[ \t]*$",
    re.MULTILINE,
)
_SNIPPET_BLOCK = re.compile(r"^[ \t]*-+8<-+[ \t]*$", re.MULTILINE)
_NAME = re.compile(r"[\w][\w./-]*")
_LIQUID_NAME = re.compile(r"\w+")
_ARG = re.compile(
    r"(?:(?P<key>[\w-]+)\s*=\s*)?(?P<value>\"(?:\\.|[^\"\\])*\"|'[^']*'|`[^`]*`|[^\s\"'`]+)"
)
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")

_LIQUID_NAMES = frozenset({
    "assign", "break", "capture", "case", "comment", "continue", "cycle", "decrement", "echo",
    "else", "elsif", "for", "if", "ifchanged", "include", "include_relative", "increment",
    "link", "liquid", "post_url", "render", "tablerow", "unless", "when", "highlight", "raw",
})  # fmt: skip
_HEXO_NAMES = frozenset({
    "asset_img", "asset_link", "asset_path", "blockquote", "codeblock", "code", "iframe", "img",
    "include_code", "include_link", "jsfiddle", "post_link", "post_path", "pullquote", "youtube",
    "vimeo", "gist", "url_for", "full_url_for",
})  # fmt: skip
_CODE_PAIRS = {"highlight", "codeblock", "code"}
#: math as pymdownx.arithmatex finds it: TeX braces (``x^{{2}}``) are no Liquid output
_MATH = re.compile(
    "|".join(
        (RE_DOLLAR_BLOCK, RE_TEX_BLOCK, RE_BRACKET_BLOCK, RE_SMART_DOLLAR_INLINE, RE_BRACKET_INLINE)
    )
)
#: more dollar signs than this and math is not looked for (each may scan far for its closer)
_MAX_DOLLARS = 2000
_VERBATIM_LIQUID = {"comment"}


@dataclass(frozen=True)
class Tag:
    """One tag as written: ``kind`` is open, close, self (never pairs), output, comment (Hugo's
    ``{{</* */>}}`` escape, ``literal`` its text) or snippet."""

    start: int
    end: int
    family: str  # "hugo", "liquid" or "snippet"
    kind: str
    name: str
    args: str
    delim: str = ""
    literal: str = ""
    #: the tag as written
    source: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.family, self.name


def _parse_hugo(m: re.Match[str], base: int) -> Tag | None:
    delim, body = m.group("hd"), m.group("hb")
    inner = body.strip()
    start, end = base + m.start(), base + m.end()
    source = m.group()
    if inner.startswith("/*") and inner.endswith("*/") and len(inner) >= 4:
        literal = "{{" + delim + inner[2:-2] + (">" if delim == "<" else "%") + "}}"
        return Tag(start, end, HUGO, "comment", "", "", delim, literal, source)
    kind = "open"
    if inner.startswith("/"):
        kind, inner = "close", inner[1:].lstrip()
    elif inner.endswith("/"):
        kind, inner = "self", inner[:-1].rstrip()
    name = _NAME.match(inner)
    if name is None:
        return None
    return Tag(start, end, HUGO, kind, name.group(), inner[name.end() :].strip(), delim, "", source)


def _parse_liquid(m: re.Match[str], base: int) -> Tag | None:
    start, end = base + m.start(), base + m.end()
    body = m.group("lb")
    if body is None:
        expression = m.group("ob").strip().strip("-").strip()
        if not expression:
            return None
        return Tag(start, end, LIQUID, "output", "", expression, source=m.group())
    inner = body.strip().strip("-").strip()
    name = _LIQUID_NAME.match(inner)
    if name is None:
        return None
    word = name.group()
    args = inner[name.end() :].strip()
    if word.startswith("end") and len(word) > 3:
        return Tag(start, end, LIQUID, "close", word[3:], args, source=m.group())
    return Tag(start, end, LIQUID, "open", word, args, source=m.group())


class _Pairs:
    """Every tag of a text from ``begin`` on, and which opener each closer closes: a stack per
    name, so the answer for an opener depends only on the text after it."""

    def __init__(self, tags: Tags, text: str, begin: int) -> None:
        self.tags = tags
        self.text = text
        self.begin = begin
        self.found = tags.tokens(text, begin)
        self.by_start = {tag.start: i for i, tag in enumerate(self.found)}
        self.match: dict[int, int] = {}
        stacks: dict[tuple[str, str], list[int]] = {}
        raw_ends: list[int] = []
        for index, tag in enumerate(self.found):
            if tag.family != LIQUID or tag.kind not in ("open", "close"):
                continue
            if tag.name == "raw":
                if tag.kind == "close":
                    raw_ends.append(index)
                continue
            stack = stacks.setdefault(tag.key, [])
            if tag.kind == "open":
                stack.append(index)
            elif stack:
                self.match[stack.pop()] = index
        for index, tag in enumerate(self.found):
            if tag.family == HUGO and tag.kind in ("open", "close"):
                stack = stacks.setdefault(tag.key, [])
                if tag.kind == "open":
                    stack.append(index)
                elif stack:
                    self.match[stack.pop()] = index
        self._raw_ends = raw_ends
        self._raw_positions = [self.found[i].start for i in raw_ends]

    def closer(self, index: int) -> int | None:
        """The index of the tag that closes tag ``index``, or None."""
        tag = self.found[index]
        if tag.family == LIQUID and tag.name == "raw" and tag.kind == "open":
            at = bisect_right(self._raw_positions, tag.start)
            return self._raw_ends[at] if at < len(self._raw_ends) else None
        return self.match.get(index)


@dataclass(frozen=True)
class Span:
    """A tag pair (or a block of snippet lines) that stays one block: ``start`` is its opener's
    line start (or the raw opener), ``end`` the end of its closer."""

    start: int
    end: int
    opener: Tag
    closer: Tag


class Tags:
    """The tag grammar of a set of live syntaxes. Immutable; get one from :func:`tags_for`."""

    def __init__(self, syntaxes: tuple[str, ...]) -> None:
        self.syntaxes = syntaxes
        self.hugo = HUGO in syntaxes
        self.liquid = LIQUID in syntaxes or HEXO in syntaxes
        self.snippets = SNIPPETS in syntaxes
        alternatives = []
        if self.hugo:
            alternatives.append(_HUGO_ALT)
        if self.liquid:
            alternatives += [_LIQUID_TAG_ALT, _LIQUID_OUT_ALT]
        self.brace = bool(alternatives)
        self.tag_re = (
            re.compile(r"\{(?:" + "|".join(alternatives) + ")", re.DOTALL)
            if (alternatives)
            else None
        )
        starts = []
        if self.hugo:
            starts.append(r"\{\{[<%]")
        if self.liquid:
            starts.append(r"\{%")
        if self.snippets:
            starts.append(r"-+8<-")
        #: what :mod:`blocks` adds to its opener pattern: a line that may open a pair
        self.opener_pattern = ""
        if starts:
            self.opener_pattern = rf"|^(?P<gen> {{0,3}})(?={'|'.join(starts)})"
        #: a raw opener anywhere on a line (searched on its own: a literal start is fast)
        self.raw_re = re.compile(r"\{%-?[ \t]*raw[ \t]*-?%\}") if self.liquid else None

    # ------------------------------------------------------------------ finding

    def tokens(self, text: str, begin: int = 0, end: int | None = None) -> list[Tag]:
        """The brace tags of ``text[begin:end]`` in order."""
        if self.tag_re is None:
            return []
        found: list[Tag] = []
        stop = len(text) if end is None else end
        for m in self.tag_re.finditer(text, begin, stop):
            hugo = self.hugo and m.group("hd") is not None
            tag = _parse_hugo(m, 0) if hugo else _parse_liquid(m, 0)
            if tag is not None:
                found.append(tag)
        return found

    def hint(self, text: str) -> bool:
        """Whether ``text`` may hold a tag at all (cheap)."""
        return (self.brace and "{" in text) or (self.snippets and "8<" in text)

    def edited(self, old: str, new: str, start: int, old_end: int, new_end: int) -> bool:
        """Whether changing ``old[start:old_end]`` into ``new[start:new_end]`` made, unmade or
        renamed a tag or a snippet marker: the tags near the edit are compared (a tag is at
        most :data:`MAX_TAG` long, so none further away can have changed)."""
        reach = MAX_TAG + 8

        def near(text: str, end: int) -> tuple[object, ...]:
            lo, hi = max(0, start - reach), min(len(text), end + reach)
            found = tuple((t.family, t.name, t.kind) for t in self.tokens(text, lo, hi))
            markers = len(_SNIPPET_BLOCK.findall(text, lo, hi)) if self.snippets else 0
            return found, markers

        return near(old, old_end) != near(new, new_end)

    def pairing(self, text: str) -> _SpanFinder:
        """What :mod:`blocks` asks while it scans ``text``."""
        return _SpanFinder(self, text)


class _SpanFinder:
    """Spans of pairs for one scan of a text; the tags are read once, at the first opener."""

    UNCLOSED = "unclosed"

    def __init__(self, tags: Tags, text: str) -> None:
        self.tags = tags
        self.text = text
        self._pairs: _Pairs | None = None
        self._markers: list[int] | None = None

    def _pairs_from(self, pos: int) -> _Pairs:
        if self._pairs is None or self._pairs.begin > pos:
            self._pairs = _Pairs(self.tags, self.text, pos)
        return self._pairs

    def raw_span(self, pos: int) -> Span | str | None:
        """For a match of :attr:`Tags.raw_re` at ``pos``: as :meth:`span`."""
        return self._span_of(pos, pos)

    def span(self, m: re.Match[str]) -> Span | str | None:
        """For an opener match of :attr:`Tags.opener_pattern`: its span, ``UNCLOSED`` (it
        might pair with text typed later) or None (not an opener)."""
        text = self.text
        line_start = m.start()
        pos = m.end("gen")
        if self.tags.snippets and text.startswith("-", pos):
            return self._snippet_span(line_start, pos)
        return self._span_of(pos, line_start, whole_line=True)

    def _span_of(self, pos: int, start: int, *, whole_line: bool = False) -> Span | str | None:
        pairs = self._pairs_from(pos)
        index = pairs.by_start.get(pos)
        if index is None:
            return None
        tag = pairs.found[index]
        if tag.kind != "open":
            return None
        raw = tag.family == LIQUID and tag.name == "raw"
        if whole_line and not raw and _LINE_END.match(self.text, tag.end) is None:
            return None
        closer = pairs.closer(index)
        if closer is None:
            return self.UNCLOSED
        close = pairs.found[closer]
        return Span(start, close.end, tag, close)

    def _snippet_span(self, line_start: int, pos: int) -> Span | str | None:
        text = self.text
        m = _SNIPPET.match(text, line_start)
        if m is None or m.group("blk") is None or m.group("esc"):
            return None
        if self._markers is None:
            self._markers = [s.start() for s in _SNIPPET_BLOCK.finditer(text, line_start)]
        at = bisect_right(self._markers, line_start)
        if at >= len(self._markers):
            return self.UNCLOSED
        close_start = self._markers[at]
        close_end = text.find("\n", close_start)
        close_end = len(text) if close_end < 0 else close_end
        opener = Tag(pos, m.end(), "snippet", "open", "", "")
        closer = Tag(close_start, close_end, "snippet", "close", "", "")
        return Span(line_start, close_end, opener, closer)


@lru_cache(maxsize=16)
def tags_for(syntaxes: tuple[str, ...]) -> Tags | None:
    """The grammar of ``syntaxes``; None when none is live."""
    live = tuple(s for s in ALL_SYNTAXES if s in syntaxes)
    return Tags(live) if live else None


# ---------------------------------------------------------------------------- labels


def _label(tags: Tags, tag: Tag) -> str:
    if tag.family == HUGO:
        return f"Hugo shortcode: {tag.name}"
    if tag.family == "snippet":
        return "MkDocs snippet"
    hexo = HEXO in tags.syntaxes
    liquid = LIQUID in tags.syntaxes
    if hexo and (not liquid or (tag.name in _HEXO_NAMES and tag.name not in _LIQUID_NAMES)):
        return "Hexo variable" if tag.kind == "output" else f"Hexo tag: {tag.name}"
    if tag.kind == "output":
        return "Liquid output"
    return f"Liquid tag: {tag.name}"


def _args_text(tag: Tag) -> str:
    if tag.kind == "close":
        return ""
    return " ".join(tag.args.split())


def _head(tags: Tags, tag: Tag) -> str:
    """The label and the arguments, escaped."""
    text = _label(tags, tag)
    if tag.kind == "close":
        text += " (end)"
    args = _args_text(tag)
    out = f'<span class="pw-gen-label">{html.escape(text)}</span>'
    if args:
        out += f' <code class="pw-gen-args">{html.escape(args)}</code>'
    return out


def _family_class(tag: Tag) -> str:
    return {"hugo": "pw-gen-hugo", "liquid": "pw-gen-liquid"}.get(tag.family, "pw-gen-snippet")


def parse_args(args: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and named arguments, quotes removed."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in _ARG.finditer(args):
        value = m.group("value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
            value = value[1:-1]
            if m.group("value")[0] == '"':
                value = value.replace('\\"', '"')
        if m.group("key"):
            named[m.group("key")] = value
        else:
            positional.append(value)
    return positional, named


def _figure(tag: Tag, *, block: bool) -> str:
    """Hugo's ``figure``: its image (resolved like any image of the post) and caption."""
    _, named = parse_args(tag.args)
    src = named.get("src", "")
    alt = named.get("alt", named.get("caption", named.get("title", "")))
    image = f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'
    link = named.get("link")
    if link:
        image = f'<a href="{html.escape(link)}">{image}</a>'
    caption_parts = [named[k] for k in ("title", "caption", "attr") if named.get(k)]
    if block:
        caption = "".join(
            f'<span class="pw-gen-caption">{html.escape(part)}</span>' for part in caption_parts
        )
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'<figure class="pw-gen-figure">{image}{figcaption}</figure>'
    caption = " ".join(html.escape(part) for part in caption_parts)
    tail = f' <span class="pw-gen-caption">{caption}</span>' if caption else ""
    return f'<span class="pw-gen-figure">{image}{tail}</span>'


def placeholder(tags: Tags, tag: Tag, *, block: bool) -> str:
    """One tag as the preview shows it: a labelled box (or Hugo's figure)."""
    if tag.family == HUGO and tag.name == "figure" and tag.kind in ("open", "self"):
        return _figure(tag, block=block)
    element = "div" if block else "span"
    title = html.escape(_source_of(tag))
    return (
        f'<{element} class="pw-gen {_family_class(tag)}" title="{title}">'
        f"{_head(tags, tag)}</{element}>"
    )


def _source_of(tag: Tag) -> str:
    return " ".join(tag.source.split())


# ---------------------------------------------------------------------------- the preprocessor


@dataclass
class _Run:
    """One block's rewrite: the stash, the markers handed to the inline pattern."""

    tags: Tags
    stash: Callable[[str], str]
    #: (tag, index of the marker of its closer, its content as written, the tag as written)
    markers: list[tuple[Tag, int | None, str, str]] = field(default_factory=list)
    #: pair lengths the inline pattern may search (bounds hostile nesting)
    budget: int = 0

    def mark(
        self, tag: Tag, closer: int | None = None, content: str = "", written: str = ""
    ) -> str:
        """A marker for ``tag``; ``closer`` is the marker index of its closer."""
        index = len(self.markers)
        self.markers.append((tag, closer, content, written))
        return f"{_MARK_OPEN}{index}{_MARK_CLOSE}"


def _fence_for(lang: str, options: str, code: str, indent: str) -> str:
    runs = [len(r) for r in re.findall(r"`+", code)]
    fence = "`" * max(3, (max(runs) + 1) if runs else 3)
    lang = re.sub(r"[^\w#.+-]", "", lang)
    header = f"{indent}{fence}{lang}{options}"
    body = code if code.endswith("\n") or not code else code + "\n"
    return f"{header}\n{body}{indent}{fence}"


def _code_options(tag: Tag) -> tuple[str, str]:
    """(language, fence options) of a highlight or codeblock tag."""
    positional, named = parse_args(tag.args)
    lang = ""
    options = ""
    linenos = False
    start = "1"
    lines = ""
    title = ""
    if tag.name == "highlight":
        if positional:
            lang = positional[0]
        for extra in positional[1:]:
            for setting in extra.split(","):
                key, _, value = setting.partition("=")
                key = key.strip()
                if key == "linenos" and value.strip().lower() not in ("false", "none"):
                    linenos = True
                elif key == "linenostart":
                    start = value.strip()
                elif key == "hl_lines":
                    lines = value.strip()
        if "linenos" in named:
            linenos = named["linenos"].lower() not in ("false", "none")
        if "hl_lines" in named:
            lines = named["hl_lines"]
    else:  # Hexo's codeblock: [title] [lang:language] [url] [link text] [options]
        words = []
        for value in positional:
            if value.startswith("lang:"):
                lang = value[5:]
            elif value.startswith(("line_number:", "mark:", "first_line:", "wrap:")):
                key, _, setting = value.partition(":")
                if key == "line_number":
                    linenos = setting == "true"
                elif key == "first_line":
                    start = setting
                elif key == "mark":
                    lines = setting.replace(",", " ")
            elif not value.startswith(("http:", "https:")):
                words.append(value)
        title = " ".join(words)
    if linenos:
        options += f' linenums="{start if start.isdigit() else "1"}"'
    lines = " ".join(p for p in re.split(r"[\s,]+", lines) if re.fullmatch(r"\d+(?:-\d+)?", p))
    if lines:
        options += f' hl_lines="{lines}"'
    if title:
        options += ' title="' + title.replace('"', "'") + '"'
    return (" " if options and not lang else "") + lang, options


def _escape_text(tags: Tags, text: str) -> str:
    """Text where the generator's escapes are applied: raw tags gone, Hugo comments and
    escaped snippets as written (for code and raw HTML, where nothing else is done)."""
    if tags.snippets and ";" in text:
        text = _SNIPPET.sub(_unescape_snippet, text)
    if not tags.brace or "{" not in text:
        return text
    out: list[str] = []
    pos = 0
    for tag in tags.tokens(text):
        if tag.kind == "comment":
            out += [text[pos : tag.start], tag.literal]
            pos = tag.end
        elif tag.family == LIQUID and tag.name == "raw" and tag.kind in ("open", "close"):
            out.append(text[pos : tag.start])
            pos = tag.end
    out.append(text[pos:])
    return "".join(out)


def _unescape_snippet(m: re.Match[str]) -> str:
    whole = m.group()
    if not m.group("esc"):
        return whole
    at = whole.index(";")
    return whole[:at] + whole[at + 1 :]


def _verbatim(run: _Run, text: str) -> str:
    """Content shown as written, its tags as placeholders (a ``{{< >}}`` pair's inner text)."""
    out: list[str] = []
    pos = 0
    for tag in run.tags.tokens(text):
        out.append(html.escape(text[pos : tag.start]))
        if tag.kind == "comment":
            out.append(html.escape(tag.literal))
        else:
            out.append(placeholder(run.tags, tag, block=False))
        pos = tag.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _strip_one_newline(content: str) -> str:
    if content.startswith("\n"):
        content = content[1:]
    elif content.startswith("\r\n"):
        content = content[2:]
    tail = content.rstrip(" \t")
    if tail.endswith("\n"):
        content = tail[:-1]
    return content


def _pair_block(run: _Run, span: Span, text: str, indent: str, depth: int) -> str:
    """A line-start pair as Markdown text with stashed HTML around its content."""
    opener, closer = span.opener, span.closer
    content = _strip_one_newline(text[opener.end : closer.start])
    tags = run.tags
    if opener.family == "snippet":
        files = [line.strip() for line in content.split("\n") if line.strip()]
        files = [f for f in files if not f.startswith(";")]
        label = '<div class="pw-gen-label">MkDocs snippet</div>'
        names = "".join(f'<code class="pw-gen-args">{html.escape(f)}</code> ' for f in files)
        return indent + run.stash(
            f'<div class="pw-gen pw-gen-snippet">{label}{names.rstrip()}</div>'
        )
    name = opener.name
    if name in _CODE_PAIRS and (opener.family == LIQUID or name == "highlight"):
        lang, options = _code_options(opener)
        return _fence_for(lang, options, content, indent)
    classes = f"pw-gen pw-gen-pair {_family_class(opener)}"
    title = html.escape(_source_of(opener))
    head = f'<div class="pw-gen-head">{_head(tags, opener)}</div>'
    details = opener.family == HUGO and name == "details" and depth < MAX_DEPTH
    verbatim = (opener.family == HUGO and opener.delim == "<" and not details) or (
        opener.family == LIQUID and name in _VERBATIM_LIQUID
    )
    if verbatim or depth >= MAX_DEPTH:
        body = f'<div class="pw-gen-body pw-gen-verbatim">{_verbatim(run, content)}</div>'
        return indent + run.stash(f'<div class="{classes}" title="{title}">{head}{body}</div>')
    if opener.family == LIQUID and name in ("blockquote", "pullquote") and HEXO in tags.syntaxes:
        cite = " ".join(opener.args.split())
        footer = f'<p class="pw-gen-cite">{html.escape(cite)}</p>' if cite else ""
        start = run.stash('<blockquote class="pw-gen-quote">')
        end = run.stash(f"{footer}</blockquote>")
    elif details:  # Hugo's own details shortcode renders its content as Markdown
        _, named = parse_args(opener.args)
        summary = html.escape(named.get("summary", "Details"))
        shown = " open" if named.get("open", "").lower() == "true" else ""
        start = run.stash(f'<details class="pw-gen-details"{shown}><summary>{summary}</summary>')
        end = run.stash("</details>")
    else:
        start = run.stash(f'<div class="{classes}" title="{title}">{head}<div class="pw-gen-body">')
        end = run.stash("</div></div>")
    inner = _transform(run, content, depth + 1)
    return f"{indent}{start}\n\n{inner}\n\n{indent}{end}"


def _tag_line(line: str, tokens: list[Tag], offset: int, first: int) -> tuple[Tag | None, int]:
    """The tag that is all of ``line`` (at most three spaces in), if one is; and where the
    search through ``tokens`` may go on."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    index = first
    while index < len(tokens) and tokens[index].start < offset + indent:
        index += 1
    if indent > 3 or not stripped.strip() or index >= len(tokens):
        return None, index
    tag = tokens[index]
    if tag.start != offset + indent or line[tag.end - offset :].strip():
        return None, index
    return tag, index


def _prose(run: _Run, text: str) -> str:
    """Text outside code and pairs: lines of tags become blocks, other tags markers."""
    tags = run.tags
    snippets = list(_SNIPPET.finditer(text)) if tags.snippets and "8<" in text else []
    tokens = tags.tokens(text) if tags.brace and "{" in text else []
    if tokens and ("$" in text or "\\" in text) and text.count("$") <= _MAX_DOLLARS:
        tokens = _outside_math(text, tokens)
    if not tokens and not snippets:
        return text
    edits: list[tuple[int, int, str]] = []
    for m in snippets:
        if m.group("esc"):
            literal = Tag(m.start(), m.end(), "snippet", "comment", "", "", "", "")
            written = _unescape_snippet(m)
            edits.append((m.start(), m.end(), run.mark(literal, written=written)))
        elif m.group("inl") is not None and len(m.group("ind")) <= 3:
            edits.append((m.start(), m.end(), _snippet_block(run, m)))
    # lines that are one tag, in runs of non-blank lines made only of such lines
    block_tags: dict[int, tuple[int, int]] = {}  # tag start -> its line's (start, end)
    group: list[tuple[Tag, int, int]] = []
    all_tags = True
    offset = 0
    search = 0
    for line in [*text.split("\n"), ""]:
        line_end = offset + len(line)
        if not line.strip():
            if group and all_tags:
                block_tags.update((tag.start, (a, b)) for tag, a, b in group)
            group, all_tags = [], True
        elif all_tags:
            tag, search = _tag_line(line, tokens, offset, search) if tokens else (None, 0)
            if tag is None or tag.kind == "comment":
                all_tags = False
            else:
                group.append((tag, offset, line_end))
        offset = line_end + 1
    pairs = _inline_pairs(tokens, block_tags)
    base = len(run.markers)
    marker_of: dict[int, int] = {}
    for index, tag in enumerate(tokens):
        if tag.start not in block_tags:
            marker_of[index] = base + len(marker_of)
    for index, tag in enumerate(tokens):
        whole = block_tags.get(tag.start)
        if whole is not None:
            indent = text[whole[0] : tag.start]
            block = run.stash(placeholder(tags, tag, block=True))
            edits.append((whole[0], whole[1], f"\n{indent}{block}\n"))
            continue
        written = text[tag.start : tag.end]
        if tag.kind == "comment":
            edits.append((tag.start, tag.end, run.mark(tag, written=tag.literal)))
            continue
        closer = pairs.get(index)
        content = text[tag.end : tokens[closer].start] if closer is not None else ""
        closer_mark = marker_of[closer] if closer is not None else None
        edits.append((tag.start, tag.end, run.mark(tag, closer_mark, content, written)))
    edits.sort()
    out: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos:
            continue  # inside a line already replaced (a snippet line's text)
        out += [text[pos:start], replacement]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _outside_math(text: str, tokens: list[Tag]) -> list[Tag]:
    """The tags that are not inside a formula (the math extension reads those as TeX)."""
    spans = [(m.start(), m.end()) for m in _MATH.finditer(text)]
    if not spans:
        return tokens
    starts = [a for a, _ in spans]
    kept = []
    for tag in tokens:
        at = bisect_right(starts, tag.start) - 1
        if at < 0 or spans[at][1] <= tag.start:
            kept.append(tag)
    return kept


def _snippet_block(run: _Run, m: re.Match[str]) -> str:
    name = m.group("file")[1:-1]
    label = '<span class="pw-gen-label">MkDocs snippet</span>'
    args = f' <code class="pw-gen-args">{html.escape(name)}</code>'
    return m.group("ind") + run.stash(f'<div class="pw-gen pw-gen-snippet">{label}{args}</div>')


def _inline_pairs(tokens: list[Tag], block_tags: dict[int, tuple[int, int]]) -> dict[int, int]:
    """Openers and closers in running text that pair (a stack per name, nesting bounded)."""
    if not tokens:
        return {}
    taken = set(block_tags)
    stacks: dict[tuple[str, str], list[int]] = {}
    found: dict[int, int] = {}
    for index, tag in enumerate(tokens):
        if tag.start in taken or tag.kind not in ("open", "close"):
            continue
        stack = stacks.setdefault(tag.key, [])
        if tag.kind == "open":
            stack.append(index)
        elif stack:
            found[stack.pop()] = index
    return found


def _transform(run: _Run, text: str, depth: int = 0) -> str:
    """``text`` with its tags rewritten (see the module docstring)."""
    tags = run.tags
    out: list[str] = []
    pos = 0
    for start, end, kind, span in scan_spans(text, tags):
        if start < pos:
            continue
        out.append(_prose(run, text[pos:start]))
        piece = text[start:end]
        if kind in ("fence", "html"):
            out.append(_escape_text(tags, piece))
        elif span is not None:
            if span.opener.family == LIQUID and span.opener.name == "raw":
                before = text[start : span.opener.start]
                content = text[span.opener.end : span.closer.start]
                out.append(before + content)  # tags vanish, the content as written
            else:
                line_start = text.rfind("\n", 0, start) + 1
                indent = text[line_start:start] if start == span.opener.start else ""
                indent += text[start : span.opener.start]
                out.append(_pair_block(run, span, text, indent, depth))
        pos = end
    out.append(_prose(run, text[pos:]))
    return "".join(out)


def transform(text: str, tags: Tags, stash: Callable[[str], str]) -> tuple[str, _Run]:
    """A block's text rewritten for Markdown, and the markers for :class:`TagPattern`."""
    run = _Run(tags, stash, budget=4 * len(text) + 1000)
    if not tags.hint(text):
        return text, run
    return _transform(run, text), run


# ---------------------------------------------------------------------------- Markdown hooks


class GenState:
    """The live syntaxes for the next ``convert()``, and what its preprocessor found."""

    def __init__(self) -> None:
        self.tags: Tags | None = None
        self.run: _Run | None = None


class GenPreprocessor(Preprocessor):
    """Rewrites generator tags before fences and HTML are read (see :func:`transform`)."""

    def __init__(self, md: Any, state: GenState) -> None:
        super().__init__(md)
        self._state = state

    def run(self, lines: list[str]) -> list[str]:
        state = self._state
        state.run = None
        tags = state.tags
        if tags is None:
            return lines
        text = "\n".join(lines)
        if not tags.hint(text):
            return lines
        assert self.md is not None
        result, run = transform(text, tags, self.md.htmlStash.store)
        state.run = run
        return result.split("\n")


class TagPattern(InlineProcessor):
    """A marker in a paragraph -> the tag's placeholder (a pair: around its content)."""

    def __init__(self, md: Any, state: GenState) -> None:
        super().__init__(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}", md)
        self._state = state

    def handleMatch(  # type: ignore[override]  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], data: str
    ) -> tuple[Element | str | None, int | None, int | None]:
        run = self._state.run
        if run is None:
            return None, None, None
        index = int(m.group(1))
        tag, closer, content, _ = run.markers[index]
        assert self.md is not None
        if tag.kind == "comment":
            return AtomicString(run.markers[index][3]), m.start(), m.end()
        if closer is not None:
            end_mark = f"{_MARK_OPEN}{closer}{_MARK_CLOSE}"
            at = data.find(end_mark, m.end(), m.end() + run.budget)
            if at >= 0:
                run.budget -= at - m.end()
                return (
                    self._pair(run, tag, data[m.end() : at], content),
                    m.start(),
                    (at + len(end_mark)),
                )
        stash = self.md.htmlStash.store(placeholder(run.tags, tag, block=False))
        return stash, m.start(), m.end()

    def _pair(self, run: _Run, tag: Tag, inner: str, written: str) -> Element:
        wrapper = Element("span")
        wrapper.set("class", f"pw-gen pw-gen-pair {_family_class(tag)}")
        wrapper.set("title", _source_of(tag))
        label = SubElement(wrapper, "span")
        label.set("class", "pw-gen-label")
        label.text = AtomicString(_label(run.tags, tag))
        args = _args_text(tag)
        last = label
        if args:
            label.tail = AtomicString(" ")
            last = SubElement(wrapper, "code")
            last.set("class", "pw-gen-args")
            last.text = AtomicString(args)
        if tag.family == HUGO and tag.delim == "<":
            body = SubElement(wrapper, "span")
            body.set("class", "pw-gen-body pw-gen-verbatim")
            body.text = AtomicString(written)
        else:  # Markdown: the inline patterns (this one too) go on over it
            last.tail = " " + inner
        return wrapper


class RestorePostprocessor(Postprocessor):
    """Markers that ended up in code (no pattern reads code) are put back as written."""

    def __init__(self, md: Any, state: GenState) -> None:
        super().__init__(md)
        self._state = state

    def run(self, text: str) -> str:
        run = self._state.run
        if run is None or _MARK_OPEN not in text:
            return text

        def back(m: re.Match[str]) -> str:
            index = int(m.group(1))
            if index >= len(run.markers):
                return ""
            return html.escape(run.markers[index][3])

        return _MARK.sub(back, text)


def register(md: Any, state: GenState) -> None:
    """Hook the preprocessor, inline pattern and postprocessor into ``md``."""
    md.preprocessors.register(GenPreprocessor(md, state), "pw-gensyntax", 27)
    md.inlinePatterns.register(TagPattern(md, state), "pw-gensyntax", 155)
    md.postprocessors.register(RestorePostprocessor(md, state), "pw-gensyntax", 5)


def templated(url: str) -> bool:
    """Whether a link's address is made by a generator tag (``{{ "/x" | relative_url }}``)."""
    return "{{" in url or "{%" in url


def forged(text: str) -> bool:
    """Whether ``text`` holds characters the markers are made of."""
    return _MARK_OPEN in text or _MARK_CLOSE in text


def defuse(text: str) -> str:
    """A post cannot forge the markers (as the renderer does for its own placeholders)."""
    if forged(text):
        return text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    return text
