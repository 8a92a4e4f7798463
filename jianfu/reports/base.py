"""The GB/T 9704-2012 page: A4 with official margins, styles, tables and page numbers.

Every printed document of the app is built through :class:`OfficialDocument`, so margins,
fonts, escaping of user text and Chinese line breaking are decided in one place.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeAlias

import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate

from jianfu.reports.fonts import FontRole, FontSet, find_fonts

#: A table style command: ("NAME", (first col, first row), (last col, last row), *arguments).
TableCommand: TypeAlias = tuple[str, tuple[int, int], tuple[int, int], *tuple[Any, ...]]

AUTHOR = "减负"
CREATOR = "减负 (jianfu)"

#: Punctuation that must not start a line in Chinese; ReportLab's list is Japanese-oriented.
CANNOT_START_EXTRA = "，；：！？）》」』】"
#: What must never begin a line of Chinese, even when ReportLab's one hanging character is used.
BAD_LINE_STARTS = CANNOT_START_EXTRA + "。、〕〉"
#: What must never end a line: an opening mark goes down with what it opens.
OPENING_MARKS = "（《「『【〔〈“‘(["
#: A line wider than its width by more than this has a closing mark hanging past its end.
HANG_FUZZ = 0.01


def patch_line_breaking() -> None:
    """Add Chinese closing punctuation to ReportLab's "cannot start a line" lists, once.

    ``paragraph`` imports its own copy of the list, used for multi-fragment paragraphs, and
    ``textsplit`` keeps the one used for single fragments; both need the characters.
    """
    for module in (_textsplit, _paragraph):
        have = module.ALL_CANNOT_START
        missing = "".join(ch for ch in CANNOT_START_EXTRA if ch not in have)
        if missing:
            # a Final in the stubs, and paragraph's copy is not in them: patched on purpose
            module.ALL_CANNOT_START = have + missing  # type: ignore[attr-defined]


def _widths_list(max_widths: Any, n: int) -> list[float]:
    widths = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    return widths + [widths[-1]] * max(0, n - len(widths))


def _tail_cut(chars: list[tuple[str, float]], marks: str = BAD_LINE_STARTS) -> float:
    """The width to take off a line so that its trailing ``marks`` (closing punctuation) and
    the character before them go down to the next line (empty: nothing can go)."""
    cut, taken = 0.0, 0
    for ch, width in reversed(chars):
        cut += width
        taken += 1
        if ch not in marks:
            break
    return cut if taken < len(chars) else 0.0


def _hang_cut(chars: list[tuple[str, float]]) -> float:
    """:func:`_tail_cut` of the marks that cannot start a line: ReportLab's list (``)``
    among them) and ours."""
    return _tail_cut(chars, _paragraph.ALL_CANNOT_START + BAD_LINE_STARTS)  # type: ignore[attr-defined]


def _head_cut(chars: list[tuple[str, float]]) -> float:
    """The width to take off a line so that the opening marks it ends with go down to the
    next line with what they open (empty: nothing can go)."""
    cut, taken = 0.0, 0
    for ch, width in reversed(chars):
        if ch not in OPENING_MARKS:
            break
        cut += width
        taken += 1
    return cut if taken < len(chars) else 0.0


def _line_cut(chars: list[tuple[str, float]], next_start: str) -> float:
    """What to take off a line that ends with an opening mark, or whose next line starts
    with closing punctuation (0: the line is good, or cannot be helped)."""
    if chars and chars[-1][0] in OPENING_MARKS:
        return _head_cut(chars)
    if next_start and next_start in BAD_LINE_STARTS:
        return _tail_cut(chars)
    return 0.0


def _keep_off_line_starts(
    split: Callable[..., Any],
    first: Callable[[Any], str],
    last: Callable[[Any], str],
    chars: Callable[[Any], list[tuple[str, float]]],
    widen: Callable[[Any, float], None],
    max_widths: Any,
    overflow: Callable[[Any], float],
) -> Any:
    """Run ``split`` again with a line made shorter while a line after it would start with
    closing punctuation (ReportLab hangs one such character in the margin, but two in a row,
    ``），``, put the second at the start of the next line), while it would end with an
    opening mark (``（依据：《`` ended a line), or while it is wider than its width: the one
    closing mark ReportLab hangs past the line's end (``overflow``: by how much) went into a
    table cell's padding, and a ``)`` touched the 审批表's border. That mark goes down with
    the character before it. The shortened line is then justified to the full width again."""
    result = split(max_widths)
    shortened: dict[int, float] = {}
    for _ in range(16):
        lines = result.lines if hasattr(result, "lines") else result
        starts = [first(line) for line in lines]
        bad, cut = -1, 0.0
        for k in range(len(lines)):
            start = starts[k]
            end = last(lines[k - 1]) if k else ""
            if (start and start in BAD_LINE_STARTS) or (end and end in OPENING_MARKS):
                cut = _line_cut(chars(lines[k - 1]), start) + 0.01 if k else 0.0
                if cut > 0.01:
                    bad = k - 1
                    break
            over = overflow(lines[k])
            if over > HANG_FUZZ:
                # the line's end down to its mark's carrier, less what hangs: the line's
                # width then holds all before the carrier and not the carrier
                cut = _hang_cut(chars(lines[k])) - over - 0.01
                if cut > 0:
                    bad = k
                    break
        if bad < 0:
            break
        shortened[bad] = shortened.get(bad, 0.0) + cut
        widths = _widths_list(max_widths, len(lines) + 1)
        result = split([w - shortened.get(i, 0.0) for i, w in enumerate(widths)])
    lines = result.lines if hasattr(result, "lines") else result
    for k, cut in shortened.items():
        if k < len(lines):
            widen(lines[k], cut)
    return result


# paragraph's own names of the line breakers are not in the stubs: wrapped on purpose
_cjk_frag_split = _paragraph.cjkFragSplit  # type: ignore[attr-defined]
_word_split = _paragraph.wordSplit  # type: ignore[attr-defined]


def _frag_line_chars(line: Any) -> list[tuple[str, float]]:
    return [
        (ch, stringWidth(ch, w.fontName, w.fontSize))
        for w in getattr(line, "words", [])
        for ch in getattr(w, "text", "") or ""
    ]


def _frag_line_first(line: Any) -> str:
    return next((w.text[:1] for w in getattr(line, "words", []) if getattr(w, "text", "")), "")


def _frag_line_last(line: Any) -> str:
    texts = [w.text for w in getattr(line, "words", []) if getattr(w, "text", "")]
    return texts[-1][-1:] if texts else ""


def _widen_frag_line(line: Any, cut: float) -> None:
    line.extraSpace += cut


def cjk_frag_split(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
    """ReportLab's CJK line breaker for paragraphs of several fragments, keeping ``），`` off
    the start of a line and no mark hanging past a line's end."""
    return _keep_off_line_starts(
        lambda mw: _cjk_frag_split(frags, mw, calc_bounds, encoding),
        _frag_line_first,
        _frag_line_last,
        _frag_line_chars,
        _widen_frag_line,
        max_widths,
        lambda line: -float(getattr(line, "extraSpace", 0.0)),
    )


