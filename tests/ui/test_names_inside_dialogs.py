"""A dialog about a stored record names it inside, not in its title.

The window manager draws a window's title in its own font, not the app's (which has fonts
for rare characters, ``ui.glyphs``): a name there showed 谢𠮷 as 谢□ (the 办理结果 dialog, fixed
in the certificates' tests). Each dialog titled with a case's title, a board's name, a file's
name or a township's name keeps a fixed title and shows the text in a label, drawn by the
app's fonts and, for a character no installed font has, noted as the registers note it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from PySide6.QtGui import QFontMetrics, QImage, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QLineEdit

from jianfu.domain.boards import BoardFilter, PhotoStage
from jianfu.domain.cases import CaseAction
from jianfu.ui import glyphs
from tests.rare_names import JI, NO_FONT


@pytest.fixture
def rare_fonts(qapp):
    """The application font as ``make_application`` gives it (restored afterwards)."""
    before = qapp.font()
    found = glyphs.use_rare_character_fonts(qapp)
    yield found
    qapp.setFont(before)


def _shown(dialog, name: str, text: str, rare_fonts) -> None:
    """``text`` is shown in the label ``name`` of ``dialog`` (a character no font has noted
    under it), and not in the dialog's title."""
    dialog.show()
    assert text not in dialog.windowTitle() and JI not in dialog.windowTitle()
    label = dialog.findChild(QLabel, name)
    assert label is not None and label.isVisible()
    shown = QTextDocumentFragment.fromHtml(label.text()).toPlainText()
    if NO_FONT in text and not QFontMetrics(label.font()).inFontUcs4(ord(NO_FONT)):
        assert shown == f"{text}\n本机字体缺少“{NO_FONT}”（U+31350），已按原字保存"
    else:
        assert shown == text
        if rare_fonts:
            assert glyphs.missing_characters(text, label.font()) == []


def test_a_case_step_names_the_case_inside(window, qtbot, rare_fonts):
    from jianfu.ui.cases.dialogs import StepDialog

    cases = window.show_screen("cases")
    qtbot.waitUntil(lambda: not cases.model.reloading)
    rows = [cases.model.row_at(r) for r in range(cases.model.rowCount())]
    back = CaseAction.RETURN_FOR_CORRECTION
    case = next(s.case for s in rows if back in s.case.allowed_actions())
    for title in (f"谢{JI}村便民服务点挂牌", f"王{NO_FONT}村工作台账"):
        named = replace(case, request=replace(case.request, title=title))
        step = StepDialog(window.services.cases, named, CaseAction.RETURN_FOR_CORRECTION, cases)
        qtbot.addWidget(step)
        assert step.windowTitle() == "退回补正"
        _shown(step, "case_title", title, rare_fonts)
        assert step.fields.form.labelForField(step.case_title).text() == "事项名称"
        assert step.focusWidget() in (None, step.comment_edit)  # the opinion, as before


def test_a_board_is_named_inside_its_dialogs(window, qtbot, rare_fonts):
    from jianfu.ui.boards.dialogs import BoardDialog, InspectionDialog

    service = window.services.boards
    board = service.page(BoardFilter()).rows[0]
    named = replace(board, name=f"谢{JI}村调解室")
    edit = BoardDialog(service, named, [(board.village_id, board.village)], ["门牌"])
    qtbot.addWidget(edit)
    edit.show()
    assert edit.windowTitle() == "编辑牌子"
    assert isinstance(edit.name, QLineEdit) and edit.name.text() == named.name
    for name in (f"谢{JI}村调解室", f"王{NO_FONT}村调解室"):
        inspect = InspectionDialog(service, replace(board, name=name))
        qtbot.addWidget(inspect)
        assert inspect.windowTitle() == "复查牌子"
        _shown(inspect, "board_name", name, rare_fonts)


def test_a_photo_and_an_import_name_their_file_inside(qtbot, rare_fonts):
    from jianfu.services.boards import BoardImportPreview
    from jianfu.ui.boards.dialogs import BoardImportDialog, PhotoViewDialog

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    caption = f"{PhotoStage.BEFORE.value}：谢{JI}村牌子.jpg"
    photo = PhotoViewDialog(caption, image)
    qtbot.addWidget(photo)
    assert photo.windowTitle() == "查看照片"
    _shown(photo, "photo_caption", caption, rare_fonts)

    preview = BoardImportPreview(f"谢{JI}村台账.xlsx", by_village={"岭下村": 2})
    dialog = BoardImportDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "导入预览"
    assert f"从“谢{JI}村台账.xlsx”" in dialog.summary.text()


def test_the_burdens_import_names_its_file_inside(qtbot):
    from jianfu.services.burdens import BurdenImportPreview
    from jianfu.ui.burdens.dialogs import BurdenImportDialog

    dialog = BurdenImportDialog(BurdenImportPreview(f"谢{JI}村负担.xlsx", rows_read=1), {})
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "导入预览"
    assert f"从“谢{JI}村负担.xlsx”" in dialog.summary_label.text()


def test_the_print_preview_says_where_it_saved_inside(qtbot, tmp_path, rare_fonts):
    from jianfu.ui.widgets.printing import PdfPreviewDialog
    from tests.ui.test_printing import _letter_pdf

    name = f"证明-2026-0023-谢{JI}.pdf"
    dialog = PdfPreviewDialog(_letter_pdf(), "打印证明", name)
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / name)
    assert dialog.windowTitle() == "打印证明（打印预览）— 已保存"
    _shown(dialog, "saved_to", f"已保存到 {tmp_path / name}", rare_fonts)
