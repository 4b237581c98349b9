"""Everything about Qt WebEngine's process and profile: the Chromium switches, the sandbox as
root, the one profile every preview shares.

Call :func:`prepare_environment` before the QApplication exists (Chromium reads its switches
once, at start); previews take their profile from :func:`preview_profile`.

"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEngineProfile

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"

#: Chromium switches for the preview: it shows one local page per window, never browses
SWITCHES: tuple[str, ...] = (
    # no update checks, safe-browsing lists or other requests nobody asked for
    "--disable-background-networking",
)

_CONFIGURED = "postwrightConfigured"


def chromium_switches(existing: str = "") -> str:
    """``existing`` switches (the user's, which win) followed by :data:`SWITCHES` not already
    named there."""
    have = {part.split("=", 1)[0] for part in existing.split()}
    extra = [switch for switch in SWITCHES if switch.split("=", 1)[0] not in have]
    return " ".join([*existing.split(), *extra])


def prepare_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Set what Qt WebEngine reads from the environment when it starts: the switches, and
    no sandbox as root (Chromium refuses to start its sandbox as root). Call before the
    QApplication is created; calling again changes nothing."""
    env = os.environ if environ is None else environ
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    env[FLAGS_VARIABLE] = chromium_switches(env.get(FLAGS_VARIABLE, ""))


def preview_profile() -> QWebEngineProfile:
    """The profile every preview page uses: Qt's default one, off the record (no disk
    cache, no cookies kept), configured once. One profile for all windows lets them share
    one renderer process and its memory."""
    from PySide6.QtWebEngineCore import QWebEngineProfile

    profile = QWebEngineProfile.defaultProfile()
    if not profile.property(_CONFIGURED):
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        profile.setSpellCheckEnabled(False)
        profile.setProperty(_CONFIGURED, True)
    return profile
