"""The site's own look for the preview: which stylesheet a post's site styles its pages with.

Each generator keeps its theme's CSS in its usual places (Hugo's ``assets/css`` and
``static/css``, the configured theme's own folders, Jekyll's ``assets/css``, MkDocs Material's
bundled stylesheet and the site's ``extra_css``, Pelican's theme ``static/css``, Hexo's
``themes/<theme>/source/css``, Astro's ``src/styles``...). A theme whose style is SCSS, Sass,
Stylus or Less is used as the last build left it (``public/``, ``_site/``...); without a build
the answer says so. Every file is read inside the site (a symlink or ``..`` out of it is never
followed), except the stylesheet MkDocs Material installs with its package.
:mod:`editor.core.sitecss` rewrites what is found so it styles only the preview's article.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from editor.core.site import Site, read_config

#: how deep a folder is searched for stylesheets
_SEARCH_DEPTH = 3
_SEARCH_FILES = 400

#: the names a theme gives its main stylesheet, best first
_MAIN_NAMES = (
    "main", "style", "styles", "site", "theme", "global", "index", "app", "screen", "base",
    "default", "custom",
)  # fmt: skip
#: names that are never the main stylesheet
_SIDE_NAMES = re.compile(
    r"(?i)^(print|syntax|highlight|chroma|pygments?|rouge|code|fonts?|font-awesome|fontawesome"
    r"|icons?|normalize|reset|katex|mathjax|prism|admin|rtl|editor|_.*)$"
)
_SOURCE_KINDS = {".scss": "SCSS", ".sass": "Sass", ".styl": "Stylus", ".less": "Less"}
#: an address with a scheme (https:, data:...)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# --------------------------------------------------------------------------- finding


@dataclass(frozen=True)
class SiteStyle:
    """The stylesheet(s) the preview uses for a site's look, and why, or why there are none."""

    files: tuple[Path, ...] = ()
    #: "Using themes/ananke/assets/css/main.css (the theme's main stylesheet)"
    reason: str = ""
    #: why there is no stylesheet ("" when there is one)
    problem: str = ""
    #: the folders the stylesheets may take files from (the site, an installed theme package)
    allowed: tuple[Path, ...] = ()
    #: the folders the site serves at its root (``url(/img/a.png)`` is looked for there)
    served: tuple[Path, ...] = ()
    #: attributes the article carries so the theme's rules for them apply
    attributes: tuple[tuple[str, str], ...] = ()
    chosen: bool = False

    @property
    def available(self) -> bool:
        """A stylesheet was found (or chosen)."""
        return bool(self.files)


@dataclass
class _Found:
    """Candidate stylesheets of one place: CSS files and sources that need a build."""

    css: list[Path] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)


