"""The site's look in the window: View > Site's Look styles the article with the site's own
stylesheet, in place, and back; the page around the article keeps Postwright's style."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.sitestyles import harbour_site

pytestmark = pytest.mark.gui

SITE_INK = "rgb(27, 42, 58)"
SITE_SEA = "rgb(10, 110, 138)"


def dom(qtbot: Any, window: Any, script: str) -> Any:
    box: dict[str, Any] = {}
    window.preview.run_in_page(script, lambda value: box.update(value=value))
    qtbot.waitUntil(lambda: "value" in box, timeout=10000)
    return box["value"]


def styles(qtbot: Any, window: Any) -> Any:
    script = """(function () {
      var p = document.querySelector('#pw-body p'), h2 = document.querySelector('#pw-body h2');
      var title = document.querySelector('.pw-title'), q = document.querySelector('blockquote');
      if (!p || !h2 || !title || !q) { return null; }
      return JSON.stringify({p: getComputedStyle(p).color, size: getComputedStyle(p).fontSize,
              h2: getComputedStyle(h2).color, title: getComputedStyle(title).color,
              titleFont: getComputedStyle(title).fontFamily,
              body: getComputedStyle(document.body).color,
              quote: getComputedStyle(q).borderLeftWidth,
              sheet: !!document.getElementById('pw-site-style')});
    })()"""
    found = dom(qtbot, window, script)
    return json.loads(found) if found else None


def test_the_site_look_styles_the_article_only_and_switches_back(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    post = harbour_site(tmp_path / "harbour")
    assert window.open_path(post)
    toggle = window.commands["site_look"]
    assert toggle.isEnabled()
    assert toggle.text() == "Site's &Look"
    assert "themes/harbour/assets/css/main.css" in toggle.toolTip()
    qtbot.waitUntil(lambda: styles(qtbot, window) is not None, timeout=15000)
    own = styles(qtbot, window)
    assert own["p"] != SITE_INK
    assert not own["sheet"]

    toggle.trigger()
    assert toggle.isChecked()
    assert window.settings.site_look
    qtbot.waitUntil(lambda: styles(qtbot, window)["p"] == SITE_INK, timeout=10000)
    look = styles(qtbot, window)
    assert look["h2"] == SITE_SEA
    # html { font-size: 62.5% } and body { font: 1.8rem... }: 18px, as on the site
    assert look["size"] == "18px"
    # the imported part of the theme applies too
    assert look["quote"] == "6px"
    # the page around the article keeps Postwright's style
    assert look["title"] == own["title"]
    assert look["titleFont"] == own["titleFont"]
    assert look["body"] == own["body"]
    # the theme's rules under its text wrapper apply: the article took the class
    classes = dom(qtbot, window, "document.getElementById('pw-body').className")
    assert "post-content" in classes.split()

    toggle.trigger()
    assert not toggle.isChecked()
    qtbot.waitUntil(lambda: styles(qtbot, window)["p"] == own["p"], timeout=10000)
    back = styles(qtbot, window)
    assert back == own
    classes = dom(qtbot, window, "document.getElementById('pw-body').className")
    assert "post-content" not in classes.split()


def test_typing_keeps_the_site_look(qtbot: Any, window: Any, tmp_path: Path) -> None:
    post = harbour_site(tmp_path / "harbour")
    window.settings.site_look = True
    assert window.open_path(post)
    qtbot.waitUntil(lambda: (styles(qtbot, window) or {}).get("p") == SITE_INK, timeout=15000)
    text = window.editor_text()
    window.replace_editor_text(text, text + "\nA new paragraph at the end.\n")
    script = (
        "(function () { var ps = document.querySelectorAll('#pw-body p');"
        " var last = ps[ps.length - 1];"
        " return last.textContent + '|' + getComputedStyle(last).color; })()"
    )
    qtbot.waitUntil(
        lambda: dom(qtbot, window, script) == f"A new paragraph at the end.|{SITE_INK}",
        timeout=10000,
    )


def test_no_site_no_look_and_the_reason_is_said(qtbot: Any, window: Any, tmp_path: Path) -> None:
    loose = tmp_path / "loose.md"
    loose.write_text("# A loose post\n\nText.\n", encoding="utf-8")
    assert window.open_path(loose)
    toggle = window.commands["site_look"]
    assert not toggle.isEnabled()
    assert toggle.text() == "Site's &Look (no site)"
    assert "no site" in toggle.toolTip()
    assert not window.commands["site_stylesheet"].isEnabled()


def test_a_chosen_stylesheet_is_used_and_remembered_for_the_site(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "harbour"
    post = harbour_site(site)
    mine = site / "styles" / "mine.css"
    mine.parent.mkdir(parents=True)
    mine.write_text("p { color: rgb(200, 10, 10); }\n", encoding="utf-8")
    assert window.open_path(post)
    monkeypatch.setattr(window.site_look, "ask_stylesheet", lambda _start: mine)
    window.commands["site_stylesheet"].trigger()
    assert window.commands["site_look"].isChecked()
    assert "styles/mine.css (chosen)" in window.commands["site_look"].toolTip()
    assert window.settings.site_stylesheets == {str(site.resolve()): str(mine.resolve())}
    color = "getComputedStyle(document.querySelector('#pw-body p')).color"
    qtbot.waitUntil(lambda: dom(qtbot, window, color) == "rgb(200, 10, 10)", timeout=15000)
    assert window.commands["site_stylesheet_forget"].isEnabled()
    window.commands["site_stylesheet_forget"].trigger()
    assert window.settings.site_stylesheets == {}
    qtbot.waitUntil(lambda: dom(qtbot, window, color) == SITE_INK, timeout=10000)
