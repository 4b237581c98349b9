"""Line endings: which one a text uses, and how to apply edits without touching the rest."""

from __future__ import annotations

import difflib


def dominant_newline(text: str) -> str:
    """``\\r\\n`` when most line endings are CRLF, else ``\\n``."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def to_lf(text: str) -> str:
    """``text`` with CRLF line endings turned into LF."""
    return text.replace("\r\n", "\n")


def splice_lines(old_raw: str, new_lf: str, newline: str) -> str:
    """Apply the line changes between ``old_raw`` (read as LF) and ``new_lf`` to ``old_raw``.

    Unchanged lines keep their original bytes (CRLF or LF each); changed and new lines get
    ``newline``. This is how an edit made on LF text (a library's output, the editor's buffer)
    reaches a file without rewriting the lines nobody edited.
    """
    old_lines = old_raw.splitlines(keepends=True)
    old_bare = [line.rstrip("\r\n") for line in old_lines]
    new_lines = new_lf.splitlines(keepends=True)
    new_bare = [line.rstrip("\n") for line in new_lines]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_bare, b=new_bare, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(old_lines[i1:i2])
            # a last line may gain or lose its line ending (a line added after it, or the lines
            # after it removed)
            if i2 == len(old_lines) or j2 == len(new_lines):
                had_end = old_lines[i2 - 1].endswith(("\n", "\r"))
                has_end = new_lines[j2 - 1].endswith("\n")
                if had_end and not has_end:
                    out[-1] = out[-1].rstrip("\r\n")
                elif has_end and not had_end:
                    out[-1] += newline
            continue
        out.extend(
            new_bare[j] + (newline if new_lines[j].endswith("\n") else "") for j in range(j1, j2)
        )
    return "".join(out)
