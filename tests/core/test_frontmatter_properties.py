"""Property tests: load -> save is the identity, and a one-key edit touches only that key.

Front matter is generated in YAML and TOML with comments, quoting styles, flow and block lists,
mappings, block scalars, CRLF and LF, with and without a byte order mark; list items, mapping
keys and values carry trailing comments after any spacing. A list or mapping edit keeps the
lines of the items that stay byte for byte, and an edited value keeps its comment.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from editor.core.post import Post

WORDS = st.text(alphabet=string.ascii_letters + "éü", min_size=1, max_size=8)
# keys a writer would use: YAML reads each as a string (not `true`, `no`, `null`, ...)
KEYS = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=10).filter(
    lambda key: key[0] != "_" and isinstance(yaml.safe_load(key), str)
)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1))


@dataclass
class Entry:
    key: str
    lines: list[str]
    kind: str = ""
    #: a block list's items or a mapping's keys, as YAML reads them, one line each after the first
    items: list[str] = field(default_factory=list)


SPACES = st.integers(1, 4).map(lambda n: " " * n)


@st.composite
def comment(draw: st.DrawFn) -> str:
    """Nothing, or a trailing comment after 1-4 spaces."""
    return draw(SPACES) + "# " + draw(WORDS) if draw(st.booleans()) else ""


@st.composite
def yaml_entry(draw: st.DrawFn, key: str, seq_indent: str) -> Entry:
    kind = draw(
        st.sampled_from(
            ["plain", "single", "double", "int", "bool", "date", "flow", "block", "literal", "map"]
        )
    )
    words = draw(st.lists(WORDS, min_size=1, max_size=3))
    items: list[str] = []
    if kind == "plain":
        first = [f"{key}: {' '.join(words)}x"]
    elif kind == "single":
        first = [f"{key}: '{' '.join(words)}'"]
    elif kind == "double":
        first = [f'{key}: "{" ".join(words)}: colon"']
    elif kind == "int":
        first = [f"{key}: {draw(st.integers(0, 10**6))}"]
    elif kind == "bool":
        first = [f"{key}: {draw(st.sampled_from(['true', 'false']))}"]
    elif kind == "date":
        first = [f"{key}: {draw(DATES).isoformat()}"]
    elif kind == "flow":
        first = [f"{key}: [{', '.join(w + 'x' for w in words)}]"]
    elif kind == "block":
        items = list(dict.fromkeys(w + "x" for w in words))
        first = [f"{key}:"] + [f"{seq_indent}- {item}{draw(comment())}" for item in items]
    elif kind == "map":
        items = draw(st.lists(KEYS, min_size=1, max_size=3, unique=True))
        first = [f"{key}:"] + [f"  {sub}: {draw(WORDS)}x{draw(comment())}" for sub in items]
    else:
        first = [f"{key}: |"] + [f"  {w}" for w in words]
    if kind not in {"block", "literal", "map"}:
        first[0] += draw(comment())
    return Entry(key, first, kind, items)


@st.composite
def yaml_post(draw: st.DrawFn) -> tuple[list[str], list[Entry], list[int]]:
    keys = draw(st.lists(KEYS, min_size=1, max_size=6, unique=True))
    seq_indent = draw(st.sampled_from(["", "  "]))
    lines = ["---"]
    entries: list[Entry] = []
    starts: list[int] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append("# " + draw(WORDS))
        entry = draw(yaml_entry(key, seq_indent))
        starts.append(len(lines))
        lines.extend(entry.lines)
        entries.append(entry)
    lines.append("---")
    lines.append("")
    lines.append("Body " + draw(WORDS))
    return lines, entries, starts


def assemble(lines: list[str], newline: str, bom: bool, final: str) -> bytes:
    text = newline.join(lines) + final
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


NEWLINES = st.sampled_from(["\n", "\r\n"])
FINALS = st.sampled_from(["", "\n", "\n\n"])


def load_bytes(data: bytes) -> Post:
    bom = data.startswith(b"\xef\xbb\xbf")
    return Post.from_text(data.decode("utf-8-sig" if bom else "utf-8"), bom=bom)


def new_value_strategy() -> st.SearchStrategy[object]:
    return st.one_of(
        WORDS.map(lambda w: w + " new"),
        st.integers(-5, 5000),
        st.booleans(),
        DATES,
        st.lists(WORDS, min_size=0, max_size=3),
    )


@settings(max_examples=150, deadline=None)
@given(yaml_post(), NEWLINES, st.booleans(), FINALS)
def test_yaml_load_save_is_identity(
    generated: tuple[list[str], list[Entry], list[int]], newline: str, bom: bool, final: str
) -> None:
    lines, _, _ = generated
    data = assemble(lines, newline, bom, final)
    post = load_bytes(data)
    assert post.error is None
    assert post.to_bytes() == data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(yaml_post(), NEWLINES, st.booleans(), st.data())
def test_yaml_one_key_edit_touches_only_that_key(
    generated: tuple[list[str], list[Entry], list[int]],
    newline: str,
    bom: bool,
    data: st.DataObject,
) -> None:
    lines, entries, starts = generated
    index = data.draw(st.integers(0, len(entries) - 1))
    value = data.draw(new_value_strategy())
    post = load_bytes(assemble(lines, newline, bom, newline))
    edited = post.with_value(entries[index].key, value)
    assert edited.get(entries[index].key) == value
    start = starts[index]
    end = start + len(entries[index].lines)
    old = post.to_bytes().split(newline.encode())
    new = edited.to_bytes().split(newline.encode())
    assert new[:start] == old[:start]
    tail = len(old) - end
    assert new[len(new) - tail :] == old[end:]
    for other in entries:
        if other.key != entries[index].key:
            assert edited.get(other.key) == post.get(other.key)


def _edited_span(post: Post, edited: Post, start: int, entry: Entry, newline: str) -> list[str]:
    """The edited key's lines in ``edited`` (the lines around them are the same as before)."""
    old = post.to_bytes().decode("utf-8-sig").split(newline)
    new = edited.to_bytes().decode("utf-8-sig").split(newline)
    tail = len(old) - start - len(entry.lines)
    return new[start : len(new) - tail]


