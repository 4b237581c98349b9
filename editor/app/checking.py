"""The checker as a feature: the findings of the open post, kept current for the window's
findings list and status bar (the same :func:`editor.core.checks.check` that
``postwright check`` runs)."""

from __future__ import annotations

from collections.abc import Callable

from editor.app.features import BaseFeature
from editor.core.checks import check
from editor.core.findings import Finding
from editor.core.post import Post
from editor.core.target import Target

Listener = Callable[[list[Finding]], None]


class Checks(BaseFeature):
    """Runs the checks when the post or its target changes; tells its listeners what changed."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._listeners: list[Listener] = []
        self._told = False

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(findings)`` now and whenever the findings change."""
        self._listeners.append(listener)
        listener(list(self.findings))

    def post_changed(self, post: Post) -> None:
        """Check the post as it is now."""
        self._run(post)

    def target_changed(self, target: Target) -> None:
        """The site's rules changed: check again."""
        del target
        if self.document is not None:
            self._run(self.document.post)

    def _run(self, post: Post) -> None:
        if self.document is None:
            return
        findings = check(post, self.document.target)
        if findings == self.findings and self._told:
            return
        self.findings = findings
        self._told = True
        for listener in self._listeners:
            listener(list(findings))

    def summary(self) -> str:
        """ "2 errors, 1 warning" or "" when the post is clean."""
        return summarize(self.findings)


def summarize(findings: list[Finding]) -> str:
    """ "2 errors, 1 warning" (infos are not counted); "" when there is nothing."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)
