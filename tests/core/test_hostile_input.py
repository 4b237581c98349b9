"""Hostile files through load, render and save: a clear PostError or a working post, never
another exception, a hang, or saved bytes that differ from the edited text.

Times are the process's CPU time, not the clock's: a machine busy with other work does not
make a bound fail, and a hang (which the bounds are there to catch) still does."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core import frontmatter as fm
from editor.core.errors import PostError
from editor.core.post import Post
from editor.core.postfile import decode
from editor.core.render import Renderer, RenderResult
from editor.core.render.guard import is_notice, preview_hazard, render_or_notice
from editor.core.session import (
    MAX_POST_BYTES,
    DocumentSession,
    as_editor_text,
    map_line_endings,
    read_post_bytes,
)
from editor.core.site import Site, detect_site
from editor.core.textlines import to_lf
from tests.conftest import alias_bomb

# ---------------------------------------------------------------------- refused with a message


def _load_error(path: Path) -> PostError:
    with pytest.raises(PostError) as info:
        DocumentSession().load(path)
    return info.value


def test_binary_file_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = _load_error(path)
    assert "binary file" in error.message
    assert (error.line, error.column) == (3, 1)


def test_nul_byte_in_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nul.md"
    path.write_bytes(b"# Title\n\nsome text\x00more\n")
    error = _load_error(path)
    assert "NUL" in error.message
    assert (error.line, error.column) == (3, 10)


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Café\n".encode("latin-1"))
    error = _load_error(path)
    assert "0xe9" in error.message
    assert "UTF-8" in error.message


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    started = time.process_time()
    error = _load_error(path)
    assert time.process_time() - started < 1
    assert "50.0 MB" in error.message
    assert "up to 20.0 MB" in error.message


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"x" * 11)
    assert read_post_bytes(path, limit=11) == b"x" * 11
    with pytest.raises(PostError, match="up to"):
        read_post_bytes(path, limit=10)
    assert MAX_POST_BYTES == 20 * 1024 * 1024


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    started = time.process_time()
    error = _load_error(path)
    assert time.process_time() - started < 1
    assert "not a regular file" in error.message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "folder" in _load_error(tmp_path).message


# ---------------------------------------------------------------------- big but fine


def test_a_1_mb_post_of_repeated_lines_saves_fast(tmp_path: Path) -> None:
    """Line-ending mapping used to match lines quadratically: 25 s for this save."""
    para = "Some *words* and a [link](http://x) here.\n\n"
    for newline in ("\n", "\r\n"):
        path = tmp_path / f"big{len(newline)}.md"
        path.write_bytes((para * 24_000).replace("\n", newline).encode())
        session = DocumentSession()
        text = session.load(path)
        edited = text[: len(text) // 2] + "EDIT\n" + text[len(text) // 2 :]
        edited = edited.replace("here.", "there.", 3000)
        started = time.process_time()
        session.save(edited)
        assert time.process_time() - started < 1.5
        assert path.read_bytes() == edited.replace("\n", newline).encode()


def test_a_mixed_ending_post_with_many_edits_saves_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    lines = [f"line {i % 7}" + ("\r\n" if i % 3 else "\n") for i in range(20_000)]
    path.write_bytes("".join(lines).encode())
    session = DocumentSession()
    text = session.load(path)
    edited = text.replace("line 3", "LINE 3")
    started = time.process_time()
    session.save(edited)
    assert time.process_time() - started < 3
    assert to_lf(path.read_bytes().decode("utf-8")) == edited


def test_a_1_mb_line_loads_renders_and_saves(tmp_path: Path) -> None:
    path = tmp_path / "line.md"
    path.write_bytes(b"x" * 1_000_000 + b"\n")
    session = DocumentSession()
    text = session.load(path)
    result = render_or_notice(Renderer(), text, path)
    assert isinstance(result, RenderResult)
    session.save(text + "end\n")
    assert path.read_bytes() == b"x" * 1_000_000 + b"\nend\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("quotes 1000 deep", "".join(">" * i + " x\n" for i in range(1, 1001))),
        ("one quote line 1000 deep", ">" * 1000 + " deep\n"),
        ("list 1000 deep", "".join("  " * i + "- item\n" for i in range(1000))),
        ("list 4-space 400 deep", "".join("    " * i + "- item\n" for i in range(400))),
        ("20,000 open brackets", "[" * 20_000 + "\n"),
        ("20,000 open tags", "<a " * 20_000 + "\n"),
        ("10,000 nested brackets", "[" * 10_000 + "x" + "]" * 10_000 + "\n"),
        ("a 1.3 MB paragraph of links", "see [a](b) and <http://x> " * 50_000),
        ("5,000 headings", "".join(f"## Heading {i}\n\ntext\n\n" for i in range(5_000))),
        ("5,000 equal headings", "## Intro\n\ntext\n\n" * 5_000),
    ],
)
def test_hostile_markdown_renders_or_gives_a_notice_quickly(name: str, text: str) -> None:
    started = time.process_time()
    result = render_or_notice(Renderer(), text, None)
    elapsed = time.process_time() - started
    assert isinstance(result, RenderResult), name
    assert elapsed < 3, f"{name}: {elapsed:.1f} s"
    if preview_hazard(text) is not None:
        assert is_notice(result)
        assert "Preview off" in result.blocks[0].html
    else:
        assert not is_notice(result)


def test_a_render_after_a_recursion_error_equals_a_fresh_render() -> None:
    """A RecursionError inside Python-Markdown must not poison the next render."""
    renderer = Renderer()
    deep = "".join("    " * i + "- item\n" for i in range(330))
    limit = sys.getrecursionlimit()
    with pytest.raises(RecursionError):
        renderer.render(Post.from_text(deep))
    assert sys.getrecursionlimit() == limit
    post = Post.from_text("# Title\n\n- a\n- b\n\n> quote\n\n[link](x.md) and *more*\n")
    after = Renderer().render(post)
    fresh_thread_renderer = Renderer()
    assert after.html == fresh_thread_renderer.render(post).html


# ---------------------------------------------------------------------- line endings


_LINE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\u2029"),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(_LINE_TEXT, max_size=12),
    newline=st.sampled_from(["\n", "\r\n"]),
    final=st.booleans(),
    edits=st.lists(st.tuples(st.integers(0, 20), _LINE_TEXT), max_size=4),
)
def test_single_ending_files_map_every_line_to_that_ending(
    lines: list[str], newline: str, final: bool, edits: list[tuple[int, str]]
) -> None:
    old_raw = newline.join(lines) + (newline if final and lines else "")
    new_lines = to_lf(old_raw).split("\n")
    for index, text in edits:
        new_lines.insert(min(index, len(new_lines)), text)
    new_lf = "\n".join(new_lines)
    expected = newline if "\n" in old_raw else "\n"  # a file without line breaks gets LF
    assert map_line_endings(old_raw, new_lf) == new_lf.replace("\n", expected)


def test_a_line_added_after_a_last_line_without_newline_keeps_its_break() -> None:
    """textlines.splice_lines("a", "a\\nb") gives "ab": the session no longer relies on it."""
    assert map_line_endings("a", "a\nb") == "a\nb"
    assert map_line_endings("x\r\ny\nlast", "x\ny\nlast\nmore") == "x\r\ny\nlast\r\nmore"


@settings(max_examples=300, deadline=None)
@given(
    old=st.lists(
        st.tuples(_LINE_TEXT, st.sampled_from(["\n", "\r\n", "\r", "\u2029"])), max_size=12
    ),
    last=_LINE_TEXT,
    edits=st.lists(st.tuples(st.integers(0, 20), _LINE_TEXT), max_size=4),
)
def test_mapping_keeps_the_edited_text_and_untouched_breaks_for_mixed_files(
    old: list[tuple[str, str]], last: str, edits: list[tuple[int, str]]
) -> None:
    old_raw = "".join(text + end for text, end in old) + last
    new_lines = as_editor_text(old_raw).split("\n")
    for index, text in edits:
        new_lines.insert(min(index, len(new_lines)), text)
    new_lf = "\n".join(new_lines)
    mapped = map_line_endings(old_raw, new_lf)
    assert as_editor_text(mapped) == new_lf
    if not edits:
        assert mapped == old_raw  # nothing edited: every line keeps its own break


# ---------------------------------------------------------------------- load, render, save

FRAGMENTS = [
    "# Heading\n",
    "## Intro\n",
    "> " * 40 + "deep quote\n",
    ">" * 150 + " deeper\n",
    "    " * 30 + "- nested\n",
    "- item\n  - sub\n",
    "1. one\n",
    "[" * 400,
    "]" * 50,
    "<a " * 200,
    "<div>",
    "</div>\n",
    "```\n",
    "```python\n",
    "~~~\n",
    "---\n",
    "+++\n",
    "title: [unclosed\n",
    '{"a": ',
    "\r\n",
    "\r",
    "\ufeff",
    "\u2028",
    "\x0c",
    "\t",
    "**bold",
    "_",
    "`",
    "![img](data:image/png;base64,AAAA)",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[^1]\n\n[^1]: note\n",
    "*[HTML]: HyperText\n",
    "<!-- more -->\n",
    "<script>alert(1)</script>\n",
    "&amp;&#x0;&#xD800;",
    "é😀",
    "\n\n",
    "x" * 3000,
]

_docs = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    ),
    max_size=30,
).map("".join)


def _as_bytes(text: str, bom: bool, crlf: bool) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")


_text_bytes = st.builds(_as_bytes, _docs, st.booleans(), st.booleans())
_hostile_bytes = st.one_of(
    _text_bytes,
    _text_bytes,  # twice: most hostile posts are text, not binary
    st.binary(max_size=400),
    st.builds(
        lambda text, bad, at: (
            text.encode("utf-8", "surrogatepass")[:at]
            + bad
            + text.encode("utf-8", "surrogatepass")[at:]
        ),
        _docs,
        st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb"]),
        st.integers(0, 500),
    ),
)


def as_editor_holds(text: str) -> str:
    """The text as Qt's editor holds a file's text: CRLF, CR and U+2029 end lines (checked
    against the real widget in tests/gui/test_hostile_input.py)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=_hostile_bytes,
    at=st.integers(0, 10_000),
    typed=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\u2029"),
        max_size=30,
    ),
)
def test_hostile_bytes_through_load_render_and_save(data: bytes, at: int, typed: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        path.write_bytes(data)
        session = DocumentSession()
        try:
            text = session.load(path)
        except PostError:  # the only exception allowed
            with pytest.raises(PostError, match=r"binary|UTF-8"):
                decode(data)
            assert path.read_bytes() == data
            return
        # render: a result or a notice, never an exception
        result = render_or_notice(Renderer(), text, path)
        assert isinstance(result, RenderResult), "the renderer raised"
        # an unedited save writes the very same bytes
        session.save(text)
        assert path.read_bytes() == data
        # the editor is given the file's text with every line break an LF
        assert text == as_editor_holds(decode(data)[0])
        # an edited save writes exactly the edited text (in the file's line endings)
        position = min(at, len(text))
        edited = text[:position] + typed + text[position:]
        session.save(edited)
        raw = path.read_bytes()
        if session.bom:
            assert raw.startswith(b"\xef\xbb\xbf")
            raw = raw[3:]
        assert as_editor_holds(raw.decode("utf-8", "surrogatepass")) == edited
        if "\x00" not in edited:  # a typed NUL saves, but the file reads as binary after
            assert DocumentSession().load(path) == edited


# ---------------------------------------------------------------------- hostile front matter


def _bounded(action: Callable[[], object]) -> tuple[object, float, int]:
    """``action()``'s result, its time in seconds and its peak memory in bytes."""
    tracemalloc.start()
    started = time.process_time()
    try:
        result = action()
    finally:
        elapsed = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, elapsed, peak


def test_an_alias_bomb_is_refused_in_milliseconds_with_bounded_memory() -> None:
    text = alias_bomb()
    assert len(text) < 1300
    post, elapsed, peak = _bounded(lambda: Post.from_text(text, "bomb.md"))
    assert isinstance(post, Post)
    assert elapsed < 0.2
    assert peak < 5_000_000
    assert post.error is not None
    assert str(post.error).startswith("bomb.md:7:5: the aliases in the front matter expand")
    assert "alias bomb" in post.error.message
    assert post.meta == {}
    assert post.text == text  # nothing is lost: the window still opens the text


def test_the_round_trip_load_for_edits_refuses_an_alias_bomb_too() -> None:
    inner = alias_bomb().split("---\n")[1]
    started = time.process_time()
    with pytest.raises(PostError, match=r"alias bomb") as info:
        fm.set_yaml(inner, "draft", True)
    assert time.process_time() - started < 0.2
    assert info.value.line == 6


def test_an_alias_bomb_of_merge_keys_is_refused() -> None:
    lines = ["m0: &m0 {" + ", ".join(f"k{j}: lol" for j in range(9)) + "}"]
    lines += [
        f"m{level}: &m{level} {{<<: [" + ", ".join([f"*m{level - 1}"] * 9) + "]}"
        for level in range(1, 10)
    ]
    with pytest.raises(PostError, match="alias bomb"):
        fm.parse_yaml("\n".join(lines) + "\n")


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(PostError, match="refers to the list or mapping it is in") as info:
        fm.parse_yaml("title: T\nloop: &a [x, *a]\n")
    assert info.value.line == 2


def test_aliases_in_proportion_are_read() -> None:
    text = "shared: &tags [a, b, c]\ntags: *tags\nmore: *tags\nbase: &b {x: 1}\nx: {<<: *b, y: 2}\n"
    data = fm.parse_yaml(text)
    assert data["tags"] == ["a", "b", "c"]
    assert data["x"] == {"x": 1, "y": 2}
    assert fm.set_yaml(text, "title", "T").endswith("title: T\n")


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("YAML flow", "---\ntitle: T\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\n", (3, 103)),
        (
            "YAML block",
            "---\ntitle: T\n" + "".join(" " * i + "k:\n" for i in range(3000)) + "---\n",
            (102, 100),
        ),
        ("JSON", '{"title": "T", "a": ' + "[" * 10_000 + "]" * 10_000 + "}\n", (1, 120)),
        ("TOML", "+++\ntitle = 'T'\na = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n", (3, 105)),
    ],
)
def test_front_matter_10000_deep_is_a_clear_error(
    name: str, text: str, where: tuple[int, int]
) -> None:
    post = Post.from_text(text + "\nBody.\n", "deep.md")
    assert post.error is not None, name
    assert (post.error.line, post.error.column) == where
    assert "more than 100 levels deep" in post.error.message
    assert post.text == text + "\nBody.\n"


