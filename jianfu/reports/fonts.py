"""Find installed CJK TrueType fonts for official documents and build safe paragraph markup.

Commercial fonts (方正小标宋, 仿宋_GB2312, the 方正 _GBK families …) are never shipped, so they
are looked up at run time and replaced in order by what is installed. Where fontconfig exists
(Linux, UOS, Kylin) it lists the fonts and resolves the distribution's own aliases
(``fc-match 仿宋``); elsewhere (Windows) the font folders are read. Names and the embedding
permission (OS/2 ``fsType``) are read with fontTools. A character the chosen font lacks
switches, character by character, to another installed font that has it; characters no
installed font has are reported by :meth:`FontSet.unprintable` so the UI can warn instead of
printing blanks. Digits and Latin letters use a Latin face (Times New Roman, else Liberation
Serif) as official documents do. When no embeddable CJK TrueType font is installed, the one
the package depends on (WenQuanYi) is used; the non-embedded CID font is the very last resort.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from fontTools.ttLib import TTCollection, TTLibError
from fontTools.ttLib import TTFont as ToolsFont
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from jianfu.domain.errors import JianfuError

NBSP = "\u00a0"
#: Printed where no installed font has the character, so a gap never goes unnoticed.
MISSING_MARK = "□"


def unprintable_message(chars: Sequence[str]) -> str:
    """The clerk's message for characters no installed font has."""
    listed = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars)
    return (
        f"本机已安装的字体无法打印这些字：{listed}。请安装含这些字的字体（如 花园明朝 HanaMinB、"
        "SimSun-ExtB），或在“设置”中指定字体后再打印；也可以选择仍然打印，缺字处印成□，再手写补上。"
    )


class UnprintableError(JianfuError):
    """A print not made: no installed font has ``chars`` (in text order); made with
    ``allow_missing`` they print as :data:`MISSING_MARK`."""

    def __init__(self, chars: Sequence[str]) -> None:
        super().__init__(unprintable_message(chars))
        self.chars = list(chars)


def refuse_unprintable(fonts: FontSet, text: str, allow_missing: bool) -> list[str]:
    """The characters of ``text`` no installed font has, in text order; raises
    :class:`UnprintableError` naming them unless ``allow_missing``."""
    missing = sorted(fonts.unprintable(text), key=text.index)
    if missing and not allow_missing:
        raise UnprintableError(missing)
    return missing


