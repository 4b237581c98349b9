"""``postwright new TITLE [--dir DIR] [--date DATE]``: a new post named after its title, with
the excerpt marker in the form of the site the folder belongs to. Never overwrites a file."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import sys
from pathlib import Path
from typing import Any

from editor.core.files import atomic_write
from editor.core.newpost import new_post_text
from editor.core.post import parse_date
from editor.core.slug import make_slug
from editor.core.target import resolve_target

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: Any) -> None:
    """Register ``new``."""
    parser = subparsers.add_parser("new", help="create a new post named after its title")
    parser.add_argument("title", metavar="TITLE")
    parser.add_argument("--dir", default=".", help="folder for the new file (default: here)")
    parser.add_argument("--date", help="the post's date (default: today)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Create ``DIR/slug.md``."""
    try:
        date = parse_date(args.date) if args.date else dt.datetime.now().astimezone().date()
    except ValueError as exc:
        print(f"postwright new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"{folder}: no such folder", file=sys.stderr)
        return EXIT_FAILED
    target = folder / f"{make_slug(args.title)}.md"
    if target.exists() or target.is_symlink():
        print(f"{target}: already exists; choose another title or folder", file=sys.stderr)
        return EXIT_FAILED
    marker = resolve_target(target).marker

    def still_new(path: Path) -> None:
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, "already exists", str(path))

    try:
        atomic_write(
            target,
            new_post_text(args.title, date, marker=marker).encode("utf-8"),
            before_replace=still_new,
        )
    except FileExistsError:
        print(f"{target}: already exists; choose another title or folder", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"{target}: not written ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    print(target)
    return EXIT_OK
