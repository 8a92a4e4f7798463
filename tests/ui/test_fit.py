"""Text is not cut: form dialogs grow when problem lines appear."""

from __future__ import annotations

from PySide6.QtCore import QDate

from jianfu.domain.tasks import TaskDecision
from jianfu.ui.cases.dialogs import OpenCaseDialog

UNLISTED = "请各村(社区)每周统计辖区电动自行车充电桩数量和使用频次，于每周五前报送。"


def _receive_dialog(window, qtbot, intake) -> OpenCaseDialog:
    """The 受理准入申请 dialog of the task the intake screen records, shown."""
    task = intake.record()
    service = window.services.cases
    dialog = OpenCaseDialog(service, task.id, service.request_for_task(task.id), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_receive_dialog_keeps_its_deadline_line_whole_after_problems(window, qtbot):
    intake = window.show_screen("tasks")
    intake.check_panel.set_text(UNLISTED)
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("关于开展充电桩摸底的通知")
    intake.department_combo.setEditText("南屏县发展和改革局")
    dialog = _receive_dialog(window, qtbot, intake)
    # the proposed start's note (three lines with the estimate) is whole as the dialog opens
    label = dialog.deadline_label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    dialog.nature_combo.setCurrentText("阶段")
    dialog.start_edit.set_value(None)  # the proposed start taken away (未定)
    dialog.accept()  # no dates: two problem lines appear
    assert dialog.error_text("start_date")
    label = dialog.deadline_label
    assert label.height() >= label.heightForWidth(label.width())
    # A start date lengthens the deadline note: still whole.
    dialog.start_edit.setDate(QDate.currentDate().addDays(40))
    qtbot.wait(20)
    assert "开始日期须不早于" in label.text()
    assert label.height() >= label.heightForWidth(label.width())


def test_the_certificate_verdict_box_shows_the_whole_verdict(window, qtbot, type_text):
    from jianfu.ui.certificates.dialogs import NewRequestDialog

    dialog = NewRequestDialog(window.services.certificates, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.subject_edit  # type at once
    dialog.subject_edit.setText("单身证明，银行贷款要")
    dialog.run_check()
    qtbot.wait(50)  # the layout settles
    box = dialog.verdict_box
    assert "不应出具证明" in dialog.verdict_text()
    assert box.height() >= box.heightForWidth(box.width())


def test_the_progress_dialog_is_wide_enough_for_its_title(qtbot):
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from jianfu.ui.background import TaskRunner

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    title = "正在读取清单文件并核对每一行对应的部门和事项…"
    handle = runner.run_with_dialog(parent, title, lambda _p: 1, lambda _r: None, lambda _e: None)
    dialog = parent.findChild(QProgressDialog)
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance(title)
    handle.cancel()
    runner.wait_all()


def test_a_form_that_grows_with_its_problems_stays_on_the_screen(qtbot):
    """受理准入申请 at 1366×768: the problems under 事项性质 and 开始日期 and the deadline
    note grew the dialog downwards from where it opened, and 受理/取消 went below the
    screen's edge. It moves up to keep its bottom on the screen."""
    from PySide6.QtWidgets import QLineEdit

    from jianfu.domain.errors import FieldProblem, ValidationError
    from jianfu.ui.widgets.form import FormDialog

    dialog = FormDialog("受理准入申请")
    qtbot.addWidget(dialog)
    keys = [f"f{i}" for i in range(12)]
    for key in keys:
        dialog.add_field(key, key, QLineEdit())
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    dialog.move(dialog.x(), area.bottom() - dialog.frameGeometry().height() - 10)
    qtbot.waitUntil(lambda: dialog.frameGeometry().bottom() <= area.bottom())
    before = dialog.height()
    long = "开始日期距收文日期只有 24 个工作日，应至少提前 30 个工作日申请；" * 3
    dialog.show_problems(ValidationError([FieldProblem(k, long) for k in keys[:4]]))
    assert dialog.height() > before  # it grew for the problems …
    assert dialog.frameGeometry().bottom() <= area.bottom()  # … and its buttons stay on screen
    assert dialog.frameGeometry().top() >= area.top()


def test_a_form_grown_by_its_layout_alone_stays_on_the_screen(qtbot):
    """A note set without fit_height (the layout grows the window by itself) moves it up too."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    from jianfu.ui.widgets.form import FormDialog

    dialog = FormDialog("受理准入申请")
    qtbot.addWidget(dialog)
    for i in range(8):
        dialog.add_field(f"f{i}", f"f{i}", QLineEdit())
    note = QLabel()
    note.setWordWrap(True)
    dialog.add_field("note", "期限", note)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    dialog.move(dialog.x(), area.bottom() - dialog.frameGeometry().height() - 10)
    qtbot.waitUntil(lambda: dialog.frameGeometry().bottom() <= area.bottom())
    before = dialog.height()
    note.setText("\n".join(["最早开始日期为估算：2027年的节假日安排尚未收录"] * 12))
    qtbot.waitUntil(lambda: dialog.height() > before)
    qtbot.waitUntil(lambda: dialog.frameGeometry().bottom() <= area.bottom())


def test_a_form_gives_back_the_room_of_a_problem_line_that_went(qtbot, type_text):
    """受理准入申请 grew for 开始日期不能为空 to the foot of a 768-pixel screen and stayed
    there once the clerk had put the date right. The room goes back; a dialog the clerk
    resized keeps the clerk's size."""
    from PySide6.QtWidgets import QLineEdit

    from jianfu.domain.errors import FieldProblem, ValidationError
    from jianfu.ui.widgets.form import FormDialog

    dialog = FormDialog("受理准入申请")
    qtbot.addWidget(dialog)
    edits = [dialog.add_field(f"f{i}", f"f{i}", QLineEdit()) for i in range(6)]
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    long = "开始日期距收文日期只有 24 个工作日，应至少提前 30 个工作日申请；" * 3
    dialog.show_problems(ValidationError([FieldProblem("f1", long)]))
    grown = dialog.height()
    assert grown > before
    type_text(edits[1], "改")
    assert dialog.error_text("f1") == ""
    qtbot.waitUntil(lambda: dialog.height() == before)
    # the clerk makes it taller: a problem that comes and goes leaves it so
    dialog.resize(dialog.width(), grown + 40)
    qtbot.waitUntil(lambda: dialog.height() == grown + 40)
    dialog.show_problems(ValidationError([FieldProblem("f2", "不能为空")]))
    type_text(edits[2], "改")
    qtbot.wait(20)
    assert dialog.height() == grown + 40


def test_the_receive_dialog_fits_a_1366_by_768_screen_with_its_problem_line(window, qtbot):
    """A notice received on 7 December for work done by 20 December: 受理 with the earliest
    lawful start says the end is before it. The dialog (730 px high as it opened, 620 wide)
    reached the foot of a 1366×768 screen; wider, its notes wrap into fewer lines and it
    keeps clear of a 40-px task bar with a 30-px title bar. The rows keep their heights."""
    import datetime as dt

    from jianfu.ui.widgets.dates import date_value

    intake = window.show_screen("tasks")
    intake.check_panel.set_text("请各村于12月20日前完成辖区内犬只登记摸底，填写犬只登记台账。")
    intake.decision_buttons[TaskDecision.UNLISTED].setChecked(True)
    intake.title_edit.setText("南屏县农业农村局关于开展犬只登记摸底工作的通知")
    intake.department_combo.setEditText("南屏县农业农村局")
    end = date_value(intake.received_edit) + dt.timedelta(days=13)
    intake.end_edit.setDate(QDate(end.year, end.month, end.day))
    dialog = _receive_dialog(window, qtbot, intake)
    dialog.nature_combo.setCurrentText("临时")
    dialog.accept()
    assert "不能早于开始日期" in dialog.error_text("end_date")
    assert "已按此填入开始日期" in dialog.deadline_label.text()
    qtbot.wait(20)
    assert dialog.width() <= 1366 - 100
    assert dialog.height() <= 768 - 40 - 30
    assert dialog.content_edit.height() == dialog.content_edit.minimumHeight()
    note = dialog.deadline_label
    assert note.height() >= note.heightForWidth(note.width())
