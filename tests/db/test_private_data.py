"""Personal data kept private: files only the user can read, and ID numbers typed into free
text masked wherever the ID field is masked (register print and export, refusal notice,
audit snapshots)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from jianfu import paths
from jianfu.db.models import AuditRow
from jianfu.domain.certificates import CertificateInput, Outcome, OutcomeInput
from jianfu.domain.text import mask_id_numbers
from jianfu.services.certificates import CertificatesService
from jianfu.services.database import open_app

modes = pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
ID = "11010519491231002X"
OLD_ID = "110105491231002"
DAY = dt.date(2024, 3, 4)


def test_masking_free_text():
    assert mask_id_numbers(f"申请人身份证{ID}，旧证{OLD_ID}。") == (
        "申请人身份证1101**********002X，旧证1101*******1002。"
    )
    assert mask_id_numbers("电话13800138000，编号2024-0001") == "电话13800138000，编号2024-0001"
    assert mask_id_numbers(f"号{ID}") == "号1101**********002X"
    assert mask_id_numbers(f"A{ID}9") == f"A{ID}9"  # part of a longer code: left alone


@modes
def test_the_database_and_data_folder_are_private():
    data = paths.data_dir()
    ctx = open_app(None)
    ctx.database.close()
    db = paths.default_database_file()
    assert db.stat().st_mode & 0o777 == 0o600
    assert data.stat().st_mode & 0o777 == 0o700
    db.chmod(0o644)  # a database made by an older version
    data.chmod(0o755)
    open_app(None).database.close()
    assert db.stat().st_mode & 0o777 == 0o600
    assert data.stat().st_mode & 0o777 == 0o700


def _text(pdf: bytes) -> str:
    return re.sub(
        r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    )


def test_id_numbers_in_free_text_are_masked_like_the_id_field(demo_ctx, tmp_path):
    service = CertificatesService(demo_ctx)
    village = service.villages()[0].id
    request = service.register(
        CertificateInput(
            request_date=DAY,
            applicant_name="林秀英",
            subject="出生证明",
            village_id=village,
            id_number=ID,
            purpose=f"为{ID}办理户口",
            agency=f"派出所（经办人证件{OLD_ID}）",
            notes=f"代办人身份证号{ID}",
        )
    )
    service.record_outcome(
        request.id,
        OutcomeInput(
            outcome=Outcome.REFUSED,
            outcome_date=DAY,
            basis="民发〔2020〕20号",
            alternative="请到派出所办理",
            fact=f"申请人{ID}",
        ),
        request.version,
    )
    refusal = _text(service.print_refusal(request.id))
    assert ID not in refusal and OLD_ID not in refusal and "1101**********002X" in refusal
    path = tmp_path / "登记簿.xlsx"
    service.export_register(DAY, DAY, path)
    cells = repr(list(load_workbook(path).active.values))
    assert ID not in cells and OLD_ID not in cells and "1101**********002X" in cells
    register = _text(service.print_register(DAY, DAY))
    assert ID not in register and OLD_ID not in register
    with demo_ctx.unit_of_work() as s:
        snapshots = " ".join(
            (r.before or "") + (r.after or "")
            for r in s.execute(
                select(AuditRow).where(AuditRow.entity == "certificate_request")
            ).scalars()
        )
    assert ID not in snapshots and OLD_ID not in snapshots
    assert "1101**********002X" in snapshots
