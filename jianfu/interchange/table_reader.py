"""A generic reader for tables that clerks get as Excel or CSV files.

Given a file and a field spec it finds the header row (it may sit below merged title rows),
maps columns by synonym, and yields the data rows with their sheet, row number and column
letters, collecting problems in Chinese. It is used for the admission lists and, later, for
other ledgers (signboards), so it knows nothing about lists.

Old Excel 97-2003 workbooks (.xls, still what many county offices publish, and what WPS saves
by default on older machines) are read with xlrd, merged cells included.

Excel sheets are streamed in openpyxl's read-only mode. Read-only mode knows neither merged
cells nor whether a formula has a cached value, so one light pass over the raw sheet XML (in
chunks, no objects built) collects the merged ranges and the formula cells without a value
before the rows are streamed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import os
import re
import struct
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from jianfu import files
from jianfu.domain.errors import JianfuError
from jianfu.domain.imports import ImportProblem
from jianfu.domain.progress import Progress

#: How many rows from the top of a sheet are searched for the header row.
HEADER_SCAN_ROWS = 20
#: Report progress every this many rows.
PROGRESS_EVERY = 500
#: A workbook whose parts unpack to more than this is refused before it is read (zip bombs:
#: a 300 KB file can unpack to gigabytes). A real 100,000-row ledger unpacks to ~60 MB.
MAX_UNPACKED_BYTES = 300 << 20
#: ... or whose parts unpack to more than this many times their packed size (real workbooks
#: stay under ~30, a bomb is in the thousands), once the parts pass ``RATIO_FLOOR`` bytes.
MAX_RATIO = 200
RATIO_FLOOR = 20 << 20
#: A file with more rows than this (all sheets together) is refused while it is read.
MAX_ROWS = 300_000
#: The largest text a CSV cell may hold (Python's csv module refuses larger ones anyway).
MAX_CSV_CELL = 128 * 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
_NOTE_RE = re.compile(
    r"^\s*(?:(?:备注|附注|注|说明|填表说明)\s*\d*\s*[:：]"
    r"|(?:填表人|制表人|填报人|审核人|审批人|联系人|联系电话|负责人|填报日期|制表日期|填表日期))"
)


#: What a cut-off or corrupt part of a workbook raises while it is read.
_BROKEN_PART: tuple[type[BaseException], ...] = (
    ElementTree.ParseError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
)
try:
    from lxml.etree import XMLSyntaxError

    _BROKEN_PART = (*_BROKEN_PART, XMLSyntaxError)
except ImportError:  # pragma: no cover - openpyxl then parses with the standard library
    pass
#: What opening a file that is not a workbook, or a broken one, raises.
_NOT_A_WORKBOOK: tuple[type[BaseException], ...] = (
    InvalidFileException,
    KeyError,
    ValueError,
    OSError,
    *_BROKEN_PART,
)


class TableFileError(JianfuError):
    """The file cannot be read as a table at all; the message names the file and says why."""


def _identity(value: Any) -> Any:
    return value


Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a table: its name, Chinese label, header synonyms and value parser.

    The parser gets the raw cell value (``str``, ``int``, ``float``, ``datetime``, ``bool`` or
    ``None``) and returns the field value; it raises ``ValueError`` with a Chinese message
    for a bad value. ``required`` fields must have a column and a value in every data row.
    """

    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parser: Parser = _identity

    @property
    def headers(self) -> tuple[str, ...]:
        """The label followed by the synonyms, best first."""
        return (self.label, *(s for s in self.synonyms if s != self.label))


@dataclass(frozen=True)
class SheetHeader:
    """The header found on one sheet and how its columns map to fields."""

    sheet: str
    row: int
    columns: dict[str, int]
    headers: dict[str, str]
    extra_columns: dict[int, str]
    preamble: tuple[str, ...]
    missing: tuple[str, ...]

    def column_ref(self, name: str) -> str:
        """``C（事项名称）`` for a mapped field."""
        return f"{get_column_letter(self.columns[name])}（{self.headers[name]}）"


