"""Certificates (证明事项): requests, outcomes, ID numbers and model texts, as plain data.

A resident or an agency asks the village to certify something. The request is checked
against the certificate lists (:meth:`jianfu.domain.matching.Matcher.check_certificate`), then
the clerk records what was done: issued (on the may-issue list), refused with the other route
(on the may-not-issue list), issued after residents' consultation and a signature (on neither
list), or sent to a department to verify.

The applicant's ID number (公民身份号码) is checked here with the GB 11643-1999 check digit and
a real birth date. Outside the database it exists only masked (``3501**********123X``): the
domain objects, the audit trail, the screens and the prints never hold the full number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.text import (
    check_length,
    check_required,
    clean,
    mask_id_numbers,
    with_texts,
)
from jianfu.domain.verdicts import Verdict, validate_text

NAME_MAX = 40
SUBJECT_MAX = 500
PURPOSE_MAX = 200
AGENCY_MAX = 120
PERSON_MAX = 40
TEXT_MAX = 2000

#: GB 11643-1999: weights of the first 17 digits and the check character for sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_SEPARATORS = re.compile(r"[\s\-\u3000]")


class Outcome(StrEnum):
    """What was done with a request; the value is what the clerk reads and the register shows."""

    PENDING = "待办理"
    ISSUED = "出具"
    REFUSED = "不予出具并告知替代途径"
    CONSULTED = "议事协商后出具"
    REFERRED = "转部门核查"

    @property
    def short(self) -> str:
        """A short label for narrow table columns."""
        return {
            Outcome.PENDING: "待办理",
            Outcome.ISSUED: "出具",
            Outcome.REFUSED: "不予出具",
            Outcome.CONSULTED: "协商后出具",
            Outcome.REFERRED: "转部门核查",
        }[self]

    @property
    def issued(self) -> bool:
        """True when a certificate was handed out."""
        return self in (Outcome.ISSUED, Outcome.CONSULTED)


def verdict_label(verdict: Verdict | str) -> str:
    """A certificate check's verdict in Chinese (unlisted means consultation, not approval)."""
    return {
        Verdict.ALLOWED: "可出具证明",
        Verdict.FORBIDDEN: "不应出具证明",
        Verdict.UNLISTED: "清单外证明（须议事协商）",
    }.get(Verdict(verdict), Verdict(verdict).label)


# ---------------------------------------------------------------- ID numbers


