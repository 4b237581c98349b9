"""How long rendering takes: cold and warm full renders and a one-paragraph edit.

    .venv/bin/python bench/bench_render.py [--repeat N] [--sizes 7,50,500,2000] [--math] [--tags]

Generates realistic posts (headings, paragraphs with inline markup, lists, links, tables,
10-30 line code blocks) of about 7 KB, 50 KB, 500 KB and 2 MB and prints median milliseconds.
With ``--math`` the posts are math-heavy: a formula in about every other sentence and display
math between the paragraphs (typeset as MathML, each formula kept once typeset). With ``--tags``
they are heavy with generator syntax: about one block in eight is a Hugo shortcode, a Liquid tag
in a paragraph, a paired shortcode or a ``{% raw %}``/``{% highlight %}`` pair spanning blank
lines (rendered with every syntax live, as a post in no site is).

* cold full: the first render in a fresh process (imports, Markdown set-up, Pygments lexers);
* warm full: a render from empty caches (blocks, highlighted code, typeset formulas) in a
  process that has rendered before (what opening another post costs);
* warm, code cached: the same with highlighted code and formulas already cached (the caches
  are shared by the process, keyed by their source: reopening a post, switching theme);
* edit: re-render after changing one word in one paragraph in the middle (what a keystroke
  costs in the window).

Targets: edit on ~500 KB <= 25 ms; warm full on ~7 KB <= 10 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORDS = [
    "static", "site", "generator", "markdown", "render", "preview", "block", "cache", "editor",
    "post", "draft", "excerpt", "theme", "layout", "template", "page", "section", "heading",
    "paragraph", "link", "image", "table", "code", "fence", "list", "reader", "writer", "blog",
    "feed", "archive", "tag", "category", "date", "title", "summary", "build", "deploy",
    "server", "performance", "latency", "memory", "thread", "process", "window", "scroll",
    "sync", "outline", "footnote",
]  # fmt: skip

CODE = {
    "python": [
        "def {name}(items: list[int]) -> int:",
        "    total = 0",
        "    for item in items:",
        "        if item % 2 == 0:",
        "            total += item * {n}",
        "        else:",
        "            total -= item",
        "    return total",
        "",
        "class {Name}:",
        '    """A small class."""',
        "    def __init__(self, value: str) -> None:",
        "        self.value = value",
        "    def __repr__(self) -> str:",
        '        return f"{Name}({{self.value!r}})"',
    ],
    "javascript": [
        "function {name}(items) {{",
        "  let total = 0;",
        "  for (const item of items) {{",
        "    if (item % 2 === 0) {{ total += item * {n}; }}",
        "    else {{ total -= item; }}",
        "  }}",
        "  return total;",
        "}}",
        "const {name}Result = {name}([1, 2, 3]);",
        "console.log(`result: ${{{name}Result}}`);",
    ],
    "yaml": [
        "site_name: {Name}",
        "theme:",
        "  name: material",
        "  features:",
        "    - navigation.sections",
        "plugins:",
        "  - blog:",
        "      blog_dir: .",
        "  - search",
        "nav:",
        "  - index.md",
    ],
}


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    pick = rng.random()
    if pick < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    elif pick < 0.35:
        i = rng.randrange(len(words))
        words[i] = f"`{words[i]}()`"
    elif pick < 0.5:
        i = rng.randrange(len(words) - 1)
        words[i] = f"[{words[i]} {words[i + 1]}](https://example.org/{words[i]})"
        del words[i + 1]
    elif pick < 0.6:
        i = rng.randrange(len(words))
        words[i] = f"_{words[i]}_"
    return " ".join(words).capitalize() + "."


FORMULAS = [
    "x_{{{n}}}^2 + y_{{{n}}}^2 = r^2",
    "\\frac{{a_{{{n}}}}}{{b + {n}}}",
    "\\sum_{{i=1}}^{{{n}}} i^2 = \\frac{{{n}({n}+1)(2 \\cdot {n}+1)}}{{6}}",
    "\\sqrt{{\\alpha^2 + \\beta_{{{n}}}}}",
    "e^{{i\\pi}} + {n} = {n} - 1",
    "\\int_0^{{{n}}} f(x)\\,dx",
]


def _formula(rng: random.Random) -> str:
    return rng.choice(FORMULAS).format(n=rng.randint(1, 400))


def _paragraph(rng: random.Random, math: bool = False) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    if math:
        sentences = [
            f"{s[:-1]} with ${_formula(rng)}$." if rng.random() < 0.5 else s for s in sentences
        ]
    return " ".join(sentences)


def _display(rng: random.Random) -> str:
    lines = " \\\\\n".join(_formula(rng) for _ in range(rng.randint(1, 3)))
    return f"$$\n\\begin{{aligned}}\n{lines}\n\\end{{aligned}}\n$$"


def _code(rng: random.Random, n: int) -> str:
    lang = rng.choice(list(CODE))
    template = CODE[lang]
    count = rng.randint(10, 30)
    lines = [template[i % len(template)] for i in range(count)]
    name = rng.choice(WORDS)
    body = "\n".join(lines).format(name=name, Name=name.capitalize(), n=n)
    return f"```{lang}\n{body}\n```"


def _table(rng: random.Random) -> str:
    rows = ["| Name | Value | Notes |", "|:-----|------:|-------|"]
    rows.extend(
        f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {_sentence(rng)} |"
        for _ in range(rng.randint(3, 8))
    )
    return "\n".join(rows)


def _list(rng: random.Random) -> str:
    marker = rng.choice(["-", "*", "1."])
    return "\n".join(f"{marker} {_sentence(rng)}" for _ in range(rng.randint(3, 7)))


def _tag_piece(rng: random.Random, n: int) -> str:
    """A piece of generator syntax (see ``--tags``)."""
    choice = rng.randrange(6)
    if choice == 0:
        return f"{{{{< youtube id{n} >}}}}"
    if choice == 1:
        return f'{{{{< figure src="images/p{n}.png" caption="{_sentence(rng)}" >}}}}'
    if choice == 2:
        return (
            _paragraph(rng)
            + f" See {{% post_url 2024-01-{n % 28 + 1:02d}-post %}} and {{{{ site.title }}}}."
        )
    if choice == 3:
        return (
            f"{{{{% notice info %}}}}\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n{{{{% /notice %}}}}"
        )
    if choice == 4:
        return (
            f"{{% raw %}}\n```liquid\n{{{{ page.title{n} }}}}\n\n{{% if x %}}\n```\n{{% endraw %}}"
        )
    return (
        "{% highlight python %}\n"
        + _code(rng, n).split("\n", 1)[1].rsplit("\n", 1)[0]
        + f"\n\n# more {n}\n{{% endhighlight %}}"
    )


def make_post(size: int, seed: int = 1, math: bool = False, tags: bool = False) -> str:
    """A post of about ``size`` bytes; ``math``: math-heavy; ``tags``: heavy with generator
    syntax."""
    rng = random.Random(seed)
    parts = ["---", "title: A benchmark post", "date: 2024-12-12", "tags: [bench]", "---", ""]
    parts.append("# A benchmark post\n\n" + _paragraph(rng) + "\n\n<!-- more -->")
    total = sum(len(p) for p in parts)
    n = 0
    while total < size:
        n += 1
        kind = rng.random()
        if n % 12 == 1:
            piece = f"## Section {n}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
        elif tags and n % 8 == 3:
            piece = _tag_piece(rng, n)
        elif kind < 0.55:
            piece = _paragraph(rng, math)
        elif math and kind < 0.65:
            piece = _display(rng)
        elif kind < 0.7:
            piece = _list(rng)
        elif kind < 0.85:
            piece = _code(rng, n)
        elif kind < 0.93:
            piece = _table(rng)
        else:
            piece = f"### {rng.choice(WORDS).capitalize()} notes"
        parts.append(piece)
        total += len(piece) + 2
    return "\n\n".join(parts) + "\n"


def _edit(text: str, k: int) -> str:
    """Change one word in a paragraph near the middle."""
    middle = len(text) // 2
    start = text.find("\n\n", middle) + 2
    while not text[start].isalpha() or text[start : start + 2] == "##":
        start = text.find("\n\n", start) + 2
    end = text.find(" ", start)
    return text[:start] + f"Edited{k}" + text[end:]


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _clear_caches() -> None:
    from editor.core.render.markdown_env import HIGHLIGHT_CACHE

    HIGHLIGHT_CACHE.clear()
    try:
        from editor.core.render.math import formula_html
    except ImportError:  # a tree from before math was typeset: the bench measures it too
        return
    formula_html.cache_clear()


def _cold(size: int, repeat: int, math: bool, tags: bool = False) -> float:
    code = (
        "import sys, time; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/bench'];"
        "from bench_render import make_post;"
        "text = make_post(int(sys.argv[2]), math=sys.argv[3] == 'math', tags=sys.argv[4] == '1');"
        "t = time.perf_counter(); from editor.core.render import render; render(text);"
        "print(time.perf_counter() - t)"
    )
    samples = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code, str(ROOT), str(size), "math" if math else "-",
             "1" if tags else "0"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        samples.append(float(out.stdout.strip()))
    return _median_ms(samples)


def measure(
    size: int, repeat: int, math: bool = False, tags: bool = False
) -> tuple[int, float, float, float, float]:
    """(bytes, cold, warm full, warm code cached, edit) in ms for a post of ``size`` bytes."""
    from editor.core.render import Renderer, render

    text = make_post(size, math=math, tags=tags)
    render(make_post(7_000, seed=99, math=math, tags=tags))  # warm the process: imports, lexers
    warm = []
    for _ in range(repeat):
        _clear_caches()
        t = time.perf_counter()
        render(text)
        warm.append(time.perf_counter() - t)
    cached = []
    for _ in range(repeat):
        t = time.perf_counter()
        render(text)
        cached.append(time.perf_counter() - t)
    renderer = Renderer()
    renderer.render(text)
    edits = []
    current = text
    for k in range(max(repeat, 5)):
        current = _edit(text, k)
        t = time.perf_counter()
        renderer.render(current)
        edits.append(time.perf_counter() - t)
    cold = _cold(size, min(repeat, 5), math, tags)
    return len(text.encode()), cold, _median_ms(warm), _median_ms(cached), _median_ms(edits)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="7,50,500,2000", help="KB, comma-separated")
    parser.add_argument("--math", action="store_true", help="math-heavy posts")
    parser.add_argument("--tags", action="store_true", help="posts heavy with shortcodes and tags")
    args = parser.parse_args()
    head = ("size", "cold full ms", "warm full ms", "code cached ms", "edit ms")
    print(" | ".join(f"{h:>14}" for h in head))
    print("-|-".join("-" * 14 for _ in head))
    for kb in (int(s) for s in args.sizes.split(",")):
        repeat = args.repeat if kb < 1000 else max(3, args.repeat // 2)
        size, *times = measure(kb * 1000, repeat, args.math, args.tags)
        print(" | ".join([f"{size / 1000:>12.0f}KB", *(f"{t:>14.1f}" for t in times)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
