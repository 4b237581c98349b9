"""Which static site generator a folder belongs to, and the settings that change an export.

Detection reads the generator's own files (never runs them: ``pelicanconf.py`` is parsed, not
executed) and scans the existing posts for their front matter format and the site's
vocabulary - the tags, categories and authors it already uses - so an export can match them.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from editor.core.errors import PostError
from editor.core.excerpt import DEFAULT_MARKER, HUGO_MARKER
from editor.core.filekinds import is_post_name
from editor.core.frontmatter import Format, jsonable
from editor.core.post import load_post
from editor.core.sitefiles import read_regular_text

GENERATORS = ("hugo", "jekyll", "mkdocs", "pelican", "eleventy", "zola", "hexo", "astro", "folder")
_SCAN_LIMIT = 2000  # posts read for the vocabulary; a bigger site is sampled, not read whole
PELICAN_SUMMARY_MARKER = "<!-- PELICAN_END_SUMMARY -->"
_MAX_CONFIG = 8 * 1024 * 1024  # a config file bigger than this is not one


def _url_path(url: Any) -> str:
    """The path part of a site's base URL, without its trailing slash ("" for the root)."""
    if not isinstance(url, str) or not url.strip():
        return ""
    path = urlsplit(url.strip()).path if "://" in url else url.strip()
    return "/" + path.strip("/") if path.strip("/") else ""


@dataclass(frozen=True)
class Vocabulary:
    """Terms the site's posts already use, most used first."""

    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    def spelling(self, kind: str, term: str) -> str | None:
        """The site's spelling of ``term`` when it differs only in case or separators
        ("Machine learning" for "machine-learning"), else None."""
        key = _term_key(term)
        for known in getattr(self, kind):
            if known != term and _term_key(known) == key:
                return str(known)
        return None


@dataclass(frozen=True)
class Site:
    """A site folder as an export sees it. Paths in it are relative to :attr:`root`."""

    root: Path
    generator: str
    config: Path | None = None
    posts_dir: PurePosixPath = field(default_factory=lambda: PurePosixPath("."))
    front_matter: Format = "yaml"
    excerpt_separator: str | None = None
    taxonomies: tuple[str, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    settings: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def setting(self, key: str, default: Any = None) -> Any:
        """A generator-specific setting read from the site's config."""
        return self.settings.get(key, default)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``postwright detect --json``."""
        return {
            "root": str(self.root),
            "generator": self.generator,
            "config": str(self.config) if self.config else None,
            "posts_dir": str(self.posts_dir),
            "front_matter": self.front_matter,
            "excerpt_separator": self.excerpt_separator,
            "taxonomies": list(self.taxonomies),
            "vocabulary": {
                "tags": list(self.vocabulary.tags),
                "categories": list(self.vocabulary.categories),
                "authors": list(self.vocabulary.authors),
            },
            "settings": {key: jsonable(value) for key, value in self.settings.items()},
            "evidence": list(self.evidence),
            "notes": list(self.notes),
        }


def _term_key(term: str) -> str:
    return re.sub(r"[\s_\-]+", "", term).casefold()


# --------------------------------------------------------------------------- file readers


def _read_text(path: Path) -> str | None:
    """A site file's text; None when it is absent, unreadable or not a regular file (a FIFO
    named like a config file must never hang detection)."""
    return read_regular_text(path, _MAX_CONFIG)


class _LenientLoader(yaml.SafeLoader):
    """A YAML loader that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as plain values."""


def _unknown_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_LenientLoader.add_multi_constructor("", _unknown_tag)
_LenientLoader.add_multi_constructor("!", _unknown_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


def read_config(path: Path) -> dict[str, Any]:
    """A site's YAML, TOML or JSON config file as a dict; {} when it is missing, broken or
    hostile (read safely, as detection reads it)."""
    return _read_config(path, [])


def _read_config(path: Path, notes: list[str]) -> dict[str, Any]:
    """A YAML, TOML or JSON config file as a dict; a broken or hostile one (an alias bomb,
    nesting thousands deep) is a note, not a crash or a hang."""
    from editor.core.frontmatter import check_yaml, nests_too_deep, too_deep

    text = _read_text(path)
    if text is None:
        return {}
    try:
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            check_yaml(text, "the config")
            data = yaml.load(text, Loader=_LenientLoader)  # noqa: S506 - a SafeLoader subclass
        if nests_too_deep(data):
            raise too_deep(text, what="the config")
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        notes.append(f"{path.name}: could not be read ({str(exc).splitlines()[0]}); defaults used")
        return {}
    except RecursionError:
        error = too_deep(text, what="the config")
        notes.append(f"{path.name}:{error.line}: {error.message}; defaults used")
        return {}
    except PostError as exc:
        notes.append(f"{path.name}:{exc.line}: {exc.message}; defaults used")
        return {}
    return data if isinstance(data, dict) else {}


def _lower_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Hugo reads config keys case-insensitively."""
    return {str(key).lower(): value for key, value in data.items()}


