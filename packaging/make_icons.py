"""Render resources/icons/jianfu.svg into the PNG sizes of the Linux menu and a Windows .ico.

Run after changing the SVG:  python packaging/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "jianfu.svg"))
    images = {size: render(renderer, size) for size in SIZES}
    images[256].save(ICONS / "jianfu-256.png")
    images[48].save(ICONS / "jianfu-48.png")
    images[256].save(ICONS / "jianfu.ico", sizes=[(s, s) for s in SIZES])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
