"""The clerk's work is signed with the settings' 填表人, not the computer's login name."""

from __future__ import annotations

from dataclasses import replace

from jianfu.services.context import default_operator
from jianfu.services.database import open_app
from jianfu.services.settings import SettingsService


def test_the_preparer_signs_once_the_settings_name_one(tmp_path):
    path = str(tmp_path / "a.db")
    ctx = open_app(path)
    try:
        assert ctx.operator == default_operator()
        settings = SettingsService(ctx)
        saved = settings.save(replace(settings.load(), township_name="清溪镇", preparer="林晓燕"))
        assert ctx.operator == "林晓燕"
        settings.save(replace(saved, preparer="王芳"), expected=saved)
        assert ctx.operator == "王芳"
    finally:
        ctx.database.close()
    again = open_app(path)
    try:
        assert again.operator == "王芳"
    finally:
        again.database.close()


def test_an_operator_chosen_explicitly_is_kept(tmp_path):
    ctx = open_app(str(tmp_path / "b.db"))
    try:
        ctx.operator = "测试员"
        settings = SettingsService(ctx)
        settings.save(replace(settings.load(), township_name="清溪镇", preparer="林晓燕"))
        assert ctx.operator == "测试员"
    finally:
        ctx.database.close()
