"""What the highlighter paints, read back from each line's layout formats."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import pytest

pytest.importorskip("PySide6.QtGui")

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from editor.core.excerpt import find_markers
from editor.gui.editorpane import EditorPane
from editor.gui.highlighter import DARK_PALETTE, LIGHT_PALETTE, MarkdownHighlighter

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui

MARKER_BG = QColor(LIGHT_PALETTE.marker_background)
CODE_BG = QColor(LIGHT_PALETTE.code_background)
FRONT_BG = QColor(LIGHT_PALETTE.front_matter_background)


@pytest.fixture
def document(qapp: QApplication) -> QTextDocument:
    return QTextDocument()


def highlighted(document: QTextDocument, text: str, **options: Any) -> MarkdownHighlighter:
    highlighter = MarkdownHighlighter(document, dark=False, **options)
    document.setPlainText(text)
    highlighter.rehighlight_all()
    return highlighter


def format_at(document: QTextDocument, line: int, column: int) -> QTextCharFormat:
    """The highlighter's format of one character (an empty format when it set none)."""
    ranges = document.findBlockByNumber(line).layout().formats()
    for item in ranges:
        if item.start <= column < item.start + item.length:
            return QTextCharFormat(item.format)  # a copy: the range's own dies with the list
    return QTextCharFormat()


def background(document: QTextDocument, line: int, column: int = 0) -> QColor | None:
    fmt = format_at(document, line, column)
    return (
        fmt.background().color()
        if fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush)
        else None
    )


def is_marker(document: QTextDocument, line: int, column: int = 0) -> bool:
    fmt = format_at(document, line, column)
    return background(document, line, column) == MARKER_BG and fmt.fontWeight() == QFont.Weight.Bold


# --------------------------------------------------------------------------- excerpt marker


@pytest.mark.parametrize(
    "marker", ["<!-- more -->", "<!--more-->", "<!--   more\t-->", "<!-- MORE -->"]
)
def test_marker_stands_out_in_prose(document: QTextDocument, marker: str) -> None:
    highlighted(document, f"Intro.\n\n{marker}\n\nRest.")
    assert is_marker(document, 2, 0)
    assert is_marker(document, 2, len(marker) - 1)
    assert not is_marker(document, 0, 0)


def test_marker_inside_a_fence_is_code_not_a_marker(document: QTextDocument) -> None:
    highlighted(document, "```html\n<!-- more -->\n```\n<!-- more -->")
    assert not is_marker(document, 1)
    assert background(document, 1) == CODE_BG
    assert is_marker(document, 3)  # after the closing fence it is a marker again


def test_marker_inside_a_tilde_fence_and_a_code_span_is_not_a_marker(
    document: QTextDocument,
) -> None:
    highlighted(document, "~~~\n<!-- more -->\n~~~\nwrite `<!-- more -->` to split")
    assert not is_marker(document, 1)
    assert not is_marker(document, 3, 7)
    assert background(document, 3, 7) == CODE_BG


SAMPLES = [
    "para\n\n    <!-- more -->\n",  # indented code: text
    "- item\n\n    <!-- more -->\n",  # list continuation: a marker
    "- item\n\n        <!-- more -->\n",  # code inside a list item: text
    "para\n    <!-- more -->\n",  # a lazy paragraph line: a marker
    "```\ncode\n```\n\n    <!-- more -->\n",  # indented code after a fence: text
    "Intro <!-- more --> inline\n",
    "````\n```\n<!-- more -->\n````\n",  # a shorter fence does not close a longer one
]


@pytest.mark.parametrize("body", SAMPLES)
def test_marker_colouring_agrees_with_the_core(document: QTextDocument, body: str) -> None:
    highlighted(document, body)
    (found,) = find_markers(body)
    line_start = body.rfind("\n", 0, found.start) + 1
    assert is_marker(document, found.line, found.start - line_start) is not found.in_code


