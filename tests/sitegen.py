"""Generated sites for the site workspace's tests: Hugo, Jekyll and MkDocs Material blogs with a
few dozen clean posts each (titles, dates, drafts, tags, images, links between posts), and,
when asked, a handful of seeded problems - each one a post the pre-publish check must name,
with the rule it must name it by.
"""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: the day the sites are generated for: posts are dated before it, drafts after it
TODAY = dt.date.today()
NOW = dt.datetime.now().astimezone()
TAGS = ("python", "static sites", "writing", "travel", "photography", "rust")
CATEGORIES = ("notes", "guides")
# a 1x1 PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@dataclass
class GenPost:
    """One generated post as the tests expect to see it."""

    rel: str
    title: str
    date: dt.date
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]


@dataclass
class GenSite:
    """A generated site: its folder, its posts (newest first) and the seeded problems as
    (site-relative file, rule)."""

    root: Path
    generator: str
    posts: list[GenPost] = field(default_factory=list)
    seeded: set[tuple[str, str]] = field(default_factory=set)

    def post(self, rel: str) -> GenPost:
        return next(p for p in self.posts if p.rel == rel)


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-").replace(",", "")


def _titles(count: int) -> list[str]:
    words = ("Harbour", "Lantern", "Orchard", "Tide", "Granite", "Meadow", "Quarry", "Willow")
    things = ("notes", "walk", "morning", "letters", "maps", "lessons")
    return [f"{words[i % len(words)]} {things[i % len(things)]} {i + 1}" for i in range(count)]


def _before(plan: list[tuple[str, dt.date, bool, tuple[str, ...], tuple[str, ...]]], i: int) -> int:
    """The published post before post ``i`` (links between posts never lead to a draft)."""
    return max(j for j in range(i) if not plan[j][2])


def _yaml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(values) + "]"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _body(marker: str, extra: str = "") -> str:
    return (
        "\nThe first paragraph, which is the excerpt on the index.\n\n"
        f"{marker}\n\n"
        "More of the post, after the excerpt.\n\n"
        "```python\nprint('hello')\n```\n"
        f"{extra}"
    )


def make_site(
    root: Path, generator: str, count: int = 36, *, seed: bool = False, git: bool = False
) -> GenSite:
    """A ``generator`` blog in ``root`` with ``count`` clean posts (and seeded problems)."""
    makers = {"hugo": _hugo, "jekyll": _jekyll, "mkdocs": _mkdocs}
    site = makers[generator](root, count, seed)
    site.posts.sort(key=lambda p: (p.date, p.rel), reverse=True)
    if git:
        init_git(root)
    return site


def init_git(root: Path) -> None:
    """A repository in ``root`` with everything committed."""
    env_args = ["-c", "user.name=Tester", "-c", "user.email=tester@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(root), *env_args, "commit", "-q", "-m", "The site"], check=True
    )
    subprocess.run(["git", "-C", str(root), "config", "user.name", "Tester"], check=True)
    subprocess.run(
        ["git", "-C", str(root), "config", "user.email", "tester@example.org"], check=True
    )


def _plan(count: int) -> list[tuple[str, dt.date, bool, tuple[str, ...], tuple[str, ...]]]:
    out = []
    for i, title in enumerate(_titles(count)):
        date = TODAY - dt.timedelta(days=3 * (count - i))
        draft = i % 9 == 4
        if draft:
            date = TODAY + dt.timedelta(days=i)  # drafts dated ahead: nothing to say about them
        tags = (TAGS[i % len(TAGS)], TAGS[(i + 2) % len(TAGS)])
        categories = (CATEGORIES[i % 2],)
        out.append((title, date, draft, tags, categories))
    return out


# --------------------------------------------------------------------------- Hugo

HUGO_CONFIG = 'baseURL = "https://example.org/"\ntitle = "Harbour blog"\nlanguageCode = "en"\n'


def _hugo(root: Path, count: int, seed: bool) -> GenSite:
    site = GenSite(root, "hugo")
    _write(root / "hugo.toml", HUGO_CONFIG)
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "images" / "shared.png").write_bytes(PNG)
    plan = _plan(count)
    slugs = [_slug(title) for title, *_ in plan]
    for i, (title, date, draft, tags, categories) in enumerate(plan):
        slug = slugs[i]
        bundle = i % 5 == 0
        rel = f"content/posts/{slug}/index.md" if bundle else f"content/posts/{slug}.md"
        extra = ""
        if bundle:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).parent.joinpath("photo.png").write_bytes(PNG)
            extra += "\n![A photo of the harbour](photo.png)\n"
        if i % 4 == 1 and i > 0:
            extra += f"\nSee [the one before](/posts/{slugs[_before(plan, i)]}/) too.\n"
        if i % 6 == 2:
            extra += "\n![The shared picture](/images/shared.png)\n"
        text = (
            f"---\ntitle: {title}\ndate: {date.isoformat()}\ndraft: {str(draft).lower()}\n"
            f"tags: {_yaml_list(tags)}\ncategories: {_yaml_list(categories)}\n---\n"
            + _body("<!--more-->", extra)
        )
        _write(root / rel, text)
        site.posts.append(GenPost(rel, title, date, draft, tags, categories))
    if seed:
        _seed_hugo(root, site)
    return site


