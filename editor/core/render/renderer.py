"""Render a post block by block, doing work in proportion to what an edit changed.

The result of :meth:`Renderer.render` is, by construction, the same as a render from an empty
cache: a cached block is reused only when its source is the same and every document-level
input it read (see :class:`~editor.core.render.markdown_env.Deps`) is the same. What depends
on the whole post (unique heading ids, footnote numbers, the footnote list, the excerpt,
warnings about files) is computed from small per-block records.

After an edit, only the blocks around it are split again (:func:`~.blocks.resplit`), and when
the edit left every document-level input alone (no definition changed, no heading id, footnote
reference or duplicate block touched) only those blocks are filled in again; the rest of
the post is moved, not recomputed, and the result says which patches bring the page up to date
(:attr:`RenderResult.change`). Anything else takes the whole-post pass. The property tests in
``tests/core/render/test_incremental.py`` hold both paths to a render from an empty cache.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from markdown.extensions.toc import unique

from editor.core.excerpt import find_markers
from editor.core.post import Post
from editor.core.render.blocks import Split, Window, resplit, split
from editor.core.render.diff import diff_blocks
from editor.core.render.front import FrontMatter, read_front
from editor.core.render.gensyntax import defuse, forged, tags_for, templated
from editor.core.render.hazard import PreviewHazard, block_hazard
from editor.core.render.markdown_env import (
    NO_DEFINITIONS,
    TOKEN,
    TOKEN_RE,
    BlockState,
    Context,
    Definitions,
    Deps,
    HeadingInfo,
    discard_env,
    shared_env,
    token,
)
from editor.core.render.model import (
    Block,
    Change,
    Divider,
    Heading,
    Patch,
    RenderOptions,
    RenderResult,
    Warning,  # noqa: A004 - the render warning type
)
from editor.core.render.sanitize import (
    Image,
    Target,
    clean_html,
    count_words,
    hide_remote_images,
    images,
    is_remote,
    local_targets,
)
from editor.core.render.textedit import Edit, find_edit

#: only a block with one of these can define a reference, abbreviation or footnote
_DEFINITION_HINT = re.compile(r"\] ?:")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BACKLINK = "&#8617;"
FOOTNOTES_ID = "footnotes"
#: blocks rendered between two breaths of a whole-post pass
_BREATHE_EVERY = 16
#: where a block's excerpt marker stands in its HTML, until the block is placed on the page
_CUT = token("x", 0)
#: what stands for the marker while the block renders: a comment, as the marker usually is
_CUT_COMMENT = f"<!--{_CUT}-->"
_CLOSING_TAG = re.compile(r"\s*</[A-Za-z][A-Za-z0-9-]*\s*>")
_OPENING_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>\s*$")
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})


def _nothing() -> None:
    pass


@dataclass
class _Entry:
    """A rendered block, kept while its source is in the post."""

    html: str
    deps: Deps
    version: int
    headings: tuple[HeadingInfo, ...]
    heading_lines: tuple[int, ...]
    ids: frozenset[str]
    footnote_refs: tuple[str, ...]
    words: int
    #: the words before the excerpt marker's place in ``html`` (all of them without one)
    words_before_cut: int
    targets: tuple[tuple[Target, int], ...]
    images: tuple[tuple[Image, int], ...]
    markers: tuple[tuple[int, int, str, bool], ...]  # (line, offset in block, text, in code)
    digest: str


def _heading_lines(source: str, count: int) -> tuple[int, ...]:
    """0-based lines of the block's headings, when they can be told apart; else all 0."""
    lines = source.split("\n")
    found: list[int] = []
    for index, line in enumerate(lines):
        if _ATX.match(line):
            found.append(index)
        elif index and _SETEXT.match(line) and lines[index - 1].strip():
            found.append(index - 1)
    if len(found) != count:
        return (0,) * count
    return tuple(found)


def _line_in(source: str, *needles: str) -> int:
    for needle in needles:
        if needle:
            pos = source.find(needle)
            if pos >= 0:
                return source.count("\n", 0, pos)
    return 0


def _live_syntaxes(options: RenderOptions, *, off: bool) -> tuple[str, ...]:
    """The options' syntaxes, less the template tags a post's front matter turned off."""
    if not off:
        return options.syntaxes
    return tuple(s for s in options.syntaxes if s not in ("liquid", "hexo"))


def _settle_cut(clean: str) -> str:
    """Move the cut out of the elements it ends or starts: a marker at the end of a paragraph
    or list stands after it, one at the start of a paragraph before it."""
    at = clean.find(_CUT)
    before, after = clean[:at], clean[at + len(_CUT) :]
    while True:
        closing = _CLOSING_TAG.match(after)
        if closing is not None:
            before, after = before + after[: closing.end()], after[closing.end() :]
            continue
        opening = _OPENING_TAG.search(before, max(0, len(before) - 2048))
        if opening is not None and opening.group(1).lower() not in _VOID:
            before, after = before[: opening.start()], before[opening.start() :] + after
            continue
        return before + _CUT + after


