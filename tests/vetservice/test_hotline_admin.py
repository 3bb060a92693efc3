"""Admin: hotline, report and meeting records are read-only; a county's hotline policy is
edited there through the service (ledger event), with its hours checked."""

from __future__ import annotations

import pytest
from django.test import Client

from smartvet.core.models import LedgerEvent
from smartvet.vetservice.models import HotlinePolicy
from tests.support.factories import LONGQUAN
from tests.vetservice.hotline_factories import open_ticket

pytestmark = pytest.mark.django_db

POLICY = {
    "region": "420506",
    "working_hours": "08:00-12:00,14:30-18:00",
    "first_response_hours": "1",
    "next_update_hours": "4",
    "resolution_hours": "16",
}


def admin_client(personas) -> Client:
    admin = personas.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def test_a_countys_policy_is_set_in_the_admin_with_a_ledger_event(personas):
    response = admin_client(personas).post("/admin/vetservice/hotlinepolicy/add/", POLICY)
    assert response.status_code == 302
    policy = HotlinePolicy.objects.get()
    assert policy.working_hours == "08:00-12:00,14:30-18:00" and policy.first_response_hours == 1
    assert LedgerEvent.objects.filter(action="hotline.policy_set").count() == 1


@pytest.mark.parametrize(
    "bad", [{"working_hours": "8点到12点"}, {"region": LONGQUAN}, {"first_response_hours": "0"}]
)
def test_a_bad_policy_is_refused_on_the_form(personas, bad):
    response = admin_client(personas).post(
        "/admin/vetservice/hotlinepolicy/add/", {**POLICY, **bad}
    )
    assert response.status_code == 200  # the form again, with its error
    assert not HotlinePolicy.objects.exists()


def test_tickets_are_read_only_in_the_admin(personas):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN)
    client = admin_client(personas)
    assert client.get("/admin/vetservice/hotlineticket/").status_code == 200
    assert client.get(f"/admin/vetservice/hotlineticket/{ticket.pk}/change/").status_code == 200
    assert client.get("/admin/vetservice/hotlineticket/add/").status_code == 403
    for path in ("dailyreport", "monthlymeeting"):
        assert client.get(f"/admin/vetservice/{path}/").status_code == 200
