"""What one keystroke costs the preview, phase by phase, on posts of 7, 52 and 502 KB.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_keystroke.py [--repeat 30]

A letter typed in a paragraph in the middle of the post, and an Enter there (it moves the lines
of every block after it). For each, the median ms of the phases a render in the window goes
through: finding the edit, the front matter and title, splitting again around the edit,
Markdown on the changed block, sanitising it, the rest of the document update, the patches'
JSON, and the page applying them (a real preview page, offscreen). ``render`` is the whole of
``Renderer.render_text`` (the phases before the JSON, measured together). Every figure should
stay about the same from 7 to 502 KB: the work follows the edit, not the post.

``--layout`` counts the page's style and layout after a patch in ``page patch`` too, and
``--site-look`` shows the page in a site's look (MkDocs Material's bundled stylesheet, scoped
to the article, when it is installed) - compare ``--layout`` with ``--layout --site-look``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_render import make_post  # noqa: E402 - after the path is set


def _middle(text: str) -> int:
    """Just after a word in a paragraph near the middle of ``text``."""
    start = text.find("\n\n", len(text) // 2) + 2
    while not text[start].isalpha() or text[start : start + 2] == "##":
        start = text.find("\n\n", start) + 2
    return text.find(" ", start)


def _timed(phases: dict[str, list[float]], name: str, call: Callable[[], Any]) -> Any:
    began = time.perf_counter()
    value = call()
    phases.setdefault(name, []).append((time.perf_counter() - began) * 1000)
    return value


def _phases(renderer: Any, old: str, new: str, phases: dict[str, list[float]]) -> None:
    """Time the phases of one render on their own (the render runs them all again)."""
    from editor.core.render.blocks import resplit
    from editor.core.render.sanitize import clean_html
    from editor.core.render.textedit import Edit, find_edit

    edit = _timed(phases, "find the edit", partial(find_edit, old, new))
    front = renderer._front  # a benchmark looks inside
    doc = renderer._doc
    _timed(phases, "front matter", partial(front.after, edit, new, None))
    offset = front.body_offset
    body_edit = Edit(edit.start - offset, edit.old_end - offset, edit.new_end - offset)
    moved = _timed(
        phases, "split again", partial(resplit, doc.split, doc.body, new[offset:], body_edit)
    )
    if moved is None:
        return
    split, window = moved
    source = split.texts[window.low + (window.new_high - window.low) // 2]
    output, _state, _deps = _timed(
        phases, "markdown", partial(renderer._env.convert, source, renderer._context)
    )
    _timed(phases, "sanitise", partial(clean_html, output))


def _patch_json(patches: Any) -> str:
    return json.dumps([patch.to_json() for patch in patches])


def measure(size: int, key: str, repeat: int, page: Any) -> dict[str, float]:
    """Median ms per phase for ``repeat`` presses of ``key`` in a post of ``size`` bytes."""
    from editor.core.render import Renderer
    from editor.core.render.guard import render_or_notice

    text = make_post(size)
    renderer = Renderer(guard=True)
    shown = render_or_notice(renderer, text, None)
    if page is not None:
        page.show(shown)
    pos = _middle(text)
    phases: dict[str, list[float]] = {}
    fast = True
    for _ in range(repeat):
        new = text[:pos] + key + text[pos:]
        _phases(renderer, text, new, phases)
        result = _timed(phases, "render", partial(render_or_notice, renderer, new, None))
        fast = result.change is not None
        patches = result.change.patches if fast else ()
        _timed(phases, "patch JSON", partial(_patch_json, patches))
        if page is not None:
            phases.setdefault("page patch", []).append(page.show(result))
        text = new
    medians = {name: statistics.median(values) for name, values in phases.items()}
    medians["whole pass"] = 0.0 if fast else 1.0
    return medians


class _Page:
    """A preview page offscreen; :meth:`show` returns the ms the page took to patch."""

    def __init__(self, *, layout: bool = False, site_look: bool = False) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        from editor.gui.app import create_application
        from editor.gui.preview import PreviewPane

        create_application()
        self._loop_type, self._timer = QEventLoop, QTimer
        self.pane = PreviewPane()
        self.pane.resize(800, 900)
        self.pane.show()
        self._wait(lambda: self.pane._ready)  # a benchmark looks inside
        if site_look:
            style = _material_look()
            self.pane.set_site_style(style.css, style.classes, style.attributes)
        settle = " document.documentElement.offsetHeight;" if layout else ""
        self.pane.run_in_page(
            "(function () { var apply = window.postwright.applyPatches;"
            " window.postwright.applyPatches = function (ops) {"
            f" var t = performance.now(); apply(ops);{settle}"
            " window.pwTook = performance.now() - t; };"
            " })()",
            lambda _value: None,
        )

    def _wait(self, done: Callable[[], bool], timeout_ms: int = 20_000) -> None:
        loop = self._loop_type()
        end = time.monotonic() + timeout_ms / 1000
        while not done() and time.monotonic() < end:
            self._timer.singleShot(5, loop.quit)
            loop.exec()

    def show(self, result: Any) -> float:
        box: dict[str, object] = {}
        self.pane.show_result(result)
        self.pane.run_in_page("window.pwTook || 0", lambda value: box.update(took=value))
        self._wait(lambda: "took" in box)
        took = box.get("took")
        return float(took) if isinstance(took, int | float) else float("nan")


def _material_look() -> Any:
    """MkDocs Material's stylesheet as the site's look applies it."""
    import tempfile

    from editor.core.site import detect_site
    from editor.core.sitecss import scope_site_style
    from editor.core.sitestyle import find_site_style

    folder = Path(tempfile.mkdtemp(prefix="bench-look-"))
    (folder / "docs").mkdir()
    (folder / "mkdocs.yml").write_text("site_name: Bench\ntheme:\n  name: material\n")
    style = find_site_style(detect_site(folder))
    if not style.available:
        raise SystemExit(f"--site-look: {style.problem}")
    return scope_site_style(style)


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-page", action="store_true", help="leave out the page patch")
    parser.add_argument(
        "--layout", action="store_true", help="count style and layout in the page patch"
    )
    parser.add_argument(
        "--site-look", action="store_true", help="the page in MkDocs Material's look"
    )
    args = parser.parse_args()
    page = None if args.no_page else _Page(layout=args.layout, site_look=args.site_look)
    names = (
        "find the edit",
        "front matter",
        "split again",
        "markdown",
        "sanitise",
        "render",
        "patch JSON",
        "page patch",
    )
    print(f"{'post, key':>16} | " + " | ".join(f"{name:>13}" for name in names))
    for kb in (7, 52, 502):
        for label, key in (("letter", "k"), ("Enter", "\n")):
            row = measure(kb * 1000, key, args.repeat, page)
            cells = [f"{row[name]:>13.2f}" if name in row else f"{'-':>13}" for name in names]
            note = "  (whole-post pass)" if row["whole pass"] else ""
            print(f"{f'{kb} KB, {label}':>16} | " + " | ".join(cells) + note, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
