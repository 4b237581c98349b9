"""The live preview: the page is loaded once; every change arrives as block patches.

The post's own scripts never run: JavaScript is off in the page's world, and Postwright's
script runs in an isolated world Qt keeps for the application. Nothing remote is fetched
unless the settings allow remote images, and then only images (the request interceptor and
the page's Content-Security-Policy let nothing else through).

The page is made after the window's first paint, so the editor shows without waiting for
Chromium.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPaintEvent
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.core.render import RenderResult, diff_blocks
from editor.core.render.diagrams import mermaid_build, preview_script
from editor.core.render.model import Patch
from editor.core.render.page import build_page, header_html, script
from editor.gui.webengine import lock_down, preview_profile

APP_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
#: the page is made after the window's first paint, or after this long without one
PAGE_DELAY_MS = 100
_BRIDGE_PREFIX = "postwright:"
#: the code colours, in Postwright's own cascade layer (below the site's look)
_SET_CODE_STYLE = (
    "(function (css) { var s = document.getElementById('pw-code-style');"
    " if (!s) { s = document.createElement('style'); s.id = 'pw-code-style';"
    " document.head.appendChild(s); } s.textContent = '@layer pw-page {' + css + '}'; })"
)
#: the site's look: its scoped stylesheet (null: Postwright's own), with the classes and
#: attributes the article takes from the theme; the line at the top stays at the top
_SET_SITE_STYLE = """(function (css, classes, attributes) {
  var body = document.getElementById('pw-body');
  if (!body) { return; }
  var pw = window.postwright, top = window.scrollY > 0 && pw ? pw.topLine() : null;
  var added = JSON.parse(body.getAttribute('data-pw-site-added') || '{"c":[],"a":[]}');
  added.c.forEach(function (name) { body.classList.remove(name); });
  added.a.forEach(function (name) { body.removeAttribute(name); });
  body.removeAttribute('data-pw-site-added');
  var style = document.getElementById('pw-site-style');
  if (css === null) {
    if (style) { style.remove(); }
    document.documentElement.removeAttribute('data-pw-site-look');
  } else {
    if (!style) {
      style = document.createElement('style'); style.id = 'pw-site-style';
      document.head.appendChild(style);
    }
    style.textContent = css;
    document.documentElement.setAttribute('data-pw-site-look', '');
    var mine = {c: [], a: []};
    classes.forEach(function (name) {
      if (!body.classList.contains(name)) { body.classList.add(name); mine.c.push(name); }
    });
    attributes.forEach(function (pair) {
      if (body.hasAttribute(pair[0])) { return; }
      body.setAttribute(pair[0], pair[1]); mine.a.push(pair[0]);
    });
    body.setAttribute('data-pw-site-added', JSON.stringify(mine));
  }
  if (top !== null) { pw.scrollToLine(top); }
})"""


@lru_cache(maxsize=8)
def code_style_css(style: str, theme: str) -> str:
    """Pygments colours of ``style`` for the page in ``theme``."""
    from pygments.formatters import HtmlFormatter
    from pygments.util import ClassNotFound

    try:
        formatter = HtmlFormatter(style=style)
    except ClassNotFound:
        return ""
    return formatter.get_style_defs(f':root[data-theme="{theme}"] .highlight')


def _app_script(name: str, source: str) -> QWebEngineScript:
    """``source`` run in Postwright's world of the page once its document is ready."""
    inject = QWebEngineScript()
    inject.setName(name)
    inject.setSourceCode(source)
    inject.setWorldId(APP_WORLD)
    inject.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    inject.setRunsOnSubFrames(False)
    return inject


