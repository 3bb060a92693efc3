"""The dashboard pages: drill-down, ranking, the chart, the exports (issue 13 point 3)."""

from __future__ import annotations

import io

from django.test import Client
from openpyxl import load_workbook

from smartvet.supervision import services
from smartvet.supervision.models import CountyRollout
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm
from tests.support.personas import PASSWORD


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _facts(personas):
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    services.refresh()


def test_the_county_dashboard_ranks_its_townships_and_links_down(personas):
    _facts(personas)
    page = _client(personas.county_supervisor).get("/supervision/420506/").content.decode()
    assert "夷陵区智慧监管" in page
    assert page.index('data-region="420506107"') < page.index('data-region="420506108"')
    assert 'href="/supervision/420506107/?' in page
    assert "<svg" in page and 'class="bar"' in page


def test_a_station_reaches_its_township_and_not_its_county(personas):
    _facts(personas)
    client = _client(personas.station_longquan)
    assert client.get("/supervision/").url == "/supervision/420506107/"
    assert client.get("/supervision/420506107/").status_code == 200
    assert client.get("/supervision/420506/").status_code == 404
    assert client.get("/supervision/420506108/").status_code == 404


def test_a_farmer_has_no_dashboard(personas):
    assert _client(personas.farmer_longquan).get("/supervision/420506107/").status_code == 403


def test_the_export_holds_the_region_and_each_child(personas):
    _facts(personas)
    response = _client(personas.county_supervisor).get("/supervision/420506/figures.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("区划代码", "地区", "登记养殖场户（户）")
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["420506"][2] == by_code["420506107"][2] + by_code["420506108"][2] + sum(
        row[2] or 0
        for code, row in by_code.items()
        if code not in {"420506", "420506107", "420506108"}
    )
    assert by_code["420506107"][1] == "龙泉镇" and by_code["420506107"][2] == 2


def test_a_bad_date_is_refused_in_words(personas):
    response = _client(personas.county_supervisor).get("/supervision/420506/?from=2026-13-01")
    assert response.status_code == 422
    assert "日期格式应为YYYY-MM-DD" in response.content.decode()


def test_the_rollout_page_lists_the_county(personas):
    page = _client(personas.county_supervisor).get("/supervision/420506/rollout/").content.decode()
    assert 'data-region="420506"' in page and "夷陵区" in page


def test_the_province_switches_functions_on_from_the_rollout_page(personas):
    province = _client(personas.province_supervisor)
    page = province.get("/supervision/4205/rollout/").content.decode()
    assert 'data-action="enable_features"' in page and 'data-action="report_live"' not in page
    response = province.post(
        "/supervision/4205/rollout/420506/features/", {"tag_issue_enabled_on": "2026-07-01"}
    )
    assert response.status_code == 302
    assert str(CountyRollout.objects.get(county_id="420506").tag_issue_enabled_on) == "2026-07-01"


def test_a_county_reports_from_the_rollout_page_and_may_not_switch_on(personas):
    county = _client(personas.county_supervisor)
    page = county.get("/supervision/420506/rollout/").content.decode()
    assert 'data-action="report_live"' in page and 'data-action="enable_features"' not in page
    refused = county.post(
        "/supervision/420506/rollout/420506/features/", {"tag_issue_enabled_on": "2026-07-01"}
    )
    assert refused.status_code == 403
    county.post("/supervision/420506/rollout/420506/report/", {"reported_live_on": "2026-07-05"})
    assert "2026-07-05" in county.get("/supervision/420506/rollout/").content.decode()
