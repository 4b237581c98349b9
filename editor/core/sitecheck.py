"""The pre-publish check of a whole site: every post by :func:`editor.core.checks.check`, with
the site's vocabulary, plus what only shows across posts or against the site's files.

Per post, besides the checks of one post: front matter keys written twice, images without alt
text, images and links to other posts that lead nowhere, drafts dated in the past, and posts
dated in the future that the generator leaves out of the build. Across posts: two posts with
one URL (one page overwrites the other) and two posts with one slug.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from editor.core.checks import check
from editor.core.errors import PostError
from editor.core.filekinds import is_image_name, is_post_name
from editor.core.findings import Finding, Severity
from editor.core.mdscan import code_line_mask, code_span_ranges
from editor.core.post import Post
from editor.core.site import Site, read_config
from editor.core.siteindex import (
    PostSummary,
    Stamp,
    is_draft_folder,
    is_future,
    list_posts,
    read_post,
    summarize,
)
from editor.core.slug import make_slug
from editor.core.target import GENERATOR_LABELS, Target
from editor.core.vocabulary import TermCounts

_DATE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\]\\]|\\.)*)\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<bare>[^\s)]*))"
    r"(?:\s+[\"'(][^\n]*?)?\s*\)"
)
_REF_DEF = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]]+)\]:[ \t]*(?:<(?P<angle>[^>\n]*)>|(?P<bare>\S+))")
_IMG_TAG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_A_TAG = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.I)
_ATTR = re.compile(
    r"\b(?P<name>src|alt)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))", re.I
)
_POST_URL = re.compile(r"\{%-?\s*post_url\s+(?P<name>[^\s%]+)\s*-?%\}")
_POST_LINK = re.compile(r"\{%-?\s*post_link\s+(?P<name>[^\s%]+)")
_HUGO_REF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"(?P<name>[^\"]+)\"\s*[>%]\}\}")


@dataclass
class SiteReport:
    """What the check of a site found, in file order."""

    site: Site
    findings: list[Finding] = field(default_factory=list)
    checked: int = 0

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f.severity == "warning")


@dataclass(frozen=True)
class _Checked:
    rel: str
    post: Post
    summary: PostSummary


# --------------------------------------------------------------------------- the site's config


def _config(site: Site) -> dict[str, Any]:
    """The site's config file as data ({} when there is none or it is broken)."""
    path = site.config
    if path is None or path.suffix not in (".toml", ".json", ".yml", ".yaml"):
        return {}
    data = read_config(path)
    if not isinstance(data, dict):
        return {}
    if site.generator == "hugo":
        return {str(key).lower(): value for key, value in data.items()}
    return {str(key): value for key, value in data.items()}


def _hides_future(site: Site, config: dict[str, Any]) -> bool:
    """Whether a plain build of the site leaves out posts dated in the future."""
    if site.generator == "hugo":
        return not (site.setting("build_future") or config.get("buildfuture") is True)
    if site.generator == "jekyll":
        return not (site.setting("future") or config.get("future") is True)
    if site.generator == "mkdocs":
        return bool(site.setting("draft_if_future_date"))
    if site.generator == "hexo":
        return config.get("future") is False
    return False


# --------------------------------------------------------------------------- URLs


def _explicit_url(site: Site, post: Post) -> str | None:
    keys = {
        "hugo": ("url",),
        "jekyll": ("permalink",),
        "hexo": ("permalink",),
        "eleventy": ("permalink",),
        "zola": ("path",),
        "pelican": ("url", "save_as"),
    }.get(site.generator, ())
    for key in keys:
        value = post.get(key)
        if isinstance(value, str) and value.strip() and "{" not in value:
            return "/" + value.strip().lstrip("/")
    return None


def _day(post: Post) -> dt.date | None:
    value = post.date
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _jekyll_day(rel: str, post: Post) -> dt.date | None:
    day = _day(post)
    if day is not None:
        return day
    named = _DATE_NAME.match(PurePosixPath(rel).name)
    try:
        return dt.date.fromisoformat(named.group()[:10]) if named else None
    except ValueError:
        return None


