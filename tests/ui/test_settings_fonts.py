"""The settings dialog's fonts: which file each role uses, picking another, refusing a font
that cannot be embedded, and the choice kept on this computer."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from jianfu.reports.fonts import load_font_choices, scan_faces
from jianfu.services.settings import SettingsService
from jianfu.ui.settings_dialog import SettingsDialog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reports"))
from font_standins import cff_font, make_machine


@pytest.fixture
def dialog(qtbot, demo_ctx):
    if not any(f.cjk for f in scan_faces()):
        pytest.skip("没有安装可嵌入的中文 TrueType 字体")
    dialog = SettingsDialog(SettingsService(demo_ctx))
    qtbot.addWidget(dialog)
    return dialog


def test_each_role_shows_its_file(dialog) -> None:
    for role in ("title", "body", "heading", "kai"):
        label = dialog.font_labels[role]
        assert label.toolTip() and Path(label.toolTip()).is_file()
        assert label.toolTip().rsplit("/", 1)[-1] in label.text()


def test_a_picked_font_is_used_and_kept(dialog, qtbot, demo_ctx) -> None:
    other = next(
        f for f in scan_faces() if f.cjk and f.path != dialog.font_labels["body"].toolTip()
    )
    assert dialog.choose_font("body", other.path) == ""
    assert dialog.font_labels["body"].toolTip() == other.path
    assert "已选择" in dialog.font_labels["body"].text()
    dialog.accept()
    assert load_font_choices() == {"body": other.path}
    again = SettingsDialog(SettingsService(demo_ctx))
    qtbot.addWidget(again)
    assert again.font_labels["body"].toolTip() == other.path
    again.reset_font("body")
    again.accept()
    assert load_font_choices() == {}


def test_a_font_that_cannot_be_embedded_is_refused(dialog, tmp_path) -> None:
    before = dialog.font_labels["kai"].toolTip()
    noto = cff_font(tmp_path / "NotoSerifCJK-Regular.otf", "Noto Serif CJK SC", "思源宋体")
    problem = dialog.choose_font("kai", str(noto))
    assert "思源宋体" in problem and "不能嵌入 PDF" in problem
    (tmp_path / "notes.ttf").write_text("不是字体")
    assert "不是可读的字体文件" in dialog.choose_font("kai", str(tmp_path / "notes.ttf"))
    assert dialog.font_labels["kai"].toolTip() == before
    assert "kai" not in dialog.font_choices


def test_notes_name_unusable_fonts_only(dialog) -> None:
    # Substitutes show in their row; the notes are for fonts that cannot be used at all.
    for note in dialog.font_notes.text().splitlines():
        assert "未使用" in note or "未嵌入" in note
    assert dialog.font_notes.isHidden() == (dialog.font_notes.text() == "")


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="没有 fontconfig")
def test_a_font_forbidding_embedding_is_named_in_the_dialog(
    qtbot, demo_ctx, tmp_path, monkeypatch
) -> None:
    machine = make_machine(tmp_path, "founder", restricted=frozenset({"FZXBSK.TTF"}))
    monkeypatch.setenv("FONTCONFIG_FILE", str(machine.fontconfig_file))
    dialog = SettingsDialog(SettingsService(demo_ctx))
    qtbot.addWidget(dialog)
    assert "方正小标宋_GBK" in dialog.font_notes.text()
    assert "不允许嵌入" in dialog.font_notes.text()
    assert "方正仿宋_GBK（公文规定字体）" in dialog.font_labels["body"].text()
    assert "代替字体" in dialog.font_labels["title"].text()


def test_a_font_picked_and_not_saved_is_not_dropped_without_asking(dialog, monkeypatch) -> None:
    """Picking a font (or 自动) is an edit like the other settings: 取消 and Esc ask before it
    goes (it went without a word), and 保存 keeps it."""
    other = next(
        (f for f in scan_faces() if f.cjk and f.path != dialog.font_labels["body"].toolTip()),
        None,
    )
    if other is None:
        pytest.skip("只装了一种中文 TrueType 字体")
    asked: list[bool] = []
    monkeypatch.setattr(SettingsDialog, "confirm_discard", lambda self: asked.append(True) or False)
    dialog.show()
    assert not dialog.fonts_changed()
    dialog.reject()  # nothing changed: no question
    assert asked == []
    dialog.show()
    assert dialog.choose_font("body", other.path) == ""
    assert dialog.fonts_changed()
    dialog.reject()  # 取消 or Esc: asked, and 继续填写 keeps the dialog and the choice
    assert asked == [True] and dialog.isVisible()
    assert dialog.font_labels["body"].toolTip() == other.path
    dialog.fields.edited = True  # a name typed too: one question, not two
    dialog.reject()
    assert asked == [True, True] and dialog.isVisible()
    dialog.accept()  # 保存
    assert not dialog.isVisible()
    assert load_font_choices() == {"body": other.path}


def test_a_font_dropped_on_the_clerks_word_is_not_kept(dialog, monkeypatch) -> None:
    other = next(
        (f for f in scan_faces() if f.cjk and f.path != dialog.font_labels["body"].toolTip()),
        None,
    )
    if other is None:
        pytest.skip("只装了一种中文 TrueType 字体")
    monkeypatch.setattr(SettingsDialog, "confirm_discard", lambda self: True)
    dialog.show()
    dialog.choose_font("body", other.path)
    dialog.reject()
    assert not dialog.isVisible()
    assert load_font_choices() == {}


def test_the_font_file_dialog_starts_among_the_fonts_and_forgets_them(
    dialog, monkeypatch, tmp_path
) -> None:
    """选择… opened in 文档 (or the last import's folder): the clerk had to find the fonts
    folder (C:\\Windows\\Fonts) alone. It opens in the folder of the font the role uses now, and
    the next import still opens where the last one was."""
    from jianfu.ui.widgets.printing import FileDialogs, last_folder, remember_folder

    imports = tmp_path / "下载"
    imports.mkdir()
    remember_folder(imports / "清单.xlsx")
    body = dialog.font_labels["body"].toolTip()
    started: list[str] = []

    def pick(_parent, _title, folder, _filter, **_kw):
        started.append(folder)
        return body, ""

    monkeypatch.setattr(FileDialogs, "getOpenFileName", staticmethod(pick))
    dialog._pick_font("body")
    assert started == [str(Path(body).parent)]
    assert last_folder() == imports
