"""The certificate register on SQLite and PostgreSQL: register, outcomes, figures, prints.

Requests here are dated 2024 so that the demo requests (of the last months) never mix in.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from jianfu.db.models import AuditRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.domain.certificates import CertificateInput, Consultation, Outcome, OutcomeInput
from jianfu.domain.errors import ConflictError, JianfuError, ValidationError
from jianfu.domain.matching import Verdict
from jianfu.reports.fonts import UnprintableError
from jianfu.services.certificates import CertificateFilter, CertificatesService

ID = "11010519491231002X"
DAY = dt.date(2024, 3, 4)
LATER = dt.date(2024, 3, 6)


@pytest.fixture
def service(demo_ctx) -> CertificatesService:
    return CertificatesService(demo_ctx)


@pytest.fixture
def villages(service) -> dict[str, int]:
    return {v.name: v.id for v in service.villages()}


def _request(villages, subject: str, **kw) -> CertificateInput:
    values = {
        "request_date": DAY,
        "applicant_name": "林秀英",
        "subject": subject,
        "village_id": villages["清溪村"],
        "purpose": "办理贷款",
        "agency": "宁川农商银行",
    }
    values.update(kw)
    return CertificateInput(**values)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in reader.pages))


def test_demo_register_is_seeded(service) -> None:
    page = service.page()
    assert page.total >= 20
    assert {r.outcome for r in page.rows} >= {Outcome.ISSUED, Outcome.REFUSED, Outcome.CONSULTED}
    assert all("*" in r.id_masked for r in page.rows if r.id_masked)


def test_the_registers_pages_read_each_request_as_it_is_read_alone(service) -> None:
    """A page is read as plain columns with its villages' and townships' names joined; each
    line is what ``get`` (the ORM row made a domain object) reads, with its township named."""
    import dataclasses

    township = "清溪镇"  # the demo's
    everything = service.page()
    pages = [service.page(None, 0, 7), service.page(None, 7, 7)]  # the second after the first
    lines = [*everything.rows, *pages[0].rows, *pages[1].rows]
    assert [r.id for r in pages[0].rows + pages[1].rows] == [r.id for r in everything.rows[:14]]
    assert any(r.consultation for r in lines) and any(r.candidates for r in lines)
    assert any(r.village for r in lines) and {r.township for r in lines} == {township}
    for line in lines:
        assert dataclasses.replace(line, township="") == service.get(line.id)
    searched = service.page(CertificateFilter(query="证明"), 0, 5)
    assert searched.rows and all(
        dataclasses.replace(r, township="") == service.get(r.id) for r in searched.rows
    )


def test_the_demos_issued_certificates_read_as_sentences(service) -> None:
    """Each issued demo certificate's 事由 fits its item's model text: 2026-0019 read
    "与被继承人关系为：经核对户籍和村档案，情况属实。情况属实。"."""
    issued = [r for r in service.page(limit=1000).rows if r.outcome is Outcome.ISSUED]
    assert len(issued) >= 5
    texts = {r.item_name: service.certificate_text(r.id) for r in issued}
    for name, text in texts.items():
        assert "经核对户籍和村档案" not in text, (name, text)
        assert text.count("情况属实") <= 1, (name, text)
    inheritance = next(t for n, t in texts.items() if "继承" in n)
    assert "与被继承人关系为：父子" in inheritance


def test_register_stores_the_verdict_and_candidates_and_numbers_per_year(service, villages) -> None:
    first = service.register(_request(villages, "单身证明"))
    second = service.register(_request(villages, "收养登记要的婚姻状况和抚养教育能力证明"))
    older = service.register(_request(villages, "单身证明", request_date=dt.date(2023, 12, 30)))
    assert (first.serial, second.serial, older.serial) == ("2024-0001", "2024-0002", "2023-0001")
    assert first.verdict == first.check_verdict == Verdict.FORBIDDEN
    assert first.item_name == "婚姻状况证明"
    assert "民发〔2020〕20号" in first.basis
    assert first.alternative.startswith("数据共享：")
    assert (
        first.candidates[0].item == "婚姻状况证明" and first.candidates[0].kind == "cert_forbidden"
    )
    # The more specific allowed item beats the general forbidden one.
    assert second.verdict == Verdict.ALLOWED
    assert second.item_name == "收养人婚姻状况和抚养教育被收养人能力证明"
    assert service.get(first.id) == first


def test_a_request_registered_under_a_login_name_has_no_handler(
    service, villages, demo_ctx, monkeypatch
) -> None:
    """Without 乡镇设置's 填表人 the 经办人 of a request was the computer's login (root)."""
    from jianfu.services import context

    monkeypatch.setattr(context.getpass, "getuser", lambda: "root")
    demo_ctx.operator = context.default_operator()
    assert service.register(_request(villages, "单身证明")).handler == ""
    demo_ctx.operator = "林晓燕"
    assert service.register(_request(villages, "单身证明")).handler == "林晓燕"


def test_the_clerk_may_override_the_check(service, villages) -> None:
    unlisted = service.register(_request(villages, "单身证明", unlisted=True))
    assert unlisted.check_verdict == Verdict.FORBIDDEN
    assert unlisted.verdict == Verdict.UNLISTED and unlisted.item_label == "清单外"
    allowed_item = next(i for i in service.certificate_items() if i.kind == "cert_allowed")
    chosen = service.register(_request(villages, "证明一下情况", item_id=allowed_item.id))
    assert chosen.verdict == Verdict.ALLOWED and chosen.item_id == allowed_item.id


def test_the_id_number_is_stored_but_masked_everywhere_else(
    service, villages, demo_ctx, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    request = service.register(_request(villages, "单身证明", id_number=ID))
    done = service.record_outcome(
        request.id, OutcomeInput(Outcome.REFUSED, LATER, signer="陈建华"), request.version
    )
    assert request.id_masked == "1101**********002X"
    assert ID not in repr(done)
    with demo_ctx.unit_of_work() as s:
        assert s.get(CertificateRequestRow, request.id).id_number == ID
        audit_rows = s.execute(select(AuditRow).where(AuditRow.entity == "certificate_request"))
        texts = [f"{r.before}{r.after}" for r in audit_rows.scalars()]
    assert texts and all(ID not in t for t in texts)
    assert any("1101**********002X" in t for t in texts)
    assert ID not in caplog.text
    assert ID not in _pdf_text(service.print_refusal(request.id))
    assert ID not in _pdf_text(service.print_register(DAY, LATER))
    # Typing the full number into the search finds the request without showing it.
    found = service.page(CertificateFilter(query=ID.lower()))
    assert [r.id for r in found.rows] == [request.id]


def test_bad_input_is_refused_and_nothing_saved(service, villages) -> None:
    before = service.page().total
    with pytest.raises(ValidationError) as exc:
        service.register(_request(villages, "婚", id_number="110105194912310021"))
    assert {p.field for p in exc.value.problems} == {"subject", "id_number"}
    assert "一个字" in exc.value.for_field("subject")
    assert service.page().total == before


def test_outcomes_follow_the_rules(service, villages) -> None:
    forbidden = service.register(_request(villages, "单身证明"))
    with pytest.raises(ValidationError, match="不应出具"):
        service.record_outcome(forbidden.id, OutcomeInput(Outcome.ISSUED, LATER, signer="陈建华"))
    refused = service.record_outcome(forbidden.id, OutcomeInput(Outcome.REFUSED, LATER))
    assert refused.outcome == Outcome.REFUSED and refused.alternative.startswith("数据共享")
    with pytest.raises(ConflictError):
        service.record_outcome(
            forbidden.id, OutcomeInput(Outcome.REFUSED, LATER), forbidden.version
        )

    unlisted = service.register(_request(villages, "证明我家老房子是祖上传下来的", unlisted=True))
    consultation = Consultation(LATER, "村两委成员5人、村民代表7人", True, "陈建华")
    issued = service.record_outcome(
        unlisted.id,
        OutcomeInput(
            Outcome.CONSULTED,
            LATER,
            fact="房屋系其祖父建造",
            sealed=True,
            consultation=consultation,
        ),
    )
    assert issued.consultation == consultation and issued.signer == "陈建华" and issued.sealed


def test_figures_per_village_and_agency_ranking(service, villages) -> None:
    bank, insurer = "宁川农商银行", "某人寿保险公司"
    for subject, village, agency in [
        ("单身证明", "清溪村", bank),
        ("婚姻状况证明", "上洋村", bank),
        ("开个无犯罪记录证明", "上洋村", bank),
        ("我妈还活着的证明", "清溪村", insurer),
        ("证明我家老房子是祖上传下来的", "清溪村", ""),
    ]:
        request = service.register(
            _request(villages, subject, village_id=villages[village], agency=agency)
        )
        if request.verdict == Verdict.FORBIDDEN:
            service.record_outcome(request.id, OutcomeInput(Outcome.REFUSED, LATER))
    figures = service.figures(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    by_name = {v.village: v for v in figures.villages}
    assert (by_name["清溪村"].requests, by_name["清溪村"].refused) == (3, 2)
    assert by_name["清溪村"].unlisted == 1
    assert (by_name["上洋村"].requests, by_name["上洋村"].refused) == (2, 2)
    assert by_name["下岐村"].requests == 0  # every active village is listed, also with none
    assert figures.total.requests == 5 and figures.total.refused == 4
    assert [(a.agency, a.count) for a in figures.agencies] == [(bank, 3), (insurer, 1)]
    assert figures.agencies[0].items[0] == ("婚姻状况证明", 2)
    assert service.figures(dt.date(2024, 4, 1), dt.date(2024, 4, 30)).total.requests == 0
    with pytest.raises(ValidationError):
        service.figures(dt.date(2024, 4, 1), dt.date(2024, 3, 1))


def test_certificate_pdf_from_the_model_text(service, villages, read_fonts) -> None:
    request = service.register(
        _request(
            villages,
            "加入茶叶合作社要证明我有土地承包经营权",
            applicant_name="谢𠮷",
            id_number=ID,
            village_id=villages["城南社区"],
        )
    )
    assert request.verdict == Verdict.ALLOWED
    with pytest.raises(JianfuError, match="不能打印证明"):
        service.print_certificate(request.id)
    service.record_outcome(
        request.id,
        OutcomeInput(Outcome.ISSUED, LATER, signer="陈建华", fact="加入清溪茶叶专业合作社"),
    )
    text = service.certificate_text(request.id)
    # The certificate the applicant takes away carries the full number (a bank needs it) …
    assert f"兹证明谢𠮷（身份证号：{ID}）" in text
    assert "城南社区居民委员会（盖章）" in text and "2024年3月6日" in text
    pdf = _pdf_text(service.print_certificate(request.id, fonts=read_fonts))
    assert "编号：2024-0001" in pdf
    assert ID in pdf
    assert "加入清溪茶叶专业合作社" in pdf
    # … while the register and the audit trail stay masked.
    assert service.get(request.id).id_masked == "1101**********002X"


def _signature_lines(pdf: bytes) -> list[str]:
    """The certificate's last lines (issuer, signer, date), spaces removed."""
    reader = PdfReader(io.BytesIO(pdf))
    lines = (reader.pages[0].extract_text() or "").splitlines()
    kept = [re.sub(r"\s+", "", line) for line in lines if line.strip()]
    at = next(i for i, line in enumerate(kept) if line.endswith("（盖章）"))
    return kept[at : at + 3]


