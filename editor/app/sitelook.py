"""The site's look: a feature that decides whether the preview styles the post with its site's
own stylesheet, which stylesheet, and what the window says about it.

It follows the document's target: a post of a site whose stylesheet was found (or chosen, per
site) can be shown in the site's look; a post of no site, or of a site without one, cannot,
and the reason is said. Whether the look is on is remembered (``Settings.site_look``), as is
the stylesheet the writer chose for a site (``Settings.site_stylesheets``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.app.features import BaseFeature
from editor.app.site import Runner, SyncRunner
from editor.core.settings import Settings
from editor.core.sitestyle import SiteStyle, find_site_style
from editor.core.target import Target

if TYPE_CHECKING:
    # the rewriting (tinycss2) loads with the first site look asked for, not at start
    from editor.core.sitecss import ScopedStyle


@dataclass(frozen=True)
class LookState:
    """What the window shows of the site's look."""

    #: the look can be switched on (the post's site has a stylesheet)
    available: bool
    #: the look is wanted (the toggle's check mark)
    wanted: bool
    #: the stylesheet the preview applies now; None: Postwright's own style
    style: ScopedStyle | None
    #: "Using themes/ananke/assets/css/main.css (...)", or why the look cannot be had
    description: str
    #: a stylesheet the writer chose is in use (offer to go back to the found one)
    chosen: bool = False
    #: the stylesheets' names, short, for the status bar
    sheets: str = ""
    #: why the look cannot be had, in a few words for the menu ("" when it can)
    missing: str = ""
    #: a stylesheet that could not be used (one line naming the file), "" when all is well
    problem: str = ""


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


class SiteLook(BaseFeature):
    """Decides the preview's style for the document's target; see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        save: Callable[[], str | None],
        show: Callable[[LookState], None],
        runner: Runner | None = None,
    ) -> None:
        self.settings = settings
        self.save = save
        self.show = show
        #: where a stylesheet is scoped (a worker process in the window: a big one takes
        #: seconds); the result comes back through :meth:`_scoped`
        self.runner: Runner = runner or SyncRunner()
        self._asked: SiteStyle | None = None
        self._asking = False
        self.target: Target | None = None
        self.site_style = SiteStyle(problem="The post belongs to no site.")
        self.state = LookState(False, settings.site_look, None, self.site_style.problem)

    def target_changed(self, target: Target) -> None:
        """Another site (or none): find its stylesheet."""
        self.target = target
        self.refresh()

    @property
    def site_root(self) -> Path | None:
        """The folder of the post's site."""
        return self.target.root if self.target is not None else None

    def chosen_stylesheet(self) -> str:
        """The stylesheet the writer chose for the post's site, "" for none."""
        root = self.site_root
        return self.settings.site_stylesheets.get(_key(root), "") if root else ""

    def refresh(self) -> LookState:
        """Find the stylesheet again and tell the window."""
        target = self.target
        site = target.site if target is not None else None
        served = target.served_roots() if target is not None else ()
        self.site_style = find_site_style(site, served, self.chosen_stylesheet() or None)
        wanted = self.settings.site_look
        style: ScopedStyle | None = None
        problem = ""
        description = self.site_style.reason or self.site_style.problem
        if wanted and self.site_style.available:
            from editor.core.sitecss import cached_style

            found = cached_style(self.site_style)
            if found is None:
                self._ask(self.site_style)  # a runner in this thread answers at once
                found = cached_style(self.site_style)
            # still None: on its way, Postwright's style until then
            if isinstance(found, str):
                problem = found
            elif found is not None:
                style = found
        if style is not None and style.notes:
            description += f" - {'; '.join(style.notes)}"
        self.state = LookState(
            available=self.site_style.available,
            wanted=wanted,
            style=style,
            description=problem or description,
            chosen=self.site_style.chosen,
            problem=problem,
            sheets=", ".join(path.name for path in self.site_style.files),
            missing=self._missing(site is None),
        )
        self.show(self.state)
        return self.state

    def _missing(self, no_site: bool) -> str:
        if self.site_style.available:
            return ""
        if no_site:
            return "no site"
        if (
            "needs a build" in self.site_style.problem
            or "build the site" in self.site_style.problem
        ):
            return "build the site first"
        return "no stylesheet found"

    def _ask(self, site_style: SiteStyle) -> None:
        if self._asked == site_style:
            return  # already on its way
        self._asked = site_style
        self._asking = True
        try:
            self._submit(site_style)
        finally:
            self._asking = False

    def _submit(self, site_style: SiteStyle) -> None:
        from editor.core.sitecss import scope_or_problem

        self.runner.submit(
            scope_or_problem,
            site_style,
            done=lambda result: self._scoped(site_style, result),
            failed=lambda message: self._scoped(
                site_style, f"{site_style.files[0].name}: could not be read ({message})"
            ),
        )

    def _scoped(self, site_style: SiteStyle, result: ScopedStyle | str) -> None:
        """A stylesheet came back scoped (or as its message): show it if it is still wanted."""
        from editor.core.sitecss import remember_style

        remember_style(site_style, result)
        if self._asked == site_style:
            self._asked = None
        if site_style == self.site_style and not self._asking:
            self.refresh()

    def set_wanted(self, wanted: bool) -> str | None:
        """The site's look on or off (remembered); the reason when the settings were not saved."""
        self.settings.site_look = wanted
        message = self.save()
        self.refresh()
        return message

    def choose(self, path: Path | None) -> str | None:
        """Use the CSS file at ``path`` for the post's site (None: the one found), remembered
        for the site; switches the look on. The reason when the settings were not saved."""
        root = self.site_root
        if root is None:
            return None
        if path is None:
            self.settings.site_stylesheets.pop(_key(root), None)
        else:
            self.settings.site_stylesheets[_key(root)] = str(path.resolve())
            self.settings.site_look = True
        message = self.save()
        self.refresh()
        return message
