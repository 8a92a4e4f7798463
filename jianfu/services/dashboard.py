"""The dashboard (首页): this period's key figures and what needs doing, from every flow.

``load_dashboard`` reads the period report of the current quarter and the reminders of the
flows from what it is given: the services (the ORM), or the plain reading of a start
(``services.first_screen_plain``, whose ``read_dashboard`` the screen uses whenever it can).
A flow that fails to answer does not hide the others: its problem is listed instead of its
reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jianfu.domain.period_report import PeriodReport
from jianfu.domain.periods import Period, PeriodKind, current_period
from jianfu.domain.progress import Progress

if TYPE_CHECKING:
    from jianfu.services.registry import Services

#: How many reminders of one kind the dashboard lists one by one (the rest are summed up).
MAX_PER_KIND = 20

#: Key figures of the dashboard cards: (column key, label).
KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("tasks_applied", "新申请准入事项"),
    ("tasks_unadmitted", "未经准入下派"),
    ("boards_cleaned", "清理牌子"),
    ("boards_closing", "现有牌子"),
    ("certs_refused", "不予出具证明"),
    ("mechanisms_merged", "撤并工作机制"),
)


@dataclass(frozen=True)
class DashboardReminder:
    """One thing to do; ``screen`` is the screen that shows it, ``entity``/``record_id`` the
    record to select there (``select_<entity>(record_id)`` on that screen, when it has one)."""

    kind: str
    text: str
    detail: str
    screen: str
    entity: str = ""
    record_id: int | None = None
    urgent: bool = False
    #: the records the reminder counts, as ``show_view(view)`` on that screen shows them
    #: (a count of boards opened the whole ledger)
    view: str = ""


@dataclass(frozen=True)
class Dashboard:
    """What the first screen shows."""

    period: Period
    report: PeriodReport
    reminders: list[DashboardReminder] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)


#: the townships whose reminders 首页 lists: those its figures count (``()``: all there are)
Townships = tuple[int, ...]


def _cases(services: Services, today: dt.date, towns: Townships = ()) -> list[DashboardReminder]:
    from jianfu.domain.cases import ReminderKind

    out = []
    for r in services.cases.reminders(today, townships=towns):
        expired = r.kind is ReminderKind.EXPIRED
        out.append(
            DashboardReminder(
                kind="准入期满待退出" if expired else "审批期限",
                text=r.heading,
                detail=f"{r.department}　{r.text}" + (f"（{r.warning}）" if r.warning else ""),
                screen="cases",
                entity="case",
                record_id=r.case_id,
                urgent=r.overdue,
            )
        )
    return out


def _tasks(services: Services, today: dt.date, towns: Townships = ()) -> list[DashboardReminder]:
    out = []
    # every one is urgent, and the first screen lists a kind's first MAX_PER_KIND + 1
    for task in services.tasks.past_end(today, limit=MAX_PER_KIND + 1, townships=towns):
        end = task.data.end_date
        # the year too when it is not this year's: 12月29日 listed before 2月20日 read as
        # a date to come
        year = f"{end.year}年" if end and end.year != today.year else ""
        out.append(
            DashboardReminder(
                kind="临时事项到期",
                text=task.data.title,
                detail=f"{task.data.department}　已于{year}{end.month}月{end.day}日到期，请办理退出"
                if end
                else task.data.department,
                screen="tasks",
                entity="task",
                record_id=task.id,
                urgent=True,
            )
        )
    return out


def _boards(services: Services, _today: dt.date, towns: Townships = ()) -> list[DashboardReminder]:
    out = []
    waiting = services.boards.waiting_review(towns)
    if waiting:
        out.append(
            DashboardReminder(
                kind="牌子待复查",
                text=f"{waiting} 块牌子已处置，等待复查销号",
                detail="到现场复查后登记复查结果；发现又挂回的记为复查反弹",
                screen="boards",
                view="disposed",
            )
        )
    for line in services.boards.reminders(towns):
        out.append(
            DashboardReminder(
                kind="牌子",
                text=line,
                detail="",
                screen="boards",
                urgent="反弹" in line,
                view="relapsed" if "反弹" in line else "pending",
            )
        )
    return out


def _certificates(
    services: Services, _today: dt.date, towns: Townships = ()
) -> list[DashboardReminder]:
    page = services.certificates.waiting_for_signature(MAX_PER_KIND, towns)
    out = []
    for request in page.rows:
        out.append(
            DashboardReminder(
                kind="清单外证明待签字",
                text=f"{request.applicant_name}：{request.subject}",
                detail="清单外证明：议事协商后由负责人签字出具，或转部门核查",
                screen="certificates",
                entity="request",
                record_id=request.id,
            )
        )
    if page.total > len(page.rows):
        out.append(
            DashboardReminder(
                kind="清单外证明待签字",
                text=f"另有 {page.total - len(page.rows)} 件清单外证明申请待办理",
                detail="",
                screen="certificates",
            )
        )
    return out


def _calendar(services: Services, today: dt.date, towns: Townships = ()) -> list[DashboardReminder]:
    """Pending deadlines counted over a year whose holidays are estimated: import its notice."""
    count, warning = services.cases.estimated_deadlines(today, townships=towns)
    if not count:
        return []
    return [
        DashboardReminder(
            kind="工作日日历",
            text=f"{count} 件审批期限为估计日期，请导入节假日安排通知",
            detail=warning,
            screen="cases",
            entity="workdays",
            record_id=0,
            urgent=True,
        )
    ]


def _backup(services: Services, _today: dt.date, _towns: Townships = ()) -> list[DashboardReminder]:
    """The last automatic backup failed: say so until one succeeds."""
    from jianfu.services.backup_status import last_backup_status

    path = services.ctx.database.sqlite_path
    status = last_backup_status(path) if path is not None else None
    if status is None or status.ok:
        return []
    return [
        DashboardReminder(
            kind="自动备份",
            text=f"自动备份失败（{status.when}），数据目前没有当天的备份",
            detail=status.message + "　请检查磁盘空间和备份文件夹，或点“备份数据库”手动备份。",
            screen="dashboard",
            urgent=True,
        )
    ]


def _queue(services: Services, _today: dt.date, towns: Townships = ()) -> list[DashboardReminder]:
    """Above the township: how many cases wait in the connected person's queue."""
    statuses = services.cases.queue()
    if not statuses:
        return []
    waiting = services.cases.queue_count(towns)
    if not waiting:
        return []
    where = "、".join(s.value for s in statuses)
    return [
        DashboardReminder(
            kind="待办案件",
            text=f"{waiting} 件准入审批案件在“{where}”环节等您办理",
            detail="在“准入审批”中逐件填写意见；期限将到或已逾期的案件另列在下面",
            screen="cases",
        )
    ]


