"""首页's board figures (boards waiting for review, flagged boards, relapsed boards) and the
ledger's count by status are counted from the index on status and allowed alone.

They count ``*``, not the id: on PostgreSQL ``count(id)`` read every matching board from the
table (the id is in no index but the primary key's), so the owner's reminders over a city's
100,000 boards read the 35,000 flagged ones from the table on every start. Here, on the demo,
each statement the ORM's and the plain reading's board counts send is planned as an index-only
scan (of ``ix_signboard_status_allowed`` on SQLite; on PostgreSQL with the sequential and bitmap
scans switched off, so that the planner's choice on a small table does not hide which columns
the statement needs), and the counts are the rows'. Speed is measured in
``tests/bench/city_figures.py`` and ``tests/bench/startup.py --database``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import event, select, text

from jianfu.db import plain_reads
from jianfu.db.models_boards import SignboardRow
from jianfu.db.plain_server import ServerReads
from jianfu.domain.boards import BoardFilter, BoardStatus
from jianfu.services.registry import Services
from tests.conftest import RecordingReads

INDEX = "ix_signboard_status_allowed"
#: on PostgreSQL an index-only scan of this or 0029's (township, status, allowed), as the planner
#: weighs them on a table this small: either way no board is read from the table
SERVER_PLAN = "Index Only Scan using ix_signboard_"


def _plan(raw: Any, on_server: bool, sql: str, params: tuple[Any, ...]) -> str:
    if on_server:
        reads = ServerReads(raw)
        reads.execute("SET enable_seqscan = off")
        reads.execute("SET enable_bitmapscan = off")
        return "\n".join(r[0] for r in reads.execute(f"EXPLAIN {sql}", params))
    return "\n".join(r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_board_counts_read_the_status_index_alone(demo_ctx) -> None:
    services = Services.create(demo_ctx)
    engine = demo_ctx.database.engine
    on_server = engine.dialect.name == "postgresql"
    with demo_ctx.unit_of_work() as s:
        rows = s.execute(select(SignboardRow.status, SignboardRow.allowed)).all()
    by_status = Counter(status for status, _allowed in rows)
    flagged = sum(1 for status, allowed in rows if status == "待处置" and not allowed)
    assert flagged and by_status["已处置"] and by_status["复查反弹"]  # the demo has each
    if on_server:  # the planner's figures, and the pages all visible, as autovacuum keeps them
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            con.exec_driver_sql("VACUUM ANALYZE signboard")

    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "signboard" in statement and "count" in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert services.boards.waiting_review() == by_status["已处置"]
        assert services.boards.attention() == (flagged, by_status["复查反弹"])
        for status in BoardStatus:
            assert services.boards.count(BoardFilter(status=status.value)) == by_status[
                status.value
            ]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(sent) == 3 + len(BoardStatus)

    pool_con = engine.raw_connection()
    try:
        raw = pool_con.driver_connection
        plain = RecordingReads(ServerReads(raw) if on_server else raw)
        assert plain_reads.boards_with_status(plain, "已处置") == by_status["已处置"]
        assert plain_reads.board_attention(plain) == (flagged, by_status["复查反弹"])
        assert len(plain.sent) == 3
        if on_server:
            raw.rollback()
            with engine.connect() as con:  # the ORM's statements, with its own marks
                con.execute(text("SET enable_seqscan = off"))
                con.execute(text("SET enable_bitmapscan = off"))
                for statement, params in sent:
                    plan = con.exec_driver_sql(f"EXPLAIN {statement}", params).scalars().all()
                    assert SERVER_PLAN in "\n".join(plan), (statement, plan)
        else:
            sent_plain = [(s, tuple(p)) for s, p in sent]
            plain.sent.extend(sent_plain)
        for statement, params in plain.sent:
            plan = _plan(raw, on_server, statement, params)
            wanted = SERVER_PLAN if on_server else f"COVERING INDEX {INDEX}"
            assert wanted in plan, (statement, plan)
        if on_server:
            raw.rollback()
    finally:
        pool_con.close()