def _first_existing(root: Path, names: Iterable[str]) -> Path | None:
    for name in names:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


def _rel(value: Any, default: str) -> PurePosixPath:
    """A config path as a site-relative POSIX path (safety is checked when writing)."""
    text = str(value).strip() if isinstance(value, str) and value.strip() else default
    return PurePosixPath(text.replace("\\", "/").removeprefix("./") or ".")


def _first_dir(
    root: Path, candidates: Iterable[PurePosixPath], default: PurePosixPath
) -> PurePosixPath:
    for candidate in candidates:
        if (root / candidate).is_dir():
            return candidate
    return default


# --------------------------------------------------------------------------- per generator

_HUGO_CONFIGS = tuple(
    f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
) + tuple(f"config/_default/hugo.{ext}" for ext in ("toml", "yaml", "yml", "json"))


@dataclass
class _Reading:
    """What a generator reader found; turned into a :class:`Site` by :func:`detect_site`."""

    config: Path | None = None
    posts_dir: PurePosixPath = field(default_factory=lambda: PurePosixPath("."))
    default_format: Format = "yaml"
    separator: str | None = None
    taxonomies: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _hugo_config(root: Path) -> Path | None:
    for name in _HUGO_CONFIGS:
        path = root / name
        if not path.is_file():
            continue
        if name.startswith("hugo") or "/" in name:
            return path
        text = _read_text(path) or ""
        if re.search(r"(?im)^\s*\"?baseurl\"?\s*[:=]", text):
            return path
    return None


def _read_hugo(root: Path) -> _Reading:
    reading = _Reading(config=_hugo_config(root), default_format="yaml", separator=HUGO_MARKER)
    conf = _lower_keys(_read_config(reading.config, reading.notes)) if reading.config else {}
    content = _rel(conf.get("contentdir"), "content")
    reading.posts_dir = _first_dir(
        root, (content / name for name in ("posts", "post", "blog")), content / "posts"
    )
    taxonomies = conf.get("taxonomies")
    if isinstance(taxonomies, dict):
        reading.taxonomies = tuple(str(plural) for plural in taxonomies.values())
    else:
        reading.taxonomies = ("tags", "categories")
    renderer = _lower_keys(conf.get("markup") or {}).get("goldmark") or {}
    renderer = _lower_keys(renderer).get("renderer") if isinstance(renderer, dict) else {}
    permalinks = conf.get("permalinks")
    patterns: dict[str, str] = {}
    if isinstance(permalinks, dict):
        for key, value in _lower_keys(permalinks).items():
            if isinstance(value, str):
                patterns[key] = value
            elif key == "page" and isinstance(value, dict):
                patterns.update({str(k).lower(): str(v) for k, v in value.items()})
    reading.settings = {
        "content_dir": str(content),
        "unsafe_html": bool(isinstance(renderer, dict) and renderer.get("unsafe")),
        "static_dir": str(_rel(conf.get("staticdir"), "static")),
        "timezone": conf.get("timezone"),
        "permalinks": patterns,
        "ugly_urls": conf.get("uglyurls") is True,
        "base_path": _url_path(conf.get("baseurl")),
        "build_drafts": conf.get("builddrafts") is True,
        "build_future": conf.get("buildfuture") is True,
    }
    return reading


