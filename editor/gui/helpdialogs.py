"""Help: a markdown quick reference, and every action of the window with its key in a list that
a search field filters. The list is made from the window's action table, so it cannot forget an
action or show a key the action does not have."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ActionLike(Protocol):
    """What the list needs of an entry of the window's action table."""

    @property
    def name(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def tip(self) -> str: ...


@dataclass(frozen=True)
class ShortcutRow:
    """One line of the list: what it does, its key, and where it is in the menus."""

    action: str
    keys: str
    menu: str
    tip: str = ""


#: keys of the editor itself, which are not menu actions
EDITOR_KEYS: tuple[ShortcutRow, ...] = (
    ShortcutRow("Continue a list or quote", "Enter", "Editor"),
    ShortcutRow("Line break without continuing", "Shift+Enter", "Editor"),
    ShortcutRow("Indent or outdent a list item", "Tab, Shift+Tab", "Editor"),
    ShortcutRow("Next or previous table cell", "Tab, Shift+Tab", "Editor (in a table)"),
    ShortcutRow("New table row", "Enter at a row's end", "Editor (in a table)"),
    ShortcutRow("Leave focus mode or full screen", "Esc", "Editor"),
    ShortcutRow("Zoom", "Ctrl+wheel", "Editor"),
)


def plain_text(text: str) -> str:
    """A menu entry's words without its mnemonic and dots: ``&Save As...`` -> ``Save As``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("...")


def shortcut_rows(
    specs: Iterable[ActionLike],
    actions: Mapping[str, QAction],
    menus: Sequence[tuple[str, Sequence[str]]],
) -> list[ShortcutRow]:
    """Every action of the table, with the key it really has and its menu; then the editor's
    own keys."""
    where: dict[str, str] = {}
    for title, names in menus:
        for name in names:
            where.setdefault(name, plain_text(title))
    rows = []
    for spec in specs:
        action = actions.get(spec.name)
        keys = ", ".join(
            key.toString(QKeySequence.SequenceFormat.NativeText)
            for key in (action.shortcuts() if action is not None else [])
        )
        rows.append(ShortcutRow(plain_text(spec.text), keys, where.get(spec.name, ""), spec.tip))
    return [*rows, *EDITOR_KEYS]


class ShortcutsDialog(QDialog):
    """Every action and its key; typing in the search field keeps the matching ones."""

    def __init__(self, rows: Sequence[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(620, 560)
        self.search = QLineEdit(placeholderText="Search actions and keys")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Action", "Shortcut", "Menu"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for row in rows:
            item = QTreeWidgetItem([row.action, row.keys, row.menu])
            if row.tip:
                item.setToolTip(0, row.tip)
            self.tree.addTopLevelItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.search.setFocus()

    def filter(self, text: str) -> None:
        """Show only the rows whose action, key, menu or description hold ``text``."""
        needle = text.strip().lower()
        for item in self._items():
            haystack = " ".join(
                [*(item.text(column) for column in range(3)), item.toolTip(0)]
            ).lower()
            item.setHidden(bool(needle) and needle not in haystack)

    def shown_rows(self) -> list[tuple[str, str]]:
        """The (action, key) pairs the list shows now."""
        return [(item.text(0), item.text(1)) for item in self._items() if not item.isHidden()]

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]


#: what to type and what it gives, for the quick reference
QUICK_REFERENCE: tuple[tuple[str, str], ...] = (
    ("# Heading\n## Smaller heading", "<b style='font-size:large'>Heading</b><br><b>Smaller</b>"),
    ("*italic*  **bold**  ~~struck~~", "<i>italic</i> <b>bold</b> <s>struck</s>"),
    ("`inline code`", "<code>inline code</code>"),
    ("[a link](https://example.org)", "<a href='#'>a link</a>"),
    ("![alt text](images/photo.jpg)", "an image (Format → Insert Image, or paste or drop one)"),
    ("- item\n- item\n    - nested", "• item<br>• item<br>&nbsp;&nbsp;&nbsp;◦ nested"),
    ("1. first\n2. second", "1. first<br>2. second"),
    ("- [ ] to do\n- [x] done", "☐ to do<br>☑ done"),
    ("> A quotation", "<blockquote><i>A quotation</i></blockquote>"),
    ("```python\nprint('hi')\n```", "a code block, highlighted as Python"),
    (
        "| Day | Wind |\n| --- | ---: |\n| Mon | 4 |",
        "a table (Tab moves between cells; Format → Format Table aligns it)",
    ),
    ("---", "a horizontal rule (in the body; at the top it opens the front matter)"),
    ("Text[^1]\n\n[^1]: A footnote.", "a footnote"),
    ("<!-- more -->", "the end of the excerpt (Format → Insert Excerpt Marker)"),
    (
        "---\ntitle: My post\ndate: 2024-12-12\ntags: [one, two]\n---",
        "front matter: the post's fields (the form edits them)",
    ),
)


def quick_reference_html(dark: bool) -> str:
    """The quick reference as one HTML table."""
    code_bg = "#2a2d34" if dark else "#f4f1ea"
    rows = "".join(
        f"<tr><td style='background:{code_bg}; padding:6px; font-family:monospace;"
        f" white-space:pre'>{html.escape(typed)}</td>"
        f"<td style='padding:6px'>{shown}</td></tr>"
        for typed, shown in QUICK_REFERENCE
    )
    return (
        "<h3>Markdown quick reference</h3>"
        "<table cellspacing='4' width='100%'>"
        "<tr><th align='left'>You type</th><th align='left'>You get</th></tr>"
        f"{rows}</table>"
    )


class QuickReferenceDialog(QDialog):
    """The markdown a post is written in, at a glance."""

    def __init__(self, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Markdown Quick Reference")
        self.resize(640, 680)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(quick_reference_html(dark))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.NonModal)
