"""Find installed CJK TrueType fonts for official documents and build safe paragraph markup.

Commercial fonts (方正小标宋, 仿宋_GB2312 …) are never shipped, so they are looked up at run
time and replaced in order by what is installed. A character the chosen font lacks switches,
character by character, to another installed font that has it; characters no installed font
has are reported by :meth:`FontSet.unprintable` so the UI can warn instead of printing blanks.
"""

from __future__ import annotations

import itertools
import os
import struct
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

NBSP = "\u00a0"

#: ReportLab's built-in Adobe CID font: always available, never embedded.
CID_FALLBACK = "STSong-Light"

_FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
_TTF_MAGIC = (0x00010000, 0x74727565)  # 1.0 and 'true': TrueType outlines
_CFF_MAGIC = 0x4F54544F  # 'OTTO': PostScript (CFF) outlines, ReportLab cannot embed them
_TTC_MAGIC = 0x74746366  # 'ttcf'


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
_OFFICIAL_TITLE = (
    "方正小标宋简体",
    "方正小标宋_GBK",
    "方正小标宋",
    "FZXiaoBiaoSong-B05S",
    "FZXiaoBiaoSong-B05",
    "FZXBSJW",
    "FZXBSK",
)
_HEI = ("黑体", "SimHei")
_SONG = ("宋体", "SimSun", "新宋体", "NSimSun")
_FANG_GB = ("仿宋_GB2312", "FangSong_GB2312", "仿宋GB2312", "FS_GB2312")
_FANG = ("仿宋", "FangSong", "simfang", "华文仿宋", "STFangsong", "STFANGSO")
_KAI_GB = ("楷体_GB2312", "KaiTi_GB2312", "楷体GB2312", "KT_GB2312")
_KAI = ("楷体", "KaiTi", "simkai", "华文楷体", "STKaiti", "STKAITI", "Kaiti SC", "楷体-简")
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
#: Latin fonts used only for digits and letters that every CJK font on the machine lacks.
_LATIN = ("Times New Roman", "times", "Liberation Serif", "DejaVu Serif", "DejaVu Sans", "Arial")

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

    def matches(self, aliases: Iterable[str]) -> bool:
        """True if one of ``aliases`` is a family name or the file stem of this face."""
        stem = _norm(Path(self.path).stem)
        return any(_norm(a) in self.names or _norm(a) == stem for a in aliases)


