"""The 其他负担 and 牌子 ledgers of the county reviewer and the city's mechanism hold several
townships' villages: each row and each choice of the village filter names its township (the
other lists above the township have a 乡镇(街道) column; these said 清溪村 alone), and the
counts say 全部村(社区)合计, not 全乡镇合计."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jianfu.db.township import ConnectedPerson
from jianfu.services.registry import Services
from jianfu.ui.main_window import MainWindow
from tests.conftest import put_under_county
from tests.ui.previews import previewed


@pytest.fixture
def reviewer_window(qtbot, demo_ctx, monkeypatch):
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        demo_ctx.person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
        name = town.name
    monkeypatch.setattr(MainWindow, "_start_daily_backup", lambda self, services: None)
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.showNormal()
    window.resize(1366, 728)  # a 1366×768 screen less the title and task bars
    qtbot.waitUntil(lambda: window.width() == 1366)
    yield window, name
    window.tasks.wait_all()


def _first_column(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("screen", ["burdens", "boards"])
def test_each_row_and_each_village_choice_names_its_township(qtbot, reviewer_window, screen):
    window, town = reviewer_window
    page = window.show_screen(screen)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    lead = f"{town}\u2028" if screen == "burdens" else f"{town} "  # burdens: on two lines
    assert all(text.startswith(lead) for text in _first_column(page.model))
    combo = page.village_combo
    choices = [combo.itemText(i) for i in range(1, combo.count())]
    assert choices and all(text.startswith(f"{town} ") for text in choices)
    # the ledger fits the window's width at 1366 px, as the township's does
    view = page.view
    qtbot.waitUntil(lambda: view.horizontalHeader().length() <= view.viewport().width())
    if screen == "burdens":
        qtbot.waitUntil(lambda: page.counts_scope.text() != "")
        assert page.counts_scope.text().startswith("全部村(社区)合计")


@pytest.mark.parametrize("screen", ["burdens", "boards"])
def test_the_township_clerk_sees_the_villages_as_before(window, qtbot, screen):
    page = window.show_screen(screen)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "村(社区)"
    assert not {" ", "\u2028"} & set(page.model.index(0, 0).data())


def test_the_certificates_village_choices_name_their_township(qtbot, reviewer_window):
    """证明's village filter above the township said 清溪村 alone, as the ledgers' did."""
    window, town = reviewer_window
    page = window.show_screen("certificates")
    combo = page.village_combo
    qtbot.waitUntil(lambda: combo.count() > 1)
    choices = [combo.itemText(i) for i in range(1, combo.count())]
    assert all(text.startswith(f"{town} ") for text in choices), choices


def test_the_township_clerks_certificates_village_choices_are_as_before(window, qtbot):
    combo = window.show_screen("certificates").village_combo
    qtbot.waitUntil(lambda: combo.count() > 1)
    assert not any(" " in combo.itemText(i) for i in range(1, combo.count()))


def test_a_villages_board_print_is_offered_under_its_townships_name(
    qtbot, reviewer_window, monkeypatch
):
    """The file name suggested is the print's title, 清溪镇清溪村牌子台账 (it said 清溪村牌子台账
    for either township's 清溪村)."""
    window, town = reviewer_window
    page = window.show_screen("boards")
    qtbot.waitUntil(lambda: page.village_combo.count() > 1)
    page.village_combo.setCurrentIndex(2)  # the first village, under its township's entry
    village = dict(page._villages)[page.village_combo.currentData()]
    shown = previewed(monkeypatch)  # the print preview, closed unsaved
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert shown == [("打印本村台账", f"{town}{village}牌子台账.pdf")]


def _valid(number: str) -> bool:
    from jianfu.domain.certificates import check_id_number
    from jianfu.domain.errors import ValidationError

    try:
        check_id_number(number)
    except ValidationError:
        return False
    return True


def test_the_reviewer_searching_a_full_id_number_is_told_why_nothing_is_found(
    qtbot, reviewer_window, demo_ctx
):
    """The search compared the full number in the database, which the server does not let the
    levels above read: on the county's server the reviewer got 程序出错 … 无权办理这项操作.
    The number is not compared for them; the count says why nothing is found."""
    from sqlalchemy import select

    from jianfu.db.models_certificates import CertificateRequestRow

    with demo_ctx.unit_of_work() as s:
        number = next(
            n
            for n in s.execute(select(CertificateRequestRow.id_number)).scalars()
            if n and _valid(n)
        )
    window, _town = reviewer_window
    page = window.show_screen("certificates")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert "（完整身份证号不对上级显示）" in window.purpose_label.text()
    assert "身份证号" not in page.search.placeholderText()
    page.search.setText(number)
    page.refresh()
    qtbot.waitUntil(lambda: "不能按身份证号查找" in page.count_label.text())
    assert page.model.total == 0 and page.count_label.text().startswith("共 0 条")
    # the list shows the masked numbers: it is the whole number the levels above do not see
    assert "完整身份证号不对上级显示" in page.count_label.toolTip()
    # short: the whole reason on the bar widened the window past a 1366-pixel screen
    assert page.count_label.sizeHint().width() < 300
    page.search.setText("")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.total > 0)
    assert "身份证号" not in page.count_label.text()


