"""The post model: lossless load/save, one-key edits, typed values, located errors."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from editor.core.errors import PostError
from editor.core.post import Post, load_post, parse_date
from tests.conftest import FIXTURES, corpus_posts, fixture_posts


def changed_lines(before: str, after: str) -> list[str]:
    """The removed and added lines between two texts (line endings kept)."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line for line in diff if line[:2] in {"- ", "+ "}]


@pytest.mark.parametrize("path", fixture_posts(), ids=lambda p: p.name)
def test_unedited_fixture_saves_the_same_bytes(path: Path, tmp_path: Path) -> None:
    post = load_post(path)
    target = tmp_path / path.name
    post.save(target)
    assert target.read_bytes() == path.read_bytes()
    assert post.error is None


@pytest.mark.parametrize("path", corpus_posts(), ids=lambda p: p.name)
def test_unedited_corpus_post_saves_the_same_bytes(path: Path, tmp_path: Path) -> None:
    post = load_post(path)
    target = tmp_path / path.name
    post.save(target)
    assert target.read_bytes() == path.read_bytes()


def test_corpus_is_checked_when_present() -> None:
    if not corpus_posts():
        pytest.skip("the shared corpus is not beside this checkout")
    assert len(corpus_posts()) >= 20


@pytest.mark.parametrize("path", fixture_posts() + corpus_posts(), ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("key", "value"),
    [("title", "A brand new: title"), ("draft", True), ("tags", ["x", "y z"])],
)
def test_one_key_edit_changes_only_that_keys_lines(path: Path, key: str, value: object) -> None:
    post = load_post(path)
    if post.block is None or post.error is not None:
        pytest.skip("no front matter to edit")
    edited = post.with_value(key, value)
    assert edited.body == post.body
    assert edited.get(key) == (value if post.format != "pelican" else edited.get(key))
    for line in changed_lines(post.front_matter, edited.front_matter):
        assert line[2:].lstrip(" \"'").lower().startswith(key) or line[2:].startswith(
            (" ", "\t", "-", "]", '"', "\r", "\n")
        ), line


def test_edit_keeps_comments_quotes_and_other_keys() -> None:
    source = (FIXTURES / "posts" / "yaml-rich.md").read_text()
    post = Post.from_text(source).with_value("title", "New title")
    old_lines = source.splitlines()
    new_lines = post.text.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert len(changed) == 1
    # the new value keeps the writer's double quotes and the comment keeps its column
    assert changed[0][1].startswith('title: "New title" ')
    assert changed[0][1].index("#") == changed[0][0].index("#")


def test_list_edit_keeps_flow_and_block_styles() -> None:
    post = Post.from_text((FIXTURES / "posts" / "yaml-rich.md").read_text())
    edited = post.with_value("tags", ["gamma"]).with_value("categories", ["One", "Two"])
    assert "tags: [gamma]\n" in edited.text
    assert "categories:\n  - One\n  - Two\n" in edited.text


def test_indented_block_list_style_is_kept() -> None:
    post = load_post(FIXTURES / "posts" / "indented.md")
    edited = post.with_value("tags", ["c"])
    assert "tags:\n  - c\nnested:\n    deep:\n        key: 1\n" in edited.text


def test_crlf_and_bom_survive_an_edit() -> None:
    post = load_post(FIXTURES / "posts" / "bom-crlf.md")
    edited = post.with_value("title", "Changed").with_value("draft", True)
    data = edited.to_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\ntitle: Changed\r\n")
    assert b"draft: true\r\n---\r\n" in data
    assert data.endswith(b"line two without final newline")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_adding_and_removing_a_key() -> None:
    source = "---\ntitle: T\n# keep this comment\nslug: s\n---\nBody\n"
    post = Post.from_text(source)
    added = post.with_value("authors", ["ann", "bob"])
    assert (
        added.text
        == "---\ntitle: T\n# keep this comment\nslug: s\nauthors: [ann, bob]\n---\nBody\n"
    )
    assert added.without("authors").text == source
    assert post.without("slug").text == "---\ntitle: T\n# keep this comment\n---\nBody\n"


def test_strings_that_look_like_other_types_are_quoted() -> None:
    post = Post.from_text("---\ntitle: x\n---\n")
    for value in ["yes", "2024-01-01", "123", "null", "true"]:
        edited = post.with_value("title", value)
        assert edited.get("title") == value


