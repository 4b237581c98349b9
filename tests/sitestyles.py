"""Small sites with a theme's stylesheet, for the site's-look tests and pictures: a Hugo site
whose theme ("harbour") styles its posts the way real themes do (the page's root and body,
a wrapper class around the text, an import, a background image, a remote font)."""

from __future__ import annotations

from pathlib import Path

from tests.sitegen import PNG

HARBOUR_CSS = """\
@import url("https://fonts.example.com/css2?family=Inter");
@import "parts/quote.css";
:root { --harbour-ink: #1b2a3a; --harbour-sea: #0a6e8a; --harbour-sand: #f6efe3; }
html { font-size: 62.5%; }
body {
  margin: 0;
  color: rgb(27, 42, 58);
  background: var(--harbour-sand) url(../images/waves.png) repeat-x;
  font: 1.8rem/1.7 "DejaVu Sans", Verdana, sans-serif;
}
h1, h2, h3 { font-family: "DejaVu Serif", Georgia, serif; color: var(--harbour-sea); }
h2 { font-size: 2.6rem; border-bottom: 3px double var(--harbour-sea); }
a { color: #b5462c; text-decoration: none; border-bottom: 1px dotted; }
.post-content p { margin: 0 0 2.4rem; text-align: justify; }
.post-content code { background: #e8dcc6; padding: 0.2rem 0.5rem; border-radius: 3px; }
ul { list-style: square; }
.site-header { background: #000; color: #fff; }
"""

QUOTE_CSS = """\
blockquote {
  margin: 0 0 2.4rem;
  padding: 1rem 2rem;
  border-left: 6px solid #b5462c;
  background: #fff8ec;
  font-style: italic;
}
"""

POST = """\
---
title: Fog over the harbour
date: 2024-05-01
tags: [sea, weather]
---

The fog came in before the boats. By noon the lighthouse was a rumour and the gulls
had gone quiet on the pier.

## The pier

Nobody at the `harbour office` could say when it would lift.

> The sea keeps its own hours.

- nets left to dry
- a kettle on the stove
- [the tide table](https://example.org/tides)
"""


def harbour_site(root: Path) -> Path:
    """A Hugo site using the harbour theme; its post's path."""
    theme = root / "themes" / "harbour"
    (theme / "assets" / "css" / "parts").mkdir(parents=True)
    (theme / "assets" / "images").mkdir(parents=True)
    (theme / "assets" / "css" / "main.css").write_text(HARBOUR_CSS, encoding="utf-8")
    (theme / "assets" / "css" / "parts" / "quote.css").write_text(QUOTE_CSS, encoding="utf-8")
    (theme / "assets" / "css" / "print.css").write_text("body { color: black }\n")
    (theme / "assets" / "images" / "waves.png").write_bytes(PNG)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Harbour"\ntheme = "harbour"\n',
        encoding="utf-8",
    )
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    post = posts / "fog.md"
    post.write_text(POST, encoding="utf-8")
    return post
