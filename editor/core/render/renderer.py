"""Render a post block by block, re-rendering only what an edit changed.

The result of :meth:`Renderer.render` is, by construction, the same as a render from an empty
cache: a cached block is reused only when its source is the same and every document-level
input it read (see :class:`~editor.core.render.markdown_env.Deps`) is the same. What depends
on the whole post (unique heading ids, footnote numbers, the footnote list, the excerpt,
warnings about files) is recomputed on every render from small per-block records, which is
cheap. The property tests in ``tests/core/test_render_incremental.py`` hold this to account.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markdown.extensions.toc import unique

from editor.core.excerpt import find_markers
from editor.core.post import Post
from editor.core.render.blocks import SourceBlock, split_blocks
from editor.core.render.markdown_env import (
    NO_DEFINITIONS,
    TOKEN,
    TOKEN_RE,
    Context,
    Definitions,
    Deps,
    HeadingInfo,
    shared_env,
)
from editor.core.render.model import (
    Block,
    Divider,
    Heading,
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

#: only a block with one of these can define a reference, abbreviation or footnote
_DEFINITION_HINT = re.compile(r"\] ?:")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BACKLINK = "&#8617;"
FOOTNOTES_ID = "footnotes"


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


class Renderer:
    """Keeps the block cache of one open post. Not thread-safe: use one per thread."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()
        self._env = shared_env()
        self._cache: dict[str, _Entry] = {}
        self._definitions: dict[str, Definitions] = {}
        self._context = Context()
        self._version = 0

    # ------------------------------------------------------------------ per block

    def _definitions_of(self, source: str) -> Definitions:
        found = self._definitions.get(source)
        if found is None:
            found = NO_DEFINITIONS
            if _DEFINITION_HINT.search(source):
                found = self._env.definitions(source)
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

    def _render_block(self, source: str, old: _Entry | None) -> _Entry:
        output, state, deps = self._env.convert(source, self._context)
        clean = clean_html(output)
        found_images = images(clean)
        if not self.options.allow_remote_images:
            clean = hide_remote_images(clean)
        if old is not None:  # only the context changed: the source-derived parts stand
            digest, markers, heading_lines = old.digest, old.markers, old.heading_lines
        else:
            digest = hashlib.blake2b(
                source.encode("utf-8", "surrogatepass"), digest_size=5
            ).hexdigest()
            markers = self._markers(source)
            heading_lines = _heading_lines(source, len(state.headings))
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
            words=count_words(clean),
            targets=tuple((t, _line_in(source, t.url, t.path)) for t in local_targets(clean)),
            images=tuple((i, _line_in(source, i.src)) for i in found_images),
            markers=markers,
            digest=digest,
        )

    # ------------------------------------------------------------------ the post

    def render(self, post_or_text: Post | str) -> RenderResult:
        """Render a post (or a file's whole text, front matter included)."""
        self._env = shared_env()  # this thread's: a renderer may move to a worker thread
        post = post_or_text if isinstance(post_or_text, Post) else Post.from_text(post_or_text)
        body = post.body
        if "\r" in body:
            body = body.replace("\r\n", "\n").replace("\r", "\n")
        if TOKEN in body:  # a post cannot forge the placeholders the document pass fills in
            body = body.replace(TOKEN, TOKEN[:3] + "\u200b" + TOKEN[3:])
        sources = split_blocks(body)

        definitions = [self._definitions_of(sb.text) for sb in sources]
        context = Context.merge(definitions)
        if not context.same_as(self._context):
            self._context = context
            self._version += 1
        entries = [self._entry(sb.text) for sb in sources]
        note_entries = [self._entry(text) for text in self._context.footnotes.values()]
        result = _DocumentPass(
            renderer=self,
            post=post,
            sources=sources,
            definitions=definitions,
            entries=entries,
            note_entries=note_entries,
        ).run()
        self._prune(sources)
        return result

    def _prune(self, sources: Sequence[SourceBlock]) -> None:
        """Forget blocks no longer in the post, once the cache has grown well past it."""
        limit = 2 * (len(sources) + len(self._context.footnotes)) + 256
        if len(self._cache) > limit:
            keep = {sb.text for sb in sources} | set(self._context.footnotes.values())
            self._cache = {k: v for k, v in self._cache.items() if k in keep}
        if len(self._definitions) > limit:
            keep = {sb.text for sb in sources}
            self._definitions = {k: v for k, v in self._definitions.items() if k in keep}


