"""Anomalies and rollout from the rollups (issue 13 points 4 and 5)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from smartvet.supervision import queries, rollout, rules, services
from smartvet.supervision.anomalies import anomalies
from smartvet.supervision.models import CountyRollout, Rollup
from tests.support.api import ApiClient


def _cell(measure, place, day, value):
    Rollup.objects.create(
        measure=measure, place=place, day=day, value=Decimal(value), **rules.ancestors(place)
    )
    services.summarise(place[:6])  # what the recount does after writing a rollup


def test_each_kind_of_anomaly_names_its_place_and_links_to_records(personas):
    today = timezone.localdate()
    village = "420506107201"
    _cell("certificates_unarrived", village, today, 2)
    _cell("animals_in_stock", village, today - timedelta(days=40), 100)
    _cell("animals_immunized", village, today, 50)
    _cell("declarations", "420506108201", today - timedelta(days=30), 4)
    found = anomalies(
        personas.county_supervisor,
        "420506",
        queries.period(today.replace(day=1) - timedelta(days=40), today),
    )
    kinds = {(a.kind, a.region) for a in found}
    assert ("certificates_unarrived", village) in kinds
    assert ("density_below_target", "420506107") in kinds
    assert ("stopped_reporting", "420506108") in kinds
    unarrived = next(a for a in found if a.kind == "certificates_unarrived")
    assert unarrived.summary == "2份检疫证明出证后尚未确认到达"
    assert unarrived.object.startswith("/quarantine/certificates/")


def test_a_township_far_above_its_siblings_is_an_outlier(personas):
    from smartvet.core.models import Region

    today = timezone.localdate()
    townships = list(Region.objects.filter(parent_id="420506").values_list("code", flat=True))[:8]
    for index, code in enumerate(townships):
        _cell("declarations", code + "201", today, 500 if index == 0 else 10 + index % 3)
    answer = (
        ApiClient(personas.county_supervisor)
        .get("/api/v1/supervision/anomalies", region="420506", kind="outlier")
        .json()
    )
    assert answer["count"] >= 1
    assert answer["items"][0]["region"] == townships[0]
    assert "检疫申报" in answer["items"][0]["summary"]


def test_rollout_dates_come_from_the_first_events_and_late_counties_are_named(personas):
    _cell("tags_issued", "420506107", date(2026, 7, 2), 100)
    _cell("certificates", "420506107201", date(2026, 7, 5), 1)
    CountyRollout.objects.create(county_id="420506", reported_live_on=date(2026, 7, 1))
    states = {
        s.code: s
        for s in rollout.rollout(personas.county_supervisor, "420506", today=date(2026, 11, 1))
    }
    yiling = states["420506"]
    assert yiling.tags_live_on == date(2026, 7, 2) and yiling.quarantine_live_on == date(2026, 7, 5)
    assert yiling.reported_live_on == date(2026, 7, 1) and yiling.live_on == date(2026, 7, 5)
    assert yiling.late  # no farms nor tag stock by 6-30: the preparation milestone is missed
    assert yiling.late_for == "完成养殖场户信息核对和库存耳标导入"


def test_the_rollout_api_answers_per_county(personas):
    answer = ApiClient(personas.bureau).get("/api/v1/supervision/rollout", region="420506").json()
    assert [c["code"] for c in answer["counties"]] == ["420506"]
    assert set(answer["counties"][0]) >= {
        "code",
        "name",
        "tags_live_on",
        "quarantine_live_on",
        "late",
    }
