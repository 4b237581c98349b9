"""Read and edit front matter without reshaping it.

Values are read with python-frontmatter's YAML handler (PyYAML, the YAML most generators read),
``tomllib`` and ``json``. Edits go through round-trip documents - ruamel.yaml and tomlkit - and
only the edited key's lines are taken from the library's output: every other line keeps the
writer's bytes, line endings included.

Every function here works on the block's inner text (between the delimiters) and raises
:class:`PostError` with a 1-based line and column *within that text*.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any, Literal

import frontmatter.default_handlers as fm_handlers
import tomlkit
import tomlkit.exceptions
import tomlkit.items
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError as RuamelMarkedError
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from editor.core.errors import PostError
from editor.core.textlines import map_line_endings, to_lf

Format = Literal["yaml", "toml", "json", "pelican"]

_YAML_HANDLER = fm_handlers.YAMLHandler()


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an impossible date (2024-13-45) stays a string for the
    checks to report, instead of aborting the whole load."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def jsonable(value: Any) -> Any:
    """A front matter value as plain JSON data: dates in ISO 8601, tables as objects."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# --------------------------------------------------------------------------- YAML


def _yaml_error(exc: Exception) -> PostError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"front matter is not valid YAML: {problem}"
    if context:
        message += f" ({context})"
    if mark is not None:
        return PostError(message, line=mark.line + 1, column=mark.column + 1)
    return PostError(message)


def parse_yaml(text: str) -> dict[str, Any]:
    """The values of a YAML block, as the generators' YAML loaders see them."""
    if not text.strip():
        return {}
    try:
        data = _YAML_HANDLER.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise PostError(f"front matter cannot be read: {exc}", line=1, column=1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostError("front matter must be a list of 'key: value' lines", line=1, column=1)
    return {str(key): value for key, value in data.items()}


def _detect_yaml_indent(lf_text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indents as ruamel.yaml names them, guessed from the text."""
    lines = lf_text.split("\n")
    mapping = 2
    offset = 0
    found_seq = found_map = False
    for prev, line in itertools.pairwise(lines):
        if not re.match(r"^\s*[^\s#-][^:]*:\s*(#.*)?$", prev):
            continue
        base = len(prev) - len(prev.lstrip())
        indent = len(line) - len(line.lstrip())
        stripped = line.lstrip()
        if stripped.startswith(("- ", "-\t")) or stripped == "-":
            if not found_seq:
                offset = max(indent - base, 0)
                found_seq = True
        elif not found_map and stripped and indent > base and not stripped.startswith("#"):
            mapping = indent - base
            found_map = True
        if found_seq and found_map:
            break
    return mapping, max(offset + 2, mapping), offset


def _yaml_rt(lf_text: str = "") -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.allow_duplicate_keys = True
    rt.width = 4096
    mapping, sequence, offset = _detect_yaml_indent(lf_text)
    rt.indent(mapping=mapping, sequence=sequence, offset=offset)
    return rt


def _load_rt(rt: YAML, lf_text: str) -> CommentedMap:
    try:
        doc = rt.load(lf_text) if lf_text.strip() else CommentedMap()
    except (RuamelMarkedError, RuamelError) as exc:
        raise _yaml_error(exc) from None
    if doc is None:
        return CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise PostError("front matter must be a list of 'key: value' lines", line=1, column=1)
    return doc


def _yaml_spans(doc: CommentedMap, lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level key's lines [start, end): its line to the last line of its value.

    Blank lines and column-0 comments that trail a value belong to the space between keys.
    """
    keys = list(doc.keys())
    starts = [doc.lc.key(key)[0] for key in keys]
    spans: dict[str, tuple[int, int]] = {}
    for index, key in enumerate(keys):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(keys) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        spans[str(key)] = (start, end)
    return spans


def _yaml_1_1_would_retype(text: str) -> bool:
    """True when a plain scalar ``text`` would not read back as this string in YAML 1.1."""
    try:
        return not isinstance(yaml.safe_load(text), str) or yaml.safe_load(text) != text
    except yaml.YAMLError:
        return True


def _to_yaml(value: Any, old: Any, flow_lists: bool) -> Any:
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dt.datetime):
        # ruamel writes its own TimeStamp in ISO form with the 'T' and the offset
        return YAML(typ="rt").load(value.isoformat())
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for style in (
            SingleQuotedScalarString,
            DoubleQuotedScalarString,
            LiteralScalarString,
            FoldedScalarString,
        ):
            if isinstance(old, style):
                return style(value)
        if "\n" in value:
            return LiteralScalarString(value if value.endswith("\n") else value + "\n")
        if value and _yaml_1_1_would_retype(value):
            return SingleQuotedScalarString(value)
        return value
    if isinstance(value, Mapping):
        new_map = CommentedMap()
        for key, item in value.items():
            new_map[key] = _to_yaml(item, None, flow_lists)
        return new_map
    if isinstance(value, list | tuple):
        items = [_to_yaml(item, None, flow_lists) for item in value]
        if isinstance(old, CommentedSeq):
            was_empty = not old  # an empty list can only have been written `[]`
            old[:] = items
            if was_empty:
                old.fa.set_flow_style()
            return old
        seq = CommentedSeq(items)
        if flow_lists:
            seq.fa.set_flow_style()
        return seq
    return str(value)


def _uses_flow_lists(doc: CommentedMap) -> bool:
    seqs = [value for value in doc.values() if isinstance(value, CommentedSeq)]
    return any(seq.fa.flow_style() for seq in seqs) if seqs else True


def _dump(rt: YAML, doc: CommentedMap) -> str:
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def _edit_yaml(lf_text: str, key: str, apply: Callable[[CommentedMap], None]) -> str:
    rt = _yaml_rt(lf_text)
    doc = _load_rt(rt, lf_text)
    lines = lf_text.splitlines(keepends=True)
    old_spans = _yaml_spans(doc, lines)
    apply(doc)
    dumped = _dump(rt, doc) if len(doc) else ""
    new_lines = dumped.splitlines(keepends=True)
    new_spans = _yaml_spans(_load_rt(_yaml_rt(dumped), dumped), new_lines) if dumped else {}
    if key in new_spans:
        start, end = new_spans[key]
        replacement = new_lines[start:end]
    else:
        replacement = []
    if key in old_spans:
        start, end = old_spans[key]
        return "".join(lines[:start] + replacement + lines[end:])
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines + replacement)


