"""Generator tags keep incremental rendering exact (property tests).

Pairs that span blank lines (``{% raw %}``, ``{% highlight %}``, paired shortcodes) stay one
block; after every random edit - tags typed, closed, unclosed, moved - the incremental render
equals a render from nothing, and splitting again around the edit equals a whole split.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render import Renderer, RenderOptions, diff_blocks, render
from editor.core.render.blocks import Split, resplit, split
from editor.core.render.diff import apply_patches
from editor.core.render.gensyntax import tags_for
from editor.core.render.model import ALL_SYNTAXES
from editor.core.render.textedit import find_edit
from tests.core.render.test_incremental import PIECES, apply_edit

GEN_PIECES = [
    "{{< youtube ZJthWmvUzzc >}}",
    '{{< figure src="pic.png" caption="A caption" >}}',
    "{{% notice info %}}\nSome **markdown**.\n\nA second paragraph.\n{{% /notice %}}",
    "{{< css.inline >}}\n<style>\n\n.x { color: red }\n</style>\n{{< /css.inline >}}",
    "{{< highlight go >}}\nfunc main() {\n\n}\n{{< /highlight >}}",
    "{% raw %}\n```liquid\n{{ page.title }}\n\n{% if x %}\n```\n{% endraw %}",
    "Inline `{% raw %}{{ site.url }}{% endraw %}` and {{ site.title }} and {% post_url a %}.",
    "{% highlight ruby linenos %}\ndef x\n\n  1\nend\n{% endhighlight %}",
    "{% capture note %}\nCaptured *text*.\n\nMore.\n{% endcapture %}",
    "{% codeblock lang:js hello.js %}\nvar x = {a: 1};\n\nx;\n{% endcodeblock %}",
    "{% blockquote Someone, Somewhere %}\nQuoted.\n\nStill quoted.\n{% endblockquote %}",
    '--8<-- "snippets/note.md"',
    "--8<--\nfirst.md\n\nsecond.md\n--8<--",
    "Escaped {{</* youtube abc */>}} shortcode.",
    "```\n{{< not a shortcode >}}\n\n{% raw %}\n```",
    "{{< note >}}\n{{< note >}}\nnested\n\n{{< /note >}}\n{{< /note >}}",
    "{% if a %} and {% raw %}{{ y }}\n\n{% include z %}\n{% endraw %} end",
    "Math $x^{{2}}$ and {{ y }} and $$\\frac{{a}}{b}$$",
]

GEN_LINES = [
    "{% raw %}",
    "{% endraw %}",
    "{{< note >}}",
    "{{< /note >}}",
    "{{% notice %}}",
    "{{% /notice %}}",
    "{% highlight python %}",
    "{% endhighlight %}",
    "--8<--",
    "```",
    "",
    "text {{ x }} more",
    "render_with_liquid: false",
]

GEN_CHARS = "ab {}%<>/-8`\n\n\n"


@st.composite
def gen_documents(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(GEN_PIECES + PIECES[:12]), min_size=1, max_size=12))
    front = draw(
        st.sampled_from(["", "---\ntitle: P\n---\n\n", "---\nrender_with_liquid: false\n---\n\n"])
    )
    return front + "\n\n".join(pieces) + "\n"


@st.composite
def gen_edits(draw: st.DrawFn) -> tuple[str, int, int, str]:
    kind = draw(st.sampled_from(["chars", "delete", "line", "line-delete", "piece"]))
    position = draw(st.integers(min_value=0, max_value=10_000))
    length = draw(st.integers(min_value=1, max_value=40))
    if kind == "chars":
        payload = draw(st.text(alphabet=GEN_CHARS, min_size=1, max_size=6))
    elif kind == "line":
        payload = draw(st.sampled_from(GEN_LINES))
    elif kind == "piece":
        payload = draw(st.sampled_from(GEN_PIECES))
    else:
        payload = ""
    return kind, position, length, payload


SYNTAX_SETS = [ALL_SYNTAXES, ("hugo",), ("liquid",), ("hexo",), ("snippets",), ()]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gen_documents(),
    st.lists(gen_edits(), min_size=1, max_size=8),
    st.sampled_from(SYNTAX_SETS),
)
def test_incremental_render_with_tags_equals_full_render(
    text: str, changes: list[tuple[str, int, int, str]], syntaxes: tuple[str, ...]
) -> None:
    options = RenderOptions(syntaxes=syntaxes)
    renderer = Renderer(options)
    previous = renderer.render(text)
    assert previous == render(text, options)
    for change in changes:
        text = apply_edit(text, change)
        incremental = renderer.render(text)
        assert incremental == render(text, options), text
        page = apply_patches(previous.blocks, diff_blocks(previous, incremental))
        assert page == [(block.id, block.element()) for block in incremental.blocks]
        previous = incremental


def _as_tuple(value: Split) -> tuple[object, ...]:
    return value.texts, value.starts, value.firsts, value.lasts, value.unsettled


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gen_documents(),
    st.lists(gen_edits(), min_size=1, max_size=6),
    st.sampled_from(SYNTAX_SETS),
)
def test_resplit_with_tags_equals_a_whole_split(
    text: str, changes: list[tuple[str, int, int, str]], syntaxes: tuple[str, ...]
) -> None:
    tags = tags_for(syntaxes)
    before = split(text, tags)
    for change in changes:
        new = apply_edit(text, change)
        moved = resplit(before, text, new, find_edit(text, new), tags)
        whole = split(new, tags)
        if moved is not None:
            assert _as_tuple(moved[0]) == _as_tuple(whole), (text, new)
        text, before = new, whole


def test_a_pair_over_blank_lines_is_one_block() -> None:
    tags = tags_for(ALL_SYNTAXES)
    for piece in GEN_PIECES:
        if "\n\n" in piece and not piece.startswith("```"):
            assert len(split(piece + "\n", tags)) == 1, piece