class _DocumentPass:
    """Everything that needs the whole post, from the per-block records."""

    def __init__(
        self,
        *,
        renderer: Renderer,
        post: Post,
        sources: Sequence[SourceBlock],
        definitions: Sequence[Definitions],
        entries: Sequence[_Entry],
        note_entries: Sequence[_Entry],
    ) -> None:
        self.options = renderer.options
        self.context = renderer._context
        self.post = post
        self.sources = sources
        self.definitions = definitions
        self.entries = entries
        self.note_entries = note_entries
        self.first_line = post.body_line
        self.warnings: list[Warning] = []
        self.headings: list[Heading] = []
        self.used_ids: set[str] = set()
        self.id_counters: dict[str, int] = {}
        self.ref_counts: dict[str, int] = {}
        self.note_numbers = {note: n for n, note in enumerate(self.context.footnotes, start=1)}

    def _fill(self, entry: _Entry, block_line: int | None) -> str:
        """The entry's HTML with final heading ids and footnote numbers."""
        heading_ids: list[str] = []
        for info, offset in zip(entry.headings, entry.heading_lines, strict=True):
            final = info.explicit_id
            if final is None:
                final = unique(info.slug, self.used_ids, self.id_counters)
                heading_ids.append(final)
            if block_line is not None:
                self.headings.append(Heading(info.level, info.text, final, block_line + offset))
        ref_ids: list[str] = []
        for note in entry.footnote_refs:
            count = self.ref_counts.get(note, 0) + 1
            self.ref_counts[note] = count
            ref_ids.append(f"fnref{'' if count == 1 else count}:{note}")
        if TOKEN not in entry.html:
            return entry.html

        def fill(m: re.Match[str]) -> str:
            kind, index = m.group(1), int(m.group(2))
            if kind == "h":
                return html.escape(heading_ids[index])
            if kind == "r":
                return html.escape(ref_ids[index])
            return str(self.note_numbers[entry.footnote_refs[index]])

        return TOKEN_RE.sub(fill, entry.html)

    def run(self) -> RenderResult:
        for entry in (*self.entries, *self.note_entries):
            self.used_ids.update(entry.ids)
        digests: dict[str, int] = {}
        blocks: list[Block] = []
        for sb, entry in zip(self.sources, self.entries, strict=True):
            seen = digests.get(entry.digest, 0) + 1
            digests[entry.digest] = seen
            block_id = f"b{entry.digest}" + (f"-{seen}" if seen > 1 else "")
            line = self.first_line + sb.first
            blocks.append(Block(block_id, self._fill(entry, line), line, self.first_line + sb.last))
        footnotes = self._footnotes()
        if footnotes is not None:
            blocks.append(footnotes)
        excerpt_end = self._excerpt(blocks)
        self._file_warnings()
        words = sum(entry.words for entry in (*self.entries, *self.note_entries))
        wpm = max(1, self.options.words_per_minute)
        post = self.post
        return RenderResult(
            blocks=tuple(blocks),
            headings=tuple(self.headings),
            word_count=words,
            reading_minutes=math.ceil(words / wpm) if words else 0,
            excerpt_end=excerpt_end,
            warnings=tuple(sorted(self.warnings, key=lambda w: w.line)),
            title=post.title,
            title_source=post.title_source,
            date=post.date,
            tags=tuple(post.tags),
            path=post.path,
        )

    # ------------------------------------------------------------------ footnotes

    def _footnotes(self) -> Block | None:
        """The footnote list, as Python-Markdown's footnotes extension lays it out."""
        notes = list(self.context.footnotes)
        if not notes:
            return None
        items: list[str] = []
        for number, (note, entry) in enumerate(zip(notes, self.note_entries, strict=True), 1):
            content = self._fill(entry, None)
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
        lines = [
            (sb.first, sb.last)
            for sb, found in zip(self.sources, self.definitions, strict=True)
            if found.footnotes
        ]
        first = min((a for a, _ in lines), default=0)
        last = max((b for _, b in lines), default=0)
        return Block(FOOTNOTES_ID, body, self.first_line + first, self.first_line + last)

    # ------------------------------------------------------------------ excerpt

    def _excerpt(self, blocks: list[Block]) -> int | None:
        real: list[tuple[int, int, int]] = []  # (block index, offset, file line)
        for index, (sb, entry) in enumerate(zip(self.sources, self.entries, strict=True)):
            for line, offset, text, in_code in entry.markers:
                file_line = self.first_line + sb.first + line
                if in_code:
                    self.warnings.append(
                        Warning(
                            file_line,
                            f"excerpt marker '{text}' inside code is shown as text, not used",
                            "marker-in-code",
                        )
                    )
                else:
                    real.append((index, offset, file_line))
        for _, _, line in real[1:]:
            self.warnings.append(
                Warning(line, "a second excerpt marker: only the first one counts", "extra-marker")
            )
        if not real or not blocks:
            return None
        index, offset, _ = real[0]
        end = index if offset == 0 else index + 1
        divider: Divider = "before"
        at = end
        if end >= len(blocks):
            at, divider = len(blocks) - 1, "after"
        blocks[at] = replace(blocks[at], divider=divider)
        return end

    # ------------------------------------------------------------------ files

    def _file_warnings(self) -> None:
        folder = self.post.path.parent if self.post.path is not None else None
        for sb, entry in zip(self.sources, self.entries, strict=True):
            base = self.first_line + sb.first
            for image, offset in entry.images:
                if not image.alt.strip():
                    self.warnings.append(
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
                self.warnings.append(
                    Warning(
                        base + offset,
                        f"{what} '{target.url}' does not exist (relative to the post's folder)",
                        "missing-file",
                    )
                )


def render(post_or_text: Post | str, options: RenderOptions | None = None) -> RenderResult:
    """Render once, from an empty cache (a window keeps a :class:`Renderer` instead)."""
    return Renderer(options).render(post_or_text)
