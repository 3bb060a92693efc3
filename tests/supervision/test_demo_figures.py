"""Issue 13 "Done when", on the demo: the county dashboard's figures equal counts taken
through the API, the children's figures add up to the parent's, a township account sees only
its own subtree, and the rollups equal the facts (the check CI runs with every test run)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from smartvet.core import regions
from smartvet.core.indicators import Rollup
from smartvet.core.models import User
from smartvet.supervision import queries, services
from tests.support.api import ApiClient


def test_the_demo_county_dashboard_agrees_with_the_api_and_its_children(db, monkeypatch):
    User.objects.exclude(provider=None).delete()
    User.objects.all().delete()
    monkeypatch.setenv("SMARTVET_DEMO_PASSWORD", "demo-pass-1")
    call_command("demo", no_serve=True)
    assert services.check(regions.NATION).differences == []

    supervisor = User.objects.get(username="county_supervisor")
    today = timezone.localdate()
    period = queries.period(today - timedelta(days=366 * 5), today)
    answer = queries.figures(supervisor, "420506", period, cached=False)
    api = ApiClient(supervisor)
    farms = api.get("/api/v1/farms", region="420506", limit=1).json()["count"]
    certificates = api.get("/api/v1/certificates", limit=1).json()["count"]
    declarations = api.get("/api/v1/declarations", limit=1).json()["count"]
    assert answer["figures"]["farms_registered"] == farms > 0
    assert answer["figures"]["certificates"] == certificates > 0
    assert answer["figures"]["declarations"] == declarations > 0
    # the API answers the same figures as the page's
    through_api = api.get(
        "/api/v1/supervision/figures", region="420506", **{"from": period.first, "to": today}
    ).json()
    assert through_api["figures"] == answer["figures"]

    summed = [i for i in queries.indicators() if i.rollup == Rollup.SUM]
    for code in ("42", "4205", "420506", "420506107"):
        parent = queries.figures(User.objects.get(username="province_supervisor"), code, period)
        for item in summed:
            total = sum(child["figures"][item.code] or 0 for child in parent["children"])
            assert total == (parent["figures"][item.code] or 0), (code, item.code)

    station = ApiClient(User.objects.get(username="station_longquan"))
    own = station.get("/api/v1/supervision/figures", region="420506107")
    assert own.status_code == 200
    assert {c["code"][:9] for c in own.json()["children"]} == {"420506107"}
    for outside in ("420506", "420506108", "42"):
        assert station.get("/api/v1/supervision/figures", region=outside).status_code == 404