def _read_jekyll(root: Path) -> _Reading:
    reading = _Reading(config=root / "_config.yml", default_format="yaml")
    conf = _read_config(root / "_config.yml", reading.notes)
    source = _rel(conf.get("source"), ".")
    collections = _rel(conf.get("collections_dir"), ".")
    reading.posts_dir = source / collections / "_posts"
    separator = conf.get("excerpt_separator")
    reading.separator = str(separator) if isinstance(separator, str) and separator.strip() else None
    images = _first_dir(
        root,
        (source / name for name in ("assets/images", "assets/img", "images", "img")),
        source / "assets" / "images",
    )
    exclude = conf.get("exclude")
    reading.settings = {
        "source": str(source),
        "baseurl": str(conf.get("baseurl") or "").rstrip("/"),
        "timezone": conf.get("timezone"),
        "images_dir": str(images),
        "permalink": str(conf.get("permalink") or "date"),
        "future": conf.get("future") is True,
        "unpublished": conf.get("unpublished") is True,
        "exclude": [str(item) for item in exclude] if isinstance(exclude, list) else [],
    }
    return reading


def _blog_plugin(plugins: Any) -> dict[str, Any] | None:
    """The Material blog plugin's options from ``plugins:``, or None when it is not enabled."""
    for entry in plugins if isinstance(plugins, list) else []:
        name: Any = entry if isinstance(entry, str) else None
        options: Any = {}
        if isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        if name in ("blog", "material/blog"):
            return options if isinstance(options, dict) else {}
    return None


def _read_mkdocs(root: Path) -> _Reading:
    config = _first_existing(root, ("mkdocs.yml", "mkdocs.yaml"))
    reading = _Reading(config=config, default_format="yaml")
    conf = _read_config(config, reading.notes) if config else {}
    docs = _rel(conf.get("docs_dir"), "docs")
    blog = _blog_plugin(conf.get("plugins"))
    if blog is None:
        reading.notes.append(
            "mkdocs.yml does not enable the blog plugin: add 'blog' under 'plugins:' "
            "or the exported post is an ordinary page"
        )
        blog = {}
    blog_dir = str(blog.get("blog_dir") or "blog").strip("/") or "."
    post_dir = str(blog.get("post_dir") or "{blog}/posts").replace("{blog}", blog_dir)
    reading.posts_dir = docs / _rel(post_dir, "blog/posts")
    separator = blog.get("post_excerpt_separator")
    reading.separator = str(separator) if isinstance(separator, str) else DEFAULT_MARKER
    authors_file = docs / str(blog.get("authors_file") or "{blog}/.authors.yml").replace(
        "{blog}", blog_dir
    )
    authors = (
        _read_config(root / authors_file, reading.notes) if (root / authors_file).is_file() else {}
    )
    known = authors.get("authors")
    if not isinstance(known, dict):
        known = {}
    reading.settings = {
        "docs_dir": str(docs),
        "blog_dir": blog_dir,
        "blog_enabled": bool(_blog_plugin(conf.get("plugins")) is not None),
        "authors_file": str(authors_file),
        "authors": {
            str(key): str(value.get("name", key)) if isinstance(value, dict) else str(key)
            for key, value in known.items()
        },
        "categories_allowed": list(blog.get("categories_allowed") or []),
        "post_excerpt": str(blog.get("post_excerpt") or "optional"),
        "post_url_format": str(blog.get("post_url_format") or "{date}/{slug}"),
        "post_url_date_format": str(blog.get("post_url_date_format") or "yyyy/MM/dd"),
        "use_directory_urls": conf.get("use_directory_urls") is not False,
        "base_path": _url_path(conf.get("site_url")),
        "draft": blog.get("draft") is True,
        "draft_if_future_date": blog.get("draft_if_future_date") is True,
    }
    return reading


def _python_assignments(path: Path) -> dict[str, Any]:
    """Top-level ``NAME = literal`` assignments of a Python settings file, without running it."""
    text = _read_text(path) or ""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return {}
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError, RecursionError):
                    values[target.id] = None
    return values


