"""``postwright check --spelling``, run as a user runs it: a real process, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.spelling import installed_languages, personal_words_path

needs_en_us = pytest.mark.skipif(
    "en_US" not in installed_languages(), reason="the en_US dictionary is not installed"
)


def postwright(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


POST = """---
title: Fog at the harbor
date: 2024-12-12
tags: [wrng]
---

The sea was teh colour of slate, `teh` code and a [lnik](https://exmple.org/teh).

<!-- more -->

```
teh in a fence
```
"""


@needs_en_us
def test_unknown_words_are_printed_with_file_line_column_and_suggestions(tmp_path: Path) -> None:
    post = tmp_path / "fog.md"
    post.write_text(POST, encoding="utf-8")
    result = postwright("check", "--spelling", "--dictionaries", "en_US", str(post))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    spelling = [line for line in lines if "unknown word" in line]
    assert spelling[0].startswith(f"{post}:7:13: unknown word 'teh' (the, ")
    assert spelling[1].startswith(f"{post}:7:17: unknown word 'colour' (")
    assert spelling[2] == f"{post}:7:52: unknown word 'lnik' (link)"
    assert len(spelling) == 3
    assert result.stderr == ""


@needs_en_us
def test_a_clean_post_is_ok_and_the_personal_list_counts(tmp_path: Path) -> None:
    post = tmp_path / "gull.md"
    post.write_text(
        "---\ntitle: Gulls\ndate: 2024-12-12\n---\n\nThe Gullwing sails.\n\n<!-- more -->\n",
        encoding="utf-8",
    )
    first = postwright("check", "--spelling", "--dictionaries", "en_US", str(post))
    assert first.returncode == 1
    assert "unknown word 'Gullwing'" in first.stdout
    personal_words_path().parent.mkdir(parents=True, exist_ok=True)
    personal_words_path().write_text("Gullwing\n", encoding="utf-8")
    again = postwright("check", "--spelling", "--dictionaries", "en_US", str(post))
    assert again.returncode == 0, again.stdout
    assert again.stdout == f"{post}: ok\n"


@needs_en_us
def test_a_missing_dictionary_for_the_posts_language_is_said_once(tmp_path: Path) -> None:
    posts = []
    for name in ("a", "b"):
        post = tmp_path / f"{name}.md"
        post.write_text("---\ntitle: T\nlang: xx\n---\n\nThe sea.\n", encoding="utf-8")
        posts.append(str(post))
    result = postwright("check", "--spelling", "--dictionaries", "en_US", *posts)
    assert result.stderr.splitlines() == [
        "postwright check: no dictionary for the post's language 'xx': install hunspell-xx"
    ]


def test_without_enchant_one_line_says_what_to_install(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\n---\n\nTeh sea.\n", encoding="utf-8")
    result = postwright(
        "check", "--spelling", str(post), env={"PYENCHANT_LIBRARY_PATH": str(tmp_path / "none")}
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "postwright check: no spelling dictionary is installed: install libenchant-2-2 and "
        "hunspell-en-us (Debian, Ubuntu)\n"
    )


def test_without_spelling_nothing_changes(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(
        "---\ntitle: T\ndate: 2024-12-12\n---\n\nTeh sea.\n\n<!-- more -->\n", encoding="utf-8"
    )
    result = postwright("check", str(post))
    assert result.returncode == 0
    assert result.stdout == f"{post}: ok\n"
