"""A site's stylesheet rewritten so it styles only the preview's article.

The CSS is parsed with tinycss2 and written out inside ``@scope (#pw-body)``, in a cascade
layer above Postwright's own page style (``@layer pw-page``), with a reset layer between them,
so the site's rules - and only they - style the article, and never the preview's header or
the page around it. Selectors on ``html``, ``body`` and ``:root`` (and the wrapper classes
themes put around a post's text, such as ``.post-content`` or ``.md-typeset``) become
``:scope``; a child of the site's body is a child of Postwright's block wrapper
(``div.pw-block``) here, and no rule of the site ever matches a wrapper; ``rem`` follows the
site's root font size; ``@import`` is read from the site or dropped; ``url(...)`` becomes a
file address when it names a file inside the site (or the installed theme), and is dropped
otherwise (the preview fetches nothing remote). Stylesheets over the size limits, nested too
deep or unreadable are a one-line :class:`SiteStyleError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from editor.core.sitefiles import NotRegularFileError, read_regular
from editor.core.sitestyle import SCHEME, SiteStyle, inside, shown_path

#: the largest stylesheet read, and the most CSS (imports included) one look takes in
MAX_CSS_FILE = 2 * 1024 * 1024
MAX_CSS_TOTAL = 4 * 1024 * 1024
#: imports followed at most, and how deep blocks may nest
MAX_IMPORTS = 64
MAX_NESTING = 64
#: the class names themes put on the element around a post's text; a selector that styles
#: under one of them is applied to the article, and the article gets the class
CONTENT_CLASSES = frozenset(
    {
        "md-typeset", "md-content__inner", "post-content", "entry-content", "post-body",
        "article-content", "page-content", "markdown-body", "markdown", "prose", "e-content",
        "single-content", "post-single", "blog-post", "article-body", "entry-body",
        "content", "post", "entry", "article", "single", "page",
    }
)  # fmt: skip
#: of those, the ones whose own rules (not only their descendants') are the text's look
_TEXT_CLASSES = frozenset(
    {
        "md-typeset", "post-content", "entry-content", "post-body", "article-content",
        "markdown-body", "prose", "e-content", "article-body", "entry-body", "single-content",
    }
)  # fmt: skip
_ROOT_TYPES = frozenset({"html", "body"})
#: at-rules that cannot sit inside @scope: hoisted out of it, still in the site's layer
_GLOBAL_AT_RULES = frozenset(
    {
        "font-face",
        "keyframes",
        "-webkit-keyframes",
        "property",
        "counter-style",
        "font-feature-values",
    }
)
_GROUP_AT_RULES = frozenset({"media", "supports", "container", "starting-style"})

SCOPE = "#pw-body"
#: how the rules inside ``@scope`` name the article
_ROOT = ":scope"


class SiteStyleError(ValueError):
    """A stylesheet that cannot be used: one line naming the file (and line)."""


@dataclass(frozen=True)
class ScopedStyle:
    """The site's CSS as the preview applies it."""

    css: str
    #: classes the article gets so the theme's rules under them apply (``md-typeset``)
    classes: tuple[str, ...] = ()
    #: attributes the article gets (Material's colour scheme)
    attributes: tuple[tuple[str, str], ...] = ()
    #: what was left out ("2 remote addresses dropped")
    notes: tuple[str, ...] = ()


#: what the site's look starts from inside the article: the browser's own defaults (as a page
#: of the site starts), not Postwright's; Postwright's excerpt marker keeps its look
_RESET = (
    f"@layer pw-site-base{{@scope ({SCOPE}){{"
    f"{_ROOT},{_ROOT} :not(.pw-excerpt-end,.pw-excerpt-end *,.pw-remote-image,.pw-remote-image *)"
    "{all:revert}"
    f"{_ROOT}{{display:block;color-scheme:light;background:Canvas;color:CanvasText;"
    "font-family:serif;font-size:1rem;line-height:normal;padding:8px;border-radius:4px;"
    "--pw-site-rem:1rem}"
    f"{_ROOT} img,{_ROOT} video{{max-width:100%;height:auto}}"
    "}}"
)


