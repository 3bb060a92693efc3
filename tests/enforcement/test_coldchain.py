"""疫苗冷链: vaccine is dispatched with its temperature and signed for with the temperature at
receipt; out of 2–8 °C it is never dispatched, and a lot received out of range is held —
immunization refuses it — until the county releases it."""

from __future__ import annotations

import pytest

from smartvet.core.access import available_actions
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.enforcement.commands.coldchain import ReleaseVaccine
from smartvet.enforcement.models import Shipment
from smartvet.enforcement.services import coldchain
from smartvet.immunization.models import VaccineLot
from tests.enforcement.disposal_factories import dispatch, receive
from tests.immunization.factories import make_lot
from tests.support.api import ApiClient, error_code


@pytest.fixture
def county_lot(county_supervisor):
    return make_lot(county_supervisor, doses=1000)


def _release(actor, shipment, note="复检效价合格，准予使用"):
    command = parse(ReleaseVaccine, {"note": note})
    return coldchain.release_vaccine(actor=actor, shipment_id=shipment.pk, command=command)


def test_vaccine_received_in_range_is_used_as_before(
    county_supervisor, station_longquan, county_lot
):
    shipment = dispatch(county_supervisor, county_lot, to="station_longquan", doses=300)
    assert shipment.status == "in_transit" and shipment.lot.holder == station_longquan
    assert available_actions(station_longquan, shipment).names == ["receive"]
    receive(station_longquan, shipment, "4.5")
    shipment.refresh_from_db()
    assert shipment.status == "received" and not shipment.lot.held
    county_lot.refresh_from_db()
    assert county_lot.doses_left == 700


def test_vaccine_out_of_range_at_dispatch_is_never_sent(county_supervisor, county_lot):
    with pytest.raises(DomainError, match="COLD_CHAIN_OUT_OF_RANGE") as refused:
        dispatch(county_supervisor, county_lot, to="station_longquan", temperature="9.5")
    assert "冷链要求2–8℃" in str(refused.value)
    county_lot.refresh_from_db()
    assert county_lot.doses_left == 1000
    assert not Shipment.objects.exists() and county_lot.transfers.count() == 0


def test_a_lot_received_out_of_range_is_held_until_the_county_releases_it(
    county_supervisor, station_longquan, county_lot
):
    shipment = dispatch(county_supervisor, county_lot, to="station_longquan", doses=300)
    receive(station_longquan, shipment, "11.0")
    shipment.refresh_from_db()
    lot = VaccineLot.objects.get(pk=shipment.lot_id)
    assert shipment.status == "held" and lot.held
    with pytest.raises(DomainError, match="VACCINE_LOT_HELD"):
        dispatch(station_longquan, lot, to="provider_xingmu", doses=10)
    assert available_actions(station_longquan, shipment).names == []
    assert available_actions(county_supervisor, shipment).names == ["release"]
    with pytest.raises(PermissionDenied):
        _release(station_longquan, shipment)
    _release(county_supervisor, shipment)
    lot.refresh_from_db()
    assert not lot.held
    actions = list(LedgerEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-5:] == [
        "shipment.dispatched",
        "vaccine_lot.held",
        "shipment.held",
        "vaccine_lot.released",
        "shipment.released",
    ]


def test_only_the_receiver_signs_and_only_once(
    county_supervisor, station_longquan, station_yaqueling, county_lot
):
    shipment = dispatch(county_supervisor, county_lot, to="station_longquan")
    with pytest.raises((PermissionDenied, DomainError)):
        receive(station_yaqueling, shipment)
    receive(station_longquan, shipment)
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        receive(station_longquan, shipment, "12.0")
    shipment.refresh_from_db()
    assert shipment.receipt_temperature == 5 and not shipment.lot.held


def test_the_api_dispatches_receives_and_lists_held_lots(
    county_supervisor, station_longquan, county_lot
):
    county = ApiClient(county_supervisor)
    body = {"lot": county_lot.pk, "to": "station_longquan", "doses": 50, "temperature": "6.0"}
    sent = county.post("/api/v1/shipments", body)
    assert sent.status_code == 201, sent.content
    warm = county.post("/api/v1/shipments", {**body, "temperature": "1.5"})
    assert warm.status_code == 422 and error_code(warm) == "COLD_CHAIN_OUT_OF_RANGE"
    station = ApiClient(station_longquan)
    received = station.post(f"/api/v1/shipments/{sent.json()['id']}/receive", {"temperature": "10"})
    assert received.json()["status"] == "held" and received.json()["lot_held"] is True
    held = county.get("/api/v1/shipments", status="held").json()
    assert held["count"] == 1 and held["items"][0]["actions"] == ["release"]
