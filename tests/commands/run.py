"""Running ``postwright`` as a user runs it: a real process on real files."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """A finished command: its exit code, output and how long it took."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float


def postwright(*args: str, cwd: Path | None = None, before: str = "", timeout: float = 60) -> Run:
    """Run ``postwright ARGS``; ``before`` is Python run first in the same process (to make a
    disk full, say), as the operating system would make it."""
    code = f"{before}\nimport sys\nfrom editor.cli import main\nsys.exit(main({list(args)!r}))\n"
    command = [sys.executable, "-c", code] if before else [sys.executable, "-m", "editor", *args]
    started = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=cwd, check=False, timeout=timeout
    )
    return Run(result.returncode, result.stdout, result.stderr, time.perf_counter() - started)


def one_line(text: str) -> str:
    """``text`` when it is exactly one line (no traceback, no noise), else a failed check."""
    assert "Traceback" not in text, text
    assert text.endswith("\n"), text
    assert text.count("\n") == 1, text
    return text.rstrip("\n")