@dataclass
class _Chunks:
    """Rewritten rules, sorted by where they may go: inside @scope, beside it, or in a layer."""

    scoped: list[str] = field(default_factory=list)
    globals: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    layers: list[tuple[str, _Chunks]] = field(default_factory=list)

    def text(self) -> str:
        parts = [*self.statements, *self.globals]
        if self.scoped:
            parts.append(f"@scope ({SCOPE}){{" + "\n".join(self.scoped) + "}")
        parts.extend(f"@layer {name}{{{chunks.text()}}}" for name, chunks in self.layers)
        return "\n".join(parts)


class _Rewriter:
    def __init__(self, style: SiteStyle) -> None:
        self.style = style
        self.total = 0
        self.imports = 0
        self.reading: list[Path] = []
        self.classes: set[str] = set()
        self.dropped_remote = 0
        self.dropped_outside = 0
        self.dropped_imports = 0
        self.file = Path()

    # -------------------------------------------------------------- files

    def where(self, line: int | None = None) -> str:
        name = self._name(self.file)
        return f"{name}:{line}" if line else name

    def _name(self, path: Path) -> str:
        for root in self.style.allowed:
            if inside(path, root):
                return shown_path(path, root)
        return str(path)

    def read(self, path: Path) -> str:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > MAX_CSS_FILE:
            raise SiteStyleError(
                f"{self._name(path)}: over {MAX_CSS_FILE // (1024 * 1024)} MB, too big for a "
                "stylesheet; the site's look is not used"
            )
        try:
            data = read_regular(path, MAX_CSS_FILE)
        except NotRegularFileError as exc:
            kind = str(exc).rsplit(" is ", 1)[-1].removesuffix(", not a regular file")
            raise SiteStyleError(f"{self._name(path)}: cannot be read ({kind})") from exc
        except OSError as exc:
            message = exc.strerror or str(exc)
            raise SiteStyleError(f"{self._name(path)}: cannot be read ({message})") from exc
        self.total += len(data)
        if self.total > MAX_CSS_TOTAL:
            raise SiteStyleError(
                f"{self._name(path)}: the site's stylesheets come to over "
                f"{MAX_CSS_TOTAL // (1024 * 1024)} MB; its look is not used"
            )
        text = data.decode("utf-8", errors="replace")
        return text.removeprefix("\ufeff")

    def sheet(self, path: Path, chunks: _Chunks) -> None:
        import tinycss2

        outer = self.file
        self.file = path
        self.reading.append(path.resolve())
        try:
            rules = tinycss2.parse_stylesheet(
                self.read(path), skip_comments=True, skip_whitespace=True
            )
            self.rules(rules, chunks, depth=0)
        finally:
            self.reading.pop()
            self.file = outer

    # -------------------------------------------------------------- addresses

    def resolve(self, address: str) -> str | None:
        """A file address for ``url(address)`` written in the current file; None: drop it."""
        address = address.strip()
        if not address:
            return None
        if address.startswith("#") or address.lower().startswith("data:"):
            return address
        if address.startswith("//") or SCHEME.match(address):
            self.dropped_remote += 1
            return None
        fragment = ""
        if "#" in address:
            address, fragment = address.split("#", 1)
            fragment = "#" + fragment
        address = address.split("?", 1)[0]
        from urllib.parse import unquote

        relative = PurePosixPath(unquote(address))
        if address.startswith("/"):
            candidates = [root / relative.relative_to("/") for root in self.style.served]
        else:
            candidates = [self.file.parent / relative]
        for candidate in candidates:
            if not candidate.is_file():
                continue
            if any(inside(candidate, root) for root in self.style.allowed):
                return candidate.resolve().as_uri() + fragment
        self.dropped_outside += 1
        return None

    # -------------------------------------------------------------- rules

    def inner(self, content: Any, depth: int) -> _Chunks:
        """The rules inside a group or layer at-rule, one level deeper."""
        import tinycss2

        inner = _Chunks()
        rules = tinycss2.parse_rule_list(content, skip_comments=True, skip_whitespace=True)
        self.rules(rules, inner, depth + 1)
        return inner

    def rules(self, rules: Iterable[Any], chunks: _Chunks, depth: int) -> None:
        import tinycss2

        for rule in rules:
            line = getattr(rule, "source_line", None)
            if depth > MAX_NESTING:
                raise SiteStyleError(
                    f"{self.where(line)}: rules nest more than {MAX_NESTING} deep; "
                    "the site's look is not used"
                )
            if rule.type == "qualified-rule":
                text = self.style_rule(rule, depth)
                if text:
                    chunks.scoped.append(text)
            elif rule.type == "at-rule":
                keyword = rule.lower_at_keyword
                if keyword == "import":
                    self.import_rule(rule, chunks)
                elif keyword in _GROUP_AT_RULES and rule.content is not None:
                    inner = self.inner(rule.content, depth)
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    if inner.scoped:
                        chunks.scoped.append(f"@{keyword} {prelude}{{{''.join(inner.scoped)}}}")
                    chunks.globals.extend(inner.globals)
                    chunks.statements.extend(inner.statements)
                    chunks.layers.extend(inner.layers)
                elif keyword == "layer":
                    name = tinycss2.serialize(rule.prelude).strip()
                    if rule.content is None:
                        if name:
                            chunks.statements.append(f"@layer {name};")
                        continue
                    inner = self.inner(rule.content, depth)
                    if name:
                        chunks.layers.append((name, inner))
                    else:  # an anonymous layer: its rules, as the site's own
                        chunks.scoped.extend(inner.scoped)
                        chunks.globals.extend(inner.globals)
                        chunks.layers.extend(inner.layers)
                elif keyword in _GLOBAL_AT_RULES and rule.content is not None:
                    body = self.declarations(rule.content, depth + 1, root_rule=False)
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    if keyword.endswith("keyframes"):
                        inner = tinycss2.parse_rule_list(
                            rule.content, skip_comments=True, skip_whitespace=True
                        )
                        frames = []
                        for frame in inner:
                            if frame.type != "qualified-rule":
                                continue
                            decls = self.declarations(frame.content, depth + 2, root_rule=False)
                            frames.append(f"{tinycss2.serialize(frame.prelude).strip()}{{{decls}}}")
                        body = "".join(frames)
                    chunks.globals.append(f"@{keyword} {prelude}{{{body}}}")
                # @charset, @namespace, @page and unknown at-rules are left out

    def import_rule(self, rule: Any, chunks: _Chunks) -> None:
        import tinycss2

        tokens = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
        if not tokens:
            return
        first, rest = tokens[0], tokens[1:]
        address: str | None = None
        if first.type in ("url", "string"):
            address = first.value
        elif first.type == "function" and first.lower_name == "url":
            strings = [t for t in first.arguments if t.type == "string"]
            address = strings[0].value if strings else None
        if address is None:
            return
        layer: str | None = None
        if rest and rest[0].type == "ident" and rest[0].lower_value == "layer":
            layer, rest = "", rest[1:]
        elif rest and rest[0].type == "function" and rest[0].lower_name == "layer":
            layer, rest = tinycss2.serialize(rest[0].arguments).strip(), rest[1:]
        if rest and rest[0].type == "function" and rest[0].lower_name == "supports":
            rest = rest[1:]
        media = tinycss2.serialize(rest).strip()
        remote = self.dropped_remote
        resolved = self.resolve(address)
        if resolved is None or not resolved.startswith("file:"):
            if self.dropped_remote == remote:  # a remote one is counted as remote
                self.dropped_imports += 1
                self.dropped_outside -= resolved is None
            return
        from urllib.parse import unquote, urlparse

        path = Path(unquote(urlparse(resolved).path))
        self.imports += 1
        if self.imports > MAX_IMPORTS or path.resolve() in self.reading:
            self.dropped_imports += 1
            return
        inner = _Chunks()
        self.sheet(path, inner)
        if media and inner.scoped:
            inner.scoped = [f"@media {media}{{{''.join(inner.scoped)}}}"]
        if layer is None:
            chunks.scoped.extend(inner.scoped)
            chunks.globals.extend(inner.globals)
            chunks.statements.extend(inner.statements)
            chunks.layers.extend(inner.layers)
        elif layer:
            chunks.layers.append((layer, inner))
        else:
            chunks.layers.append((f"pw-import-{self.imports}", inner))

    # -------------------------------------------------------------- one rule

    def style_rule(self, rule: Any, depth: int) -> str:
        selectors = _split_selectors(rule.prelude)
        written: list[str] = []
        roots = 0
        for selector in selectors:
            scoped, is_root = self.selector(selector)
            if scoped:
                written.append(scoped)
                roots += is_root
        if not written:
            return ""
        body = self.declarations(rule.content, depth + 1, root_rule=roots == len(written))
        return f"{','.join(dict.fromkeys(written))}{{{body}}}" if body else ""

    def selector(self, tokens: list[Any]) -> tuple[str, bool]:
        """The selector written for the scope, and whether it is the page's root alone."""
        import tinycss2

        compounds = _compounds(tokens)
        if not compounds:
            return "", False
        merged: list[Any] = []
        taken = 0
        only_root = True
        for index, (_combinator, compound) in enumerate(compounds):
            subject = index == len(compounds) - 1
            kind = _outer(compound, subject=subject)
            if kind is None:
                break
            taken += 1
            for simple in _simples(compound):
                head = simple[0]
                if head.type == "ident" and head.lower_value in _ROOT_TYPES | {"article", "main"}:
                    only_root = only_root and head.lower_value == "html"
                    continue
                if _is_pseudo(simple, "root") or _is_pseudo(simple, "scope"):
                    continue
                only_root = False
                if _is_class(simple):
                    self.classes.add(simple[1].value)
                merged.extend(simple)
        rest = compounds[taken:]
        if taken == 0:
            # a selector that names the page's root later on (".x body p") cannot match here
            for _combinator, compound in compounds:
                if any(
                    (s[0].type == "ident" and s[0].lower_value in _ROOT_TYPES)
                    or _is_pseudo(s, "root")
                    for s in _simples(compound)
                ):
                    return "", False
            rest = [(" ", compounds[0][1]), *compounds[1:]]
        text = _ROOT + tinycss2.serialize(merged)
        for index, (combinator, compound) in enumerate(rest):
            if index == 0 and combinator == ">":
                # the article's own children are Postwright's block wrappers: the text's
                # top-level elements are their children (the first of them in the first)
                edge = "".join(
                    f":{name}"
                    for name in ("first-child", "last-child", "only-child")
                    if any(_is_pseudo(simple, name) for simple in _simples(compound))
                )
                text += f" > .pw-block{edge}"
            text += f" {combinator} " if combinator.strip() else " "
            text += _not_a_wrapper(compound)
        return text, only_root and not rest

    # -------------------------------------------------------------- declarations

    def declarations(self, content: Any, depth: int, *, root_rule: bool) -> str:
        import tinycss2

        if content is None:
            return ""
        if depth > MAX_NESTING:
            raise SiteStyleError(
                f"{self.where()}: rules nest more than {MAX_NESTING} deep; the site's look is "
                "not used"
            )
        out: list[str] = []
        for item in tinycss2.parse_blocks_contents(
            content, skip_comments=True, skip_whitespace=True
        ):
            if item.type == "declaration":
                important = " !important" if item.important else ""
                name = item.name if item.name.startswith("--") else item.lower_name
                if root_rule and name == "font-size":
                    size = _root_size(item.value)
                    if size is not None:
                        out.append(f"font-size:{size}{important};--pw-site-rem:{size}")
                        continue
                value = self.value(item.value, depth)
                if value is None:
                    continue
                out.append(f"{name}:{value}{important}")
            elif item.type == "qualified-rule":  # nested (CSS nesting): relative to its parent
                body = self.declarations(item.content, depth + 1, root_rule=False)
                prelude = tinycss2.serialize(item.prelude).strip()
                if body and not _names_root(item.prelude):
                    out.append(f"{prelude}{{{body}}}")
            elif item.type == "at-rule" and item.lower_at_keyword in _GROUP_AT_RULES:
                body = self.declarations(item.content, depth + 1, root_rule=root_rule)
                prelude = tinycss2.serialize(item.prelude).strip()
                if body:
                    out.append(f"@{item.lower_at_keyword} {prelude}{{{body}}}")
        return ";".join(out)

    def value(self, tokens: list[Any], depth: int) -> str | None:
        """A declaration's value with its addresses made local and ``rem`` the site's; None
        when it names an address that is dropped."""
        import tinycss2

        rewritten = self.tokens(tokens, depth)
        return None if rewritten is None else tinycss2.serialize(rewritten).strip()

    def tokens(
        self, tokens: list[Any], depth: int, *, strings_are_urls: bool = False
    ) -> list[Any] | None:
        import tinycss2
        from tinycss2.ast import FunctionBlock, ParenthesesBlock, SquareBracketsBlock
        from tinycss2.serializer import serialize_url

        if depth > MAX_NESTING:
            raise SiteStyleError(
                f"{self.where()}: values nest more than {MAX_NESTING} deep; the site's look "
                "is not used"
            )
        out: list[Any] = []
        for token in tokens:
            kind = token.type
            address: str | None = None
            if kind == "url":
                address = token.value
            elif kind == "function" and token.lower_name in ("url", "src"):
                strings = [t for t in token.arguments if t.type == "string"]
                address = strings[0].value if strings else ""
            elif kind == "string" and strings_are_urls:
                address = token.value
            if address is not None:
                local = self.resolve(address)
                if local is None:
                    return None
                out.extend(tinycss2.parse_component_value_list(f"url({serialize_url(local)})"))
                continue
            if kind == "dimension" and token.lower_unit == "rem":
                out.extend(
                    tinycss2.parse_component_value_list(
                        f"calc({token.representation} * var(--pw-site-rem, 1rem))"
                    )
                )
                continue
            if kind == "function":
                images = token.lower_name in ("image-set", "-webkit-image-set")
                args = self.tokens(token.arguments, depth + 1, strings_are_urls=images)
                if args is None:
                    return None
                out.append(FunctionBlock(token.source_line, token.source_column, token.name, args))
                continue
            if kind in ("() block", "[] block"):
                inner = self.tokens(token.content, depth + 1)
                if inner is None:
                    return None
                block = ParenthesesBlock if kind == "() block" else SquareBracketsBlock
                out.append(block(token.source_line, token.source_column, inner))
                continue
            out.append(token)
        return out

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.dropped_remote:
            notes.append(f"{_count(self.dropped_remote, 'remote address')} left out")
        if self.dropped_outside:
            notes.append(
                f"{_count(self.dropped_outside, 'file')} outside the site or missing left out"
            )
        if self.dropped_imports:
            notes.append(f"{_count(self.dropped_imports, '@import')} left out")
        return tuple(notes)


