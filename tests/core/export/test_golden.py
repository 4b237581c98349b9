"""Golden files: what each generator profile writes for each of our source posts.

Every case exports one post from ``tests/fixtures/export/sources`` into a copy of a minimal
site from ``tests/fixtures/export/sites`` and compares the exported post's bytes, and the plan
(where each file goes, notes, errors), with ``tests/fixtures/export/golden/<generator>/<post>/``.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/core/export/test_golden.py``
and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core.export import ExportOptions, ExportPlan, apply_plan, plan_export
from editor.core.post import load_post
from editor.core.site import GENERATORS, detect_site

EXPORT = Path(__file__).resolve().parents[2] / "fixtures" / "export"
SOURCES = EXPORT / "sources"
SITES = EXPORT / "sites"
GOLDEN = EXPORT / "golden"
TODAY = dt.date(2025, 1, 15)
CASES = sorted(SOURCES.glob("*.md")) + sorted(SOURCES.glob("*/post.md"))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def _fixed_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A naive time in a post is read in the machine's zone when the site names none: pin it."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def copy_site(generator: str, tmp_path: Path) -> Path:
    """A fresh copy of the minimal site for ``generator``."""
    site = tmp_path / "site"
    shutil.copytree(SITES / generator, site)
    for keep in site.rglob(".keep"):
        keep.unlink()
    return site


def describe(plan: ExportPlan, site: Path) -> str:
    """The plan as reviewable text, with machine-specific paths replaced."""
    lines = [f"generator: {plan.generator}", f"slug: {plan.slug}", f"url: {plan.url or '-'}"]
    if plan.hidden:
        lines.append(f"hidden: {plan.hidden}")
    for planned in plan.files:
        origin = ""
        if planned.kind == "image" and planned.source is not None:
            origin = f" <- {planned.source.relative_to(SOURCES)}"
        lines.append(f"{planned.kind}: {planned.relpath} [{planned.status}]{origin}")
    lines += [f"note: {note}" for note in plan.notes]
    lines += [f"error: {error}" for error in plan.errors]
    text = "\n".join(lines) + "\n"
    return text.replace(str(site), "<site>").replace(str(SOURCES), "<sources>")


def case_name(path: Path) -> str:
    """A case's name: the file's stem, or its folder's for a generic ``post.md``."""
    return path.parent.name if path.name == "post.md" else path.stem


@pytest.mark.parametrize("source", CASES, ids=case_name)
@pytest.mark.parametrize("generator", GENERATORS)
def test_export_matches_golden(generator: str, source: Path, tmp_path: Path) -> None:
    site = copy_site(generator, tmp_path)
    before = source.read_bytes()
    detected = detect_site(site, "folder" if generator == "folder" else None)
    assert detected.generator == generator
    plan = plan_export(load_post(source), detected, options=ExportOptions(today=TODAY))
    golden = GOLDEN / generator / case_name(source)
    described = describe(plan, site)
    post = plan.target
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        golden.mkdir(parents=True)
        (golden / "PLAN.txt").write_text(described, encoding="utf-8")
        if post is not None:
            (golden / post.relpath.name).write_bytes(post.data)
    assert (golden / "PLAN.txt").read_text(encoding="utf-8") == described
    if post is not None:
        assert post.data == (golden / post.relpath.name).read_bytes()
        result = apply_plan(plan)
        assert result.ok
        for planned in plan.files:
            assert planned.path.read_bytes() == planned.data
    assert source.read_bytes() == before, "the source post must never change"