def _issued(service, villages, subject: str, signer: str = "王建国"):
    request = service.register(_request(villages, subject, id_number=ID))
    service.record_outcome(
        request.id,
        OutcomeInput(Outcome.ISSUED, LATER, signer=signer, fact="加入清溪茶叶专业合作社"),
    )
    return request


def test_the_printed_certificate_names_its_signer(service, villages) -> None:
    """Walk 52: the certificate printed without the 签字负责人 recorded (王建国); the demo's
    model texts had no place for it. It goes under the issuer, above the date; the full ID
    number stays on the certificate (the applicant takes it away)."""
    request = _issued(service, villages, "加入茶叶合作社要证明我有土地承包经营权")
    pdf = service.print_certificate(request.id)
    assert _signature_lines(pdf) == ["清溪村村民委员会（盖章）", "负责人：王建国", "2024年3月6日"]
    assert ID in _pdf_text(pdf)
    assert service.get(request.id).id_masked == "1101**********002X"


def test_a_countys_model_text_without_the_signer_gets_it_in_the_signature(
    service, villages, demo_ctx
) -> None:
    """A county writes its own model text with no {签字负责人}: the recorded name is printed in
    the signature all the same (not left out, not refused)."""
    from jianfu.db.models import ListItemRow

    request = _issued(service, villages, "加入茶叶合作社要证明我有土地承包经营权")
    with demo_ctx.unit_of_work() as s:
        item = s.get(ListItemRow, s.get(CertificateRequestRow, request.id).item_id)
        item.model_text = (
            "证  明\n\n兹证明{申请人}（身份证号：{身份证号}）享有本村土地承包经营权，"
            "用于{事由}。\n\n{村(社区)}村(居)民委员会（盖章）\n{日期}"
        )
    assert "{签字负责人}" not in service.certificate_text(request.id)
    pdf = service.print_certificate(request.id)
    assert _signature_lines(pdf) == ["清溪村村民委员会（盖章）", "负责人：王建国", "2024年3月6日"]
    assert _pdf_text(pdf).count("王建国") == 1


