"""The ``postwright`` command: ``postwright [FILE]`` opens the window; subcommands are headless.

This module and everything it imports at start-up stay free of Qt, so the headless commands
start fast and run where no display exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from editor import __version__
from editor.core.errors import PostError
from editor.core.excerpt import find_markers
from editor.core.files import atomic_write
from editor.core.frontmatter import jsonable
from editor.core.newpost import new_post_text
from editor.core.post import Post, load_post, parse_date
from editor.core.slug import make_slug

Registrar = Callable[[Any], None]
POST_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mdx", ".txt"}


def _say_error(error: PostError | str) -> None:
    print(str(error), file=sys.stderr)


# ---------------------------------------------------------------------------- check


def check_post(path: Path) -> tuple[list[str], list[str]]:
    """(problems, warnings) for one post, each as ``file:line: message``."""
    try:
        post = load_post(path)
    except PostError as exc:
        return [str(exc)], []
    problems: list[str] = []
    warnings: list[str] = []

    def at(line: int | None, message: str) -> str:
        return f"{path}:{line or 1}: {message}"

    if post.error is not None:
        return [str(post.error)], []
    if not post.title:
        problems.append(
            at(post.body_line, "no title: add 'title:' to the front matter or a '# ' heading")
        )
    raw_date = post.date_value
    date_line = post.key_line("date") or post.key_line("pubDate") or 1
    if raw_date is None:
        problems.append(at(1, "no date: add 'date: YYYY-MM-DD' to the front matter"))
    else:
        try:
            parse_date(raw_date)
        except ValueError as exc:
            problems.append(at(date_line, str(exc)))
        else:
            if post.format == "yaml" and isinstance(raw_date, str):
                warnings.append(at(date_line, "warning: " + _date_form_advice(post, date_line)))
    markers = find_markers(post.body)
    real = [marker for marker in markers if not marker.in_code]
    problems.extend(
        at(post.body_line + extra.line, "a second excerpt marker: only the first one counts")
        for extra in real[1:]
    )
    for marker in markers:
        if not marker.in_code:
            continue
        message = f"excerpt marker '{marker.text}' inside code is shown as text, not used"
        if real:
            warnings.append(at(post.body_line + marker.line, "warning: " + message))
        else:
            problems.append(at(post.body_line + marker.line, message))
    return problems, warnings


def _date_form_advice(post: Post, line: int) -> str:
    written = post.text.splitlines()[line - 1].partition(":")[2].strip()
    iso = parse_date(post.date_value).isoformat()
    if written[:1] in "'\"":
        return f"the date is quoted; MkDocs needs it unquoted (date: {iso})"
    return f"MkDocs and Eleventy reject this date form; write it as ISO 8601 (date: {iso})"


def run_check(args: argparse.Namespace) -> int:
    """Exit 0 when every post is clean, 1 when any has a problem."""
    failed = False
    for name in args.posts:
        problems, warnings = check_post(Path(name))
        for line in problems + warnings:
            print(line)
        if problems:
            failed = True
        elif not args.quiet:
            print(f"{name}: ok")
    return 1 if failed else 0


# ---------------------------------------------------------------------------- meta


def parse_value(text: str) -> Any:
    """A command-line value as a writer means it: YAML scalars and flow lists."""
    if text == "":
        return ""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _show(value: Any) -> str:
    plain = jsonable(value)
    return plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)


def run_meta(args: argparse.Namespace) -> int:
    """Read or edit one post's front matter."""
    path = Path(args.post)
    try:
        post = load_post(path)
    except PostError as exc:
        _say_error(exc)
        return 1
    if post.error is not None:
        _say_error(post.error)
        return 1
    edits: list[tuple[str, Any]] = []
    for item in args.set or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            print(f"postwright meta: --set needs KEY=VALUE, got '{item}'", file=sys.stderr)
            return 2
        edits.append((key.strip(), parse_value(value)))
    if edits or args.unset:
        edited: Post = post
        try:
            for key, value in edits:
                edited = edited.with_value(key, value)
            for key in args.unset or []:
                edited = edited.without(key)
        except PostError as exc:
            _say_error(exc)
            return 1
        if edited.text != post.text:
            atomic_write(path, edited.to_bytes())
        post = edited
        if not args.get and not args.json:
            return 0
    if args.get:
        value = post.get(args.get)
        if value is None:
            print(f"{path}: no key '{args.get}' in the front matter", file=sys.stderr)
            return 1
        print(json.dumps(jsonable(value), ensure_ascii=False) if args.json else _show(value))
        return 0
    if args.json:
        print(json.dumps(jsonable(post.meta), ensure_ascii=False, indent=2))
    else:
        for key, value in post.meta.items():
            print(f"{key}: {_show(value)}")
    return 0


