"""``postwright render POST [-o FILE] [--theme light|dark]``: the preview page as a file.

The page is standalone (CSS and script inlined) and as safe as the preview: no post script
runs and no remote image loads unless ``--allow-remote-images``. The post is rendered by the
rules of the site it lives in (or of ``--generator``): its excerpt marker, and which
shortcodes or template tags show as placeholders. Problems print as
``file:line: message`` on stderr with exit status 1, render warnings as
``file:line: warning: message`` (exit 0); never a traceback.

The same guard as the window's preview stands in front of the renderer: a post that Markdown
would take seconds or minutes to read (a huge paragraph full of emphasis, thousands of
unclosed brackets, nesting hundreds deep) is not rendered. The page then holds the preview's
notice, the reason is printed as ``file:1: not rendered: ...`` and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.core.errors import PostError
from editor.core.site import GENERATORS

EXIT_OK, EXIT_FAILED = 0, 1


def add_parser(subparsers: Any) -> None:
    """Register ``render`` on an argparse sub-parser set."""
    parser = subparsers.add_parser(
        "render",
        help="render a post to a standalone HTML page",
        description="Render a post as the preview shows it: one HTML file with its styles "
        "inlined, written to FILE or to standard output.",
    )
    parser.add_argument("post", metavar="POST", help="the markdown post file")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the page here")
    parser.add_argument(
        "--theme", choices=("light", "dark"), default="light", help="colours (default: light)"
    )
    parser.add_argument(
        "--generator",
        choices=GENERATORS,
        help="render a post that lives in no site by this generator's rules (its excerpt "
        "marker, which shortcodes or tags it runs)",
    )
    parser.add_argument(
        "--allow-remote-images",
        action="store_true",
        help="load http(s) images instead of showing a placeholder",
    )
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    """Render ``args.post``; see the module docstring for the contract."""
    from editor.core.post import load_post
    from editor.core.render import Renderer
    from editor.core.render.guard import is_notice, preview_hazard, render_or_notice
    from editor.core.render.page import build_page
    from editor.core.target import TargetChoice, resolve_target

    path = Path(args.post)
    try:
        post = load_post(path)
        if post.error is not None:
            return _fail(str(post.error))
        choice = TargetChoice(None, args.generator) if args.generator else None
        target = resolve_target(path, choice)
        options = target.render_options(allow_remote_images=bool(args.allow_remote_images))
        failures: list[Exception] = []
        result = render_or_notice(Renderer(options), post.text, path, failures.append)
        if result is None:
            why = (
                f"{type(failures[0]).__name__}: {failures[0]}"
                if failures
                else "Markdown gave up on it (nested too deeply?)"
            )
            return _fail(f"{path}:1: cannot render: {why}")
        page = build_page(result, theme=args.theme, allow_remote_images=options.allow_remote_images)
    except PostError as exc:
        return _fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - the contract is a message, never a traceback
        return _fail(f"{path}:1: cannot render: {type(exc).__name__}: {exc}")
    notice = is_notice(result)
    if notice:
        print(f"{path}:1: not rendered: {preview_hazard(post.text)}", file=sys.stderr)
    else:
        for warning in result.warnings:
            print(f"{path}:{warning.line}: warning: {warning.message}", file=sys.stderr)
    status = EXIT_FAILED if notice else EXIT_OK
    if args.output is None:
        sys.stdout.write(page)
        sys.stdout.flush()
        return status
    from editor.core.files import atomic_write

    try:
        atomic_write(args.output, page.encode("utf-8"))
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the page: {exc.strerror or exc}")
    return status