def _read_pelican(root: Path) -> _Reading:
    reading = _Reading(config=root / "pelicanconf.py", default_format="pelican")
    conf = _python_assignments(root / "pelicanconf.py")
    content = _rel(conf.get("PATH"), "content")
    articles = conf.get("ARTICLE_PATHS")
    reading.posts_dir = content
    if isinstance(articles, list | tuple) and articles and isinstance(articles[0], str):
        reading.posts_dir = content / _rel(articles[0], ".")
    plugins = conf.get("PLUGINS") or []
    summary_plugin = any("summary" in str(name) for name in plugins)
    if summary_plugin:
        marker = conf.get("SUMMARY_END_MARKER")
        reading.separator = str(marker) if isinstance(marker, str) else PELICAN_SUMMARY_MARKER
    static = conf.get("STATIC_PATHS")
    static_paths = [str(p) for p in static] if isinstance(static, list | tuple) else ["images"]

    def text(name: str, default: str) -> str:
        value = conf.get(name)
        return value if isinstance(value, str) else default

    reading.settings = {
        "content_dir": str(content),
        "static_paths": static_paths,
        "summary_plugin": summary_plugin,
        "timezone": conf.get("TIMEZONE"),
        "article_url": text("ARTICLE_URL", "{slug}.html"),
        "draft_url": text("DRAFT_URL", "drafts/{slug}.html"),
        "with_future_dates": conf.get("WITH_FUTURE_DATES") is not False,
        "base_path": _url_path(conf.get("SITEURL")),
    }
    return reading


_ELEVENTY_CONFIGS = (
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
)


def _read_eleventy(root: Path) -> _Reading:
    config = _first_existing(root, _ELEVENTY_CONFIGS)
    reading = _Reading(config=config, default_format="yaml")
    text = _read_text(config) if config else ""
    text = text or ""
    found = re.search(r"\binput\s*:\s*[\"'`]([^\"'`]+)", text)
    source = _rel(found[1] if found else None, ".")
    reading.posts_dir = _first_dir(
        root, (source / name for name in ("posts", "blog")), source / "posts"
    )
    if re.search(r"\bexcerpt\s*:\s*true", text):
        separator = re.search(r"excerpt_separator\s*:\s*[\"'`]([^\"'`]+)", text)
        reading.separator = separator[1] if separator else "---"
    rules: list[list[str | None]] = []
    for call in re.finditer(r"addPassthroughCopy\(\s*(\{[^}]*\}|[\"'`][^\"'`]+[\"'`])", text):
        argument = call[1]
        if argument.startswith("{"):
            rules.extend(
                [pair[1], pair[2]]
                for pair in re.finditer(
                    r"[\"'`]([^\"'`]+)[\"'`]\s*:\s*[\"'`]([^\"'`]*)[\"'`]", argument
                )
            )
        else:
            rules.append([argument[1:-1], None])
    prefix = re.search(r"\bpathPrefix\s*:\s*[\"'`]([^\"'`]+)", text)
    permalink = None
    for name in (f"{reading.posts_dir.name}.json", f"{reading.posts_dir.name}.11tydata.json"):
        data_text = _read_text(root / reading.posts_dir / name)
        if data_text:
            try:
                data = json.loads(data_text)
            except (ValueError, RecursionError):
                continue
            if isinstance(data, dict) and "permalink" in data:
                permalink = data["permalink"]
                break
    reading.settings = {
        "input_dir": str(source),
        "passthrough": [rule[0] for rule in rules if rule[1] is None],
        "passthrough_rules": rules,
        "draft_filter": "draft" in text,
        "path_prefix": _url_path(prefix[1] if prefix else ""),
        "permalink": permalink,
    }
    return reading


def _read_zola(root: Path) -> _Reading:
    reading = _Reading(config=root / "config.toml", default_format="toml", separator=DEFAULT_MARKER)
    conf = _read_config(root / "config.toml", reading.notes)
    sections = sorted(
        PurePosixPath("content") / path.parent.name
        for path in (root / "content").glob("*/_index.md")
    )
    preferred = [PurePosixPath("content") / name for name in ("blog", "posts")]
    reading.posts_dir = _first_dir(root, [*preferred, *sections], preferred[0])
    taxonomies = conf.get("taxonomies")
    if isinstance(taxonomies, list):
        reading.taxonomies = tuple(
            str(item["name"]) for item in taxonomies if isinstance(item, dict) and "name" in item
        )
    reading.settings = {
        "section_index": (root / reading.posts_dir / "_index.md").is_file(),
        "base_path": _url_path(conf.get("base_url")),
    }
    return reading


