"""The certificates per township, month and village the server keeps (migration 0034,
PostgreSQL only).

``certificate_month`` holds how many requests of each month were issued, refused and not
listed. 首页 above the township reads it instead of the requests of its quarters
(``db.plain_reads.ReportSources``; the figures are compared with the service's in
``tests/db/test_report_rollup.py`` and ``tests/db/test_home_figures_agree.py``). Here: the
triggers keep it equal to the requests through every way a request is written (the app as a
clerk registering one and recording its outcome; plain SQL moving requests to another month,
village or township, changing many at once, deleting and emptying the table), in the same
transaction; and row-level security lets each person read their own townships' counts and
nobody write them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from kept_sums import Traced, assert_read_by_township_and_written_by_none, connect

from jianfu.domain.certificates import CertificateInput, Outcome, OutcomeInput
from jianfu.services.certificates import CertificatesService
from jianfu.services.database import open_app

ISSUED = (Outcome.ISSUED.value, Outcome.CONSULTED.value)


Key = tuple[int, dt.date, int]


def _kept(con) -> dict[Key, tuple[int, int, int]]:
    rows = con.execute(
        "SELECT township_id, month, village_id, issued, refused, unlisted FROM certificate_month"
    ).fetchall()
    return {(t, m, v): (i, r, u) for t, m, v, i, r, u in rows if (i, r, u) != (0, 0, 0)}


def _expected(con) -> dict[Key, tuple[int, int, int]]:
    out: dict[Key, list[int]] = {}
    for town, day, village, outcome, verdict in con.execute(
        "SELECT township_id, request_date, village_id, outcome, verdict FROM certificate_request "
        "WHERE township_id IS NOT NULL AND village_id IS NOT NULL"
    ):
        counts = out.setdefault((town, day.replace(day=1), village), [0, 0, 0])
        counts[0] += outcome in ISSUED
        counts[1] += outcome == Outcome.REFUSED.value
        counts[2] += verdict == "unlisted"
    return {k: (i, r, u) for k, (i, r, u) in out.items() if (i, r, u) != (0, 0, 0)}


@pytest.fixture
def owner(pg_county):
    with connect(pg_county.url, autocommit=True) as con:
        yield con


def _same(owner) -> dict[Key, tuple[int, int, int]]:
    kept = _kept(owner)
    assert kept == _expected(owner)
    return kept


def test_the_counts_follow_every_change_of_a_request(pg_county, owner):
    qingxi = pg_county.ids["清溪镇"]
    kept = _same(owner)  # the migration's first counts of the demo's requests
    assert kept and all(town == qingxi for town, _month, _village in kept)

    ctx = open_app(pg_county.urls["clerk"])
    try:
        certificates = CertificatesService(ctx)
        village = certificates.villages()[0].id
        day = dt.date.today()
        added = certificates.register(
            CertificateInput(day, "张三", "居住证明", village, unlisted=True), today=day
        )
        month = (qingxi, day.replace(day=1), village)
        before = kept.get(month, (0, 0, 0))
        assert _kept(owner)[month] == (before[0], before[1], before[2] + 1)
        _same(owner)
        certificates.record_outcome(
            added.id,
            OutcomeInput(Outcome.REFUSED, day, basis="不在清单内", alternative="请到派出所开具"),
            today=day,
        )
        assert _kept(owner)[month] == (before[0], before[1] + 1, before[2] + 1)
        _same(owner)
    finally:
        ctx.database.close()

    # another tool: requests moved to another month, village and township, many at once
    other_village = owner.execute(
        "SELECT id FROM unit WHERE parent_id = %s", (pg_county.ids["石门乡"],)
    ).fetchone()[0]
    with owner.transaction():
        owner.execute(
            "UPDATE certificate_request SET village_id = %s, township_id = %s WHERE id = "
            "(SELECT min(id) FROM certificate_request WHERE outcome = %s)",
            (other_village, pg_county.ids["石门乡"], Outcome.ISSUED.value),
        )
        owner.execute(
            "UPDATE certificate_request SET request_date = request_date - 40 WHERE id % 3 = 0"
        )
        owner.execute(
            "UPDATE certificate_request SET outcome = %s WHERE id %% 4 = 0",
            (Outcome.REFUSED.value,),
        )
        owner.execute("UPDATE certificate_request SET village_id = NULL WHERE id % 7 = 0")
        owner.execute("DELETE FROM certificate_request WHERE id % 11 = 0")
    kept = _same(owner)
    assert any(town == pg_county.ids["石门乡"] for town, _month, _village in kept)
    owner.execute("TRUNCATE certificate_request CASCADE")
    assert _same(owner) == {}
    assert owner.execute("SELECT count(*) FROM certificate_month").fetchone()[0] == 0


def test_a_change_rolled_back_leaves_the_counts_as_they_were(pg_county, owner):
    before = _same(owner)
    with owner.transaction(force_rollback=True):
        owner.execute("UPDATE certificate_request SET verdict = 'unlisted'")
        assert _kept(owner) == _expected(owner) != before  # its own counts, at once
    assert _same(owner) == before


def test_each_person_reads_their_townships_counts_and_nobody_writes_them(pg_county, owner):
    qingxi = pg_county.ids["清溪镇"]
    assert_read_by_township_and_written_by_none(
        pg_county,
        owner,
        _kept,
        _same,
        (
            "UPDATE certificate_month SET issued = issued + 1",
            "DELETE FROM certificate_month",
            f"INSERT INTO certificate_month VALUES ({qingxi}, '2026-01-01', {qingxi}, 1, 0, 0)",
        ),
    )


def test_the_reading_counts_whole_months_from_them_and_other_spans_from_the_requests(
    pg_county, owner
):
    from jianfu.db import plain_reads, plain_server

    owner.execute(  # odd records: no village, a township's own unit as the village
        "UPDATE certificate_request SET village_id = NULL WHERE id % 5 = 0"
    )
    owner.execute("UPDATE certificate_request SET village_id = township_id WHERE id % 7 = 0")
    days = sorted(d for (d,) in owner.execute("SELECT request_date FROM certificate_request"))
    first = days[len(days) // 2].replace(day=1)
    whole = [(first, (first + dt.timedelta(days=62)).replace(day=1) - dt.timedelta(days=1))]
    whole.insert(0, ((whole[0][0] - dt.timedelta(days=1)).replace(day=1), first - dt.timedelta(1)))
    part = [(first + dt.timedelta(days=3), first + dt.timedelta(days=40))]
    for who in ("mechanism", "reviewer"):
        con = plain_server.connect(plain_server.address(pg_county.urls[who]))
        assert con is not None
        try:
            towns = [pg_county.ids["清溪镇"], pg_county.ids["石门乡"]]
            for spans in (whole, part):
                traced = Traced(con)
                kept = plain_reads.ReportSources(traced, by_township=True, standing=True)
                read = plain_reads.ReportSources(con, by_township=True)
                got = kept._certificate_sums(spans, towns)
                assert got == read._certificate_sums(spans, towns)
                assert any(got[span] for span in spans)
                assert ("certificate_month" in " ".join(traced.sent)) == (spans is whole)
        finally:
            con.close()
