"""绩效考核: a scheme as data, scores and rankings from the rollups, notices with a
rectification deadline followed until closed (issue 13 point 6, seed 001 §三)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import LedgerEvent
from smartvet.supervision import services
from smartvet.supervision.commands import IssueNotice
from smartvet.supervision.models import Notice, Scheme
from tests.supervision.endpoint_cases import criticism_body, scheme_body
from tests.support.api import ApiClient, error_code
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm


def test_townships_are_scored_and_ranked_by_the_scheme(personas):
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    services.refresh()
    bureau = ApiClient(personas.bureau)
    scheme = bureau.post("/api/v1/supervision/schemes", scheme_body()).json()
    answer = bureau.get(f"/api/v1/supervision/schemes/{scheme['id']}/scores").json()
    top, second = answer["items"][0], answer["items"][1]
    assert (top["rank"], top["name"], top["score"]) == (1, "龙泉镇", 100)
    assert (second["name"], second["score"], second["points"]["farms_registered"]) == (
        "鸦鹊岭镇",
        70,
        30,
    )
    assert answer["items"][-1]["score"] == 40  # no farm: only the arrivals' points


def test_a_scheme_whose_weights_do_not_make_100_is_refused(personas):
    items = [{"indicator": "farms_registered", "weight": 50, "target": "10"}]
    response = ApiClient(personas.bureau).post(
        "/api/v1/supervision/schemes", scheme_body(items=items)
    )
    assert (
        response.status_code == 422
        and response.json()["error"]["message"] == "各指标权重合计应为100分"
    )
    assert not Scheme.objects.exists()


def test_an_unknown_indicator_is_refused(personas):
    items = [{"indicator": "happiness", "weight": 100, "target": "1"}]
    response = ApiClient(personas.bureau).post(
        "/api/v1/supervision/schemes", scheme_body(items=items)
    )
    assert response.status_code == 422 and response.json()["error"]["message"] == "考核指标不存在"


def test_a_criticism_is_followed_until_the_issuer_closes_it(personas):
    supervisor = ApiClient(personas.county_supervisor)
    notice = supervisor.post("/api/v1/supervision/notices", criticism_body()).json()
    assert notice["status"] == "rectifying" and not notice["overdue"]

    # the criticised township sees its notice but cannot close it
    station = ApiClient(personas.station_yaqueling)
    assert [n["id"] for n in station.get("/api/v1/supervision/notices").json()["items"]] == [
        notice["id"]
    ]
    refused = ApiClient(personas.station_longquan).get("/api/v1/supervision/notices").json()
    assert refused["count"] == 0

    closed = supervisor.post(
        f"/api/v1/supervision/notices/{notice['id']}/close", {"rectification": "已完成全部核对"}
    ).json()
    assert closed["status"] == "closed" and closed["rectification"] == "已完成全部核对"
    again = supervisor.post(
        f"/api/v1/supervision/notices/{notice['id']}/close", {"rectification": "再次"}
    )
    assert again.status_code == 409 and error_code(again) == "INVALID_TRANSITION"


def test_a_criticism_without_a_future_deadline_is_refused(personas):
    before = LedgerEvent.objects.count()
    response = ApiClient(personas.county_supervisor).post(
        "/api/v1/supervision/notices", criticism_body(rectify_by=str(timezone.localdate()))
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "通报批评须写明今天以后的整改期限"
    assert not Notice.objects.exists() and LedgerEvent.objects.count() == before


def test_an_office_cannot_notice_itself(personas):
    response = ApiClient(personas.county_supervisor).post(
        "/api/v1/supervision/notices", criticism_body(region="420506")
    )
    assert (
        response.status_code == 422
        and response.json()["error"]["message"] == "只能考核或通报下级地区"
    )


def test_an_overdue_criticism_is_listed_as_overdue(personas):
    notice = services.issue_notice(
        actor=personas.county_supervisor,
        command=IssueNotice(**criticism_body()),
    )
    Notice.objects.filter(pk=notice.pk).update(rectify_by=timezone.localdate() - timedelta(days=1))
    answer = (
        ApiClient(personas.county_supervisor)
        .get("/api/v1/supervision/notices", status="overdue")
        .json()
    )
    assert answer["count"] == 1 and answer["items"][0]["overdue"]