def test_custom_separator_stands_out(document: QTextDocument) -> None:
    highlighter = highlighted(document, "Intro\n\n<!--break-->\n\nRest")
    assert not is_marker(document, 2)
    highlighter.set_separators(["<!--break-->"])
    assert is_marker(document, 2)


# --------------------------------------------------------------------------- markdown


def test_heading_emphasis_and_links(document: QTextDocument) -> None:
    highlighted(document, "# Title\nSome **bold** and *italic* and [a link](https://x.org).")
    heading = format_at(document, 0, 3)
    assert heading.fontWeight() == QFont.Weight.Bold
    assert heading.foreground().color() == QColor(LIGHT_PALETTE.heading)
    assert format_at(document, 1, 8).fontWeight() == QFont.Weight.Bold
    assert format_at(document, 1, 21).fontItalic()
    link_text = format_at(document, 1, 34)
    assert link_text.fontUnderline()
    assert link_text.foreground().color() == QColor(LIGHT_PALETTE.link)
    assert format_at(document, 1, 45).foreground().color() == QColor(LIGHT_PALETTE.url)
    assert format_at(document, 1, 0) == QTextCharFormat()  # plain prose stays plain


def test_list_markers_quotes_and_images(document: QTextDocument) -> None:
    highlighted(document, "- item\n12. item\n> quoted\n![alt](a.png)")
    assert format_at(document, 0, 0).foreground().color() == QColor(LIGHT_PALETTE.list_marker)
    assert format_at(document, 0, 3) == QTextCharFormat()
    assert format_at(document, 1, 2).foreground().color() == QColor(LIGHT_PALETTE.list_marker)
    assert format_at(document, 2, 4).foreground().color() == QColor(LIGHT_PALETTE.quote)
    assert format_at(document, 3, 2).foreground().color() == QColor(LIGHT_PALETTE.image)


def test_fenced_code_lines_are_code_until_the_closing_fence(document: QTextDocument) -> None:
    highlighted(document, "```python\n# not a heading\n*x* = 1\n```\n# heading")
    for line in (1, 2):
        assert background(document, line) == CODE_BG
        assert format_at(document, line, 0).fontWeight() != QFont.Weight.Bold
    assert format_at(document, 4, 2).foreground().color() == QColor(LIGHT_PALETTE.heading)


# --------------------------------------------------------------------------- front matter


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: Hi\ntags: [a]\n---\nBody", "+++\ntitle = 'Hi'\ntags = ['a']\n+++\nBody"],
)
def test_front_matter_is_tinted_to_its_closing_delimiter(
    document: QTextDocument, text: str
) -> None:
    highlighted(document, text)
    for line in range(4):
        assert background(document, line) == FRONT_BG
        assert MarkdownHighlighter.in_front_matter(document.findBlockByNumber(line))
    assert not MarkdownHighlighter.in_front_matter(document.findBlockByNumber(4))
    assert format_at(document, 1, 0).fontWeight() == QFont.Weight.Bold  # the key
    assert format_at(document, 1, 10).fontWeight() != QFont.Weight.Bold  # the value
    assert background(document, 4) is None


def test_front_matter_may_follow_blank_lines_but_not_text(document: QTextDocument) -> None:
    highlighted(document, "\n\n---\ntitle: x\n---\n")
    assert background(document, 3) == FRONT_BG
    highlighted(document, "Text\n---\ntitle: x\n---\n")
    assert background(document, 2) is None


# --------------------------------------------------------------------------- theme and cost


def test_set_dark_recolours(document: QTextDocument) -> None:
    highlighter = highlighted(document, "# Title")
    highlighter.set_dark(True)
    assert highlighter.dark
    assert format_at(document, 0, 2).foreground().color() == QColor(DARK_PALETTE.heading)


def test_a_second_highlighter_replaces_the_first(document: QTextDocument) -> None:
    first = MarkdownHighlighter(document)
    second = MarkdownHighlighter(document)
    assert first.document() is None
    assert second.document() is document


