"""Rare characters in names on screen: shown by any installed font that has them, or said.

Residents' names hold characters outside the fonts a desktop shows text in: 𠮷 (U+20BB7),
𡒄 (U+21484) are in CJK Extension B, above U+FFFF, and the screen's Chinese font
(WenQuanYi, Microsoft YaHei) has none of them. Qt falls back per character to other fonts,
but which ones depends on the platform (on Windows its list for Chinese does not name
SimSun-ExtB). :func:`use_rare_character_fonts` therefore names the installed fonts that cover
Extension B in the application font's families, after the font Chinese is shown in now, so
common characters keep their face and rare ones come from a font that has them.

Where no installed font has a character, the clerk is told so rather than shown a bare box:
:func:`missing_note` gives the line for a tooltip or a status line, and the text itself is
kept exactly as typed; :func:`search_note` is what the status line says once when one is
typed into a search box (``widgets.feedback.note_missing_in_search``).

A window's title is drawn by the window manager in its own font, not by these: a name there
(谢𠮷, a board's or a case's title) may show a box whatever the app's fonts have. A dialog
about a stored record has a fixed title and shows the record's name inside, in a
:func:`stored_text_label`, drawn by the app's fonts and noted like the registers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

#: Fonts that cover CJK Extension B (wholly or the characters names use most), Chinese
#: faces first: Windows' SimSun-ExtB, Noto/Source Han (partly), BabelStone Han, then
#: 花園明朝 (Debian's fonts-hanazono: A has some of Ext-B, B all of it), MingLiU-ExtB.
RARE_FAMILIES = (
    "SimSun-ExtB",
    "SimSun-ExtG",
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "BabelStone Han",
    "HanaMinB",
    "HanaMinA",
    "MingLiU-ExtB",
    "PMingLiU-ExtB",
)
#: Characters of Extension B that a font for rare characters must have one of.
PROBES = (0x20BB7, 0x21484, 0x2A6A5)
#: A common character: the font it is shown in is the screen's Chinese font.
COMMON = "谢"
#: The colour of the note: said, but nothing stops saving (the 待办理 amber of the registers).
NOTE_COLOR = "#a35a00"

_missing_cache: dict[tuple[str, int], bool] = {}


def _raw_covers(family: str, code: int) -> bool:
    raw = QRawFont.fromFont(QFont(family))
    return raw.isValid() and raw.supportsCharacter(code)


def rare_character_families(installed: Iterable[str] | None = None) -> list[str]:
    """The installed families of :data:`RARE_FAMILIES` that have an Extension B character,
    in that order."""
    have = set(QFontDatabase.families() if installed is None else installed)
    return [
        family
        for family in RARE_FAMILIES
        if family in have and any(_raw_covers(family, code) for code in PROBES)
    ]


def chinese_family(font: QFont) -> str | None:
    """The family Qt shows a common Chinese character in with ``font`` (its own or a
    fallback), or ``None`` when none has it."""
    layout = QTextLayout(COMMON, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    for run in layout.glyphRuns():
        if any(run.glyphIndexes()):
            return run.rawFont().familyName()
    return None


def with_rare_character_fonts(font: QFont, rare: Iterable[str] | None = None) -> QFont:
    """``font`` whose families go on, after the font Chinese is shown in, to the installed
    fonts for rare characters (``rare``, else :func:`rare_character_families`)."""
    rare = list(rare_character_families() if rare is None else rare)
    if not rare:
        return QFont(font)
    # the family the font resolved to: a generic name ("Sans Serif") first in a list of
    # families is not looked up as an alias, and the next family would become the primary
    primary = QFontInfo(font).family()
    chinese = chinese_family(font)
    wanted = [primary, *([chinese] if chinese else []), *rare]
    ordered = list(dict.fromkeys(wanted))
    widened = QFont(font)
    widened.setFamilies(ordered)
    return widened


def use_rare_character_fonts(app: QApplication) -> list[str]:
    """Give ``app``'s font the installed fonts for rare characters; their names (or [])."""
    rare = rare_character_families()
    if rare:
        app.setFont(with_rare_character_fonts(app.font(), rare))
        _missing_cache.clear()
    return rare


def _needs_glyph(ch: str) -> bool:
    if ch.isspace():
        return False
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"):
        return False
    code = ord(ch)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def missing_characters(text: str | None, font: QFont | None = None) -> list[str]:
    """The characters of ``text`` that no font Qt may use for ``font`` (the application's
    font when not given) can show, each once, in the order they come."""
    if not text:
        return []
    if font is None:
        font = QApplication.font()
    key = font.key()
    metrics: QFontMetrics | None = None
    missing: list[str] = []
    for ch in dict.fromkeys(text):
        if ch.isascii():
            continue  # every screen font has these
        cached = _missing_cache.get((key, ord(ch)))
        if cached is None:
            if metrics is None:
                metrics = QFontMetrics(font)
            cached = _needs_glyph(ch) and not metrics.inFontUcs4(ord(ch))
            _missing_cache[(key, ord(ch))] = cached
        if cached:
            missing.append(ch)
    return missing


def _quoted(chars: list[str]) -> str:
    # the code point too: the character itself shows as a box here
    return "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars)


def missing_note(text: str | None, font: QFont | None = None, *, saved: bool = True) -> str:
    """'' when every character of ``text`` can be shown; else one line for the clerk, e.g.
    本机字体缺少“𠮷”（U+20BB7），已按原字保存 (``saved``) or …，显示为方框，保存时按原字保存."""
    chars = missing_characters(text, font)
    if not chars:
        return ""
    if saved:
        return f"本机字体缺少{_quoted(chars)}，已按原字保存"
    return f"本机字体缺少{_quoted(chars)}，显示为方框，保存时按原字保存"


def with_missing_note(tooltip: str, text: str | None = None) -> str:
    """``tooltip`` with the note of :func:`missing_note` for ``text`` (``tooltip`` itself when
    not given) on a line of its own when characters are missing."""
    note = missing_note(tooltip if text is None else text)
    return f"{tooltip}\n{note}" if note else tooltip


def search_note(text: str | None, font: QFont | None = None) -> str:
    """'' when every character of ``text`` can be shown; else the status line's note for a
    search box, e.g. 本机字体缺少“𠮷”（U+20BB7），仍按原字查找."""
    chars = missing_characters(text, font)
    return f"本机字体缺少{_quoted(chars)}，仍按原字查找" if chars else ""


def noted_html(text: str, font: QFont | None = None) -> str:
    """``text`` for a rich-text label, escaped, with the note of :func:`missing_note` on a line
    under it (in the registers' amber) when no installed font has a character of it."""
    shown = escape(text)
    note = missing_note(text, font)
    if note:
        shown += f"<br/><span style='color:{NOTE_COLOR}'>{escape(note)}</span>"
    return shown


def stored_text_label(text: str, object_name: str) -> QLabel:
    """A label showing ``text`` (a stored name: an applicant's, a board's, a case's title) in
    a dialog, drawn by the app's fonts (with those for rare characters) instead of a window
    title, and saying under it when no installed font has a character of it."""
    label = QLabel(noted_html(text))
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
