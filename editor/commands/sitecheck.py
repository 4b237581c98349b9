"""``postwright check --site DIR``: the pre-publish check of a whole site.

Every post is checked as ``postwright check`` checks one, with the site's vocabulary, and the
posts against each other and the site's files (:mod:`editor.core.sitecheck`). Findings are
printed as ``file:line: message`` with the file named from ``DIR``; ``--json`` prints them all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from editor.core.errors import PostError
from editor.core.findings import Finding
from editor.core.site import detect_site
from editor.core.sitecheck import check_site
from editor.core.target import GENERATOR_LABELS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _named(finding: Finding, root: Path, shown: Path) -> Finding:
    """The finding with its file named from the folder as the writer typed it."""
    path = finding.path
    if path is None:
        return finding
    try:
        relative = path.resolve().relative_to(root)
    except (OSError, ValueError):
        return finding
    return Finding(
        shown / relative,
        finding.line,
        finding.column,
        finding.severity,
        finding.message,
        finding.rule,
    )


def run_site(args: argparse.Namespace) -> int:
    """Exit 0 when no post of the site has an error, 1 when one has, 2 when DIR is no site."""
    if args.posts:
        print(
            "postwright check: --site checks every post of the site; leave out the posts",
            file=sys.stderr,
        )
        return EXIT_USAGE
    shown = Path(args.site)
    try:
        site = detect_site(shown, args.generator, scan=False)
    except PostError as exc:
        print(f"postwright check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = check_site(site)
    findings = [_named(finding, site.root, shown) for finding in report.findings]
    failed = report.errors > 0
    if args.json:
        data = {
            "ok": not failed,
            "site": str(site.root),
            "generator": site.generator,
            "checked": report.checked,
            "errors": report.errors,
            "warnings": report.warnings,
            "findings": [finding.to_json() for finding in findings],
        }
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_FAILED if failed else EXIT_OK
    for finding in findings:
        if args.quiet and finding.severity != "error":
            continue
        print(finding.located())
    if not args.quiet:
        label = GENERATOR_LABELS.get(site.generator, site.generator)
        counts = [
            f"{report.errors} error{'s' if report.errors != 1 else ''}",
            f"{report.warnings} warning{'s' if report.warnings != 1 else ''}",
        ]
        print(f"{shown}: {report.checked} posts of a {label} site checked: {', '.join(counts)}")
    return EXIT_FAILED if failed else EXIT_OK