def _within_text(html_text: str, at: int) -> bool:
    """Whether offset ``at`` of ``html_text`` is inside an element (not between two)."""
    depth = 0
    for m in _ANY_TAG.finditer(html_text, 0, at):
        if m.group(1):
            depth -= 1
        elif not m.group(3) and m.group(2).lower() not in _VOID:
            depth += 1
    return depth > 0


def _block(block_id: str, entry: _Entry, filled: str, line_start: int, line_end: int) -> Block:
    """A page block from its entry's filled HTML, the cut (if any) taken out and remembered."""
    at = filled.find(_CUT) if entry.markers else -1
    if at < 0:
        return Block(block_id, filled, line_start, line_end)
    text = filled[:at] + filled[at + len(_CUT) :]
    return Block(block_id, text, line_start, line_end, cut=at, cut_inline=_within_text(text, at))


def _body_of(post: Post) -> str:
    body = post.body
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if TOKEN in body:  # a post cannot forge the placeholders the document pass fills in
        body = body.replace(TOKEN, TOKEN[:3] + "\u200b" + TOKEN[3:])
    return defuse(body)


@dataclass
class _Doc:
    """The last render, kept so that the next one can start from it."""

    body: str
    first_line: int
    split: Split
    definitions: list[Definitions]
    entries: list[_Entry]
    #: every block of the page, the footnote list last; ``body_count`` of them are the body's
    blocks: list[Block]
    body_count: int
    #: per body block: the heading ids the document pass chose, its footnote reference ids,
    #: its outline entries
    auto_ids: list[tuple[str, ...]]
    ref_ids: list[tuple[str, ...]]
    headings: list[tuple[Heading, ...]]
    #: body blocks with an excerpt marker, an image, a local link or a footnote definition
    notable: list[int]
    digests: Counter[str]
    words: int
    #: (block index, offset) of the excerpt marker that counts
    marker: tuple[int, int] | None
    result: RenderResult


