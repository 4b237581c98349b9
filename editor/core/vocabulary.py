"""A site's vocabulary with counts - the tags, categories and authors its posts use - the
near-duplicates a new term would make ("Static Sites" beside "static-site"), and renaming a
term across the site as a batch of lossless front matter edits that can be previewed first and
undone afterwards.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from editor.core.errors import PostError
from editor.core.fields import ALIASES
from editor.core.files import atomic_write
from editor.core.findings import Finding
from editor.core.post import Post, load_post
from editor.core.site import Vocabulary

TermKind = Literal["tags", "categories", "authors"]
KINDS: tuple[TermKind, ...] = ("tags", "categories", "authors")
_SINGULAR = {"tags": "tag", "categories": "category", "authors": "author"}
_SEPARATORS = re.compile(r"[\s_\-./]+")


def term_key(term: str) -> str:
    """What two spellings of one term share: no case, no accents, no separators, and the
    last word singular ("Static-Sites", "static site" and "Státic_site" are one term)."""
    text = unicodedata.normalize("NFKD", term)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    words = [word for word in _SEPARATORS.split(text) if word]
    if words:
        words[-1] = _singular(words[-1])
    return "".join(words)


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@dataclass
class TermCounts:
    """How many posts use each tag, category and author."""

    tags: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    authors: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, posts: Iterable[Any]) -> TermCounts:
        """Counts over anything with ``tags``, ``categories`` and ``authors`` sequences (post
        summaries); a term counts once per post."""
        tags: list[str] = []
        categories: list[str] = []
        authors: list[str] = []
        for post in posts:
            tags.extend(dict.fromkeys(post.tags))
            categories.extend(dict.fromkeys(post.categories))
            authors.extend(dict.fromkeys(post.authors))
        return cls(Counter(tags), Counter(categories), Counter(authors))

    def of_kind(self, kind: TermKind) -> Counter[str]:
        """The counter of ``kind``."""
        counter: Counter[str] = getattr(self, kind)
        return counter

    def ranked(self, kind: TermKind) -> list[tuple[str, int]]:
        """(term, posts) for ``kind``, most used first, then alphabetically."""
        return sorted(self.of_kind(kind).items(), key=lambda item: (-item[1], item[0].casefold()))

    def vocabulary(self) -> Vocabulary:
        """The terms, most used first, as a post's target offers them to the form."""
        return Vocabulary(
            tuple(term for term, _ in self.ranked("tags")),
            tuple(term for term, _ in self.ranked("categories")),
            tuple(term for term, _ in self.ranked("authors")),
        )


def existing_spelling(term: str, known: Sequence[str]) -> str | None:
    """The spelling the site uses for ``term`` when ``term`` nearly duplicates it (see
    :func:`term_key`): the most used of the spellings ``known`` lists (most used first), unless
    that is ``term`` itself. None when ``term`` is new or is the site's own spelling."""
    key = term_key(term)
    if not key:
        return None
    for candidate in known:
        if term_key(candidate) == key:
            return None if candidate == term else candidate
    return None


def near_duplicates(counts: TermCounts, kind: TermKind) -> list[tuple[str, list[str]]]:
    """Groups of spellings of one term: (the most used spelling, the others), most used first."""
    groups: dict[str, list[str]] = {}
    for term, _ in counts.ranked(kind):
        groups.setdefault(term_key(term), []).append(term)
    return [(spellings[0], spellings[1:]) for spellings in groups.values() if len(spellings) > 1]


@dataclass(frozen=True)
class Suggestion:
    """A term of a post that nearly duplicates the site's spelling of it."""

    kind: TermKind
    term: str
    spelling: str


def term_suggestions(post: Post, vocabulary: Vocabulary) -> list[Suggestion]:
    """The post's tags and categories that nearly duplicate the site's own spelling of them."""
    out: list[Suggestion] = []
    for kind, terms in (("tags", post.tags), ("categories", post.categories)):
        known: tuple[str, ...] = getattr(vocabulary, kind)
        if not known:
            continue
        for term in dict.fromkeys(terms):
            spelling = existing_spelling(term, known)
            if spelling is not None:
                out.append(Suggestion(kind, term, spelling))  # type: ignore[arg-type]
    return out


def term_findings(post: Post, vocabulary: Vocabulary) -> list[Finding]:
    """A warning for each tag or category of ``post`` that nearly duplicates the site's own
    spelling of it, naming that spelling."""
    findings: list[Finding] = []
    for suggestion in term_suggestions(post, vocabulary):
        word = _SINGULAR[suggestion.kind]
        findings.append(
            Finding(
                post.path,
                _term_line(post, suggestion.kind),
                None,
                "warning",
                f"{word} '{suggestion.term}' nearly duplicates the site's "
                f"'{suggestion.spelling}': write '{suggestion.spelling}' so both land on one "
                f"{word} page",
                f"near-duplicate-{word}",
            )
        )
    return findings


def _term_key_name(post: Post, kind: TermKind) -> str | None:
    """The front matter key ``kind`` is written under in ``post`` (None: it is not)."""
    names = ALIASES[kind] if kind != "tags" else ("tags",)
    for name in names:
        for key in post.meta:
            if key == name or (post.format == "pelican" and key.lower() == name):
                return key
    return None