def _seed_hugo(root: Path, site: GenSite) -> None:
    def add(
        rel: str, text: str, *rules: str, title: str, date: dt.date, draft: bool = False
    ) -> None:
        _write(root / rel, text)
        site.posts.append(GenPost(rel, title, date, draft, (), ()))
        site.seeded.update((rel, rule) for rule in rules)

    past = TODAY - dt.timedelta(days=400)
    add(
        "content/posts/same-a.md",
        f"---\ntitle: Same A\ndate: {past}\nslug: same\n---\n" + _body("<!--more-->"),
        "duplicate-url",
        title="Same A",
        date=past,
    )
    add(
        "content/posts/same-b.md",
        f"---\ntitle: Same B\ndate: {past}\nslug: same\n---\n" + _body("<!--more-->"),
        "duplicate-url",
        title="Same B",
        date=past,
    )
    add(
        "content/posts/broken-link.md",
        f"---\ntitle: Broken link\ndate: {past}\n---\n"
        + _body("<!--more-->", "\nSee [the missing post](/posts/no-such-post/).\n"),
        "broken-link",
        title="Broken link",
        date=past,
    )
    add(
        "content/posts/broken-image.md",
        f"---\ntitle: Broken image\ndate: {past}\n---\n"
        + _body("<!--more-->", "\n![A chart](images/missing-chart.png)\n"),
        "broken-image",
        title="Broken image",
        date=past,
    )
    add(
        "content/posts/no-alt.md",
        f"---\ntitle: No alt\ndate: {past}\n---\n"
        + _body("<!--more-->", "\n![](/images/shared.png)\n"),
        "image-alt",
        title="No alt",
        date=past,
    )
    add(
        "content/posts/old-draft.md",
        f"---\ntitle: Old draft\ndate: {past}\ndraft: true\n---\n" + _body("<!--more-->"),
        "draft-past-date",
        title="Old draft",
        date=past,
        draft=True,
    )
    future = TODAY + dt.timedelta(days=30)
    add(
        "content/posts/from-the-future.md",
        f"---\ntitle: From the future\ndate: {future}\n---\n" + _body("<!--more-->"),
        "future-date",
        title="From the future",
        date=future,
    )
    add(
        "content/posts/no-marker.md",
        f"---\ntitle: No marker\ndate: {past}\n---\n\nOne paragraph only.\n",
        "no-marker",
        title="No marker",
        date=past,
    )
    add(
        "content/posts/twice.md",
        f"---\ntitle: Twice\ndate: {past}\ntitle: Twice again\n---\n" + _body("<!--more-->"),
        "duplicate-key",
        title="Twice again",
        date=past,
    )
    add(
        "content/posts/two-titles.md",
        f"---\ntitle: Two titles\ndate: {past}\n---\n\n# Another title\n" + _body("<!--more-->"),
        "two-titles",
        title="Two titles",
        date=past,
    )
    add(
        "content/posts/pythons.md",
        f"---\ntitle: Pythons\ndate: {past}\ntags: [Pythons]\n---\n" + _body("<!--more-->"),
        "near-duplicate-tag",
        title="Pythons",
        date=past,
    )


# --------------------------------------------------------------------------- Jekyll

JEKYLL_CONFIG = 'title: Harbour blog\nexcerpt_separator: "<!-- more -->"\nmarkdown: kramdown\n'


def _jekyll(root: Path, count: int, seed: bool) -> GenSite:
    site = GenSite(root, "jekyll")
    _write(root / "_config.yml", JEKYLL_CONFIG)
    _write(root / "Gemfile", 'source "https://rubygems.org"\ngem "jekyll"\n')
    (root / "assets" / "images").mkdir(parents=True)
    (root / "assets" / "images" / "shared.png").write_bytes(PNG)
    plan = _plan(count)
    names = [f"{date.isoformat()}-{_slug(title)}" for title, date, *_ in plan]
    for i, (title, date, draft, tags, categories) in enumerate(plan):
        rel = f"_posts/{names[i]}.md"
        extra = ""
        if i % 4 == 1 and i > 0:
            j = _before(plan, i)
            url = f"/{plan[j][4][0]}/{plan[j][1]:%Y/%m/%d}/{_slug(plan[j][0])}.html"
            extra += f"\nSee [the one before]({url}) too.\n"
        if i % 6 == 2:
            extra += "\n![The shared picture](/assets/images/shared.png)\n"
        published = "\npublished: false" if draft else ""
        text = (
            f"---\nlayout: post\ntitle: {title}\ndate: {date.isoformat()}{published}\n"
            f"tags: {_yaml_list(tags)}\ncategories: {_yaml_list(categories)}\n---\n"
            + _body("<!-- more -->", extra)
        )
        _write(root / rel, text)
        site.posts.append(GenPost(rel, title, date, draft, tags, categories))
    if seed:
        past = TODAY - dt.timedelta(days=400)
        rel = f"_posts/{past.isoformat()}-missing-link.md"
        _write(
            root / rel,
            f"---\nlayout: post\ntitle: Missing link\ndate: {past}\n---\n"
            + _body("<!-- more -->", "\nSee {% post_url 2001-01-01-nothing %}.\n"),
        )
        site.posts.append(GenPost(rel, "Missing link", past, False, (), ()))
        site.seeded.add((rel, "broken-link"))  # its {% post_url %} is Liquid on purpose
        future = TODAY + dt.timedelta(days=30)
        rel = f"_posts/{future.isoformat()}-ahead.md"
        _write(
            root / rel,
            f"---\nlayout: post\ntitle: Ahead\ndate: {future}\n---\n" + _body("<!-- more -->"),
        )
        site.posts.append(GenPost(rel, "Ahead", future, False, (), ()))
        site.seeded.add((rel, "future-date"))
    return site


