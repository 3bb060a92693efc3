"""The dashboards the refresh prepares (issue 13 point 3: a landing page that reads only
cached figures): a region at county level and above opens for the default period without
summing, and what it shows is never older than the last refresh or rebuild."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartvet.supervision import anomalies, queries, services
from smartvet.supervision.models import Dashboard
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm
from tests.support.personas import PASSWORD

ABOVE_A_TOWNSHIP = ("42", "4205", "420506")


def _farms(personas) -> None:
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)


def _shown(user, code: str) -> int:
    return queries.figures(user, code, queries.period(None, None))["figures"]["farms_registered"]


def test_the_refresh_prepares_the_dashboards_above_a_township(personas):
    _farms(personas)
    services.refresh()
    period = queries.period(None, None)
    rows = Dashboard.objects.filter(first=period.first, last=period.last, stale=False)
    assert set(rows.values_list("region", flat=True)) == set(ABOVE_A_TOWNSHIP)
    reader = personas.province_supervisor
    for code in ABOVE_A_TOWNSHIP:
        region = queries.region_for(reader, code)
        assert queries.figures(reader, code, period) == queries.region_figures(
            region, period, cached=False
        )
        item = queries.indicator(queries.DEFAULT_INDICATOR)
        assert queries.series(reader, code, item, period) == queries.region_series(
            code, item, period
        )
        assert anomalies.anomalies(reader, code, period) == anomalies.region_anomalies(
            region, period
        )


def test_a_dashboard_opening_for_the_default_period_reads_no_rollup(personas):
    _farms(personas)
    services.refresh()
    client = Client()
    assert client.login(username=personas.province_supervisor.username, password=PASSWORD)
    for code in ABOVE_A_TOWNSHIP:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(f"/supervision/{code}/")
        assert page.status_code == 200
        read = " ".join(query["sql"] for query in captured.captured_queries)
        assert "supervision_rollup" not in read and "supervision_summary" not in read
    # a period chosen by hand is summed
    first = (timezone.localdate() - timedelta(days=30)).isoformat()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/supervision/42/?from={first}").status_code == 200
    assert "supervision_summary" in " ".join(q["sql"] for q in captured.captured_queries)


def test_a_write_shows_on_every_prepared_dashboard_once_the_refresh_ran(personas):
    _farms(personas)
    services.refresh()
    reader = personas.province_supervisor
    before = {code: _shown(reader, code) for code in ABOVE_A_TOWNSHIP}
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    services.refresh()
    assert not Dashboard.objects.filter(stale=True).exists()
    assert {code: _shown(reader, code) for code in ABOVE_A_TOWNSHIP} == {
        code: value + 1 for code, value in before.items()
    }


def test_a_rebuild_prepares_the_dashboards_it_changed(personas):
    _farms(personas)
    services.refresh()
    reader = personas.province_supervisor
    before = _shown(reader, "420506")
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    services.rebuild("420506")  # the command, between two refreshes
    assert not Dashboard.objects.filter(stale=True).exists()
    assert _shown(reader, "420506") == before + 1


def test_yesterdays_dashboards_are_not_read_today(personas):
    _farms(personas)
    services.refresh()
    Dashboard.objects.update(last=timezone.localdate() - timedelta(days=1))
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    services.rebuild("420506")
    period = queries.period(None, None)
    assert set(Dashboard.objects.filter(last=period.last).values_list("region", flat=True)) == set(
        ABOVE_A_TOWNSHIP
    )
    assert not Dashboard.objects.exclude(last=period.last).exists()
    assert _shown(personas.province_supervisor, "42") == 3
