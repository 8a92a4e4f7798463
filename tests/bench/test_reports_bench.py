"""How long printing a 300-item list edition takes (measured, never asserted)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from jianfu.domain.lists import SEED_KINDS, ListEdition
from jianfu.reports.fonts import find_fonts
from jianfu.reports.lists import build_list_pdf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reports"))
from report_samples import make_items


def test_print_300_item_edition(benchmark) -> None:
    fonts = find_fonts()
    if not fonts.embedded:
        pytest.skip("没有安装可嵌入的中文 TrueType 字体")
    edition = ListEdition(
        name="示范县村(社区)工作事项准入清单(2026年版)",
        document_number="示组通〔2026〕3号",
        effective_date=dt.date(2026, 7, 1),
    )
    items = make_items(300)
    pdf = benchmark(build_list_pdf, edition, SEED_KINDS, items, fonts=fonts)
    assert pdf.startswith(b"%PDF-")
