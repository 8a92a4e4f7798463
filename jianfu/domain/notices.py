"""The header of a department's notice: title, 文号, issuing department and date.

Read from the notice's own text (pasted or taken from a file), so that the clerk does not
type what the notice already says. Each field is a best reading; the clerk checks it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jianfu.domain.normalize import fold_width

#: 南委办发〔2026〕18号, 南民〔2026〕3号, [2026]3号, 【2026】12号
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d{1,5}\s*号"
)
#: A title: 关于…的通知/意见/方案/函/通告/紧急通知
_TITLE = re.compile(
    r"^[^。；;]{0,40}关于[^。；;]{2,80}?的(?:紧急)?(?:通知|意见|方案|函|通告|通报|请示|复函)$"
)
#: A title at the head of a line that goes on with the body (a notice pasted as one line):
#: 关于开展……的通知。各村要……
_ISSUERS = r"(?:局|委员会|委|办公室|办|人民政府|政府|中心|部|厅|院|会|总队|大队|所|站|管委会|公司)"
#: A title at the head of a line that goes on with the body (a notice pasted as one line):
#: 关于开展……的通知。各村要…… (before 关于 only the issuer's name, never 按照、根据…)
_TITLE_HEAD = re.compile(
    rf"^(?!按照|根据|依据|遵照|现将|为)(?:[\u4e00-\u9fff（）()]{{2,30}}{_ISSUERS})?关于[^。；;]{{2,80}}?"
    r"的(?:紧急)?(?:通知|意见|方案|函|通告|通报|请示|复函)(?=[。；;：:，,])"
)
#: A signature line: an organisation name alone on a line.
_SIGNATURE = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,30}}{_ISSUERS}$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class NoticeHeader:
    """What the notice says about itself; empty strings / None where it says nothing."""

    title: str = ""
    document_number: str = ""
    department: str = ""
    issued_on: dt.date | None = None


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in fold_width(text).splitlines() if line.strip()]


def read_header(text: str) -> NoticeHeader:
    """The title, 文号, issuing department and issue date that ``text`` states."""
    lines = _lines(text)
    number = ""
    if m := _DOC_NUMBER.search("\n".join(lines[:12])) or _DOC_NUMBER.search(fold_width(text)):
        number = re.sub(r"\s+", "", m.group(0))
        number = (
            number.replace("[", "〔").replace("]", "〕").replace("【", "〔").replace("】", "〕")
        )
    title = ""
    for line in lines[:15]:
        if _TITLE.match(line):
            title = line
            break
    if not title and lines and (m := _TITLE_HEAD.match(lines[0])):
        title = m.group(0)
    if not title and lines:
        first = lines[0]
        title = first if len(first) <= 60 and not _DOC_NUMBER.fullmatch(first) else ""
    department = ""
    if title and "关于" in title:
        head = title.split("关于", 1)[0]
        if re.search(rf"{_ISSUERS}$", head):
            department = head
    issued: dt.date | None = None
    tail = lines[-8:]
    for i in range(len(tail) - 1, -1, -1):
        if m := _DATE.fullmatch(tail[i]):
            issued = _date(m)
            if not department and i > 0 and _SIGNATURE.match(tail[i - 1]):
                department = tail[i - 1]
            break
    if not department:
        for line in reversed(tail):
            if _SIGNATURE.match(line):
                department = line
                break
    return NoticeHeader(title, number, department, issued)


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


#: A date the work is to be done by: 于12月20日前, 2026年12月25日之前, 12月底前, 截止12月20日
_BY_DATE = re.compile(
    r"(?:截止(?:时间|日期)?(?:为|到|至)?)?"
    r"(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号]|(?P<end>底))"
    r"(?P<before>前|之前|以前|止)?"  # 止: 自…起开展，至2027年12月31日止
)


#: A period the work runs over, written as two dates: 2027年1月1日至2027年6月30日,
#: 12月10日—12月31日, 1月1日到6月30日 (the end without a year is in the start's year).
_PERIOD = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]?"
    r"(?:至|到|—{1,2}|－|-|～|~)"
    r"(?:(?P<year2>(?:19|20)\d{2})年)?(?P<month2>\d{1,2})月(?P<day2>\d{1,2})[日号]"
)


def work_period(text: str, after: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first period the notice gives as two dates (缴费期为2027年1月1日至2027年6月30日),
    or None. A first date without its year is in ``after``'s year, or the next one when it
    would fall more than a month before ``after``; the second, without one, in the first's
    year (the next when it would come before it). A period that ended before ``after`` or
    began more than a month before it is the data asked for (报送2026年1月1日至11月30日的
    情况), not when the work is done: it is passed over."""
    flat = re.sub(r"\s+", "", fold_width(text or ""))
    for m in _PERIOD.finditer(flat):
        try:
            year = int(m["year"]) if m["year"] else after.year
            start = dt.date(year, int(m["month"]), int(m["day"]))
            if not m["year"] and start < after - dt.timedelta(days=31):
                start = start.replace(year=year + 1)
            year2 = int(m["year2"]) if m["year2"] else start.year
            end = dt.date(year2, int(m["month2"]), int(m["day2"]))
            if not m["year2"] and end < start:
                end = end.replace(year=year2 + 1)
        except ValueError:  # 13月, 2月30日, 2月29日 moved to a common year
            continue
        if start <= end and end >= after and start >= after - dt.timedelta(days=31):
            return start, end
    return None


