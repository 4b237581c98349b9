"""How long See It as the Site Will takes: the open post, edited, exported into the private copy
of its site and built there by the real generator.

    .venv/bin/python bench/bench_sitebuild.py [--repeat N] [--generators hugo,mkdocs,...]

For each generator installed here (the npm ones from ``make generators``), one post exported
into the integration tests' minimal site, then: the first build (the copy made from nothing)
and the repeat builds (the copy kept, only the post written again; median and max of N), each
as the whole action and as the generator's own run. A generated Hugo blog of 300 posts shows
what keeping the copy saves (a repeat build against a fresh copy every time), and how long the
window's thread waits while a first build (copying the whole site) runs on another thread.
Target: Hugo's small site well under a second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from editor.app.sitebuild import (  # noqa: E402 - after the path is set
    NODE_MODULES_VARIABLE,
    BuildResult,
    SiteBuilder,
    find_generator,
)
from editor.core.export import apply_plan, plan_export  # noqa: E402
from editor.core.post import Post, load_post  # noqa: E402
from editor.core.site import Site, detect_site  # noqa: E402

SITES = ROOT / "tests" / "integration" / "sites"
GENERATORS = ("hugo", "mkdocs", "pelican", "jekyll", "eleventy", "hexo", "astro")
SOURCE = """---
title: Tide Tables for Beginners
date: 2024-05-04
tags: [tides]
---

The tide turns twice a day.

<!-- more -->

Read the table from the top.
"""


def _node_modules() -> Path | None:
    sys.path.insert(0, str(ROOT))
    from tests.integration.conftest import NODE_MODULES

    return NODE_MODULES if NODE_MODULES.is_dir() else None


def _site(work: Path, generator: str) -> tuple[Site, Post]:
    root = work / generator
    shutil.copytree(SITES / generator, root)
    for keep in root.rglob(".keep"):
        keep.unlink()
    source = work / f"{generator}-post.md"
    source.write_text(SOURCE, encoding="utf-8")
    plan = plan_export(load_post(source), detect_site(root))
    apply_plan(plan)
    assert plan.target is not None
    return detect_site(root), load_post(plan.target.path)


def _edited(post: Post, n: int) -> Post:
    return post.with_body(post.body + f"\nEdit number {n}.\n")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def _check(result: BuildResult) -> BuildResult:
    if not result.ok:
        raise SystemExit(f"{result.message}\n{result.command_line}\n{result.log}")
    return result


def bench_generator(work: Path, generator: str, repeat: int, environ: dict[str, str]) -> None:
    site, post = _site(work, generator)
    builder = SiteBuilder(temp_root=work, environ=environ)
    first = _check(builder.build(_edited(post, 0), site))
    again = [_check(builder.build(_edited(post, n), site)) for n in range(1, repeat + 1)]
    builder.close()
    whole = [r.seconds for r in again]
    own = [r.build_seconds for r in again]
    print(
        f"{generator:9} first {_ms(first.seconds)} (generator {_ms(first.build_seconds)})   "
        f"repeat median {_ms(statistics.median(whole))} max {_ms(max(whole))} "
        f"(generator {_ms(statistics.median(own))})   files copied {first.copied} / "
        f"{again[-1].copied}"
    )


def bench_reuse(work: Path, repeat: int, environ: dict[str, str]) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.sitegen import make_site

    made = make_site(work / "big", "hugo", 300)
    shutil.copytree(SITES / "hugo" / "layouts", made.root / "layouts", dirs_exist_ok=True)
    site = detect_site(made.root)
    post = load_post(made.root / made.posts[1].rel)
    kept = SiteBuilder(temp_root=work, environ=environ)
    _check(kept.build(post, site))
    with_copy = [_check(kept.build(_edited(post, n), site)) for n in range(repeat)]
    kept.close()
    fresh = []
    for n in range(repeat):
        builder = SiteBuilder(temp_root=work, environ=environ)
        fresh.append(_check(builder.build(_edited(post, n), site)))
        builder.close()
    print(
        f"hugo, 300 posts: repeat with the copy kept median "
        f"{_ms(statistics.median(r.seconds for r in with_copy))} "
        f"(copied {with_copy[-1].copied} files); a fresh copy every time "
        f"{_ms(statistics.median(r.seconds for r in fresh))} (copied {fresh[-1].copied})"
    )


def bench_stalls(work: Path, environ: dict[str, str]) -> None:
    """The window's thread while a build runs on another (as the window runs it): how late
    5 ms sleeps wake, i.e. how long Python's lock is held from it - typing waits that long."""
    import threading

    sys.path.insert(0, str(ROOT))
    from tests.sitegen import make_site

    made = make_site(work / "stalls", "hugo", 300)
    shutil.copytree(SITES / "hugo" / "layouts", made.root / "layouts", dirs_exist_ok=True)
    site = detect_site(made.root)
    post = load_post(made.root / made.posts[1].rel)
    builder = SiteBuilder(temp_root=work, environ=environ)

    def probe(busy: Callable[[], bool]) -> str:
        late: list[float] = []
        while busy() or len(late) < 50:
            began = time.perf_counter()
            time.sleep(0.005)
            late.append((time.perf_counter() - began - 0.005) * 1000)
        late.sort()
        return (
            f"median {statistics.median(late):.1f} ms, p99 {late[int(len(late) * 0.99) - 1]:.1f}"
            f" ms, max {late[-1]:.1f} ms"
        )

    idle = probe(lambda: False)
    thread = threading.Thread(target=lambda: _check(builder.build(post, site)))
    thread.start()
    during = probe(thread.is_alive)
    thread.join()
    builder.close()
    print(
        f"hugo, 300 posts, first build on a thread: the window's thread woke late by {during}"
        f" (with no build: {idle}; target p99 <= 16)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generators", default=",".join(GENERATORS))
    args = parser.parse_args()
    environ = dict(os.environ)
    environ.setdefault("TZ", "UTC")
    node = _node_modules()
    if node is not None:
        environ.setdefault(NODE_MODULES_VARIABLE, str(node))
    with tempfile.TemporaryDirectory(prefix="postwright-bench-") as temp:
        work = Path(temp)
        for generator in args.generators.split(","):
            if find_generator(generator, work / "none", environ) is None:
                print(f"{generator:9} not installed here: left out")
                continue
            bench_generator(work, generator, args.repeat, environ)
        if find_generator("hugo", work / "none", environ) is not None:
            bench_reuse(work, args.repeat, environ)
            bench_stalls(work, environ)


if __name__ == "__main__":
    main()
