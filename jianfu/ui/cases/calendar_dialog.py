"""工作日设置: the year as a calendar with each day's source, local ranges, the notice import.

Three tabs:

- 日历: twelve months; each day coloured by what it is (working day, day off, make-up working
  day) and marked by where that comes from (imported notice, built-in calendar, estimate,
  local setting). Hovering or clicking a day says both.
- 本地设置: the township's own days off or working days, entered as date ranges.
- 导入通知: paste the State Council's notice or open it (or a table); the days read are listed
  side by side with a month calendar, and saved as the year's schedule only on confirmation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPen,
    QShortcut,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.errors import JianfuError
from jianfu.domain.holiday_notice import HolidaySchedule
from jianfu.domain.workdays import DayInfo, DaySource
from jianfu.interchange.holiday_files import SUFFIXES
from jianfu.services.calendar import CalendarService
from jianfu.services.cases import CasesService
from jianfu.ui.cases.dialogs import date_edit, date_value
from jianfu.ui.widgets.form import ask_before
from jianfu.ui.widgets.printing import open_file_name
from jianfu.ui.widgets.shortcuts import RECORD, native

_WEEK = "一二三四五六日"
_OFF_BG = QColor("#fbdcdc")
_OFF_FG = QColor("#a3001b")
_WORK_BG = QColor("#d9e6fb")
_WORK_FG = QColor("#153f85")
_WEEKEND_BG = QColor("#eeeeee")
_WEEKEND_FG = QColor("#777777")
_ESTIMATE = QColor("#e08a00")
_LOCAL = QColor("#1e7b34")

SOURCE_TEXT = {
    DaySource.IMPORTED: "已导入的国务院办公厅通知",
    DaySource.PACKAGE: "内置日历（国务院历年公布的安排）",
    DaySource.ESTIMATED: "估计：尚未收录，按周一至周五并扣除法定节假日推算（调休待国务院通知）",
    DaySource.LOCAL: "本地设置（优先于正式安排）",
}


def day_text(info: DayInfo) -> str:
    """“2027年2月8日 星期一：休息（春节）”, with where that comes from."""
    d = info.day
    kind = "上班" if info.is_workday else "休息"
    note = f"（{info.note}）" if info.note else ""
    return (
        f"{d.year}年{d.month}月{d.day}日 星期{_WEEK[d.weekday()]}：{kind}{note}\n"
        f"来源：{SOURCE_TEXT[info.source]}"
    )


class YearCalendar(QWidget):
    """Twelve month grids of one year; hover for a day's status and source, click to pick it."""

    dayClicked = Signal(object)  # noqa: N815 - Qt signal naming

    COLS, ROWS = 4, 3
    CELL_W, CELL_H = 28, 22
    TITLE_H, HEAD_H, GAP = 20, 17, 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = dt.date.today().year
        self.days: dict[dt.date, DayInfo] = {}
        self.selected: dt.date | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(self.sizeHint())

    def month_size(self) -> QSize:
        """The size of one month's grid."""
        return QSize(self.CELL_W * 7, self.TITLE_H + self.HEAD_H + self.CELL_H * 6)

    def sizeHint(self) -> QSize:
        m = self.month_size()
        return QSize(
            self.COLS * m.width() + (self.COLS - 1) * self.GAP + 2,
            self.ROWS * m.height() + (self.ROWS - 1) * self.GAP + 2,
        )

    def set_year(self, year: int, days: dict[dt.date, DayInfo]) -> None:
        """Show ``year`` with ``days`` (every day of it)."""
        self.year, self.days = year, days
        if self.selected is not None and self.selected.year != year:
            self.selected = None
        self.update()

    def _month_origin(self, month: int) -> QPoint:
        m = self.month_size()
        col, row = (month - 1) % self.COLS, (month - 1) // self.COLS
        return QPoint(col * (m.width() + self.GAP) + 1, row * (m.height() + self.GAP) + 1)

    def cell_rect(self, day: dt.date) -> QRect:
        """Where ``day`` is drawn."""
        o = self._month_origin(day.month)
        first = day.replace(day=1)
        index = first.weekday() + day.day - 1
        x = o.x() + (index % 7) * self.CELL_W
        y = o.y() + self.TITLE_H + self.HEAD_H + (index // 7) * self.CELL_H
        return QRect(x, y, self.CELL_W, self.CELL_H)

    def day_at(self, pos: QPoint) -> dt.date | None:
        """The day under ``pos``, or ``None``."""
        for month in range(1, 13):
            o = self._month_origin(month)
            m = self.month_size()
            if not QRect(o, m).contains(pos):
                continue
            y = pos.y() - o.y() - self.TITLE_H - self.HEAD_H
            if y < 0:
                return None
            index = (y // self.CELL_H) * 7 + (pos.x() - o.x()) // self.CELL_W
            first = dt.date(self.year, month, 1)
            number = index - first.weekday() + 1
            try:
                return dt.date(self.year, month, number) if number >= 1 else None
            except ValueError:
                return None
        return None

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        base = self.font()
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1.5, 7.0))
        today = dt.date.today()
        for month in range(1, 13):
            o = self._month_origin(month)
            p.setFont(bold)
            p.setPen(QColor("#222222"))
            p.drawText(
                QRect(o.x(), o.y(), self.CELL_W * 7, self.TITLE_H),
                Qt.AlignmentFlag.AlignCenter,
                f"{month}月",
            )
            p.setFont(small)
            for i, w in enumerate(_WEEK):
                p.setPen(_WEEKEND_FG if i >= 5 else QColor("#444444"))
                p.drawText(
                    QRect(o.x() + i * self.CELL_W, o.y() + self.TITLE_H, self.CELL_W, self.HEAD_H),
                    Qt.AlignmentFlag.AlignCenter,
                    w,
                )
            p.setFont(base)
            day = dt.date(self.year, month, 1)
            while day.month == month:
                self._paint_day(p, day, bold if day == today else base)
                day += dt.timedelta(days=1)
        p.end()

    def _paint_day(self, p: QPainter, day: dt.date, font: QFont) -> None:
        r = self.cell_rect(day).adjusted(1, 1, -1, -1)
        info = self.days.get(day)
        weekend = day.weekday() >= 5
        worked = info.is_workday if info else not weekend
        if not worked and not weekend:
            bg, fg = _OFF_BG, _OFF_FG  # a weekday off
        elif worked and weekend:
            bg, fg = _WORK_BG, _WORK_FG  # a make-up working day
        elif weekend:
            bg, fg = _WEEKEND_BG, _WEEKEND_FG
        else:
            bg, fg = QColor("white"), QColor("#111111")
        p.fillRect(r, bg)
        source = info.source if info else DaySource.PACKAGE
        if source is DaySource.ESTIMATED:
            p.fillRect(r, QBrush(QColor(224, 138, 0, 90), Qt.BrushStyle.BDiagPattern))
        p.setFont(font)
        p.setPen(fg)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, str(day.day))
        if source is DaySource.LOCAL:
            p.setPen(QPen(_LOCAL, 2))
            p.drawRect(r.adjusted(1, 1, -1, -1))
        elif source is DaySource.IMPORTED and info is not None and info.note:
            p.fillRect(QRect(r.right() - 4, r.top(), 4, 4), QColor("#6a3d9a"))
        if day == self.selected:
            p.setPen(QPen(QColor("#000000"), 1, Qt.PenStyle.DashLine))
            p.drawRect(r)

    def mousePressEvent(self, event: object) -> None:
        day = self.day_at(event.position().toPoint())  # type: ignore[attr-defined]
        if day is not None:
            self.selected = day
            self.update()
            self.dayClicked.emit(day)

    def mouseMoveEvent(self, event: object) -> None:
        pos = event.position().toPoint()  # type: ignore[attr-defined]
        day = self.day_at(pos)
        info = self.days.get(day) if day else None
        if info is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), day_text(info), self)  # type: ignore[attr-defined]


