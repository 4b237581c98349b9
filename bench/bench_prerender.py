"""How soon the first render of the post a run opens is ready: made by the start's helper
process versus in the window's own process.

    .venv/bin/python bench/bench_prerender.py [--runs 5] [--size 52]

Each figure is the median of ``--runs`` fresh interpreters, timed from the moment the start
would fork (nothing of the editor imported yet but the prerender module) to a finished
result, for a generated post of about ``--size`` KB (as bench_render.py makes them):

* prerender alone: ``Prerender.start`` then polling until the result is unpickled;
* in-process cold: importing the renderer and ``Renderer(options, guard=True).render_text``;
* beside the window's imports: the same two while the process also imports the window's
  modules (PySide6, WebEngine, the app layer), as the start does while the window is built:
  the prerender runs on the other core; in-process the render comes after the imports, both
  on one interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_render import make_post  # noqa: E402 - after the path is set

GUI_IMPORTS = "import editor.gui.app, editor.gui.mainwindow;"

PRERENDER = (
    "import sys, time, select; from pathlib import Path; t = time.perf_counter();"
    "from editor.app.prerender import Prerender; from editor.core.settings import Settings;"
    "job = Prerender.start(Path(sys.argv[1]), Settings());"
    "{gui}"
    "exec('while not job.poll(): select.select([job.fileno()], [], [], 10)');"
    "assert job.result is not None; print(time.perf_counter() - t)"
)
IN_PROCESS = (
    "import sys, time; from pathlib import Path; t = time.perf_counter();"
    "{gui}"
    "from editor.core.render import Renderer, RenderOptions;"
    "from editor.core.session import DocumentSession;"
    "path = Path(sys.argv[1]); text = DocumentSession().load(path);"
    "Renderer(RenderOptions(), guard=True).render_text(text, path);"
    "print(time.perf_counter() - t)"
)


def _median_ms(code: str, post: Path, runs: int) -> float:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code, str(post)],
            capture_output=True, text=True, check=True, cwd=ROOT,
            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=52, help="KB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "post.md"
        post.write_text(make_post(args.size * 1000), encoding="utf-8")
        size = post.stat().st_size
        print(f"post: {size / 1000:.0f} KB, median of {args.runs} fresh interpreters")
        for label, gui in (("alone", ""), ("beside the window imports", GUI_IMPORTS)):
            helper = _median_ms(PRERENDER.format(gui=gui), post, args.runs)
            here = _median_ms(IN_PROCESS.format(gui=gui), post, args.runs)
            print(f"{label:>26}: prerender {helper:7.1f} ms | in-process cold {here:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