def _read_hexo(root: Path) -> _Reading:
    reading = _Reading(config=root / "_config.yml", default_format="yaml", separator=DEFAULT_MARKER)
    conf = _read_config(root / "_config.yml", reading.notes)
    source = _rel(conf.get("source_dir"), "source")
    reading.posts_dir = source / "_posts"
    root_url = str(conf.get("root") or "/")
    reading.settings = {
        "source_dir": str(source),
        "root": root_url if root_url.endswith("/") else root_url + "/",
        "timezone": conf.get("timezone"),
        "post_asset_folder": bool(conf.get("post_asset_folder")),
        "permalink": str(conf.get("permalink") or ":year/:month/:day/:title/"),
        "future": conf.get("future") is not False,
        "render_drafts": conf.get("render_drafts") is True,
    }
    return reading


_ASTRO_CONTENT_CONFIGS = tuple(
    f"src/{name}.{ext}"
    for name in ("content.config", "content/config")
    for ext in ("ts", "mts", "js", "mjs")
)
_ZOD_FIELD = re.compile(r"^\s*(\w+)\s*:\s*(z\.|image\(\)|reference\()(.*)$", re.MULTILINE)


def _astro_collection(text: str) -> tuple[str, str | None, str]:
    """(name, base folder or None, schema text) of the blog collection in a content config."""
    calls = list(re.finditer(r"(?:const|let)\s+(\w+)\s*=\s*defineCollection\(", text))
    chosen = None
    for call in calls:
        if call[1] in ("blog", "posts", "post"):
            chosen = call
            break
    if chosen is None and calls:
        chosen = calls[0]
    if chosen is None:
        return "blog", None, ""
    following = [c.start() for c in calls if c.start() > chosen.start()]
    chunk = text[chosen.start() : following[0] if following else len(text)]
    base = re.search(r"\bbase\s*:\s*[\"'`]([^\"'`]+)", chunk)
    exported = re.search(rf"(\w+)\s*:\s*{chosen[1]}\b", text[chosen.end() :])
    name = exported[1] if exported and exported[1] != chosen[1] else chosen[1]
    return name, base[1] if base else None, chunk


def _read_astro(root: Path) -> _Reading:
    config = _first_existing(
        root, (f"astro.config.{ext}" for ext in ("mjs", "ts", "js", "mts", "cjs"))
    )
    reading = _Reading(config=config, default_format="yaml")
    content_config = _first_existing(root, _ASTRO_CONTENT_CONFIGS)
    fields: dict[str, bool] = {}
    name = "blog"
    base: str | None = None
    if content_config is not None:
        name, base, schema = _astro_collection(_read_text(content_config) or "")
        for match in _ZOD_FIELD.finditer(schema):
            if match[1] in ("schema", "loader"):
                continue  # defineCollection's own options, not fields
            rest = match[3]
            optional = ".optional()" in rest or ".default(" in rest or ".nullable" in rest
            fields[match[1]] = not optional
    else:
        reading.notes.append(
            "no src/content.config.ts found: the post's fields cannot be checked "
            "against the site's schema"
        )
    reading.posts_dir = (
        _rel(base, f"src/content/{name}") if base else PurePosixPath(f"src/content/{name}")
    )
    text = _read_text(config) if config else ""
    site_base = re.search(r"\bbase\s*:\s*[\"'`]([^\"'`]+)", text or "")
    route, pages_text = _astro_route(root)
    reading.settings = {
        "content_config": str(content_config.relative_to(root)) if content_config else None,
        "collection": name,
        "schema": fields,
        "base_path": _url_path(site_base[1] if site_base else ""),
        "route": route,
        "draft_filter": "draft" in pages_text,
        "assets_dir": "src/assets" if (root / "src" / "assets").is_dir() else None,
        "build_format_file": bool(re.search(r"format\s*:\s*[\"'`]file", text or "")),
    }
    return reading


_ROUTE_NAMES = ("[...slug].astro", "[slug].astro", "[...id].astro", "[id].astro")


def _astro_route(root: Path) -> tuple[str | None, str]:
    """The URL folder of the pages that show the blog's posts (``blog`` for
    ``src/pages/blog/[...slug].astro``), or None; and the text of the site's pages."""
    pages = root / "src" / "pages"
    if not pages.is_dir():
        return None, ""
    route: str | None = None
    texts: list[str] = []
    for path in sorted(pages.rglob("*.astro"))[:200]:
        text = _read_text(path) or ""
        texts.append(text)
        if route is None and path.name in _ROUTE_NAMES and "getCollection" in text:
            route = path.parent.relative_to(pages).as_posix()
    return route, "\n".join(texts)