class _RemoteBlocker(QWebEngineUrlRequestInterceptor):
    """Refuse every request that would leave the machine, unless remote images are allowed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow_remote_images = False
        #: the folders the post's site serves at its root (``/images/a.png`` is looked for in
        #: them), set from the post's target
        self.site_roots: tuple[Path, ...] = ()

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's name
        """Block http(s) except images when allowed; find a site-root path in the site."""
        url = info.requestUrl()
        scheme = url.scheme()
        if scheme == "file" and self.site_roots:
            served = served_file(url.toLocalFile(), self.site_roots)
            if served is not None:
                info.redirect(QUrl.fromLocalFile(str(served)))
            return
        if scheme not in {"http", "https", "ws", "wss", "ftp"}:
            return
        image = info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
        if not (self.allow_remote_images and image):
            info.block(True)


def served_file(path: str, roots: tuple[Path, ...]) -> Path | None:
    """The site's file for a root-relative address that the post's folder does not have
    (``/images/a.png`` -> ``static/images/a.png`` in a Hugo site); None when the path exists
    as it is, or no served folder holds a regular file there (never a way out of a root)."""
    local = Path(path)
    if not local.is_absolute() or local.exists():
        return None
    relative = local.relative_to(local.anchor)
    for root in roots:
        candidate = root / relative
        try:
            real = candidate.resolve()
            inside = real.is_relative_to(root.resolve())
        except OSError:
            continue
        if inside and real.is_file():
            return real
    return None


class _Page(QWebEnginePage):
    """Reads the page script's reports (console lines) and keeps links out of the preview."""

    report = Signal(dict)

    def javaScriptConsoleMessage(  # noqa: N802 - Qt's name
        self,
        _level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        _line: int,
        _source: str,
    ) -> None:
        """Turn ``postwright:{json}`` lines into :attr:`report` events."""
        if message.startswith(_BRIDGE_PREFIX):
            try:
                event = json.loads(message[len(_BRIDGE_PREFIX) :])
            except json.JSONDecodeError:
                return
            if isinstance(event, dict):
                self.report.emit(event)

    def acceptNavigationRequest(  # noqa: N802 - Qt's name
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, _is_main_frame: bool
    ) -> bool:
        """Only the page itself loads here; a followed link opens in the desktop's browser."""
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            QDesktopServices.openUrl(QUrl(url))
            return False
        return True


