"""``postwright check POST...``: what a generator would trip on, as ``file:line: message``.

Each post is checked by the rules of its own site (the folder above it that is a site's root),
or of ``--generator`` for posts in no site. ``--site DIR`` checks every post of a site and the
posts against each other (see :mod:`editor.core.sitecheck`). Errors make the exit status 1;
warnings are printed with ``warning:`` and do not change it. ``--json`` prints every finding
for scripts. ``--spelling`` adds ``file:line:col: unknown word 'teh' (the, ten)`` for every
unknown word.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from editor.core.checks import check_file
from editor.core.errors import PostError
from editor.core.findings import Finding
from editor.core.post import load_post
from editor.core.settings import load_settings
from editor.core.site import GENERATORS
from editor.core.spelling import (
    SpellingChecker,
    SpellingUnavailableError,
    personal_words_path,
    read_word_list,
)
from editor.core.target import Target, TargetChoice, resolve_target
from editor.resources import spelling_words

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: Any) -> None:
    """Register ``check``."""
    parser = subparsers.add_parser(
        "check",
        help="check posts for problems a generator would trip on",
        description="Check posts by the rules of the site each lives in. Prints "
        "'file:line: message' lines; exit 1 when any post has an error.",
    )
    parser.add_argument("posts", nargs="*", metavar="POST")
    parser.add_argument(
        "--site",
        metavar="DIR",
        help="check every post of the site in DIR, and the posts against each other",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.add_argument(
        "--generator",
        choices=GENERATORS,
        help="check posts that live in no site by this generator's rules",
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument(
        "--spelling",
        action="store_true",
        help="also report unknown words (the post's lang picks the dictionary)",
    )
    parser.add_argument(
        "--dictionaries",
        metavar="LANGS",
        help="dictionaries for posts without a lang, e.g. en_US,de_DE (default: as in the "
        "editor's preferences)",
    )
    parser.set_defaults(func=run)


def _target(path: Path, generator: str | None) -> Target:
    choice = TargetChoice(None, generator) if generator else None
    return resolve_target(path, choice)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when no post has an error, 1 otherwise."""
    if args.site is not None:
        from editor.commands.sitecheck import run_site

        return run_site(args)
    if not args.posts:
        print("postwright check: name the posts to check, or --site DIR", file=sys.stderr)
        return EXIT_USAGE
    failed = False
    report: list[dict[str, Any]] = []
    try:
        spelling = _spelling(args) if args.spelling else None
    except SpellingUnavailableError as exc:
        print(f"postwright check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for name in args.posts:
        path = Path(name)
        findings = check_file(path, _target(path, args.generator))
        if spelling is not None:
            findings += _unknown_words(spelling, path)
        errors = [finding for finding in findings if finding.severity == "error"]
        failed = failed or bool(errors)
        if args.json:
            report.append({"post": name, "findings": [f.to_json() for f in findings]})
            continue
        _print(findings, quiet=args.quiet)
        if not errors and not args.quiet:
            print(f"{name}: ok")
    if args.json:
        json.dump({"ok": not failed, "posts": report}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    for problem in spelling.problems if spelling is not None else ():
        print(f"postwright check: {problem}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _spelling(args: argparse.Namespace) -> SpellingChecker:
    configured = args.dictionaries or load_settings().spelling_languages
    return SpellingChecker(
        configured, personal=personal_words_path(), extra=read_word_list(spelling_words())
    )


def _unknown_words(spelling: SpellingChecker, path: Path) -> list[Finding]:
    try:
        post = load_post(path)
    except PostError:
        return []  # the checks already say why the file cannot be read
    return spelling.findings(post)


def _print(findings: list[Finding], *, quiet: bool) -> None:
    for finding in findings:
        if quiet and finding.severity != "error":
            continue
        print(finding.located())
