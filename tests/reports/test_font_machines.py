"""Fonts on the machines clerks have, with stand-in fonts renamed with fontTools: a 信创 machine
with only Noto CJK (CFF), one with the 方正 _GBK set, and a Windows set; through fontconfig
(a configuration listing only the stand-ins) and by path (Windows reads its font folder)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from font_standins import Machine, make_machine, source_faces, write_fontconfig
from pypdf import PdfReader

from jianfu.reports.fonts import (
    CID_FALLBACK,
    LATIN,
    PACKAGED_FALLBACKS,
    FontRole,
    describe_font_file,
    find_fonts,
    load_font_choices,
    refusal,
    save_font_choices,
)
from jianfu.reports.letter import NoticeLetter, build_letter_pdf
from tests.conftest import once_per_run

pytestmark = pytest.mark.skipif(
    source_faces() is None, reason="需要已安装的中文 TrueType 字体和 Liberation/DejaVu Serif"
)
needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None, reason="没有 fontconfig")


@pytest.fixture(scope="module")
def machines(tmp_path_factory) -> dict[str, Machine]:
    """The three machines, built once per run (each copy of a font takes a second; by one
    worker under xdist): the tests only read them."""

    def build(root: Path) -> dict[str, Machine]:
        return {
            "noto": make_machine(root, "noto", with_latin=False),
            "founder": make_machine(root, "founder"),
            "windows": make_machine(root, "windows"),
        }

    return once_per_run(tmp_path_factory, "font-machines", build)


def _families(font_set) -> dict[str, str]:
    return {role.value: choice.family for role, choice in font_set.choices.items()}


def _letter_pdf(font_set) -> bytes:
    letter = NoticeLetter(
        title="工作事项不予准入告知书",
        paragraphs=["一、审核情况", "2026年第3季度共审核12项。", "（一）处理意见", "正文ABC。"],
        issuer="示范县城关镇党委组织办",
    )
    return build_letter_pdf(letter, fonts=font_set)


@needs_fontconfig
def test_noto_only_machine_uses_the_packaged_truetype_font(machines, tmp_path, monkeypatch) -> None:
    machine = machines["noto"]
    monkeypatch.setenv("FONTCONFIG_FILE", str(machine.fontconfig_file))
    packaged = next((p for p in PACKAGED_FALLBACKS if describe_font_file(p)), None)
    if packaged is None:
        pytest.skip("fonts-wqy-microhei / fonts-wqy-zenhei 未安装")
    font_set = find_fonts(role_paths={})
    for choice in font_set.choices.values():
        assert choice.embedded and choice.path in PACKAGED_FALLBACKS, choice
    # Without the packaged font, the machine has nothing embeddable: the CID font, said so.
    bare = find_fonts(role_paths={}, fallback_files=())
    assert bare.name(FontRole.BODY) == CID_FALLBACK
    assert any("未嵌入" in note for note in bare.warnings())


def test_a_cff_font_is_named_as_not_embeddable(machines) -> None:
    machine = machines["noto"]
    face = describe_font_file(machine.fonts / "NotoSerifCJK-Regular.otf")
    assert face is not None and face.cjk and not face.truetype
    assert face.display == "思源宋体"
    assert "CFF" in (refusal(face) or "")


@needs_fontconfig
def test_founder_gbk_set_through_fontconfig(machines, tmp_path, monkeypatch) -> None:
    machine = machines["founder"]
    monkeypatch.setenv("FONTCONFIG_FILE", str(machine.fontconfig_file))
    font_set = find_fonts(role_paths={})
    assert _families(font_set) == {
        "title": "方正小标宋_GBK",
        "body": "方正仿宋_GBK",
        "heading": "方正黑体_GBK",
        "kai": "方正楷体_GBK",
    }
    assert all(c.preferred for c in font_set.choices.values())
    assert font_set.warnings() == []
    assert font_set.latin is not None and font_set.latin.family == "Liberation Serif"


def test_founder_gbk_set_by_path(machines) -> None:
    machine = machines["founder"]
    font_set = find_fonts(search_dirs=[machine.fonts], role_paths={}, fallback_files=())
    assert _families(font_set)["heading"] == "方正黑体_GBK"
    assert _families(font_set)["kai"] == "方正楷体_GBK"


def test_a_font_forbidding_embedding_is_named(tmp_path) -> None:
    machine = make_machine(tmp_path, "founder", restricted=frozenset({"FZXBSK.TTF"}))
    font_set = find_fonts(search_dirs=[machine.fonts], role_paths={}, fallback_files=())
    title = font_set.choices[FontRole.TITLE]
    assert title.family != "方正小标宋_GBK" and not title.preferred
    assert any("方正小标宋_GBK" in note and "不允许嵌入" in note for note in font_set.warnings()), (
        font_set.warnings()
    )


def test_windows_set_by_name(machines) -> None:
    machine = machines["windows"]
    font_set = find_fonts(search_dirs=[machine.fonts], role_paths={}, fallback_files=())
    assert _families(font_set) == {
        "title": "黑体",  # no 方正小标宋 on a bare Windows: 黑体 is the usual stand-in
        "body": "仿宋",
        "heading": "黑体",
        "kai": "楷体",
    }
    assert font_set.warnings() == ["标题未找到公文规定字体，已用“黑体”代替。"]
    assert font_set.latin is not None and font_set.latin.family == "Times New Roman"
    markup = font_set.markup("2026年", FontRole.BODY)
    assert markup == f'<font name="{font_set.latin.font_name}">2026</font>年'


@needs_fontconfig
def test_a_distribution_alias_names_the_font(machines, tmp_path, monkeypatch) -> None:
    # A distribution that calls its own font 仿宋 (fontconfig alias): that font is the body.
    folder = tmp_path / "fonts"
    shutil.copytree(machines["windows"].fonts, folder)
    (folder / "simfang.ttf").unlink()
    conf = write_fontconfig(tmp_path, folder, aliases={"仿宋": "SimSun"})
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    font_set = find_fonts(role_paths={})
    body = font_set.choices[FontRole.BODY]
    assert body.family == "宋体" and body.preferred


def test_the_pdf_embeds_the_chosen_fonts(machines) -> None:
    machine = machines["founder"]
    font_set = find_fonts(search_dirs=[machine.fonts], role_paths={}, fallback_files=())
    pdf = PdfReader(io.BytesIO(_letter_pdf(font_set)))
    embedded = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # TrueType outlines inside the PDF
            embedded.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert len(embedded) >= 4  # title, body, heading, kai (+ Latin)
    assert any("LiberationSerif" in name for name in embedded), embedded


def test_choices_are_saved_and_used(machines) -> None:
    machine = machines["windows"]
    save_font_choices({"body": str(machine.fonts / "simkai.ttf"), LATIN: ""})
    assert load_font_choices() == {"body": str(machine.fonts / "simkai.ttf")}
    font_set = find_fonts(search_dirs=[machine.fonts], fallback_files=())
    assert font_set.choices[FontRole.BODY].family == "楷体"
    assert font_set.choices[FontRole.BODY].preferred  # the clerk's choice


@needs_fontconfig
def test_jianfu_fonts_lists_each_role(machines, monkeypatch, capsys) -> None:
    from jianfu.cli import main

    monkeypatch.setenv("FONTCONFIG_FILE", str(machines["founder"].fontconfig_file))
    assert main(["fonts", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_role = {row["role"]: row for row in data["roles"]}
    assert by_role["body"]["family"] == "方正仿宋_GBK"
    assert by_role["body"]["note"] == "公文规定字体"
    assert by_role["body"]["path"].endswith("FZFSK.TTF")
    assert by_role[LATIN]["family"] == "Liberation Serif"
    assert data["notes"] == []
