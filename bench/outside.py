"""Drive the editor from outside, as a writer would: a real window on a virtual X screen (Xvfb),
real key presses (XTEST), the preview page read over the Chrome DevTools Protocol
(``QTWEBENGINE_REMOTE_DEBUGGING``), processes and memory read from ``/proc``.

Used by ``bench_latency.py`` and ``bench_memory.py``; needs Xvfb (``make sysdeps-x11``) and
python-xlib and websocket-client (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import select
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / ".venv" / "bin" / "postwright"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def median(values: list[float]) -> float:
    """The median, NaN for no values."""
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------------------- the X screen


@contextlib.contextmanager
def virtual_screen(width: int = 1600, height: int = 1000) -> Iterator[str]:
    """An Xvfb screen of its own for the duration; yields its DISPLAY."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb is missing: make sysdeps-x11 (Debian: apt-get install xvfb)")
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    process = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket_path = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket_path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Screen:
    """Key presses and window maps on one X display."""

    def __init__(self, display: str) -> None:
        from Xlib import XK, X
        from Xlib import display as xdisplay
        from Xlib.ext import xtest

        self._x, self._xk, self._xtest = X, XK, xtest
        self.display = xdisplay.Display(display)
        self.display.set_error_handler(_ignore)
        root = self.display.screen().root
        root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.display.sync()
        self._pid_atom = self.display.intern_atom("_NET_WM_PID")

    def close(self) -> None:
        """Let go of the display."""
        self.display.close()

    def drain(self) -> None:
        """Forget the events so far."""
        while self.display.pending_events():
            self.display.next_event()

    def wait_map(self, pids: Callable[[], list[int]], timeout: float = 60) -> tuple[float, int]:
        """(time, window id) of the first top-level window of ``pids()`` mapped."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not self.display.pending_events():
                ready, _, _ = select.select([self.display.fileno()], [], [], 0.05)
                if not ready:
                    continue
            event = self.display.next_event()
            now = time.time()
            if event.type != self._x.MapNotify or event.override:
                continue
            try:
                prop = event.window.get_full_property(self._pid_atom, self._x.AnyPropertyType)
            except Exception:  # noqa: BLE001 - a window gone again
                continue
            if prop is not None and prop.value[0] in pids():
                return now, event.window.id
        raise TimeoutError("no window was mapped")

    def _keycode(self, name: str) -> int:
        name = {" ": "space"}.get(name, name)
        return int(self.display.keysym_to_keycode(self._xk.string_to_keysym(name)))

    def tap(self, key: str, modifiers: tuple[str, ...] = ()) -> float:
        """Press and release ``key``; the time the press reached the X server."""
        fake, x = self._xtest.fake_input, self._x
        for mod in modifiers:
            fake(self.display, x.KeyPress, self._keycode(mod))
        code = self._keycode(key)
        fake(self.display, x.KeyPress, code)
        self.display.sync()
        pressed = time.time()
        fake(self.display, x.KeyRelease, code)
        for mod in reversed(modifiers):
            fake(self.display, x.KeyRelease, self._keycode(mod))
        self.display.sync()
        return pressed

    def type(self, text: str, gap: float = 0.03) -> None:
        """Type ``text`` key by key."""
        for char in text:
            self.tap(char)
            time.sleep(gap)

    def click(self, window: int, x: int, y: int) -> None:
        """Focus ``window`` and click at (x, y) of the screen."""
        fake, xk = self._xtest.fake_input, self._x
        target = self.display.create_resource_object("window", window)
        fake(self.display, xk.MotionNotify, x=x, y=y)
        self.display.sync()
        target.set_input_focus(xk.RevertToPointerRoot, xk.CurrentTime)
        fake(self.display, xk.ButtonPress, 1)
        self.display.sync()
        time.sleep(0.05)
        fake(self.display, xk.ButtonRelease, 1)
        self.display.sync()


def _ignore(*_error: object) -> None:
    """An X error about a window that went away meanwhile."""


# ---------------------------------------------------------------------------- the page


class Page:
    """One page over the DevTools protocol."""

    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self._ids = itertools.count(1)

    @classmethod
    def find(cls, port: int, timeout: float = 60) -> Page:
        """The first page the program shows."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                url = f"http://127.0.0.1:{port}/json/list"
                with urllib.request.urlopen(url, timeout=1) as reply:
                    pages = [p for p in json.loads(reply.read()) if p.get("type") == "page"]
                if pages:
                    return cls(pages[0]["webSocketDebuggerUrl"])
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError("no preview page appeared")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Call ``method`` and return its reply (events before it are dropped)."""
        ident = next(self._ids)
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message: dict[str, Any] = json.loads(self.ws.recv())
            if message.get("id") == ident:
                return message

    def eval(self, expression: str) -> Any:
        """The value of ``expression`` in the page."""
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply.get("result", {}).get("result", {}).get("value")

    def text_length(self) -> int:
        """How much text the page shows."""
        try:
            return int(self.eval("document.body ? document.body.textContent.length : 0") or 0)
        except (OSError, ValueError, TypeError):
            return 0

    def close(self) -> None:
        """Close the connection."""
        with contextlib.suppress(Exception):
            self.ws.close()


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------- processes


def _parents() -> dict[int, int]:
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                found[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    parents = _parents()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(child for child, parent in parents.items() if parent == current)
    return sorted(set(found))


def cpu_ticks(pids: list[int]) -> int:
    """User and system CPU ticks of ``pids`` so far."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            total += int(fields[11]) + int(fields[12])
    return total


