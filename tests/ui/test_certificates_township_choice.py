"""证明 above the township: the 村(社区) box has each township's entry (石门乡 全部村(社区))
before its villages, as 牌子's and 其他负担's, so the county reviewer narrows the register to one
township's requests. Before, the box listed villages only."""

from __future__ import annotations

import datetime as dt

from jianfu.domain.certificates import CertificateInput
from jianfu.services.registry import Services
from tests.conftest import same_village_twice
from tests.ui.township_choice import open_as_reviewer


def test_the_reviewer_narrows_the_register_to_one_township(qtbot, demo_ctx, monkeypatch):
    person, town, village_id = same_village_twice(demo_ctx)
    today = dt.date.today()
    request = CertificateInput(today, "石门乡申请人", "居住证明", village_id)
    Services.create(demo_ctx).certificates.register(request)
    window, page, texts = open_as_reviewer(
        qtbot, demo_ctx, monkeypatch, person, town, "certificates"
    )
    combo = page.village_combo
    qtbot.waitUntil(lambda: page.model.total > 1)
    everything = page.model.total
    combo.setCurrentIndex(texts.index("石门乡 全部村(社区)"))
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.current_filter().village_id is None
    names = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert "石门乡申请人" in names
    combo.setCurrentIndex(1)  # the demo township's: none of 石门乡's
    qtbot.waitUntil(lambda: page.model.total == everything - 1)
    window.tasks.wait_all()
