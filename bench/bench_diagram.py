"""Diagrams in the preview: how long until a post's first mermaid diagram is drawn, and until an
edit inside a diagram is drawn again.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_diagram.py [--runs 5]

* first diagram: a fresh process opens a window, then a post with one flowchart; timed from
  ``open_path`` until the page shows the text (the first patch) and until the diagram's SVG is
  in the page (mermaid's build evaluated in Postwright's world, then the drawing). The page of
  a post without diagrams never loads mermaid: bench_window.py's cold start covers that.
* redraw: a label typed inside the diagram, timed from the edit until the new label is in the
  SVG (render, patch, mermaid's drawing).

Settings and the recovery journal live in a throwaway folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FLOW = (
    "graph TD\n"
    "  Idea[An idea] --> Draft[Draft the post]\n"
    "  Draft --> Review{Reads well?}\n"
    "  Review -->|no| Draft\n"
    "  Review -->|yes| Publish[Publish]\n"
)
POST = (
    "---\ntitle: Flow\ndate: 2024-12-12\n---\n\nHow a post gets written.\n\n"
    f"```mermaid\n{FLOW}```\n\nThat is all.\n"
)
_STATE = (
    "JSON.stringify([...document.querySelectorAll('.pw-diagram')].map(d =>"
    " [d.getAttribute('data-state'), d.querySelector('svg') ? d.querySelector('svg').textContent"
    " : '']))"
)


def _eval(window: object, code: str) -> object:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    box: dict[str, object] = {}

    def got(value: object) -> None:
        box["value"] = value
        loop.quit()

    window.preview.run_in_page(code, got)  # type: ignore[attr-defined]
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    return box.get("value")


def _wait(window: object, done: object, timeout: float = 30) -> float | None:
    """Seconds until ``done(state)`` holds for the page's diagrams, polled every 5 ms."""
    from PySide6.QtCore import QEventLoop, QTimer

    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        state = json.loads(str(_eval(window, _STATE) or "[]"))
        if done(state):  # type: ignore[operator]
            return time.perf_counter() - began
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()
    return None


def child() -> None:
    """In a fresh process: print the first-diagram and redraw times as JSON."""
    from PySide6.QtCore import QEventLoop, QTimer

    from editor.core.settings import Settings
    from editor.gui.app import create_application, standalone_window
    from editor.gui.mainwindow import MainWindow

    MainWindow.offer_recovery_on_open = False
    create_application()
    folder = Path(os.environ["XDG_CACHE_HOME"]).parent
    path = folder / "flow.md"
    path.write_text(POST, encoding="utf-8")
    window = standalone_window(Settings())
    window.ask_unsaved_changes = lambda _name: "discard"  # type: ignore[method-assign, assignment]
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(1500, loop.quit)  # the window and its empty page are up
    loop.exec()

    began = time.perf_counter()
    window.open_path(path)
    text = _wait(window, lambda state: len(state) == 1)
    drawn = _wait(window, lambda state: state and state[0][0] == "drawn")
    first = time.perf_counter() - began

    redraws = []
    for index in range(5):
        label = f"Send {index}"
        cursor = window.editor.textCursor()
        document = window.editor.toPlainText()
        at = document.index("Publish[") + len("Publish[")
        end = document.index("]", at)
        cursor.setPosition(at)
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
        started = time.perf_counter()
        cursor.insertText(label)
        seconds = _wait(
            window,
            lambda state, label=label: state and state[0][0] == "drawn" and label in state[0][1],
        )
        if seconds is not None:
            redraws.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "text": (text or 0) * 1000,
                "first": first * 1000 if drawn is not None else None,
                "redraw": statistics.median(redraws) * 1000 if redraws else None,
            }
        ),
        flush=True,
    )
    window.close()


def main() -> int:
    """Print the figures."""
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return 0
    rows = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ)
            for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
                env[name] = str(Path(tmp) / name.lower())
            out = subprocess.run(
                [sys.executable, __file__, "--child"],
                capture_output=True,
                text=True,
                check=True,
                timeout=180,
                env=env,
            ).stdout
            line = next((row for row in out.splitlines() if row.startswith("{")), None)
            if line is not None:
                rows.append(json.loads(line))
    firsts = [row["first"] for row in rows if row["first"] is not None]
    texts = [row["text"] for row in rows]
    redraws = [row["redraw"] for row in rows if row["redraw"] is not None]
    if not firsts:
        print("no diagram was drawn (is the mermaid build there? `make vendor`)")
        return 1
    print(
        f"post with one diagram opened: text shown after median {statistics.median(texts):.0f} ms,"
        f" diagram drawn after median {statistics.median(firsts):.0f} ms"
        f" (max {max(firsts):.0f} ms, {len(firsts)} runs)"
    )
    if redraws:
        print(
            f"edit inside the diagram -> drawn again: median {statistics.median(redraws):.0f} ms"
            f" (max {max(redraws):.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