def _count(number: int, what: str) -> str:
    return (
        f"{number} {what}"
        if number == 1
        else f"{number} {what}es"
        if what.endswith("ss")
        else f"{number} {what}s"
    )


def _root_size(tokens: list[Any]) -> str | None:
    """The root font size of ``html { font-size: ... }`` as the article's ``rem``: a length
    or a multiple of the preview's base size; None for what cannot be said so."""
    values = [t for t in tokens if t.type not in ("whitespace", "comment")]
    if len(values) != 1:
        return None
    token = values[0]
    if token.type == "percentage":
        return f"calc({token.value / 100:g} * 1rem)"
    if token.type == "dimension" and token.lower_unit in ("em", "rem"):
        return f"calc({token.value:g} * 1rem)"
    if token.type == "dimension" and token.lower_unit == "px":
        return f"{token.value:g}px"
    return None


def _split_selectors(prelude: list[Any]) -> list[list[Any]]:
    selectors: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        elif token.type != "comment":
            selectors[-1].append(token)
    return [s for s in selectors if any(t.type != "whitespace" for t in s)]


def _compounds(tokens: list[Any]) -> list[tuple[str, list[Any]]]:
    """(combinator before it, its tokens) for each compound of a complex selector."""
    out: list[tuple[str, list[Any]]] = []
    combinator = ""
    current: list[Any] = []
    for token in tokens:
        if token.type == "whitespace":
            if current:
                out.append((combinator, current))
                current, combinator = [], " "
            continue
        if token.type == "literal" and token.value in (">", "+", "~"):
            if current:
                out.append((combinator, current))
                current = []
            combinator = token.value
            continue
        current.append(token)
    if current:
        out.append((combinator, current))
    return out


