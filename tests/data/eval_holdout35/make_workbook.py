"""Write county_lists.xlsx: the thirty-sixth held-out edition as a county's admission-list
workbook.

Run from the repository root: ``python tests/data/eval_holdout35/make_workbook.py``. The
workbook has the shape counties publish: a merged title, a 文号 line, a header (序号, 类别,
事项名称, 责任单位; no content column, as the sources have none), section rows 一、… (N项) and
sub-headings （一）…; work items on one sheet, certificates on another. items.jsonl is the
source of truth; tests/db/test_eval_holdout_workbook.py imports the workbook through the app and
compares.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "eval"))
from make_workbook import load_items, make  # noqa: E402 - the shared writer of tests/data/eval

TITLE = "楮原县村(社区)工作事项准入清单（2027年版）"
DOC_LINE = "文号：楮委办发〔2026〕81号　　施行日期：2027年1月1日"

if __name__ == "__main__":
    make(HERE / "county_lists.xlsx", load_items(HERE / "items.jsonl"), TITLE, DOC_LINE)
