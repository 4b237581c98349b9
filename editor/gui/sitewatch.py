"""Noticing posts added, changed or removed on disk in the open site: a watch on its post
folders for a quick answer to saves and deletions, and a look at every post's stamp every few
seconds (in a worker) for what a folder watch misses."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from editor.app.site import OpenSite
from editor.core.siteindex import post_folders

#: a burst of events is one look at the disk
DEBOUNCE_MS = 300
#: how often the disk is looked at anyway
POLL_MS = 4000
#: the most folders watched (a site of page bundles has one a post; the poll covers the rest)
MAX_FOLDERS = 400


class SiteWatch(QObject):
    """Tells the open site to look at the disk again when its folders change."""

    def __init__(self, site: OpenSite, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._look)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)
        self._poll.start()
        self._folders_changed = False
        self.watch_folders()

    def watch_folders(self) -> None:
        """Watch the post folders and the folders in them (up to :data:`MAX_FOLDERS`)."""
        wanted: list[str] = []
        for folder in post_folders(self.site.site):
            base = self.site.root / folder
            if not base.is_dir():
                continue
            wanted.append(str(base))
            try:
                with os.scandir(base) as entries:
                    children = sorted(
                        entry.path
                        for entry in entries
                        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")
                    )
            except OSError:
                continue
            wanted.extend(children)
        wanted = wanted[:MAX_FOLDERS]
        current = set(self._watcher.directories())
        missing = [path for path in wanted if path not in current]
        if missing:
            self._watcher.addPaths(missing)

    def watched(self) -> list[Path]:
        """The folders watched now."""
        return sorted(Path(p) for p in self._watcher.directories())

    def _poke(self, _path: str) -> None:
        self._debounce.start()
        self._folders_changed = True

    def _look(self) -> None:
        self.site.refresh()
        if self._folders_changed:  # a new folder (a page bundle) may have come
            self._folders_changed = False
            self.watch_folders()

    def stop(self) -> None:
        """The site was closed."""
        self._poll.stop()
        self._debounce.stop()
        folders = self._watcher.directories()
        if folders:
            self._watcher.removePaths(folders)
