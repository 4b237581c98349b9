"""Generator syntax in the preview: what a reader sees for shortcodes, Liquid and Hexo tags and
MkDocs snippets, per syntax and per target."""

from __future__ import annotations

import html
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.render import RenderOptions, RenderResult, render
from editor.core.render.guard import is_notice, render_or_notice
from editor.core.render.model import ALL_SYNTAXES, SYNTAX_BY_GENERATOR
from editor.core.render.renderer import Renderer
from editor.core.target import Target, TargetChoice, resolve_target

HUGO = RenderOptions(syntaxes=("hugo",))
LIQUID = RenderOptions(syntaxes=("liquid",))
HEXO = RenderOptions(syntaxes=("hexo",))
SNIPPETS = RenderOptions(syntaxes=("snippets",))
NONE = RenderOptions(syntaxes=())
ANY = RenderOptions()


def page(text: str, options: RenderOptions = ANY) -> str:
    return "\n".join(block.html for block in render(text, options).blocks)


def shown(fragment: str) -> str:
    """The text a reader sees, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def placeholders(fragment: str) -> list[str]:
    """The visible text of every placeholder (label and arguments)."""
    found = re.findall(
        r'<(?:span|div) class="pw-gen-label">([^<]*)</(?:span|div)>'
        r'(?: <code class="pw-gen-args">([^<]*)</code>)?',
        fragment,
    )
    return [html.unescape(f"{label} {args}".strip()) for label, args in found]


# ---------------------------------------------------------------------------- Hugo


def test_a_hugo_shortcode_is_a_labelled_placeholder_not_raw_text() -> None:
    out = page("{{< youtube ZJthWmvUzzc >}}\n", HUGO)
    assert placeholders(out) == ["Hugo shortcode: youtube ZJthWmvUzzc"]
    assert shown(out) == "Hugo shortcode: youtube ZJthWmvUzzc"
    assert out.startswith('<div class="pw-gen pw-gen-hugo"')


def test_shortcodes_in_a_paragraph_are_inline_placeholders() -> None:
    out = page('See {{< ref "other.md" >}} and {{% param author %}} here.\n', HUGO)
    assert placeholders(out) == [
        'Hugo shortcode: ref "other.md"',
        "Hugo shortcode: param author",
    ]
    assert shown(out).startswith("See Hugo shortcode: ref")
    assert out.startswith("<p>See <span")


def test_a_percent_pair_renders_its_content_as_markdown() -> None:
    out = page(
        "{{% notice info %}}\nSome **bold**.\n\nA second paragraph.\n{{% /notice %}}\n", HUGO
    )
    assert placeholders(out) == ["Hugo shortcode: notice info"]
    assert "<strong>bold</strong>" in out
    assert "<p>A second paragraph.</p>" in out
    assert "/notice" not in out


def test_an_angle_pair_shows_its_content_as_written() -> None:
    out = page("{{< card >}}\nWe **design**.\n<b>bold</b>\n{{< /card >}}\n", HUGO)
    assert placeholders(out) == ["Hugo shortcode: card"]
    assert "<strong>" not in out
    assert "<b>" not in out
    assert "We **design**. &lt;b&gt;bold&lt;/b&gt;" in " ".join(out.split())
    assert 'class="pw-gen-body pw-gen-verbatim"' in out


def test_a_self_closing_shortcode_does_not_swallow_what_follows() -> None:
    out = page("{{< note />}}\n\nAfter.\n\n{{< /note >}}\n", HUGO)
    assert "<p>After.</p>" in out


def test_nested_shortcodes_inside_a_percent_pair() -> None:
    out = page("{{% box %}}\nText with {{< icon star >}}.\n{{% /box %}}\n", HUGO)
    assert placeholders(out) == ["Hugo shortcode: box", "Hugo shortcode: icon star"]


def test_hugos_comment_escape_shows_the_shortcode_as_text_in_prose_and_code() -> None:
    out = page("Write {{</* youtube abc */>}} or `{{%/* notice */%}}`.\n", HUGO)
    assert shown(out) == "Write {{< youtube abc >}} or {{% notice %}} ."
    assert placeholders(out) == []


def test_the_highlight_shortcode_is_highlighted_code() -> None:
    out = page("{{< highlight python >}}\ndef f():\n\n    return 1\n{{< /highlight >}}\n", HUGO)
    assert 'class="language-python highlight"' in out
    assert '<span class="k">def</span>' in out
    assert "Hugo shortcode" not in out


def test_a_figure_shows_its_image_and_caption() -> None:
    out = page('{{< figure src="cat.jpg" caption="A cat" alt="A grey cat" >}}\n', HUGO)
    assert '<img src="cat.jpg" alt="A grey cat">' in out
    assert "<figcaption>" in out
    assert shown(out) == "A cat"


def test_a_remote_figure_follows_the_remote_image_rule() -> None:
    text = '{{< figure src="https://cdn.example.org/cat.jpg" caption="A cat" >}}\n'
    assert "<img" not in page(text, HUGO)
    assert "Remote image from cdn.example.org, not loaded" in page(text, HUGO)
    allowed = RenderOptions(syntaxes=("hugo",), allow_remote_images=True)
    assert '<img src="https://cdn.example.org/cat.jpg"' in page(text, allowed)


def test_a_figure_is_checked_like_any_image(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text('---\ntitle: T\n---\n\n{{< figure src="missing.png" >}}\n')
    from editor.core.post import load_post

    warnings = render(load_post(post), HUGO).warnings
    assert {(w.line, w.code) for w in warnings} == {(5, "missing-file"), (5, "image-alt")}


def test_no_video_or_tweet_is_fetched() -> None:
    out = page("{{< youtube id >}}\n\n{{< vimeo 1 >}}\n\n{{< x user=a id=1 >}}\n", HUGO)
    assert "<iframe" not in out
    assert "<script" not in out
    assert "https://" not in out
    assert len(placeholders(out)) == 3


# ---------------------------------------------------------------------------- Liquid


def test_liquid_tags_and_output_are_placeholders() -> None:
    out = page(
        "Read {% post_url 2010-07-21-name %} on {{ site.title }}.\n\n"
        "{% include note.html kind=tip %}\n\n{% link _posts/a.md %}\n",
        LIQUID,
    )
    assert placeholders(out) == [
        "Liquid tag: post_url 2010-07-21-name",
        "Liquid output site.title",
        "Liquid tag: include note.html kind=tip",
        "Liquid tag: link _posts/a.md",
    ]


def test_raw_tags_vanish_and_their_content_shows_as_written() -> None:
    text = (
        "{% raw %}\n```liquid\n{{ page.title }}\n\n{% if x %}\n```\n{% endraw %}\n\n"
        "Inline `{% raw %}{{ site.baseurl }}{% endraw %}` and {% raw %}{{ x }}{% endraw %}.\n"
    )
    out = page(text, LIQUID)
    assert "raw" not in shown(out)
    assert placeholders(out) == []
    assert "<code>{{ site.baseurl }}</code>" in out
    assert "and {{ x }}." in out
    assert '<span class="p">{{</span>' in out  # the fence inside is highlighted code


def test_raw_content_spanning_blank_lines_makes_no_placeholders() -> None:
    out = page("{% raw %}\nA {{ x }}\n\nB {% include y %}\n{% endraw %}\n", LIQUID)
    assert shown(out) == "A {{ x }} B {% include y %}"


def test_a_raw_pair_after_a_tag_on_its_line_is_still_raw() -> None:
    result = render(
        "{% if a %} and {% raw %}{{ y }}\n\n{% include z %}\n{% endraw %} end\n", LIQUID
    )
    assert len(result.blocks) == 1
    out = result.blocks[0].html
    assert placeholders(out) == ["Liquid tag: if a"]
    assert shown(out) == "Liquid tag: if a and {{ y }} {% include z %} end"


def test_highlight_is_highlighted_code_with_line_numbers() -> None:
    text = "{% highlight ruby linenos %}\ndef x\n\n  1\nend\n{% endhighlight %}\n"
    result = render(text, LIQUID)
    assert len(result.blocks) == 1
    out = result.blocks[0].html
    assert 'class="language-ruby highlight"' in out
    assert 'class="linenos"' in out
    assert '<span class="k">def</span>' in out
    assert "highlight" not in shown(out)


def test_a_block_pair_shows_its_tag_and_its_content() -> None:
    out = page("{% capture note %}\nCaptured *text*.\n\nMore.\n{% endcapture %}\n", LIQUID)
    assert placeholders(out) == ["Liquid tag: capture note"]
    assert "<em>text</em>" in out
    assert "endcapture" not in out


def test_a_liquid_comment_shows_as_written() -> None:
    out = page("{% comment %}\nNot *shown*.\n{% endcomment %}\n", LIQUID)
    assert placeholders(out) == ["Liquid tag: comment"]
    assert "<em>" not in out


def test_an_inline_pair_wraps_its_content() -> None:
    out = page("{%- if npm %} _Downloads: {{ n }}_.\n{%- endif %}\n", LIQUID)
    assert placeholders(out) == ["Liquid tag: if npm", "Liquid output n"]
    assert "<em>Downloads:" in out
    assert "endif" not in out


def test_liquid_in_a_link_address_is_not_a_missing_file(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text('See [the docs]({{ "/docs/" | relative_url }}).\n')
    from editor.core.post import load_post

    result = render(load_post(post), LIQUID)
    assert result.warnings == ()
    assert shown(result.blocks[0].html) == "See the docs ."


# ---------------------------------------------------------------------------- Hexo


def test_hexo_tag_plugins() -> None:
    out = page("{% youtube lJIrF4YjHfQ %}\n\n{% asset_img slug.jpg A title %}\n", HEXO)
    assert placeholders(out) == [
        "Hexo tag: youtube lJIrF4YjHfQ",
        "Hexo tag: asset_img slug.jpg A title",
    ]


def test_hexo_codeblock_is_code_with_its_title() -> None:
    out = page(
        "{% codeblock hello.js lang:js %}\nvar x = {a: 1};\n\nx;\n{% endcodeblock %}\n", HEXO
    )
    assert 'class="language-js highlight"' in out
    assert '<span class="filename">hello.js</span>' in out
    assert "codeblock" not in shown(out)


def test_hexo_blockquote_is_a_quote_with_its_source() -> None:
    out = page(
        "{% blockquote David Levithan, Wide Awake %}\nDo not *just* wait.\n{% endblockquote %}\n",
        HEXO,
    )
    assert out.startswith('<blockquote class="pw-gen-quote">')
    assert "<em>just</em>" in out
    assert shown(out) == "Do not just wait. David Levithan, Wide Awake"


# ---------------------------------------------------------------------------- MkDocs snippets


def test_a_snippet_line_names_its_file() -> None:
    out = page('Before.\n\n--8<-- "includes/abbreviations.md"\n\nAfter.\n', SNIPPETS)
    assert placeholders(out) == ["MkDocs snippet includes/abbreviations.md"]
    assert "<p>Before.</p>" in out
    assert "<p>After.</p>" in out


def test_a_snippet_block_names_every_file() -> None:
    result = render("--8<--\nfirst.md\n\nsecond.md\n--8<--\n", SNIPPETS)
    assert len(result.blocks) == 1
    assert shown(result.blocks[0].html) == "MkDocs snippet first.md second.md"


def test_an_escaped_snippet_shows_as_written() -> None:
    out = page(';--8<-- "file.md"\n', SNIPPETS)
    assert shown(out) == '--8<-- "file.md"'


# ---------------------------------------------------------------------------- code, escaping


@pytest.mark.parametrize(
    "options", [ANY, HUGO, LIQUID, HEXO], ids=["any", "hugo", "liquid", "hexo"]
)
def test_nothing_in_code_is_touched(options: RenderOptions) -> None:
    text = (
        "```\n{{< youtube a >}}\n{% include x %}\n{{ site.x }}\n```\n\n"
        "    {{< indented b >}}\n    {% indented %}\n\n"
        "Inline `{{< youtube c >}}` and `{% post_url d %}` and `{{ e }}`.\n"
    )
    out = page(text, options)
    assert placeholders(out) == []
    assert "{{&lt; youtube a &gt;}}" in out
    assert "{{&lt; indented b &gt;}}" in out
    assert "<code>{{&lt; youtube c &gt;}}</code>" in out
    assert "<code>{% post_url d %}</code>" in out
    assert "<code>{{ e }}</code>" in out


@pytest.mark.parametrize(
    "text",
    [
        '{{< x a="\\"><script>alert(1)</script>" >}}\n',
        'Inline {{< x a="\\"><img src=x onerror=alert(1)>" >}} here.\n',
        '{% include "><script>alert(1)</script> %}\n',
        'Text {{ "<img src=x onerror=alert(1)>" }} here.\n',
        '{{< figure src="x.png\\" onerror=\\"alert(1)" caption="<script>alert(1)</script>" >}}\n',
        '{{< note title="</div><script>alert(1)</script>" >}}\nbody\n{{< /note >}}\n',
        '{{% note "<iframe src=//evil>" %}}\nbody\n{{% /note %}}\n',
    ],
)
def test_hostile_arguments_come_out_inert(text: str) -> None:
    out = page(text)
    elements = _Elements()
    elements.feed(out)
    assert elements.tags
    assert not {"script", "iframe", "style", "object", "embed"} & {t for t, _ in elements.tags}
    for _, attrs in elements.tags:
        assert not [name for name, _ in attrs if name.startswith("on")]
        assert all(not (value or "").lower().startswith("javascript:") for _, value in attrs)
    assert placeholders(out) or "<figure" in out


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.mark.parametrize("options", [ANY, LIQUID], ids=["any", "liquid"])
def test_tex_braces_in_math_are_not_liquid(options: RenderOptions) -> None:
    out = page("Math $\\frac{{a}}{b}$ and $$x^{{2}}$$ but {{ site.x }}.\n", options)
    assert placeholders(out) == ["Liquid output site.x"]
    assert out.count("<math") == 2
    assert "\ufdd1" not in out
    assert "<mfrac>" in out


def test_a_post_cannot_forge_the_markers() -> None:
    out = page("Fake \ufdd10\ufdd2 marker {{< x >}}.\n")
    assert placeholders(out) == ["Hugo shortcode: x"]
    assert "\ufdd1" not in out


def test_labels_are_not_counted_as_words() -> None:
    assert render("One two {{< youtube abc >}} three.\n").word_count == 3


# ---------------------------------------------------------------------------- targets


def test_only_the_sites_syntax_is_live() -> None:
    text = '{{< youtube a >}}\n\n{% include b.html %}\n\n--8<-- "c.md"\n'
    assert [p.split(":")[0] for p in placeholders(page(text, HUGO))] == ["Hugo shortcode"]
    assert [p.split(":")[0] for p in placeholders(page(text, LIQUID))] == ["Liquid tag"]
    assert [p.split(":")[0] for p in placeholders(page(text, HEXO))] == ["Hexo tag"]
    assert placeholders(page(text, SNIPPETS)) == ["MkDocs snippet c.md"]
    assert len(placeholders(page(text, ANY))) == 3
    plain = page(text, NONE)
    assert placeholders(plain) == []
    assert "{{&lt; youtube a &gt;}}" in plain


def _site(tmp_path: Path, generator: str) -> Path:
    files = {
        "hugo": ("hugo.toml", 'title = "x"\n', "content/posts"),
        "jekyll": ("_config.yml", "title: x\n", "_posts"),
        "mkdocs": ("mkdocs.yml", "site_name: x\nplugins:\n  - blog\n", "docs/blog/posts"),
    }
    name, config, posts = files[generator]
    root = tmp_path / generator
    (root / posts).mkdir(parents=True)
    (root / name).write_text(config)
    return root / posts / "2024-01-01-post.md"


@pytest.mark.parametrize(
    ("generator", "syntaxes"),
    [("hugo", ("hugo",)), ("jekyll", ("liquid",)), ("mkdocs", ("snippets",))],
)
def test_the_target_gives_its_generators_syntax(
    tmp_path: Path, generator: str, syntaxes: tuple[str, ...]
) -> None:
    target = resolve_target(_site(tmp_path, generator))
    assert target.generator == generator
    assert target.render_options().syntaxes == syntaxes


def test_a_post_in_no_site_recognises_every_syntax(tmp_path: Path) -> None:
    target = resolve_target(tmp_path / "draft.md")
    assert target.render_options().syntaxes == ALL_SYNTAXES
    chosen = resolve_target(tmp_path / "draft.md", TargetChoice(None, "hexo"))
    assert chosen.render_options().syntaxes == ("hexo",)
    assert Target("none").syntaxes == ALL_SYNTAXES


def test_every_generator_has_an_answer() -> None:
    from editor.core.site import GENERATORS

    for generator in GENERATORS:
        syntaxes = SYNTAX_BY_GENERATOR.get(generator, ())
        assert set(syntaxes) <= set(ALL_SYNTAXES)
    assert SYNTAX_BY_GENERATOR["eleventy"] == ("liquid",)


# ---------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "text",
    [
        "x " + "{{< " * 20_000,
        "\n".join(f"{{{{< a{i} >}}}}" for i in range(5_000)),
        "\n\n".join("{{% note %}}" for _ in range(5_000)),
        "\n\n".join("{% raw %} x" for _ in range(5_000)),
        "{{% n %}}\n" * 2_000 + "x\n" + "{{% /n %}}\n" * 2_000,
        "x " + "{% if a %}" * 3_000 + "y" + "{% endif %}" * 3_000,
        "x " + "{% if a %}" * 12_000 + "y" + "{% endif %}" * 12_000,
        "\n\n".join("--8<--" for _ in range(5_000)),
        "{{< a " + "x" * 200_000 + " >}}",
        "{" * 200_000,
    ],
    ids=[
        "20k {{<", "5k tag lines", "5k unclosed pairs", "5k unclosed raw", "nested 2k",
        "inline nested 3k", "inline nested 12k", "5k snippet markers", "200 KB tag", "200k {",
    ],
)  # fmt: skip
def test_hostile_tags_render_or_get_the_notice_quickly(text: str) -> None:
    started = time.perf_counter()
    result = render_or_notice(Renderer(), text, None)
    assert result is not None
    assert time.perf_counter() - started < 5
    renderer = Renderer()
    render_or_notice(renderer, text, None)
    started = time.perf_counter()
    middle = len(text) // 2
    render_or_notice(renderer, text[:middle] + "z" + text[middle:], None)
    assert time.perf_counter() - started < 5


def test_a_huge_paragraph_of_tags_gets_the_notice() -> None:
    result = render_or_notice(Renderer(), "x " + "{% if a %}" * 12_000 + "y", None)
    assert result is not None
    assert is_notice(result)


def _result_text(result: RenderResult) -> str:
    return shown("\n".join(block.html for block in result.blocks))


def test_the_corpus_like_hugo_post_reads_well() -> None:
    text = (
        "## YouTube\n\n{{< youtube ZJthWmvUzzc >}}\n\n<br>\n\n"
        "#### Code block with Hugo's internal highlight shortcode\n"
        "{{< highlight html >}}\n<!doctype html>\n\n<p>Test</p>\n{{< /highlight >}}\n\n"
        "{{< css.inline >}}\n<style>\n.x { color: red }\n</style>\n{{< /css.inline >}}\n"
    )
    result = render(text, HUGO)
    assert "Hugo shortcode: youtube ZJthWmvUzzc" in _result_text(result)
    assert "Hugo shortcode: css.inline <style> .x { color: red } </style>" in _result_text(result)
    assert any("language-html highlight" in block.html for block in result.blocks)


def test_front_matter_that_turns_liquid_off_shows_the_tags_as_text() -> None:
    on = "---\ntitle: T\n---\n\nUse {{ site.title }} and {% raw %}x{% endraw %}.\n"
    off = on.replace("title: T", "title: T\nrender_with_liquid: false")
    assert placeholders(page(on, LIQUID)) == ["Liquid output site.title"]
    assert shown(page(off, LIQUID)) == "Use {{ site.title }} and {% raw %}x{% endraw %}."
    hexo = on.replace("title: T", "title: T\ndisableNunjucks: true")
    assert placeholders(page(hexo, HEXO)) == []
    # Hugo's shortcodes do not depend on Liquid's switch
    mixed = off + "\n{{< youtube a >}}\n"
    assert placeholders(page(mixed)) == ["Hugo shortcode: youtube a"]


def test_turning_liquid_off_while_typing_renders_like_a_fresh_render() -> None:
    on = "---\ntitle: T\n---\n\nUse {{ site.title }}.\n\n{% include x.html %}\n"
    off = on.replace("title: T", "title: T\nrender_with_liquid: false")
    renderer = Renderer(LIQUID)
    for text in (on, off, on, off):
        assert renderer.render(text) == render(text, LIQUID)


def test_the_switches_are_the_ones_the_export_profiles_write() -> None:
    from editor.core.export.profiles import PROFILES
    from editor.core.render.model import TEMPLATES_OFF

    written = {p.liquid_key for p in PROFILES.values() if p.liquid_key is not None}
    assert written == set(TEMPLATES_OFF)


def test_hugos_details_shortcode_is_a_collapsible_section() -> None:
    out = page('{{< details summary="See *more*" >}}\nHidden **text**.\n{{< /details >}}\n', HUGO)
    assert out.startswith('<details class="pw-gen-details"><summary>See *more*</summary>')
    assert "<strong>text</strong>" in out
