"""Open a post in the editor window, wait for the preview's first render, check it, and quit.

A test launcher, not part of the product: it starts the window the way ``postwright FILE``
does (``create_application``, the saved settings, ``MainWindow.open_path``), then reads the
preview's first heading out of the web page to prove the post really went through the
renderer and Qt WebEngine. Exit status 0 when the heading is there, 1 otherwise.

``python packaging/smoke_window.py [POST] [--expect TEXT] [--timeout S] [--started-at T]``
runs it against whatever ``editor`` package that Python imports (the wheel test uses it on an
installed wheel); the standalone build bundles it as ``postwright-smoke`` for
``packaging/smoke_test.sh``. ``--started-at`` is the launching shell's clock (seconds since the
epoch), so the timings printed include the program's start-up.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

STARTED = time.time()
HEADING_JS = (
    "(function () { var h = document.querySelector('h1'); return h ? h.textContent : ''; })()"
)


def main(argv: list[str] | None = None) -> int:
    """Run the window until the first render is checked or the time is up."""
    parser = argparse.ArgumentParser(prog="postwright-smoke", description=__doc__.splitlines()[0])
    parser.add_argument("post", nargs="?", help="the post to open (default: the sample post)")
    parser.add_argument("--expect", default="Lighthouse Keeper", help="text the h1 must contain")
    parser.add_argument("--timeout", type=float, default=60.0, help="give up after S seconds")
    parser.add_argument("--started-at", type=float, default=STARTED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from editor.gui.app import create_application

    app = create_application([sys.argv[0]])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.core.settings import load_settings
    from editor.gui.app import standalone_window
    from editor.resources import sample_post

    assert isinstance(app, QApplication)
    began = args.started_at

    def since() -> str:
        return f"{time.time() - began:.2f} s"

    outcome = {"status": 1}
    window = standalone_window(load_settings())
    window.show()
    print(f"window shown after {since()}", flush=True)

    def finish(status: int) -> None:
        outcome["status"] = status
        window.close()
        app.quit()

    seen = {"heading": ""}

    def checked(value: object) -> None:
        heading = value if isinstance(value, str) else ""
        seen["heading"] = heading
        if args.expect in heading and outcome["status"]:
            print(f"preview heading: {heading!r}", flush=True)
            finish(0)

    def rendered() -> None:
        # the window may show the empty editor's render before the post's
        print(f"a render in the preview after {since()}", flush=True)
        window.preview.run_in_page(HEADING_JS, checked)

    def too_late() -> None:
        print(
            f"no render with {args.expect!r} in the preview after {since()} "
            f"(last heading: {seen['heading']!r})",
            file=sys.stderr,
        )
        finish(1)

    window.preview.patched.connect(rendered)
    QTimer.singleShot(int(args.timeout * 1000), too_late)
    path = Path(args.post) if args.post else sample_post()
    if not window.open_path(path):
        print(f"{path}: the window did not open it", file=sys.stderr)
        return 1
    app.exec()
    print(f"quit after {since()} with status {outcome['status']}", flush=True)
    return outcome["status"]


if __name__ == "__main__":
    raise SystemExit(main())
