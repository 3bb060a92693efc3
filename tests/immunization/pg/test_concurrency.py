"""Races on PostgreSQL (collected only in the PostgreSQL pass): two vaccinators drawing the
last doses of one lot at the same moment. Exactly one wins; the loser writes nothing."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent
from smartvet.immunization import services
from smartvet.immunization.commands import RecordImmunization
from smartvet.immunization.models import Immunization, VaccineLot
from smartvet.registry import services as registry_services
from tests.immunization.factories import make_lot
from tests.support.factories import make_farm

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except DomainError as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.parametrize("round_", range(3))
def test_two_vaccinators_cannot_both_take_the_last_doses(personas, round_):
    station = personas.station_longquan
    farms = [make_farm(station, stock={"sow": 100}) for _ in range(2)]
    for farm in farms:
        registry_services.assign_server(
            actor=station, farm_id=farm.pk, username="vaccinator_longquan"
        )
    lot = make_lot(station, doses=100)
    before = LedgerEvent.objects.count()

    def draw(farm, actor):
        command = RecordImmunization(
            farm=farm.pk,
            date=timezone.localdate(),
            category="sow",
            disease="FMD",
            lot=lot.pk,
            animals=60,
            doses=60,
        )
        return lambda: services.record_immunization(actor=actor, command=command)

    results = race(draw(farms[0], personas.vaccinator_longquan), draw(farms[1], station))
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].code == "VACCINE_STOCK_INSUFFICIENT"
    assert Immunization.objects.count() == 1
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 40
    assert LedgerEvent.objects.count() == before + 1
