"""The form's decisions without Qt: which key an edit writes, in which shape, and the text
helpers the form leans on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core import formfields as ff
from editor.core.errors import PostError
from editor.core.post import Post
from tests.conftest import FIXTURES

PELICAN = (FIXTURES / "posts" / "pelican-post.md").read_text(encoding="utf-8")
YAML_RICH = (FIXTURES / "posts" / "yaml-rich.md").read_text(encoding="utf-8")


def yaml_post(*lines: str) -> Post:
    return Post.from_text("---\n" + "\n".join(lines) + "\n---\nBody\n")


def apply(post: Post, edit: ff.Edit | None) -> Post:
    assert edit is not None
    return post.without(edit.key) if edit.remove else post.with_value(edit.key, edit.value)


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("lines", "field", "key"),
    [
        (("title: A",), "date", "date"),
        (("pubDate: 2024-01-02",), "date", "pubDate"),
        (("summary: Short",), "description", "summary"),
        (("description: D", "summary: S"), "description", "description"),
        (("cover: a.png",), "image", "cover"),
        (("heroImage: a.png",), "image", "heroImage"),
        (("published: true",), "draft", "published"),
        (("title: A",), "draft", "draft"),
        (("author: Ada",), "authors", "author"),
    ],
)
def test_field_key_keeps_the_posts_spelling(
    lines: tuple[str, ...], field: ff.Field, key: str
) -> None:
    assert ff.field_key(yaml_post(*lines), field) == key


def test_pelican_keys_are_capitalised_and_category_is_single() -> None:
    post = Post.from_text(PELICAN)
    assert ff.field_key(post, "title") == "Title"
    assert ff.field_key(post, "categories") == "Category"
    assert ff.field_key(post, "slug") == "Slug"  # a new key, spelled as Pelican writes keys
    assert ff.single_valued(post, "categories")
    edit = ff.tokens_edit(post, "categories", ["Rust"])
    assert edit == ff.Edit("Category", "Rust")
    assert apply(post, edit).text == PELICAN.replace("Category: Python", "Category: Rust")


def test_other_keys_leave_out_what_the_fields_show() -> None:
    post = Post.from_text(YAML_RICH)
    assert [key for key, _ in ff.other_keys(post)] == ["folded", "custom_key"]
    both = yaml_post("description: D", "summary: S", "extra: 1")
    assert [key for key, _ in ff.other_keys(both)] == ["summary", "extra"]


# --------------------------------------------------------------------------- values


def test_text_edit_removes_an_emptied_key_and_ignores_an_unchanged_one() -> None:
    post = yaml_post("title: Gulls", "description: Fog")
    assert ff.text_edit(post, "title", " Gulls ") is None
    assert ff.text_edit(post, "description", "") == ff.Edit("description", remove=True)
    assert ff.text_edit(post, "slug", "") is None  # nothing to remove
    assert ff.text_edit(post, "title", "Terns") == ff.Edit("title", "Terns")


def test_slug_follows_only_a_derived_slug() -> None:
    derived = yaml_post("title: Old Title", "slug: old-title")
    assert ff.slug_edit_for_title(derived, "New Title") == ff.Edit("slug", "new-title")
    custom = yaml_post("title: Old Title", "slug: my-url")
    assert not ff.slug_follows_title(custom)
    assert ff.slug_edit_for_title(custom, "New Title") is None
    absent = yaml_post("title: Old Title")
    assert ff.slug_follows_title(absent)
    assert ff.slug_edit_for_title(absent, "New Title") is None  # suggested, never written


def test_description_hint() -> None:
    assert ff.description_hint("x" * 142) == ("142 / 160 characters", False)
    hint, too_long = ff.description_hint("x" * 161)
    assert too_long
    assert hint.startswith("161 / 160 characters")


def test_singular_author_stays_a_string_and_lists_stay_lists() -> None:
    single = yaml_post("author: Ada")
    assert ff.single_valued(single, "authors")
    assert ff.tokens_edit(single, "authors", ["Grace"]) == ff.Edit("author", "Grace")
    listed = yaml_post("author: [Ada]")
    assert not ff.single_valued(listed, "authors")
    assert ff.tokens_edit(listed, "authors", ["Ada", "Grace"]) == ff.Edit(
        "author", ["Ada", "Grace"]
    )
    assert ff.tokens_edit(yaml_post("tags: [a]"), "tags", ["a"]) is None


def test_zola_terms_go_into_the_taxonomies_table() -> None:
    post = Post.from_text('+++\ntitle = "Z"\n\n[taxonomies]\ncategories = ["Guides"]\n+++\nB\n')
    edit = ff.tokens_edit(post, "tags", ["zola"])
    assert edit == ff.Edit("taxonomies", {"categories": ["Guides"], "tags": ["zola"]})
    assert apply(post, edit).tags == ["zola"]


@pytest.mark.parametrize(
    ("lines", "draft", "expected"),
    [
        (("draft: false",), True, ff.Edit("draft", True)),
        (("published: true",), True, ff.Edit("published", False)),
        (("status: draft",), False, ff.Edit("status", "published")),
        (("title: T",), False, None),
    ],
)
def test_draft_edit_speaks_the_posts_language(
    lines: tuple[str, ...], draft: bool, expected: ff.Edit | None
) -> None:
    assert ff.draft_edit(yaml_post(*lines), draft) == expected


def test_dates_keep_their_offset_and_their_shape() -> None:
    plus_one = dt.timezone(dt.timedelta(hours=1))
    parts = ff.DateParts.of(dt.datetime(2024, 12, 12, 9, 30, tzinfo=plus_one))
    assert parts.offset == dt.timedelta(hours=1)
    moved = ff.DateParts(dt.date(2024, 12, 13), parts.clock, parts.offset).value()
    assert moved == dt.datetime(2024, 12, 13, 9, 30, tzinfo=plus_one)
    assert isinstance(moved, dt.datetime)
    assert moved.utcoffset() == dt.timedelta(hours=1)
    assert ff.DateParts.of(dt.date(2024, 1, 2)).value() == dt.date(2024, 1, 2)
    naive = ff.DateParts.of(dt.datetime(2010, 12, 3, 10, 20))
    assert naive.offset is None
    assert naive.value() == dt.datetime(2010, 12, 3, 10, 20)
    mkdocs = yaml_post("date:", "  created: 2024-01-02", "  updated: 2024-02-03")
    edit = ff.date_edit(mkdocs, dt.date(2024, 1, 5))
    assert edit.value == {"created": dt.date(2024, 1, 5), "updated": dt.date(2024, 2, 3)}


def test_offsets_on_offer_include_the_writers_own() -> None:
    odd = dt.timedelta(hours=5, minutes=15)
    choices = ff.offset_choices(odd)
    assert choices[0] is None
    assert odd in choices
    assert dt.timedelta(hours=-12) in choices
    assert ff.offset_label(dt.timedelta(hours=5, minutes=30)) == "UTC+05:30"
    assert ff.offset_label(dt.timedelta(hours=-3, minutes=-30)) == "UTC-03:30"
    assert ff.offset_label(dt.timedelta(0)) == "UTC"
    assert ff.default_offset(Post.from_text(PELICAN)) is None


def test_cover_image_edits() -> None:
    nested = yaml_post("cover:", "  image: old.png", "  alt: A lamp")
    assert ff.image_value(nested) == "old.png"
    edit = ff.image_edit(nested, "new.png")
    assert edit == ff.Edit("cover", {"alt": "A lamp", "image": "new.png"})
    assert ff.image_edit(yaml_post("image: a.png"), "") == ff.Edit("image", remove=True)
    post_path = Path("/site/content/posts/fog.md")
    assert ff.relative_image_path("/site/content/images/f.png", post_path) == "../images/f.png"
    assert ff.relative_image_path("/site/content/posts/f.png", post_path) == "f.png"
    assert ff.relative_image_path("/tmp/f.png", None) == "/tmp/f.png"


# --------------------------------------------------------------------------- table cells


@pytest.mark.parametrize(
    "value",
    [
        "keep me",
        "true",
        "",
        "a: b",
        "two\nlines",
        3,
        2.5,
        True,
        None,
        ["a", "b"],
        dt.date(2024, 1, 2),
    ],
)
def test_cell_text_reads_back_as_the_same_value(value: object) -> None:
    post = yaml_post("x: 1")
    assert ff.parse_cell(ff.cell_text(value), post) == value


def test_nested_values_are_marked_and_pelican_cells_stay_text() -> None:
    assert ff.is_nested({"a": 1})
    assert ff.is_nested([{"a": 1}])
    assert not ff.is_nested(["a", "b"])
    assert ff.parse_cell("true", Post.from_text(PELICAN)) == "true"
    post = yaml_post("count: 3")
    assert ff.cell_edit(post, "count", "3") is None
    assert ff.cell_edit(post, "count", "'3'") == ff.Edit("count", "3")


def test_new_keys_are_checked() -> None:
    post = yaml_post("title: T")
    assert ff.key_problem(post, "math") is None
    assert ff.key_problem(post, "Title") is not None
    assert ff.key_problem(post, "a: b") is not None


def test_banner_names_the_line() -> None:
    error = PostError("front matter is not valid YAML: oops", line=3, column=1)
    assert ff.banner_text(error) == (
        "Front matter line 3: front matter is not valid YAML: oops - fix it in the text; "
        "the form is read-only until then."
    )


# --------------------------------------------------------------------------- spans


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_changed_span_rebuilds_the_new_text(prefix: str, old: str, new: str, suffix: str) -> None:
    before, after = prefix + old + suffix, prefix + new + suffix
    start, end, replacement = ff.changed_span(before, after)
    assert before[:start] + replacement + before[end:] == after
    assert start >= len(prefix)
    assert len(replacement) <= len(new)


def test_changed_span_is_as_small_as_can_be() -> None:
    assert ff.changed_span("title: A\nbody", "title: B\nbody") == (7, 8, "B")
    assert ff.changed_span("aaa", "aaaa") == (3, 3, "a")
    assert ff.changed_span("same", "same") == (4, 4, "")
    assert ff.utf16_length("a🐦b") == 4
