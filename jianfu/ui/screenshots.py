"""Rendering every main screen to PNG files (for the README and for review)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from jianfu.services.registry import Services
from jianfu.ui.basedata.units import UnitDialog
from jianfu.ui.cases.calendar_dialog import WorkdaysDialog
from jianfu.ui.main_window import SCREENS, MainWindow
from jianfu.ui.settings_dialog import SettingsDialog


def _grab(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"无法写入截图文件 {path}")
    return path


def save_screenshots(services: Services, directory: Path) -> list[Path]:
    """Show each screen in a main window and save it as ``NN-key.png`` in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    window = MainWindow(services)
    window.resize(1280, 800)
    window.show()
    files = []
    for number, screen in enumerate(SCREENS, start=1):
        window.show_screen(screen.key)
        # a screen's first rows are read on a worker: shown once they are in
        window.tasks.wait_all(5000)
        QApplication.processEvents()  # the rows and labels in; the layout follows in _grab
        files.append(_grab(window, directory / f"{number:02d}-{screen.key}.png"))
    settings = SettingsDialog(services.settings, window)
    settings.show()
    files.append(_grab(settings, directory / "settings-dialog.png"))
    settings.close()
    unit_dialog = UnitDialog(services.units, None, window)
    unit_dialog.show()
    files.append(_grab(unit_dialog, directory / "unit-dialog.png"))
    unit_dialog.close()
    workdays = WorkdaysDialog(services.cases, window, services.calendar)
    workdays.show()
    files.append(_grab(workdays, directory / "workdays-dialog.png"))
    workdays.close()
    window.close()
    return files