def _simples(compound: list[Any]) -> list[list[Any]]:
    """The simple selectors of a compound: ``p``, ``.x``, ``#id``, ``[a]``, ``:hover``, ``::x``."""
    out: list[list[Any]] = []
    index = 0
    while index < len(compound):
        token = compound[index]
        if token.type == "literal" and token.value in (".", ":"):
            end = index + 1
            while (
                end < len(compound)
                and compound[end].type == "literal"
                and compound[end].value == ":"
            ):
                end += 1
            out.append(compound[index : end + 1])
            index = end + 1
        elif token.type == "literal" and token.value == "|":
            out[-1:] = [[*(out[-1] if out else []), token]]
            index += 1
        else:
            out.append([token])
            index += 1
    return out


def _is_pseudo(simple: list[Any], name: str) -> bool:
    return (
        len(simple) == 2
        and simple[0].type == "literal"
        and simple[0].value == ":"
        and simple[1].type == "ident"
        and simple[1].lower_value == name
    )


def _is_class(simple: list[Any]) -> bool:
    return (
        len(simple) == 2
        and simple[0].type == "literal"
        and simple[0].value == "."
        and simple[1].type == "ident"
    )


def _outer(compound: list[Any], *, subject: bool) -> str | None:
    """Whether a compound stands for the page around the post's text (its root, body, or the
    wrapper a theme puts around the text), which the article takes the place of."""
    kinds: list[str] = []
    for simple in _simples(compound):
        head = simple[0]
        if head.type == "ident" and head.lower_value in _ROOT_TYPES:
            kinds.append("root")
        elif head.type == "ident" and head.lower_value in ("article", "main") and not subject:
            kinds.append("wrapper")
        elif _is_pseudo(simple, "root") or _is_pseudo(simple, "scope"):
            kinds.append("root")
        elif head.type == "[] block":
            kinds.append("attribute")
        elif _is_class(simple) and simple[1].value in CONTENT_CLASSES:
            if subject and simple[1].value not in _TEXT_CLASSES:
                return None
            kinds.append("wrapper")
        else:
            return None
    if not kinds or (kinds == ["attribute"] * len(kinds) and subject):
        return None
    return "root" if "root" in kinds else "wrapper"


