"""Local images a post references: markdown images, reference-style images and ``<img src>``.

Only links that name a file relative to the post are local; URLs, site-root paths
(``/img/a.png``) and generator placeholders (``{static}``) are the site's business and are
left alone. Images inside code are text, not images.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import unquote

from editor.core.filekinds import is_image_name
from editor.core.mdscan import code_line_mask, code_span_ranges

_INLINE = re.compile(
    r"!\[(?:[^\]\\]|\\.)*\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<bare>[^\s)]+))(?:\s+[\"'(][^\n]*?)?\s*\)"
)
_REF_USE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\](?:\[(?P<ref>[^\]]*)\]|(?![(\[]))")
_REF_DEF = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]]+)\]:[ \t]*(?:<(?P<angle>[^>\n]*)>|(?P<bare>\S+))")
_IMG_TAG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class ImageRef:
    """One local image link: ``body[start:end]`` is the link text to replace; ``line`` is the
    0-based body line; ``path`` the file it names, relative to the post's folder."""

    start: int
    end: int
    line: int
    link: str
    path: str
    html: bool = False


def is_local(link: str) -> bool:
    """True for a link naming a file relative to the post."""
    link = link.strip()
    return bool(link) and not (_SCHEME.match(link) or link.startswith(("/", "#", "{", "\\", "?")))


def _file_part(link: str) -> str:
    return unquote(re.split(r"[?#]", link, maxsplit=1)[0])


_LINK_FORMS = ((_INLINE, "angle", "bare", False), (_IMG_TAG, "dq", "sq", True))


def find_images(body: str) -> list[ImageRef]:
    """Every local image link in ``body``, in order."""
    lines = body.splitlines(keepends=True)
    mask = code_line_mask(lines)
    refs: list[ImageRef] = []
    image_refs: set[str] = set()
    definitions: list[tuple[str, int, int, int, str]] = []
    offset = 0
    for index, line in enumerate(lines):
        if mask[index]:
            offset += len(line)
            continue
        spans = code_span_ranges(line)

        def in_span(position: int, spans: list[tuple[int, int]] = spans) -> bool:
            return any(start <= position < end for start, end in spans)

        # markdown images ![alt](link) and <img src="link">: the link is one of two groups
        for pattern, first, second, is_html in _LINK_FORMS:
            for match in pattern.finditer(line):
                group = first if match[first] is not None else second
                if not in_span(match.start()) and is_local(match[group]):
                    refs.append(
                        ImageRef(
                            offset + match.start(group),
                            offset + match.end(group),
                            index,
                            match[group],
                            _file_part(match[group]),
                            html=is_html,
                        )
                    )
        for match in _REF_USE.finditer(line):
            if not in_span(match.start()):
                image_refs.add((match["ref"] or match["alt"]).strip().casefold())
        definition = _REF_DEF.match(line)
        if definition:
            group = "angle" if definition["angle"] is not None else "bare"
            definitions.append(
                (
                    definition["ref"].strip().casefold(),
                    offset + definition.start(group),
                    offset + definition.end(group),
                    index,
                    definition[group],
                )
            )
        offset += len(line)
    for ref, start, end, index, link in definitions:
        if ref in image_refs and is_local(link):
            refs.append(ImageRef(start, end, index, link, _file_part(link)))
    refs.sort(key=lambda ref: ref.start)
    return refs


_RAW_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>")


def raw_html_line(body: str) -> int | None:
    """The 0-based line of the first raw HTML tag outside code, or None."""
    lines = body.splitlines()
    mask = code_line_mask(lines)
    for index, line in enumerate(lines):
        if mask[index]:
            continue
        spans = code_span_ranges(line)
        for match in _RAW_TAG.finditer(line):
            if not any(start <= match.start() < end for start, end in spans):
                return index
    return None


def replace_links(body: str, replacements: list[tuple[ImageRef, str]]) -> str:
    """``body`` with each reference's link text replaced; everything else keeps its bytes."""
    out = body
    for ref, link in sorted(replacements, key=lambda pair: pair[0].start, reverse=True):
        out = out[: ref.start] + link + out[ref.end :]
    return out


def is_media_name(name: str) -> bool:
    """Whether a file named ``name`` may be copied with a post: an image, or audio or video
    (by its name's ending)."""
    if is_image_name(name):
        return True
    kind, _ = mimetypes.guess_type(name, strict=False)
    return kind is not None and kind.split("/")[0] in {"image", "audio", "video"}
