"""Certificates in the domain: ID numbers, masking, model texts, outcome rules."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.domain.certificates import (
    CertificateInput,
    Consultation,
    Outcome,
    OutcomeInput,
    check_id_number,
    check_subject,
    clean_outcome,
    clean_request,
    committee_name,
    fill_model_text,
    mask_id_number,
    placeholders_in,
)
from jianfu.domain.errors import ValidationError
from jianfu.domain.matching import Verdict

TODAY = dt.date(2026, 11, 20)
#: The example number of GB 11643-1999 (check character X).
VALID = "11010519491231002X"


def _problem(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    message = exc.value.for_field(field)
    assert message, f"no problem for {field}: {exc.value}"
    return message


# ---------------------------------------------------------------- ID numbers


@pytest.mark.parametrize(
    "typed",
    [VALID, "11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２Ｘ"],
)
def test_valid_numbers_are_normalised(typed: str) -> None:
    assert check_id_number(typed, today=TODAY) == VALID


def test_a_fifteen_digit_number_becomes_eighteen_digits() -> None:
    assert check_id_number("110105491231002", today=TODAY) == VALID


def test_empty_is_allowed_because_the_number_is_optional() -> None:
    assert check_id_number("  ", today=TODAY) == ""


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("110105194912310021", "校验位"),
        ("11010519490230002X", "不是有效日期"),  # 30 February
        ("11010520990101002X", "不合理"),  # born in the future
        ("1101051949123100", "16 位"),
        ("11010519491231002A", "最后一位为数字或 X"),
        ("1101054912310A2", "只能是数字"),
    ],
)
def test_bad_numbers_are_refused_without_repeating_them(typed: str, words: str) -> None:
    with pytest.raises(ValidationError) as exc:
        check_id_number(typed, today=TODAY)
    message = _problem(exc, "id_number")
    assert words in message
    assert typed.strip() not in message


def test_a_wrong_check_digit_is_found_for_every_position() -> None:
    # Changing any one of the first 17 digits changes the check character.
    for i in range(17):
        digit = str((int(VALID[i]) + 1) % 10)
        changed = VALID[:i] + digit + VALID[i + 1 :]
        if not (6 <= i < 14):  # birth-date digits may also make the date impossible
            with pytest.raises(ValidationError, match="校验位"):
                check_id_number(changed, today=TODAY)


def test_masking_keeps_four_characters_at_each_end() -> None:
    assert mask_id_number("35010219800101123X") == "3501**********123X"
    assert mask_id_number("") == ""
    assert mask_id_number("1234") == "****"


# ---------------------------------------------------------------- model texts

MODEL = (
    "证  明\n\n兹证明{申请人}（身份证号：{身份证号}）系{村(社区)}集体经济组织成员。\n"
    "此证明用于{事由}。\n\n{村(社区)}村(居)民委员会（盖章）\n{日期}"
)
VALUES = {
    "申请人": "谢𠮷",
    "身份证号": "1101**********002X",
    "村(社区)": "清溪村",
    "事由": "加入茶叶专业合作社",
    "日期": "2026年11月20日",
}


def test_placeholders_are_filled_and_the_committee_is_named_properly() -> None:
    text = fill_model_text(MODEL, VALUES)
    assert "兹证明谢𠮷（身份证号：1101**********002X）系清溪村集体经济组织成员" in text
    assert "清溪村村民委员会（盖章）" in text
    assert "{" not in text
    assert committee_name("城南社区") == "城南社区居民委员会"


def test_a_missing_placeholder_value_is_named() -> None:
    values = {**VALUES, "事由": " "}
    with pytest.raises(ValidationError) as exc:
        fill_model_text(MODEL, values, item_name="农村土地承包经营权人身份证明")
    message = _problem(exc, "fact")
    assert "{事由}" in message
    assert "农村土地承包经营权人身份证明" in message


def test_an_unknown_placeholder_is_named() -> None:
    with pytest.raises(ValidationError, match=r"无法识别的占位符“\{户籍地址\}”"):
        fill_model_text("兹证明{申请人}住{户籍地址}。", VALUES)


def test_without_an_id_number_its_aside_is_left_out() -> None:
    text = fill_model_text(MODEL, {**VALUES, "身份证号": ""})
    assert "兹证明谢𠮷系清溪村" in text
    assert "身份证号" not in text


def test_an_empty_model_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="证明式样是空的"):
        fill_model_text("  ", VALUES)


def test_placeholders_in_order() -> None:
    assert placeholders_in(MODEL) == ["申请人", "身份证号", "村(社区)", "事由", "日期"]


# ---------------------------------------------------------------- requests


def test_a_one_character_request_gets_a_clear_message() -> None:
    with pytest.raises(ValidationError) as exc:
        check_subject("婚")
    assert "只有一个字（“婚”）" in _problem(exc, "subject")


def test_a_request_names_every_bad_field_at_once() -> None:
    data = CertificateInput(
        request_date=TODAY + dt.timedelta(days=1),
        applicant_name=" ",
        subject="证",
        village_id=None,
        id_number="110105194912310021",
        agency="单" * 121,
    )
    with pytest.raises(ValidationError) as exc:
        clean_request(data, today=TODAY)
    fields = {p.field for p in exc.value.problems}
    assert fields == {
        "applicant_name",
        "subject",
        "id_number",
        "village_id",
        "request_date",
        "agency",
    }


def test_rare_characters_in_a_name_are_kept() -> None:
    data = CertificateInput(TODAY, " 龚䶮 ", "婚姻状况证明", 1, id_number=VALID.lower())
    cleaned = clean_request(data, today=TODAY)
    assert cleaned.applicant_name == "龚䶮"
    assert cleaned.id_number == VALID


# ---------------------------------------------------------------- outcomes


def _outcome(outcome: Outcome, **kw) -> OutcomeInput:
    return OutcomeInput(outcome, TODAY, **kw)


def test_a_forbidden_certificate_cannot_be_issued() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            _outcome(Outcome.ISSUED, signer="陈建华"),
            verdict=Verdict.FORBIDDEN,
            request_date=TODAY,
            today=TODAY,
        )
    assert "不应出具" in _problem(exc, "outcome")


def test_an_unlisted_certificate_needs_the_consultation_procedure() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            _outcome(Outcome.ISSUED, signer="陈建华"),
            verdict=Verdict.UNLISTED,
            request_date=TODAY,
            today=TODAY,
        )
    assert "议事协商" in _problem(exc, "outcome")


def test_issuing_after_consultation_needs_date_participants_agreement_and_signer() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            _outcome(Outcome.CONSULTED, fact="房屋系祖上所建", consultation=Consultation()),
            verdict=Verdict.UNLISTED,
            request_date=TODAY,
            today=TODAY,
        )
    fields = {p.field for p in exc.value.problems}
    assert fields == {"consult_date", "consult_participants", "consult_agreed", "signer"}


def test_a_consultation_that_did_not_agree_cannot_issue() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            _outcome(
                Outcome.CONSULTED,
                fact="房屋系祖上所建",
                consultation=Consultation(TODAY, "村两委5人", False, "陈建华"),
            ),
            verdict=Verdict.UNLISTED,
            request_date=TODAY,
            today=TODAY,
        )
    assert "未同意" in _problem(exc, "consult_agreed")


def test_a_consultation_signer_signs_the_certificate() -> None:
    done = clean_outcome(
        _outcome(
            Outcome.CONSULTED,
            fact="房屋系祖上所建",
            consultation=Consultation(TODAY, " 村两委5人 ", True, "陈建华"),
        ),
        verdict=Verdict.UNLISTED,
        request_date=TODAY - dt.timedelta(days=2),
        today=TODAY,
    )
    assert done.signer == "陈建华"
    assert done.consultation == Consultation(TODAY, "村两委5人", True, "陈建华")


def test_a_refusal_needs_basis_and_other_route() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            _outcome(Outcome.REFUSED),
            verdict=Verdict.FORBIDDEN,
            request_date=TODAY,
            today=TODAY,
        )
    assert {p.field for p in exc.value.problems} == {"basis", "alternative"}


def test_a_referral_names_the_department_and_dates_are_in_order() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            OutcomeInput(Outcome.REFERRED, TODAY - dt.timedelta(days=3)),
            verdict=Verdict.UNLISTED,
            request_date=TODAY,
            today=TODAY,
        )
    assert {p.field for p in exc.value.problems} == {"referred_to", "outcome_date"}


def test_issuing_an_allowed_item_with_a_fact_placeholder_needs_the_fact() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_outcome(
            _outcome(Outcome.ISSUED, signer="陈建华"),
            verdict=Verdict.ALLOWED,
            request_date=TODAY,
            model_text=MODEL,
            today=TODAY,
        )
    assert "{事由}" in _problem(exc, "fact")


def test_the_conclusion_names_an_item_only_when_there_is_one() -> None:
    """The register's 审核结论 read 清单外证明（须议事协商）：清单外 (seen as the county
    reviewer): a request on neither list is its verdict alone."""
    from jianfu.domain.certificates import CertificateRequest

    base = {
        "id": 1,
        "year": 2026,
        "seq": 3,
        "request_date": dt.date(2026, 11, 30),
        "applicant_name": "罗永福",
        "id_masked": "",
        "village_id": None,
        "village": "后垅村",
        "subject": "证明村道边的林地界址",
        "purpose": "",
        "agency": "",
    }
    unlisted = CertificateRequest(**base, check_verdict=Verdict.UNLISTED, verdict=Verdict.UNLISTED)
    assert unlisted.conclusion == "清单外证明（须议事协商）"
    forbidden = CertificateRequest(
        **base, check_verdict=Verdict.FORBIDDEN, verdict=Verdict.FORBIDDEN, item_name="亲属关系证明"
    )
    assert forbidden.conclusion == "不应出具证明：亲属关系证明"
