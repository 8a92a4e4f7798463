"""Dialogs of the certificate screen: a new request (checked as the clerk types) and its outcome."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianfu.domain.certificates import (
    CertificateInput,
    CertificateRequest,
    Consultation,
    Outcome,
    OutcomeInput,
    check_id_number,
    mask_id_number,
    verdict_label,
)
from jianfu.domain.errors import JianfuError, ValidationError
from jianfu.domain.text import clean
from jianfu.domain.verdicts import Verdict
from jianfu.services.context import printed_name
from jianfu.ui.certificates.models import VERDICT_COLORS, near_note, near_shown
from jianfu.ui.glyphs import stored_text_label
from jianfu.ui.widgets.dates import DateEdit
from jianfu.ui.widgets.form import ERROR_STYLE, FieldForm, FormDialog, NoteLabel

if TYPE_CHECKING:  # the matcher is imported when the first request is checked
    from jianfu.domain.matching import CheckResult
    from jianfu.services.certificates import CertificatesService

#: Wait this long after the last keystroke before checking (the check itself takes ~2 ms).
CHECK_DELAY_MS = 250
VERDICT_MIN_HEIGHT = 60

#: A long verdict as the check words it (a forbidden certificate: its item, the standard
#: notice as basis, the alternative route, three near items): the verdict box is opened with
#: room for it, so that the dialog need not grow when the verdict comes (growing, it showed
#: 保存 and 取消 cut off below its edge until the window system had resized it).
ROOM_FOR_VERDICT = "<br/>".join(
    [
        "<b>不应出具证明</b>　不应出具，应告知申请人替代途径。",
        "清单事项：<b>收养人婚姻状况和抚养教育被收养人能力证明</b>",
        "依据：《民政部 国家卫生健康委 公安部 司法部关于切实减轻基层群众性自治组织负担"
        " 规范证明事项的通知》（民发〔2020〕20号）",
        "替代途径：数据共享 由需求单位查询婚姻登记信息，或由申请人书面承诺婚姻状况(告知承诺)",
        "相近：收养人婚姻状况和抚养教育被收养人能力证明 56；"
        "领取遗属待遇与死亡参保人员关系证明 18；居民财产和家庭经济状况证明 9",
    ]
)
#: Values of the "认定为" combo besides list items.
FOLLOW_CHECK, UNLISTED = "check", "unlisted"


def _date_edit(value: dt.date) -> QDateEdit:
    return DateEdit(value)


def _date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(22 * lines + 10)
    return box


WAITING_FOR_SUBJECT = "输入要证明的事项后，这里显示审核结论"
NO_CERTIFICATE_LIST = (
    "还没有施行中的证明事项清单，以上结论没有对照清单：请先在“清单”中导入县里的"
    "证明事项清单（可出具、不应出具）并施行"
)


class NewRequestDialog(FormDialog):
    """Enter a request; what is to be certified is checked against the lists as it is typed."""

    def __init__(
        self,
        service: CertificatesService,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__("登记证明申请", parent)
        self.setMinimumWidth(640)
        self._service = service
        self._today = today or dt.date.today()
        self.result_check: CheckResult | None = None
        # a new township had imported its work-item list only: 无犯罪记录证明 read 两个清单都没有
        self._no_list = "" if service.has_certificate_list() else NO_CERTIFICATE_LIST

        self.subject_edit = self.add_field("subject", "要证明的事项", QLineEdit())
        self.subject_edit.setPlaceholderText("照申请人的原话写，如：开个单身证明，银行贷款要")
        self.subject_edit.setFocus()  # the clerk types the request at once
        # its height at its width (a plain label's hint, at a width of Qt's choosing, grew
        # the dialog by two lines for a verdict that fitted the room kept for it)
        self.verdict_box = NoteLabel(self._with_list_note(escape(WAITING_FOR_SUBJECT)))
        self.verdict_box.setObjectName("verdict")
        self.verdict_box.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_box.setMinimumHeight(VERDICT_MIN_HEIGHT)  # made room on showing
        # read from the top of the room made for a long verdict
        self.verdict_box.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.verdict_box.setStyleSheet(
            "QLabel#verdict { background: #f6f6f6; border: 1px solid #ddd; padding: 6px; }"
        )
        self.add_field("verdict", "审核结论", self.verdict_box)
        self.item_combo = self.add_field("item_id", "认定为", QComboBox())
        self.item_combo.setToolTip("默认按审核结论；审核不准时可改选清单中的事项，或认定为清单外")
        self.date_edit = self.add_field("request_date", "申请日期", _date_edit(self._today))
        self.name_edit = self.add_field("applicant_name", "申请人姓名", QLineEdit())
        self.id_edit = self.add_field("id_number", "身份证号", QLineEdit())
        # The digits show while typing, so a wrong check digit can be found and fixed; the
        # number is masked in the register, lists, exports and the audit once saved.
        self.id_edit.setPlaceholderText("可不填；保存后在登记簿中遮蔽显示")
        self.id_hint = QLabel()
        self.id_hint.setObjectName("id_hint")
        self.fields.form.addRow("", self.id_hint)
        self.village_combo = self.add_field("village_id", "村(社区)", QComboBox())
        for village in service.villages():
            self.village_combo.addItem(village.name, village.id)
        self.village_combo.setCurrentIndex(-1)
        self.purpose_edit = self.add_field("purpose", "用途", QLineEdit())
        self.agency_edit = self.add_field("agency", "索要单位", QLineEdit())
        self.agency_edit.setPlaceholderText("要求出具证明的单位，如某银行某支行")
        self.handler_edit = self.add_field("handler", "经办人", QLineEdit())
        # the clerk's name from 乡镇设置; never the computer's login (root, Administrator)
        self.handler_edit.setText(printed_name(service.ctx.operator))
        self.handler_edit.setPlaceholderText("办理人姓名；在“设置 › 乡镇设置”填写填表人后自动填入")
        self.attachments_edit = self.add_field("attachments", "附件", QLineEdit())
        self.attachments_edit.setPlaceholderText("申请人提交的材料，如户口簿复印件")
        self.notes_edit = self.add_field("notes", "备注", _text_box(2))
        self._fill_items(None)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        self.subject_edit.textChanged.connect(self._timer.start)
        self.id_edit.editingFinished.connect(self._on_id_edit_editing_finished)
        self.id_edit.textEdited.connect(self._on_id_edit_text_edited)

    def showEvent(self, event: QShowEvent) -> None:
        """Override: before the window is on the screen, the verdict box takes the height of a
        long verdict at the width it has now, and the dialog the height that needs."""
        box = self.verdict_box
        if box.width() > 0 and box.minimumHeight() <= VERDICT_MIN_HEIGHT:
            shown = box.text()
            box.setText(ROOM_FOR_VERDICT)
            room = box.heightForWidth(box.width())
            box.setText(shown)
            box.setMinimumHeight(max(VERDICT_MIN_HEIGHT, room))
            layout = self.layout()
            layout.activate()
            need = max(layout.minimumSize().height(), layout.sizeHint().height())
            screen = self.screen()
            if screen is not None:
                need = min(need, screen.availableGeometry().height() - 40)
            if need > self.height():
                self.resize(self.width(), need)
        super().showEvent(event)

    # ---- the live check

    def run_check(self) -> None:
        """Check what is typed now and show the verdict with the candidates."""
        text = self.subject_edit.text()
        if not text.strip():
            self.result_check = None
            self.verdict_box.setText(self._with_list_note(escape(WAITING_FOR_SUBJECT)))
            self._fill_items(None)
            return
        try:
            result = self._service.check(text)
        except ValidationError as err:
            self.result_check = None
            self.verdict_box.setText(f"<span style='{ERROR_STYLE}'>{escape(str(err))}</span>")
            self._fill_items(None)
            return
        except JianfuError as err:
            self.result_check = None
            self.verdict_box.setText(escape(str(err)))
            return
        self.result_check = result
        self.verdict_box.setText(self._with_list_note(verdict_html(result)))
        self._fill_items(result)
        if self.isVisible():
            self.fit_height()  # a longer verdict (basis, alternative route) is shown whole

    def _with_list_note(self, shown: str) -> str:
        """``shown`` (HTML), with the note that no certificate list is in force when none is."""
        if not self._no_list:
            return shown
        return f"{shown}<br/><span style='{ERROR_STYLE}'>{escape(self._no_list)}</span>"

    def verdict_text(self) -> str:
        """The verdict box as plain text (for tests and screen readers)."""
        doc = self.verdict_box.text()
        from PySide6.QtGui import QTextDocument

        d = QTextDocument()
        d.setHtml(doc)
        return d.toPlainText()

    def _fill_items(self, result: CheckResult | None) -> None:
        # The item the clerk named stays named while it is still offered: every check (each
        # edit, and the one before saving) refilled the list at 按审核结论, so the request was
        # registered with the check's item, not the one the clerk chose.
        chosen = self.item_combo.currentData() if result is not None else None
        self.item_combo.clear()
        if result is None:  # nothing typed yet: no finding to name
            self.item_combo.addItem("按审核结论", FOLLOW_CHECK)
        elif result.verdict != Verdict.UNLISTED and result.best:
            self.item_combo.addItem(f"按审核结论：{result.best.item.name}", FOLLOW_CHECK)
        else:
            self.item_combo.addItem("按审核结论：清单外", FOLLOW_CHECK)
        if result is not None:
            for c in result.candidates:
                if result.best is not None and c is result.best and result.verdict != "unlisted":
                    continue
                self.item_combo.addItem(f"{c.item.name}（{_kind_label(c.kind)}）", c.item.id)
        self.item_combo.addItem("清单外（走议事协商程序）", UNLISTED)
        if chosen is not None and chosen != FOLLOW_CHECK:
            self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(chosen)))

    def _on_id_edit_text_edited(self, text: str) -> None:
        """Count the digits while typing; check the number as soon as it is complete."""
        typed = "".join(ch for ch in text if ch.isalnum())
        if len(typed) >= 18:
            self._on_id_edit_editing_finished()
            return
        self.id_hint.setStyleSheet("color: #555;")
        self.id_hint.setText(f"已输入 {len(typed)} 位，共 18 位" if typed else "")

    def _on_id_edit_editing_finished(self) -> None:
        try:
            number = check_id_number(self.id_edit.text(), today=self._today)
        except ValidationError as err:
            self.id_hint.setStyleSheet(ERROR_STYLE)
            self.id_hint.setText(str(err))
            return
        self.id_hint.setStyleSheet("color: #1b7a35;")
        self.id_hint.setText(f"校验通过：{mask_id_number(number)}" if number else "")

    def show_problems(self, err: ValidationError) -> None:
        """Override: a refused 身份证号 is said once, under the field, not again in the hint
        beside it (the hint had already shown the same sentence when the field was left)."""
        super().show_problems(err)
        if self.error_text("id_number"):
            self.id_hint.clear()

    # ---- saving

    def save(self) -> CertificateRequest:
        """Override: register the request with the check the clerk saw."""
        self._timer.stop()
        self.run_check()
        choice = self.item_combo.currentData()
        data = CertificateInput(
            request_date=_date(self.date_edit),
            applicant_name=self.name_edit.text(),
            subject=self.subject_edit.text(),
            village_id=self.village_combo.currentData(),
            id_number=self.id_edit.text(),
            purpose=self.purpose_edit.text(),
            agency=self.agency_edit.text(),
            handler=self.handler_edit.text(),
            attachments=self.attachments_edit.text(),
            notes=self.notes_edit.toPlainText(),
            item_id=choice if isinstance(choice, int) else None,
            unlisted=choice == UNLISTED,
        )
        return self._service.register(data, result=self.result_check, today=self._today)

    @classmethod
    def ask(cls, parent: QWidget | None, service: CertificatesService) -> CertificateRequest | None:
        """Show the dialog; the registered request, or ``None`` when cancelled."""
        dialog = cls(service, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


def verdict_html(result: CheckResult) -> str:
    """The verdict in colour, what to do, and the candidates with their scores."""
    color = VERDICT_COLORS[Verdict(result.verdict)]
    what = {
        Verdict.ALLOWED: "可以出具，按证明式样填写后出具。",
        Verdict.FORBIDDEN: "不应出具，应告知申请人替代途径。",
        Verdict.UNLISTED: "两个清单都没有：须经议事协商同意、负责人签字后才能出具，并登记。",
    }[Verdict(result.verdict)]
    parts = [f"<b style='color:{color}'>{escape(verdict_label(result.verdict))}</b>　{what}"]
    best = result.best
    if best is not None and result.verdict != Verdict.UNLISTED:
        item = best.item
        parts.append(f"清单事项：<b>{escape(item.name)}</b>")
        if item.basis:
            parts.append(f"依据：{escape(item.basis)}")
        if result.verdict == Verdict.FORBIDDEN and (
            item.alternative_route or item.alternative_detail
        ):
            route = item.alternative_route.value if item.alternative_route else ""
            # a list that writes only how (由公安机关出具) read 替代途径： 由公安机关出具
            how = " ".join(p for p in (route, item.alternative_detail.strip()) if p)
            parts.append(f"替代途径：{escape(how)}")
    near = near_shown(result.candidates)
    if note := near_note(result.verdict, result.note, len(near)):
        parts.append(escape(note))
    if near:
        # each with its list: 死亡证明 100 beside a verdict of 可出具 at 58 read as the better
        # match of the same list
        cands = "；".join(
            f"{escape(c.item.name)}（{_kind_label(c.kind)}）{c.score:.0f}" for c in near[:3]
        )
        parts.append(f"<span style='color:#666'>相近：{cands}</span>")
    return "<br/>".join(parts)


def _kind_label(kind: str) -> str:
    """Which certificate list a candidate is on, as the clerk says it."""
    return "可出具" if kind == "cert_allowed" else "不应出具"


class OutcomeDialog(FormDialog):
    """Record what was done; the fields follow the outcome chosen."""

    def __init__(
        self,
        service: CertificatesService,
        request: CertificateRequest,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        # the applicant's name in the dialog, not in its title: the window manager draws the
        # title in its own font, and a character only the app's fonts have (谢𠮷) was a box
        super().__init__(f"办理结果：{request.serial}", parent)
        self.setMinimumWidth(600)
        self._service, self._request = service, request
        self._today = today or dt.date.today()
        # a character no font here has is said under it, as in the register
        applicant = stored_text_label(request.applicant_name, "applicant_name")
        self.fields.form.addRow("申请人", applicant)
        summary = QLabel(
            f"{escape(request.subject)}<br/>审核结论："
            f"<b style='color:{VERDICT_COLORS[request.verdict]}'>{request.verdict_label}</b>"
            f"　{escape(request.item_label)}"
        )
        summary.setWordWrap(True)
        self.fields.form.addRow("申请", summary)
        self.outcome_combo = self.add_field("outcome", "办理结果", QComboBox())
        for outcome in allowed_outcomes(request.verdict):
            self.outcome_combo.addItem(outcome.value, outcome)
        self.date_edit = self.add_field("outcome_date", "办理日期", _date_edit(self._today))
        self.fact_edit = self.add_field("fact", "证明内容（事由）", _text_box(2))
        self.fact_edit.setPlaceholderText("只写式样中【事由】处的内容，如：系我村村民")
        # why the item's model text cannot be printed, above the sentence (it took the
        # sentence's place: the clerk did not see 证明中写作 until the text was put right)
        self.model_problem_label = QLabel()
        self.model_problem_label.setObjectName("model_problem")
        self.model_problem_label.setWordWrap(True)
        self.model_problem_label.setStyleSheet("color: #a50e0e;")
        self.fields.form.addRow("", self.model_problem_label)
        self.fact_hint = QLabel()
        self.fact_hint.setObjectName("fact_hint")
        self.fact_hint.setWordWrap(True)
        self.fact_hint.setStyleSheet("color: #555;")
        self.fields.form.addRow("", self.fact_hint)
        self.basis_edit = self.add_field("basis", "依据", _text_box(2))
        self.alternative_edit = self.add_field("alternative", "替代途径", _text_box(2))
        self.referred_edit = self.add_field("referred_to", "核查部门", QLineEdit())
        self.signer_edit = self.add_field("signer", "签字负责人", QLineEdit())
        self.sealed_check = self.add_field("sealed", "盖章", QCheckBox("已加盖村(居)委会印章"))
        # Consultation (议事协商), for requests on neither list.
        self.consult_box = QGroupBox("议事协商记录")
        self.consult_date = _date_edit(self._today)
        self.consult_participants = _text_box(2)
        self.consult_participants.setPlaceholderText("如：村两委成员5人、村民代表7人、村法律顾问")
        self.consult_agreed = QComboBox()
        self.consult_agreed.addItem("同意出具", True)
        self.consult_agreed.addItem("不同意出具", False)
        box = QVBoxLayout(self.consult_box)
        self.consult_fields = _consult_fields(
            self.consult_date, self.consult_participants, self.consult_agreed
        )
        box.addWidget(self.consult_fields)
        self.fields.form.addRow(self.consult_box)
        # their problems under them (请填写参加议事协商的人员 showed at the foot of the dialog,
        # below 备注), and what is typed there counts when the dialog is closed
        self.fields.include(self.consult_fields)
        self.notes_edit = self.add_field("notes", "备注", _text_box(2))

        self.basis_edit.setPlainText(request.basis)
        self.alternative_edit.setPlainText(request.alternative)
        # the registration's 备注: the box started empty, and what was typed about the outcome
        # replaced them unseen
        self.notes_edit.setPlainText(request.notes)
        self.fact_edit.setPlainText(request.fact)
        # The person who signs is the same for most of a village's certificates.
        self.signer_edit.setText(request.signer or _remembered_signer(request.village_id))
        if request.outcome is not Outcome.PENDING:
            self._show_recorded(request)
        #: the model sentence the 事由 goes into (【事由】 where it goes)
        self._fact_sentence = ""
        #: why the item's model text cannot be printed ('' when it can, or not issued)
        self._model_problem = ""
        self.outcome_combo.currentIndexChanged.connect(self._on_outcome_combo_changed)
        self._on_outcome_combo_changed()
        self.fact_edit.textChanged.connect(self._show_fact_hint)

    def _show_fact_hint(self) -> None:
        """The sentence as the certificate will read it, with the 事由 typed so far in place of
        【事由】: the clerk saw only 关系为：【事由】。 and could not tell how the words typed
        (祖孙关系（…之孙女）) would read in it."""
        sentence, typed = self._fact_sentence, clean(self.fact_edit.toPlainText())
        if typed:
            sentence = sentence.replace("【事由】", typed)
        problem = self._model_problem
        self.model_problem_label.setText(problem)
        self.fields.form.setRowVisible(self.model_problem_label, bool(problem))
        self.fact_hint.setText(f"证明中写作：{sentence}" if sentence else "")
        if self.isVisible():  # a longer sentence takes another line: the rows keep theirs
            self._refit_later()

    def _show_recorded(self, request: CertificateRequest) -> None:
        """A request settled before: the outcome as recorded, not the dialog's defaults (a
        double click on its row and 保存 put 议事协商后出具, today and no seal over it)."""
        index = self.outcome_combo.findText(request.outcome.value)
        if index < 0:  # an outcome the verdict no longer offers: shown, to be kept or changed
            self.outcome_combo.addItem(request.outcome.value, request.outcome)
            index = self.outcome_combo.count() - 1
        self.outcome_combo.setCurrentIndex(index)
        if request.outcome_date is not None:
            self.date_edit.setDate(request.outcome_date)
        self.referred_edit.setText(request.referred_to)
        self.sealed_check.setChecked(request.sealed)
        c = request.consultation
        if c is not None:
            if c.date is not None:
                self.consult_date.setDate(c.date)
            self.consult_participants.setPlainText(c.participants)
            if c.agreed is not None:
                self.consult_agreed.setCurrentIndex(0 if c.agreed else 1)

    def _on_outcome_combo_changed(self, *_args: object) -> None:
        outcome = self.outcome_combo.currentData()
        form = self.fields.form
        shown = {
            self.fact_edit: outcome in (Outcome.ISSUED, Outcome.CONSULTED),
            self.basis_edit: outcome != Outcome.REFERRED,
            self.alternative_edit: outcome == Outcome.REFUSED,
            self.referred_edit: outcome == Outcome.REFERRED,
            self.sealed_check: outcome in (Outcome.ISSUED, Outcome.CONSULTED),
        }
        for widget, visible in shown.items():
            form.setRowVisible(widget.parentWidget(), visible)
        form.setRowVisible(self.fact_hint, shown[self.fact_edit])
        if not shown[self.fact_edit]:
            form.setRowVisible(self.model_problem_label, False)
        if shown[self.fact_edit]:
            try:
                self._fact_sentence = self._service.fact_sentence(self._request.id, outcome)
            except JianfuError:
                self._fact_sentence = ""
            # the print would stop at it: said here, the outcome may still be recorded
            self._model_problem = (
                self._service.model_text_problem(self._request.id)
                if outcome == Outcome.ISSUED
                else ""
            )
            self._show_fact_hint()
        form.setRowVisible(self.consult_box, outcome == Outcome.CONSULTED)
        self.adjustSize()

    def save(self) -> CertificateRequest:
        """Override: record the outcome."""
        outcome = self.outcome_combo.currentData()
        consultation = None
        if outcome == Outcome.CONSULTED:
            consultation = Consultation(
                _date(self.consult_date),
                self.consult_participants.toPlainText(),
                self.consult_agreed.currentData(),
                self.signer_edit.text(),
            )
        data = OutcomeInput(
            outcome=outcome,
            outcome_date=_date(self.date_edit),
            signer=self.signer_edit.text(),
            fact=self.fact_edit.toPlainText(),
            basis=self.basis_edit.toPlainText(),
            alternative=self.alternative_edit.toPlainText(),
            referred_to=self.referred_edit.text(),
            sealed=self.sealed_check.isChecked(),
            consultation=consultation,
            notes=self.notes_edit.toPlainText(),
        )
        saved = self._service.record_outcome(
            self._request.id, data, self._request.version, today=self._today
        )
        if saved.signer:
            _remember_signer(saved.village_id, saved.signer)
        return saved

    @classmethod
    def ask(
        cls, parent: QWidget | None, service: CertificatesService, request: CertificateRequest
    ) -> CertificateRequest | None:
        """Show the dialog; the updated request, or ``None`` when cancelled."""
        dialog = cls(service, request, parent)
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


def _consult_fields(date: QDateEdit, people: QPlainTextEdit, agreed: QComboBox) -> FieldForm:
    """The consultation's date and result, and its participants (the signer is the form's),
    each with its problem line."""
    fields = FieldForm()
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(date)
    line.addWidget(agreed)
    line.addStretch(1)
    fields.add_field("consult_date", "日期、结果", row)
    fields.share_problem_line("consult_agreed", "consult_date")
    fields.add_field("consult_participants", "参加人员", people)
    return fields


def _signer_key(village_id: int | None) -> str:
    return f"certificates/signer-{village_id or 0}"


def _remembered_signer(village_id: int | None) -> str:
    """The 签字负责人 last recorded for this village's certificates ('' when none yet)."""
    from jianfu.ui.widgets.prefs import ui_settings

    return str(ui_settings().value(_signer_key(village_id), "") or "")


def _remember_signer(village_id: int | None, signer: str) -> None:
    from jianfu.ui.widgets.prefs import ui_settings

    ui_settings().setValue(_signer_key(village_id), signer)


def allowed_outcomes(verdict: Verdict) -> list[Outcome]:
    """The outcomes that make sense for a verdict, the usual one first."""
    if verdict == Verdict.ALLOWED:
        return [Outcome.ISSUED, Outcome.REFERRED, Outcome.REFUSED]
    if verdict == Verdict.FORBIDDEN:
        return [Outcome.REFUSED, Outcome.REFERRED]
    return [Outcome.CONSULTED, Outcome.REFUSED, Outcome.REFERRED]
