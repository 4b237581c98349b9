"""Read and edit front matter without reshaping it.

Values are read with python-frontmatter's YAML handler (PyYAML, the YAML most generators read),
``tomllib`` and ``json``. Edits go through round-trip documents - ruamel.yaml and tomlkit - and
only the edited key's lines are taken from the library's output: every other line keeps the
writer's bytes, line endings included.

Every function here works on the block's inner text (between the delimiters) and raises
:class:`PostError` with a 1-based line and column *within that text*.

Hostile front matter is refused here, before anything walks its values: nesting deeper than
:data:`MAX_DEPTH`, a YAML alias that refers to the node it sits in, and aliases that expand to
far more values than were written (an "alias bomb": 1 KB standing for hundreds of millions of
values). Impossible dates (``2024-02-30``) stay text for the checks to report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import itertools
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer as RuamelComposer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError as RuamelMarkedError
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from editor.core.errors import PostError
from editor.core.textlines import map_line_endings, to_lf

if TYPE_CHECKING:  # tomlkit loads with the first TOML edit
    import tomlkit

Format = Literal["yaml", "toml", "json", "pelican"]

#: Front matter nested deeper than this is refused: no post needs it, and every reader that
#: walks the values (the checks, the export, the JSON output) recurses once per level.
MAX_DEPTH = 100
#: A YAML alias may stand for more values than were written (one list of tags used twice), but
#: never for more than this many values in all, or :data:`ALIAS_RATIO` times the values written
#: when that is more. A 1 KB alias bomb stands for hundreds of millions.
ALIAS_FLOOR = 10_000
ALIAS_RATIO = 10


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in one mapping: ``line`` repeats the key first written on ``first``
    (1-based lines of the block's inner text)."""

    key: str
    first: int
    line: int
    top: bool = True  # in the top-level mapping (else in a nested one)


class _ShapeGuard:
    """Measures a YAML node graph while it is composed, and refuses a hostile one.

    PyYAML and ruamel.yaml compose the same way (``compose_node`` once per node, an alias
    giving back the node it names), so one guard serves both. Nothing is expanded: each node's
    expanded size is the sum of its children's, counted once per distinct node.
    """

    def __init__(self, what: str = "the front matter") -> None:
        self.what = what
        self.depth = 0
        self.sizes: dict[int, int] = {}
        self.duplicates: list[Duplicate] = []

    def compose(self, compose_node: Callable[[], Any], next_event: Callable[[], Any]) -> Any:
        """Compose one node with ``compose_node``, refusing it when it is too deep or too big.

        ``next_event`` peeks at the parser's next event (the node about to be composed)."""
        event = next_event()
        mark = getattr(event, "start_mark", None)
        if self.depth >= MAX_DEPTH:
            raise _refusal(
                f"{self.what} nests lists or mappings more than {MAX_DEPTH} levels deep; "
                "it is not read",
                mark,
            )
        self.depth += 1
        try:
            node = compose_node()
        finally:
            self.depth -= 1
        if type(event).__name__ == "AliasEvent":
            if id(node) not in self.sizes:  # the node is still being composed: it is in it
                raise _refusal(
                    f"an alias in {self.what} refers to the list or mapping it is in, "
                    "so its value never ends; it is not read",
                    mark,
                )
            return node
        self._measure(node)
        return node

    def _measure(self, node: Any) -> None:
        if node.id == "scalar":
            self.sizes[id(node)] = 1
            return
        children = (
            [part for pair in node.value for part in pair] if node.id == "mapping" else node.value
        )
        size = 1
        for child in children:
            size += self.sizes[id(child)]
        self.sizes[id(node)] = size
        if size > max(ALIAS_FLOOR, ALIAS_RATIO * len(self.sizes)):
            raise _refusal(
                f"the aliases in {self.what} expand to over {size:,} values from "
                f"{len(self.sizes):,} written (an alias bomb?); it is not read",
                node.start_mark,
            )
        if node.id == "mapping":
            self._note_duplicates(node)

    def _note_duplicates(self, node: Any) -> None:
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if key.id != "scalar" or key.value == "<<":
                continue
            line = key.start_mark.line + 1
            if key.value in seen:
                duplicate = Duplicate(str(key.value), seen[key.value], line, top=self.depth == 0)
                self.duplicates.append(duplicate)
            else:
                seen[key.value] = line


