"""Title, date and tags of a render: read again only when an edit reached what they were read
from, and then always what :class:`Post` reads."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.post import Post
from editor.core.render.front import FrontMatter, read_front
from editor.core.render.textedit import find_edit

FRONTS = [
    "",
    "---\ntitle: A post\ndate: 2024-01-02\ntags: [a, b]\n---\n",
    "---\ndate: 2024-01-02\n---\n\n",
    "+++\ntitle = 'Zola post'\n+++\n",
    '{"title": "JSON post"}\n\n',
    "Title: Pelican post\nDate: 2024-01-01\nTags: x, y\n\n",
    "\n\n---\ntitle: After blank lines\n---\n",
    "---\ntitle: never closed\n",
]
BODIES = [
    "# The heading\n\nText.\n",
    "Intro.\n\nSetext title\n============\n\nText.\n",
    "```\n# not a heading\n```\n\n# Real heading\n",
    "No heading at all.\n",
    "    # indented code\n\n# After code\n",
    "\n".join(f"Line {n}." for n in range(200)) + "\n\n# Far down\n",
]
EDIT_TEXT = st.text(alphabet='ab#=-\n :`{}"', min_size=1, max_size=6)


def _values(front: FrontMatter) -> tuple[object, ...]:
    return (
        front.body_offset,
        front.body_line,
        front.title,
        front.title_source,
        front.date,
        front.tags,
    )


def _post_values(text: str) -> tuple[object, ...]:
    return _values(FrontMatter.of(Post.from_text(text)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FRONTS), st.sampled_from(BODIES), st.data())
def test_values_after_an_edit_are_the_posts(front: str, body: str, data: st.DataObject) -> None:
    text = front + body
    values, _ = read_front(text, None)
    assert _values(values) == _post_values(text)
    for _ in range(4):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(at, min(len(text), at + 3)))
        new = text[:at] + data.draw(EDIT_TEXT) + text[cut:]
        reused = values.after(find_edit(text, new), new, None)
        if reused is None:
            reused, _ = read_front(new, None)
        assert _values(reused) == _post_values(new), new
        text, values = new, reused


def test_typing_in_the_body_reads_nothing_again() -> None:
    text = "---\ntitle: A post\n---\n\nBody text.\n"
    values, _ = read_front(text, None)
    new = text.replace("Body", "Body more")
    assert values.after(find_edit(text, new), new, None) is values


def test_typing_in_the_front_matter_reads_it_again() -> None:
    text = "---\ntitle: A post\n---\n\nBody text.\n"
    values, _ = read_front(text, None)
    new = text.replace("A post", "A new post")
    assert values.after(find_edit(text, new), new, None) is None
    assert read_front(new, None)[0].title == "A new post"


def test_the_heading_title_follows_a_retyped_heading() -> None:
    text = "---\ndate: 2024-01-02\n---\n\n# First\n\nBody.\n"
    values, _ = read_front(text, None)
    new = text.replace("First", "Second")
    after = values.after(find_edit(text, new), new, None)
    assert after is not None
    assert after.title == "Second"
    assert after.title_source == "heading"