def word_split(word: Any, max_widths: Any, font: str, size: float, encoding: str = "utf8") -> Any:
    """ReportLab's CJK line breaker for one-fragment paragraphs, keeping ``），`` off the start
    of a line and no mark hanging past a line's end."""

    def widen(line: list[Any], cut: float) -> None:
        line[0] += cut

    return _keep_off_line_starts(
        lambda mw: _word_split(word, mw, font, size, encoding),
        lambda line: str(line[1])[:1],
        lambda line: str(line[1])[-1:],
        lambda line: [(ch, stringWidth(ch, font, size)) for ch in str(line[1])],
        widen,
        max_widths,
        lambda line: -float(line[0]),
    )


patch_line_breaking()
_paragraph.cjkFragSplit = cjk_frag_split  # type: ignore[attr-defined]
_paragraph.wordSplit = word_split  # type: ignore[attr-defined]

# ReportLab checks every attribute set on a chart's widgets and shapes against its declared
# type, also the thousands it sets itself while drawing them (``shapeChecking``, a development
# aid that its settings say to turn off for speed): a third of a township's report went to its
# two charts, and half of that to the checking. The charts' settings are fixed in the app's
# code and drawn by its tests. Off here, before ReportLab's graphics are imported (the period
# report imports them where it draws its charts): its shapes decide when their modules load
# whether they check.
rl_config.shapeChecking = 0


# ---------------------------------------------------------------- sizes

#: Chinese type sizes in points.
SIZE_2 = 22.0  # 二号: titles
SIZE_S2 = 18.0  # 小二
SIZE_3 = 16.0  # 三号: body
SIZE_4 = 14.0  # 四号: page numbers, 版记
SIZE_S4 = 12.0  # 小四: form labels and table cells
SIZE_5 = 10.5  # 五号: dense tables

#: 22 lines in the 225 mm text block.
BODY_LEADING = 28.9


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    top: float
    left: float
    right: float
    bottom: float


#: GB/T 9704-2012: top 37 mm, binding (left) 28 mm; leaves a 156 x 225 mm text block.
PORTRAIT_MARGINS = Margins(top=37, left=28, right=26, bottom=35)
#: Landscape pages (wide tables) keep the same text block turned sideways: 225 x 156 mm.
LANDSCAPE_MARGINS = Margins(top=28, left=37, right=35, bottom=26)
#: Forms such as the 审批表 are not body pages; narrower margins keep them on one sheet.
FORM_MARGINS = Margins(top=20, left=25, right=20, bottom=18)


class PageNumbers(StrEnum):
    """When to print "— 1 —" page numbers."""

    NEVER = "never"
    ALWAYS = "always"
    MULTI_PAGE = "multi_page"  # only when the document has more than one page


