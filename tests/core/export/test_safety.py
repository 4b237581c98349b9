"""Nothing leaves the post's folder uninvited, and no file in the way ever hangs an export.

Each case is the exact input that once copied a file from elsewhere into the site, hung the
export on a FIFO, or said "nothing was written" after writing.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
from pathlib import Path

import pytest

from editor.commands.export import add_parser
from editor.core.export import apply_plan, plan_export
from editor.core.export.plan import MANIFEST
from editor.core.site import detect_site

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "export" / "sites"
PNG = b"\x89PNG\r\n\x1a\n-not-really-an-image"
HEAD = "---\ntitle: Harbour\ndate: 2024-03-01\n---\n\nIntro.\n\n"
SECRET = b"root:x:0:0:the writer's secret\n"


def make_site(tmp_path: Path, generator: str = "hugo") -> Path:
    root = tmp_path / f"{generator}-site"
    shutil.copytree(SITES / generator, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def post_four_deep(tmp_path: Path, body: str) -> Path:
    """A post four folders below ``tmp_path``, so ``../../../../etc/passwd`` from it names
    ``tmp_path/etc/passwd``: a stand-in for the machine's own file, with a secret in it."""
    (tmp_path / "etc").mkdir(exist_ok=True)
    for name in ("passwd", "group", "hostname"):
        (tmp_path / "etc" / name).write_bytes(SECRET)
    (tmp_path / "etc" / "map.png").write_bytes(SECRET)
    folder = tmp_path / "a" / "b" / "c" / "d"
    folder.mkdir(parents=True, exist_ok=True)
    post = folder / "harbour.md"
    post.write_text(HEAD + body + "\n", encoding="utf-8")
    return post