@dataclass
class TableRow:
    """One row of a table: parsed values by field, or a section heading row.

    ``values`` holds every mapped field (``None`` or ``""`` when blank or unreadable);
    ``extra`` the text of unmapped columns by header; ``problems`` those found in this row.
    """

    sheet: str
    row: int
    header: SheetHeader
    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    section: str | None = None
    problems: list[ImportProblem] = field(default_factory=list)

    def column_ref(self, name: str) -> str | None:
        """``C（事项名称）`` for a mapped field, ``None`` when the sheet lacks that column."""
        return self.header.column_ref(name) if name in self.header.columns else None

    def problem(self, name: str | None, message: str) -> ImportProblem:
        """A problem at this row (and the column of field ``name``)."""
        column = self.column_ref(name) if name else None
        return ImportProblem(self.sheet, self.row, column, message, field=name or "")


# ------------------------------------------------------------------ value parsers


def cell_text(value: Any) -> str:
    """A cell value as clean text: numbers without a spurious ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
        return text.strip().strip("\u3000").strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def parse_text(value: Any) -> str:
    """Text field: any cell value as text (编号 1.0 reads as ``1``)."""
    return cell_text(value)


_INT_TEXT_RE = re.compile(r"^[+-]?\d+\.0+$")


def parse_code(value: Any) -> str:
    """A number or code (编号): ``1``, ``"1"``, ``1.0`` and ``"1.0"`` all give ``"1"``."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    if _INT_TEXT_RE.match(text):
        text = text.split(".")[0]
    return text


