"""A PostgreSQL server that goes away in the middle of a save: a clear DatabaseError, and the
half-done transaction is not there when the server comes back. Uses a throwaway server of its
own on another port (never the shared test server)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jianfu.db.models import UnitRow
from jianfu.db.repositories import audit
from jianfu.domain.errors import DatabaseError
from jianfu.domain.units import UnitInput
from jianfu.services.audit import AuditService
from jianfu.services.database import open_app
from jianfu.services.units import UnitsService


def _bindir() -> Path | None:
    if shutil.which("pg_config") is None:
        return None
    out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
    path = Path(out.stdout.strip())
    return path if (path / "pg_ctl").exists() else None


BINDIR = _bindir()
pytestmark = pytest.mark.skipif(BINDIR is None, reason="PostgreSQL server binaries not installed")


class Server:
    """A private PostgreSQL cluster: initdb, start, stop -m immediate, start again."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="jianfu-pg-gone."))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._cmd(
            "initdb",
            "-D",
            str(self.root / "data"),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self._cmd("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "gone")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/gone"

    def _cmd(self, tool: str, *args: str) -> None:
        argv = [str(BINDIR / tool), *args]
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        self._cmd(
            "pg_ctl",
            "-D",
            str(self.root / "data"),
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "30",
            "-o",
            opts,
            "start",
        )

    def crash(self) -> None:
        self._cmd("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(BINDIR / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ]
            if self.as_root
            else [str(BINDIR / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.remove()


def test_server_stopped_mid_save_is_a_clear_error_and_nothing_half_written(server):
    ctx = open_app(server.url)
    try:
        units = UnitsService(ctx)
        kept = units.add_unit(UnitInput("保存过的村"))

        def save_while_the_server_dies() -> None:
            with ctx.unit_of_work() as s:
                for i in range(50):
                    s.add(UnitRow(parent_id=1, name=f"半截村{i}", type="村", sort_order=i))
                s.flush()  # the rows are on the server, uncommitted ...
                audit.record(s, operator="测试员", action="批量新增", entity="unit")
                server.crash()  # ... when the server goes away

        with pytest.raises(DatabaseError, match="未保存") as err:
            save_while_the_server_dies()
        assert "数据库" in str(err.value)
        # while it is down every action says so clearly
        with pytest.raises(DatabaseError):
            units.add_unit(UnitInput("停机时新增村"))
        server.start()
        names = [u.name for u in units.list_page().rows]  # the pool reconnects by itself
        assert names == ["保存过的村"] and kept.name in names
        assert AuditService(ctx).verify().ok and AuditService(ctx).count() == 1
        assert units.add_unit(UnitInput("恢复后新增村")).id > kept.id
    finally:
        ctx.database.close()
