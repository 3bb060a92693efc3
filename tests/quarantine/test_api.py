"""The core flow through the JSON API with CONTRACT.md's field names."""

from datetime import timedelta

from django.utils import timezone

from tests.quarantine import factories
from tests.support.api import error_code


def declaration_body(farm, **overrides):
    body = {
        "farm": farm.pk,
        "category": "fattening_pig",
        "quantity": 3,
        "purpose": "slaughter",
        "destination": {"region": "420506", "place": "夷陵区定点屠宰场", "kind": "slaughterhouse"},
        "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "vehicle": "鄂E·A1234",
        "ear_tags": ["1-420506-00000001", "1 420506 00000002", "142050600000003"],
    }
    body.update(overrides)
    return body


def test_the_whole_chain_through_the_api(api, tagged, farm):
    farmer, vet = api(tagged.farmer_longquan), api(tagged.vet_longquan)
    response = farmer.post("/api/v1/declarations", declaration_body(farm))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "submitted"
    declaration_id = created["id"]

    assert vet.get("/api/v1/quarantine/queue").json()["submitted"] == 1
    assert vet.post(f"/api/v1/declarations/{declaration_id}/accept", {}).json()["status"] == (
        "accepted"
    )
    inspected = vet.post(
        f"/api/v1/declarations/{declaration_id}/inspect", {"result": "pass", "notes": "合格"}
    ).json()
    number = inspected["certificate"]["number"]
    assert inspected["status"] == "certified"

    public = api().get(f"/api/v1/public/certificates/{number}").json()
    assert public["valid"] is True and public["ear_tags_count"] == 3

    check = api(tagged.checkpoint).post(
        f"/api/v1/certificates/{number}/checks", {"vehicle": "鄂E·A1234", "count_seen": 3}
    )
    assert check.status_code == 201 and check.json()["result"] == "pass"

    entry = api(tagged.slaughterhouse).post(
        "/api/v1/slaughter/entries", {"certificate": number, "ear_tags": factories.tags(1, 3)}
    )
    assert entry.status_code == 201
    assert entry.json()["reconciled"] is True

    trace = vet.get("/api/v1/trace/eartags/142050600000001").json()
    kinds = [e["kind"] for e in trace["events"]]
    assert kinds.index("certified") < kinds.index("slaughtered") < len(kinds)
    assert "cancelled" in kinds

    listed = vet.get("/api/v1/certificates", q=number).json()
    assert listed["count"] == 1 and listed["items"][0]["status"] == "arrived"


def test_a_refused_declaration_reports_every_problem(api, tagged, farm):
    response = api(tagged.farmer_longquan).post(
        "/api/v1/declarations",
        declaration_body(
            farm,
            quantity=150,
            departure_date=timezone.localdate().isoformat(),
            ear_tags=["bad-tag"],
        ),
    )
    assert response.status_code == 422
    codes = {d["code"] for d in response.json()["error"]["details"]}
    assert {
        "DECLARATION_TOO_LATE",
        "STOCK_INSUFFICIENT",
        "EARTAG_COUNT_MISMATCH",
        "EARTAG_MALFORMED",
    } <= codes
    assert all(d["message"] for d in response.json()["error"]["details"])


def test_too_long_and_malformed_input_is_a_validation_error(api, tagged, farm):
    client = api(tagged.farmer_longquan)
    for body in (
        declaration_body(farm, vehicle="x" * 21),
        declaration_body(farm, destination={"region": "4" * 13, "place": "x"}),
        declaration_body(farm, ear_tags=["1" * 15] * 5001),
        declaration_body(farm, departure_date="2026-02-30"),
        declaration_body(farm, quantity=0),
        declaration_body(farm, purpose="smuggling"),
        declaration_body(farm, remarks="x" * 201),
    ):
        response = client.post("/api/v1/declarations", body)
        assert response.status_code == 422
        assert error_code(response) == "VALIDATION_ERROR"


def test_reject_and_fail_over_the_api(api, tagged, farm, declaration):
    vet = api(tagged.vet_longquan)
    response = vet.post(f"/api/v1/declarations/{declaration.pk}/reject", {"reason": ""})
    assert error_code(response) == "VALIDATION_ERROR"
    response = vet.post(f"/api/v1/declarations/{declaration.pk}/inspect", {"result": "pass"})
    assert response.status_code == 409 and error_code(response) == "INVALID_TRANSITION"
    response = vet.post(f"/api/v1/declarations/{declaration.pk}/reject", {"reason": "车辆未备案"})
    assert response.json()["rejection_reason"] == "车辆未备案"


def test_arrival_and_revocation_over_the_api(api, tagged, certificate):
    response = api(tagged.vet_longquan).post(
        f"/api/v1/certificates/{certificate.number}/arrival", {"received_quantity": 5}
    )
    assert response.status_code == 403
    response = api(tagged.slaughterhouse).post(
        f"/api/v1/certificates/{certificate.number}/arrival", {"received_quantity": 4}
    )
    assert response.json()["arrival_flags"] == ["short"]
    response = api(tagged.vet_longquan).post(
        f"/api/v1/certificates/{certificate.number}/revoke", {"reason": "x"}
    )
    assert error_code(response) == "INVALID_TRANSITION"


def test_lists_filter_and_page(api, tagged, farm, declaration):
    vet = api(tagged.vet_longquan)
    assert vet.get("/api/v1/declarations", status="submitted").json()["count"] == 1
    assert vet.get("/api/v1/declarations", status="accepted").json()["count"] == 0
    assert vet.get("/api/v1/declarations", q=farm.name).json()["count"] == 1
    assert api(tagged.vet_yaqueling).get("/api/v1/declarations").json()["count"] == 0
    assert vet.get("/api/v1/declarations", limit=500).status_code == 422


def test_out_of_range_ids_are_refused_not_crashed(api, tagged, farm):
    client = api(tagged.vet_longquan)
    huge = 2**63 + 5
    assert client.get(f"/api/v1/declarations/{huge}").status_code == 422
    assert client.post(f"/api/v1/declarations/{huge}/accept", {}).status_code == 422
    assert client.get(f"/api/v1/trace/farms/{huge}").status_code == 422
    body = {**declaration_body(farm), "farm": huge}
    response = api(tagged.farmer_longquan).post("/api/v1/declarations", body)
    assert error_code(response) == "VALIDATION_ERROR"
    assert client.get(f"/api/v1/certificates/{'X' * 5000}").status_code == 404