@st.composite
def list_edit(draw: st.DrawFn, items: list[str]) -> list[str]:
    """The items with some removed and some new ones put anywhere."""
    kept = [item for item in items if draw(st.booleans())]
    for word in draw(st.lists(WORDS.map(lambda w: w + "y"), max_size=3, unique=True)):
        kept.insert(draw(st.integers(0, len(kept))), word)
    return kept


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(yaml_post(), NEWLINES, st.booleans(), st.data())
def test_yaml_list_edit_keeps_the_lines_of_the_items_that_stay(
    generated: tuple[list[str], list[Entry], list[int]],
    newline: str,
    bom: bool,
    data: st.DataObject,
) -> None:
    lines, entries, starts = generated
    lists = [index for index, entry in enumerate(entries) if entry.kind == "block"]
    assume(lists)
    index = data.draw(st.sampled_from(lists))
    entry, start = entries[index], starts[index]
    new_items = data.draw(list_edit(entry.items))
    assume(new_items)  # an empty list is written `[]`
    post = load_bytes(assemble(lines, newline, bom, newline))
    edited = post.with_value(entry.key, new_items)
    assert edited.get(entry.key) == new_items
    span = _edited_span(post, edited, start, entry, newline)
    assert span[0] == entry.lines[0]
    assert len(span) == 1 + len(new_items)
    old_line = dict(zip(entry.items, entry.lines[1:], strict=True))
    for item, line in zip(new_items, span[1:], strict=True):
        if item in old_line:
            assert line == old_line[item]  # byte for byte, its comment and spacing too
        else:
            assert "#" not in line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(yaml_post(), NEWLINES, st.booleans(), st.data())
def test_yaml_mapping_edit_keeps_the_lines_of_the_keys_that_stay(
    generated: tuple[list[str], list[Entry], list[int]],
    newline: str,
    bom: bool,
    data: st.DataObject,
) -> None:
    lines, entries, starts = generated
    maps = [index for index, entry in enumerate(entries) if entry.kind == "map"]
    assume(maps)
    index = data.draw(st.sampled_from(maps))
    entry, start = entries[index], starts[index]
    post = load_bytes(assemble(lines, newline, bom, newline))
    value = dict(post.get(entry.key))
    changed = data.draw(st.sampled_from(entry.items))
    value[changed] = data.draw(WORDS) + " new"
    edited = post.with_value(entry.key, value)
    assert edited.get(entry.key) == value
    span = _edited_span(post, edited, start, entry, newline)
    assert len(span) == len(entry.lines)
    for old, new, sub in zip(entry.lines[1:], span[1:], entry.items, strict=True):
        if sub != changed:
            assert new == old
        elif "#" in old:
            assert new.endswith(old[old.index("#") :])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(yaml_post(), NEWLINES, st.booleans(), st.data())
def test_yaml_value_edit_keeps_its_comment_in_its_column_or_after_its_spacing(
    generated: tuple[list[str], list[Entry], list[int]],
    newline: str,
    bom: bool,
    data: st.DataObject,
) -> None:
    lines, entries, starts = generated
    commented = [
        index
        for index, entry in enumerate(entries)
        if entry.kind not in {"block", "literal", "map"} and "#" in entry.lines[0]
    ]
    assume(commented)
    index = data.draw(st.sampled_from(commented))
    entry, start = entries[index], starts[index]
    value = data.draw(st.one_of(WORDS.map(lambda w: w + " new"), st.integers(0, 10**9), DATES))
    post = load_bytes(assemble(lines, newline, bom, newline))
    edited = post.with_value(entry.key, value)
    assert edited.get(entry.key) == value
    span = _edited_span(post, edited, start, entry, newline)
    assert len(span) == 1
    old, new = entry.lines[0], span[0]
    note = old[old.index("  #") if "  #" in old else old.index(" #") :].lstrip(" ")
    gap = old[: old.index(note)]
    gap = gap[len(gap.rstrip(" ")) :]
    content = new[: new.index(note)].rstrip(" ")
    column = old.index(note)
    assert new.endswith(note)
    if len(content) < column:
        assert new.index(note) == column  # aligned comments stay aligned
    else:
        assert new == content + gap + note  # the writer's own spacing


