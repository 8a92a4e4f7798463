"""The certificate register printed by the county reviewer or the city's mechanism is
theirs (the city's said 清溪镇证明事项登记簿, its first township) and names each request's
township beside its village (each township numbers its own requests)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from jianfu.db.township import ConnectedPerson
from jianfu.services.registry import Services
from tests.conftest import put_under_county, same_village_twice

TODAY = dt.date.today()


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")


def test_the_county_reviewers_register_is_the_countys(demo_ctx):
    with demo_ctx.unit_of_work() as s:
        county, town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
        town_name = town.name
    start = dt.date(TODAY.year - 1, 1, 1)
    clerk = _text(Services.create(demo_ctx).certificates.print_register(start, TODAY))
    assert f"{town_name}证明事项登记簿" in clerk  # the township's own, as before
    demo_ctx.person = person
    certificates = Services.create(demo_ctx).certificates
    text = _text(certificates.print_register(start, TODAY))
    assert "南屏县证明事项登记簿" in text
    assert f"{town_name}证明事项登记簿" not in text
    village = certificates.page(certificates_filter(), 0, 1).rows[0].village
    assert f"{town_name}{village}" in text


def certificates_filter():
    from jianfu.db.repositories.certificates import CertificateFilter

    return CertificateFilter()


def test_whose_prints_they_are_is_read_in_one_place(demo_ctx):
    """The register, the 其他负担 ledger and the 牌子 prints name their owner alike
    (``units.above_name``): none at a township, the county above it."""
    from jianfu.services import units

    with demo_ctx.unit_of_work() as s:
        county, _town = put_under_county(s)
        person = ConnectedPerson("reviewer", "reviewer", county.id, county.name, "审核")
    with demo_ctx.unit_of_work() as s:
        assert units.above_name(demo_ctx, s) is None
    demo_ctx.person = person
    with demo_ctx.unit_of_work() as s:
        assert units.above_name(demo_ctx, s) == "南屏县"


def test_the_county_reviewers_register_export_names_each_requests_township(demo_ctx, tmp_path):
    """As the print does: a 乡镇(街道) column before 村(社区) (two townships' 清溪村, and each
    township numbers its own requests). A township's export has none."""
    from openpyxl import load_workbook

    person, town_name, _village = same_village_twice(demo_ctx)
    start = dt.date(TODAY.year - 1, 1, 1)

    def table(name: str) -> list[tuple]:
        path = Services.create(demo_ctx).certificates.export_register(start, TODAY, tmp_path / name)
        rows = list(load_workbook(path).active.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if "村(社区)" in r)
        return rows[head:]

    clerk = table("乡镇.xlsx")
    assert "乡镇(街道)" not in clerk[0]
    demo_ctx.person = person
    county = table("县.xlsx")
    at = county[0].index("村(社区)")
    assert county[0][at - 1] == "乡镇(街道)"
    assert len(county) == len(clerk) > 1
    assert {r[at - 1] for r in county[1:]} == {town_name}
    assert [r[: at - 1] + r[at:] for r in county] == [tuple(r) for r in clerk]


def test_the_county_register_prints_the_township_over_the_village(demo_ctx, monkeypatch):
    """In the narrow 村(社区) column 清溪镇 清溪村 broke as 清溪镇 清 / 溪村: the township
    takes the first line, the village the second."""
    import jianfu.reports.certificate as report

    printed: list = []
    monkeypatch.setattr(report, "build_register_pdf", lambda rows, **_kw: printed.extend(rows))
    person, town_name, _village = same_village_twice(demo_ctx)
    demo_ctx.person = person
    Services.create(demo_ctx).certificates.print_register(dt.date(TODAY.year - 1, 1, 1), TODAY)
    assert printed
    assert all(r.village.startswith(f"{town_name}\n") for r in printed)


def test_the_county_reviewers_figures_go_township_by_township(demo_ctx):
    """证明 统计 of a county listed its villages in their order numbers alone, the townships'
    villages mixed: each village now carries its township, and they come township by
    township (the demo township's in its order, then 石门乡's), a village with no request
    in the period too."""
    from jianfu.domain.certificates import CertificateInput

    person, town_name, other_village = same_village_twice(demo_ctx)
    # (not after today: on 1 January the 2nd is a day a request may not be dated yet)
    day = min(dt.date(TODAY.year, 1, 2), TODAY)
    request = CertificateInput(day, "石门乡申请人", "居住证明", other_village)
    Services.create(demo_ctx).certificates.register(request)
    demo_ctx.person = person
    figures = Services.create(demo_ctx).certificates.figures(day, TODAY)
    towns = [v.township for v in figures.villages]
    assert towns == [town_name] * (len(towns) - 1) + ["石门乡"]
    theirs = figures.villages[-1]
    assert (theirs.village, theirs.village_id, theirs.requests) == ("清溪村", other_village, 1)
    with demo_ctx.unit_of_work() as s:
        from jianfu.db.models import UnitRow

        order = [
            u.id
            for u in s.query(UnitRow)
            .filter(UnitRow.parent_id == figures.villages[0].township_id)
            .order_by(UnitRow.sort_order, UnitRow.id)
            if u.active
        ]
    assert [v.village_id for v in figures.villages[:-1]] == order
    assert figures.total.requests == sum(v.requests for v in figures.villages)


def test_the_county_reviewers_figures_on_the_command_line_name_each_township(demo_ctx, capsys):
    """`certs figures` printed a county's villages by name alone: two rows 清溪村, one of
    each township (--json and the screen name the township). A township's are as before."""
    import argparse

    from jianfu.cli.certificates import _figures
    from jianfu.services.certificates import CertificatesService

    person, town_name, _village = same_village_twice(demo_ctx)
    args = argparse.Namespace(json=False, period=None, date_from=dt.date(2000, 1, 1), date_to=TODAY)

    def rows() -> list[str]:
        capsys.readouterr()
        assert _figures(CertificatesService(demo_ctx), args) == 0
        table = capsys.readouterr().out.split("\n\n")[0]  # the agencies after a blank line
        return [line.split("  ")[0] for line in table.splitlines()[2:]]

    clerk = rows()
    assert "清溪村" in clerk and not any(" " in name for name in clerk)
    demo_ctx.person = person
    county = rows()
    assert f"{town_name} 清溪村" in county and "石门乡 清溪村" in county
    assert county[-1] == "合计"
    assert [name.split(" ")[-1] for name in county] == clerk