def set_yaml(lf_text: str, key: str, value: Any) -> str:
    """``lf_text`` with ``key`` set to ``value`` (added at the end when new)."""

    def apply(doc: CommentedMap) -> None:
        old = doc.get(key)
        doc[key] = _to_yaml(value, old, _uses_flow_lists(doc))

    return _edit_yaml(lf_text, key, apply)


def unset_yaml(lf_text: str, key: str) -> str:
    """``lf_text`` without ``key``."""
    return _edit_yaml(lf_text, key, lambda doc: doc.pop(key, None))


# --------------------------------------------------------------------------- TOML

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(text: str) -> dict[str, Any]:
    """The values of a TOML block."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        plain = _TOML_POSITION.sub("", message).strip()
        if match:
            return_error = PostError(
                f"front matter is not valid TOML: {plain}",
                line=int(match[1]),
                column=int(match[2]),
            )
        else:
            return_error = PostError(f"front matter is not valid TOML: {plain}")
        raise return_error from None


def _to_toml(value: Any, old: Any) -> Any:
    if isinstance(value, list | tuple) and isinstance(old, tomlkit.items.Array):
        array = tomlkit.array()
        array.extend(value)
        if "\n" in old.as_string():
            array.multiline(True)  # keep the writer's one-item-a-line layout
        return array
    return value


def _edit_toml(lf_text: str, apply: Callable[[tomlkit.TOMLDocument], None]) -> str:
    try:
        doc = tomlkit.parse(lf_text)
    except tomlkit.exceptions.ParseError as exc:
        raise PostError(
            f"front matter is not valid TOML: {exc}", line=exc.line, column=exc.col
        ) from None
    apply(doc)
    return tomlkit.dumps(doc)


def set_toml(lf_text: str, key: str, value: Any) -> str:
    """``lf_text`` with top-level ``key`` set to ``value``."""

    def apply(doc: tomlkit.TOMLDocument) -> None:
        doc[key] = _to_toml(value, doc.get(key))

    return _edit_toml(lf_text, apply)


def unset_toml(lf_text: str, key: str) -> str:
    """``lf_text`` without top-level ``key``."""

    def apply(doc: tomlkit.TOMLDocument) -> None:
        if key in doc:
            del doc[key]

    return _edit_toml(lf_text, apply)


# --------------------------------------------------------------------------- JSON


def parse_json(text: str) -> dict[str, Any]:
    """The values of a JSON front matter object (Hugo)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PostError(
            f"front matter is not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    if not isinstance(data, dict):
        raise PostError("JSON front matter must be an object", line=1, column=1)
    return data


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _dump_json(lf_text: str, data: dict[str, Any]) -> str:
    lines = lf_text.split("\n")
    indent = next((len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()), 2) or 2
    dumped = json.dumps(data, indent=indent, ensure_ascii=False, default=_json_default)
    return dumped + ("\n" if lf_text.endswith("\n") else "")


def set_json(lf_text: str, key: str, value: Any) -> str:
    """``lf_text`` with ``key`` set to ``value``."""
    data = parse_json(lf_text)
    data[key] = value
    return _dump_json(lf_text, data)


def unset_json(lf_text: str, key: str) -> str:
    """``lf_text`` without ``key``."""
    data = parse_json(lf_text)
    data.pop(key, None)
    return _dump_json(lf_text, data)


# --------------------------------------------------------------------------- Pelican

PELICAN_KEYS = frozenset(
    {
        "title", "date", "modified", "category", "tags", "slug", "author", "authors",
        "summary", "status", "lang", "translation", "template", "save_as", "url",
        "keywords", "description", "series", "image", "cover", "subtitle",
    }
)  # fmt: skip
_PELICAN_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(?P<value>.*?))?[ \t]*$")


