"""The ``postwright`` command line itself: its version and the arguments it refuses. Each
command has its own tests under tests/commands/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.run import postwright


def test_version() -> None:
    result = postwright("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("postwright ")


@pytest.mark.parametrize("args", [["new", "X", "--date", "soon"], ["frobnicate"]])
def test_unusable_arguments_exit_2(args: list[str], tmp_path: Path) -> None:
    result = postwright(*args, cwd=tmp_path)
    assert result.returncode == 2
