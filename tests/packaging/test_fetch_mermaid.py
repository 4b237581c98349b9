"""packaging/fetch_mermaid.py: the pinned build, checked, extracted, cached; a tampered
tarball is refused. Tarballs are made here and served from ``file:`` addresses (no network)."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import re
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fetch_mermaid", ROOT / "packaging" / "fetch_mermaid.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fetch_mermaid = _module()


def _tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def published(tmp_path: Path) -> tuple[str, str]:
    """A tarball like mermaid's, at a ``file:`` address, and its integrity."""
    data = _tarball(
        {
            "package/package.json": b'{"name": "mermaid"}',
            "package/dist/mermaid.min.js": b"globalThis.mermaid = {render() {}};\n",
            "package/LICENSE": b"The MIT License (MIT)\n",
        }
    )
    path = tmp_path / "registry" / "mermaid-9.9.9.tgz"
    path.parent.mkdir()
    path.write_bytes(data)
    return path.as_uri(), _integrity(data)


def test_the_pin_is_an_exact_version_with_a_sha512_integrity() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", fetch_mermaid.VERSION)
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", fetch_mermaid.INTEGRITY)
    assert fetch_mermaid.tarball_url().endswith(f"/mermaid/-/mermaid-{fetch_mermaid.VERSION}.tgz")


def test_fetch_writes_the_build_its_licence_and_version(
    tmp_path: Path, published: tuple[str, str]
) -> None:
    url, integrity = published
    dest = tmp_path / "vendor" / "mermaid"
    fetch_mermaid.fetch(
        dest, cache=tmp_path / "cache", url=url, version="9.9.9", integrity=integrity
    )
    assert sorted(p.name for p in dest.iterdir()) == ["LICENSE", "VERSION", "mermaid.min.js"]
    assert (dest / "mermaid.min.js").read_bytes() == b"globalThis.mermaid = {render() {}};\n"
    assert (dest / "LICENSE").read_text() == "The MIT License (MIT)\n"
    assert (dest / "VERSION").read_text() == "9.9.9\n"
    assert (dest / "mermaid.min.js").stat().st_mode & 0o777 == 0o644


def test_a_second_checkout_is_filled_from_the_cache(
    tmp_path: Path, published: tuple[str, str]
) -> None:
    url, integrity = published
    cache = tmp_path / "cache"
    fetch_mermaid.fetch(
        tmp_path / "one", cache=cache, url=url, version="9.9.9", integrity=integrity
    )
    Path(url.removeprefix("file://")).unlink()  # the registry is gone
    fetch_mermaid.fetch(
        tmp_path / "two", cache=cache, url=url, version="9.9.9", integrity=integrity
    )
    assert (tmp_path / "two" / "mermaid.min.js").is_file()


def test_a_tarball_that_does_not_match_the_integrity_is_refused(
    tmp_path: Path, published: tuple[str, str]
) -> None:
    url, _integrity_of_it = published
    other = _integrity(b"something else")
    dest = tmp_path / "vendor"
    with pytest.raises(fetch_mermaid.FetchError, match="does not match the pinned integrity"):
        fetch_mermaid.fetch(
            dest, cache=tmp_path / "cache", url=url, version="9.9.9", integrity=other
        )
    assert not dest.exists()
    assert not (tmp_path / "cache").exists()


def test_a_tampered_cache_is_downloaded_again(tmp_path: Path, published: tuple[str, str]) -> None:
    url, integrity = published
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "mermaid-9.9.9.tgz").write_bytes(b"not the tarball")
    fetch_mermaid.fetch(
        tmp_path / "dest", cache=cache, url=url, version="9.9.9", integrity=integrity
    )
    assert fetch_mermaid.matches((cache / "mermaid-9.9.9.tgz").read_bytes(), integrity)


def test_no_registry_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr(fetch_mermaid, "ATTEMPTS", 1)
    monkeypatch.setattr(fetch_mermaid.time, "sleep", lambda _seconds: None)
    monkeypatch.setenv("npm_config_registry", (tmp_path / "no-registry").as_uri())
    monkeypatch.setenv("POSTWRIGHT_VENDOR_CACHE", str(tmp_path / "cache"))
    status = fetch_mermaid.main(["--dest", str(tmp_path / "dest")])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("fetch_mermaid: could not download file:")
    assert err.count("\n") == 1