def is_pelican_header(lines: list[str]) -> int:
    """How many leading lines form a Pelican ``Key: value`` header (0 when there is none)."""
    count = 0
    known = False
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            break
        match = _PELICAN_LINE.match(line)
        if match:
            known = known or match["key"].lower() in PELICAN_KEYS
        elif not (count and line.startswith(("    ", "\t"))):
            return 0
        count += 1
    return count if known else 0


def parse_pelican(text: str) -> dict[str, Any]:
    """The values of a Pelican header: strings, keys as written."""
    data: dict[str, Any] = {}
    last: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _PELICAN_LINE.match(line)
        if match:
            last = match["key"]
            data[last] = match["value"] or ""
        elif last is not None and line.startswith(("    ", "\t")):
            data[last] = f"{data[last]}\n{line.strip()}".strip()
        else:
            raise PostError("expected a 'Key: value' line in the header", line=number, column=1)
    return data


def _pelican_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("\n", " ")


def _pelican_find(lines: list[str], key: str) -> tuple[int, int, str] | None:
    for index, line in enumerate(lines):
        match = _PELICAN_LINE.match(line.rstrip("\n"))
        if match and match["key"].lower() == key.lower():
            end = index + 1
            while end < len(lines) and lines[end].startswith(("    ", "\t")):
                end += 1
            return index, end, match["key"]
    return None


def set_pelican(lf_text: str, key: str, value: Any) -> str:
    """``lf_text`` with ``key`` (found case-insensitively) set to ``value``."""
    lines = lf_text.splitlines(keepends=True)
    found = _pelican_find(lines, key)
    if found is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        name = key[:1].upper() + key[1:]
        return "".join([*lines, f"{name}: {_pelican_value(value)}\n"])
    start, end, name = found
    ending = "\n" if lines[end - 1].endswith("\n") else ""
    return "".join([*lines[:start], f"{name}: {_pelican_value(value)}{ending}", *lines[end:]])


def unset_pelican(lf_text: str, key: str) -> str:
    """``lf_text`` without ``key``."""
    lines = lf_text.splitlines(keepends=True)
    found = _pelican_find(lines, key)
    if found is None:
        return lf_text
    start, end, _ = found
    return "".join(lines[:start] + lines[end:])


# --------------------------------------------------------------------------- dispatch

PARSERS: dict[str, Callable[[str], dict[str, Any]]] = {
    "yaml": parse_yaml,
    "toml": parse_toml,
    "json": parse_json,
    "pelican": parse_pelican,
}
SETTERS: dict[str, Callable[[str, str, Any], str]] = {
    "yaml": set_yaml,
    "toml": set_toml,
    "json": set_json,
    "pelican": set_pelican,
}
UNSETTERS: dict[str, Callable[[str, str], str]] = {
    "yaml": unset_yaml,
    "toml": unset_toml,
    "json": unset_json,
    "pelican": unset_pelican,
}


def parse_block(fmt: Format, raw: str) -> dict[str, Any]:
    """The values of a block's inner text."""
    return PARSERS[fmt](to_lf(raw))


def edit_block(fmt: Format, raw: str, key: str, value: Any, *, remove: bool = False) -> str:
    """A block's inner text with one key set or removed; other lines keep their bytes."""
    lf_text = to_lf(raw)
    new_lf = UNSETTERS[fmt](lf_text, key) if remove else SETTERS[fmt](lf_text, key, value)
    return map_line_endings(raw, new_lf)