def text_of(record: object) -> str:
    """Every string of ``record`` (a print's data: strings, and lists, tuples, dicts and
    dataclasses of them, at any depth), joined, for :func:`refuse_unprintable`."""
    if isinstance(record, str):
        return record
    if isinstance(record, list | tuple | set | frozenset):
        return "".join(text_of(v) for v in record)
    if isinstance(record, dict):
        return "".join(text_of(k) + text_of(v) for k, v in record.items())
    if is_dataclass(record) and not isinstance(record, type):
        return "".join(text_of(getattr(record, f.name)) for f in fields(record))
    return ""


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap of an embedded subset, with characters above U+FFFF written
    as UTF-16 (``<D842DFB7>`` for 𠮷): ReportLab writes ``<20BB7>``, which readers take for
    another character, so a name such as 谢𠮷 printed right but was copied and searched in
    the PDF as 谢₻."""
    cmap = _rl_to_unicode_cmap(fontname, subset)
    right = {
        f"<{i:02X}> <{code:04X}>": f"<{i:02X}> <{chr(code).encode('utf-16-be').hex().upper()}>"
        for i, code in enumerate(subset)
        if code > 0xFFFF
    }
    if not right:
        return cmap
    return "\n".join(right.get(line, line) for line in cmap.split("\n"))


_rl_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap

#: ReportLab's built-in Adobe CID font: always available, never embedded.
CID_FALLBACK = "STSong-Light"

_FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
#: The key of the Latin face (digits and letters) in ``role_paths`` and the saved choices.
LATIN = "latin"
#: What the clerk calls the Latin face.
LATIN_LABEL = "数字和字母"


class FontRole(StrEnum):
    """What a font is used for in an official document (GB/T 9704-2012)."""

    TITLE = "title"  # 方正小标宋简体
    BODY = "body"  # 仿宋_GB2312
    HEADING = "heading"  # 黑体, for "一、" headings and table headers
    KAI = "kai"  # 楷体_GB2312, for "(一)" headings

    @property
    def label(self) -> str:
        """The role in Chinese, for warnings."""
        return {
            FontRole.TITLE: "标题",
            FontRole.BODY: "正文",
            FontRole.HEADING: "黑体标题",
            FontRole.KAI: "楷体标题",
        }[self]


def _norm(name: str) -> str:
    """A family name reduced for comparison: lower case, no spaces, dashes or underscores."""
    return "".join(ch for ch in name.casefold() if ch not in " -_\u3000")


# Preference tiers per role: each tier is a set of family names or file stems (compared with
# ``_norm``). The first tier is the font GB/T 9704 asks for.
# The 方正 (Founder) families sold for government machines come as 简体 (GB2312 character set)
# and _GBK (the full GBK set) editions; their English names are FZ… with an S (简体) or K (GBK)
# suffix, and the files are named after them (FZXBSK.TTF, FZFSK.TTF, FZHTK.TTF, FZKTK.TTF).
_OFFICIAL_TITLE = (
    "方正小标宋简体",
    "方正小标宋_GBK",
    "方正小标宋",
    "FZXiaoBiaoSong-B05S",
    "FZXiaoBiaoSong-B05",
    "FZXBSJW",
    "FZXBSK",
    "FZXiaoBiaoSong-B05K",
)
_FZ_HEI = ("方正黑体_GBK", "方正黑体简体", "方正黑体", "FZHei-B01S", "FZHei-B01", "FZHTK", "FZHTJW")
_HEI = ("黑体", "SimHei", "simhei", *_FZ_HEI)
_SONG = ("宋体", "SimSun", "新宋体", "NSimSun", "方正书宋_GBK", "方正书宋简体", "FZSSK", "FZSSJW")
_FANG_GB = ("仿宋_GB2312", "FangSong_GB2312", "仿宋GB2312", "FS_GB2312")
_FZ_FANG = (
    "方正仿宋_GBK",
    "方正仿宋简体",
    "方正仿宋_GB2312",
    "方正仿宋",
    "FZFangSong-Z02S",
    "FZFangSong-Z02",
    "FZFSK",
    "FZFSJW",
)
_FANG = ("仿宋", "FangSong", "simfang", *_FZ_FANG, "华文仿宋", "STFangsong", "STFANGSO")
_KAI_GB = ("楷体_GB2312", "KaiTi_GB2312", "楷体GB2312", "KT_GB2312")
_FZ_KAI = (
    "方正楷体_GBK",
    "方正楷体简体",
    "方正楷体_GB2312",
    "方正楷体",
    "FZKai-Z03S",
    "FZKai-Z03",
    "FZKTK",
    "FZKTJW",
)
_KAI = (
    "楷体",
    "KaiTi",
    "simkai",
    *_FZ_KAI,
    "华文楷体",
    "STKaiti",
    "STKAITI",
    "Kaiti SC",
    "楷体-简",
)
_OTHER_SONG = ("华文中宋", "STZhongsong", "华文宋体", "STSong", "Songti SC", "宋体-简")
_OTHER_HEI = ("微软雅黑", "Microsoft YaHei", "msyh", "等线", "DengXian", "Heiti SC", "黑体-简")
_WQY = (
    "WenQuanYi Zen Hei",
    "文泉驿正黑",
    "WenQuanYi Micro Hei",
    "文泉驿微米黑",
)
_UMING = ("AR PL UMing CN", "AR PL UMing", "uming", "AR PL SungtiL GB")
_UKAI = ("AR PL UKai CN", "AR PL UKai", "ukai", "AR PL KaitiM GB")
_LAST = ("Droid Sans Fallback", "DroidSansFallbackFull", "DroidSansFallback")
#: Fonts for rare characters (CJK Ext-B and beyond), tried first for characters above U+FFFF.
_EXT_B = (
    "SimSun-ExtB",
    "simsunb",
    "MingLiU-ExtB",
    "HanaMinB",
    "花園明朝B",
    "HanaMinA",
    "花園明朝A",
    "SimSun-ExtG",
)
#: Latin faces for digits and letters, in order: Times New Roman (Windows, the face official
#: documents use), its metric twins Liberation Serif and TeX Gyre Termes, then others.
_LATIN = (
    "Times New Roman",
    "times",
    "Liberation Serif",
    "LiberationSerif-Regular",
    "TeX Gyre Termes",
    "Nimbus Roman",
    "DejaVu Serif",
)
#: Characters printed in the Latin face when one is installed.
_LATIN_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;%/+-")
#: Names fontconfig is asked for, per role, to find what the distribution calls that font.
_FC_QUERIES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK"),
    "body": ("仿宋_GB2312", "仿宋"),
    "heading": ("黑体",),
    "kai": ("楷体_GB2312", "楷体"),
    LATIN: ("Times New Roman",),
}
#: The embeddable CJK TrueType fonts the package depends on (Debian: fonts-wqy-microhei or
#: fonts-wqy-zenhei), used when nothing embeddable is installed where fonts are looked up.
PACKAGED_FALLBACKS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    # and the Latin face (fonts-liberation2 or fonts-liberation)
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)

_BODY_TIERS: tuple[tuple[str, ...], ...] = (
    _FANG_GB,
    _FANG,
    _SONG,
    _OTHER_SONG,
    _WQY,
    _UMING,
    _UKAI,
    _OTHER_HEI,
    _LAST,
)
_TIERS: dict[FontRole, tuple[tuple[str, ...], ...]] = {
    FontRole.TITLE: (_OFFICIAL_TITLE, _HEI, _SONG, _OTHER_SONG, _OTHER_HEI, *_BODY_TIERS),
    FontRole.BODY: _BODY_TIERS,
    FontRole.HEADING: (_HEI, _OTHER_HEI, _WQY, *_BODY_TIERS),
    FontRole.KAI: (_KAI_GB, _KAI, _UKAI, *_BODY_TIERS),
}
#: Tiers whose presence means the font GB/T 9704 asks for (or its Windows stand-in) is used.
_PREFERRED: dict[FontRole, frozenset[str]] = {
    FontRole.TITLE: frozenset(map(_norm, _OFFICIAL_TITLE)),
    FontRole.BODY: frozenset(map(_norm, _FANG_GB + _FANG)),
    FontRole.HEADING: frozenset(map(_norm, _HEI)),
    FontRole.KAI: frozenset(map(_norm, _KAI_GB + _KAI)),
}
_PREFERRED_LATIN = frozenset(map(_norm, _LATIN[:2]))


# ---------------------------------------------------------------- reading font files


@dataclass(frozen=True)
class FontFace:
    """One face of an installed font file (a .ttc holds several), read from its headers."""

    path: str
    index: int
    family: str  # the English family name when there is one, else the first name found
    names: frozenset[str]  # every family/full name in every language, normalised
    truetype: bool  # TrueType (glyf) outlines: ReportLab can embed it
    embeddable: bool  # OS/2 fsType allows embedding
    cjk: bool  # declares Chinese coverage (code pages or Unicode ranges)
    display: str = ""  # the name to show the clerk: the Chinese one when there is one

    def matches(self, aliases: Iterable[str]) -> bool:
        """True if one of ``aliases`` is a family name or the file stem of this face."""
        stem = _norm(Path(self.path).stem)
        return any(_norm(a) in self.names or _norm(a) == stem for a in aliases)


def _read_faces(path: str) -> list[FontFace]:
    """The faces in one font file (every face of a .ttc); an unreadable file gives none."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) == b"ttcf":
                fh.seek(0)
                fonts = list(TTCollection(fh, lazy=True).fonts)
            else:
                fh.seek(0)
                fonts = [ToolsFont(fh, lazy=True)]
            # lazy: only the table directory, ``name`` and ``OS/2`` are read, inside ``with``
            return [face for i, font in enumerate(fonts) if (face := _face(path, i, font))]
    except (OSError, TTLibError, struct.error, ValueError, KeyError, IndexError, AssertionError):
        return []


