"""Spell checking without Qt: which words of a markdown post are prose, and a speller over the
installed hunspell dictionaries (through Enchant) plus the writer's personal word list.

Only prose is checked. Never code (fenced, indented or inline), front matter keys (only the
values of prose fields such as ``title`` and ``description``), URLs, e-mail addresses, link
targets, HTML tags, comments and entities, shortcodes (``{{< >}}``, ``{% %}``), attribute
lists, footnote references, emoji codes, nor words that look like names of things rather than
words: with digits, underscores, slashes or inner dots (``config.toml``), in capitals
(``HTML``) or with capitals inside (``PySide``).

The same rules serve the editor's underlines (one line at a time, as the highlighter colours
it) and ``postwright check --spelling`` (the whole post).
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.findings import Finding
from editor.core.mdscan import code_line_mask, code_span_ranges
from editor.core.settings import config_dir

if TYPE_CHECKING:
    from editor.core.post import Post

#: front matter fields whose values are prose (keys are matched case-insensitively)
PROSE_KEYS = frozenset(
    {"title", "subtitle", "description", "summary", "excerpt", "abstract", "caption"}
)
#: the dictionary used when neither the settings nor the system's locale name one
FALLBACK_LANGUAGE = "en_US"
#: suggestions offered for an unknown word
SUGGESTIONS = 5
#: longer runs of letters are not words (a pasted hash, a hostile line)
_LONGEST_WORD = 60

Span = tuple[int, int, str]  # start, end (str indices on the line), the word

# regions of a prose line that are never checked, in one pass
# every repetition that may fail to close is bounded, so no line costs more than linear time
_SKIP = re.compile(
    r"<!--.*?(?:-->|$)"  # an HTML comment (the excerpt marker too)
    r"|\]\((?:[^()\s]|\([^()]{0,500}\)){0,2000}"  # a link's target...
    r"(?:\s+(?:\"[^\"]{0,500}\"|'[^']{0,500}'))?\s{0,50}\)"  # ...with its title
    r"|\]\[[^\]]{0,500}\]"  # a reference link's label
    r"|\[\^[^\]]{0,500}\]"  # a footnote reference
    r"|<(?:https?|ftp|mailto):[^<>\s]{0,2000}>"  # an autolink
    r"|</?[A-Za-z][\w:-]{0,100}(?:\s[^<>]{0,2000})?/?>"  # an HTML tag with its attributes
    r"|\{\{[^{}]{0,2000}\}\}|\{%[^{}]{0,2000}?%\}|\{#[^{}]{0,2000}?#\}"  # shortcodes
    r"|\{:?[ \t]{0,20}[#.:][^}]{0,500}\}"  # an attribute list {: .class #id}
    r"|\b(?:https?|ftp|file)://\S+|\bwww\.\S+"  # a bare URL
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}"  # an e-mail address
    r"|&#?\w{1,32};"  # an HTML entity
    r"|(?<!\w):[a-z0-9_+-]{1,50}:(?!\w)",  # an emoji code
    re.IGNORECASE,
)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
# a run of letters (with inner apostrophes) that is not part of a name of a thing: nothing
# like a digit, an underscore, a slash or an inner dot touches it (snake_case, config.toml,
# /usr/bin, H2O, 2nd)
_WORD = re.compile(
    r"(?<![\w\\/@#$%^&+=~`<>{}])(?<!\w\.)"
    r"[^\W\d_]{2,}(?:['’][^\W\d_]+)*"
    r"(?![\w\\/@#$%^&+=~`<>{}]|\.\w)"
)
_FRONT_FIELD = re.compile(r"^[ \t]*[\"']?([\w.-]+)[\"']?[ \t]*[:=][ \t]*")
# scripts written without spaces between words: a dictionary cannot split them
_UNSPACED = re.compile(
    r"[\u0e00-\u0e7f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]"
)


# ---------------------------------------------------------------------------- words


def prose_words(line: str) -> list[Span]:
    """The checkable words of one line of prose, with their positions on the line."""
    if not line or _LINK_DEFINITION.match(line):
        return []
    masked = line
    skipped = [(m.start(), m.end()) for m in _SKIP.finditer(line)] if _has_markup(line) else []
    if "`" in line:
        skipped.extend(code_span_ranges(line))
    if skipped:
        chars = list(line)
        for start, end in skipped:
            chars[start:end] = " " * (end - start)
        masked = "".join(chars)
    words: list[Span] = []
    for match in _WORD.finditer(masked):
        word = match.group()
        if _is_word(word):
            words.append((match.start(), match.end(), word))
    return words


def _has_markup(line: str) -> bool:
    return any(char in line for char in "<]{[&:@") or "://" in line or "www." in line


def _is_word(word: str) -> bool:
    # lower case or capitalised; not an acronym (HTML) nor a name of a thing (PySide, iPhone)
    if len(word) > _LONGEST_WORD or not (word.islower() or word[1:].islower()):
        return False
    return word.isascii() or not _UNSPACED.search(word)


def front_matter_words(line: str) -> list[Span]:
    """The checkable words of one front matter line: only a prose field's value, never a key."""
    field = _FRONT_FIELD.match(line)
    if field is None or field.group(1).lower() not in PROSE_KEYS:
        return []
    offset = field.end()
    return [(offset + s, offset + e, w) for s, e, w in prose_words(line[offset:])]


