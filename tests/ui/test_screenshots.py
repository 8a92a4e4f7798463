"""``jianfu screenshots`` renders every main screen of the demo township."""

from __future__ import annotations

from jianfu.cli import main
from jianfu.ui.main_window import SCREENS


def test_screenshots_renders_every_screen(tmp_path, qapp):
    out = tmp_path / "shots"
    assert main(["screenshots", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    expected = {f"{n:02d}-{screen.key}.png" for n, screen in enumerate(SCREENS, start=1)}
    assert expected <= set(names) and "settings-dialog.png" in names
    assert "workdays-dialog.png" in names
    assert all((out / n).stat().st_size > 5000 for n in names)