def _face(path: str, index: int, font: ToolsFont) -> FontFace | None:
    """One face: its names (``name`` IDs 1, 4, 16), outlines and ``OS/2`` flags."""
    if "name" not in font:
        return None
    english: list[str] = []
    other: list[str] = []
    chinese = ""
    for record in font["name"].names:
        if record.nameID not in (1, 4, 16):
            continue
        try:
            text = record.toUnicode().strip("\x00 ")
        except (UnicodeDecodeError, LookupError):
            continue
        is_english = (record.platformID == 3 and record.langID == 0x0409) or (
            record.platformID == 1 and record.langID == 0
        )
        target = english if is_english else other
        if text and text not in english and text not in other:
            target.append(text)
        if record.platformID == 3 and record.langID == 0x0804 and record.nameID in (1, 16):
            chinese = chinese or text  # the simplified-Chinese family name, for the clerk
    names = english + other
    truetype = "glyf" in font and "CFF " not in font
    embeddable, cjk = True, False
    if "OS/2" in font:
        os2 = font["OS/2"]
        # fsType 0x0002 "restricted licence embedding", 0x0100 "no subsetting", 0x0200
        # "bitmap embedding only": the outlines may not go into a PDF as ReportLab writes them
        # (subset). The same rule as ReportLab's own check.
        embeddable = not (os2.fsType == 0x0002 or os2.fsType & 0x0300)
        # Code pages 17-21 (JIS, GB2312, Wansung, Big5, Johab): Latin fonts that only claim
        # the CJK Unicode range bit (DejaVu Math does) are not taken for Chinese.
        cjk = bool(getattr(os2, "ulCodePageRange1", 0) & 0x003E0000)
    ascii_names = [n for n in names if n.isascii()]
    family = ascii_names[0] if ascii_names else names[0] if names else Path(path).stem
    return FontFace(
        path=path,
        index=index,
        family=family,
        names=frozenset(_norm(n) for n in names),
        truetype=truetype,
        embeddable=embeddable,
        cjk=cjk,
        display=chinese or family,
    )