def test_datetime_is_written_in_iso_form_with_its_offset() -> None:
    when = dt.datetime(2024, 12, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    post = Post.from_text("---\ntitle: x\n---\n").with_value("date", when)
    assert "date: 2024-12-12T09:30:00+01:00\n" in post.text
    assert post.date == when


def test_toml_edit_keeps_multiline_arrays_and_tables() -> None:
    post = load_post(FIXTURES / "posts" / "toml-post.md")
    edited = post.with_value("tags", ["a"]).with_value("title", "New")
    assert 'tags = [\n    "a",\n]\n' in edited.text
    assert "# a comment\n" in edited.text
    assert '[taxonomies]\ncategories = ["Guides"]' in edited.text
    assert edited.get("title") == "New"


def test_pelican_header_edit() -> None:
    post = load_post(FIXTURES / "posts" / "pelican-post.md")
    assert post.format == "pelican"
    edited = post.with_value("tags", ["one", "two"]).with_value("status", "draft")
    assert "Tags: one, two\n" in edited.text
    assert "Status: draft\n\nThis is the body." in edited.text
    assert edited.draft
    assert post.description == "Short version\ncontinued on a second line."


def test_json_front_matter_is_read_and_edited() -> None:
    post = load_post(FIXTURES / "posts" / "json-post.md")
    assert post.format == "json"
    assert post.tags == ["json", "hugo"]
    edited = post.with_value("title", "Changed")
    assert '"title": "Changed",' in edited.text
    assert edited.body == post.body


def test_post_without_front_matter_gets_a_yaml_block() -> None:
    post = load_post(FIXTURES / "posts" / "no-front-matter.md")
    assert post.format is None
    assert post.title == "Only a heading"
    assert post.title_source == "heading"
    edited = post.with_value("date", dt.date(2024, 1, 2))
    assert edited.text.startswith("---\ndate: 2024-01-02\n---\n# Only a heading\n")


def test_typed_values() -> None:
    post = load_post(FIXTURES / "posts" / "yaml-rich.md")
    assert post.title == "Quoted: with colon"
    assert post.title_source == "front matter"
    assert post.date == dt.datetime(2024, 12, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert post.tags == ["alpha", "beta"]
    assert post.categories == ["Notes", "Field work"]
    assert post.draft is False
    assert post.description == "A block scalar\nover two lines.\n"
    assert post.get("custom_key") == "keep me"
    toml = load_post(FIXTURES / "posts" / "toml-post.md")
    assert toml.categories == ["Guides"]
    assert toml.date == dt.date(2019, 3, 11)


def test_title_from_heading_reports_its_line() -> None:
    post = Post.from_text("---\ndate: 2024-01-01\n---\n\n```\n# not this\n```\n\n# The Title\n")
    assert post.title == "The Title"
    assert post.title_line == 9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-12", dt.date(2024, 12, 12)),
        (
            "2024-12-12 09:30:00 +0100",
            dt.datetime(2024, 12, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        ),
        ("2010-12-03 10:20", dt.datetime(2010, 12, 3, 10, 20)),
        ("Jul 08 2022", dt.date(2022, 7, 8)),
    ],
)
def test_parse_date_forms(text: str, expected: object) -> None:
    assert parse_date(text) == expected


def test_parse_date_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("2024-02-30")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("next tuesday")


# ---------------------------------------------------------------------------- bad input


def test_malformed_yaml_is_located_and_the_text_kept() -> None:
    text = "---\ntitle: ok\ntags: [a, b\ndate: 2024-01-01\n---\nBody stays.\n"
    post = Post.from_text(text, "post.md")
    assert post.error is not None
    assert post.error.line == 4
    assert str(post.error).startswith("post.md:4:")
    assert "YAML" in post.error.message
    assert post.text == text
    assert post.to_bytes() == text.encode()
    with pytest.raises(PostError, match="cannot be edited until it is fixed"):
        post.with_value("title", "x")


def test_unterminated_front_matter_is_reported() -> None:
    post = Post.from_text("---\ntitle: never closed\n\nBody\n", "p.md")
    assert post.error is not None
    assert post.error.line == 1
    assert "never closed" in post.error.message
    assert post.body.endswith("Body\n")


def test_malformed_toml_is_located() -> None:
    post = Post.from_text('+++\ntitle = "a"\ndate = = 3\n+++\n', "t.md")
    assert post.error is not None
    assert post.error.line == 3


def test_non_mapping_front_matter_is_refused() -> None:
    post = Post.from_text("---\n- a\n- b\n---\n")
    assert post.error is not None
    assert "key: value" in post.error.message


def test_non_utf8_file_names_the_byte_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\ntitle: ok\n---\ncaf\xe9\n")
    with pytest.raises(PostError) as caught:
        load_post(path)
    assert (caught.value.line, caught.value.column) == (4, 4)
    assert "not UTF-8" in str(caught.value)
    assert path.read_bytes() == b"---\ntitle: ok\n---\ncaf\xe9\n"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(PostError, match="binary"):
        load_post(path)


def test_missing_file_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(PostError, match="no such file"):
        load_post(tmp_path / "nope.md")


def test_filling_an_empty_flow_list_keeps_it_flow() -> None:
    post = Post.from_text("---\ntitle: x\ntags: []\n---\n")
    assert post.with_value("tags", ["a", "b"]).text == "---\ntitle: x\ntags: [a, b]\n---\n"


def test_keys_written_twice_are_found_with_their_file_lines() -> None:
    post = Post.from_text("\n---\ntitle: One\ntags: [a]\ntitle: Two\nd: {x: 1, x: 2}\n---\nB\n")
    assert [(d.key, d.first, d.line, d.top) for d in post.duplicate_keys] == [
        ("title", 3, 5, True),
        ("x", 6, 6, False),
    ]
    assert post.with_value("tags", ["b"]).get("tags") == ["b"]  # other keys stay editable
    with pytest.raises(PostError, match="'title' is written twice, on lines 3 and 5"):
        post.with_value("title", "Three")
    with pytest.raises(PostError, match="written twice"):
        post.without("title")


def test_a_mapping_edit_keeps_its_flow_style_and_an_impossible_date_in_it() -> None:
    post = Post.from_text("---\ntitle: T\ndate: {created: 2024-02-30}   # when\n---\nB\n")
    edited = post.with_value("date", {"created": "2024-02-30", "updated": "2024-03-01"})
    assert edited.text == (
        "---\ntitle: T\ndate: {created: 2024-02-30, updated: '2024-03-01'}   # when\n---\nB\n"
    )


def test_a_list_item_that_stays_keeps_its_own_form() -> None:
    post = Post.from_text("---\nx:\n  - 2024-02-30  # odd\n  - 'quoted'\n  - 7\n---\nB\n")
    edited = post.with_value("x", ["2024-02-30", "quoted", 7, True])
    assert edited.text == "---\nx:\n  - 2024-02-30  # odd\n  - 'quoted'\n  - 7\n  - true\n---\nB\n"
