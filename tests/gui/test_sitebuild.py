"""See It as the Site Will, in the window: the open post, edited and not saved, built by the
real Hugo and the real MkDocs Material, and shown in the Site Build tab beside the preview."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.app.test_sitebuild import EDITED, SAVED, TITLE, make_site, snapshot
from tests.integration.conftest import command

pytestmark = pytest.mark.gui

HUGO_PAGE = """<!doctype html><html><head><title>{{ .Title }} - {{ .Site.Title }}</title>
<link rel="stylesheet" href="/css/site.css"></head><body>
<header class="site-header">{{ .Site.Title }}</header><main>
<h1>{{ .Title }}</h1><time>{{ .Date.Format "Monday, 2 January 2006" }}</time>
{{ .Content }}
</main><script>document.body.dataset.ran = "yes";</script></body></html>
"""


def dom(qtbot: Any, window: Any, script: str) -> Any:
    box: dict[str, Any] = {}
    window.site_build.pane.run_in_page(script, lambda value: box.update(value=value))
    qtbot.waitUntil(lambda: "value" in box, timeout=10000)
    return box["value"]


def edit_and_build(qtbot: Any, window: Any, post: Path) -> None:
    """Open the post, add a sentence without saving, See It as the Site Will."""
    assert window.open_path(post)
    cursor = window.editor.document().find(SAVED)
    assert not cursor.isNull()
    cursor.insertText(f"{SAVED} {EDITED}")
    assert window.document.is_modified()
    action = window.commands["site_build"]
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+B"
    pane = window.site_build.pane
    with qtbot.waitSignal(pane.loaded, timeout=60000) as loaded:
        action.trigger()
        assert window.preview_area.currentWidget() is pane
        assert pane.cancel_button.isVisible()
    assert loaded.args == [True]


@pytest.mark.slow
def test_the_tab_shows_hugos_build_of_the_unsaved_post(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    command("hugo")
    site, _post = make_site(tmp_path, "hugo")
    layouts = site.root / "layouts" / "_default"
    (layouts / "single.html").write_text(HUGO_PAGE, encoding="utf-8")
    (site.root / "static" / "css").mkdir(parents=True)
    (site.root / "static" / "css" / "site.css").write_text(
        "body { background-color: rgb(1, 2, 3); }\n", encoding="utf-8"
    )
    post = site.root / "content" / "posts" / "tide-tables-for-beginners.md"
    before = snapshot(site.root)
    edit_and_build(qtbot, window, post)
    text = dom(qtbot, window, "document.body.innerText")
    assert TITLE in text
    assert EDITED in text
    # what only Hugo makes of the site's layout: its title, the date in the layout's format
    assert dom(qtbot, window, "document.querySelector('header.site-header').innerText") == (
        "Harbour Notes"
    )
    assert dom(qtbot, window, "document.querySelector('time').innerText") == (
        "Saturday, 4 May 2024"
    )
    # the site's own script never ran
    assert dom(qtbot, window, "document.body.dataset.ran || 'no'") == "no"
    # the built site's /css/site.css is found in the build's output
    colour = "getComputedStyle(document.body).backgroundColor"
    qtbot.waitUntil(lambda: dom(qtbot, window, colour) == "rgb(1, 2, 3)", timeout=10000)
    pane = window.site_build.pane
    assert pane.status.text().startswith("Built by Hugo in ")
    assert "--buildDrafts" in pane.status.toolTip()
    assert not pane.cancel_button.isVisible()
    # the preview tab is still the live preview of the same text
    assert window.preview_area.widget(0) is window.preview
    assert snapshot(site.root) == before


@pytest.mark.slow
def test_the_tab_shows_mkdocs_materials_build_of_the_unsaved_post(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    command("mkdocs")
    site, _post = make_site(tmp_path, "mkdocs")
    post = site.root / "docs" / "blog" / "posts" / "tide-tables-for-beginners.md"
    before = snapshot(site.root)
    edit_and_build(qtbot, window, post)
    article = dom(qtbot, window, "document.querySelector('article.md-content__inner').innerText")
    assert TITLE in article
    assert EDITED in article
    # Material's own header with the site's name, and its stylesheet applied
    header = dom(qtbot, window, "document.querySelector('header.md-header').innerText")
    assert "Harbour Notes" in header
    position = "getComputedStyle(document.querySelector('header.md-header')).position"
    assert dom(qtbot, window, position) == "sticky"
    assert window.site_build.pane.status.text().startswith("Built by MkDocs Material in ")
    assert snapshot(site.root) == before


@pytest.mark.slow
def test_a_failed_build_shows_the_generators_error(qtbot: Any, window: Any, tmp_path: Path) -> None:
    command("hugo")
    site, _post = make_site(tmp_path, "hugo")
    (site.root / "layouts" / "_default" / "single.html").write_text(
        "<main>{{ .Title </main>\n", encoding="utf-8"
    )
    post = site.root / "content" / "posts" / "tide-tables-for-beginners.md"
    assert window.open_path(post)
    pane = window.site_build.pane
    window.commands["site_build"].trigger()
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.error, timeout=60000)
    shown = pane.error.toPlainText()
    assert shown.startswith("Hugo failed")
    assert "single.html" in shown
    assert "$ " in shown
    assert pane.status.text().startswith("Hugo failed")
    assert pane.rebuild_button.isEnabled()


def test_a_post_without_site_cannot_be_built(window: Any, tmp_path: Path) -> None:
    post = tmp_path / "loose.md"
    post.write_text("# Loose\n\nNo site here.\n", encoding="utf-8")
    assert window.open_path(post)
    action = window.commands["site_build"]
    assert not action.isEnabled()
    assert "no site" in action.toolTip()
    pane = window.site_build.pane
    assert "no site" in pane.message.text()
    assert not pane.rebuild_button.isEnabled()


@pytest.mark.slow
def test_cancel_in_the_tab_stops_the_build(qtbot: Any, window: Any, tmp_path: Path) -> None:
    command("mkdocs")
    site, _post = make_site(tmp_path, "mkdocs")
    post = site.root / "docs" / "blog" / "posts" / "tide-tables-for-beginners.md"
    before = snapshot(site.root)
    assert window.open_path(post)
    pane = window.site_build.pane
    window.commands["site_build"].trigger()
    assert pane.cancel_button.isVisible()
    qtbot.wait(300)
    pane.cancel_button.click()
    qtbot.waitUntil(lambda: pane.status.text() == "Cancelled.", timeout=10000)
    assert not pane.cancel_button.isVisible()
    assert "cancelled" in pane.message.text()
    assert snapshot(site.root) == before
    shutil.rmtree(site.root)