def test_a_record_without_a_signer_leaves_a_blank_to_sign_on(service, villages, demo_ctx) -> None:
    """An issued record without a 签字负责人 (made before it was required) still prints: the
    model text's 负责人： is left blank for a hand signature, not refused."""
    request = _issued(service, villages, "加入茶叶合作社要证明我有土地承包经营权")
    with demo_ctx.unit_of_work() as s:
        s.get(CertificateRequestRow, request.id).signer = ""
    text = service.certificate_text(request.id)
    assert "负责人：\n" in text and "王建国" not in text
    lines = _signature_lines(service.print_certificate(request.id))
    assert lines == ["清溪村村民委员会（盖章）", "负责人：", "2024年3月6日"]


def test_a_certificate_issued_after_consultation_names_its_signer(service, villages) -> None:
    unlisted = service.register(_request(villages, "证明我家老房子是祖上传下来的", unlisted=True))
    consultation = Consultation(LATER, "村两委成员5人、村民代表7人", True, "王建国")
    service.record_outcome(
        unlisted.id,
        OutcomeInput(Outcome.CONSULTED, LATER, fact="房屋系其祖父建造", consultation=consultation),
    )
    lines = _signature_lines(service.print_certificate(unlisted.id))
    assert lines == ["清溪村村民委员会（盖章）", "负责人：王建国", "2024年3月6日"]


