"""Plan an export completely, then apply it: nothing is written unless the whole plan is sound.

A plan holds every file's bytes and what writing it would do (new, changed, unchanged,
conflict). A file that exists with other bytes is only overwritten when an earlier export of
the same post wrote exactly what is there now - recorded in ``.postwright/exports.json`` in the
site - or when the caller forces it. Every target is checked to stay inside the site, symlinks
included, and every write is atomic.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from editor.core.errors import PostError
from editor.core.export.base import ExportOptions, Profile
from editor.core.export.profiles import PROFILES
from editor.core.files import atomic_write
from editor.core.post import Post, load_post
from editor.core.site import Site, detect_site

Status = Literal["new", "changed", "unchanged", "conflict"]
MANIFEST = PurePosixPath(".postwright/exports.json")


@dataclass(frozen=True)
class PlannedFile:
    """One file the export writes. ``path`` is absolute, ``relpath`` relative to the site."""

    path: Path
    relpath: PurePosixPath
    data: bytes
    status: Status
    kind: Literal["post", "image"] = "post"
    source: Path | None = None
    reason: str = ""


@dataclass(frozen=True)
class ExportPlan:
    """Everything one post's export would write, and why it may not."""

    post: Path | None
    site: Site
    generator: str
    files: tuple[PlannedFile, ...] = ()
    notes: tuple[str, ...] = ()
    errors: tuple[PostError, ...] = ()

    @property
    def conflicts(self) -> tuple[PlannedFile, ...]:
        """Files that exist with bytes no earlier export of this post wrote."""
        return tuple(f for f in self.files if f.status == "conflict")

    @property
    def ok(self) -> bool:
        """True when applying needs no force."""
        return not self.errors and not self.conflicts

    @property
    def target(self) -> PlannedFile | None:
        """The exported post itself."""
        return next((f for f in self.files if f.kind == "post"), None)