def chinese_numeral(n: int) -> str:
    """``n`` (1-99) in Chinese numerals, for headings: 1 -> 一, 12 -> 十二, 20 -> 二十."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = "" if tens == 1 else digits[tens]
    return head + "十" + (digits[ones] if ones else "")


def format_date(value: dt.date | None, blank: str = "    年  月  日") -> str:
    """A date as official documents write it, without leading zeros: 2026年7月1日."""
    if value is None:
        return blank
    return f"{value.year}年{value.month}月{value.day}日"


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class DocStyles:
    """The paragraph styles of an official document, bound to the chosen fonts."""

    title: ParagraphStyle  # 二号 title font, centred
    subtitle: ParagraphStyle  # 三号 body font, centred (document number, date line)
    body: ParagraphStyle  # 三号 body font, 2-character first-line indent, fixed leading
    plain: ParagraphStyle  # body without indent
    heading1: ParagraphStyle  # "一、" in 黑体
    heading2: ParagraphStyle  # "(一)" in 楷体
    addressee: ParagraphStyle  # flush left, ends with a full-width colon
    signature: ParagraphStyle  # right-aligned issuer and date
    small: ParagraphStyle  # 四号 body font: 抄送, notes
    cell: ParagraphStyle  # 小四 table cell, left
    cell_center: ParagraphStyle  # 小四 table cell, centred
    cell_header: ParagraphStyle  # 小四 黑体 table header, centred
    label: ParagraphStyle  # form label cell: 小四 黑体 centred

    def sized(self, style: ParagraphStyle, size: float, name: str = "") -> ParagraphStyle:
        """A copy of ``style`` at ``size`` points with a proportional leading."""
        return ParagraphStyle(
            name or f"{style.name}-{size:g}",
            parent=style,
            fontSize=size,
            leading=round(size * 1.35, 1),
        )


def make_styles(fonts: FontSet) -> DocStyles:
    """Styles for ``fonts``; each style records its font role for :meth:`FontSet.markup`."""

    def style(name: str, role: FontRole, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(
            f"jf-{name}",
            fontName=fonts.name(role),
            fontSize=size,
            leading=leading,
            wordWrap="CJK",
            jf_role=role,
            **kw,
        )

    indent = 2 * SIZE_3
    cell_leading = round(SIZE_S4 * 1.35, 1)
    return DocStyles(
        title=style(
            "title", FontRole.TITLE, SIZE_2, 33, alignment=TA_CENTER, spaceAfter=BODY_LEADING / 2
        ),
        subtitle=style("subtitle", FontRole.BODY, SIZE_3, BODY_LEADING, alignment=TA_CENTER),
        body=style(
            "body",
            FontRole.BODY,
            SIZE_3,
            BODY_LEADING,
            firstLineIndent=indent,
            alignment=TA_JUSTIFY,
        ),
        plain=style("plain", FontRole.BODY, SIZE_3, BODY_LEADING, alignment=TA_LEFT),
        heading1=style("heading1", FontRole.HEADING, SIZE_3, BODY_LEADING, firstLineIndent=indent),
        heading2=style("heading2", FontRole.KAI, SIZE_3, BODY_LEADING, firstLineIndent=indent),
        addressee=style("addressee", FontRole.BODY, SIZE_3, BODY_LEADING, alignment=TA_LEFT),
        signature=style("signature", FontRole.BODY, SIZE_3, BODY_LEADING, alignment=TA_RIGHT),
        small=style("small", FontRole.BODY, SIZE_4, 22, alignment=TA_LEFT),
        cell=style("cell", FontRole.BODY, SIZE_S4, cell_leading, alignment=TA_LEFT),
        cell_center=style("cell-center", FontRole.BODY, SIZE_S4, cell_leading, alignment=TA_CENTER),
        cell_header=style(
            "cell-header", FontRole.HEADING, SIZE_S4, cell_leading, alignment=TA_CENTER
        ),
        label=style("label", FontRole.HEADING, SIZE_S4, cell_leading, alignment=TA_CENTER),
    )


def role_of(style: ParagraphStyle) -> FontRole:
    """The font role a style was made for (body when it was made elsewhere)."""
    return getattr(style, "jf_role", FontRole.BODY)


# ---------------------------------------------------------------- page numbers


class _NumberingCanvas(Canvas):
    """Keeps every page until the end, so page numbers can depend on the page count."""

    def __init__(self, *args: Any, draw_number: Callable[[Canvas, int, int], None], **kw: Any):
        super().__init__(*args, **kw)
        self._pages: list[dict[str, Any]] = []
        self._draw_number = draw_number

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        # ReportLab's own "page X of Y" recipe: start the next page without emitting this one
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_number(self, number, total)
            super().showPage()
        super().save()


def _spanned_widths(widths: list[float], commands: Sequence[TableCommand], row: int) -> list[float]:
    """Column widths of ``row`` where a ``SPAN`` gives its first cell the width of all."""
    out = list(widths)
    n = len(widths)
    for name, (c0, r0), (c1, r1), *_args in commands:
        rows = range(r0 if r0 >= 0 else row, (r1 if r1 >= 0 else row) + 1)
        if name == "SPAN" and row in rows:
            c0, c1 = c0 % n, c1 % n
            out[c0] = sum(widths[c0 : c1 + 1])
    return out


def _remap_commands(
    commands: Sequence[TableCommand], spans: list[tuple[int, int]]
) -> list[TableCommand]:
    """Table style commands with input row numbers moved to the rows actually built.

    A command on rows r0..r1 covers every part of those rows; a one-row ``SPAN`` becomes one
    span per part, so the parts can still go on different pages.
    """
    if all(first == last == i for i, (first, last) in enumerate(spans)):
        return list(commands)

    def first(r: int) -> int:
        return r if r < 0 else spans[r][0]

    def last(r: int) -> int:
        return r if r < 0 else spans[r][1]

    out: list[TableCommand] = []
    for name, (c0, r0), (c1, r1), *args in commands:
        if name == "SPAN" and r0 == r1 and r0 >= 0:
            out += [(name, (c0, r), (c1, r), *args) for r in range(first(r0), last(r0) + 1)]
        else:
            out.append((name, (c0, first(r0)), (c1, last(r1)), *args))
    return out


class WrapOnceParagraph(Paragraph):
    """A paragraph that breaks its lines once per width.

    A table measures each cell's paragraph to size its row, then wraps it again to draw it
    (and the app's own long-table code may ask once more): the same line breaking, with the
    same width, done two or three times. The height does not depend on the height offered,
    so the lines of the last width are kept and handed out again.
    """

    _jf_wrapped: tuple[float, float, float, Any, Any] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        done = self._jf_wrapped
        if done is not None and done[0] == availWidth:
            _avail, self.width, self.height, self.blPara, self._wrapWidths = done
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara") and hasattr(self, "_wrapWidths"):
            self._jf_wrapped = (availWidth, width, height, self.blPara, self._wrapWidths)
        return width, height


class TextRuns(Flowable):
    """One line of text in several fonts (e.g. Chinese and the Latin face's digits), drawn as
    plain strings: what a table cell that cannot wrap needs, without a paragraph's cost."""

    def __init__(self, runs: list[tuple[str, str]], size: float, leading: float) -> None:
        super().__init__()
        self.runs = runs
        self.size = size
        self.leading = leading
        self.text = "".join(t for _f, t in runs)
        self.width = sum(stringWidth(t, f, size) for f, t in runs)
        self.height = leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        text = self.canv.beginText(0, self.leading - self.size)  # baseline as in a paragraph
        for font, chunk in self.runs:
            text.setFont(font, self.size, self.leading)
            text.textOut(chunk)
        self.canv.drawText(text)


class PagedTable(Flowable):
    """A table of any length laid out page by page in time that grows linearly with its rows.

    ReportLab's ``Table.split`` builds a new table of all the remaining rows on every page
    (their cell styles, spans and heights again), so a 3,000-row table cost time growing with
    the square of its length. Here the rows are measured once; each page gets a table of the
    header rows and just the rows that fit, with the measured heights. Header rows repeat on
    every page; a split never falls inside a multi-row ``SPAN``; the last ``keep_with_last``
    rows (totals) never start a page without at least ``rows_with_last`` rows before them.
    """

    def __init__(
        self,
        data: list[list[Any]],
        widths: list[float],
        commands: list[TableCommand],
        *,
        header_rows: int,
        min_row_heights: Sequence[float] | None = None,
        keep_with_last: int = 0,
        rows_with_last: int = 1,
        _shared: dict[str, Any] | None = None,
        _start: int | None = None,
    ) -> None:
        super().__init__()
        self._data = data
        self._widths = widths
        self._header_rows = header_rows
        self._min_heights = min_row_heights
        self._keep = keep_with_last
        self._rows_with_last = rows_with_last
        n = len(data)
        self._commands = (
            _deduplicated([_absolute(c, n) for c in commands]) if _shared is None else commands
        )
        self._shared = _shared if _shared is not None else {}
        self._start = header_rows if _start is None else _start

    # -- measuring (once, shared by the pieces)

    def _heights(self) -> list[float]:
        heights = self._shared.get("heights")
        if heights is None:
            whole = Table(
                self._data,
                colWidths=self._widths,
                style=TableStyle(self._commands),
                minRowHeights=self._min_heights,
            )
            whole.wrap(sum(self._widths), 1e9)
            # the row heights ReportLab measured (private, set by wrap(); no public accessor)
            heights = list(whole._rowHeights)  # type: ignore[attr-defined]
            suffix = [0.0] * (len(heights) + 1)
            for i in range(len(heights) - 1, -1, -1):
                suffix[i] = suffix[i + 1] + heights[i]
            # rows before which a page may not break: inside a SPAN over several rows
            joined = [False] * (len(heights) + 1)
            for name, (_c0, r0), (_c1, r1), *_args in self._commands:
                if name == "SPAN" and r1 > r0:
                    for r in range(r0 + 1, r1 + 1):
                        joined[r] = True
            self._shared.update(heights=heights, suffix=suffix, joined=joined, whole=whole)
        return heights

    def _header_height(self) -> float:
        return sum(self._heights()[: self._header_rows])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._heights()
        self.width = sum(self._widths)
        self.height = self._header_height() + self._shared["suffix"][self._start]
        return self.width, self.height

    # -- cutting

    def _piece(self, start: int, end: int) -> Table:
        hdr = self._header_rows
        heights = self._heights()
        whole: Table = self._shared["whole"]
        rows = list(range(hdr)) + list(range(start, end))
        commands = []
        for name, (c0, r0), (c1, r1), *args in self._commands:
            if name in _CELL_COMMANDS:
                continue  # already in the measured table's cell styles, shared below
            rng = _piece_rows(r0, r1, hdr, start, end)
            if rng is not None:
                commands.append((name, (c0, rng[0]), (c1, rng[1]), *args))
        # The cells' styles were worked out once for the whole table (as ReportLab's own
        # split does, the piece shares them); only lines, spans and backgrounds are redone.
        cells = whole._cellvalues  # type: ignore[attr-defined]  # as Table.split() shares them
        styles = whole._cellStyles  # type: ignore[attr-defined]
        return Table(
            [cells[r] for r in rows],
            colWidths=self._widths,
            rowHeights=[heights[r] for r in rows],
            style=TableStyle(commands),
            cellStyles=[styles[r] for r in rows],
            normalizedData=1,
        )

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        heights = self._heights()
        joined = self._shared["joined"]
        n = len(heights)
        room = availHeight - self._header_height()
        end = self._start
        while end < n and room >= heights[end]:
            room -= heights[end]
            end += 1
        while self._start < end < n and joined[end]:
            end -= 1  # back to the start of the span the page would cut
        body = n - self._header_rows
        if self._keep and body > self._keep and n - self._keep - self._rows_with_last < end < n:
            # the totals go over with the rows before them (with one when the page would
            # otherwise have none of them)
            end = n - self._keep - self._rows_with_last
            if end <= self._start:
                end = n - self._keep - 1
        if end <= self._start:
            return []  # not even one row fits here: the frame tries the next page
        if end >= n:
            return [self._piece(self._start, n)]
        rest = PagedTable(
            self._data,
            self._widths,
            self._commands,
            header_rows=self._header_rows,
            keep_with_last=self._keep,
            rows_with_last=self._rows_with_last,
            _shared=self._shared,
            _start=end,
        )
        return [self._piece(self._start, end), rest]

    def draw(self) -> None:
        piece = self._piece(self._start, len(self._data))
        piece.wrapOn(self.canv, self.width, self.height)
        piece.drawOn(self.canv, 0, 0)


class TableWithTail(Flowable):
    """A :class:`PagedTable` followed by flowables (a seal block) that are never on a page
    without the table's last rows.

    When the table would end on this page but its tail would not fit under it, rows go over
    to the next page with the tail; when the rest of the table and the tail fit on one page,
    the break is made so that they go over together (not the totals and one row alone).
    """

    def __init__(self, table: PagedTable, tail: Sequence[Flowable], page_height: float) -> None:
        super().__init__()
        self._table = table
        self._tail = list(tail)
        self._page_height = page_height

    def _tail_height(self, width: float) -> float:
        total = 0.0
        for f in self._tail:
            _w, h = f.wrap(width, self._page_height)
            total += h + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self._table.wrap(availWidth, availHeight)
        self.width = max(width, availWidth)
        self.height = height + self._tail_height(availWidth)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        _w, height = self._table.wrap(availWidth, availHeight)
        tail = self._tail_height(availWidth)
        if height + tail <= availHeight:
            return [self._table, *self._tail]
        parts: list[Flowable] = list(self._table.split(availWidth, availHeight - tail))
        short = True  # this page is left with room under the table
        if len(parts) == 2:
            rest = parts[1]
            _w, rest_height = rest.wrap(availWidth, self._page_height)
            if rest_height + tail > self._page_height and height > availHeight:
                # more than one page to go: fill this one, the tail comes later
                parts = list(self._table.split(availWidth, availHeight))
                short = False
        if not parts:
            return []  # not even a row fits here: the next page
        if len(parts) == 1:
            return [parts[0], *self._tail]
        rest = TableWithTail(parts[1], self._tail, self._page_height)  # type: ignore[arg-type]
        # The rest and the tail start the next page (the room left here is the tail's).
        return [parts[0], PageBreak(), rest] if short else [parts[0], rest]

    def draw(self) -> None:  # only reached whole: split() hands out the parts
        self._table.canv = self.canv
        self._table.drawOn(self.canv, 0, self.height - self._table.height)
        y = self.height - self._table.height
        for f in self._tail:
            _w, h = f.wrap(self.width, self._page_height)
            y -= f.getSpaceBefore() + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


#: A one-line paragraph's alignment as a table cell's ALIGN for the same string.
_PLAIN_ALIGN: dict[int | str, str] = {TA_LEFT: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}


def _unindented(style: ParagraphStyle) -> bool:
    """True when a one-line paragraph of ``style`` starts where a cell's string does."""
    return not (style.firstLineIndent or style.leftIndent or style.rightIndent)


def _plain_commands(
    fonts: dict[tuple[int, int], str], n_cols: int, first_row: int, n_rows: int, default: str
) -> list[TableCommand]:
    """FONTNAME commands for plain-string cells: each column's usual font, then the others."""
    by_column: list[dict[str, list[int]]] = [{} for _ in range(n_cols)]
    for (c, r), font in fonts.items():
        by_column[c].setdefault(font, []).append(r)
    commands: list[TableCommand] = []
    for c, column in enumerate(by_column):
        usual = max(column, key=lambda f: len(column[f])) if column else default
        if usual != default:
            commands.append(("FONTNAME", (c, first_row), (c, n_rows - 1), usual))
        for font, rows in column.items():
            if font != usual:
                commands += [("FONTNAME", (c, r), (c, r), font) for r in rows]
    return commands


def _horizontal_padding(commands: Sequence[TableCommand]) -> float:
    """Left plus right padding of the cells: the last such commands over the whole table."""
    left = right = 4.0  # OfficialDocument.table's own
    for name, start, end, *args in commands:
        if start == (0, 0) and end == (-1, -1):
            if name == "LEFTPADDING":
                left = args[0]
            elif name == "RIGHTPADDING":
                right = args[0]
    return left + right


def _may_be_taller(para: Paragraph, width: float, limit: float) -> bool:
    """False when ``para`` surely fits in ``limit`` points (each line holds at least
    ``width`` less two em of text); saves wrapping every cell of a long table twice."""
    size = para.style.fontSize
    text = getattr(para, "text", None)
    if not isinstance(text, str) or width <= 2 * size:
        return True
    lines = len(text) * size / (width - 2 * size) + 1 + text.count("<br/>")
    return lines * para.style.leading > limit


#: Style commands that set one value per cell: a later one on the same cells replaces it.
_SETTINGS = {
    "FONTNAME", "FONTSIZE", "LEADING", "ALIGN", "VALIGN",
    "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING",
}  # fmt: skip


#: Style commands kept in each cell's style (the others are lines, spans and backgrounds).
_CELL_COMMANDS = _SETTINGS | {"FONT", "TEXTCOLOR"}


def _deduplicated(commands: list[TableCommand]) -> list[TableCommand]:
    """``commands`` without settings that a later command on the same cells overrides."""
    seen: set[tuple[str, tuple[int, int], tuple[int, int]]] = set()
    out: list[TableCommand] = []
    for command in reversed(commands):
        name, start, end, *_args = command
        if name in _SETTINGS:
            if (name, start, end) in seen:
                continue
            seen.add((name, start, end))
        out.append(command)
    out.reverse()
    return out


def _absolute(command: TableCommand, n_rows: int) -> TableCommand:
    """A style command with negative row numbers counted from the top."""
    name, (c0, r0), (c1, r1), *args = command
    return (name, (c0, r0 % n_rows if r0 < 0 else r0), (c1, r1 % n_rows if r1 < 0 else r1), *args)


def _piece_rows(r0: int, r1: int, hdr: int, start: int, end: int) -> tuple[int, int] | None:
    """Rows ``r0..r1`` of the whole table in a piece of the header rows and rows start..end-1."""
    if r1 < hdr:
        return r0, r1
    if r0 < hdr:
        return (r0, hdr - 1) if r1 < start else (r0, hdr + min(r1, end - 1) - start)
    lo, hi = max(r0, start), min(r1, end - 1)
    if lo > hi:
        return None
    return hdr + lo - start, hdr + hi - start


# ---------------------------------------------------------------- the document


def line_texts(para: Paragraph) -> list[str]:
    """The text of each line of a wrapped paragraph."""
    texts = []
    for line in para.blPara.lines:  # type: ignore[attr-defined]  # set by wrap()
        if hasattr(line, "words"):
            texts.append("".join(getattr(w, "text", "") or "" for w in line.words))
        else:
            words = line[1]
            texts.append(words if isinstance(words, str) else " ".join(words))
    return texts


def line_starts(text: str, lines: list[str]) -> list[int]:
    """Where in ``text`` each of ``lines`` begins (spaces a line break took are skipped)."""
    starts, at = [], 0
    for line in lines:
        while at < len(text) and text[at].isspace() and not line[:1].isspace():
            at += 1
        starts.append(at)
        at += len(line)
    return starts


def kept_whole(
    doc: OfficialDocument,
    text: str,
    width: float,
    style: ParagraphStyle,
    spans: Sequence[tuple[int, int]],
    markup: Callable[[int, int], str] | None = None,
) -> Paragraph:
    """``text`` wrapped in ``width`` points with a line break before each of ``spans``
    (start, end) that the wrapping would cut, so that none is cut (a span wider than a line
    falls as it may). ``markup`` gives the markup of ``text[a:b]`` (the fonts' by default)."""
    role = role_of(style)

    def plain(a: int, b: int) -> str:
        return doc.fonts.markup(text[a:b].strip(), role)

    mark = markup or plain
    breaks: set[int] = set()
    para = Paragraph(mark(0, len(text)), style)
    for _ in range(len(spans) + 1):
        cuts = sorted(breaks)
        bounds = zip([0, *cuts], [*cuts, len(text)], strict=True)
        para = Paragraph("<br/>".join(mark(a, b) for a, b in bounds), style)
        para.wrap(width, 1_000_000)
        starts = line_starts(text, line_texts(para))
        cut = next(
            (a for s in starts for a, b in spans if a < s < b and a not in breaks and a > 0),
            None,
        )
        if cut is None:
            return para
        breaks.add(cut)
    return para


def _phrases(text: str) -> list[tuple[int, int]]:
    """(start, end) of the phrases of a name, for :func:`phrases_kept`: the segmenter's words,
    a one-character word joined to the word before (南屏 县 → 南屏县), two-character words
    paired (党建 引领 → 党建引领)."""
    from jianfu.domain.words import word_ends

    words: list[tuple[int, int]] = []
    start = 0
    for end in word_ends(text):
        if end - start == 1 and words and not text[start].isspace():
            words[-1] = (words[-1][0], end)
        else:
            words.append((start, end))
        start = end
    phrases: list[tuple[int, int]] = []
    for a, b in words:
        last = phrases[-1] if phrases else None
        if last is not None and b - a == 2 and last[1] - last[0] == 2 and last[1] == a:
            phrases[-1] = (last[0], b)
        else:
            phrases.append((a, b))
    # a pair joined stays a pair: the next two-character word starts a phrase of its own
    return phrases


def phrases_kept(
    doc: OfficialDocument, text: str, width: float, style: ParagraphStyle
) -> Paragraph:
    """A name (宁川市党建引领基层治理协调机制审批意见) wrapped in ``width`` points between its
    phrases, never inside one: 宁川市 / 党建引领 / 基层治理 / 协调机制 / 审批意见. The CJK
    line breaking cut it anywhere, 宁川市党建引 / 领基层治理协 / 调机制审批意 / 见."""
    return kept_whole(doc, text, width, style, _phrases(text))


class OfficialDocument:
    """A GB/T 9704 page set-up with its styles; turns a story of flowables into PDF bytes."""

    def __init__(
        self,
        fonts: FontSet | None = None,
        *,
        landscape_pages: bool = False,
        margins: Margins | None = None,
    ) -> None:
        self.fonts = fonts or find_fonts()
        self.landscape = landscape_pages
        self.page_size = landscape(A4) if landscape_pages else A4
        self.margins = margins or (LANDSCAPE_MARGINS if landscape_pages else PORTRAIT_MARGINS)
        self.styles = make_styles(self.fonts)
        self.page_count = 0

    @property
    def frame_width(self) -> float:
        """Width of the text block in points."""
        return self.page_size[0] - (self.margins.left + self.margins.right) * mm

    @property
    def frame_height(self) -> float:
        """Height of the text block in points."""
        return self.page_size[1] - (self.margins.top + self.margins.bottom) * mm

    # ------------------------------------------------------------ content helpers

    def para(self, text: str | None, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of user ``text``: escaped, newlines kept, missing glyphs substituted."""
        style = style or self.styles.body
        return WrapOnceParagraph(self.fonts.markup(text, role_of(style)), style)

    def cell(
        self, value: Any, style: ParagraphStyle | None = None
    ) -> Flowable | list[Flowable] | str:
        """A table cell: text becomes a wrapping paragraph, flowables pass through."""
        if isinstance(value, Flowable | list):
            return value
        if value is None or value == "":
            return ""
        return self.para(str(value), style or self.styles.cell)

    def col_widths(self, fractions: Sequence[float]) -> list[float]:
        """Column widths in points from fractions of the frame width (normalised to 1)."""
        total = sum(fractions)
        return [self.frame_width * f / total for f in fractions]

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        *,
        header_rows: int = 1,
        style: ParagraphStyle | None = None,
        header_style: ParagraphStyle | None = None,
        center_cols: Sequence[int] = (),
        extra: Sequence[TableCommand] = (),
        min_row_heights: Sequence[float] | None = None,
        keep_with_last: int = 0,
        rows_with_last: int = 1,
    ) -> PagedTable:
        """A bordered table; header rows repeat on every page, long rows may split.

        ``rows`` hold text (escaped and wrapped here) or flowables; ``fractions`` are the
        column widths as parts of the frame width. Row numbers in ``extra`` style commands
        and ``min_row_heights`` refer to ``rows``, also when a tall row was cut in parts.
        A body cell whose text fits its column on one line in one font is drawn as a plain
        string; only the others become paragraphs. ``keep_with_last`` rows (totals) never
        begin a page without ``rows_with_last`` rows before them.
        """
        style = style or self.styles.cell
        header_style = header_style or self.styles.cell_header
        center = self.styles.sized(self.styles.cell_center, style.fontSize)
        widths = self.col_widths(fractions)
        role = role_of(style)
        padding = _horizontal_padding(extra)
        data: list[list[Any]] = []
        spans: list[tuple[int, int]] = []  # output rows [first, last] of each input row
        plain_fonts: dict[tuple[int, int], str] = {}  # (column, output row) of plain strings
        # long tables repeat their texts (dates, places, figures): each text is measured once
        # per width; a TextRuns drawn in several cells is shared (it keeps no state)
        plain_memo: dict[tuple[str, float], tuple[str, str] | Flowable | None] = {}
        # ... and a text that must wrap becomes one paragraph per style, drawn in every cell
        # that shows it (a paragraph keeps only the lines of its last width; a table wraps
        # each cell just before drawing it)
        para_memo: dict[tuple[str, int], Flowable | list[Flowable] | str] = {}
        # header cells that fit on one line in one font are plain strings too (drawn on every
        # page of a long table), placed as their centred paragraph was
        # (not under a SPAN: ReportLab sizes the rows of a spanned string otherwise)
        spanned = any(c[0] == "SPAN" and min(c[1][1], c[2][1]) < header_rows for c in extra)
        header_align = (
            _PLAIN_ALIGN.get(header_style.alignment)
            if _unindented(header_style) and not spanned
            else None
        )
        header_role = role_of(header_style)
        header_fonts: dict[tuple[int, int], str] = {}
        for r, row in enumerate(rows):
            first = len(data)
            if r < header_rows:
                row_widths = _spanned_widths(widths, extra, r)
                header: list[Any] = []
                for c, v in enumerate(row):
                    plain = None
                    if header_align is not None and isinstance(v, str | int):
                        plain = self._plain_cell(
                            v, row_widths[c] - padding, header_style, header_role
                        )
                    if plain is None:
                        header.append(self.cell(v, header_style))
                    elif isinstance(plain, Flowable):
                        header.append(plain)
                    else:
                        header.append(plain[0])
                        if plain[0]:
                            header_fonts[(c, first)] = plain[1]
                data.append(header)
            else:
                row_widths = _spanned_widths(widths, extra, r)
                cells: list[Any] = []
                for c, v in enumerate(row):
                    if isinstance(v, str | int):
                        key = (str(v), row_widths[c])
                        if key in plain_memo:
                            plain = plain_memo[key]
                        else:
                            plain = self._plain_cell(v, row_widths[c] - padding, style, role)
                            plain_memo[key] = plain
                    else:
                        plain = self._plain_cell(v, row_widths[c] - padding, style, role)
                    if plain is None:
                        cell_style = center if c in center_cols else style
                        if isinstance(v, str | int):
                            pkey = (str(v), id(cell_style))
                            if pkey not in para_memo:
                                para_memo[pkey] = self.cell(v, cell_style)
                            cells.append(para_memo[pkey])
                        else:
                            cells.append(self.cell(v, cell_style))
                    elif isinstance(plain, Flowable):
                        cells.append(plain)
                    else:
                        cells.append(plain[0])
                        if plain[0]:
                            plain_fonts[(c, first)] = plain[1]
                data += self._split_tall_row(cells, row_widths)
            spans.append((first, len(data) - 1))
        extra = _remap_commands(extra, spans)
        if min_row_heights is not None:
            heights = [0.0] * len(data)
            for (first, _last), height in zip(spans, min_row_heights, strict=False):
                heights[first] = height or 0.0
            min_row_heights = heights
        body = self.fonts.name(FontRole.BODY)
        commands: list[TableCommand] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            # Empty cells are drawn as strings in the cell font: Helvetica unless told.
            ("FONTNAME", (0, 0), (-1, -1), body),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if header_fonts:
            last = header_rows - 1
            commands += _plain_commands(header_fonts, len(widths), 0, header_rows, body)
            commands += [
                ("FONTSIZE", (0, 0), (-1, last), header_style.fontSize),
                ("LEADING", (0, 0), (-1, last), header_style.leading),
                ("ALIGN", (0, 0), (-1, last), header_align),
            ]
        if len(data) > header_rows:
            commands += _plain_commands(plain_fonts, len(widths), header_rows, len(data), body)
            commands += [
                ("FONTSIZE", (0, header_rows), (-1, -1), style.fontSize),
                ("LEADING", (0, header_rows), (-1, -1), style.leading),
                *[("ALIGN", (c, header_rows), (c, -1), "CENTER") for c in center_cols],
            ]
        commands += extra
        return PagedTable(
            data,
            widths,
            commands,
            header_rows=header_rows,
            min_row_heights=min_row_heights,
            keep_with_last=keep_with_last,
            rows_with_last=rows_with_last,
        )

    def _plain_cell(
        self, value: Any, width: float, style: ParagraphStyle, role: FontRole
    ) -> tuple[str, str] | Flowable | None:
        """``value`` drawn without a paragraph: (text, font) for one font, a ``TextRuns`` for
        several; ``None`` when it must wrap or needs markup (then it becomes a paragraph)."""
        if value is None or value == "":
            return "", self.fonts.name(role)
        if isinstance(value, Flowable | list):
            return None
        text = str(value)
        if len(text) * style.fontSize * 0.5 > width:  # surely longer than the column
            return None
        runs = self.fonts.plain_runs(text, role)
        if runs is None:
            return None
        size = style.fontSize
        if sum(stringWidth(t, f, size) for f, t in runs) > width:
            return None
        if len(runs) == 1:
            return text, runs[0][0]
        return TextRuns(runs, size, style.leading)

    def _split_tall_row(self, cells: list[Any], widths: list[float]) -> list[list[Any]]:
        """One row, or several when a cell is taller than about half a page.

        A table row cannot break across pages (ReportLab 5.1's ``splitInRow`` repeats header
        rows and leaves blank pages), so long paragraphs are cut at line boundaries into
        continuation rows; the other cells of a continuation row stay empty.
        """
        limit = self.frame_height * 0.45  # two chunks and the header rows fill a page
        padding = 7  # top + bottom cell padding
        pending = list(cells)
        out: list[list[Any]] = []
        while True:
            row: list[Any] = []
            rest: list[Any] = []
            for cell, width in zip(pending, widths, strict=True):
                if isinstance(cell, Paragraph) and _may_be_taller(cell, width - 8, limit - padding):
                    inner = width - 8  # left + right cell padding
                    _w, height = cell.wrap(inner, limit)
                    if height + padding > limit:
                        parts = cell.split(inner, limit - padding)
                        if len(parts) >= 2:
                            row.append(parts[0])
                            rest.append(parts[1])
                            continue
                row.append(cell)
                rest.append("")
            out.append(row)
            if all(c == "" for c in rest):
                return out
            pending = rest

    # ------------------------------------------------------------ output

    def _draw_page_number(self, canvas: Canvas, number: int, total: int, mode: PageNumbers) -> None:
        if mode == PageNumbers.NEVER or (mode == PageNumbers.MULTI_PAGE and total < 2):
            return
        # "— 1 —" in 四号, 7 mm below the text block; odd pages on the right and even pages on
        # the left, one character in from the edge of the text block.
        text = f"— {number} —"
        runs = self.fonts.plain_runs(text, FontRole.BODY)
        leading = SIZE_4 * 1.2
        width = self.frame_width - 2 * SIZE_4
        x = self.margins.left * mm + SIZE_4
        # Never closer than 8 mm to the paper edge, where many printers cannot print.
        y = max(self.margins.bottom * mm - 7 * mm - leading, 8 * mm)
        if runs is not None:
            # drawn as the one-line paragraph below would draw it (a run per font, the
            # baseline its leading less its size above the bottom), without making one for
            # every page: a 770-page register spent 5% of its time on them
            if number % 2:
                x += width - sum(stringWidth(t, f, SIZE_4) for f, t in runs)
            canvas.saveState()
            canvas.setFillColor(colors.black)
            line = canvas.beginText(x, y + leading - SIZE_4)
            for font, chunk in runs:
                line.setFont(font, SIZE_4, leading)
                line.textOut(chunk)
            canvas.drawText(line)
            canvas.restoreState()
            return
        style = ParagraphStyle(
            "jf-page-number",
            fontName=self.fonts.name(FontRole.BODY),
            fontSize=SIZE_4,
            leading=SIZE_4 * 1.2,
            alignment=TA_RIGHT if number % 2 else TA_LEFT,
        )
        para = Paragraph(self.fonts.markup(text, FontRole.BODY), style)
        para.wrap(width, SIZE_4 * 3)
        para.drawOn(canvas, x, y)

    def build(
        self,
        story: Sequence[Flowable],
        *,
        title: str,
        subject: str = "",
        page_numbers: PageNumbers = PageNumbers.MULTI_PAGE,
    ) -> bytes:
        """Lay out ``story`` on the pages and return the PDF; sets :attr:`page_count`."""
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=self.margins.left * mm,
            rightMargin=self.margins.right * mm,
            topMargin=self.margins.top * mm,
            bottomMargin=self.margins.bottom * mm,
            title=title,
            author=AUTHOR,
            creator=CREATOR,
            subject=subject,
            lang="zh-CN",
            # The canvas would otherwise start each page in Helvetica, which is not embedded.
            initialFontName=self.fonts.name(FontRole.BODY),
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

        def draw_number(canvas: Canvas, number: int, total: int) -> None:
            self.page_count = total
            self._draw_page_number(canvas, number, total, page_numbers)

        def canvasmaker(*args: Any, **kw: Any) -> _NumberingCanvas:
            return _NumberingCanvas(*args, draw_number=draw_number, **kw)

        doc.build(list(story), canvasmaker=canvasmaker)
        return buffer.getvalue()
