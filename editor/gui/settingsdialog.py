"""Preferences: fonts, theme, spelling and preview options. The site a post is written for is
not a preference: each post has its own (the status bar's site button).
"""

from __future__ import annotations

from pygments.styles import get_all_styles
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.settings import THEMES, Settings
from editor.core.spelling import FALLBACK_LANGUAGE, install_hint, installed_languages


class SettingsDialog(QDialog):
    """Edits a copy of the settings; :meth:`apply_to` writes them back on OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.font_combo = QFontComboBox()
        self.font_combo.setCurrentFont(QFont(settings.editor_font_family))
        self.font_size = QSpinBox(minimum=6, maximum=48, value=settings.editor_font_size)
        self.wrap = QCheckBox("Wrap long lines")
        self.wrap.setChecked(settings.wrap_lines)
        self.typewriter = QCheckBox("Typewriter scrolling (the line you write stays centred)")
        self.typewriter.setChecked(settings.typewriter_scrolling)
        self.spell_check = QCheckBox("Underline unknown words as you type")
        self.spell_check.setChecked(settings.spell_check)
        installed = installed_languages()
        self.languages = QLineEdit(settings.spelling_languages)
        self.languages.setPlaceholderText("the system's language, e.g. en_US or en_GB,de_DE")
        self.languages.setToolTip(
            "Dictionaries to check with, separated by commas. A post's lang or language field "
            "picks its own."
        )
        self.installed = QLabel(
            "Installed: " + ", ".join(installed)
            if installed
            else f"No dictionary is installed: install libenchant-2-2 and "
            f"{install_hint(FALLBACK_LANGUAGE)} (or hunspell-<language>)"
        )
        self.installed.setWordWrap(True)
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(
                {"system": "Follow the system"}.get(theme, theme.capitalize()), theme
            )
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.preview_size = QSpinBox(minimum=10, maximum=32, value=settings.preview_font_size)
        self.remote_images = QCheckBox("Load remote images (contacts other servers)")
        self.remote_images.setChecked(settings.allow_remote_images)
        styles = sorted(get_all_styles())
        self.code_light = QComboBox()
        self.code_light.addItems(styles)
        self.code_light.setCurrentText(settings.code_style_light)
        self.code_dark = QComboBox()
        self.code_dark.addItems(styles)
        self.code_dark.setCurrentText(settings.code_style_dark)
        editor_box = QGroupBox("Editor")
        editor_form = QFormLayout(editor_box)
        editor_form.addRow("Font:", self.font_combo)
        editor_form.addRow("Size:", self.font_size)
        editor_form.addRow("", self.wrap)
        editor_form.addRow("", self.typewriter)
        spelling_box = QGroupBox("Spelling")
        spelling_form = QFormLayout(spelling_box)
        spelling_form.addRow("", self.spell_check)
        spelling_form.addRow("Dictionaries:", self.languages)
        spelling_form.addRow("", self.installed)
        look_box = QGroupBox("Appearance and preview")
        look_form = QFormLayout(look_box)
        look_form.addRow("Theme:", self.theme)
        look_form.addRow("Preview text size:", self.preview_size)
        look_form.addRow("Code colours (light):", self.code_light)
        look_form.addRow("Code colours (dark):", self.code_dark)
        look_form.addRow("", self.remote_images)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (editor_box, spelling_box, look_box):
            layout.addWidget(box)
        layout.addWidget(buttons)

    def apply_to(self, settings: Settings) -> None:
        """Copy the dialog's values into ``settings``."""
        settings.editor_font_family = self.font_combo.currentFont().family()
        settings.editor_font_size = self.font_size.value()
        settings.wrap_lines = self.wrap.isChecked()
        settings.typewriter_scrolling = self.typewriter.isChecked()
        settings.spell_check = self.spell_check.isChecked()
        settings.spelling_languages = self.languages.text().strip()
        theme = self.theme.currentData()
        settings.theme = theme if theme in THEMES else "system"
        settings.preview_font_size = self.preview_size.value()
        settings.allow_remote_images = self.remote_images.isChecked()
        settings.code_style_light = self.code_light.currentText()
        settings.code_style_dark = self.code_dark.currentText()
