"""The site is the context: a post is previewed, coloured, completed, checked and given its
marker by the rules of the site it lives in (or the one chosen for it), and the window says
which site that is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor

from editor.gui.highlighter import DARK_PALETTE, LIGHT_PALETTE

pytestmark = pytest.mark.gui

JEKYLL_POST = """---
title: Fog over the harbour
date: 2024-05-01
---

The fog came in before the boats.

<!--cut-->

The rest of the story, after the cut.
"""


def jekyll_site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text('title: Harbour\nexcerpt_separator: "<!--cut-->"\n')
    (root / "Gemfile").write_text('gem "jekyll"\n')
    post = root / "_posts" / "2024-05-01-fog.md"
    post.write_text(JEKYLL_POST, encoding="utf-8")
    return post


def dom(qtbot: Any, window: Any, script: str) -> Any:
    box: dict[str, Any] = {}
    window.preview.run_in_page(script, lambda value: box.update(value=value))
    qtbot.waitUntil(lambda: "value" in box, timeout=10000)
    return box["value"]


def marker_coloured(window: Any, line: int) -> bool:
    block = window.editor.document().findBlockByNumber(line)
    wanted = {
        QColor(LIGHT_PALETTE.marker_background).name(),
        QColor(DARK_PALETTE.marker_background).name(),
    }
    return any(r.format.background().color().name() in wanted for r in block.layout().formats())


def test_a_jekyll_separator_is_previewed_coloured_inserted_and_checked(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    post = jekyll_site(tmp_path / "site")
    assert window.open_path(post)
    assert window.target_button.text() == "Jekyll site"
    # previewed: the page draws the end of the excerpt, the status bar counts its words
    qtbot.waitUntil(
        lambda: dom(qtbot, window, "document.querySelectorAll('.pw-excerpt-end').length") == 1,
        timeout=15000,
    )
    qtbot.waitUntil(lambda: window.excerpt_label.text() == "excerpt 7 words", timeout=5000)
    # coloured as a marker
    assert window.highlighter.separators == ("<!--cut-->",)
    assert marker_coloured(window, 7)
    assert not marker_coloured(window, 5)
    # checked: the post has its marker, so nothing is missing
    window.document.refresh_post()
    assert [f.rule for f in window.checks.findings] == []
    # inserted: the inserter writes the site's separator, moving the existing one
    window.editor.go_to_line(9)
    window.commands["marker"].trigger()
    text = window.editor_text()
    assert text.count("<!--cut-->") == 1
    assert "<!-- more -->" not in text
    assert text.index("<!--cut-->") > text.index("The rest of the story")
    # without it, the check says what Jekyll does then
    window.replace_editor_text(text, text.replace("<!--cut-->\n", ""))
    window.document.refresh_post()
    (finding,) = window.checks.findings
    assert finding.rule == "no-marker"
    assert "whole post its excerpt" in finding.message
    assert "whole post its excerpt" in window.findings_button.text()


def test_a_pelican_post_gets_pelicans_rules_whatever_site_was_used_last(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    hugo = tmp_path / "hugo-site"
    (hugo / "content" / "posts").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    window.settings.site_folder = str(hugo)  # the site the last export went to
    pelican = tmp_path / "pelican-site"
    (pelican / "content").mkdir(parents=True)
    (pelican / "pelicanconf.py").write_text('PATH = "content"\nPLUGINS = []\n')
    post = pelican / "content" / "lamps.md"
    post.write_text(
        "Title: Lamps\nDate: 2024-02-02 10:20\n\nThe lamps are lit at dusk.\n", encoding="utf-8"
    )
    assert window.open_path(post)
    assert window.target_button.text() == "Pelican site"
    window.document.refresh_post()
    assert window.checks.findings == []  # no word about Hugo's 70-word summary
    assert not window.findings_button.isVisible()
    window.commands["marker"].trigger()
    assert "<!-- PELICAN_END_SUMMARY -->" in window.editor_text()


def test_the_writer_chooses_the_site_of_a_loose_post(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    post = tmp_path / "notes" / "gulls.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: Gulls\ndate: 2024-03-03\n---\n\nGulls everywhere.\n")
    assert window.open_path(post)
    assert window.target_button.text() == "No site"
    window.document.refresh_post()
    assert window.checks.findings == []
    window.document.choose_generator("hugo")
    assert window.target_button.text() == "Hugo (chosen)"
    window.document.refresh_post()
    assert [f.rule for f in window.checks.findings] == ["no-marker"]
    assert "70 words" in window.checks.findings[0].message
    # remembered for this post, in the settings
    assert window.workspace.choice_for(post) is not None
    window.document.choose_target(None)
    assert window.target_button.text() == "No site"


def test_check_and_the_findings_list_say_the_same(qtbot: Any, window: Any, tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(
        "---\ndate: 2024-13-45\n---\n\nNo title here.\n\n<!-- more -->\n\nA\n\n<!--more-->\n"
        "\n```\n<!-- more -->\n```\n",
        encoding="utf-8",
    )
    assert window.open_path(post)
    window.document.refresh_post()
    shown = window.findings.texts()
    cli = subprocess.run(
        [sys.executable, "-m", "editor", "check", str(post)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    printed = [line for line in cli.stdout.splitlines() if line]
    assert cli.returncode == 1
    assert len(printed) == len(shown) == 4
    for line, row in zip(printed, shown, strict=True):
        where, _, message = row.partition(": ")
        number = where.removeprefix("line ").split(",")[0]
        assert line.startswith(f"{post}:{number}:")
        assert line.endswith(message)
    # activating a finding puts the cursor on its line
    window.findings.setCurrentRow(2)  # line 11: the second marker
    window.findings.itemActivated.emit(window.findings.currentItem())
    assert window.editor.cursor_line() == 10


def test_the_form_writes_a_new_field_as_the_sites_generator_reads_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    post = jekyll_site(tmp_path / "site")
    assert window.open_path(post)
    qtbot.mouseClick(window.form.draft_check, Qt.MouseButton.LeftButton)
    assert "\npublished: false\n" in window.editor_text()  # Jekyll's way of saying draft
    assert "draft:" not in window.editor_text()


def test_the_card_says_what_the_sites_index_shows_without_a_marker(tmp_path: Path) -> None:
    from editor.core.post import Post
    from editor.core.render import render
    from editor.core.target import TargetChoice, resolve_target
    from editor.gui.carddialog import card_html

    text = "---\ntitle: Gulls\ndate: 2024-03-03\n---\n\nGulls everywhere.\n"
    post = Post.from_text(text)
    hexo = resolve_target(tmp_path / "a.md", TargetChoice(None, "hexo"))
    shown = card_html(post, render(post), False, hexo)
    assert "No excerpt marker: Hexo&#x27;s index shows the whole post" in shown
    assert "Gulls everywhere." in shown


def test_a_site_root_image_shows_in_the_preview(qtbot: Any, window: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    site = tmp_path / "blog"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    (site / "static" / "images" / "fog").mkdir(parents=True)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(site / "static" / "images" / "fog" / "gull.png"))
    post = site / "content" / "posts" / "fog.md"
    post.write_text(
        "---\ntitle: Fog\ndate: 2024-01-01\n---\n\n![A gull](/images/fog/gull.png)\n\n"
        "![Nothing](/images/fog/none.png)\n",
        encoding="utf-8",
    )
    assert window.open_path(post)
    script = "Array.from(document.images).map(i => i.complete && i.naturalWidth).join(',')"
    qtbot.waitUntil(lambda: dom(qtbot, window, script) == "8,0", timeout=15000)


def test_a_site_root_path_never_leads_out_of_the_served_folder(tmp_path: Path) -> None:
    from editor.gui.preview import served_file

    static = tmp_path / "static"
    (static / "images").mkdir(parents=True)
    (static / "images" / "a.png").write_bytes(b"png")
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    (static / "images" / "link.png").symlink_to(secret)
    roots = (static,)
    assert served_file("/images/a.png", roots) == (static / "images" / "a.png").resolve()
    assert served_file("/images/link.png", roots) is None  # a symlink out of the folder
    assert served_file("/images/../../secret.txt", roots) is None
    assert served_file("/images/missing.png", roots) is None
    assert served_file(str(secret), roots) is None  # a path that exists is taken as it is


def test_a_hugo_posts_shortcodes_are_placeholders_and_its_figure_shows(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    site = tmp_path / "blog"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    (site / "static" / "images").mkdir(parents=True)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(site / "static" / "images" / "gull.png"))
    post = site / "content" / "posts" / "fog.md"
    post.write_text(
        "---\ntitle: Fog\ndate: 2024-01-01\n---\n\n{{< youtube ZJthWmvUzzc >}}\n\n"
        '{{< figure src="/images/gull.png" caption="A gull" alt="A gull in fog" >}}\n\n'
        "A Liquid tag is not Hugo's: {% include x.html %}\n",
        encoding="utf-8",
    )
    assert window.open_path(post)
    script = "Array.from(document.images).map(i => i.complete && i.naturalWidth).join(',')"
    qtbot.waitUntil(lambda: dom(qtbot, window, script) == "8", timeout=15000)
    text = dom(qtbot, window, "document.getElementById('pw-body').innerText")
    assert "Hugo shortcode: youtube ZJthWmvUzzc" in text
    assert "A gull" in text
    assert "A Liquid tag is not Hugo's: {% include x.html %}" in text
