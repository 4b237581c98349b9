"""Rich text pasted from a web page or a word processor, as markdown.

markdownify does the conversion (pure Python, the most used HTML-to-markdown converter, and
configurable the way a post is written: ATX headings, ``-`` bullets, fenced code with its
language). HTML that only dresses up plain text - a code editor's coloured spans, a terminal's
lines - is not converted: its plain text is what the writer copied. Too large or too deeply
nested HTML falls back to the plain text too, so a paste never stalls the window.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: HTML larger than this is pasted as plain text (markdownify converts ~250 KB a second)
MAX_HTML_CHARS = 256_000
# a tag that carries meaning markdown can say; HTML without any is only styled plain text
_MEANINGFUL = re.compile(
    r"<(?:p|h[1-6]|ul|ol|li|a|b|strong|em|i|table|blockquote|pre|code|img|hr|dl|del|s)\b",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang|highlight-source)-([\w+#.-]+)")
_BLANK_RUNS = re.compile(r"\n{3,}")


@cache
def _converter_class() -> Any:
    """markdownify's converter without the page's head (its title is not part of what was
    copied); imported on the first paste, not at start."""
    from markdownify import MarkdownConverter  # 0.2 s: paid on the first paste, not at start

    class Converter(MarkdownConverter):
        def convert_title(self, el: Any, text: str, parent_tags: Any) -> str:
            del el, text, parent_tags
            return ""

        def convert_head(self, el: Any, text: str, parent_tags: Any) -> str:
            del el, text, parent_tags
            return ""

    return Converter


def _code_language(element: Any) -> str:
    """The language of a ``<pre>`` from its or its ``<code>``'s class (``language-python``)."""
    for candidate in (element, element.find("code")):
        if candidate is None:
            continue
        classes = candidate.get("class") or []
        match = _LANGUAGE.search(" ".join(classes))
        if match:
            return str(match.group(1))
    return ""


def worth_converting(html: str) -> bool:
    """Whether ``html`` says more than its plain text (headings, emphasis, links, lists...)."""
    return len(html) <= MAX_HTML_CHARS and bool(_MEANINGFUL.search(html))


def html_to_markdown(html: str) -> str | None:
    """``html`` as markdown; None when it should be pasted as plain text instead (not worth
    converting, too large, too deeply nested, or nothing left)."""
    if not worth_converting(html):
        return None
    try:
        text = _converter_class()(
            heading_style="ATX",
            bullets="-",
            strong_em_symbol="*",
            code_language_callback=_code_language,
            escape_misc=False,
            newline_style="backslash",
        ).convert(html)
    except (RecursionError, ValueError, TypeError):
        return None
    text = _BLANK_RUNS.sub("\n\n", text.replace("\r\n", "\n")).strip("\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text or None
