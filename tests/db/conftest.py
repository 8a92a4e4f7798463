"""Fixtures of the database tests: the fonts of a machine that lacks a character."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read_fonts():
    """The installed fonts; skip when no CJK TrueType font is installed."""
    from jianfu.reports.fonts import find_fonts

    fonts = find_fonts()
    if not fonts.embedded:
        pytest.skip("没有安装可嵌入的中文 TrueType 字体")
    return fonts


@pytest.fixture
def single_font(tmp_path, read_fonts):
    """A machine whose only Chinese font lacks 𠮷 (U+20BB7)."""
    from jianfu.reports.fonts import find_fonts, scan_faces

    face = next((f for f in scan_faces() if f.cjk and "wqy" in f.path.lower()), None)
    if face is None:
        pytest.skip("需要文泉驿字体来模拟缺字的电脑")
    (tmp_path / "only.ttc").symlink_to(face.path)
    fonts = find_fonts(search_dirs=[tmp_path])
    assert fonts.unprintable("𠮷") == {"𠮷"}
    return fonts
