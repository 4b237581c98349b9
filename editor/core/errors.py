"""The one error type the core raises for a user's bad input."""

from __future__ import annotations

from pathlib import Path


class PostError(Exception):
    """Bad input, located: ``file:line:column: message``.

    ``line`` and ``column`` are 1-based; either may be None when no position applies.
    """

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column

    def located(self, path: str | Path | None) -> PostError:
        """The same error, naming ``path`` as its file."""
        return PostError(self.message, path, self.line, self.column)

    def shifted(self, lines: int) -> PostError:
        """The same error with its line moved down by ``lines`` (a block's offset in a file)."""
        line = self.line + lines if self.line is not None else None
        return PostError(self.message, self.path, line, self.column)

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
