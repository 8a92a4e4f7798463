"""Helpers that build test workbooks in ``tmp_path`` (openpyxl), for the interchange tests."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from jianfu.domain.lists import SEED_KINDS, KindMeaning, ListKind

Rows = Sequence[Sequence[Any]]


def write_xlsx(
    path: Path,
    sheets: dict[str, Rows] | Rows,
    merges: dict[str, Sequence[str]] | Sequence[str] = (),
) -> Path:
    """Write rows (one list per row) to ``path``; ``sheets`` maps sheet name -> rows."""
    if not isinstance(sheets, dict):
        sheets = {"Sheet1": sheets}
        merges = {"Sheet1": merges}  # type: ignore[dict-item]
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, ()):  # type: ignore[union-attr]
            ws.merge_cells(ref)
    wb.save(path)
    return path


def add_cached_values(path: Path, values: dict[str, Any], sheet: int = 1) -> None:
    """Give formula cells a cached value, as Excel does when it saves a workbook.

    openpyxl writes formulas with an empty ``<v />`` (``<v></v>`` when lxml is installed);
    Excel and WPS write the last computed
    value there. We simulate that by writing the value into the sheet XML of the zip.
    """
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[member].decode()
    for ref, value in values.items():
        pattern = re.compile(rf'<c r="{ref}"([^>]*)>(<f>.*?</f>)(?:<v\s*/>|<v></v>)\s*</c>')
        if isinstance(value, str):
            repl = rf'<c r="{ref}" t="str">\2<v>{value}</v></c>'
        else:
            repl = rf'<c r="{ref}"\1>\2<v>{value}</v></c>'
        xml, n = pattern.subn(repl, xml)
        assert n == 1, f"no formula cell {ref}"
    parts[member] = xml.encode()
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    shutil.move(tmp, path)


def minimal_ole2(stream_names: Sequence[str]) -> bytes:
    """A minimal Compound File (OLE2/CFB, version 3) holding empty streams with these names.

    An encrypted .xlsx is such a container with ``EncryptionInfo`` and ``EncryptedPackage``
    streams; an old .xls holds a ``Workbook`` stream. The streams here are empty: the reader
    only needs the container's magic bytes and directory names to explain the file.
    """
    end, free, fat_sect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    assert len(header) == 512
    fat = struct.pack("<II", fat_sect, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, left: int, right: int, child: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<iii", left, right, child)
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<IQ", end, 0)
        )

    names = sorted(stream_names, key=lambda n: (len(n), n.upper()))
    entries = [entry("Root Entry", 5, -1, -1, 1 if names else -1)]
    for i, name in enumerate(names, start=1):
        entries.append(entry(name, 2, -1, i + 1 if i < len(names) else -1, -1))
    directory = b"".join(entries)
    directory = directory.ljust(512 * ((len(directory) + 511) // 512), b"\0")
    if len(directory) > 512:
        raise ValueError("too many streams for one directory sector")
    return header + fat + directory


@pytest.fixture
def kinds() -> list[ListKind]:
    """The seeded kinds plus one a clerk added."""
    return [*SEED_KINDS, ListKind("service", "便民服务事项", KindMeaning.ADMITTED, 60)]


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """``xlsx(rows_or_sheets, merges=(), name="t.xlsx")`` writes a workbook in tmp_path."""

    def make(sheets: dict[str, Rows] | Rows, merges: Any = (), name: str = "t.xlsx") -> Path:
        return write_xlsx(tmp_path / name, sheets, merges)

    return make


@pytest.fixture
def cache_values() -> Callable[..., None]:
    """``cache_values(path, {"C5": 42})``: see ``add_cached_values``."""
    return add_cached_values


@pytest.fixture
def ole2() -> Callable[[Sequence[str]], bytes]:
    """``ole2(["EncryptionInfo", "EncryptedPackage"])``: see ``minimal_ole2``."""
    return minimal_ole2
