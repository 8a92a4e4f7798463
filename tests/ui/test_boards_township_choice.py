"""牌子 above the township: the 村(社区) box has each township's entry (石门乡 全部村(社区)) before
its villages, as 其他负担's, so the county reviewer narrows the ledger, its export and 打印销号清单
to one township. Before, the box listed villages only (the search narrowed the list alone)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from jianfu.db.models import UnitRow
from jianfu.domain.boards import BoardInput, Disposition
from jianfu.services.registry import Services
from tests.conftest import same_village_twice
from tests.ui.township_choice import open_as_reviewer


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")


def _removed_board(demo_ctx, village_id: int) -> None:
    Services.create(demo_ctx).boards.add_board(
        BoardInput(
            village_id,
            "石门乡的防汛指挥部",
            "方牌",
            disposition=Disposition.REMOVE,
            disposed_on=dt.date.today(),
            first_reviewer="李明",
        )
    )


def test_the_reviewer_narrows_the_board_ledger_to_one_township(qtbot, demo_ctx, monkeypatch):
    person, town, village_id = same_village_twice(demo_ctx)
    _removed_board(demo_ctx, village_id)
    window, page, texts = open_as_reviewer(qtbot, demo_ctx, monkeypatch, person, town, "boards")
    combo = page.village_combo
    qtbot.waitUntil(lambda: page.model.total > 1)
    everything = page.model.total
    combo.setCurrentIndex(texts.index("石门乡 全部村(社区)"))
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.board_filter().village_id is None
    # the demo township's entry: every one of its boards, none of 石门乡's
    combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.total == everything - 1)
    village, township = page.scope()  # 逐块录入 from here offers no village
    assert village is None and township is not None
    window.tasks.wait_all()


def test_the_township_close_out_list_is_titled_and_holds_its_boards_only(demo_ctx):
    person, town, village_id = same_village_twice(demo_ctx)
    _removed_board(demo_ctx, village_id)
    demo_ctx.person = person
    service = Services.create(demo_ctx).boards
    with demo_ctx.unit_of_work() as s:
        township_id = s.get(UnitRow, village_id).parent_id
    today = dt.date.today()
    start = dt.date(today.year, 1, 1)
    text = _text(service.print_closeout(start, today, township_id=township_id))
    assert "石门乡牌子清理销号清单" in text and "南屏县牌子清理销号清单" not in text
    assert "石门乡的防汛指挥部" in text and town not in text
    whole = _text(service.print_closeout(start, today))
    assert "南屏县牌子清理销号清单" in whole and town in whole