def _read_faces(path: str) -> list[FontFace]:
    """The faces in one font file; an unreadable or odd file gives an empty list."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(12)
            if len(data) < 12:
                return []
            (magic,) = struct.unpack(">I", data[:4])
            if magic == _TTC_MAGIC:
                (count,) = struct.unpack(">I", data[8:12])
                count = min(count, 64)
                offsets = struct.unpack(f">{count}I", fh.read(4 * count))
            else:
                offsets = (0,)
            faces = []
            for index, offset in enumerate(offsets):
                face = _read_face(fh, path, index, offset)
                if face is not None:
                    faces.append(face)
            return faces
    except (OSError, struct.error, ValueError):
        return []


def _read_face(fh, path: str, index: int, offset: int) -> FontFace | None:
    """Read the table directory, ``name`` and ``OS/2`` of the face at ``offset``."""
    fh.seek(offset)
    header = fh.read(12)
    if len(header) < 12:
        return None
    magic, num_tables = struct.unpack(">IH", header[:6])
    if magic not in (*_TTF_MAGIC, _CFF_MAGIC):
        return None
    tables: dict[bytes, tuple[int, int]] = {}
    directory = fh.read(16 * num_tables)
    for i in range(num_tables):
        tag, _checksum, t_offset, t_length = struct.unpack(
            ">4sIII", directory[16 * i : 16 * i + 16]
        )
        tables[tag] = (t_offset, t_length)
    truetype = magic in _TTF_MAGIC and b"glyf" in tables
    names = _read_names(fh, tables.get(b"name"))
    embeddable, cjk = True, False
    if b"OS/2" in tables:
        os2_offset, os2_length = tables[b"OS/2"]
        fh.seek(os2_offset)
        os2 = fh.read(min(os2_length, 96))
        if len(os2) >= 10:
            (fs_type,) = struct.unpack(">H", os2[8:10])
            embeddable = not (fs_type == 0x0002 or fs_type & 0x0300)
        if len(os2) >= 82:
            # Code pages 17-21 (JIS, GB2312, Wansung, Big5, Johab): Latin fonts that only
            # claim the CJK Unicode range bit (DejaVu Math does) are not taken for Chinese.
            code_pages = struct.unpack(">I", os2[78:82])[0]
            cjk = bool(code_pages & 0x003E0000)
    family = names[0] if names else Path(path).stem
    english = [n for n in names if n.isascii()]
    if english:
        family = english[0]
    return FontFace(
        path=path,
        index=index,
        family=family,
        names=frozenset(_norm(n) for n in names),
        truetype=truetype,
        embeddable=embeddable,
        cjk=cjk,
    )


def _read_names(fh, entry: tuple[int, int] | None) -> list[str]:
    """Family (1, 16) and full (4) names from a ``name`` table, English ones first."""
    if entry is None:
        return []
    offset, length = entry
    fh.seek(offset)
    table = fh.read(min(length, 1 << 20))
    if len(table) < 6:
        return []
    _fmt, count, string_offset = struct.unpack(">HHH", table[:6])
    found: list[tuple[int, str]] = []
    for i in range(count):
        rec = table[6 + 12 * i : 18 + 12 * i]
        if len(rec) < 12:
            break
        platform, encoding, language, name_id, n_len, n_off = struct.unpack(">HHHHHH", rec)
        if name_id not in (1, 4, 16):
            continue
        raw = table[string_offset + n_off : string_offset + n_off + n_len]
        if platform in (0, 3):
            codec = "utf-16-be"
        elif platform == 1 and encoding == 0:
            codec = "mac_roman"
        elif platform == 1 and encoding == 25:
            codec = "gb2312"
        else:
            continue
        text = raw.decode(codec, errors="ignore").strip("\x00 ")
        if text:
            english = (platform == 3 and language == 0x0409) or (platform == 1 and language == 0)
            found.append((0 if english else 1, text))
    found.sort(key=lambda pair: pair[0])
    seen: list[str] = []
    for _rank, text in found:
        if text not in seen:
            seen.append(text)
    return seen


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


_scan_lock = threading.Lock()
_scan_cache: dict[tuple[str, ...], tuple[FontFace, ...]] = {}


def scan_faces(dirs: Sequence[Path] | None = None) -> tuple[FontFace, ...]:
    """Every usable face (TrueType outlines, embedding allowed) below ``dirs``; cached."""
    dirs = font_dirs() if dirs is None else list(dirs)
    key = tuple(str(d) for d in dirs)
    with _scan_lock:
        if key not in _scan_cache:
            faces = [
                f
                for path in _font_files(dirs)
                for f in _read_faces(path)
                if f.truetype and f.embeddable
            ]
            _scan_cache[key] = tuple(faces)
        return _scan_cache[key]


# ---------------------------------------------------------------- registration with ReportLab

_register_lock = threading.RLock()
_loaded: dict[tuple[str, int], TTFont | None] = {}
_counter = itertools.count(1)


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
            for bold, italic in itertools.product((0, 1), repeat=2):
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

    role: FontRole
    font_name: str  # the name registered with ReportLab (use it in styles)
    family: str  # what the clerk would call it, e.g. "FangSong" or "WenQuanYi Zen Hei"
    path: str | None  # None for the built-in CID font
    embedded: bool  # False only for the built-in CID font
    preferred: bool  # True when it is the font GB/T 9704 asks for (or its Windows name)


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


@dataclass
class FontSet:
    """The fonts for the four roles, with per-character fallback and safe markup."""

    choices: dict[FontRole, FontChoice]
    #: Per role, the faces tried for a character in the BMP and above it, primary first.
    _order: dict[FontRole, list[FontFace]] = field(default_factory=dict, repr=False)
    _order_astral: dict[FontRole, list[FontFace]] = field(default_factory=dict, repr=False)
    _fallback_cache: dict[tuple[FontRole, str], str | None] = field(
        default_factory=dict, repr=False
    )
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
        with self._lock:
            if key in self._fallback_cache:
                return self._fallback_cache[key]
        choice = self.choices[role]
        code = ord(ch)
        found: str | None = None
        if choice.path is None:
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
        lacks are wrapped in ``<font name=...>`` of an installed font that has them.
        """
        role = FontRole(role)
        primary = self.choices[role].font_name
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
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
            font = self._font_for(ch, role) or primary
            if font != run_font:
                flush()
                run_font = font
            run.append(ch)
        flush()
        return "".join(parts)

    def unprintable(self, text: str | None, role: FontRole | str = FontRole.BODY) -> set[str]:
        """The characters of ``text`` that no installed font can print (they would be blank)."""
        role = FontRole(role)
        return {
            ch for ch in set(text or "") if not _skipped(ch) and self._font_for(ch, role) is None
        }

    def warnings(self) -> list[str]:
        """Plain-language notes for the clerk about substituted or non-embedded fonts."""
        notes = []
        for role, choice in self.choices.items():
            if not choice.embedded:
                notes.append(
                    f"{role.label}未找到可嵌入的中文字体，使用内置字体 {CID_FALLBACK}："
                    "文件未嵌入字体，在其他电脑上可能显示不正常。"
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
    role_faces: Mapping[FontRole, Sequence[FontFace]],
) -> FontSet:
    """Choose a face per role from the installed ``faces`` (user-chosen ones take precedence)."""
    faces = sorted(faces, key=_style_rank)  # stable: regular faces before bold/italic ones
    generic: list[FontFace] = []  # one face per file of every other CJK font
    for f in faces:
        if f.cjk and not f.matches(_EXT_B) and all(g.path != f.path for g in generic):
            generic.append(f)
    choices: dict[FontRole, FontChoice] = {}
    chains: dict[FontRole, list[FontFace]] = {}
    for role in FontRole:
        chain: list[FontFace] = [*role_faces.get(role, ()), *user_faces]
        for alias in itertools.chain(*_TIERS[role]):
            chain += [f for f in faces if f.matches((alias,)) and f not in chain]
        chain += [f for f in generic if f not in chain]
        # Ext-B fonts (花園明朝 …) only when nothing else is installed: their style differs.
        chain += [f for f in faces if f.cjk and f.matches(_EXT_B) and f not in chain]
        first = next((f for f in chain if _load(f) is not None), None)
        if first is None:
            choices[role] = _cid_choice(role)
            chains[role] = []
            continue
        chain.remove(first)
        chains[role] = [first, *chain]
        font = _load(first)
        assert font is not None
        explicit = first in role_faces.get(role, ())
        choices[role] = FontChoice(
            role,
            font.fontName,
            first.family,
            first.path,
            embedded=True,
            preferred=explicit or bool(first.names & _PREFERRED[role]),
        )
    ext_b = [f for f in faces if f.matches(_EXT_B)]
    latin = [f for alias in _LATIN for f in faces if f.matches((alias,))]
    order: dict[FontRole, list[FontFace]] = {}
    order_astral: dict[FontRole, list[FontFace]] = {}
    for role, chain in chains.items():
        # The role's own chain first (a 仿宋 body falls back to 宋体 before 黑体), then the
        # other roles' fonts, then Ext-B and Latin fonts.
        others = [f for r in FontRole if r != role for f in chains[r]]
        order[role] = _dedupe([*chain, *others, *ext_b, *latin])
        order_astral[role] = _dedupe([*chain[:1], *ext_b, *chain, *others, *latin])
    return FontSet(choices, _order=order, _order_astral=order_astral)