def test_front_matter_100_deep_is_read() -> None:
    assert Post.from_text('{"a": ' + "[" * 99 + "]" * 99 + "}\n").error is None
    assert Post.from_text("+++\na = " + "[" * 99 + "]" * 99 + "\n+++\n").error is None
    assert Post.from_text("---\na: " + "[" * 99 + "]" * 99 + "\n---\n").error is None


def test_a_site_config_alias_bomb_is_a_note_and_the_site_reads_fast(tmp_path: Path) -> None:
    config = "\n".join(alias_bomb().split("\n")[2:12]) + "\nbaseurl: *a9\n"
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-bomb.md").write_text(alias_bomb(), encoding="utf-8")
    site, elapsed, _ = _bounded(lambda: detect_site(tmp_path))
    assert isinstance(site, Site)
    assert elapsed < 1
    assert site.generator == "jekyll"
    assert (
        "_config.yml:5: the aliases in the config expand to over 66,430 values from 19 written "
        "(an alias bomb?); it is not read; defaults used"
    ) in site.notes


@pytest.mark.parametrize(
    ("suffix", "text"),
    [(".toml", "a = " + "[" * 10_000 + "]" * 10_000), (".json", "[" * 10_000 + "]" * 10_000)],
)
def test_a_site_config_10000_deep_is_a_note(tmp_path: Path, suffix: str, text: str) -> None:
    (tmp_path / f"hugo{suffix}").write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir()
    site = detect_site(tmp_path)
    assert any(f"hugo{suffix}:1:" in note and "levels deep" in note for note in site.notes)


