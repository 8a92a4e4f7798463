"""Stand-in font machines for the font tests and figures: real fonts renamed with fontTools.

The commercial fonts of government machines (方正小标宋_GBK …) and the Windows fonts cannot be
shipped, so an installed CJK TrueType face (WenQuanYi) and a Latin TrueType face (Liberation
Serif or DejaVu Serif) are copied under their names. A Noto CJK stand-in is a small CFF font
built with fontTools' FontBuilder (CFF outlines are what ReportLab cannot embed). Each machine
is a folder, usable by path or through its own fontconfig configuration.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.DefaultTable import DefaultTable

from jianfu.reports.fonts import scan_faces

#: (file, English family, simplified-Chinese family)
FOUNDER_GBK = (
    ("FZXBSK.TTF", "FZXiaoBiaoSong-B05K", "方正小标宋_GBK"),
    ("FZFSK.TTF", "FZFangSong-Z02K", "方正仿宋_GBK"),
    ("FZHTK.TTF", "FZHei-B01K", "方正黑体_GBK"),
    ("FZKTK.TTF", "FZKai-Z03K", "方正楷体_GBK"),
)
WINDOWS = (
    ("simsun.ttf", "SimSun", "宋体"),
    ("simhei.ttf", "SimHei", "黑体"),
    ("simfang.ttf", "FangSong", "仿宋"),
    ("simkai.ttf", "KaiTi", "楷体"),
)
NOTO = (
    ("NotoSerifCJK-Regular.otf", "Noto Serif CJK SC", "思源宋体"),
    ("NotoSansCJK-Regular.otf", "Noto Sans CJK SC", "思源黑体"),
)


def source_faces() -> tuple[str, int, str] | None:
    """An installed CJK TrueType face (path, index) and a Latin TrueType file, or ``None``."""
    faces = scan_faces()
    cjk = next((f for f in faces if f.cjk and f.matches(("WenQuanYi Micro Hei",))), None)
    cjk = cjk or next((f for f in faces if f.cjk), None)
    regular = [f for f in faces if not any(w in f.path.lower() for w in ("bold", "italic"))]
    latin = next(
        (f for name in ("Liberation Serif", "DejaVu Serif") for f in regular if f.matches((name,))),
        None,
    )
    if cjk is None or latin is None:
        return None
    return cjk.path, cjk.index, latin.path


def renamed(
    source: str, index: int, target: Path, english: str, chinese: str, fs_type: int = 0
) -> Path:
    """Copy face ``index`` of ``source`` to ``target`` under new family names."""
    font = TTFont(source, fontNumber=index)
    name = font["name"]
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    postscript = "".join(ch for ch in english if ch.isascii() and ch.isalnum()) or "StandIn"
    for value, name_id in ((english, 1), ("Regular", 2), (english, 4), (postscript, 6)):
        name.setName(value, name_id, 3, 1, 0x409)
    if chinese != english:
        name.setName(chinese, 1, 3, 1, 0x804)
        name.setName(chinese, 4, 3, 1, 0x804)
    # fsType set in the table's bytes (offset 8): decompiling OS/2 made fontTools compile it
    # again, which loads the glyph order and so compiles 'post' again (tens of thousands of
    # glyph names: about 10 s a font, loaded). Every other table is copied as it is.
    os2 = DefaultTable("OS/2")
    os2.data = font.reader["OS/2"][:8] + struct.pack(">H", fs_type) + font.reader["OS/2"][10:]
    font["OS/2"] = os2
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    font.close()
    return target


def cff_font(target: Path, english: str, chinese: str) -> Path:
    """A small CFF-outline OpenType font that declares Chinese (as Noto CJK does)."""
    fb = FontBuilder(1000, isTTF=False)
    glyphs = [".notdef", "uni4E2D", "uni6587"]
    fb.setupGlyphOrder(glyphs)
    fb.setupCharacterMap({0x4E2D: "uni4E2D", 0x6587: "uni6587"})
    strings = {}
    for glyph in glyphs:
        pen = T2CharStringPen(1000, None)
        pen.moveTo((100, 0))
        pen.lineTo((900, 0))
        pen.lineTo((900, 800))
        pen.closePath()
        strings[glyph] = pen.getCharString()
    postscript = english.replace(" ", "")
    fb.setupCFF(postscript, {"FullName": english}, strings, {})
    fb.setupHorizontalMetrics(dict.fromkeys(glyphs, (1000, 100)))
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": english, "styleName": "Regular", "psName": postscript})
    fb.font["name"].setName(chinese, 1, 3, 1, 0x804)
    fb.setupOS2(ulCodePageRange1=1 << 18, fsType=0)  # GB2312 code page: a Chinese font
    fb.setupPost()
    target.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(target))
    return target


@dataclass
class Machine:
    """A folder of fonts and, for fontconfig, a configuration that lists only that folder."""

    name: str
    fonts: Path
    fontconfig_file: Path


def make_machine(
    root: Path,
    name: str,
    *,
    with_latin: bool = True,
    restricted: frozenset[str] = frozenset(),
    aliases: dict[str, str] | None = None,
) -> Machine:
    """Build one of the machines: ``noto``, ``founder`` (方正 _GBK set), ``windows``.

    ``restricted`` names files whose stand-in forbids embedding (OS/2 fsType 2); ``aliases``
    adds fontconfig aliases (family -> preferred family), as distributions configure them.
    """
    found = source_faces()
    if found is None:
        raise LookupError("needs an installed CJK TrueType font and Liberation/DejaVu Serif")
    cjk_path, cjk_index, latin_path = found
    folder = root / name / "fonts"
    if name == "noto":
        for file, english, chinese in NOTO:
            cff_font(folder / file, english, chinese)
    else:
        table = FOUNDER_GBK if name == "founder" else WINDOWS
        for file, english, chinese in table:
            fs_type = 2 if file in restricted else 0
            renamed(cjk_path, cjk_index, folder / file, english, chinese, fs_type)
    if with_latin and name == "windows":
        renamed(latin_path, 0, folder / "times.ttf", "Times New Roman", "Times New Roman")
    elif with_latin:
        renamed(
            latin_path,
            0,
            folder / "LiberationSerif-Regular.ttf",
            "Liberation Serif",
            "Liberation Serif",
        )
    conf = write_fontconfig(root / name, folder, aliases)
    return Machine(name, folder, conf)


def write_fontconfig(where: Path, folder: Path, aliases: dict[str, str] | None = None) -> Path:
    """A fontconfig configuration listing only ``folder``, with ``aliases`` (family -> font)."""
    alias_xml = "".join(
        f"<alias binding='same'><family>{family}</family><prefer><family>{target}</family>"
        "</prefer></alias>"
        for family, target in (aliases or {}).items()
    )
    conf = where / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'urn:fontconfig:fonts.dtd'>\n"
        f"<fontconfig><dir>{folder}</dir><cachedir>{where / 'cache'}</cachedir>"
        f"{alias_xml}</fontconfig>\n",
        encoding="utf-8",
    )
    return conf