def id_check_char(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _birth_date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def check_id_number(raw: str | None, *, today: dt.date | None = None) -> str:
    """The ID number as 18 characters (upper-case X), or '' when none was given.

    A 15-digit number of the first generation (before 1999) is converted to 18 digits (its
    birth year gets "19" and a check digit is added). Refused, with a message that never
    repeats the number: wrong length or characters, an impossible birth date, a wrong check
    digit.
    """
    text = _ID_SEPARATORS.sub("", raw or "").upper().replace("Ｘ", "X")
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        return ""
    today = today or dt.date.today()

    def problem(message: str) -> ValidationError:
        return ValidationError(FieldProblem("id_number", message))

    if len(text) == 15:
        if not text.isdigit():
            raise problem("15 位身份证号只能是数字")
        birth = _birth_date("19" + text[6:12])
        if birth is None:
            raise problem(f"身份证号第 7–12 位的出生日期“19{text[6:12]}”不是有效日期")
        first17 = text[:6] + "19" + text[6:]
        return first17 + id_check_char(first17)
    if len(text) != 18:
        raise problem(f"身份证号应为 18 位（或旧版 15 位），现在是 {len(text)} 位")
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise problem("身份证号前 17 位应为数字，最后一位为数字或 X")
    birth = _birth_date(text[6:14])
    if birth is None:
        raise problem(f"身份证号第 7–14 位的出生日期“{text[6:14]}”不是有效日期")
    if birth > today or birth.year < 1880:
        raise problem(f"身份证号中的出生日期 {birth.isoformat()} 不合理")
    expected = id_check_char(text[:17])
    if text[17] != expected:
        raise problem("身份证号校验位不对（最后一位），请核对是否抄错")
    return text


def mask_id_number(number: str | None) -> str:
    """The number with the middle hidden, e.g. ``3501**********123X`` ('' when none)."""
    text = (number or "").strip()
    if not text:
        return ""
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


# ---------------------------------------------------------------- model texts

#: Placeholders a model text (证明式样) may hold, and what fills them (shown to the county
#: where it writes the texts: the list workbook's import names an unknown one).
PLACEHOLDERS: dict[str, str] = {
    "申请人": "申请人姓名",
    "身份证号": "申请人身份证号（证明上印完整号码；未登记时连同所在括号略去）",
    "村(社区)": "申请人所在村(社区)的名称",
    "事由": "经办人填写的证明事实",
    "日期": "办理结果的日期，如2026年7月1日",
    "用途": "登记的证明用途",
    "索要单位": "登记的索要证明单位",
    "编号": "证明登记编号",
    "签字负责人": "办理结果中记录的签字负责人",
}
_PLACEHOLDER = re.compile(r"[{｛]([^{}｛｝]{1,20})[}｝]")
#: The demo lists write the issuer as "{村(社区)}村(居)民委员会"; it becomes the right committee.
_COMMITTEE = re.compile(r"[{｛]村\(社区\)[}｝]村\(居\)民委员会")
#: "（身份证号：{身份证号}）" is left out when the applicant gave no ID number (it is optional).
_ID_ASIDE = re.compile(r"[（(][^（）(){}]*[{｛]身份证号[}｝][^（）(){}]*[）)]")


def placeholders_in(template: str) -> list[str]:
    """The placeholder names used in ``template``, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(template or "")))


def unknown_placeholders(template: str) -> list[str]:
    """The placeholder names in ``template`` that no certificate fills, in order of use."""
    return [name for name in placeholders_in(template) if name not in PLACEHOLDERS]


def model_text_problem(item_name: str, model_text: str) -> str:
    """Why ``item_name``'s stored model text cannot be printed (a placeholder no certificate
    fills: a text imported before the import refused it), with how to put it right; ''
    when it can. Said where the text is shown, not first at the print."""
    unknown = unknown_placeholders(model_text)
    if not unknown:
        return ""
    named = "、".join(f"{{{name}}}" for name in unknown)
    usable = "、".join(f"{{{name}}}" for name in PLACEHOLDERS)
    return (
        f"“{item_name}”的证明式样中的占位符 {named} 不存在，打印证明时无法填写。"
        f"请在清单 Excel 的“证明式样”列中改正（可用的占位符：{usable}），"
        "重新导入为新版本并施行"
    )


def placeholder_guide(sep: str = "\n") -> str:
    """The placeholders a model text may use and what fills each: ``{签字负责人}：办理结果中…``."""
    return sep.join(f"{{{name}}}：{what}" for name, what in PLACEHOLDERS.items())


def committee_name(village: str) -> str:
    """The self-governing body of a village or community: 清溪村村民委员会, 城南社区居民委员会."""
    village = village.strip()
    return f"{village}{'居' if village.endswith('社区') else '村'}民委员会"


def fill_model_text(template: str, values: dict[str, str], *, item_name: str = "") -> str:
    """The model text with every ``{占位符}`` replaced; a clear message for a missing one.

    ``values`` maps placeholder names (``申请人``, ``事由`` …) to text. A placeholder that
    is unknown, or whose value is empty, is refused naming the placeholder and the item.
    """
    where = f"“{item_name}”的证明式样" if item_name else "证明式样"
    if not clean(template):
        raise ValidationError(
            FieldProblem("model_text", f"{where}是空的，请先在清单中填写证明式样")
        )
    village = values.get("村(社区)", "")
    if village:
        template = _COMMITTEE.sub(committee_name(village), template)
    if not clean(values.get("身份证号")):
        template = _ID_ASIDE.sub("", template)
    problems: list[FieldProblem] = []
    for name in placeholders_in(template):
        value = clean(values.get(name))
        if name not in PLACEHOLDERS and name not in values:
            problems.append(
                FieldProblem(
                    "model_text", f"{where}中有无法识别的占位符“{{{name}}}”，请在清单中改正"
                )
            )
        elif not value:
            what = PLACEHOLDERS.get(name, name)
            field_name = "fact" if name == "事由" else "model_text"
            problems.append(
                FieldProblem(field_name, f"{where}中的占位符“{{{name}}}”（{what}）没有可填的内容")
            )
    if problems:
        raise ValidationError(problems)
    return _PLACEHOLDER.sub(lambda m: clean(values[m.group(1)]), template)


# ---------------------------------------------------------------- requests


@dataclass(frozen=True)
class CandidateRef:
    """A list item the check found, as stored with the request."""

    item: str
    kind: str
    score: float
    item_id: int | None = None


@dataclass(frozen=True)
class Consultation:
    """Residents' consultation (议事协商) before issuing a certificate on neither list."""

    date: dt.date | None = None
    participants: str = ""
    agreed: bool | None = None
    signer: str = ""  # who signed (the committee head)


