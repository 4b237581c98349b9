"""Plan an export completely, then apply it: nothing is written unless the whole plan is sound.

A plan holds every file's bytes and what writing it would do (new, changed, unchanged,
conflict). A file that exists with other bytes is only overwritten when an earlier export of
the same post wrote exactly what is there now - recorded in ``.postwright/exports.json`` in the
site - or when the caller forces it. Every target is checked to stay inside the site, symlinks
included, and every write is atomic.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from editor.core.errors import PostError
from editor.core.export.base import ExportOptions, Profile
from editor.core.export.profiles import PROFILES
from editor.core.export.store import (
    MANIFEST,
    Manifest,
    load_manifest,
    manifest_path,
    previous_export,
    read_manifest,
    safe_target,
    sha256,
    source_id,
    write_manifest,
)
from editor.core.filekinds import is_post_name
from editor.core.files import atomic_write
from editor.core.post import Post, load_post
from editor.core.site import Site, detect_site
from editor.core.sitefiles import read_regular

Status = Literal["new", "changed", "unchanged", "conflict"]


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
class PlannedRemoval:
    """A file an earlier export of the same post wrote, removed because the post now goes
    elsewhere (a new slug): ``moved_to`` is where its content now goes."""

    path: Path
    relpath: PurePosixPath
    sha256: str
    kind: Literal["post", "image"]
    moved_to: PurePosixPath | None = None


@dataclass(frozen=True)
class ExportPlan:
    """Everything one post's export would write, and why it may not.

    ``slug`` is the slug used (``slug_chosen``: the writer's, not the rule's ``default_slug``),
    ``url`` the page's URL on the built site (None where the site's own code decides it),
    ``hidden`` why a plain build of the site leaves the post out ("" when it publishes it),
    ``removals`` the files of an earlier export that the new one replaces.
    """

    post: Path | None
    site: Site
    generator: str
    files: tuple[PlannedFile, ...] = ()
    notes: tuple[str, ...] = ()
    errors: tuple[PostError, ...] = ()
    slug: str = ""
    default_slug: str = ""
    slug_chosen: bool = False
    url: str | None = None
    hidden: str = ""
    removals: tuple[PlannedRemoval, ...] = ()

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
    """What :func:`apply_plan` did. Nothing was written when it has errors found before
    writing, or unforced conflicts; ``written`` and ``removed`` say what was done."""

    written: tuple[PlannedFile, ...] = ()
    unchanged: tuple[PlannedFile, ...] = ()
    conflicts: tuple[PlannedFile, ...] = ()
    errors: tuple[PostError, ...] = ()
    removed: tuple[PlannedRemoval, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the export happened."""
        return not self.errors and not self.conflicts


def _status(
    path: Path, relpath: PurePosixPath, data: bytes, source: str, manifest: dict[str, Any]
) -> tuple[Status, str]:
    try:
        current = read_regular(path)
    except FileNotFoundError:
        return "new", ""
    except OSError as exc:
        return "conflict", f"cannot be read ({exc.strerror or exc})"
    if current == data:
        return "unchanged", ""
    entry = manifest.get(str(relpath))
    if entry is None:
        return "conflict", "exists and was not written by Postwright"
    if entry.get("source") != source:
        return "conflict", f"was written by an export of {entry.get('source')}"
    if entry.get("sha256") != sha256(current):
        return "conflict", "was edited since Postwright wrote it"
    return "changed", ""


def _entry_kind(relpath: str, entry: dict[str, str]) -> Literal["post", "image"]:
    kind = entry.get("kind")
    if kind in ("post", "image"):
        return kind  # type: ignore[return-value]
    return "post" if is_post_name(relpath) else "image"


