"""MkDocs Material's blog plugin: ``docs/<blog_dir>/posts/slug.md``, images beside it.

Material prints the first ``# H1`` as the page title, so the heading stays in the body. The
plugin aborts the build on a missing or quoted ``date``, on an author that is not in
``.authors.yml``, on a category outside ``categories_allowed``, and on a post without an
excerpt marker when ``post_excerpt: required``: each is caught here first.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath
from typing import Any, ClassVar

from editor.core.errors import PostError
from editor.core.excerpt import DEFAULT_MARKER
from editor.core.export.base import ExcerptNeed, Fields, Profile, Rendering, future_date, url_path
from editor.core.export.urls import ldml_date
from editor.core.fields import Field
from editor.core.findings import Finding
from editor.core.post import Post
from editor.core.site import Site
from editor.core.slug import make_slug


class MkDocsProfile(Profile):
    """YAML front matter; ``date`` must be a real YAML date."""

    name = "mkdocs"
    label = "MkDocs"
    lift_title = False
    html_links_work = False
    slug_from_title = True  # Material slugs the title by its own rule, accents and all
    manages: ClassVar[frozenset[Field]] = frozenset(
        {"date", "tags", "categories", "authors", "draft"}
    )

    def served_roots(self, site: Site) -> tuple[PurePosixPath, ...]:
        return (PurePosixPath(site.setting("docs_dir", "docs")),)

    def page_url(self, site: Site, r: Rendering, f: Fields) -> str | None:
        """``/blog/2024/12/12/slug/``: the blog folder, then ``post_url_format`` with the date
        in ``post_url_date_format``; the slug is written to the post so Material uses it."""
        day = f.date.date() if isinstance(f.date, dt.datetime) else f.date
        date = ldml_date(str(site.setting("post_url_date_format", "yyyy/MM/dd")), day)
        form = str(site.setting("post_url_format", "{date}/{slug}"))
        categories = "/".join(make_slug(str(c)) for c in f.categories[:1])
        if date is None:
            r.notes.append("the blog's post_url_date_format is not one Postwright can follow")
            return None
        path = (
            form.replace("{date}", date)
            .replace("{slug}", r.slug)
            .replace("{categories}", categories)
            .replace("{file}", r.slug)
        )
        if "{" in path:
            r.notes.append(f"the blog's post_url_format '{form}' is not one Postwright can follow")
            return None
        blog = str(site.setting("blog_dir", "blog"))
        base = site.setting("base_path", "")
        if site.setting("use_directory_urls", True):
            return url_path(base, blog, path)
        return url_path(base, blog, f"{path}.html", directory=False)

    def place_image(
        self, site: Site, r: Rendering, name: str, *, html: bool = False
    ) -> tuple[PurePosixPath, str]:
        """Beside the post in a folder named after its slug. MkDocs rewrites a markdown image's
        link for the page, not an ``<img>`` tag's: that one is linked from the page's URL."""
        image, link = super().place_image(site, r, name)
        if not html or r.url is None:
            return image, link
        docs = PurePosixPath(site.setting("docs_dir", "docs"))
        if not image.is_relative_to(docs):
            return image, link
        served = image.relative_to(docs)
        posts = site.posts_dir.relative_to(docs) if site.posts_dir.is_relative_to(docs) else None
        if posts is not None and served.is_relative_to(posts):
            # the blog plugin serves the posts folder's media without its "posts" part
            served = PurePosixPath(str(site.setting("blog_dir", "blog"))) / served.relative_to(
                posts
            )
        page = r.url.removeprefix(site.setting("base_path", ""))
        folder = page if page.endswith("/") else posixpath.dirname(page) + "/"
        return image, posixpath.relpath("/" + str(served), folder)

    def visibility(self, site: Site, f: Fields, r: Rendering, today: dt.date) -> str:  # noqa: ARG002 - hook
        if site.setting("draft"):
            return ""
        if f.draft:
            return (
                "a draft: the blog plugin leaves it out of 'mkdocs build' (mkdocs serve "
                "shows it; draft: true under the blog plugin builds drafts)"
            )
        if future_date(f.date, today) and site.setting("draft_if_future_date"):
            return (
                f"dated {f.date.isoformat()}, in the future: this blog treats it as a draft "
                "until then (draft_if_future_date)"
            )
        return ""

    def excerpt_need(self, site: Site) -> ExcerptNeed:
        return "required" if site.setting("post_excerpt") == "required" else "recommended"

    def missing_marker_message(self, site: Site) -> str:
        marker = self.marker(site) or DEFAULT_MARKER
        if site.setting("post_excerpt") == "required":
            return (
                f"no excerpt marker: this blog requires one (post_excerpt: required), so the "
                f"build stops; add {marker} where the excerpt ends"
            )
        return f"no excerpt marker: the blog index shows the whole post; add {marker}"

    def check_post(self, post: Post, site: Site, *, in_site: bool) -> list[Finding]:
        findings: list[Finding] = []
        line = post.key_line("date") or 1
        raw = post.date_value
        if raw is not None and isinstance(raw, str) and post.date is not None:
            findings.append(
                Finding(
                    post.path,
                    line,
                    None,
                    "error",
                    f"MkDocs Material stops on a date written as text: write it unquoted as "
                    f"date: {post.date.isoformat()}",
                    "date-form",
                )
            )
        allowed = [str(c) for c in site.setting("categories_allowed") or []]
        findings.extend(
            Finding(
                post.path,
                post.key_line("categories") or 1,
                None,
                "error",
                f"category '{category}' is not in this blog's categories_allowed "
                f"({', '.join(allowed)}): the build stops",
                "category-not-allowed",
            )
            for category in post.categories
            if allowed and category not in allowed
        )
        known: dict[str, str] = dict(site.setting("authors") or {})
        names = {name.casefold() for name in known.values()}
        findings.extend(
            Finding(
                post.path,
                post.key_line("authors") or post.key_line("author") or 1,
                None,
                "error" if in_site else "warning",
                f"author '{author}' is not in {site.setting('authors_file')}: the "
                "blog plugin stops on unknown authors",
                "unknown-author",
            )
            for author in post.authors
            if author not in known and author.casefold() not in names
        )
        return findings

    def convert_excerpt(self, body: str, site: Site, r: Rendering) -> str:
        out = super().convert_excerpt(body, site, r)
        marker = self.marker(site)
        if site.setting("post_excerpt") == "required" and marker and marker not in out:
            r.errors.append(
                PostError(f"this blog requires an excerpt: add '{marker}' where the excerpt ends")
            )
        return out

    def fields(self, f: Fields, site: Site, r: Rendering) -> dict[str, Any]:
        values = super().fields(f, site, r)
        raw = f.post.get("date")
        if isinstance(raw, dict) and f.post.date is not None:
            values["date"] = raw  # Material's {created:, updated:} form, already valid
        values["authors"] = self._author_ids(f.authors, site, r) or None
        allowed = site.setting("categories_allowed") or []
        for category in f.categories:
            if allowed and category not in allowed:
                r.errors.append(
                    PostError(
                        f"category '{category}' is not in this blog's categories_allowed "
                        f"({', '.join(map(str, allowed))})",
                        f.post.path,
                    )
                )
        return values

    @staticmethod
    def _author_ids(authors: list[str], site: Site, r: Rendering) -> list[str]:
        """Authors as ids of ``.authors.yml``: a name is mapped to its id, an unknown
        author is left out (Material stops the build on one)."""
        known: dict[str, str] = dict(site.setting("authors") or {})
        by_name = {name.casefold(): key for key, name in known.items()}
        ids: list[str] = []
        for author in authors:
            key = author if author in known else by_name.get(author.casefold())
            if key is None:
                r.notes.append(
                    f"author '{author}' left out: add it to {site.setting('authors_file')} "
                    "to show it (the blog plugin stops on unknown authors)"
                )
            elif key not in ids:
                ids.append(key)
        return ids