def _dedupe(faces: Iterable[FontFace]) -> list[FontFace]:
    """Keep the first face per file and per family: the others rarely add characters, and
    loading each one reads its whole file."""
    kept: list[FontFace] = []
    for face in faces:
        if all(k.path != face.path and k.family != face.family for k in kept):
            kept.append(face)
    return kept


_set_lock = threading.Lock()
_set_cache: dict[tuple, FontSet] = {}


def find_fonts(
    extra_paths: Sequence[str | os.PathLike[str]] = (),
    *,
    role_paths: Mapping[FontRole | str, str | os.PathLike[str]] | None = None,
    search_dirs: Sequence[str | os.PathLike[str]] | None = None,
) -> FontSet:
    """The fonts for official documents, found once per process for the same arguments.

    ``role_paths`` are fonts the clerk chose per role in the settings, ``extra_paths`` further
    .ttf/.ttc files; both take precedence over what is installed. ``search_dirs`` replaces the
    platform's font folders (tests use it to simulate a machine without fonts).
    """
    role_paths = {FontRole(k): str(v) for k, v in (role_paths or {}).items()}
    key = (
        tuple(str(p) for p in extra_paths),
        tuple(sorted(role_paths.items())),
        None if search_dirs is None else tuple(str(d) for d in search_dirs),
    )
    with _set_lock:
        if key in _set_cache:
            return _set_cache[key]

    def usable(path: str) -> list[FontFace]:
        return [f for f in _read_faces(path) if f.truetype and f.embeddable]

    user_faces = [f for p in extra_paths for f in usable(str(p))]
    role_faces = {role: usable(path)[:1] for role, path in role_paths.items()}
    dirs = None if search_dirs is None else [Path(d) for d in search_dirs]
    installed = [f for f in scan_faces(dirs) if f not in user_faces]
    font_set = _build_font_set([*user_faces, *installed], user_faces, role_faces)
    with _set_lock:
        return _set_cache.setdefault(key, font_set)
