"""Simple bar charts drawn with QPainter (QtCharts is in the optional Addons wheel)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CURRENT_COLOR = QColor("#2f5597")
_LABEL_FLAGS = int(
    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
)
PREVIOUS_COLOR = QColor("#a6a6a6")
#: in place of a bar whose period recorded nothing
NO_RECORD = "无记录"


@dataclass(frozen=True)
class Series:
    """One series of bars: its name (legend) and colour."""

    name: str
    color: QColor


def _lines(label: str, fm: QFontMetricsF, slot: float) -> str:
    """``label`` as drawn in a slot: a unit in brackets that does not fit goes whole on the
    next line (新申请准入 / (项次), not 新申请准入(项 / 次))."""
    head, bracket, unit = label.partition("(")
    if bracket and head and fm.horizontalAdvance(label) > slot - 4:
        return f"{head}\n({unit}"
    return label


class BarChartWidget(QWidget):
    """Grouped vertical bars with values on top, category labels below and a legend.

    ``values[s][c]`` is series ``s`` in category ``c``; ``None``: no bar, 无记录 in its place
    (首页's previous period before a ledger's first record). Horizontal mode draws one bar per
    category with the label on the left (for village rankings).
    """

    def __init__(self, title: str, *, horizontal: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.values: list[list[int | None]] = []
        self.empty_text = "暂无数据"
        #: Until the first figures arrive the chart says it is counting, not that there is
        #: nothing (首页 reads its figures in the background).
        self.waiting = True
        self.waiting_text = "正在统计…"
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        values: Sequence[Sequence[int | None]],
    ) -> None:
        """Replace what the chart shows and repaint."""
        self.categories = list(categories)
        self.series = list(series)
        self.values = [list(v) for v in values]
        self.waiting = False
        self.update()

    def stop_waiting(self) -> None:
        """No figures are coming (the count failed): show the empty chart's text."""
        self.waiting = False
        self.update()

    def sizeHint(self) -> QSize:
        """Override: room for the labels."""
        return QSize(420, 260)

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(v for row in self.values for v in row)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Override: draw title, legend, axes and bars."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        fm = QFontMetrics(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        title_font = self.font()
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(0, 4, w, line + 4), Qt.AlignmentFlag.AlignCenter, self.title)
        p.setFont(self.font())
        top = line + 12
        if len(self.series) > 1:
            x = 10.0
            for s in self.series:
                p.fillRect(QRectF(x, top + 3, 10, 10), s.color)
                p.drawText(QRectF(x + 14, top, w, line), Qt.AlignmentFlag.AlignLeft, s.name)
                x += 24 + fm.horizontalAdvance(s.name)
            top += line + 6
        if self.is_empty:
            p.setPen(QColor("gray"))
            text = self.waiting_text if self.waiting else self.empty_text
            p.drawText(QRectF(0, top, w, h - top), Qt.AlignmentFlag.AlignCenter, text)
            p.end()
            return
        peak = max((v for row in self.values for v in row if v is not None), default=0) or 1
        if self.horizontal:
            self._paint_horizontal(p, fm, top, peak)
        else:
            self._paint_vertical(p, fm, top, peak)
        p.end()

    def category_labels(self) -> tuple[QFont, float, float]:
        """The font of the categories under the bars, the width of each one's slot and the
        height their labels need: a label wider than its slot is drawn smaller (down to
        80 %) before it is wrapped, and the height is measured with the text itself, so a
        label's second line is not cut at the chart's foot (a CJK fallback font's lines are
        taller than the widget font's) nor broken inside a word (不予出具证/明)."""
        left, right = 12.0, self.width() - 8.0
        slot = (right - left) / max(1, len(self.categories))
        font = QFont(self.font())
        widest = max((QFontMetricsF(font).horizontalAdvance(c) for c in self.categories), default=0)
        if widest > slot - 4:
            scale = max(0.8, (slot - 4) / widest)
            if font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * scale)
            else:  # a font given in pixels
                font.setPixelSize(max(1, int(font.pixelSize() * scale)))
        fm = QFontMetricsF(font)
        height = max(
            (
                fm.boundingRect(
                    QRectF(0, 0, slot, 10_000), _LABEL_FLAGS, _lines(c, fm, slot)
                ).height()
                for c in self.categories
            ),
            default=fm.height(),
        )
        return font, slot, max(height, fm.height())

    def _paint_vertical(self, p: QPainter, fm: QFontMetrics, top: float, peak: int) -> None:
        w, h = self.width(), self.height()
        line = fm.height()
        label_font, slot, label_h = self.category_labels()
        bottom = h - label_h - 8
        left, right = 12.0, w - 8.0
        plot_h = bottom - top - line
        p.setPen(QPen(QColor("#999999")))
        p.drawLine(int(left), int(bottom), int(right), int(bottom))
        bar_w = max(4.0, slot * 0.7 / max(1, len(self.series)))
        for c, label in enumerate(self.categories):
            x0 = left + c * slot + (slot - bar_w * len(self.series)) / 2
            for s, series in enumerate(self.series):
                value = self.values[s][c]
                if value is None:  # nothing recorded then: no bar, said in its place
                    p.setPen(QColor("gray"))
                    p.drawText(
                        QRectF(x0 + s * bar_w - 10, bottom - line, bar_w + 19, line),
                        Qt.AlignmentFlag.AlignCenter,
                        NO_RECORD,
                    )
                    continue
                bh = plot_h * value / peak
                rect = QRectF(x0 + s * bar_w, bottom - bh, bar_w - 1, bh)
                p.fillRect(rect, series.color)
                p.setPen(self.palette().text().color())
                p.drawText(
                    QRectF(rect.x() - 10, rect.y() - line, rect.width() + 20, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(value),
                )
            p.setFont(label_font)
            text = _lines(label, QFontMetricsF(label_font), slot)
            p.drawText(QRectF(left + c * slot, bottom + 4, slot, label_h), _LABEL_FLAGS, text)
            p.setFont(self.font())

    def _paint_horizontal(self, p: QPainter, fm: QFontMetrics, top: float, peak: int) -> None:
        w, h = self.width(), self.height()
        label_w = min(w * 0.35, max(fm.horizontalAdvance(c) for c in self.categories) + 10)
        left, right = label_w + 6, w - fm.horizontalAdvance(str(peak)) - 14
        n = len(self.categories)
        slot = (h - top - 6) / n
        bar_h = max(4.0, min(slot * 0.7, 22.0))
        color = self.series[0].color if self.series else CURRENT_COLOR
        for c, label in enumerate(self.categories):
            y = top + c * slot + (slot - bar_h) / 2
            value = self.values[0][c] or 0
            bw = (right - left) * value / peak
            p.setPen(self.palette().text().color())
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w))
            p.drawText(
                QRectF(0, y, label_w, bar_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                elided,
            )
            p.fillRect(QRectF(left, y, bw, bar_h), color)
            p.drawText(
                QRectF(left + bw + 4, y, w, bar_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
