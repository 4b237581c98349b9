"""The pre-publish checks: ``check(post, target) -> findings``.

One checker serves ``postwright check``, the window's status bar and its findings list, so all
three report the same findings for the same post. The general rules (front matter that does
not parse, a missing title or date, markers in the wrong place) are here; what a generator
itself would refuse comes from its profile, through the post's :class:`~editor.core.target.Target`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from editor.core.errors import PostError
from editor.core.excerpt import find_markers
from editor.core.findings import Finding, Severity
from editor.core.mdscan import code_line_mask, first_h1
from editor.core.post import Post, load_post, parse_date
from editor.core.target import GENERATOR_LABELS, NO_TARGET, Target, resolve_target
from editor.core.titles import two_titles
from editor.core.vocabulary import term_findings

#: a file name that starts with a date (Jekyll's posts)
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")
#: how a rule records a finding: (line, severity, message, rule id)
_Add = Callable[[int | None, Severity, str, str], None]

#: generators that stop on a date written as text or in Jekyll's spaced form
_STRICT_DATES = frozenset({"mkdocs", "eleventy"})


def check(post: Post, target: Target = NO_TARGET) -> list[Finding]:
    """Everything worth telling the writer about ``post`` before it is published, in file
    order."""
    if post.error is not None:
        error = post.error
        return [Finding(post.path, error.line or 1, error.column, "error", error.message, "syntax")]
    findings: list[Finding] = []

    def add(line: int | None, severity: Severity, message: str, rule: str) -> None:
        findings.append(Finding(post.path, line or 1, None, severity, message, rule))

    if not post.title:
        add(
            post.body_line,
            "error",
            "no title: add 'title:' to the front matter or a '# ' heading",
            "no-title",
        )
    _check_duplicates(post, target, add)
    _check_date(post, target, add)
    _check_markers(post, target, add)
    _check_titles(post, add)
    _check_repeated_title(post, target, add)
    findings.extend(target.check(post))
    findings.extend(term_findings(post, target.vocabulary))
    return sorted(findings, key=Finding.sort_key)


#: generators that stop on a front matter key written twice (the others take the last one)
STRICT_KEYS = frozenset({"hugo", "eleventy", "hexo", "astro", "zola"})


def _check_duplicates(post: Post, target: Target, add: _Add) -> None:
    """A key written twice: some generators refuse the post, the others silently keep the last
    value."""
    for dup in post.duplicate_keys:
        lines = f"(lines {dup.first} and {dup.line})"
        if target.site is None:
            message = (
                f"'{dup.key}' is written twice in the front matter, on lines {dup.first} and "
                f"{dup.line}: Hugo refuses the post and other generators keep only the last one"
            )
            add(dup.line, "error", message, "duplicate-key")
        elif target.generator in STRICT_KEYS:
            name = GENERATOR_LABELS.get(target.generator, target.generator)
            add(dup.line, "error", f"'{dup.key}' is written twice {lines}: {name} stops on it",
                "duplicate-key")  # fmt: skip
        else:
            add(dup.line, "warning", f"'{dup.key}' is written twice {lines}: only the last counts",
                "duplicate-key")  # fmt: skip


def _check_date(post: Post, target: Target, add: _Add) -> None:
    raw = post.date_value
    line = post.key_line("date") or post.key_line("pubDate") or 1
    if raw is None:
        named = post.path is not None and _DATED_NAME.match(post.path.name)
        if target.generator == "jekyll" and named:
            return  # Jekyll dates a post by its file name
        add(1, "error", "no date: add 'date: YYYY-MM-DD' to the front matter", "no-date")
        return
    try:
        value = parse_date(raw)
    except ValueError as exc:
        add(line, "error", str(exc), "bad-date")
        return
    if post.format != "yaml" or not isinstance(raw, str):
        return
    if target.generator == "mkdocs":
        return  # the profile reports it as the build error it is
    strict = target.generator in _STRICT_DATES
    if target.site is not None and not strict:
        return  # this generator reads the form as written
    written = post.text.splitlines()[line - 1].partition(":")[2].strip()
    iso = value.isoformat()
    if written[:1] in "'\"":
        if target.site is None:
            add(line, "warning", f"the date is quoted; MkDocs needs it unquoted (date: {iso})",
                "date-form")  # fmt: skip
        return
    message = f"MkDocs and Eleventy reject this date form; write it as ISO 8601 (date: {iso})"
    add(line, "error" if strict else "warning", message, "date-form")


def _check_markers(post: Post, target: Target, add: _Add) -> None:
    markers = find_markers(post.body, target.separators)
    real = [marker for marker in markers if not marker.in_code]
    for extra in real[1:]:
        add(
            post.body_line + extra.line,
            "error",
            "a second excerpt marker: only the first one counts",
            "extra-marker",
        )
    for marker in markers:
        if not marker.in_code:
            continue
        message = f"excerpt marker '{marker.text}' inside code is shown as text, not used"
        severity: Severity = "warning" if real else "error"
        add(post.body_line + marker.line, severity, message, "marker-in-code")
    if not real and not any(marker.in_code for marker in markers):
        message = target.missing_marker_message
        if message:
            severity = "error" if target.excerpt_need == "required" else "warning"
            add(post.body_line, severity, message, "no-marker")


def _check_repeated_title(post: Post, target: Target, add: _Add) -> None:
    """In a site whose pages print ``title``, a body that opens with the same ``# H1`` shows
    the title twice (an export lifts such a heading; a post in the site keeps it)."""
    if target.kind != "site" or not target.profile.lift_title:
        return
    if post.title_source != "front matter":
        return
    lines = post.body.splitlines()
    heading = first_h1(lines, code_line_mask(lines))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if heading is None or heading[1] != first or heading[0].strip() != (post.title or "").strip():
        return
    add(
        post.body_line + heading[1],
        "warning",
        f"the title shows twice: {target.label}'s pages print the title, and this heading "
        "repeats it; remove the heading",
        "title-twice",
    )


def _check_titles(post: Post, add: _Add) -> None:
    """A front matter title and a different leading ``# H1``: the page shows both."""
    found = two_titles(post)
    if found is not None:
        add(found.line, "warning", found.message, "two-titles")


def check_file(path: Path, target: Target | None = None) -> list[Finding]:
    """:func:`check` for a file on disk; an unreadable file is one finding.

    Without ``target``, the post's own site (the folder above it) is used.
    """
    try:
        post = load_post(path)
    except PostError as exc:
        return [Finding(path, exc.line or 1, exc.column, "error", exc.message, "unreadable")]
    if target is None:
        target = resolve_target(path)
    return check(post, target)
