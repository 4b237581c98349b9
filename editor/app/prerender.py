"""The first render of the post a run starts on, made in a forked child process while the
window is built.

Importing Python-Markdown and Pygments and rendering a long post take a few tenths of a second,
all of it holding the interpreter while the GUI is being built. A child forked at the very
start of the GUI (before PySide6 is imported) does that work on the other core: it reads the
post as the window will, renders it with the options the window's document will use, and
sends the result and the renderer (its blocks and last render, see
:meth:`~editor.core.render.renderer.Renderer.__getstate__`) back through a pipe. The window
adopts the renderer in its render thread, so the post is still parsed only once.

Rules: :meth:`Prerender.start` is called before PySide6 is imported and before any thread
is started (a forked copy of Qt, or of a lock another thread held, is unusable). The child
never imports or touches Qt; it writes nothing on the terminal (its standard output and error
go to ``/dev/null``); and it leaves with :func:`os._exit`, so the parent's ``atexit`` handlers
never run twice and its stdio buffers are never flushed twice. Objects alive at the fork are
frozen in the child (:func:`gc.freeze`), so none of the parent's garbage is finalised there (a
temporary folder's cleanup, say).

The bytes on the pipe come from our own child only; they are unpickled once the child has
closed its end and are checked for shape before use.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import stat
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.app.textmode import LARGE_POST_CHARS

if TYPE_CHECKING:
    from editor.core.render import Renderer, RenderOptions, RenderResult
    from editor.core.settings import Settings

__all__ = ["Prerender", "Prerendered"]

#: the first look: the blocks of the post's first this many characters of body are rendered
#: and sent before the rest (a screen and a half of prose)
FIRST_LOOK_CHARS = 6_000
#: how much lower the child's scheduling priority is than the window's
CHILD_NICENESS = 10
#: each message on the pipe starts with its length in this many bytes (big-endian)
_LENGTH_BYTES = 8
#: how much the parent reads from the pipe at once
_READ_CHUNK = 1 << 20
#: the pipe buffer asked for when the child's bytes do not fit the default one: Linux lets a
#: user's pipes grow to ``/proc/sys/fs/pipe-max-size`` (1 MiB unless raised)
_PIPE_FALLBACK = 1 << 20


@dataclass(frozen=True)
class Prerendered:
    """What the child made."""

    #: the editor text exactly as the window's document loads it (see
    #: :func:`editor.core.postfile.read_editor_text`)
    text: str
    path: Path
    options: RenderOptions
    result: RenderResult
    #: the renderer after rendering ``text``, pickled: unpickling it loads Python-Markdown,
    #: which the render thread does (:meth:`RenderService.adopt`), not the GUI thread
    renderer_state: bytes


def _stop(pid: int, fd: int) -> None:
    """Kill the child if it still runs, reap it, close the pipe."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)  # not reaped yet: the pid is still the child's
    with contextlib.suppress(OSError):  # ChildProcessError: reaped elsewhere
        os.waitpid(pid, 0)
    with contextlib.suppress(OSError):
        os.close(fd)


class Prerender:
    """A render of the post a run starts on, made in a forked child process while the window
    is built.

    :meth:`start` forks; the window watches :meth:`fileno` (a QSocketNotifier) and calls
    :meth:`poll` when it is readable, until it returns True; then :attr:`result` holds what
    the child made, or None when it failed. Before that, :attr:`first_look` holds the render
    of the post's first blocks (:data:`FIRST_LOOK_CHARS`) as soon as the child sent it.
    :meth:`cancel` ends it at any time.
    """

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd
        self._chunks: list[bytes] = []
        self._first_look: RenderResult | None = None
        self._first_read = False  # the first message was taken from the chunks
        self._finished = False
        self._result: Prerendered | None = None
        # a Prerender dropped unfinished (or left at exit) still kills and reaps its child
        self._finalizer = weakref.finalize(self, _stop, pid, fd)

    @classmethod
    def start(cls, path: Path, settings: Settings) -> Prerender | None:
        """Fork a child that renders the post at ``path``; None when nothing was forked (no
        ``os.fork`` here, not a regular file, a post too large for the live preview, or the
        fork failed)."""
        fork = getattr(os, "fork", None)
        if fork is None:
            return None
        try:
            info = path.stat()
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > LARGE_POST_CHARS:
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: never returns
            code = 1
            try:
                gc.freeze()
                # the window's own start (and the display server painting it) come first
                with contextlib.suppress(OSError):
                    os.nice(CHILD_NICENESS)
                os.close(read_end)
                _silence()
                code = _render_to(write_end, path, settings)
            except BaseException:  # noqa: BLE001, S110 - a failed child just sends nothing
                pass
            finally:
                os._exit(code)
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid, read_end)

    def fileno(self) -> int:
        """The pipe's read end (non-blocking), to watch for reading; -1 once finished."""
        return -1 if self._finished else self._fd

    def poll(self) -> bool:
        """Read what the child has sent so far, without blocking; True once it has finished
        (with a result, or failed)."""
        if self._finished:
            return True
        while True:
            try:
                chunk = os.read(self._fd, _READ_CHUNK)
            except BlockingIOError:
                return False
            except OSError:
                self.cancel()
                return True
            if not chunk:  # the child closed its end: it is done, or dying
                self._finish()
                return True
            self._chunks.append(chunk)
            if not self._first_read:
                self._take_first_look()

    @property
    def first_look(self) -> RenderResult | None:
        """The render of the post's first blocks, once the child has sent it."""
        return self._first_look

    def _take_first_look(self) -> None:
        data = b"".join(self._chunks)
        message, rest = _message(data)
        if message is None:
            self._chunks = [data]
            return
        self._first_read = True
        self._chunks = [rest]
        self._first_look = _decode_first_look(message)

    @property
    def result(self) -> Prerendered | None:
        """What the child made, after :meth:`poll` returned True; None when it failed (or
        was cancelled, or has not finished)."""
        return self._result

    def cancel(self) -> None:
        """Kill the child if it runs (SIGKILL), close the pipe, reap it. Idempotent; the
        result of a child that had finished stays."""
        self._chunks = []
        if not self._finished:
            self._finished = True
            self._finalizer()  # runs _stop once

    def _finish(self) -> None:
        self._finished = True
        self._finalizer.detach()
        with contextlib.suppress(OSError):
            os.close(self._fd)
        exited = _reap(self._pid)
        data, self._chunks = b"".join(self._chunks), []
        if not self._first_read:
            first, data = _message(data)
            self._first_look = _decode_first_look(first) if first is not None else None
        if exited in {0, None}:
            message, rest = _message(data)
            self._result = _decode(message) if message is not None and not rest else None


