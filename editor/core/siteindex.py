"""The posts of a site, one summary each: title, date, draft or scheduled, tags, categories,
authors - what the post list shows and filters on, and what the site's vocabulary counts.

A summary is read from the post's front matter by the post model's own rules (the same title,
date, draft and tags the form and the checks see), with a faster YAML parser (libyaml) so that
a site of thousands of posts is read in well under a second. Each summary keeps the file's
stamp (modification time and size): comparing stamps finds the posts added, changed and
removed on disk without reading them, and a site's summaries are cached between runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import yaml

from editor.core.errors import PostError
from editor.core.filekinds import is_post_name
from editor.core.files import atomic_write
from editor.core.post import Post, find_block
from editor.core.postfile import decode, read_post_bytes
from editor.core.site import Site

PostState = Literal["draft", "scheduled", "published", "broken"]
#: how the cache file is laid out; another number means the cache is read afresh
CACHE_VERSION = 1
#: folders a site keeps drafts in beside its posts (Jekyll's and Hexo's ``_drafts``)
_DRAFT_FOLDERS = {"jekyll": "_drafts", "hexo": "_drafts"}
#: list pages, not posts: Hugo's and Zola's section files
_SECTION_FILES = frozenset({"_index.md", "_index.markdown"})
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's safe loader, lenient like the post model's: an impossible date stays text."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _FastLoader.construct_yaml_timestamp)


def parse_post(text: str, path: Path | None = None, *, bom: bool = False) -> Post:
    """:meth:`Post.from_text`, with YAML front matter read by libyaml. Front matter libyaml
    refuses goes through the post model's own parser, which names the line of the problem."""
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    block, error = find_block(text)
    if block is None or error is not None or block.format != "yaml":
        return Post.from_text(text, path, bom=bom)
    inner = text[block.inner_start : block.inner_end]
    try:
        data = yaml.load(inner.replace("\r\n", "\n"), Loader=_FastLoader)  # noqa: S506 - safe
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return Post.from_text(text, path, bom=bom)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Post.from_text(text, path, bom=bom)
    if "*" in inner and _expands_beyond(data, MAX_VALUES):
        line = text.count("\n", 0, block.inner_start) + 1
        error = PostError(
            f"the front matter's YAML aliases (*name) expand to more than {MAX_VALUES:,} "
            "values: it is not read",
            path,
            line,
            1,
        )
        return Post(text, path, bom, block, error, {})
    meta = {str(key): value for key, value in data.items()}
    return Post(text, path, bom, block, None, meta)


#: the most values front matter may expand to through YAML aliases (an "alias bomb" of a few
#: lines expands to billions; every value of a real post's front matter is well under this)
MAX_VALUES = 100_000