def _term_line(post: Post, kind: TermKind) -> int:
    key = _term_key_name(post, kind)
    if key is None and isinstance(post.get("taxonomies"), dict):
        key = "taxonomies"
    return (post.key_line(key) if key else None) or 1


# --------------------------------------------------------------------------- renaming


@dataclass(frozen=True)
class FileEdit:
    """One file's bytes before and after an edit of its front matter."""

    path: Path
    before: bytes
    after: bytes

    def diff(self, name: str | None = None) -> str:
        """A unified diff of the edit (three lines of context)."""
        label = name or self.path.name
        old = self.before.decode("utf-8", "replace").splitlines(keepends=True)
        new = self.after.decode("utf-8", "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, f"a/{label}", f"b/{label}"))

    def changed_lines(self) -> list[int]:
        """The 1-based lines of the old file that the edit replaces."""
        old = self.before.decode("utf-8", "replace").splitlines()
        new = self.after.decode("utf-8", "replace").splitlines()
        lines: list[int] = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for op, a1, a2, _b1, _b2 in matcher.get_opcodes():
            if op != "equal":
                lines.extend(range(a1 + 1, max(a2, a1 + 1) + 1))
        return lines


@dataclass
class RenamePlan:
    """The edits that rename ``old`` to ``new`` in the ``kind`` of a site's posts, and the posts
    that could not be edited (with the reason)."""

    kind: TermKind
    old: str
    new: str
    edits: list[FileEdit] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


@dataclass
class BatchResult:
    """What a batch of edits did: the edits written, and the files left alone (with why)."""

    written: list[FileEdit] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def _renamed(value: Any, old: str, new: str) -> Any:
    """``value`` (a list, nested lists, or a comma-separated string) with ``old`` replaced by
    ``new``; a term that would then appear twice appears once."""
    if isinstance(value, list | tuple):
        out: list[Any] = []
        for item in value:
            replaced = _renamed(item, old, new) if isinstance(item, list | tuple) else item
            if isinstance(item, str) and item == old:
                replaced = new
            if isinstance(replaced, str) and replaced in out:
                continue
            out.append(replaced)
        return out
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",")]
        if old not in parts:
            return value
        terms = list(dict.fromkeys(new if part == old else part for part in parts if part))
        return ", ".join(terms)
    return value


def term_edit(post: Post, kind: TermKind, old: str, new: str) -> tuple[str, Any] | None:
    """The front matter key and its new value that rename ``old`` to ``new`` in the post's
    ``kind``; None when the post does not have ``old``."""
    key = _term_key_name(post, kind)
    if key is not None:
        value = post.get(key)
        renamed = _renamed(value, old, new)
        return None if renamed == value else (key, renamed)
    taxonomies = post.get("taxonomies")
    if kind != "authors" and isinstance(taxonomies, dict) and kind in taxonomies:
        value = taxonomies[kind]
        renamed = _renamed(value, old, new)
        return None if renamed == value else ("taxonomies", {**taxonomies, kind: renamed})
    return None


def rename_in_post(post: Post, kind: TermKind, old: str, new: str) -> Post:
    """``post`` with ``old`` renamed to ``new`` in its ``kind``: only that key's lines change.
    Raises :class:`PostError` when the front matter cannot be edited."""
    edit = term_edit(post, kind, old, new)
    return post if edit is None else post.with_value(*edit)


def plan_rename(paths: Iterable[Path], kind: TermKind, old: str, new: str) -> RenamePlan:
    """The edits renaming ``old`` to ``new`` in the posts at ``paths`` (posts without ``old``
    are left out). Nothing is written."""
    plan = RenamePlan(kind, old, new)
    new = new.strip()
    plan.new = new
    if not new or new == old:
        return plan
    for path in paths:
        try:
            post = load_post(path)
            if post.error is not None:
                raise post.error
            edited = rename_in_post(post, kind, old, new)
        except PostError as exc:
            plan.skipped.append((path, exc.message))
            continue
        if edited is not post and edited.text != post.text:
            plan.edits.append(FileEdit(path, post.to_bytes(), edited.to_bytes()))
    return plan


def _write_if(path: Path, expected: bytes, data: bytes, why: str, result: BatchResult) -> bool:
    try:
        current = path.read_bytes()
    except OSError as exc:
        result.skipped.append((path, f"cannot be read: {exc.strerror or exc}"))
        return False
    if current != expected:
        result.skipped.append((path, why))
        return False
    try:
        atomic_write(path, data)
    except OSError as exc:
        result.skipped.append((path, f"cannot be written: {exc.strerror or exc}"))
        return False
    return True


def apply_edits(edits: Iterable[FileEdit]) -> BatchResult:
    """Write each edit whose file still holds the bytes it was planned on."""
    result = BatchResult()
    for edit in edits:
        if _write_if(edit.path, edit.before, edit.after, "changed since the preview", result):
            result.written.append(edit)
    return result


def undo_edits(edits: Iterable[FileEdit]) -> BatchResult:
    """Put back the bytes of each written edit whose file has not changed since."""
    result = BatchResult()
    for edit in edits:
        if _write_if(edit.path, edit.after, edit.before, "changed since the rename", result):
            result.written.append(edit)
    return result
