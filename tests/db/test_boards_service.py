"""The signboard service on SQLite and PostgreSQL: ledger, bulk disposition, inspections,
photos, the allowed set, counts, import/export and prints."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfReader

from jianfu.db.repositories import audit
from jianfu.domain.boards import (
    AllowedRule,
    BoardFilter,
    BoardInput,
    BoardStatus,
    Disposition,
    Inspection,
    Placement,
    hanging_on,
)
from jianfu.domain.errors import ConflictError, JianfuError, ValidationError
from jianfu.domain.units import UnitInput
from jianfu.services.boards import BoardsService
from jianfu.services.photo_store import PhotoError
from jianfu.services.units import UnitsService

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def service(ctx):
    return BoardsService(ctx, today=lambda: TODAY)


@pytest.fixture
def villages(ctx):
    units = UnitsService(ctx)
    return [units.add_unit(UnitInput(name)).id for name in ("岭下村", "东街社区")]


def add(service, village, name, **kw):
    kw.setdefault("category", "门牌")
    return service.add_board(BoardInput(village, name, **kw))


def audit_count(ctx) -> int:
    with ctx.unit_of_work() as s:
        return audit.count(s)


def test_add_flags_boards_outside_the_allowed_set(service, villages):
    ok = add(service, villages[0], "岭下村村民委员会")
    flagged = add(service, villages[0], "岭下村综治中心", category="吊牌", department="县委政法委")
    inside = add(
        service, villages[0], "值班制度", category="制度牌", placement="内部", room="办公室"
    )
    assert ok.allowed and ok.status is BoardStatus.PENDING and not ok.needs_attention
    assert flagged.flagged and flagged.needs_attention
    assert inside.place_text == "内部·办公室" and inside.flagged
    page = service.page(BoardFilter(village_id=villages[0], flagged=True))
    assert {b.name for b in page.rows} == {"岭下村综治中心", "值班制度"}
    assert service.page(BoardFilter(category="制度牌")).total == 1
    assert service.page(BoardFilter(query="政法")).rows[0].name == "岭下村综治中心"
    assert service.attention() == (2, 0)


def test_bad_input_saves_nothing(ctx, service, villages):
    before = audit_count(ctx)
    with pytest.raises(ValidationError) as err:
        service.add_board(BoardInput(None, "综治中心", "门牌"))
    assert err.value.for_field("village") == "请选择牌子所在的村(社区)"
    with pytest.raises(ValidationError, match="晚于今天"):
        add(
            service,
            villages[0],
            "综治中心",
            disposition="摘除",
            disposed_on=TODAY + dt.timedelta(1),
        )
    add(service, villages[0], "综治中心")
    with pytest.raises(ValidationError, match="已登记“综治中心”"):
        add(service, villages[0], " 综治中心 ")
    assert service.count(BoardFilter()) == 1
    assert audit_count(ctx) == before + 1


def test_the_same_name_in_another_room_or_village_is_a_different_board(service, villages):
    add(service, villages[0], "值班制度", category="制度牌", placement="内部", room="办公室")
    add(service, villages[0], "值班制度", category="制度牌", placement="内部", room="会议室")
    add(service, villages[1], "值班制度", category="制度牌", placement="内部", room="办公室")
    assert service.count(BoardFilter()) == 3


def test_update_is_versioned(service, villages):
    board = add(service, villages[0], "综治中心")
    saved = service.update_board(
        board.id,
        BoardInput(villages[0], "综治中心", "吊牌", department="县委政法委"),
        board.version,
    )
    assert saved.category == "吊牌" and saved.version == board.version + 1
    with pytest.raises(ConflictError):
        service.update_board(board.id, BoardInput(villages[0], "综治中心", "方牌"), board.version)


def test_bulk_disposition_is_one_transaction(ctx, service, villages):
    ids = [add(service, villages[0], f"牌子{i}").id for i in range(30)]
    before = audit_count(ctx)
    assert service.dispose(ids[:20], "摘除", TODAY, reviewer="林晓燕") == 20
    assert audit_count(ctx) == before + 1
    removed = service.page(BoardFilter(status="已处置"), 0, 100).rows
    assert len(removed) == 20
    assert all(b.disposition is Disposition.REMOVE and b.disposed_on == TODAY for b in removed)
    assert all(b.first_reviewer == "林晓燕" for b in removed)
    # One closed-out board in the selection: nothing at all is changed.
    service.close_out(ids[:1], "陈建国")
    with pytest.raises(ValidationError, match="已销号"):
        service.dispose(ids[:1] + ids[20:], "摘除", TODAY)
    assert service.page(BoardFilter(status="待处置")).total == 10
    with pytest.raises(ValidationError, match="晚于今天"):
        service.dispose(ids[20:], "摘除", TODAY + dt.timedelta(days=3))
    # Boards disposed before keep their disposition unless the clerk says redo.
    assert service.dispose(ids[1:3] + ids[20:22], "合并", TODAY) == 2
    assert service.get(ids[1]).disposition is Disposition.REMOVE
    assert service.get(ids[20]).disposition is Disposition.MERGE
    with pytest.raises(ValidationError, match="都已处置过"):
        service.dispose(ids[1:3], "合并", TODAY)
    assert service.dispose(ids[1:3], "合并", TODAY, redo=True) == 2
    assert service.get(ids[1]).disposition is Disposition.MERGE


def test_close_out_needs_a_disposition(service, villages):
    pending = add(service, villages[0], "综治中心")
    with pytest.raises(ValidationError, match="还没有处置"):
        service.close_out([pending.id], "陈建国")
    with pytest.raises(ValidationError, match="请填写复审人"):
        service.close_out([pending.id], "")


def test_a_removed_board_found_again_relapses(service, villages):
    board = add(service, villages[0], "综治中心", disposition="摘除", disposed_on=TODAY)
    service.close_out([board.id], "陈建国")
    inspection, after = service.record_inspection(
        Inspection(board.id, TODAY, "陈建国", "迎检前又挂回", found_hanging=True)
    )
    assert inspection.relapse and after.status is BoardStatus.RELAPSED
    assert after.relapse_count == 1 and after.relapsed_on == TODAY
    assert service.attention() == (0, 1)
    assert "复查反弹" in service.reminders()[0]
    service.record_inspection(Inspection(board.id, TODAY, "陈建国", "仍未摘", found_hanging=True))
    assert service.get(board.id).relapse_count == 1  # the same relapse seen twice
    assert [i.finding for i in service.inspections(board.id)] == ["仍未摘", "迎检前又挂回"]
    with pytest.raises(ValidationError, match="检查人不能为空"):
        service.record_inspection(Inspection(board.id, TODAY, " "))


def test_changing_the_allowed_set_reflags_boards(service, villages):
    board = add(service, villages[0], "岭下村退役军人服务站")
    assert board.flagged
    rules = [*service.allowed_set().rules, AllowedRule("退役军人服务站", ("退役军人服务站",), None)]
    assert service.save_allowed_set(rules) == 1
    assert service.get(board.id).allowed
    assert len(service.allowed_set().rules) == 7
    with pytest.raises(ValidationError, match="至少要有一个关键词"):
        service.save_allowed_set([AllowedRule("空", ())])


def _png(path: Path, size=(40, 30)) -> Path:
    Image.new("RGB", size, (200, 30, 30)).save(path, "PNG")
    return path


def test_photos_are_checked_copied_and_thumbnailed(ctx, service, villages, tmp_path):
    board = add(service, villages[0], "综治中心")
    text = tmp_path / "照片.jpg"
    text.write_text("不是图片", encoding="utf-8")
    with pytest.raises(PhotoError, match="不是图片"):
        service.add_photo(board.id, text)
    empty = tmp_path / "空.png"
    empty.write_bytes(b"")
    added, problems = service.add_photos(board.id, [text, _png(tmp_path / "门口.png"), empty])
    assert len(added) == 1 and len(problems) == 2
    assert "照片.jpg" in problems[0] and "空文件" in problems[1]
    photo = added[0]
    stored = service.photo_path(photo)
    assert stored.is_file() and stored.suffix == ".png" and stored != tmp_path / "门口.png"
    assert (photo.width, photo.height) == (40, 30)
    thumb = Image.open(io.BytesIO(service.thumbnail(photo)))
    assert thumb.size == (40, 30)  # small photos are not enlarged
    assert service.get(board.id).photo_count == 1
    service.remove_photo(photo)
    assert not stored.exists() and service.photos(board.id) == []


def test_a_huge_photo_is_kept_and_thumbnailed(service, villages, tmp_path):
    board = add(service, villages[0], "综治中心")
    big = tmp_path / "big.jpg"
    Image.new("RGB", (6000, 4500), (10, 120, 200)).save(big, "JPEG", quality=60)
    photo = service.add_photo(board.id, big, "整改后")
    assert (photo.width, photo.height) == (6000, 4500)
    assert service.photo_path(photo).stat().st_size == big.stat().st_size
    thumb = Image.open(io.BytesIO(service.thumbnail(photo)))
    assert max(thumb.size) == 160


def test_a_photo_for_a_missing_board_leaves_no_file(service, tmp_path):
    with pytest.raises(JianfuError, match="找不到这块牌子"):
        service.add_photo(999, _png(tmp_path / "a.png"))
    store = tmp_path / "userdata" / "photos"
    assert store.is_dir()  # the copy was made, then removed with the failed save
    assert [p for p in store.rglob("*") if p.is_file()] == []


def test_counts_follow_the_boards_history(ctx, service, villages):
    start, end = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
    rng = random.Random(7)
    facts = []
    for i in range(120):
        village = rng.choice(villages)
        category = rng.choice(["门牌", "制度牌"])
        added_ = rng.random() < 0.15
        registered = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 180))
        disposition = rng.choice([None, "保留", "摘除", "合并", "规范"])
        disposed = registered + dt.timedelta(days=rng.randint(0, 60)) if disposition else None
        if disposed and disposed > TODAY:
            disposed = TODAY
        board = add(
            service,
            village,
            f"牌子{i}",
            category=category,
            quantity=rng.randint(1, 3),
            registered_on=registered,
            approved_addition=added_,
            disposition=disposition,
            disposed_on=disposed,
        )
        relapsed = None
        if disposition in ("摘除", "合并") and rng.random() < 0.3:
            relapsed = min(TODAY, disposed + dt.timedelta(days=rng.randint(1, 40)))
            service.record_inspection(Inspection(board.id, relapsed, "陈建国", found_hanging=True))
        facts.append(
            (village, category, board.quantity, registered, added_, disposition, disposed, relapsed)
        )
    counts = service.counts(start, end)
    for village in villages:
        for category in ("门牌", "制度牌"):
            cell = counts.get(village, category)
            mine = [f for f in facts if f[0] == village and f[1] == category and f[3] <= end]

            def hang(day, f):
                return hanging_on(
                    day,
                    registered_on=f[3],
                    approved_addition=f[4],
                    disposition=Disposition(f[5]) if f[5] else None,
                    disposed_on=f[6],
                    relapsed_on=f[7],
                )

            eve = start - dt.timedelta(days=1)
            assert cell.before == sum(f[2] for f in mine if hang(eve, f))
            assert cell.now == sum(f[2] for f in mine if hang(end, f))
            assert cell.now == cell.before - cell.cleaned + cell.added + cell.relapsed
    total = counts.total()
    assert total.now == total.before - total.cleaned + total.added + total.relapsed
    assert counts.categories[:3] == ("门牌", "吊牌", "方牌")
    with pytest.raises(ValidationError):
        service.counts(end, start)


def _ledger(path: Path, rows: list[list], header=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["岭下镇村级牌子清理台账"])
    ws.append(
        header
        or ["村(社区)", "牌子名称", "类别", "位置", "要求挂牌部门", "处置", "处置日期", "状态"]
    )
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_import_is_all_or_nothing_with_problems_by_row(ctx, service, villages, tmp_path):
    path = _ledger(
        tmp_path / "台账.xlsx",
        [
            ["岭下村", "综治中心", "吊牌", "外部", "县委政法委", "摘除", "2026-05-01", ""],
            ["岭下村", "值班制度", "制度牌", "内部·办公室", "乡镇政府", "", "", ""],
            ["岭下村", "综治中心", "吊牌", "外部", "", "", "", ""],
            ["", "农家书屋", "吊牌", "外部", "", "", "", ""],
            ["西山村", "妇女之家", "方牌", "外部", "", "", "", ""],
            ["东街社区", "禁毒工作站", "吊牌", "外部", "", "摘除", "2030-01-01", ""],
            ["东街社区", "科普站", "展板", "外部", "", "", "", ""],
        ],
    )
    preview = service.preview_import(path)
    assert not preview.ok
    text = "\n".join(str(p) for p in preview.problems)
    by_row = {p.row: p for p in preview.problems}
    assert by_row[6].field == "village" and by_row[6].column and by_row[6].sheet
    assert by_row[9].field == "category" and "类别“展板”不存在" in by_row[9].message
    assert "第 5 行" in text and "与第 3 行重复" in text
    assert "第 6 行" in text and "村(社区)为空" in text
    assert "“西山村”不在本乡镇" in text
    assert "第 8 行" in text and "晚于今天" in text
    assert "第 9 行" in text and "类别“展板”不存在" in text
    with pytest.raises(JianfuError, match="未导入任何内容"):
        service.commit_import(preview)
    assert service.count(BoardFilter()) == 0


def test_import_saves_everything_and_rejects_a_second_run(service, villages, tmp_path):
    path = _ledger(
        tmp_path / "台账.xlsx",
        [
            ["岭下村", "综治中心", "吊牌", "外部", "县委政法委", "摘除", "2026-05-01", "已销号"],
            ["岭下村", "值班制度", "制度牌", "内部·办公室", "乡镇政府", "", "", ""],
            ["东街社区", "东街社区居民委员会", "门牌", "外部", "", "保留", "2026-05-02", ""],
        ],
    )
    preview = service.preview_import(path)
    assert preview.ok, preview.problems
    assert preview.by_village == {"岭下村": 2, "东街社区": 1}
    assert service.commit_import(preview) == 3
    boards = {b.name: b for b in service.page(BoardFilter()).rows}
    assert boards["综治中心"].status is BoardStatus.CLOSED and boards["综治中心"].flagged
    assert boards["值班制度"].room == "办公室" and boards["值班制度"].placement is Placement.INSIDE
    assert boards["东街社区居民委员会"].allowed
    again = service.preview_import(path)
    assert len(again.problems) == 3 and "台账中已登记" in again.problems[0].message
    assert [p.row for p in again.problems] == [3, 4, 5]
    assert str(again.problems[0]).startswith(f"工作表“{again.problems[0].sheet}”第 3 行：")


def test_export_then_import_gives_the_same_boards(ctx, service, villages, tmp_path):
    add(
        service,
        villages[0],
        "综治中心",
        category="吊牌",
        department="县委政法委",
        quantity=2,
        disposition="摘除",
        disposed_on=TODAY,
        basis="〔2019〕3号",
        size_material="铝 60×40",
    )
    add(
        service,
        villages[1],
        "值班制度",
        category="制度牌",
        placement="内部",
        room="办公室",
        approved_addition=True,
        approval_document="民政〔2026〕1号",
        notes="=不是公式",
    )
    target = tmp_path / "导出.xlsx"
    assert service.export(target) == 2
    originals = service.page(BoardFilter()).rows
    # Into a fresh village list: same names, so delete and re-import.
    for b in originals:
        service.delete_board(b.id, b.version)
    preview = service.preview_import(target)
    assert preview.ok, preview.problems
    service.commit_import(preview)
    again = service.page(BoardFilter()).rows
    keys = (
        "village",
        "name",
        "category",
        "placement",
        "room",
        "department",
        "basis",
        "size_material",
        "quantity",
        "disposition",
        "disposed_on",
        "status",
        "registered_on",
        "approved_addition",
        "approval_document",
        "notes",
        "allowed",
    )
    assert sorted(tuple(getattr(b, k) for k in keys) for b in again) == sorted(
        tuple(getattr(b, k) for k in keys) for b in originals
    )


def test_prints_name_the_boards(service, villages):
    add(
        service,
        villages[0],
        "岭下村综治中心",
        category="吊牌",
        disposition="摘除",
        disposed_on=TODAY,
        first_reviewer="林晓燕",
    )
    add(service, villages[0], "岭下村村民委员会")
    inventory = PdfReader(io.BytesIO(service.print_inventory(villages[0])))
    text = "".join(p.extract_text() for p in inventory.pages)
    assert "岭下村牌子台账" in text and "岭下村综治中心" in text and "范围外" in text
    closeout = PdfReader(io.BytesIO(service.print_closeout(dt.date(2026, 4, 1), TODAY)))
    text = "".join(p.extract_text() for p in closeout.pages)
    assert "牌子清理销号清单" in text and "岭下村综治中心" in text and "林晓燕" in text
    assert "岭下村村民委员会" not in text  # not disposed in the period


def test_demo_boards(demo_ctx):
    service = BoardsService(demo_ctx)
    total = service.count(BoardFilter())
    assert total > 100
    flagged, relapsed = service.attention()
    assert flagged > 0 and relapsed == 2


def test_village_order_pages_follow_on_by_key_and_match_one_sorted_list(ctx, service):
    units = UnitsService(ctx)
    # two villages share a sort order: the village id decides between them
    ids = [
        units.add_unit(UnitInput(name, sort_order=order)).id
        for name, order in (("下洋村", 30), ("上坂村", 10), ("中溪村", 10))
    ]
    rnd = random.Random(3)
    for n in range(23):
        add(service, rnd.choice(ids), f"牌子{n}")
    order = {i: (o, i) for i, o in zip(ids, (30, 10, 10), strict=True)}
    for descending in (False, True):
        f = BoardFilter(sort="village", descending=descending)
        whole = service.page(f, 0, 1000).rows
        keys = [(*order[b.village_id], b.id) for b in whole]
        assert keys == sorted(keys, reverse=descending)
        pages, offset = [], 0
        while True:  # as the screen asks: the next offset after each page
            page = service.page(f, offset, 5)
            pages += page.rows
            offset += len(page.rows)
            if not page.rows:
                break
        assert [b.id for b in pages] == [b.id for b in whole]
        # a page asked for by offset alone (no page before it) is the same slice
        assert [b.id for b in service.page(f, 10, 5).rows] == [b.id for b in whole[10:15]]
        # a search finding few (its first page read by sorting the matches) or none
        found = service.page(replace(f, query="牌子1"), 0, 5)
        assert found.total == 11
        assert [b.id for b in found.rows] == [b.id for b in whole if "牌子1" in b.name][:5]
        assert service.page(replace(f, query="无此牌"), 0, 5).rows == []
    # a board added while paging comes in its place, nothing is repeated or skipped
    f = BoardFilter(sort="village")
    first = service.page(f, 0, 5).rows
    add(service, ids[0], "新牌子")  # the last village in order
    rest, offset = [], 5
    while page := service.page(f, offset, 5).rows:
        rest += page
        offset += len(page)
    seen = [b.id for b in first + rest]
    assert len(seen) == len(set(seen)) == 24


def test_a_row_with_a_bad_cell_is_also_checked_for_unknown_names(service, villages, tmp_path):
    path = _ledger(
        tmp_path / "台账.xlsx",
        [["不存在村", "综治中心", "圆牌", "外部", "县委政法委", "拆掉", "2026-05-01", ""]],
    )
    preview = service.preview_import(path)
    by_field = {p.field: p for p in preview.problems}
    assert set(by_field) == {"disposition", "village", "category"}, preview.problems
    assert all(p.row == 3 for p in preview.problems)
    assert "不存在村" in by_field["village"].message and "圆牌" in by_field["category"].message
    assert preview.problem_count == 3 and not preview.ok


def test_namesakes_are_the_villages_boards_of_that_name_spaces_aside(service, villages):
    """The entry grid's twin-name note asks at each save which boards of the village bear the
    name (it read a page of the ledger's search for it, 200 rows and their count): the name
    typed with spaces finds them; other names that hold it, other villages and a department
    of that name are not namesakes."""
    add(service, villages[0], "农家书屋")
    add(service, villages[0], "农家书屋", category="制度牌", placement="内部", room="阅览 室")
    add(service, villages[0], "农家书屋管理制度", category="制度牌", placement="内部", room="室")
    add(service, villages[0], "图书室", department="农家书屋")
    add(service, villages[1], "农家书屋")
    expected = [("内部", "阅览 室"), ("外部", "")]
    assert sorted(service.namesakes(villages[0], "农家书屋")) == expected
    assert sorted(service.namesakes(villages[0], " 农家 书屋 ")) == expected
    assert service.namesakes(villages[1], "农家书屋") == [("外部", "")]
    assert service.namesakes(villages[0], "图书") == []
    assert service.namesakes(villages[0], "  ") == []


def test_a_save_reads_the_category_ids_once(service, villages, monkeypatch):
    """add_board and update_board read the categories' ids to check the input and again to
    store its category: the entry grid read them twice a board. Once now."""
    from jianfu.db.repositories import boards as repo

    real, reads = repo.category_ids, []

    def counted(session):
        reads.append(1)
        return real(session)

    monkeypatch.setattr(repo, "category_ids", counted)
    board = add(service, villages[0], "岭下村村民委员会")
    assert len(reads) == 1 and board.category == "门牌"
    data = BoardInput(villages[0], "岭下村村民委员会", category="方牌")
    assert service.update_board(board.id, data, board.version).category == "方牌"
    assert len(reads) == 2