def describe_font_file(path: str | os.PathLike[str]) -> FontFace | None:
    """The first face of a font file the clerk picked, or ``None`` if it is no font."""
    faces = _read_faces(str(path))
    return faces[0] if faces else None


def refusal(face: FontFace) -> str | None:
    """Why ``face`` cannot go into a PDF, in Chinese; ``None`` when it can."""
    if not face.embeddable:
        return f"“{face.display}”的字体授权不允许嵌入文件"
    if not face.truetype:
        return f"“{face.display}”是 PostScript (CFF) 轮廓的 OpenType 字体，不能嵌入 PDF"
    return None


# ---------------------------------------------------------------- where fonts live


def font_dirs() -> list[Path]:
    """The system and per-user font folders of this platform that exist."""
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        ]
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        dirs += [
            Path(xdg) / "fonts" if xdg else home / ".local" / "share" / "fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return [d for d in dirs if d.is_dir()]


def _font_files(dirs: Iterable[Path]) -> Iterator[str]:
    """Every .ttf/.ttc/.otf below ``dirs``, each file once."""
    seen: set[str] = set()
    for root_dir in dirs:
        for root, _subdirs, files in os.walk(root_dir):
            for name in sorted(files):
                if name.lower().endswith(_FONT_SUFFIXES):
                    real = os.path.realpath(os.path.join(root, name))
                    if real not in seen:
                        seen.add(real)
                        yield real


def _fontconfig(*args: str) -> list[str] | None:
    """Lines printed by fontconfig's ``fc-list``/``fc-match``; ``None`` where there is none."""
    if sys.platform.startswith("win"):
        return None
    exe = shutil.which(args[0])
    if exe is None:
        return None
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        # The packaged app's loader points LD_LIBRARY_PATH at its own libraries; the system's
        # fontconfig tools get the caller's original value back.
        original = env.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            env.pop("LD_LIBRARY_PATH", None)
        else:
            env["LD_LIBRARY_PATH"] = original
    try:
        done = subprocess.run(
            [exe, *args[1:]], capture_output=True, text=True, timeout=60, check=True, env=env
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return [line for line in done.stdout.splitlines() if line.strip()]


def _fontconfig_files() -> list[str] | None:
    """Every font file fontconfig knows (its configured folders), or ``None`` without it."""
    lines = _fontconfig("fc-list", "--format", "%{file}\n")
    if lines is None:
        return None
    return sorted({line for line in lines if line.lower().endswith(_FONT_SUFFIXES)})


def _fontconfig_aliases() -> dict[str, list[tuple[str, int]]]:
    """Per role, the faces fontconfig resolves the role's Chinese names to (``fc-match 仿宋``).

    A name fontconfig does not know resolves to its default font; such answers (the same as
    for a name nobody has) are dropped, so only real names and the distribution's aliases count.
    """
    fmt = "%{file}\t%{index}\n"
    # What an unknown Chinese (and an unknown Latin) family name resolves to.
    cjk_default = _fontconfig("fc-match", "--format", fmt, "减负无此字体:lang=zh-cn")
    latin_default = _fontconfig("fc-match", "--format", fmt, "jianfunosuchfont")
    if not cjk_default or not latin_default:
        return {}
    found: dict[str, list[tuple[str, int]]] = {}
    for role, queries in _FC_QUERIES.items():
        lang, default = ("", latin_default) if role == LATIN else (":lang=zh-cn", cjk_default)
        for query in queries:
            lines = _fontconfig("fc-match", "--format", fmt, query + lang)
            if not lines or lines[0] == default[0]:
                continue
            path, _tab, index = lines[0].partition("\t")
            found.setdefault(role, []).append((path, int(index or 0)))
    return found


_scan_lock = threading.Lock()
_scan_cache: dict[tuple[str, ...], tuple[FontFace, ...]] = {}


def all_faces(dirs: Sequence[Path] | None = None) -> tuple[FontFace, ...]:
    """Every face below ``dirs``, or installed (fontconfig's list, else the font folders).

    Faces that cannot be embedded are included (to name them to the clerk); cached per
    process and per fontconfig configuration.
    """
    if dirs is None:
        key: tuple[str, ...] = ("installed", os.environ.get("FONTCONFIG_FILE", ""))
    else:
        key = tuple(str(d) for d in dirs)
    with _scan_lock:
        if key not in _scan_cache:
            files = _fontconfig_files() if dirs is None else None
            if files is None:
                files = list(_font_files(font_dirs() if dirs is None else dirs))
            seen: set[str] = set()
            unique = []
            for path in files:
                real = os.path.realpath(path)
                if real not in seen:
                    seen.add(real)
                    unique.append(real)
            _scan_cache[key] = tuple(f for path in unique for f in _read_faces(path))
        return _scan_cache[key]


def scan_faces(dirs: Sequence[Path] | None = None) -> tuple[FontFace, ...]:
    """Every usable face (TrueType outlines, embedding allowed) below ``dirs``; cached."""
    return tuple(f for f in all_faces(dirs) if f.truetype and f.embeddable)


# ---------------------------------------------------------------- registration with ReportLab

_register_lock = threading.RLock()
_loaded: dict[tuple[str, int], TTFont | None] = {}
_counter = itertools.count(1)
#: (bold, italic) as ReportLab's font mapping numbers them
_STYLES: tuple[tuple[Literal[0, 1], Literal[0, 1]], ...] = ((0, 0), (0, 1), (1, 0), (1, 1))


def _load(face: FontFace) -> TTFont | None:
    """Register ``face`` with ReportLab once per process; ``None`` if ReportLab refuses it."""
    key = (face.path, face.index)
    with _register_lock:
        if key in _loaded:
            return _loaded[key]
        stem = "".join(ch for ch in Path(face.path).stem if ch.isascii() and ch.isalnum())
        name = f"jf{next(_counter)}-{stem or 'font'}-{face.index}"
        try:
            font = TTFont(name, face.path, subfontIndex=face.index)
        except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error):
            font = None
        if font is not None:
            pdfmetrics.registerFont(font)
            # Map bold/italic to the face itself so our own <b>/<i> tags never raise.
            for bold, italic in _STYLES:
                addMapping(name, bold, italic, name)
        _loaded[key] = font
        return font


def _register_cid() -> str:
    """Register the built-in CID font once; it is not embedded in the PDF."""
    with _register_lock:
        if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        return CID_FALLBACK


# ---------------------------------------------------------------- the font set


@dataclass(frozen=True)
class FontChoice:
    """The font chosen for one role."""

    role: FontRole | str  # a FontRole, or LATIN for digits and letters
    font_name: str  # the name registered with ReportLab (use it in styles)
    family: str  # what the clerk would call it, e.g. "FangSong" or "WenQuanYi Zen Hei"
    path: str | None  # None for the built-in CID font
    embedded: bool  # False only for the built-in CID font
    preferred: bool  # True when it is the font GB/T 9704 asks for (or its Windows name)
    index: int = 0  # the face in a .ttc

    @property
    def label(self) -> str:
        """The role in Chinese."""
        return LATIN_LABEL if self.role == LATIN else FontRole(self.role).label


def _skipped(ch: str) -> bool:
    """Characters that need no glyph: white space, controls, format and variation marks."""
    if ch in "\n\t ":
        return True
    if ch == "\u3000":  # the ideographic space is a real glyph in CJK fonts
        return False
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return True
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


#: How many texts' markup a font set keeps (about a megabyte of short texts).
MARKUP_CACHE_SIZE = 20_000
_NOT_LOOKED_UP = object()


@dataclass
class FontSet:
    """The fonts for the four roles, with per-character fallback and safe markup."""

    choices: dict[FontRole, FontChoice]
    #: The face for digits and Latin letters; ``None`` when no Latin TrueType face is installed.
    latin: FontChoice | None = None
    #: Fonts found for a role that cannot be used, with the reason (named in the warnings).
    refused: list[tuple[str, str]] = field(default_factory=list)
    _latin_face: FontFace | None = field(default=None, repr=False)
    #: Per role, the faces tried for a character in the BMP and above it, primary first.
    _order: dict[FontRole, list[FontFace]] = field(default_factory=dict, repr=False)
    _order_astral: dict[FontRole, list[FontFace]] = field(default_factory=dict, repr=False)
    _fallback_cache: dict[tuple[FontRole, str], str | None] = field(
        default_factory=dict, repr=False
    )
    #: Markup already made, per text and role: forms and tables print the same labels,
    #: dates and figures again and again (a print on another thread may read it meanwhile:
    #: a dict's get and set are each whole, and a text's markup never changes).
    _markup_cache: dict[tuple[str, FontRole], str] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def name(self, role: FontRole | str = FontRole.BODY) -> str:
        """The registered ReportLab font name for ``role``."""
        return self.choices[FontRole(role)].font_name

    @property
    def embedded(self) -> bool:
        """True when every role uses an embedded TrueType font (not the built-in CID font)."""
        return all(c.embedded for c in self.choices.values())

    def _font_for(self, ch: str, role: FontRole) -> str | None:
        """The registered font that prints ``ch`` for ``role``: primary first, then fallbacks."""
        key = (role, ch)
        # read without the lock: a dict's get is whole, and a found font never changes
        found_before = self._fallback_cache.get(key, _NOT_LOOKED_UP)
        if found_before is not _NOT_LOOKED_UP:
            return found_before  # type: ignore[return-value]
        choice = self.choices[role]
        code = ord(ch)
        found: str | None = None
        latin = _load(self._latin_face) if self._latin_face and ch in _LATIN_CHARS else None
        if latin is not None and code in latin.face.charToGlyph:
            found = latin.fontName
        elif choice.path is None:
            # Built-in CID font: BMP only (it writes surrogate pairs into a UCS-2 CMap).
            found = choice.font_name if code <= 0xFFFF else None
        else:
            ordered = self._order_astral[role] if code > 0xFFFF else self._order[role]
            for face in ordered:
                font = _load(face)
                if font is not None and code in font.face.charToGlyph:
                    found = font.fontName
                    break
        with self._lock:
            self._fallback_cache[key] = found
        return found

    def markup(self, text: str | None, role: FontRole | str = FontRole.BODY) -> str:
        """Paragraph markup for user ``text``: escaped, newlines as <br/>, per-character fonts.

        The paragraph style must use ``self.name(role)`` as its font; characters that font
        lacks are wrapped in ``<font name=...>`` of an installed font that has them, and a
        character no installed font has prints as :data:`MISSING_MARK`.
        """
        role = FontRole(role)
        key = (text or "", role)
        done = self._markup_cache.get(key)
        if done is None:
            done = self._markup(key[0], role)
            if len(self._markup_cache) >= MARKUP_CACHE_SIZE:
                self._markup_cache.clear()  # a long print's one-off texts: start again
            self._markup_cache[key] = done
        return done

    def _markup(self, text: str, role: FontRole) -> str:
        primary = self.choices[role].font_name
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        parts: list[str] = []
        run_font: str | None = None
        run: list[str] = []

        def flush() -> None:
            if not run:
                return
            chunk = escape("".join(run))
            if run_font is None or run_font == primary:
                parts.append(chunk)
            else:
                parts.append(f'<font name="{run_font}">{chunk}</font>')
            run.clear()

        previous = ""
        for ch in text:
            if ch == "\n":
                flush()
                parts.append("<br/>")
                previous = ch
                continue
            # ReportLab collapses white space; no-break spaces keep the gaps clerks type,
            # e.g. "签字：　　　　（盖章）". An ideographic space is as wide as two of them.
            if ch == "\u3000":
                run.append(NBSP * 2)
                previous = ch
                continue
            if _skipped(ch):
                if unicodedata.category(ch) == "Zs":
                    run.append(NBSP if previous in (" ", NBSP, "\u3000") else " ")
                    previous = ch
                continue
            previous = ch
            font = self._font_for(ch, role)
            if font is None:
                # no installed font has it: ReportLab leaves such a character out without a
                # trace, and the register printed 谢𠮷 as 谢; a box shows where a hand must add it
                ch = MISSING_MARK
                font = self._font_for(ch, role)
            font = font or primary
            if font != run_font:
                flush()
                run_font = font
            run.append(ch)
        flush()
        return "".join(parts)

    def plain_runs(
        self, text: str, role: FontRole | str = FontRole.BODY
    ) -> list[tuple[str, str]] | None:
        """``text`` as runs of (font name, text) to draw as it stands, or ``None``.

        ``None`` when the text needs a paragraph's markup: line breaks, tabs, runs of spaces,
        characters that are skipped or that no font has. The rest may be drawn as plain
        strings (much cheaper than paragraphs in long tables), each run in its font.
        """
        role = FontRole(role)
        if text != text.strip(" "):
            return None
        runs: list[tuple[str, str]] = []
        font = run_font = ""
        start = 0
        previous = ""
        for i, ch in enumerate(text):
            if ch == " ":
                if previous == " ":
                    return None
                previous = ch
                continue
            if ch == "\u3000" or _skipped(ch):
                return None
            found = self._font_for(ch, role)
            if found is None:
                return None
            font, previous = found, ch
            if font != run_font:
                if run_font:
                    runs.append((run_font, text[start:i]))
                run_font, start = font, i
        if run_font:
            runs.append((run_font, text[start:]))
        return runs

    def text_width(self, text: str, size: float, role: FontRole | str = FontRole.BODY) -> float:
        """The width of one line of ``text`` at ``size`` as printed: each run in the font that
        prints it (digits and letters in the Latin face, which may be much wider than the
        Chinese font's own: DejaVu Serif's), measured in ``role``'s font where no run can be
        made (runs of spaces, characters no font has)."""
        runs = self.plain_runs(text, role)
        if runs is None:
            return pdfmetrics.stringWidth(text, self.name(role), size)
        return sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)

    def unprintable(self, text: str | None, role: FontRole | str = FontRole.BODY) -> set[str]:
        """The characters of ``text`` that no installed font can print (they would be blank)."""
        role = FontRole(role)
        return {
            ch for ch in set(text or "") if not _skipped(ch) and self._font_for(ch, role) is None
        }

    def warnings(self) -> list[str]:
        """Plain-language notes for the clerk about substituted or non-embedded fonts."""
        notes = [f"{label}：{reason}，未使用。" for label, reason in self.refused]
        for role, choice in self.choices.items():
            if not choice.embedded:
                notes.append(
                    f"{role.label}未找到可嵌入的中文 TrueType 字体，使用内置字体 {CID_FALLBACK}："
                    "文件未嵌入字体，在其他电脑上可能显示不正常。"
                    "请安装 fonts-wqy-microhei 或在设置中选择字体文件。"
                )
            elif not choice.preferred:
                notes.append(f"{role.label}未找到公文规定字体，已用“{choice.family}”代替。")
        return notes