def test_the_township_clerk_still_finds_requests_by_a_full_id_number(window, qtbot, demo_ctx):
    from sqlalchemy import select

    from jianfu.db.models_certificates import CertificateRequestRow

    with demo_ctx.unit_of_work() as s:
        number = next(
            n
            for n in s.execute(select(CertificateRequestRow.id_number)).scalars()
            if n and _valid(n)
        )
    page = window.show_screen("certificates")
    assert "身份证号" in page.search.placeholderText()
    page.period_combo.setCurrentIndex(page.period_combo.findData("all"))
    page.search.setText(number)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.total >= 1)
    assert "不能按身份证号查找" not in page.count_label.text()


def test_the_township_clerks_certificate_figures_name_the_village_alone(window, qtbot):
    page = window.show_screen("certificates")
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.village_combo.count() > 1)
    qtbot.waitUntil(lambda: len(page.figures.village_texts()) > 1)
    assert not any(" " in row[0] for row in page.figures.village_texts())


def test_the_reviewers_certificate_figures_are_grouped_by_township(qtbot, demo_ctx, monkeypatch):
    """证明 统计 of a county: each township's row with its villages' sums, its villages
    indented under it, 合计 last (the rows of several townships were mixed, each village led
    by its township's name, and no township's sum was shown)."""
    import datetime as dt
    from itertools import pairwise

    from jianfu.domain.certificates import CertificateInput
    from jianfu.ui.certificates.models import VILLAGE_INDENT
    from tests.conftest import same_village_twice

    person, town, other_village = same_village_twice(demo_ctx)
    Services.create(demo_ctx).certificates.register(
        CertificateInput(dt.date.today(), "石门乡申请人", "居住证明", other_village)
    )
    demo_ctx.person = person
    monkeypatch.setattr(MainWindow, "_start_daily_backup", lambda self, services: None)
    window = MainWindow(Services.create(demo_ctx))
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen("certificates")
    page.tabs.setCurrentIndex(1)
    model = page.figures.village_model
    qtbot.waitUntil(lambda: "石门乡" in [row[0] for row in page.figures.village_texts()])
    rows = page.figures.village_texts()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "乡镇(街道) / 村(社区)"
    assert "各乡镇(街道)、村(社区)证明办理情况" in page.figures.title.text()
    heads = [i for i, row in enumerate(rows) if not row[0].startswith(VILLAGE_INDENT)]
    assert [rows[i][0] for i in heads] == [town, "石门乡", "合计"]
    assert all(model.is_bold(i) for i in heads)
    assert not any(model.is_bold(i) for i in range(len(rows)) if i not in heads)
    assert rows[heads[1] + 1][0] == VILLAGE_INDENT + "清溪村"
    for first, nxt in pairwise(heads):  # each township to the next
        villages = rows[first + 1 : nxt]
        for col in range(1, len(rows[first])):
            assert int(rows[first][col]) == sum(int(v[col]) for v in villages)
    assert rows[heads[1]][1] == "1"
    for col in range(1, len(rows[-1])):
        assert int(rows[-1][col]) == sum(int(rows[i][col]) for i in heads[:-1])
    window.tasks.wait_all()


def test_the_reviewers_board_detail_names_its_township(qtbot, reviewer_window):
    """The reviewer's detail pane said 村(社区) 清溪村 where the row said 清溪镇 清溪村."""
    window, town = reviewer_window
    page = window.show_screen("boards")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.view.selectRow(0)
    qtbot.waitUntil(lambda: "乡镇(街道)" in page.detail.toPlainText())
    assert f"乡镇(街道)\n{town}\n村(社区)" in page.detail.toPlainText()


def test_the_township_clerks_board_detail_names_no_township(window, qtbot):
    page = window.show_screen("boards")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.view.selectRow(0)
    qtbot.waitUntil(lambda: "村(社区)" in page.detail.toPlainText())
    assert "乡镇(街道)" not in page.detail.toPlainText()