def test_unprintable_characters_are_named_or_marked(service, villages, single_font) -> None:
    request = service.register(
        _request(villages, "加入合作社要证明我有土地承包经营权", applicant_name="谢𠮷")
    )
    service.record_outcome(
        request.id, OutcomeInput(Outcome.ISSUED, LATER, signer="陈建华", fact="加入合作社")
    )
    with pytest.raises(UnprintableError, match=r"“𠮷”（U\+20BB7）") as refused:
        service.print_certificate(request.id, fonts=single_font)
    assert refused.value.chars == ["𠮷"]
    pdf = _pdf_text(service.print_certificate(request.id, fonts=single_font, allow_missing=True))
    assert "谢□" in pdf


def test_the_register_and_the_refusal_with_a_missing_character_are_refused_first(
    service, villages, single_font
) -> None:
    """Like the certificate: 打印登记簿 printed 谢□ without a word; now it is refused naming the
    character (the screen asks) and prints □ only when allowed."""

    request = service.register(
        _request(villages, "我妈还活着的证明，领养老金用", applicant_name="谢𠮷")
    )
    service.record_outcome(request.id, OutcomeInput(Outcome.REFUSED, LATER))
    with pytest.raises(UnprintableError, match=r"“𠮷”（U\+20BB7）") as refused:
        service.print_register(DAY, LATER, fonts=single_font)
    assert refused.value.chars == ["𠮷"]
    pdf = _pdf_text(service.print_register(DAY, LATER, fonts=single_font, allow_missing=True))
    assert "谢□" in pdf
    with pytest.raises(UnprintableError, match=r"“𠮷”（U\+20BB7）"):
        service.print_refusal(request.id, fonts=single_font)
    assert "谢□" in _pdf_text(
        service.print_refusal(request.id, fonts=single_font, allow_missing=True)
    )


