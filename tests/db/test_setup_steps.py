"""首页's first steps: a new, empty database says what to set up (the township's name, its
villages, the list in force) and nothing once it is set up."""

from __future__ import annotations

from dataclasses import replace

from jianfu.domain.units import UnitInput
from jianfu.services.dashboard import setup_steps
from jianfu.services.registry import Services


def test_a_new_database_names_each_first_step_until_it_is_done(ctx):
    services = Services.create(ctx)
    assert [s.screen for s in setup_steps(services)] == ["settings", "units", "lists", "lists"]
    assert "乡镇(街道)名称" in setup_steps(services)[0].text
    settings = services.settings.load()
    services.settings.save(replace(settings, township_name="清溪镇"), expected=settings)
    assert [s.screen for s in setup_steps(services)] == ["units", "lists", "lists"]
    services.units.add_unit(UnitInput("清溪村"))
    assert [s.screen for s in setup_steps(services)] == ["lists", "lists"]


def test_a_work_item_list_alone_still_asks_for_the_certificate_list(ctx, tmp_path):
    """A new township imported its work-item list only: 首页 said nothing more was to be set
    up, and every certificate request was checked as on neither list."""
    services = Services.create(ctx)
    settings = services.settings.load()
    services.settings.save(replace(settings, township_name="青石镇"), expected=settings)
    services.units.add_unit(UnitInput("青石村"))
    county = tmp_path / "清单.csv"
    county.write_text("类别,事项名称,责任单位\n协助办理事项,城乡居民养老保险参保缴费,县人社局\n")
    lists = services.lists
    lists.commit_import(lists.preview_import(county), create_departments=True, activate=True)
    (step,) = setup_steps(services)
    assert step.screen == "lists" and "出具证明事项清单" in step.text


def test_the_demo_township_has_nothing_left_to_set_up(demo_ctx):
    assert setup_steps(Services.create(demo_ctx)) == []


def test_a_city_trial_file_is_not_asked_for_the_name_of_the_township_it_counts(db_template):
    """A file of several townships (the city demo as a trial) is worked on with the defaults'
    settings, which name no township: 首页 asked to fill in 乡镇(街道)名称 beside the figures
    of 清溪镇, whose settings name it."""
    from tests.conftest import seed_city

    ctx, _ = db_template("city", seed_city)
    services = Services.create(ctx)
    assert services.settings.load().township_name == ""  # the defaults'
    (town,) = services.report.counted_townships()
    assert services.settings.load(town).township_name == "清溪镇"
    assert setup_steps(services) == []