def _removals(
    root: Path,
    manifest: Manifest,
    source: str,
    files: list[PlannedFile],
    notes: list[str],
) -> list[PlannedRemoval]:
    """The files an earlier export of ``source`` wrote elsewhere, when the post itself moves:
    those still as Postwright wrote them are removed, the others left with a note."""
    keep = {str(f.relpath) for f in files}
    target = next((f.relpath for f in files if f.kind == "post"), None)
    earlier = {
        relpath: entry
        for relpath, entry in manifest.files.items()
        if entry.get("source") == source and relpath not in keep
    }
    if target is None or not any(_entry_kind(k, v) == "post" for k, v in earlier.items()):
        return []  # the post stays where it was: nothing moves
    removals: list[PlannedRemoval] = []
    for relpath, entry in sorted(earlier.items()):
        try:
            path = safe_target(root, PurePosixPath(relpath))
            current = read_regular(path)
        except FileNotFoundError:
            continue
        except (OSError, PostError):
            notes.append(f"{relpath}, from an earlier export, is left in place: it cannot be read")
            continue
        kind = _entry_kind(relpath, entry)
        if sha256(current) != entry.get("sha256"):
            notes.append(
                f"{relpath}, from an earlier export of this post, was edited since: "
                "it is left in place"
            )
            continue
        removals.append(
            PlannedRemoval(
                path,
                PurePosixPath(relpath),
                sha256(current),
                kind,
                target if kind == "post" else None,
            )
        )
    return removals


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
    removals: list[PlannedRemoval] = []
    manifest = Manifest()
    try:
        manifest = load_manifest(site.root)
    except PostError as exc:
        errors.append(exc)
    if not errors and rendering.post_target is not None:
        source = source_id(the_post.path)
        wanted: list[tuple[PurePosixPath, bytes, Literal["post", "image"], Path | None, int]] = [
            (rendering.post_target, rendering.data, "post", the_post.path, 0)
        ]
        for image in rendering.images:
            try:
                data = read_regular(image.source)
            except OSError as exc:
                errors.append(
                    PostError(
                        f"image {image.source} cannot be read ({exc.strerror or exc}); "
                        "nothing is copied",
                        the_post.path,
                        image.line,
                    )
                )
                continue
            wanted.append((image.target, data, "image", image.source, image.line))
        for relpath, data, kind, origin, line in wanted:
            try:
                path = safe_target(site.root, relpath)
            except PostError as exc:
                errors.append(PostError(exc.message, the_post.path, line or None))
                continue
            status, reason = _status(path, relpath, data, source, manifest.files)
            if origin is not None and path.resolve() == origin.resolve() and status != "unchanged":
                errors.append(
                    PostError(f"the export would overwrite its own source at {relpath}", origin)
                )
                continue
            files.append(PlannedFile(path, relpath, data, status, kind, origin, reason))
        if not errors:
            removals = _removals(site.root, manifest, source, files, notes)
            target = next((f.relpath for f in files if f.kind == "post"), None)
            moved = [r.relpath for r in removals if r.kind == "post"]
            if moved and target is not None:
                notes.append(f"exported before as {moved[0]}: that file moves to {target}")
    return ExportPlan(
        the_post.path,
        site,
        site.generator,
        tuple(files),
        tuple(_unique(notes)),
        tuple(errors),
        slug=rendering.slug,
        default_slug=rendering.default_slug,
        slug_chosen=rendering.slug_chosen,
        url=rendering.url,
        hidden=rendering.hidden,
        removals=tuple(removals),
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
    """Write the plan's files atomically, remove what they replace, and record them in the
    site's manifest.

    The state on disk is checked again first; with errors, or with conflicts and no
    ``force``, nothing is written. So is the place of the record: an export that could not be
    recorded is not started.
    """
    if plan.errors:
        return ExportResult(errors=plan.errors)
    root = plan.site.root
    try:
        manifest_path(root)
        manifest = load_manifest(root)
    except PostError as exc:
        return ExportResult(errors=(exc,))
    source = source_id(plan.post)
    current: list[PlannedFile] = []
    for planned in plan.files:
        status, reason = _status(
            planned.path, planned.relpath, planned.data, source, manifest.files
        )
        current.append(replace(planned, status=status, reason=reason))
    conflicts = tuple(f for f in current if f.status == "conflict")
    if conflicts and not force:
        return ExportResult(conflicts=conflicts)
    written: list[PlannedFile] = []
    unchanged: list[PlannedFile] = []
    removed: list[PlannedRemoval] = []
    errors: list[PostError] = []
    files = dict(manifest.files)
    for planned in current:
        entry = {"sha256": sha256(planned.data), "source": source, "kind": planned.kind}
        if planned.status == "unchanged":
            unchanged.append(planned)
            files[str(planned.relpath)] = entry
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
        files[str(planned.relpath)] = entry
    if not errors:
        for removal in plan.removals:
            if _remove(root, removal, source, manifest, root / plan.site.posts_dir):
                removed.append(removal)
                files.pop(str(removal.relpath), None)
    target = plan.target
    posts = dict(manifest.posts)
    if target is not None and not errors:
        posts[source] = {
            "slug": plan.slug,
            "chosen": plan.slug_chosen,
            "path": str(target.relpath),
            "url": plan.url,
        }
    updated = Manifest(files, posts)
    if updated != manifest:
        try:
            write_manifest(root, updated)
        except (OSError, PostError) as exc:
            errors.append(PostError(f"cannot record the export in {MANIFEST}: {exc}", root))
    return ExportResult(tuple(written), tuple(unchanged), (), tuple(errors), tuple(removed))


def _remove(
    root: Path, removal: PlannedRemoval, source: str, manifest: Manifest, posts_dir: Path
) -> bool:
    """Remove a file an earlier export wrote, if it is still exactly what it wrote; then the
    folders it leaves empty (never the site's own). True when it is gone."""
    entry = manifest.files.get(str(removal.relpath))
    if entry is None or entry.get("source") != source:
        return False
    try:
        path = safe_target(root, removal.relpath)
        if sha256(read_regular(path)) != entry.get("sha256"):
            return False
        path.unlink()
    except FileNotFoundError:
        return True
    except (OSError, PostError):
        return False
    folder = path.parent
    if folder not in (root, posts_dir) and folder.is_relative_to(root):
        with contextlib.suppress(OSError):
            folder.rmdir()  # the old slug's folder, when nothing else is in it
    return True


__all__ = [
    "MANIFEST",
    "ExportOptions",
    "ExportPlan",
    "ExportResult",
    "PlannedFile",
    "PlannedRemoval",
    "apply_plan",
    "check_together",
    "plan_export",
    "previous_export",
    "read_manifest",
    "safe_target",
]
