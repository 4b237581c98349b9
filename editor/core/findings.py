"""What a check found: one value type for ``postwright check``, the status bar and the window's
findings list, so all three say the same thing about the same post."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem at one place. ``line`` and ``column`` are 1-based (``column`` may be None).

    ``rule`` is a short stable id ("no-title", "marker-in-code") that scripts and tests match.
    An error is something the generator stops on or gets wrong; a warning is worth fixing; an
    info only says what will happen.
    """

    path: Path | None
    line: int
    column: int | None
    severity: Severity
    message: str
    rule: str

    def located(self) -> str:
        """``file:line[:column]: [warning: ]message``, the form every command prints."""
        where = str(self.path) if self.path is not None else "<text>"
        where += f":{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.message}"

    def to_json(self) -> dict[str, Any]:
        """The finding for ``--json``."""
        return {
            "file": str(self.path) if self.path is not None else None,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "rule": self.rule,
        }

    def sort_key(self) -> tuple[str, int, int, int]:
        """File, then line and column, then errors before warnings."""
        return (
            str(self.path or ""),
            self.line,
            self.column or 0,
            SEVERITIES.index(self.severity),
        )
