"""Agreements (issue 11 point 2): the farmer confirms, and then the provider and its named
vaccinators serve the farm — which is what tag issue, immunization entry and declaration read."""

from __future__ import annotations

import pytest

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.registry import queries as registry_queries
from smartvet.vetservice.services import agreements
from tests.support.factories import make_farm
from tests.vetservice import factories as f


def test_a_confirmed_agreement_makes_the_provider_and_its_vaccinator_serve_the_farm(
    farm, xingmu, farmer_longquan, provider_xingmu, vaccinator_longquan
):
    agreement = f.make_agreement(provider_xingmu, farm)
    assert agreement.status == "proposed"
    assert not registry_queries.is_served_by(farm, vaccinator_longquan)
    agreements.confirm_agreement(actor=farmer_longquan, agreement_id=agreement.pk)
    assert registry_queries.is_served_by(farm, vaccinator_longquan)
    assert registry_queries.is_served_by(farm, provider_xingmu)
    assert set(registry_queries.server_ids(farm)) == {provider_xingmu.pk, vaccinator_longquan.pk}


def test_an_ended_agreement_serves_no_more_from_tomorrow(
    farm, xingmu, farmer_longquan, vaccinator_longquan, provider_xingmu
):
    agreement = f.make_agreement(provider_xingmu, farm, confirm_by=farmer_longquan)
    agreements.end_agreement(actor=farmer_longquan, agreement_id=agreement.pk)
    assert registry_queries.is_served_by(farm, vaccinator_longquan)  # still today
    from datetime import timedelta

    from smartvet.registry.models import FarmServer

    assert FarmServer.objects.get(farm=farm, account=vaccinator_longquan).ends_on == f.today()
    assert (
        f.today() + timedelta(days=1)
        > FarmServer.objects.get(farm=farm, account=vaccinator_longquan).ends_on
    )


def test_only_the_farms_farmer_confirms(farm, xingmu, provider_xingmu, station_longquan):
    agreement = f.make_agreement(provider_xingmu, farm)
    with pytest.raises(PermissionDenied):
        agreements.confirm_agreement(actor=provider_xingmu, agreement_id=agreement.pk)


def test_another_townships_provider_cannot_make_an_agreement_with_the_farm(
    farm, xingmu, huimin, provider_yaqueling, provider_xingmu, station_yaqueling
):
    yaqueling_farm = make_farm(station_yaqueling, region=f.YAQUELING_VILLAGE)
    with pytest.raises(NotFound):
        f.make_agreement(
            provider_yaqueling,
            farm,
            provider="provider_yaqueling",
            vaccinators=["vaccinator_yaqueling"],
        )
    with pytest.raises(DomainError) as refused:
        f.make_agreement(provider_xingmu, yaqueling_farm, vaccinators=[])
    assert refused.value.code == "PROVIDER_OUTSIDE_TOWNSHIP"


def test_a_provider_drafts_only_for_itself(
    farm, xingmu, huimin, provider_xingmu, station_yaqueling
):
    yaqueling_farm = make_farm(station_yaqueling, region=f.YAQUELING_VILLAGE)
    with pytest.raises(PermissionDenied):
        f.make_agreement(
            provider_xingmu, yaqueling_farm, provider="provider_yaqueling", vaccinators=[]
        )


def test_an_expired_vaccinator_cannot_be_named(farm, xingmu, county_supervisor, provider_xingmu):
    f.enrol(
        county_supervisor, "vaccinator_longquan", expires=f.today().replace(year=f.today().year - 1)
    )
    with pytest.raises(DomainError) as refused:
        f.make_agreement(provider_xingmu, farm)
    assert refused.value.code == "QUALIFICATION_EXPIRED"
