"""The ``postwright`` command line: parses arguments and hands them to a command.

``postwright [FILE]`` opens the window (``postwright SITE_DIR`` opens a site's folder with it);
the subcommands are headless. Each lives in its own
module under :mod:`editor.commands`; this module and everything it imports at start-up stay
free of Qt, so the headless commands start fast and run where no display exists; and the
window's start loads none of the headless commands (nor the post checks and export planning
they bring).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from editor import __version__
from editor.core.filekinds import is_post_name

#: the subcommands' modules under :mod:`editor.commands`, in the order ``--help`` lists them
COMMAND_MODULES = ("check", "meta", "new", "render", "export")
#: the subcommands they add (told apart from a post's name without importing them)
COMMAND_NAMES = frozenset({"check", "meta", "new", "render", "export", "detect"})


def commands() -> tuple[ModuleType, ...]:
    """The subcommands' modules (imported now)."""
    return tuple(importlib.import_module(f"editor.commands.{name}") for name in COMMAND_MODULES)


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
    for command in commands():
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``postwright`` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMAND_NAMES and not args_list[0].startswith("-")):
        for name in args_list:
            if not Path(name).exists() and not is_post_name(name):
                build_parser().error(f"'{name}' is neither a command nor a post file")
        from editor.commands import window

        return window.run(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
