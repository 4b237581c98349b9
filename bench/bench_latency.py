"""Key -> preview, measured from outside: the real window under Xvfb, a real key press (XTEST),
the page's DOM change seen over the DevTools protocol.

    .venv/bin/python bench/bench_latency.py [--runs 5] [--sizes 7,52,502] [--program CMD]

For each post size (KB) it opens ``.venv/bin/postwright POST`` (or ``--program``) on a fresh
home, clicks into the editor, goes to the end of the post and types a word; then, once the
editor is idle, one more key, and times the key press until the first DOM mutation of the
preview page (``first``) and the last one of that burst (``last``). The typed text is then
checked in the page. Run 0 is a warm-up; the medians of the other runs are printed.

Goals: first <= 25 ms (7 KB), <= 40 ms (52 KB), <= 100 ms (502 KB).
"""

from __future__ import annotations

import argparse
import json
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
    Editor,
    Screen,
    launch,
    median,
    virtual_screen,
    wait_idle,
)

GOALS_MS = {7: 25, 52: 40, 502: 100}
MUTATIONS = {
    "DOM.childNodeInserted",
    "DOM.childNodeRemoved",
    "DOM.characterDataModified",
    "DOM.setChildNodes",
    "DOM.documentUpdated",
    "DOM.childNodeCountUpdated",
}
#: where to click so that the editor has the focus (the window's default layout: the outline
#: on the left, then the editor)
EDITOR_XY = (450, 450)


def _one_key(editor: Editor, screen: Screen, word: str) -> tuple[float | None, float | None, bool]:
    """Type `` word``, wait, then time one more key: (first, last) ms and whether it showed."""
    page = editor.page
    assert page is not None
    screen.type(" " + word)
    wait_idle(editor.process.pid)
    time.sleep(0.5)
    page.call("DOM.enable")
    page.call("DOM.getDocument", depth=-1, pierce=False)
    page.ws.settimeout(0.02)
    while True:  # whatever came before the key
        try:
            page.ws.recv()
        except Exception:  # noqa: BLE001 - the socket's timeout ends the drain
            break
    pressed = screen.tap("k")
    first = last = None
    quiet_until = time.time() + 15
    while time.time() < quiet_until:
        try:
            message = json.loads(page.ws.recv())
        except Exception:  # noqa: BLE001 - nothing within the timeout
            if first is not None and time.time() - (last or 0) > 0.4:
                break
            continue
        if message.get("method") in MUTATIONS:
            now = time.time()
            first = first or now
            last = now
    page.ws.settimeout(30)
    page.call("DOM.disable")
    shown = bool(page.eval(f"document.body.textContent.indexOf('{word}k') >= 0"))
    to_ms = lambda t: None if t is None else (t - pressed) * 1000  # noqa: E731
    return to_ms(first), to_ms(last), shown


def measure(
    program: list[str], kb: int, runs: int, display: str, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Median first/last ms over ``runs`` keys on a post of about ``kb`` KB."""
    with tempfile.TemporaryDirectory(prefix="postwright-latency-") as tmp:
        post = Path(tmp) / f"post-{kb}k.md"
        post.write_text(make_post(kb * 1000), encoding="utf-8")
        screen = Screen(display)
        editor = launch(program, post, display, screen, extra_env=env)
        firsts: list[float] = []
        lasts: list[float] = []
        missed = 0
        try:
            wait_idle(editor.process.pid)
            screen.click(editor.window, *EDITOR_XY)
            time.sleep(0.3)
            screen.tap("End", ("Control_L",))
            time.sleep(1.0)
            for run in range(runs + 1):
                first, last, shown = _one_key(editor, screen, f"qz{run}")
                if run == 0:
                    continue
                if not shown or first is None or last is None:
                    missed += 1
                    continue
                firsts.append(first)
                lasts.append(last)
        finally:
            editor.stop()
            screen.close()
        return {
            "bytes": post.stat().st_size if post.exists() else kb * 1000,
            "first_ms": median(firsts),
            "last_ms": median(lasts),
            "missed": missed,
        }


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="7,52,502", help="KB, comma-separated")
    parser.add_argument("--program", default=str(PROGRAM), help="the editor command")
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="for the editor"
    )
    args = parser.parse_args()
    program = shlex.split(args.program)
    env = dict(item.split("=", 1) for item in args.env)
    with virtual_screen() as display:
        for kb in (int(size) for size in args.sizes.split(",")):
            row = measure(program, kb, args.runs, display, env)
            goal = GOALS_MS.get(kb)
            print(
                f"key -> preview DOM, {kb} KB: first {row['first_ms']:.1f} ms, "
                f"last {row['last_ms']:.1f} ms (median of {args.runs}"
                + (f", {row['missed']:.0f} not shown" if row["missed"] else "")
                + ")"
                + (f" (goal <= {goal})" if goal else ""),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