def _cid_choice(role: FontRole) -> FontChoice:
    return FontChoice(role, _register_cid(), CID_FALLBACK, None, embedded=False, preferred=False)


_STYLE_WORDS = ("bold", "italic", "oblique", "light", "condensed", "mono", "sharp", "math")


def _style_rank(face: FontFace) -> int:
    """0 for a regular face, 1 for bold, italic, mono and other variants (tried later)."""
    text = (Path(face.path).stem + " " + face.family).casefold()
    return int(any(word in text for word in _STYLE_WORDS))


def _build_font_set(
    faces: Sequence[FontFace],
    user_faces: Sequence[FontFace],
    role_faces: Mapping[FontRole | str, Sequence[FontFace]],
    aliases: Mapping[str, Sequence[FontFace]] | None = None,
    unusable: Sequence[FontFace] = (),
) -> FontSet:
    """Choose a face per role from the installed ``faces`` (user-chosen ones take precedence).

    ``aliases`` are the faces fontconfig resolves each role's Chinese names to; they count as
    the font the role asks for and come right after the faces found by name. ``unusable`` are
    installed faces that cannot be embedded: those named like a role's font are reported.
    """
    aliases = aliases or {}
    faces = sorted(faces, key=_style_rank)  # stable: regular faces before bold/italic ones
    generic: list[FontFace] = []  # one face per file of every other CJK font
    for f in faces:
        if f.cjk and not f.matches(_EXT_B) and all(g.path != f.path for g in generic):
            generic.append(f)
    choices: dict[FontRole, FontChoice] = {}
    chains: dict[FontRole, list[FontFace]] = {}
    refused: list[tuple[str, str]] = []
    for role in FontRole:
        chain: list[FontFace] = [*role_faces.get(role, ()), *user_faces]
        role_aliases = [f for f in aliases.get(role.value, ()) if f.cjk]
        tiers = _TIERS[role]
        for i, tier in enumerate(tiers):
            for alias in tier:
                chain += [f for f in faces if f.matches((alias,)) and f not in chain]
            last_preferred = i + 1 == len(tiers) or not (
                set(map(_norm, tiers[i + 1])) <= _PREFERRED[role]
            )
            if last_preferred and role_aliases:
                chain += [f for f in role_aliases if f not in chain]
                role_aliases = []
        chain += [f for f in generic if f not in chain]
        # Ext-B fonts (花園明朝 …) only when nothing else is installed: their style differs.
        chain += [f for f in faces if f.cjk and f.matches(_EXT_B) and f not in chain]
        first = next((f for f in chain if _load(f) is not None), None)
        if first is None:
            choices[role] = _cid_choice(role)
            chains[role] = []
        else:
            chain.remove(first)
            chains[role] = [first, *chain]
            font = _load(first)
            assert font is not None
            explicit = first in role_faces.get(role, ()) or first in aliases.get(role.value, ())
            choices[role] = FontChoice(
                role,
                font.fontName,
                first.display or first.family,
                first.path,
                embedded=True,
                preferred=explicit or bool(first.names & _PREFERRED[role]),
                index=first.index,
            )
        if not choices[role].preferred:
            for face in unusable:
                if face.names & _PREFERRED[role] and (reason := refusal(face)):
                    refused.append((role.label, reason))
                    break
    ext_b = [f for f in faces if f.matches(_EXT_B)]
    latin_chain = [*role_faces.get(LATIN, ()), *aliases.get(LATIN, ())]
    latin_chain += [f for alias in _LATIN for f in faces if f.matches((alias,))]
    latin_face = next((f for f in latin_chain if not f.cjk and _load(f) is not None), None)
    latin_choice = None
    if latin_face is not None:
        font = _load(latin_face)
        assert font is not None
        latin_choice = FontChoice(
            LATIN,
            font.fontName,
            latin_face.family,
            latin_face.path,
            embedded=True,
            preferred=latin_face in role_faces.get(LATIN, ())
            or bool(latin_face.names & _PREFERRED_LATIN),
            index=latin_face.index,
        )
    latin = [f for f in latin_chain if not f.cjk]
    order: dict[FontRole, list[FontFace]] = {}
    order_astral: dict[FontRole, list[FontFace]] = {}
    for role, chain in chains.items():
        # The role's own chain first (a 仿宋 body falls back to 宋体 before 黑体), then the
        # other roles' fonts, then Ext-B and Latin fonts.
        others = [f for r in FontRole if r != role for f in chains[r]]
        order[role] = _dedupe([*chain, *others, *ext_b, *latin])
        order_astral[role] = _dedupe([*chain[:1], *ext_b, *chain, *others, *latin])
    return FontSet(
        choices,
        latin=latin_choice,
        refused=refused,
        _latin_face=latin_face,
        _order=order,
        _order_astral=order_astral,
    )


