"""A transferred lot is usable only by the holder that has signed for it: until then neither
the sender nor the receiver (nor those who draw on the receiver's stock) records an
immunization with it or moves it on — on the service, the API, the entry page and the
offline queue alike — and the refusal says why (VACCINE_LOT_NOT_RECEIVED). Vaccine moved by
the cold chain is signed for there, with its temperature."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.immunization import queries, services
from smartvet.immunization.models import Immunization, VaccineLot
from tests.enforcement.disposal_factories import dispatch, receive
from tests.immunization.factories import immunize, make_lot, transfer
from tests.support.api import ApiClient, error_code

NOT_RECEIVED = "VACCINE_LOT_NOT_RECEIVED"


@pytest.fixture
def county_lot(county_supervisor):
    return make_lot(county_supervisor, doses=1000)


@pytest.fixture
def sent(county_supervisor, station_longquan, county_lot):
    """300 doses the county sent to 龙泉镇's station, not signed for yet."""
    return transfer(county_supervisor, county_lot, "station_longquan", 300)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _entry(lot, **extra) -> dict:
    return {
        "date": str(lot.received_on),
        "category": "sow",
        "disease": "FMD",
        "lot": str(lot.pk),
        "animals": "10",
        "doses": "10",
        "ear_tags": "",
        **extra,
    }


def test_nobody_uses_or_moves_a_lot_before_its_receiver_signs_for_it(
    county_supervisor, station_longquan, vaccinator_longquan, pig_farm, sent
):
    assert sent.receipt == "awaited"
    for user in (vaccinator_longquan, station_longquan):
        with pytest.raises(DomainError, match=NOT_RECEIVED) as refused:
            immunize(user, pig_farm, sent)
        assert "尚未签收" in str(refused.value.message)
    with pytest.raises(DomainError):  # the sender gave the doses away
        immunize(county_supervisor, pig_farm, sent)
    with pytest.raises(DomainError, match=NOT_RECEIVED):
        transfer(station_longquan, sent, "provider_xingmu", 10)
    offered = queries.usable_lots(
        vaccinator_longquan, pig_farm, sent.received_on, category="sow", disease="FMD"
    )
    assert sent not in offered
    sent.refresh_from_db()
    assert sent.doses_left == 300 and not Immunization.objects.exists()
    assert sent.transfers.count() == 0


def test_only_the_receiver_signs_and_then_its_area_uses_the_lot(
    county_supervisor, station_longquan, station_yaqueling, vaccinator_longquan, pig_farm, sent
):
    for stranger in (county_supervisor, station_yaqueling):
        with pytest.raises((PermissionDenied, DomainError)):
            services.sign_for_lot(actor=stranger, lot_id=sent.pk)
    assert VaccineLot.objects.get(pk=sent.pk).receipt == "awaited"
    services.sign_for_lot(actor=station_longquan, lot_id=sent.pk)
    event = LedgerEvent.objects.order_by("seq").last()
    assert event.action == "vaccine_lot.signed_for" and event.actor == station_longquan
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        services.sign_for_lot(actor=station_longquan, lot_id=sent.pk)
    immunize(vaccinator_longquan, pig_farm, sent)
    with pytest.raises(DomainError):  # still not the sender's
        immunize(county_supervisor, pig_farm, sent)
    assert VaccineLot.objects.get(pk=sent.pk).doses_left == 290


def test_the_api_refuses_the_unsigned_lot_and_signs_for_it(
    station_longquan, vaccinator_longquan, pig_farm, sent
):
    body = {**_entry(sent), "farm": pig_farm.pk, "animals": 10, "doses": 10, "ear_tags": []}
    refused = ApiClient(vaccinator_longquan).post("/api/v1/immunizations", body)
    assert refused.status_code == 422 and error_code(refused) == NOT_RECEIVED
    station = ApiClient(station_longquan)
    assert station.get(f"/api/v1/vaccine-lots/{sent.pk}").json()["receipt"] == "awaited"
    signed = station.post(f"/api/v1/vaccine-lots/{sent.pk}/receipt", {})
    assert signed.status_code == 200 and signed.json()["receipt"] == "signed"
    done = ApiClient(vaccinator_longquan).post("/api/v1/immunizations", body)
    assert done.status_code == 201, done.content