class PreviewPane(QWebEngineView):
    """The rendered post, patched in place as the writer types."""

    line_clicked = Signal(int)  # 1-based file line of the clicked block
    line_scrolled = Signal(int)  # 1-based file line at the top of the preview
    patched = Signal()  # a render reached the page
    _diagrams_read = Signal(object)  # (mermaid's text or None, why not), from a thread

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        dark: bool = False,
        profile: QWebEngineProfile | None = None,
    ) -> None:
        super().__init__(parent)
        self._blocker = _RemoteBlocker(self)
        self._profile = profile
        self._page: _Page | None = None
        self.setContextMenuPolicy(self.contextMenuPolicy())
        self._dark = dark
        self._font_size = 16
        self._code_styles = ("default", "github-dark")
        self._base: Path | None = None
        self._ready = False
        self._shown: RenderResult | None = None
        self._pending: RenderResult | None = None
        self._header = ""
        self._site_style: tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]] | None = None
        self._suppress_scroll_report = False
        self.loadFinished.connect(self._on_loaded)
        self._diagrams_read.connect(self._give_diagrams)
        # the page (and with the first one, Chromium's profile) is made once the window has
        # painted, so the editor shows first; at the latest after PAGE_DELAY_MS
        QTimer.singleShot(PAGE_DELAY_MS, self, self._ensure_page)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The first paint (of the window without its page) lets the page be made."""
        super().paintEvent(event)
        if self._page is None:
            QTimer.singleShot(0, self, self._ensure_page)

    def make_page(self) -> None:
        """Make the page now (Chromium starts loading it beside whatever runs next)."""
        self._ensure_page()

    def _ensure_page(self) -> _Page:
        """The page, made on first need: after the first paint, or when asked for."""
        if self._page is not None:
            return self._page
        # one profile for every window (off the record: no cache or cookies on disk); Qt
        # manages its lifetime, so no page can outlive it
        page = _Page(self._profile or preview_profile(), self)
        page.setUrlRequestInterceptor(self._blocker)
        page.report.connect(self._on_report)
        # the post's scripts: never; remote content: images only, when allowed
        lock_down(page.settings(), allow_remote_images=self._blocker.allow_remote_images)
        page.scripts().insert(_app_script("postwright-preview", script()))
        # draws the page's diagram blocks (resources/preview/diagrams.js)
        page.scripts().insert(_app_script("postwright-diagrams", preview_script()))
        self._page = page
        self.setPage(page)
        self._load_shell()
        return page

    # ------------------------------------------------------------------ page life

    def _load_shell(self) -> None:
        """Load the empty page once for this folder; content arrives as patches."""
        self._ready = False
        self._shown = None
        if self._page is None:
            return  # made later, with the settings of then
        empty = RenderResult(blocks=())
        self._header = header_html(empty)
        html = build_page(
            empty,
            theme="dark" if self._dark else "light",
            allow_remote_images=self._blocker.allow_remote_images,
        )
        base = QUrl.fromLocalFile(str(self._base) + "/") if self._base else QUrl("file:///")
        self._page.setHtml(html, base)

    def _on_loaded(self, ok: bool) -> None:
        if not ok:
            return
        self._ready = True
        self._apply_appearance()
        if self._site_style is not None:
            self._apply_site_style()
        if self._pending is not None:
            result, self._pending = self._pending, None
            self.show_result(result)

    def _run(self, code: str) -> None:
        self._ensure_page().runJavaScript(code, APP_WORLD)

    def set_site_roots(self, roots: tuple[Path, ...]) -> None:
        """The folders the post's site serves at its root, where ``/images/...`` is found."""
        self._blocker.site_roots = tuple(roots)

    def set_base_folder(self, folder: Path | None) -> None:
        """Resolve the post's relative images from ``folder`` (reloads the page shell)."""
        if folder == self._base and self._page is not None:
            return  # the page for this folder is shown or on its way
        self._base = folder
        self._pending = self._pending or self._shown
        self._load_shell()

    # ------------------------------------------------------------------ appearance

    def set_appearance(
        self,
        *,
        dark: bool,
        font_size: int,
        code_style_light: str,
        code_style_dark: str,
        allow_remote_images: bool,
    ) -> None:
        """Theme, text size, code colours and the remote-image rule."""
        reload = allow_remote_images != self._blocker.allow_remote_images
        self._dark = dark
        self._font_size = font_size
        self._code_styles = (code_style_light, code_style_dark)
        self._blocker.allow_remote_images = allow_remote_images
        if reload and self._page is not None:
            lock_down(self._page.settings(), allow_remote_images=allow_remote_images)
        if reload:
            self._pending = self._pending or self._shown
            self._load_shell()
        elif self._ready:
            self._apply_appearance()

    def _apply_appearance(self) -> None:
        css = code_style_css(self._code_styles[0], "light") + code_style_css(
            self._code_styles[1], "dark"
        )
        theme = json.dumps("dark" if self._dark else "light")
        size = json.dumps(f"{self._font_size}px")
        self._run(
            f"window.postwright.setTheme({theme});"
            f"document.documentElement.style.fontSize = {size};"
            f"{_SET_CODE_STYLE}({json.dumps(css)});"
        )

    # ------------------------------------------------------------------ the site's look

    def set_site_style(
        self,
        css: str | None,
        classes: Sequence[str] = (),
        attributes: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Style the article with the site's scoped stylesheet ``css`` (see
        :mod:`editor.core.sitecss`), or, with None, with Postwright's own; in place, so the
        preview keeps its place."""
        wanted = None if css is None else (css, tuple(classes), tuple(attributes))
        if wanted == self._site_style:
            return
        shown = self._site_style is not None
        self._site_style = wanted
        if self._ready and (shown or wanted is not None):
            self._apply_site_style()

    def _apply_site_style(self) -> None:
        css, classes, attributes = self._site_style or (None, (), ())
        arguments = ",".join(json.dumps(value) for value in (css, classes, attributes))
        # the line brought back to the top reports itself: the editor is already there
        self._run(f"{_SET_SITE_STYLE}({arguments});")

    # ------------------------------------------------------------------ content

    def show_result(self, result: RenderResult) -> None:
        """Bring the page to ``result`` by patching only the blocks that changed.

        A result that says how it differs from the one shown (:attr:`RenderResult.change`)
        brings its patches; otherwise the two are compared block by block.
        """
        if not self._ready:
            self._pending = result
            return
        shown = self._shown
        change = result.change
        if shown is not None and change is not None and change.base is shown.token:
            patches: Sequence[Patch] = change.patches
        else:
            patches = diff_blocks(shown.blocks if shown is not None else (), result)
        code = []
        header = header_html(result)
        if header != self._header:
            code.append(f"window.postwright.setHeader({json.dumps(header)});")
            self._header = header
        if patches:
            ops = json.dumps([patch.to_json() for patch in patches])
            code.append(f"window.postwright.applyPatches({ops});")
        self._shown = result
        code.append("1")
        self._ensure_page().runJavaScript(
            "".join(code), APP_WORLD, lambda _ignored: self.patched.emit()
        )

    def excerpt_words(self, result: RenderResult) -> int | None:
        """Words before the excerpt marker; None without a marker."""
        return result.excerpt_words

    def scroll_to_line(self, line: int) -> None:
        """Bring the block showing 1-based file ``line`` to the top."""
        if self._ready:
            self._suppress_scroll_report = True
            self._run(f"window.postwright.scrollToLine({int(line)});")

    def _on_report(self, event: dict[str, object]) -> None:
        kind = event.get("type")
        line = event.get("line")
        if kind == "click" and isinstance(line, int):
            self.line_clicked.emit(line)
        elif kind == "scroll" and isinstance(line, int):
            if self._suppress_scroll_report:
                self._suppress_scroll_report = False
                return
            self.line_scrolled.emit(line)
        elif kind == "diagrams":
            self._load_diagrams()
        elif kind == "link" and isinstance(event.get("href"), str):
            href = str(event["href"])
            url = QUrl(href)
            if url.scheme() in {"http", "https", "mailto"}:
                QDesktopServices.openUrl(url)

    def _load_diagrams(self) -> None:
        """The page has its first diagram: read the mermaid build (megabytes, so only now,
        never at start) in a thread, then hand it to the page (:meth:`_give_diagrams`)."""
        threading.Thread(target=self._read_diagrams, name="postwright-mermaid", daemon=True).start()

    def _read_diagrams(self) -> None:
        """In a thread: the build's text, or why there is none."""
        build = mermaid_build()
        source, reason = None, build.missing()
        if reason is None:
            try:
                source = build.read_script()
            except (OSError, UnicodeDecodeError) as error:
                reason = f"its mermaid build could not be read ({error})"
        with contextlib.suppress(RuntimeError):  # the pane was closed meanwhile
            self._diagrams_read.emit((source, reason))

    def _give_diagrams(self, read: tuple[str | None, str | None]) -> None:
        """Evaluate the build in Postwright's world of the page, or tell the page why not."""
        source, reason = read
        if self._page is None:
            return
        if source is not None:
            self._run(source)
            self._run("window.pwDiagrams.ready();")
        else:
            self._run(f"window.pwDiagrams.unavailable({json.dumps(reason)});")

    def run_in_page(self, code: str, callback: Callable[[object], None]) -> None:
        """Evaluate ``code`` in Postwright's world of the page (tests read the DOM this way)."""
        self._ensure_page().runJavaScript(code, APP_WORLD, callback)

    def shutdown(self) -> None:
        """Stop loading (the window is closing)."""
        if self._page is not None:
            self._page.triggerAction(QWebEnginePage.WebAction.Stop)
