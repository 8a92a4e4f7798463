"""The password a shared server wants, asked for at the start (``PasswordDialog``), and the
address the start then uses (``services.database.with_password``)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from jianfu.services.database import with_password
from jianfu.ui.widgets.password_dialog import PasswordDialog

SERVER = "PostgreSQL：chen_a@db-host:5432/jianfu"


def _answer(seen: list, typed: str | None) -> None:
    """Type ``typed`` and press 连接 (or press 退出 for ``None``) once the dialog is open."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, act)
            return
        seen.append(
            {
                "labels": [w.text() for w in dialog.findChildren(QLabel)],
                "echo": dialog.password_edit.echoMode(),
                "focus": dialog.focusWidget() is dialog.password_edit,
                "enabled_empty": dialog.ok_button.isEnabled(),
            }
        )
        if typed is None:
            dialog.reject()
            return
        dialog.password_edit.setText(typed)
        dialog.ok_button.click()

    QTimer.singleShot(0, act)


def test_the_dialog_names_the_login_and_server_and_hides_what_is_typed(qtbot):
    seen: list = []
    _answer(seen, "Chen#A2026")
    assert PasswordDialog.ask(None, "chen_a", SERVER, wrong=False) == "Chen#A2026"
    (shown,) = seen
    assert {"chen_a", SERVER, "数据库服务器要求输入密码。"} <= set(shown["labels"])
    assert shown["echo"] == QLineEdit.EchoMode.Password
    assert shown["focus"] and not shown["enabled_empty"]  # 连接 waits for a password


def test_a_refused_password_is_said_and_exit_gives_none(qtbot):
    seen: list = []
    _answer(seen, None)
    assert PasswordDialog.ask(None, "chen_a", SERVER, wrong=True) is None
    assert any("密码不对" in text for text in seen[0]["labels"])


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://chen_a@db-host:5432/jianfu",
        "postgresql+psycopg://chen_a:old-one@db-host/jianfu?sslmode=require",
        "postgresql://chen_a@db-host/jianfu",
    ],
)
def test_the_password_goes_into_the_address_whatever_it_holds(url):
    password = "p@ss:w/d%x #中"
    parsed, before = make_url(with_password(url, password)), make_url(url)
    assert parsed.password == password
    assert (parsed.username, parsed.host, parsed.port, parsed.database, dict(parsed.query)) == (
        before.username,
        before.host,
        before.port,
        before.database,
        dict(before.query),
    )