def test_refusal_names_the_basis_and_the_other_route(service, villages) -> None:
    request = service.register(_request(villages, "我妈还活着的证明，领养老金用"))
    assert request.item_name == "健在证明"
    service.record_outcome(request.id, OutcomeInput(Outcome.REFUSED, LATER))
    pdf = _pdf_text(service.print_refusal(request.id))
    assert "不予出具证明告知书" in pdf
    assert "民发〔2020〕20号" in pdf
    assert "人脸识别认证" in pdf  # the alternative route of the demo item
    assert "清溪村村民委员会" in pdf
    # No placeholder words are left: the committee and the township are named.
    assert "本村(居)委会" not in pdf and "乡镇(街道)咨询" not in pdf
    assert "可向清溪村村民委员会或" in pdf
    with pytest.raises(JianfuError):
        service.print_certificate(request.id)


def test_the_fact_hint_shows_the_model_sentence_and_the_name_is_not_repeated(
    service, villages
) -> None:
    request = service.register(
        _request(villages, "加入茶叶合作社要证明我有土地承包经营权", applicant_name="谢𠮷")
    )
    sentence = service.fact_sentence(request.id, Outcome.ISSUED)
    assert sentence.startswith("兹证明谢𠮷") and "此证明用于【事由】。" in sentence
    service.record_outcome(
        request.id,
        OutcomeInput(Outcome.ISSUED, LATER, signer="陈建华", fact="谢𠮷，加入清溪茶叶专业合作社"),
    )
    text = service.certificate_text(request.id)
    assert "加入清溪茶叶专业合作社" in text
    assert text.count("谢𠮷") == 1  # the clerk's repeated name is not printed twice


