"""How the editor pane and its highlighter keep up with typing in long posts.

Run offscreen from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_editor.py

For a ~500 KB and a ~2 MB generated post (front matter, headings, paragraphs with inline
markup, lists, quotes, code fences) in an :class:`EditorPane` with a
:class:`MarkdownHighlighter`: the load, 300 keystrokes typed mid-document (each timed until
the window has repainted), and typing a fence opener, which re-colours everything after it.
The fences are bare `````, the worst case: a new fence then flips every later fence to the
end of the post. Target: keystroke p99 <= 16 ms (one frame) on 500 KB.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = {"500 KB": 500_000, "2 MB": 2_000_000}
KEYSTROKES = 300
WORDS = (
    "the",
    "a",
    "static",
    "site",
    "generator",
    "builds",
    "pages",
    "from",
    "markdown",
    "posts",
    "every",
    "time",
    "you",
    "publish",
    "while",
    "drafts",
    "stay",
    "on",
    "your",
    "disk",
    "until",
    "they",
    "are",
    "ready",
    "and",
    "images",
    "live",
    "beside",
    "them",
)


def generate(size: int, seed: int = 7) -> str:
    """A blog post of about ``size`` characters with the usual markdown constructs."""
    rnd = random.Random(seed)

    def sentence(count: int) -> str:
        words = rnd.choices(WORDS, k=count)
        pick = rnd.random()
        if pick < 0.3:
            words[2] = f"**{words[2]}**"
        elif pick < 0.5:
            words[3] = f"*{words[3]}*"
        elif pick < 0.65:
            words[1] = f"`{words[1]}`"
        elif pick < 0.8:
            words[4] = f"[{words[4]}](https://example.org/{words[5]})"
        return " ".join(words).capitalize() + "."

    parts = [
        "---\ntitle: A long post\ndate: 2024-05-01\ntags: [bench, editor]\n---\n\n",
        sentence(20) + "\n\n<!-- more -->\n\n",
    ]
    length = sum(map(len, parts))
    section = 0
    while length < size:
        section += 1
        kind = section % 6
        if kind == 0:
            chunk = f"## Section {section}\n\n"
        elif kind == 1:
            chunk = "".join(f"- {sentence(8)}\n" for _ in range(5)) + "\n"
        elif kind == 2:
            lines = "".join(f"value_{n} = compute({n}, 'text')  # step {n}\n" for n in range(8))
            chunk = f"```\n{lines}```\n\n"
        elif kind == 3:
            chunk = "> " + " ".join(sentence(12) for _ in range(2)) + "\n\n"
        else:
            chunk = " ".join(sentence(14) for _ in range(4)) + "\n\n"
        parts.append(chunk)
        length += len(chunk)
    return "".join(parts)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    rows: list[tuple[str, str, str]] = []
    for label, size in SIZES.items():
        rows.extend((label, measure, result) for measure, result in measure_size(app, size))
    width = max(len(row[1]) for row in rows)
    print(f"{'size':<7} {'measure':<{width}}  result")
    print(f"{'-' * 7} {'-' * width}  {'-' * 44}")
    for label, measure, result in rows:
        print(f"{label:<7} {measure:<{width}}  {result}")


def measure_size(app: QCoreApplication, size: int) -> list[tuple[str, str]]:
    """Load, type and open a fence in a generated post of ``size`` characters."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from editor.gui.editorpane import EditorPane
    from editor.gui.highlighter import MarkdownHighlighter

    def press(pane: EditorPane, key: Qt.Key) -> float:
        """One keystroke until the window has repainted, in ms."""
        start = time.perf_counter()
        QTest.keyClick(pane, key)
        app.processEvents()
        return (time.perf_counter() - start) * 1000

    def idle_chunks(highlighter: MarkdownHighlighter) -> str:
        chunks: list[float] = []
        while highlighter.cascade_pending():
            start = time.perf_counter()
            app.processEvents()
            chunks.append((time.perf_counter() - start) * 1000)
        if not chunks:
            return "none left"
        return f"{sum(chunks):.0f} ms in {len(chunks)} chunks, max {max(chunks):.1f} ms"

    rows: list[tuple[str, str]] = []
    text = generate(size)
    plain = EditorPane()
    plain.resize(1000, 800)
    plain.show()
    start = time.perf_counter()
    plain.setPlainText(text)
    no_highlight = (time.perf_counter() - start) * 1000
    plain.close()

    pane = EditorPane()
    pane.resize(1000, 800)
    pane.show()
    highlighter = MarkdownHighlighter(pane.document(), dark=False)
    start = time.perf_counter()
    pane.setPlainText(text)
    load = (time.perf_counter() - start) * 1000
    app.processEvents()
    document = pane.document()
    rows.append(("characters / blocks", f"{len(text):,} / {document.blockCount():,}"))
    rows.append(("setPlainText, no highlighter", f"{no_highlight:.0f} ms"))
    rows.append(("setPlainText with highlighter", f"{load:.0f} ms"))

    # the end of a prose paragraph in the middle
    block = document.findBlockByNumber(document.blockCount() // 2)
    while not block.text()[:1].isupper() or block.text().startswith(("Section", "##")):
        block = block.next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    pane.setTextCursor(cursor)
    pane.centerCursor()
    app.processEvents()

    keys = [Qt.Key.Key_Space if n % 6 == 5 else Qt.Key.Key_E for n in range(KEYSTROKES)]
    times = [press(pane, key) for key in keys]
    spread = (
        f"median {statistics.median(times):.2f} / p99 {percentile(times, 0.99):.2f} / "
        f"max {max(times):.2f} ms"
    )
    rows.append((f"keystroke ({KEYSTROKES}, mid-document)", spread))

    # a fence opener on a new line below the paragraph: every later fence flips
    press(pane, Qt.Key.Key_Return)
    press(pane, Qt.Key.Key_Return)
    press(pane, Qt.Key.Key_QuoteLeft)
    press(pane, Qt.Key.Key_QuoteLeft)
    rows.append(("fence opener keystroke", f"{press(pane, Qt.Key.Key_QuoteLeft):.1f} ms"))
    rows.append(("  then the cascade in idle time", idle_chunks(highlighter)))
    rows.append(("fence removed (Backspace)", f"{press(pane, Qt.Key.Key_Backspace):.1f} ms"))
    rows.append(("  then the cascade in idle time", idle_chunks(highlighter)))

    # the same with the cascade unbounded: what a plain QSyntaxHighlighter does
    highlighter.cascade_budget = 1 << 30
    opened = press(pane, Qt.Key.Key_QuoteLeft)
    closed = press(pane, Qt.Key.Key_Backspace)
    rows.append(("fence opener / removal, unbounded", f"{opened:.0f} / {closed:.0f} ms"))
    pane.close()
    return rows


if __name__ == "__main__":
    main()
