"""CONTRACT.md Enforcement through the API: vehicles, a case from open to closed, a closed case
refusing every change, and a declaration refused for an unregistered vehicle."""

from datetime import timedelta

from django.utils import timezone

from smartvet.enforcement.models import Case
from tests.enforcement.vehicle_factories import require_registered
from tests.quarantine import factories
from tests.support.api import ApiClient


def test_a_vehicle_is_registered_and_found_by_its_plate(personas):
    county = ApiClient(personas.county_supervisor)
    body = {
        "plate": "鄂e a1234",
        "owner_name": "王运输",
        "owner_phone": "13907179999",
        "capacity": 60,
    }
    created = county.post("/api/v1/vehicles", body)
    assert created.status_code == 201
    assert created.json() == {"id": created.json()["id"], "plate": "鄂EA1234", "registered": True}
    again = county.post("/api/v1/vehicles", {**body, "plate": "鄂E·A1234"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "VEHICLE_REGISTERED"
    found = ApiClient(personas.checkpoint).get("/api/v1/vehicles", plate="鄂E A1234").json()
    assert found["count"] == 1 and found["items"][0]["owner_phone"] == "139****9999"


def test_a_case_from_open_to_closed_and_a_closed_case_refuses_every_change(personas):
    opened = ApiClient(personas.checkpoint).post(
        "/api/v1/cases",
        {
            "kind": "unregistered_vehicle",
            "region": "420506",
            "farm": None,
            "certificate": "",
            "summary": "未备案车辆运输生猪",
        },
    )
    assert opened.status_code == 201 and opened.json()["status"] == "open"
    case = opened.json()["id"]
    bureau = ApiClient(personas.bureau)
    assert bureau.post(f"/api/v1/cases/{case}/investigate", {}).json()["status"] == "investigating"
    decided = bureau.post(
        f"/api/v1/cases/{case}/decide",
        {"decision": "fine", "amount": "1500", "reasons": "《动物防疫法》第九十八条"},
    ).json()
    assert decided["status"] == "decided" and decided["amount"] == "1500.00"
    closed = bureau.post(f"/api/v1/cases/{case}/close", {}).json()
    assert closed["status"] == "closed" and closed["actions"] == []
    for path, body in (
        ("investigate", {}),
        ("decide", {"decision": "warning", "amount": None, "reasons": "改判"}),
        ("close", {}),
        ("evidence", {"record_kind": "farm", "record_ref": "1"}),
    ):
        refused = bureau.post(f"/api/v1/cases/{case}/{path}", body)
        assert refused.status_code in (409, 422), path
        assert refused.json()["error"]["code"] == "INVALID_TRANSITION", path
    assert Case.objects.get().decision == "fine"


def test_a_declaration_names_a_registered_vehicle_where_the_county_requires_it(tagged, farm):
    require_registered(tagged.county_supervisor)
    refused = ApiClient(tagged.farmer_longquan).post(
        "/api/v1/declarations",
        {
            "farm": farm.pk,
            "category": "fattening_pig",
            "quantity": 2,
            "purpose": "slaughter",
            "destination": {"slaughterhouse": "slaughterhouse"},
            "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "vehicle": "鄂E·Z9999",
            "ear_tags": factories.tags(1, 2),
        },
    )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "VEHICLE_UNREGISTERED" and "鄂E·Z9999" in error["message"]
