"""Light and dark: follow the system, or the user's choice in the settings.

Fusion draws the outline of check boxes and radio buttons a little darker than the window,
which on a dark window is close to invisible; the dark theme's style draws it light instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from editor.core.settings import Theme

#: the outline of a check box or radio button on a dark window
DARK_INDICATOR_OUTLINE = "#9aa0aa"


class VisibleIndicators(QProxyStyle):
    """Fusion, with check box and radio button outlines that show on a dark window."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(  # noqa: N802 - Qt override
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Fusion's indicator, then a light outline over its own when the window is dark."""
        super().drawPrimitive(element, option, painter, widget)
        kinds = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        palette = option.palette
        if element not in kinds or palette.color(QPalette.ColorRole.Window).lightness() >= 128:
            return
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(DARK_INDICATOR_OUTLINE), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


def system_is_dark() -> bool:
    """Whether the desktop's palette is dark."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        hints = app.styleHints()
        scheme = hints.colorScheme()
        if scheme.name == "Dark":
            return True
        if scheme.name == "Light":
            return False
        return app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return False


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#23262b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1b1d21",
        QPalette.ColorRole.AlternateBase: "#2a2d33",
        QPalette.ColorRole.ToolTipBase: "#2a2d33",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2c2f35",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb2ff",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6c7079"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6c7079"))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def apply_theme(theme: Theme) -> bool:
    """Apply ``theme`` to the application; returns whether the result is dark."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    if theme == "system":
        app.setPalette(QPalette())  # back to the desktop's own palette
        return system_is_dark()
    if theme == "dark":
        if not isinstance(app.style(), VisibleIndicators):
            app.setStyle(VisibleIndicators())
        app.setPalette(dark_palette())
        return True
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    return False
