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
from jianfu.interchange.table_writer import Column, TableWriter, TownshipColumn

#: Column widths in characters (a Chinese character counts about two).
WIDTHS = (11, 11, 10, 20, 10, 34, 18, 22, 12, 40, 9, 10, 6, 30)
_CENTERED = {"编号", "日期", "结果", "盖章"}


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

    ``townships``: several townships' requests (each township numbers its own), each row
    naming its own (:class:`TownshipColumn`), as the screen and the print do."""
    town = TownshipColumn(townships, at=REGISTER_HEADERS.index("村(社区)"))
    columns = [Column(h, w, h in _CENTERED) for h, w in zip(REGISTER_HEADERS, WIDTHS, strict=True)]
    with TableWriter(
        "证明事项登记簿",
        town.columns(columns),
        title=title,
        subtitle=f"申请日期 {start.isoformat()} 至 {end.isoformat()}，共 {total} 件",
    ) as writer:
        for request in requests:
            values: list[object] = list(register_row(request, full_basis=True))
            values[1] = request.request_date  # a real date, not text
            writer.row(town.cells(values, request.village_id))
            if progress is not None and writer.rows_written % 2000 == 0:
                done = writer.rows_written
                progress.step(done, max(total, done), "正在写入登记簿")
        writer.save(target)
    if progress is not None:
        progress.step(writer.rows_written, max(total, writer.rows_written), "写入完成")
    return writer.rows_written
