"""The subsidy API: a whole cycle, bad input of every kind, the public publicity list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.models import LedgerEvent
from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Publicity
from tests.subsidy import factories
from tests.support.api import error_code


def test_a_whole_cycle_through_the_api(api, personas, policy, platform):
    farm = factories.scale_farm(personas.farmer_longquan)
    farmer, supervisor, bureau = (
        api(personas.farmer_longquan),
        api(personas.county_supervisor),
        api(personas.bureau),
    )
    response = farmer.post(
        "/api/v1/subsidy/qualifications", {"farm": farm.pk, "policy": policy.code}
    )
    assert response.status_code == 201, response.content
    qid = response.json()["id"]
    assert (
        supervisor.post(f"/api/v1/subsidy/qualifications/{qid}/preliminary-approve").status_code
        == 200
    )
    assert (
        bureau.post(f"/api/v1/subsidy/qualifications/{qid}/approve").json()["status"] == "approved"
    )
    response = farmer.post("/api/v1/subsidy/applications", {"farm": farm.pk, "policy": policy.code})
    assert response.status_code == 201
    app = response.json()
    assert app["entitled"] == "17170.00" and app["policy_version"] == policy.version
    assert app["lines"][1]["basis"] == "min(quarantined 1450, immunized 1500)"
    supervisor.post(f"/api/v1/subsidy/applications/{app['id']}/preliminary-approve", {})
    bureau.post(f"/api/v1/subsidy/applications/{app['id']}/approve", {})
    response = bureau.post("/api/v1/subsidy/publicities", {"policy": policy.code})
    assert response.status_code == 201
    publicity = response.json()
    assert publicity["items"][0]["allocated"] == "17170.00"
    listed = api().get("/api/v1/public/subsidy/publicities").json()
    assert listed[0]["items"][0]["farm"] == farm.name
    Publicity.objects.filter(pk=publicity["id"]).update(
        starts_on=timezone.localdate() - timedelta(days=10),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert (
        bureau.post(f"/api/v1/subsidy/publicities/{publicity['id']}/close").json()["status"]
        == "closed"
    )
    assert api().get("/api/v1/public/subsidy/publicities").json() == []
    response = bureau.post(
        f"/api/v1/subsidy/applications/{app['id']}/payment",
        {
            "account_kind": "yikatong",
            "account_no": "6228480012345",
            "paid_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 201 and response.json()["amount"] == "17170.00"
    summary = bureau.get("/api/v1/subsidy/summary").json()
    assert summary["totals"] == {
        "entitled": "17170.00",
        "allocated": "17170.00",
        "paid": "17170.00",
    }
    pig = summary["species"][0]
    assert pig["species"] == "pig" and pig["paid"] == "17170.00"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/subsidy/qualifications", {"farm": 1, "policy": "x" * 41}),
        ("/api/v1/subsidy/qualifications", {"farm": 1, "policy": "p", "note": "x" * 501}),
        ("/api/v1/subsidy/qualifications", {"farm": "abc", "policy": "p"}),
        ("/api/v1/subsidy/qualifications", {"farm": 2**40, "policy": "p"}),
        ("/api/v1/subsidy/qualifications", {"farm": 1, "policy": "p", "extra": "x"}),
        ("/api/v1/subsidy/applications", {"farm": 1, "policy": "p", "payee": "someone"}),
        ("/api/v1/subsidy/applications", {"farm": 1, "policy": "p", "evidence": "x" * 1001}),
        ("/api/v1/subsidy/publicities", {"policy": "p", "starts_on": "2025-02-30"}),
        ("/api/v1/subsidy/publicities", {"policy": "p", "title": "x" * 201}),
        (
            "/api/v1/subsidy/applications/1/payment",
            {"account_kind": "cash", "account_no": "1", "paid_on": "2025-01-01"},
        ),
        (
            "/api/v1/subsidy/applications/1/payment",
            {"account_kind": "bank", "account_no": "1" * 41, "paid_on": "2025-01-01"},
        ),
        (
            "/api/v1/subsidy/applications/1/payment",
            {"account_kind": "bank", "account_no": "1", "paid_on": "yesterday"},
        ),
        ("/api/v1/subsidy/applications/1/return", {"reason": "x" * 501}),
        ("/api/v1/subsidy/applications/1/objections", {"raised_by": "x" * 51, "text": "t"}),
        (
            "/api/v1/subsidy/policies/1/copy",
            {"code": "a", "name": "b", "region": "420506", "shift_years": 9},
        ),
    ],
)
def test_malformed_input_is_refused_with_422(api, personas, path, body):
    before = LedgerEvent.objects.count()
    response = api(personas.bureau).post(path, body)
    assert response.status_code == 422
    assert error_code(response) == "VALIDATION_ERROR"
    assert LedgerEvent.objects.count() == before


def test_an_unknown_policy_is_not_eligible(api, personas):
    farm = factories.scale_farm(personas.farmer_longquan)
    response = api(personas.farmer_longquan).post(
        "/api/v1/subsidy/qualifications", {"farm": farm.pk, "policy": "no-such"}
    )
    assert response.status_code == 422 and error_code(response) == "NOT_ELIGIBLE"


def test_a_policy_of_another_county_does_not_apply(api, personas):
    jiyuan = factories.make_policy(personas.jiyuan_bureau, region="419001")
    farm = factories.scale_farm(personas.farmer_longquan)
    response = api(personas.farmer_longquan).post(
        "/api/v1/subsidy/qualifications", {"farm": farm.pk, "policy": jiyuan.code}
    )
    assert error_code(response) == "NOT_ELIGIBLE"


def test_a_returned_item_needs_a_reason(api, personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    response = api(personas.county_supervisor).post(
        f"/api/v1/subsidy/qualifications/{item.pk}/return", {"reason": ""}
    )
    assert error_code(response) == "VALIDATION_ERROR"


def test_the_same_review_cannot_win_twice(api, personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    supervisor = api(personas.county_supervisor)
    path = f"/api/v1/subsidy/qualifications/{item.pk}/preliminary-approve"
    assert supervisor.post(path).status_code == 200
    response = supervisor.post(path)
    assert response.status_code == 409 and error_code(response) == "INVALID_TRANSITION"


def test_lists_filter_and_page(api, personas, policy, platform):
    factories.approved_application(personas, policy)
    bureau = api(personas.bureau)
    assert bureau.get("/api/v1/subsidy/applications", status="approved").json()["count"] == 1
    assert bureau.get("/api/v1/subsidy/applications", status="paid").json()["count"] == 0
    assert bureau.get("/api/v1/subsidy/applications", flagged="true").json()["count"] == 0
    assert bureau.get("/api/v1/subsidy/qualifications", limit=1).json()["count"] == 1
    assert bureau.get("/api/v1/subsidy/applications", limit=500).status_code == 422
    assert api(personas.jiyuan_bureau).get("/api/v1/subsidy/applications").json()["count"] == 0
    codes = [p["code"] for p in bureau.get("/api/v1/subsidy/policies").json()]
    assert policy.code in codes and "jiyuan-2024" in codes


def test_nul_characters_are_refused_and_nothing_published(api, personas, policy, platform):
    factories.approved_application(personas, policy)
    bureau = api(personas.bureau)
    for params in ({"q": "a\x00b"}, {"policy": "\x00"}, {"status": "x\x00"}):
        for path in ("/api/v1/subsidy/applications", "/api/v1/subsidy/qualifications"):
            assert error_code(bureau.get(path, **params)) == "VALIDATION_ERROR"
    assert error_code(bureau.get("/api/v1/subsidy/summary", policy="\x00")) == "VALIDATION_ERROR"
    response = bureau.post("/api/v1/subsidy/publicities", {"policy": "\x00"})
    assert error_code(response) == "VALIDATION_ERROR"
    assert not Publicity.objects.exists()
