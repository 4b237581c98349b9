"""The site's look as the window is told it: available or not and why, the stylesheet in
use, a chosen one remembered per site, and a slow one arriving later without a stale answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor.app.sitelook import LookState, SiteLook
from editor.core.settings import Settings
from editor.core.sitecss import MAX_CSS_FILE
from editor.core.target import resolve_target
from tests.sitestyles import harbour_site


class Later:
    """A runner whose jobs finish when the test says."""

    def __init__(self) -> None:
        self.jobs: list[Callable[[], None]] = []

    def submit(self, job: Callable[..., Any], *args: Any, done: Any, failed: Any = None) -> None:
        self.jobs.append(lambda: done(job(*args)))

    def finish(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job()


def feature(settings: Settings, runner: Any = None) -> tuple[SiteLook, list[LookState]]:
    shown: list[LookState] = []
    return SiteLook(settings, lambda: None, shown.append, runner), shown


def test_a_site_with_a_theme_can_be_shown_in_its_look(tmp_path: Path) -> None:
    post = harbour_site(tmp_path / "harbour")
    look, shown = feature(Settings())
    look.target_changed(resolve_target(post))
    assert shown[-1].available
    assert shown[-1].style is None  # off until asked for
    look.set_wanted(True)
    state = shown[-1]
    assert state.style is not None
    assert "#pw-body" in state.style.css
    assert "post-content" in state.style.classes
    assert state.description.startswith("Using themes/harbour/assets/css/main.css")
    assert "1 remote address left out" in state.description
    assert state.sheets == "main.css"
    look.set_wanted(False)
    assert shown[-1].style is None


def test_no_site_no_look(tmp_path: Path) -> None:
    loose = tmp_path / "loose.md"
    loose.write_text("# Loose\n", encoding="utf-8")
    settings = Settings(site_look=True)
    look, shown = feature(settings)
    look.target_changed(resolve_target(loose))
    assert not shown[-1].available
    assert shown[-1].style is None
    assert shown[-1].description == "The post belongs to no site."


def test_a_chosen_stylesheet_is_remembered_for_the_site_and_forgotten(tmp_path: Path) -> None:
    site = tmp_path / "harbour"
    post = harbour_site(site)
    mine = site / "mine.css"
    mine.write_text("p { color: green }", encoding="utf-8")
    settings = Settings()
    look, shown = feature(settings)
    look.target_changed(resolve_target(post))
    look.choose(mine)
    assert settings.site_look
    assert settings.site_stylesheets == {str(site.resolve()): str(mine.resolve())}
    assert shown[-1].chosen
    assert shown[-1].style is not None
    assert "color:green" in shown[-1].style.css
    # another document of the same site gets the same choice
    other, other_shown = feature(settings)
    other.target_changed(resolve_target(post))
    assert other_shown[-1].description == "Using mine.css (chosen)"
    look.choose(None)
    assert settings.site_stylesheets == {}
    assert "themes/harbour" in shown[-1].description


def test_an_oversized_stylesheet_is_one_line_and_postwrights_style_stays(tmp_path: Path) -> None:
    site = tmp_path / "harbour"
    post = harbour_site(site)
    big = site / "big.css"
    big.write_text("p{color:red}\n" * (MAX_CSS_FILE // 12 + 10), encoding="utf-8")
    look, shown = feature(Settings())
    look.target_changed(resolve_target(post))
    look.choose(big)
    state = shown[-1]
    assert state.style is None
    assert (
        state.problem == "big.css: over 2 MB, too big for a stylesheet; the site's look is not used"
    )


def test_a_stylesheet_scoped_elsewhere_arrives_later(tmp_path: Path) -> None:
    post = harbour_site(tmp_path / "harbour")
    runner = Later()
    look, shown = feature(Settings(site_look=True), runner)
    look.target_changed(resolve_target(post))
    assert shown[-1].style is None  # on its way
    assert len(runner.jobs) == 1
    look.refresh()
    assert len(runner.jobs) == 1  # asked once
    runner.finish()
    assert shown[-1].style is not None
    assert "post-content" in shown[-1].style.classes


def test_the_menu_says_in_a_few_words_why_there_is_no_look(tmp_path: Path) -> None:
    site = tmp_path / "jekyll"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Quay\n", encoding="utf-8")
    (site / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "main.scss").write_text("---\n---\n", encoding="utf-8")
    post = site / "_posts" / "2024-05-01-quay.md"
    post.write_text("---\ntitle: Quay\n---\n\nText.\n", encoding="utf-8")
    look, shown = feature(Settings())
    look.target_changed(resolve_target(post))
    assert shown[-1].missing == "build the site first"
    assert "SCSS (assets/main.scss) that needs a build" in shown[-1].description
    (site / "assets" / "main.scss").unlink()
    look.refresh()
    assert shown[-1].missing == "no stylesheet found"