@dataclass(frozen=True)
class CertificateInput:
    """What the clerk enters when a request comes in."""

    request_date: dt.date
    applicant_name: str
    subject: str  # what is to be certified, as the applicant said it
    village_id: int | None
    id_number: str = ""  # full number as typed; checked, stored, never shown again
    purpose: str = ""
    agency: str = ""  # 索要单位
    handler: str = ""  # 经办人
    attachments: str = ""
    notes: str = ""
    #: The item the clerk confirmed (``None``: take the check's verdict as it is).
    item_id: int | None = None
    #: True when the clerk decided the request is on neither list, whatever the check said.
    unlisted: bool = False


@dataclass(frozen=True)
class OutcomeInput:
    """What the clerk records when the request is settled."""

    outcome: Outcome
    outcome_date: dt.date
    signer: str = ""  # 签字负责人
    fact: str = ""  # fills {事由} of the model text
    basis: str = ""  # 依据
    alternative: str = ""  # the other route told to the applicant
    referred_to: str = ""  # the department asked to verify
    sealed: bool = False
    consultation: Consultation | None = None
    notes: str = ""


@dataclass(frozen=True)
class CertificateRequest:
    """One line of the certificate register; the ID number only ever masked."""

    id: int
    year: int
    seq: int
    request_date: dt.date
    applicant_name: str
    id_masked: str
    village_id: int | None
    village: str
    subject: str
    purpose: str
    agency: str
    check_verdict: Verdict
    verdict: Verdict
    candidates: tuple[CandidateRef, ...] = ()
    item_id: int | None = None
    item_name: str = ""
    item_kind: str = ""
    outcome: Outcome = Outcome.PENDING
    outcome_date: dt.date | None = None
    basis: str = ""
    alternative: str = ""
    referred_to: str = ""
    fact: str = ""
    handler: str = ""
    signer: str = ""
    sealed: bool = False
    attachments: str = ""
    notes: str = ""
    consultation: Consultation | None = None
    version: int = 1
    township: str = ""  # filled where the levels above list several townships' registers

    @property
    def serial(self) -> str:
        """The register number, e.g. ``2026-0007``."""
        return format_serial(self.year, self.seq)

    @property
    def verdict_label(self) -> str:
        """The confirmed verdict in Chinese."""
        return verdict_label(self.verdict)

    @property
    def item_label(self) -> str:
        """The certificate item, or 清单外 when on neither list."""
        return self.item_name or "清单外"

    @property
    def conclusion(self) -> str:
        """The verdict with the item it names (``不应出具证明：亲属关系证明``); a request on
        neither list is its verdict alone (it read 清单外证明（须议事协商）：清单外)."""
        return f"{self.verdict_label}：{self.item_name}" if self.item_name else self.verdict_label


#: the digits of a register number after its year (2026-0003), the least it is printed with
SERIAL_DIGITS = 4


def format_serial(year: int, seq: int) -> str:
    """The register number of the ``seq``-th request of ``year``."""
    return f"{year}-{seq:0{SERIAL_DIGITS}d}"


def check_subject(text: str | None) -> str:
    """What is to be certified, trimmed; refused when empty, one character or too long."""
    try:
        validate_text(text)
    except ValidationError as err:
        message = err.problems[0].message
        if "一个字" in message:
            letter = message[message.index("“") + 1 : message.index("”")]
            message = f"要证明的事项只有一个字（“{letter}”），请写清要证明什么，如“婚姻状况证明”"
        elif "标点" in message:
            message = "要证明的事项只有标点符号，请写清要证明什么"
        else:
            message = "请填写要证明什么，如“收养登记用的婚姻状况和抚养能力证明”"
        raise ValidationError(FieldProblem("subject", message)) from None
    subject = clean(text)
    problems = check_length("subject", "证明事项", subject, SUBJECT_MAX)
    if problems:
        raise ValidationError(problems)
    return subject


