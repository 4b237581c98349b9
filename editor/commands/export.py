"""``postwright export`` and ``postwright detect``: one post (or several) into a static site.

Every post is planned before anything is written: an error or an unforced conflict in any of
them leaves the site untouched. Problems print as ``file:line: message`` lines, never as a
traceback. Exit codes: 0 done, 1 errors or conflicts, 2 unusable arguments (no such site
folder, a folder no generator is recognised in).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from editor.core.errors import PostError
from editor.core.export import (
    ExportOptions,
    ExportPlan,
    ExportResult,
    PlannedFile,
    apply_plan,
    check_together,
    plan_export,
)
from editor.core.site import GENERATORS, Site, detect_site

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: Any) -> None:
    """Register ``export`` and ``detect`` on an argparse sub-parser set."""
    export = subparsers.add_parser(
        "export",
        help="export posts into a static site",
        description="Export posts into a static site folder, with their images. "
        "Nothing is written if any post has an error or a conflict.",
    )
    export.add_argument("posts", nargs="+", metavar="POST", help="markdown post files")
    export.add_argument("--site", required=True, metavar="DIR", help="the site's folder")
    export.add_argument(
        "--generator", choices=GENERATORS, help="the generator, instead of detecting it"
    )
    export.add_argument(
        "--slug",
        help="the slug (the last part of the URL) for the post, remembered for its next "
        "export into this site; one post only",
    )
    export.add_argument(
        "--dry-run", action="store_true", help="show what would be written, where, and its URL"
    )
    export.add_argument(
        "--force", action="store_true", help="overwrite files Postwright did not write"
    )
    export.add_argument("--json", action="store_true", help="print the outcome as JSON")
    export.set_defaults(func=run_export)

    detect = subparsers.add_parser(
        "detect",
        help="show which static site generator a folder uses",
        description="Show the generator of a site folder and the settings an export uses.",
    )
    detect.add_argument("site", metavar="DIR", help="the site's folder")
    detect.add_argument("--generator", choices=GENERATORS, help="read this generator's settings")
    detect.add_argument("--json", action="store_true", help="print the settings as JSON")
    detect.set_defaults(func=run_detect)


def _site(args: argparse.Namespace) -> Site | None:
    """The site named on the command line, or None after saying why it cannot be read."""
    try:
        return detect_site(args.site, args.generator)
    except PostError as exc:
        print(exc, file=sys.stderr)
        return None


def run_detect(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print the detected generator and its settings."""
    out = out or sys.stdout
    site = _site(args)
    if site is None:
        return EXIT_USAGE
    if args.json:
        print(json.dumps(site.to_json(), indent=2, ensure_ascii=False), file=out)
        return EXIT_OK
    data = site.to_json()
    print(f"{site.generator} site at {site.root}", file=out)
    print(f"  recognised by: {', '.join(site.evidence)}", file=out)
    for key in ("config", "posts_dir", "front_matter", "excerpt_separator"):
        print(f"  {key}: {data[key] if data[key] is not None else '-'}", file=out)
    print(f"  taxonomies: {', '.join(site.taxonomies) or '-'}", file=out)
    for kind in ("tags", "categories", "authors"):
        terms = data["vocabulary"][kind]
        shown = ", ".join(terms[:20]) + (f" (+{len(terms) - 20} more)" if len(terms) > 20 else "")
        print(f"  {kind} in use: {shown or '-'}", file=out)
    for key, value in data["settings"].items():
        print(f"  {key}: {value if value not in (None, '', [], {}) else '-'}", file=out)
    for note in site.notes:
        print(f"note: {note}", file=out)
    return EXIT_OK


def _written_any(results: list[ExportResult | None]) -> bool:
    return any(result is not None and (result.written or result.removed) for result in results)


def _file_json(planned: PlannedFile, action: str) -> dict[str, Any]:
    return {
        "path": str(planned.relpath),
        "kind": planned.kind,
        "status": planned.status,
        "action": action,
        "reason": planned.reason or None,
    }


def _actions(
    plan: ExportPlan, result: ExportResult | None, dry_run: bool
) -> list[tuple[PlannedFile, str]]:
    """Each file with what happened to it: written, unchanged, conflict, would write..."""
    if result is None:
        pairs = []
        for planned in plan.files:
            if planned.status == "unchanged":
                action = "unchanged"
            elif planned.status == "conflict":
                action = "conflict"
            else:
                action = "would write" if dry_run else "not written"
            pairs.append((planned, action))
        return pairs
    pairs = [(f, "written") for f in result.written]
    pairs += [(f, "unchanged") for f in result.unchanged]
    pairs += [(f, "conflict") for f in result.conflicts]
    return pairs


