"""其他负担 above the township: the 村(社区) box has each township's entry (石门乡 全部村(社区))
before its villages, so the county reviewer narrows the ledger, its 清理情况统计 and 打印台账
to one township. Before, the box listed villages only: the counts said 全部村(社区)合计 and the
print was the whole county's (the search narrowed the list alone)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from jianfu.domain.burdens import BurdenInput
from jianfu.services.registry import Services
from tests.conftest import same_village_twice
from tests.ui.previews import previewed
from tests.ui.township_choice import open_as_reviewer


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")


def test_the_reviewer_narrows_the_ledger_counts_and_print_to_one_township(
    qtbot, demo_ctx, monkeypatch
):
    person, town, village_id = same_village_twice(demo_ctx)
    Services.create(demo_ctx).burdens.add(BurdenInput(village_id, "form", "石门乡的防汛台账"))
    window, page, texts = open_as_reviewer(qtbot, demo_ctx, monkeypatch, person, town, "burdens")
    combo = page.village_combo
    everything = page.model.total
    combo.setCurrentIndex(texts.index("石门乡 全部村(社区)"))
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert "石门乡的防汛台账" in page.model.index(0, 2).data()
    assert page.count_label.text() == "符合条件 1 项"
    qtbot.waitUntil(lambda: page.counts_scope.text().startswith("石门乡 全部村(社区)合计"))
    assert page.counts_rows()[-1][1] == "1"  # 合计 清理前: the township's one entry
    # the demo township's entry: every one of its entries, none of 石门乡's
    combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.total == everything - 1)
    unit_id, township_id = page.scope()  # a new entry from here offers no village
    assert unit_id is None and township_id is not None
    combo.setCurrentIndex(texts.index("石门乡 全部村(社区)"))
    shown = previewed(monkeypatch)  # the print preview, closed unsaved
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert shown == [("打印台账", "其他负担台账-石门乡.pdf")]
    window.tasks.wait_all()


def test_the_township_print_is_titled_and_holds_its_villages_only(demo_ctx):
    person, town, village_id = same_village_twice(demo_ctx)
    services = Services.create(demo_ctx)
    services.burdens.add(BurdenInput(village_id, "form", "石门乡的防汛台账"))
    demo_ctx.person = person
    service = Services.create(demo_ctx).burdens
    with demo_ctx.unit_of_work() as s:
        from jianfu.db.models import UnitRow

        township_id = s.get(UnitRow, village_id).parent_id
    text = _text(service.print_ledger(None, township_id=township_id))
    assert "石门乡村(社区)其他负担台账" in text and "南屏县村(社区)" not in text
    assert "石门乡的防汛台账" in text and town not in text
    counts = service.counts(*_year(), township_id=township_id)
    assert [v.unit_name for v in counts.villages] == ["清溪村"]


def _year():
    import datetime as dt

    today = dt.date.today()
    return dt.date(today.year, 1, 1), today