@dataclass(frozen=True)
class Word:
    """A checkable word of a post: 0-based line, and columns on that line."""

    line: int
    start: int
    end: int
    text: str


def post_words(post: Post) -> Iterator[Word]:
    """Every checkable word of ``post``, in order."""
    lines = post.text.splitlines()
    first_body = post.body_line - 1
    for index in range(min(first_body, len(lines))):
        for start, end, word in front_matter_words(lines[index]):
            yield Word(index, start, end, word)
    body = lines[first_body:]
    for offset, (line, code) in enumerate(zip(body, code_line_mask(body), strict=True)):
        if code:
            continue
        for start, end, word in prose_words(line):
            yield Word(first_body + offset, start, end, word)


# ---------------------------------------------------------------------------- dictionaries


class SpellingUnavailableError(Exception):
    """No dictionary can be used; the message says what to install."""


#: languages whose Debian dictionary packages are named by region (the rest by language)
_REGIONAL = {"en": "us", "de": "de", "pt": "pt", "sv": "se"}


def install_hint(language: str = FALLBACK_LANGUAGE) -> str:
    """The Debian package holding the hunspell dictionary for ``language``: ``en_GB`` ->
    ``hunspell-en-gb``, ``de`` -> ``hunspell-de-de``, ``fr_FR`` -> ``hunspell-fr``."""
    name, _, region = normalize_language(language).partition("_")
    if name in _REGIONAL:
        return f"hunspell-{name}-{(region or _REGIONAL[name]).lower()}"
    return f"hunspell-{name}"


def normalize_language(tag: str) -> str:
    """``en-gb`` -> ``en_GB``, ``de`` -> ``de``: how Enchant names dictionaries."""
    tag = tag.strip().replace("-", "_").split(".")[0].split("@")[0]
    language, _, region = tag.partition("_")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def _enchant() -> Any:
    try:
        import enchant  # loaded only where spelling is asked for
    except Exception as exc:  # a missing C library fails in several ways
        # (ImportError, OSError, and an AssertionError for a PYENCHANT_LIBRARY_PATH that
        # names nothing): each means the same to the writer
        raise SpellingUnavailableError(
            "spell checking needs the Enchant library and a dictionary: install "
            f"libenchant-2-2 and {install_hint()} (Debian, Ubuntu)"
        ) from exc
    return enchant


