"""Render the app icon's PNG sizes from ``resources/icons/postwright.svg``.

``python packaging/make_icons.py`` writes the freedesktop icon theme layout under
``resources/icons/hicolor/`` (``NxN/apps/org.postwright.Postwright.png`` for every size, and
the SVG itself as ``scalable/apps/org.postwright.Postwright.svg``). ``--check`` writes nothing
and exits 1 when a committed file differs from what the SVG gives (the tests run it; small
anti-aliasing differences between Qt versions are tolerated).

Runs without a display: it uses Qt's offscreen platform unless one is set.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP_ID = "org.postwright.Postwright"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "postwright.svg"


def targets(root: Path = ICONS) -> dict[int, Path]:
    """Where each PNG size goes."""
    return {size: root / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in SIZES}


def scalable(root: Path = ICONS) -> Path:
    """Where the SVG goes under its application id."""
    return root / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def alike(committed: bytes, rendered: bytes) -> bool:
    """Whether two images' pixel bytes match, allowing for another Qt's anti-aliasing.

    A changed drawing moves many pixels far; a new renderer moves some edge pixels a little.
    """
    if len(committed) != len(rendered):
        return False
    off = sum(1 for old, new in zip(committed, rendered, strict=True) if abs(old - new) > 32)
    return off <= len(rendered) // 200


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) every icon file; 0 when all are as they should be."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not a valid SVG", file=sys.stderr)
        return 1
    stale: list[Path] = []
    for size, target in targets().items():
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        if args.check:
            committed = QImage(str(target)).convertToFormat(image.format())
            if committed.size() != image.size() or not alike(
                bytes(committed.constBits()), bytes(image.constBits())
            ):
                stale.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), b"PNG"):
            print(f"{target}: cannot write", file=sys.stderr)
            return 1
        print(target.relative_to(ICONS.parent.parent))
    svg = scalable()
    if args.check:
        if not svg.exists() or svg.read_bytes() != SOURCE.read_bytes():
            stale.append(svg)
    else:
        svg.parent.mkdir(parents=True, exist_ok=True)
        svg.write_bytes(SOURCE.read_bytes())
        print(svg.relative_to(ICONS.parent.parent))
    del app
    for path in stale:
        print(f"{path}: out of date; run python packaging/make_icons.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