@dataclass(frozen=True)
class SetupStep:
    """A first step a township's new database still needs; ``screen`` is where it is done
    (``settings``: the menu 设置 → 乡镇设置…)."""

    text: str
    screen: str


def setup_steps(services: Services) -> list[SetupStep]:
    """What a township's clerk has to set up before the screens are of use: the township's
    name (every print-out carries it), its villages, the work-item and certificate lists in
    force. A new,
    empty database opened on 首页 with zeros and said none of this. [] when all is set, and
    above the township (the county's and the city's people set up nothing of a township)."""
    from jianfu.services.units import UnitsService, villages

    if UnitsService(services.ctx).above_township is not None or services.cases.queue():
        return []
    steps = []
    # the name of the township 首页 counts: a file of several townships (a city's trial) is
    # worked on with the defaults' settings, which name no township, and was asked for one
    counted = services.report.counted_townships()
    town = counted[0] if len(counted) == 1 else None
    if not services.settings.load(town).township_name.strip():
        steps.append(
            SetupStep(
                "填写乡镇(街道)名称、填表人等（菜单 设置 → 乡镇设置…），打印的表格都会用到",
                "settings",
            )
        )
    if not villages(services.ctx):
        steps.append(SetupStep("新增本乡镇(街道)的村和社区", "units"))
    if services.lists.edition_in_force("work") is None:
        steps.append(SetupStep("导入县里发布的村(社区)工作事项准入清单，核对后施行", "lists"))
    # a township that had imported its work-item list only had every certificate request
    # checked as on neither list (无犯罪记录证明: 清单外, 须议事协商)
    if services.lists.edition_in_force("certificate") is None:
        steps.append(SetupStep("导入县里发布的村(社区)出具证明事项清单，核对后施行", "lists"))
    return steps


Source = Callable[["Services", dt.date, Townships], list[DashboardReminder]]

SOURCES: tuple[tuple[str, Source], ...] = (
    ("准入审批", _cases),
    ("事项审核", _tasks),
    ("牌子台账", _boards),
    ("证明台账", _certificates),
    ("工作日日历", _calendar),
    ("自动备份", _backup),
)
#: A reviewer's or the mechanism's first screen: their own queue, not a township's ledgers.
SOURCES_ABOVE: tuple[tuple[str, Source], ...] = (
    ("待办案件", _queue),
    ("准入审批", _cases),
)


def sources_for(services: Services) -> tuple[tuple[str, Source], ...]:
    """The reminders of the connected person's level (a township's clerk: every flow's)."""
    return SOURCES_ABOVE if services.cases.queue() else SOURCES


def load_dashboard(
    services: Services,
    *,
    today: dt.date | None = None,
    kind: PeriodKind = PeriodKind.QUARTER,
    progress: Progress | None = None,
) -> Dashboard:
    """The current period's report at the person's level (a township's villages, a county's
    townships, a city's counties) and the reminders of that level, most urgent first: of the
    townships the report counts (a city's SQLite trial file: its first township's, as its
    figures)."""
    today = today or dt.date.today()
    period = current_period(today, kind)
    report = services.report.build(period, today=today, progress=progress)
    towns = services.report.counted_townships()
    reminders: list[DashboardReminder] = []
    problems: list[str] = []
    for name, source in sources_for(services):
        if progress is not None:
            progress.step(0, 0, f"正在读取提醒：{name}")
        try:
            found = source(services, today, towns)
        except Exception as err:  # noqa: BLE001 - one flow failing must not blank the first screen
            problems.append(f"{name}的提醒读取失败：{err}")
            continue
        urgent = [r for r in found if r.urgent]
        rest = [r for r in found if not r.urgent]
        reminders += (urgent + rest)[: MAX_PER_KIND + 1]
    reminders.sort(key=lambda r: not r.urgent)
    return Dashboard(period, report, reminders, problems, today)