def page_url(target: Target, post: Post, rel: str, config: dict[str, Any]) -> str | None:
    """The URL a post's page gets on the built site (a path from the site's root), by the
    generator's default rule for it; None when it cannot be told."""
    site = target.site
    if site is None:
        return None
    own = _explicit_url(site, post)
    if own is not None:
        return _normal_url(own)
    path = PurePosixPath(rel)
    stem = path.parent.name if path.stem in ("index", "_index") else path.stem
    slug = make_slug(post.slug or _DATE_NAME.sub("", stem))
    generator = site.generator
    if generator in ("hugo", "zola"):
        content = PurePosixPath(str(site.setting("content_dir", "content")))
        inner = path.relative_to(content) if path.is_relative_to(content) else path
        folder = inner.parent.parent if path.stem == "index" else inner.parent
        return _normal_url(f"/{folder}/{slug}/")
    if generator == "jekyll":
        day = _jekyll_day(rel, post)
        if day is None:
            return None
        style = str(config.get("permalink") or "date")
        categories = "/".join(make_slug(c) for c in post.categories)
        pattern = {
            "date": "/:categories/:year/:month/:day/:title.html",
            "pretty": "/:categories/:year/:month/:day/:title/",
            "ordinal": "/:categories/:year/:y_day/:title.html",
            "none": "/:categories/:title.html",
        }.get(style, style)
        values = {
            ":categories": categories,
            ":year": f"{day.year:04d}",
            ":month": f"{day.month:02d}",
            ":day": f"{day.day:02d}",
            ":y_day": f"{day.timetuple().tm_yday:03d}",
            ":title": slug,
            ":slug": slug,
        }
        for token in sorted(values, key=len, reverse=True):
            pattern = pattern.replace(token, values[token])
        return _normal_url(pattern)
    if generator == "hexo":
        day = _day(post)
        if day is None:
            return None
        return _normal_url(f"/{day:%Y/%m/%d}/{stem}/")
    if generator == "mkdocs":
        day = _day(post)
        title = post.slug or post.title
        if day is None or not title:
            return None
        blog = str(site.setting("blog_dir", "blog"))
        return _normal_url(f"/{blog}/{day:%Y/%m/%d}/{make_slug(title)}/")
    if generator == "pelican":
        title = post.slug or post.title
        return _normal_url(f"/{make_slug(title)}.html") if title else None
    if generator in ("eleventy", "astro"):
        base = (
            PurePosixPath(str(site.setting("input_dir", ".")))
            if generator == "eleventy"
            else site.posts_dir.parent
        )
        inner = path.relative_to(base) if path.is_relative_to(base) else path
        return _normal_url(f"/{inner.with_suffix('')}/")
    return None


def _normal_url(url: str) -> str:
    url = re.split(r"[?#]", url, maxsplit=1)[0]
    url = re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))
    if url.endswith("/index.html"):
        url = url[: -len("index.html")]
    return url.casefold()


# --------------------------------------------------------------------------- per-post rules


@dataclass
class _Links:
    """Where the body links to: (0-based body line, link, is image, alt text or None)."""

    items: list[tuple[int, str, bool, str | None]] = field(default_factory=list)
    tags: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, name)


def _scan_links(body: str) -> _Links:
    found = _Links()
    lines = body.splitlines()
    mask = code_line_mask(lines)
    for index, line in enumerate(lines):
        if mask[index] or not any(ch in line for ch in "[<{"):
            continue
        spans = code_span_ranges(line) if "`" in line else []

        def outside(position: int, spans: list[tuple[int, int]] = spans) -> bool:
            return not any(start <= position < end for start, end in spans)

        for match in _INLINE.finditer(line):
            if outside(match.start()):
                link = match["angle"] if match["angle"] is not None else match["bare"] or ""
                image = bool(match["bang"])
                found.items.append((index, link, image, match["text"] if image else None))
        definition = _REF_DEF.match(line)
        if definition and outside(definition.start()):
            link = definition["angle"] if definition["angle"] is not None else definition["bare"]
            found.items.append((index, link, False, None))
        for match in _IMG_TAG.finditer(line):
            if not outside(match.start()):
                continue
            attrs = {
                m["name"].lower(): m["dq"] or m["sq"] or m["bare"] or ""
                for m in _ATTR.finditer(match["attrs"])
            }
            has_alt = "alt" in {m["name"].lower() for m in _ATTR.finditer(match["attrs"])}
            if "src" in attrs:
                found.items.append(
                    (index, attrs["src"], True, attrs.get("alt", "") if has_alt else None)
                )
        for match in _A_TAG.finditer(line):
            if outside(match.start()):
                found.items.append((index, match["dq"] or match["sq"] or "", False, None))
        for pattern, kind in (
            (_POST_URL, "post_url"),
            (_POST_LINK, "post_link"),
            (_HUGO_REF, "ref"),
        ):
            for match in pattern.finditer(line):
                if outside(match.start()):
                    found.tags.append((index, kind, match["name"]))
    return found


