"""Signboard prints: a village's inventory and the clean-up ledger (销号清单)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from jianfu.domain.boards import BoardStatus, Disposition, Placement, Signboard
from jianfu.domain.settings import TownshipSettings
from jianfu.reports.boards import build_closeout_pdf, build_inventory_pdf

TODAY = dt.date(2026, 6, 30)
SETTINGS = TownshipSettings(
    township_name="岭下镇", preparer="林晓燕", reviewer="陈建国", phone="0593-1234567"
)


def board(n: int, **kw) -> Signboard:
    base = {
        "id": n,
        "village_id": 1,
        "village": "岭下村",
        "name": f"岭下村第{n}工作站",
        "category": "方牌",
        "placement": Placement.OUTSIDE,
        "room": "",
        "department": "县民政局",
        "basis": "民发〔2019〕3号",
        "size_material": "",
        "quantity": 1,
        "disposition": None,
        "disposed_on": None,
        "status": BoardStatus.PENDING,
        "registered_on": dt.date(2026, 3, 1),
        "approved_addition": False,
        "approval_document": "",
        "first_reviewer": "",
        "second_reviewer": "",
        "notes": "",
        "allowed": False,
    }
    base.update(kw)
    return Signboard(**base)


def _text(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages), reader


def test_inventory_lists_every_board_with_its_disposition():
    boards = [board(n) for n in range(1, 41)]
    boards[0] = board(1, name="岭下村村民委员会", allowed=True, category="门牌")
    boards[1] = board(
        2, disposition=Disposition.REMOVE, disposed_on=TODAY, status=BoardStatus.CLOSED
    )
    boards[2] = board(
        3, placement=Placement.INSIDE, room="会议室", name="议事规则<b>", category="制度牌"
    )
    text, reader = _text(build_inventory_pdf("岭下村", boards, SETTINGS, today=TODAY))
    assert "岭下村牌子台账" in text and "岭下镇" in text
    assert "共登记牌子 40 块，其中允许范围外 39 块" in text
    assert "岭下村第40工作站" in text and "议事规则<b>" in text
    assert "内部·会议" in text.replace("\n", "") and "2026-06-30" in text and "已销号" in text
    assert "填表人：林晓燕" in text and "联系电话：0593-1234567" in text
    assert len(reader.pages) >= 2 and "— 2 —" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    fonts = {str(f) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts


def test_closeout_counts_and_totals():
    boards = [
        board(
            1,
            village="岭下村",
            disposition=Disposition.REMOVE,
            disposed_on=TODAY,
            status=BoardStatus.CLOSED,
            first_reviewer="林晓燕",
            second_reviewer="陈建国",
            quantity=2,
        ),
        board(
            2,
            village="东街社区",
            disposition=Disposition.MERGE,
            disposed_on=TODAY,
            status=BoardStatus.DISPOSED,
            first_reviewer="林晓燕",
        ),
    ]
    text, _reader = _text(
        build_closeout_pdf(boards, dt.date(2026, 4, 1), TODAY, SETTINGS, today=TODAY)
    )
    assert "岭下镇牌子清理销号清单" in text
    assert "2026年4月1日至2026年6月30日" in text
    assert "本时段处置牌子 3 块（合并 1 块、摘除 2 块），已销号 2 块，待销号 1 块" in text
    assert "东街社区" in text and "陈建国" in text and "合计" in text


def test_an_empty_period_says_so():
    text, _ = _text(build_closeout_pdf([], dt.date(2026, 4, 1), TODAY, SETTINGS, today=TODAY))
    assert "本时段没有处置牌子" in text


def test_a_closeout_of_12_boards_keeps_its_total_and_signatures_with_its_rows():
    """12 boards, several 内部·服务大厅: the twelfth board, 合计 and the people who sign went
    over to page 2 alone; now they fit on one page, and a longer list takes three boards
    with 合计 and the signatures."""

    def dealt(n: int) -> Signboard:
        return board(
            n,
            village="城南社区",
            name=f"城南社区第{n}工作站",
            placement=Placement.INSIDE,
            room="服务大厅",
            department="县人力资源和社会保障局" if n % 6 == 0 else "乡镇人民政府",
            disposition=Disposition.REMOVE,
            disposed_on=TODAY,
            status=BoardStatus.CLOSED,
            first_reviewer="林晓燕",
            second_reviewer="陈建国",
        )

    _text_all, reader = _text(
        build_closeout_pdf(
            [dealt(n) for n in range(1, 13)], dt.date(2026, 4, 1), TODAY, SETTINGS, today=TODAY
        )
    )
    assert len(reader.pages) == 1
    _text_all, reader = _text(
        build_closeout_pdf(
            [dealt(n) for n in range(1, 31)], dt.date(2026, 4, 1), TODAY, SETTINGS, today=TODAY
        )
    )
    last = reader.pages[-1].extract_text()
    assert "合计" in last and "填表人：林晓燕" in last
    # each board's row names its second reviewer, the signature line the reviewer once more
    assert last.count("陈建国") - 1 >= 3, last


def test_the_closeout_shows_a_relapse_on_one_line():
    """状态 of a relapsed board broke as 复查反 / 弹 (walk of 6 December)."""
    relapsed = board(
        1, disposition=Disposition.REMOVE, disposed_on=TODAY, status=BoardStatus.RELAPSED
    )
    text, _ = _text(
        build_closeout_pdf([relapsed], dt.date(2026, 4, 1), TODAY, SETTINGS, today=TODAY)
    )
    assert "复查反弹" in text


def test_inventory_headers_and_dates_stay_on_one_line():
    """允许范围 broke as 允许范 / 围 in the inventory's header at 10.5 pt."""
    boards = [
        board(n, disposition=Disposition.REMOVE, disposed_on=TODAY, status=BoardStatus.RELAPSED)
        for n in range(1, 4)
    ]
    text, _ = _text(build_inventory_pdf("岭下村", boards, SETTINGS, today=TODAY))
    lines = [line.strip() for line in text.splitlines()]
    for word in ("允许范围", "处置日期", "2026-06-30", "复查反弹", "要求挂牌部门"):
        assert word in lines, word


