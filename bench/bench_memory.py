"""Start and memory, measured from outside: the real window under Xvfb on a 52 KB post.

    .venv/bin/python bench/bench_memory.py [--runs 3] [--kb 52] [--program CMD] [--env K=V]

Prints the medians of: process start -> window mapped, -> preview text present (read over the
DevTools protocol), and the PSS of the whole process tree once it is idle; then, for the last
run, where the PSS goes: per process (the editor, Chromium's renderer, GPU and helper
processes) and, inside the editor's own process, per kind of mapping (the WebEngine library,
the other Qt libraries, Python and other libraries, anonymous memory: the Python and Qt heaps).

Goals: window mapped no later than ghostwriter (0.30-0.46 s on this machine), memory <= 300 MiB.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_render import make_post  # noqa: E402 - after the path is set
from bench.outside import (  # noqa: E402
    PROGRAM,
    Screen,
    launch,
    mapping_pss,
    median,
    process_kind,
    pss_kib,
    virtual_screen,
    wait_idle,
)


def measure(
    program: list[str], kb: int, runs: int, env: dict[str, str]
) -> tuple[dict[str, float], dict[str, int], dict[str, int]]:
    """Medians of map/preview seconds and PSS MiB; the last run's per-process and
    per-mapping PSS (KiB)."""
    maps: list[float] = []
    previews: list[float] = []
    totals: list[float] = []
    per_process: dict[str, int] = {}
    per_mapping: dict[str, int] = {}
    with (
        tempfile.TemporaryDirectory(prefix="postwright-memory-") as tmp,
        virtual_screen() as display,
    ):
        post = Path(tmp) / f"post-{kb}k.md"
        post.write_text(make_post(kb * 1000), encoding="utf-8")
        for _ in range(runs):
            screen = Screen(display)
            editor = launch(program, post, display, screen, extra_env=env)
            try:
                maps.append(editor.mapped - editor.started)
                previews.append(editor.previewed - editor.started)
                if editor.page is not None:
                    editor.page.close()
                    editor.page = None
                wait_idle(editor.process.pid)
                time.sleep(2)
                per_process = {}
                for pid in editor.tree():
                    kind = process_kind(pid)
                    per_process[kind] = per_process.get(kind, 0) + pss_kib(pid)
                totals.append(sum(per_process.values()) / 1024)
                per_mapping = mapping_pss(editor.process.pid)
            finally:
                editor.stop()
                screen.close()
            time.sleep(1)
    figures = {"map_s": median(maps), "preview_s": median(previews), "pss_mib": median(totals)}
    return figures, per_process, per_mapping


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kb", type=int, default=52)
    parser.add_argument("--program", default=str(PROGRAM), help="the editor command")
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="for the editor"
    )
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    figures, per_process, per_mapping = measure(shlex.split(args.program), args.kb, args.runs, env)
    print(
        f"start, {args.kb} KB: window mapped {figures['map_s']:.2f} s, preview text "
        f"{figures['preview_s']:.2f} s; idle PSS of the process tree {figures['pss_mib']:.0f} MiB "
        f"(median of {args.runs}; goal <= 300 MiB)"
    )
    print("  per process: " + ", ".join(
        f"{kind} {kib / 1024:.0f}" for kind, kib in sorted(per_process.items(), key=lambda i: -i[1])
    ) + " MiB")  # fmt: skip
    print("  in the editor process: " + ", ".join(
        f"{kind} {kib / 1024:.0f}" for kind, kib in sorted(per_mapping.items(), key=lambda i: -i[1])
    ) + " MiB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