class WorkdaysDialog(QDialog):
    """工作日设置: the year's calendar and sources, local ranges, the notice import."""

    def __init__(
        self,
        service: CasesService,
        parent: QWidget | None = None,
        calendar: CalendarService | None = None,
        year: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("工作日设置")
        self._service = service
        self._calendar = calendar or CalendarService(service.ctx)
        self.schedule: HolidaySchedule | None = None  # read, not yet saved
        self._source_name = ""
        self.last_message = ""

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_year_tab(), "日历")
        self.tabs.addTab(self._build_local_tab(), "本地设置")
        self.tabs.addTab(self._build_import_tab(), "导入通知")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(1180, 700)
        self.year_spin.setValue(year or dt.date.today().year)
        self.show_year()
        self.reload_overrides()

    def unsaved_work(self) -> list[str]:
        """What the clerk entered here and has not saved (a line each)."""
        lines = []
        note = self.note_edit.text().strip()
        if note:
            first, last = date_value(self.first_edit), date_value(self.last_edit)
            kind = self.kind_combo.currentText()
            lines.append(f"本地设置：{first} 至 {last} 设为{kind}（{note}），尚未点“添加”")
        if self.schedule is not None:
            lines.append(f"导入通知：读到的 {self.schedule.year} 年安排，尚未保存")
        return lines

    def reject(self) -> None:
        """Override: 关闭 or Esc with a local range typed and not added, or a notice read and
        not saved, asks first (both went without a word)."""
        lines = self.unsaved_work()
        if lines and not self.confirm_close(lines):
            # back where the unsaved part is
            if self.note_edit.text().strip():
                self.tabs.setCurrentIndex(1)
                self.note_edit.setFocus()
            else:
                self.tabs.setCurrentIndex(2)
            return
        super().reject()

    def confirm_close(self, lines: list[str]) -> bool:
        """Whether to close and lose ``lines`` (asks the clerk; tests replace it)."""
        return ask_before(
            self,
            "工作日设置",
            "以下内容尚未保存，关闭后将丢失：\n\n" + "\n".join(lines) + "\n\n确定关闭吗？",
            "关闭(&Q)",
            "返回(&R)",
            go_role=QMessageBox.ButtonRole.DestructiveRole,
        )

    # ---------------------------------------------------------------- 日历

    def _build_year_tab(self) -> QWidget:
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setSuffix(" 年")
        self.year_spin.valueChanged.connect(self.show_year)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.RichText)
        self.source_label.linkActivated.connect(lambda _l: self.tabs.setCurrentIndex(2))
        to_import = QPushButton("导入通知…")
        to_import.setAutoDefault(False)  # Enter in the year field shows the year, not this
        to_import.clicked.connect(lambda: self.tabs.setCurrentIndex(2))
        top = QHBoxLayout()
        top.addWidget(QLabel("年份："))
        top.addWidget(self.year_spin)
        top.addWidget(self.source_label, 1)
        top.addWidget(to_import)

        self.year_view = YearCalendar()
        self.year_view.dayClicked.connect(self._on_day_clicked)
        self.day_label = QLabel("点选日期查看它的安排和来源。")
        self.day_label.setWordWrap(True)
        self.day_label.setMinimumHeight(70)
        self.day_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        rows = (
            (f"background:{_OFF_BG.name()};color:{_OFF_FG.name()}", "8", "工作日放假"),
            (f"background:{_WORK_BG.name()};color:{_WORK_FG.name()}", "14", "周末调休上班"),
            (f"background:{_WEEKEND_BG.name()};color:{_WEEKEND_FG.name()}", "6", "周末休息"),
            (f"color:{_ESTIMATE.name()}", "╱╱", "斜线：估计（尚未收录）"),
            (f"color:{_LOCAL.name()}", "▢", "绿框：本地设置"),
            ("color:#6a3d9a", "▪", "紫角：已导入通知中的节日"),
        )
        legend = QLabel(
            "<table cellspacing=4>"
            + "".join(
                f"<tr><td style='{style}'>&nbsp;{mark}&nbsp;</td><td>{label}</td></tr>"
                for style, mark, label in rows
            )
            + "</table>"
        )
        side = QVBoxLayout()
        box = QGroupBox("所选日期")
        QVBoxLayout(box).addWidget(self.day_label)
        side.addWidget(box)
        lg = QGroupBox("图例")
        QVBoxLayout(lg).addWidget(legend)
        side.addWidget(lg)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.year_view, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(side, 1)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addLayout(top)
        v.addLayout(body, 1)
        return page

    def show_year(self) -> None:
        """Colour the chosen year and say where its days come from."""
        year = self.year_spin.value()
        cal = self._service.calendar()
        days: dict[dt.date, DayInfo] = {}
        day = dt.date(year, 1, 1)
        while day.year == year:
            days[day] = cal.info(day)
            day += dt.timedelta(days=1)
        if self.year_view.year != year:
            self.day_label.setText("点选日期查看它的安排和来源。")
        self.year_view.set_year(year, days)
        source = cal.year_source(year)
        off, work = cal.year_days(year)
        text = (
            f"<b>{year} 年：{SOURCE_TEXT[source]}</b>。"
            f"工作日放假 {len(off)} 天，调休上班 {len(work)} 天"
        )
        if source is DaySource.ESTIMATED:
            text = (
                f"<span style='color:{_ESTIMATE.name()}'>{text}。节日怎样连休、哪些周末调休上班"
                "要等国务院办公厅的通知，涉及这一年的期限都标为“估计”。"
                "<a href='import'>导入通知…</a></span>"
            )
        elif source is DaySource.IMPORTED:
            found = next((i for i in self._calendar.imported() if i.year == year), None)
            if found is not None:
                text += (
                    f"（{found.source}，{found.imported_by or '—'} 于 "
                    f"{found.imported_at:%Y-%m-%d %H:%M} 导入）"
                )
        self.source_label.setText(text)

    def _on_day_clicked(self, day: dt.date) -> None:
        info = self.year_view.days.get(day)
        if info is not None:
            self.day_label.setText(day_text(info).replace("\n", "<br>"))
        self.first_edit.setDate(QDate(day.year, day.month, day.day))
        self.last_edit.setDate(QDate(day.year, day.month, day.day))

    # ---------------------------------------------------------------- 本地设置

    def _build_local_tab(self) -> QWidget:
        intro = QLabel(
            "本乡镇（街道）自己的例外：临时放假，或额外的上班日。本地设置优先于国务院的安排，"
            "只影响本数据库的期限计算。可以一次设置一段日期。"
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        today = dt.date.today()
        self.first_edit = date_edit(today, optional=False)
        self.last_edit = date_edit(today, optional=False)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("休息日", False)
        self.kind_combo.addItem("工作日", True)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("说明，例如：防汛调休")
        add = QPushButton("添加")
        remove = QPushButton("删除所选")
        add.clicked.connect(self._on_add)
        remove.clicked.connect(self._on_remove)
        row = QGridLayout()
        row.addWidget(QLabel("从"), 0, 0)
        row.addWidget(self.first_edit, 0, 1)
        row.addWidget(QLabel("至"), 0, 2)
        row.addWidget(self.last_edit, 0, 3)
        row.addWidget(QLabel("设为"), 0, 4)
        row.addWidget(self.kind_combo, 0, 5)
        row.addWidget(self.note_edit, 0, 6)
        row.addWidget(add, 0, 7)
        row.setColumnStretch(6, 1)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(intro)
        v.addLayout(row)
        v.addWidget(self.list, 1)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(remove)
        v.addLayout(h)
        return page

    def reload_overrides(self) -> None:
        """Show the local overrides."""
        self.list.clear()
        for o in self._service.overrides():
            kind = "工作日" if o.is_workday else "休息日"
            item = QListWidgetItem(
                f"{o.day:%Y-%m-%d}  星期{_WEEK[o.day.weekday()]}  {kind}  {o.note}"
            )
            item.setData(Qt.ItemDataRole.UserRole, o.day)
            self.list.addItem(item)

    def _on_add(self) -> None:
        first, last = date_value(self.first_edit), date_value(self.last_edit)
        assert first is not None and last is not None
        try:
            done = self._service.set_override_range(
                first, last, self.kind_combo.currentData(), self.note_edit.text()
            )
        except JianfuError as err:
            QMessageBox.warning(self, "未能保存", str(err))
            return
        self.last_message = f"已设置 {len(done)} 天"
        self.note_edit.clear()
        self.reload_overrides()
        self.show_year()

    def _on_remove(self) -> None:
        for item in self.list.selectedItems() or [self.list.currentItem()]:
            if item is not None:
                self._service.remove_override(item.data(Qt.ItemDataRole.UserRole))
        self.reload_overrides()
        self.show_year()

    # ---------------------------------------------------------------- 导入通知

    def _build_import_tab(self) -> QWidget:
        intro = QLabel(
            "把国务院办公厅《关于××××年部分节假日安排的通知》全文粘贴到下面（连同标题），"
            "或打开通知文件（.txt、.docx、.pdf、.ofd）或表格（.xlsx、.xls、.csv，列：日期、放假/上班、说明）。"
            "读到的安排核对无误后再保存；保存后它就是这一年的正式日历（共享数据库的各乡镇共用）。"
        )
        intro.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(
            "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：……\n二、春节：……"
        )
        open_file = QPushButton("打开文件…")
        read = QPushButton("读取粘贴的文字")
        open_file.clicked.connect(self._on_open_file)
        read.clicked.connect(self._on_read_text)
        # Ctrl+Enter in the pasted notice reads it, as the form dialogs' Ctrl+Enter saves
        read.setToolTip(f"快捷键：{native(RECORD)}")
        for sequence in (RECORD, "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self.text_edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._on_read_text)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#b00020;")
        self.error_label.hide()
        left = QVBoxLayout()
        left.addWidget(self.text_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(open_file)
        buttons.addWidget(read)
        buttons.addStretch(1)
        left.addLayout(buttons)

        self.preview_title = QLabel("尚未读取。")
        self.preview_title.setWordWrap(True)
        self.off_list = QListWidget()
        self.work_list = QListWidget()
        self.off_box = QGroupBox("放假")
        QVBoxLayout(self.off_box).addWidget(self.off_list)
        self.work_box = QGroupBox("调休上班")
        QVBoxLayout(self.work_box).addWidget(self.work_list)
        for lst in (self.off_list, self.work_list):
            lst.currentItemChanged.connect(self._on_preview_item)
        self.month = QCalendarWidget()
        self.month.setGridVisible(True)
        self.month.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.month.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.month.setMinimumWidth(300)
        self.save_button = QPushButton("保存为正式安排…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._on_save)
        lists = QHBoxLayout()
        lists.addWidget(self.off_box, 1)
        lists.addWidget(self.work_box, 1)
        self.off_box.setMinimumWidth(220)
        self.work_box.setMinimumWidth(220)
        lists.addWidget(self.month, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.preview_title)
        right.addLayout(lists, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(intro)
        v.addWidget(self.error_label)
        v.addLayout(body, 1)
        return page

    def _on_open_file(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        name, _ = open_file_name(self, "打开节假日安排通知", "", f"通知或表格 ({patterns})")
        if name:
            self.read_file(Path(name))

    def _on_read_text(self) -> None:
        self.read_text(self.text_edit.toPlainText())

    def read_text(self, text: str) -> None:
        """Read pasted text into the preview (nothing saved)."""
        self._read(lambda: self._calendar.read_text(text), "粘贴的通知文字")

    def read_file(self, path: Path) -> None:
        """Read a file into the preview (nothing saved)."""
        self._read(lambda: self._calendar.read_file(path), path.name)

    def _read(self, reader, source: str) -> None:
        try:
            schedule = reader()
        except JianfuError as err:
            self.schedule = None
            self.error_label.setText(f"未能读取，未保存任何内容：{err}")
            self.error_label.show()
            self.save_button.setEnabled(False)
            self._show_preview(None)
            return
        self.error_label.hide()
        self.schedule, self._source_name = schedule, source
        self._show_preview(schedule)

    def _show_preview(self, schedule: HolidaySchedule | None) -> None:
        self.off_list.clear()
        self.work_list.clear()
        self.month.setDateTextFormat(QDate(), QTextCharFormat())  # clear every format
        if schedule is None:
            self.preview_title.setText("尚未读取。")
            self.off_box.setTitle("放假")
            self.work_box.setTitle("调休上班")
            self.save_button.setText("保存为正式安排…")
            return
        off_fmt, work_fmt = QTextCharFormat(), QTextCharFormat()
        off_fmt.setBackground(_OFF_BG)
        off_fmt.setForeground(_OFF_FG)
        work_fmt.setBackground(_WORK_BG)
        work_fmt.setForeground(_WORK_FG)
        offs = [d for d in schedule.days if not d.is_workday]
        works = [d for d in schedule.days if d.is_workday]
        for d in offs:
            self._preview_item(self.off_list, d.day, d.note)
            self.month.setDateTextFormat(QDate(d.day.year, d.day.month, d.day.day), off_fmt)
        for d in works:
            self._preview_item(self.work_list, d.day, d.note)
            self.month.setDateTextFormat(QDate(d.day.year, d.day.month, d.day.day), work_fmt)
        self.off_box.setTitle(f"放假 {len(offs)} 天（其中工作日 {len(schedule.holidays)} 天）")
        self.work_box.setTitle(f"调休上班 {len(works)} 天")
        self.preview_title.setText(
            f"读到 <b>{schedule.year} 年</b>的安排（{self._source_name}）：核对左侧日期和右侧月历，"
            "无误后保存。"
        )
        self.save_button.setText(f"保存为 {schedule.year} 年正式安排…")
        self.save_button.setEnabled(True)
        first = schedule.days[0].day
        self.month.setSelectedDate(QDate(first.year, first.month, first.day))

    @staticmethod
    def _preview_item(lst: QListWidget, day: dt.date, note: str) -> None:
        item = QListWidgetItem(f"{day:%Y-%m-%d} 星期{_WEEK[day.weekday()]}  {note}")
        item.setData(Qt.ItemDataRole.UserRole, day)
        lst.addItem(item)

    def _on_preview_item(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is not None:
            d = item.data(Qt.ItemDataRole.UserRole)
            self.month.setSelectedDate(QDate(d.year, d.month, d.day))

    def _on_save(self) -> None:
        schedule = self.schedule
        if schedule is None:
            return
        replacing = any(i.year == schedule.year for i in self._calendar.imported())
        question = (
            f"将读到的 {schedule.year} 年安排（工作日放假 {len(schedule.holidays)} 天、"
            f"周末调休上班 {len(schedule.workdays)} 天）保存为这一年的正式日历"
            + ("，替换此前导入的安排" if replacing else "")
            + "。所有涉及这一年的期限将按它重新计算；共享数据库的各乡镇共用。确定保存？"
        )
        answer = QMessageBox.question(self, "保存节假日安排", question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.save_schedule()

    def save_schedule(self) -> None:
        """Save the schedule read (after the clerk confirmed) and show its year."""
        schedule = self.schedule
        assert schedule is not None
        try:
            self._calendar.save(schedule, self._source_name)
        except JianfuError as err:
            QMessageBox.warning(self, "未能保存", str(err))
            return
        self.last_message = f"已保存 {schedule.year} 年节假日安排"
        self.schedule = None
        self.save_button.setEnabled(False)
        self.year_spin.setValue(schedule.year)
        self.show_year()
        self.tabs.setCurrentIndex(0)