def test_the_inventory_prints_a_board_in_range_not_yet_dealt_with_as_awaiting_confirmation():
    """A 村民委员会 门牌 within the allowed set, stored 待处置, printed 待处置: a clerk read it as
    a board to take down. It prints 待核定; a board outside the set still prints 待处置."""
    boards = [
        board(1, name="岭下村村民委员会", allowed=True, category="门牌"),
        board(2, name="岭下村第2工作站"),
    ]
    text, _reader = _text(build_inventory_pdf("岭下村", boards, SETTINGS, today=TODAY))
    flat = text.replace(" ", "").replace("\n", "")
    committee, station = flat.split("村民委员会", 1)[1].split("第2工作站", 1)
    assert "待核定" in committee and "待处置" not in committee
    assert "待处置" in station and "待核定" not in station


def test_the_closeout_counts_kept_boards_apart_and_never_as_rectified():
    """78 of 111 boards closed out were 范围内 · 保留: the list left them out and its summary
    said nothing of them, so its 已销号 did not add up with the ledger's."""
    boards = [
        board(1, disposition=Disposition.REMOVE, disposed_on=TODAY, status=BoardStatus.CLOSED),
        board(2, disposition=Disposition.MERGE, disposed_on=TODAY, status=BoardStatus.DISPOSED),
    ]
    text, _ = _text(
        build_closeout_pdf(boards, dt.date(2026, 4, 1), TODAY, SETTINGS, today=TODAY, kept=3)
    )
    flat = text.replace("\n", "")
    assert "本时段处置牌子 5 块（合并 1 块、摘除 1 块、保留 3 块）" in flat
    assert "保留的 3 块在允许范围内，不需整改，不列入本清单" in flat
    assert "列入本清单 2 块，已销号 1 块，待销号 1 块" in flat
    assert "整改到位" not in flat
