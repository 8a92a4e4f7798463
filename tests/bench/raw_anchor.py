"""The fair anchor of any print of the app: raw ReportLab laying out the very same content.

``capture(make)`` runs the app's code that makes a PDF up to the point where it hands its story
(the flowables: titles, paragraphs, tables, charts) to ``OfficialDocument.build``, and keeps that
story and the page set-up instead of laying it out. ``raw_pdf(captured)`` then lays the same
content out with stock ReportLab: each paragraph a ``Paragraph`` of the same markup and style
(its Latin runs, escapes and fallback fonts as the app wrote them), each table a ``LongTable``
of the same cells, widths and style commands with its header rows repeated, the stock ``Table``,
``KeepTogether``, spacers, page breaks and chart drawings as they are, on the same page and
frame, with page numbers drawn as a string in the canvas's page callback. What it leaves out is
the app's own layout machinery: its line breaking (Chinese punctuation kept off line starts;
ReportLab's own is put back while an anchor is built), its tables laid out page by page with
their totals kept together, the seal kept with the totals, the page count known before the
numbers are drawn. The app's few drawing-only flowables (a seal's circle, an opinion box, a
spacer to the foot of the page) are laid out as they are.

The anchor's time is the conversion and the layout (``Paragraph``'s parsing included); the app's
is its PDF function from its first ``OfficialDocument`` to the bytes (``pdf_seconds``), beside
the whole print through its service where the caller times that.
"""

from __future__ import annotations

import contextlib
import copy
import io
import time
from collections.abc import Callable, Iterator
from typing import Any


@contextlib.contextmanager
def raw_reportlab() -> Iterator[None]:
    """ReportLab's own CJK line breakers and its checking of graphics attributes (the app's
    modules replace the first and turn the second off when they load) while an anchor is built;
    the app's are put back after."""
    import reportlab.platypus.paragraph as paragraph
    from reportlab import rl_config

    from jianfu.reports import base

    app = paragraph.cjkFragSplit, paragraph.wordSplit, rl_config.shapeChecking  # type: ignore[attr-defined]
    paragraph.cjkFragSplit = base._cjk_frag_split  # type: ignore[attr-defined]
    paragraph.wordSplit = base._word_split  # type: ignore[attr-defined]
    rl_config.shapeChecking = 1
    try:
        yield
    finally:
        paragraph.cjkFragSplit, paragraph.wordSplit, rl_config.shapeChecking = app  # type: ignore[attr-defined]


def capture(make: Callable[[], Any]) -> dict[str, Any]:
    """The story and page set-up that ``make()`` hands to ``OfficialDocument.build`` (the
    first document it builds), without laying it out."""
    from jianfu.reports import base

    got: dict[str, Any] = {}
    original = base.OfficialDocument.build

    def grab(self: Any, story: Any, *, title: str, subject: str = "", page_numbers: Any = None):
        if not got:
            got.update(
                story=list(story),
                page_size=self.page_size,
                margins=self.margins,
                fonts=self.fonts,
                numbers=page_numbers != base.PageNumbers.NEVER,
                title=title,
            )
        self.page_count = 1
        return b"%PDF-"

    base.OfficialDocument.build = grab  # type: ignore[method-assign]
    try:
        make()
    except Exception:  # a caller that read the stand-in PDF back: the story is kept
        if not got:
            raise
    finally:
        base.OfficialDocument.build = original  # type: ignore[method-assign]
    return got


@contextlib.contextmanager
def pdf_clock() -> Iterator[dict[str, float]]:
    """Times the app's PDF making inside the block: from its first ``OfficialDocument`` to the
    end of its last build (``seconds``), leaving out the service's reading before it."""
    from jianfu.reports import base

    out: dict[str, float] = {}
    init, build = base.OfficialDocument.__init__, base.OfficialDocument.build

    def timed_init(self: Any, *args: Any, **kw: Any) -> None:
        out.setdefault("start", time.perf_counter())
        init(self, *args, **kw)

    def timed_build(self: Any, *args: Any, **kw: Any) -> bytes:
        data = build(self, *args, **kw)
        out["seconds"] = time.perf_counter() - out["start"]
        return data

    base.OfficialDocument.__init__ = timed_init  # type: ignore[method-assign]
    base.OfficialDocument.build = timed_build  # type: ignore[method-assign]
    try:
        yield out
    finally:
        base.OfficialDocument.__init__ = init  # type: ignore[method-assign]
        base.OfficialDocument.build = build  # type: ignore[method-assign]


def _cell(value: Any) -> Any:
    from reportlab.platypus import Paragraph

    if isinstance(value, Paragraph):
        text = getattr(value, "text", None)
        if isinstance(text, str):
            return Paragraph(text, value.style)
        return copy.copy(value)  # a part of a split paragraph: its lines as they are
    if isinstance(value, list):
        return [_flowable(v) for v in value]
    return value


def _flowable(f: Any) -> Any:
    from reportlab.platypus import KeepTogether, LongTable, Paragraph, Table, TableStyle

    from jianfu.reports import base

    if isinstance(f, Paragraph):
        return _cell(f)
    if isinstance(f, base.TableWithTail):
        return [_flowable(f._table), *(_flowable(t) for t in f._tail)]
    if isinstance(f, base.PagedTable):
        return LongTable(
            [[_cell(c) for c in row] for row in f._data],
            colWidths=f._widths,
            repeatRows=f._header_rows,
            style=TableStyle(f._commands),
            minRowHeights=f._min_heights,
        )
    if isinstance(f, Table):
        table = copy.copy(f)
        table._cellvalues = [[_cell(c) for c in row] for row in f._cellvalues]  # type: ignore[attr-defined]
        return table
    if isinstance(f, KeepTogether):
        return KeepTogether(_flat([_flowable(x) for x in f._content]))
    return f


def _flat(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out += item if isinstance(item, list) else [item]
    return out


def raw_pdf(captured: dict[str, Any]) -> bytes:
    """The captured content laid out by stock ReportLab (see the module's docstring)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from jianfu.reports.fonts import FontRole

    fonts = captured["fonts"]
    body = fonts.name(FontRole.BODY)
    latin = fonts.latin.font_name if fonts.latin else body
    m = captured["margins"]
    story = _flat([_flowable(f) for f in captured["story"]])
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=captured["page_size"],
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
        title=captured["title"],
        initialFontName=body,
    )

    def number(canvas: Any, template: Any) -> None:
        if not captured["numbers"]:
            return
        text = canvas.beginText(template.pagesize[0] / 2, max(m.bottom - 12, 8) * mm)
        for font, run in ((body, "— "), (latin, str(canvas.getPageNumber())), (body, " —")):
            text.setFont(font, 14)
            text.textOut(run)
        canvas.drawText(text)

    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=number)])
    doc.build(story)
    return buffer.getvalue()
