"""A plain folder: ``slug.md`` with its images beside it, the front matter untouched.

For moving a post with its images somewhere no generator is known, or to hand it on.
"""

from __future__ import annotations

from typing import ClassVar

from editor.core.export.base import Profile
from editor.core.fields import Field


class FolderProfile(Profile):
    """Changes nothing but image links; the post reads as it did."""

    name = "folder"
    label = "folder"
    images_beside = True
    lift_title = False
    uses_marker = False
    manages: ClassVar[frozenset[Field]] = frozenset()
