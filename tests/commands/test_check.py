"""``postwright check``: every problem as ``file:line: message``, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.run import one_line, postwright
from tests.conftest import alias_bomb


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


def test_check_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    front = "---\ntitle: One\ndate: 2024-01-01\ntitle: Two\ndate2:\n  a: 1\n  a: 2\n---\n"
    post.write_text(front + "\nA.\n\n<!--more-->\n")
    result = postwright("check", "--generator", "hugo", str(post))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{post}:4: 'title' is written twice (lines 2 and 4): Hugo stops on it",
        f"{post}:7: 'a' is written twice (lines 6 and 7): Hugo stops on it",
    ]
    # in no site: what the generators do with it
    plain = postwright("check", str(post))
    why = "Hugo refuses the post and other generators keep only the last one"
    assert f"{post}:4: 'title' is written twice in the front matter, on lines 2 and 4: {why}" in (
        plain.stdout.splitlines()
    )


def test_check_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Before: 35 s and 3 GB for this 1 KB post."""
    post = tmp_path / "bomb.md"
    post.write_text(alias_bomb())
    result = postwright("check", str(post), timeout=20)
    assert result.returncode == 1
    assert result.seconds < 5
    assert one_line(result.stdout) == (
        f"{post}:7:5: the aliases in the front matter expand to over 66,430 values from 21 "
        "written (an alias bomb?); it is not read"
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("deep.md", '{"title": "T", "a": ' + "[" * 10_000 + "]" * 10_000 + "}\n\nBody\n", "1:120"),
        ("deep.md", "+++\ntitle = 'T'\na = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n", "3:105"),
    ],
    ids=["json", "toml"],
)
def test_check_front_matter_10000_deep_is_one_line(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    post = tmp_path / name
    post.write_text(text)
    result = postwright("check", str(post))
    assert result.returncode == 1
    assert result.stderr == ""
    assert one_line(result.stdout) == (
        f"{post}:{where}: the front matter nests lists or tables more than 100 levels deep; "
        "it is not read"
    )
