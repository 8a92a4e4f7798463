"""The bad-file corpus: files a hostile or careless clerk could feed to the three imports.

``python tests/data/make_bad_files.py FOLDER`` writes every file to FOLDER and prints the
list; the tests call :func:`make_corpus` on a temporary folder (nothing binary is kept in the
repository). Each file is named ``<nn>-<what>.<ext>``; ``KINDS`` are the imports it targets
("all" for files that are broken whatever the import).

Headers of the three imports, so that structured files get past header detection and hit
the row checks: boards (村(社区), 牌子名称, 类别, 位置), burdens (村(社区), 类别, 名称),
lists (序号, 工作事项, 具体工作内容, 设定依据, 责任(牵头)部门).
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

HEADERS = {
    "boards": ["村(社区)", "牌子名称", "类别", "位置"],
    "burdens": ["村(社区)", "类别", "名称", "要求部门"],
    "lists": ["序号", "类别", "工作事项", "具体工作内容", "设定依据", "责任(牵头)部门"],
}
#: A row that is wrong for every import (unknown village, unknown category, bad numbers).
BAD_ROW = {
    "boards": ["没有这个村", "某某牌子", "不存在的类别", "天上"],
    "burdens": ["没有这个村", "不存在的类别", "某负担", "某部门"],
    "lists": ["不是数字", "没有这个类别", "", "", "", ""],
}
GOOD_ROW = {
    "boards": ["清溪村", "清溪村村民委员会", "门牌", "外部"],
    "burdens": ["清溪村", "工作机制/专人专岗", "某工作领导小组", "县委办"],
    "lists": [
        1,
        "依法履职事项",
        "发展党员",
        "做好发展党员工作",
        "《发展党员工作细则》",
        "县委组织部",
    ],
}
#: Where each import's item name sits in the rows above.
NAME_COLUMN = {"boards": 1, "burdens": 2, "lists": 2}
KINDS = ("boards", "burdens", "lists")
#: The imports' row cap (``jianfu.interchange.table_reader.MAX_ROWS``): "too-many-rows.csv" has
#: one row more. The tests pass a smaller cap and set the reader's to the same, so the file
#: proves the same refusal without 300,000 rows read (7-15 s) per backend.
ROW_CAP = 300_000


def _xlsx(rows: list[list], *, title: str = "Sheet1", extra: Callable | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if extra is not None:
        extra(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """Copy a workbook, changing (or dropping, on None) its parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info.filename))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def _bomb(unpacked_mb: int) -> bytes:
    """A workbook whose one sheet unpacks to ``unpacked_mb`` MB of empty rows (~1000:1)."""
    base = _xlsx([HEADERS["boards"]])
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(base))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info.filename))
                continue
            head = (
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
            body = row * (unpacked_mb * (1 << 20) // len(row))
            with dst.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head)
                fh.write(body)
                fh.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _very_hidden(kind: str) -> bytes:
    def hide(wb: Workbook) -> None:
        ws = wb.create_sheet("隐藏数据")
        ws.append(HEADERS[kind])
        ws.append(GOOD_ROW[kind])
        ws.sheet_state = "veryHidden"

    return _xlsx([HEADERS[kind], GOOD_ROW[kind]], extra=hide)


def _formula_without_value(kind: str) -> bytes:
    row = list(GOOD_ROW[kind])
    row[NAME_COLUMN[kind]] = '=CONCATENATE("清溪村","委员会")'  # no cached value saved
    return _xlsx([HEADERS[kind], row])


def files(row_cap: int = ROW_CAP) -> dict[str, tuple[str, bytes | Callable[[], bytes]]]:
    """name -> (import kind or "all", content); "too-many-rows.csv" has ``row_cap`` + 1 rows."""
    good = _xlsx([HEADERS["boards"], GOOD_ROW["boards"]])
    corpus: dict[str, tuple[str, bytes | Callable[[], bytes]]] = {
        "empty.xlsx": ("all", b""),
        "empty.csv": ("all", b""),
        "random-bytes.xlsx": ("all", bytes(range(256)) * 64),
        "png-renamed.xlsx": ("all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        "pdf-renamed.xlsx": ("all", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"),
        "html-renamed.xls": (
            "all",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        ),
        "xml-renamed.xlsx": ("all", b'<?xml version="1.0"?><Workbook></Workbook>'),
        "old-xls-header.xls": ("all", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
        "plain-zip.xlsx": ("all", _zip({"readme.txt": b"hello"})),
        "docx-renamed.xlsx": ("all", _zip({"word/document.xml": b"<w:document/>"})),
        "ods-renamed.xlsx": (
            "all",
            _zip({"mimetype": b"application/ods", "content.xml": b""}),
        ),
        "xlsb-renamed.xlsx": ("all", _zip({"xl/workbook.bin": b"\x00"})),
        "truncated-half.xlsx": ("all", good[: len(good) // 2]),
        "truncated-end.xlsx": ("all", good[:-30]),
        "sheet-xml-cut.xlsx": (
            "all",
            _rezip(good, lambda n, b: b[: len(b) // 2] if n.endswith("sheet1.xml") else b),
        ),
        "sheet-xml-garbage.xlsx": (
            "all",
            _rezip(good, lambda n, b: b"<<<not xml" if n.endswith("sheet1.xml") else b),
        ),
        "workbook-xml-missing.xlsx": (
            "all",
            _rezip(good, lambda n, b: None if n == "xl/workbook.xml" else b),
        ),
        "sheet-missing.xlsx": ("all", _rezip(good, lambda n, b: None if "worksheets/" in n else b)),
        "shared-strings-cut.xlsx": (
            "all",
            _rezip(
                _xlsx([HEADERS["boards"], GOOD_ROW["boards"]]),
                lambda n, b: b[:40] if n.endswith("sharedStrings.xml") else b,
            ),
        ),
        "zip-bomb.xlsx": ("all", lambda: _bomb(40)),
        "title-only.xlsx": ("all", _xlsx([["某某乡镇台账"], [], ["（空）"]])),
        "numbers-only.xlsx": ("all", _xlsx([[1, 2, 3], [4, 5, 6]])),
        "csv-huge-cell.csv": (
            "all",
            "村(社区),名称\n清溪村,".encode() + b"x" * (200 * 1024) + b"\n",
        ),
        "csv-open-quote.csv": (
            "all",
            ('村(社区),名称\n清溪村,"没有结尾\n' + "x" * 140_000).encode(),
        ),
        "csv-nul-bytes.csv": ("all", b"\x00\x00\x00,\x00\n\x00,\x00\n"),
        "csv-utf16-no-bom.csv": ("all", "村(社区),名称\n清溪村,某\n".encode("utf-16-le")),
        "too-many-rows.csv": (
            "all",
            lambda: ",".join(HEADERS["boards"]).encode() + b"\n" + b"x,y,z,w\n" * (row_cap + 1),
        ),
    }
    for kind in KINDS:
        h, bad = HEADERS[kind], BAD_ROW[kind]
        corpus[f"{kind}-all-rows-bad.xlsx"] = (kind, _xlsx([h] + [bad] * 5000))
        corpus[f"{kind}-all-rows-bad.csv"] = (
            kind,
            ("\n".join([",".join(h)] + [",".join(map(str, bad))] * 20_000) + "\n").encode(),
        )
        corpus[f"{kind}-very-hidden-sheet.xlsx"] = (kind, _very_hidden(kind))
        corpus[f"{kind}-formula-no-value.xlsx"] = (kind, _formula_without_value(kind))
        nul = list(GOOD_ROW[kind])
        nul[NAME_COLUMN[kind]] = "名称\x00带\x07控制符"
        corpus[f"{kind}-control-chars.csv"] = (
            kind,
            ("\n".join([",".join(h), ",".join(map(str, nul))]) + "\n").encode(),
        )
        corpus[f"{kind}-header-only.xlsx"] = (kind, _xlsx([h]))
        corpus[f"{kind}-wide-row.xlsx"] = (kind, _xlsx([h, [*bad, *(["x"] * 3000)]]))
    corpus["lists-duplicate-number.xlsx"] = (
        "lists",
        _xlsx(
            [
                [*HEADERS["lists"], "编号"],
                [1, "依法履职事项", "发展党员", "做好发展党员工作", "细则", "县委组织部", "A01"],
                [2, "依法履职事项", "村务公开", "公开村务", "组织法", "县民政局", "A01"],
            ]
        ),
    )
    return corpus


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def make_corpus(folder: Path, *, row_cap: int = ROW_CAP) -> dict[Path, str]:
    """Write every file into ``folder``; returns path -> import kind ("all" or one kind)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for n, (name, (kind, content)) in enumerate(sorted(files(row_cap).items()), start=1):
        path = folder / f"{n:02d}-{name}"
        path.write_bytes(content() if callable(content) else content)
        written[path] = kind
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-files")
    if target.exists():
        shutil.rmtree(target)
    for path, kind in make_corpus(target).items():
        print(f"{path.stat().st_size:>12,}  {kind:<8} {path.name}")
