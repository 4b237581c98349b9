"""Which words of a post are checked, which dictionaries apply, and what the speller says."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import spelling
from editor.core.post import Post
from editor.core.spelling import (
    LanguageChoice,
    Speller,
    SpellingChecker,
    SpellingUnavailableError,
    choose_languages,
    front_matter_words,
    install_hint,
    installed_languages,
    normalize_language,
    parse_languages,
    post_words,
    prose_words,
    read_word_list,
    spelling_findings,
)

needs_en_us = pytest.mark.skipif(
    "en_US" not in installed_languages(), reason="the en_US dictionary is not installed"
)


def words(line: str) -> list[str]:
    return [word for _, _, word in prose_words(line)]


# --------------------------------------------------------------------------- what is prose


def test_plain_prose_words_are_checked_with_their_places() -> None:
    line = "Teh quick fox's tail, “quoted” and well-knwn."
    found = prose_words(line)
    assert [w for _, _, w in found] == [
        "Teh",
        "quick",
        "fox's",
        "tail",
        "quoted",
        "and",
        "well",
        "knwn",
    ]
    for start, end, word in found:
        assert line[start:end] == word


@pytest.mark.parametrize(
    ("line", "hidden"),
    [
        ("Use `teh_code wrod` here", ["teh_code", "wrod"]),
        ("A [link text](https://exmple.org/pth) here", ["exmple", "pth"]),
        ('A ![photo alt](images/sunst.png "Titel")', ["sunst", "Titel"]),
        ("See [the docs][refrence] now", ["refrence"]),
        ("Visit https://www.exmple.org/wrod?q=x today", ["exmple", "wrod"]),
        ("Visit www.exmple.org today", ["exmple"]),
        ("Mail me@exmaple.com now", ["exmaple"]),
        ('Some <span class="hghlight">words</span> here', ["span", "hghlight"]),
        ("An <https://autolnk.org> link", ["autolnk"]),
        ('A {{< figur src="a.png" >}} shortcode', ["figur"]),
        ("A {% raw %} liquid {{ page.titel }} tag", ["raw", "titel"]),
        ("A footnote[^nte] here", ["nte"]),
        ("Heading {: .clss #ident }", ["clss", "ident"]),
        ("An entity&nbsp;here and :smiel: emoji", ["nbsp", "smiel"]),
        ("<!-- a commnt --> after", ["commnt"]),
        ("Files like config.toml and /usr/bin/wrod", ["config", "toml", "usr", "wrod"]),
        ("Names: PySide, HTML, snake_case, H2O, 2nd", ["PySide", "HTML", "snake", "H2O", "nd"]),
    ],
)
def test_what_is_never_checked(line: str, hidden: list[str]) -> None:
    shown = words(line)
    assert not set(hidden) & set(shown), shown


def test_link_text_and_alt_text_are_prose() -> None:
    assert words("[lnk txt](a.md) and ![alt txt](b.png)") == ["lnk", "txt", "and", "alt", "txt"]


def test_a_link_definition_line_is_not_prose() -> None:
    assert words('[refrence]: https://exmple.org "Titel"') == []


def test_words_of_scripts_without_spaces_are_left_alone() -> None:
    assert words("日本語の文章 and Привет") == ["and", "Привет"]


def test_a_hostile_line_gives_no_giant_word() -> None:
    assert words("x" * 100_000) == []
    assert len(words("ab " * 50_000)) == 50_000


def test_front_matter_checks_only_prose_fields_and_never_keys() -> None:
    assert [w for _, _, w in front_matter_words("title: A tset titel")] == ["tset", "titel"]
    assert [w for _, _, w in front_matter_words('"description": "Sme thng"')] == ["Sme", "thng"]
    assert [w for _, _, w in front_matter_words("summary = 'Shrt'")] == ["Shrt"]
    assert front_matter_words("tags: [wrng, tgs]") == []
    assert front_matter_words("categries: none") == []
    start, end, _ = front_matter_words("title: Teh post")[0]
    assert "title: Teh post"[start:end] == "Teh"


def test_post_words_skip_code_blocks_and_front_matter_keys() -> None:
    text = (
        "---\ntitle: A titel\ntgas: [x]\n---\n\nProse wrod.\n\n```\nfenced wrod\n```\n\n"
        "    indented wrod\n\nLast lne.\n"
    )
    found = [(w.line, w.start, w.text) for w in post_words(Post.from_text(text))]
    assert found == [
        (1, 9, "titel"),
        (5, 0, "Prose"),
        (5, 6, "wrod"),
        (13, 0, "Last"),
        (13, 5, "lne"),
    ]


# --------------------------------------------------------------------------- dictionaries


def test_language_names_are_normalized() -> None:
    assert normalize_language("en-gb") == "en_GB"
    assert normalize_language("de_DE.UTF-8") == "de_DE"
    assert normalize_language("FR") == "fr"
    assert parse_languages("en_US, de-DE;en_US") == ["en_US", "de_DE"]


def test_install_hints_name_debian_packages() -> None:
    assert install_hint("en_GB") == "hunspell-en-gb"
    assert install_hint("en") == "hunspell-en-us"
    assert install_hint("de") == "hunspell-de-de"
    assert install_hint("fr_FR") == "hunspell-fr"
    assert install_hint("pt-BR") == "hunspell-pt-br"


def test_the_posts_language_picks_its_dictionary() -> None:
    installed = ["en_GB", "en_US", "de_DE"]
    assert choose_languages("en_US", "de", installed) == LanguageChoice(("de_DE",))
    assert choose_languages("en_US", "en-GB", installed) == LanguageChoice(("en_GB",))
    assert choose_languages("en_US,de_DE", None, installed) == LanguageChoice(("en_US", "de_DE"))


def test_a_posts_language_without_a_dictionary_says_what_to_install() -> None:
    choice = choose_languages("en_GB", "fr", ["en_GB", "en_US"])
    assert choice.languages == ("en_GB",)
    assert "install hunspell-fr" in choice.problem


def test_a_configured_dictionary_that_is_missing_falls_back_and_says_so() -> None:
    choice = choose_languages("de_DE", None, ["en_US"])
    assert choice.languages == ("en_US",)
    assert "install hunspell-de-de" in choice.problem


def test_no_dictionary_at_all_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    choice = choose_languages("", None, [])
    assert choice.languages == ()
    assert choice.problem == (
        "no spelling dictionary is installed: install libenchant-2-2 and hunspell-en-us "
        "(Debian, Ubuntu)"
    )
    monkeypatch.setattr(spelling, "installed_languages", list)
    with pytest.raises(SpellingUnavailableError, match=r"^no spelling dictionary is installed"):
        SpellingChecker("en_US")


def test_word_lists_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# mine\nPostwright\n\n  fjord  # a comment\n", encoding="utf-8")
    assert read_word_list(path) == ["Postwright", "fjord"]
    assert read_word_list(tmp_path / "missing.txt") == []


# --------------------------------------------------------------------------- the speller


@needs_en_us
def test_the_speller_knows_words_and_suggests(tmp_path: Path) -> None:
    speller = Speller(["en_US"], tmp_path / "words.txt")
    assert speller.check("harbour") is False
    assert speller.check("harbor") is True
    assert speller.check("don’t") is True
    assert "the" in speller.suggest("teh")


@needs_en_us
def test_several_dictionaries_at_once() -> None:
    if "en_GB" not in installed_languages():
        pytest.skip("the en_GB dictionary is not installed")
    speller = Speller(["en_US", "en_GB"])
    assert speller.check("harbour")
    assert speller.check("harbor")


@needs_en_us
def test_added_words_are_kept_in_the_personal_list(tmp_path: Path) -> None:
    personal = tmp_path / "config" / "words.txt"
    speller = Speller(["en_US"], personal)
    assert not speller.check("Gullwing")
    speller.add("Gullwing")
    assert speller.check("Gullwing")
    assert speller.check("Gullwing's")
    assert "Gullwing" in personal.read_text(encoding="utf-8").split()
    assert Speller(["en_US"], personal).check("Gullwing")  # a new run reads it back


@needs_en_us
def test_ignored_and_bundled_words_are_accepted() -> None:
    speller = Speller(["en_US"], extra=["Eleventy"])
    assert speller.check("Eleventy")
    assert not speller.check("Qwzx")
    speller.ignore("Qwzx")
    assert speller.check("Qwzx")


@needs_en_us
def test_findings_say_file_line_column_and_suggestions(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    post = Post.from_text("---\ntitle: Fine\n---\n\nThe sea was teh colour of `teh` slate.\n", path)
    findings = spelling_findings(post, Speller(["en_US"]))
    located = [finding.located() for finding in findings]
    assert located[0].startswith(f"{path}:5:13: unknown word 'teh' (the, ")
    assert located[1].startswith(f"{path}:5:17: unknown word 'colour' (")
    assert len(located) == 2
    assert {finding.rule for finding in findings} == {"spelling"}


@needs_en_us
def test_the_checker_uses_each_posts_language() -> None:
    if "en_GB" not in installed_languages():
        pytest.skip("the en_GB dictionary is not installed")
    checker = SpellingChecker("en_US")
    british = Post.from_text("---\nlang: en-GB\n---\n\nThe harbour.\n")
    american = Post.from_text("---\ntitle: T\n---\n\nThe harbour.\n")
    assert checker.findings(british) == []
    assert [f.message.split(" (")[0] for f in checker.findings(american)] == [
        "unknown word 'harbour'"
    ]