def test_typing_a_fence_recolours_the_rest_even_past_the_cascade_budget(qtbot: QtBot) -> None:
    pane = EditorPane()
    qtbot.addWidget(pane)
    highlighter = MarkdownHighlighter(pane.document(), dark=False)
    highlighter.cascade_budget = 20
    highlighter.chunk_budget = 50
    pane.setPlainText("Top\n" + "plain line\n" * 300 + "<!-- more -->")
    last = pane.document().blockCount() - 1
    assert is_marker(pane.document(), last)
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    pane.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    last += 1
    qtbot.keyClicks(pane, "```")
    assert background(pane.document(), 5) == CODE_BG  # near the edit: at once
    assert highlighter.cascade_pending()  # the rest follows in idle time
    qtbot.waitUntil(lambda: not highlighter.cascade_pending(), timeout=5000)
    assert background(pane.document(), last) == CODE_BG
    assert not is_marker(pane.document(), last)
    qtbot.keyClick(pane, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not highlighter.cascade_pending(), timeout=5000)
    assert is_marker(pane.document(), last)
    assert background(pane.document(), 150) is None


def test_ordinary_typing_does_not_change_block_states(qtbot: QtBot) -> None:
    pane = EditorPane()
    qtbot.addWidget(pane)
    MarkdownHighlighter(pane.document(), dark=False)
    pane.setPlainText("---\ntitle: x\n---\n# Head\n\n```\ncode\n```\n- item *em* `c`\n")
    states = [pane.document().findBlockByNumber(n).userState() for n in range(10)]
    for line in (1, 3, 6, 8):
        cursor = QTextCursor(pane.document().findBlockByNumber(line))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        pane.setTextCursor(cursor)
        qtbot.keyClicks(pane, " typed **more** [x](y)")
    assert [pane.document().findBlockByNumber(n).userState() for n in range(10)] == states


def layout_summary(document: QTextDocument) -> list[tuple[int, list[tuple[int, int, str, str]]]]:
    """Each line's state and formats, in comparable form."""
    summary = []
    block = document.begin()
    while block.isValid():
        ranges = [
            (
                r.start,
                r.length,
                r.format.foreground().color().name(),
                r.format.background().color().name(),
            )
            for r in block.layout().formats()
        ]
        summary.append((block.userState(), ranges))
        block = block.next()
    return summary


@pytest.mark.parametrize("seed", range(6))
def test_edits_during_a_deferred_cascade_end_as_a_full_highlight_would(
    qtbot: QtBot, seed: int
) -> None:
    rnd = random.Random(seed)
    pieces = ["```", "~~~~", "prose *em* line", "- item", "<!-- more -->", "", "# Head", "---"]
    pane = EditorPane()
    qtbot.addWidget(pane)
    highlighter = MarkdownHighlighter(pane.document(), dark=False)
    highlighter.cascade_budget = 3
    highlighter.chunk_budget = 4
    pane.setPlainText("---\ntitle: x\n---\n" + "\n".join(rnd.choice(pieces) for _ in range(80)))
    document = pane.document()
    deferred = 0
    for _ in range(120):
        cursor = QTextCursor(document.findBlockByNumber(rnd.randrange(document.blockCount())))
        action = rnd.random()
        if action < 0.5:
            cursor.insertText(rnd.choice(pieces) + "\n")
        elif action < 0.8:
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
        else:
            cursor.insertText(rnd.choice(["`", "~", "x", "-"]))
        deferred += highlighter.cascade_pending()
        if rnd.random() < 0.3:
            QApplication.processEvents()  # let some idle-time chunks run in between
    assert deferred  # the test did edit while a cascade was still being carried down
    highlighter.finish_cascade()
    fresh = QTextDocument()
    reference = MarkdownHighlighter(fresh, dark=False)
    fresh.setPlainText(pane.toPlainText())
    reference.rehighlight_all()
    assert layout_summary(document) == layout_summary(fresh)