def _static_roots(site: Site) -> list[PurePosixPath]:
    """The folders a site serves at its root, site-relative."""
    setting = site.setting
    roots = {
        "hugo": [str(setting("static_dir", "static")), str(setting("content_dir", "content"))],
        "jekyll": [str(setting("source", "."))],
        "mkdocs": [str(setting("docs_dir", "docs"))],
        "hexo": [str(setting("source_dir", "source"))],
        "pelican": [str(setting("content_dir", "content"))],
        "zola": ["static", "content"],
        "eleventy": [str(setting("input_dir", ".")), "."],
        "astro": ["public"],
    }.get(site.generator, ["."])
    return [PurePosixPath(root) for root in roots]


def _base_path(site: Site, config: dict[str, Any]) -> str:
    raw = site.setting("base_path")
    if raw is None:
        raw = site.setting("baseurl") if site.generator == "jekyll" else config.get("baseurl")
    if not isinstance(raw, str) or not raw.strip():
        return ""
    path = re.sub(r"^[A-Za-z]+://[^/]+", "", raw.strip())
    return "/" + path.strip("/") if path.strip("/") else ""


class _SiteFacts:
    """What the cross-post rules look things up in."""

    def __init__(self, site: Site, target: Target, config: dict[str, Any]) -> None:
        self.site = site
        self.target = target
        self.config = config
        self.urls: dict[str, list[str]] = defaultdict(list)  # url -> rels
        self.rels: set[str] = set()
        self.names: dict[str, set[str]] = defaultdict(set)  # file stem or bundle name -> rels
        self.base_path = _base_path(site, config).casefold()
        self.url_heads: set[str] = set()
        self.roots = _static_roots(site)
        self.drafts: set[str] = set()

    def add(self, rel: str, url: str | None, *, draft: bool = False) -> None:
        self.rels.add(rel)
        if draft:
            self.drafts.add(rel)
        path = PurePosixPath(rel)
        self.names[path.stem].add(rel)
        self.names[path.name].add(rel)
        if path.stem in ("index", "_index"):
            self.names[path.parent.name].add(rel)
        if url is not None:
            self.urls[url].append(rel)
            head = url.strip("/").split("/", 1)[0]
            if head:
                self.url_heads.add("#year" if re.fullmatch(r"\d{4}", head) else head)

    def served(self, link_path: str) -> bool:
        """Whether a site-root path names a file the site serves."""
        inner = link_path
        if self.base_path and inner.casefold().startswith(self.base_path + "/"):
            inner = inner[len(self.base_path) :]
        inner = inner.lstrip("/")
        for root in self.roots:
            candidate = self.site.root / root / inner
            if candidate.is_file() or (candidate.is_dir() and (candidate / "index.html").exists()):
                return True
        return False


def _link_target(link: str) -> str | None:
    """The path part of a link worth following, or None (a URL, an anchor, a template)."""
    link = link.strip()
    if not link or link.startswith(("#", "{{", "{%", "mailto:", "?")) or _SCHEME.match(link):
        return None
    path = unquote(re.split(r"[?#]", link, maxsplit=1)[0])
    return path or None


def _pelican_path(link: str, post_dir: str, site: Site) -> tuple[str, bool] | None:
    """``{static}``, ``{attach}`` and ``{filename}`` links: (site-relative path, is a post)."""
    match = re.match(r"^\{(static|attach|filename)\}(.*)$", link)
    if match is None:
        return None
    rest = unquote(re.split(r"[?#]", match[2], maxsplit=1)[0])
    if rest.startswith("/"):
        path = posixpath.normpath(f"{site.setting('content_dir', 'content')}/{rest.lstrip('/')}")
    else:
        path = posixpath.normpath(f"{post_dir}/{rest}")
    return path, match[1] == "filename"


