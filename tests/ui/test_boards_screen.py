"""The 牌子 screen: ledger, filters, bulk disposition, fast entry, photos, inspections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from jianfu.domain.boards import BoardFilter, BoardStatus, Disposition, Placement
from jianfu.ui.boards import BoardsWidget
from jianfu.ui.boards.dialogs import (
    CloseOutDialog,
    DisposeDialog,
    DisposeRequest,
    InspectionDialog,
)
from jianfu.ui.boards.entry import EntryGridDialog
from jianfu.ui.widgets.form import ERROR_STYLE, NOTE_STYLE
from jianfu.ui.widgets.printing import FileDialogs
from tests.ui.previews import previewed, shown_text


@pytest.fixture
def screen(window, qtbot) -> BoardsWidget:
    page = window.show_screen("boards")
    assert isinstance(page, BoardsWidget)
    _wait_read(qtbot, window, page)
    return page


@pytest.fixture(autouse=True)
def _entry_grid_remembers_nothing_yet(monkeypatch):
    """The entry grid remembers the department and the village last used in class
    attributes, which a grid's save sets: each test starts from none remembered, and what
    its grids saved is forgotten after it (a later test on the same worker opened its grid
    with the department and a village id of another test's database)."""
    monkeypatch.setattr(EntryGridDialog, "last_department", "")
    monkeypatch.setattr(EntryGridDialog, "last_village_id", None)


def _wait_read(qtbot, window, page: BoardsWidget) -> None:
    """Until the ledger and its reminders, read on a worker when the window built the
    screen, are shown."""
    window.tasks.wait_all()
    qtbot.waitUntil(lambda: not page.model.reloading)
    qtbot.wait(1)  # the reminders' answer, posted beside the rows


def _wait_task(qtbot, page: BoardsWidget) -> None:
    qtbot.waitUntil(lambda: page.current_task is not None and page.current_task.done, timeout=10000)


def test_the_ledger_shows_every_village_and_flags(qtbot, qtmodeltester, screen, window):
    service = window.services.boards
    assert screen.model.total == service.count(BoardFilter())
    qtmodeltester.check(screen.model)
    assert "块范围外的牌子待处置" in screen.attention_label.text()
    assert "2 块复查反弹" in screen.attention_label.text()
    assert screen.count_label.text() == f"共 {screen.model.total} 条"
    headers = [screen.model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["村(社区)", "牌子名称", "类别", "位置"]
    first = screen.model.row_at(0)
    assert screen.model.index(0, 0).data() == first.village


def test_filters_query_the_database(qtbot, qtmodeltester, screen):
    screen.flag_combo.setCurrentIndex(1)  # 范围外
    rows = [screen.model.row_at(r) for r in range(screen.model.rowCount())]
    assert rows and all(b.flagged for b in rows)
    screen.village_combo.setCurrentIndex(1)
    village = screen.village_combo.currentText()
    rows = [screen.model.row_at(r) for r in range(screen.model.rowCount())]
    assert rows and {b.village for b in rows} == {village}
    screen.category_combo.setCurrentIndex(screen.category_combo.findText("制度牌"))
    assert all(screen.model.row_at(r).category == "制度牌" for r in range(screen.model.rowCount()))
    assert screen.count_label.text().startswith("符合条件")
    screen.clear_filters_button.click()
    assert screen.count_label.text().startswith("共")
    # Checked last: the tester, once attached, objects to the view fetching the next page
    # from inside the model's reset notification.
    qtmodeltester.check(screen.model)


def test_bulk_removal_of_selected_boards(qtbot, screen, window, monkeypatch):
    screen.flag_combo.setCurrentIndex(3)  # 待办
    pending = [
        screen.model.row_at(r)
        for r in range(screen.model.rowCount())
        if screen.model.row_at(r).status is BoardStatus.PENDING
    ][:3]
    selection = screen.view.selectionModel()
    for board in pending:
        index = screen.model.index(screen.model.row_of(board.id), 0)
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert len(screen.selected()) == 3
    today = dt.date.today()
    asked = {}

    def ask(parent, selected, matching, today_):
        asked.update(selected=selected, matching=matching)
        return DisposeRequest(Disposition.REMOVE, today, "林晓燕", False)

    monkeypatch.setattr(DisposeDialog, "ask", ask)
    screen.dispose_button.click()
    _wait_task(qtbot, screen)
    assert asked["selected"] == 3
    service = window.services.boards
    for board in pending:
        saved = service.get(board.id)
        assert saved.disposition is Disposition.REMOVE and saved.disposed_on == today
    assert "已把 3 块牌子标为“摘除”" in screen.last_message


def test_bulk_disposal_leaves_boards_disposed_before_as_recorded(
    qtbot, screen, window, monkeypatch
):
    """A selection holding a board 合并 in August and boards still to dispose: 批量处置
    put today's 摘除 over the August 合并 too. It stays unless the clerk ticks the box."""
    rows = [screen.model.row_at(r) for r in range(screen.model.rowCount())]
    disposed = next(b for b in rows if b.status is BoardStatus.DISPOSED and b.disposed_on)
    pending = next(b for b in rows if b.status is BoardStatus.PENDING)
    selection = screen.view.selectionModel()
    for board in (disposed, pending):
        index = screen.model.index(screen.model.row_of(board.id), 0)
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    today = dt.date.today()
    monkeypatch.setattr(
        DisposeDialog,
        "ask",
        lambda *a: DisposeRequest(Disposition.REMOVE, today, "", False),
    )
    screen.dispose_button.click()
    _wait_task(qtbot, screen)
    service = window.services.boards
    kept = service.get(disposed.id)
    assert (kept.disposition, kept.disposed_on) == (disposed.disposition, disposed.disposed_on)
    assert service.get(pending.id).disposed_on == today
    assert "已把 1 块牌子标为“摘除”（另 1 块已处置的保留原处置）" in screen.last_message
    dialog = DisposeDialog(selected=2, matching=2, today=today)
    qtbot.addWidget(dialog)
    assert not dialog.redo.isChecked() and "已处置的保留原来的处置" in dialog.summary.text()


def test_the_dispose_dialog_defaults_to_removal_today(qtbot):
    today = dt.date(2026, 5, 6)
    dialog = DisposeDialog(selected=4, matching=90, today=today)
    qtbot.addWidget(dialog)
    request = dialog.request()
    assert request.disposition is Disposition.REMOVE and request.on == today
    assert not request.all_matching
    assert "4 块" in dialog.summary.text()
    assert dialog.on.maximumDate().toPython() == today  # no date in the future


def test_entry_grid_is_keyboard_driven(qtbot, window, type_text):
    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    dialog = EntryGridDialog(
        service, villages, cats, service.departments(), villages[0][0], parent=window
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    # focusWidget(): the offscreen platform does not always make a dialog the active window.
    assert dialog.focusWidget() is dialog.name
    type_text(dialog.name, "测试挂牌一")
    dialog.department.setFocus()
    dialog.department.setText("县文明办")  # typed, its completion popup would warn offscreen
    qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
    assert len(dialog.saved) == 1 and dialog.table.rowCount() == 1
    assert dialog.focusWidget() is dialog.name and dialog.name.text() == ""
    assert dialog.department.text() == "县文明办"  # remembered for the next row
    # Category and placement by digit keys.
    type_text(dialog.name, "会议制度")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.category
    type_text(dialog.category, "4")
    assert dialog.category.currentData() == cats[3]
    qtbot.keyClick(dialog.category, Qt.Key.Key_Tab)
    type_text(dialog.placement, "2")
    assert dialog.placement.currentData() == "内部"
    qtbot.keyClick(dialog.placement, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.room
    type_text(dialog.room, "会议室")
    qtbot.keyClick(dialog.room, Qt.Key.Key_Return)
    second = dialog.saved[-1]
    assert (second.category, second.room, second.department) == (cats[3], "会议室", "县文明办")
    assert dialog.table.item(1, 7).text() == "范围外"
    # An empty name is refused with a message, nothing saved.
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.error.text() == "牌子名称不能为空"
    assert len(dialog.saved) == 2
    assert EntryGridDialog.last_department == "县文明办"


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform's popups
def test_one_enter_in_the_departments_list_of_the_entry_grid_saves_the_board(qtbot, window):
    """The open completion list took the first Enter to close itself: two Enters a board."""
    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    dialog = EntryGridDialog(
        service, villages, cats, service.departments(), villages[0][0], parent=window
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setText("测试挂牌二")
    dialog.department.setFocus()
    dialog.department.setText("政法委")
    completer = dialog.department.completer()
    completer.setCompletionPrefix("政法委")
    completer.complete()  # the list of departments as it opens while typing
    popup = completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # none highlighted: what is typed
    assert [b.department for b in dialog.saved] == ["政法委"]
    assert not popup.isVisible() and dialog.name.text() == ""
    dialog.name.setText("测试挂牌三")
    completer.setCompletionPrefix("政法委")
    completer.complete()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))  # arrowed down to one
    chosen = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert [b.department for b in dialog.saved] == ["政法委", chosen]


def test_photos_show_thumbnails_and_bad_files_are_refused(
    qtbot, screen, window, tmp_path, monkeypatch
):
    service = window.services.boards
    board = screen.model.row_at(0)
    good = tmp_path / "门口.jpg"
    Image.new("RGB", (3000, 2000), (200, 40, 40)).save(good, "JPEG")
    bad = tmp_path / "说明.png"
    bad.write_text("这不是图片", encoding="utf-8")
    screen.view.selectRow(0)

    monkeypatch.setattr(
        FileDialogs, "getOpenFileNames", lambda *a, **k: ([str(good), str(bad)], "")
    )
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    screen.add_before_button.click()
    _wait_task(qtbot, screen)
    assert warnings and "说明.png" in warnings[0] and "不是图片" in warnings[0]
    assert len(service.photos(board.id)) == 1
    screen.select_board(board.id)
    assert screen.photo_list.count() == 1
    qtbot.waitUntil(lambda: not screen.photo_list.item(0).icon().isNull(), timeout=10000)
    assert screen.photo_list.item(0).text().startswith("整改前")


def test_an_inspection_that_finds_a_removed_board_marks_a_relapse(qtbot, window):
    service = window.services.boards
    removed = service.page(BoardFilter(status="已处置", flagged=True)).rows
    board = next(b for b in removed if b.disposition is Disposition.REMOVE)
    dialog = InspectionDialog(service, board)
    qtbot.addWidget(dialog)
    assert "复查反弹" in dialog.hint.text()
    dialog.inspector.setText("陈建国")
    dialog.found_hanging.setChecked(True)
    dialog.accept()
    inspection, after = dialog.result_value
    assert inspection.relapse and after.status is BoardStatus.RELAPSED


def test_screen_renders(qtbot, screen, window, tmp_path):
    path = Path(tmp_path / "boards.png")
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_entry_grid_keeps_the_village_warns_of_a_twin_and_asks_before_dropping_a_row(
    qtbot, window, type_text, monkeypatch
):
    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]

    def grid(village_id=None):
        dialog = EntryGridDialog(service, villages, cats, [], village_id, parent=window)
        dialog.show()
        return dialog

    dialog = grid()
    dialog.village.setCurrentIndex(1)
    type_text(dialog.name, "重名测试牌")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert len(dialog.saved) == 1
    # The same board again is refused (raise its quantity instead).
    type_text(dialog.name, "重名测试牌")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert len(dialog.saved) == 1 and "数量" in dialog.error.text()
    assert dialog.error.styleSheet() == ERROR_STYLE  # a problem: Enter again saves nothing
    # The same name elsewhere in the village: a warning first, saved on a second Enter. It
    # was drawn in the problems' red; it is advice (read, then Enter), in the notes' amber,
    # as the department's note that also waits for a second Enter.
    dialog.placement.setCurrentIndex(1)
    dialog.room.setText("会议室")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert len(dialog.saved) == 1 and "已有名为“重名测试牌”" in dialog.error.text()
    assert dialog.error.styleSheet() == NOTE_STYLE
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.error.text() == ""
    assert len(dialog.saved) == 2
    # Esc with a half-typed row asks; "继续录入" keeps it on screen, "不保存" closes.
    type_text(dialog.name, "半行")
    answers = iter(["keep", "drop"])
    monkeypatch.setattr(EntryGridDialog, "_ask_unsaved_row", lambda self: next(answers))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name.text() == "半行"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(dialog.saved) == 2
    # Opened again from the ledger showing all villages: the village last used, not the first.
    again = grid(None)
    assert again.village.currentData() == villages[1][0]


def test_the_entry_row_stays_put_while_a_note_shows_under_it(qtbot, window, type_text):
    """The entry row moved a line while the note under it showed (the twin-name note, the
    department written in full), under the clerk's eyes as the Enter was pressed: the note's
    line is kept for it."""
    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    dialog = EntryGridDialog(service, villages, cats, [], villages[0][0], parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)

    def row_y() -> int:
        dialog.layout().activate()
        return dialog.name.mapTo(dialog, dialog.name.rect().topLeft()).y()

    before, table = row_y(), dialog.table.height()
    type_text(dialog.name, "不动的牌子")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert len(dialog.saved) == 1 and dialog.error.text() == ""
    assert row_y() == before
    dialog.placement.setCurrentIndex(1)
    dialog.room.setText("会议室")
    type_text(dialog.name, "不动的牌子")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert "已有名为“不动的牌子”" in dialog.error.text()
    assert row_y() == before and dialog.table.height() == table
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert len(dialog.saved) == 2 and dialog.error.text() == ""
    assert row_y() == before


def test_done_with_a_row_typed_asks_as_esc_does(qtbot, window, type_text, monkeypatch):
    """完成 with a name typed in the entry row closed the grid and dropped the row without a
    word (Esc asked); it asks the same: save it, drop it, or go on typing."""
    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    dialog = EntryGridDialog(service, villages, cats, [], villages[2][0], parent=window)
    dialog.show()
    type_text(dialog.name, "完成前的牌子")
    answers = iter(["keep", "save"])
    monkeypatch.setattr(EntryGridDialog, "_ask_unsaved_row", lambda self: next(answers))
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.name.text() == "完成前的牌子"
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert [b.name for b in dialog.saved] == ["完成前的牌子"]


def test_import_preview_lists_each_problem_by_sheet_row_and_column(qtbot, qtmodeltester, tmp_path):
    from openpyxl import Workbook

    # the reader's own problem for an unknown 处置, as the import of a real file gives it
    from jianfu.interchange.board_io import read_board_file
    from jianfu.services.boards import BoardImportPreview
    from jianfu.ui.boards.dialogs import BoardImportDialog

    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["村(社区)", "牌子名称", "类别", "位置", "要求挂牌部门", "处置", "处置日期"])
    ws.append(["岭下村", "综治中心", "吊牌", "外部", "县委政法委", "拆掉", "2026-05-01"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    read = read_board_file(path)
    preview = BoardImportPreview(read.file_name, problems=list(read.problems), problem_count=1)
    dialog = BoardImportDialog(preview)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.problem_model)
    model = dialog.problem_model
    assert model.rowCount() == 1
    sheet, row, column, message = (model.data(model.index(0, c)) for c in range(4))
    assert (sheet, row) == ("台账", "2") and column.startswith("F 列")
    assert "处置应为" in message
    assert not dialog.ok_button.isEnabled()


def test_the_allowed_set_shows_each_rules_keywords_whole(window, qtbot):
    """允许挂牌范围: 集体经济组织's keywords were cut (…股份合…) beside an empty strip."""
    from jianfu.ui.boards.dialogs import AllowedSetDialog

    dialog = AllowedSetDialog(window.services.boards, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    metrics = table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(table.item(r, 1).text()) for r in range(table.rowCount())
    )
    assert table.columnWidth(1) >= widest + 8, (table.columnWidth(1), widest)
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(table.columnCount()))
    assert used >= table.viewport().width() - 2  # no empty strip at the right
    dialog.reject()


def test_the_allowed_set_asks_before_dropping_rules_edited(window, qtbot, monkeypatch):
    """取消 or Esc after editing the rules closed the dialog and dropped them without a word
    (the forms ask)."""
    from jianfu.ui.boards.dialogs import AllowedSetDialog

    dialog = AllowedSetDialog(window.services.boards, window)
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[bool] = []
    answer = [False]
    monkeypatch.setattr(
        AllowedSetDialog, "confirm_discard", lambda self: asked.append(True) or answer[0]
    )
    dialog.reject()  # nothing changed: closes without asking
    assert not dialog.isVisible() and asked == []
    dialog.show()
    dialog.table.item(0, 1).setText(dialog.table.item(0, 1).text() + "、党员之家")
    dialog.reject()
    assert dialog.isVisible() and asked == [True]
    answer[0] = True
    dialog.reject()
    assert not dialog.isVisible()


def test_a_reload_keeps_every_board_selected(screen):
    """Boards picked for 批量处置 or 销号 went down to the first one when the ledger was read
    again (a village added on another screen, a filter chosen and chosen back)."""
    selection = screen.view.selectionModel()
    chosen = [screen.model.row_at(r).id for r in (2, 4, 6)]
    for r in (2, 4, 6):
        index = screen.model.index(r, 0)
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    screen.reload()
    assert [b.id for b in screen.selected()] == chosen


def test_the_village_header_is_whole_beside_its_sort_arrow(qtbot, screen, window):
    """At 1366×768 the sort arrow covered the closing bracket of 村(社区) (村(社区▾)."""
    window.showNormal()
    window.resize(1366, 728)
    qtbot.waitUntil(lambda: window.width() == 1366)
    header = screen.view.horizontalHeader()
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == 0
    qtbot.waitUntil(lambda: header.sectionSize(0) >= header.sectionSizeHint(0))
    assert header.sectionSize(0) >= screen.view.sizeHintForColumn(0)  # the names too
    total = sum(header.sectionSize(c) for c in range(screen.model.columnCount()))
    assert total == screen.view.viewport().width()  # and the ledger still fills its width


def test_entry_greyed_out_without_villages_says_why(qtbot, ctx, monkeypatch):
    """逐块录入 (and 打印本村台账) were greyed out with no word of why on a township with no
    village yet; the tooltip says to add one first, and the usual tooltip comes back."""
    from jianfu.domain.units import UnitInput, UnitType
    from jianfu.services.registry import Services
    from jianfu.services.units import UnitsService
    from jianfu.ui.boards.ledger import NO_VILLAGES
    from jianfu.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_start_daily_backup", lambda self, services: None)
    window = MainWindow(Services.create(ctx))
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen("boards")
    for button in (page.entry_button, page.print_button):
        qtbot.waitUntil(lambda b=button: b.toolTip().startswith(NO_VILLAGES))
        assert not button.isEnabled()
        assert "村(社区)" in button.toolTip() and "添加" in button.toolTip()
    UnitsService(ctx).add_unit(UnitInput("清溪村", UnitType.VILLAGE))
    page.refresh()
    qtbot.waitUntil(page.entry_button.isEnabled)
    assert page.entry_button.toolTip().startswith("键盘快速录入")
    assert "Ctrl+N" in page.entry_button.toolTip()  # its shortcut's hint kept
    assert NO_VILLAGES not in page.print_button.toolTip() and page.print_button.isEnabled()
    window.tasks.wait_all()


def test_the_ledger_opens_with_one_read_in_the_order_its_header_shows(window, qtbot, monkeypatch):
    """Turning the header's sorting on read the ledger a second time as it opened (the first
    read in order of entry, thrown away for 村(社区)'s order): on a city's 100,000 boards two
    page reads. The window's screen reads it on a worker (the GUI thread lays the screen out
    meanwhile). A click on a header still reads in its order."""
    import threading

    window.tasks.wait_all()  # 首页's figures
    qtbot.wait(20)
    service = window.services.boards
    reads: list[tuple[str, bool, int]] = []
    on_gui: list[bool] = []
    page = service.page

    def counted(f: BoardFilter, offset: int = 0, limit: int = 200):
        reads.append((f.sort, f.descending, offset))
        on_gui.append(threading.current_thread() is threading.main_thread())
        return page(f, offset, limit)

    monkeypatch.setattr(service, "page", counted)
    screen = window.show_screen("boards")
    assert screen.model.rowCount() == 0 and screen.model.reloading
    _wait_read(qtbot, window, screen)
    assert reads == [("village", False, 0)] and on_gui == [False]
    assert screen.model.total == service.count(BoardFilter())
    assert screen.count_label.text() == f"共 {screen.model.total} 条"
    screen.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # 牌子名称
    assert reads[-1] == ("name", False, 0)
    screen.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert reads[-1] == ("name", True, 0)
    assert len(reads) == 3


def test_the_detail_of_a_board_outside_the_set_says_where_its_clean_up_is(screen, window):
    """A board 摘除 (已处置) still read "不在允许范围内，需处置" in red in its detail."""
    import dataclasses

    from jianfu.ui.boards.models import board_detail_html, board_tooltip

    service = window.services.boards
    board = next(b for b in service.page(BoardFilter(), 0, 500).rows if b.flagged)
    pending = dataclasses.replace(board, status=BoardStatus.PENDING, disposition=None)
    assert "不在允许范围内，需处置" in board_detail_html(pending)
    removed = dataclasses.replace(
        board, status=BoardStatus.DISPOSED, disposition=Disposition.REMOVE
    )
    for shown in (board_detail_html(removed), board_tooltip(removed)):
        assert "需处置" not in shown
        assert "已处置（摘除），待复查销号" in shown
    closed = dataclasses.replace(removed, status=BoardStatus.CLOSED)
    assert "已处置（摘除）并销号" in board_detail_html(closed)
    relapsed = dataclasses.replace(removed, status=BoardStatus.RELAPSED)
    assert "又挂回，需重新处置" in board_detail_html(relapsed)


def test_a_new_board_in_range_reads_awaiting_confirmation_and_is_filtered_so(qtbot, screen, window):
    """A new 村民委员会 门牌 within the allowed set showed 状态 待处置, which a clerk reads as
    "to be taken down": it shows 待核定 in the ledger, its detail and the status filter; 待处置
    filters the boards outside the set not yet dealt with."""
    from jianfu.domain.boards import BoardInput
    from jianfu.ui.boards.models import board_detail_html

    service = window.services.boards
    village_id, village = screen._villages[0]
    added = service.add_board(
        BoardInput(
            village_id=village_id,
            name=f"{village}新址村民委员会",
            category="门牌",
            placement=Placement.OUTSIDE,
            department="乡人民政府",
        )
    )
    assert added.allowed and added.status is BoardStatus.PENDING
    assert "待核定" in board_detail_html(added) and "待处置" not in board_detail_html(added)
    screen.status_combo.setCurrentIndex(screen.status_combo.findText("待核定"))
    _wait_read(qtbot, window, screen)
    rows = [screen.model.row_at(r) for r in range(screen.model.rowCount())]
    assert added.id in {b.id for b in rows}
    assert all(b.allowed and b.status is BoardStatus.PENDING for b in rows)
    row = screen.model.row_of(added.id)
    status_column = next(
        c
        for c in range(screen.model.columnCount())
        if screen.model.headerData(c, Qt.Orientation.Horizontal) == "状态"
    )
    assert screen.model.index(row, status_column).data() == "待核定"
    screen.status_combo.setCurrentIndex(screen.status_combo.findText("待处置"))
    _wait_read(qtbot, window, screen)
    rows = [screen.model.row_at(r) for r in range(screen.model.rowCount())]
    assert rows and all(b.flagged and b.status is BoardStatus.PENDING for b in rows)
    assert {screen.model.index(r, status_column).data() for r in range(len(rows))} == {"待处置"}
    screen.flag_combo.setCurrentIndex(2)  # 范围内 with 待处置: none
    _wait_read(qtbot, window, screen)
    assert screen.model.total == 0


def test_a_reminder_of_the_first_screen_opens_the_boards_it_counts(window, qtbot):
    """首页's "112 块牌子已处置，等待复查销号" opened the whole ledger (245 boards)."""
    from jianfu.services.dashboard import load_dashboard

    reminders = load_dashboard(window.services).reminders
    boards = [r for r in reminders if r.screen == "boards"]
    waiting = next(r for r in boards if r.kind == "牌子待复查")
    relapsed = next(r for r in boards if "反弹" in r.text)
    pending = next(r for r in boards if "尚未处置" in r.text)
    dashboard = window.pages["dashboard"]
    for reminder, status in (
        (waiting, BoardStatus.DISPOSED),
        (relapsed, BoardStatus.RELAPSED),
        (pending, BoardStatus.PENDING),
    ):
        page = dashboard.open_reminder(reminder)
        assert isinstance(page, BoardsWidget) and window.current_screen() == "boards"
        _wait_read(qtbot, window, page)
        rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
        assert rows and {b.status for b in rows} == {status}
        assert f"{page.model.total} 块" in reminder.text or status is not BoardStatus.DISPOSED
        assert page.count_label.text() == f"符合条件 {page.model.total} 条"
    assert all(b.flagged for b in rows)  # 尚未处置: those outside the allowed set


def test_the_entry_grid_writes_a_known_department_in_full_before_saving(qtbot, window):
    """要求挂牌部门's list offered 南屏县民政局 and 县民政局 for one department. Typed short, the
    first Enter writes it in full and says so, the next saves it; typed back, it is saved as
    typed; a department 部门 does not know is saved at once as typed."""
    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    departments = service.departments()
    assert departments.index("南屏县民政局") < departments.index("县科协")  # 部门 first
    assert "县民政局" not in departments
    dialog = EntryGridDialog(
        service,
        villages,
        cats,
        departments,
        villages[0][0],
        parent=window,
        department_forms=service.department_forms(),
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setText("测试老年人协会")
    dialog.department.setText("县民政局")
    qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
    assert dialog.saved == []
    assert dialog.department.text() == "南屏县民政局"
    assert "即部门名单中的“南屏县民政局”" in dialog.error.text()
    qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
    assert [b.department for b in dialog.saved] == ["南屏县民政局"]
    assert dialog.error.text() == ""

    dialog.name.setText("测试残疾人协会")
    dialog.department.setText("县妇联")
    qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
    assert dialog.department.text() == "南屏县妇女联合会"
    dialog.department.setText("县妇联")  # the clerk keeps it as typed
    qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
    assert dialog.saved[-1].department == "县妇联"

    dialog.name.setText("测试林长制公示牌")
    dialog.department.setText("县林业局")
    qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
    assert dialog.saved[-1].department == "县林业局"
    dialog.reject()


def test_the_edit_dialog_offers_and_writes_a_known_department_as_the_entry_grid(
    qtbot, screen, monkeypatch
):
    """编辑牌子's 要求挂牌部门 was a bare field: no list of departments, and 县民政局 saved as
    typed beside the 南屏县民政局 the entry grid writes. It offers 部门's names (not a used
    short form beside its department) and writes a known department in full before it saves,
    as the entry grid does; typed back, it is saved as typed."""
    from jianfu.ui.boards.dialogs import BoardDialog

    saved: list[str] = []

    def clerk(dialog: BoardDialog) -> int:
        completer = dialog.department.completer()
        assert completer is not None
        completer.setCompletionPrefix("民政")
        model = completer.completionModel()
        offered = [model.index(i, 0).data() for i in range(model.rowCount())]
        assert "南屏县民政局" in offered and "县民政局" not in offered
        dialog.department.setText("县民政局")
        dialog.accept()
        assert dialog.result_value is None  # not saved yet
        assert dialog.department.text() == "南屏县民政局"
        assert "即部门名单中的“南屏县民政局”" in dialog.error_text("department")
        dialog.department.setText("县民政局")  # the clerk keeps it as typed
        dialog.accept()
        assert dialog.result_value is not None
        saved.append(dialog.result_value.department)
        return 1

    monkeypatch.setattr(BoardDialog, "exec", clerk)
    selection = screen.view.selectionModel()
    index = screen.model.index(0, 0)
    selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    screen._on_edit_button_clicked()
    assert saved == ["县民政局"]

    def in_full(dialog: BoardDialog) -> int:
        dialog.department.setText("县妇联")
        dialog.accept()
        assert dialog.department.text() == "南屏县妇女联合会"
        dialog.accept()  # the clerk has read it: saved in full
        saved.append(dialog.result_value.department)
        return 1

    monkeypatch.setattr(BoardDialog, "exec", in_full)
    screen._on_edit_button_clicked()
    assert saved[-1] == "南屏县妇女联合会"


def test_a_department_written_in_full_is_said_as_advice_not_as_a_problem(qtbot, window):
    """The note that a short form was written in full was drawn in the problem line's red,
    as a name left empty is: it is advice (read, then save), said in the notes' amber; a
    problem after it is red again."""
    from jianfu.ui.boards.dialogs import BoardDialog
    from jianfu.ui.glyphs import NOTE_COLOR
    from jianfu.ui.widgets.form import ERROR_STYLE

    service = window.services.boards
    villages = [(v.id, v.name) for v in service.villages()]
    cats = [c.name for c in service.categories()]
    forms = service.department_forms()
    grid = EntryGridDialog(
        service, villages, cats, [], villages[0][0], parent=window, department_forms=forms
    )
    grid.show()
    qtbot.waitExposed(grid)
    grid.name.setText("测试老年人协会")
    grid.department.setText("县民政局")
    qtbot.keyClick(grid.department, Qt.Key.Key_Return)
    assert "已改为全称" in grid.error.text()
    assert NOTE_COLOR in grid.error.styleSheet()
    grid.name.setText("")
    qtbot.keyClick(grid.department, Qt.Key.Key_Return)  # a name left empty: a problem
    assert grid.error.text() and grid.error.styleSheet() == ERROR_STYLE

    board = service.page(BoardFilter()).rows[0]
    edit = BoardDialog(service, board, villages, cats, department_forms=forms)
    qtbot.addWidget(edit)
    edit.department.setText("县民政局")
    edit.name.setText("")
    edit.accept()
    note = edit.fields.findChild(QLabel, "error_department")
    assert "已改为全称" in note.text() and NOTE_COLOR in note.styleSheet()
    problem = edit.fields.findChild(QLabel, "error_name")
    assert problem.text() and problem.styleSheet() == ERROR_STYLE
    edit.accept()  # the department read; the name still empty
    assert note.isHidden() or note.styleSheet() == ERROR_STYLE


def test_the_write_off_period_dialog_is_wide_enough_for_its_title(qtbot):
    """销号清单时段 opened 200 px wide (two date fields) and the title bar showed
    销号清单… — 减负 (walked 2026-12 at 1366x768)."""
    import datetime as dt

    from jianfu.ui.boards.dialogs import PeriodDialog

    dialog = PeriodDialog(dt.date(2026, 12, 7))
    qtbot.addWidget(dialog)
    shown = dialog.fontMetrics().horizontalAdvance("销号清单时段 — 减负")
    assert dialog.minimumWidth() >= shown + 150  # the icon and three buttons beside it


def test_the_prints_open_the_print_preview_first(qtbot, screen, monkeypatch, tmp_path):
    """打印本村台账… and 打印销号清单… went straight to a file dialog, while every other print
    of the app shows the print preview (打印 / 另存为PDF) first: they show it too, the file name
    offered there, and a file saved from it is told in the status line."""
    from jianfu.ui.boards.dialogs import PeriodDialog

    screen.village_combo.setCurrentIndex(1)
    village = dict(screen._villages)[screen.village_combo.currentData()]
    pdf = tmp_path / "台账.pdf"
    shown = previewed(monkeypatch, pdf)
    assert shown_text(screen.print_button.text()) == "打印本村台账…"
    with qtbot.waitSignal(screen.sig_file_saved, timeout=30000) as blocker:
        screen.print_button.click()
    assert shown == [("打印本村台账", f"{village}牌子台账.pdf")]
    assert blocker.args == [str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert screen.last_message == f"已保存到 {pdf}"

    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    monkeypatch.setattr(PeriodDialog, "ask", classmethod(lambda *_a: (start, end)))
    pdf.unlink()
    assert shown_text(screen.closeout_print_button.text()) == "打印销号清单…"
    with qtbot.waitSignal(screen.sig_file_saved, timeout=30000):
        screen.closeout_print_button.click()
    assert shown[1] == ("打印销号清单", "牌子销号清单20260101-20261231.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_an_empty_ledger_says_what_to_do_first(qtbot, ctx):
    """A new township's 牌子: an empty table beside 选中一块牌子，这里显示它的情况…"""
    from jianfu.domain.units import UnitInput
    from jianfu.services.boards import BoardsService
    from jianfu.services.units import UnitsService
    from jianfu.ui.background import TaskRunner

    runner = TaskRunner()
    page = BoardsWidget(BoardsService(ctx), runner)
    qtbot.addWidget(page)
    runner.wait_all()
    qtbot.waitUntil(lambda: not page.model.reloading)
    assert "请先在“村(社区)”中添加" in page.detail.toPlainText()
    UnitsService(ctx).add_unit(UnitInput("青石村"))
    page = BoardsWidget(BoardsService(ctx), runner)
    qtbot.addWidget(page)
    runner.wait_all()
    qtbot.waitUntil(lambda: not page.model.reloading)
    text = page.detail.toPlainText()
    assert "还没有登记牌子" in text and "逐块录入" in text
    page.search.setText("值班")  # a search that finds nothing: select one, as before
    page.reload()
    qtbot.waitUntil(lambda: not page.model.reloading)
    assert "选中一块牌子" in page.detail.toPlainText()
    runner.wait_all()


def test_a_ledger_with_boards_asks_to_select_one(screen):
    assert "选中一块牌子" in screen.detail.toPlainText()


def test_the_close_out_names_each_disposition_and_calls_no_kept_board_rectified(qtbot, window):
    """销号 asked to confirm 111 boards 整改到位, 78 of them 范围内 · 保留 (kept, nothing to put
    right): the dialog names each disposition with its count."""
    from tests.reports.test_boards_pdf import board

    today = dt.date(2026, 12, 7)
    boards = [
        board(n, disposition=d, disposed_on=today, status=BoardStatus.DISPOSED, allowed=kept)
        for n, (d, kept) in enumerate(
            [(Disposition.KEEP, True)] * 3
            + [(Disposition.REMOVE, False)] * 2
            + [(Disposition.MERGE, False)],
            start=1,
        )
    ]
    dialog = CloseOutDialog(window.services.boards, boards, window)
    qtbot.addWidget(dialog)
    said = "".join(label.text() for label in dialog.findChildren(QLabel))
    assert "整改到位" not in said
    assert "复审确认 6 块牌子已按处置落实，予以销号：摘除 2 块、合并 1 块、保留 3 块。" in said
    assert "保留的牌子在允许范围内，不需整改" in said
    only_removed = CloseOutDialog(window.services.boards, boards[3:5], window)
    qtbot.addWidget(only_removed)
    said = "".join(label.text() for label in only_removed.findChildren(QLabel))
    assert "予以销号：摘除 2 块。" in said and "保留" not in said


def test_the_close_out_button_names_the_act(qtbot, window):
    """销号's button said 保存, as if the clerk saved a form: it closes the boards out."""
    from tests.reports.test_boards_pdf import board

    today = dt.date(2026, 12, 7)
    chosen = [
        board(1, disposition=Disposition.REMOVE, disposed_on=today, status=BoardStatus.DISPOSED)
    ]
    dialog = CloseOutDialog(window.services.boards, chosen, window)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "销号"


def test_a_close_out_of_boards_not_yet_disposed_says_so_at_once(qtbot, window):
    """销号 of a board just recorded (待处置) read 复审确认 1 块牌子已按处置落实，予以销号：未处置
    1 块, and only after the 复审人 was typed and 销号 clicked, 未销号任何牌子：…还没有处置. It says
    why and what to do when it opens, and 销号 is not offered."""
    from tests.reports.test_boards_pdf import board

    today = dt.date(2026, 12, 7)
    new = board(1, status=BoardStatus.PENDING)
    done = board(2, disposition=Disposition.REMOVE, disposed_on=today, status=BoardStatus.DISPOSED)
    dialog = CloseOutDialog(window.services.boards, [new], window)
    qtbot.addWidget(dialog)
    said = "".join(label.text() for label in dialog.findChildren(QLabel))
    assert "已按处置落实" not in said
    assert f"不能销号：“{new.name}”还没有处置。" in said
    assert "请先点“编辑”或“批量处置(摘除)…”记下处置" in said
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    mixed = CloseOutDialog(window.services.boards, [new, done], window)
    qtbot.addWidget(mixed)
    said = "".join(label.text() for label in mixed.findChildren(QLabel))
    assert "选中的 2 块牌子中有 1 块不能销号" in said and "只选中已处置的牌子即可销号" in said
    assert not mixed.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    fine = CloseOutDialog(window.services.boards, [done], window)
    qtbot.addWidget(fine)
    assert fine.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_filter_keeps_the_reminders_and_a_save_reads_them_again(
    qtbot, screen, window, monkeypatch
):
    """The reminders above the ledger count the whole ledger whatever the filter: a filter,
    a search and 清除筛选 do not read them again (each read them beside the rows); a save
    does, and a read still on its way when the filter changes is shown."""
    service = window.services.boards
    said = screen.attention_label.text()
    assert "块范围外的牌子待处置" in said
    reads: list[int] = []
    attention = service.attention
    monkeypatch.setattr(service, "attention", lambda *a: reads.append(1) or attention(*a))
    screen.flag_combo.setCurrentIndex(1)
    screen.village_combo.setCurrentIndex(1)
    screen.search.setText("村")
    qtbot.waitUntil(lambda: screen.model.query == "村")
    screen.clear_filters_button.click()
    assert reads == [] and screen.attention_label.text() == said
    flagged, _relapsed = attention()
    pending = next(b for b in service.page(BoardFilter(flagged=True, status="待处置"), 0, 500).rows)
    # a save elsewhere: the reminders read on a worker, the filter changed meanwhile
    service.dispose([pending.id], Disposition.REMOVE, service.today())
    screen.refresh_in_background()
    screen.flag_combo.setCurrentIndex(1)
    _wait_read(qtbot, window, screen)
    qtbot.waitUntil(lambda: f"{flagged - 1} 块范围外" in screen.attention_label.text())
    assert reads  # read again after the save (by the window's change feed too)


def test_the_close_out_offers_the_last_reviewer(qtbot, window):
    """A clerk closing boards out typed the 复审人 (陈建华) again at every 销号: the dialog
    offers the one who closed the last boards out."""
    from tests.reports.test_boards_pdf import board

    class Service:
        def close_out(self, ids, reviewer):
            return len(ids)

    today = dt.date(2026, 12, 7)
    done = board(2, disposition=Disposition.REMOVE, disposed_on=today, status=BoardStatus.DISPOSED)
    first = CloseOutDialog(Service(), [done], window)
    qtbot.addWidget(first)
    assert first.reviewer.text() == ""
    first.reviewer.setText(" 陈建华 ")
    assert first.save() == 1
    again = CloseOutDialog(Service(), [done], window)
    qtbot.addWidget(again)
    assert again.reviewer.text() == "陈建华"


def test_a_disposition_offers_the_last_first_reviewer(qtbot, window):
    """编辑牌子's 初审人 was typed again at every disposition (the 复审人 of 销号 was
    remembered): choosing a 处置 offers the 初审人 of the last one, as 批量处置 does; a board
    opened without a disposition chosen gets no name it was not given."""
    from jianfu.ui.boards.dialogs import BoardDialog, DisposeDialog
    from tests.reports.test_boards_pdf import board

    today = dt.date(2026, 12, 7)

    class Service:
        def today(self):
            return today

        def update_board(self, board_id, data, version):
            return board(
                board_id,
                disposition=Disposition(data.disposition),
                disposed_on=today,
                first_reviewer=data.first_reviewer,
                status=BoardStatus.DISPOSED,
            )

    pending = board(3)
    villages, categories = [(pending.village_id, pending.village)], [pending.category]
    first = BoardDialog(Service(), pending, villages, categories, window)
    qtbot.addWidget(first)
    assert first.first_reviewer.text() == ""
    first.disposition.setCurrentIndex(first.disposition.findData(Disposition.REMOVE.value))
    assert first.first_reviewer.text() == ""  # nobody yet
    first.first_reviewer.setText(" 李明 ")
    assert first.save().first_reviewer
    again = BoardDialog(Service(), pending, villages, categories, window)
    qtbot.addWidget(again)
    assert again.first_reviewer.text() == ""  # not disposed: no name put on it
    again.disposition.setCurrentIndex(again.disposition.findData(Disposition.REMOVE.value))
    assert again.first_reviewer.text() == "李明"
    bulk = DisposeDialog(2, 5, today, window)
    qtbot.addWidget(bulk)
    assert bulk.reviewer.text() == "李明"