def installed_languages() -> list[str]:
    """The dictionaries Enchant can load, e.g. ``["en_GB", "en_US"]``; [] without Enchant."""
    try:
        enchant = _enchant()
    except SpellingUnavailableError:
        return []
    return sorted(set(enchant.list_languages()))


def system_language() -> str:
    """The language of the user's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), or ""."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalize_language(value)
    found = locale.getlocale()[0]
    return normalize_language(found) if found and found not in ("C", "POSIX") else ""


def parse_languages(text: str) -> list[str]:
    """``"en_US, de-DE"`` -> ``["en_US", "de_DE"]`` (duplicates dropped)."""
    found = [normalize_language(part) for part in re.split(r"[,;\s]+", text) if part.strip()]
    return list(dict.fromkeys(found))


def _match(wanted: str, installed: Sequence[str]) -> str | None:
    """The installed dictionary for ``wanted``: itself, else one of its language."""
    if wanted in installed:
        return wanted
    language = wanted.split("_", maxsplit=1)[0]
    same = [tag for tag in installed if tag.split("_")[0] == language]
    if not same:
        return None
    preferred = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "pt": "pt_PT"}
    return preferred.get(language) if preferred.get(language) in same else same[0]


@dataclass(frozen=True)
class LanguageChoice:
    """The dictionaries to use, and what could not be had ("" when all is well)."""

    languages: tuple[str, ...]
    problem: str = ""


def choose_languages(
    configured: str, post_language: str | None, installed: Sequence[str]
) -> LanguageChoice:
    """The dictionaries for a post: its ``lang``/``language`` when one is installed for it, else
    the configured ones (``"en_US,de_DE"``; empty: the locale's language, else en_US)."""
    if not installed:
        return LanguageChoice(
            (),
            f"no spelling dictionary is installed: install libenchant-2-2 and {install_hint()} "
            "(Debian, Ubuntu)",
        )
    problem = ""
    if post_language and str(post_language).strip():
        wanted = normalize_language(str(post_language))
        found = _match(wanted, installed)
        if found:
            return LanguageChoice((found,))
        problem = (
            f"no dictionary for the post's language '{post_language}': install "
            f"{install_hint(wanted)}"
        )
    asked = parse_languages(configured) or [system_language() or FALLBACK_LANGUAGE]
    chosen = [found for tag in asked if (found := _match(tag, installed))]
    missing = [tag for tag in asked if _match(tag, installed) is None]
    if missing and not problem:
        problem = (
            "no dictionary for "
            + ", ".join(missing)
            + ": install "
            + ", ".join(install_hint(tag) for tag in missing)
        )
    if not chosen:
        chosen = [_match(FALLBACK_LANGUAGE, installed) or installed[0]]
    return LanguageChoice(tuple(dict.fromkeys(chosen)), problem)


def personal_words_path() -> Path:
    """The writer's own word list: one word a line, in the configuration folder."""
    return config_dir() / "words.txt"


def read_word_list(path: Path) -> list[str]:
    """The words of a word list file (one a line; ``#`` starts a comment); [] when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [word for word in words if word]


class Speller:
    """Checks words against one or more dictionaries and the personal word list.

    A word is right when any dictionary or the personal list knows it. Answers are cached, so a
    word seen once costs a dictionary lookup once.
    """

    def __init__(
        self,
        languages: Sequence[str],
        personal: Path | None = None,
        *,
        extra: Iterable[str] = (),
    ) -> None:
        enchant = _enchant()
        self._extra = frozenset(extra)
        self.languages = tuple(languages)
        try:
            self._dictionaries = [enchant.Dict(tag) for tag in self.languages]
        except enchant.Error as exc:
            raise SpellingUnavailableError(
                f"the dictionary {exc} cannot be loaded: install "
                f"{install_hint(self.languages[0] if self.languages else FALLBACK_LANGUAGE)}"
            ) from exc
        self.personal_path = personal
        self._personal: Any = None
        if personal is not None:
            try:
                personal.parent.mkdir(parents=True, exist_ok=True)
                personal.touch(exist_ok=True)
                self._personal = enchant.request_pwl_dict(str(personal))
            except (OSError, enchant.Error):
                self._personal = None
        self._ignored: set[str] = set()
        self._known: dict[str, bool] = {}

    def check(self, word: str) -> bool:
        """Whether ``word`` is spelled right (or ignored, or in the personal list)."""
        known = self._known.get(word)
        if known is None:
            known = self._lookup(word)
            if len(self._known) > 200_000:
                self._known.clear()
            self._known[word] = known
        return known

    def _lookup(self, word: str) -> bool:
        if word in self._ignored or word in self._extra:
            return True
        candidates = [word]
        candidates.extend(
            word[: -len(suffix)]
            for suffix in ("'s", "’s")
            if word.endswith(suffix) and len(word) > len(suffix) + 1
        )
        if "’" in word:
            candidates.append(word.replace("’", "'"))
        if any(candidate in self._extra for candidate in candidates):
            return True
        sources = [*self._dictionaries, *([self._personal] if self._personal else [])]
        return any(source.check(candidate) for candidate in candidates for source in sources)

    def suggest(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Likely corrections, best first, from every dictionary."""
        found: dict[str, None] = {}
        for dictionary in self._dictionaries:
            for suggestion in dictionary.suggest(word)[:limit]:
                found.setdefault(suggestion, None)
        return list(found)[:limit]

    def add(self, word: str) -> None:
        """Put ``word`` in the personal word list (kept in its file)."""
        if self._personal is not None:
            self._personal.add(word)
        else:
            self._ignored.add(word)
        self._known[word] = True

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the speller is closed."""
        self._ignored.add(word)
        self._known[word] = True

    @property
    def ignored(self) -> frozenset[str]:
        """The words ignored so far."""
        return frozenset(self._ignored)

    def unknown(self, words: Iterable[Word]) -> Iterator[Word]:
        """The words that are not spelled right."""
        return (word for word in words if not self.check(word.text))


def spelling_findings(post: Post, speller: Speller) -> list[Finding]:
    """``unknown word 'teh' (the, ten)`` for every unknown word of ``post``, with its place."""
    findings: list[Finding] = []
    for word in speller.unknown(post_words(post)):
        suggestions = speller.suggest(word.text)
        also = f" ({', '.join(suggestions)})" if suggestions else ""
        findings.append(
            Finding(
                post.path,
                word.line + 1,
                word.start + 1,
                "error",
                f"unknown word '{word.text}'{also}",
                "spelling",
            )
        )
    return findings


def post_language(post: Post) -> str | None:
    """The post's ``lang`` or ``language`` front matter value, if it has one."""
    for key in ("lang", "language"):
        value = post.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


class SpellingChecker:
    """Spelling findings for posts, each checked in its own language (``lang``/``language``)
    or else in the configured dictionaries; the dictionaries are opened once."""

    def __init__(
        self,
        configured: str = "",
        *,
        personal: Path | None = None,
        extra: Iterable[str] = (),
    ) -> None:
        self.configured = configured
        self.personal = personal
        self.extra = tuple(extra)
        self.installed = installed_languages()
        if not self.installed:
            raise SpellingUnavailableError(choose_languages(configured, None, []).problem)
        self._spellers: dict[tuple[str, ...], Speller] = {}
        #: what could not be had, each said once (a dictionary to install)
        self.problems: list[str] = []

    def findings(self, post: Post) -> list[Finding]:
        """The unknown words of ``post``."""
        choice = choose_languages(self.configured, post_language(post), self.installed)
        if choice.problem and choice.problem not in self.problems:
            self.problems.append(choice.problem)
        speller = self._spellers.get(choice.languages)
        if speller is None:
            speller = Speller(choice.languages, self.personal, extra=self.extra)
            self._spellers[choice.languages] = speller
        return spelling_findings(post, speller)