def test_register_pdf_lists_the_period(service, villages) -> None:
    service.register(_request(villages, "单身证明", applicant_name="陈国平"))
    service.register(
        _request(villages, "单身证明", applicant_name="不在期内", request_date=dt.date(2024, 5, 1))
    )
    pdf = _pdf_text(service.print_register(dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
    assert "证明事项登记簿" in pdf and "2024-0001" in pdf and "陈国平" in pdf
    assert "不在期内" not in pdf
    assert "本期共登记1件" in pdf


def test_audit_snapshots_are_json_without_the_full_number(service, villages, demo_ctx) -> None:
    request = service.register(_request(villages, "单身证明", id_number=ID))
    with demo_ctx.unit_of_work() as s:
        row = s.execute(
            select(AuditRow).where(
                AuditRow.entity == "certificate_request", AuditRow.entity_id == str(request.id)
            )
        ).scalar_one()
        after = json.loads(row.after)
    assert after["id_masked"] == "1101**********002X"
    assert "id_number" not in after


def test_register_export_is_masked_and_reads_back(service, villages, tmp_path) -> None:
    from openpyxl import load_workbook

    service.register(_request(villages, "单身证明", applicant_name="龚䶮", id_number=ID))
    path = service.export_register(DAY, LATER, tmp_path / "登记簿.xlsx")
    rows = list(load_workbook(path).active.values)
    assert rows[2][:4] == ("编号", "日期", "申请人", "身份证号")
    assert rows[3][:4] == ("2024-0001", dt.datetime(2024, 3, 4), "龚䶮", "1101**********002X")
    assert "民发〔2020〕20号" in rows[3][9]
    assert ID not in repr(rows)
    with pytest.raises(JianfuError, match="无法写入"):
        service.export_register(DAY, LATER, tmp_path / "没有这个目录" / "x.xlsx")


def test_search_finds_every_column_by_index_or_like_and_follows_edits(service, villages) -> None:
    """SQLite: trigram index for 3+ characters, LIKE below; PostgreSQL: ILIKE (pg_trgm)."""
    first = service.register(
        _request(villages, "居住证明", applicant_name="欧阳娜娜", agency="宁川50%农商行_甲")
    )
    service.register(_request(villages, "亲属关系证明", applicant_name="司马光"))
    start = CertificateFilter(start=DAY, end=DAY)

    def found(query: str) -> list[str]:
        page = service.page(CertificateFilter(start=DAY, end=DAY, query=query))
        assert page.total == len(page.rows)
        return sorted(r.applicant_name for r in page.rows)

    assert found("欧阳娜娜") == ["欧阳娜娜"]  # 4 characters: the trigram index on SQLite
    assert found("阳娜") == ["欧阳娜娜"]  # 2 characters: LIKE
    assert found("娜") == ["欧阳娜娜"]
    assert found("居住证") == ["欧阳娜娜"]  # subject
    assert found("办理贷款") == ["司马光", "欧阳娜娜"]  # purpose
    assert found("50%农") == ["欧阳娜娜"]  # % and _ are plain characters
    assert found("行_甲") == ["欧阳娜娜"]
    assert found("50_") == []
    assert found("不存在的证明") == []
    assert service.page(start).total == 2
    # a changed row is found by its new text at once (the index follows the row)
    with service.ctx.unit_of_work() as s:
        row = s.get(CertificateRequestRow, first.id)
        row.subject = "无犯罪记录证明"
        row.notes = "已电话告知本人领取"
    assert found("居住证") == []
    assert found("无犯罪记录") == ["欧阳娜娜"]
    assert found("电话告知") == ["欧阳娜娜"]  # notes
    assert found("欧阳娜娜") == ["欧阳娜娜"]  # once, not twice
    service.register(_request(villages, "居住证明", applicant_name="Anna 李"))
    assert found("an") == found("AN") == ["Anna 李"]  # a letter: LIKE, ASCII case ignored
    assert found("李") == ["Anna 李"]
    # totals on every page: counted while a page is full, known from the last one
    pages = [service.page(start, offset, 2) for offset in (0, 2, 4)]
    assert [(len(p.rows), p.total) for p in pages] == [(2, 3), (1, 3), (0, 3)]


def test_a_township_is_not_taken_for_a_village(service, villages, demo_ctx) -> None:
    """Under a county the township has a parent too: a request 'in' the township itself is
    refused, as the board ledger refuses it, and nothing is registered (it took the county's id
    as its township)."""
    from sqlalchemy import func, select

    from jianfu.db.models_certificates import CertificateRequestRow
    from tests.conftest import put_under_county

    with demo_ctx.unit_of_work() as s:
        _county, town = put_under_county(s)
        town_id = town.id
        before = s.execute(select(func.count(CertificateRequestRow.id))).scalar_one()
    with pytest.raises(ValidationError) as refused:
        service.register(_request(villages, "单身证明", village_id=town_id))
    assert refused.value.for_field("village_id")
    with demo_ctx.unit_of_work() as s:
        assert s.execute(select(func.count(CertificateRequestRow.id))).scalar_one() == before


def test_an_id_number_typed_into_the_requests_free_text_is_kept_masked(
    service, villages, demo_ctx
) -> None:
    """The county's reviewer and the mechanism read a request's wording on a shared server
    (everything but ``id_number``); an ID number typed into it is stored masked, as every
    screen and print shows it. The 事由 that fills the certificate the applicant takes away
    keeps what the clerk wrote."""
    full = "11010519491231002X"
    masked = "1101**********002X"
    request = service.register(
        _request(
            villages,
            f"证明{full}的居住情况",
            id_number=full,
            purpose=f"用途{full}",
            agency=f"单位{full}",
            attachments=f"附件{full}",
            notes=f"备注{full}",
            unlisted=True,
        ),
        today=DAY,
    )
    service.record_outcome(
        request.id,
        OutcomeInput(
            outcome=Outcome.REFUSED,
            outcome_date=DAY,
            basis=f"依据{full}",
            alternative=f"途径{full}",
            notes=f"结果{full}",
            fact=f"事由{full}",
        ),
        today=DAY,
    )
    with demo_ctx.unit_of_work() as s:
        row = s.get(CertificateRequestRow, request.id)
        assert row is not None and row.id_number == full  # the certificate's own field
        kept = {
            c: getattr(row, c)
            for c in ("subject", "purpose", "agency", "attachments", "notes", "basis",
                      "alternative")
        }  # fmt: skip
        fact = row.fact
    assert all(full not in v and masked in v for v in kept.values()), kept
    assert full in fact