def run_cli(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="postwright")
    add_parser(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    out = io.StringIO()
    code = args.func(args, out=out)
    return code, out.getvalue()


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize(
    "body",
    [
        "![p](../../../../etc/passwd)",
        "![p](../../../../etc/map.png)",
        '<img src="../../../../etc/group">',
        "![g][grp]\n\n[grp]: ../../../../etc/group",
        "![e](%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname)",
        "![e](%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fmap.png)",
        "![abs](%2Fetc%2Fpasswd)",
    ],
    ids=["dotdot", "dotdot-png", "img-tag", "reference", "encoded", "encoded-slash", "abs"],
)
@pytest.mark.parametrize("generator", ["hugo", "jekyll", "eleventy", "astro"])
def test_an_image_outside_the_posts_folder_is_an_error_and_nothing_is_written(
    tmp_path: Path, body: str, generator: str
) -> None:
    site = make_site(tmp_path, generator)
    post = post_four_deep(tmp_path, body)
    before = snapshot(site)
    plan = plan_export(post, site)
    assert not plan.ok
    [error] = plan.errors
    assert error.path == post
    assert error.line == (10 if "[grp]:" in body else 8)
    assert "outside the post's folder" in error.message or "absolute path" in error.message
    assert plan.files == ()
    assert apply_plan(plan, force=True).errors
    assert snapshot(site) == before
    code, _ = run_cli("export", str(post), "--site", str(site))
    assert code == 1
    assert snapshot(site) == before
    assert not any(SECRET in data for data in snapshot(site).values())


def test_proc_and_root_paths_are_never_read(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = post_four_deep(tmp_path, '![env](/proc/self/environ)\n\n<img src="/etc/group">')
    plan = plan_export(post, site)
    assert [f.kind for f in plan.files] == ["post"], "a site-root path is a link, not a file"
    assert b"/proc/self/environ" in plan.files[0].data
    assert apply_plan(plan).ok
    assert not any(SECRET in data for data in snapshot(site).values())


def test_a_symlinked_image_leading_elsewhere_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "shadow.png").symlink_to("/etc/shadow")
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(SECRET)
    (folder / "chart.png").symlink_to(outside)
    (folder / "real.png").write_bytes(PNG)
    (folder / "same.png").symlink_to(folder / "real.png")  # a link inside the folder is fine
    post = folder / "p.md"
    post.write_text(HEAD + "![s](shadow.png)\n\n![c](chart.png)\n\n![ok](same.png)\n")
    before = snapshot(site)
    plan = plan_export(post, site)
    messages = {error.line: error.message for error in plan.errors}
    assert sorted(messages) == [8, 10]
    assert "symlink leading outside the post's folder" in messages[8]
    assert "/etc/shadow" in messages[8]
    assert apply_plan(plan, force=True).errors
    assert snapshot(site) == before


@pytest.mark.timeout(20)
def test_only_regular_media_files_are_copied(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    folder = tmp_path / "src"
    folder.mkdir()
    os.mkfifo(folder / "pipe.png")
    (folder / "notes.txt").write_text("private notes\n", encoding="utf-8")
    (folder / "folder.png").mkdir()
    (folder / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    post = folder / "p.md"
    post.write_text(
        HEAD + "![f](pipe.png)\n\n![n](notes.txt)\n\n![d](folder.png)\n\n![v](clip.mp4)\n"
    )
    plan = plan_export(post, site)
    messages = {error.line: error.message for error in plan.errors}
    assert sorted(messages) == [8, 10, 12]
    assert "a pipe" in messages[8]
    assert "not an image or media file" in messages[10]
    assert "a folder" in messages[12]
    code, _ = run_cli("export", str(post), "--site", str(site), "--dry-run")
    assert code == 1


# --------------------------------------------------------------------------- FIFOs in the site


@pytest.mark.timeout(20)
def test_a_fifo_at_the_target_path_is_refused_without_hanging(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    os.mkfifo(site / "content/posts/harbour.md")
    post = tmp_path / "harbour.md"
    post.write_text(HEAD, encoding="utf-8")
    plan = plan_export(post, site)
    assert not plan.ok
    assert "a pipe (FIFO), not a regular file" in plan.errors[0].message
    code, out = run_cli("export", str(post), "--site", str(site), "--dry-run")
    assert code == 1
    code, out = run_cli("export", str(post), "--site", str(site), "--force")
    assert code == 1
    assert "nothing was written" in out
    assert not (site / MANIFEST).exists()


@pytest.mark.timeout(20)
def test_a_fifo_as_the_export_record_is_refused_without_hanging(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / ".postwright").mkdir()
    os.mkfifo(site / MANIFEST)
    post = tmp_path / "harbour.md"
    post.write_text(HEAD, encoding="utf-8")
    before = snapshot(site)
    for extra in (["--dry-run"], []):
        code, out = run_cli("export", str(post), "--site", str(site), *extra)
        assert code == 1
        assert "nothing was written" in out
    assert snapshot(site) == before
    assert not (site / "content/posts/harbour.md").exists()


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    ("generator", "name"),
    [
        ("jekyll", "Gemfile"),
        ("jekyll", "_config.yml"),
        ("hexo", "package.json"),
        ("eleventy", "posts/posts.json"),
        ("astro", "src/content.config.ts"),
        ("pelican", "pelicanconf.py"),
    ],
)
def test_a_fifo_named_like_a_site_file_never_hangs_detection(
    tmp_path: Path, generator: str, name: str
) -> None:
    site = make_site(tmp_path, generator)
    (site / name).unlink(missing_ok=True)
    os.mkfifo(site / name)
    found = detect_site(site, generator)
    assert found.generator == generator
    post = tmp_path / "harbour.md"
    post.write_text(HEAD, encoding="utf-8")
    code, _ = run_cli(
        "export", str(post), "--site", str(site), "--generator", generator, "--dry-run"
    )
    assert code in (0, 1)


# --------------------------------------------------------------------------- .postwright elsewhere


def test_a_postwright_folder_leading_outside_stops_the_export_before_it_writes(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / ".postwright").symlink_to(outside)
    post = tmp_path / "harbour.md"
    post.write_text(HEAD, encoding="utf-8")
    plan = plan_export(post, site)
    assert not plan.ok
    assert "export record" in plan.errors[0].message
    assert "outside the site" in plan.errors[0].message
    code, out = run_cli("export", str(post), "--site", str(site))
    assert code == 1
    assert "errors: nothing was written" in out
    assert not (site / "content/posts/harbour.md").exists(), "nothing was written means it"
    assert list(outside.iterdir()) == []