def _links_findings(item: _Checked, facts: _SiteFacts, add: _AddAt) -> None:
    site = facts.site
    post = item.post
    found = _scan_links(post.body)
    post_dir = posixpath.dirname(item.rel)
    for index, raw, image, alt in found.items:
        line = post.body_line + index
        if image and alt is not None and not alt.strip():
            add(
                line,
                "warning",
                f"image '{raw}' has no alt text: describe it for readers who cannot see it",
                "image-alt",
            )
        pelican = (
            _pelican_path(raw.strip(), post_dir, site) if site.generator == "pelican" else None
        )
        if pelican is not None:
            path, is_post = pelican
            if not (site.root / path).exists():
                what = "post" if is_post else "file"
                add(
                    line,
                    "error",
                    f"'{raw}' links to a {what} that does not exist ({path})",
                    "broken-image" if image else "broken-link",
                )
            continue
        target = _link_target(raw)
        if target is None:
            continue
        if target.startswith("/"):
            _root_link(line, raw, image, facts, add, linker_draft=item.summary.draft)
            continue
        resolved = posixpath.normpath(posixpath.join(post_dir, target))
        if resolved.startswith("../") or resolved == "..":
            continue  # outside the site: not its business
        exists = (site.root / resolved).exists()
        if site.generator == "zola" and target.startswith("@/"):
            resolved = posixpath.normpath(f"content/{target[2:]}")
            exists = (site.root / resolved).exists()
        if exists:
            if resolved in facts.drafts and not item.summary.draft:
                add(line, "warning", _draft_link(raw), "link-to-draft")
            continue
        if image:
            add(line, "error", f"image '{raw}' not found (looked for {resolved})", "broken-image")
        elif is_post_name(target) or is_image_name(target) or target.startswith("@/"):
            add(
                line,
                "error",
                f"link '{raw}' leads to no file (looked for {resolved})",
                "broken-link",
            )
    for index, kind, name in found.tags:
        line = post.body_line + index
        if kind == "post_url" and site.generator == "jekyll":
            stem = PurePosixPath(name).name
            if not any(PurePosixPath(rel).stem == stem for rel in facts.names.get(stem, ())):
                add(
                    line,
                    "error",
                    f"post_url '{name}' names no post in _posts: the build stops",
                    "broken-link",
                )
        elif kind == "post_link" and site.generator == "hexo":
            if name.strip("'\"") not in facts.names:
                add(line, "error", f"post_link '{name}' names no post", "broken-link")
        elif kind == "ref" and site.generator == "hugo":
            _hugo_ref(line, name, post_dir, facts, add)


def _hugo_ref(line: int, name: str, post_dir: str, facts: _SiteFacts, add: _AddAt) -> None:
    target = name.split("#", 1)[0]
    if not target:
        return
    content = str(facts.site.setting("content_dir", "content"))
    candidates = [
        posixpath.normpath(posixpath.join(post_dir, target)),
        posixpath.normpath(f"{content}/{target.lstrip('/')}"),
    ]
    for candidate in candidates:
        if candidate in facts.rels or (facts.site.root / candidate).exists():
            return
    if "/" not in target.strip("/") and PurePosixPath(target).name in facts.names:
        return
    add(line, "error", f"ref '{name}' finds no page: Hugo stops the build", "broken-link")


def _draft_link(raw: str) -> str:
    return f"'{raw}' links to a draft: the build leaves it out, so the link breaks until then"


def _root_link(
    line: int, raw: str, image: bool, facts: _SiteFacts, add: _AddAt, *, linker_draft: bool
) -> None:
    """A link or image written from the site's root (``/images/a.png``, ``/posts/b/``)."""
    target = _link_target(raw) or "/"
    if facts.served(target):
        return
    if image:
        where = ", ".join(f"{root}/" for root in facts.roots)
        message = f"image '{raw}' is in none of the folders the site serves ({where})"
        add(line, "error", message, "broken-image")
        return
    url = _normal_url(target)
    if facts.base_path and url.startswith(facts.base_path + "/"):
        url = url[len(facts.base_path) :]
    for candidate in (url, url.rstrip("/") + "/", url + ".html"):
        rels = facts.urls.get(candidate)
        if rels:
            if all(rel in facts.drafts for rel in rels) and not linker_draft:
                add(line, "warning", _draft_link(raw), "link-to-draft")
            return
    head = url.strip("/").split("/", 1)[0]
    key = "#year" if re.fullmatch(r"\d{4}", head) else head
    extension = posixpath.splitext(url)[1].strip(".")
    if key and key in facts.url_heads and extension in ("", "html", "htm"):
        add(line, "error", f"link '{raw}' leads to no post of this site", "broken-link")


#: how a per-post rule records a finding: (line, severity, message, rule)
_AddAt = Callable[[int, Severity, str, str], None]


