"""The headless commands, run as a user runs them: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


def postwright(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=60,
    )


def test_version() -> None:
    result = postwright("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("postwright ")


def test_check_clean_post(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\ndate: 2024-12-12\n---\n\nIntro.\n\n<!-- more -->\n\nRest.\n")
    result = postwright("check", str(post))
    assert result.returncode == 0, result.stdout
    assert result.stdout == f"{post}: ok\n"


def test_check_reports_each_problem_with_its_line(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(
        "---\ndate: 2024-13-45\n---\n\nNo title here.\n\n<!-- more -->\n\nA\n\n<!--more-->\n"
    )
    result = postwright("check", str(post))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{post}:4: no title: add 'title:' to the front matter or a '# ' heading" in lines
    assert any(line.startswith(f"{post}:2: '2024-13-45' is not a real date") for line in lines)
    assert f"{post}:11: a second excerpt marker: only the first one counts" in lines


def test_check_marker_only_in_code_is_a_problem(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\ndate: 2024-01-01\n---\n\n```\n<!-- more -->\n```\n")
    result = postwright("check", str(post))
    assert result.returncode == 1
    assert f"{post}:7: excerpt marker '<!-- more -->' inside code" in result.stdout


def test_check_broken_front_matter_names_line_and_never_tracebacks(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: [unclosed\ndate: 2024-01-01\n---\nBody\n")
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x00\x01\x02")
    result = postwright("check", str(post), str(binary))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{post}:3:" in result.stdout
    assert f"{binary}:1:1: this is a binary file" in result.stdout


def test_check_bad_arguments_exit_2() -> None:
    assert postwright("check").returncode == 2


def test_meta_reads_and_edits_losslessly(tmp_path: Path) -> None:
    source = (FIXTURES / "posts" / "yaml-rich.md").read_bytes()
    post = tmp_path / "p.md"
    post.write_bytes(source)
    assert postwright("meta", str(post), "--get", "tags").stdout == '["alpha", "beta"]\n'
    assert postwright("meta", str(post), "--get", "custom_key").stdout == "keep me\n"
    result = postwright(
        "meta", str(post), "--set", "tags=[a,b]", "--set", "draft=true", "--unset", "folded"
    )
    assert result.returncode == 0, result.stderr
    after = post.read_bytes()
    assert b"tags: [a, b]\n" in after
    assert b"draft: true\n" in after
    assert b"folded" not in after
    untouched = [
        line
        for line in source.splitlines()
        if not line.startswith((b"tags", b"draft", b"folded", b"  Folded", b"  continues"))
    ]
    assert [line for line in after.splitlines() if line in untouched] == untouched
    data = json.loads(postwright("meta", str(post), "--json").stdout)
    assert data["tags"] == ["a", "b"]
    assert data["draft"] is True
    assert data["date"] == "2024-12-12T09:30:00+01:00"


def test_meta_set_date_is_unquoted(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\nBody\n")
    assert postwright("meta", str(post), "--set", "date=2024-12-12").returncode == 0
    assert post.read_text() == "---\ntitle: T\ndate: 2024-12-12\n---\nBody\n"


def test_meta_unedited_file_is_not_rewritten(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\n")
    before = post.stat().st_mtime_ns
    assert postwright("meta", str(post), "--set", "title=T").returncode == 0
    assert post.stat().st_mtime_ns == before


def test_meta_refuses_broken_front_matter_and_keeps_the_file(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: [x\n---\nBody\n")
    result = postwright("meta", str(post), "--set", "draft=true")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{post}:")
    assert post.read_text() == "---\ntitle: [x\n---\nBody\n"


def test_meta_bad_set_syntax_exit_2(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\n")
    assert postwright("meta", str(post), "--set", "novalue").returncode == 2


def test_new_post(tmp_path: Path) -> None:
    result = postwright("new", "Café déjà vu", "--dir", str(tmp_path), "--date", "2024-12-12")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "cafe-deja-vu.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text()
    assert text.startswith(
        "---\ntitle: Café déjà vu\ndate: 2024-12-12\ntags: []\ndraft: true\n---\n"
    )
    assert "\n<!-- more -->\n" in text
    assert postwright("check", "-q", str(path)).returncode == 0
    again = postwright("new", "Café déjà vu", "--dir", str(tmp_path))
    assert again.returncode == 1
    assert "already exists" in again.stderr


@pytest.mark.parametrize("args", [["new", "X", "--date", "soon"], ["frobnicate"]])
def test_unusable_arguments_exit_2(args: list[str], tmp_path: Path) -> None:
    result = postwright(*args, cwd=tmp_path)
    assert result.returncode == 2
