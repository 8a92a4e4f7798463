"""Fixtures for the PDF tests: installed fonts (or a clean skip), sample lists, PDF reading."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from report_samples import make_items

from jianfu.domain.lists import ItemStatus, ListEdition, ListItem
from jianfu.reports.fonts import FontSet, find_fonts


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    """The installed fonts; the PDF tests skip when no CJK TrueType font is installed."""
    font_set = find_fonts()
    if not font_set.embedded:
        pytest.skip("没有安装可嵌入的中文 TrueType 字体（例如 Debian 的 fonts-wqy-zenhei）")
    return font_set


@pytest.fixture(scope="session")
def dejavu_latin_fonts() -> FontSet:
    """The installed fonts with DejaVu Serif as the Latin face (wider than Liberation: a Debian
    machine without Liberation prints digits in it); skips where it or a CJK font is missing."""
    from jianfu.reports.fonts import LATIN, scan_faces

    dejavu = next(
        (f for f in scan_faces() if f.matches(("DejaVu Serif",)) and "Bold" not in f.path
         and "Italic" not in f.path and "Condensed" not in f.path),
        None,
    )  # fmt: skip
    if dejavu is None:
        pytest.skip("DejaVu Serif is not installed")
    font_set = find_fonts(role_paths={LATIN: dejavu.path})
    if not font_set.embedded:
        pytest.skip("no embeddable Chinese TrueType font")
    return font_set


@pytest.fixture
def edition() -> ListEdition:
    return ListEdition(
        name="示范县村(社区)工作事项准入清单(2026年版)",
        issuing_body="示范县党建引领基层治理协调机制",
        document_number="示组通〔2026〕3号",
        effective_date=dt.date(2026, 7, 1),
    )


@pytest.fixture
def sample_items() -> list[ListItem]:
    """Twenty items, one of them withdrawn and one with markup-like user text."""
    items = make_items(20)
    items[0] = ListItem(
        "duty",
        "成绩 < 60 分 & <b>加粗</b> 的事项",
        content="AT&T 第1行\n第2行",
        basis="a<b",
        department="县局",
    )
    items[5] = ListItem("duty", "已经退出的旧事项", status=ItemStatus.WITHDRAWN)
    return items


class Pdf:
    """A generated PDF read back with pypdf."""

    def __init__(self, data: bytes) -> None:
        assert data.startswith(b"%PDF-")
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() or "" for page in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """All text without white space: pypdf breaks lines where the PDF wraps them."""
        return re.sub(r"\s+", "", self.text)

    def font_descriptors(self) -> dict[str, bool]:
        """Every font used on any page, and whether its program is embedded (FontFile2)."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources") or {}
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descendant = font["/DescendantFonts"][0].get_object()
                    descriptor = descendant.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(font.get("/BaseFont"))] = embedded
        return found


@pytest.fixture
def read_pdf():
    return Pdf