def _post_findings(item: _Checked, facts: _SiteFacts, now: dt.datetime) -> list[Finding]:
    site = facts.site
    post = item.post
    findings: list[Finding] = []
    in_drafts = is_draft_folder(site, item.rel)

    def add(line: int, severity: Severity, message: str, rule: str) -> None:
        findings.append(Finding(post.path, line or 1, None, severity, message, rule))

    for finding in check(post, facts.target):
        if finding.rule == "no-date" and (
            in_drafts or (site.generator == "jekyll" and _DATE_NAME.match(post.path.name))  # type: ignore[union-attr]
        ):
            continue  # Jekyll dates a post by its file name, and a draft by its file's time
        findings.append(finding)
    if post.error is not None:
        return findings
    name = GENERATOR_LABELS.get(site.generator, site.generator)
    date = post.date
    date_line = post.key_line("date") or post.key_line("pubDate") or 1
    if date is not None:
        day = date.date() if isinstance(date, dt.datetime) else date
        if (post.draft or in_drafts) and day < now.date():
            add(
                date_line,
                "warning",
                f"this draft is dated {day.isoformat()}, in the past: "
                "publishing it puts it among older posts; update the date when it goes out",
                "draft-past-date",
            )
        elif not post.draft and is_future(date, now) and _hides_future(site, facts.config):
            add(
                date_line,
                "warning",
                f"dated {day.isoformat()}, in the future: {name} leaves "
                "the post out of the site until then",
                "future-date",
            )
    _links_findings(item, facts, add)
    return findings


# --------------------------------------------------------------------------- the whole site


def read_site(site: Site, stamps: dict[str, Stamp] | None = None) -> list[_Checked]:
    """Every post of the site, parsed (unreadable files are findings later)."""
    stamps = stamps if stamps is not None else list_posts(site)
    out: list[_Checked] = []
    for rel in sorted(stamps):
        path = site.root / rel
        try:
            post = read_post(path)
        except PostError as exc:
            post = Post.from_text("", path)
            post = dataclasses.replace(
                post, error=PostError(exc.message, path, exc.line, exc.column)
            )
        summary = summarize(post, rel, stamps[rel], in_drafts=is_draft_folder(site, rel))
        out.append(_Checked(rel, post, summary))
    return out


def check_site(
    site: Site, *, now: dt.datetime | None = None, posts: Iterable[_Checked] | None = None
) -> SiteReport:
    """Check every post of ``site`` and the posts against each other."""
    now = now or dt.datetime.now().astimezone()
    items = list(posts) if posts is not None else read_site(site)
    counts = TermCounts.of(item.summary for item in items if item.post.error is None)
    scanned = dataclasses.replace(site, vocabulary=counts.vocabulary())
    target = Target("site", scanned, "The post lives in this site's folder.")
    config = _config(site)
    facts = _SiteFacts(scanned, target, config)
    urls: dict[str, str | None] = {}
    for item in items:
        url = page_url(target, item.post, item.rel, config) if item.post.error is None else None
        urls[item.rel] = url
        facts.add(item.rel, url, draft=item.summary.draft)
    report = SiteReport(scanned, checked=len(items))
    for item in items:
        report.findings.extend(_post_findings(item, facts, now))
    report.findings.extend(_cross_findings(items, facts, urls))
    report.findings.sort(key=Finding.sort_key)
    return report


def _cross_findings(
    items: list[_Checked], facts: _SiteFacts, urls: dict[str, str | None]
) -> list[Finding]:
    findings: list[Finding] = []
    by_rel = {item.rel: item for item in items}
    for url, rels in facts.urls.items():
        if len(rels) < 2:
            continue
        for rel in rels:
            others = ", ".join(other for other in rels if other != rel)
            post = by_rel[rel].post
            line = post.key_line("slug") or post.key_line("title") or 1
            findings.append(
                Finding(
                    post.path,
                    line,
                    None,
                    "error",
                    f"same URL as {others} ({url}): one page overwrites the other",
                    "duplicate-url",
                )
            )
    slugs: dict[str, list[str]] = defaultdict(list)
    for item in items:
        if item.post.error is None and item.post.slug:
            slugs[make_slug(item.post.slug)].append(item.rel)
    for slug, rels in slugs.items():
        if len(rels) < 2 or len({urls.get(rel) for rel in rels}) < len(rels):
            continue  # one URL: already said
        for rel in rels:
            post = by_rel[rel].post
            others = ", ".join(other for other in rels if other != rel)
            findings.append(
                Finding(
                    post.path,
                    post.key_line("slug") or 1,
                    None,
                    "warning",
                    f"slug '{slug}' is also the slug of {others}",
                    "duplicate-slug",
                )
            )
    return findings
