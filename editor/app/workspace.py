"""What every window of one running Postwright shares: the settings, the recovery journal, the
documents that are open, and the targets of their posts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from editor.app.journalwriter import JournalWriter
from editor.core.journal import Journal, JournalEntry
from editor.core.settings import Settings, save_settings
from editor.core.site import Site, scan_site
from editor.core.target import Target, TargetChoice, resolve_target

if TYPE_CHECKING:
    from editor.app.document import Document


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


class Workspace:
    """The state of one run: shared by its windows, owned by whoever starts the GUI."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        journal: Journal | None = None,
        persist: Callable[[Settings], None] | None = save_settings,
    ) -> None:
        self.settings = settings if settings is not None else Settings()
        self.journal = journal if journal is not None else Journal()
        self.journal_writer = JournalWriter(self.journal)
        self._persist = persist
        self.documents: list[Document] = []
        #: journal entries already offered back in this run (id, time written): a window
        #: opening later does not ask again about an entry the writer put off
        self.offered: set[tuple[str, float]] = set()
        self._scanned: dict[tuple[Path, str], Site] = {}

    # ------------------------------------------------------------------ settings

    def save_settings(self) -> str | None:
        """Write the settings; the reason when that failed (the run goes on)."""
        if self._persist is None:
            return None
        try:
            self._persist(self.settings)
        except OSError as exc:
            return f"Settings not saved: {exc.strerror or exc}"
        return None

    # ------------------------------------------------------------------ targets

    def choice_for(self, path: Path | None) -> TargetChoice | None:
        """The site the writer chose for the post at ``path``, if any."""
        if path is None:
            return None
        stored = self.settings.post_targets.get(_key(path))
        return TargetChoice.from_json(stored) if isinstance(stored, dict) else None

    def remember_choice(self, path: Path, choice: TargetChoice | None) -> None:
        """Keep (or, with None, forget) the writer's choice for the post at ``path``."""
        key = _key(path)
        if choice is None:
            self.settings.post_targets.pop(key, None)
        else:
            self.settings.post_targets[key] = choice.to_json()

    def choose_generator(self, root: Path, generator: str | None) -> None:
        """Read the site at ``root`` as ``generator``'s (its files look like more than one)."""
        key = _key(root)
        if generator:
            self.settings.site_generators[key] = generator
        else:
            self.settings.site_generators.pop(key, None)
        self.forget_site(root)

    def target_for(self, path: Path | None, choice: TargetChoice | None = None) -> Target:
        """The target of the post at ``path``: its site, else ``choice`` or the remembered
        choice, else none. A site's posts are read once per run for its vocabulary."""
        target = resolve_target(
            path,
            choice if choice is not None else self.choice_for(path),
            generators=self.settings.site_generators,
        )
        site = target.site
        if site is None:
            return target
        key = (site.root, site.generator)
        scanned = self._scanned.get(key)
        if scanned is None or scanned.settings != site.settings:
            scanned = scan_site(site)
            self._scanned[key] = scanned
        return dataclasses.replace(target, site=scanned)

    def forget_site(self, root: Path) -> None:
        """Read the site at ``root`` afresh next time (its posts or config changed)."""
        resolved = Path(_key(root))
        for key in [key for key in self._scanned if key[0] in (root, resolved)]:
            del self._scanned[key]

    # ------------------------------------------------------------------ documents

    def add(self, document: Document) -> None:
        """A document was opened."""
        if document not in self.documents:
            self.documents.append(document)

    def remove(self, document: Document) -> None:
        """A document was closed."""
        if document in self.documents:
            self.documents.remove(document)

    def unoffered(self, entries: list[JournalEntry]) -> list[JournalEntry]:
        """The entries not yet offered back in this run."""
        return [entry for entry in entries if _entry_key(entry) not in self.offered]

    def mark_offered(self, entries: list[JournalEntry]) -> None:
        """These entries were offered back now."""
        self.offered.update(_entry_key(entry) for entry in entries)

    def close(self) -> None:
        """The run ends: finish the journal's writes and release its lock."""
        self.journal_writer.close()
        self.journal.close()


def _entry_key(entry: JournalEntry) -> tuple[str, float]:
    return (entry.id, entry.saved_at.timestamp())
