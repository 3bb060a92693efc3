"""A farm's page offers only what the user may do with that farm (issue 9 point 1: a page
shows exactly the buttons the user may press)."""

from __future__ import annotations

from django.urls import reverse

from smartvet.registry import services as registry
from tests.support.factories import make_farm


def _links(client, user, farm) -> str:
    client.force_login(user)
    return client.get(f"/farms/{farm.pk}/").content.decode()


def test_a_vaccinator_is_offered_immunization_only_on_the_farms_it_serves(
    client, station_longquan, vaccinator_longquan
):
    served = make_farm(station_longquan)
    other = make_farm(station_longquan)
    registry.assign_server(
        actor=station_longquan, farm_id=served.pk, username=vaccinator_longquan.username
    )
    assert reverse("immunization:entry-farm", args=[served.pk]) in _links(
        client, vaccinator_longquan, served
    )
    assert reverse("immunization:entry-farm", args=[other.pk]) not in _links(
        client, vaccinator_longquan, other
    )
