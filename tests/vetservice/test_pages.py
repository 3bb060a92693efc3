"""The vetservice pages as each role meets them: buttons are exactly the available actions
(data-action), refusals show a Chinese message and change nothing."""

from __future__ import annotations

import re
import uuid

from django.test import Client

from smartvet.core.access import available_actions
from tests.vetservice import factories as f


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _buttons(html: str) -> set[str]:
    return set(re.findall(r'data-action="([a-z_]+)"', html))


def test_the_vaccinator_completes_an_order_from_its_page(
    agreed_farm, farmer_longquan, vaccinator_longquan, lot
):
    order = f.place(farmer_longquan, agreed_farm, animals=10)
    client = client_for(vaccinator_longquan)
    page = client.get(f"/services/orders/{order.pk}/").content.decode()
    assert _buttons(page) == set(available_actions(vaccinator_longquan, order).names) == {"accept"}
    client.post(f"/services/orders/{order.pk}/accept/")
    response = client.post(
        f"/services/orders/{order.pk}/complete/",
        {
            "date": f.today().isoformat(),
            "disease": "FMD",
            "lot": lot.pk,
            "animals": 9,
            "doses": 9,
            "ear_tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    order.refresh_from_db()
    assert order.status == "done" and order.immunization.animals == 9


def test_an_expired_vaccinator_reads_why_it_cannot_accept(
    agreed_farm, farmer_longquan, vaccinator_longquan, county_supervisor
):
    order = f.place(farmer_longquan, agreed_farm)
    f.enrol(
        county_supervisor, "vaccinator_longquan", expires=f.today().replace(year=f.today().year - 1)
    )
    response = client_for(vaccinator_longquan).post(f"/services/orders/{order.pk}/accept/")
    assert response.status_code == 422
    assert (
        "资格证已于" in response.content.decode()
        and 'data-code="QUALIFICATION_EXPIRED"' in response.content.decode()
    )
    order.refresh_from_db()
    assert order.status == "assigned"


def test_the_farmers_phone_pages_show_its_buttons(agreed_farm, farmer_longquan):
    client = client_for(farmer_longquan)
    for path in (
        "/services/",
        "/services/orders/new/",
        "/services/agreements/",
        "/services/catalogue/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    order = f.place(farmer_longquan, agreed_farm)
    assert _buttons(client.get(f"/services/orders/{order.pk}/").content.decode()) == set()


def test_county_pages(agreed_farm, bureau, station_longquan, provider_xingmu):
    for user, paths in (
        (
            bureau,
            (
                "/services/statements/",
                "/services/roster/",
                "/services/roster/export.xlsx",
                "/services/orders/export.xlsx",
            ),
        ),
        (station_longquan, ("/services/board/", "/services/roster/")),
        (provider_xingmu, ("/services/board/", "/services/statements/")),
    ):
        client = client_for(user)
        for path in paths:
            assert client.get(path).status_code == 200, (user, path)


def test_a_page_form_is_read_without_the_pages_own_fields(
    agreed_farm, farmer_longquan, vaccinator_longquan, lot
):
    """The CSRF token and an offline entry's id are the page's (core.forms.posted), never a
    field the command refuses as unknown."""
    order = f.place(farmer_longquan, agreed_farm, animals=10)
    vaccinator = client_for(vaccinator_longquan)
    vaccinator.post(f"/services/orders/{order.pk}/accept/")
    vaccinator.post(
        f"/services/orders/{order.pk}/complete/",
        {"date": f.today().isoformat(), "disease": "FMD", "lot": lot.pk, "animals": 9, "doses": 9},
    )
    page_fields = {"csrfmiddlewaretoken": "x" * 64, "client_id": str(uuid.uuid4())}
    response = client_for(farmer_longquan).post(
        f"/services/orders/{order.pk}/confirm/", {"rating": 5, "comment": "及时", **page_fields}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    order.refresh_from_db()
    assert order.status == "confirmed" and order.rating == 5
