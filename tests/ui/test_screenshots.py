"""``jianfu screenshots`` renders every main screen of the demo township."""

from __future__ import annotations

from jianfu.cli import main


def test_screenshots_renders_every_screen(tmp_path, qapp):
    out = tmp_path / "shots"
    assert main(["screenshots", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert "01-lists.png" in names and "08-units.png" in names and "settings-dialog.png" in names
    assert all((out / n).stat().st_size > 5000 for n in names)
