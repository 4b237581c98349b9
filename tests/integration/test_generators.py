"""Export our source posts into minimal real sites and build them with the real generators.

For each generator, every source post in ``tests/fixtures/export/sources`` is exported into one
minimal site (a layout printing title, date and content; an index printing the generator's own
excerpt or summary), the site is built once, and each post is checked in the built HTML as a
reader gets it: the page is at the URL the plan promised, the title shows once, the date, the
intro and the body show, code is highlighted, no marker shows, images load, ``{{ }}`` and
``{% %}`` in code stay, and the index links the post by its title with only its excerpt. A post
the plan says a plain build leaves out (a draft, a future date) must be missing.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from editor.core.export import ExportPlan, apply_plan, plan_export
from editor.core.site import detect_site
from tests.integration.conftest import NODE_MODULES, command

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parent / "fixtures" / "export" / "sources"
GENERATORS = ("hugo", "jekyll", "mkdocs", "pelican", "eleventy", "hexo", "astro")
NODE = {"eleventy", "hexo", "astro"}


@dataclass(frozen=True)
class Expect:
    """What a reader must see of one source post."""

    title: str
    intro: str
    body: str
    marker: bool = True
    code: bool = True
    images: int = 0
    literal: tuple[str, ...] = ()
    heading: str | None = None  # a second title the body's H1 shows (the plan warns)
    description: str | None = None


EXPECT: dict[str, Expect] = {
    "bridge/post.md": Expect(
        "Über die Brücke - 北京 at night",
        "We crossed the old bridge after dark",
        "The lanterns along the railing were lit",
        images=1,
    ),
    "heading-title.md": Expect(
        "Reading a Tide Table",
        "This first paragraph is the excerpt.",
        "Each row is one day.",
        images=2,
    ),
    "lookalike.md": Expect(
        "Writing Excerpts by Hand",
        "The marker goes right after the first paragraph",
        "Everything after the real marker stays off the index page.",
        literal=("{{ page.title }}", "{% if draft %}"),
    ),
    "toml-description.md": Expect(
        "Splicing Three-Strand Rope",
        "An eye splice keeps more of the rope",
        "Unlay the strands for a hand",
        description="How an eye splice is made, one tuck at a time.",
    ),
    "two-titles.md": Expect(
        "Fog Signals",
        "One prolonged blast every two minutes",
        "Two prolonged blasts mean she is stopped",
        heading="Sound Signals in Restricted Visibility",
    ),
    "liquid-code.md": Expect(
        "Templating the Logbook",
        "Logbook pages are generated from a template.",
        "The braces above must survive the export.",
        marker=False,
        code=False,
        literal=("{{ entry.time }}", "{% for entry in log %}"),
    ),
    "unicode-title.md": Expect(
        "Café au lait à bord: l'été de Zoë",
        "Un été à bord, entre deux ports.",
        "Le café se fait au réchaud",
        code=False,
    ),
    "toml-source.md": Expect(
        "Knots, Bends and Hitches",
        "Three families of knots, and when to use each.",
        "joins two ropes",
        code=False,
        literal=("bowline: loop that does not slip",),
    ),
    "pelican-header.md": Expect(
        "Anchoring in Weed",
        "An anchor that drags in weed is a common story.",
        "a sharper one is",
        marker=False,
        code=False,
        description="Why the anchor drags in weed, and what helps.",
    ),
    "draft-post.md": Expect(
        "Winter Haul-out Checklist",
        "Things to do before the boat comes out of the water.",
        "Take the sails home.",
        code=False,
    ),
    "future-post.md": Expect(
        "Letters to the Next Crew",
        "A note for whoever sails her after us.",
        "Check the stern gland before anything else.",
    ),
}
OUTPUT = {
    "hugo": "public",
    "jekyll": "_site",
    "mkdocs": "site",
    "pelican": "output",
    "eleventy": "_site",
    "hexo": "public",
    "astro": "dist",
}
INDEX = {"mkdocs": "blog/index.html"}
MARKERS = ("<!-- more -->", "<!--more-->", "PELICAN_END_SUMMARY", "more -->")


@dataclass
class Built:
    root: Path
    out: Path
    plans: dict[str, ExportPlan]
    seconds: float


def build_command(generator: str, root: Path) -> list[str]:
    base = command(generator)
    out = OUTPUT[generator]
    return {
        "hugo": [*base, "--quiet", "--destination", out],
        "jekyll": [*base, "build", "--quiet", "--destination", out],
        "mkdocs": [*base, "build", "--quiet", "--site-dir", out],
        "pelican": [*base, "content", "-s", "pelicanconf.py", "-o", out, "-q"],
        "eleventy": [*base, "--quiet", f"--output={out}"],
        "hexo": [*base, "generate", "--silent", "--cwd", str(root)],
        "astro": [*base, "build", "--silent"],
    }[generator]


def run_build(generator: str, root: Path, zone: str) -> None:
    """Build as a writer in the site's own time zone would (Hexo dates posts by the build
    machine's clock)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "ASTRO_TELEMETRY_DISABLED": "1",
        "TZ": zone,
    }
    done = subprocess.run(
        build_command(generator, root),
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (
        f"{generator} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    )


_BUILT: dict[str, Built] = {}


@pytest.fixture
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site for the test's generator, with every source post exported, built once."""
    generator: str = request.node.callspec.params["generator"]
    if generator in _BUILT:
        return _BUILT[generator]
    command(generator)  # skips (fails under CI) when the generator is not installed
    root = tmp_path_factory.mktemp(generator) / "site"
    shutil.copytree(HERE / "sites" / generator, root)
    for keep in root.rglob(".keep"):
        keep.unlink()
    if generator in NODE:
        (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    site = detect_site(root)
    assert site.generator == generator
    plans: dict[str, ExportPlan] = {}
    for name in EXPECT:
        plan = plan_export(SOURCES / name, site)
        assert plan.ok, (name, plan.errors, plan.conflicts)
        assert apply_plan(plan).ok
        plans[name] = plan
    start = time.monotonic()
    run_build(generator, root, str(site.setting("timezone") or "UTC"))
    _BUILT[generator] = Built(root, root / OUTPUT[generator], plans, time.monotonic() - start)
    return _BUILT[generator]


# --------------------------------------------------------------------------- reading HTML


def text_of(markup: str) -> str:
    """The text a reader sees: no head, scripts, styles, comments or tags."""
    markup = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?s)<!--.*?-->", " ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'"))


def without_code(markup: str) -> str:
    return re.sub(r"(?is)<pre\b.*?</pre>", " ", markup)


def page_file(out: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    return out / path / "index.html" if url.endswith("/") or not path else out / path


def main_region(generator: str, markup: str) -> str:
    """The part of a page that shows the post (not the theme's menus)."""
    if generator == "mkdocs":
        start = markup.index('<article class="md-content__inner')
        return markup[start : markup.index("</article>", start)]
    start = markup.find("<main")
    return markup[start : markup.rindex("</main>")] if start >= 0 else markup


def index_entry(generator: str, built: Built, plan: ExportPlan, *titles: str | None) -> str | None:
    """The index's entry for the post: from the link with its title to the next entry; None
    when the index does not link it."""
    index_url = "/" + INDEX.get(generator, "index.html")
    markup = (built.out / INDEX.get(generator, "index.html")).read_text(encoding="utf-8")
    for link in re.finditer(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', markup, re.S):
        if text_of(link[2]).strip() not in titles:
            continue
        target = unquote(urlsplit(urljoin("https://example.org" + index_url, link[1])).path)
        assert plan.url is not None
        assert target in (unquote(plan.url), unquote(plan.url) + "index.html"), (
            f"the index links {target}, the plan promised {plan.url}"
        )
        rest = markup[link.end() :]
        following = re.search(r"<article\b|<h2\b", rest)
        return rest[: following.start()] if following else rest
    return None


# --------------------------------------------------------------------------- the checks


@pytest.mark.parametrize("source", list(EXPECT), ids=[n.split(".")[0] for n in EXPECT])
@pytest.mark.parametrize("generator", GENERATORS)
def test_the_built_site_shows_the_post_as_planned(
    generator: str, source: str, built: Built
) -> None:
    expect = EXPECT[source]
    plan = built.plans[source]
    assert plan.url is not None, f"the plan for {generator} must know the URL"
    page = page_file(built.out, plan.url)
    if plan.hidden:
        assert not page.exists() or generator == "pelican", f"{page} was built: {plan.hidden}"
        assert index_entry(generator, built, plan, expect.title) is None
        return
    assert page.is_file(), (
        f"no page at {plan.url} ({page}); built: {sorted(built.out.rglob('*.html'))[:40]}"
    )
    markup = page.read_text(encoding="utf-8")
    region = main_region(generator, markup)
    text = text_of(region)
    if expect.heading is None:
        assert text.count(expect.title) == 1, f"the title must show once: {text[:300]}"
    else:
        assert expect.heading in text
        assert any("two titles" in note for note in plan.notes), "the plan must warn"
    day = plan.files[0].data.decode()
    date = re.search(r"\d{4}-\d{2}-\d{2}", day)
    assert date is not None
    assert date[0] in markup, f"the date {date[0]} must show"
    assert expect.intro in text
    assert expect.body in text
    visible = text_of(without_code(region))
    for marker in MARKERS:
        assert marker not in visible, f"the marker shows as text: {marker}"
    if expect.code:
        assert re.search(r"<span\b[^>]*>\s*def\s*</span>", region), "code is highlighted"
    code_text = html.unescape(re.sub(r"<[^>]+>", "", region))
    for literal in expect.literal:
        assert literal in code_text, f"{literal!r} must stay in the code"
    sources = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', region)
    assert len(sources) >= expect.images, sources
    for src in sources:
        if src.startswith(("http:", "https:", "data:")):
            continue
        target = page_file(built.out, urljoin("https://example.org" + plan.url, src))
        assert target.is_file(), f"{src} on {plan.url} does not load"
    # with two titles, a theme may take either for the index (Material takes the H1)
    entry = index_entry(generator, built, plan, expect.title, expect.heading)
    assert entry is not None, "the index must link the post by its title"
    entry_text = text_of(entry)
    if any("even inside code" in note for note in plan.notes):
        return  # the generator cannot be told where the excerpt ends: the plan warned
    if generator == "astro":
        if expect.description:
            assert expect.description in entry_text
    elif expect.marker:
        assert expect.intro in entry_text, "the index shows the excerpt"
    if expect.marker or generator == "astro":
        assert expect.body not in entry_text, "the index must show only the excerpt"
