"""The State Council's yearly holiday notice (《关于YYYY年部分节假日安排的通知》) read into days.

Every year the 国务院办公厅 publishes which days are off (放假) and which weekend days are
worked (上班, the 调休 make-up days). The wording has changed over the years::

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。
    一、元旦：1月1日（周三）放假1天，不调休。
    四、劳动节：5月1日放假，与周末连休。
    一、元旦：1月1日放假，1月2日（星期一）补休。
    一、元旦：2007年12月30日-2008年1月1日放假，共3天。其中：1月1日（星期二）为法定节假日，
    12月30日（星期日）为公休日，12月29日（星期六）公休日调至12月31日（星期一），12月29日
    （星期六）上班。

The reader splits each line into sentences (。；) and clauses (，outside brackets), reads the
dates of a clause (a month or year left out is carried from the date before; December in the
元旦 section is the year before), and classes the clause by its verb: 上班 -> make-up working
days, 放假/补休/连休/调休 -> days off, 其中…为法定节假日/调至/照常公休 -> the breakdown of a range
already read (checked against it, adds nothing), 鼓励… -> advice, not a rule (skipped).
A weekday in brackets must agree with its date, "共N天" with the range, and a clause with dates
it cannot class refuses the whole notice, naming the line: a notice is read completely or not
at all.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from jianfu.domain.errors import FieldProblem, ValidationError
from jianfu.domain.holiday_schedule import HolidaySchedule, ScheduleDay  # re-exported

__all__ = [
    "HolidaySchedule",
    "ScheduleDay",
    "parse_notice",
    "schedule_from_days",
]

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NAMES = "一二三四五六日"
_SECTION = re.compile(r"^\s*([一二三四五六七八九十]+)、\s*([^:\d]*?)\s*(?::|(?=\d))(.*)$")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
    r"(?:\s*\((?P<paren>[^()]*)\))?"
)
_RANGE_SEP = re.compile(r"^\s*(?:至|到|-|—|–|~|〜|－)\s*$")
_WEEKDAY_IN_PAREN = re.compile(r"(?:星期|周)([一二三四五六日天])")
_HAS_DAY = re.compile(r"\d\s*日")
_COUNT = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
_YEAR_IN_TITLE = re.compile(r"(?:关于|现将)\s*(\d{4})\s*年")
_SIGNATURE_DATE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
#: Markers of a clause that only explains a range already given (old notices' 其中…).
_EXPLAINS = ("其中", "调至", "照常公休", "为法定", "法定节假日", "法定假日", "法定休假日",
             "为公休日", "公休日", "为调休", "为星期")  # fmt: skip
_OFF = ("放假", "补休", "连休", "休假", "调休", "公休", "休息")


def schedule_from_days(year: int, days: Iterable[ScheduleDay]) -> HolidaySchedule:
    """A schedule from days (e.g. rows of a table), refused when a day is given twice."""
    seen: dict[dt.date, ScheduleDay] = {}
    for d in days:
        old = seen.get(d.day)
        if old is not None and old.is_workday != d.is_workday:
            raise _refuse(f"{_fmt(d.day)}既是放假又是上班，请核对")
        seen[d.day] = d
    if not seen:
        raise _refuse("没有读到任何放假或上班的日期")
    wrong = [d for d in seen if not year - 1 <= d.year <= year]
    if wrong:
        raise _refuse(f"{_fmt(wrong[0])}不在{year}年（或其前一年年底）")
    return HolidaySchedule(year, tuple(seen[d] for d in sorted(seen)))


# ---------------------------------------------------------------------------- reading


def parse_notice(text: str, year: int | None = None) -> HolidaySchedule:
    """Read a notice's text; ``ValidationError`` naming the line when it cannot be read.

    ``year`` is needed only when the text lacks its title (关于YYYY年…) and its
    "现将YYYY年…" sentence.
    """
    originals = (text or "").splitlines()
    lines = [unicodedata.normalize("NFKC", ln).replace("\u3000", " ").strip() for ln in originals]
    found = next((int(m.group(1)) for ln in lines if (m := _YEAR_IN_TITLE.search(ln))), None)
    if found is None and year is None:
        raise _refuse("没有找到通知的年份（如“关于2027年部分节假日安排的通知”），请把标题一并粘贴")
    year = found if found is not None else year
    assert year is not None
    reader = _Reader(year)
    for number, (line, original) in enumerate(zip(lines, originals, strict=True), start=1):
        if line:
            reader.line(number, line, original)
    return reader.result()


@dataclass
class _Token:
    day: dt.date
    start: int
    end: int
    weekdays: tuple[int, ...]
    has_paren: bool


class _Reader:
    def __init__(self, year: int) -> None:
        self.year = year
        self.days: dict[dt.date, ScheduleDay] = {}
        self.sections = 0

    # -- lines

    def line(self, number: int, line: str, original: str) -> None:
        m = _SECTION.match(line)
        if _SIGNATURE_DATE.match(line) or (not _HAS_DAY.search(line) and not m):
            return  # title, document number, preamble, closing words, the signature's date
        name, body = (re.sub(r"[“”\"']", "", m.group(2)).strip(), m.group(3)) if m else ("", line)
        section = _Section(self, number, original, name)
        section.read(body)
        section.finish()
        self.sections += 1

    def result(self) -> HolidaySchedule:
        if not self.days:
            raise _refuse(
                "通知中没有读到任何放假或上班的日期，请确认粘贴的是国务院办公厅的节假日安排通知"
            )
        return HolidaySchedule(self.year, tuple(self.days[d] for d in sorted(self.days)))

    def put(self, day: dt.date, is_workday: bool, note: str, where: str) -> None:
        old = self.days.get(day)
        if old is not None and old.is_workday != is_workday:
            raise _refuse(f"{where}：{_fmt(day)}在通知中既是放假又是上班")
        if not self.year - 1 <= day.year <= self.year:
            raise _refuse(f"{where}：{_fmt(day)}不在{self.year}年")
        self.days[day] = ScheduleDay(day, is_workday, note)


class _Section:
    """One line of the notice (usually one festival: 二、春节：…)."""

    def __init__(self, reader: _Reader, number: int, line: str, name: str) -> None:
        self.reader = reader
        self.where = f"第 {number} 行“{_short(line)}”"
        self.name = name
        self.is_new_year = "元旦" in name
        self.prev: dt.date | None = None
        self.off: set[dt.date] = set()
        self.work: set[dt.date] = set()
        self.explained: set[dt.date] = set()
        self.extend_to: dt.date | None = None
        self.anchor: dt.date | None = None  # the first day of the last range read

    def fail(self, message: str) -> ValidationError:
        return _refuse(f"{self.where}：{message}")

    def read(self, body: str) -> None:
        for sentence in re.split(r"[。;]", body):
            if not sentence.strip():
                continue
            if "鼓励" in sentence or "倡导" in sentence:
                continue  # advice to employers (e.g. 安排职工在除夕休息), not a rule
            self.sentence(sentence)

    def sentence(self, sentence: str) -> None:
        count = _COUNT.search(sentence)
        if self.anchor is not None:
            # "1月29日—2月4日放假。其中，29日、30日…": a bare day counts from the range start
            self.prev = self.anchor
        off_before = set(self.off)
        range_days: list[dt.date] = []
        for clause in _split_clauses(sentence):
            got = self.clause(clause)
            range_days.extend(got)
        if count and range_days:
            n = int(count.group(1))
            if n != len(range_days):
                raise self.fail(f"写明共{n}天，但所列日期是{len(range_days)}天")
        elif count and not range_days and self.off == off_before:
            raise self.fail("有天数但没有读到放假的日期")

    def clause(self, clause: str) -> list[dt.date]:
        """Read one clause; the days off it gives (for 共N天)."""
        tokens = self.tokens(clause)
        if not tokens:
            return []
        days = self.expand(clause, tokens)
        if "正常上班" in clause or "照常上班" in clause:
            return []  # "2月3日（星期一）起正常上班": the end of a break already read
        if "上班" in clause:
            for d in days:
                self.work.add(d)
            return []
        if "假期至" in clause and ("延长" in clause or "延长" in self.name):
            self.extend_to = tokens[-1].day
            return []
        if any(k in clause for k in _EXPLAINS):
            self.explained.update(days)
            return []
        if any(k in clause for k in _OFF):
            self.off.update(days)
            self.anchor = self.anchor or days[0]
            return days
        raise self.fail(f"看不懂“{_short(clause)}”（既不是放假也不是上班）")

    def tokens(self, clause: str) -> list[_Token]:
        out: list[_Token] = []
        for m in _DATE.finditer(clause):
            y, mo, d = m.group("y"), m.group("m"), m.group("d")
            if mo is None and self.prev is None:
                raise self.fail(f"“{m.group(0)}”没有写月份")
            month = int(mo) if mo else self.prev.month  # type: ignore[union-attr]
            if y:
                year = int(y)
            elif mo is None:
                year = self.prev.year  # type: ignore[union-attr]
            elif month == 12 and self.is_new_year:
                year = self.reader.year - 1
            else:
                year = self.reader.year
            try:
                day = dt.date(year, month, int(d))
            except ValueError:
                raise self.fail(f"“{m.group(0)}”不是有效的日期") from None
            paren = m.group("paren") or ""
            weekdays = tuple(_WEEKDAYS[w] for w in _WEEKDAY_IN_PAREN.findall(paren))
            out.append(_Token(day, m.start(), m.end(), weekdays, m.group("paren") is not None))
            self.prev = day
        self.check_weekdays(out)
        return out

    def check_weekdays(self, tokens: list[_Token]) -> None:
        pending: list[_Token] = []  # dates without brackets, waiting for "（星期六、星期日）"
        for t in tokens:
            if not t.has_paren:
                pending.append(t)
                continue
            if len(t.weekdays) <= 1:
                targets, pending = [t], []
            else:
                targets = [*pending, t][-len(t.weekdays) :]
                pending = []
            for tok, wd in zip(targets, t.weekdays[-len(targets) :], strict=False):
                if tok.day.weekday() != wd:
                    raise self.fail(
                        f"{_fmt(tok.day)}是星期{_WEEKDAY_NAMES[tok.day.weekday()]}，"
                        f"通知写的是星期{_WEEKDAY_NAMES[wd]}"
                    )

    def expand(self, clause: str, tokens: list[_Token]) -> list[dt.date]:
        """The dates of a clause, ranges (A至B) filled in."""
        days: list[dt.date] = []
        i = 0
        while i < len(tokens):
            t = tokens[i]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and _RANGE_SEP.match(clause[t.end : nxt.start]):
                if nxt.day < t.day:
                    raise self.fail(f"{_fmt(t.day)}至{_fmt(nxt.day)}：结束早于开始")
                if (nxt.day - t.day).days > 31:
                    raise self.fail(f"{_fmt(t.day)}至{_fmt(nxt.day)}：一次放假超过一个月")
                d = t.day
                while d <= nxt.day:
                    days.append(d)
                    d += dt.timedelta(days=1)
                i += 2
            else:
                days.append(t.day)
                i += 1
        return days

    def finish(self) -> None:
        if self.extend_to is not None:
            self.extend()
            return
        if not self.off and not self.work:
            raise self.fail("没有读到放假或上班的日期")
        if not self.off and self.name:
            raise self.fail("只有上班日期，没有读到放假日期")
        stray = self.explained - self.off - self.work - set(self.reader.days)
        stray = {d for d in stray if d.weekday() < 5}
        if stray:
            raise self.fail(f"{_fmt(min(stray))}在说明中出现，但不在放假或上班的日期里")
        note = self.name or "放假"
        for d in sorted(self.off):
            self.reader.put(d, False, note, self.where)
        for d in sorted(self.work):
            self.reader.put(d, True, f"{note}调休上班" if self.name else "调休上班", self.where)

    def extend(self) -> None:
        """延长春节假期至2月2日: every day after the festival's last day off up to then is off."""
        assert self.extend_to is not None
        days = self.reader.days
        offs = [d for d, v in days.items() if not v.is_workday and d <= self.extend_to]
        if not offs:
            raise self.fail("延长的假期之前没有读到放假日期")
        last = max(offs)
        note = days[last].note
        d = last + dt.timedelta(days=1)
        while d <= self.extend_to:
            days[d] = ScheduleDay(d, False, f"{note}（延长）")
            d += dt.timedelta(days=1)


def _split_clauses(sentence: str) -> list[str]:
    """Split at commas outside brackets (a bracket may hold "农历正月初九,星期日")."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in sentence:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if ch == "," and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [c for c in out if c.strip()]


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _short(text: str, n: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _refuse(message: str) -> ValidationError:
    return ValidationError(FieldProblem("notice", message))
