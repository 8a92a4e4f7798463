"""A department's notice as a file: .docx, .pdf (text layer), .ofd or .txt -> plain text.

.docx is read with python-docx, .pdf with pypdf. OFD (GB/T 33190, the Chinese fixed-layout
format many government systems export) has no maintained Python reader; it is a zip of XML
pages whose text sits in ``TextCode`` elements, read here in page order with the standard
library. Every failure is a ``ValidationError`` in Chinese that names the file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from jianfu import files
from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.notices import NoticeHeader, read_header

#: File endings the intake accepts, for file dialogs and drops.
SUFFIXES = (".docx", ".pdf", ".ofd", ".txt")
#: Word processors' own formats a notice often comes in, not read here: the clerk is told to
#: save them as .docx (a bare 不支持 left a clerk with a .doc notice without a way on)
SAVE_AS_DOCX = {".doc": "旧版 Word（.doc）", ".wps": "WPS 文字（.wps）"}
#: Larger files are refused before reading (a notice is a few pages).
MAX_BYTES = 30 * 1024 * 1024
#: Unpacked size limit of a .docx/.ofd (a zip), against zip bombs.
MAX_UNPACKED = 200 * 1024 * 1024


@dataclass(frozen=True)
class NoticeFile:
    """The text of a notice file and what its header says."""

    path: Path
    text: str
    header: NoticeHeader


def read_notice(path: str | Path) -> NoticeFile:
    """Read a notice file; ``ValidationError`` with a Chinese message when it cannot be read."""
    p = Path(path)
    name = p.name
    suffix = p.suffix.lower()
    if suffix in SAVE_AS_DOCX:
        raise _problem(
            f"“{name}”是{SAVE_AS_DOCX[suffix]}文件，本软件读不了：请用 Word 或 WPS 打开它，"
            "“另存为”.docx 后再打开；或把通知全文复制，粘贴到左侧"
        )
    if suffix not in SUFFIXES:
        raise _problem(f"不支持“{name}”这种文件，请选择 .docx、.pdf、.ofd 或 .txt 格式的通知")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise _problem(f"无法打开“{name}”：{files.os_reason(exc, reading=True)}") from None
    if size == 0:
        raise _problem(f"“{name}”是空文件")
    if size > MAX_BYTES:
        raise _problem(f"“{name}”太大（{size // 1024 // 1024} MB），通知文件不应超过 30 MB")
    try:
        reader = {".docx": _docx, ".pdf": _pdf, ".ofd": _ofd, ".txt": _txt}[suffix]
        text = reader(p)
    except ValidationError:
        raise
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError) as exc:
        raise _problem(f"“{name}”已损坏或不是有效的{suffix[1:].upper()}文件（{exc}）") from None
    except Exception as exc:  # noqa: BLE001 - third-party readers raise their own types
        raise _problem(f"无法读取“{name}”：{type(exc).__name__}") from None
    text = _tidy(text)
    if not re.search(r"[\u4e00-\u9fff]", text):
        if suffix == ".pdf":
            raise _problem(
                f"“{name}”没有文字层（可能是扫描件或图片），无法读取文字。"
                "请用文字识别(OCR)转换后再打开，或直接粘贴通知文字"
            )
        raise _problem(f"“{name}”中没有可审核的中文文字")
    return NoticeFile(p, text, read_header(text))


def _problem(message: str) -> ValidationError:
    return ValidationError(FieldProblem("file", message))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def _check_zip(path: Path) -> zipfile.ZipFile:
    zf = zipfile.ZipFile(path)
    if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED:
        zf.close()
        raise _problem(f"“{path.name}”解压后过大，已拒绝读取")
    return zf


def _docx(path: Path) -> str:
    import docx

    _check_zip(path).close()
    document = docx.Document(str(path))
    parts = [para.text for para in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _problem(f"“{path.name}”设置了打开密码，请先去掉密码再打开")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except PdfReadError as exc:
        raise _problem(f"“{path.name}”不是有效的PDF文件（{exc}）") from None


_PAGE_NUMBER = re.compile(r"Page_(\d+)")


def _page_number(name: str) -> int:
    """The N of ``…/Pages/Page_N/Content.xml`` (every name sorted has one)."""
    found = _PAGE_NUMBER.search(name)
    return int(found.group(1)) if found else 0


def _ofd(path: Path) -> str:
    with _check_zip(path) as zf:
        pages = [n for n in zf.namelist() if re.search(r"Pages/Page_\d+/Content\.xml$", n)]
        if not pages:
            raise _problem(f"“{path.name}”不是有效的OFD文件（没有页面内容）")
        pages.sort(key=lambda n: (n.split("/Pages/")[0], _page_number(n)))
        out: list[str] = []
        for name in pages:
            root = ElementTree.fromstring(zf.read(name))
            last_y: float | None = None
            line: list[str] = []
            for el in root.iter():
                if not el.tag.endswith("TextObject"):
                    continue
                y = _float(el.get("Boundary", "").split(" ")[1:2])
                text = "".join(tc.text or "" for tc in el if tc.tag.endswith("TextCode"))
                if last_y is not None and y is not None and abs(y - last_y) > 1.0 and line:
                    out.append("".join(line))
                    line = []
                line.append(text)
                last_y = y if y is not None else last_y
            if line:
                out.append("".join(line))
        return "\n".join(out)


def _float(parts: list[str]) -> float | None:
    try:
        return float(parts[0])
    except (IndexError, ValueError):
        return None


def _txt(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _problem(f"“{path.name}”的文字编码无法识别（既不是UTF-8也不是GBK）")
