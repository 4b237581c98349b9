"""The toolbar's and menus' icons: Material Design Icons drawn by qtawesome, in the theme's
ink. They are rendered once into ``resources/icons/actions/`` (packaging/make_action_icons.py),
so the window loads small PNGs at start rather than the icon font; an icon missing there is
drawn by qtawesome, else taken from the desktop's icon theme, else left out (the action's text
shows)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon

from editor.resources import resource_path

#: action name -> (qtawesome name, freedesktop icon name for the fallback)
ICONS: dict[str, tuple[str, str]] = {
    "new": ("mdi6.file-plus-outline", "document-new"),
    "open": ("mdi6.folder-open-outline", "document-open"),
    "save": ("mdi6.content-save-outline", "document-save"),
    "save_as": ("mdi6.content-save-edit-outline", "document-save-as"),
    "export": ("mdi6.export", "document-send"),
    "undo": ("mdi6.undo", "edit-undo"),
    "redo": ("mdi6.redo", "edit-redo"),
    "cut": ("mdi6.content-cut", "edit-cut"),
    "copy": ("mdi6.content-copy", "edit-copy"),
    "paste": ("mdi6.content-paste", "edit-paste"),
    "find": ("mdi6.magnify", "edit-find"),
    "replace": ("mdi6.find-replace", "edit-find-replace"),
    "bold": ("mdi6.format-bold", "format-text-bold"),
    "italic": ("mdi6.format-italic", "format-text-italic"),
    "link": ("mdi6.link-variant", "insert-link"),
    "image": ("mdi6.image-plus-outline", "insert-image"),
    "table_format": ("mdi6.table-edit", "format-justify-fill"),
    "marker": ("mdi6.format-page-break", "insert-horizontal-rule"),
    "card": ("mdi6.card-text-outline", "view-preview"),
    "check": ("mdi6.alert-circle-outline", "dialog-warning"),
    "spelling": ("mdi6.spellcheck", "tools-check-spelling"),
    "focus": ("mdi6.image-filter-center-focus", "view-restore"),
    "full_screen": ("mdi6.fullscreen", "view-fullscreen"),
    "show_preview": ("mdi6.eye-outline", "view-preview"),
    "show_outline": ("mdi6.format-list-bulleted", "view-list-tree"),
    "show_form": ("mdi6.page-layout-sidebar-right", "document-properties"),
    "settings": ("mdi6.cog-outline", "preferences-system"),
    "shortcuts": ("mdi6.keyboard-outline", "preferences-desktop-keyboard"),
    "markdown_help": ("mdi6.language-markdown-outline", "help-contents"),
}

_INK = {False: "#3c4043", True: "#d7dae0"}
_ACTIVE = {False: "#1f4e99", True: "#7fb4ff"}


def icon(name: str, *, dark: bool = False) -> QIcon:
    """The icon of action ``name`` (an empty icon when there is none)."""
    if name not in ICONS:
        return QIcon()
    rendered = resource_path("icons", "actions", "dark" if dark else "light", f"{name}.png")
    if rendered.is_file():
        return QIcon(str(rendered))
    return font_icon(name, dark=dark)


def font_icon(name: str, *, dark: bool = False) -> QIcon:
    """The icon of action ``name`` drawn by qtawesome now (the desktop theme's without it)."""
    awesome, theme = ICONS[name]
    try:
        import qtawesome  # loads its fonts on first use

        return qtawesome.icon(awesome, color=_INK[dark], color_active=_ACTIVE[dark])
    except Exception:  # noqa: BLE001 - a missing or broken icon font must not stop the window
        return QIcon.fromTheme(theme)


def apply_icons(actions: dict[str, QAction], *, dark: bool = False) -> None:
    """Give every action its icon, drawn for the light or dark theme."""
    for name, action in actions.items():
        found = icon(name, dark=dark)
        if not found.isNull():
            action.setIcon(found)
