"""Font discovery, fallback per character, escaping, and the built-in CID last resort."""

from __future__ import annotations

import re

import pytest

from jianfu.reports.fonts import (
    CID_FALLBACK,
    FontRole,
    FontSet,
    find_fonts,
    scan_faces,
)

RARE = "\U00020bb7"  # 𠮷, CJK Extension B: missing from most fonts


def test_every_role_gets_an_embedded_font(fonts: FontSet) -> None:
    assert set(fonts.choices) == set(FontRole)
    for choice in fonts.choices.values():
        assert choice.embedded
        assert choice.path
        assert fonts.name(choice.role) == choice.font_name


def test_fonts_are_found_once_per_process(fonts: FontSet) -> None:
    assert find_fonts() is find_fonts()


def test_markup_escapes_user_text(fonts: FontSet) -> None:
    markup = fonts.markup("成绩 < 60 & <b>加粗</b>\n第二行", FontRole.BODY)
    # Latin letters and digits may sit in <font> runs of the Latin face; the text itself is
    # escaped.
    text = re.sub(r'<font name="[^"]+">|</font>', "", markup)
    assert "&lt;b&gt;" in text
    assert "&amp;" in markup
    assert "<b>" not in markup
    assert text.endswith("<br/>第二行")


def test_markup_keeps_ideographic_spaces(fonts: FontSet) -> None:
    markup = fonts.markup("签字：　　（盖章）", FontRole.BODY)
    assert markup.count("\u00a0") == 4


def test_plain_chinese_is_printable(fonts: FontSet) -> None:
    assert fonts.unprintable("村(社区)工作事项准入清单 2026年 ABC", FontRole.BODY) == set()


def test_rare_character_falls_back_or_is_reported(fonts: FontSet) -> None:
    markup = fonts.markup(f"吉{RARE}祥", FontRole.BODY)
    if RARE in fonts.unprintable(RARE):
        return  # no installed font has it: the UI warns
    match = re.search(rf'<font name="([^"]+)">{RARE}</font>', markup)
    assert match, markup
    assert match.group(1) != fonts.name(FontRole.BODY)


def test_a_rare_character_prints_and_reads_back_as_itself(fonts: FontSet) -> None:
    """谢𠮷 and 王𡒄华 in a real PDF: drawn from an embedded font that has them, and its
    text (copied, searched, read by pypdf and pdftotext) is the name, not 谢₻ (ReportLab
    wrote U+20BB7 into the ToUnicode map as <20BB7>, which readers take for U+20BB + 7)."""
    import io

    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    names = f"谢{RARE} 王\U00021484华"
    if fonts.unprintable(names):
        pytest.skip("no installed font has CJK Extension B (Debian: fonts-hanazono)")
    out = io.BytesIO()
    style = ParagraphStyle("body", fontName=fonts.name(FontRole.BODY), fontSize=16)
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(fonts.markup(names), style)])
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert reader.pages[0].extract_text().split() == names.split()


def test_controls_and_variation_selectors_are_not_reported(fonts: FontSet) -> None:
    assert fonts.unprintable("a\u200b\ufe0fb\x07") == set()


def test_no_fonts_falls_back_to_the_cid_font(tmp_path) -> None:
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00garbage")
    (tmp_path / "empty.ttc").write_bytes(b"")
    # A CFF-based OpenType font (as Noto CJK is): ReportLab cannot embed it.
    (tmp_path / "NotoSansCJK-Regular.otf").write_bytes(b"OTTO" + b"\x00" * 64)
    font_set = find_fonts(search_dirs=[tmp_path], fallback_files=())
    assert not font_set.embedded
    assert font_set.name(FontRole.BODY) == CID_FALLBACK
    assert any("未嵌入" in note for note in font_set.warnings())
    assert font_set.unprintable(f"中{RARE}") == {RARE}
    assert font_set.markup("a<b", FontRole.TITLE) == "a&lt;b"


def test_a_font_chosen_in_the_settings_takes_precedence(fonts: FontSet) -> None:
    faces = [f for f in scan_faces() if f.cjk]
    chosen = faces[-1]
    font_set = find_fonts(role_paths={FontRole.BODY: chosen.path})
    assert font_set.choices[FontRole.BODY].path == chosen.path
    assert font_set.choices[FontRole.BODY].preferred


def test_substitutes_are_explained(fonts: FontSet) -> None:
    for note in fonts.warnings():
        assert "代替" in note or "未嵌入" in note


@pytest.mark.parametrize("role", list(FontRole))
def test_role_labels_are_chinese(role: FontRole) -> None:
    assert role.label


def test_a_machine_with_a_single_chinese_font(fonts, tmp_path) -> None:
    face = next(f for f in scan_faces() if f.cjk)
    (tmp_path / "only.ttc").symlink_to(face.path)
    font_set = find_fonts(search_dirs=[tmp_path])
    assert font_set.embedded
    assert {c.path for c in font_set.choices.values()} == {face.path}
    assert font_set.unprintable("村(社区)准入清单 2026") == set()
