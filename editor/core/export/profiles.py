"""The generator profiles by name."""

from __future__ import annotations

from editor.core.export.astro import AstroProfile
from editor.core.export.base import Profile
from editor.core.export.eleventy import EleventyProfile
from editor.core.export.folder import FolderProfile
from editor.core.export.hexo import HexoProfile
from editor.core.export.hugo import HugoProfile
from editor.core.export.jekyll import JekyllProfile
from editor.core.export.mkdocs import MkDocsProfile
from editor.core.export.pelican import PelicanProfile
from editor.core.export.zola import ZolaProfile

PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        HugoProfile(),
        JekyllProfile(),
        MkDocsProfile(),
        PelicanProfile(),
        EleventyProfile(),
        ZolaProfile(),
        HexoProfile(),
        AstroProfile(),
        FolderProfile(),
    )
}
