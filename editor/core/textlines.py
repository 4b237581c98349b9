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
            # the last line may differ only in having a line ending
            out.extend(old_lines[i1:i2])
            if i2 == len(old_lines) and j2 == len(new_lines):
                last_old = old_lines[i2 - 1].endswith(("\n", "\r"))
                last_new = new_lines[j2 - 1].endswith("\n")
                if last_old and not last_new:
                    out[-1] = out[-1].rstrip("\r\n")
                elif last_new and not last_old:
                    out[-1] += newline
            continue
        out.extend(
            new_bare[j] + (newline if new_lines[j].endswith("\n") else "") for j in range(j1, j2)
        )
    return "".join(out)
