"""An ID number typed into free text (索要单位, 备注, an opinion) is masked on every screen and
in every print but the applicant's own certificate, as the ID field itself is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from jianfu.domain.boards import BoardFilter
from jianfu.domain.burdens import BurdenInput
from jianfu.domain.cases import CaseAction, CaseStatus
from jianfu.domain.certificates import CertificateInput
from jianfu.domain.text import with_id_numbers_masked
from jianfu.services.cases import CaseFilter
from jianfu.ui.boards.models import board_detail_html

pytestmark = pytest.mark.usefixtures("qtbot")

FULL = "350102198001011233"  # a valid number (its check digit is right)
MASKED = "3501**********1233"


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)


@dataclasses.dataclass(frozen=True)
class _Step:
    comment: str
    at: dt.date


@dataclasses.dataclass(frozen=True)
class _Print:
    title: str
    facts: list[tuple[str, str]]
    paragraphs: tuple[str, ...]
    steps: list[_Step]
    count: int = 0


def test_a_prints_data_is_masked_at_any_depth_and_keeps_its_shape():
    data = _Print(
        title=f"联系人身份证{FULL}",
        facts=[("备注", f"代办人 {FULL}"), ("文号", "南民〔2026〕35号")],
        paragraphs=(f"经办人{FULL}。", "电话 0591-1234567"),
        steps=[_Step(f"同意。{FULL}", dt.date(2026, 12, 6))],
        count=3,
    )
    masked = with_id_numbers_masked(data)
    assert masked.title == f"联系人身份证{MASKED}"
    assert masked.facts == [("备注", f"代办人 {MASKED}"), ("文号", "南民〔2026〕35号")]
    assert masked.paragraphs == (f"经办人{MASKED}。", "电话 0591-1234567")
    assert masked.steps == [_Step(f"同意。{MASKED}", dt.date(2026, 12, 6))]
    assert masked.count == 3
    assert data.title.endswith(FULL)  # the original is left as it was


@pytest.fixture
def case_with_an_id_in_its_opinion(window):
    service = window.services.cases
    summary = next(
        s
        for s in service.page(CaseFilter(), 0, 50).rows
        if s.case.status is CaseStatus.TOWNSHIP_OPINION
    )
    case = service.advance(
        summary.case.id,
        CaseAction.SUBMIT_COUNTY_REVIEW,
        summary.case.version,
        comment=f"同意报县审核。经办人王芳 身份证{FULL}",
    )
    return service, case


def test_an_opinion_with_an_id_number_is_masked_in_the_case_detail(
    window, qtbot, case_with_an_id_in_its_opinion
):
    _service, case = case_with_an_id_in_its_opinion
    page = window.show_screen("cases")
    page.refresh()
    qtbot.waitUntil(lambda: page.select_case(case.id), timeout=10000)
    shown = page.detail.toPlainText()
    assert f"身份证{MASKED}" in shown
    assert FULL not in shown


def test_an_opinion_with_an_id_number_is_masked_on_the_approval_sheet_and_the_history(
    case_with_an_id_in_its_opinion,
):
    service, case = case_with_an_id_in_its_opinion
    # the county's opinion, which the sheet prints (the note on sending it up is not printed)
    case = service.advance(
        case.id,
        CaseAction.REFER_TO_MECHANISM,
        case.version,
        comment=f"县级审核同意。经办人王芳 身份证{FULL}",
    )
    sheet = _pdf_text(service.print_approval_sheet(case.id))
    history = _pdf_text(service.print_history(case.id))
    for text in (sheet, history):
        assert MASKED in text
        assert FULL not in text


def test_a_refusal_reason_with_an_id_number_is_masked_in_the_letter(
    case_with_an_id_in_its_opinion,
):
    service, case = case_with_an_id_in_its_opinion
    case = service.advance(case.id, CaseAction.REFER_TO_MECHANISM, case.version)
    case = service.advance(
        case.id, CaseAction.REFUSE, case.version, comment=f"申请人身份证{FULL}材料不全"
    )
    letter = service.refusal_letter(case.id)
    assert any(MASKED in p for p in letter.paragraphs)
    assert FULL not in _pdf_text(service.print_refusal_letter(case.id))


def test_agency_and_notes_with_an_id_number_are_masked_in_the_certificate_register(window, qtbot):
    service = window.services.certificates
    village = next(v for v in service.villages() if v.name == "清溪村")
    saved = service.register(
        CertificateInput(
            request_date=dt.date.today(),
            applicant_name="陈丽华",
            subject="居住证明",
            village_id=village.id,
            agency=f"南屏县不动产登记中心（经办人身份证{FULL}）",
            notes=f"代办人身份证号{FULL}",
        )
    )
    page = window.show_screen("certificates")
    page.refresh()
    qtbot.waitUntil(lambda: page.select_request(saved.id), timeout=10000)
    qtbot.waitUntil(lambda: "陈丽华" in page.detail.toPlainText(), timeout=5000)
    detail = page.detail.toPlainText()
    assert f"经办人身份证{MASKED}" in detail and f"代办人身份证号{MASKED}" in detail
    assert FULL not in detail
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == saved.id)
    texts = [str(page.model.index(row, c).data() or "") for c in range(page.model.columnCount())]
    assert any(MASKED in t for t in texts)
    assert not any(FULL in t for t in texts)


def test_a_burden_note_with_an_id_number_is_masked_in_the_ledger_and_its_print(window, qtbot):
    service = window.services.burdens
    village = next(v for v in service.villages() if v.name == "清溪村")
    record = service.add(
        BurdenInput(
            unit_id=village.id,
            type=service.types()[0].code,
            name="电动车充电桩排查周报",
            department="南屏县应急管理局",
            frequency="每周",
            notes=f"村联系人身份证{FULL}",
        )
    )
    page = window.show_screen("burdens")
    qtbot.waitUntil(lambda: page.select_ids({record.id}) == 1, timeout=10000)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == record.id)
    texts = [str(page.model.index(row, c).data() or "") for c in range(page.model.columnCount())]
    assert f"村联系人身份证{MASKED}" in texts
    assert not any(FULL in t for t in texts)
    printed = _pdf_text(service.print_ledger(village.id))
    assert f"身份证{MASKED}" in printed
    assert FULL not in printed


def test_a_board_note_with_an_id_number_is_masked_in_its_detail(window):
    board = window.services.boards.page(BoardFilter(), 0, 1).rows[0]
    shown = board_detail_html(dataclasses.replace(board, notes=f"挂牌联系人身份证{FULL}"))
    assert f"挂牌联系人身份证{MASKED}" in shown
    assert FULL not in shown


def test_an_id_number_in_a_note_is_masked_in_the_burden_and_board_workbooks(window, tmp_path):
    from openpyxl import load_workbook

    from jianfu.interchange.board_io import board_cell

    service = window.services.burdens
    village = next(v for v in service.villages() if v.name == "清溪村")
    service.add(
        BurdenInput(
            unit_id=village.id,
            type=service.types()[0].code,
            name="消防巡查月报",
            department="南屏县应急管理局",
            notes=f"联系人身份证{FULL}",
        )
    )
    target = tmp_path / "负担.xlsx"
    service.export(target)
    cells = [
        str(c) for row in load_workbook(target).active.iter_rows(values_only=True) for c in row
    ]
    assert f"联系人身份证{MASKED}" in cells
    assert not any(FULL in c for c in cells)
    board = window.services.boards.page(BoardFilter(), 0, 1).rows[0]
    noted = dataclasses.replace(board, notes=f"联系人{FULL}")
    assert board_cell(noted, "notes") == f"联系人{MASKED}"
