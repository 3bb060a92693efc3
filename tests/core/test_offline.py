"""Offline entry on the server (core.offline): an entry sent again with the same client id is
written once, a refusal writes nothing and keeps the id free, the queue gets JSON for a
success; the service worker and the waiting-entries page."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from smartvet.core import ledger, offline
from smartvet.core.models import LedgerEvent
from smartvet.immunization.models import Immunization, VaccineLot
from smartvet.registry import services as registry_services
from smartvet.registry.models import Farm
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_farm(station_longquan):
    farm = make_farm(station_longquan, stock={"sow": 50})
    registry_services.assign_server(
        actor=station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


@pytest.fixture
def lot(station_longquan):
    return make_lot(station_longquan, doses=100)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _entry(farm, lot, client_id, *, animals=10):
    return {
        "date": str(timezone.localdate()),
        "category": "sow",
        "disease": "FMD",
        "lot": lot.pk,
        "animals": str(animals),
        "doses": str(animals),
        "ear_tags": "",
        "client_id": str(client_id),
    }


def test_the_same_entry_sent_twice_is_written_once(vaccinator_longquan, served_farm, lot):
    client = _client(vaccinator_longquan)
    url = f"/immunization/farms/{served_farm.pk}/entry/"
    entry = _entry(served_farm, lot, uuid.uuid4())
    first = client.post(url, entry, headers={"X-Smartvet-Offline": "1"})
    again = client.post(url, entry, headers={"X-Smartvet-Offline": "1"})
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() == {"sent": True, "location": url}
    assert Immunization.objects.count() == 1
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 90
    assert LedgerEvent.objects.filter(client_id=entry["client_id"]).count() == 1
    # a double tap on the page itself: the second answer says it was already written
    page = client.post(url, entry, follow=True)
    assert "这条记录已经提交过，没有重复录入" in page.content.decode()
    assert Immunization.objects.count() == 1


def test_two_resends_at_once_end_in_one_record(vaccinator_longquan, served_farm, lot, monkeypatch):
    """The second send looked before the first committed: its ledger insert breaks the
    unique constraint, its write rolls back, and it answers as a resend."""
    client = _client(vaccinator_longquan)
    url = f"/immunization/farms/{served_farm.pk}/entry/"
    entry = _entry(served_farm, lot, uuid.uuid4())
    client.post(url, entry)
    looked = []
    real = offline.recorded

    def not_yet_seen(actor, client_id):
        looked.append(client_id)
        return None if len(looked) == 1 else real(actor, client_id)

    monkeypatch.setattr(offline, "recorded", not_yet_seen)
    response = client.post(url, entry, headers={"X-Smartvet-Offline": "1"})
    assert response.json()["sent"] is True and len(looked) == 2
    assert Immunization.objects.count() == 1
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 90


def test_a_refused_entry_writes_nothing_and_can_be_corrected(vaccinator_longquan, served_farm, lot):
    client = _client(vaccinator_longquan)
    url = f"/immunization/farms/{served_farm.pk}/entry/"
    client_id = uuid.uuid4()
    refused = client.post(
        url, _entry(served_farm, lot, client_id, animals=80), headers={"X-Smartvet-Offline": "1"}
    )
    assert refused.status_code == 422 and "json" not in refused["Content-Type"]
    assert "存栏" in refused.content.decode()  # the Chinese reason, for the queue to show
    assert not Immunization.objects.exists()
    assert not LedgerEvent.objects.filter(client_id=client_id).exists()
    corrected = client.post(
        url, _entry(served_farm, lot, client_id, animals=20), headers={"X-Smartvet-Offline": "1"}
    )
    assert corrected.json()["sent"] is True
    assert Immunization.objects.get().animals == 20


def test_the_id_is_the_entry_of_one_account(station_longquan, station_yaqueling):
    """Two accounts' phones may make the same id: each entry is written."""
    client_id = str(uuid.uuid4())
    places = ((station_longquan, "420506107201"), (station_yaqueling, "420506108201"))
    for station, region in places:
        response = _client(station).post(
            "/farms/new/",
            {
                "name": f"离线登记{region}",
                "kind": "household",
                "region": region,
                "owner_name": "赵四",
                "owner_id_number": "420506197503124511",
                "phone": "13907171235",
                "address": "三组",
                "client_id": client_id,
            },
        )
        assert response.status_code == 302
    assert Farm.objects.filter(name__startswith="离线登记").count() == 2


def test_an_unreadable_id_is_no_id(vaccinator_longquan, served_farm, lot):
    client = _client(vaccinator_longquan)
    url = f"/immunization/farms/{served_farm.pk}/entry/"
    for _ in range(2):
        response = client.post(url, {**_entry(served_farm, lot, ""), "client_id": "x"})
        assert response.status_code == 302
    assert Immunization.objects.count() == 2


def test_only_the_first_event_of_a_write_carries_the_id(station_longquan):
    client_id = uuid.uuid4()
    token = offline._client_id.set(client_id)
    try:
        with transaction.atomic():
            first = ledger.record(actor=station_longquan, action="test.first")
            second = ledger.record(actor=station_longquan, action="test.second")
    finally:
        offline._client_id.reset(token)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.client_id == client_id and second.client_id is None
    assert offline.recorded(station_longquan, client_id) == first
    assert ledger.verify() is None  # the id is outside the digest


def test_the_entry_pages_are_marked_for_the_worker_and_opt_in(
    vaccinator_longquan, vet_longquan, station_longquan, served_farm, lot
):
    forms = [
        (vaccinator_longquan, f"/immunization/farms/{served_farm.pk}/entry/", "免疫录入"),
        (vaccinator_longquan, "/eartags/fit/", "佩戴耳标"),
        (station_longquan, "/farms/new/", "登记养殖场户"),
    ]
    for user, url, name in forms:
        response = _client(user).get(url)
        assert response.status_code == 200, url
        assert response["X-Smartvet-Offline"] == "page", url
        assert f'data-offline="{name}"' in response.content.decode(), url
    edit = _client(station_longquan).get(f"/farms/{served_farm.pk}/edit/")
    assert 'data-offline="' not in edit.content.decode()  # only the registration is queued
    assert "X-Smartvet-Offline" not in _client(vet_longquan).get("/farms/")


def test_the_service_worker_is_served_at_the_root(client, station_longquan):
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Cache-Control"] == "no-cache"
    body = worker.content.decode()
    assert body.startswith("const CONFIG = {") and "/static/smartvet/offline.js" in body
    assert "没有网络" in body  # the worker's own page speaks Chinese
    assert client.get("/offline/").status_code == 302  # the queue page is a signed-in page
    client.force_login(station_longquan)
    queue = client.get("/offline/")
    assert queue.status_code == 200 and queue["X-Smartvet-Offline"] == "page"
    assert "data-offline-queue" in queue.content.decode()