def clean_request(data: CertificateInput, *, today: dt.date | None = None) -> CertificateInput:
    """``data`` trimmed and checked; ``ValidationError`` names every bad field at once."""
    from dataclasses import replace

    today = today or dt.date.today()
    problems: list[FieldProblem] = []
    name = clean(data.applicant_name)
    problems += check_required("applicant_name", "申请人姓名", name, NAME_MAX)
    subject = ""
    try:
        subject = check_subject(data.subject)
    except ValidationError as err:
        problems += err.problems
    id_number = ""
    try:
        id_number = check_id_number(data.id_number, today=today)
    except ValidationError as err:
        problems += err.problems
    if data.village_id is None:
        problems.append(FieldProblem("village_id", "请选择申请人所在的村(社区)"))
    if data.request_date > today:
        problems.append(FieldProblem("request_date", "申请日期不能晚于今天"))
    texts = {
        "purpose": ("用途", PURPOSE_MAX),
        "agency": ("索要单位", AGENCY_MAX),
        "handler": ("经办人", PERSON_MAX),
        "attachments": ("附件", TEXT_MAX),
        "notes": ("备注", TEXT_MAX),
    }
    cleaned = {k: clean(getattr(data, k)) for k in texts}
    for key, (label, limit) in texts.items():
        problems += check_length(key, label, cleaned[key], limit)
    if problems:
        raise ValidationError(problems)
    return with_texts(
        replace(data, applicant_name=name, subject=subject, id_number=id_number), cleaned
    )


def clean_outcome(
    data: OutcomeInput,
    *,
    verdict: Verdict,
    request_date: dt.date,
    model_text: str = "",
    today: dt.date | None = None,
) -> OutcomeInput:
    """``data`` checked against the request's confirmed verdict.

    * 出具 only for an item on the may-issue list;
    * 不予出具 needs the basis and the other route told to the applicant;
    * 议事协商后出具 only for a request on neither list, with the consultation (date,
      participants, agreed) and the signer;
    * 转部门核查 names the department.
    """
    from dataclasses import replace

    today = today or dt.date.today()
    problems: list[FieldProblem] = []
    texts = {
        "signer": ("签字负责人", PERSON_MAX),
        "fact": ("证明内容（事由）", TEXT_MAX),
        "basis": ("依据", TEXT_MAX),
        "alternative": ("替代途径", TEXT_MAX),
        "referred_to": ("核查部门", AGENCY_MAX),
        "notes": ("备注", TEXT_MAX),
    }
    cleaned = {k: clean(getattr(data, k)) for k in texts}
    for key, (label, limit) in texts.items():
        problems += check_length(key, label, cleaned[key], limit)
    if data.outcome_date > today:
        problems.append(FieldProblem("outcome_date", "办理日期不能晚于今天"))
    elif data.outcome_date < request_date:
        problems.append(FieldProblem("outcome_date", "办理日期不能早于申请日期"))
    outcome = Outcome(data.outcome)
    consultation = data.consultation
    if outcome == Outcome.PENDING:
        problems.append(FieldProblem("outcome", "请选择办理结果"))
    elif outcome == Outcome.ISSUED:
        if verdict == Verdict.FORBIDDEN:
            problems.append(
                FieldProblem("outcome", "该证明在不应出具证明事项清单中，不能出具；请告知替代途径")
            )
        elif verdict != Verdict.ALLOWED:
            problems.append(
                FieldProblem(
                    "outcome",
                    "清单外的证明不能直接出具：须经议事协商同意、负责人签字后出具，"
                    "请选择“议事协商后出具”",
                )
            )
        if not cleaned["signer"]:
            problems.append(FieldProblem("signer", "出具证明须填写签字负责人"))
        if "{事由}" in model_text and not cleaned["fact"]:
            problems.append(FieldProblem("fact", "证明式样中有“{事由}”，请填写要证明的具体内容"))
    elif outcome == Outcome.CONSULTED:
        if verdict != Verdict.UNLISTED:
            problems.append(
                FieldProblem(
                    "outcome", "只有清单外的证明才走议事协商程序；清单内的请选“出具”或“不予出具”"
                )
            )
        c = consultation or Consultation()
        participants = clean(c.participants)
        c_signer = clean(c.signer) or cleaned["signer"]
        if c.date is None:
            problems.append(FieldProblem("consult_date", "请填写议事协商的日期"))
        elif c.date > today or c.date < request_date:
            problems.append(FieldProblem("consult_date", "议事协商日期应在申请日期和今天之间"))
        if not participants:
            problems.append(FieldProblem("consult_participants", "请填写参加议事协商的人员"))
        elif len(participants) > TEXT_MAX:
            problems += check_length("consult_participants", "参加人员", participants, TEXT_MAX)
        if c.agreed is not True:
            problems.append(
                FieldProblem("consult_agreed", "议事协商未同意出具的，不能出具；请选择“不予出具”")
            )
        if not c_signer:
            problems.append(
                FieldProblem("signer", "议事协商后出具须由负责人签字，请填写签字负责人")
            )
        if not cleaned["fact"]:
            problems.append(FieldProblem("fact", "请填写证明的具体内容"))
        consultation = Consultation(c.date, participants, c.agreed, c_signer)
        cleaned["signer"] = c_signer
    elif outcome == Outcome.REFUSED:
        if not cleaned["basis"]:
            problems.append(FieldProblem("basis", "不予出具须写明依据"))
        if not cleaned["alternative"]:
            problems.append(FieldProblem("alternative", "不予出具须告知申请人替代途径"))
    elif not cleaned["referred_to"]:  # the one outcome left: Outcome.REFERRED
        problems.append(FieldProblem("referred_to", "请填写转交核查的部门"))
    if (
        outcome != Outcome.CONSULTED
        and consultation is not None
        and consultation.date is None
        and not clean(consultation.participants)
    ):
        consultation = None  # an empty form, not a consultation that was held
    if problems:
        raise ValidationError(problems)
    return with_texts(replace(data, outcome=outcome, consultation=consultation), cleaned)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class VillageCertificateFigures:
    """Counts of one village (or the total) over a period."""

    village: str
    village_id: int | None = None
    requests: int = 0
    issued: int = 0  # 出具 and 议事协商后出具
    consulted: int = 0  # of which after consultation
    refused: int = 0
    referred: int = 0
    pending: int = 0
    allowed: int = 0  # the confirmed verdicts
    forbidden: int = 0
    unlisted: int = 0
    township: str = ""  # the village's township ("" for the total)
    township_id: int | None = None