def run_export(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Plan every post, then write them all, or nothing."""
    out = out or sys.stdout
    site = _site(args)
    if site is None:
        return EXIT_USAGE
    if args.slug is not None and len(args.posts) != 1:
        print("export: --slug names one post's slug: give one post", file=sys.stderr)
        return EXIT_USAGE
    options = ExportOptions(slug=args.slug)
    plans: list[ExportPlan] = []
    errors: list[PostError] = []
    for name in args.posts:
        try:
            plans.append(plan_export(Path(name), site, options=options))
        except PostError as exc:
            errors.append(exc)
    errors += check_together(plans)
    errors += [error for plan in plans for error in plan.errors]
    conflicts = [f for plan in plans for f in plan.conflicts]
    results: list[ExportResult | None] = [None] * len(plans)
    if not errors and not args.dry_run and (args.force or not conflicts):
        results = [apply_plan(plan, force=args.force) for plan in plans]
        errors += [error for result in results if result for error in result.errors]
        conflicts = [f for result in results if result for f in result.conflicts]
    failed = bool(errors) or (bool(conflicts) and not args.force)
    if args.json:
        _print_json(
            site=site,
            plans=plans,
            results=results,
            errors=errors,
            args=args,
            failed=failed,
            out=out,
        )
    else:
        _print_text(site=site, plans=plans, results=results, errors=errors, args=args, out=out)
    return EXIT_FAILED if failed else EXIT_OK


def _print_text(
    *,
    site: Site,
    plans: list[ExportPlan],
    results: list[ExportResult | None],
    errors: list[PostError],
    args: argparse.Namespace,
    out: TextIO,
) -> None:
    for error in errors:
        print(error, file=sys.stderr)
    notes: dict[str, None] = {}
    for plan, result in zip(plans, results, strict=True):
        if plan.errors:
            continue
        print(f"{plan.post} -> {site.generator} site {site.root}", file=out)
        target = plan.target
        if target is not None:
            chosen = " (chosen)" if plan.slug_chosen else ""
            print(f"  slug:        {plan.slug}{chosen}", file=out)
            print(f"  path:        {target.relpath}", file=out)
            print(f"  url:         {plan.url or '- (the site decides)'}", file=out)
            if plan.hidden:
                print(f"  not shown:   {plan.hidden}", file=out)
        for planned, action in _actions(plan, result, args.dry_run):
            reason = f": {planned.reason}" if planned.reason else ""
            print(f"  {action:<12} {planned.relpath}{reason}", file=out)
        removed = result.removed if result is not None else ()
        for removal in plan.removals:
            if result is None:
                verb = "would remove" if args.dry_run else "not removed"
            else:
                verb = "removed" if removal in removed else "kept"
            where = f" (moved to {removal.moved_to})" if removal.moved_to else ""
            print(f"  {verb:<12} {removal.relpath}{where}", file=out)
        notes.update(dict.fromkeys(plan.notes))
    for note in notes:
        print(f"note: {note}", file=out)
    wrote = _written_any(results)
    if any(plan.conflicts for plan in plans) and not args.force and not wrote:
        print("conflicts: nothing was written; --force overwrites those files", file=out)
    elif errors and wrote:
        print("errors: the files listed as written were written; the rest were not", file=out)
    elif errors:
        print("errors: nothing was written", file=out)
    elif args.dry_run:
        print("dry run: nothing was written", file=out)


def _print_json(
    *,
    site: Site,
    plans: list[ExportPlan],
    results: list[ExportResult | None],
    errors: list[PostError],
    args: argparse.Namespace,
    failed: bool,
    out: TextIO,
) -> None:
    posts = []
    for plan, result in zip(plans, results, strict=True):
        target = plan.target
        removed = result.removed if result is not None else ()
        posts.append(
            {
                "post": str(plan.post) if plan.post else None,
                "slug": plan.slug if target is not None else None,
                "slug_chosen": plan.slug_chosen,
                "path": str(target.relpath) if target is not None else None,
                "url": plan.url if target is not None else None,
                "hidden": plan.hidden or None,
                "files": [_file_json(f, a) for f, a in _actions(plan, result, args.dry_run)],
                "removed": [
                    {
                        "path": str(removal.relpath),
                        "moved_to": str(removal.moved_to) if removal.moved_to else None,
                        "action": (
                            ("would remove" if args.dry_run else "not removed")
                            if result is None
                            else ("removed" if removal in removed else "kept")
                        ),
                    }
                    for removal in plan.removals
                ],
                "notes": list(plan.notes),
            }
        )
    payload = {
        "ok": not failed,
        "dry_run": bool(args.dry_run),
        "written": _written_any(results),
        "site": str(site.root),
        "generator": site.generator,
        "posts": posts,
        "errors": [
            {
                "file": str(e.path) if e.path else None,
                "line": e.line,
                "message": e.message,
                "text": str(e),
            }
            for e in errors
        ],
    }
    print(json.dumps(payload, indent=2, ensure_ascii=False), file=out)