def test_deep_json_in_site_files_and_settings_is_read_as_unreadable(tmp_path: Path) -> None:
    from editor.core.export import plan_export
    from editor.core.settings import Settings, load_settings
    from editor.core.site import detect_site

    deep = "[" * 100_000 + "]" * 100_000
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    (site / "package.json").write_text(deep)
    (site / ".postwright").mkdir()
    (site / ".postwright" / "exports.json").write_text(deep)
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: T\ndate: 2024-01-01\n---\n\nBody.\n")
    assert detect_site(site).generator == "hugo"
    assert plan_export(post, site).errors == ()
    settings_file = tmp_path / "settings.json"
    settings_file.write_text(deep)
    assert load_settings(settings_file) == Settings()


def test_hostile_cell_text_stays_text() -> None:
    from editor.core import formfields as ff
    from editor.core.post import Post

    post = Post.from_text("---\ntitle: T\n---\n")
    assert ff.parse_cell("2024-02-30", post) == "2024-02-30"
    bomb = "&a [x, x]\n"  # not a bomb, but the anchor form: read as YAML it is a list
    assert ff.parse_cell(bomb.strip(), post) == ["x", "x"]
    deep = "[" * 5000 + "]" * 5000
    assert ff.parse_cell(deep, post) == deep
    assert ff.cell_text("2024-02-30") == "2024-02-30"
