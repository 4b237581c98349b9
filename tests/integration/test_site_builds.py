"""A new post made in a site lands where its generator expects it, and the real generator
builds it: Hugo and MkDocs Material from the test extras, Jekyll where it is installed.

The writer's part is played as a writer plays it: New Post in the open site, a sentence typed
into the body, the draft switched off in the front matter, the file saved.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from editor.app.site import OpenSite, SyncRunner
from editor.core.post import load_post
from editor.core.site import detect_site
from editor.core.target import Target
from tests.integration.conftest import HERE, command
from tests.integration.test_generators import text_of
from tests.sitegen import jekyll_layouts, make_site

pytestmark = pytest.mark.slow

TITLE = "Lighthouse keepers"
WORDS = "Every night the lamp was lit by hand."


def build(argv: list[str], root: Path) -> None:
    done = subprocess.run(
        argv,
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{argv[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def new_post(root: Path) -> Path:
    """New Post in the site, written in and published."""
    site = OpenSite(detect_site(root, scan=False), SyncRunner())
    site.start()
    plan = site.plan_post(TITLE, Target("site", site.target_site(site.site)))
    path = site.create_post(plan)
    post = load_post(path)
    post = post.with_body(post.body.replace("Write the introduction here", WORDS, 1))
    for key, published in (("draft", False), ("published", True)):
        if key in post.meta:
            post = post.with_value(key, published)
    post.save()
    return path


def test_hugo_builds_a_new_post(tmp_path: Path) -> None:
    hugo = command("hugo")
    made = make_site(tmp_path / "blog", "hugo", 24)
    shutil.copytree(HERE / "sites" / "hugo" / "layouts", made.root / "layouts", dirs_exist_ok=True)
    path = new_post(made.root)
    assert path == made.root / "content" / "posts" / "lighthouse-keepers.md"
    build([*hugo, "--quiet", "--destination", "public"], made.root)
    page = made.root / "public" / "posts" / "lighthouse-keepers" / "index.html"
    text = text_of(page.read_text(encoding="utf-8"))
    assert TITLE in text
    assert WORDS in text
    index = (made.root / "public" / "index.html").read_text(encoding="utf-8")
    assert TITLE in index
    assert "The rest of the post." not in text_of(index.split(TITLE, 1)[1].split("<article", 1)[0])


def test_mkdocs_material_builds_a_new_post(tmp_path: Path) -> None:
    mkdocs = command("mkdocs")
    made = make_site(tmp_path / "blog", "mkdocs", 24)
    path = new_post(made.root)
    assert path == made.root / "docs" / "blog" / "posts" / "lighthouse-keepers.md"
    build([*mkdocs, "build", "--quiet", "--site-dir", "out"], made.root)
    [page] = (made.root / "out" / "blog").glob("*/*/*/lighthouse-keepers/index.html")
    text = text_of(page.read_text(encoding="utf-8"))
    assert TITLE in text
    assert WORDS in text


def test_jekyll_builds_a_new_post(tmp_path: Path) -> None:
    jekyll = command("jekyll")
    made = make_site(tmp_path / "blog", "jekyll", 24)
    (made.root / "Gemfile").unlink()  # build with the system's gems, no bundler
    jekyll_layouts(made.root)
    path = new_post(made.root)
    assert path.parent == made.root / "_posts"
    assert path.name.endswith("-lighthouse-keepers.md")
    build([*jekyll, "build", "--quiet", "--destination", "_site"], made.root)
    [page] = (made.root / "_site").glob("**/lighthouse-keepers.html")
    text = text_of(page.read_text(encoding="utf-8"))
    assert TITLE in text
    assert WORDS in text
    assert TITLE in (made.root / "_site" / "index.html").read_text(encoding="utf-8")