def inside(path: Path, root: Path) -> bool:
    """``path`` (symlinks resolved) is ``root`` or inside it."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def _safe_dir(root: Path, relative: str | PurePosixPath) -> Path | None:
    """``root/relative`` when it is a folder inside ``root`` (no ``..`` or symlink out)."""
    text = str(relative).replace("\\", "/").strip()
    if not text or text.startswith("/") or ".." in PurePosixPath(text).parts:
        return None
    path = root / text
    return path if path.is_dir() and inside(path, root) else None


def _walk(folder: Path, root: Path, depth: int = _SEARCH_DEPTH) -> Iterator[Path]:
    """Style files under ``folder`` (shallow first), never leaving ``root``."""
    seen = 0
    level = [folder]
    for _ in range(depth + 1):
        below: list[Path] = []
        for each in level:
            try:
                entries = sorted(os.scandir(each), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                seen += 1
                if seen > _SEARCH_FILES:
                    return
                path = Path(entry.path)
                if entry.name.startswith(".") or entry.name == "node_modules":
                    continue
                if entry.is_symlink() and not inside(path, root):
                    continue
                if entry.is_dir():
                    below.append(path)
                elif entry.is_file() and (
                    path.suffix.lower() == ".css" or path.suffix.lower() in _SOURCE_KINDS
                ):
                    yield path
        level = below


def _collect(root: Path, folders: Iterable[str], depth: int = _SEARCH_DEPTH) -> _Found:
    found = _Found()
    for relative in folders:
        folder = _safe_dir(root, relative)
        if folder is None:
            continue
        for path in _walk(folder, root, depth):
            if path.suffix.lower() == ".css":
                if not path.name.endswith(".css.map"):
                    found.css.append(path)
            else:
                found.sources.append(path)
    return found


def _stem(path: Path) -> str:
    return path.name.split(".")[0].lower()


def _best(paths: Sequence[Path]) -> Path | None:
    """The main stylesheet among ``paths``: a main/style name first (shallowest), else the
    largest that is not a side sheet (print, syntax colours, fonts...)."""
    usable = [p for p in paths if not _SIDE_NAMES.match(_stem(p))] or list(paths)
    if not usable:
        return None
    for name in _MAIN_NAMES:
        named = [p for p in usable if _stem(p) == name]
        if named:
            return min(named, key=lambda p: (len(p.parts), p.name.count("."), str(p)))

    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    return max(usable, key=lambda p: (size(p), str(p)))


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _config(site: Site) -> dict[str, Any]:
    return read_config(site.config) if site.config is not None and site.config.is_file() else {}


def _theme_name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _sources_problem(sources: Sequence[Path], root: Path, built: str) -> str:
    first = _best(sources) or sources[0]
    kind = _SOURCE_KINDS.get(first.suffix.lower(), "a source")
    return (
        f"The site's style is {kind} ({shown_path(first, root)}) that needs a build: build the "
        f"site once and the compiled stylesheet in {built}/ is used."
    )


def _from_places(
    site: Site,
    places: Sequence[tuple[Path, Sequence[str], str]],
    built: str,
    built_folders: Sequence[str],
) -> SiteStyle:
    """The stylesheet from the first place that has one; ``places`` are (root, folders, what
    the root is, for the reason); sources alone send the answer to the last build."""
    root = site.root
    sources: list[Path] = []
    chosen: list[tuple[Path, str]] = []
    for base, folders, what in places:
        found = _collect(base, folders)
        best = _best(found.css)
        if best is not None:
            chosen.append((best, what))
        sources.extend(found.sources)
    if chosen:
        files: list[Path] = []
        for path, _what in chosen:
            if path not in files:
                files.append(path)
        names = ", ".join(shown_path(path, root) for path in files)
        what = chosen[0][1]
        return SiteStyle(
            files=tuple(files),
            reason=f"Using {names} ({what})",
            allowed=(root,),
        )
    built_root = _safe_dir(root, built)
    if built_root is not None:
        found = _collect(built_root, built_folders or (".",), depth=2)
        best = _best(found.css)
        if best is not None:
            return SiteStyle(
                files=(best,),
                reason=f"Using {shown_path(best, root)} (from the site's last build)",
                allowed=(root,),
            )
    if sources:
        return SiteStyle(problem=_sources_problem(sources, root, built))
    return SiteStyle(problem=f"No stylesheet found in the {site.generator} site at {root}.")


def _hugo(site: Site) -> SiteStyle:
    conf = {str(k).lower(): v for k, v in _config(site).items()}
    static = str(site.setting("static_dir") or "static")
    places: list[tuple[Path, Sequence[str], str]] = []
    theme = _theme_name(conf.get("theme"))
    themes_dir = _safe_dir(site.root, str(conf.get("themesdir") or "themes"))
    if theme and themes_dir is not None:
        theme_root = _safe_dir(themes_dir, theme)
        if theme_root is not None and inside(theme_root, site.root):
            places.append(
                (theme_root, ("assets/css", "static/css", "assets"), f"the theme {theme}")
            )
    places.insert(0, (site.root, ("assets/css", f"{static}/css", "assets"), "the site's own"))
    style = _from_places(site, places, "public", ("css", "assets", "."))
    if not style.available or "last build" in style.reason:
        return style
    # the theme's main sheet first, the site's own after it (its overrides win)
    files = sorted(style.files, key=lambda p: not shown_path(p, site.root).startswith("themes/"))
    names = ", ".join(shown_path(p, site.root) for p in files)
    if len(files) == 1:
        what = "the theme's stylesheet" if "themes/" in names else "the site's stylesheet"
    else:
        what = "the theme's stylesheet and the site's own"
    return SiteStyle(files=tuple(files), reason=f"Using {names} ({what})", allowed=(site.root,))


def _jekyll(site: Site) -> SiteStyle:
    source = str(site.setting("source") or ".")
    root = site.root
    base = _safe_dir(root, source) or root
    found = _collect(base, ("assets/css", "css", "assets", "_sass"))
    best = _best(found.css)
    if best is not None:
        return SiteStyle(
            files=(best,),
            reason=f"Using {shown_path(best, root)} (the site's stylesheet)",
            allowed=(root,),
        )
    built = _safe_dir(root, "_site")
    compiled: Path | None = None
    if built is not None:
        # a source like assets/main.scss becomes _site/assets/main.css
        for path in found.sources:
            if path.parent.name == "_sass":
                continue
            candidate = built / path.relative_to(base).with_suffix(".css")
            if candidate.is_file() and inside(candidate, root):
                compiled = candidate
                break
        if compiled is None:
            compiled = _best(_collect(built, ("assets/css", "css", "assets"), depth=2).css)
    if compiled is not None:
        return SiteStyle(
            files=(compiled,),
            reason=f"Using {shown_path(compiled, root)} (compiled by the site's last build)",
            allowed=(root,),
        )
    conf = _config(site)
    theme = _theme_name(conf.get("theme")) or _theme_name(conf.get("remote_theme"))
    if found.sources:
        return SiteStyle(problem=_sources_problem(found.sources, root, "_site"))
    if theme:
        return SiteStyle(
            problem=f"The site's theme ({theme}) keeps its SCSS outside the site: build the "
            "site once (jekyll build) and the compiled stylesheet in _site/ is used."
        )
    return SiteStyle(problem=f"No stylesheet found in the Jekyll site at {root}.")


def _package_folder(name: str) -> Path | None:
    """The folder of an installed package, without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _mkdocs(site: Site) -> SiteStyle:
    conf = _config(site)
    root = site.root
    theme = conf.get("theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    files: list[Path] = []
    allowed = [root]
    reasons: list[str] = []
    attributes: list[tuple[str, str]] = []
    if name == "material":
        package = _package_folder("material")
        sheets = package / "templates" / "assets" / "stylesheets" if package else None
        if sheets is not None and sheets.is_dir():
            for stem in ("main", "palette"):
                found = sorted(sheets.glob(f"{stem}.*.css"))
                files.extend(p for p in found[:1] if not p.name.endswith(".map"))
            allowed.append(sheets.parent)
            reasons.append("Material's bundled stylesheet")
        palette = theme.get("palette") if isinstance(theme, dict) else None
        if isinstance(palette, list) and palette:
            palette = palette[0]
        palette = palette if isinstance(palette, dict) else {}
        attributes = [
            ("data-md-color-scheme", str(palette.get("scheme") or "default")),
            ("data-md-color-primary", str(palette.get("primary") or "indigo")),
            ("data-md-color-accent", str(palette.get("accent") or "indigo")),
        ]
    docs = _safe_dir(root, str(site.setting("docs_dir") or "docs")) or root
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    extra = conf.get("extra_css")
    extras: list[Path] = []
    for entry in extra if isinstance(extra, list) else []:
        if not isinstance(entry, str) or SCHEME.match(entry) or entry.startswith("//"):
            continue
        relative = PurePosixPath(entry.split("?")[0].lstrip("/"))
        if ".." in relative.parts:
            continue
        for folder in (docs, _safe_dir(root, str(custom)) if isinstance(custom, str) else None):
            if folder is None:
                continue
            path = folder / relative
            if path.is_file() and inside(path, root):
                extras.append(path)
                break
    if extras:
        files.extend(extras)
        reasons.append("the site's extra_css")
    if not files:
        if name == "material":
            return SiteStyle(
                problem="MkDocs Material is not installed here, and the site has no extra_css: "
                "install mkdocs-material to use its look."
            )
        return SiteStyle(problem=f"No stylesheet found in the MkDocs site at {root}.")
    names = ", ".join(shown_path(p, root) if inside(p, root) else p.name for p in files)
    return SiteStyle(
        files=tuple(files),
        reason=f"Using {names} ({' and '.join(reasons)})",
        allowed=tuple(allowed),
        attributes=tuple(attributes),
    )


def _pelican(site: Site) -> SiteStyle:
    from editor.core.site import _python_assignments

    root = site.root
    theme = _python_assignments(root / "pelicanconf.py").get("THEME")
    if isinstance(theme, str) and theme.strip():
        folder = _safe_dir(root, theme.strip())
        if folder is None:
            package = _package_folder("pelican")
            installed = package / "themes" / theme.strip() if package else None
            if installed is not None and installed.is_dir() and "/" not in theme:
                return _installed_pelican(installed, theme.strip())
            return SiteStyle(problem=f"The theme {theme} of pelicanconf.py is not in the site.")
        return _from_places(
            site,
            [(folder, ("static/css", "static"), f"the theme {folder.name}")],
            "output",
            ("theme/css", "theme"),
        )
    package = _package_folder("pelican")
    if package is not None and (package / "themes" / "notmyidea").is_dir():
        return _installed_pelican(package / "themes" / "notmyidea", "notmyidea")
    return SiteStyle(problem="Pelican's default theme is not installed here.")


def _installed_pelican(folder: Path, name: str) -> SiteStyle:
    best = _best(_collect(folder, ("static/css",)).css)
    if best is None:
        return SiteStyle(problem=f"Pelican's theme {name} has no stylesheet.")
    return SiteStyle(
        files=(best,),
        reason=f"Using {name}/{shown_path(best, folder)} (Pelican's theme {name})",
        allowed=(folder,),
    )


def _hexo(site: Site) -> SiteStyle:
    theme = _theme_name(_config(site).get("theme"))
    places: list[tuple[Path, Sequence[str], str]] = []
    if theme:
        folder = _safe_dir(site.root, f"themes/{theme}")
        if folder is not None:
            places.append((folder, ("source/css", "source"), f"the theme {theme}"))
    source = str(site.setting("source_dir") or "source")
    places.append((site.root, (f"{source}/css",), "the site's own"))
    return _from_places(site, places, "public", ("css", "."))


def _simple(folders: Sequence[str], built: str) -> Any:
    def find(site: Site) -> SiteStyle:
        return _from_places(
            site, [(site.root, folders, "the site's stylesheet")], built, ("css", "assets", ".")
        )

    return find


def _zola(site: Site) -> SiteStyle:
    theme = _theme_name(_config(site).get("theme"))
    places: list[tuple[Path, Sequence[str], str]] = [
        (site.root, ("static/css", "static"), "the site's stylesheet")
    ]
    if theme:
        folder = _safe_dir(site.root, f"themes/{theme}")
        if folder is not None:
            places.append((folder, ("static/css", "static", "sass"), f"the theme {theme}"))
    return _from_places(site, places, "public", (".",))


_FINDERS = {
    "hugo": _hugo,
    "jekyll": _jekyll,
    "mkdocs": _mkdocs,
    "pelican": _pelican,
    "eleventy": _simple(
        ("css", "src/css", "assets/css", "src/assets/css", "public/css", "styles", "src/styles"),
        "_site",
    ),
    "hexo": _hexo,
    "astro": _simple(("src/styles", "src/css", "public", "src/assets/css"), "dist"),
    "zola": _zola,
}


def find_site_style(
    site: Site | None, served: Sequence[Path] = (), chosen: str | Path | None = None
) -> SiteStyle:
    """The stylesheet(s) for ``site``'s look; ``chosen``: a CSS file the writer picked instead
    (anywhere inside the site, or, outside it, only itself and files beside it)."""
    if site is None:
        return SiteStyle(problem="The post belongs to no site.")
    served = tuple(served)
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            return SiteStyle(problem=f"The chosen stylesheet {path} is not there any more.")
        allowed = (site.root,) if inside(path, site.root) else (path.parent,)
        where = shown_path(path, site.root) if inside(path, site.root) else str(path)
        return SiteStyle(
            files=(path,),
            reason=f"Using {where} (chosen)",
            allowed=allowed,
            served=served,
            chosen=True,
        )
    finder = _FINDERS.get(site.generator)
    if finder is None:
        return SiteStyle(problem="A plain folder has no site stylesheet: choose one.")
    style: SiteStyle = finder(site)
    return SiteStyle(
        files=style.files,
        reason=style.reason,
        problem=style.problem,
        allowed=style.allowed,
        served=served,
        attributes=style.attributes,
    )