_DATE_RES = (
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> dt.date | None:
    """A date written as an Excel date, a serial number, or text (2025-01-01, 2025年1月1日)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            serial: dt.datetime = from_excel(value)  # a datetime for a number (no timedelta=)
            return serial.date()
        raise ValueError(f"日期“{cell_text(value)}”超出范围")
    text = unicodedata.normalize("NFKC", cell_text(value))
    if not text:
        return None
    for pattern in _DATE_RES:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise ValueError(f"无法识别的日期“{text}”，应写成 2025-01-01、2025年1月1日 或 2025.1.1")


# ------------------------------------------------------------------ header matching


_BRACKETS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕")


@functools.lru_cache(maxsize=4096)
def normalize_header(text: Any) -> str:
    """A header cell reduced for comparison: width, spaces, line breaks and ``*`` removed."""
    t = unicodedata.normalize("NFKC", cell_text(text))
    t = re.sub(r"[\s*※]+", "", t)
    return t.rstrip(":：").lower()


def _strip_brackets(text: str) -> str:
    return _BRACKETS_RE.sub("", text)


class _HeaderMatcher:
    """Matches header texts to fields, remembering how good each match is."""

    def __init__(self, fields: Sequence[FieldSpec]) -> None:
        self.exact: dict[str, tuple[str, int]] = {}
        self.loose: dict[str, tuple[str, int]] = {}
        for spec in fields:
            for rank, syn in enumerate(spec.headers):
                key = normalize_header(syn)
                self.exact.setdefault(key, (spec.name, rank))
                self.loose.setdefault(_strip_brackets(key), (spec.name, rank))

    def match(self, text: Any) -> tuple[str, int] | None:
        """(field name, rank) for a header text; lower rank is a better match."""
        key = normalize_header(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        found = self.loose.get(_strip_brackets(key))
        if found is not None:
            return found[0], found[1] + 1000
        return None


# ------------------------------------------------------------------ file sources


@dataclass
class _SheetSource:
    """The raw rows of one sheet plus what read-only mode cannot tell: merges, lost formulas."""

    name: str
    rows: Iterable[tuple[int, Sequence[Any]]]
    total: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    no_cache: set[tuple[int, int]] = field(default_factory=set)  # (row, column)


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF_RE = re.compile(rb'\br="([A-Z]+)(\d+)"')
_TYPE_STR_RE = re.compile(rb'\bt="str"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f\b")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _scan_sheet_xml(src: BinaryIO) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """Merged ranges and formula cells without a cached value, from raw sheet XML in chunks."""
    merges: list[tuple[int, int, int, int]] = []
    no_cache: set[tuple[int, int]] = set()

    def scan(part: bytes) -> None:
        if _FORMULA_RE.search(part):
            for m in _CELL_RE.finditer(part):
                body = m[2]
                if not body or not _FORMULA_RE.search(body):
                    continue
                v = _VALUE_RE.search(body)
                if v is not None and (v[1] or _TYPE_STR_RE.search(m[1])):
                    continue
                ref = _REF_RE.search(m[1])
                if ref:
                    no_cache.add((int(ref[2]), column_index_from_string(ref[1].decode())))
        if b"mergeCell" in part:
            for m in _MERGE_RE.finditer(part):
                c1, r1 = column_index_from_string(m[1].decode()), int(m[2])
                if m[3]:
                    c2, r2 = column_index_from_string(m[3].decode()), int(m[4])
                else:
                    c2, r2 = c1, r1
                merges.append((r1, c1, r2, c2))

    carry = b""
    while True:
        chunk = src.read(1 << 20)
        if not chunk:
            scan(carry)
            break
        data = carry + chunk
        cut = data.rfind(b"row>")
        if cut < 0:
            carry = data
            continue
        cut += 4
        scan(data[:cut])
        carry = data[cut:]
    return merges, no_cache


def _sniff_kind(path: Path) -> str:
    """``xlsx``, ``csv`` or raise ``TableFileError`` for what cannot be read, by content."""
    name = path.name
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise TableFileError(f"无法打开文件“{name}”：{files.os_reason(exc, reading=True)}") from exc
    if not head:
        raise TableFileError(f"文件“{name}”是空文件，没有可导入的内容。")
    if head.startswith(_OLE2_MAGIC):
        _explain_ole2(path)
        return "xls"
    if head.startswith(_ZIP_MAGIC):
        _explain_zip(path)
        return "xlsx"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[:4] == b"GIF8":
        raise TableFileError(f"文件“{name}”是一张图片，不是 Excel 工作簿，无法导入。")
    if head.startswith(b"%PDF"):
        raise TableFileError(
            f"文件“{name}”是 PDF 文件，不是 Excel 工作簿。请向发文单位索取 Excel 版本。"
        )
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    lower = head.lower().lstrip()
    if lower.startswith((b"<html", b"<!doc", b"<?xml", b"<tabl")):
        raise TableFileError(
            f"文件“{name}”其实是网页或 XML 文件，只是扩展名为 {suffix}。"
            "请在 Excel 中打开后“另存为” .xlsx 再导入。"
        )
    raise TableFileError(
        f"文件“{name}”不是 Excel 工作簿（内容不是 .xlsx 格式），无法导入。"
        "如果它是文本表格，请把扩展名改为 .csv；否则请在 Excel 中另存为 .xlsx。"
    )


def _explain_ole2(path: Path) -> None:
    """Raise for an OLE2/CFB container that is not an Excel 97-2003 workbook (or encrypted)."""
    size = path.stat().st_size
    with path.open("rb") as f:
        data = f.read() if size <= 64 << 20 else f.read(8 << 20) + _tail(f, 8 << 20)
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        raise TableFileError(
            f"文件“{path.name}”设有打开密码（已加密），无法读取。"
            "请在 Excel 中用密码打开，取消密码后另存为 .xlsx 再导入。"
        )
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return  # an Excel 97-2003 workbook: read with xlrd
    raise TableFileError(
        f"文件“{path.name}”是旧版 Office 文件（如 .doc），不是 Excel 工作簿，无法导入。"
    )


def _xls_value(cell: Any, datemode: Literal[0, 1]) -> Any:
    """An xlrd cell as openpyxl would give it: dates as dates, errors as their text."""
    import xlrd

    kind = cell.ctype
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#VALUE!")
    return cell.value


def _tail(f: BinaryIO, n: int) -> bytes:
    f.seek(-n, os.SEEK_END)
    return f.read()


def _explain_zip(path: Path) -> None:
    """Raise for ZIP files that are not .xlsx/.xlsm workbooks (.docx, .ods, .xlsb, plain zip)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise TableFileError(f"文件“{path.name}”已损坏，无法作为 Excel 工作簿打开。") from exc
    if "xl/workbook.xml" in names:
        _check_unpacked_size(path)
        return
    if "xl/workbook.bin" in names:
        what = "Excel 二进制工作簿（.xlsb）"
    elif "word/document.xml" in names:
        what = "Word 文档"
    elif "ppt/presentation.xml" in names:
        what = "PowerPoint 演示文稿"
    elif "mimetype" in names and "content.xml" in names:
        what = "OpenDocument（WPS/LibreOffice）文件"
    else:
        what = "ZIP 压缩包"
    raise TableFileError(
        f"文件“{path.name}”是{what}，不是 Excel 工作簿（.xlsx）。"
        "请在 Excel 或 WPS 中另存为 .xlsx 后再导入。"
    )


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook that would unpack to too much before any part of it is parsed."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    limit_mb = MAX_UNPACKED_BYTES >> 20
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > RATIO_FLOOR and unpacked / packed > MAX_RATIO):
        raise TableFileError(
            f"文件“{path.name}”解压后有 {unpacked / (1 << 20):,.0f} MB"
            f"（压缩率 {unpacked / packed:,.0f} 倍），超过可导入的上限"
            f"（解压后 {limit_mb} MB、压缩率 {MAX_RATIO} 倍），未导入。"
            f"请检查文件是否正常，或分成几个文件（每个不超过 {MAX_ROWS:,} 行）再导入。"
        )