def _not_a_wrapper(compound: list[Any]) -> str:
    """A compound that never matches Postwright's block wrappers (``div.pw-block``): they are
    not the site's, and a theme's sibling and position rules tested on them would restyle every
    block after the one typed in."""
    import tinycss2

    simples = _simples(compound)
    head = simples[0][0] if simples else None
    if head is not None and head.type == "ident" and head.lower_value != "div":
        return tinycss2.serialize(compound)
    if head is not None and (
        (head.type == "ident" and head.lower_value == "div")
        or (head.type == "literal" and head.value == "*")
    ):
        return (
            tinycss2.serialize(simples[0])
            + ":not(.pw-block)"
            + "".join(tinycss2.serialize(simple) for simple in simples[1:])
        )
    return ":not(.pw-block)" + tinycss2.serialize(compound)


def _names_root(prelude: list[Any]) -> bool:
    return any(t.type == "ident" and t.lower_value in _ROOT_TYPES for t in prelude)


def scope_site_style(style: SiteStyle) -> ScopedStyle:
    """``style``'s stylesheets rewritten to style only the article (see the module docstring).

    Raises :class:`SiteStyleError` (one line naming the file) for a stylesheet over the size
    limits, nested too deep, or unreadable.
    """
    rewriter = _Rewriter(style)
    chunks = _Chunks()
    for path in style.files:
        try:
            rewriter.sheet(path, chunks)
        except RecursionError:
            raise SiteStyleError(
                f"{rewriter.where()}: nested too deep to read; the site's look is not used"
            ) from None
    css = _RESET + "\n@layer pw-site{" + chunks.text() + "}"
    return ScopedStyle(
        css=css,
        classes=tuple(sorted(rewriter.classes)),
        attributes=(("dir", "ltr"), *style.attributes),
        notes=rewriter.notes(),
    )


def scope_or_problem(style: SiteStyle) -> ScopedStyle | str:
    """:func:`scope_site_style`, or its one-line message (a job for a worker process)."""
    try:
        return scope_site_style(style)
    except SiteStyleError as exc:
        return str(exc)


#: scoped stylesheets (or their messages) by their files' stamps
_CACHE: dict[tuple[Any, ...], ScopedStyle | str] = {}


def _stamps(style: SiteStyle) -> tuple[Any, ...]:
    stamps: list[Any] = []
    for path in style.files:
        try:
            info = path.stat()
        except OSError:
            stamps.append((str(path), None))
            continue
        stamps.append((str(path), info.st_mtime_ns, info.st_size))
    return (tuple(stamps), style.allowed, style.served, style.attributes)


def cached_style(style: SiteStyle) -> ScopedStyle | str | None:
    """What :func:`scope_or_problem` gave for ``style`` while its files are unchanged; None
    when it has not been worked out for them."""
    return _CACHE.get(_stamps(style))


def remember_style(style: SiteStyle, scoped: ScopedStyle | str) -> None:
    """Keep what :func:`scope_or_problem` gave for ``style`` (see :func:`cached_style`)."""
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[_stamps(style)] = scoped