def _reap(pid: int) -> int | None:
    """The child's exit code (negative: killed by that signal); None when someone else
    reaped it. Called once its end of the pipe is closed, so at most a moment's wait."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:  # closed its end and is leaving right now
            done, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status)


def _message(data: bytes) -> tuple[bytes | None, bytes]:
    """The first whole message in ``data`` and what follows it; None while it is not all
    there yet."""
    if len(data) < _LENGTH_BYTES:
        return None, data
    size = int.from_bytes(data[:_LENGTH_BYTES], "big")
    end = _LENGTH_BYTES + size
    if len(data) < end:
        return None, data
    return data[_LENGTH_BYTES:end], data[end:]


def _framed(data: bytes) -> bytes:
    return len(data).to_bytes(_LENGTH_BYTES, "big") + data


def _decode_first_look(data: bytes) -> RenderResult | None:
    """The first message: a render result, or nothing (the child could not make one)."""
    from editor.core.render import RenderResult

    if not data:
        return None
    try:
        loaded = pickle.loads(data)  # noqa: S301 - written by our own child, see the module
    except Exception:  # noqa: BLE001 - a garbled message is no first look
        return None
    return loaded if isinstance(loaded, RenderResult) else None


def _decode(data: bytes) -> Prerendered | None:
    """The child's bytes as a :class:`Prerendered`; None when they are not one (truncated,
    garbled, or nothing sent)."""
    from editor.core.render import RenderOptions, RenderResult

    if not data:
        return None
    try:
        loaded = pickle.loads(data)  # noqa: S301 - written by our own child, see the module
    except Exception:  # noqa: BLE001 - a truncated or garbled stream is a failed child
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 5):
        return None
    text, path, options, result, renderer_state = loaded
    if not (
        isinstance(text, str)
        and isinstance(path, Path)
        and isinstance(options, RenderOptions)
        and isinstance(result, RenderResult)
        and isinstance(renderer_state, bytes)
    ):
        return None
    return Prerendered(text, path, options, result, renderer_state)


# ---------------------------------------------------------------------------- in the child


def _silence() -> None:
    """Send the child's standard output and error to ``/dev/null``: whatever happens in it,
    nothing reaches the writer's terminal (nor the parent's buffered output, twice)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _render_to(fd: int, path: Path, settings: Settings) -> int:
    """Render the post at ``path`` as the window's document will and write the pickled
    result to ``fd``; the exit code."""
    from editor.app.choices import remembered_choice
    from editor.core.postfile import read_editor_text
    from editor.core.render import Renderer
    from editor.core.render.guard import render_or_notice
    from editor.core.target import resolve_target

    text = read_editor_text(path)
    target = resolve_target(
        path, remembered_choice(settings, path), generators=settings.site_generators
    )
    options = target.render_options(allow_remote_images=settings.allow_remote_images)
    renderer = Renderer(options, guard=True)  # as the render thread makes its own
    _send(fd, _first_look(renderer, text, path))
    result = render_or_notice(renderer, text, path)
    if result is None:  # the render failed: the window's render thread tries on its own
        return 1
    state = pickle.dumps(renderer, pickle.HIGHEST_PROTOCOL)
    _send(fd, pickle.dumps((text, path, options, result, state), pickle.HIGHEST_PROTOCOL))
    os.close(fd)
    return 0


def _first_look(renderer: Renderer, text: str, path: Path) -> bytes:
    """The pickled render of the post's first blocks; empty when there is none to show (a
    short post: the whole render is as quick; or a block the guard refuses)."""
    if len(text) <= 2 * FIRST_LOOK_CHARS:
        return b""
    try:
        first = renderer.render_top(text, path, chars=FIRST_LOOK_CHARS)
    except Exception:  # noqa: BLE001 - no first look then; the whole render says what failed
        return b""
    return pickle.dumps(first, pickle.HIGHEST_PROTOCOL)


def _send(fd: int, data: bytes) -> None:
    """Write one message (its length first)."""
    message = _framed(data)
    _widen_pipe(fd, len(message))
    view = memoryview(message)
    while view:
        view = view[os.write(fd, view) :]


def _widen_pipe(fd: int, size: int) -> None:
    """Ask for a pipe buffer that holds ``size`` bytes, so the child can write everything
    and leave before the parent reads (best effort: Linux only, within its limits)."""
    try:
        import fcntl

        setsize = fcntl.F_SETPIPE_SZ  # type: ignore[attr-defined,unused-ignore]
    except (ImportError, AttributeError):
        return
    try:
        if fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) >= size:  # type: ignore[attr-defined,unused-ignore]
            return
    except OSError:
        return
    for wanted in (size, _PIPE_FALLBACK):
        try:
            if fcntl.fcntl(fd, setsize, wanted) >= size:
                return
        except OSError:
            continue