# ---------------------------------------------------------------------------- new


def run_new(args: argparse.Namespace) -> int:
    """Create ``DIR/slug.md``; never overwrite a file."""
    try:
        date = parse_date(args.date) if args.date else dt.datetime.now().astimezone().date()
    except ValueError as exc:
        print(f"postwright new: {exc}", file=sys.stderr)
        return 2
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"{folder}: no such folder", file=sys.stderr)
        return 1
    target = folder / f"{make_slug(args.title)}.md"
    if target.exists():
        print(f"{target}: already exists; choose another title or folder", file=sys.stderr)
        return 1
    atomic_write(target, new_post_text(args.title, date).encode("utf-8"))
    print(target)
    return 0


# ---------------------------------------------------------------------------- window


def run_window(files: Sequence[str]) -> int:
    """Open the editor window (the only path that loads Qt)."""
    try:
        from editor.gui.app import run_app
    except ImportError:
        print(
            "postwright: the editor window is not built yet; the headless commands work "
            "(postwright --help)",
            file=sys.stderr,
        )
        return 1
    return run_app(list(files))


# ---------------------------------------------------------------------------- parser


def _registrars() -> list[Registrar]:
    """Subcommands that live in their own modules."""
    registrars: list[Registrar] = []
    try:
        from editor.commands import render as render_command
    except ImportError:  # pragma: no cover - present in every release
        pass
    else:
        registrars.append(render_command.add_parser)
    try:
        from editor.commands import export as export_command
    except ImportError:  # pragma: no cover - present in every release
        pass
    else:
        registrars.append(export_command.add_parsers)
    return registrars


def build_parser() -> argparse.ArgumentParser:
    """The headless commands' parser."""
    parser = argparse.ArgumentParser(
        prog="postwright",
        description="Edit blog posts for static sites. 'postwright [FILE]' opens the editor; "
        "the commands below work without a window.",
    )
    parser.add_argument("--version", action="version", version=f"postwright {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check posts for problems a generator would trip on")
    check.add_argument("posts", nargs="+", metavar="POST")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.set_defaults(func=run_check)

    meta = sub.add_parser("meta", help="read or edit a post's front matter without reshaping it")
    meta.add_argument("post", metavar="POST")
    meta.add_argument("--get", metavar="KEY", help="print one value")
    meta.add_argument(
        "--set", metavar="KEY=VALUE", action="append",
        help="set a value, read as YAML: tags=[a,b], draft=false, date=2024-12-12",
    )  # fmt: skip
    meta.add_argument("--unset", metavar="KEY", action="append", help="remove a key")
    meta.add_argument("--json", action="store_true", help="print JSON")
    meta.set_defaults(func=run_meta)

    new = sub.add_parser("new", help="create a new post named after its title")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--dir", default=".", help="folder for the new file (default: here)")
    new.add_argument("--date", help="the post's date (default: today)")
    new.set_defaults(func=run_new)

    for register in _registrars():
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``postwright`` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set()
    for action in parser._actions:  # argparse offers no public lookup
        if isinstance(action, argparse._SubParsersAction):
            commands = set(action.choices)
    if not args_list or (args_list[0] not in commands and not args_list[0].startswith("-")):
        for name in args_list:
            if not Path(name).exists() and Path(name).suffix.lower() not in POST_SUFFIXES:
                parser.error(f"'{name}' is neither a command nor a post file")
        return run_window(args_list)
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