def _refusal(message: str, mark: Any) -> PostError:
    if mark is None:
        return PostError(message, line=1, column=1)
    return PostError(message, line=mark.line + 1, column=mark.column + 1)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, guarded (see :class:`_ShapeGuard`), except that an impossible date
    (2024-13-45) stays a string for the checks to report, instead of aborting the whole load."""

    def __init__(self, stream: str, what: str = "the front matter") -> None:
        super().__init__(stream)
        self.guard = _ShapeGuard(what)

    def compose_node(self, parent: Any, index: Any) -> Any:
        compose = super().compose_node
        return self.guard.compose(lambda: compose(parent, index), self.peek_event)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _RoundTripComposer(RuamelComposer):
    """ruamel.yaml's composer with the same guard as :class:`_Loader`."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.guard = _ShapeGuard()

    def compose_node(self, parent: Any, index: Any) -> Any:
        compose = super().compose_node
        return self.guard.compose(lambda: compose(parent, index), self.parser.peek_event)


class ImpossibleDate(ScalarString):
    """A timestamp as written that is no real date or time (``2024-02-30``, ``T24:00``): kept as
    its text and written back unquoted, as the writer wrote it."""

    __slots__ = ()


class _RoundTripConstructor(RoundTripConstructor):
    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return ImpossibleDate(node.value)


_RoundTripConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _RoundTripConstructor.construct_yaml_timestamp
)


class _RoundTripRepresenter(RoundTripRepresenter):
    def represent_impossible_date(self, data: ImpossibleDate) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


_RoundTripRepresenter.add_representer(
    ImpossibleDate, _RoundTripRepresenter.represent_impossible_date
)


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


# --------------------------------------------------------------------------- depth


def nests_too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and mappings in ``value`` nest more than ``limit`` levels (without
    recursing, so any depth is safe to ask about)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


#: what opens and closes a level in TOML or JSON, and what hides brackets (strings, comments)
_NESTING_TOKENS = re.compile(
    "|".join(
        (
            r'"""[\s\S]*?"""',  # TOML multi-line strings
            r"'''[\s\S]*?'''",
            r'"(?:[^"\\\n]|\\.)*"',  # JSON and TOML strings
            r"'[^'\n]*'",
            r"#[^\n]*",  # TOML comments
            r"[\[\]{}]",
            r"\n",
        )
    )
)


def too_deep(text: str, limit: int = MAX_DEPTH, what: str = "the front matter") -> PostError:
    """The error for TOML or JSON nested too deeply, at the bracket that first goes deeper
    than ``limit`` levels."""
    depth = 0
    line, line_start = 1, 0
    for match in _NESTING_TOKENS.finditer(text):
        piece = match.group()
        if piece in "[{":
            depth += 1
            if depth > limit:
                column = match.start() - line_start + 1
                break
        elif piece in "]}":
            depth = max(depth - 1, 0)
        elif "\n" in piece:
            line += piece.count("\n")
            line_start = match.start() + piece.rfind("\n") + 1
    else:
        line, column = 1, 1
    return PostError(
        f"{what} nests lists or tables more than {limit} levels deep; it is not read",
        line=line,
        column=column,
    )


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


def _compose(text: str, what: str = "the front matter") -> tuple[Any, _Loader]:
    loader = _Loader(text, what)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def parse_yaml(text: str) -> dict[str, Any]:
    """The values of a YAML block, as the generators' YAML loaders see them."""
    if not text.strip():
        return {}
    try:
        node, loader = _compose(text)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise PostError(f"front matter cannot be read: {exc}", line=1, column=1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostError("front matter must be a list of 'key: value' lines", line=1, column=1)
    return {str(key): value for key, value in data.items()}


def parse_yaml_value(text: str) -> Any:
    """One value as written on a command line (``[a, b]``, ``false``, ``2024-12-12``), read as
    the generators' YAML loaders read it; text that is not YAML stays text. Raises
    :class:`PostError` for a hostile value (see :func:`check_yaml`)."""
    try:
        node, loader = _compose(text, "the value")
        return loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError, TypeError):
        return text


def check_yaml(text: str, what: str = "the front matter") -> None:
    """Raise :class:`PostError` when ``text`` is YAML too deep or too self-referring to read
    safely (see :data:`MAX_DEPTH` and :data:`ALIAS_FLOOR`); ``what`` names it in the message.
    YAML that does not parse passes: the parser that reads it reports that."""
    try:
        _compose(text, what)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return


