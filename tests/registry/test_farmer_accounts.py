"""A farmer who never logged in declares from the farm's QR (issue 10 point 9, the registry's
side): the station's registration gives the owner an account, the card carries its one-time
code, and the QR's address leads a logged-out phone through /activate/ to the declaration."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from smartvet.core import services as core_services
from smartvet.core.models import LedgerEvent, User
from smartvet.registry.models import Farm
from tests.support.api import ApiClient
from tests.support.factories import LONGQUAN_VILLAGE, make_farm

PHONE = "13907175555"


def _qr_url(client, farm) -> str:
    """The card's QR content as the page prints it under the code."""
    html = client.get(f"/farms/{farm.pk}/qr/").content.decode()
    start = html.index("http://testserver/d/")
    return html[start : html.index("<", start)].replace("&amp;", "&")


def test_the_station_registers_a_farm_and_its_owner_gets_an_account(station_longquan):
    farm = make_farm(station_longquan, phone=PHONE, owner_name="赵六")
    owner = farm.owner
    assert owner is not None and owner.username == PHONE and owner.display_name == "赵六"
    assert not owner.has_usable_password()
    assert core_services.activation_code_for(owner)
    events = LedgerEvent.objects.filter(action__in=["account.created", "farm.registered"])
    assert set(events.values_list("action", flat=True)) == {"account.created", "farm.registered"}


def test_a_second_farm_of_the_same_owner_keeps_one_account(station_longquan):
    first = make_farm(station_longquan, phone=PHONE)
    second = make_farm(station_longquan, phone=PHONE)
    assert first.owner == second.owner
    assert User.objects.filter(username=PHONE).count() == 1


def test_a_farm_without_a_mobile_number_or_registered_by_its_farmer_has_no_new_account(
    station_longquan, farmer_longquan
):
    assert make_farm(station_longquan, phone="").owner is None
    assert make_farm(station_longquan, phone="0717-6543210").owner is None
    own = make_farm(farmer_longquan, phone=PHONE)
    assert own.owner == farmer_longquan
    assert not User.objects.filter(username=PHONE).exists()


def test_a_number_that_is_another_kind_of_account_does_not_become_the_owner(station_longquan):
    make_farm(station_longquan, phone=PHONE)  # the farmer's account, activated below
    User.objects.filter(username=PHONE).update(role="station")
    assert make_farm(station_longquan, phone=PHONE).owner is None


def test_a_refused_registration_creates_no_account(station_longquan):
    response = ApiClient(station_longquan).post(
        "/api/v1/farms",
        {
            "name": "坏身份证",
            "kind": "scale",
            "owner_id_number": "123",
            "phone": PHONE,
            "region": LONGQUAN_VILLAGE,
        },
    )
    assert response.status_code == 422
    assert not User.objects.filter(username=PHONE).exists()


def test_the_card_prints_the_code_and_its_qr_carries_it_until_used(client, station_longquan):
    farm = make_farm(station_longquan, phone=PHONE)
    code = core_services.activation_code_for(farm.owner)
    client.force_login(station_longquan)
    card = client.get(f"/farms/{farm.pk}/qr/").content.decode()
    assert 'data-testid="activation-code"' in card and code in card and PHONE in card
    url = _qr_url(client, farm)
    assert urlsplit(url).path == f"/d/{farm.code}/"
    assert parse_qs(urlsplit(url).query) == {"activate": [code]}
    api_url = ApiClient(station_longquan).get(f"/api/v1/farms/{farm.pk}").json()["qr_url"]
    assert api_url == url

    core_services.activate_account(code=code, password="longquan-pigs-88")
    card = client.get(f"/farms/{farm.pk}/qr/").content.decode()
    assert 'data-testid="activation-code"' not in card
    assert _qr_url(client, farm) == f"http://testserver/d/{farm.code}/"


def test_only_those_who_enrol_farmers_see_the_code(client, station_longquan, personas):
    farm = make_farm(station_longquan, phone=PHONE)
    code = core_services.activation_code_for(farm.owner)
    for reader in (personas.vet_longquan, personas.county_supervisor):
        client.force_login(reader)
        card = client.get(f"/farms/{farm.pk}/qr/").content.decode()
        assert (code in card) == (reader == personas.county_supervisor)


@pytest.mark.parametrize("declaration", ["card", "quarantine"])
def test_a_logged_out_scan_sets_the_password_and_lands_on_the_declaration(
    client, station_longquan, declaration
):
    """The QR's address (the farm's /d/ link), or the declaration page itself with the code,
    opened on a phone that never logged in: login → activate → the farm's declaration form."""
    farm = make_farm(station_longquan, phone=PHONE)
    code = core_services.activation_code_for(farm.owner)
    declare = f"/quarantine/farms/{farm.pk}/declare/"
    scanned = f"/d/{farm.code}/" if declaration == "card" else declare
    to_login = client.get(scanned, {"activate": code})
    assert to_login.status_code == 302 and to_login["Location"].startswith("/login/")
    to_activate = client.get(to_login["Location"])
    assert to_activate.status_code == 302 and to_activate["Location"].startswith("/activate/")
    form = client.get(to_activate["Location"])
    assert form.status_code == 200 and code in form.content.decode()
    done = client.post(
        "/activate/",
        {
            "code": code,
            "password": "longquan-pigs-88",
            "password_again": "longquan-pigs-88",
            "next": form.context["next"],
        },
    )
    assert done.status_code == 302
    landed = client.get(done["Location"], follow=True)
    assert landed.request["PATH_INFO"] == declare and landed.status_code == 200
    assert farm.name in landed.content.decode()
    assert Farm.objects.get(pk=farm.pk).owner.check_password("longquan-pigs-88")
