"""``postwright meta POST [--get KEY] [--set KEY=VALUE] [--unset KEY] [--json]``: read or edit
one post's front matter without reshaping it (only the edited keys' lines change).

Every problem is one ``file[:line]: message`` line on stderr with exit status 1, and the file
is left as it was: front matter that does not parse, a read-only file, a full disk, a file
changed by another program while it was edited, and front matter that would be added to a
file that is not a markdown post by name (also through a symlink)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from editor.core.disk import DiskState
from editor.core.errors import PostError
from editor.core.filekinds import is_post_name
from editor.core.files import ReadOnlyFileError, atomic_write, write_target
from editor.core.frontmatter import jsonable, parse_yaml_value
from editor.core.post import Post, load_post

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: Any) -> None:
    """Register ``meta``."""
    parser = subparsers.add_parser(
        "meta", help="read or edit a post's front matter without reshaping it"
    )
    parser.add_argument("post", metavar="POST")
    parser.add_argument("--get", metavar="KEY", help="print one value")
    parser.add_argument(
        "--set", metavar="KEY=VALUE", action="append",
        help="set a value, read as YAML: tags=[a,b], draft=false, date=2024-12-12",
    )  # fmt: skip
    parser.add_argument("--unset", metavar="KEY", action="append", help="remove a key")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def parse_value(text: str) -> Any:
    """A command-line value as a writer means it: YAML scalars and flow lists. Raises
    :class:`PostError` for a value nested too deep or full of aliases."""
    if text == "":
        return ""
    return parse_yaml_value(text)


def _show(value: Any) -> str:
    plain = jsonable(value)
    return plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)


def _fail(error: PostError | str) -> int:
    print(str(error), file=sys.stderr)
    return EXIT_FAILED


def _refuse_new_front_matter(path: Path) -> str | None:
    """Why front matter must not be added to ``path`` (a file that has none), if it must not:
    a file that is not a markdown post by name, or a link to one that is not (``post.md`` ->
    ``/etc/hosts``)."""
    target = write_target(path)
    for name in dict.fromkeys((path.name, target.name)):
        if not is_post_name(name):
            where = "" if target == path else f" (it is a link to {target})"
            return (
                f"{path}: has no front matter and '{name}' is not a markdown post{where}; "
                "nothing was changed"
            )
    return None


def _save(path: Path, post: Post, loaded: DiskState) -> int:
    def unchanged(target: Path) -> None:
        if loaded.changed_on_disk(target, by_content=True):
            raise PostError("the file changed on disk while it was edited; nothing was changed")

    try:
        atomic_write(path, post.to_bytes(), before_replace=unchanged)
    except PostError as exc:
        return _fail(exc.located(path))
    except ReadOnlyFileError:
        return _fail(f"{path}: the file is read-only; nothing was changed")
    except OSError as exc:
        return _fail(f"{path}: not saved ({exc.strerror or exc}); the file is unchanged")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Read or edit one post's front matter."""
    path = Path(args.post)
    try:
        post = load_post(path)
        loaded = DiskState.of_bytes(path, post.to_bytes())
    except PostError as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(f"{path}: the file cannot be read: {exc.strerror or exc}")
    if post.error is not None:
        return _fail(post.error)
    edits: list[tuple[str, Any]] = []
    for item in args.set or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            print(f"postwright meta: --set needs KEY=VALUE, got '{item}'", file=sys.stderr)
            return EXIT_USAGE
        try:
            edits.append((key.strip(), parse_value(value)))
        except PostError as exc:
            return _fail(f"postwright meta: --set {key.strip()}: {exc.message}")
    if edits or args.unset:
        if edits and post.block is None:
            refusal = _refuse_new_front_matter(path)
            if refusal is not None:
                return _fail(refusal)
        edited: Post = post
        try:
            for key, value in edits:
                edited = edited.with_value(key, value)
            for key in args.unset or []:
                edited = edited.without(key)
        except PostError as exc:
            return _fail(exc)
        if edited.text != post.text:
            status = _save(path, edited, loaded)
            if status != EXIT_OK:
                return status
        post = edited
        if not args.get and not args.json:
            return EXIT_OK
    if args.get:
        value = post.get(args.get)
        if value is None:
            return _fail(f"{path}: no key '{args.get}' in the front matter")
        print(json.dumps(jsonable(value), ensure_ascii=False) if args.json else _show(value))
        return EXIT_OK
    if args.json:
        print(json.dumps(jsonable(post.meta), ensure_ascii=False, indent=2))
    else:
        for key, value in post.meta.items():
            print(f"{key}: {_show(value)}")
    return EXIT_OK
