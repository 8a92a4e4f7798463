"""Writing the certificate register of a period to .xlsx (ID numbers masked, as printed).

The requests come as an iterable (the service pages through the database) and are streamed
to the workbook, so a whole city's register takes the same memory as a month's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import BinaryIO

from jianfu.domain.certificates import REGISTER_HEADERS, CertificateRequest, register_row
from jianfu.domain.progress import Progress
from jianfu.domain.units import VillageTownships
from jianfu.interchange.table_writer import TOWNSHIP_COLUMN, Column, TableWriter

#: Column widths in characters (a Chinese character counts about two).
WIDTHS = (11, 11, 10, 20, 10, 34, 18, 22, 12, 40, 9, 10, 6, 30)
_CENTERED = {"编号", "日期", "结果", "盖章"}
#: where the 村(社区) column stands (the 乡镇(街道) of several townships' register goes before)
_VILLAGE = REGISTER_HEADERS.index("村(社区)")


def export_register(
    target: str | os.PathLike[str] | BinaryIO,
    requests: Iterable[CertificateRequest],
    *,
    title: str,
    start: dt.date,
    end: dt.date,
    total: int,
    progress: Progress | None = None,
    townships: VillageTownships | None = None,
) -> int:
    """The register as one sheet: title, period, header, one row per request; returns rows.

    ``townships`` (several townships' register, each numbering its own requests): a 乡镇(街道)
    column before 村(社区) names each request's township, as the screen and the print do."""
    columns = [Column(h, w, h in _CENTERED) for h, w in zip(REGISTER_HEADERS, WIDTHS, strict=True)]
    if townships is not None:
        columns.insert(_VILLAGE, TOWNSHIP_COLUMN)
    with TableWriter(
        "证明事项登记簿",
        columns,
        title=title,
        subtitle=f"申请日期 {start.isoformat()} 至 {end.isoformat()}，共 {total} 件",
    ) as writer:
        for request in requests:
            values: list[object] = list(register_row(request, full_basis=True))
            values[1] = request.request_date  # a real date, not text
            if townships is not None:
                values.insert(_VILLAGE, townships.township(request.village_id))
            writer.row(values)
            if progress is not None and writer.rows_written % 2000 == 0:
                done = writer.rows_written
                progress.step(done, max(total, done), "正在写入登记簿")
        writer.save(target)
    if progress is not None:
        progress.step(writer.rows_written, max(total, writer.rows_written), "写入完成")
    return writer.rows_written