JEKYLL_LAYOUT = """<!doctype html><html><head><title>{{ page.title }}</title></head><body>
<main><h1>{{ page.title }}</h1>{{ content }}</main></body></html>
"""
JEKYLL_INDEX = """---
layout: default
---
{% for post in site.posts %}<article>
<h2><a href="{{ post.url | relative_url }}">{{ post.title }}</a></h2>
{{ post.excerpt }}</article>{% endfor %}
"""


def jekyll_layouts(root: Path) -> None:
    """Layouts and an index, so that a real Jekyll build renders the posts."""
    _write(root / "_layouts" / "default.html", JEKYLL_LAYOUT)
    _write(root / "_layouts" / "post.html", "---\nlayout: default\n---\n{{ content }}\n")
    _write(root / "index.html", JEKYLL_INDEX)


# --------------------------------------------------------------------------- MkDocs Material

MKDOCS_CONFIG = """site_name: Harbour blog
site_url: https://example.org/
theme:
  name: material
plugins:
  - blog
  - search
"""


def _mkdocs(root: Path, count: int, seed: bool) -> GenSite:
    site = GenSite(root, "mkdocs")
    config = MKDOCS_CONFIG
    if seed:
        config = config.replace("  - blog\n", "  - blog:\n      post_excerpt: required\n")
    _write(root / "mkdocs.yml", config)
    _write(root / "docs" / "index.md", "# Harbour blog\n\nWelcome.\n")
    _write(root / "docs" / "blog" / "index.md", "# Blog\n")
    plan = _plan(count)
    slugs = [_slug(title) for title, *_ in plan]
    for i, (title, date, draft, tags, categories) in enumerate(plan):
        rel = f"docs/blog/posts/{slugs[i]}.md"
        extra = ""
        if i % 4 == 1 and i > 0:
            extra += f"\nSee [the one before]({slugs[_before(plan, i)]}.md) too.\n"
        if i % 5 == 0:
            (root / "docs" / "blog" / "posts" / "images").mkdir(parents=True, exist_ok=True)
            (root / "docs" / "blog" / "posts" / "images" / f"{slugs[i]}.png").write_bytes(PNG)
            extra += f"\n![A picture]({'images'}/{slugs[i]}.png)\n"
        drafted = "\ndraft: true" if draft else ""
        text = (
            f"---\ndate: {date.isoformat()}{drafted}\ntags: {_yaml_list(tags)}\n"
            f"categories: {_yaml_list(tuple(c.title() for c in categories))}\n---\n\n"
            f"# {title}\n" + _body("<!-- more -->", extra)
        )
        _write(root / rel, text)
        site.posts.append(
            GenPost(rel, title, date, draft, tags, tuple(c.title() for c in categories))
        )
    if seed:
        past = TODAY - dt.timedelta(days=400)
        rel = "docs/blog/posts/quoted-date.md"
        _write(root / rel, f'---\ndate: "{past}"\n---\n\n# Quoted date\n' + _body("<!-- more -->"))
        site.posts.append(GenPost(rel, "Quoted date", past, False, (), ()))
        site.seeded.add((rel, "date-form"))
        rel = "docs/blog/posts/no-excerpt.md"
        _write(root / rel, f"---\ndate: {past}\n---\n\n# No excerpt\n\nJust one paragraph.\n")
        site.posts.append(GenPost(rel, "No excerpt", past, False, (), ()))
        site.seeded.add((rel, "no-marker"))
        rel = "docs/blog/posts/dead-link.md"
        _write(
            root / rel,
            f"---\ndate: {past}\n---\n\n# Dead link\n"
            + _body("<!-- more -->", "\nSee [gone](gone-post.md).\n"),
        )
        site.posts.append(GenPost(rel, "Dead link", past, False, (), ()))
        site.seeded.add((rel, "broken-link"))
    return site
