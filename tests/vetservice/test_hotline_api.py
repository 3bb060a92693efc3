"""The hotline's API as CONTRACT.md shapes it: `POST /api/v1/hotline/tickets` answers 201
{"id","status","first_response_due"}; bad input is a VALIDATION_ERROR in Chinese; the
caller's number is masked for a desk that need not call back."""

from __future__ import annotations

import pytest

from smartvet.vetservice.models import HotlineTicket
from tests.support.api import ApiClient
from tests.support.factories import LONGQUAN, make_farm
from tests.vetservice.hotline_factories import open_ticket

pytestmark = pytest.mark.django_db

BODY = {
    "stage": "after_sale",
    "subject": "阉割后伤口红肿",
    "body": "昨天阉割的仔猪伤口红肿",
    "phone": "13907171234",
}


def test_the_contract_answer(farmer_longquan):
    farm = make_farm(farmer_longquan)
    response = ApiClient(farmer_longquan).post("/api/v1/hotline/tickets", {**BODY, "farm": farm.pk})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "status", "first_response_due"}
    assert body["status"] == "open"
    ticket = HotlineTicket.objects.get(pk=body["id"])
    assert ticket.stage == "after_sale" and ticket.channel == "app"
    assert body["first_response_due"].startswith(
        ticket.first_response_due.astimezone().isoformat()[:10]
    )


def test_a_farmer_without_a_farm_files_in_its_own_region(farmer_longquan):
    response = ApiClient(farmer_longquan).post("/api/v1/hotline/tickets", {**BODY, "farm": None})
    assert response.status_code == 201
    assert HotlineTicket.objects.get().region_id == farmer_longquan.region_id


@pytest.mark.parametrize(
    "bad",
    [{"stage": "harvest"}, {"subject": ""}, {"phone": "1" * 21}, {"topic": "weather"}, {"x": 1}],
)
def test_bad_input_is_refused_in_chinese(station_longquan, bad):
    response = ApiClient(station_longquan).post("/api/v1/hotline/tickets", {**BODY, **bad})
    error = response.json()["error"]
    assert response.status_code == 422 and error["code"] == "VALIDATION_ERROR"
    assert error["details"] and all(d["message"] for d in error["details"])
    assert not HotlineTicket.objects.exists()


def test_an_unknown_region_is_refused(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/hotline/tickets", {**BODY, "region": LONGQUAN + "999"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "region"


def test_the_ticket_reads_with_its_clocks_and_a_masked_number(
    station_longquan, provider_xingmu, county_supervisor
):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    body = ApiClient(station_longquan).get(f"/api/v1/hotline/tickets/{ticket.pk}").json()
    assert body["phone"] == "13907171234" and body["routed_to"] == "station_longquan"
    assert body["clocks"]["first_response"]["state"] == "running"
    assert body["clocks"]["next_update"] == {"due": None, "state": "stopped"}
    masked = ApiClient(provider_xingmu).get(f"/api/v1/hotline/tickets/{ticket.pk}").json()
    assert masked["phone"] == "139****1234"
    listed = ApiClient(county_supervisor).get("/api/v1/hotline/tickets?status=open").json()
    assert listed["count"] == 1 and listed["items"][0]["number"] == ticket.number


def test_the_answer_and_close_endpoints(station_longquan):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    client = ApiClient(station_longquan)
    answered = client.post(f"/api/v1/hotline/tickets/{ticket.pk}/respond", {"text": "已答复"})
    assert answered.json()["status"] == "in_progress"
    closed = client.post(
        f"/api/v1/hotline/tickets/{ticket.pk}/close",
        {"resolution": "电话指导", "satisfaction": 4},
    )
    body = closed.json()
    assert body["status"] == "closed" and body["satisfaction"] == 4
    assert body["clocks"]["resolution"]["state"] == "met"
    again = client.post(f"/api/v1/hotline/tickets/{ticket.pk}/respond", {"text": "再答复"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "INVALID_TRANSITION"
