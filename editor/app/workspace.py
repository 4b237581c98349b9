"""What every window of one running Postwright shares: the settings, the recovery journal, the
documents that are open, and the targets of their posts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from editor.app.choices import remembered_choice
from editor.app.choices import settings_key as _key
from editor.app.journalwriter import JournalWriter
from editor.core.journal import Journal, JournalEntry
from editor.core.settings import Settings, save_settings
from editor.core.site import Site, scan_site
from editor.core.target import Target, TargetChoice, resolve_target

if TYPE_CHECKING:
    from editor.app.document import Document
    from editor.app.site import OpenSite, Runner


#: posts read (the newest) for the vocabulary of a site that is not open: opening one of its
#: posts must not wait for a big site to be read; an open site's own index has them all
QUICK_SCAN = 300


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
        #: the site opened as a whole (File > Open Site), shared by every window
        self.site: OpenSite | None = None

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
        return remembered_choice(self.settings, path)

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
        if self.site is not None and (site.root, site.generator) == (
            self.site.root,
            self.site.site.generator,
        ):
            return dataclasses.replace(target, site=self.site.target_site(site))
        key = (site.root, site.generator)
        scanned = self._scanned.get(key)
        if scanned is None or scanned.settings != site.settings:
            scanned = scan_site(site, QUICK_SCAN)
            self._scanned[key] = scanned
        return dataclasses.replace(target, site=scanned)

    def forget_site(self, root: Path) -> None:
        """Read the site at ``root`` afresh next time (its posts or config changed)."""
        resolved = Path(_key(root))
        for key in [key for key in self._scanned if key[0] in (root, resolved)]:
            del self._scanned[key]

    # ------------------------------------------------------------------ the open site

    def open_site(self, folder: Path, runner: Runner, generator: str | None = None) -> OpenSite:
        """Open the site in ``folder`` (its posts are read in the background by ``runner``);
        raises :class:`~editor.core.errors.PostError` when no site is recognised there."""
        from editor.app.site import OpenSite
        from editor.core.settings import state_dir
        from editor.core.site import detect_site

        root = Path(_key(folder))
        chosen = generator or self.settings.site_generators.get(str(root))
        site = detect_site(root, chosen, scan=False)
        self.close_site()
        opened = OpenSite(site, runner, cache_dir=state_dir() / "sites")
        self.site = opened
        opened.subscribe(self._site_changed)
        self.settings.site_root = str(site.root)
        opened.start()
        self._retarget(site.root)
        return opened

    def close_site(self) -> None:
        """Close the open site (its posts stay open in their windows)."""
        if self.site is None:
            return
        root = self.site.root
        self.site.close()
        self.site = None
        self.settings.site_root = ""
        self._retarget(root)

    def _site_changed(self, change: str) -> None:
        site = self.site
        if change == "vocabulary" and site is not None:
            self._retarget(site.root)  # the site's words changed: the forms complete them

    def _retarget(self, root: Path) -> None:
        for document in self.documents:
            if document.target.root == root:
                document.resolve_target()

    def post_opened(self, path: Path) -> None:
        """A post was opened: a post of the open site is the one to open again next run."""
        if self.site is not None and self.site.owns(path):
            self.settings.site_post = _key(path)

    def post_saved(self, path: Path) -> None:
        """A post was written here: the open site reads it again if it is one of its posts."""
        if self.site is not None and self.site.owns(path):
            self.site.refresh_paths([path])
            self.settings.site_post = _key(path)

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