#: A span that runs from now to the date after it (即日起至, 自即日起至, 自发文之日起至, 今起至).
_FROM_NOW = ("即日起至", "即日至", "今起至", "之日起至", "现在起至")


def work_deadline(text: str, after: dt.date) -> dt.date | None:
    """The last date the notice gives the villages to finish by (前/之前/以前/截止, or the
    end of a period 至…止), or None.

    A date written without its year is in ``after``'s year (the notice's issue or receipt
    date), or the next one when it would fall before ``after`` (a December notice asking for
    1月10日前). Dates before ``after`` (a notice quoting an earlier one) are not deadlines.
    """
    found: list[dt.date] = []
    flat = re.sub(r"\s+", "", fold_width(text))
    for m in _BY_DATE.finditer(flat):
        # (即日起至2027年1月31日, 自发文之日起至…: a span from now, its end the deadline)
        if not (m["before"] or m[0].startswith("截止") or flat[: m.start()].endswith(_FROM_NOW)):
            continue
        if not m["year"] and flat[: m.start()].endswith("每年"):
            continue  # 每年12月20日前: every year's, not the work's end
        month = int(m["month"])
        year = int(m["year"]) if m["year"] else after.year
        if not 1 <= month <= 12:
            continue
        try:
            day = _month_end(year, month) if m["end"] else dt.date(year, month, int(m["day"]))
        except ValueError:
            continue
        if not m["year"] and day < after:
            try:
                day = day.replace(year=year + 1)
            except ValueError:  # 2月29日
                continue
        if day >= after:
            found.append(day)
    if (period := work_period(text, after)) is not None:
        found.append(period[1])  # 2027年1月1日至2027年6月30日: the work ends with it
    return max(found, default=None)


#: A date the work starts from: 自2027年1月起, 从1月1日起, 自2027年1月1日开始, 于3月1日起施行.
_FROM_DATE = re.compile(
    r"(?:自|从|于)(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号])?"
    r"(?:起|开始)"
)


def work_start(text: str, after: dt.date) -> dt.date | None:
    """The first date the notice says the work starts from (自2027年1月起: the month's first
    day), or None. A date written without its year is in ``after``'s year, or the next one
    when it would fall more than a month before ``after`` (a December notice: 自1月1日起)."""
    flat = re.sub(r"\s+", "", fold_width(text or ""))
    for m in _FROM_DATE.finditer(flat):
        month = int(m["month"])
        if not 1 <= month <= 12:
            continue
        year = int(m["year"]) if m["year"] else after.year
        try:
            day = dt.date(year, month, int(m["day"]) if m["day"] else 1)
        except ValueError:
            continue
        if not m["year"] and day < after - dt.timedelta(days=31):
            day = day.replace(year=year + 1)
        return day
    period = work_period(text, after)  # 缴费期为2027年1月1日至2027年6月30日
    return period[0] if period is not None else None


