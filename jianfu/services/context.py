"""What every service needs: the open database and who is working."""

from __future__ import annotations

import getpass
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jianfu.db import case_guard, engine
from jianfu.db.changes import TRACK, Changes, take_changes
from jianfu.db.engine import Database
from jianfu.db.township import ConnectedPerson, work_for_township
from jianfu.domain.errors import ConflictError, DatabaseError

#: each level of an admission case writes only its own part, checked before every flush
_CASE_GUARD = case_guard


def default_operator() -> str:
    """The computer's login name: the operator until the settings name the 填表人."""
    return _login_name()


#: the operator when the computer gives no login name either
NO_LOGIN = "本机用户"


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (service accounts, some containers)
        return NO_LOGIN


def printed_name(name: str) -> str:
    """``name`` as a print's 经办人: blank when it is only the computer's login (root,
    Administrator), the operator until 乡镇设置 names the 填表人; the clerk writes it by hand."""
    return "" if name in (_login_name(), NO_LOGIN) else name


@dataclass
class AppContext:
    """The open database plus the operator name written into the audit trail."""

    database: Database
    operator: str = field(default_factory=default_operator)
    #: on a shared PostgreSQL, the person the login role belongs to
    person: ConnectedPerson | None = None
    #: on a database server, the login role of the connection (``current_user``); else ""
    login: str = ""
    #: the township every unit of work acts for (``acting_for``); None: the session's own
    township_id: int | None = None
    #: called after each commit that changed records, with what changed (kind -> ids), on the
    #: thread that committed (the window's change hub listens here)
    on_commit: list[Callable[[Changes], None]] = field(default_factory=list)

    @contextmanager
    def acting_for(self, township_id: int) -> Iterator[None]:
        """Units of work inside act for the township ``township_id`` (the owner seeding a county).

        Each one checks the township (``db.township.work_for_township``): a clerk of another
        township is refused.
        """
        before = self.township_id
        self.township_id = township_id
        try:
            yield
        finally:
            self.township_id = before

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction per user action: commit on success, roll back on any error.

        Storage errors become ``JianfuError`` subclasses with a message for the clerk.
        """
        session = self.database.session_factory()
        changed: Changes = {}
        if self.on_commit:
            session.info[TRACK] = True  # note what the transaction changes
        try:
            if self.township_id is not None:
                work_for_township(session, self.township_id)
            yield session
            session.commit()
            changed = take_changes(session)
            if session.info.pop("audit_added", False) and self.database.sqlite_path:
                from jianfu.services.audit_anchor import mark_due

                with suppress(Exception):  # the anchor is a check; the save is done
                    mark_due(self.database, session)
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError("这条记录刚被其他人修改过，未保存。请重新打开后再改。") from exc
        except IntegrityError:
            session.rollback()
            raise
        except OperationalError as exc:
            session.rollback()
            if "database is locked" in str(exc.orig or exc):
                raise DatabaseError(
                    "数据库正被其他操作占用（本机或同事的减负程序正在保存大量数据，例如导入），"
                    f"等候 {engine.SQLITE_BUSY_MS // 1000} 秒后仍未轮到，本次未保存。"
                    "请等对方完成后再试。"
                ) from exc
            raise DatabaseError(f"数据库操作失败，未保存：{_first_line(exc)}") from exc
        except DBAPIError as exc:
            session.rollback()
            refused = _refused(exc)
            if refused:
                raise DatabaseError(refused) from exc
            raise DatabaseError(f"数据库出错，未保存：{_first_line(exc)}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        if changed:
            for listener in list(self.on_commit):
                listener(changed)


#: the shared reference tables (``db.grants.REFERENCE_TABLES`` and the like), in Chinese
_SHARED = {
    "department": "部门",
    "department_alias": "部门别名",
    "board_category": "牌子类别",
    "board_allowed_rule": "允许挂牌范围",
    "burden_type": "负担类别",
    "workday_override": "工作日设置",
    "official_schedule": "法定节假日安排",
    "official_day": "法定节假日安排",
    "check_precedent": "审核先例",
    "item_synonym": "同义词",
}
_PERMISSION = re.compile(r"permission denied for (?:table|relation|sequence) (\S+)")
_ROW_POLICY = re.compile(r'row-level security policy for table "?([^"\s]+)')


def _refused(exc: DBAPIError) -> str:
    """The server refused the connected person (grants, row-level security): say so in Chinese.

    The triggers' own refusals are already written for the clerk and pass through unchanged.
    """
    if getattr(exc.orig, "sqlstate", None) != "42501":
        return ""
    line = _first_line(exc)
    if m := _PERMISSION.search(line):
        table = m.group(1).strip('"')
        if table in _SHARED:
            return (
                f"{_SHARED[table]}是各乡镇共用的基础数据，由管理员维护；当前登录的账号"
                f"只能查看，未保存（数据表 {table}）。如需修改，请联系管理员。"
            )
        return (
            f"当前登录的账号无权办理这项操作（数据表 {table}），未保存。"
            "这类记录由其他层级的人员办理；如确需办理，请联系管理员。"
        )
    if m := _ROW_POLICY.search(line):
        if m.group(1) == "setting":
            return "乡镇经办人员只能修改本乡镇的设置；各乡镇共用的默认设置由管理员修改，未保存。"
        return f"这条记录不属于您所在的单位，不能登记或修改（数据表 {m.group(1)}），未保存。"
    return f"{line}（未保存）"


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig or exc).strip().splitlines()[0]
