"""The ``postwright`` command line: parses arguments and hands them to a command.

``postwright [FILE]`` opens the window (``postwright SITE_DIR`` opens a site's folder with it);
the subcommands are headless. Each lives in its own
module under :mod:`editor.commands`; this module and everything it imports at start-up stay
free of Qt, so the headless commands start fast and run where no display exists.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from editor import __version__
from editor.commands import check, export, meta, new, render, window
from editor.core.filekinds import is_post_name

#: the subcommands, in the order ``--help`` lists them
COMMANDS = (check, meta, new, render, export)


def build_parser() -> argparse.ArgumentParser:
    """The headless commands' parser."""
    parser = argparse.ArgumentParser(
        prog="postwright",
        description="Edit blog posts for static sites. 'postwright [FILE]' opens the editor, "
        "'postwright SITE_DIR' opens a site's folder with its posts; the commands below work "
        "without a window.",
    )
    parser.add_argument("--version", action="version", version=f"postwright {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse offers no public lookup
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``postwright`` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or (
        args_list[0] not in _command_names(parser) and not args_list[0].startswith("-")
    ):
        for name in args_list:
            if not Path(name).exists() and not is_post_name(name):
                parser.error(f"'{name}' is neither a command nor a post file")
        return window.run(args_list)
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