@dataclass(frozen=True)
class AgencyDemand:
    """An agency that asked for certificates the village may not issue."""

    agency: str
    count: int
    items: tuple[tuple[str, int], ...] = ()  # certificate name, how often; most first


@dataclass(frozen=True)
class CertificateFigures:
    """The figures of a period: per village, the total, and the agencies to stop at source."""

    start: dt.date
    end: dt.date
    villages: tuple[VillageCertificateFigures, ...]
    total: VillageCertificateFigures
    agencies: tuple[AgencyDemand, ...] = field(default=())


# ---------------------------------------------------------------- the register as a table

#: The columns of the register (domain.md §5), as printed and exported.
REGISTER_HEADERS: tuple[str, ...] = (
    "编号",
    "日期",
    "申请人",
    "身份证号",
    "村(社区)",
    "证明事项",
    "用途",
    "索要单位",
    "结果",
    "依据",
    "经办人",
    "签字负责人",
    "盖章",
    "备注",
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")
_BASIS_MAX = 40


def short_basis(basis: str) -> str:
    """The basis for a narrow cell: its document number when it has one (民发〔2020〕20号),
    else the text cut to a few lines."""
    basis = basis.strip()
    m = _DOC_NUMBER.search(basis)
    if m and len(basis) > _BASIS_MAX:
        return m.group(0)
    return basis if len(basis) <= _BASIS_MAX else basis[: _BASIS_MAX - 1] + "…"


def register_row(r: CertificateRequest, *, full_basis: bool = False) -> list[str]:
    """One line of the register, in the order of :data:`REGISTER_HEADERS`; ID masked."""
    note = r.notes
    if r.outcome == Outcome.REFERRED and r.referred_to:
        note = f"转{r.referred_to}核查" + (f"；{note}" if note else "")
    if r.consultation and r.consultation.date:
        agreed = "同意" if r.consultation.agreed else "未同意"
        held = f"{r.consultation.date:%Y-%m-%d}议事协商{agreed}"
        note = held + (f"；{note}" if note else "")
    if r.attachments:
        note = (note + "；" if note else "") + f"附件：{r.attachments}"
    row = [
        r.serial,
        r.request_date.isoformat(),
        r.applicant_name,
        r.id_masked,
        r.village,
        f"{r.subject}（{r.item_label}）" if r.item_name != r.subject else r.subject,
        r.purpose,
        r.agency,
        r.outcome.short,
        r.basis if full_basis else short_basis(r.basis),
        r.handler,
        r.signer,
        "是" if r.sealed else "否",
        note,
    ]
    # The ID field is masked here, so an ID number typed into free text is masked too.
    return [mask_id_numbers(v) for v in row]