def yaml_duplicates(text: str) -> list[Duplicate]:
    """The keys of ``text`` written twice in the same mapping, in file order (empty when the
    YAML cannot be read at all)."""
    try:
        _, loader = _compose(text)
    except (PostError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return []
    return sorted(loader.guard.duplicates, key=lambda dup: dup.line)


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
    rt.Composer = _RoundTripComposer
    rt.Constructor = _RoundTripConstructor
    rt.Representer = _RoundTripRepresenter
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
    except (ValueError, TypeError, RecursionError) as exc:
        raise PostError(f"front matter cannot be read: {exc}", line=1, column=1) from None
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
    """True when a plain scalar ``text`` would not read back as this string in YAML 1.1 (an
    impossible date like ``2024-02-30`` too: a strict reader stops on it)."""
    try:
        node, _ = _compose(text)
    except (PostError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return True
    return (
        node is None
        or node.id != "scalar"
        or node.tag != "tag:yaml.org,2002:str"
        or node.value != text
    )


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
        if isinstance(old, CommentedMap):  # edited in place: its style and comments stay
            for key in [key for key in old if key not in value]:
                del old[key]
            for key, item in value.items():
                if key not in old or not _same(item, old[key]):
                    old[key] = _to_yaml(item, old.get(key), flow_lists)
            return old
        new_map = CommentedMap()
        for key, item in value.items():
            new_map[key] = _to_yaml(item, None, flow_lists)
        return new_map
    if isinstance(value, list | tuple):
        if isinstance(old, CommentedSeq):
            items = _reuse_items(value, old, flow_lists)
            was_empty = not old  # an empty list can only have been written `[]`
            old[:] = items
            if was_empty:
                old.fa.set_flow_style()
            return old
        seq = CommentedSeq([_to_yaml(item, None, flow_lists) for item in value])
        if flow_lists:
            seq.fa.set_flow_style()
        return seq
    return str(value)


_KINDS = (bool, str, dt.datetime, dt.date, int | float, Mapping, list | tuple)


def _same(new: Any, old: Any) -> bool:
    """Whether ``old``, as ruamel.yaml read it, already is the value ``new`` (``1`` is not
    ``true``, a date is not its text)."""

    def kind(value: Any) -> int:
        return next((i for i, kind in enumerate(_KINDS) if isinstance(value, kind)), -1)

    return kind(new) == kind(old) and bool(new == old)


#: above this many comparisons, a list edit writes every item anew instead of matching them
_REUSE_BUDGET = 1_000_000


def _reuse_items(value: list[Any] | tuple[Any, ...], old: CommentedSeq, flow: bool) -> list[Any]:
    """The new items of a list, each one that was already there being the writer's own (its
    quoting, its date form) so that its line can stay as written."""
    if len(value) * len(old) > _REUSE_BUDGET:
        return [_to_yaml(item, None, flow) for item in value]
    pool = list(old)
    items = []
    for item in value:
        found = next((i for i, was in enumerate(pool) if _same(item, was)), None)
        items.append(pool.pop(found) if found is not None else _to_yaml(item, None, flow))
    return items


def _uses_flow_lists(doc: CommentedMap) -> bool:
    seqs = [value for value in doc.values() if isinstance(value, CommentedSeq)]
    return any(seq.fa.flow_style() for seq in seqs) if seqs else True


def _dump(rt: YAML, doc: CommentedMap) -> str:
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


@dataclass(frozen=True)
class _Line:
    """One line of YAML as the scanner sees it."""

    content: str  # without its trailing comment and line break
    tail: str  # the blanks and the comment after the content ("" when it has none)
    key: tuple[int, str] | None  # (column, key) of the mapping key the line starts with


def _anatomy(lines: list[str]) -> list[_Line] | None:
    """Each line's content, trailing comment and key, from PyYAML's scanner (a ``#`` in a
    quoted or block scalar is text, not a comment); None when the lines do not scan."""
    ends: dict[int, int] = {}
    whole: set[int] = set()
    keys: dict[int, tuple[int, str]] = {}
    previous: Any = None
    try:
        for token in yaml.scan("".join(lines), Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            if end.index > start.index:
                if end.line > start.line:  # a scalar over several lines is all content
                    whole.update(range(start.line, end.line))
                ends[end.line] = max(ends.get(end.line, 0), end.column)
            if isinstance(token, yaml.ScalarToken) and isinstance(previous, yaml.KeyToken):
                keys.setdefault(start.line, (start.column, token.value))
            previous = token
    except yaml.YAMLError:
        return None
    anatomy: list[_Line] = []
    for index, line in enumerate(lines):
        body = line.removesuffix("\n")
        column = ends.get(index)
        content, tail = body, ""
        if column is not None and index not in whole and body[:column].strip():
            rest = body[column:]
            if rest.lstrip(" \t").startswith("#"):
                content, tail = body[:column], rest
        anatomy.append(_Line(content, tail, keys.get(index)))
    return anatomy


def _moved_tail(was: _Line, content: str) -> str:
    """``was``'s comment after new ``content``: in its column when the content still fits before
    it (comments aligned in a column stay aligned), else after the writer's own blanks."""
    comment = was.tail.lstrip(" \t")
    gap = was.tail[: len(was.tail) - len(comment)]
    column = len(was.content) + len(gap)
    if "\t" not in gap and len(content) < column:
        gap = " " * (column - len(content))
    return gap + comment


def _keep_written_lines(old_lines: list[str], new_lines: list[str]) -> list[str]:
    """The edited key's new lines (from ruamel.yaml) with the writer's own bytes wherever the
    edit left a line's content as it was: list items and nested keys that stay keep their
    lines and comments byte for byte, and a changed key keeps its comment (see
    :func:`_moved_tail`). When that would change a value, the library's lines are used."""
    old = _anatomy(old_lines)
    new = _anatomy(new_lines)
    if old is None or new is None:
        return new_lines
    kept: list[str] = []
    matcher = difflib.SequenceMatcher(
        a=[line.content for line in old], b=[line.content for line in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept.extend(old_lines[i1:i2])
            continue
        commented = {line.key: line for line in old[i1:i2] if line.key and line.tail}
        for index in range(j1, j2):
            line = new[index]
            was = commented.get(line.key) if line.key else None
            if was is not None and line.tail.strip() in ("", was.tail.strip()):
                kept.append(line.content + _moved_tail(was, line.content) + "\n")
            else:
                kept.append(new_lines[index])
    try:
        same = parse_yaml("".join(kept)) == parse_yaml("".join(new_lines))
    except PostError:
        same = False
    return kept if same else new_lines


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
        replacement = _keep_written_lines(lines[start:end], replacement)
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
        data = tomllib.loads(text)
    except RecursionError:
        raise too_deep(text) from None
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
    if nests_too_deep(data):
        raise too_deep(text)
    return data


def _to_toml(value: Any, old: Any) -> Any:
    import tomlkit
    import tomlkit.items

    if isinstance(value, list | tuple) and isinstance(old, tomlkit.items.Array):
        matcher = difflib.SequenceMatcher(
            a=[_toml_key(item) for item in old.unwrap()], b=[_toml_key(item) for item in value]
        )
        kept = any(tag == "equal" for tag, *_ in matcher.get_opcodes())
        if not kept or "\n" not in old.as_string():  # written anew, in the same layout
            array = tomlkit.array()
            array.extend(value)
            if "\n" in old.as_string():
                array.multiline(True)
            return array
        # one item a line: edited in place, the items that stay keep their lines and comments
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            for index in range(i2 - 1, i1 - 1, -1):
                del old[index]
            for offset, item in enumerate(value[j1:j2]):
                old.insert(i1 + offset, item)
        return old
    return value


def _toml_key(value: Any) -> str:
    """A list item as TOML tells it apart (``1`` is not ``true``, nor ``"1"``)."""
    return f"{type(value).__name__}:{value!r}"


def _edit_toml(lf_text: str, apply: Callable[[tomlkit.TOMLDocument], None]) -> str:
    import tomlkit
    import tomlkit.exceptions

    if nests_too_deep(parse_toml(lf_text)):
        raise too_deep(lf_text)
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
    except RecursionError:
        raise too_deep(text) from None
    except json.JSONDecodeError as exc:
        raise PostError(
            f"front matter is not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    if nests_too_deep(data):
        raise too_deep(text)
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
