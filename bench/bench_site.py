"""How the site workspace keeps up with a big blog: a generated Hugo site of 5,000 posts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_site.py [--posts N]

* list: Open Site in a real window until the Posts panel shows every post, newest first -
  the first time (the worker processes start, nothing is cached), with the workers running
  (nothing cached), and reopened (the cached list first, the disk compared behind it); the
  time to the first rows is printed too. Target: every post listed within 1 s.
* scan: reading the 5,000 posts' summaries in one process (what the workers share), the file
  stamps of the whole site (a look for changes), and the list after one post changed on disk.
* typing while the site is read: keystrokes into the open post during the first scan, each
  timed until Qt has handled it and what was queued behind it. Target: p99 <= 16 ms.
* site check: every post checked and the posts against each other, in one process and as
  ``postwright check --site``. Target: well under 30 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

POSTS = 5000
WORDS = [
    "harbour",
    "lantern",
    "orchard",
    "tide",
    "granite",
    "meadow",
    "quarry",
    "willow",
    "morning",
    "letter",
    "map",
    "lesson",
    "river",
    "stone",
    "bridge",
    "window",
    "garden",
    "winter",
    "summer",
    "kettle",
]
TAGS = ["python", "rust", "static sites", "writing", "travel", "photography", "books", "food"]


def make_site(root: Path, count: int) -> list[Path]:
    """A Hugo site of ``count`` posts of 2-6 KB: front matter, paragraphs, a code block, a
    marker; every tenth a page bundle with an image, every seventeenth a draft."""
    random.seed(7)
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\n')
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "images" / "shared.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    start = dt.date(2010, 1, 1)
    paths = []
    for number in range(count):
        title = " ".join(random.choice(WORDS) for _ in range(4)).capitalize() + f" {number}"
        slug = title.lower().replace(" ", "-")
        date = start + dt.timedelta(days=number % 5400, hours=number % 24)
        tags = ", ".join(random.sample(TAGS, 3))
        paragraphs = [
            " ".join(random.choice(WORDS) for _ in range(random.randint(40, 120))).capitalize()
            + "."
            for _ in range(random.randint(4, 12))
        ]
        extra = ""
        if number % 10 == 0:
            folder = posts / slug
            folder.mkdir()
            (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
            path = folder / "index.md"
            extra = "\n![A photo](photo.png)\n"
        else:
            path = posts / f"{slug}.md"
        text = (
            f"---\ntitle: {title}\ndate: {date.isoformat()}\ndraft: {str(number % 17 == 0).lower()}"
            f"\ntags: [{tags}]\ncategories: [notes]\n---\n\n{paragraphs[0]}\n\n<!--more-->\n\n"
            + "\n\n".join(paragraphs[1:])
            + f"\n\n```python\nprint({number})\n```\n{extra}"
        )
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _spin_until(condition: object, timeout_s: float = 60.0) -> float:
    """Run the event loop until ``condition()``; the seconds it took."""
    from PySide6.QtWidgets import QApplication

    began = time.perf_counter()
    while not condition():  # type: ignore[operator]
        QApplication.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - began > timeout_s:
            raise TimeoutError("the list did not fill in time")
    return time.perf_counter() - began


def open_list(window: object, root: Path, count: int) -> tuple[float, float]:
    """(seconds to the first rows, seconds to every row) for Open Site in ``window``."""
    manager = window.manager  # type: ignore[attr-defined]
    model = window.site_panel.posts.model  # type: ignore[attr-defined]
    began = time.perf_counter()
    manager.open_site(root)
    first = began
    while model.rowCount() == 0:
        _spin_until(lambda: model.rowCount() > 0)
        first = time.perf_counter()
    _spin_until(lambda: model.rowCount() == count)
    every = time.perf_counter()
    _spin_until(lambda: not manager.workspace.site.scanning)
    return first - began, every - began


def typing_during_scan(window: object, root: Path, post: Path, count: int) -> list[float]:
    """Milliseconds per keystroke typed while the site is read (nothing cached)."""
    manager = window.manager  # type: ignore[attr-defined]
    model = window.site_panel.posts.model  # type: ignore[attr-defined]
    window.open_path(post)  # type: ignore[attr-defined]
    editor = window.editor  # type: ignore[attr-defined]
    manager.open_site(root)
    samples: list[float] = []
    while model.rowCount() < count or manager.workspace.site.scanning:
        samples.append(_one_key(editor))
    return samples


def _one_key(editor: object) -> float:
    """Milliseconds from one key press in ``editor`` to the window's events handled; then a
    pause, as a writer's next key comes."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    began = time.perf_counter()
    QTest.keyClick(editor, Qt.Key.Key_A)  # type: ignore[call-overload]
    QApplication.processEvents()
    elapsed = (time.perf_counter() - began) * 1000
    time.sleep(0.02)
    return elapsed


