"""``postwright check --site DIR``, run as a writer runs it: a real process on a real site."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sitegen import make_site
from tests.test_cli import postwright


def test_a_clean_site_passes(tmp_path: Path) -> None:
    make_site(tmp_path / "blog", "hugo")
    result = postwright("check", "--site", "blog", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "blog: 36 posts of a Hugo site checked: 0 errors, 0 warnings\n"


def test_the_seeded_problems_are_printed_by_file_and_line_and_fail_the_check(
    tmp_path: Path,
) -> None:
    made = make_site(tmp_path / "blog", "hugo", seed=True)
    result = postwright("check", "--site", "blog", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    twice = (
        "blog/content/posts/twice.md:4: 'title' is written twice (lines 2 and 4): Hugo stops on it"
    )
    assert twice in lines
    no_alt = [line for line in lines if line.startswith("blog/content/posts/no-alt.md:")]
    assert len(no_alt) == 1
    assert ": warning: image '/images/shared.png' has no alt text" in no_alt[0]
    assert lines[-1] == "blog: 47 posts of a Hugo site checked: 5 errors, 6 warnings"
    assert len(lines) - 1 == len(made.seeded)
    quiet = postwright("check", "--site", "blog", "-q", cwd=tmp_path)
    assert quiet.returncode == 1
    assert len(quiet.stdout.splitlines()) == 5
    assert all(": warning:" not in line for line in quiet.stdout.splitlines())


def test_json_lists_every_finding_for_scripts(tmp_path: Path) -> None:
    made = make_site(tmp_path / "blog", "mkdocs", seed=True)
    result = postwright("check", "--site", str(made.root), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["generator"] == "mkdocs"
    assert data["checked"] == 39
    found = {
        (Path(f["file"]).relative_to(made.root).as_posix(), f["rule"]) for f in data["findings"]
    }
    assert found == made.seeded
    assert all(isinstance(f["line"], int) and f["line"] >= 1 for f in data["findings"])


def test_a_folder_that_is_no_site_or_posts_with_site_are_usage_errors(tmp_path: Path) -> None:
    result = postwright("check", "--site", str(tmp_path))
    assert result.returncode == 2
    assert "no static site generator recognised here" in result.stderr
    made = make_site(tmp_path / "blog", "hugo", 2)
    both = postwright("check", "--site", str(made.root), str(made.root / made.posts[0].rel))
    assert both.returncode == 2
    assert postwright("check").returncode == 2
