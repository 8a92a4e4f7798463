"""Figures for the signboard ledger at 100,000 boards: open, filter, sort, memory.

Run: ``python tests/bench/boards_figures.py [BOARDS]`` (default 100,000). It builds a SQLite
database of 40 villages in a temporary folder, opens the 牌子 screen offscreen and prints
the times of what a clerk does; nothing is asserted.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def build(path: Path, boards: int) -> None:
    """A database with 40 villages and ``boards`` boards (a third flagged and pending)."""
    from sqlalchemy import insert

    from jianfu.db.models import UnitRow
    from jianfu.db.models_boards import SignboardRow
    from jianfu.db.repositories import boards as repo
    from jianfu.domain.boards import BoardStatus, Placement
    from jianfu.services.database import open_app

    ctx = open_app(str(path))
    rng = random.Random(1)
    names = ("综治中心", "农家书屋", "妇女之家", "值班制度", "财务管理制度", "村民委员会")
    with ctx.unit_of_work() as s:
        town = UnitRow(name="示范镇", type="乡镇(街道)", sort_order=0)
        s.add(town)
        s.flush()
        units = []
        for i in range(40):
            u = UnitRow(parent_id=town.id, name=f"第{i + 1}村", type="村", sort_order=i * 10)
            s.add(u)
            units.append(u)
        s.flush()
        cats = list(repo.category_ids(s).values())
        rules = repo.allowed_set(s)
        today = dt.date.today()
        rows = []
        for n in range(boards):
            name = f"{rng.choice(names)}{n}"
            placement = rng.choice(("外部", "内部"))
            removed = rng.random() < 0.4
            rows.append(
                {
                    "unit_id": units[n % 40].id,
                    "name": name,
                    "category_id": rng.choice(cats),
                    "placement": placement,
                    "room": "会议室" if placement == "内部" else "",
                    "department": rng.choice(("县民政局", "县妇联", "县委政法委", "县司法局")),
                    "basis": "",
                    "size_material": "",
                    "quantity": 1,
                    "disposition": "摘除" if removed else None,
                    "disposed_on": today if removed else None,
                    "status": (BoardStatus.DISPOSED if removed else BoardStatus.PENDING).value,
                    "registered_on": today,
                    "approved_addition": False,
                    "approval_document": "",
                    "first_reviewer": "",
                    "second_reviewer": "",
                    "notes": "",
                    "allowed": rules.allows(name, Placement(placement)),
                    "relapse_count": 0,
                    "photo_count": 0,
                    "version": 1,
                }
            )
            if len(rows) == 5000:
                s.execute(insert(SignboardRow), rows)
                rows = []
        if rows:
            s.execute(insert(SignboardRow), rows)
    ctx.database.close()


def main() -> None:
    boards = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JIANFU_DATA_DIR"] = tmp
        db = Path(tmp) / "boards.db"
        t = time.perf_counter()
        build(db, boards)
        print(f"built {boards:,} boards in {time.perf_counter() - t:.1f} s")

        from PySide6.QtWidgets import QApplication

        from jianfu.services.boards import BoardsService
        from jianfu.services.database import open_app
        from jianfu.ui.background import TaskRunner
        from jianfu.ui.boards import BoardsWidget

        app = QApplication([])
        ctx = open_app(str(db))
        service = BoardsService(ctx)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        t = time.perf_counter()
        runner = TaskRunner()
        widget = BoardsWidget(service, runner)
        widget.resize(1280, 800)
        widget.show()
        app.processEvents()
        opened = time.perf_counter() - t
        total = widget.model.total
        print(f"open the ledger ({total:,} boards, first page shown): {opened * 1000:.0f} ms")

        def timed(label: str, action) -> None:
            t0 = time.perf_counter()
            action()
            app.processEvents()
            print(
                f"{label}: {(time.perf_counter() - t0) * 1000:.0f} ms ({widget.model.total:,} rows)"
            )

        timed("filter 范围外", lambda: widget.flag_combo.setCurrentIndex(1))
        timed("filter one village", lambda: widget.village_combo.setCurrentIndex(5))
        timed("filter category 制度牌", lambda: widget.category_combo.setCurrentIndex(4))
        timed("clear filters", widget.clear_filters_button.click)
        widget.search.setText("书屋12")
        timed("search 书屋12", widget.reload)
        widget.search.setText("")
        widget.reload()
        timed("sort all by name", lambda: widget.model.sort(1))
        timed("scroll: fetch 10 more pages", lambda: [widget.model.fetchMore() for _ in range(10)])
        timed("select all filtered ids (for bulk 摘除)", lambda: service.ids(widget.board_filter()))
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak Python memory while using the screen: {peak / 2**20:.1f} MiB")
        print(
            f"process peak RSS: {rss_after / 1024:.0f} MiB "
            f"(before the screen: {rss_before / 1024:.0f} MiB)"
        )
        runner.wait_all()
        widget.close()
        widget.deleteLater()
        app.processEvents()
        widget = runner = None  # Qt objects go before the QApplication
        ctx.database.close()


if __name__ == "__main__":
    main()
