"""The vehicle register (备案车辆, seed 002): registration, disinfection, the county's rule, and
what a declaration and a checkpoint make of a plate."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.quarantine import services as quarantine
from smartvet.quarantine.commands import CheckIn
from smartvet.quarantine.models import Declaration
from smartvet.registry import queries
from smartvet.registry.models import Vehicle
from smartvet.registry.rules import disinfected_in_time, normalize_plate
from tests.enforcement.vehicle_factories import disinfect, register, require_registered
from tests.quarantine import factories


def test_a_plate_is_registered_once_in_any_spelling(personas):
    vehicle = register(personas.county_supervisor, "鄂e a1234")
    assert vehicle.plate == "鄂EA1234" and vehicle.county_id == "420506"
    with pytest.raises(DomainError) as refused:
        register(personas.bureau, "鄂E·A1234")
    assert refused.value.code == "VEHICLE_REGISTERED" and "鄂EA1234" in str(refused.value.message)
    assert Vehicle.objects.count() == 1


def test_who_registers_vehicles(personas):
    with pytest.raises(PermissionDenied):
        register(personas.station_longquan)
    with pytest.raises(NotFound):
        register(personas.jiyuan_supervisor, region="420506")
    with pytest.raises(DomainError) as refused:
        register(personas.county_supervisor, owner_phone="12345")
    assert refused.value.code == "VALIDATION_ERROR"
    assert not Vehicle.objects.exists()


def test_a_disinfection_keeps_the_latest_date(personas):
    vehicle = register(personas.county_supervisor)
    today = timezone.localdate()
    disinfect(personas.checkpoint, vehicle, today)
    disinfect(personas.checkpoint, vehicle, today - timedelta(days=5))
    vehicle.refresh_from_db()
    assert vehicle.last_disinfected_on == today
    with pytest.raises(DomainError):
        disinfect(personas.checkpoint, vehicle, today + timedelta(days=1))
    assert vehicle.disinfections.count() == 2


def test_the_county_or_the_province_sets_the_rule_not_a_station(personas):
    with pytest.raises(PermissionDenied):
        require_registered(personas.station_longquan)
    with pytest.raises(NotFound):
        require_registered(personas.jiyuan_supervisor)
    require_registered(personas.province_supervisor)
    assert queries.registration_required("420506107201")
    require_registered(personas.county_supervisor, required=False)
    assert not queries.registration_required("420506107")


# --- the declaration ---------------------------------------------------------------------


def test_an_unregistered_vehicle_is_refused_where_the_county_requires_it(tagged, farm):
    require_registered(tagged.county_supervisor)
    events = LedgerEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2), vehicle="鄂E·C7788")
    assert refused.value.code == "VEHICLE_UNREGISTERED"
    assert "鄂E·C7788" in str(refused.value.message)
    assert [d["field"] for d in refused.value.details if d["code"] == "VEHICLE_UNREGISTERED"] == [
        "vehicle"
    ]
    assert not Declaration.objects.exists() and LedgerEvent.objects.count() == events

    register(tagged.county_supervisor, "鄂E C7788")
    declaration = factories.declare(
        tagged.farmer_longquan, farm, factories.tags(1, 2), vehicle="鄂e·c7788"
    )
    assert declaration.vehicle == "鄂e·c7788"


def test_any_vehicle_is_declared_where_the_county_does_not_require_registration(tagged, farm):
    require_registered(tagged.county_supervisor, required=False)
    assert factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2)).pk


# --- the checkpoint ----------------------------------------------------------------------


def _check(personas, certificate, **fields):
    values = {"vehicle": "鄂E·A1234", "count_seen": 5, **fields}
    return quarantine.record_checkpoint_check(
        actor=personas.checkpoint,
        number=certificate.number,
        command=factories.command(CheckIn, **values),
    )


def test_the_checkpoint_flags_an_unregistered_vehicle_where_the_county_requires_it(
    tagged, certificate
):
    assert _check(tagged, certificate).flags == []
    require_registered(tagged.county_supervisor)
    check = _check(tagged, certificate)
    assert check.result == "fail" and check.flags == ["vehicle_unregistered"]


def test_the_checkpoint_flags_a_registered_vehicle_not_disinfected_in_time(tagged, certificate):
    vehicle = register(tagged.county_supervisor)
    assert _check(tagged, certificate).flags == ["vehicle_not_disinfected"]
    disinfect(tagged.checkpoint, vehicle, timezone.localdate() - timedelta(days=3))
    assert _check(tagged, certificate).flags == ["vehicle_not_disinfected"]
    disinfect(tagged.checkpoint, vehicle)
    assert _check(tagged, certificate).flags == []
    status = queries.vehicle_status("鄂E A1234", region="420506")
    assert status.registered and status.disinfected


def test_the_checkpoint_compares_the_tags_it_reads(tagged, certificate):
    same = _check(tagged, certificate, ear_tags=factories.tags(1, 5))
    assert same.flags == []
    swapped = _check(tagged, certificate, ear_tags=[*factories.tags(1, 4), factories.tag(900)])
    assert swapped.result == "fail" and swapped.flags == ["tag_mismatch"]
    event = LedgerEvent.objects.filter(action="certificate.checked").last()
    assert event.summary["tags_missing"] == [factories.tag(5)]
    assert event.summary["tags_extra"] == [factories.tag(900)]


@given(st.text(alphabet="鄂EAb12 ·-", max_size=12))
def test_a_plate_normalises_to_one_spelling(plate):
    once = normalize_plate(plate)
    assert normalize_plate(once) == once
    assert " " not in once and once == once.upper()


@given(st.integers(-3, 40), st.integers(0, 30))
def test_disinfection_counts_back_from_the_day(age, days):
    today = timezone.localdate()
    assert disinfected_in_time(today - timedelta(days=age), today, days) == (0 <= age <= days)
    assert not disinfected_in_time(None, today, days)
