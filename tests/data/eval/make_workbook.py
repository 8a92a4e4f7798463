"""Write county_lists.xlsx: the evaluation edition as a county's admission-list workbook.

Run from the repository root: ``python tests/data/eval/make_workbook.py`` for this set, or
``python tests/data/eval/make_workbook.py tests/data/eval_holdoutN`` for a held-out set whose
title and 文号 line are in its ``workbook.json`` (``{"title": …, "doc_line": …}``). The
workbook has the shape counties publish: a merged title, a 文号 line, a header (序号, 类别,
事项名称, 责任单位; no content column, as the sources have none), section rows 一、…
(N项) and sub-headings （一）…; work items on one sheet, certificates on another. items.jsonl
is the source of truth; tests/db/test_eval_workbook.py imports the workbook through the app
and compares.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
TITLE = "云溪县村(社区)工作事项清单（2026年版）"
DOC_LINE = "文号：云委办发〔2026〕9号　　施行日期：2026年1月1日"
HEADER = ["序号", "类别", "事项名称", "责任单位"]
#: The 类别 cell of each kind, as a county writes it.
KIND_LABEL = {
    "duty": "依法履行职责事项",
    "assist": "依法协助政府工作事项",
    "negative": "负面清单",
    "cert_allowed": "可出具证明事项",
    "cert_forbidden": "不应由村(社区)出具的证明事项",
}
SHEETS = (
    ("工作事项", ("duty", "assist", "negative")),
    ("证明事项", ("cert_allowed", "cert_forbidden")),
)


def load_items(path: Path = HERE / "items.jsonl") -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _split_section(section: str) -> tuple[str, str]:
    """Split ``一、…事项（一）村党组织…`` into the heading and the sub-heading."""
    head, sep, sub = section.partition("（")
    return head, (sep + sub) if sep else ""


def make(path: Path, items: list[dict], title: str = TITLE, doc_line: str = DOC_LINE) -> None:
    """Write ``items`` as a county workbook (the held-out sets call this with their own title)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_name, kinds in SHEETS:
        ws = wb.create_sheet(sheet_name)
        ws.append([title])
        ws.append([doc_line])
        ws.append(HEADER)
        merges = ["A1:D1", "A2:D2"]
        for kind in kinds:
            rows = [i for i in items if i["kind"] == kind]
            head, _ = _split_section(rows[0]["section"])
            ws.append([f"{head}（{len(rows)}项）"])
            merges.append(f"A{ws.max_row}:D{ws.max_row}")
            current_sub = None
            for item in rows:
                _, sub = _split_section(item["section"])
                if sub and sub != current_sub:
                    ws.append([sub])
                    merges.append(f"A{ws.max_row}:D{ws.max_row}")
                    current_sub = sub
                ws.append([int(item["number"]), KIND_LABEL[kind], item["name"], item["department"]])
                ws.cell(ws.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
        for ref in merges:
            ws.merge_cells(ref)
        ws["A1"].font = Font(size=16, bold=True)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.column_dimensions["B"].width = 22
        ws.column_dimensions["C"].width = 70
        ws.column_dimensions["D"].width = 16
    wb.save(path)


def main(argv: list[str]) -> None:
    """Write the workbook of this set, or of the set folder named in ``argv``."""
    if not argv:
        make(HERE / "county_lists.xlsx", load_items())
        return
    folder = Path(argv[0])
    heading = json.loads((folder / "workbook.json").read_text("utf-8"))
    items = load_items(folder / "items.jsonl")
    make(folder / "county_lists.xlsx", items, heading["title"], heading["doc_line"])


if __name__ == "__main__":
    main(sys.argv[1:])
