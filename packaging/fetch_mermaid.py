"""Fetch the pinned mermaid build that the preview draws diagrams with (Python's stdlib only).

    python3 packaging/fetch_mermaid.py [--dest DIR] [--cache DIR]

Downloads mermaid's npm tarball (the registry named by ``npm_config_registry``, else
registry.npmjs.org), checks it against the pinned integrity, and writes its self-contained
browser build (``dist/mermaid.min.js``, an IIFE that sets ``globalThis.mermaid``), its
LICENSE and a VERSION file into ``resources/vendor/mermaid/`` (git-ignored). The tarball is
kept in ``$XDG_CACHE_HOME/postwright/vendor`` (``~/.cache/...``; ``POSTWRIGHT_VENDOR_CACHE``
names another folder), so a second checkout needs no network. `make run`, `make test` and the
wheel's build hook (hatch_build.py) run it; a folder that already holds this version is left
as it is.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

NAME = "mermaid"
VERSION = "12.3.0"
#: ``npm view mermaid@12.3.0 dist.integrity``
INTEGRITY = "sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw=="  # noqa: E501
#: member of the tarball -> file in the destination folder
MEMBERS = {"package/dist/mermaid.min.js": "mermaid.min.js", "package/LICENSE": "LICENSE"}
FILES = (*MEMBERS.values(), "VERSION")
ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "resources" / "vendor" / NAME
DEFAULT_REGISTRY = "https://registry.npmjs.org"
ATTEMPTS = 3


class FetchError(Exception):
    """The build could not be had; the message says why in one line."""


def cache_dir() -> Path:
    """Where downloaded tarballs are kept, outside any checkout."""
    named = os.environ.get("POSTWRIGHT_VENDOR_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "postwright" / "vendor"


def tarball_url(version: str = VERSION) -> str:
    """The package's tarball on the registry."""
    named = os.environ.get("npm_config_registry")  # noqa: SIM112 - the name npm reads
    registry = (named or DEFAULT_REGISTRY).rstrip("/")
    return f"{registry}/{NAME}/-/{NAME}-{version}.tgz"


def matches(data: bytes, integrity: str) -> bool:
    """Whether ``data`` has the npm ``integrity`` (``sha512-<base64>``, one or more)."""
    for entry in integrity.split():
        algorithm, _, digest = entry.partition("-")
        if algorithm not in {"sha512", "sha384", "sha256"}:
            continue
        actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
        if actual == digest:
            return True
    return False


def is_current(dest: Path, version: str = VERSION) -> bool:
    """Whether ``dest`` already holds ``version``'s files."""
    try:
        written = (dest / "VERSION").read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return written == version and all((dest / name).is_file() for name in FILES)


def _download(url: str) -> bytes:
    last: Exception | None = None
    for attempt in range(ATTEMPTS):
        try:
            # the registry's https address (a file: one in tests); the bytes are checked after
            headers = {"User-Agent": "postwright-build"}
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return bytes(response.read())
        except (urllib.error.URLError, OSError, TimeoutError) as error:
            last = error
            time.sleep(1 + attempt)
    raise FetchError(f"could not download {url}: {last}")


def _write(path: Path, data: bytes) -> None:
    """Write ``path`` in one step (a temporary file beside it, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).chmod(0o644)  # mkstemp's 0600 would follow the file into a wheel
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def tarball(
    *, cache: Path | None = None, url: str | None = None, integrity: str = INTEGRITY
) -> bytes:
    """The verified tarball: from the cache, else downloaded (and then cached)."""
    cache = cache or cache_dir()
    url = url or tarball_url()
    cached = cache / url.rsplit("/", 1)[-1]
    try:
        data = cached.read_bytes()
    except OSError:
        data = b""
    if data and matches(data, integrity):
        return data
    data = _download(url)
    if not matches(data, integrity):
        raise FetchError(f"{url} does not match the pinned integrity {integrity[:20]}...: refused")
    try:
        _write(cached, data)
    except OSError as error:
        print(f"fetch_mermaid: could not cache {cached}: {error}", file=sys.stderr)
    return data


def extract(data: bytes, dest: Path, version: str = VERSION) -> None:
    """Write the build, its licence and ``VERSION`` from the tarball's bytes into ``dest``."""
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, name in MEMBERS.items():
            try:
                info = archive.getmember(member)
            except KeyError:
                raise FetchError(f"the {NAME} {version} tarball has no {member}") from None
            handle = archive.extractfile(info) if info.isfile() else None
            if handle is None:
                raise FetchError(f"{member} in the {NAME} {version} tarball is not a file")
            files[name] = handle.read()
    for name, content in files.items():
        _write(dest / name, content)
    _write(dest / "VERSION", f"{version}\n".encode())


def fetch(
    dest: Path = DEST,
    *,
    cache: Path | None = None,
    url: str | None = None,
    version: str = VERSION,
    integrity: str = INTEGRITY,
) -> Path:
    """Make ``dest`` hold the pinned build; return ``dest``."""
    if not is_current(dest, version):
        extract(tarball(cache=cache, url=url, integrity=integrity), dest, version)
    return dest


def main(argv: list[str] | None = None) -> int:
    """Fetch into ``--dest``; one line on success or failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dest", type=Path, default=DEST, help="folder to write (%(default)s)")
    parser.add_argument("--cache", type=Path, default=None, help="tarball cache folder")
    parser.add_argument(
        "--quiet", action="store_true", help="print nothing when the folder is already current"
    )
    args = parser.parse_args(argv)
    current = is_current(args.dest)
    try:
        folder = fetch(args.dest, cache=args.cache)
    except (FetchError, OSError, tarfile.TarError) as error:
        print(f"fetch_mermaid: {error}", file=sys.stderr)
        return 1
    if not (current and args.quiet):
        print(f"{NAME} {VERSION} is in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
