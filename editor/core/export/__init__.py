"""Export one post into a static site: a plan of every file first, then atomic writes.

plan = plan_export(load_post("post.md"), detect_site("~/blog"))
if plan.ok:
    apply_plan(plan)
"""

from editor.core.export.base import ExportOptions
from editor.core.export.plan import (
    ExportPlan,
    ExportResult,
    PlannedFile,
    apply_plan,
    check_together,
    plan_export,
)
from editor.core.export.profiles import PROFILES

__all__ = [
    "PROFILES",
    "ExportOptions",
    "ExportPlan",
    "ExportResult",
    "PlannedFile",
    "apply_plan",
    "check_together",
    "plan_export",
]