def test_the_entry_page_does_not_offer_it_and_says_why_when_it_is_posted(
    vaccinator_longquan, pig_farm, sent
):
    client = _client(vaccinator_longquan)
    url = f"/immunization/farms/{pig_farm.pk}/entry/"
    page = client.get(url, {"category": "sow", "disease": "FMD"}).content.decode()
    assert f'value="{sent.pk}"' not in page
    refused = client.post(url, _entry(sent))
    assert refused.status_code == 422
    assert "接收单位尚未签收" in refused.content.decode()
    assert not Immunization.objects.exists()


def test_a_queued_entry_naming_it_gets_the_conflict_shown_not_dropped(
    vaccinator_longquan, station_longquan, pig_farm, sent
):
    """The vaccinator wrote the entry offline; the lot turns out unsigned when it is sent:
    the queue gets the page with the reason in its error box (the entry stays to correct),
    and once the station signs, the same entry goes through."""
    client = _client(vaccinator_longquan)
    url = f"/immunization/farms/{pig_farm.pk}/entry/"
    entry = _entry(sent, client_id=str(uuid.uuid4()))
    refused = client.post(url, entry, headers={"X-Smartvet-Offline": "1"})
    assert refused.status_code == 422 and "json" not in refused["Content-Type"]
    html = refused.content.decode()
    assert f'data-code="{NOT_RECEIVED}"' in html and "接收单位尚未签收" in html
    assert not LedgerEvent.objects.filter(client_id=entry["client_id"]).exists()
    services.sign_for_lot(actor=station_longquan, lot_id=sent.pk)
    again = client.post(url, entry, headers={"X-Smartvet-Offline": "1"})
    assert again.json()["sent"] is True
    assert Immunization.objects.get().lot_id == sent.pk


def test_the_lot_page_offers_the_receiver_its_signature(county_supervisor, station_longquan, sent):
    url = f"/immunization/lots/{sent.pk}/"
    sender_page = _client(county_supervisor).get(url).content.decode()
    assert 'data-action="sign_for_lot"' not in sender_page
    page = _client(station_longquan).get(url).content.decode()
    assert "待签收" in page and 'data-action="sign_for_lot"' in page
    assert f'action="/immunization/lots/{sent.pk}/transfer/"' not in page
    response = _client(station_longquan).post(f"/immunization/lots/{sent.pk}/sign/", follow=True)
    html = response.content.decode()
    assert "已签收" in html and 'data-action="sign_for_lot"' not in html
    assert VaccineLot.objects.get(pk=sent.pk).receipt == "signed"


def test_cold_chain_vaccine_is_signed_for_at_receipt_with_its_temperature(
    county_supervisor, station_longquan, vaccinator_longquan, pig_farm, county_lot
):
    shipment = dispatch(county_supervisor, county_lot, to="station_longquan", doses=300)
    lot = VaccineLot.objects.get(pk=shipment.lot_id)
    with pytest.raises(DomainError, match=NOT_RECEIVED):
        immunize(vaccinator_longquan, pig_farm, lot)
    with pytest.raises(DomainError, match="INVALID_TRANSITION") as refused:
        services.sign_for_lot(actor=station_longquan, lot_id=lot.pk)
    assert "到货温度" in str(refused.value.message)
    page = _client(station_longquan).get(f"/immunization/lots/{lot.pk}/").content.decode()
    assert 'data-action="sign_for_lot"' not in page and "待到货测温签收" in page
    receive(station_longquan, shipment, "5.0")
    immunize(vaccinator_longquan, pig_farm, lot)
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 290
