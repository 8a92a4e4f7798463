"""Use cases for certificates (证明事项): check, register, outcome, prints and figures.

The applicant's full ID number goes into the database and nowhere else: the domain objects
this service returns, the audit trail and every print carry the masked form, and storage
errors are re-raised without the statement's parameters.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from jianfu import files
from jianfu.db import locks
from jianfu.db.models import ListItemRow, UnitRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.repositories import audit
from jianfu.db.repositories import certificates as repo
from jianfu.db.repositories import lists as lists_repo
from jianfu.db.repositories import settings as settings_repo
from jianfu.db.repositories.certificates import CertificateFilter
from jianfu.domain.certificates import (
    CandidateRef,
    CertificateFigures,
    CertificateInput,
    CertificateRequest,
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
    model_text_problem,
    placeholders_in,
    register_row,
    unknown_placeholders,
)
from jianfu.domain.errors import (
    DatabaseError,
    FieldProblem,
    JianfuError,
    NotFoundError,
    ValidationError,
)
from jianfu.domain.lists import KindMeaning, ListItem
from jianfu.domain.paging import Page
from jianfu.domain.progress import Progress
from jianfu.domain.text import mask_id_numbers
from jianfu.domain.units import Unit
from jianfu.domain.verdicts import Verdict
from jianfu.services import units
from jianfu.services.checks import CERTIFICATE, remember
from jianfu.services.context import AppContext, printed_name
from jianfu.services.lists import ListsService
from jianfu.services.page_keys import PageKeys
from jianfu.services.people import lists_townships, works_above_township
from jianfu.services.records import load_for_update, snapshot

if TYPE_CHECKING:
    from jianfu.domain.matching import CheckResult  # the matcher loads when a check runs

__all__ = ["CertificateFilter", "CertificatesService"]

ENTITY = "certificate_request"
_SERIAL_ATTEMPTS = 5

#: Used for a certificate on neither list, issued after consultation (no model text exists).
CONSULTED_MODEL_TEXT = (
    "证  明\n\n兹证明{申请人}（身份证号：{身份证号}）{事由}。\n特此证明。\n\n"
    "{村(社区)}村(居)民委员会（盖章）\n负责人：{签字负责人}\n{日期}"
)


#: The signer's placeholder (left out when no signer was recorded: the print keeps room to
#: sign on after 负责人：).
_SIGNER = re.compile(r"[{｛]签字负责人[}｝]")


def _fact_without_name(model_text: str, fact: str, applicant: str) -> str:
    """The 事由 without the applicant's name in front when the model text names the applicant
    before it (兹证明{申请人}…{事由}): 龚䶮系我村村民 would print the name twice."""
    fact = fact.strip()
    if not applicant or not fact.startswith(applicant) or "{申请人}" not in model_text:
        return fact
    if "{事由}" in model_text and model_text.index("{申请人}") < model_text.index("{事由}"):
        rest = fact[len(applicant) :].lstrip("，, ")
        return rest or fact
    return fact


def _alternative_text(item: ListItem) -> str:
    route = item.alternative_route.value if item.alternative_route else ""
    detail = item.alternative_detail.strip()
    if route and detail:
        return f"{route}：{detail}"
    return route or detail


class CertificatesService:
    """The certificate register of the township's villages and communities."""

    def __init__(self, ctx: AppContext, lists: ListsService | None = None) -> None:
        self.ctx = ctx
        self.lists = lists or ListsService(ctx)
        #: where the register's next page starts (keyset paging, :mod:`services.page_keys`)
        self._page_keys: PageKeys[CertificateFilter, repo.CertificateKey] = PageKeys()

    # ---------------------------------------------------------------- reading

    def check(self, text: str) -> CheckResult:
        """Check what is to be certified against the certificate lists in force."""
        return self.lists.check_certificate(check_subject(text))

    def villages(self) -> list[Unit]:
        """The active villages/communities, in the clerk's order (:func:`units.villages`)."""
        return units.villages(self.ctx)

    def certificate_items(self) -> list[ListItem]:
        """The certificate items (both kinds) of the lists in force, in list order."""
        with self.ctx.unit_of_work() as s:
            kinds = {k.code: k for k in lists_repo.kinds(s)}
            return [
                i
                for edition in lists_repo.all_in_force(s)
                for i in lists_repo.all_items(s, edition.id)
                if kinds[i.kind].holds_certificates and i.status.value == "有效"
            ]

    def has_certificate_list(self) -> bool:
        """Whether a certificate list (可出具 or 不应出具) with items is in force: without one
        every request is checked as on neither list."""
        return bool(self.certificate_items())

    def item(self, item_id: int) -> ListItem | None:
        """A list item by id (also a withdrawn one), or ``None`` when it is gone."""
        with self.ctx.unit_of_work() as s:
            row = s.get(ListItemRow, item_id)
            return lists_repo.item_to_domain(row, row.kind.code) if row else None

    def get(self, request_id: int) -> CertificateRequest:
        """One request of the register."""
        with self.ctx.unit_of_work() as s:
            return repo.to_domain(self._row(s, request_id))

    def find(self, ref: str | int) -> CertificateRequest:
        """A request by its register number (``2026-0003``) or its database id."""
        text = str(ref).strip()
        if text.isdigit():
            return self.get(int(text))
        m = re.fullmatch(r"(\d{4})-(\d{1,6})", text)
        if m is None:
            raise ValidationError(FieldProblem("ref", f"“{text}”不是登记编号，应写成 2026-0003"))
        with self.ctx.unit_of_work() as s:
            rows = (
                s.execute(
                    select(CertificateRequestRow)
                    .where(
                        CertificateRequestRow.year == int(m.group(1)),
                        CertificateRequestRow.seq == int(m.group(2)),
                    )
                    .order_by(CertificateRequestRow.id)
                )
                .scalars()
                .all()
            )
            if not rows:
                raise NotFoundError(f"登记簿中没有编号为 {text} 的证明申请。")
            if len(rows) > 1:
                # the county's reviewer and the mechanism see every township's register, and
                # each township numbers its own (this was "程序遇到意外错误" there)
                names = {
                    u.id: u.name
                    for u in s.execute(
                        select(UnitRow).where(UnitRow.id.in_({r.township_id for r in rows}))
                    ).scalars()
                }
                which = "；".join(
                    f"{names.get(r.township_id or 0, '')} {r.applicant_name}：序号 {r.id}"
                    for r in rows
                )
                raise JianfuError(
                    f"有 {len(rows)} 个编号为 {text} 的证明申请（各乡镇分别编号），"
                    f"请改用序号：{which}。"
                )
            return repo.to_domain(rows[0])

    @property
    def finds_by_id_number(self) -> bool:
        """Whether a full ID number typed as the search text finds its requests: not for the
        county's reviewer or the mechanism, whom the server does not let read the number (the
        comparison failed there as 无权办理这项操作 in an error box)."""
        return not works_above_township(self.ctx.person)

    def id_number_not_searched(self, query: str) -> str:
        """Why ``query``, a full ID number, finds nothing here ('' when it is searched)."""
        if self.finds_by_id_number or not repo.looks_like_id_number(query):
            return ""
        return "完整身份证号不对上级显示，不能按身份证号查找；可按申请人姓名或编号查找"

    def page(
        self, f: CertificateFilter | None = None, offset: int = 0, limit: int = 200
    ) -> Page[CertificateRequest]:
        """One page of the register, newest first, filtered in SQL.

        A full ID number typed as the search text finds that person's requests; it is
        compared in the database and never shown.
        """
        f = f or CertificateFilter()
        id_number = ""
        if repo.looks_like_id_number(f.query) and self.finds_by_id_number:
            try:
                id_number = check_id_number(f.query)
            except ValidationError:
                id_number = ""
        after = self._page_keys.before(f, offset)
        with self.ctx.unit_of_work() as s:
            named = self._counties_named(s)
            page, last = repo.page_after(
                s, f, offset, limit, id_number=id_number, after=after, with_county=named
            )
        self._page_keys.remember(f, offset + len(page.rows), last)
        return page

    def waiting_for_signature(
        self, limit: int, townships: tuple[int, ...] = ()
    ) -> Page[CertificateRequest]:
        """The first ``limit`` requests for certificates off the list still 待办理 (a
        responsible person signs them after consultation), newest first; 首页 lists them
        (of ``townships`` only when given)."""
        f = CertificateFilter(
            outcome=Outcome.PENDING, verdict=Verdict.UNLISTED, townships=townships
        )
        return self.page(f, 0, limit)

    def figures(self, start: dt.date, end: dt.date) -> CertificateFigures:
        """Per village issued/refused/unlisted…, and the agencies asking most for forbidden
        certificates, over the request dates ``start``–``end`` (inclusive).

        The period report calls this for its certificate section.
        """
        if end < start:
            raise ValidationError(FieldProblem("end", "结束日期不能早于开始日期"))
        with self.ctx.unit_of_work() as s:
            return repo.figures(
                s,
                start,
                end,
                township_ids=units.townships_in_view(self.ctx, s),
                with_county=self._counties_named(s),
            )

    def _counties_named(self, s: Session) -> bool:
        """The lists of several townships (the register's 乡镇(街道), the figures' township
        rows) lead each township by its county, as 准入审批 names them: a city's counties have
        townships of one name. Not asked at a township, whose lists name no township."""
        return lists_townships(self.ctx) and units.counties_named(self.ctx, s)

    # ---------------------------------------------------------------- writing

    def register(
        self,
        data: CertificateInput,
        *,
        result: CheckResult | None = None,
        today: dt.date | None = None,
    ) -> CertificateRequest:
        """Enter a request in the register with the check's verdict and candidates.

        ``result`` is the check the clerk saw (run again when not given). The confirmed
        verdict follows ``data.item_id`` / ``data.unlisted`` when the clerk overrode it.
        """
        data = _id_numbers_masked(clean_request(data, today=today))
        if result is None:
            result = self.check(data.subject)
        candidates = tuple(
            CandidateRef(c.item.name, c.kind, float(c.score), c.item.id) for c in result.candidates
        )
        for attempt in range(_SERIAL_ATTEMPTS):
            try:
                with self.ctx.unit_of_work() as s:
                    # Registrations take the next number one at a time (per year), so
                    # simultaneous clerks wait a moment instead of colliding.
                    locks.serialise(s, locks.CERTIFICATE_SERIAL, data.request_date.year)
                    row = self._new_row(s, data, result, candidates)
                    s.add(row)
                    s.flush()
                    request = repo.to_domain(row)
                    remember(
                        s,
                        self.ctx,
                        purpose=CERTIFICATE,
                        text=data.subject,
                        item_name=request.item_name or None,
                        item_kind=request.item_kind or None,
                        day=request.request_date,
                        source="certificate",
                    )
                    audit.record(
                        s,
                        operator=self.ctx.operator,
                        action="登记",
                        entity=ENTITY,
                        entity_id=row.id,
                        after=snapshot(request),
                    )
                    return request
            except IntegrityError:
                # Someone else took the same register number at the same moment: try the next
                # (after a short, random pause, so the retries do not collide again).
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
                if attempt == _SERIAL_ATTEMPTS - 1:
                    raise DatabaseError("登记失败：编号被同时占用，请重试。") from None
            except SQLAlchemyError:
                raise DatabaseError("登记失败，数据库出错，未保存。") from None
        raise AssertionError("unreachable")

    def _new_row(
        self,
        s: Session,
        data: CertificateInput,
        result: CheckResult,
        candidates: tuple[CandidateRef, ...],
    ) -> CertificateRequestRow:
        village = s.get(UnitRow, data.village_id) if data.village_id is not None else None
        # a township under a county has a parent too: ask the type
        if village is None or village.type not in units.VILLAGE_TYPE_VALUES:
            raise ValidationError(FieldProblem("village_id", "所选村(社区)不存在，请重新选择"))
        item: ListItem | None = None
        verdict = Verdict.UNLISTED
        if data.unlisted:
            pass
        elif data.item_id is not None:
            item_row = s.get(ListItemRow, data.item_id)
            if item_row is None or not item_row.kind.meaning.startswith("may"):
                raise ValidationError(FieldProblem("item_id", "所选证明事项不在证明事项清单中"))
            item = lists_repo.item_to_domain(item_row, item_row.kind.code)
            meaning = KindMeaning(item_row.kind.meaning)
            verdict = Verdict.ALLOWED if meaning == KindMeaning.MAY_ISSUE else Verdict.FORBIDDEN
        elif result.verdict != Verdict.UNLISTED and result.best is not None:
            item, verdict = result.best.item, result.verdict
        year = data.request_date.year
        return CertificateRequestRow(
            township_id=village.parent_id,
            year=year,
            seq=repo.next_seq(s, year, village.parent_id),
            request_date=data.request_date,
            applicant_name=data.applicant_name,
            id_number=data.id_number,
            id_masked=mask_id_number(data.id_number),
            village=village,
            subject=data.subject,
            purpose=data.purpose,
            agency=data.agency,
            check_verdict=result.verdict.value,
            candidates=repo.candidates_to_json(candidates),
            verdict=verdict.value,
            item_id=item.id if item else None,
            item_name=item.name if item else "",
            item_kind=item.kind if item else "",
            outcome=Outcome.PENDING.value,
            basis=item.basis if item else "",
            alternative=_alternative_text(item) if item and verdict == Verdict.FORBIDDEN else "",
            handler=data.handler or printed_name(self.ctx.operator),
            attachments=data.attachments,
            notes=data.notes,
        )

    def record_outcome(
        self,
        request_id: int,
        data: OutcomeInput,
        expected_version: int | None = None,
        *,
        today: dt.date | None = None,
    ) -> CertificateRequest:
        """Record what was done; the rules of :func:`clean_outcome` apply."""
        with self.ctx.unit_of_work() as s:
            row = load_for_update(
                s, CertificateRequestRow, request_id, expected_version, "证明申请"
            )
            before = repo.to_domain(row)
            item = s.get(ListItemRow, row.item_id) if row.item_id else None
            if data.outcome == Outcome.REFUSED:
                data = replace(
                    data,
                    basis=data.basis.strip() or row.basis,
                    alternative=data.alternative.strip() or row.alternative,
                )
            data = clean_outcome(
                data,
                verdict=Verdict(row.verdict),
                request_date=row.request_date,
                model_text=item.model_text if item else "",
                today=today,
            )
            data = _id_numbers_masked(data)
            row.outcome = data.outcome.value
            row.outcome_date = data.outcome_date
            row.signer = data.signer
            row.fact = data.fact
            if data.basis or data.outcome != Outcome.REFUSED:
                row.basis = data.basis or row.basis
            row.alternative = data.alternative if data.outcome == Outcome.REFUSED else ""
            row.referred_to = data.referred_to if data.outcome == Outcome.REFERRED else ""
            row.sealed = data.sealed and data.outcome.issued
            row.notes = data.notes  # the dialog shows them: emptied there, emptied here
            c = data.consultation or Consultation()
            row.consult_date = c.date
            row.consult_participants = c.participants
            row.consult_agreed = c.agreed
            row.consult_signer = c.signer
            s.flush()
            after = repo.to_domain(row)
            audit.record(
                s,
                operator=self.ctx.operator,
                action=f"办理：{data.outcome.value}",
                entity=ENTITY,
                entity_id=row.id,
                before=snapshot(before),
                after=snapshot(after),
            )
            return after

    # ---------------------------------------------------------------- prints

    def certificate_text(self, request_id: int) -> str:
        """The model text of an issued request with its placeholders filled.

        The certificate is the one document that carries the applicant's full ID number: a
        school or bank cannot use a masked one. Registers, exports, audit and logs stay masked.
        """
        return self._certificate(request_id)[0]

    def _certificate(self, request_id: int) -> tuple[str, str]:
        """The filled model text, and the 签字负责人 when the text has no place for the name
        (no {签字负责人}: a county's own text, a demo database made before it had one), for
        the print to put in the signature; '' when the text placed it."""
        if works_above_township(self.ctx.person):  # the server never lets them read it
            raise JianfuError(
                "证明由申请人所在的乡镇(街道)打印：完整身份证号不对县级审核和协调机制显示。"
            )
        with self.ctx.unit_of_work() as s:
            row = self._row(s, request_id)
            request = repo.to_domain(row)
            full_id = row.id_number
            item = s.get(ListItemRow, row.item_id) if row.item_id else None
            model_text = item.model_text if item is not None else ""
        if not request.outcome.issued:
            raise JianfuError(
                f"{request.serial}的办理结果是“{request.outcome.value}”，不能打印证明。"
            )
        if request.outcome == Outcome.CONSULTED:
            model_text = CONSULTED_MODEL_TEXT
        elif not model_text:
            raise ValidationError(
                FieldProblem(
                    "model_text",
                    f"“{request.item_name}”在清单中没有证明式样，请先在清单中填写证明式样",
                )
            )
        values = {**self._values(request), "身份证号": full_id or request.id_masked}
        values["事由"] = _fact_without_name(model_text, request.fact, request.applicant_name)
        signer = values["签字负责人"]
        placed = "签字负责人" in placeholders_in(model_text)
        if placed and not signer:  # none recorded (an older record): signed by hand
            model_text = _SIGNER.sub("", model_text)
        text = fill_model_text(model_text, values, item_name=request.item_name or "清单外证明")
        return text, "" if placed else signer

    def model_text_problem(self, request_id: int) -> str:
        """Why the request's item's model text cannot be printed, with how to put it right
        ('' when it can): a text imported before the import refused an unknown placeholder
        is said when the outcome is recorded, not first at the print."""
        with self.ctx.unit_of_work() as s:
            row = self._row(s, request_id)
            item = s.get(ListItemRow, row.item_id) if row.item_id else None
            return model_text_problem(item.name, item.model_text) if item is not None else ""

    def fact_sentence(self, request_id: int, outcome: Outcome | None = None) -> str:
        """The model sentence the 事由 goes into, e.g. ``兹证明龚䶮（身份证号：…）【事由】。``.

        Shown beside the 事由 field so the clerk writes only what the sentence lacks
        ('' when the item has no model text).
        """
        with self.ctx.unit_of_work() as s:
            row = self._row(s, request_id)
            request = repo.to_domain(row)
            item = s.get(ListItemRow, row.item_id) if row.item_id else None
            model_text = item.model_text if item is not None else ""
        if (outcome or request.outcome) == Outcome.CONSULTED or not model_text:
            model_text = model_text or CONSULTED_MODEL_TEXT
        lines = [line.strip() for line in model_text.splitlines() if line.strip()]
        last = next((i for i, line in enumerate(lines) if "{事由}" in line), None)
        if last is None:
            return ""
        first = next((i for i, line in enumerate(lines) if "{申请人}" in line), last)
        sentence = "".join(lines[min(first, last) : last + 1])
        values = {k: v or f"【{k}】" for k, v in self._values(request).items()}
        values["事由"] = "【事由】"
        values["身份证号"] = request.id_masked
        # a placeholder no certificate fills (said above the sentence) stays as written
        for name in unknown_placeholders(sentence):
            values.setdefault(name, f"{{{name}}}")
        return fill_model_text(sentence, values, item_name=request.item_name)

    def print_certificate(
        self, request_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The certificate as PDF bytes.

        Refused, naming the characters, when an installed font lacks some of them (a rare
        character in a name must not vanish); with ``allow_missing`` they print as □.
        """
        from jianfu.reports.certificate import CertificateSheet, build_certificate_pdf
        from jianfu.reports.fonts import MISSING_MARK, find_fonts, refuse_unprintable

        font_set = fonts or find_fonts()
        text, signer = self._certificate(request_id)
        request = self.get(request_id)
        missing = refuse_unprintable(font_set, text + signer, allow_missing)  # type: ignore[arg-type]
        for ch in missing:
            text = text.replace(ch, MISSING_MARK)
            signer = signer.replace(ch, MISSING_MARK)
        footnote = ""
        c = request.consultation
        if request.outcome == Outcome.CONSULTED and c and c.date:
            footnote = f"本证明经{c.date.year}年{c.date.month}月{c.date.day}日议事协商同意出具。"
        sheet = CertificateSheet(
            text=text,
            serial=request.serial,
            issuer=committee_name(request.village),
            date=request.outcome_date or request.request_date,
            footnote=footnote,
            signer=signer,
        )
        return build_certificate_pdf(sheet, fonts=font_set)  # type: ignore[arg-type]

    def print_refusal(
        self, request_id: int, *, allow_missing: bool = False, fonts: object | None = None
    ) -> bytes:
        """The refusal notice (basis and the other route) as PDF bytes; refused like
        :meth:`print_certificate` when no installed font has a character of it."""
        from jianfu.reports.certificate import build_refusal_pdf, refusal_letter
        from jianfu.reports.fonts import find_fonts, refuse_unprintable

        request = self.get(request_id)
        if request.outcome != Outcome.REFUSED:
            raise JianfuError(
                f"{request.serial}的办理结果是“{request.outcome.value}”，不能打印不予出具告知书。"
            )
        date = request.outcome_date or request.request_date
        issuer = committee_name(request.village)
        with self.ctx.unit_of_work() as s:
            township = settings_repo.load_township(s).township_name
        font_set = fonts or find_fonts()
        letter = refusal_letter(request, issuer, date, township)
        text = "".join([letter.title, letter.addressee, *letter.paragraphs, letter.issuer])
        refuse_unprintable(font_set, text, allow_missing)  # type: ignore[arg-type]
        return build_refusal_pdf(
            request,
            issuer,
            date,
            township=township,
            fonts=font_set,  # type: ignore[arg-type]
        )

    def print_register(
        self,
        start: dt.date,
        end: dt.date,
        *,
        allow_missing: bool = False,
        fonts: object | None = None,
    ) -> bytes:
        """The register of a period (request dates, inclusive) as a landscape PDF table;
        refused like :meth:`print_certificate` when no installed font has a character of its
        rows (with ``allow_missing`` they print as □)."""
        from jianfu.reports.certificate import build_register_pdf
        from jianfu.reports.fonts import find_fonts, refuse_unprintable

        figures = self.figures(start, end)
        with self.ctx.unit_of_work() as s:
            requests = repo.between(s, start, end)
            township = self._register_owner(s)
        if (places := units.village_townships(self.ctx)) is not None:
            # several townships' requests, each numbering its own: the township over the village
            # (in the narrow column 清溪镇 清溪村 broke as 清溪镇 清 / 溪村)
            requests = [
                replace(r, village=places.label(r.village_id, r.village, "\n")) for r in requests
            ]
        font_set = fonts or find_fonts()
        text = "".join(cell for r in requests for cell in register_row(r))
        refuse_unprintable(font_set, township + text, allow_missing)  # type: ignore[arg-type]
        return build_register_pdf(
            requests,
            township=township,
            start=start,
            end=end,
            figures=figures,
            fonts=font_set,  # type: ignore[arg-type]
        )

    def export_register(
        self, start: dt.date, end: dt.date, path: str | Path, progress: Progress | None = None
    ) -> Path:
        """The register of a period as .xlsx (ID numbers masked); written whole or not at all.

        Rows are read a page at a time and streamed to the file: memory does not grow with
        the number of requests.
        """
        from jianfu.interchange.certificate_export import export_register

        target = Path(path)
        townships = units.village_townships(self.ctx)  # several townships': each row names its
        with self.ctx.unit_of_work() as s:
            township = self._register_owner(s)
            total = repo.count_between(s, start, end)
            try:
                export_register(
                    target,
                    repo.iter_between(s, start, end),
                    title=f"{township}证明事项登记簿" if township else "证明事项登记簿",
                    start=start,
                    end=end,
                    total=total,
                    progress=progress,
                    townships=townships,
                )
            except OSError as exc:
                raise JianfuError(
                    f"无法写入“{target}”：{files.os_reason(exc)}。"
                    "文件可能正在 WPS 或其他程序中打开。"
                ) from exc
        return target

    # ---------------------------------------------------------------- helpers

    def _register_owner(self, s: Session) -> str:
        """Whose register it is: the township's, or above it the county's or city's (the
        city's printed register was titled 清溪镇证明事项登记簿, its first township)."""
        name = units.above_name(self.ctx, s)
        return name if name is not None else settings_repo.load_township(s).township_name

    @staticmethod
    def _values(request: CertificateRequest) -> dict[str, str]:
        date = request.outcome_date or request.request_date
        return {
            "申请人": request.applicant_name,
            "身份证号": request.id_masked,
            "村(社区)": request.village,
            "事由": request.fact,
            "日期": f"{date.year}年{date.month}月{date.day}日",
            "用途": request.purpose,
            "索要单位": request.agency,
            "编号": request.serial,
            "签字负责人": request.signer
            or (request.consultation.signer if request.consultation else ""),
        }

    @staticmethod
    def _row(s: Session, request_id: int) -> CertificateRequestRow:
        row = repo.get(s, request_id)
        if row is None:
            raise NotFoundError(f"找不到编号为 {request_id} 的证明申请。")
        return row


#: what the clerk writes about a request that the county's reviewer and the mechanism read too
#: (a shared server grants them every column but ``id_number``): an ID number typed into it is
#: kept masked, as every screen and print shows it. ``fact`` fills the certificate the applicant
#: takes away, the one document that carries the full number: kept as written.
_FREE_TEXT = {
    CertificateInput: ("subject", "purpose", "agency", "attachments", "notes"),
    OutcomeInput: ("basis", "alternative", "referred_to", "notes"),
}


_Written = TypeVar("_Written", CertificateInput, OutcomeInput)


def _id_numbers_masked(data: _Written) -> _Written:
    masked: dict[str, Any] = {f: mask_id_numbers(getattr(data, f)) for f in _FREE_TEXT[type(data)]}
    return replace(data, **masked)
