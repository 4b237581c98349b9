"""Spell checking in the window: a feature of the document that gives the highlighter a speller
for the post's language and puts corrections, "Add to Dictionary" and "Ignore" in the editor's
context menu.

The words are checked by the highlighter, line by line as it colours them (see
:mod:`editor.gui.highlighter`); this feature only decides which dictionaries apply: the post's
``lang`` or ``language`` when one is installed for it, else the preferences' list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu

from editor.app.features import BaseFeature
from editor.core.post import Post
from editor.core.spelling import (
    Speller,
    SpellingUnavailableError,
    choose_languages,
    installed_languages,
    personal_words_path,
    post_language,
    read_word_list,
)
from editor.gui.editorpane import EditorPane
from editor.gui.highlighter import MarkdownHighlighter
from editor.resources import spelling_words


class SpellCheck(BaseFeature):
    """Underlines unknown words of the open post; see the module docstring."""

    def __init__(
        self,
        editor: EditorPane,
        highlighter: MarkdownHighlighter,
        message: Callable[[str], None],
    ) -> None:
        self.editor = editor
        self.highlighter = highlighter
        self.message = message
        self.enabled = False
        self.configured = ""
        #: what could not be had (a dictionary to install); "" when all is well
        self.problem = ""
        self.speller: Speller | None = None
        self._language: str | None = None
        self._spellers: dict[tuple[str, ...], Speller] = {}
        self._ignored: set[str] = set()
        self._told: set[str] = set()
        editor.menu_providers.append(self.fill_menu)

    # ------------------------------------------------------------------ feature

    def post_changed(self, post: Post) -> None:
        """The post's language may have changed: use its dictionary."""
        language = post_language(post)
        if language != self._language:
            self._language = language
            self._update()

    def configure(self, *, enabled: bool, languages: str) -> None:
        """Spell checking on or off, with the preferences' dictionaries."""
        if (enabled, languages) == (self.enabled, self.configured):
            return
        self.enabled, self.configured = enabled, languages
        self._update()

    @property
    def languages(self) -> tuple[str, ...]:
        """The dictionaries in use; () when spelling is off or none is installed."""
        return self.speller.languages if self.speller is not None else ()

    def _update(self) -> None:
        speller: Speller | None = None
        self.problem = ""
        if self.enabled:
            choice = choose_languages(self.configured, self._language, installed_languages())
            self.problem = choice.problem
            if choice.languages:
                speller = self._spellers.get(choice.languages)
                if speller is None:
                    try:
                        speller = Speller(
                            choice.languages,
                            personal_words_path(),
                            extra=read_word_list(spelling_words()),
                        )
                    except SpellingUnavailableError as exc:
                        self.problem = str(exc)
                    else:
                        self._spellers[choice.languages] = speller
                if speller is not None:
                    for word in self._ignored:
                        speller.ignore(word)
        if self.problem and self.problem not in self._told:
            self._told.add(self.problem)
            self.message(f"Spelling: {self.problem}")
        self.speller = speller
        self.highlighter.set_speller(speller, first_shown=self.editor.first_visible_line())

    # ------------------------------------------------------------------ the context menu

    def word_at(self, cursor: QTextCursor) -> tuple[int, int, str] | None:
        """The unknown word at ``cursor``: its start and end in the document, and the word."""
        block = cursor.block()
        found = self.highlighter.misspelled_at(block, cursor.positionInBlock())
        if found is None:
            return None
        start, end, word = found
        return block.position() + start, block.position() + end, word

    def fill_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Put corrections, "Add to Dictionary" and "Ignore" first in the editor's menu."""
        speller = self.speller
        found = self.word_at(cursor) if speller is not None else None
        if speller is None or found is None:
            return
        start, end, word = found
        actions: list[QAction] = []
        suggestions = speller.suggest(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            bold = QFont(action.font())
            bold.setBold(True)
            action.setFont(bold)
            action.triggered.connect(
                lambda _checked=False, s=suggestion: self.replace(start, end, word, s)
            )
            actions.append(action)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            actions.append(none)
        add = QAction(f"Add “{word}” to Dictionary", menu)
        add.triggered.connect(lambda: self.add_word(word))
        ignore = QAction("Ignore", menu)
        ignore.setToolTip(f"Accept “{word}” in this window until it closes")
        ignore.triggered.connect(lambda: self.ignore_word(word))
        actions.extend((add, ignore))
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, actions)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]

    def replace(self, start: int, end: int, word: str, suggestion: str) -> None:
        """Replace the word at ``start``-``end`` (if it is still ``word``) as one undo step."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word:
            return
        cursor.beginEditBlock()
        cursor.insertText(suggestion)
        cursor.endEditBlock()

    def add_word(self, word: str) -> None:
        """Keep ``word`` in the personal word list; its underlines go."""
        if self.speller is None:
            return
        self.speller.add(word)
        # the other dictionaries read the list again when next needed
        self._spellers = {self.speller.languages: self.speller}
        self.highlighter.respell([word], first_shown=self.editor.first_visible_line())
        self.message(f"“{word}” added to your dictionary ({personal_words_path()})")

    def ignore_word(self, word: str) -> None:
        """Accept ``word`` in this window (whatever post it shows) until it closes."""
        self._ignored.add(word)
        for speller in self._spellers.values():
            speller.ignore(word)
        self.highlighter.respell([word], first_shown=self.editor.first_visible_line())