#: A deadline that comes again: 每月5日前, 每月底前, 每季度末, 每季度首月10日前, 每周五前,
#: 每年12月20日前, 每半年结束后10日内. Not a plain 每周巡查一次 (no day named).
_RECURRING_DEADLINE = re.compile(
    r"每(?:个)?(?:月|季度|季|周|星期|旬|半年|年)"
    r"(?:(?:首月|末月)?(?:\d{1,2}月)?\d{1,2}[日号](?:前|之前|以前|止)?"
    r"|第?[一二三四五六七八九十\d]{1,3}个工作日(?:前|之前|以前|内)?"
    r"|[一二三四五六日天](?:前|之前|以前|下班前|中午前|\d)"
    r"|(?:末|底)(?:前|之前)?"
    r"|最后一(?:天|日|个工作日)"
    r"|结束后\d{1,2}(?:个工作)?日内)"
)


def recurring_deadline(text: str) -> str:
    """The first deadline the notice sets again and again (每月5日前 …), or ''. Such a
    notice asks for standing work, not one done once: 事项性质 长期 (阶段 when it also says
    when it ends)."""
    m = _RECURRING_DEADLINE.search(re.sub(r"\s+", "", fold_width(text or "")))
    return m.group(0) if m else ""


def _month_end(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


#: The kinds of document a title ends with: 的通知, 的紧急通知, 的函, 的实施方案 …
_DOC_KIND = r"的(?:紧急|补充)?(?:通知|意见|实施方案|工作方案|方案|函|通告|通报|请示|复函)"
#: 关于 … 的通知, with the issuer's name before 关于 and a note such as （第二批） after it.
_NOTICE_TITLE = re.compile(
    rf"^.{{0,40}}?关于(?P<work>.+?){_DOC_KIND}(?:[（(][^）)]{{0,12}}[）)])?$"
)
#: 印发/转发《…》: the document sent on names the work.
_SENT_ON = re.compile(r"^(?:印发|转发|下发)《?(?P<inner>[^《》]+)》?$")
#: Words that ask for the work rather than name it: 开展、做好、配合做好、协助开展 …
_ASKING = re.compile(
    r"^(?:进一步|切实|认真|全面|扎实|组织|配合|协助|继续|加强)*(?:开展|做好|推进|落实)?"
)


def work_name(title: str) -> str:
    """A name for the work a notice asks for, from the notice's title: 关于开展冬春季爱国卫生运动的
    通知 → 冬春季爱国卫生运动; 县卫健局关于配合做好辖区征收拆迁动员工作的函 → 辖区征收拆迁动员
    工作. A title that is no 关于…的通知 is returned as it is (trimmed), for the clerk to edit."""
    name = re.sub(r"\s+", "", title or "")
    for _ in range(3):  # 关于转发《关于开展……的通知》的通知
        m = _NOTICE_TITLE.match(name)
        if m is None:
            break
        name = m["work"]
        if sent := _SENT_ON.match(name):
            name = sent["inner"]
    work = _ASKING.sub("", name, count=1)
    return work if len(work) >= 2 else name or re.sub(r"\s+", "", title or "")


#: 联系人：王丽，电话：6120088 / 联系人及电话：王丽 0593-6120088 / 联系人：王丽同志（…）
_CONTACT = re.compile(
    r"联系人(?:及(?:联系)?(?:电话|方式))?(?:[:：]\s*|\s+)([\u4e00-\u9fff]{2,4}?)(?:同志)?"
    r"(?=[，,、;；\s（(：:0-9]|电话|联系|$)"
)
#: 0593-6120088, 6120088, 13805931234 (not a longer run of digits, nor a date's)
_PHONE_NUMBER = re.compile(r"(?<![\d-])((?:0\d{2,3}-?)?\d{7,8}|1[3-9]\d{9})(?![\d-])")
_PHONE_LABEL = re.compile(r"(?:联系)?电话[:：]?\s*")


def notice_contact(text: str) -> tuple[str, str]:
    """The contact person and telephone number a notice gives (联系人：王丽，电话：6120088),
    empty where it gives none; the 准入申请 asked the clerk to type them from the notice."""
    flat = fold_width(text or "").replace("－", "-").replace("—", "-")
    name, phone = "", ""
    if m := _CONTACT.search(flat):
        name = m.group(1)
        if p := _PHONE_NUMBER.search(flat, m.end(), m.end() + 40):
            phone = p.group(1)
    label = None if phone else _PHONE_LABEL.search(flat)
    if label is not None and (p := _PHONE_NUMBER.match(flat, label.end())):
        phone = p.group(1)
    return name, phone
