"""The password of a shared server's login, asked for when the server wants one at the start.

A clerk whose password is not in the PostgreSQL password file used to get libpq's English
"fe_sendauth: no password supplied" and no way on. The password typed here is used for this
start only: the app keeps it in memory and never writes or shows it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PasswordDialog(QDialog):
    """登录名, the server, and the password; says when the last one was refused."""

    def __init__(
        self, login: str, server: str, *, wrong: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("登录数据库服务器")
        self.setMinimumWidth(480)
        intro = QLabel(
            "服务器不接受所给的密码：密码不对，或服务器上没有这个登录名。请重新输入密码。"
            if wrong
            else "数据库服务器要求输入密码。"
        )
        intro.setWordWrap(True)
        if wrong:
            intro.setStyleSheet("color: #b00020")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("服务器", QLabel(server))
        form.addRow("登录名", QLabel(login or "（本机用户名）"))
        form.addRow("密码", self.password_edit)
        note = QLabel(
            "密码只用于这次打开，不会保存。不想每次输入，可请管理员把它写进本机的 PostgreSQL "
            "密码文件（Windows 为 %APPDATA%\\postgresql\\pgpass.conf，其他系统为 ~/.pgpass）。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("连接")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        self.ok_button.setEnabled(False)
        self.password_edit.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, login: str, server: str, *, wrong: bool) -> str | None:
        """The password typed, or ``None`` when the person chose 退出."""
        dialog = cls(login, server, wrong=wrong, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.password_edit.text() or None
        finally:
            dialog.deleteLater()