@st.composite
def toml_post(draw: st.DrawFn) -> tuple[list[str], list[Entry], list[int]]:
    keys = draw(st.lists(KEYS, min_size=1, max_size=6, unique=True))
    lines = ["+++"]
    entries: list[Entry] = []
    starts: list[int] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append("# " + draw(WORDS))
        kind = draw(
            st.sampled_from(["str", "literal", "int", "bool", "date", "array", "multiline"])
        )
        words = draw(st.lists(WORDS, min_size=1, max_size=3))
        if kind == "str":
            entry = [f'{key} = "{" ".join(words)}"']
        elif kind == "literal":
            entry = [f"{key} = '{' '.join(words)}'"]
        elif kind == "int":
            entry = [f"{key} = {draw(st.integers(0, 999))}"]
        elif kind == "bool":
            entry = [f"{key} = {draw(st.sampled_from(['true', 'false']))}"]
        elif kind == "date":
            entry = [f"{key} = {draw(DATES).isoformat()}"]
        elif kind == "array":
            entry = [f"{key} = [{', '.join(repr(w) for w in words)}]"]
        else:
            items = list(dict.fromkeys(words))
            entry = [f"{key} = ["]
            entry += [f'    "{w}",{draw(comment())}' for w in items] + ["]"]
        if draw(st.booleans()) and kind != "multiline":
            entry[0] += "  # " + draw(WORDS)
        starts.append(len(lines))
        lines.extend(entry)
        entries.append(Entry(key, entry, kind, items if kind == "multiline" else []))
    if "extra" not in keys and draw(st.booleans()):  # a table may not share a key's name
        lines.extend(["", "[extra]", "note = 'kept'"])
    lines.extend(["+++", "", "Body"])
    return lines, entries, starts


@settings(max_examples=150, deadline=None)
@given(toml_post(), NEWLINES, st.booleans(), FINALS)
def test_toml_load_save_is_identity(
    generated: tuple[list[str], list[Entry], list[int]], newline: str, bom: bool, final: str
) -> None:
    lines, _, _ = generated
    data = assemble(lines, newline, bom, final)
    post = load_bytes(data)
    assert post.error is None
    assert post.format == "toml"
    assert post.to_bytes() == data


@settings(max_examples=150, deadline=None)
@given(toml_post(), NEWLINES, st.booleans(), st.data())
def test_toml_one_key_edit_touches_only_that_key(
    generated: tuple[list[str], list[Entry], list[int]],
    newline: str,
    bom: bool,
    data: st.DataObject,
) -> None:
    lines, entries, starts = generated
    index = data.draw(st.integers(0, len(entries) - 1))
    value = data.draw(new_value_strategy())
    post = load_bytes(assemble(lines, newline, bom, newline))
    edited = post.with_value(entries[index].key, value)
    assert edited.get(entries[index].key) == value
    start = starts[index]
    end = start + len(entries[index].lines)
    old = post.to_bytes().split(newline.encode())
    new = edited.to_bytes().split(newline.encode())
    assert new[:start] == old[:start]
    tail = len(old) - end
    assert new[len(new) - tail :] == old[end:]


@settings(max_examples=150, deadline=None)
@given(toml_post(), NEWLINES, st.booleans(), st.data())
def test_toml_list_edit_keeps_the_lines_of_the_items_that_stay(
    generated: tuple[list[str], list[Entry], list[int]],
    newline: str,
    bom: bool,
    data: st.DataObject,
) -> None:
    lines, entries, starts = generated
    lists = [index for index, entry in enumerate(entries) if entry.kind == "multiline"]
    assume(lists)
    index = data.draw(st.sampled_from(lists))
    entry, start = entries[index], starts[index]
    new_items = data.draw(list_edit(entry.items))
    assume(new_items)  # an empty list is written `[]`
    post = load_bytes(assemble(lines, newline, bom, newline))
    edited = post.with_value(entry.key, new_items)
    assert edited.get(entry.key) == new_items
    span = _edited_span(post, edited, start, entry, newline)
    assert (span[0], span[-1]) == (entry.lines[0], "]")
    old_line = dict(zip(entry.items, entry.lines[1:-1], strict=True))
    kept = [item for item in new_items if item in old_line]
    if kept:  # the items that stay keep their lines, comments and spacing
        assert [line for line in span[1:-1] if line in old_line.values()] == [
            old_line[item] for item in kept
        ]
