"""How long the board import takes on files whose every row is wrong, against an anchor.

Run from the repository root: ``python tests/bench/bad_import_figures.py``. For 8,000,
50,000 and 100,000 rows (CSV, every row naming a village and a category that do not exist,
so each row gives problems) it times ``BoardsService.preview_import`` on a fresh demo
database, next to the anchor: reading the same file with the same table reader and nothing
else. The import should stay a small multiple of the anchor at every size (linear in rows);
before the fix it was quadratic (8k rows 5.6 s, 50k 144 s, 100k over 600 s).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = (8_000, 50_000, 100_000)


def _file(folder: Path, rows: int) -> Path:
    path = folder / f"all-bad-{rows}.csv"
    line = "没有这个村,某某牌子,不存在的类别,天上\n"
    path.write_text("村(社区),牌子名称,类别,位置\n" + line * rows, "utf-8")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["JIANFU_DATA_DIR"] = str(Path(folder) / "data")
        from jianfu.demo.township import seed_demo
        from jianfu.interchange.board_io import board_fields
        from jianfu.interchange.table_reader import TableReader
        from jianfu.services.boards import BoardsService
        from jianfu.services.database import open_app

        ctx = open_app(str(Path(folder) / "demo.db"))
        seed_demo(ctx)
        service = BoardsService(ctx)
        print(f"{'rows':>8}  {'import s':>9}  {'problems':>9}  {'listed':>7}  {'anchor s':>9}")
        for rows in ROWS:
            path = _file(Path(folder), rows)
            began = time.perf_counter()
            preview = service.preview_import(path)
            spent = time.perf_counter() - began
            began = time.perf_counter()
            for _row in TableReader(path, board_fields()).rows():
                pass
            anchor = time.perf_counter() - began
            print(
                f"{rows:>8}  {spent:>9.1f}  {preview.problem_count:>9}  "
                f"{len(preview.problems):>7}  {anchor:>9.1f}"
            )
        ctx.database.close()


if __name__ == "__main__":
    sys.exit(main())
