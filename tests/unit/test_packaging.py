"""The packaging files agree with the app: version, menu entry, what the spec bundles, the
launcher's input-method list and the fcitx plugin's Qt version (the package itself is built,
installed and used by .ci/package-smoke)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jianfu import __version__

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_windows_installer_has_the_app_version() -> None:
    script = (PACKAGING / "windows" / "jianfu.nsi").read_text(encoding="utf-8-sig")
    assert re.search(r'^\s*!define VERSION "([^"]+)"', script, re.M).group(1) == __version__
    assert re.search(r'^\s*!define OUTFILE "[^"]*减负-安装\.exe"', script, re.M)


def test_menu_entry_starts_the_window() -> None:
    entry = (PACKAGING / "jianfu.desktop").read_text(encoding="utf-8").splitlines()
    assert "Name=减负" in entry and "Exec=jianfu gui" in entry and "Icon=jianfu" in entry


def test_spec_bundles_migrations_and_resources() -> None:
    spec = (PACKAGING / "jianfu.spec").read_text(encoding="utf-8")
    assert '"jianfu/db/migrations"' in spec and '"jianfu/resources"' in spec


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell")
@pytest.mark.parametrize(
    ("session", "expected"),
    [
        ({"QT_IM_MODULE": "fcitx"}, "fcitx;ibus;compose"),
        ({"QT_IM_MODULE": "fcitx5"}, "fcitx5;fcitx;ibus;compose"),
        ({"XMODIFIERS": "@im=fcitx"}, "fcitx;ibus;compose"),
        ({"GTK_IM_MODULE": "ibus"}, "ibus;compose"),
        ({"QT_IM_MODULE": "ibus"}, "ibus;compose"),
        ({"QT_IM_MODULES": "wayland;ibus", "QT_IM_MODULE": "fcitx"}, "wayland;ibus"),
        ({}, ""),
    ],
)
def test_launcher_gives_qt_an_input_method_list(session: dict[str, str], expected: str) -> None:
    launcher = (PACKAGING / "jianfu-launcher.sh").read_text(encoding="utf-8")
    body = launcher.replace("exec /opt/jianfu/jianfu", 'printf "%s" "${QT_IM_MODULES:-}" #')
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **session}
    done = subprocess.run(["sh", "-c", body], env=env, capture_output=True, text=True, check=True)
    assert done.stdout == expected


def _minor(version: str) -> tuple[int, int]:
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


def test_fcitx_plugin_is_built_for_a_qt_no_newer_than_the_packaged_ones() -> None:
    """Qt refuses a plugin built against a newer minor version than its own: the headers the
    fcitx plugin is compiled against must not be newer than the bullseye build's pinned PySide6
    nor than the oldest PySide6 the Debian 12 build may get, and the build bundles it into the
    Qt plugins folder next to the wheel's ibus plugin."""
    plugin = (PACKAGING / "build-fcitx-plugin").read_text(encoding="utf-8")
    headers = re.search(r"^QT_VERSION=(\S+)$", plugin, re.MULTILINE)
    assert headers is not None
    bullseye = (PACKAGING / "build-deb-bullseye").read_text(encoding="utf-8")
    pin = re.search(r"^PYSIDE_PIN=(\S+)$", bullseye, re.MULTILINE)
    assert pin is not None
    assert _minor(headers.group(1)) <= _minor(pin.group(1))
    build_deb = (PACKAGING / "build-deb").read_text(encoding="utf-8")
    assert "platforminputcontexts/libfcitxplatforminputcontextplugin-qt6.so" in build_deb
    # the Debian 12 build installs the newest release in range: it is newer than the headers
    floor = re.search(r'"pyside6-essentials>=([0-9.]+)', build_deb, re.IGNORECASE)
    assert floor is not None, "build-deb must hold PySide6 at or above the plugin's Qt"
    assert _minor(headers.group(1)) <= _minor(floor.group(1))
