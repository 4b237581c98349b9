"""Export behaviour: what lands in the site folder, what is refused, and what the user is told."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from editor.commands.export import add_parser
from editor.core.export import ExportOptions, apply_plan, plan_export
from editor.core.export.plan import MANIFEST

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "export" / "sites"
PNG = b"\x89PNG\r\n\x1a\n-not-really-an-image"


def make_site(tmp_path: Path, generator: str = "hugo") -> Path:
    root = tmp_path / f"{generator}-site"
    shutil.copytree(SITES / generator, root)
    return root


def write_post(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


SIMPLE = "---\ntitle: Tides\ndate: 2024-03-01\n---\n\nShort intro.\n\n<!-- more -->\n\nMore.\n"


# --------------------------------------------------------------------------- statuses


def test_new_then_unchanged_then_changed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    assert [(str(f.relpath), f.status) for f in plan.files] == [("content/posts/tides.md", "new")]
    assert apply_plan(plan).ok
    target = site / "content/posts/tides.md"
    assert b"<!--more-->" in target.read_bytes()
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert "content/posts/tides.md" in manifest["files"]

    again = plan_export(post, site)
    assert again.files[0].status == "unchanged"
    assert apply_plan(again).unchanged

    post.write_text(SIMPLE.replace("More.", "More, edited."), encoding="utf-8")
    edited = plan_export(post, site)
    assert edited.files[0].status == "changed"  # we wrote what is there: safe to replace
    assert apply_plan(edited).written
    assert b"More, edited." in target.read_bytes()


def test_a_file_we_did_not_write_is_a_conflict_and_stops_everything(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    source = tmp_path / "src"
    (source / "img").mkdir(parents=True)
    (source / "img" / "a.png").write_bytes(PNG)
    post = write_post(source, "tides.md", SIMPLE + "\n![a](img/a.png)\n")
    bundle = site / "content/posts/tides"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("someone else's post\n", encoding="utf-8")
    before = snapshot(site)

    plan = plan_export(post, site)
    statuses = {str(f.relpath): f.status for f in plan.files}
    assert statuses == {
        "content/posts/tides/index.md": "conflict",
        "content/posts/tides/a.png": "new",
    }
    assert "not written by Postwright" in plan.conflicts[0].reason
    result = apply_plan(plan)
    assert not result.ok
    assert snapshot(site) == before, "a conflict must stop the whole export"

    forced = apply_plan(plan, force=True)
    assert forced.ok
    assert (bundle / "a.png").read_bytes() == PNG
    assert b"title: Tides" in (bundle / "index.md").read_bytes()


def test_a_target_edited_after_export_is_a_conflict(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    apply_plan(plan_export(post, site))
    target = site / "content/posts/tides.md"
    target.write_bytes(target.read_bytes() + b"\nA note added in the site.\n")
    post.write_text(SIMPLE.replace("More.", "Other."), encoding="utf-8")
    plan = plan_export(post, site)
    assert plan.files[0].status == "conflict"
    assert "edited since" in plan.files[0].reason


def test_another_posts_export_is_a_conflict(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    first = write_post(tmp_path / "a", "tides.md", SIMPLE)
    second = write_post(tmp_path / "b", "tides.md", SIMPLE.replace("Short", "Other"))
    apply_plan(plan_export(first, site))
    plan = plan_export(second, site)
    assert plan.files[0].status == "conflict"
    assert "written by an export of" in plan.files[0].reason


def test_the_disk_is_checked_again_when_applying(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    (site / "content/posts/tides.md").write_text("arrived meanwhile\n", encoding="utf-8")
    result = apply_plan(plan)
    assert result.conflicts
    assert (site / "content/posts/tides.md").read_text(encoding="utf-8") == "arrived meanwhile\n"


# --------------------------------------------------------------------------- errors


def test_missing_image_names_it_and_its_line_and_writes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    source = tmp_path / "src"
    (source / "img").mkdir(parents=True)
    (source / "img" / "here.png").write_bytes(PNG)
    post = write_post(
        source, "tides.md", SIMPLE + "\n![ok](img/here.png)\n\n![gone](img/gone.png)\n"
    )
    before = snapshot(site)
    plan = plan_export(post, site)
    assert not plan.ok
    [error] = plan.errors
    assert error.path == post
    assert error.line == 14
    assert "img/gone.png" in error.message
    assert apply_plan(plan, force=True).errors
    assert snapshot(site) == before


def test_images_in_code_and_remote_images_are_left_alone(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(
        tmp_path / "src",
        "code.md",
        SIMPLE + "\n```markdown\n![x](missing.png)\n```\n\n`![y](nope.png)`\n\n"
        "![remote](https://example.org/a.png) ![root](/static/b.png)\n",
    )
    plan = plan_export(post, site)
    assert plan.ok
    assert [f.kind for f in plan.files] == ["post"]
    assert b"![x](missing.png)" in plan.files[0].data


def test_one_image_used_twice_is_copied_once_and_same_names_do_not_clash(tmp_path: Path) -> None:
    site = make_site(tmp_path, "jekyll")
    source = tmp_path / "src"
    for folder in ("a", "b"):
        (source / folder).mkdir(parents=True)
        (source / folder / "chart.png").write_bytes(PNG + folder.encode())
    post = write_post(
        source,
        "charts.md",
        SIMPLE + "\n![one](a/chart.png)\n![again](a/chart.png)\n![two](b/chart.png)\n",
    )
    plan = plan_export(post, site)
    images = [str(f.relpath) for f in plan.files if f.kind == "image"]
    assert images == ["assets/images/tides/chart.png", "assets/images/tides/chart-2.png"]
    body = plan.files[0].data.decode()
    assert body.count("/assets/images/tides/chart.png") == 2
    assert "/assets/images/tides/chart-2.png" in body


def test_malformed_front_matter_is_an_error_with_its_line(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(
        tmp_path / "src", "bad.md", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\nx\n"
    )
    plan = plan_export(post, site)
    assert plan.errors
    assert plan.errors[0].line is not None
    assert not plan.files


# --------------------------------------------------------------------------- safety


def test_slug_cannot_climb_out_of_the_site(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(
        tmp_path / "src", "evil.md", SIMPLE.replace("title: Tides", "slug: ../../etc/x")
    )
    plan = plan_export(post, site)
    assert plan.ok
    assert plan.files[0].path.is_relative_to(site)
    assert plan.files[0].relpath.name == "etc-x.md"


def test_configured_folder_outside_the_site_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path, "jekyll")
    (site / "_config.yml").write_text("source: ../elsewhere\n", encoding="utf-8")
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    assert not plan.ok
    assert "outside the site" in plan.errors[0].message
    assert not (tmp_path / "elsewhere").exists()


def test_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(site / "content/posts")
    (site / "content/posts").symlink_to(outside)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    assert not plan.ok
    assert "symlink" in plan.errors[0].message
    apply_plan(plan, force=True)
    assert list(outside.iterdir()) == []


def test_symlinked_target_file_leading_outside_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (site / "content/posts/tides.md").symlink_to(victim)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    assert not plan.ok
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_the_source_post_is_never_modified(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    text = "\ufeff---\r\ntitle: Tides\r\ndate: '2024-03-01'\r\n---\r\n\r\n# Tides\r\n\r\nBody\r\n"
    post = write_post(tmp_path / "src", "crlf.md", text)
    before = post.read_bytes()
    plan = plan_export(post, site)
    apply_plan(plan)
    assert post.read_bytes() == before
    out = plan.files[0].data
    assert not out.startswith(b"\xef\xbb\xbf"), "a BOM confuses some generators"
    assert out == b"---\r\ntitle: Tides\r\ndate: 2024-03-01\r\n---\r\n\r\nBody\r\n"


# --------------------------------------------------------------------------- what the target needs


def test_front_matter_edit_is_lossless(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    text = (
        "---\n# kept comment\ntitle:   'Tides'   # spacing kept\ndate: \"2024-03-01\"\n"
        "tags:\n  - sea\n  - moon\nextra_key: {a: 1}\n---\nBody\n"
    )
    post = write_post(tmp_path / "src", "tides.md", text)
    out = plan_export(post, site).files[0].data.decode()
    assert out == text.replace('date: "2024-03-01"', "date: 2024-03-01")


def test_title_in_front_matter_and_same_h1_shows_once(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(
        tmp_path / "src", "t.md", "---\ntitle: Tides\ndate: 2024-03-01\n---\n\n# Tides\n\nBody\n"
    )
    out = plan_export(post, site).files[0].data.decode()
    assert "# Tides" not in out
    assert out.count("Tides") == 1


def test_post_without_front_matter_or_date(tmp_path: Path) -> None:
    site = make_site(tmp_path, "mkdocs")
    post = write_post(tmp_path / "src", "bare.md", "# Bare\n\nText.\n")
    plan = plan_export(post, site, options=ExportOptions(today=dt.date(2025, 2, 3)))
    assert plan.files[0].data == b"---\ndate: 2025-02-03\nslug: bare\n---\n# Bare\n\nText.\n"
    assert any("no date" in note for note in plan.notes)


def test_site_spelling_of_tags(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    write_post(site / "content/posts", "old.md", "---\ntitle: Old\ntags: [Data Science]\n---\nx\n")
    post = write_post(
        tmp_path / "src",
        "new.md",
        "---\ntitle: New\ndate: 2024-01-02\ntags: [data-science, rust]\n---\nx\n",
    )
    plan = plan_export(post, site)
    assert b"tags: [Data Science, rust]" in plan.files[0].data
    assert any("the site's spelling" in note for note in plan.notes)


def test_jekyll_without_separator_gets_a_config_hint(tmp_path: Path) -> None:
    site = make_site(tmp_path, "jekyll")
    (site / "_config.yml").write_text("title: x\n", encoding="utf-8")
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    assert any("excerpt_separator" in note for note in plan.notes)
    assert b"<!-- more -->" in plan.files[0].data


def test_jekyll_uses_the_sites_own_separator(tmp_path: Path) -> None:
    site = make_site(tmp_path, "jekyll")
    (site / "_config.yml").write_text('excerpt_separator: "<!-- cut here -->"\n', encoding="utf-8")
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    assert b"\n<!-- cut here -->\n" in plan_export(post, site).files[0].data


def test_pelican_without_summary_plugin_is_told_how(tmp_path: Path) -> None:
    site = make_site(tmp_path, "pelican")
    (site / "pelicanconf.py").write_text("PATH = 'content'\n", encoding="utf-8")
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    plan = plan_export(post, site)
    assert any("summary plugin" in note for note in plan.notes)


def test_pelican_needs_a_title(tmp_path: Path) -> None:
    site = make_site(tmp_path, "pelican")
    post = write_post(tmp_path / "src", "untitled.md", "---\ndate: 2024-01-01\n---\nJust text.\n")
    plan = plan_export(post, site)
    assert any("needs a title" in error.message for error in plan.errors)


def test_mkdocs_unknown_author_is_left_out_and_known_name_becomes_its_id(tmp_path: Path) -> None:
    site = make_site(tmp_path, "mkdocs")
    post = write_post(
        tmp_path / "src",
        "a.md",
        "---\ndate: 2024-01-01\nauthors: [Jane Doe, Someone Else]\n---\n# A\n",
    )
    plan = plan_export(post, site)
    assert b"authors: [jdoe]" in plan.files[0].data
    assert any("Someone Else" in note for note in plan.notes)


def test_mkdocs_required_excerpt_and_allowed_categories(tmp_path: Path) -> None:
    site = make_site(tmp_path, "mkdocs")
    (site / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - blog:\n      post_excerpt: required\n"
        "      categories_allowed: [News]\n",
        encoding="utf-8",
    )
    post = write_post(
        tmp_path / "src", "a.md", "---\ndate: 2024-01-01\ncategories: [Gossip]\n---\n# A\n"
    )
    messages = [error.message for error in plan_export(post, site).errors]
    assert any("requires an excerpt" in m for m in messages)
    assert any("'Gossip' is not in" in m for m in messages)


def test_astro_required_field_missing_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, "astro")
    config = site / "src/content.config.ts"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "description: z.string().optional()", "description: z.string()"
        ),
        encoding="utf-8",
    )
    post = write_post(tmp_path / "src", "a.md", SIMPLE)
    plan = plan_export(post, site)
    assert any("requires 'description'" in error.message for error in plan.errors)


def test_hexo_several_categories_become_a_list_of_lists(tmp_path: Path) -> None:
    site = make_site(tmp_path, "hexo")
    post = write_post(
        tmp_path / "src",
        "a.md",
        "---\ntitle: A\ndate: 2024-01-01\ncategories: [Sea, Boats]\n---\nx\n",
    )
    data = plan_export(post, site).files[0].data
    assert b"categories: [[Sea], [Boats]]" in data


# --------------------------------------------------------------------------- command line


def run_cli(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="postwright")
    add_parser(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    out = io.StringIO()
    code = args.func(args, out=out)
    return code, out.getvalue()


def test_cli_dry_run_writes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    before = snapshot(site)
    code, out = run_cli("export", str(post), "--site", str(site), "--dry-run")
    assert code == 0
    assert "would write" in out
    assert "content/posts/tides.md" in out
    assert snapshot(site) == before


def test_cli_export_json_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    code, out = run_cli("export", str(post), "--site", str(site), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ok"]
    assert data["generator"] == "hugo"
    assert data["posts"][0]["files"][0]["action"] == "written"

    (site / "content/posts/tides.md").write_text("changed by hand\n", encoding="utf-8")
    code, out = run_cli("export", str(post), "--site", str(site))
    assert code == 1
    assert "conflict" in out
    assert "--force" in out
    code, out = run_cli("export", str(post), "--site", str(site), "--force")
    assert code == 0
    assert "written" in out

    code, _ = run_cli("export", str(post), "--site", str(tmp_path / "nowhere"))
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_cli_errors_are_file_line_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path)
    post = write_post(tmp_path / "src", "tides.md", SIMPLE + "\n![x](gone.png)\n")
    code, _ = run_cli("export", str(post), "--site", str(site))
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"{post}:12: image 'gone.png' not found")
    assert "Traceback" not in err
    code, _ = run_cli("export", str(tmp_path / "absent.md"), "--site", str(site))
    assert code == 1
    assert "absent.md: no such file" in capsys.readouterr().err


def test_cli_two_posts_to_one_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path)
    first = write_post(tmp_path / "a", "tides.md", SIMPLE)
    second = write_post(tmp_path / "b", "tides.md", SIMPLE)
    before = snapshot(site)
    code, _ = run_cli("export", str(first), str(second), "--site", str(site))
    assert code == 1
    assert "exports to content/posts/tides.md" in capsys.readouterr().err
    assert snapshot(site) == before


def test_cli_unrecognised_site_is_unusable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = write_post(tmp_path / "src", "tides.md", SIMPLE)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _ = run_cli("export", str(post), "--site", str(empty))
    assert code == 2
    assert "looked for" in capsys.readouterr().err
    code, _out = run_cli("export", str(post), "--site", str(empty), "--generator", "folder")
    assert code == 0
    assert (empty / "tides.md").is_file()


def test_cli_detect(tmp_path: Path) -> None:
    site = make_site(tmp_path, "mkdocs")
    code, out = run_cli("detect", str(site))
    assert code == 0
    assert out.startswith("mkdocs site at")
    assert "docs/blog/posts" in out
    code, out = run_cli("detect", str(site), "--json")
    data = json.loads(out)
    assert data["generator"] == "mkdocs"
    assert data["settings"]["authors"] == {"jdoe": "Jane Doe"}
    assert data["vocabulary"] == {"tags": [], "categories": [], "authors": []}


def test_reference_style_images_are_copied(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    source = tmp_path / "src"
    (source / "pics").mkdir(parents=True)
    for name in ("full.png", "collapsed.png", "shortcut.png", "unused.png"):
        (source / "pics" / name).write_bytes(PNG + name.encode())
    post = write_post(
        source,
        "refs.md",
        SIMPLE + "\n![Full one][full]\n\n![Collapsed][]\n\n![Shortcut]\n\n[a link][unused]\n\n"
        "  [full]: pics/full.png\n  [collapsed]: pics/collapsed.png\n"
        "  [shortcut]: <pics/shortcut.png>\n  [unused]: pics/unused.png\n",
    )
    plan = plan_export(post, site)
    images = sorted(f.relpath.name for f in plan.files if f.kind == "image")
    assert images == ["collapsed.png", "full.png", "shortcut.png"]
    text = plan.files[0].data.decode()
    assert "  [full]: full.png\n" in text
    assert "  [shortcut]: <shortcut.png>\n" in text
    assert "  [unused]: pics/unused.png\n" in text, "a plain link is not an image"


def test_front_matter_starts_the_file_and_a_dated_file_name_dates_the_post(tmp_path: Path) -> None:
    site = make_site(tmp_path, "jekyll")
    post = write_post(
        tmp_path / "src", "2023-04-05-harbour.md", "\n\n---\ntitle: Harbour\n---\nx\n"
    )
    plan = plan_export(post, site)
    assert plan.files[0].relpath.name == "2023-04-05-harbour.md"
    assert plan.files[0].data == b"---\ntitle: Harbour\ndate: 2023-04-05\n---\nx\n"
    assert any("from its file name" in note for note in plan.notes)


def test_pelican_header_leaves_out_what_it_cannot_hold(tmp_path: Path) -> None:
    site = make_site(tmp_path, "pelican")
    post = write_post(
        tmp_path / "src",
        "nested.md",
        "---\ntitle: Nested\ndate: 2024-01-01\nseries: Rope\nextra: {a: 1}\n---\nx\n",
    )
    plan = plan_export(post, site)
    assert plan.files[0].data == (
        b"Title: Nested\nDate: 2024-01-01\nSlug: nested\nSeries: Rope\n\nx\n"
    )
    assert any("'extra' left out" in note for note in plan.notes)


def test_a_post_is_never_exported_over_itself(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    post = write_post(site / "content/posts", "inside.md", "# Inside\n\nText.\n")
    before = post.read_bytes()
    plan = plan_export(post, site, options=ExportOptions(today=dt.date(2025, 1, 1)))
    assert any("its own source" in error.message for error in plan.errors)
    apply_plan(plan, force=True)
    assert post.read_bytes() == before