def _dedupe(faces: Iterable[FontFace]) -> list[FontFace]:
    """Keep the first face per file and per family: the others rarely add characters, and
    loading each one reads its whole file."""
    kept: list[FontFace] = []
    for face in faces:
        if all(k.path != face.path and k.family != face.family for k in kept):
            kept.append(face)
    return kept


_set_lock = threading.Lock()
_set_cache: dict[tuple[object, ...], FontSet] = {}


def font_choices_file() -> Path:
    """Where the fonts the clerk chose in the settings are kept (per machine, not per database:
    font files differ between machines)."""
    from jianfu.paths import data_dir

    return data_dir() / "fonts.json"


def load_font_choices(path: Path | None = None) -> dict[str, str]:
    """The saved role -> font file choices; an unreadable file counts as no choice."""
    path = path or font_choices_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    roles = {r.value for r in FontRole} | {LATIN}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in roles and isinstance(v, str) and v}


def save_font_choices(choices: Mapping[str, str], path: Path | None = None) -> None:
    """Keep the clerk's font files per role (an empty mapping means "choose automatically")."""
    path = path or font_choices_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(dict(choices), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def find_fonts(
    extra_paths: Sequence[str | os.PathLike[str]] = (),
    *,
    role_paths: Mapping[FontRole | str, str | os.PathLike[str]] | None = None,
    search_dirs: Sequence[str | os.PathLike[str]] | None = None,
    fallback_files: Sequence[str | os.PathLike[str]] = PACKAGED_FALLBACKS,
) -> FontSet:
    """The fonts for official documents, found once per process for the same arguments.

    ``role_paths`` are fonts the clerk chose per role (keys: a FontRole or ``LATIN``; the
    saved choices of the settings when not given), ``extra_paths`` further .ttf/.ttc files;
    both take precedence over what is installed. ``search_dirs`` replaces fontconfig and the
    platform's font folders (tests use it to simulate a machine). ``fallback_files`` are the
    embeddable CJK fonts the package depends on, used when nothing embeddable is found.
    """
    if role_paths is None:
        role_paths = load_font_choices()
    role_paths = {(k if k == LATIN else FontRole(k).value): str(v) for k, v in role_paths.items()}
    key = (
        tuple(str(p) for p in extra_paths),
        tuple(sorted(role_paths.items())),
        None if search_dirs is None else tuple(str(d) for d in search_dirs),
        tuple(str(p) for p in fallback_files),
        os.environ.get("FONTCONFIG_FILE", ""),
    )
    with _set_lock:
        if key in _set_cache:
            return _set_cache[key]

    def usable(path: str) -> list[FontFace]:
        return [f for f in _read_faces(path) if f.truetype and f.embeddable]

    user_faces = [f for p in extra_paths for f in usable(str(p))]
    role_faces = {
        (role if role == LATIN else FontRole(role)): usable(os.fspath(path))[:1]
        for role, path in role_paths.items()
    }
    dirs = None if search_dirs is None else [Path(d) for d in search_dirs]
    everything = all_faces(dirs)
    installed = [f for f in everything if f.truetype and f.embeddable and f not in user_faces]
    unusable = [f for f in everything if not (f.truetype and f.embeddable)]
    by_file = {(f.path, f.index): f for f in installed}
    aliases: dict[str, list[FontFace]] = {}
    if dirs is None:
        for role, found in _fontconfig_aliases().items():
            for path, index in found:
                face = by_file.get((os.path.realpath(path), index))
                if face is not None:
                    aliases.setdefault(role, []).append(face)
    # No embeddable CJK (or Latin) font where fonts are looked up: the package's dependency.
    packaged = [f for p in fallback_files if os.path.isfile(p) for f in usable(os.path.realpath(p))]
    if not any(f.cjk for f in [*user_faces, *installed]):
        installed += [f for f in packaged if f.cjk]
    if not any(f.matches(_LATIN) for f in installed):
        installed += [f for f in packaged if not f.cjk and f not in installed]
    font_set = _build_font_set([*user_faces, *installed], user_faces, role_faces, aliases, unusable)
    with _set_lock:
        return _set_cache.setdefault(key, font_set)