class Renderer:
    """Keeps the blocks and the last render of one open post. Not thread-safe: use one per
    thread.

    With ``guard``, a block that would take Markdown far too long raises
    :class:`~editor.core.render.hazard.PreviewHazard` instead of being rendered; only blocks
    not seen before are checked, so a keystroke checks only what it changed. ``breathe`` is
    called between the steps of a render and every few blocks (a render thread passes
    ``time.sleep(0)`` so that it never holds the interpreter long while the writer types).
    """

    def __init__(
        self,
        options: RenderOptions | None = None,
        *,
        guard: bool = False,
        breathe: Callable[[], None] | None = None,
    ) -> None:
        self.options = options or RenderOptions()
        self._tags = tags_for(self.options.syntaxes)
        self._templates_off = False
        self.guard = guard
        #: called between the steps of a render (a worker thread lets the GUI thread run)
        self.breathe = breathe or _nothing
        self._env = shared_env()
        self._cache: dict[str, _Entry] = {}
        self._definitions: dict[str, Definitions] = {}
        self._context = Context()
        self._version = 0
        self._doc: _Doc | None = None
        self._text: str | None = None
        self._front: FrontMatter | None = None
        self._plain = False  # the last body is a slice of the last text, as is

    # ------------------------------------------------------------------ pickling

    def __getstate__(self) -> dict[str, object]:
        """The cache and the last render, to carry to another process: a renderer unpickled
        after rendering a text gives the same result for it without rendering a block again.
        The thread's Markdown environment and the ``breathe`` callable stay behind."""
        state = self.__dict__.copy()
        state.pop("_env", None)
        state.pop("breathe", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        """Back from a pickle, with no breathing. No Markdown environment is built here: every
        render takes the rendering thread's own (see :meth:`_render`), so a thread that only
        unpickles the renderer and hands it on (the GUI thread) never builds one."""
        self.__dict__.update(state)
        self.breathe = _nothing

    # ------------------------------------------------------------------ per block

    def _definitions_of(self, source: str) -> Definitions:
        found = self._definitions.get(source)
        if found is None:
            reason = block_hazard(source) if self.guard else None
            if reason is not None:  # before the block parser ever sees it
                raise PreviewHazard(reason)
            found = NO_DEFINITIONS
            if _DEFINITION_HINT.search(source):
                found = self._env.definitions(source, self._tags)
            self._definitions[source] = found
        return found

    def _markers(self, source: str) -> tuple[tuple[int, int, str, bool], ...]:
        seps = self.options.excerpt_separators
        if "<!--" not in source and not any(sep and sep in source for sep in seps):
            return ()
        return tuple((m.line, m.start, m.text, m.in_code) for m in find_markers(source, seps))

    def _entry(self, source: str) -> _Entry:
        entry = self._cache.get(source)
        if entry is not None:
            if entry.version == self._version:
                return entry
            if entry.deps.hold(self._context, source):
                entry.version = self._version
                return entry
        entry = self._render_block(source, entry)
        self._cache[source] = entry
        return entry

    def _convert(
        self, source: str, markers: tuple[tuple[int, int, str, bool], ...]
    ) -> tuple[str, BlockState, Deps]:
        """Render ``source``. With an excerpt marker past its start, the place where the marker
        ends up in the HTML holds :data:`_CUT` (the divider is drawn there)."""
        real = next(((at, text) for _, at, text, in_code in markers if not in_code), None)
        if real is not None and real[0] > 0:
            at, text = real
            end = at + len(text)
            if text.startswith("<!--") and text.endswith("-->"):  # the same shape: a comment
                marked = source[:at] + _CUT_COMMENT + source[end:]
            else:
                marked = source[:end] + _CUT_COMMENT + source[end:]
            output, state, deps = self._env.convert(marked, self._context, self._tags)
            found = output.find(_CUT_COMMENT)
            if (
                found >= 0
                and output.count(_CUT) == 1
                and output.rfind(">", 0, found) >= output.rfind("<", 0, found)
            ):
                return output.replace(_CUT_COMMENT, _CUT), state, deps
        return self._env.convert(source, self._context, self._tags)

    def _render_block(self, source: str, old: _Entry | None) -> _Entry:
        if old is not None:  # only the context changed: the source-derived parts stand
            digest, markers, heading_lines = old.digest, old.markers, old.heading_lines
        else:
            digest = hashlib.blake2b(
                source.encode("utf-8", "surrogatepass"), digest_size=5
            ).hexdigest()
            markers = self._markers(source)
            heading_lines = ()
        output, state, deps = self._convert(source, markers)
        clean = clean_html(output)
        found_images = images(clean)
        if not self.options.allow_remote_images:
            clean = hide_remote_images(clean)
        plain = clean
        at = clean.find(_CUT) if markers else -1
        if at >= 0:
            clean = _settle_cut(clean)
            at = clean.find(_CUT)
            plain = clean[:at] + clean[at + len(_CUT) :]
        words = count_words(plain)
        words_before_cut = count_words(plain[:at]) if at >= 0 else words
        if len(heading_lines) != len(state.headings):
            heading_lines = _heading_lines(source, len(state.headings))
        return _Entry(
            html=clean,
            deps=deps,
            version=self._version,
            headings=tuple(state.headings),
            heading_lines=heading_lines,
            ids=frozenset(state.ids),
            footnote_refs=tuple(state.footnote_refs),
            words=words,
            words_before_cut=words_before_cut,
            targets=tuple(
                (t, _line_in(source, t.url, t.path))
                for t in local_targets(plain)
                if self._tags is None or not templated(t.url)  # the generator makes the URL
            ),
            images=tuple((i, _line_in(source, i.src)) for i in found_images),
            markers=markers,
            digest=digest,
        )

    # ------------------------------------------------------------------ the post

    def render(self, post_or_text: Post | str) -> RenderResult:
        """Render a post (or a file's whole text, front matter included)."""
        if isinstance(post_or_text, str):
            return self.render_text(post_or_text)
        self._text = self._front = None
        return self._render(FrontMatter.of(post_or_text), _body_of(post_or_text), None)

    def render_text(self, text: str, path: Path | None = None) -> RenderResult:
        """Render a file's whole text; after an edit, the front matter is read again only
        when the edit reached the part of the text it was read from.

        With the guard on, raises :class:`~editor.core.render.hazard.PreviewHazard` for a block
        that would take Markdown far too long (the last render stays the base for the next).
        """
        edit: Edit | None = None
        front: FrontMatter | None = None
        if self._text is not None and self._front is not None:
            edit = find_edit(self._text, text)
            self.breathe()
            front = self._front.after(edit, text, path)
        body_edit: Edit | None = None
        if front is None:
            front, post = read_front(text, path)
            body = _body_of(post)
        else:
            body = text[front.body_offset :]
            if "\r" in body or TOKEN in body or forged(body):
                body = _body_of(Post.from_text(text, path))
            elif edit is not None and self._plain:
                offset = front.body_offset
                body_edit = Edit(edit.start - offset, edit.old_end - offset, edit.new_end - offset)
        plain = len(body) == len(text) - front.body_offset
        result = self._render(front, body, body_edit)
        self._text, self._front, self._plain = text, front, plain
        return result

    def render_top(self, text: str, path: Path | None = None, *, chars: int) -> RenderResult:
        """The first blocks of a file's whole text, those of its first ``chars`` characters
        of body (at least one), exactly as the whole render shows them (the whole post's
        references and abbreviations apply): a first look at a long post while the rest is
        rendered. The render base is not changed; the blocks stay in the cache, so the whole
        render that follows does not render them again. Raises like :meth:`render_text`."""
        front, post = read_front(text, path)
        body = _body_of(post)
        self._env = shared_env()
        if self._templates_off != front.no_templates:
            self._doc = None
            self._set_templates(front.no_templates)
        blocks = split(body, self._tags)
        definitions = [self._definitions_of(block) for block in blocks.texts]
        context = Context.merge(definitions)
        if not context.same_as(self._context):
            self._context = context
            self._version += 1
        count = 0
        while count < len(blocks) and (count == 0 or blocks.starts[count] < chars):
            count += 1
        head = Split(
            blocks.texts[:count],
            blocks.starts[:count],
            blocks.firsts[:count],
            blocks.lasts[:count],
            [],
        )
        entries = [self._entry(block) for block in head.texts]
        first_look = _DocumentPass(
            renderer=self,
            front=front,
            body=body[: head.end(count - 1)] if count else "",
            blocks=head,
            definitions=definitions[:count],
            entries=entries,
            note_entries=(),
            notes=False,  # the footnotes' list is at the end of the page, not in its top
        )
        return first_look.run().result

    def _set_templates(self, off: bool) -> None:
        """Template tags read (or, ``off``, not) from now on: every block renders anew."""
        self._templates_off = off
        self._tags = tags_for(_live_syntaxes(self.options, off=off))
        self._cache.clear()
        self._definitions.clear()

    def _render(self, front: FrontMatter, body: str, edit: Edit | None) -> RenderResult:
        """``edit``, when given, is where ``body`` differs from the last render's body."""
        self._env = shared_env()  # this thread's: a renderer may move to a worker thread
        doc, self._doc = self._doc, None  # a render that fails leaves no half-updated base
        if self._templates_off != front.no_templates:  # every block renders differently
            self._set_templates(front.no_templates)
            doc = None
        try:
            updated = self._render_from(doc, front, body, edit)
        except PreviewHazard:
            self._doc = doc  # raised before anything changed
            raise
        except BaseException:
            discard_env()
            raise
        self._doc = updated
        self._prune(updated.split)
        return updated.result

    def _render_from(
        self, doc: _Doc | None, front: FrontMatter, body: str, edit: Edit | None
    ) -> _Doc:
        if doc is not None and doc.first_line == front.body_line:
            moved: tuple[Split, Window] | None = None
            if doc.body == body:
                end = len(doc.split)
                moved = doc.split, Window(end, end, end)
            else:
                if edit is None:
                    edit = find_edit(doc.body, body)
                self.breathe()
                moved = resplit(doc.split, doc.body, body, edit, self._tags)
            self.breathe()
            if moved is not None:
                updated = self._update(doc, front, body, *moved)
                if updated is not None:
                    return updated
                return self._full(front, body, moved[0])
        return self._full(front, body, split(body, self._tags))

    def _prune(self, blocks: Split) -> None:
        """Forget blocks no longer in the post, once the cache has grown well past it."""
        limit = 2 * (len(blocks) + len(self._context.footnotes)) + 256
        if len(self._cache) > limit:
            keep = set(blocks.texts) | set(self._context.footnotes.values())
            self._cache = {k: v for k, v in self._cache.items() if k in keep}
        if len(self._definitions) > limit:
            keep = set(blocks.texts)
            self._definitions = {k: v for k, v in self._definitions.items() if k in keep}

    # ------------------------------------------------------------------ the whole post

    def _full(self, front: FrontMatter, body: str, blocks: Split) -> _Doc:
        definitions = [self._definitions_of(text) for text in blocks.texts]
        context = Context.merge(definitions)
        if not context.same_as(self._context):
            self._context = context
            self._version += 1
        entries = []
        for index, text in enumerate(blocks.texts):
            if not index % _BREATHE_EVERY:
                self.breathe()
            entries.append(self._entry(text))
        note_entries = [self._entry(text) for text in self._context.footnotes.values()]
        self.breathe()
        return _DocumentPass(
            renderer=self,
            front=front,
            body=body,
            blocks=blocks,
            definitions=definitions,
            entries=entries,
            note_entries=note_entries,
        ).run()

    # ------------------------------------------------------------------ only the edit

    def _update(
        self, doc: _Doc, front: FrontMatter, body: str, blocks: Split, window: Window
    ) -> _Doc | None:
        """The new render from ``doc`` and the blocks in ``window``; None when the edit
        touched something the whole post depends on."""
        low, old_high, new_high = window.low, window.old_high, window.new_high
        old_entries = doc.entries[low:old_high]
        definitions = [self._definitions_of(text) for text in blocks.texts[low:new_high]]
        if _defined(doc.definitions[low:old_high]) != _defined(definitions):
            return None  # the post's references, abbreviations or footnotes changed
        entries = [self._entry(text) for text in blocks.texts[low:new_high]]
        self.breathe()
        if _signature(old_entries) != _signature(entries):
            return None
        digests = doc.digests  # updated in place: a failed update is followed by a full pass
        if any(digests[e.digest] != 1 for e in old_entries):
            return None
        for e in old_entries:
            del digests[e.digest]
        for e in entries:
            digests[e.digest] += 1
        if any(digests[e.digest] != 1 for e in entries):
            return None

        first_line = front.body_line
        old_auto = list(chain.from_iterable(doc.auto_ids[low:old_high]))
        old_refs = list(chain.from_iterable(doc.ref_ids[low:old_high]))
        note_numbers = {note: n for n, note in enumerate(self._context.footnotes, start=1)}
        new_blocks: list[Block] = []
        auto_ids: list[tuple[str, ...]] = []
        ref_ids: list[tuple[str, ...]] = []
        headings: list[tuple[Heading, ...]] = []
        for offset, entry in enumerate(entries):
            index = low + offset
            line = first_line + blocks.firsts[index]
            autos = tuple(old_auto[: _auto_count(entry)])
            del old_auto[: len(autos)]
            refs = tuple(old_refs[: len(entry.footnote_refs)])
            del old_refs[: len(refs)]
            filled = _fill(entry, autos, refs, note_numbers)
            new_blocks.append(
                _block(f"b{entry.digest}", entry, filled, line, first_line + blocks.lasts[index])
            )
            auto_ids.append(autos)
            ref_ids.append(refs)
            headings.append(_outline(entry, autos, line))

        count_delta = new_high - old_high
        line_delta = 0
        if old_high < doc.body_count:
            line_delta = (first_line + blocks.firsts[new_high]) - doc.blocks[old_high].line_start
        tail = doc.blocks[old_high : doc.body_count]
        tail_headings = doc.headings[old_high:]
        if line_delta:
            tail = [
                replace(b, line_start=b.line_start + line_delta, line_end=b.line_end + line_delta)
                for b in tail
            ]
            tail_headings = [
                tuple(Heading(h.level, h.text, h.id, h.line + line_delta) for h in hs) if hs else hs
                for hs in tail_headings
            ]
        body_blocks = [*doc.blocks[:low], *new_blocks, *tail]
        notable = [i for i in doc.notable if i < low]
        notable.extend(
            low + k
            for k, entry in enumerate(entries)
            if entry.markers or entry.images or entry.targets or definitions[k]
        )
        notable.extend(i + count_delta for i in doc.notable if i >= old_high)

        all_entries = [*doc.entries[:low], *entries, *doc.entries[old_high:]]
        all_definitions = [*doc.definitions[:low], *definitions, *doc.definitions[old_high:]]
        footnotes = doc.blocks[doc.body_count] if len(doc.blocks) > doc.body_count else None
        if footnotes is not None:
            footnotes = _footnote_lines(footnotes, blocks, all_definitions, notable, first_line)
        page = body_blocks + ([footnotes] if footnotes is not None else [])

        check = _Checks(self.options, front.path, first_line, blocks, all_entries, notable)
        marker = check.excerpt_marker()
        old_at = _divider_at(doc.marker, doc.blocks)
        new_at = _divider_at(marker, page)
        changed: set[int] = set()
        if old_at is not None and not low <= old_at[0] < old_high:  # a block kept, moved
            index, divider = old_at
            if index >= old_high:
                index += count_delta
            if (index, divider) != new_at:
                page[index] = replace(page[index], divider="")
                changed.add(index)
        if new_at is not None:
            index, divider = new_at
            if page[index].divider != divider:
                page[index] = replace(page[index], divider=divider)
                changed.add(index)
        old_words = sum(e.words for e in old_entries)
        new_words = sum(e.words for e in entries)
        words = doc.words - old_words + new_words
        excerpt_end = _excerpt_end(marker)
        old_end = doc.result.excerpt_end
        excerpt_words = doc.result.excerpt_words
        if excerpt_end is None:
            excerpt_words = None
        elif old_end is not None and old_end <= low and excerpt_end <= low:
            pass  # the excerpt ends before the edit
        elif (
            doc.marker is not None
            and marker is not None
            and doc.marker[0] >= old_high
            and marker[0] >= new_high
        ):  # the marker is after the edited blocks
            excerpt_words = (excerpt_words or 0) - old_words + new_words
        else:  # the marker is in the edited blocks
            excerpt_words = _excerpt_words(all_entries, marker)

        anchor = doc.blocks[low - 1].id if low else None
        patches = diff_blocks(doc.blocks[low:old_high], page[low:new_high], after=anchor)
        if line_delta and new_high < len(page):
            last = page[new_high - 1].id if new_high > 0 else None
            patches.append(Patch("shift", after=last, delta=line_delta))
        patches.extend(
            Patch("replace", page[i].id, page[i].element())
            for i in sorted(changed)
            if not low <= i < new_high
        )
        if footnotes is not None:
            old_notes = doc.blocks[doc.body_count]
            moved = (old_notes.line_start + line_delta, old_notes.line_end + line_delta)
            if (footnotes.line_start, footnotes.line_end) != moved and (
                len(page) - 1 not in changed
            ):
                patches.append(
                    Patch(
                        "lines",
                        footnotes.id,
                        line_start=footnotes.line_start,
                        line_end=footnotes.line_end,
                    )
                )
        result = _result(
            front,
            self.options,
            blocks=page,
            headings=chain.from_iterable([*doc.headings[:low], *headings, *tail_headings]),
            words=words,
            excerpt=(excerpt_end, excerpt_words),
            warnings=check.warnings(),
            change=Change(doc.result.token, tuple(patches)),
        )
        return _Doc(
            body=body,
            first_line=first_line,
            split=blocks,
            definitions=all_definitions,
            entries=all_entries,
            blocks=page,
            body_count=len(body_blocks),
            auto_ids=[*doc.auto_ids[:low], *auto_ids, *doc.auto_ids[old_high:]],
            ref_ids=[*doc.ref_ids[:low], *ref_ids, *doc.ref_ids[old_high:]],
            headings=[*doc.headings[:low], *headings, *tail_headings],
            notable=notable,
            digests=digests,
            words=words,
            marker=marker,
            result=result,
        )


def _defined(definitions: Sequence[Definitions]) -> tuple[object, ...]:
    """What ``definitions`` add to the post's context, in order (which blocks hold them does
    not matter: the context applies them one after the other)."""
    return (
        tuple(chain.from_iterable(d.references for d in definitions)),
        tuple(chain.from_iterable(d.abbreviations for d in definitions)),
        tuple(chain.from_iterable(d.footnotes for d in definitions)),
    )


def _signature(entries: Sequence[_Entry]) -> tuple[object, ...]:
    """What of ``entries`` the rest of the post's heading ids and footnote numbers depend on."""
    return (
        tuple((h.explicit_id, h.slug) for e in entries for h in e.headings),
        frozenset().union(*(e.ids for e in entries)),
        tuple(note for e in entries for note in e.footnote_refs),
    )


def _auto_count(entry: _Entry) -> int:
    return sum(1 for info in entry.headings if info.explicit_id is None)


def _fill(
    entry: _Entry, heading_ids: Sequence[str], ref_ids: Sequence[str], notes: dict[str, int]
) -> str:
    """The entry's HTML with its final heading ids and footnote numbers."""
    if not (entry.headings or entry.footnote_refs) or TOKEN not in entry.html:
        return entry.html

    def fill(m: re.Match[str]) -> str:
        kind, index = m.group(1), int(m.group(2))
        if kind == "h":
            return html.escape(heading_ids[index])
        if kind == "r":
            return html.escape(ref_ids[index])
        return str(notes[entry.footnote_refs[index]])

    return TOKEN_RE.sub(fill, entry.html)


def _outline(entry: _Entry, auto_ids: Sequence[str], line: int) -> tuple[Heading, ...]:
    if not entry.headings:
        return ()
    autos = iter(auto_ids)
    return tuple(
        Heading(
            info.level,
            info.text,
            info.explicit_id if info.explicit_id is not None else next(autos),
            line + offset,
        )
        for info, offset in zip(entry.headings, entry.heading_lines, strict=True)
    )


def _minutes(words: int, options: RenderOptions) -> int:
    return math.ceil(words / max(1, options.words_per_minute)) if words else 0


def _result(
    front: FrontMatter,
    options: RenderOptions,
    *,
    blocks: Iterable[Block],
    headings: Iterable[Heading],
    words: int,
    excerpt: tuple[int | None, int | None],
    warnings: tuple[Warning, ...],
    change: Change | None = None,
) -> RenderResult:
    """The result of a full render or an update: its blocks and counts, with the post's
    header fields from ``front``."""
    return RenderResult(
        blocks=tuple(blocks),
        headings=tuple(headings),
        word_count=words,
        reading_minutes=_minutes(words, options),
        excerpt_end=excerpt[0],
        excerpt_words=excerpt[1],
        warnings=warnings,
        title=front.title,
        title_source=front.title_source,
        date=front.date,
        tags=front.tags,
        path=front.path,
        change=change,
    )


def _excerpt_end(marker: tuple[int, int] | None) -> int | None:
    if marker is None:
        return None
    index, offset = marker
    return index if offset == 0 else index + 1


def _excerpt_words(entries: Sequence[_Entry], marker: tuple[int, int] | None) -> int | None:
    """The words before the marker: the blocks before its block, and in its block the words
    before it when it stands inside the block."""
    if marker is None:
        return None
    index, offset = marker
    words = sum(entry.words for entry in entries[:index])
    if offset and index < len(entries):
        words += entries[index].words_before_cut
    return words


def _divider_at(
    marker: tuple[int, int] | None, blocks: Sequence[Block]
) -> tuple[int, Divider] | None:
    """Which of ``blocks`` draws the excerpt divider, and where: exactly where the marker
    is, inside the marker's block when it is not at the block's start."""
    end = _excerpt_end(marker)
    if marker is None or end is None or not blocks:
        return None
    index, offset = marker
    if offset and index < len(blocks) and blocks[index].cut >= 0:
        return index, "inline" if blocks[index].cut_inline else "inside"
    if end >= len(blocks):
        return len(blocks) - 1, "after"
    return end, "before"


def _footnote_lines(
    footnotes: Block,
    blocks: Split,
    definitions: Sequence[Definitions],
    notable: Sequence[int],
    first_line: int,
) -> Block:
    """The footnote list spans the lines of the blocks that define notes."""
    defining = [i for i in notable if definitions[i].footnotes]
    start = first_line + (blocks.firsts[defining[0]] if defining else 0)
    end = first_line + (blocks.lasts[defining[-1]] if defining else 0)
    if (footnotes.line_start, footnotes.line_end) == (start, end):
        return footnotes
    return replace(footnotes, line_start=start, line_end=end)


class _Checks:
    """The excerpt and the warnings, from the blocks that can have either."""

    def __init__(  # noqa: PLR0917 - one call site each in both passes
        self,
        options: RenderOptions,
        path: Path | None,
        first_line: int,
        blocks: Split,
        entries: Sequence[_Entry],
        notable: Sequence[int],
    ) -> None:
        self.options = options
        self.folder = path.parent if path is not None else None
        self.first_line = first_line
        self.blocks = blocks
        self.entries = entries
        self.notable = notable
        self._warnings: list[Warning] = []
        self._marker: tuple[int, int] | None = None
        self._scanned = False

    def excerpt_marker(self) -> tuple[int, int] | None:
        """(block index, offset) of the marker that counts; warns about the others."""
        if self._scanned:
            return self._marker
        self._scanned = True
        real: list[tuple[int, int, int]] = []  # (block index, offset, file line)
        for index in self.notable:
            entry = self.entries[index]
            for line, offset, text, in_code in entry.markers:
                file_line = self.first_line + self.blocks.firsts[index] + line
                if in_code:
                    self._warnings.append(
                        Warning(
                            file_line,
                            f"excerpt marker '{text}' inside code is shown as text, not used",
                            "marker-in-code",
                        )
                    )
                else:
                    real.append((index, offset, file_line))
        for _, _, line in real[1:]:
            self._warnings.append(
                Warning(line, "a second excerpt marker: only the first one counts", "extra-marker")
            )
        if real and len(self.blocks):
            self._marker = real[0][0], real[0][1]
        return self._marker

    def warnings(self) -> tuple[Warning, ...]:
        """Every warning, by line: markers, then images and files block by block."""
        self.excerpt_marker()
        found = self._warnings
        folder = self.folder
        for index in self.notable:
            entry = self.entries[index]
            base = self.first_line + self.blocks.firsts[index]
            for image, offset in entry.images:
                if not image.alt.strip():
                    found.append(
                        Warning(
                            base + offset,
                            f"image '{image.src}' has no alt text: describe it for readers "
                            "who cannot see it",
                            "image-alt",
                        )
                    )
            if folder is None or not self.options.check_local_files:
                continue
            for target, offset in entry.targets:
                if is_remote(target.url) or (folder / target.path).exists():
                    continue
                what = "image" if target.kind == "image" else "link target"
                found.append(
                    Warning(
                        base + offset,
                        f"{what} '{target.url}' does not exist (relative to the post's folder)",
                        "missing-file",
                    )
                )
        return tuple(sorted(found, key=lambda w: w.line))


class _DocumentPass:
    """Everything that needs the whole post, from the per-block records."""

    def __init__(
        self,
        *,
        renderer: Renderer,
        front: FrontMatter,
        body: str,
        blocks: Split,
        definitions: list[Definitions],
        entries: list[_Entry],
        note_entries: Sequence[_Entry],
        notes: bool = True,
    ) -> None:
        self.options = renderer.options
        self.notes = notes
        self.context = renderer._context
        self.front = front
        self.body = body
        self.blocks = blocks
        self.definitions = definitions
        self.entries = entries
        self.note_entries = note_entries
        self.first_line = front.body_line
        self.used_ids: set[str] = set()
        self.id_counters: dict[str, int] = {}
        self.ref_counts: dict[str, int] = {}
        self.note_numbers = {note: n for n, note in enumerate(self.context.footnotes, start=1)}

    def _ids(self, entry: _Entry) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Unique ids for the entry's id-less headings and ids for its footnote references,
        in document order."""
        autos = tuple(
            unique(info.slug, self.used_ids, self.id_counters)
            for info in entry.headings
            if info.explicit_id is None
        )
        refs: list[str] = []
        for note in entry.footnote_refs:
            count = self.ref_counts.get(note, 0) + 1
            self.ref_counts[note] = count
            refs.append(f"fnref{'' if count == 1 else count}:{note}")
        return autos, tuple(refs)

    def run(self) -> _Doc:
        for entry in (*self.entries, *self.note_entries):
            self.used_ids.update(entry.ids)
        blocks = self.blocks
        digests: Counter[str] = Counter()
        page: list[Block] = []
        auto_ids: list[tuple[str, ...]] = []
        ref_ids: list[tuple[str, ...]] = []
        headings: list[tuple[Heading, ...]] = []
        notable: list[int] = []
        for index, entry in enumerate(self.entries):
            digests[entry.digest] += 1
            seen = digests[entry.digest]
            block_id = f"b{entry.digest}" + (f"-{seen}" if seen > 1 else "")
            line = self.first_line + blocks.firsts[index]
            autos, refs = self._ids(entry)
            html_text = _fill(entry, autos, refs, self.note_numbers)
            last = self.first_line + blocks.lasts[index]
            if entry.markers:
                page.append(_block(block_id, entry, html_text, line, last))
            else:  # most blocks: no call on the whole-post pass's hot path
                page.append(Block(block_id, html_text, line, last))
            auto_ids.append(autos)
            ref_ids.append(refs)
            headings.append(_outline(entry, autos, line))
            if entry.markers or entry.images or entry.targets or self.definitions[index]:
                notable.append(index)
        body_count = len(page)
        footnotes = self._footnotes(notable) if self.notes else None
        if footnotes is not None:
            page.append(footnotes)
        check = _Checks(
            self.options, self.front.path, self.first_line, blocks, self.entries, notable
        )
        marker = check.excerpt_marker()
        divider = _divider_at(marker, page)
        if divider is not None:
            page[divider[0]] = replace(page[divider[0]], divider=divider[1])
        excerpt_end = _excerpt_end(marker)
        words = sum(entry.words for entry in (*self.entries, *self.note_entries))
        excerpt_words = _excerpt_words(self.entries, marker)
        front = self.front
        result = _result(
            front,
            self.options,
            blocks=page,
            headings=chain.from_iterable(headings),
            words=words,
            excerpt=(excerpt_end, excerpt_words),
            warnings=check.warnings(),
        )
        return _Doc(
            body=self.body,
            first_line=self.first_line,
            split=blocks,
            definitions=self.definitions,
            entries=self.entries,
            blocks=page,
            body_count=body_count,
            auto_ids=auto_ids,
            ref_ids=ref_ids,
            headings=headings,
            notable=notable,
            digests=digests,
            words=words,
            marker=marker,
            result=result,
        )

    # ------------------------------------------------------------------ footnotes

    def _footnotes(self, notable: Sequence[int]) -> Block | None:
        """The footnote list, as Python-Markdown's footnotes extension lays it out."""
        notes = list(self.context.footnotes)
        if not notes:
            return None
        items: list[str] = []
        for number, (note, entry) in enumerate(zip(notes, self.note_entries, strict=True), 1):
            autos, refs = self._ids(entry)
            content = _fill(entry, autos, refs, self.note_numbers)
            links = []
            for count in range(1, max(1, self.ref_counts.get(note, 0)) + 1):
                ref = f"fnref{'' if count == 1 else count}:{note}"
                links.append(
                    f'<a class="footnote-backref" href="#{html.escape(ref)}" '
                    f'title="Jump back to footnote {number} in the text">{_BACKLINK}</a>'
                )
            backlinks = " ".join(links)
            if content.endswith("</p>"):
                content = content[: -len("</p>")] + "&#160;" + backlinks + "</p>"
            else:
                content += f"\n<p>{backlinks}</p>"
            items.append(f'<li id="fn:{html.escape(note)}">\n{content}\n</li>')
        body = '<div class="footnote">\n<hr>\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>"
        block = Block(FOOTNOTES_ID, body, 0, 0)
        return _footnote_lines(block, self.blocks, self.definitions, notable, self.first_line)


def render(post_or_text: Post | str, options: RenderOptions | None = None) -> RenderResult:
    """Render once, from an empty cache (a window keeps a :class:`Renderer` instead)."""
    return Renderer(options).render(post_or_text)
