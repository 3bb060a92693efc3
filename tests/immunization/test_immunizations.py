"""免疫录入 and every refusal of DOMAIN.md §4 / issue 4."""

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.immunization.models import Immunization, VaccineLot
from tests.immunization.factories import immunize, make_lot


def _left(lot) -> int:
    return VaccineLot.objects.get(pk=lot.pk).doses_left


def test_a_vaccinator_immunizes_a_served_farm_with_station_vaccine(
    vaccinator_longquan, pig_farm, tender_lot
):
    today = timezone.localdate()
    record = immunize(
        vaccinator_longquan, pig_farm, tender_lot, category="sow", animals=50, doses=50
    )
    assert _left(tender_lot) == 950
    assert record.next_due == today + timedelta(days=120)
    assert record.protected_until == today + timedelta(days=180)
    assert record.performer_role == "vaccinator"
    assert LedgerEvent.objects.filter(action="immunization.recorded").count() == 1


def test_a_farmer_uses_own_vaccine_on_own_farm(farmer_longquan, pig_farm, own_lot):
    immunize(farmer_longquan, pig_farm, own_lot, category="fattening_pig", animals=200)
    assert _left(own_lot) == 100


def test_a_farmer_cannot_use_tender_vaccine(farmer_longquan, pig_farm, tender_lot):
    with pytest.raises(DomainError, match="VACCINE_NOT_USABLE"):
        immunize(farmer_longquan, pig_farm, tender_lot)


def test_self_purchased_vaccine_is_for_its_own_farm_only(station_longquan, other_farm, own_lot):
    with pytest.raises(DomainError, match="VACCINE_NOT_USABLE"):
        immunize(station_longquan, other_farm, own_lot)
    assert _left(own_lot) == 300


def test_a_foreign_lot_is_not_found(station_yaqueling, station_longquan, pig_farm):
    foreign = make_lot(station_yaqueling)
    with pytest.raises(NotFound):
        immunize(station_longquan, pig_farm, foreign)


def test_a_vaccinator_does_not_immunize_a_farm_not_served(
    vaccinator_longquan, other_farm, tender_lot
):
    with pytest.raises(PermissionDenied):
        immunize(vaccinator_longquan, other_farm, tender_lot)


def test_an_official_vet_does_not_immunize(vet_longquan, pig_farm, tender_lot):
    with pytest.raises(PermissionDenied):
        immunize(vet_longquan, pig_farm, tender_lot)


def test_another_township_cannot_reach_the_farm(station_yaqueling, pig_farm, tender_lot):
    with pytest.raises(NotFound):
        immunize(station_yaqueling, pig_farm, tender_lot)


def test_expired_vaccine_is_refused(station_longquan, pig_farm):
    today = timezone.localdate()
    lot = make_lot(station_longquan, expiry=today, received_on=today - timedelta(days=5))
    immunize(station_longquan, pig_farm, lot, on=today)  # the last day is still fine
    VaccineLot.objects.filter(pk=lot.pk).update(expiry=today - timedelta(days=1))
    with pytest.raises(DomainError, match="VACCINE_EXPIRED"):
        immunize(station_longquan, pig_farm, lot, on=today)
    assert Immunization.objects.count() == 1


def test_a_disease_the_lot_does_not_cover_is_refused(station_longquan, pig_farm):
    hpai = make_lot(station_longquan, diseases=["HPAI"])
    farm_with_layers = pig_farm
    from smartvet.registry import services as registry
    from smartvet.registry.commands import RecordStockEvent

    today = timezone.localdate()
    birth = RecordStockEvent(category="layer", kind="birth", quantity=100, date=today)
    registry.record_stock_event(actor=station_longquan, farm_id=farm_with_layers.pk, command=birth)
    with pytest.raises(DomainError, match="VACCINE_DISEASE_MISMATCH"):
        immunize(station_longquan, pig_farm, hpai, category="sow", disease="FMD")
    immunize(station_longquan, pig_farm, hpai, category="layer", disease="HPAI", animals=100)


def test_a_disease_outside_the_plan_for_the_category_is_refused(
    station_longquan, pig_farm, tender_lot
):
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        immunize(station_longquan, pig_farm, tender_lot, category="sow", disease="PPR")


def test_more_doses_than_left_is_refused_and_nothing_changes(station_longquan, pig_farm):
    lot = make_lot(station_longquan, doses=30)
    with pytest.raises(DomainError, match="VACCINE_STOCK_INSUFFICIENT"):
        immunize(station_longquan, pig_farm, lot, animals=31)
    assert _left(lot) == 30
    assert not Immunization.objects.exists()


def test_more_animals_than_stock_is_refused(station_longquan, pig_farm, tender_lot):
    with pytest.raises(DomainError, match="STOCK_INSUFFICIENT"):
        immunize(station_longquan, pig_farm, tender_lot, category="sow", animals=51)
    with pytest.raises(DomainError, match="STOCK_INSUFFICIENT"):
        immunize(station_longquan, pig_farm, tender_lot, category="breeding_boar", animals=1)
    assert _left(tender_lot) == 1000


def test_future_dates_are_refused(station_longquan, pig_farm, tender_lot):
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        immunize(
            station_longquan, pig_farm, tender_lot, on=timezone.localdate() + timedelta(days=1)
        )


def test_a_provider_uses_its_own_lot_and_its_vaccinator_too(
    station_longquan, provider_xingmu, vaccinator_longquan, pig_farm, tender_lot
):
    provider_lot = make_lot(provider_xingmu)
    immunize(vaccinator_longquan, pig_farm, provider_lot, animals=5)
    from smartvet.registry import services as registry

    registry.assign_server(actor=station_longquan, farm_id=pig_farm.pk, username="provider_xingmu")
    immunize(provider_xingmu, pig_farm, provider_lot, animals=5)
    with pytest.raises(DomainError, match="VACCINE_NOT_USABLE"):
        immunize(provider_xingmu, pig_farm, tender_lot, animals=5)  # the station's vaccine
    assert _left(provider_lot) == 990


def test_tags_fitted_during_the_visit_go_through_the_ear_tag_service(
    county_supervisor, station_longquan, vaccinator_longquan, pig_farm, tender_lot
):
    from tests.eartags.factories import code, issue, register

    register(county_supervisor, 1, 100)
    issue(county_supervisor, 1, 100, to_region="420506107")
    record = immunize(
        vaccinator_longquan,
        pig_farm,
        tender_lot,
        animals=2,
        ear_tags=[code(1), "1-420506-00000002"],
    )
    assert record.ear_tags == [code(1), "1-420506-00000002"]
    from smartvet.eartags.models import Tag

    assert Tag.objects.filter(farm=pig_farm, status="fitted").count() == 2
    with pytest.raises(DomainError):
        immunize(vaccinator_longquan, pig_farm, tender_lot, animals=1, ear_tags=["123"])
    assert Immunization.objects.count() == 1
    assert VaccineLot.objects.get(pk=tender_lot.pk).doses_left == 998