def _read_folder(_root: Path) -> _Reading:
    return _Reading(config=None, default_format="yaml", posts_dir=PurePosixPath("."))


_READERS: dict[str, Callable[[Path], _Reading]] = {
    "hugo": _read_hugo,
    "jekyll": _read_jekyll,
    "mkdocs": _read_mkdocs,
    "pelican": _read_pelican,
    "eleventy": _read_eleventy,
    "zola": _read_zola,
    "hexo": _read_hexo,
    "astro": _read_astro,
    "folder": _read_folder,
}


# --------------------------------------------------------------------------- recognising


def _package_has(root: Path, name: str) -> bool:
    text = _read_text(root / "package.json")
    if not text:
        return False
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested beyond reading
        return False
    if not isinstance(data, dict):
        return False
    deps: dict[str, Any] = {}
    for key in ("dependencies", "devDependencies"):
        if isinstance(data.get(key), dict):
            deps.update(data[key])
    return name in deps or isinstance(data.get(name), dict)


def _signs(root: Path) -> list[tuple[str, str]]:
    """(generator, evidence) for every generator whose files are in ``root``, most specific
    first (Hexo before Jekyll: both have ``_config.yml``)."""
    found: list[tuple[str, str]] = []
    astro = _first_existing(root, (f"astro.config.{e}" for e in ("mjs", "ts", "js", "mts", "cjs")))
    if astro:
        found.append(("astro", astro.name))
    eleventy = _first_existing(root, _ELEVENTY_CONFIGS)
    if eleventy:
        found.append(("eleventy", eleventy.name))
    elif _package_has(root, "@11ty/eleventy"):
        found.append(("eleventy", "package.json depends on @11ty/eleventy"))
    has_config_yml = (root / "_config.yml").is_file()
    if has_config_yml and _package_has(root, "hexo"):
        found.append(("hexo", "_config.yml and package.json depending on hexo"))
    mkdocs = _first_existing(root, ("mkdocs.yml", "mkdocs.yaml"))
    if mkdocs:
        found.append(("mkdocs", mkdocs.name))
    if (root / "pelicanconf.py").is_file():
        found.append(("pelican", "pelicanconf.py"))
    hugo = _hugo_config(root)
    if hugo:
        found.append(("hugo", str(hugo.relative_to(root))))
    zola = root / "config.toml"
    if zola.is_file() and re.search(r"(?m)^\s*base_url\s*=", _read_text(zola) or ""):
        found.append(("zola", "config.toml with base_url"))
    if has_config_yml and not any(name == "hexo" for name, _ in found):
        gemfile = _read_text(root / "Gemfile") or ""
        if (
            "jekyll" in gemfile
            or (root / "_posts").is_dir()
            or "jekyll" in (_read_text(root / "_config.yml") or "")
        ):
            found.append(("jekyll", "_config.yml with Gemfile/_posts"))
        elif not found:
            found.append(("jekyll", "_config.yml"))
    return found


LOOKED_FOR = (
    "astro.config.* (Astro)",
    "eleventy.config.* or .eleventy.js (Eleventy)",
    "_config.yml with package.json depending on hexo (Hexo)",
    "mkdocs.yml (MkDocs Material)",
    "pelicanconf.py (Pelican)",
    "hugo.toml/yaml/json, or config.toml/yaml/json with baseURL (Hugo)",
    "config.toml with base_url (Zola)",
    "_config.yml (Jekyll)",
)


def site_signs(folder: Path) -> list[tuple[str, str]]:
    """(generator, evidence) for every generator whose files are in ``folder``; empty when the
    folder is no site's root."""
    try:
        return _signs(folder)
    except OSError:
        return []