def wait_idle(pid: int, window: float = 1.0, max_ticks: int = 6, timeout: float = 90) -> None:
    """Wait until the process tree used fewer than ``max_ticks`` in ``window`` seconds."""
    deadline = time.time() + timeout
    before = cpu_ticks(process_tree(pid))
    while time.time() < deadline:
        time.sleep(window)
        now = cpu_ticks(process_tree(pid))
        if now - before < max_ticks:
            return
        before = now


def pss_kib(pid: int) -> int:
    """The proportional set size of one process, KiB."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def _arguments(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def _type(args: list[bytes]) -> str | None:
    for arg in args:
        if arg.startswith(b"--type="):
            kind = arg.split(b"=", 1)[1].decode()
            if kind == "utility":
                for other in args:
                    if other.startswith(b"--utility-sub-type="):
                        return "utility " + other.split(b"=", 1)[1].decode().split(".")[-1]
            return kind
    return None


def process_kind(pid: int) -> str:
    """What a process of the tree is: the editor, or which Chromium process (processes forked
    from Chromium's zygote keep its command line: those are the renderers)."""
    args = _arguments(pid)
    kind = _type(args)
    if kind is None:
        return "editor" if args and b"python" in Path(args[0].decode()).name.encode() else "other"
    if kind == "zygote":
        parent = _parents().get(pid, 0)
        if _type(_arguments(parent)) == "zygote":
            return "renderer"
    return kind


def mapping_pss(pid: int) -> dict[str, int]:
    """The editor process's PSS by what is mapped: KiB per kind."""
    kinds: dict[str, int] = {}
    current = "anonymous (Python and Qt heaps)"
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
            head = line.split()
            if head and "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
                name = head[5] if len(head) > 5 else ""
                if "WebEngineCore" in name:
                    current = "Qt WebEngine library"
                elif "libQt6" in name or "PySide6" in name or "shiboken" in name:
                    current = "other Qt and PySide libraries"
                elif name.endswith(".so") or ".so." in name or "python" in name:
                    current = "Python and other libraries"
                elif name.startswith("/"):
                    current = "other files (fonts, resources)"
                else:
                    current = "anonymous (Python and Qt heaps)"
            elif line.startswith("Pss:"):
                kinds[current] = kinds.get(current, 0) + int(line.split()[1])
    return kinds


# ---------------------------------------------------------------------------- the editor


@dataclass
class Editor:
    """A running editor on one post, with its page over DevTools."""

    process: subprocess.Popen[bytes]
    port: int
    started: float
    mapped: float = 0.0
    window: int = 0
    page: Page | None = None
    previewed: float = 0.0
    home: tempfile.TemporaryDirectory[str] = field(
        default_factory=lambda: tempfile.TemporaryDirectory(prefix="postwright-bench-")
    )

    def tree(self) -> list[int]:
        """The editor's processes."""
        return process_tree(self.process.pid)

    def stop(self) -> None:
        """End the editor and every process it started."""
        if self.page is not None:
            self.page.close()
        pids = self.tree()
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self.home.cleanup()


def launch(
    program: list[str],
    post: Path,
    display: str,
    screen: Screen,
    *,
    min_text: int = 1000,
    extra_env: dict[str, str] | None = None,
) -> Editor:
    """Start ``program POST`` with a fresh home on ``display``; return once its window is
    mapped and its preview shows at least ``min_text`` characters."""
    port = free_port()
    home = tempfile.TemporaryDirectory(prefix="postwright-bench-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DISPLAY": display,
        "HOME": home.name,
        "XDG_CONFIG_HOME": f"{home.name}/config",
        "XDG_DATA_HOME": f"{home.name}/data",
        "XDG_STATE_HOME": f"{home.name}/state",
        "XDG_CACHE_HOME": f"{home.name}/cache",
        "XDG_RUNTIME_DIR": home.name,
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "xcb",
        "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{port}",
        **(extra_env or {}),
    }
    screen.drain()
    started = time.time()
    process = subprocess.Popen(
        [*program, str(post)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=home.name,
    )
    editor = Editor(process, port, started, home=home)
    try:
        editor.mapped, editor.window = screen.wait_map(editor.tree)
        editor.page, editor.previewed = _wait_preview(port, min_text)
    except BaseException:
        editor.stop()
        raise
    return editor


def _wait_preview(port: int, min_text: int, timeout: float = 120) -> tuple[Page, float]:
    """The page, and when it first showed ``min_text`` characters."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        page = Page.find(port)
        if page.text_length() > min_text:
            return page, time.time()
        page.close()
        time.sleep(0.02)
    raise TimeoutError("the preview never showed the post")
