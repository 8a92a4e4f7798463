"""Every workbook the app exports: text that looks like a formula stays text, and the sheet
prints on A4 with its header repeated and numbered pages.

The printing test converts each export of the demo township with LibreOffice (headless) to
PDF and reads the pages back; it is skipped where LibreOffice is not installed.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jianfu.domain.boards import BoardInput
from jianfu.domain.burdens import BurdenInput
from jianfu.domain.certificates import CertificateInput
from jianfu.domain.periods import parse_period
from jianfu.domain.units import UnitInput
from jianfu.services.boards import BoardsService
from jianfu.services.burdens import BurdensService
from jianfu.services.certificates import CertificatesService
from jianfu.services.lists import ListsService
from jianfu.services.report import ReportService
from jianfu.services.units import UnitsService

HOSTILE = [
    '=HYPERLINK("http://example.invalid/","点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]
DAY = dt.date(2026, 3, 4)


def _exports(ctx, folder: Path) -> dict[str, Path]:
    """Write the five exports of ``ctx`` to ``folder``."""
    out = {}
    out["boards"] = folder / "牌子台账.xlsx"
    BoardsService(ctx).export(out["boards"])
    out["burdens"] = folder / "其他负担.xlsx"
    BurdensService(ctx).export(out["burdens"])
    certs = CertificatesService(ctx)
    out["certs"] = folder / "登记簿.xlsx"
    certs.export_register(dt.date(2000, 1, 1), dt.date(2100, 1, 1), out["certs"])
    lists = ListsService(ctx)
    out["lists"] = folder / "清单.xlsx"
    lists.export_edition(lists.editions()[0].id, out["lists"])
    reports = ReportService(ctx)
    out["report"] = folder / "报表.xlsx"
    reports.xlsx(reports.build(parse_period("2026Q1")), out["report"])
    return out


def _texts(path: Path) -> list[tuple[str, object, bool]]:
    cells = []
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    cells.append((c.value, c.data_type, bool(c.quotePrefix)))
    return cells


def test_text_like_a_formula_is_never_a_formula(demo_ctx, tmp_path):
    ctx = demo_ctx
    village = _village_or_add(ctx)
    for n, text in enumerate(HOSTILE):
        BoardsService(ctx).add_board(
            BoardInput(village, f"牌子{n}", category="门牌", notes=text, department=text)
        )
        CertificatesService(ctx).register(
            CertificateInput(
                request_date=DAY,
                applicant_name="林秀英",
                subject="居住证明",
                village_id=village,
                purpose=text,
                agency=text,
            )
        )
    BurdensService(ctx).add(
        BurdenInput(
            unit_id=village,
            type=BurdensService(ctx).types()[0].code,
            name=HOSTILE[1],
            notes=HOSTILE[0],
        )
    )
    paths = {
        "boards": tmp_path / "b.xlsx",
        "certs": tmp_path / "c.xlsx",
        "burdens": tmp_path / "u.xlsx",
    }
    BoardsService(ctx).export(paths["boards"])
    CertificatesService(ctx).export_register(DAY, DAY, paths["certs"])
    BurdensService(ctx).export(paths["burdens"])
    for name, path in paths.items():
        cells = _texts(path)
        hostile = [c for c in cells if c[0].lstrip("\t\r").startswith(("=", "+", "-", "@"))]
        assert hostile, name
        for value, data_type, quoted in hostile:
            assert data_type == "s" and quoted, (name, value)
        with zipfile.ZipFile(path) as z:  # no formula element anywhere in the sheet XML
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
        assert not list(tmp_path.glob(".jianfu-*"))


def _village_or_add(ctx) -> int:
    return UnitsService(ctx).add_unit(UnitInput("公式测试村")).id


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
A4 = (595.3, 841.9)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_every_export_prints_on_a4_with_numbered_pages(demo_ctx, tmp_path):
    exports = _exports(demo_ctx, tmp_path)
    profile = tmp_path / "lo-profile"
    pdf_dir = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            *map(str, exports.values()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    headers = {
        "boards": "牌子名称",
        "burdens": "依据文件",
        "certs": "身份证号",
        "lists": "事项名称",
    }
    for name, xlsx in exports.items():
        reader = PdfReader(pdf_dir / (xlsx.stem + ".pdf"))
        pages = len(reader.pages)
        assert pages >= 1, name
        for number, page in enumerate(reader.pages, start=1):
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert sorted((round(w, 1), round(h, 1))) == sorted(A4), (name, number, w, h)
            text = re.sub(r"\s+", "", page.extract_text() or "")
            if name != "report":  # the report's second sheet numbers its own pages
                assert f"第{number}页共{pages}页" in text, (name, number, text[-80:])
            if name in headers:
                assert headers[name] in text, (name, number)  # the header repeats
        print(f"{name}: {pages} pages, {w:.0f}x{h:.0f} pt")
