"""What a PostgreSQL server's refusal to connect means, said in Chinese.

libpq's messages ("fe_sendauth: no password supplied", "password authentication failed for
user …", "Connection refused") reached the clerk as they were. Without SQLAlchemy: the plain
reading of 首页 (``db.plain_server``) says it as ``db.engine`` does.
"""

from __future__ import annotations

import re

from jianfu.domain.errors import DatabaseError, PasswordRefusedError

#: where a password for a login is kept so that no one types it at each start
PASSWORD_FILE_HINT = (
    "密码可写在 PostgreSQL 的密码文件中（Windows 为 %APPDATA%\\postgresql\\pgpass.conf，"
    "其他系统为 ~/.pgpass），或放在环境变量 PGPASSWORD 中；程序窗口打开时会询问密码"
)


def refusal(description: str, login: str, reason: str) -> DatabaseError:
    """The error for a connection to ``description`` (as the status bar names it) refused
    with libpq's ``reason`` (its first line); ``login``: the address's user, or ""."""
    head = f"无法连接数据库服务器 {description}："
    who = f"“{login}”" if login else "（本机用户名）"
    if "no password supplied" in reason:
        return PasswordRefusedError(
            f"{head}服务器要求输入登录名{who}的密码，但没有提供密码。{PASSWORD_FILE_HINT}。",
            login=login,
            server=description,
            wrong=False,
        )
    if "password authentication failed" in reason:
        return PasswordRefusedError(
            f"{head}服务器不接受登录名{who}和所给的密码：密码不对，或服务器上没有这个登录名。"
            f"{PASSWORD_FILE_HINT}。",
            login=login,
            server=description,
            wrong=True,
        )
    if m := re.search(r'role "([^"]*)" does not exist', reason):
        return DatabaseError(
            f"{head}服务器上没有登录名“{m.group(1)}”，请管理员用 jianfu users add 登记。"
        )
    if m := re.search(r'database "([^"]*)" does not exist', reason):
        return DatabaseError(f"{head}服务器上没有名为“{m.group(1)}”的数据库，请核对地址。")
    if "Connection refused" in reason:
        return DatabaseError(f"{head}连接被拒绝：服务器没有运行，或地址、端口不对（{reason}）")
    if "timeout expired" in reason:
        return DatabaseError(f"{head}服务器没有应答：网络不通，或防火墙挡住了端口（{reason}）")
    return DatabaseError(f"{head}{reason}")