@dataclass(frozen=True)
class ExportResult:
    """What :func:`apply_plan` did. Nothing was written when it has errors or unforced
    conflicts."""

    written: tuple[PlannedFile, ...] = ()
    unchanged: tuple[PlannedFile, ...] = ()
    conflicts: tuple[PlannedFile, ...] = ()
    errors: tuple[PostError, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the export happened."""
        return not self.errors and not self.conflicts


# --------------------------------------------------------------------------- safety


def safe_target(root: Path, relpath: PurePosixPath) -> Path:
    """The absolute path for ``relpath`` in the site, or PostError when it would leave it
    (an absolute path, ``..``, or a symlinked folder or file pointing outside)."""
    text = str(relpath)
    if relpath.is_absolute() or ".." in relpath.parts or text in ("", "."):
        raise PostError(f"refusing to write '{text}': it is outside the site folder", root)
    path = root / relpath
    real_root = root.resolve()
    real = path.resolve()
    if not real.is_relative_to(real_root):
        raise PostError(
            f"refusing to write '{text}': a symlink leads outside the site folder (to {real})",
            root,
        )
    for parent in path.parents:
        if parent == root:
            break
        if parent.exists() and not parent.is_dir():
            raise PostError(f"cannot write '{text}': {parent} is a file, not a folder", root)
    if path.is_dir():
        raise PostError(f"cannot write '{text}': a folder is in the way", root)
    return path


# --------------------------------------------------------------------------- manifest


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source_id(path: Path | None) -> str:
    return str(path.resolve()) if path is not None else ""


def read_manifest(root: Path) -> dict[str, dict[str, str]]:
    """Target path -> {"sha256", "source"} of what earlier exports wrote; {} when unreadable."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): v for k, v in files.items() if isinstance(v, dict)}


def _write_manifest(root: Path, entries: dict[str, dict[str, str]]) -> None:
    path = safe_target(root, MANIFEST)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": 1, "files": dict(sorted(entries.items()))}, indent=2)
    atomic_write(path, (text + "\n").encode("utf-8"))


def _status(
    path: Path, relpath: PurePosixPath, data: bytes, source: str, manifest: dict[str, Any]
) -> tuple[Status, str]:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return "new", ""
    except OSError as exc:
        return "conflict", f"cannot be read ({exc.strerror})"
    if current == data:
        return "unchanged", ""
    entry = manifest.get(str(relpath))
    if entry is None:
        return "conflict", "exists and was not written by Postwright"
    if entry.get("source") != source:
        return "conflict", f"was written by an export of {entry.get('source')}"
    if entry.get("sha256") != _sha(current):
        return "conflict", "was edited since Postwright wrote it"
    return "changed", ""


# --------------------------------------------------------------------------- planning


def get_profile(name: str) -> Profile:
    """The profile for a generator name; PostError for an unknown one."""
    try:
        return PROFILES[name]
    except KeyError:
        raise PostError(
            f"unknown generator '{name}': choose one of {', '.join(PROFILES)}"
        ) from None


def plan_export(
    post: Post | str | Path,
    site: Site | str | Path,
    generator: str | None = None,
    options: ExportOptions | None = None,
) -> ExportPlan:
    """What exporting ``post`` into ``site`` would write; reads files, writes nothing.

    ``generator`` overrides the detected one. Problems with the post (a missing image, bad
    front matter, a target outside the site) are in the plan's ``errors``; an unreadable post
    file or an unrecognised site folder raises :class:`PostError`.
    """
    options = options or ExportOptions()
    the_post = post if isinstance(post, Post) else load_post(post)
    if not isinstance(site, Site):
        site = detect_site(site, generator)
    elif generator is not None and generator != site.generator:
        site = detect_site(site.root, generator)
    profile = get_profile(site.generator)
    rendering = profile.render(the_post, site, options)
    notes = list(site.notes) + rendering.notes
    errors = list(rendering.errors)
    files: list[PlannedFile] = []
    if not errors and rendering.post_target is not None:
        source = _source_id(the_post.path)
        manifest = read_manifest(site.root)
        wanted: list[tuple[PurePosixPath, bytes, Literal["post", "image"], Path | None]] = [
            (rendering.post_target, rendering.data, "post", the_post.path)
        ]
        for image in rendering.images:
            try:
                data = image.source.read_bytes()
            except OSError as exc:
                errors.append(
                    PostError(
                        f"image {image.source} cannot be read ({exc.strerror})",
                        the_post.path,
                        image.line,
                    )
                )
                continue
            wanted.append((image.target, data, "image", image.source))
        for relpath, data, kind, origin in wanted:
            try:
                path = safe_target(site.root, relpath)
            except PostError as exc:
                errors.append(PostError(exc.message, the_post.path))
                continue
            status, reason = _status(path, relpath, data, source, manifest)
            if origin is not None and path.resolve() == origin.resolve() and status != "unchanged":
                errors.append(
                    PostError(f"the export would overwrite its own source at {relpath}", origin)
                )
                continue
            files.append(PlannedFile(path, relpath, data, status, kind, origin, reason))
    return ExportPlan(
        the_post.path, site, site.generator, tuple(files), tuple(_unique(notes)), tuple(errors)
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def check_together(plans: Sequence[ExportPlan]) -> list[PostError]:
    """Errors that only show across posts: two posts exported to the same file."""
    seen: dict[Path, Path | None] = {}
    errors: list[PostError] = []
    for plan in plans:
        for planned in plan.files:
            if planned.kind != "post":
                continue
            if planned.path in seen:
                errors.append(
                    PostError(
                        f"exports to {planned.relpath}, as {seen[planned.path]} does", plan.post
                    )
                )
            seen[planned.path] = plan.post
    return errors


# --------------------------------------------------------------------------- applying


def apply_plan(plan: ExportPlan, force: bool = False) -> ExportResult:
    """Write the plan's files atomically and record them in the site's manifest.

    The state on disk is checked again first; with errors, or with conflicts and no
    ``force``, nothing is written.
    """
    if plan.errors:
        return ExportResult(errors=plan.errors)
    root = plan.site.root
    manifest = read_manifest(root)
    source = _source_id(plan.post)
    current: list[PlannedFile] = []
    for planned in plan.files:
        status, reason = _status(planned.path, planned.relpath, planned.data, source, manifest)
        current.append(replace(planned, status=status, reason=reason))
    conflicts = tuple(f for f in current if f.status == "conflict")
    if conflicts and not force:
        return ExportResult(conflicts=conflicts)
    written: list[PlannedFile] = []
    unchanged: list[PlannedFile] = []
    errors: list[PostError] = []
    entries = dict(manifest)
    for planned in current:
        entry = {"sha256": _sha(planned.data), "source": source}
        if planned.status == "unchanged":
            unchanged.append(planned)
            entries[str(planned.relpath)] = entry
            continue
        try:
            path = safe_target(root, planned.relpath)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, planned.data)
        except PostError as exc:
            errors.append(exc)
            continue
        except OSError as exc:
            errors.append(PostError(f"cannot write {planned.relpath}: {exc.strerror}", root))
            continue
        written.append(planned)
        entries[str(planned.relpath)] = entry
    if entries != manifest:
        try:
            _write_manifest(root, entries)
        except (OSError, PostError) as exc:
            errors.append(PostError(f"cannot record the export in {MANIFEST}: {exc}", root))
    return ExportResult(tuple(written), tuple(unchanged), (), tuple(errors))


__all__ = [
    "MANIFEST",
    "ExportOptions",
    "ExportPlan",
    "ExportResult",
    "PlannedFile",
    "apply_plan",
    "check_together",
    "plan_export",
    "read_manifest",
    "safe_target",
]
