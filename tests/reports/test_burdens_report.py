"""The printed other-burdens ledger: title, period, summary with totals, entries, fonts."""

from __future__ import annotations

import datetime as dt

from jianfu.domain.burdens import (
    DEFAULT_BURDEN_TYPES,
    BurdenRecord,
    CleanupAction,
    count_period,
)
from jianfu.reports.burdens import LedgerPrint, build_burden_ledger_pdf

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def records() -> list[BurdenRecord]:
    out = [
        BurdenRecord(
            1,
            1,
            "清溪村",
            "mechanism",
            "河长制村级工作站",
            "县水利局",
            "常设",
            "某县河长制方案",
            CleanupAction.MERGED,
            dt.date(2026, 3, 1),
            "并入综合站",
        ),
        BurdenRecord(2, 1, "清溪村", "form", "成绩 < 60 & <b>加粗</b> 的台账", basis="a<b"),
        BurdenRecord(
            3,
            2,
            "上洋村",
            "channel",
            "防汛值班工作群",
            action=CleanupAction.KEPT,
            action_date=dt.date(2026, 2, 1),
        ),
    ]
    # many rows for one village: the table must go on over several pages
    out += [
        BurdenRecord(
            10 + n,
            2,
            "上洋村",
            "inspection",
            f"专项检查第{n}号",
            "县应急局",
            "每月",
            "某某文件" * 8,
        )
        for n in range(60)
    ]
    return out


def make(rows, villages=((1, "清溪村"), (2, "上洋村"), (3, "溪口村"))) -> LedgerPrint:
    counts = count_period(rows, list(villages), DEFAULT_BURDEN_TYPES, START, END)
    return LedgerPrint(
        "清溪镇村(社区)其他负担台账",
        counts,
        rows,
        "林晓燕",
        "陈建华",
        "0593-6123456",
        dt.date(2026, 7, 2),
    )


def test_township_ledger_text_totals_and_fonts(fonts, read_pdf):
    pdf = read_pdf(build_burden_ledger_pdf(make(records()), fonts=fonts))
    flat = pdf.flat
    assert flat.startswith("清溪镇村(社区)其他负担台账")
    assert "统计期间：2026年1月1日至2026年6月30日" in flat
    assert "打印日期：2026年7月2日" in flat
    for words in (
        "一、清理情况汇总",
        "工作机制/专人专岗",
        "清理前已清理现有",
        "二、台账明细（63项）",
        "（一）清溪村（2项）",
        "（二）上洋村（61项）",
        "河长制村级工作站",
        "撤并",
        "2026-03-01",
        "待清理",
        "专项检查第59号",
    ):
        assert words in flat, words
    # user text is printed as written, not read as markup
    assert "成绩<60&<b>加粗</b>的台账" in flat
    # a village without entries is a row with zeros; 合计 sums the villages
    assert "溪口村000000000000" in flat
    assert "合计11010110160060" in flat
    assert "填表人：林晓燕审核人：陈建华联系电话：0593-6123456" in flat
    assert len(pdf.pages) >= 3 and "— 3 —" in pdf.pages[2]
    assert all(pdf.font_descriptors().values())


def test_one_village_without_entries(fonts, read_pdf):
    pdf = read_pdf(build_burden_ledger_pdf(make([], ((3, "溪口村"),)), fonts=fonts))
    assert "没有登记任何负担事项。" in pdf.flat
    assert "溪口村000000000000" in pdf.flat


def test_a_township_of_13_villages_has_its_summary_and_total_on_the_first_page(fonts, read_pdf):
    """The summary of 13 villages left 合计 alone on page 2 under repeated headers."""
    villages = [(n, f"第{n}村") for n in range(1, 14)]
    rows = [
        BurdenRecord(100 + n, n, f"第{n}村", "form", f"台账{n}", "县应急局", "每月")
        for n in range(1, 14)
    ]
    pdf = read_pdf(build_burden_ledger_pdf(make(rows, villages), fonts=fonts))
    first = pdf.pages[0].replace(" ", "").replace("\n", "")
    assert "第13村" in first and "合计" in first and "注：清理前" in first
    # and a longer summary never leaves 合计 alone: three villages go over with it
    villages = [(n, f"第{n}村") for n in range(1, 31)]
    pdf = read_pdf(build_burden_ledger_pdf(make([], villages), fonts=fonts))
    page = next(p for p in pdf.pages if "合计" in p)
    assert sum(f"第{n}村" in page for n in range(1, 31)) >= 3
    assert "注：清理前" in page.replace(" ", "").replace("\n", "")


def test_the_last_page_holds_more_than_one_row_and_the_names(fonts, read_pdf):
    """A county's ledger of 40 pages ended on one row of 桃溪社区 and the 填表人 line."""
    for count in range(40, 80, 3):
        rows = [
            BurdenRecord(
                10 + n,
                2,
                "上洋村",
                "inspection",
                f"专项检查第{n}号",
                "县应急局",
                "每月",
                "某文件" * 8,
            )
            for n in range(count)
        ]
        pdf = read_pdf(build_burden_ledger_pdf(make(rows), fonts=fonts))
        last = pdf.pages[-1].replace(" ", "").replace("\n", "")
        assert "填表人：林晓燕" in last, count
        shown = sum(f"专项检查第{n}号" in last for n in range(count))
        assert shown >= 3, (count, shown, len(pdf.pages))