def _broken_sheet(file_name: str, sheet: str, exc: BaseException) -> TableFileError:
    err = TableFileError(
        f"文件“{file_name}”的工作表“{sheet}”内容不完整或已损坏（文件可能没有下载或复制完整），"
        "无法读取，未导入。请在 Excel 或 WPS 中打开检查后另存为 .xlsx 再导入。"
    )
    err.__cause__ = exc
    return err


def _decode_check(path: Path) -> str:
    """The encoding of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


class _CountingReader(io.RawIOBase):
    """A binary file wrapper that counts the bytes read, for CSV progress."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self.raw.readinto(b)  # type: ignore[attr-defined]
        self.count += n or 0
        return n or 0


# ------------------------------------------------------------------ the reader


class TableReader:
    """Reads the tables of one file; iterate ``rows()``, then look at ``problems``.

    ``sheets`` limits reading to those sheet names; hidden sheets are skipped. A section
    row (one text, e.g. 一、依法履职事项) is yielded with ``section`` set when ``is_section``
    accepts its text. ``progress.step`` is called every few hundred rows and raises
    ``Cancelled`` when the clerk cancels.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        fields: Sequence[FieldSpec],
        *,
        progress: Progress | None = None,
        is_section: Callable[[str], bool] | None = None,
        sheets: Sequence[str] | None = None,
        header_scan_rows: int = HEADER_SCAN_ROWS,
    ) -> None:
        self.path = Path(path)
        self.fields = list(fields)
        self.progress = progress
        self.is_section = is_section
        self.only_sheets = set(sheets) if sheets is not None else None
        self.header_scan_rows = header_scan_rows
        self.problems: list[ImportProblem] = []
        self.headers: list[SheetHeader] = []
        self.rows_read = 0
        self._matcher = _HeaderMatcher(self.fields)
        self._specs = {f.name: f for f in self.fields}

    @property
    def file_name(self) -> str:
        """The file's name, for messages."""
        return self.path.name

    def rows(self) -> Iterator[TableRow]:
        """Every data and section row of every sheet, in file order."""
        kind = _sniff_kind(self.path)
        if kind == "csv":
            yield from self._rows_csv()
        elif kind == "xls":
            yield from self._rows_xls()
        else:
            yield from self._rows_xlsx()
        self._step(force=True, message="读取完成")

    # -------------------------------------------------------------- sources

    def _rows_xlsx(self) -> Iterator[TableRow]:
        # A file object, not the path: openpyxl refuses a workbook whose name ends in .xls/.csv
        # even when its content is a good .xlsx (clerks rename files).
        handle = self.path.open("rb")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        except _NOT_A_WORKBOOK as exc:
            handle.close()
            raise TableFileError(
                f"文件“{self.file_name}”无法作为 Excel 工作簿打开（文件可能已损坏）。"
            ) from exc
        try:
            for ws in wb.worksheets:
                if not hasattr(ws, "iter_rows"):
                    continue
                state = getattr(ws, "sheet_state", "visible")
                if state != "visible":
                    if state == "veryHidden" and (
                        self.only_sheets is None or ws.title in self.only_sheets
                    ):
                        # Excel shows no way to unhide it: say so instead of dropping its rows.
                        self.problems.append(
                            ImportProblem(
                                ws.title,
                                None,
                                None,
                                "这个工作表被设为“非常隐藏”（在 Excel/WPS 中看不到），"
                                "其中的行不会导入。如果需要导入，请复制到可见的工作表；"
                                "否则请删除该工作表后再导入。",
                            )
                        )
                    continue
                if self.only_sheets is not None and ws.title not in self.only_sheets:
                    continue
                merges: list[tuple[int, int, int, int]] = []
                no_cache: set[tuple[int, int]] = set()
                sheet_path = getattr(ws, "_worksheet_path", None)
                if sheet_path is not None:
                    # openpyxl keeps the workbook's zip private; read-only mode has no merges
                    with wb._archive.open(sheet_path) as src:  # type: ignore[attr-defined]
                        merges, no_cache = _scan_sheet_xml(src)
                total = ws.max_row or 0
                ws.reset_dimensions()  # some writers record a wrong size; never truncate
                raw = enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
                source = _SheetSource(ws.title, raw, total, merges, no_cache)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        yield from self._read_sheet(source)
                    except _BROKEN_PART as exc:
                        raise _broken_sheet(self.file_name, ws.title, exc) from exc
        except _BROKEN_PART as exc:  # the raw pass over the sheet XML
            raise _broken_sheet(self.file_name, "?", exc) from exc
        finally:
            wb.close()
            handle.close()

    def _rows_xls(self) -> Iterator[TableRow]:
        import xlrd  # only for old workbooks: not loaded otherwise
        from xlrd.biffh import XLRDError
        from xlrd.compdoc import CompDocError

        try:
            book = xlrd.open_workbook(
                str(self.path), formatting_info=True, on_demand=True, logfile=io.StringIO()
            )
        except (XLRDError, CompDocError, AssertionError, ValueError,
                IndexError, KeyError, struct.error, OSError) as exc:  # fmt: skip
            raise TableFileError(
                f"文件“{self.file_name}”无法作为 Excel 97-2003 工作簿（.xls）打开"
                "（文件可能已损坏）。"
                "请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入。"
            ) from exc
        try:
            for index in range(book.nsheets):
                name = book.sheet_names()[index]
                if self.only_sheets is not None and name not in self.only_sheets:
                    continue
                try:
                    sheet = book.sheet_by_index(index)
                except (XLRDError, AssertionError, IndexError, struct.error) as exc:
                    raise _broken_sheet(self.file_name, name, exc) from exc
                if sheet.visibility == 2:
                    self.problems.append(
                        ImportProblem(
                            name,
                            None,
                            None,
                            "这个工作表被设为“非常隐藏”（在 Excel/WPS 中看不到），"
                            "其中的行不会导入。如果需要导入，请复制到可见的工作表；"
                            "否则请删除该工作表后再导入。",
                        )
                    )
                if sheet.visibility != 0:
                    book.unload_sheet(index)
                    continue
                # xlrd: (first row, row after last, first column, column after last), 0-based
                merges = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells]
                rows = (
                    (r + 1, [_xls_value(cell, book.datemode) for cell in sheet.row(r)])
                    for r in range(sheet.nrows)
                )
                yield from self._read_sheet(_SheetSource(name, rows, sheet.nrows, merges))
                book.unload_sheet(index)
        finally:
            book.release_resources()

    def _rows_csv(self) -> Iterator[TableRow]:
        encoding = _decode_check(self.path)
        total = self.path.stat().st_size
        try:
            with self.path.open(encoding=encoding, newline="") as f:
                sample = f.read(8192)
        except UnicodeDecodeError as exc:
            raise TableFileError(
                f"文件“{self.file_name}”的文字编码无法识别，请另存为 UTF-8 编码的 CSV。"
            ) from exc
        first_lines = sample.splitlines()[:5]
        delimiter = max(",\t;", key=lambda d: sum(line.count(d) for line in first_lines))
        with self.path.open("rb") as raw_file:
            counter = _CountingReader(raw_file)
            text = io.TextIOWrapper(
                io.BufferedReader(counter), encoding=encoding, errors="strict", newline=""
            )
            reader = csv.reader(text, delimiter=delimiter)
            sheet = self.path.stem

            def rows() -> Iterator[tuple[int, Sequence[Any]]]:
                try:
                    yield from enumerate(reader, start=1)
                except csv.Error as exc:
                    line = reader.line_num
                    if "field larger than field limit" in str(exc):
                        raise TableFileError(
                            f"文件“{self.file_name}”第 {line} 行有一格内容超过 "
                            f"{MAX_CSV_CELL // 1024} KB，不像正常的表格，未导入。"
                            "请检查该行（可能缺少引号的结尾）。"
                        ) from exc
                    raise TableFileError(
                        f"文件“{self.file_name}”第 {line} 行不是正常的 CSV 格式"
                        f"（{exc}），未导入。请在 Excel 中另存为 .xlsx 再导入。"
                    ) from exc

            source = _SheetSource(sheet, rows(), 0)
            try:
                yield from self._read_sheet(source, byte_counter=counter, byte_total=total)
            except UnicodeDecodeError as exc:
                raise TableFileError(
                    f"文件“{self.file_name}”的文字编码无法识别，请另存为 UTF-8 编码的 CSV。"
                ) from exc

    # -------------------------------------------------------------- one sheet

    def _step(
        self, *, force: bool = False, message: str = "", done: int = 0, total: int = 0
    ) -> None:
        if self.progress is None:
            return
        if force or self.rows_read % PROGRESS_EVERY == 0:
            self.progress.step(done or self.rows_read, max(total, done or self.rows_read), message)

    def _read_sheet(
        self,
        source: _SheetSource,
        *,
        byte_counter: _CountingReader | None = None,
        byte_total: int = 0,
    ) -> Iterator[TableRow]:
        sheet = source.name
        buffered: list[tuple[int, Sequence[Any]]] = []
        header: SheetHeader | None = None
        header_end = 0
        carry: dict[int, tuple[int, Any]] = {}  # column -> (last row, value)
        starts: dict[int, list[tuple[int, int, int]]] = {}
        for r1, c1, r2, c2 in source.merges:
            if r2 > r1:
                starts.setdefault(r1, []).append((c1, r2, c2))
        self._step(force=True, message=f"正在读取工作表“{sheet}”")

        def rows_after_header(pending: Iterable[tuple[int, Sequence[Any]]]) -> Iterator[TableRow]:
            assert header is not None
            for rnum, values in pending:
                self.rows_read += 1
                if self.rows_read > MAX_ROWS:
                    raise TableFileError(
                        f"文件“{self.file_name}”超过 {MAX_ROWS:,} 行（工作表“{sheet}”），"
                        "超过一次可导入的上限，未导入。请分成几个文件再导入。"
                    )
                if byte_counter is not None:
                    self._step(
                        done=byte_counter.count, total=byte_total, message=f"已读取 {rnum} 行"
                    )
                else:
                    self._step(
                        total=self.rows_read - rnum + max(source.total, rnum),
                        message=f"正在读取工作表“{sheet}”第 {rnum} 行",
                    )
                if rnum <= header_end:
                    continue
                row = self._data_row(header, rnum, values, carry, starts, source.no_cache)
                if row is not None:
                    yield row

        for rnum, values in source.rows:
            if header is not None:
                yield from rows_after_header([(rnum, values)])
                continue
            buffered.append((rnum, values))
            if len(buffered) >= self.header_scan_rows:
                header, header_end = self._find_header(sheet, buffered, source.merges)
                if header is None:
                    return
                rest = [(n, v) for n, v in buffered if n > header.row]
                yield from rows_after_header(rest)
        if header is None and buffered:
            header, header_end = self._find_header(sheet, buffered, source.merges)
            if header is not None:
                yield from rows_after_header([(n, v) for n, v in buffered if n > header.row])

    def _find_header(
        self,
        sheet: str,
        rows: list[tuple[int, Sequence[Any]]],
        merges: list[tuple[int, int, int, int]],
    ) -> tuple[SheetHeader | None, int]:
        """The best header row among ``rows``; reports a problem when there is none."""
        best: tuple[int, int, dict[str, tuple[int, int]]] | None = None  # score, row, mapping
        for rnum, values in rows:
            mapping = self._map_columns(values)
            if best is None or len(mapping) > best[0]:
                best = (len(mapping), rnum, mapping)
        needed = min(2, len(self.fields))
        if best is None or best[0] < needed:
            if any(cell_text(v) for _, vs in rows for v in vs):
                expected = "；".join("、".join(spec.headers[:4]) for spec in self.fields[:8])
                self.problems.append(
                    ImportProblem(
                        sheet,
                        None,
                        None,
                        f"在前 {self.header_scan_rows} 行中没有找到表头，已跳过此工作表。"
                        f"表头应包含以下列名（每组任选其一）：{expected}",
                    )
                )
            return None, 0
        _, hrow, mapping = best
        values_by_row = dict(rows)
        # A header cell merged downwards makes a two-row header; the lower row names sub-columns.
        # (A data row below is not a sub-header: its mapped cells hold more than header texts.)
        header_end = hrow
        for r1, _c1, r2, _c2 in merges:
            if r1 == hrow and r2 > hrow and r2 - hrow <= 3:
                header_end = max(header_end, r2)
        for sub in range(hrow + 1, header_end + 1):
            vals = values_by_row.get(sub, ())
            if any(
                col <= len(vals)
                and cell_text(vals[col - 1])
                and not self._matcher.match(vals[col - 1])
                for col, _rank in mapping.values()
            ):
                header_end = sub - 1
                break
        for sub in range(hrow + 1, header_end + 1):
            for name, (col, rank) in self._map_columns(values_by_row.get(sub, ())).items():
                better = name not in mapping or rank < mapping[name][1]
                if better and all(c != col for c, _ in mapping.values()):
                    mapping[name] = (col, rank)
        header_values = list(values_by_row.get(hrow, ()))
        columns = {name: col for name, (col, _rank) in mapping.items()}
        headers: dict[str, str] = {}
        for name, col in columns.items():
            text = ""
            for sub in range(hrow, header_end + 1):
                vals = values_by_row.get(sub, ())
                if col <= len(vals) and self._matcher.match(vals[col - 1]):
                    text = re.sub(r"\s+", "", cell_text(vals[col - 1]))
                    break
            headers[name] = text or self._specs[name].label
        mapped = set(columns.values())
        extra_columns = {
            i: re.sub(r"\s+", "", cell_text(v))
            for i, v in enumerate(header_values, start=1)
            if i not in mapped and cell_text(v)
        }
        preamble = tuple(
            " ".join(t for t in (cell_text(v) for v in vs) if t)
            for n, vs in rows
            if n < hrow and any(cell_text(v) for v in vs)
        )
        missing = tuple(s.name for s in self.fields if s.required and s.name not in columns)
        header = SheetHeader(sheet, hrow, columns, headers, extra_columns, preamble, missing)
        self.headers.append(header)
        if missing:
            labels = "；".join(
                f"“{self._specs[n].label}”（也可写作 {'、'.join(self._specs[n].synonyms[:5])}）"
                for n in missing
            )
            found = "、".join(cell_text(v) for v in header_values if cell_text(v))
            self.problems.append(
                ImportProblem(
                    sheet,
                    hrow,
                    None,
                    f"表头缺少必需的列：{labels}。已找到的列：{found}。此工作表未导入。",
                )
            )
            return None, 0
        for r1, c1, r2, c2 in merges:
            if r1 <= header_end < r2 and any(c1 <= c <= c2 for c in columns.values()):
                ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
                names = [n for n, c in columns.items() if c1 <= c <= c2]
                self.problems.append(
                    ImportProblem(
                        sheet,
                        header_end + 1,
                        header.column_ref(names[0]),
                        f"合并单元格 {ref} 跨越表头和数据行，无法确定各行的取值，"
                        "请拆分后重新导入。",
                    )
                )
        return header, header_end

    def _map_columns(self, values: Sequence[Any]) -> dict[str, tuple[int, int]]:
        """field -> (1-based column, rank) for the header texts of one row."""
        mapping: dict[str, tuple[int, int]] = {}
        for col, value in enumerate(values, start=1):
            if not isinstance(value, str):
                continue
            found = self._matcher.match(value)
            if found is None:
                continue
            name, rank = found
            if name not in mapping or rank < mapping[name][1]:
                mapping[name] = (col, rank)
        return mapping

    def _data_row(
        self,
        header: SheetHeader,
        rnum: int,
        values: Sequence[Any],
        carry: dict[int, tuple[int, Any]],
        starts: dict[int, list[tuple[int, int, int]]],
        no_cache: set[tuple[int, int]],
    ) -> TableRow | None:
        """One row after the header: skipped (blank, note, repeated header), section or data."""
        sheet = header.sheet
        for c1, r2, _c2 in starts.get(rnum, ()):
            top = values[c1 - 1] if c1 <= len(values) else None
            carry[c1] = (r2, top)
        own = [cell_text(v) for v in values]
        texts = [t for t in own if t]
        merged_values: dict[int, Any] = {}
        for col, (last, value) in list(carry.items()):
            if rnum > last:
                del carry[col]
            elif (col > len(own) or not own[col - 1]) and value is not None:
                merged_values[col] = value
        if not texts and not any((rnum, c) in no_cache for c in header.columns.values()):
            return None
        if texts and _NOTE_RE.match(texts[0]):
            return None
        first = min(header.columns.values())
        if (
            texts
            and first <= len(own)
            and normalize_header(own[first - 1]) in self._matcher.exact
            and all(
                normalize_header(own[c - 1]) == normalize_header(header.headers[n])
                for n, c in header.columns.items()
                if c <= len(own)
            )
        ):
            return None  # the header repeated (a table printed over several pages)
        distinct = {normalize_header(t) for t in texts}
        if len(distinct) == 1 and self.is_section is not None and self.is_section(texts[0]):
            return TableRow(sheet, rnum, header, section=texts[0])

        row = TableRow(sheet, rnum, header)
        for name, col in header.columns.items():
            spec = self._specs[name]
            raw = values[col - 1] if col <= len(values) else None
            if col in merged_values:
                raw = merged_values[col]
            if (rnum, col) in no_cache:
                row.problems.append(
                    row.problem(
                        name,
                        "公式没有计算结果（文件未经 Excel 保存过）。"
                        "请在 Excel 中打开并保存，或把公式改为数值后重新导入。",
                    )
                )
                raw = None
            elif isinstance(raw, str) and raw.strip() in _EXCEL_ERRORS:
                row.problems.append(row.problem(name, f"单元格是错误值 {raw.strip()}，请改正。"))
                raw = None
            try:
                value = spec.parser(raw)
            except ValueError as exc:
                row.problems.append(row.problem(name, str(exc)))
                value = None
            if spec.required and (value is None or value == ""):
                row.problems.append(row.problem(name, f"{spec.label}为空"))
            row.values[name] = value
        for col, label in header.extra_columns.items():
            if col <= len(own) and own[col - 1]:
                row.extra[label] = own[col - 1]
        self.problems.extend(row.problems)
        return row


#: At most this many problems of one import are listed; the rest are counted.
MAX_LISTED_PROBLEMS = 200


def cap_import_problems(
    problems: list[ImportProblem], limit: int = MAX_LISTED_PROBLEMS
) -> list[ImportProblem]:
    """The first ``limit`` problems and, when there are more, a line counting the rest (a
    problem with no place)."""
    if len(problems) <= limit:
        return problems
    rest = len(problems) - limit
    return [*problems[:limit], ImportProblem("", None, None, _more_problems(rest, len(problems)))]


def _more_problems(rest: int, total: int) -> str:
    return f"……另有 {rest} 个问题未列出（共 {total} 个）。改正以上问题后重新导入即可看到其余问题。"


def read_table(
    path: str | os.PathLike[str],
    fields: Sequence[FieldSpec],
    *,
    progress: Progress | None = None,
    is_section: Callable[[str], bool] | None = None,
) -> tuple[list[TableRow], list[ImportProblem]]:
    """Read a whole (small) table at once: the rows and the problems."""
    reader = TableReader(path, fields, progress=progress, is_section=is_section)
    rows = list(reader.rows())
    return rows, reader.problems