def _expands_beyond(value: Any, limit: int) -> bool:
    """Whether ``value``, with every shared list and mapping counted each time it is reached,
    holds more than ``limit`` values. Stops counting at the limit."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def read_post(path: Path) -> Post:
    """A post file read with :func:`parse_post`. Raises :class:`PostError` like
    :func:`editor.core.post.load_post` for a file that is not a readable text post."""
    text, bom = decode(read_post_bytes(path), path)
    return parse_post(text, path, bom=bom)


# --------------------------------------------------------------------------- stamps


@dataclass(frozen=True)
class Stamp:
    """What says a file changed: its modification time (ns) and size."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        """The stamp of ``path`` now (raises OSError)."""
        info = path.stat()
        return cls(info.st_mtime_ns, info.st_size)


def post_folders(site: Site) -> list[PurePosixPath]:
    """The site-relative folders its posts (and drafts) live in."""
    folders = [site.posts_dir]
    drafts = _DRAFT_FOLDERS.get(site.generator)
    if drafts and site.posts_dir.name == "_posts":
        folders.append(site.posts_dir.parent / drafts)
    return folders


def is_draft_folder(site: Site, rel: str) -> bool:
    """Whether the site-relative ``rel`` lies in a drafts folder (Jekyll's ``_drafts``)."""
    drafts = _DRAFT_FOLDERS.get(site.generator)
    return bool(drafts) and drafts in PurePosixPath(rel).parts


def _walk(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith(".") and name not in _SKIPPED_DIRS:
                    yield from _walk(Path(entry.path))
            elif is_post_name(name) and name not in _SECTION_FILES:
                yield entry
        except OSError:
            continue


def list_posts(site: Site) -> dict[str, Stamp]:
    """Every post file of the site, by site-relative POSIX path, with its stamp."""
    found: dict[str, Stamp] = {}
    root = site.root
    for folder in post_folders(site):
        base = root / folder
        if not base.is_dir():
            continue
        for entry in _walk(base):
            try:
                info = entry.stat()
            except OSError:
                continue
            rel = Path(entry.path).relative_to(root).as_posix()
            found[rel] = Stamp(info.st_mtime_ns, info.st_size)
    return found


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class PostSummary:
    """One post as the post list shows it. ``rel`` is the site-relative POSIX path."""

    rel: str
    stamp: Stamp
    title: str
    date: dt.date | dt.datetime | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    slug: str | None = None
    format: str | None = None
    keys: tuple[str, ...] = ()
    #: why the post cannot be read (its front matter is broken, it is not text)
    error: str | None = None

    def state(self, now: dt.datetime | None = None) -> PostState:
        """Draft, scheduled (dated in the future), published, or broken."""
        if self.error is not None:
            return "broken"
        if self.draft:
            return "draft"
        date = self.date
        if date is None:
            return "published"
        now = now or dt.datetime.now().astimezone()
        if isinstance(date, dt.datetime):
            future = self._when > now.timestamp()
        else:
            future = date > now.date()
        return "scheduled" if future else "published"

    @property
    def date_text(self) -> str:
        """The date as the list shows it: ``2024-12-12`` (``2024-12-12 09:30`` with a time)."""
        if self.date is None:
            return ""
        if isinstance(self.date, dt.datetime):
            return self.date.strftime("%Y-%m-%d %H:%M")
        return self.date.isoformat()

    def when(self) -> float:
        """A number that orders posts by date (undated posts come out lowest)."""
        return self._when

    @cached_property
    def _when(self) -> float:
        return moment(self.date) if self.date is not None else float("-inf")

    def to_json(self) -> dict[str, Any]:
        """The summary for the cache file."""
        date: Any = None
        if isinstance(self.date, dt.datetime):
            date = ["datetime", self.date.isoformat()]
        elif isinstance(self.date, dt.date):
            date = ["date", self.date.isoformat()]
        return {
            "rel": self.rel,
            "stamp": [self.stamp.mtime_ns, self.stamp.size],
            "title": self.title,
            "date": date,
            "draft": self.draft,
            "tags": list(self.tags),
            "categories": list(self.categories),
            "authors": list(self.authors),
            "slug": self.slug,
            "format": self.format,
            "keys": list(self.keys),
            "error": self.error,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PostSummary:
        """A summary from the cache file (raises KeyError, TypeError or ValueError)."""
        raw = data["date"]
        date: dt.date | dt.datetime | None = None
        if raw is not None:
            kind, text = raw
            date = (
                dt.datetime.fromisoformat(text)
                if kind == "datetime"
                else dt.date.fromisoformat(text)
            )
        mtime, size = data["stamp"]
        return cls(
            rel=str(data["rel"]),
            stamp=Stamp(int(mtime), int(size)),
            title=str(data["title"]),
            date=date,
            draft=bool(data["draft"]),
            tags=tuple(str(t) for t in data["tags"]),
            categories=tuple(str(c) for c in data["categories"]),
            authors=tuple(str(a) for a in data["authors"]),
            slug=data["slug"] if isinstance(data["slug"], str) else None,
            format=data["format"] if isinstance(data["format"], str) else None,
            keys=tuple(str(k) for k in data["keys"]),
            error=data["error"] if isinstance(data["error"], str) else None,
        )


def moment(value: dt.date | dt.datetime) -> float:
    """Seconds since the epoch: a date is its local midnight, a naive time is local time."""
    try:
        if isinstance(value, dt.datetime):
            return value.timestamp()
        return dt.datetime.combine(value, dt.time()).timestamp()
    except (OverflowError, OSError, ValueError):
        day = value.date() if isinstance(value, dt.datetime) else value
        return (day.toordinal() - dt.date(1970, 1, 1).toordinal()) * 86400.0


def is_future(value: dt.date | dt.datetime, now: dt.datetime | None = None) -> bool:
    """Whether a post dated ``value`` is dated after ``now`` (a date: after today)."""
    now = now or dt.datetime.now().astimezone()
    if isinstance(value, dt.datetime):
        return moment(value) > now.timestamp()
    return value > now.date()


def flat_terms(value: Any) -> tuple[str, ...]:
    """Terms from a front matter value: a list (nested lists flattened, as Hexo nests
    categories), a comma-separated string, or one term."""
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            if isinstance(item, list | tuple):
                out.extend(str(part) for part in item if part not in (None, ""))
            elif item not in (None, ""):
                out.append(str(item))
        return tuple(out)
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


def summarize(post: Post, rel: str, stamp: Stamp, *, in_drafts: bool = False) -> PostSummary:
    """The summary of a parsed post."""
    name = PurePosixPath(rel)
    fallback = name.parent.name if name.stem in ("index", "README") else name.stem
    if post.error is not None:
        error = post.error
        where = f"line {error.line}: " if error.line else ""
        return PostSummary(rel, stamp, fallback, error=f"{where}{error.message}")
    raw_categories = post.get("categories")
    if raw_categories is None and isinstance(post.get("taxonomies"), dict):
        raw_categories = post.get("taxonomies").get("categories")
    categories = flat_terms(raw_categories) if raw_categories is not None else ()
    if not categories:
        categories = tuple(post.categories)
    return PostSummary(
        rel=rel,
        stamp=stamp,
        title=post.title or fallback,
        date=post.date,
        draft=post.draft or in_drafts,
        tags=tuple(post.tags),
        categories=categories,
        authors=tuple(post.authors),
        slug=post.slug,
        format=post.format,
        keys=tuple(post.meta),
    )


def read_summaries(site: Site, stamps: Iterable[tuple[str, Stamp]]) -> list[PostSummary]:
    """Read the posts named by ``stamps`` (site-relative path, stamp). Runs in a worker."""
    out: list[PostSummary] = []
    root = site.root
    for rel, stamp in stamps:
        path = root / rel
        in_drafts = is_draft_folder(site, rel)
        try:
            post = read_post(path)
        except PostError as exc:
            name = PurePosixPath(rel).stem
            out.append(PostSummary(rel, stamp, name, error=exc.message))
            continue
        out.append(summarize(post, rel, stamp, in_drafts=in_drafts))
    return out


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class Changes:
    """What differs between the index and the disk."""

    to_read: list[tuple[str, Stamp]]
    removed: list[str]

    def __bool__(self) -> bool:
        return bool(self.to_read or self.removed)


class SiteIndex:
    """The summaries of a site's posts, by site-relative path."""

    def __init__(self, posts: Mapping[str, PostSummary] | None = None) -> None:
        self.posts: dict[str, PostSummary] = dict(posts or {})

    def __len__(self) -> int:
        return len(self.posts)

    def changes(self, on_disk: Mapping[str, Stamp]) -> Changes:
        """The posts to read again (new or with another stamp) and those gone from disk."""
        to_read = [
            (rel, stamp)
            for rel, stamp in on_disk.items()
            if (known := self.posts.get(rel)) is None or known.stamp != stamp
        ]
        removed = [rel for rel in self.posts if rel not in on_disk]
        return Changes(sorted(to_read), sorted(removed))

    def update(self, summaries: Iterable[PostSummary]) -> None:
        """Take newly read summaries."""
        for summary in summaries:
            self.posts[summary.rel] = summary

    def remove(self, rels: Iterable[str]) -> None:
        """Forget posts gone from disk."""
        for rel in rels:
            self.posts.pop(rel, None)

    def newest_first(self) -> list[PostSummary]:
        """Every summary, the newest post first (undated ones last, then by path)."""
        return sorted(self.posts.values(), key=lambda s: (-s.when(), s.rel))

    # ------------------------------------------------------------------ the cache

    def to_json(self, site: Site) -> str:
        """The cache file's text. Each post is encoded on its own, so that a thread writing
        the cache never holds Python's lock for long (the window's thread gets its turns)."""
        head = json.dumps(
            {"version": CACHE_VERSION, "root": str(site.root), "generator": site.generator},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        posts = ",".join(
            json.dumps(summary.to_json(), ensure_ascii=False, separators=(",", ":"))
            for summary in list(self.posts.values())
        )
        return f'{head[:-1]},"posts":[{posts}]}}'

    @classmethod
    def from_json(cls, text: str, site: Site) -> SiteIndex:
        """The cached index of ``site``; an empty one when the cache is of another site,
        another version, or broken."""
        try:
            data = json.loads(text)
            if (
                data.get("version") != CACHE_VERSION
                or data.get("root") != str(site.root)
                or data.get("generator") != site.generator
            ):
                return cls()
            summaries = [PostSummary.from_json(item) for item in data["posts"]]
        except (json.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError):
            return cls()
        return cls({summary.rel: summary for summary in summaries})


def cache_path(folder: Path, site: Site) -> Path:
    """Where the summaries of ``site`` are cached, under ``folder``."""
    digest = hashlib.sha256(f"{site.root}\0{site.generator}".encode()).hexdigest()[:20]
    return folder / f"{digest}.json"


def load_cache(folder: Path, site: Site) -> SiteIndex:
    """The cached summaries of ``site`` (empty when there are none)."""
    try:
        text = cache_path(folder, site).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return SiteIndex()
    return SiteIndex.from_json(text, site)


def save_cache(folder: Path, site: Site, index: SiteIndex) -> None:
    """Cache the summaries of ``site`` (raises OSError)."""
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(cache_path(folder, site), index.to_json(site).encode("utf-8"))