def typing_idle(window: object, keys: int = 60) -> list[float]:
    """Milliseconds per keystroke with the site open and nothing being read (the baseline)."""
    editor = window.editor  # type: ignore[attr-defined]
    return [_one_key(editor) for _ in range(keys)]


def _keys(samples: list[float]) -> str:
    samples = sorted(samples)
    p99 = samples[max(0, int(len(samples) * 0.99) - 1)]
    return (
        f"{len(samples)} keys, median {statistics.median(samples):.2f} ms, p99 {p99:.2f} ms, "
        f"max {samples[-1]:.2f} ms"
    )


def rescan_one(window: object, paths: list[Path]) -> float:
    """Seconds from one post changed on disk to its new title in the list."""
    manager = window.manager  # type: ignore[attr-defined]
    model = window.site_panel.posts.model  # type: ignore[attr-defined]
    path = paths[len(paths) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Changed ", 1), encoding="utf-8")
    began = time.perf_counter()
    manager.workspace.site.refresh()
    _spin_until(lambda: any(s.title.startswith("Changed ") for s in model.summaries))
    return time.perf_counter() - began


def main() -> int:
    """Print the figures."""
    count = int(sys.argv[sys.argv.index("--posts") + 1]) if "--posts" in sys.argv else POSTS
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for name in ("CONFIG", "STATE", "DATA", "CACHE"):
            os.environ[f"XDG_{name}_HOME"] = str(base / "home" / name.lower())
        root = base / "blog"
        began = time.perf_counter()
        paths = make_site(root, count)
        print(
            f"  ({count:,} posts, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB, made "
            f"in {time.perf_counter() - began:.1f} s)"
        )

        from editor.core.site import detect_site
        from editor.core.sitecheck import check_site
        from editor.core.siteindex import list_posts, read_summaries

        site = detect_site(root, scan=False)
        began = time.perf_counter()
        stamps = list_posts(site)
        stamped = time.perf_counter() - began
        began = time.perf_counter()
        read_summaries(site, sorted(stamps.items()))
        read = time.perf_counter() - began
        print(
            f"scan, one process: {read:.2f} s to read {count:,} summaries; "
            f"{stamped * 1000:.0f} ms for every file's stamp (a look for changes)"
        )

        from editor.core.settings import Settings
        from editor.gui.app import create_application, standalone_window

        create_application()
        window = standalone_window(Settings())
        window.ask_unsaved_changes = lambda _name: "discard"  # type: ignore[method-assign, assignment]
        window.resize(1400, 900)
        window.show()
        cache = base / "home" / "state" / "postwright" / "sites"

        first, every = open_list(window, root, count)
        print(
            f"list, first open (workers start, nothing cached): first rows {first:.2f} s, "
            f"all {count:,} rows {every:.2f} s (target <= 1)"
        )
        manager = window.manager
        manager.close_site()
        shutil.rmtree(cache, ignore_errors=True)
        first, every = open_list(window, root, count)
        print(
            f"list, workers running, nothing cached: first rows {first:.2f} s, "
            f"all {count:,} rows {every:.2f} s (target <= 1)"
        )
        manager.close_site()
        first, every = open_list(window, root, count)
        print(
            f"list, reopened (cached): first rows {first:.2f} s, all {count:,} rows "
            f"{every:.2f} s, the disk compared behind it (target <= 1)"
        )
        print(
            f"scan after one post changed on disk: {rescan_one(window, paths) * 1000:.0f} ms "
            "to its new title in the list"
        )
        manager.close_site()
        shutil.rmtree(cache, ignore_errors=True)
        samples = typing_during_scan(window, root, paths[3], count)
        print(f"typing while {count:,} posts are read: {_keys(samples)} (target p99 <= 16)")
        print(f"typing, the site open and idle: {_keys(typing_idle(window))} (the baseline)")
        manager.close_site()
        window.close()

        began = time.perf_counter()
        report = check_site(detect_site(root, scan=False))
        checked = time.perf_counter() - began
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "editor", "check", "--site", str(root), "-q"],
            capture_output=True,
            check=False,
            timeout=600,
            cwd=ROOT,
        )
        command = time.perf_counter() - began
        print(
            f"site check: {checked:.1f} s in one process ({report.checked:,} posts, "
            f"{len(report.findings)} findings); postwright check --site {command:.1f} s "
            "(target well under 30)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
