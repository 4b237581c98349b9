"""Export one post into a static site: a plan of every file first, then atomic writes.

plan = plan_export(load_post("post.md"), detect_site("~/blog"))
plan.slug, plan.target.relpath, plan.url     # shown before writing
plan = plan_export(post, site, options=ExportOptions(slug="edited"))  # the writer's slug
if plan.ok:
    apply_plan(plan)                         # remembers a chosen slug for the next export
previous_export(site.root, post.path)        # slug, path and URL of the last export there
"""

from editor.core.export.base import ExportOptions
from editor.core.export.plan import (
    ExportPlan,
    ExportResult,
    PlannedFile,
    PlannedRemoval,
    apply_plan,
    check_together,
    plan_export,
)
from editor.core.export.profiles import PROFILES
from editor.core.export.store import PreviousExport, previous_export

__all__ = [
    "PROFILES",
    "ExportOptions",
    "ExportPlan",
    "ExportResult",
    "PlannedFile",
    "PlannedRemoval",
    "PreviousExport",
    "apply_plan",
    "check_together",
    "plan_export",
    "previous_export",
]
