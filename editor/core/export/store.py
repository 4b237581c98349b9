"""Where an export may write in a site, and the site's record of what earlier exports wrote.

The record, ``.postwright/exports.json`` in the site, holds for each file an export wrote its
SHA-256 and the post it came from, and for each post the slug, path and URL of its last
export. It lets a re-export replace (or move) exactly the files Postwright wrote and nothing
else, and remembers a slug the writer chose.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from editor.core.errors import PostError
from editor.core.files import atomic_write
from editor.core.sitefiles import is_special, read_regular

MANIFEST = PurePosixPath(".postwright/exports.json")


def safe_target(root: Path, relpath: PurePosixPath) -> Path:
    """The absolute path for ``relpath`` in the site, or PostError when it would leave it
    (an absolute path, ``..``, or a symlinked folder or file pointing outside), or when what is
    there is not a regular file that may be replaced."""
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
    special = is_special(path)
    if special is not None:
        raise PostError(f"refusing to replace '{text}': it is {special}, not a regular file", root)
    return path


def sha256(data: bytes) -> str:
    """The hex digest the record keeps for a file."""
    return hashlib.sha256(data).hexdigest()


def source_id(path: Path | None) -> str:
    """How the record names a post: its resolved path."""
    return str(path.resolve()) if path is not None else ""


@dataclass
class Manifest:
    """The record: site-relative path -> {"sha256", "source", "kind"}, and source id ->
    {"slug", "chosen", "path", "url"} of the post's last export."""

    files: dict[str, dict[str, str]] = field(default_factory=dict)
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The record as it is written."""
        data = {
            "version": 2,
            "files": dict(sorted(self.files.items())),
            "posts": dict(sorted(self.posts.items())),
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def manifest_path(root: Path) -> Path:
    """Where the record is, checked like every other write (PostError when ``.postwright``
    leads outside the site or is not a folder, or the record is not a regular file)."""
    try:
        return safe_target(root, MANIFEST)
    except PostError as exc:
        raise PostError(
            f"the export record cannot be kept: {exc.message.replace('write', 'use', 1)}",
            root,
        ) from None


def load_manifest(root: Path) -> Manifest:
    """The site's record; empty when there is none or it is not valid JSON. Raises PostError
    when it cannot be used at all (see :func:`manifest_path`) or cannot be read."""
    path = manifest_path(root)
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return Manifest()
    except OSError as exc:
        raise PostError(f"the export record {MANIFEST} cannot be read: {exc}", root) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not the record's JSON, or nested beyond reading
        return Manifest()
    if not isinstance(data, dict):
        return Manifest()
    files = data.get("files")
    posts = data.get("posts")
    return Manifest(
        {str(k): v for k, v in files.items() if isinstance(v, dict)}
        if isinstance(files, dict)
        else {},
        {str(k): v for k, v in posts.items() if isinstance(v, dict)}
        if isinstance(posts, dict)
        else {},
    )


def read_manifest(root: Path) -> dict[str, dict[str, str]]:
    """Target path -> {"sha256", "source"} of what earlier exports wrote; {} when there is no
    usable record."""
    try:
        return load_manifest(root).files
    except PostError:
        return {}


def write_manifest(root: Path, manifest: Manifest) -> None:
    """Write the record atomically."""
    path = manifest_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, manifest.to_bytes())


@dataclass(frozen=True)
class PreviousExport:
    """What the last export of a post into a site was: the slug (``chosen`` when the writer
    picked it rather than the slug rule), the site-relative path and the URL."""

    slug: str
    chosen: bool
    path: PurePosixPath | None
    url: str | None


def previous_export(site_root: Path, post_path: Path | None) -> PreviousExport | None:
    """The last export of the post at ``post_path`` into the site at ``site_root``, or None
    when it was never exported there (or the record cannot be read)."""
    if post_path is None:
        return None
    try:
        entry = load_manifest(site_root).posts.get(source_id(post_path))
    except (PostError, OSError):
        return None
    if not entry or not isinstance(entry.get("slug"), str) or not entry["slug"]:
        return None
    path = entry.get("path")
    url = entry.get("url")
    return PreviousExport(
        slug=entry["slug"],
        chosen=entry.get("chosen") is True,
        path=PurePosixPath(path) if isinstance(path, str) and path else None,
        url=url if isinstance(url, str) and url else None,
    )


def remembered_slug(site_root: Path, post_path: Path | None) -> str | None:
    """The slug the writer chose at the last export of the post into this site, if they chose
    one."""
    previous = previous_export(site_root, post_path)
    return previous.slug if previous is not None and previous.chosen else None
