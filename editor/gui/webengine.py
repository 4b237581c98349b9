"""Everything about Qt WebEngine's process and profile: the Chromium switches, how the preview
is drawn, the sandbox as root, the one profile every preview shares.

Call :func:`prepare_environment` before the QApplication exists (Chromium and Qt Quick read
these settings once, at start); previews take their profile from :func:`preview_profile`.

Without a GPU (no render node under ``/dev/dri``, ``LIBGL_ALWAYS_SOFTWARE``, the offscreen
platform) OpenGL would be Mesa's software rasteriser: the window's widgets would then be
composited with the preview through it on every keystroke, about 10 ms a frame on a 2-core
machine, and the rasteriser's libraries take about 35 MiB. There the preview is drawn by Qt
Quick's software renderer and Qt's X11 platform loads no OpenGL (Chromium then composites in
software too).
Measured (``bench/bench_latency.py`` and ``bench/bench_memory.py`` under Xvfb): key -> preview
DOM 27 -> 7 ms (7 KB) and 35 -> 10 ms (502 KB) with renders on every change; idle PSS of the
process tree on a 52 KB post 357 -> 279 MiB.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"

#: Chromium switches for the preview: it shows one local page per window, never browses.
#: Tried and left out, as they changed the idle PSS by less than the noise (+-5 MiB) or cost
#: more than they saved: --renderer-process-limit=1 (a second window's renderer shares its
#: pages with the first anyway: 302 against 305 MiB), --disable-gpu, --js-flags=--lite-mode,
#: --enable-low-end-device-mode, --no-zygote (the renderer then shares nothing with it);
#: --single-process saves 25-35 MiB but puts Blink, which parses every post, inside the
#: editor's own process without a sandbox.
SWITCHES: tuple[str, ...] = (
    # no update checks, safe-browsing lists or other requests nobody asked for
    "--disable-background-networking",
    # no second zygote waiting to start unsandboxed helpers (GPU, utility) the preview never
    # needs at rest; one that is wanted after all is started directly. Idle PSS of the process
    # tree on a 52 KB post: 304 -> 293 MiB
    "--no-unsandboxed-zygote",
)

_CONFIGURED = "postwrightConfigured"
_SOFTWARE_PLATFORMS = ("offscreen", "minimal", "vnc")


def software_rendering(
    environ: Mapping[str, str] | None = None, dri: Path = Path("/dev/dri")
) -> bool:
    """Whether OpenGL here would be a software rasteriser (no GPU to draw with)."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM", "").split(":")[0] in _SOFTWARE_PLATFORMS:
        return True
    if env.get("LIBGL_ALWAYS_SOFTWARE", "") not in ("", "0"):
        return True
    if sys.platform.startswith("linux"):
        return not any(dri.glob("renderD*"))
    return False


def chromium_switches(existing: str = "") -> str:
    """``existing`` switches (the user's, which win) followed by ours not already named."""
    have = {part.split("=", 1)[0] for part in existing.split()}
    extra = [switch for switch in SWITCHES if switch.split("=", 1)[0] not in have]
    return " ".join([*existing.split(), *extra])


def prepare_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Set what Qt WebEngine and Qt Quick read from the environment when they start: the
    Chromium switches, the software renderer when there is no GPU, and no sandbox as root
    (Chromium refuses to start its sandbox as root). Values already set are kept. Call before
    the QApplication is created; calling again changes nothing."""
    env = os.environ if environ is None else environ
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if software_rendering(env):
        env.setdefault("QT_QUICK_BACKEND", "software")
        if env.get("QT_QPA_PLATFORM", "xcb").startswith("xcb"):
            env.setdefault("QT_XCB_GL_INTEGRATION", "none")
    env[FLAGS_VARIABLE] = chromium_switches(env.get(FLAGS_VARIABLE, ""))


def lock_down(settings: QWebEngineSettings, *, allow_remote_images: bool = False) -> None:
    """What a page of Postwright's may do: show local files, never run the page's own scripts,
    open windows, plugins or PDFs; reach the network only for images, when they are allowed
    (the page's request interceptor lets nothing else through)."""
    from PySide6.QtWebEngineCore import QWebEngineSettings

    attribute = QWebEngineSettings.WebAttribute
    settings.setAttribute(attribute.JavascriptEnabled, False)
    settings.setAttribute(attribute.LocalContentCanAccessRemoteUrls, allow_remote_images)
    settings.setAttribute(attribute.LocalContentCanAccessFileUrls, True)
    settings.setAttribute(attribute.AutoLoadImages, True)
    settings.setAttribute(attribute.PluginsEnabled, False)
    settings.setAttribute(attribute.JavascriptCanOpenWindows, False)
    settings.setAttribute(attribute.PdfViewerEnabled, False)


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