def detect_site(folder: str | Path, generator: str | None = None, *, scan: bool = True) -> Site:
    """The site in ``folder``; ``generator`` skips recognition and reads that generator's
    settings (defaults where its config is absent). ``scan=False`` leaves the posts unread (no
    vocabulary, the generator's default front matter format): :func:`scan_site` reads them.

    Raises :class:`PostError` for a missing folder, an unknown generator name, or a folder
    no generator is recognised in (the message lists what was looked for).
    """
    root = Path(folder)
    if not root.is_dir():
        raise PostError("the site folder does not exist or is not a folder", root)
    root = root.resolve()
    signs = _signs(root)
    if generator is not None:
        if generator not in _READERS:
            raise PostError(
                f"unknown generator '{generator}': choose one of {', '.join(GENERATORS)}", root
            )
        evidence = tuple(why for name, why in signs if name == generator) or ("--generator",)
    elif signs:
        generator = signs[0][0]
        evidence = tuple(why for name, why in signs if name == generator)
    else:
        raise PostError(
            "no static site generator recognised here; looked for "
            + "; ".join(LOOKED_FOR)
            + ". Pass --generator NAME to export anyway",
            root,
        )
    reading = _READERS[generator](root)
    notes = list(reading.notes)
    others = sorted({name for name, _ in signs if name != generator})
    if others:
        notes.append(f"also looks like: {', '.join(others)} (use --generator to choose)")
    formats: Counter[str] = Counter()
    vocabulary = Vocabulary()
    if scan:
        formats, vocabulary = _scan_posts(root / reading.posts_dir)
    front_matter = _preferred_format(formats, reading.default_format, generator)
    return Site(
        root=root,
        generator=generator,
        config=reading.config if reading.config and reading.config.is_file() else None,
        posts_dir=reading.posts_dir,
        front_matter=front_matter,
        excerpt_separator=reading.separator,
        taxonomies=reading.taxonomies,
        vocabulary=vocabulary,
        settings=reading.settings,
        evidence=evidence,
        notes=tuple(notes),
    )


def scan_site(site: Site, limit: int = _SCAN_LIMIT) -> Site:
    """``site`` with its posts read: the vocabulary and the front matter format they use. A
    site of more than ``limit`` posts is sampled: its newest ``limit`` files."""
    formats, vocabulary = _scan_posts(site.root / site.posts_dir, limit)
    front_matter = _preferred_format(formats, site.front_matter, site.generator)
    return dataclasses.replace(site, vocabulary=vocabulary, front_matter=front_matter)


_ACCEPTED: dict[str, frozenset[str]] = {
    "hugo": frozenset({"yaml", "toml", "json"}),
    "zola": frozenset({"toml", "yaml"}),
    "pelican": frozenset({"pelican"}),
    "folder": frozenset({"yaml", "toml", "json", "pelican"}),
}


def accepted_formats(generator: str) -> frozenset[str]:
    """The front matter formats ``generator`` reads (YAML alone for most)."""
    return _ACCEPTED.get(generator, frozenset({"yaml"}))


def _preferred_format(formats: Counter[str], default: Format, generator: str) -> Format:
    accepted = accepted_formats(generator)
    for name, _ in formats.most_common():
        if name in accepted:
            return name  # type: ignore[return-value]
    return default


def _scan_posts(folder: Path, limit: int = _SCAN_LIMIT) -> tuple[Counter[str], Vocabulary]:
    """The front matter formats and the terms of the posts under ``folder`` (the newest
    ``limit`` of them)."""
    formats: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    authors: Counter[str] = Counter()
    if not folder.is_dir():
        return formats, Vocabulary()
    paths = sorted(p for p in folder.rglob("*") if is_post_name(p) and p.is_file())
    if len(paths) > limit:
        stamps = {path: _mtime(path) for path in paths}
        paths = sorted(paths, key=lambda path: stamps[path], reverse=True)[:limit]
    for path in paths:
        try:
            post = load_post(path)
        except PostError:
            continue
        if post.error is not None:
            continue
        if post.format:
            formats[post.format] += 1
        tags.update(post.tags)
        raw = post.get("categories")
        categories.update(_flat(raw) if isinstance(raw, list) else post.categories)
        authors.update(post.authors)
    return formats, Vocabulary(
        tuple(t for t, _ in tags.most_common()),
        tuple(c for c, _ in categories.most_common()),
        tuple(a for a, _ in authors.most_common()),
    )


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _flat(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for value in values:
        if isinstance(value, list | tuple):
            out.extend(str(item) for item in value)
        else:
            out.append(str(value))
    return out
