"""A server's refusal to connect, said in Chinese (``db.server_refusals``): libpq's English
reached the clerk as it was ("fe_sendauth: no password supplied")."""

from __future__ import annotations

import pytest

from jianfu.db.server_refusals import refusal
from jianfu.domain.errors import DatabaseError, PasswordRefusedError

WHERE = "PostgreSQL：chen_a@db-host:5432/jianfu"
AT = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: '


def test_no_password_asks_for_one_and_says_where_it_can_be_kept():
    err = refusal(WHERE, "chen_a", AT + "fe_sendauth: no password supplied")
    assert isinstance(err, PasswordRefusedError)
    assert (err.login, err.server, err.wrong) == ("chen_a", WHERE, False)
    text = str(err)
    assert text.startswith(f"无法连接数据库服务器 {WHERE}：")
    assert "要求输入登录名“chen_a”的密码" in text and "pgpass" in text and "PGPASSWORD" in text
    assert "fe_sendauth" not in text


def test_a_refused_password_says_so_and_is_asked_again():
    err = refusal(WHERE, "chen_a", AT + 'FATAL:  password authentication failed for user "chen_a"')
    assert isinstance(err, PasswordRefusedError) and err.wrong
    assert "密码不对" in str(err) and "authentication" not in str(err)


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ('FATAL:  role "zhou_b" does not exist', "服务器上没有登录名“zhou_b”"),
        ('FATAL:  database "jianfu2" does not exist', "没有名为“jianfu2”的数据库"),
        ("Connection refused", "连接被拒绝：服务器没有运行，或地址、端口不对"),
        ("timeout expired", "服务器没有应答"),
    ],
)
def test_other_refusals_are_said_in_chinese(reason, said):
    err = refusal(WHERE, "zhou_b", AT + reason)
    assert type(err) is DatabaseError
    assert str(err).startswith(f"无法连接数据库服务器 {WHERE}：") and said in str(err)


def test_a_refusal_not_known_here_is_given_as_the_server_said_it():
    err = refusal(WHERE, "", AT + "SSL SYSCALL error: EOF detected")
    assert str(err) == f"无法连接数据库服务器 {WHERE}：{AT}SSL SYSCALL error: EOF detected"


def test_an_address_without_a_login_names_the_local_user():
    err = refusal(WHERE, "", "fe_sendauth: no password supplied")
    assert "登录名（本机用户名）的密码" in str(err) and err.login == ""
