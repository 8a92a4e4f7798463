"""The published shapes saved as Excel 97-2003 (.xls), as many counties still publish them.

Each good workbook of ``make_published_lists`` is converted to .xls by LibreOffice (one call for
all of them) and must import exactly as the .xlsx does: same kinds, sections, 文号, dates.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jianfu.services.lists import ListsService

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
import make_published_lists as published

from tests.conftest import once_per_run

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

SHAPES = [make for make in published.GOOD if make is not published.csv_with_bom]


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Path, published.Expected]]:
    """Every good shape as .xls, by the shape's name: converted once per run (by one worker
    under xdist; LibreOffice takes seconds to start), the tests only import them."""
    return once_per_run(tmp_path_factory, "published-xls", _convert)


def _convert(root: Path) -> dict[str, tuple[Path, published.Expected]]:
    folder, out, profile = root / "xlsx", root / "xls", root / "lo-profile"
    made = {}
    for make in SHAPES:
        sub = folder / make.__name__
        sub.mkdir(parents=True)
        path, want = make(sub)
        made[make.__name__] = (path, want)
    sources = [str(path) for path, _ in made.values()]
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(out),
            *sources,
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    result = {}
    for name, (path, want) in made.items():
        xls = out / (path.stem + ".xls")
        assert xls.exists(), (name, done.stdout, done.stderr)
        result[name] = (xls, want)
    return result


@pytest.mark.parametrize("make", SHAPES, ids=lambda f: f.__name__)
def test_a_published_shape_saved_as_xls_imports_like_the_xlsx(ctx, converted, make):
    lists = ListsService(ctx)
    path, want = converted[make.__name__]
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # really Excel 97-2003
    published.assert_imports_as_expected(lists, path, want)


def test_xls_dates_numbers_and_hidden_sheets_read_as_in_xlsx(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    from jianfu.interchange.table_reader import FieldSpec, TableReader, parse_code, parse_date

    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["编号", "名称", "日期"])
    ws.append([1, "甲", dt.datetime(2027, 1, 4)])
    ws.append([2.0, "乙", "2027年2月1日"])
    hidden = wb.create_sheet("草稿")
    hidden.append(["编号", "名称", "日期"])
    hidden.append([9, "不应读到", None])
    hidden.sheet_state = "hidden"
    src = tmp_path / "台账.xlsx"
    wb.save(src)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path / "out"),
            str(src),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    fields = [
        FieldSpec("number", "编号", parser=parse_code),
        FieldSpec("name", "名称", required=True),
        FieldSpec("date", "日期", parser=parse_date),
    ]
    reader = TableReader(tmp_path / "out" / "台账.xls", fields)
    rows = list(reader.rows())
    assert [
        (r.sheet, r.row, r.values["number"], r.values["name"], r.values["date"]) for r in rows
    ] == [
        ("台账", 2, "1", "甲", dt.date(2027, 1, 4)),
        ("台账", 3, "2", "乙", dt.date(2027, 2, 1)),
    ]
    assert reader.problems == []
